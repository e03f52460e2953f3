"""A406 undecided: nodes left undecided by a cycle of attacks, with the cycle named."""

from __future__ import annotations

from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

CYCLE = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: sanctions-work
    text: Sanctions weaken the regime.
    implicit: true
    counterexamples:
      - id: sanctions-rally
        text: Sanctions rally the public behind the regime.
        implicit: true
        counterexamples:
          - ref: sanctions-work
  - id: oligarchs-defect
    text: Oligarchs will defect.
    implicit: true
    because:
      - id: from-sanctions
        warrant: Oligarchs leave a regime that sanctions weaken.
        premises:
          - ref: sanctions-work
"""

ANSWERED = CYCLE.replace(
    "          - ref: sanctions-work\n  - id: oligarchs",
    "          - id: polls-fall\n"
    "            text: Support for the regime fell after each round of sanctions.\n"
    "            implicit: true\n  - id: oligarchs",
)


def test_fires_once_per_cycle_naming_it_and_its_dependents(run_check: RunCheck) -> None:
    assert run_check(CYCLE, "A406") == [
        Problem(
            "A406",
            Severity.WARNING,
            "demo.yaml",
            9,
            9,
            "attack cycle `sanctions-rally` → `sanctions-work` → `sanctions-rally` "
            "leaves `sanctions-rally` and `sanctions-work` undecided, "
            "and 2 nodes that depend on them: `from-sanctions` and `oligarchs-defect`",
            "if the document prefers one side, "
            "answer the other with a further counterexample or drop the attack it overrides; "
            "if it leaves the question open, list these nodes under `expect: {undecided: [...]}`",
            node="demo#sanctions-rally",
        )
    ]


def test_silent_when_the_tie_is_broken(run_check: RunCheck) -> None:
    assert run_check(ANSWERED, "A406") == []


def test_silent_when_the_map_expects_the_nodes_undecided(run_check: RunCheck) -> None:
    expect = (
        "expect:\n"
        "  undecided: [sanctions-work, sanctions-rally, from-sanctions, oligarchs-defect]\n"
        "conclusions:\n"
    )
    text = CYCLE.replace("conclusions:\n", expect)
    assert run_check(text, "A406") == []
    assert run_check(text, "A412") == []


def test_silent_on_a_support_cycle_which_m304_reports(run_check: RunCheck) -> None:
    text = """\
    argmap: 1
    id: demo
    title: Demo
    conclusions:
      - id: a
        text: Defeat weakens the regime.
        implicit: true
        because:
          - id: from-b
            warrant: B shows A.
            premises:
              - id: b
                text: The elite turns against a loser.
                implicit: true
                because:
                  - id: from-a
                    warrant: A shows B.
                    premises:
                      - ref: a
    """
    assert run_check(text, "A406") == []
    assert [p.code for p in run_check(text, "M304")] == ["M304"]
