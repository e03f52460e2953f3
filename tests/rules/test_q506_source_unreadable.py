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
            "name the document's encoding in the map, as `source.encoding: cp1252` "
            "(or `latin-1`, `utf-16`, `koi8-r`...), or save the document as UTF-8",
        )
    ]


def test_source_encoding_reads_the_file_it_names(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Some words. Caf\u00e9 secret.\n".encode("latin-1"))
    path = tmp_path / "m.yaml"
    path.write_text(
        MAP.format(file="latin1.txt\n  encoding: latin-1").replace("Some words", "Caf\u00e9 secret"),
        encoding="utf-8",
    )
    result = check_paths([path], Config(), cwd=tmp_path)
    assert [problem.code for problem in result.problems if problem.code.startswith("Q5")] == []


def test_an_unknown_or_wrong_encoding_is_named(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes(b"\xff\xfeS\x00")
    (tmp_path / "latin1.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    found = []
    for file, encoding in (("latin1.txt", "klingon"), ("latin1.txt", "utf-8")):
        path = tmp_path / "m.yaml"
        path.write_text(MAP.format(file=f"{file}\n  encoding: {encoding}"), encoding="utf-8")
        result = check_paths([path], Config(), cwd=tmp_path)
        found += [(p.code, p.message, p.hint) for p in result.problems if p.code.startswith("Q5")]
    assert found == [
        (
            "Q506",
            "source file `latin1.txt`: `source.encoding` names `klingon`, which is no known encoding",
            "write an encoding Python knows, such as `utf-8`, `cp1252`, `latin-1`, `utf-16` or `koi8-r`",
        ),
        (
            "Q506",
            "source file `latin1.txt` is not `utf-8` text (the first bad byte is on line 1)",
            "name the encoding the document was saved in as `source.encoding`",
        ),
    ]


def test_fires_for_a_folder(tmp_path: Path) -> None:
    assert [(problem.code, problem.message) for problem in problems(tmp_path, "folder")] == [
        ("Q506", "source file `folder` is a folder, not a document")
    ]


def test_silent_for_utf8_text(tmp_path: Path) -> None:
    assert problems(tmp_path, "utf8.txt") == []
