"""A409 unknown-scheme: an inference names a scheme the catalogue does not have."""

from __future__ import annotations

from pathlib import Path

from argmap.config import Config
from argmap.problems import Problem, Severity
from tests.rules.conftest import RunCheck

MAP = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: failures-topple
    text: Military failures bring regimes down.
    implicit: true
    because:
      - id: from-history
        scheme: argument-from-exmaple
        premises:
          - id: juntas
            text: The Greek and Argentinian juntas fell after failed military adventures.
            implicit: true
"""


def test_fires_with_did_you_mean(run_check: RunCheck) -> None:
    assert run_check(MAP, "A409") == [
        Problem(
            "A409",
            Severity.WARNING,
            "demo.yaml",
            10,
            9,
            "inference `from-history` names scheme `argument-from-exmaple`, "
            "which the scheme catalogue does not have; did you mean `argument-from-example`?",
            "`argmap schemes` lists the known schemes; a project adds its own with "
            '`schemes = ["my-schemes.yaml"]` in its configuration',
            node="demo#from-history",
        )
    ]


def test_silent_for_a_known_scheme(run_check: RunCheck) -> None:
    assert run_check(MAP.replace("exmaple", "example"), "A409") == []


def test_silent_for_a_scheme_of_the_projects_catalogue(run_check: RunCheck, tmp_path: Path) -> None:
    catalogue = tmp_path / "my-schemes.yaml"
    catalogue.write_text(
        "schemes:\n"
        "  - id: argument-from-exmaple\n"
        "    title: A scheme of our own\n"
        "    description: Named like a typo on purpose.\n"
        "    roles: [{id: case, description: A case.}]\n"
        "    questions: [{id: typical, text: Is the case typical?}]\n",
        encoding="utf-8",
    )
    assert run_check(MAP, "A409", config=Config(schemes=(catalogue,))) == []
