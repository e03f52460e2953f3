"""The github format: GitHub Actions workflow commands, which annotate the
lines of a pull request."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.problems import Problem, Severity
from argmap.terminal import for_terminal


def format_problems(
    problems: Sequence[Problem], *, files_checked: int, colour: bool = False, quiet: bool = False
) -> str:
    """Every problem on its own line; the count, colour and quiet do not apply."""
    return "".join(format_github(problem) + "\n" for problem in problems)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problem: Problem) -> str:
    """A GitHub Actions workflow command, which annotates the pull request."""
    command = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}[
        problem.severity
    ]
    # Escaped for a terminal first (the log shows escape sequences as a terminal
    # would), then for the workflow command, whose own line break joins the hint.
    message = for_terminal(problem.message) + (f"\n{for_terminal(problem.hint)}" if problem.hint else "")
    properties = ",".join(
        f"{key}={_escape_property(str(value))}"
        for key, value in (
            ("file", for_terminal(problem.file)),
            ("line", problem.line),
            ("col", problem.column),
            ("title", f"argmap {problem.code}"),
        )
    )
    return f"::{command} {properties}::{_escape_data(message)}"
