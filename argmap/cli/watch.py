"""`argmap watch`: check (and re-render) maps each time one is saved."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.app import EXIT_OK, app, config_for, fail, tool_errors, use_colour
from argmap.terminal import for_terminal

if TYPE_CHECKING:
    from argmap.authoring.watch import WatchUpdate


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
            from argmap.authoring.watch import diagram_renderer, watch_maps

            for missing in (path for path in paths if not path.exists()):
                fail(f"{missing}: no such file or folder")
            config = config_for(paths)
            renderer = diagram_renderer(config) if render else None
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

    from argmap.output.formats import format_problems, summary_line

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
