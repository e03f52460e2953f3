"""`argmap import --from FORMAT FILE`: a map from a foreign format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.app import EXIT_OK, app, fail, tool_errors


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="The file to import.")],
    from_format: Annotated[
        str,
        typer.Option("--from", metavar="FORMAT", help="Its format: tgf or apx (ICCMA abstract frameworks)."),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the map here instead of printing it.")
    ] = None,
) -> None:
    """Turn a file of another tool into an argmap map (YAML on stdout, or -o FILE).

    `tgf` and `apx` are the abstract frameworks of the ICCMA competitions.
    Exit code 0 when the file was imported, 2 when it could not be read or
    is not well formed.
    """
    with tool_errors():
        from argmap.files import Limits, UnsafeFile, read_bounded, write_output
        from argmap.interchange import reader

        module = reader(from_format)
        try:
            data = read_bounded(path, Limits().max_bytes)
        except UnsafeFile as error:
            fail(f"{path}: {error.reason}")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            fail(f"{path}: not UTF-8 text")
        result = module.import_text(text, str(path), from_format)
        if output is not None:
            write_output(output, result.encode("utf-8"))
        else:
            typer.echo(result, nl=False)
    raise typer.Exit(EXIT_OK)
