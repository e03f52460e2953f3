"""A415 one-way-rebuttal: an asserted claim rebuts another asserted claim, not the reverse."""

from __future__ import annotations

from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

MAP = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: society-decides
    text: Society decides whether the war goes on.
    implicit: true
    because:
      - id: from-polls
        warrant: What most people want, the state ends up doing.
        premises:
          - id: polls
            text: Most people support the war in the polls.
            implicit: true
    counterexamples:
      - ref: elite-decides
  - id: elite-decides
    text: A small elite decides whether the war goes on.
    implicit: true
"""


def test_fires_on_a_one_way_rebuttal(run_check: RunCheck) -> None:
    assert run_check(MAP, "A415") == [
        Problem(
            "A415",
            Severity.WARNING,
            "demo.yaml",
            16,
            9,
            "`elite-decides` rebuts `society-decides`, which is asserted too, but `society-decides` does not "
            "rebut `elite-decides`: the one-way attack decides between them",
            "declare the conflict once with `contradicts: [elite-decides]` and say which prevails with "
            "`outweighs:`, mark the attack `weaker: true`, or keep it one-way and say why with "
            '`ignore: {A415: "..."}`',
            node="demo#elite-decides",
        )
    ]


def test_silent_when_the_conflict_is_declared(run_check: RunCheck) -> None:
    declared = MAP.replace(
        "    counterexamples:\n      - ref: elite-decides\n", "    contradicts: [elite-decides]\n"
    )
    assert run_check(declared, "A415") == []


def test_silent_with_a_preference_or_a_weaker_attack(run_check: RunCheck) -> None:
    preferred = MAP.replace("    because:\n", "    outweighs: [elite-decides]\n    because:\n", 1)
    assert run_check(preferred, "A415") == []
    weaker = MAP.replace("      - ref: elite-decides\n", "      - ref: elite-decides\n        weaker: true\n")
    assert run_check(weaker, "A415") == []


def test_silent_for_an_objection_nobody_asserts(run_check: RunCheck) -> None:
    # The attacker stands only as a counterexample: the map does not assert it.
    objection = MAP.replace(
        "      - ref: elite-decides\n",
        "      - id: doubt\n        text: Polls lie.\n        implicit: true\n",
    )
    assert run_check(objection, "A415") == []


def test_silenced_with_a_reason(run_check: RunCheck) -> None:
    silenced = MAP.replace(
        "      - ref: elite-decides\n",
        '      - ref: elite-decides\n        ignore: {A415: "the column never answers the talk"}\n',
    )
    assert run_check(silenced, "A415") == []
