"""`argmap sensitivity MAP`: what single change flips each main conclusion."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.app import EXIT_OK, app, tool_errors


@app.command()
def sensitivity(path: Annotated[Path, typer.Argument(metavar="MAP", help="The map file.")]) -> None:
    """For each conclusion of the map, list the single nodes whose rejection
    and the single attacks whose removal would change its status.

    Exit code 0 when the map was analysed, 1 when it could not be read, 2
    when it is beyond the size limit or argmap could not run.
    """
    with tool_errors():
        from argmap.analysis.sensitivity import sensitivity as analyse
        from argmap.cli.explain import map_context, shown

        context = map_context(path)
        results = analyse(context)
    map_id = context.argmap.id
    for result in results:
        head = f"conclusion {shown(result.conclusion, map_id)} ({result.status})"
        if not result.flips:
            typer.echo(f"{head}: no single rejection or removal changes it")
            continue
        typer.echo(f"{head} changes when you:")
        for flip in result.flips:
            if flip.node is not None:
                what = f"reject {shown(flip.node, map_id)}"
            else:
                assert flip.attack is not None
                source, target = flip.attack
                what = f"remove the attack of {shown(source, map_id)} on {shown(target, map_id)}"
            typer.echo(f"  {what} → {flip.after}")
    raise typer.Exit(EXIT_OK)
