"""Q506 source-unreadable: the source exists but is not UTF-8 text."""

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
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Some words.\nCaf\u00e9 secret.\n".encode("latin-1"))
    (tmp_path / "utf8.txt").write_text("Some words.\nCaf\u00e9 secret.\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    path = tmp_path / "m.yaml"
    path.write_text(MAP.format(file=file), encoding="utf-8")
    result = check_paths([path], Config(), cwd=tmp_path)
    return [problem for problem in result.problems if problem.code.startswith("Q5")]


def test_fires_for_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    assert problems(tmp_path, "latin1.txt") == [
        Problem(
            "Q506",
            Severity.ERROR,
            "m.yaml",
            5,
            9,
            "source file `latin1.txt` is not UTF-8 text (the first bad byte is on line 2)",
            "save the document as UTF-8; sources are plain text or Markdown",
        )
    ]


def test_fires_for_a_folder(tmp_path: Path) -> None:
    assert [(problem.code, problem.message) for problem in problems(tmp_path, "folder")] == [
        ("Q506", "source file `folder` is a folder, not a document")
    ]


def test_silent_for_utf8_text(tmp_path: Path) -> None:
    assert problems(tmp_path, "utf8.txt") == []
