"""The text format: problems for people, grouped by file, with the line
quoted, a caret under the place, the hint and a summary."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.problems import Problem, Severity
from argmap.terminal import for_terminal

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"


def format_problems(
    problems: Sequence[Problem], *, files_checked: int, colour: bool = False, quiet: bool = False
) -> str:
    return format_text(problems, files_checked, colour=colour, quiet=quiet)


def format_text(problems: Sequence[Problem], files_checked: int, *, colour: bool, quiet: bool) -> str:
    def paint(text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if colour else text

    shown = [p for p in problems if not quiet or p.severity is Severity.ERROR]
    lines: list[str] = []
    current_file: str | None = None
    for problem in shown:
        if problem.file != current_file:
            if current_file is not None:
                lines.append("")
            current_file = problem.file
        severity = paint(problem.severity.label, _COLOURS[problem.severity])
        location = paint(f"{for_terminal(problem.file)}:{problem.line}:{problem.column}:", _BOLD)
        lines.append(f"{location} {problem.code} {for_terminal(problem.message)} [{severity}]")
        if quiet:
            continue
        if problem.excerpt:
            gutter = f"{problem.line:>5} | "
            first, caret = _safe_excerpt(problem.excerpt)
            lines.append(gutter + first)
            lines.append(" " * (len(gutter) - 2) + "| " + paint(caret, _COLOURS[problem.severity]))
        if problem.hint:
            lines.append("    " + paint("hint: ", _DIM) + for_terminal(problem.hint))
    if not quiet:
        if lines:
            lines.append("")
        lines.append(summary_line(problems, files_checked))
    return "\n".join(lines) + "\n" if lines else ""


def _safe_excerpt(excerpt: str) -> tuple[str, str]:
    """The excerpt's line made safe for a terminal, and its caret moved under
    the same character (an escape is wider than what it stands for)."""
    first, _, caret = excerpt.partition("\n")
    column = len(caret) - len(caret.lstrip(" "))
    if not caret.strip() or column > len(first):
        return for_terminal(first), for_terminal(caret)
    shift = len(for_terminal(first[:column])) - column
    return for_terminal(first), " " * shift + caret


def summary_line(problems: Sequence[Problem], files_checked: int) -> str:
    counts = {severity: 0 for severity in Severity}
    for problem in problems:
        counts[problem.severity] += 1
    files_with = len({problem.file for problem in problems})
    maps = f"{files_checked} map{'s' if files_checked != 1 else ''}"
    if not problems:
        return f"{maps} checked: no problems."
    parts = [
        f"{counts[severity]} {severity.label}{'s' if counts[severity] != 1 else ''}"
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[severity]
    ]
    return f"{maps} checked: {', '.join(parts)} in {files_with} file{'s' if files_with != 1 else ''}."


def problem_with_hint(problem: Problem) -> str:
    """One problem as `file:line:col: CODE message` and its hint below: for a
    command that reports the one problem that stopped it."""
    text = (
        f"{for_terminal(problem.file)}:{problem.line}:{problem.column}: "
        f"{problem.code} {for_terminal(problem.message)}\n"
    )
    if problem.hint:
        text += f"    hint: {for_terminal(problem.hint)}\n"
    return text
