"""`argmap check`: the maps' problems, in the format asked for."""

from __future__ import annotations

from pathlib import Path

import typer

from argmap.cli.app import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_PROBLEMS,
    app,
    config_for,
    fail,
    tool_errors,
    use_colour,
)

_FORMAT_HELP = (
    "text (for people), parsable (file:line:col: [severity] CODE message), json, github (annotations), "
    "or sarif (SARIF 2.1.0, for GitHub code scanning)."
)


@app.command()
def check(
    paths: list[Path] = typer.Argument(
        None,
        help="Map files, or folders to search for maps (*.yaml and *.yml that declare `argmap:`). Default: the current folder.",
    ),
    output_format: str = typer.Option("text", "--format", "-f", help=_FORMAT_HELP),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Print only errors (in every format); in text, without hints or summary."
    ),
    min_severity: str = typer.Option(
        "info",
        "--min-severity",
        help="Print only problems at this severity or worse: info (all), warning or error. The exit code still counts all.",
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
        help="Processes to check with: 0 (the default) uses every core once there are 20 maps or more; 1 stays in one process. The output is the same.",
    ),
    semantics: str = typer.Option(
        "grounded",
        "--semantics",
        help="grounded (the verdict), or complete, preferred or stable: also print, per map, what is in in every labelling and what only in some (docs/evaluation.md).",
    ),
) -> None:
    """Check maps for problems: syntax, format, structure, gaps and quotes.

    Exit code 0 when nothing is at error severity (with --strict: nor at
    warning), 1 when the maps have problems, 2 when argmap could not run.
    """
    from argmap.output.formats import FORMATS, format_problems
    from argmap.problems import Severity, at_least

    if output_format not in FORMATS:
        fail(f"unknown format `{output_format}`", hint="use one of: " + ", ".join(FORMATS))
    try:
        threshold = Severity.ERROR if quiet else Severity.parse(min_severity)
    except ValueError as error:
        fail(f"--min-severity: {error}")
    paths = paths or [Path()]
    with tool_errors():
        from argmap.lint.parallel import check_paths_parallel

        if jobs < 0:
            fail("--jobs takes 0 (every core) or a number of processes")
        config = config_for(paths, config_file, select=select, ignore=ignore, max_file_size=max_file_size)
        result = check_paths_parallel(paths, config, jobs, maps_only=maps_only)
    coloured = use_colour(colour) and output_format == "text"
    output = format_problems(
        at_least(result.problems, threshold),
        output_format,
        files_checked=len(result.workspace.files),
        colour=coloured,
        quiet=quiet,
    )
    if output:
        typer.echo(output, nl=False, color=coloured)
    if semantics != "grounded":
        with tool_errors():
            from argmap.cli.semantics_summary import print_semantics

            print_semantics(result, semantics)
    if not result.workspace.files and not result.problems and not maps_only:
        # Usually a wrong path in CI: say so. (With --maps-only, pre-commit
        # passing no map among the staged YAML files is normal.)
        from argmap.terminal import for_terminal

        named = ", ".join(f"`{path}`" for path in paths)
        typer.echo(
            for_terminal(f"argmap: warning: no maps found in {named}")
            + "\n  hint: a map is a .yaml or .yml file that declares `argmap: 1`; check the path",
            err=True,
        )
        if strict:
            raise typer.Exit(EXIT_FAILURE)
    raise typer.Exit(EXIT_PROBLEMS if result.failed(strict) else EXIT_OK)
