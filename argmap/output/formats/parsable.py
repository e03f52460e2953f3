"""The parsable format: one `file:line:col: [severity] CODE message` line per
problem, for editors and scripts."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.problems import Problem
from argmap.terminal import for_terminal


def format_problems(
    problems: Sequence[Problem], *, files_checked: int, colour: bool = False, quiet: bool = False
) -> str:
    """Every problem on its own line; the count, colour and quiet do not apply."""
    return "".join(
        f"{for_terminal(p.file)}:{p.line}:{p.column}: "
        f"[{p.severity.label}] {p.code} {for_terminal(p.message)}\n"
        for p in problems
    )
