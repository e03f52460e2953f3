"""Q501 quote-not-found: a quote that the source does not contain."""

from __future__ import annotations

from pathlib import Path

from argmap.config import Config
from argmap.lint.runner import check_paths
from argmap.problems import Problem, Severity

ARTICLE = (
    "The truth is that Putin's supporters do not perceive the invasion as aggression.\n"
    "For them, it is revenge against the stronger West. Researchers observe a paradox.\n"
)
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


def problems(tmp_path: Path, map_text: str, code: str = "Q501") -> list[Problem]:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(map_text, encoding="utf-8")
    result = check_paths([path], Config(), cwd=tmp_path)
    return [problem for problem in result.problems if problem.code == code]


def q501(line: int, column: int, message: str, hint: str) -> Problem:
    return Problem("Q501", Severity.ERROR, "m.yaml", line, column, message, hint, None, "m#claim")


def test_fires_with_the_nearest_passage_as_hint(tmp_path: Path) -> None:
    found = problems(tmp_path, MAP.format(quote="For them, it is revenge against the strong West."))
    assert found == [
        q501(
            9,
            12,
            "the quote of conclusion `claim` does not occur in `article.txt`",
            "the nearest passage is at line 2: after “is revenge against the”, the quote has "
            "“strong West.” where the source has “stronger West”; copy the quote from the source",
        )
    ]


def test_the_hint_shows_the_first_difference_of_a_long_passage(tmp_path: Path) -> None:
    quote = (
        "The truth is that Putin's supporters do not perceive the invasion as aggression. "
        "For them, it is revenge against the stronger East."
    )
    assert [problem.hint for problem in problems(tmp_path, MAP.format(quote=quote))] == [
        "the nearest passage is at line 1: after “revenge against the stronger”, the quote has "
        "“East.” where the source has “West.”; copy the quote from the source"
    ]


def test_fires_for_each_quote_of_a_list_that_is_not_found(tmp_path: Path) -> None:
    map_text = MAP.format(
        quote="\n      - For them, it is revenge against the stronger West\n      - qqq zzz xxx vvv"
    )
    assert problems(tmp_path, map_text) == [
        q501(
            11,
            9,
            "quote 2 of conclusion `claim` does not occur in `article.txt`",
            "copy the passage verbatim from the source; `...` may stand for omitted words",
        )
    ]


def test_fires_for_elided_parts_out_of_order(tmp_path: Path) -> None:
    found = problems(tmp_path, MAP.format(quote="revenge against the stronger West ... Putin's supporters"))
    assert [(problem.line, problem.message) for problem in found] == [
        (
            9,
            "the quote of conclusion `claim` does not occur in `article.txt`: its parts occur, "
            "but not in this order within 300 characters of each other",
        )
    ]


def test_fires_for_an_elision_alone(tmp_path: Path) -> None:
    assert problems(tmp_path, MAP.format(quote='"..."')) == [
        q501(
            9,
            12,
            "the quote of conclusion `claim` holds nothing but an elision",
            "quote the words of the source; `...` may only stand between them",
        )
    ]


def test_silent_when_the_quote_is_found(tmp_path: Path) -> None:
    quote = "Putin’s supporters ... revenge against the  stronger West"
    assert problems(tmp_path, MAP.format(quote=quote)) == []


def test_silent_when_only_the_case_differs(tmp_path: Path) -> None:
    assert problems(tmp_path, MAP.format(quote="for them, it is revenge")) == []


def test_silent_when_the_map_has_no_source_file(tmp_path: Path) -> None:
    map_text = MAP.format(quote="words from nowhere").replace("source:\n  file: article.txt\n", "")
    assert problems(tmp_path, map_text) == []


def test_silent_when_the_source_is_missing(tmp_path: Path) -> None:
    map_text = MAP.format(quote="words from nowhere").replace("article.txt", "gone.txt")
    assert problems(tmp_path, map_text) == []
    assert [problem.code for problem in problems(tmp_path, map_text, "Q503")] == ["Q503"]


def test_an_ignore_on_the_node_silences_it(tmp_path: Path) -> None:
    map_text = MAP.format(quote="words from nowhere") + "    ignore: {Q501: paraphrased on purpose}\n"
    result_problems = problems(tmp_path, map_text)
    assert result_problems == []


SKETCH_MAP = """\
argmap: 1
id: ft-lose-or-win
title: It is as hard for Putin to lose the war as to win it
source:
  file: ../seeds/000_8cb48b3a64db822c.txt
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    quote: there is no direct connection between the failures of the military and the weakening of \
Putin’s power
    because:
      - id: from-revenge
        warrant: A base that counts any defiance of the West as victory does not punish its leader \
for lost battles.
        premises:
          - id: revenge
            text: Putin's supporters see the invasion as revenge on the West, not as aggression.
            quote: For them, it is revenge against the stronger West.
          - id: any-resistance-wins
            text: To them any resistance to the West is a victory, whatever its outcome.
            quote: any form of resistance to the West is a victory, almost regardless of its outcome
    counterexamples:
      - id: failures-topple
        text: Military failures have brought regimes down before.
        because:
          - id: from-history
            scheme: argument-from-example
            premises:
              - id: juntas
                text: The Greek and Argentinian juntas fell after failed military adventures.
                quote: after a series of failed military adventures that the Greek and Argentinian \
juntas collapsed
            counterexamples:
              - id: saddam
                text: Defeat in Kuwait in 1991 did not remove Saddam Hussein.
                quote: the defeat in Kuwait in 1991 did not remove Saddam Hussein
"""


def test_silent_on_the_format_sketch_map_and_seed_000(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_8cb48b3a64db822c.txt"
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "maps").mkdir()
    path = tmp_path / "maps" / "ft.yaml"
    path.write_text(SKETCH_MAP, encoding="utf-8")
    result = check_paths([path], Config(), cwd=tmp_path)
    assert [
        problem for problem in result.problems if problem.code in ("Q501", "Q502", "Q503", "Q504", "Q506")
    ] == []
