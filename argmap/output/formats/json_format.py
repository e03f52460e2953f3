"""The json format: every problem as an object, with a count per severity.

Strings are left as the user wrote them; `json.dumps` escapes them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from argmap.problems import Problem, Severity


def format_problems(
    problems: Sequence[Problem], *, files_checked: int, colour: bool = False, quiet: bool = False
) -> str:
    """The JSON document; colour and quiet do not apply."""
    return format_json(problems, files_checked)


def problem_as_dict(problem: Problem) -> dict[str, object]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "end_line": problem.end_line,
        "end_column": problem.end_column,
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
