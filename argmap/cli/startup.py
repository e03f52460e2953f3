"""The console script's first stop: answer what needs no Typer, hand the rest to it.

`argmap check` runs in pre-commit on every commit, and Typer with its
bundled click, rich and shell completion costs more to import than checking
a small map. So `argmap --version`, `argmap --help` and a plain
`argmap check ...` (the options of `argmap check --help`, spelt in full or
by their short names, `--opt=value`, and `--`) run here without Typer.
Anything else (another command, a command's `--help`, a mistyped or
abbreviated option, `--debug`) goes to the Typer application, which parses
it and reports errors as before: the two doors run the same `run_check`.
"""

from __future__ import annotations

import sys

from argmap import __version__

TYPE_CHECKING = False  # not `from typing`: see argmap/cli/__init__.py

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

DESCRIPTION = (
    "Argument maps in YAML: check them for gaps, ground them in their sources, "
    "render them as diagrams.\n\nExit codes: 0 no errors, 1 the maps have problems, "
    "2 argmap could not do its job."
)

# The first paragraph of each command's docstring, in the order of
# `argmap.cli.COMMAND_MODULES`; tests/cli/test_startup.py holds it to the
# Typer application's own.
COMMAND_SUMMARIES = (
    (
        "check",
        "Check maps for problems: syntax, format, structure, gaps and quotes.",
    ),
    (
        "export",
        "Print a map's normalized graph as JSON: nodes with their kind, status and source line, and "
        "edges with their relation.",
    ),
    (
        "schema",
        "Print the JSON Schema of the map format (for editors and other tools).",
    ),
    (
        "render",
        "Draw maps as diagrams: claims, inferences and counterexamples, with what survives the "
        "evaluation, the problems found and links to the source.",
    ),
    (
        "report",
        "Write an HTML report of each map: its source with every quoted passage marked, beside the "
        "diagram; for each node its quote, its status and why; the whole map's findings.",
    ),
    (
        "rules",
        "List every code argmap reports (code, name, default severity, summary), or print the "
        "documentation of one.",
    ),
    (
        "schemes",
        "List the argumentation schemes (the built-in catalogue and the project's own), or print one "
        "with its premise roles and critical questions.",
    ),
    (
        "show",
        "Show a map as a tree: each node's status (✓ in, ✗ out, ? undecided), what it is where it "
        'stands (conclusion, inference, premise or counterexample; "implicit premise" for one the '
        "analyst reconstructed, `implicit: true`), its id and text, and the codes of its problems (⚑).",
    ),
    (
        "explain",
        "Explain in plain words why a node is in, out or undecided: the chain of premises and attacks"
        " that decides it, each step with its reason.",
    ),
    (
        "whatif",
        "Print the statuses that would change if you rejected or accepted nodes, or added or removed "
        "attacks; the map is not changed.",
    ),
    (
        "sensitivity",
        "For each conclusion of the map, list the single nodes whose rejection and the single attacks"
        " whose removal would change its status.",
    ),
    (
        "coverage",
        "Show the share of the source's sentences that the map's quotes cover, and the uncovered "
        "sentences that carry reasoning.",
    ),
    (
        "init",
        "Start a project: argmap.toml (which marks the project's root), maps/, sources/, a copy of "
        "the schema for editors, .vscode/settings.json and .pre-commit-config.yaml. Never overwrites "
        "a file: what exists is kept.",
    ),
    (
        "new",
        "Start a new map: the editor's schema line, the source block and a first conclusion to fill "
        "in. Never overwrites a file (exit 2).",
    ),
    (
        "fmt",
        "Rewrite maps in the one canonical layout: key order, indentation, quoting and line width, "
        "with every comment kept.",
    ),
    (
        "watch",
        "Check maps (and re-render their diagrams) each time one or its source is saved: new problems"
        ' are printed as they appear, and "✓ fixed" as they go. Ctrl-C stops it (exit 0).',
    ),
    (
        "import",
        "Turn files of other argumentation tools into argmap maps (with their source documents), in "
        "canonical layout. What a format says that a map cannot is printed as a warning. Nothing is "
        "written unless every file imports.",
    ),
    (
        "lsp",
        "Run the language server over standard input and output (for editors: docs/editors.md). Needs"
        " the `lsp` extra: pip install 'argmap[lsp]'.",
    ),
)

MAIN_OPTIONS = (
    ("-V, --version", "Print the version and exit."),
    ("--debug", "Show the full traceback of an internal error."),
    ("--install-completion", "Install completion for the current shell."),
    ("--show-completion", "Show completion for the current shell, to copy it or customize the installation."),
    ("-h, --help", "Show this message and exit."),
)

_WIDTH = 80


def _wrapped(text: str, indent: int) -> list[str]:
    """`text` in lines of at most _WIDTH columns (words longer than a line stay whole)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and indent + len(line) + 1 + len(word) > _WIDTH:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return lines


def _table(rows: Sequence[tuple[str, str]]) -> list[str]:
    column = max(len(name) for name, _ in rows) + 4
    lines: list[str] = []
    for name, text in rows:
        first, *rest = _wrapped(text, column)
        lines.append(f"  {name:<{column - 2}}{first}")
        lines.extend(" " * column + line for line in rest)
    return lines


def plain_help() -> str:
    """`argmap --help`, as plain text (the Typer help needs rich: 100 ms to start)."""
    lines = ["Usage: argmap [OPTIONS] COMMAND [ARGS]...", ""]
    for paragraph in DESCRIPTION.split("\n\n"):
        lines.extend("  " + line for line in _wrapped(paragraph, 2))
        lines.append("")
    lines.append("Options:")
    lines.extend(_table(MAIN_OPTIONS))
    lines.extend(["", "Commands:"])
    lines.extend(_table(COMMAND_SUMMARIES))
    lines.extend(["", "`argmap COMMAND --help` describes each command and its options."])
    return "\n".join(lines) + "\n"


class _NotPlain(Exception):
    """The command line needs Typer (its parsing, its errors, its help)."""


_CHECK_FLAGS = {
    "-q": "quiet",
    "--quiet": "quiet",
    "--strict": "strict",
    "--maps-only": "maps_only",
}
_CHECK_VALUES = {
    "-f": "output_format",
    "--format": "output_format",
    "--select": "select",
    "--ignore": "ignore",
    "--config": "config_file",
    "--max-file-size": "max_file_size",
    "-j": "jobs",
    "--jobs": "jobs",
    "--min-severity": "min_severity",
    "--semantics": "semantics",
}


def parse_check(arguments: Sequence[str]) -> tuple[list[Path], dict[str, object]]:
    """The paths and options of `argmap check ARGUMENTS`, as `run_check` takes them.

    Raises _NotPlain for anything this small parser does not know for certain:
    Typer then parses the line itself (and reports its mistakes)."""
    from pathlib import Path

    paths: list[Path] = []
    options: dict[str, object] = {}
    index = 0
    while index < len(arguments):
        argument = arguments[index]
        index += 1
        if argument == "--":
            paths.extend(Path(rest) for rest in arguments[index:])
            break
        if not argument.startswith("-") or argument == "-":
            paths.append(Path(argument))
            continue
        name, equals, value = argument.partition("=")
        if name in _CHECK_FLAGS and not equals:
            options[_CHECK_FLAGS[name]] = True
        elif argument in ("--color", "--no-color"):
            options["colour"] = argument == "--color"
        elif name in _CHECK_VALUES and (equals or index < len(arguments)):
            if not equals:
                value = arguments[index]
                index += 1
            key = _CHECK_VALUES[name]
            if key == "jobs":
                if not value.isascii() or not value.isdigit():
                    raise _NotPlain  # Typer's message for a bad number (or a negative one)
                options[key] = int(value)
            elif key == "config_file":
                options[key] = Path(value)
            else:
                options[key] = value
        else:
            raise _NotPlain
    return paths, options


def run(arguments: Sequence[str]) -> None:
    """Run the command line `argmap ARGUMENTS` and exit."""
    if list(arguments) in (["--version"], ["-V"]):
        sys.stdout.write(f"argmap {__version__}\n")
        raise SystemExit(0)
    if list(arguments) in (["--help"], ["-h"]):
        sys.stdout.write(plain_help())
        raise SystemExit(0)
    if arguments and arguments[0] == "check":
        try:
            paths, options = parse_check(arguments[1:])
        except _NotPlain:
            pass
        else:
            from argmap.cli.base import internal_errors, run_check

            with internal_errors():
                code = run_check(paths, **options)  # type: ignore[arg-type]
            raise SystemExit(code)
    from argmap.cli import typer_app
    from argmap.cli.app import main

    typer_app()
    main()
