"""What every command shares, without Typer: exit codes, reading the
configuration, turning ArgmapError into exit code 2, colour.

Typer-free so that the start-up path (`argmap.cli.startup`) can run
`argmap check` without importing Typer; `argmap.cli.app` re-exports it all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from argmap.config import Config

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_FAILURE = 2


def fail(message: str, hint: str | None = None, code: int = EXIT_FAILURE) -> NoReturn:
    """Print `argmap: message` (and the hint) to stderr and exit.

    SystemExit rather than Typer's Exit: click lets it through unchanged
    (and its test runner turns it into the exit code), and the start-up path
    needs no Typer for it."""
    from argmap.terminal import for_terminal

    # Messages quote paths, keys and values from the user's files.
    lines = f"argmap: {for_terminal(message)}\n"
    if hint:
        lines += f"  hint: {for_terminal(hint)}\n"
    sys.stderr.write(lines)
    sys.stderr.flush()
    raise SystemExit(code)


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


def run_check(
    paths: Sequence[Path] | None,
    *,
    output_format: str = "text",
    quiet: bool = False,
    strict: bool = False,
    select: str = "",
    ignore: str = "",
    config_file: Path | None = None,
    max_file_size: str = "",
    colour: bool | None = None,
    maps_only: bool = False,
    jobs: int = 0,
    min_severity: str = "info",
    semantics: str = "grounded",
) -> int:
    """The body of `argmap check`, for the Typer command and the start-up
    path alike: print the problems, return the exit code."""
    from argmap.output.formats import FORMATS, format_problems
    from argmap.problems import Severity, at_least

    if output_format not in FORMATS:
        fail(f"unknown format `{output_format}`", hint="use one of: " + ", ".join(FORMATS))
    try:
        threshold = Severity.ERROR if quiet else Severity.parse(min_severity)
    except ValueError as error:
        fail(f"--min-severity: {error}")
    paths = list(paths or [Path()])
    with tool_errors():
        from argmap.lint.parallel import check_paths_parallel

        if jobs < 0:
            fail("--jobs takes 0 (every core) or a number of processes")
        config = config_for(paths, config_file, select=select, ignore=ignore, max_file_size=max_file_size)
        result = check_paths_parallel(paths, config, jobs, maps_only=maps_only, within_idle_cores=True)
    coloured = use_colour(colour) and output_format == "text"
    output = format_problems(
        at_least(result.problems, threshold),
        output_format,
        files_checked=len(result.workspace.files),
        colour=coloured,
        quiet=quiet,
    )
    if output:
        sys.stdout.write(output)
        sys.stdout.flush()
    if semantics != "grounded":
        with tool_errors():
            from argmap.cli.semantics_summary import print_semantics

            print_semantics(result, semantics)
    if not result.workspace.files and not result.problems and not maps_only:
        # Usually a wrong path in CI: say so. (With --maps-only, pre-commit
        # passing no map among the staged YAML files is normal.)
        from argmap.terminal import for_terminal

        named = ", ".join(f"`{path}`" for path in paths)
        sys.stderr.write(
            for_terminal(f"argmap: warning: no maps found in {named}")
            + "\n  hint: a map is a .yaml or .yml file that declares `argmap: 1`; check the path\n"
        )
        if strict:
            return EXIT_FAILURE
    return EXIT_PROBLEMS if result.failed(strict) else EXIT_OK


@contextmanager
def internal_errors(debug: bool = False) -> Iterator[None]:
    """The last line of defence: an internal error becomes one line and exit
    code 2 (never a traceback unless `--debug` asks for one); Ctrl-C exits 130."""
    try:
        yield
    except KeyboardInterrupt:
        sys.stderr.write("argmap: interrupted\n")
        raise SystemExit(130) from None
    except Exception as error:
        if debug:
            raise
        from argmap.terminal import for_terminal

        first_line = for_terminal((str(error).splitlines() or [""])[0])
        sys.stderr.write(
            f"argmap: internal error: {type(error).__name__}: {first_line}\n"
            "  hint: run again with --debug for the traceback, and report it\n"
        )
        raise SystemExit(EXIT_FAILURE) from None
