"""Shared helpers for the rule tests: write inline maps to a temporary folder
and check them, keeping the problems of one code."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.config import Config
from argmap.lint.runner import check_paths
from argmap.problems import Problem

RunCheck = Callable[..., list[Problem]]


@pytest.fixture
def run_check(tmp_path: Path) -> RunCheck:
    """`run_check(text, "A401", others={"other": text}, config=Config(...))`:
    write `text` as demo.yaml (and each of `others` as NAME.yaml beside it),
    check demo.yaml, and return its problems of that code."""

    def run(
        text: str, code: str, *, others: dict[str, str] | None = None, config: Config | None = None
    ) -> list[Problem]:
        for name, other in (others or {}).items():
            (tmp_path / f"{name}.yaml").write_text(textwrap.dedent(other), encoding="utf-8")
        path = tmp_path / "demo.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        result = check_paths([path], config or Config(), cwd=tmp_path)
        return [problem for problem in result.problems if problem.code == code]

    return run
