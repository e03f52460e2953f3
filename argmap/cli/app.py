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


def config_for(paths: Sequence[Path], config_file: Path | None = None, **overrides: object) -> Config:
    """The configuration for a run over `paths`, with command-line overrides applied."""
    import attrs

    from argmap.config import load_config, load_config_file, parse_size
    from argmap.lint.runner import known_codes
    from argmap.problems import UsageError

    known = known_codes()
    if config_file is not None:
        config = load_config_file(config_file, known)
    else:
        start = paths[0] if paths else Path.cwd()
        try:
            usable = start.exists()
        except OSError:  # a name too long: discover() says so, with the path
            usable = False
        config = load_config(start if usable else Path.cwd(), known)
    changes: dict[str, object] = {}
    selected = _codes(str(overrides.get("select") or ""))
    ignored = _codes(str(overrides.get("ignore") or ""))
    # The configuration file's codes were checked when it was read; these come from the command line.
    for code in selected + ignored:
        if not any(candidate.startswith(code) for candidate in known):
            raise UsageError(f"no rule code starts with `{code}`", hint="`argmap rules` lists the codes")
    if selected:
        changes["select"] = frozenset(selected)
    if ignored:
        changes["ignore"] = config.ignore | frozenset(ignored)
    max_file_size = overrides.get("max_file_size")
    if max_file_size:
        try:
            changes["limits"] = attrs.evolve(config.limits, max_bytes=parse_size(max_file_size))
        except ValueError as error:
            raise UsageError(f"--max-file-size: {error}") from None
    return attrs.evolve(config, **changes) if changes else config  # type: ignore[arg-type]


def _codes(text: str) -> list[str]:
    return [part.strip().upper() for part in text.split(",") if part.strip()]


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
