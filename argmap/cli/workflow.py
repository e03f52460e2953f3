"""`argmap new`, `argmap fmt` and `argmap watch`: the author's everyday commands."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
from argmap.terminal import for_terminal

if TYPE_CHECKING:
    from argmap.authoring.watch import WatchUpdate


@app.command()
def new(
    path: Annotated[Path, typer.Argument(help="The map file to create (.yaml).")],
    source: Annotated[
        Path, typer.Option("--source", "-s", help="The document the map reconstructs (text or Markdown).")
    ],
    title: Annotated[
        str | None,
        typer.Option(
            "--title", "-t", help="The map's title. Default: the source's title (front matter or first line)."
        ),
    ] = None,
    map_id: Annotated[
        str | None, typer.Option("--id", help="The map's id, a slug. Default: made from the file name.")
    ] = None,
    parents: Annotated[
        bool, typer.Option("--parents", "-p", help="Create the map's folder (and its parents) when missing.")
    ] = False,
) -> None:
    """Start a new map: the editor's schema line, the source block and a first
    conclusion to fill in. Never overwrites a file (exit 2)."""
    with tool_errors():
        from argmap.authoring.new import create

        created = create(path, source, title=title, map_id=map_id, parents=parents)
    typer.echo(for_terminal(f"created {path} (id `{created.map_id}`, source {created.source_file})"))
    typer.echo(
        for_terminal(f"next: replace the TODOs in it, then run `argmap watch {path}` to see what is missing")
    )


@app.command()
def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Map files, or folders to search for maps. Default: the current folder."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; list the files that would change and exit 1 if any."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff", help="Write nothing; print what would change as a unified diff (exit 1 if any)."
        ),
    ] = False,
    maps_only: Annotated[
        bool,
        typer.Option(
            "--maps-only",
            help="Skip named files that do not declare `argmap:` (for pre-commit, which passes every YAML file).",
        ),
    ] = False,
) -> None:
    """Rewrite maps in the one canonical layout: key order, indentation,
    quoting and line width, with every comment kept.

    Never changes what a map says, and never touches a file that does not
    parse or does not pass the schema (those are listed, exit 1). Exit 0
    when every map is formatted, 1 with --check or --diff when some would
    change, 2 when argmap could not run.
    """
    paths = paths or [Path()]
    refused = changed = unchanged = 0
    with tool_errors():
        from argmap.authoring.fmt import format_file, write_formatted
        from argmap.input.workspace import discover, display_name
        from argmap.output.problem_formats import format_problems

        config = config_for(paths)
        files = discover(paths, maps_only=maps_only)
        for file in files:
            result = format_file(file, display_name(file), config.limits)
            if result.refused:
                refused += 1
                typer.echo(
                    f"{for_terminal(result.file)}: not formatted: it has problems to fix first", err=True
                )
                typer.echo(
                    format_problems(result.problems, "text", files_checked=1, quiet=True), err=True, nl=False
                )
                continue
            if not result.changed:
                unchanged += 1
                continue
            changed += 1
            if diff:
                typer.echo(result.diff(), nl=False)
            if check or diff:
                typer.echo(f"would reformat {for_terminal(result.file)}", err=True)
            else:
                write_formatted(result)
                typer.echo(f"reformatted {for_terminal(result.file)}", err=True)
    typer.echo(_fmt_summary(changed, unchanged, refused, writing=not (check or diff)), err=True)
    if refused or (changed and (check or diff)):
        raise typer.Exit(EXIT_PROBLEMS)
    raise typer.Exit(EXIT_OK)


def _fmt_summary(changed: int, unchanged: int, refused: int, *, writing: bool) -> str:
    def files(count: int) -> str:
        return f"{count} file{'' if count == 1 else 's'}"

    parts = [f"{files(changed)} {'reformatted' if writing else 'would be reformatted'}"]
    parts.append(f"{files(unchanged)} left unchanged" if writing else f"{files(unchanged)} already formatted")
    if refused:
        parts.append(f"{files(refused)} not formatted because of problems")
    return "argmap fmt: " + ", ".join(parts)


@app.command()
def watch(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Map files, or folders to search for maps. Default: the current folder."),
    ] = None,
    render: Annotated[
        bool,
        typer.Option(
            "--render/--no-render", help="Re-render the diagrams (SVG beside each map) on each save."
        ),
    ] = True,
    colour: Annotated[
        bool | None, typer.Option("--color/--no-color", help="Colour the output (default: on a terminal).")
    ] = None,
    debounce: Annotated[
        int,
        typer.Option("--debounce", help="Milliseconds to wait for a save to settle before checking.", min=0),
    ] = 300,
) -> None:
    """Check maps (and re-render their diagrams) each time one or its source
    is saved: new problems are printed as they appear, and "✓ fixed" as they
    go. Ctrl-C stops it (exit 0)."""
    paths = paths or [Path()]
    painted = use_colour(colour)
    try:
        with tool_errors():
            from argmap.authoring.watch import watch_maps

            for missing in (path for path in paths if not path.exists()):
                fail(f"{missing}: no such file or folder")
            config = config_for(paths)
            renderer = _render_in_subprocess if render else None
            shown = ", ".join(for_terminal(str(path)) for path in paths)
            typer.echo(f"watching {shown} (Ctrl-C to stop)")
            for update in watch_maps(paths, config, render=renderer, debounce_ms=debounce):
                typer.echo(_describe(update, painted), nl=False)
    except KeyboardInterrupt:
        typer.echo("stopped watching")
        raise typer.Exit(EXIT_OK) from None


def _describe(update: WatchUpdate, colour: bool) -> str:
    """What a person watching the terminal needs to see of one update."""
    import time

    from argmap.output.problem_formats import format_problems, summary_line

    green, reset = ("\x1b[32m", "\x1b[0m") if colour else ("", "")
    lines: list[str] = []
    if not update.first:
        lines.append(f"\n[{time.strftime('%H:%M:%S')}] changed: {for_terminal(', '.join(update.changed))}")
    if update.failure is not None:
        lines.append(f"argmap: {for_terminal(update.failure.message)}")
        if update.failure.hint:
            lines.append(f"  hint: {for_terminal(update.failure.hint)}")
        return "\n".join(lines) + "\n"
    for problem in update.fixed:
        where = f"{for_terminal(problem.file)}:{problem.line}:{problem.column}"
        lines.append(f"{green}✓ fixed{reset} {where}: {problem.code} {for_terminal(problem.message)}")
    if update.appeared:
        text = format_problems(update.appeared, "text", files_checked=update.files_checked, colour=colour)
        # The summary of the new problems alone would mislead: the one below counts them all.
        own_summary = summary_line(update.appeared, update.files_checked)
        lines.extend(line for line in text.rstrip("\n").split("\n") if line != own_summary)
        while lines and not lines[-1]:
            lines.pop()
    if update.problems:
        lines.append(summary_line(update.problems, update.files_checked))
    else:
        lines.append(f"{green}✓{reset} {summary_line(update.problems, update.files_checked)}")
    if update.rendered:
        lines.append(update.rendered)
    return "\n".join(lines) + "\n"


def _render_in_subprocess(paths: Sequence[Path]) -> str | None:
    """`argmap render PATHS`, as its own process: the same diagrams as the
    command gives, and a crash there cannot end the watch."""
    import subprocess

    completed = subprocess.run(
        [sys.executable, "-m", "argmap", "render", *(str(path) for path in paths), "--no-color"],
        capture_output=True,
        text=True,
        check=False,
    )
    said = [line for line in completed.stderr.splitlines() if line.startswith("argmap:")]
    if completed.returncode == EXIT_FAILURE:
        return said[-1] if said else "argmap: render failed"
    return said[-1] if said else None
