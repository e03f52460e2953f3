"""A413 unknown-question: a counterexample's `question:` is not one of the scheme's."""

from __future__ import annotations

from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

MAP = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: failures-topple
    text: Military failures bring regimes down.
    implicit: true
    because:
      - id: from-history
        scheme: argument-from-example
        premises:
          - id: juntas
            text: The Greek and Argentinian juntas fell after failed military adventures.
            implicit: true
        counterexamples:
          - id: saddam
            question: counter-example
            text: Defeat in Kuwait in 1991 did not remove Saddam Hussein.
            implicit: true
"""


def test_fires_with_did_you_mean(run_check: RunCheck) -> None:
    assert run_check(MAP, "A413") == [
        Problem(
            "A413",
            Severity.WARNING,
            "demo.yaml",
            17,
            13,
            "counterexample `saddam` raises question `counter-example`, "
            "which `argument-from-example` does not have; did you mean `counterexamples`?",
            "`argmap schemes argument-from-example` lists its critical questions",
            node="demo#saddam",
        )
    ]


def test_silent_for_a_question_of_the_scheme(run_check: RunCheck) -> None:
    assert run_check(MAP.replace("question: counter-example", "question: counterexamples"), "A413") == []


def test_a_rebuttal_may_raise_a_question_of_the_claims_inference(run_check: RunCheck) -> None:
    text = (
        MAP.split("        counterexamples:")[0]
        + """\
    counterexamples:
      - id: saddam
        question: typical
        text: Defeat in Kuwait in 1991 did not remove Saddam Hussein.
        implicit: true
"""
    )
    assert run_check(text, "A413") == []


def test_fires_when_the_inference_has_no_scheme(run_check: RunCheck) -> None:
    text = MAP.replace(
        "        scheme: argument-from-example\n", "        warrant: Regimes fall after lost wars.\n"
    )
    assert [p.message for p in run_check(text, "A413")] == [
        "counterexample `saddam` raises question `counter-example`, but inference `from-history` names no "
        "`scheme`, so it has no critical questions"
    ]
