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
    project.mkdir(exist_ok=True)
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
            "no argmap.toml, pyproject.toml [tool.argmap] or .git marks a project above the map, so its "
            "project is the folder argmap runs from; mark the folder that holds both the map and the "
            f"document: create `{tmp_path / 'argmap.toml'}` (`argmap init {tmp_path}` does it), "
            "or run argmap from there",
        )
    ]


def test_the_hint_names_the_mark_of_a_marked_project(tmp_path: Path) -> None:
    (tmp_path / "project" / ".git").mkdir(parents=True)
    assert [problem.hint for problem in problems(tmp_path, "../article.txt")] == [
        "copy the document into the map's project, `.` (the folder that holds its .git), "
        "and name it relative to the map"
    ]


def test_the_maps_folder_is_no_project_when_run_from_it(tmp_path: Path) -> None:
    """`argmap new maps/essay.yaml --source texts/essay.txt`, then `check` run from maps/."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "essay.txt").write_text("Some words here.\n", encoding="utf-8")
    (tmp_path / "maps").mkdir()
    path = tmp_path / "maps" / "essay.yaml"
    path.write_text(MAP.format(file="../texts/essay.txt"), encoding="utf-8")
    result = check_paths([path], Config(), cwd=tmp_path / "maps")
    assert [(p.code, p.hint) for p in result.problems if p.code.startswith("Q5")] == [
        (
            "Q504",
            "no argmap.toml, pyproject.toml [tool.argmap] or .git marks a project above the map, so its "
            "project is the folder argmap runs from; mark the folder that holds both the map and the "
            f"document: create `{tmp_path / 'argmap.toml'}` (`argmap init {tmp_path}` does it), "
            "or run argmap from there",
        )
    ]
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    result = check_paths([path], Config(), cwd=tmp_path / "maps")
    assert [p.code for p in result.problems if p.code.startswith("Q5")] == []


def test_silent_for_a_path_inside(tmp_path: Path) -> None:
    assert problems(tmp_path, "article.txt") == []
