"""The Typer application and what every command shares: reading the
configuration, turning ArgmapError into exit code 2, and never showing a
traceback unless `--debug` asks for one."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from argmap import __version__

if TYPE_CHECKING:
    from argmap.config import Config
    from argmap.input.model import ArgMap
    from argmap.lint.runner import OneMap

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_FAILURE = 2

app = typer.Typer(
    name="argmap",
    help=(
        "Argument maps in YAML: check them for gaps, ground them in their sources, "
        "render them as diagrams.\n\nExit codes: 0 no errors, 1 the maps have problems, "
        "2 argmap could not do its job."
    ),
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


def fail(message: str, hint: str | None = None, code: int = EXIT_FAILURE) -> NoReturn:
    """Print `argmap: message` (and the hint) to stderr and exit."""
    from argmap.terminal import for_terminal

    # Messages quote paths, keys and values from the user's files.
    typer.echo(f"argmap: {for_terminal(message)}", err=True)
    if hint:
        typer.echo(f"  hint: {for_terminal(hint)}", err=True)
    raise typer.Exit(code)


@contextmanager
def tool_errors() -> Iterator[None]:
    """ArgmapError (the tool could not do its job), and an OSError about a
    path, become exit code 2 with a one-line message."""
    from argmap.problems import ArgmapError

    try:
        yield
    except ArgmapError as error:
        fail(error.message, error.hint)
    except OSError as error:
        # A path the system refuses outright (a name too long, a loop of links):
        # the user's mistake to correct, not an internal error.
        where = f"{error.filename}: " if error.filename else ""
        fail(f"{where}{(error.strerror or str(error)).lower()}")


def config_for(
    paths: Sequence[Path],
    config_file: Path | None = None,
    *,
    select: str = "",
    ignore: str = "",
    max_file_size: str = "",
) -> Config:
    """The configuration for a run over `paths`, with the command line's choices applied."""
    from argmap.config import configure
    from argmap.lint.runner import known_codes

    return configure(
        paths,
        config_file,
        known_codes=known_codes(),
        select=select,
        ignore=ignore,
        max_file_size=max_file_size,
    )


def use_colour(option: bool | None, stream: object = None) -> bool:
    if option is not None:
        return option
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def main() -> None:
    """The console script: internal errors become one line and exit code 2."""
    debug = "--debug" in sys.argv[1:]
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("argmap: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # the last line of defence: never a traceback by default
        if debug:
            raise
        from argmap.terminal import for_terminal

        first_line = for_terminal((str(error).splitlines() or [""])[0])
        typer.echo(
            f"argmap: internal error: {type(error).__name__}: {first_line}\n"
            "  hint: run again with --debug for the traceback, and report it",
            err=True,
        )
        sys.exit(EXIT_FAILURE)


def open_one_map(path: Path, command: str) -> tuple[OneMap, ArgMap]:
    """Check the one map `command` works on; when it cannot be read as a map,
    print its problems and exit 1. Raises ArgmapError (for `tool_errors`)."""
    from argmap.lint.runner import check_one_map
    from argmap.output.formats import format_problems

    opened = check_one_map(path, config_for([path]), command=command)
    if opened.argmap is None:
        typer.echo(format_problems(opened.result.problems, "text", files_checked=1), err=True, nl=False)
        raise typer.Exit(EXIT_PROBLEMS)
    return opened, opened.argmap
