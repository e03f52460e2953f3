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
    init: Annotated[
        bool,
        typer.Option(
            "--init",
            help="When no argmap.toml, pyproject.toml [tool.argmap] or .git marks the project, "
            "create an argmap.toml in the folder that holds both the map and the source.",
        ),
    ] = False,
) -> None:
    """Start a new map: the editor's schema line, the source block and a first
    conclusion to fill in. Never overwrites a file (exit 2)."""
    with tool_errors():
        from argmap.authoring.new import create

        created = create(path, source, title=title, map_id=map_id, parents=parents, init=init)
    typer.echo(for_terminal(f"created {path} (id `{created.map_id}`, source {created.source_file})"))
    root = _shown(created.root)
    if created.config_created:
        typer.echo(for_terminal(f"created {root}/argmap.toml: it marks `{root}` as the project's root"))
    elif not created.project_marked:
        typer.echo(
            for_terminal(
                f"note: no argmap.toml, pyproject.toml [tool.argmap] or .git marks the project, so "
                f"`argmap check` takes the folder it runs from as the project; run it from `{root}`, "
                f"or mark that folder once: `argmap new ... --init`, `argmap init {root}` "
                f"or `touch {root}/argmap.toml`"
            ),
            err=True,
        )
    typer.echo(
        for_terminal(f"next: replace the TODOs in it, then run `argmap watch {path}` to see what is missing")
    )


def _shown(folder: Path) -> str:
    """`folder` relative to the working folder when below it (`.` for itself)."""
    try:
        return folder.relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(folder)
