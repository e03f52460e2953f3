"""The sarif format: SARIF 2.1.0, the log format of static analysis tools
that GitHub code scanning reads (`github/codeql-action/upload-sarif`).

One run, argmap as its tool; the rules of the codes found, sorted, each
with its summary, documentation and link; one result per problem with its
region (start, and end where the loader knows it). Columns count Unicode
code points, as argmap's do. Paths stay relative to the folder argmap ran
in, which code scanning resolves against the repository's root.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import quote

from argmap import __version__
from argmap.output.rule_docs import REPOSITORY, documentation_url
from argmap.problems import Problem, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def format_problems(
    problems: Sequence[Problem], *, files_checked: int, colour: bool = False, quiet: bool = False
) -> str:
    """The SARIF log; colour does not apply (quiet is applied before, by the caller)."""
    return json.dumps(sarif_log(problems), indent=2, ensure_ascii=False) + "\n"


def sarif_log(problems: Sequence[Problem]) -> dict[str, object]:
    from argmap.rules.catalogue import all_codes

    used = sorted({problem.code for problem in problems})
    known = {info.code: info for info in all_codes()}
    rules: list[dict[str, object]] = []
    for code in used:
        rule: dict[str, object] = {"id": code, "helpUri": documentation_url(code)}
        info = known.get(code)
        if info is not None:
            rule |= {
                "name": info.name,
                "shortDescription": {"text": info.summary},
                "help": {"text": info.doc, "markdown": info.doc},
                "defaultConfiguration": {"level": _LEVELS[info.severity]},
            }
        rules.append(rule)
    index = {code: position for position, code in enumerate(used)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "argmap",
                        "version": __version__,
                        "informationUri": REPOSITORY,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(problem, index[problem.code]) for problem in problems],
            }
        ],
    }


def _result(problem: Problem, rule_index: int) -> dict[str, object]:
    region: dict[str, int] = {"startLine": problem.line, "startColumn": problem.column}
    if problem.end_line is not None and problem.end_column is not None:
        region |= {"endLine": problem.end_line, "endColumn": problem.end_column}
    message = problem.message + (f"\n\nhint: {problem.hint}" if problem.hint else "")
    result: dict[str, object] = {
        "ruleId": problem.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[problem.severity],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(problem.file)},
                    "region": region,
                }
            }
        ],
    }
    if problem.node:
        # Code scanning tells one alert from another across commits by this.
        result["partialFingerprints"] = {"argmapNode/v1": f"{problem.code}:{problem.node}"}
    return result


def _uri(file: str) -> str:
    """A relative URI reference for a relative path, a file URI for an absolute one."""
    path = PurePath(file)
    if path.is_absolute():
        return "file://" + quote(path.as_posix())
    return quote(path.as_posix())
