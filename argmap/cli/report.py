"""`argmap report`: one self-contained HTML page per map, the source beside the map."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.app import EXIT_OK, EXIT_PROBLEMS, app, config_for, fail, tool_errors
from argmap.terminal import for_terminal


@app.command()
def report(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Map files, or folders to search for maps. Default: the current folder."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="A folder to write the reports into (default: beside each map)."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help=(
                "Write nothing; exit 1 and list the reports that are missing "
                "or differ from what the maps give now."
            ),
        ),
    ] = False,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="Read the configuration from this file instead of looking for one."),
    ] = None,
) -> None:
    """Write an HTML report of each map: its source with every quoted passage
    marked, beside the diagram; for each node its quote, its status and why;
    the whole map's findings.

    `maps/x.yaml` gives `maps/x.html`, one file that needs nothing else and
    opens from disk. A folder among PATHS also gets `index.html`, a list of
    its reports. Exit code 0 when every report was written (or, with
    --check, is up to date), 1 when some are stale or missing, 2 when argmap
    could not run.
    """
    paths = paths or [Path()]
    with tool_errors():
        from argmap.files import write_output
        from argmap.lint.runner import check_paths
        from argmap.report.index import plan_reports, stale_reports

        config = config_for(paths, config_file)
        result = check_paths(paths, config)
        if not result.workspace.requested:
            if result.problems:
                from argmap.output.formats import format_problems

                typer.echo(
                    format_problems(list(result.problems), "text", files_checked=len(result.workspace.files)),
                    err=True,
                    nl=False,
                )
                raise typer.Exit(EXIT_PROBLEMS)
            fail("no map to report on", hint="name map files, or folders that hold maps")
        reports = plan_reports(result, output, index=any(path.is_dir() for path in paths))
        if check:
            missing, stale = stale_reports(reports, config.limits.max_bytes)
            for found in missing:
                typer.echo(f"{for_terminal(_shown(found.path))}: missing")
            for found in stale:
                typer.echo(f"{for_terminal(_shown(found.path))}: stale")
            fresh = len(reports) - len(missing) - len(stale)
            parts = [f"{fresh} report{'' if fresh == 1 else 's'} up to date"]
            if stale:
                parts.append(f"{len(stale)} stale")
            if missing:
                parts.append(f"{len(missing)} missing")
            typer.echo(", ".join(parts))
            raise typer.Exit(EXIT_PROBLEMS if missing or stale else EXIT_OK)
        for found in reports:
            write_output(found.path, found.content, _shown(found.path))
    typer.echo(f"argmap: wrote {len(reports)} report{'' if len(reports) == 1 else 's'}", err=True)
    for found in reports:
        typer.echo(for_terminal(_shown(found.path)))


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
