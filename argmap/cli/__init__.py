"""The `argmap` command: a thin Typer skin over the library.

Each command module registers its commands on the one `app`; this package
imports them in a fixed order, which is the order of `argmap --help`.
Command modules import the library inside the command functions, so that
`argmap --help` and `argmap check` load only what they use.
"""

from __future__ import annotations

import importlib

from argmap.cli.app import app, main

_COMMAND_MODULES = (
    "check",
    "export",
    "schema",
    "render",
    "report",
    "rules",
    "schemes",
    "show",
    "coverage",
    "new",
    "fmt",
    "watch",
)
for _module in _COMMAND_MODULES:
    importlib.import_module(f"argmap.cli.{_module}")

__all__ = ["app", "main"]
