"""`argmap schema`: the JSON Schema of the map format."""

from __future__ import annotations

import typer

from argmap.cli.app import app


@app.command()
def schema() -> None:
    """Print the JSON Schema of the map format (for editors and other tools)."""
    from argmap.input.schema import schema_text

    typer.echo(schema_text(), nl=False)
