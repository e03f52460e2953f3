"""Turn problems into text for people, for editors and for CI.

Every format prints the same problems in the same order (file, line, column,
code), so the same maps always give the same bytes. The text, parsable and
github formats pass every string from the user's files through
`argmap.terminal.for_terminal`; json leaves escaping to `json.dumps`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from argmap.problems import Problem, Severity
from argmap.terminal import for_terminal

FORMATS = ("text", "parsable", "json", "github")

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"


def format_problems(
    problems: Sequence[Problem],
    output_format: str,
    *,
    files_checked: int,
    colour: bool = False,
    quiet: bool = False,
) -> str:
    if output_format == "parsable":
        return "".join(
            f"{for_terminal(p.file)}:{p.line}:{p.column}: [{p.severity.label}] {p.code} {for_terminal(p.message)}\n"
            for p in problems
        )
    if output_format == "json":
        return format_json(problems, files_checked)
    if output_format == "github":
        return "".join(format_github(problem) + "\n" for problem in problems)
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


def problem_as_dict(problem: Problem) -> dict[str, object]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "code": problem.code,
        "severity": problem.severity.label,
        "message": problem.message,
        "hint": problem.hint,
        "node": problem.node,
    }


def format_json(problems: Sequence[Problem], files_checked: int) -> str:
    document = {
        "files_checked": files_checked,
        "summary": {
            severity.label: sum(1 for p in problems if p.severity is severity) for severity in Severity
        },
        "problems": [problem_as_dict(problem) for problem in problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


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
