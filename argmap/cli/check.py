"""`argmap check`: the maps' problems, in the format asked for."""

from __future__ import annotations

from pathlib import Path

import typer

from argmap.cli.app import app
from argmap.cli.base import run_check

_FORMAT_HELP = (
    "text (for people), parsable (file:line:col: [severity] CODE message), json, github (annotations), "
    "or sarif (SARIF 2.1.0, for GitHub code scanning)."
)


@app.command()
def check(
    paths: list[Path] = typer.Argument(
        None,
        help=(
            "Map files, or folders to search for maps (*.yaml and *.yml that declare `argmap:`). "
            "Default: the current folder."
        ),
    ),
    output_format: str = typer.Option("text", "--format", "-f", help=_FORMAT_HELP),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Print only errors (in every format); in text, without hints or summary."
    ),
    min_severity: str = typer.Option(
        "info",
        "--min-severity",
        help=(
            "Print only problems at this severity or worse: info (all), warning or error. "
            "The exit code still counts all."
        ),
    ),
    strict: bool = typer.Option(False, "--strict", help="Fail (exit 1) on warnings too."),
    select: str = typer.Option(
        "", "--select", help="Only these rule codes or prefixes, comma-separated (e.g. M,A402)."
    ),
    ignore: str = typer.Option("", "--ignore", help="Skip these rule codes or prefixes, comma-separated."),
    config_file: Path = typer.Option(
        None, "--config", help="Read the configuration from this file instead of looking for one."
    ),
    max_file_size: str = typer.Option(
        "", "--max-file-size", help="Refuse map files larger than this (e.g. 64MiB)."
    ),
    colour: bool = typer.Option(
        None, "--color/--no-color", help="Colour the output (default: when printing to a terminal)."
    ),
    maps_only: bool = typer.Option(
        False,
        "--maps-only",
        help="Skip named files that do not declare `argmap:` (for pre-commit, which passes every YAML file).",
    ),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        help=(
            "Processes to check with, at most one per core that other programs leave idle: 0 (the "
            "default) uses them all once there are 20 maps or more; 1 stays in one process. The "
            "output is the same."
        ),
    ),
    semantics: str = typer.Option(
        "grounded",
        "--semantics",
        help=(
            "grounded (the verdict), or complete, preferred or stable: also print, per map, "
            "what is in in every labelling and what only in some (docs/evaluation.md)."
        ),
    ),
) -> None:
    """Check maps for problems: syntax, format, structure, gaps and quotes.

    Exit code 0 when nothing is at error severity (with --strict: nor at
    warning), 1 when the maps have problems, 2 when argmap could not run.
    """
    raise typer.Exit(
        run_check(
            paths,
            output_format=output_format,
            quiet=quiet,
            min_severity=min_severity,
            strict=strict,
            select=select,
            ignore=ignore,
            config_file=config_file,
            max_file_size=max_file_size,
            colour=colour,
            maps_only=maps_only,
            jobs=jobs,
            semantics=semantics,
        )
    )
