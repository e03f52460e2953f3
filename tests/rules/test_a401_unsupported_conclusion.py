"""A401 unsupported-conclusion: a root conclusion with no `because`."""

from __future__ import annotations

from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

UNSUPPORTED = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    quote: there is no direct connection between the failures of the military and the weakening of \
Putin's power
"""

SUPPORTED = (
    UNSUPPORTED
    + """\
    because:
      - id: from-revenge
        warrant: A base that counts defiance of the West as victory does not punish lost battles.
        premises:
          - id: revenge
            text: Putin's supporters see the invasion as revenge on the West.
            quote: For them, it is revenge against the stronger West.
"""
)


def test_fires_on_a_conclusion_without_because(run_check: RunCheck) -> None:
    assert run_check(UNSUPPORTED, "A401") == [
        Problem(
            "A401",
            Severity.WARNING,
            "demo.yaml",
            5,
            5,
            "conclusion `no-direct-link` has no `because`: nothing in the map supports it",
            "add the inferences the document gives for it under `because`; if it gives none, "
            'say so with `ignore: {A401: "..."}`',
            node="demo#no-direct-link",
        )
    ]


def test_silent_when_the_conclusion_has_an_inference(run_check: RunCheck) -> None:
    assert run_check(SUPPORTED, "A401") == []


def test_silent_for_a_root_supported_in_the_map_it_refers_to(run_check: RunCheck) -> None:
    confront = """\
    argmap: 1
    id: demo
    title: Confrontation
    conclusions:
      - ref: ft#no-direct-link
        counterexamples:
          - id: elite-turns
            text: The elite turns on a leader who loses.
            implicit: true
    """
    assert run_check(confront, "A401", others={"ft": SUPPORTED.replace("id: demo", "id: ft")}) == []
    # A ref that only hangs this map's attacks on the node does not make it a
    # conclusion of this map: its own map reports it, not the confrontation.
    assert run_check(confront, "A401", others={"ft": UNSUPPORTED.replace("id: demo", "id: ft")}) == []


def test_a_ref_root_that_claims_the_node_is_reported(run_check: RunCheck) -> None:
    confront = """\
    argmap: 1
    id: demo
    title: Confrontation
    conclusions:
      - ref: ft#no-direct-link
    """
    unsupported = run_check(confront, "A401", others={"ft": UNSUPPORTED.replace("id: demo", "id: ft")})
    assert [(p.line, p.column, p.message) for p in unsupported] == [
        (5, 10, "conclusion `ft#no-direct-link` has no `because`: nothing in the map supports it")
    ]


def test_silenced_by_an_ignore_with_a_reason(run_check: RunCheck) -> None:
    text = UNSUPPORTED + '    ignore: {A401: "the column asserts it without argument"}\n'
    assert run_check(text, "A401") == []
    assert run_check(text, "X001") == []
