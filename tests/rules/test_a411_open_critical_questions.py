"""A411 open-critical-questions: the scheme's critical questions no counterexample raises."""

from __future__ import annotations

from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

MAP = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: compromise-sought
    text: Pragmatists in the Kremlin will seek a compromise.
    implicit: true
    because:
      - id: from-signs
        scheme: argument-from-sign
        premises:
          - id: negotiations-heard
            text: The word "negotiations" is increasingly heard among Russian officials.
            implicit: true
        counterexamples:
          - id: talk-is-cheap
            question: sign-strength
            text: Officials talk of negotiations without meaning them.
            implicit: true
"""

ALL_RAISED = (
    MAP
    + """\
    counterexamples:
      - id: hardliners-prevail
        question: other-explanations
        text: The talk is a ruse of the hardliners to buy time.
        implicit: true
"""
)


def test_lists_the_questions_left_open(run_check: RunCheck) -> None:
    assert run_check(MAP, "A411") == [
        Problem(
            "A411",
            Severity.INFO,
            "demo.yaml",
            9,
            9,
            "inference `from-signs` (argument-from-sign): "
            "1 of 2 critical questions open: `other-explanations`",
            "`argmap schemes argument-from-sign` prints the questions; a counterexample under the inference "
            "that raises one says `question: <id>`",
            node="demo#from-signs",
        )
    ]


def test_silent_when_every_question_is_raised_under_the_inference_or_its_claim(run_check: RunCheck) -> None:
    assert run_check(ALL_RAISED, "A411") == []


def test_silent_for_an_inference_without_a_scheme(run_check: RunCheck) -> None:
    text = MAP.replace(
        "        scheme: argument-from-sign\n", "        warrant: Talk of a thing shows intent.\n"
    )
    assert run_check(text, "A411") == []
