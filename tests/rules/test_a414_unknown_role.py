"""A414 unknown-role: a premise's `role:` is not a role of its inference's scheme."""

from __future__ import annotations

from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

MAP = """\
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
          - id: kofman-expert
            role: expert
            text: Michael Kofman is an expert on the Russian military.
            implicit: true
          - id: kofman-says
            role: assertion
            text: Kofman says the withdrawal from Kherson was orderly.
            implicit: true
"""


def test_fires_with_did_you_mean(run_check: RunCheck) -> None:
    assert run_check(MAP, "A414") == [
        Problem(
            "A414",
            Severity.WARNING,
            "demo.yaml",
            13,
            13,
            "premise `kofman-expert` plays role `expert`, which argument-from-expert-opinion does not have; "
            "did you mean `expertise`?",
            "the roles of argument-from-expert-opinion are: `expertise`, `assertion`",
            node="demo#kofman-expert",
        )
    ]


def test_silent_for_a_role_of_the_scheme(run_check: RunCheck) -> None:
    assert run_check(MAP.replace("role: expert\n", "role: expertise\n"), "A414") == []


def test_fires_on_a_role_without_a_scheme(run_check: RunCheck) -> None:
    text = MAP.replace(
        "        scheme: argument-from-expert-opinion\n", "        warrant: Experts are right.\n"
    )
    assert [p.message for p in run_check(text, "A414")] == [
        "premise `kofman-expert` plays role `expert`, "
        "but inference `from-kofman` names no `scheme`, so it has no roles",
        "premise `kofman-says` plays role `assertion`, "
        "but inference `from-kofman` names no `scheme`, so it has no roles",
    ]
