"""`argmap coverage`: how much of its source a map quotes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from argmap.cli.app import EXIT_OK, EXIT_PROBLEMS, app, config_for, fail, tool_errors
from argmap.terminal import for_terminal

if TYPE_CHECKING:
    from argmap.grounding.coverage import Coverage

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
        from argmap.grounding.coverage import coverage_for
        from argmap.grounding.ground import grounding_for
        from argmap.lint.runner import check_paths
        from argmap.output.problem_formats import format_problems
        from argmap.problems import UsageError

        if path.is_dir():
            raise UsageError(f"{path}: coverage takes one map file, not a folder")
        config = config_for([path])
        result = check_paths([path], config)
        if not result.workspace.requested:
            typer.echo(format_problems(result.problems, "text", files_checked=1), err=True, nl=False)
            raise typer.Exit(EXIT_PROBLEMS)
        argmap = result.workspace.requested[0]
        context = result.run.context(argmap)
        grounding = grounding_for(context)
        if grounding.source_file is None:
            raise UsageError(
                f"map `{argmap.id}` names no `source.file`: there is no document to measure",
                hint="add `source: {file: path/to/document.txt}` (relative to the map)",
            )
        if grounding.issue is not None:
            issue = grounding.issue
            location = issue.location
            where = f"{for_terminal(location.file)}:{location.line}:{location.column}"
            typer.echo(f"{where}: {issue.kind.code} {for_terminal(issue.message)}", err=True)
            if issue.hint:
                typer.echo(f"    hint: {for_terminal(issue.hint)}", err=True)
            raise typer.Exit(EXIT_PROBLEMS)
        measured = coverage_for(context)
        assert measured is not None  # the source was read
        lost = sum(1 for check in grounding.quotes if check.line is None)
    if output_format == "json":
        import json

        typer.echo(json.dumps(_as_json(measured, argmap.file, lost, minimum), indent=2, ensure_ascii=False))
    else:
        typer.echo(_as_text(measured, argmap.file, lost, minimum), nl=False)
    raise typer.Exit(EXIT_PROBLEMS if minimum is not None and measured.below(minimum) else EXIT_OK)


def _as_text(measured: Coverage, map_file: str, lost: int, minimum: float | None) -> str:
    lines = [
        f"{measured.source_file} (the source of {map_file})",
        f"coverage: {measured.percent:.1f}% ({measured.covered} of {measured.total} sentences quoted)",
    ]
    if lost:
        lines.append(
            f"{lost} quote{'s' if lost != 1 else ''} not found in the source: run `argmap check {map_file}`"
        )
    uncovered = measured.uncovered_reasoning
    if uncovered:
        lines.append(f"uncovered sentences that carry reasoning ({len(uncovered)}):")
        for sentence in uncovered:
            lines.append(f"  line {sentence.line}: {sentence.text} [{', '.join(sentence.markers)}]")
    else:
        lines.append("every sentence that carries reasoning is covered.")
    if minimum is not None and measured.below(minimum):
        lines.append(f"coverage is below the minimum of {minimum:g}%")
    return "\n".join(for_terminal(line) for line in lines) + "\n"


def _as_json(measured: Coverage, map_file: str, lost: int, minimum: float | None) -> dict[str, Any]:
    return {
        "map": map_file,
        "source": measured.source_file,
        "sentences": measured.total,
        "covered": measured.covered,
        "percent": round(measured.percent, 1),
        "quotes_not_found": lost,
        "minimum": minimum,
        "passed": not (minimum is not None and measured.below(minimum)),
        "uncovered_reasoning": [
            {"line": sentence.line, "text": sentence.text, "markers": list(sentence.markers)}
            for sentence in measured.uncovered_reasoning
        ],
    }
