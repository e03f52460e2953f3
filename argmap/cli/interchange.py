"""`argmap import`, and the foreign formats of `argmap export --format`."""

from __future__ import annotations

from pathlib import Path

import typer

from argmap.cli.app import EXIT_PROBLEMS, app, fail, open_one_map, tool_errors


@app.command("import")
def import_maps(
    files: list[Path] = typer.Argument(..., help="The files to import."),
    from_format: str = typer.Option(
        ...,
        "--from",
        help=(
            "The format of the files: json (argmap export), aif, argdown (argdown json), microtexts, brat, "
            "tgf, apx, carneades (Carneades 4 YAML; see docs/interchange.md)."
        ),
    ),
    output: Path = typer.Option(
        Path(), "--output", "-o", help="The folder to write the maps and their sources to."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite files that already exist."),
) -> None:
    """Turn files of other argumentation tools into argmap maps (with their
    source documents), in canonical layout. What a format says that a map
    cannot is printed as a warning. Nothing is written unless every file
    imports."""
    from argmap.interchange import InterchangeInputError, planned_files, read_files, write_files
    from argmap.terminal import for_terminal

    with tool_errors():
        try:
            imported = read_files(from_format, files)
        except InterchangeInputError as error:
            fail(error.message, error.hint, code=EXIT_PROBLEMS)
        planned = planned_files(imported, output)
        existing = [path for path in planned if path.exists()]
        if existing and not force:
            fail(
                f"{existing[0]} exists; nothing was written",
                hint="import into another folder (-o), or pass --force to overwrite",
            )
        write_files(planned)
    for one in imported:
        for loss in one.losses:
            typer.echo(f"argmap: warning: {for_terminal(one.file_name)}: {for_terminal(loss)}", err=True)
    for path in planned:
        typer.echo(f"wrote {for_terminal(str(path))}")


def export_foreign(path: Path, output_format: str, output: Path | None) -> None:
    """`argmap export --format FORMAT` for a format of `argmap.interchange`."""
    from argmap.interchange import FORMATS, export_checked, export_formats

    if output_format not in FORMATS:
        fail(f"unknown export format `{output_format}`", hint="use one of: " + ", ".join(export_formats()))
    from argmap.terminal import for_terminal

    with tool_errors():
        opened, argmap = open_one_map(path, "export")
        written = export_checked(opened.result, argmap, output_format)
        if output is not None:
            from argmap.files import write_output

            write_output(output, written.content)
        else:
            typer.echo(written.content.decode("utf-8"), nl=False)
    errors = opened.result.error_count
    for loss in written.losses:
        typer.echo(f"argmap: warning: {for_terminal(loss)}", err=True)
    if errors:
        typer.echo(
            f"argmap: exported, but the map has {errors} error(s): "
            f"run `argmap check {for_terminal(str(path))}`",
            err=True,
        )
