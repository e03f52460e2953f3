"""Q505 uncovered-reasoning: a reasoning sentence of the source that no quote covers.

The fixture's figures are worked out in tests/grounding/test_coverage.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from argmap.config import Config
from argmap.lint.runner import check_paths
from argmap.problems import Problem, Severity

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
MAP = """\
argmap: 1
id: cats
title: Cats are nocturnal
source:
  file: coverage.txt
conclusions:
  - id: nocturnal
    text: Cats are nocturnal.
    quote: Therefore cats are
    because:
      - id: from-hunting
        premises:
          - id: hunting
            text: Cats hunt at night.
            quote: They sleep because they hunt at night
    counterexamples:
      - id: smiths-cat
        text: Mr Smith's cat sleeps at night.
        quote: {objection}
"""


def problems(tmp_path: Path, map_text: str) -> list[Problem]:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    shutil.copy(FIXTURES / "coverage.txt", tmp_path / "coverage.txt")
    path = tmp_path / "cats.yaml"
    path.write_text(map_text, encoding="utf-8")
    result = check_paths([path], Config(), cwd=tmp_path)
    return [problem for problem in result.problems if problem.code == "Q505"]


def test_fires_for_each_uncovered_reasoning_sentence(tmp_path: Path) -> None:
    assert problems(tmp_path, MAP.format(objection="his cat sleeps")) == [
        Problem(
            "Q505",
            Severity.INFO,
            "cats.yaml",
            5,
            9,
            "line 4 of `coverage.txt` carries reasoning (however) that no quote covers: "
            "“However, his cat sleeps at night.”",
            "quote it in a node if the map needs it; `argmap coverage` lists every uncovered sentence",
        )
    ]


def test_silent_when_every_reasoning_sentence_is_covered(tmp_path: Path) -> None:
    assert problems(tmp_path, MAP.format(objection="However, his cat sleeps at night.")) == []


def test_silent_without_a_source_file(tmp_path: Path) -> None:
    map_text = MAP.format(objection="his cat sleeps").replace("source:\n  file: coverage.txt\n", "")
    assert problems(tmp_path, map_text) == []
