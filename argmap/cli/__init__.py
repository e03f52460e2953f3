"""The `argmap` command: a thin Typer skin over the library.

Each command module registers its commands on the one Typer `app`; this
package imports them in a fixed order, which is the order of `argmap --help`.
Nothing is imported until it is needed: the console script `main` starts in
`argmap.cli.startup`, which answers `--version` and `--help` and runs a plain
`argmap check` without Typer, and hands everything else to Typer. Command
modules import the library inside the command functions, so that each
command loads only what it uses.
"""

from __future__ import annotations

import sys

# `typing` (and `importlib`, `types`) cost `argmap --version` a third of its
# start: the console script reaches this module first. mypy reads a
# module-level TYPE_CHECKING as typing's own.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import typer

COMMAND_MODULES = (
    "check",
    "export",
    "schema",
    "render",
    "report",
    "rules",
    "schemes",
    "show",
    "explain",
    "whatif",
    "sensitivity",
    "coverage",
    "init",
    "new",
    "fmt",
    "watch",
    "interchange",
    "lsp",
)


def typer_app() -> typer.Typer:
    """The Typer application with every command registered (imported on first use)."""
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"argmap.cli.{name}")
    typer_app_module = importlib.import_module("argmap.cli.app")
    app: typer.Typer = typer_app_module.app
    return app


def main() -> None:
    """The console script."""
    from argmap.cli.startup import run

    run(sys.argv[1:])


class _LazyPackage(type(sys)):  # type: ignore[misc]  # types.ModuleType
    """`argmap.cli.app` is the Typer application, built on first use.

    The import system binds each submodule to its package's attribute of
    the same name once it has loaded it: without this property, importing
    the submodule `argmap.cli.app` would turn `from argmap.cli import app`
    into the module instead of the application (the eager package avoided
    this by importing the application after the submodule)."""

    @property
    def app(self) -> typer.Typer:
        return typer_app()

    @app.setter
    def app(self, _submodule: object) -> None:
        pass  # the submodule stays in sys.modules; the name stays the application


sys.modules[__name__].__class__ = _LazyPackage

if TYPE_CHECKING:
    from argmap.cli.app import app

__all__ = ["COMMAND_MODULES", "app", "main", "typer_app"]
