"""Claims `about: documents`: they stand when the documents say what they compare."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis.evaluate import Evaluation, evaluation_for
from argmap.config import Config
from argmap.lint.runner import check_paths
from tests.helpers import write

COLUMN = """\
argmap: 1
id: column
title: The column
source:
  file: column.txt
conclusions:
  - id: passive
    text: The majority is passive.
    quote: QUOTE
"""

COMPARISON = """\
argmap: 1
id: both
title: What both say
conclusions:
  - id: agree
    text: Both documents call the majority passive.
    implicit: true
    ABOUT
    because:
      - id: from-both
        warrant: What each document says, both say.
        premises:
          - ref: column#passive
  - ref: column#passive
    counterexamples:
      - id: polls-show-anger
        text: Polls show the majority is angry.
        implicit: true
"""


def statuses(folder: Path, about: str, quote: str = "the majority is passive") -> Evaluation:
    write(folder, "argmap.toml", "")
    write(folder, "column.txt", "Everyone agrees: the majority is passive, and will stay so.\n")
    write(folder, "column.yaml", COLUMN.replace("QUOTE", quote))
    path = write(folder, "both.yaml", COMPARISON.replace("ABOUT", about))
    result = check_paths([path], Config(), cwd=folder)
    return evaluation_for(result.run.context(result.workspace.requested[0]))


def test_a_claim_about_the_world_falls_with_what_it_rests_on(tmp_path: Path) -> None:
    evaluation = statuses(tmp_path, "note: about the world")
    assert (evaluation.status("both#agree"), evaluation.status("column#passive")) == ("out", "out")


def test_a_claim_about_documents_stands_while_the_documents_say_it(tmp_path: Path) -> None:
    evaluation = statuses(tmp_path, "about: documents")
    assert (evaluation.status("both#agree"), evaluation.status("column#passive")) == ("in", "out")
    assert evaluation.explain("both#from-both") == (
        "in: the documents say `column#passive` (their quotes are found)"
    )


@pytest.mark.parametrize("quote", ["the majority is furious"])
def test_a_claim_about_documents_falls_when_the_quote_is_not_found(tmp_path: Path, quote: str) -> None:
    evaluation = statuses(tmp_path, "about: documents", quote)
    assert evaluation.status("both#agree") == "out"
    assert evaluation.explain("both#from-both") == (
        "out: the documents do not say `column#passive` (a quote is not found)"
    )
