"""`argmap init`: lay out a project of maps."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.app import app, tool_errors
from argmap.terminal import for_terminal


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="The project's folder (created when missing).")] = Path(),
) -> None:
    """Start a project: argmap.toml (which marks the project's root), maps/,
    sources/, a copy of the schema for editors, .vscode/settings.json and
    .pre-commit-config.yaml. Never overwrites a file: what exists is kept."""
    with tool_errors():
        from argmap.authoring.init import init_project

        result = init_project(folder)
    for step in result.steps:
        shown = (folder / step.path).as_posix() + ("/" if (result.root / step.path).is_dir() else "")
        typer.echo(for_terminal(f"{step.outcome.value:8} {shown}"))
    maps = folder / "maps"
    typer.echo(
        for_terminal(
            f"next: put a document in {folder / 'sources'}, then "
            f"`argmap new {maps / 'first.yaml'} --source {folder / 'sources' / 'first.txt'}`"
        )
    )
