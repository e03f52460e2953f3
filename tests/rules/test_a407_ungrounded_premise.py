"""A407 ungrounded-premise: a premise with neither `quote` nor `implicit: true`."""

from __future__ import annotations

from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

MAP = """\
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
"""


def test_fires_on_a_premise_without_quote_or_implicit(run_check: RunCheck) -> None:
    assert run_check(MAP, "A407") == [
        Problem(
            "A407",
            Severity.WARNING,
            "demo.yaml",
            12,
            13,
            "premise `revenge` has neither a `quote` nor `implicit: true`: nothing ties it to the source",
            "add the passage that states it as `quote:`, "
            "or mark it `implicit: true` if the document leaves it unstated",
            node="demo#revenge",
        )
    ]


def test_silent_with_a_quote(run_check: RunCheck) -> None:
    assert (
        run_check(MAP + "            quote: For them, it is revenge against the stronger West.\n", "A407")
        == []
    )


def test_silent_when_implicit(run_check: RunCheck) -> None:
    assert run_check(MAP + "            implicit: true\n", "A407") == []


def test_conclusions_and_counterexamples_are_not_premises(run_check: RunCheck) -> None:
    text = MAP.replace("    implicit: true\n", "", 1) + "            implicit: true\n"
    assert run_check(text, "A407") == []
