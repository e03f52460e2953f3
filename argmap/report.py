"""Turn problems into text for people, for editors and for CI.

Every format prints the same problems in the same order (file, line, column,
code), so the same maps always give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from argmap.problems import Problem, Severity

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
        return "".join(f"{p.file}:{p.line}:{p.column}: [{p.severity.label}] {p.code} {p.message}\n" for p in problems)
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
        location = paint(f"{problem.file}:{problem.line}:{problem.column}:", _BOLD)
        lines.append(f"{location} {problem.code} {problem.message} [{severity}]")
        if quiet:
            continue
        if problem.excerpt:
            gutter = f"{problem.line:>5} | "
            first, _, caret = problem.excerpt.partition("\n")
            lines.append(gutter + first)
            lines.append(" " * (len(gutter) - 2) + "| " + paint(caret, _COLOURS[problem.severity]))
        if problem.hint:
            lines.append("    " + paint("hint: ", _DIM) + problem.hint)
    if not quiet:
        if lines:
            lines.append("")
        lines.append(summary_line(problems, files_checked))
    return "\n".join(lines) + "\n" if lines else ""


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
        "summary": {severity.label: sum(1 for p in problems if p.severity is severity) for severity in Severity},
        "problems": [problem_as_dict(problem) for problem in problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problem: Problem) -> str:
    """A GitHub Actions workflow command, which annotates the pull request."""
    command = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}[problem.severity]
    message = problem.message + (f"\n{problem.hint}" if problem.hint else "")
    properties = ",".join(
        f"{key}={_escape_property(str(value))}"
        for key, value in (
            ("file", problem.file),
            ("line", problem.line),
            ("col", problem.column),
            ("title", f"argmap {problem.code}"),
        )
    )
    return f"::{command} {properties}::{_escape_data(message)}"
