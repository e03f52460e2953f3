"""A404 unanswered-counterexample: an objection to the map's line stands and defeats its target."""

from __future__ import annotations

from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

UNANSWERED = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    implicit: true
    counterexamples:
      - id: failures-topple
        text: Military failures have brought regimes down before.
        implicit: true
"""

ANSWERED = (
    UNANSWERED
    + """\
        because:
          - id: from-history
            scheme: argument-from-example
            premises:
              - id: juntas
                text: The Greek and Argentinian juntas fell after failed military adventures.
                implicit: true
            counterexamples:
              - id: saddam
                text: Defeat in Kuwait in 1991 did not remove Saddam Hussein.
                implicit: true
"""
)


def test_fires_on_an_unanswered_rebuttal(run_check: RunCheck) -> None:
    assert run_check(UNANSWERED, "A404") == [
        Problem(
            "A404",
            Severity.WARNING,
            "demo.yaml",
            9,
            9,
            "counterexample `failures-topple` stands unanswered: it rebuts `no-direct-link`, "
            "which is therefore out",
            "if the document answers it, "
            "add the answer as a counterexample to it (or to the inference behind it); "
            'if it does not, keep it and say so with `ignore: {A404: "..."}`',
            node="demo#failures-topple",
        )
    ]


def test_silent_when_answered_and_for_the_documents_own_answer(run_check: RunCheck) -> None:
    # `saddam` stands and undercuts `from-history`, but it is the document's answer, not an objection.
    assert run_check(ANSWERED, "A404") == []


def test_fires_on_an_unanswered_undercutter_of_the_documents_step(run_check: RunCheck) -> None:
    text = """\
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
              - id: elite-decides
                text: The elite, not the base, decides a leader's fate.
                implicit: true
    """
    assert [p.message for p in run_check(text, "A404")] == [
        "counterexample `elite-decides` stands unanswered: it undercuts inference `from-revenge`, "
        "which is therefore out"
    ]


def test_silent_when_the_map_expects_the_target_out(run_check: RunCheck) -> None:
    text = UNANSWERED.replace("conclusions:\n", "expect:\n  out: [no-direct-link]\nconclusions:\n")
    assert run_check(text, "A404") == []


def test_one_problem_per_counterexample_however_many_nodes_it_defeats(run_check: RunCheck) -> None:
    text = (
        UNANSWERED
        + """\
  - id: hard-to-lose
    text: It is as hard for Putin to lose the war as to win it.
    implicit: true
    counterexamples:
      - ref: failures-topple
"""
    )
    assert [(p.line, p.message) for p in run_check(text, "A404")] == [
        (
            9,
            "counterexample `failures-topple` stands unanswered: "
            "it rebuts `hard-to-lose` and `no-direct-link`, which are therefore out",
        )
    ]
