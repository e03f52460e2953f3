"""A405 defeated-conclusion: a root conclusion is `out`."""

from __future__ import annotations

from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

DEFEATED = """\
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

REINSTATED = (
    DEFEATED
    + """\
        counterexamples:
          - id: saddam
            text: Defeat in Kuwait in 1991 did not remove Saddam Hussein.
            implicit: true
"""
)


def test_fires_on_a_rebutted_conclusion_with_the_reason(run_check: RunCheck) -> None:
    assert run_check(DEFEATED, "A405") == [
        Problem(
            "A405",
            Severity.WARNING,
            "demo.yaml",
            5,
            5,
            "conclusion `no-direct-link` is out: rebutted by `failures-topple` (in)",
            "add the document's answer to what defeats it; if its case really fails here, "
            "say so with `expect: {out: [no-direct-link]}`",
            node="demo#no-direct-link",
        )
    ]


def test_fires_when_no_inference_applies(run_check: RunCheck) -> None:
    text = """\
    argmap: 1
    id: demo
    title: Demo
    conclusions:
      - id: hard-to-lose
        text: It is as hard for Putin to lose the war as to win it.
        implicit: true
        because:
          - id: from-history
            warrant: What held before holds now.
            premises:
              - id: juntas
                text: The juntas fell after failed wars.
                implicit: true
                counterexamples:
                  - id: juntas-fell-otherwise
                    text: The juntas fell for economic reasons.
                    implicit: true
    """
    assert [p.message for p in run_check(text, "A405")] == [
        "conclusion `hard-to-lose` is out: no inference applies (`from-history`: premise `juntas` is out)"
    ]


def test_silent_when_the_objection_is_itself_defeated(run_check: RunCheck) -> None:
    assert run_check(REINSTATED, "A405") == []


def test_silent_when_the_map_expects_the_defeat(run_check: RunCheck) -> None:
    text = DEFEATED.replace("conclusions:\n", "expect:\n  out: [no-direct-link]\nconclusions:\n")
    assert run_check(text, "A405") == []
    assert run_check(text, "A412") == []
