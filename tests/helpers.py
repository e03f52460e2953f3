"""Small helpers shared by the tests of the core (loader, schema, model, CLI)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from argmap.config import Config
from argmap.lint.runner import CheckResult, check_paths
from argmap.problems import Problem, Severity

# The repository, and the source documents the tests share.
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "sources"

MINIMAL = """\
argmap: 1
id: demo
title: A demo map
conclusions:
  - id: claim
    text: The bridge is closed.
    implicit: true
    because:
      - id: from-sign
        warrant: A sign that says a bridge is closed is right.
        premises:
          - id: sign
            text: A sign says the bridge is closed.
            implicit: true
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def check_texts(folder: Path, **files: str) -> CheckResult:
    """Write each `name=text` as `name.yaml` and check them together."""
    paths = [write(folder, f"{name}.yaml", text) for name, text in files.items()]
    return check_paths(paths, Config(), cwd=folder)


def codes(result: CheckResult, prefix: str = "") -> list[str]:
    return [problem.code for problem in result.problems if problem.code.startswith(prefix)]


def only(result: CheckResult, prefix: str) -> list[Problem]:
    return [problem for problem in result.problems if problem.code.startswith(prefix)]


def error(
    code: str, file: str, line: int, column: int, message: str, hint: str | None, node: str | None = None
) -> Problem:
    return Problem(code, Severity.ERROR, file, line, column, message, hint, None, node)
