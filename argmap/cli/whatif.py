"""`argmap whatif MAP --reject ID --accept ID --add-attack A:B`: the statuses that would change."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.app import EXIT_OK, app, tool_errors
from argmap.terminal import for_terminal


@app.command()
def whatif(
    path: Annotated[Path, typer.Argument(metavar="MAP", help="The map file.")],
    reject: Annotated[
        list[str] | None,
        typer.Option("--reject", metavar="ID", help="Suppose this node is out (repeatable)."),
    ] = None,
    accept: Annotated[
        list[str] | None, typer.Option("--accept", metavar="ID", help="Suppose this node is in (repeatable).")
    ] = None,
    add_attack: Annotated[
        list[str] | None,
        typer.Option("--add-attack", metavar="A:B", help="Suppose A attacks B (repeatable)."),
    ] = None,
    remove_attack: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-attack", metavar="A:B", help="Suppose A's attack on B is withdrawn (repeatable)."
        ),
    ] = None,
) -> None:
    """Print the statuses that would change if you rejected or accepted
    nodes, or added or removed attacks; the map is not changed.

    Exit code 0 when the hypothesis was evaluated, 1 when the map could not
    be read, 2 for an unknown id or when argmap could not run.
    """
    with tool_errors():
        from argmap.analysis.whatif import Hypothesis, parse_attacks, what_if
        from argmap.cli.explain import map_context, shown

        context = map_context(path)
        hypothesis = Hypothesis(
            reject=tuple(reject or ()),
            accept=tuple(accept or ()),
            add_attacks=parse_attacks(add_attack or ()),
            remove_attacks=parse_attacks(remove_attack or ()),
        )
        result = what_if(context, hypothesis)
    if not result.changes:
        typer.echo("no status changes")
    for change in result.changes:
        reason = change.reason.partition(": ")[2]
        typer.echo(
            f"{shown(change.key, context.argmap.id)}: {change.before} → {change.after} "
            f"({for_terminal(reason)})"
        )
    raise typer.Exit(EXIT_OK)
