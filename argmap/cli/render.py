"""`argmap render`: draw maps as SVG, PNG, PDF or DOT."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.app import EXIT_OK, EXIT_PROBLEMS, app, config_for, fail, tool_errors, use_colour
from argmap.terminal import for_terminal

if TYPE_CHECKING:
    from argmap.diagram.batch import RenderOutcome
    from argmap.lint.runner import CheckResult
    from argmap.problems import Severity

# With more maps than this, a terminal shows a progress bar.
_PROGRESS_FROM = 4

_DIRECTION_HELP = (
    "Which way the arrows run, from reasons to what they support: BT (conclusions on top, the default), "
    "TB (conclusions at the bottom), LR (conclusions on the right) or RL. Default: BT, or LR when BT "
    "is wider than the width budget (1,900 pt), or one diagram per conclusion when both are."
)


@app.command()
def render(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Map files, or folders to search for maps. Default: the current folder."),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="svg, png, pdf or dot.")] = "svg",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="A folder to write the diagrams into (default: beside each map), "
            "or - to write one map's diagram to standard output.",
        ),
    ] = None,
    direction: Annotated[str | None, typer.Option("--direction", "-d", help=_DIRECTION_HELP)] = None,
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth",
            min=0,
            help=(
                "Draw N steps of reasoning below each conclusion; deeper reasons become a '+k reasons' stub."
            ),
        ),
    ] = None,
    focus: Annotated[
        str | None,
        typer.Option(
            "--focus", help="Draw one node (its id, or map-id#node-id) with what supports and attacks it."
        ),
    ] = None,
    split: Annotated[
        bool,
        typer.Option(
            "--split", help="One diagram per conclusion (MAP--CONCLUSION.svg), and an index in MAP.svg."
        ),
    ] = False,
    notes: Annotated[
        bool | None,
        typer.Option(
            "--notes/--no-notes",
            help="Numbered notes under the diagram: each node's quote and source line (default: on for pdf).",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; exit 1 and list the diagrams that are missing, older than their maps, "
            "or left over from an earlier split (run it with the options of the render). "
            "Works for svg, png and dot.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Render maps that have errors too, and redraw diagrams that are up to date."
        ),
    ] = False,
    legend: Annotated[
        bool,
        typer.Option("--legend/--no-legend", help="Draw a legend of the shapes, lines and statuses used."),
    ] = True,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="bundled (the Graphviz inside pygraphviz, the default) or system (a `dot` program on PATH).",
        ),
    ] = "bundled",
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="Read the configuration from this file instead of looking for one."),
    ] = None,
    colour: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color", help="Colour the problems (default: when printing to a terminal)."
        ),
    ] = None,
    maps_only: Annotated[
        bool,
        typer.Option(
            "--maps-only",
            help=(
                "Skip named files that do not declare `argmap:` "
                "(for pre-commit, which passes every YAML file)."
            ),
        ),
    ] = False,
    fail_on_untracked: Annotated[
        bool,
        typer.Option(
            "--fail-on-untracked",
            help="Exit 1 and name each diagram written that git does not track yet (for pre-commit, "
            "which notices only changes to tracked files).",
        ),
    ] = False,
    min_severity: Annotated[
        str,
        typer.Option(
            "--min-severity",
            help="Print only the problems at this severity or worse: info (all), warning or error.",
        ),
    ] = "info",
) -> None:
    """Draw maps as diagrams: claims, inferences and counterexamples, with
    what survives the evaluation, the problems found and links to the source.

    `maps/x.yaml` gives `maps/x.svg`. A map with errors is not drawn (exit 1)
    unless --force. A diagram already drawn from the same map and options is
    left alone. Exit code 0 when every map was drawn, 1 when some had errors
    (or, with --check, when a diagram is stale or missing), 2 when argmap
    could not run.
    """
    from argmap.diagram.batch import RenderSettings
    from argmap.diagram.dot import DIRECTIONS, RenderOptions
    from argmap.diagram.draw import CHECKABLE_FORMATS, ENGINES, FORMATS
    from argmap.problems import Severity

    try:
        threshold = Severity.parse(min_severity)
    except ValueError as error:
        fail(f"--min-severity: {error}")
    # Without a direction, each view (a depth, a focus too) is drawn the way that fits the width budget.
    auto = direction is None
    direction = (direction or "BT").upper()
    output_format = output_format.lower()
    if output_format not in FORMATS:
        fail(f"unknown format `{output_format}`", hint="use one of: " + ", ".join(FORMATS))
    if direction not in DIRECTIONS:
        fail(f"unknown direction `{direction}`", hint="use one of: " + ", ".join(DIRECTIONS))
    if engine not in ENGINES:
        fail(f"unknown engine `{engine}`", hint="use one of: " + ", ".join(ENGINES))
    to_stdout = output == "-"
    if split and to_stdout:
        fail(
            "--split writes an index and one diagram per conclusion: it cannot write them to standard output",
            hint="leave out `-o -`, or use -o FOLDER",
        )
    if check and to_stdout:
        fail("--check compares files: it cannot check standard output", hint="leave out `-o -`")
    if check and output_format not in CHECKABLE_FORMATS:
        fail(
            f"--check cannot tell whether a {output_format.upper()} is up to date: "
            "it carries no digest of its map",
            hint="check the svg, png or dot diagrams instead",
        )
    if to_stdout and output_format in ("png", "pdf") and sys.stdout.isatty():
        fail(
            f"will not write a {output_format.upper()} to a terminal",
            hint="redirect it to a file, or use -o FOLDER",
        )
    settings = RenderSettings(
        output_format=output_format,
        options=RenderOptions(
            direction=direction,
            legend=legend,
            depth=depth,
            focus=focus,
            notes=notes if notes is not None else output_format == "pdf",
            page=output_format == "pdf",
        ),
        auto=auto,
        split=split,
        engine=engine,
        check=check,
        force=force,
    )
    paths = paths or [Path()]
    with tool_errors():
        from argmap.diagram.batch import RenderOutcome, plan_outputs, render_job
        from argmap.lint.runner import check_paths

        config = config_for(paths, config_file)
        result = check_paths(paths, config, maps_only=maps_only)
        jobs = plan_outputs(result, output, output_format, to_stdout)
        outcome = RenderOutcome()
        with _progress(len(jobs)) as advance:
            for job in jobs:
                drawing = render_job(result, job, settings, outcome)
                if drawing is not None:
                    sys.stdout.flush()
                    sys.stdout.buffer.write(drawing)
                    sys.stdout.buffer.flush()
                advance()
        untracked: list[str] = []
        if fail_on_untracked and not check:
            from argmap.authoring.git import untracked as untracked_files

            untracked = untracked_files([name for name in outcome.rendered if name != "-"])
    _report(result, outcome, check, colour, threshold, untracked)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on a terminal for more than a few maps; nothing otherwise."""
    if total < _PROGRESS_FROM or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("rendering"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("render", total=total)
        yield lambda: progress.advance(task)


def _report(
    result: CheckResult,
    outcome: RenderOutcome,
    check: bool,
    colour: bool | None,
    threshold: Severity,
    untracked: list[str],
) -> None:
    from argmap.diagram.batch import plural
    from argmap.output.formats import format_problems
    from argmap.problems import at_least

    not_drawn = outcome.not_drawn(result)
    shown_problems = at_least(
        (problem for problem in result.problems if problem.file in not_drawn), threshold
    )
    if shown_problems:
        typer.echo(
            format_problems(
                shown_problems, "text", files_checked=len(not_drawn), colour=use_colour(colour, sys.stderr)
            ),
            err=True,
            nl=False,
        )
    for warning in outcome.warnings:
        typer.echo(f"argmap: warning: {warning}", err=True)
    for file, errors in outcome.forced:
        typer.echo(
            f"argmap: {for_terminal(file)}: drawn despite {plural(errors, 'error')} (--force)", err=True
        )
    if check:
        for shown in outcome.missing:
            typer.echo(f"{for_terminal(shown)}: missing")
        for shown in outcome.stale:
            typer.echo(f"{for_terminal(shown)}: stale")
        for shown in outcome.left_over:
            typer.echo(f"{for_terminal(shown)}: left over (no conclusion of its map is drawn there any more)")
        typer.echo(outcome.check_summary(result))
    elif outcome.rendered != ["-"]:
        typer.echo("argmap: " + outcome.summary(result), err=True)
    for shown in untracked:
        typer.echo(
            f"argmap: {for_terminal(shown)}: written, but git does not track it yet: `git add` it", err=True
        )
    failed = outcome.failed(result, check) or bool(untracked)
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)
