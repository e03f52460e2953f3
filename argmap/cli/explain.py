"""`argmap explain MAP NODE`: why a node is in, out or undecided."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.app import EXIT_OK, EXIT_PROBLEMS, app, config_for, tool_errors
from argmap.terminal import for_terminal

if TYPE_CHECKING:
    from argmap.analysis.context import MapContext


def map_context(path: Path) -> MapContext:
    """Check one map file and return its context; exit 1 when it cannot be read."""
    from argmap.lint.runner import check_paths
    from argmap.output.formats import format_problems
    from argmap.problems import UsageError

    if path.is_dir():
        raise UsageError(f"{path}: give one map file, not a folder")
    result = check_paths([path], config_for([path]))
    if not result.workspace.requested:
        typer.echo(format_problems(result.problems, "text", files_checked=1), err=True, nl=False)
        raise typer.Exit(EXIT_PROBLEMS)
    return result.run.context(result.workspace.requested[0])


def shown(key: str, map_id: str) -> str:
    from argmap.text import display_id

    return for_terminal(display_id(key, map_id))


@app.command()
def explain(
    path: Annotated[Path, typer.Argument(metavar="MAP", help="The map file.")],
    node_id: Annotated[str, typer.Argument(metavar="NODE", help="A node's id (or `map-id#id`).")],
) -> None:
    """Explain in plain words why a node is in, out or undecided: the chain
    of premises and attacks that decides it, each step with its reason.

    Exit code 0 when the node was explained, 1 when the map could not be
    read, 2 when the node is unknown or argmap could not run.
    """
    with tool_errors():
        from argmap.analysis.evaluate import evaluation_for
        from argmap.analysis.explain import explain as explain_node
        from argmap.analysis.whatif import resolve

        context = map_context(path)
        key = resolve(context, node_id)
        explanation = explain_node(evaluation_for(context), key)
    map_id = context.argmap.id
    for step in explanation.steps:
        indent = "  " * step.depth
        if step.repeated:
            typer.echo(f"{indent}{shown(step.key, map_id)} is {step.status} (explained above)")
            continue
        reason = step.reason.partition(": ")[2]
        typer.echo(f"{indent}{shown(step.key, map_id)} is {step.status}: {for_terminal(reason)}")
    if explanation.truncated:
        typer.echo(f"(cut after {len(explanation.steps)} steps)")
    raise typer.Exit(EXIT_OK)
