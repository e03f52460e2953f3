"""A403 term-gap: the conclusion's content words appear in neither premises nor warrant."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.config import Config, parse_config
from argmap.problems import ConfigError, Problem, Severity
from argmap.rules.a403_term_gap import Options
from argmap.rules.catalogue import all_codes
from tests.rules.conftest import RunCheck

GAP = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: putin-survives
    text: Putin's regime will survive military defeats.
    implicit: true
    because:
      - id: from-revenge
        premises:
          - id: revenge
            text: Putin's supporters see the invasion as revenge on the West.
            quote: For them, it is revenge against the stronger West.
          - id: any-resistance-wins
            text: To them any resistance to the West is a victory.
            quote: any form of resistance to the West is a victory
"""

WARRANT = (
    "        warrant: A regime whose base counts any defiance as victory survives its military defeats.\n"
)


def with_warrant(text: str, warrant: str = WARRANT) -> str:
    return text.replace("      - id: from-revenge\n", "      - id: from-revenge\n" + warrant)


def test_fires_when_the_claim_speaks_of_what_no_premise_mentions(run_check: RunCheck) -> None:
    assert run_check(GAP, "A403") == [
        Problem(
            "A403",
            Severity.WARNING,
            "demo.yaml",
            9,
            9,
            "claim `putin-survives` speaks of `regime`, `survive`, `military` and `defeats`, which neither "
            "the premises nor the warrant of `from-revenge` mention: a premise is probably missing",
            "add the premise that connects them (with `implicit: true` if the source leaves it unstated), "
            "or state the link in the inference's `warrant:`",
            node="demo#from-revenge",
        )
    ]


def test_silent_when_the_warrant_mentions_them_by_shared_stems(run_check: RunCheck) -> None:
    # "survives" matches "survive", "defeats" matches "defeats", "regime" matches "regime".
    assert run_check(with_warrant(GAP), "A403") == []


def test_a_warrant_in_other_words_raises_the_bar(run_check: RunCheck) -> None:
    paraphrase = (
        "        warrant: A base that counts any defiance of the West as victory forgives lost battles.\n"
    )
    # 4 of 5 content words unmentioned: below the default 0.85 for warranted inferences ...
    assert run_check(with_warrant(GAP, paraphrase), "A403") == []
    # ... but not below a stricter project setting.
    strict = Config(rule_options={"A403": {"min-share-warranted": 0.5}})
    assert [p.line for p in run_check(with_warrant(GAP, paraphrase), "A403", config=strict)] == [9]


def test_min_unmatched_is_configurable(run_check: RunCheck) -> None:
    assert run_check(GAP, "A403", config=Config(rule_options={"A403": {"min-unmatched": 5}})) == []


def test_extra_stop_words_are_configurable(run_check: RunCheck) -> None:
    config = Config(rule_options={"A403": {"stop-words": ["regime", "survive"]}})
    assert run_check(GAP, "A403", config=config) == []


def test_premise_quotes_count_as_mentions_unless_turned_off(run_check: RunCheck) -> None:
    text = GAP.replace(
        "Putin's regime will survive military defeats.", "Putin's supporters feel stronger after defeats."
    )
    # "stronger" is only in a quote; with quotes the claim misses only "feel" and "defeats".
    assert run_check(text, "A403") == []
    config = Config(rule_options={"A403": {"count-quotes": False, "min-unmatched": 2}})
    found = run_check(text, "A403", config=config)
    assert [p.message.split(",")[0] for p in found] == ["claim `putin-survives` speaks of `feel`"]


def test_a_single_unwarranted_premise_is_left_to_a402(run_check: RunCheck) -> None:
    single = GAP.split("          - id: any-resistance-wins")[0]
    assert run_check(single, "A403") == []
    assert [p.code for p in run_check(single, "A402")] == ["A402"]
    # With A402 turned off, A403 reports the gap itself.
    assert [p.line for p in run_check(single, "A403", config=Config(ignore=frozenset({"A402"})))] == [9]


def test_options_are_declared_and_validated_when_the_configuration_is_read(tmp_path: Path) -> None:
    known = {code: info.options for code, info in ((i.code, i) for i in all_codes())}
    path = tmp_path / "argmap.toml"
    assert Options.from_config(parse_config({}, path, known)) == Options(3, 0.5, 0.85, True, ())
    read = parse_config({"rules": {"A403": {"min-share": 1, "stop-words": ["putin"]}}}, path, known)
    assert Options.from_config(read) == Options(3, 1.0, 0.85, True, ("putin",))
    with pytest.raises(
        ConfigError,
        match=r"argmap.toml: \[rules.A403\]: unknown option `min-shar`; did you mean `min-share`\?",
    ):
        parse_config({"rules": {"A403": {"min-shar": 0.5}}}, path, known)
    with pytest.raises(ConfigError, match=r"`min-share` must be a number from 0 to 1, like 0\.5"):
        parse_config({"rules": {"A403": {"min-share": 2}}}, path, known)
    with pytest.raises(ConfigError, match="`min-unmatched` must be a whole number of at least 1"):
        parse_config({"rules": {"A403": {"min-unmatched": 0}}}, path, known)
    with pytest.raises(ConfigError, match="`stop-words` must be a list"):
        parse_config({"rules": {"A403": {"stop-words": "putin"}}}, path, known)
