"""A408 duplicate-claim: two claims with the same text, up to case, space and punctuation."""

from __future__ import annotations

from argmap.problems import Problem, Severity
from argmap.rules.a408_duplicate_claim import normalized
from tests.rules.conftest import RunCheck

DUPLICATE = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    implicit: true
    because:
      - id: from-revenge
        warrant: A base that counts defiance as victory does not punish lost battles.
        premises:
          - id: revenge
            text: Putin's supporters see the invasion as revenge on the West.
            implicit: true
    counterexamples:
      - id: revenge-again
        text: "putin's  supporters see the invasion as revenge on the West"
        implicit: true
"""


def test_fires_once_per_pair_at_the_later_claim(run_check: RunCheck) -> None:
    hint = "keep one of them and write `- ref: revenge` where the claim recurs"
    assert run_check(DUPLICATE, "A408") == [
        Problem(
            "A408",
            Severity.WARNING,
            "demo.yaml",
            16,
            9,
            "claim `revenge-again` says the same as `revenge` (line 12)",
            hint,
            node="demo#revenge-again",
        ),
    ]


def test_silent_when_the_claim_is_reused_with_ref(run_check: RunCheck) -> None:
    text = DUPLICATE.split("      - id: revenge-again")[0] + "      - ref: revenge\n"
    assert run_check(text, "A408") == []


def test_silent_for_different_claims(run_check: RunCheck) -> None:
    text = DUPLICATE.replace('revenge on the West"', 'liberation"')
    assert run_check(text, "A408") == []


def test_normalization_ignores_case_space_and_punctuation() -> None:
    assert normalized("  Putin’s   supporters —  see it!") == normalized("putins supporters see it")
    assert normalized("A, b") != normalized("ab")
