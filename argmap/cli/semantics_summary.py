"""The `--semantics` part of `argmap check`: each map's labellings, summed up."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from argmap.cli.app import fail
from argmap.terminal import for_terminal

if TYPE_CHECKING:
    from argmap.lint.runner import CheckResult


def print_semantics(result: CheckResult, name: str) -> None:
    from argmap.analysis.semantics import Semantics, semantics_report

    try:
        semantics = Semantics(name)
    except ValueError:
        fail(f"unknown semantics `{name}`", hint="use one of: " + ", ".join(Semantics))
    for argmap in result.workspace.requested:
        report = semantics_report(result.run.context(argmap), semantics)
        typer.echo(for_terminal(report.text()))
