"""The `argmap` command: a thin Typer skin over the library.

Each command module registers its commands on the one `app`; this package
imports them in a fixed order (the order of `argmap --help`). Command
modules import the library inside the command functions, so that
`argmap --help` and `argmap check` load only what they use.
"""

from __future__ import annotations

from argmap.cli import check as _check  # noqa: F401  (registers check, export, schema)
from argmap.cli.app import app, main

__all__ = ["app", "main"]
