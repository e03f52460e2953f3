"""`argmap new`: start a map from its source document."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.app import app, tool_errors
from argmap.terminal import for_terminal


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
