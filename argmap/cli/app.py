"""The Typer application, and what every command shares (from
`argmap.cli.base`, re-exported here): reading the configuration, turning
ArgmapError into exit code 2, and never showing a traceback unless `--debug`
asks for one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from argmap import __version__
from argmap.cli.base import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_PROBLEMS,
    config_for,
    fail,
    internal_errors,
    tool_errors,
    use_colour,
)
from argmap.cli.startup import DESCRIPTION

__all__ = [
    "EXIT_FAILURE",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "app",
    "config_for",
    "fail",
    "main",
    "open_one_map",
    "tool_errors",
    "use_colour",
]

if TYPE_CHECKING:
    from argmap.input.model import ArgMap
    from argmap.lint.runner import OneMap

app = typer.Typer(
    name="argmap",
    help=DESCRIPTION,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    # Markdown joins the hard-wrapped lines of the commands' docstrings.
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"argmap {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback of an internal error."),
) -> None:
    """Argument maps in YAML: check, ground, render."""


def main() -> None:
    """Run the Typer application on the command line: internal errors become
    one line and exit code 2."""
    with internal_errors(debug="--debug" in sys.argv[1:]):
        app()


def open_one_map(path: Path, command: str) -> tuple[OneMap, ArgMap]:
    """Check the one map `command` works on; when it cannot be read as a map
    (or fails the schema), print its problems and exit 1. Raises ArgmapError (for `tool_errors`)."""
    from argmap.lint.runner import check_one_map
    from argmap.output.formats import format_problems

    opened = check_one_map(path, config_for([path]), command=command)
    # A map that failed the schema is checked without what failed, but no
    # command builds on that part: its problems say what to fix first.
    if opened.argmap is None or opened.argmap.partial:
        typer.echo(format_problems(opened.result.problems, "text", files_checked=1), err=True, nl=False)
        raise typer.Exit(EXIT_PROBLEMS)
    return opened, opened.argmap
