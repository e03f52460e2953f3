"""The `argmap` command: a thin Typer skin over the library.

Each command module registers its commands on the one `app`; this package
imports them in a fixed order (the order of `argmap --help`). Command
modules import the library inside the command functions, so that
`argmap --help` and `argmap check` load only what they use.
"""

from __future__ import annotations

from argmap.cli import analysis as _analysis  # noqa: F401  (registers rules, schemes, show)
from argmap.cli import check as _check  # noqa: F401  (registers check, export, schema)
from argmap.cli import grounding as _grounding  # noqa: F401  (registers coverage)
from argmap.cli import render as _render  # noqa: F401  (registers render)
from argmap.cli import workflow as _workflow  # noqa: F401  (registers new, fmt, watch)
from argmap.cli.app import app, main

__all__ = ["app", "main"]
