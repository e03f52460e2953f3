"""`argmap check`, `argmap export` and `argmap schema`."""

from __future__ import annotations

from pathlib import Path

import typer

from argmap.cli.app import EXIT_OK, EXIT_PROBLEMS, app, config_for, fail, tool_errors, use_colour

_FORMAT_HELP = (
    "text (for people), parsable (file:line:col: [severity] CODE message), json, or github (annotations)."
)


@app.command()
def check(
    paths: list[Path] = typer.Argument(
        None,
        help="Map files, or folders to search for maps (*.yaml and *.yml that declare `argmap:`). Default: the current folder.",
    ),
    output_format: str = typer.Option("text", "--format", "-f", help=_FORMAT_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors, without hints or summary."),
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
) -> None:
    """Check maps for problems: syntax, format, structure, gaps and quotes.

    Exit code 0 when nothing is at error severity (with --strict: nor at
    warning), 1 when the maps have problems, 2 when argmap could not run.
    """
    from argmap.output.problem_formats import FORMATS, format_problems

    if output_format not in FORMATS:
        fail(f"unknown format `{output_format}`", hint="use one of: " + ", ".join(FORMATS))
    paths = paths or [Path()]
    with tool_errors():
        from argmap.lint.parallel import check_paths_parallel

        if jobs < 0:
            fail("--jobs takes 0 (every core) or a number of processes")
        config = config_for(paths, config_file, select=select, ignore=ignore, max_file_size=max_file_size)
        result = check_paths_parallel(paths, config, jobs, maps_only=maps_only)
    coloured = use_colour(colour) and output_format == "text"
    output = format_problems(
        result.problems,
        output_format,
        files_checked=len(result.workspace.files),
        colour=coloured,
        quiet=quiet,
    )
    if output:
        typer.echo(output, nl=False, color=coloured)
    raise typer.Exit(EXIT_PROBLEMS if result.failed(strict) else EXIT_OK)


@app.command()
def export(
    path: Path = typer.Argument(..., help="The map to export."),
    output_format: str = typer.Option(
        "json",
        "--format",
        "-f",
        help="json (argmap's own, lossless), aif, argdown, graphml, mermaid, sadface (see docs/interchange.md).",
    ),
    output: Path = typer.Option(
        None, "--output", "-o", help="Write to this file instead of standard output."
    ),
) -> None:
    """Print a map's normalized graph as JSON: nodes with their kind, status
    and source line, and edges with their relation."""
    if output_format != "json":  # the formats of other tools
        from argmap.cli.interchange import export_foreign

        export_foreign(path, output_format, output)
        return
    with tool_errors():
        from argmap.lint.runner import check_paths
        from argmap.output.checked_export import export_document
        from argmap.problems import Severity, UsageError

        if path.is_dir():
            raise UsageError(f"{path}: export takes one map file, not a folder")
        config = config_for([path])
        result = check_paths([path], config)
        if not result.workspace.requested:
            from argmap.output.problem_formats import format_problems

            typer.echo(format_problems(result.problems, "text", files_checked=1), err=True, nl=False)
            raise typer.Exit(EXIT_PROBLEMS)
        text = export_document(result, result.workspace.requested[0])
        if output is not None:
            from argmap.files import write_output

            write_output(output, text.encode("utf-8"))
        else:
            typer.echo(text, nl=False)
        errors = [p for p in result.problems if p.severity is Severity.ERROR]
        if errors:
            from argmap.terminal import for_terminal

            typer.echo(
                f"argmap: exported, but the map has {len(errors)} error(s): run `argmap check {for_terminal(str(path))}`",
                err=True,
            )


@app.command()
def schema() -> None:
    """Print the JSON Schema of the map format (for editors and other tools)."""
    from argmap.input.schema import schema_text

    typer.echo(schema_text(), nl=False)
