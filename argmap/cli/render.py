"""`argmap render`: draw maps as SVG, PNG, PDF or DOT."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import attrs
import typer

from argmap.cli.app import EXIT_OK, EXIT_PROBLEMS, app, config_for, fail, tool_errors, use_colour
from argmap.terminal import for_terminal

if TYPE_CHECKING:
    from argmap.diagram.dot import RenderOptions
    from argmap.input.model import ArgMap
    from argmap.lint.runner import CheckResult

# With more maps than this, a terminal shows a progress bar.
_PROGRESS_FROM = 4

_DIRECTION_HELP = (
    "Which way the arrows run, from reasons to what they support: BT (conclusions on top, the default), "
    "TB (conclusions at the bottom), LR (conclusions on the right) or RL."
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
    direction: Annotated[str, typer.Option("--direction", "-d", help=_DIRECTION_HELP)] = "BT",
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; exit 1 and list the diagrams that are missing or older than their maps "
            "(run it with the options of the render). Works for svg, png and dot.",
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
            help="Skip named files that do not declare `argmap:` (for pre-commit, which passes every YAML file).",
        ),
    ] = False,
) -> None:
    """Draw maps as diagrams: claims, inferences and counterexamples, with
    what survives the evaluation, the problems found and links to the source.

    `maps/x.yaml` gives `maps/x.svg`. A map with errors is not drawn (exit 1)
    unless --force. A diagram already drawn from the same map and options is
    left alone. Exit code 0 when every map was drawn, 1 when some had errors
    (or, with --check, when a diagram is stale or missing), 2 when argmap
    could not run.
    """
    from argmap.diagram.dot import DIRECTIONS, RenderOptions
    from argmap.diagram.draw import CHECKABLE_FORMATS, ENGINES, FORMATS

    direction = direction.upper()
    output_format = output_format.lower()
    if output_format not in FORMATS:
        fail(f"unknown format `{output_format}`", hint="use one of: " + ", ".join(FORMATS))
    if direction not in DIRECTIONS:
        fail(f"unknown direction `{direction}`", hint="use one of: " + ", ".join(DIRECTIONS))
    if engine not in ENGINES:
        fail(f"unknown engine `{engine}`", hint="use one of: " + ", ".join(ENGINES))
    to_stdout = output == "-"
    if check and to_stdout:
        fail("--check compares files: it cannot check standard output", hint="leave out `-o -`")
    if check and output_format not in CHECKABLE_FORMATS:
        fail(
            f"--check cannot tell whether a {output_format.upper()} is up to date: it carries no digest of its map",
            hint="check the svg, png or dot diagrams instead",
        )
    if to_stdout and output_format in ("png", "pdf") and sys.stdout.isatty():
        fail(
            f"will not write a {output_format.upper()} to a terminal",
            hint="redirect it to a file, or use -o FOLDER",
        )
    options = RenderOptions(direction=direction, legend=legend)
    paths = paths or [Path()]
    with tool_errors():
        from argmap.lint.runner import check_paths

        config = config_for(paths, config_file)
        result = check_paths(paths, config, maps_only=maps_only)
        jobs = _plan(result, output, output_format, to_stdout)
        outcome = _Outcome()
        with _progress(len(jobs)) as advance:
            for argmap, destination in jobs:
                _render_one(
                    result, argmap, destination, output_format, options, engine, check, force, outcome
                )
                advance()
    _report(result, outcome, check, colour)


@attrs.define
class _Outcome:
    """What happened to each map, for the summary."""

    rendered: list[str] = attrs.Factory(list)
    up_to_date: list[str] = attrs.Factory(list)
    refused: list[str] = attrs.Factory(list)  # map files with errors, not drawn
    forced: list[tuple[str, int]] = attrs.Factory(list)  # map files drawn despite errors, with the count
    stale: list[str] = attrs.Factory(list)
    missing: list[str] = attrs.Factory(list)
    warnings: list[str] = attrs.Factory(list)  # about the drawings (no font), each said once


def _plan(
    result: CheckResult, output: str | None, output_format: str, to_stdout: bool
) -> list[tuple[ArgMap, Path | None]]:
    """Each map with the file its diagram goes to (None: standard output)."""
    from argmap.problems import UsageError

    maps = list(result.workspace.requested)
    if to_stdout:
        if len(result.workspace.files) > 1:
            raise UsageError(
                f"-o - writes one diagram, but {len(result.workspace.files)} maps were given",
                hint="name one map, or use -o FOLDER",
            )
        return [(argmap, None) for argmap in maps]
    folder: Path | None = None
    if output is not None:
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(
                f"{output}: not a folder", hint="-o takes a folder to write the diagrams into, or -"
            )
    jobs: list[tuple[ArgMap, Path | None]] = []
    claimed: dict[Path, str] = {}
    for argmap in maps:
        source = argmap.path if argmap.path is not None else Path(argmap.file)
        destination = (folder / source.name if folder is not None else source).with_suffix(
            "." + output_format
        )
        key = destination.resolve()
        if key in claimed:
            raise UsageError(
                f"{claimed[key]} and {argmap.file} would both be drawn as {destination}",
                hint="render them into different folders, or rename one",
            )
        claimed[key] = argmap.file
        jobs.append((argmap, destination))
    return jobs


def _render_one(
    result: CheckResult,
    argmap: ArgMap,
    destination: Path | None,
    output_format: str,
    options: RenderOptions,
    engine: str,
    check: bool,
    force: bool,
    outcome: _Outcome,
) -> None:
    from argmap.diagram.dot import dot_source
    from argmap.diagram.draw import dot_digest, draw, stamped_digest
    from argmap.problems import Severity

    problems = [problem for problem in result.problems if problem.file == argmap.file]
    errors = sum(1 for problem in problems if problem.severity is Severity.ERROR)
    if errors and not force:
        outcome.refused.append(argmap.file)
        return
    context = result.run.context(argmap)
    dot = dot_source(context, problems, options)
    if destination is not None:
        shown = _shown(destination)
        existing = _read(destination, shown, _readable_bytes(output_format, dot))
        fresh = existing is not None and stamped_digest(existing, output_format) == dot_digest(dot)
        if check:
            if existing is None:
                outcome.missing.append(shown)
            elif not fresh:
                outcome.stale.append(shown)
            else:
                outcome.up_to_date.append(shown)
            return
        if fresh and not force:
            outcome.up_to_date.append(shown)
            return
    drawing = draw(dot, output_format, engine)
    outcome.warnings.extend(warning for warning in drawing.warnings if warning not in outcome.warnings)
    if destination is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(drawing.data)
        sys.stdout.buffer.flush()
    else:
        from argmap.files import write_output

        write_output(destination, drawing.data, _shown(destination))
    outcome.rendered.append(_shown(destination) if destination is not None else "-")
    if errors:
        outcome.forced.append((argmap.file, errors))


# The digest of an SVG or a PNG stands in its first bytes (after the <svg>
# element, or the PNG's header): no more is read of a diagram already there.
_DIGEST_WITHIN_BYTES = 1024 * 1024


def _readable_bytes(output_format: str, dot: str) -> int:
    """How much of a diagram already there is worth reading: a DOT file is
    compared whole, and one longer than the new DOT differs from it anyway."""
    return len(dot.encode("utf-8")) + 1 if output_format == "dot" else _DIGEST_WITHIN_BYTES


def _read(path: Path, shown: str, limit: int) -> bytes | None:
    """The first `limit` bytes of the diagram at `path`, None when there is none.

    A committed diagram is the repository's to choose: one that is a pipe or
    a device (`x.svg -> /dev/zero`) would hang the run or feed it without
    end, so it is opened without blocking, judged by what was opened, and
    refused unless it is a regular file.
    """
    import os
    import stat

    from argmap.problems import SourceAccessError

    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise SourceAccessError(f"{shown}: cannot read the diagram ({error.strerror or error})") from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise SourceAccessError(
                f"{shown}: not a regular file (a pipe, a device or a socket): argmap will not read or replace it",
                hint="remove it, or render into another folder with -o",
            )
        try:
            return handle.read(limit)
        except OSError as error:
            raise SourceAccessError(f"{shown}: cannot read the diagram ({error.strerror or error})") from None


def _shown(path: Path) -> str:
    """The path from the working folder, its own last part kept even when it
    is a link (the diagram named is the one in the project, not its target)."""
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


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


def _report(result: CheckResult, outcome: _Outcome, check: bool, colour: bool | None) -> None:
    from argmap.output.problem_formats import format_problems

    loaded = {argmap.file for argmap in result.workspace.requested}
    unreadable = [name for name in result.workspace.files if name not in loaded]
    not_drawn = set(outcome.refused) | set(unreadable)
    shown_problems = [problem for problem in result.problems if problem.file in not_drawn]
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
            f"argmap: {for_terminal(file)}: drawn despite {_count(errors, 'error')} (--force)", err=True
        )
    if check:
        for shown in outcome.missing:
            typer.echo(f"{for_terminal(shown)}: missing")
        for shown in outcome.stale:
            typer.echo(f"{for_terminal(shown)}: stale")
        parts = [f"{_count(len(outcome.up_to_date), 'diagram')} up to date"]
        if outcome.stale:
            parts.append(f"{len(outcome.stale)} stale")
        if outcome.missing:
            parts.append(f"{len(outcome.missing)} missing")
        if not_drawn:
            parts.append(f"{_count(len(not_drawn), 'map')} with errors")
        typer.echo(", ".join(parts))
        failed = bool(outcome.stale or outcome.missing or not_drawn)
        raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)
    parts = [f"rendered {_count(len(outcome.rendered), 'map')}"]
    if outcome.up_to_date:
        parts.append(f"{len(outcome.up_to_date)} up to date")
    if outcome.refused:
        parts.append(f"{len(outcome.refused)} not rendered because of errors (--force draws them anyway)")
    if unreadable:
        reason = "it is not a valid map" if len(unreadable) == 1 else "they are not valid maps"
        parts.append(f"{len(unreadable)} not rendered because {reason}")
    if outcome.rendered != ["-"]:
        typer.echo("argmap: " + ", ".join(parts), err=True)
    raise typer.Exit(EXIT_PROBLEMS if not_drawn else EXIT_OK)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
