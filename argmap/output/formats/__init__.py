"""Turn problems into text for people, for editors and for CI: one module per format.

Every format prints the same problems in the same order (file, line, column,
code), so the same maps always give the same bytes. The text, parsable and
github formats pass every string from the user's files through
`argmap.terminal.for_terminal`; json leaves escaping to `json.dumps`.

To add a format: a module here with a function that turns the problems into
text (`format_problems`, with the signature of the others) and an entry in
`FORMATS`. A format's
module is imported only when it is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Protocol

from argmap.output.formats.text import summary_line
from argmap.problems import Problem

__all__ = ["FORMATS", "format_problems", "summary_line"]

# The name given to `--format` → the module that writes it.
FORMATS = {
    "text": "argmap.output.formats.text",
    "parsable": "argmap.output.formats.parsable",
    "json": "argmap.output.formats.json_format",
    "github": "argmap.output.formats.github",
    "sarif": "argmap.output.formats.sarif",
}


def format_problems(
    problems: Sequence[Problem],
    output_format: str,
    *,
    files_checked: int,
    colour: bool = False,
    quiet: bool = False,
) -> str:
    """The problems in `output_format`, a key of FORMATS (text when it is none)."""
    module: _Format = importlib.import_module(FORMATS.get(output_format, FORMATS["text"]))
    return module.format_problems(problems, files_checked=files_checked, colour=colour, quiet=quiet)


class _Format(Protocol):
    """What every format module provides."""

    def format_problems(
        self, problems: Sequence[Problem], *, files_checked: int, colour: bool = False, quiet: bool = False
    ) -> str: ...
