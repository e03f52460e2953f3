"""A412 expectation-mismatch: `expect:` disagrees with the evaluation."""

from __future__ import annotations

from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

MAP = """\
argmap: 1
id: demo
title: Demo
expect:
  in: [no-direct-link]
  out: [failures-topple]
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
    MAP
    + """\
        counterexamples:
          - id: saddam
            text: Defeat in Kuwait in 1991 did not remove Saddam Hussein.
            implicit: true
"""
)


def test_fires_with_expected_actual_and_why(run_check: RunCheck) -> None:
    assert run_check(MAP, "A412") == [
        Problem(
            "A412",
            Severity.ERROR,
            "demo.yaml",
            5,
            8,
            "`no-direct-link` is expected in but is out: rebutted by `failures-topple` (in)",
            "if the map is right and the expectation outdated, move the id to `expect.out`; "
            "otherwise fix what changed the outcome",
            node="demo#no-direct-link",
        ),
        Problem(
            "A412",
            Severity.ERROR,
            "demo.yaml",
            6,
            9,
            "`failures-topple` is expected out but is in: not attacked",
            "if the map is right and the expectation outdated, move the id to `expect.in`; "
            "otherwise fix what changed the outcome",
            node="demo#failures-topple",
        ),
    ]


def test_silent_when_the_evaluation_agrees(run_check: RunCheck) -> None:
    assert run_check(ANSWERED, "A412") == []


def test_expectations_may_name_nodes_of_a_referenced_map(run_check: RunCheck) -> None:
    ft = ANSWERED.replace("id: demo", "id: ft").replace(
        "expect:\n  in: [no-direct-link]\n  out: [failures-topple]\n", ""
    )
    confront = """\
    argmap: 1
    id: demo
    title: Confrontation
    expect:
      out: [ft#no-direct-link]
    conclusions:
      - ref: ft#no-direct-link
        counterexamples:
          - id: elite-turns
            text: The elite turns on a leader who loses.
            implicit: true
    """
    assert run_check(confront, "A412", others={"ft": ft}) == []
    wrong = confront.replace("out: [ft#no-direct-link]", "in: [ft#no-direct-link]")
    assert [p.message for p in run_check(wrong, "A412", others={"ft": ft})] == [
        "`ft#no-direct-link` is expected in but is out: rebutted by `demo#elite-turns` (in)"
    ]


CONFLICT = """\
argmap: 1
id: demo
title: A two-way conflict
expect:
  semantics: SEMANTICS
  in: [a]
  undecided: [b]
conclusions:
  - id: a
    text: A.
    implicit: true
    contradicts: [b]
  - id: b
    text: B.
    implicit: true
"""


def test_expectations_under_another_semantics_are_sceptical(run_check: RunCheck) -> None:
    # Two preferred labellings, one with `a` in, one with `b` in: neither is in in every one.
    problems = run_check(CONFLICT.replace("SEMANTICS", "preferred"), "A412")
    assert [(problem.line, problem.message) for problem in problems] == [
        (
            6,
            "`a` is expected in but is undecided under the preferred semantics "
            "(its labellings disagree, or there is none)",
        )
    ]


def test_an_outweighed_side_is_out_in_every_stable_labelling(run_check: RunCheck) -> None:
    text = CONFLICT.replace("SEMANTICS", "stable").replace(
        "    contradicts: [b]\n", "    contradicts: [b]\n    outweighs: [b]\n"
    )
    assert run_check(text.replace("  undecided: [b]\n", "  out: [b]\n"), "A412") == []
