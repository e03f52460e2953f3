"""A410 scheme-premise-missing: an inference lacks a premise role its scheme requires."""

from __future__ import annotations

from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

HINT = (
    "add the missing premise (with `implicit: true` if the document leaves it unstated) "
    "and name the role each premise plays with `role:`"
)

BY_ROLE = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: orderly
    text: The withdrawal from Kherson was orderly.
    implicit: true
    because:
      - id: from-kofman
        scheme: argument-from-expert-opinion
        premises:
          - id: kofman-says
            role: assertion
            text: Kofman says the withdrawal from Kherson was orderly.
            implicit: true
"""

COMPLETE = (
    BY_ROLE
    + """\
          - id: kofman-expert
            role: expertise
            text: Michael Kofman is an expert on the Russian military.
            implicit: true
"""
)


def test_fires_naming_the_missing_role(run_check: RunCheck) -> None:
    assert run_check(BY_ROLE, "A410") == [
        Problem(
            "A410",
            Severity.WARNING,
            "demo.yaml",
            9,
            9,
            "inference `from-kofman` (argument-from-expert-opinion) has no premise in the role `expertise` "
            "(Source E is an expert in the subject domain S that proposition A is in)",
            HINT,
            node="demo#from-kofman",
        )
    ]


def test_without_roles_it_counts_premises_and_lists_the_roles(run_check: RunCheck) -> None:
    text = BY_ROLE.replace("            role: assertion\n", "")
    assert run_check(text, "A410") == [
        Problem(
            "A410",
            Severity.WARNING,
            "demo.yaml",
            9,
            9,
            "inference `from-kofman` has 1 premise, but argument-from-expert-opinion needs 2: "
            "`expertise` (Source E is an expert in the subject domain S that proposition A is in); "
            "`assertion` (E asserts that proposition A is true (or false))",
            HINT,
            node="demo#from-kofman",
        )
    ]


def test_silent_when_every_role_is_played(run_check: RunCheck) -> None:
    assert run_check(COMPLETE, "A410") == []
    without_roles = COMPLETE.replace("            role: assertion\n", "").replace(
        "            role: expertise\n", ""
    )
    assert run_check(without_roles, "A410") == []


def test_a_warrant_plays_the_rule_role(run_check: RunCheck) -> None:
    text = """\
    argmap: 1
    id: demo
    title: Demo
    conclusions:
      - id: face-change
        text: The setbacks will harden the regime.
        implicit: true
        because:
          - id: from-harsher-course
            scheme: argument-from-cause-to-effect
            premises:
              - id: setbacks
                text: The army suffers setbacks.
                implicit: true
    """
    assert [p.message for p in run_check(text, "A410")] == [
        "inference `from-harsher-course` has 1 premise, but argument-from-cause-to-effect needs 2: "
        "`causal-law` (Generally, if A occurs, then B will (or might) occur); "
        "`cause` (In this case, A occurs (or might occur))"
    ]
    warranted = text.replace(
        "scheme: argument-from-cause-to-effect\n",
        "scheme: argument-from-cause-to-effect\n        warrant: Setbacks harden a regime at war.\n",
    )
    assert run_check(warranted, "A410") == []
