"""Q504 source-outside-project: a source path that leaves the project.

Each kind of refusal (absolute, `..`, link) is in tests/grounding/test_source_safety.py.
"""

from __future__ import annotations

from pathlib import Path

from argmap.config import Config
from argmap.lint.runner import check_paths
from argmap.problems import Problem, Severity

MAP = """\
argmap: 1
id: m
title: A map
source:
  file: {file}
conclusions:
  - id: claim
    text: A claim.
    quote: Some words
"""


def problems(tmp_path: Path, file: str) -> list[Problem]:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    (project / "article.txt").write_text("Some words here.\n", encoding="utf-8")
    (tmp_path / "article.txt").write_text("Some words here.\n", encoding="utf-8")
    path = project / "m.yaml"
    path.write_text(MAP.format(file=file), encoding="utf-8")
    result = check_paths([path], Config(), cwd=project)
    return [problem for problem in result.problems if problem.code.startswith("Q5")]


def test_fires_for_a_path_out_of_the_project(tmp_path: Path) -> None:
    assert problems(tmp_path, "../article.txt") == [
        Problem(
            "Q504",
            Severity.ERROR,
            "m.yaml",
            5,
            9,
            "source file `../article.txt` climbs out of the project with `..`",
            "copy the document into the map's project, `.` (the nearest folder above the map that holds "
            ".git, argmap.toml or a pyproject.toml with [tool.argmap]), and name it relative to the map",
        )
    ]


def test_silent_for_a_path_inside(tmp_path: Path) -> None:
    assert problems(tmp_path, "article.txt") == []
