"""`argmap export`: a map's normalized graph, for other tools."""

from __future__ import annotations

from pathlib import Path

import typer

from argmap.cli.app import app, open_one_map, tool_errors


@app.command()
def export(
    path: Path = typer.Argument(..., help="The map to export."),
    output_format: str = typer.Option(
        "json",
        "--format",
        "-f",
        help=(
            "json (argmap's own, lossless), aif, argdown, graphml, mermaid, sadface "
            "(see docs/interchange.md)."
        ),
    ),
    output: Path = typer.Option(
        None, "--output", "-o", help="Write to this file instead of standard output."
    ),
) -> None:
    """Print a map's normalized graph as JSON: nodes with their kind, status
    and source line, and edges with their relation."""
    if output_format != "json":  # the formats of other tools
        from argmap.cli.interchange import export_foreign

        export_foreign(path, output_format, output)
        return
    with tool_errors():
        from argmap.output.checked_export import export_document

        opened, argmap = open_one_map(path, "export")
        text = export_document(opened.result, argmap)
        if output is not None:
            from argmap.files import write_output

            write_output(output, text.encode("utf-8"))
        else:
            typer.echo(text, nl=False)
        errors = opened.result.error_count
        if errors:
            from argmap.terminal import for_terminal

            typer.echo(
                f"argmap: exported, but the map has {errors} error(s): "
                f"run `argmap check {for_terminal(str(path))}`",
                err=True,
            )
