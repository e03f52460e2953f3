"""`argmap show`: how a map's argument stands, as a tree."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.app import EXIT_OK, app, open_one_map, tool_errors, use_colour


@app.command()
def show(
    path: Annotated[Path, typer.Argument(help="The map to show.")],
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth", "-d", min=1, help="Show this many levels (1: the conclusions only); fold the rest."
        ),
    ] = None,
    colour: Annotated[
        bool | None,
        typer.Option("--color/--no-color", help="Colour the output (default: when printing to a terminal)."),
    ] = None,
) -> None:
    """Show a map as a tree: each node's status (✓ in, ✗ out, ? undecided),
    what it is where it stands (conclusion, inference, premise or
    counterexample; "implicit premise" for one the analyst reconstructed,
    `implicit: true`), its id and text, and the codes of its problems (⚑).

    A node used in several places is shown in full once and referred to
    (↪) elsewhere. A map that refers to other maps shows what its diagram
    draws: every node the evaluation of a shown node reads, and their
    conclusions; what lies deeper in the other maps is counted ("… 3 more
    below in map-id"). Exit code 0 when the map could be shown, 1 when it
    could not be read, 2 when argmap could not run.
    """
    with tool_errors():
        from argmap.analysis.evaluate import evaluation_for
        from argmap.output.show import render_show, show_lines

        opened, argmap = open_one_map(path, "show")
        context = opened.result.run.context(argmap)
        lines = show_lines(context, evaluation_for(context), opened.problems, depth)
    colour = use_colour(colour)
    # click strips colour codes when stdout is not a terminal unless told otherwise.
    typer.echo(render_show(lines, colour), nl=False, color=colour)
    raise typer.Exit(EXIT_OK)
