"""Q503 source-not-found: `source.file` names no file."""

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
  title: An article
  file: {file}
conclusions:
  - id: claim
    text: A claim.
    quote: Some words
"""


def problems(tmp_path: Path, file: str) -> list[Problem]:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "article.txt").write_text("Some words here.\n", encoding="utf-8")
    (tmp_path / "maps").mkdir()
    path = tmp_path / "maps" / "m.yaml"
    path.write_text(MAP.format(file=file), encoding="utf-8")
    result = check_paths([path], Config(), cwd=tmp_path)
    return [problem for problem in result.problems if problem.code.startswith("Q5")]


def test_fires_naming_the_path_looked_for(tmp_path: Path) -> None:
    assert problems(tmp_path, "seeds/article.txt") == [
        Problem(
            "Q503",
            Severity.ERROR,
            "maps/m.yaml",
            6,
            9,
            "source file `seeds/article.txt` does not exist (looked for `maps/seeds/article.txt`)",
            "the path is relative to the map's folder; check its spelling",
        )
    ]


def test_silent_when_the_file_is_there(tmp_path: Path) -> None:
    assert problems(tmp_path, "../seeds/article.txt") == []
