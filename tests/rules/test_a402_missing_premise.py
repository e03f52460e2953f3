"""A402 missing-premise: an inference with a single premise and no warrant."""

from __future__ import annotations

from argmap.config import Config
from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

SINGLE = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    implicit: true
    because:
      - id: from-revenge
        premises:
          - id: revenge
            text: Putin's supporters see the invasion as revenge on the West.
            quote: For them, it is revenge against the stronger West.
"""


def test_fires_on_a_single_premise_without_warrant(run_check: RunCheck) -> None:
    assert run_check(SINGLE, "A402") == [
        Problem(
            "A402",
            Severity.WARNING,
            "demo.yaml",
            9,
            9,
            "inference `from-revenge` rests on the single premise `revenge` and states no `warrant`: "
            "a premise is probably missing",
            "add the unstated premise that links it to the claim (with `implicit: true`), "
            "or state that link as the inference's `warrant:`",
            node="demo#from-revenge",
        )
    ]


def test_silent_with_a_warrant(run_check: RunCheck) -> None:
    text = SINGLE.replace(
        "      - id: from-revenge\n",
        "      - id: from-revenge\n"
        "        warrant: A base that counts defiance as victory does not punish lost battles.\n",
    )
    assert run_check(text, "A402") == []


def test_silent_with_a_second_premise(run_check: RunCheck) -> None:
    text = (
        SINGLE
        + """\
          - id: losses-forgiven
            text: A base that counts defiance as victory does not punish lost battles.
            implicit: true
"""
    )
    assert run_check(text, "A402") == []


def test_silent_with_a_scheme(run_check: RunCheck) -> None:
    text = SINGLE.replace(
        "      - id: from-revenge\n", "      - id: from-revenge\n        scheme: argument-from-sign\n"
    )
    assert run_check(text, "A402") == []


CONVERGENT = (
    SINGLE
    + """\
      - id: from-losses
        premises:
          - id: losses
            text: The army's losses are hidden from the public.
            implicit: true
"""
)


def test_convergent_silences_inferences_of_a_claim_with_several_reasons(run_check: RunCheck) -> None:
    assert [problem.line for problem in run_check(CONVERGENT, "A402")] == [9, 14]
    convergent = Config(rule_options={"A402": {"convergent": True}})
    assert run_check(CONVERGENT, "A402", config=convergent) == []
    # A claim whose only reason is one premise is still reported.
    assert [problem.line for problem in run_check(SINGLE, "A402", config=convergent)] == [9]
