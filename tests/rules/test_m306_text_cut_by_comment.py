"""M306 text-cut-by-comment: ` #` in an unquoted text made YAML drop the rest."""

from __future__ import annotations

from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

MAP = """\
argmap: 1
id: demo
title: Demo
source:
  note: Project Gutenberg eBook #34901 (an excerpt)
conclusions:
  - id: c
    text: A claim.   # a comment proper
    implicit: true
    note: Fine # also a comment
  - id: d
    text: Another claim.
    quote:
      - If all mankind minus one #1
      - "quoted #2 is kept"
"""


def test_fires_on_a_hash_that_belongs_to_the_text(run_check: RunCheck) -> None:
    assert run_check(MAP, "M306") == [
        Problem(
            "M306",
            Severity.WARNING,
            "demo.yaml",
            5,
            9,
            "this `note` reads only “Project Gutenberg eBook”: "
            "YAML took ` #34901 (an excerpt)` for a comment",
            'put the whole value in double quotes: "Project Gutenberg eBook #34901 (an excerpt)"',
        ),
        Problem(
            "M306",
            Severity.WARNING,
            "demo.yaml",
            14,
            9,
            "this `quote` reads only “If all mankind minus one”: YAML took ` #1` for a comment",
            'put the whole value in double quotes: "If all mankind minus one #1"',
        ),
    ]


def test_silent_when_quoted_or_a_comment_proper(run_check: RunCheck) -> None:
    text = MAP.replace("note: Project Gutenberg eBook #34901 (an excerpt)", 'note: "eBook #34901"').replace(
        "      - If all mankind minus one #1\n", ""
    )
    assert run_check(text, "M306") == []
