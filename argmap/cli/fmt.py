"""`argmap fmt`: rewrite maps in the one canonical layout."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.app import EXIT_OK, EXIT_PROBLEMS, app, config_for, tool_errors
from argmap.terminal import for_terminal


@app.command()
def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Map files, or folders to search for maps. Default: the current folder."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; list the files that would change and exit 1 if any."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff", help="Write nothing; print what would change as a unified diff (exit 1 if any)."
        ),
    ] = False,
    maps_only: Annotated[
        bool,
        typer.Option(
            "--maps-only",
            help=(
                "Skip named files that do not declare `argmap:` "
                "(for pre-commit, which passes every YAML file)."
            ),
        ),
    ] = False,
) -> None:
    """Rewrite maps in the one canonical layout: key order, indentation,
    quoting and line width, with every comment kept.

    Never changes what a map says, and never touches a file that does not
    parse or does not pass the schema (those are listed, exit 1). Exit 0
    when every map is formatted, 1 with --check or --diff when some would
    change, 2 when argmap could not run.
    """
    paths = paths or [Path()]
    refused = changed = unchanged = 0
    with tool_errors():
        from argmap.authoring.fmt import cut_by_comments, format_file, write_formatted
        from argmap.input.workspace import discover, display_name
        from argmap.output.formats import format_problems

        config = config_for(paths)
        files = discover(paths, maps_only=maps_only)
        for file in files:
            result = format_file(file, display_name(file), config.limits)
            if result.refused:
                refused += 1
                typer.echo(
                    f"{for_terminal(result.file)}: not formatted: it has problems to fix first", err=True
                )
                typer.echo(
                    format_problems(result.problems, "text", files_checked=1, quiet=True), err=True, nl=False
                )
                continue
            cuts = cut_by_comments(result, written=result.changed and not (check or diff))
            for cut in cuts:
                typer.echo(
                    f"{for_terminal(cut.file)}:{cut.line}:{cut.column}: {cut.code} "
                    f"{for_terminal(cut.message)} [{cut.severity.label}]\n"
                    f"    hint: {for_terminal(cut.hint or '')}",
                    err=True,
                )
            if not result.changed:
                unchanged += 1
                continue
            changed += 1
            if diff:
                typer.echo(result.diff(), nl=False)
            if check or diff:
                typer.echo(f"would reformat {for_terminal(result.file)}", err=True)
            else:
                write_formatted(result)
                typer.echo(f"reformatted {for_terminal(result.file)}", err=True)
    typer.echo(_fmt_summary(changed, unchanged, refused, writing=not (check or diff)), err=True)
    if refused or (changed and (check or diff)):
        raise typer.Exit(EXIT_PROBLEMS)
    raise typer.Exit(EXIT_OK)


def _fmt_summary(changed: int, unchanged: int, refused: int, *, writing: bool) -> str:
    def files(count: int) -> str:
        return f"{count} file{'' if count == 1 else 's'}"

    parts = [f"{files(changed)} {'reformatted' if writing else 'would be reformatted'}"]
    parts.append(f"{files(unchanged)} left unchanged" if writing else f"{files(unchanged)} already formatted")
    if refused:
        parts.append(f"{files(refused)} not formatted because of problems")
    return "argmap fmt: " + ", ".join(parts)
