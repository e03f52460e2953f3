"""Q502 quote-case-mismatch: a quote found only when case is ignored."""

from __future__ import annotations

from pathlib import Path

from argmap.config import Config
from argmap.lint.runner import check_paths
from argmap.problems import Problem, Severity

ARTICLE = "Intro line.\nFor them, it is revenge against the stronger West. Researchers observe a paradox.\n"
MAP = """\
argmap: 1
id: m
title: A map
source:
  file: article.txt
conclusions:
  - id: claim
    text: A claim.
    quote: {quote}
"""


def problems(tmp_path: Path, quote: str) -> list[Problem]:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(MAP.format(quote=quote), encoding="utf-8")
    result = check_paths([path], Config(), cwd=tmp_path)
    return [
        problem for problem in result.problems if problem.code.startswith("Q50") and problem.code != "Q505"
    ]


def test_fires_when_only_case_differs(tmp_path: Path) -> None:
    assert problems(tmp_path, "for them, it is Revenge against the stronger west") == [
        Problem(
            "Q502",
            Severity.WARNING,
            "m.yaml",
            9,
            12,
            "the quote of conclusion `claim` matches line 2 of `article.txt` only when case is ignored",
            "the source writes “For them, it is revenge against the stronger West”: copy its capitals",
            None,
            "m#claim",
        )
    ]


def test_silent_when_the_quote_is_verbatim(tmp_path: Path) -> None:
    assert problems(tmp_path, "For them, it is revenge against the stronger West") == []


def test_silent_when_the_quote_is_not_found_at_all(tmp_path: Path) -> None:
    assert [
        problem.code for problem in problems(tmp_path, "for them, it is revenge against the weaker west")
    ] == ["Q501"]
