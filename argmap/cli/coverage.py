"""`argmap coverage`: how much of its source a map quotes."""

from __future__ import annotations

from pathlib import Path

import typer

from argmap.cli.app import EXIT_OK, EXIT_PROBLEMS, app, fail, open_one_map, tool_errors

_COVERAGE_FORMATS = ("text", "json")


@app.command()
def coverage(
    path: Path = typer.Argument(..., help="The map whose source document to measure."),
    minimum: float = typer.Option(
        None,
        "--min",
        min=0.0,
        max=100.0,
        help="Exit 1 when less than this percentage of the source's sentences is covered (for CI).",
    ),
    output_format: str = typer.Option("text", "--format", "-f", help="text (for people) or json."),
) -> None:
    """Show the share of the source's sentences that the map's quotes cover,
    and the uncovered sentences that carry reasoning.

    The source (the map's `source.file`) is split into sentences; headings
    do not count. A sentence is covered when at least half of its
    characters (white space aside) lie inside passages where the map's
    quotes were found. The uncovered sentences listed are those with a
    reasoning marker (because, therefore, so, since, thus, however, but,
    suggest, means, if...): what the map may have missed.

    Exit code 0, or 1 when --min is given and coverage is below it, or when
    the map or its source has a problem; 2 when argmap could not run.
    """
    if output_format not in _COVERAGE_FORMATS:
        fail(f"unknown format `{output_format}`", hint="use one of: " + ", ".join(_COVERAGE_FORMATS))
    with tool_errors():
        from argmap.output.coverage_text import coverage_report

        opened, argmap = open_one_map(path, "coverage")
        report = coverage_report(opened.result.run.context(argmap), minimum)
    if report.source_problem is not None:
        from argmap.output.formats.text import problem_with_hint

        typer.echo(problem_with_hint(report.source_problem), err=True, nl=False)
        raise typer.Exit(EXIT_PROBLEMS)
    typer.echo(report.as_json() if output_format == "json" else report.as_text(), nl=False)
    raise typer.Exit(EXIT_PROBLEMS if report.below_minimum else EXIT_OK)
