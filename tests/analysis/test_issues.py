"""Carneades's constructs: issues, assumptions, weighing, inferences without premises (docs/evaluation.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis.evaluate import Evaluation, evaluation_for
from argmap.config import Config
from argmap.lint.runner import check_paths
from tests.helpers import write

JOGGING = """\
argmap: 1
id: jogging
title: Whether to go jogging
issues:
  - id: whether-to-jog
    positions: [jog, stay-in]
conclusions:
  - id: jog
    text: Go jogging.
    implicit: true
    because:
      - id: from-weather
        weighing: factorized
        premises:
          - id: rain
            text: It is raining.
            implicit: true
          - id: hot
            text: It is hot.
            implicit: true
  - id: stay-in
    text: Do not go jogging.
    implicit: true
    because:
      - id: from-rain
        weighing: factorized
        premises:
          - ref: rain
      - id: from-heat
        weighing: factorized
        premises:
          - ref: hot
"""


def evaluated(folder: Path, text: str) -> Evaluation:
    path = write(folder, "demo.yaml", text)
    result = check_paths([path], Config(), cwd=folder)
    errors = [problem for problem in result.problems if problem.severity.label == "error"]
    assert errors == []
    return evaluation_for(result.run.context(result.workspace.requested[0]))


def statuses(evaluation: Evaluation) -> dict[str, str]:
    return {key.partition("#")[2]: str(status) for key, status in evaluation.statuses.items()}


def test_the_position_with_the_heavier_inference_wins_its_issue(tmp_path: Path) -> None:
    evaluation = evaluated(tmp_path, JOGGING)
    assert statuses(evaluation) == {
        "jog": "in",
        "from-weather": "in",
        "rain": "in",
        "hot": "in",
        "stay-in": "out",
        "from-rain": "in",
        "from-heat": "in",
    }
    assert evaluation.explain("jogging#jog") == (
        "in: it wins issue `whether-to-jog` under preponderance (weights: `jog` 1, `stay-in` 0.5)"
    )
    assert (
        evaluation.explain("jogging#from-rain") == "in: its factorized weight is 0.5 (1 of its 1 premises in)"
    )


@pytest.mark.parametrize(
    ("standard", "jog"),
    [("preponderance", "in"), ("clear-and-convincing", "out"), ("beyond-reasonable-doubt", "out")],
)
def test_the_issues_standard_decides_how_much_heavier(tmp_path: Path, standard: str, jog: str) -> None:
    text = JOGGING.replace(
        "    positions: [jog, stay-in]\n", f"    positions: [jog, stay-in]\n    standard: {standard}\n"
    )
    # 1 against 0.5: not more than 0.5 ahead, so no position meets the stricter standards and both are out.
    assert (statuses(evaluated(tmp_path, text))["jog"], statuses(evaluated(tmp_path, text))["stay-in"]) == (
        jog,
        "out",
    )


def test_an_assumed_position_wins_and_puts_the_others_out(tmp_path: Path) -> None:
    text = JOGGING.replace(
        "  - id: stay-in\n    text: Do not go jogging.\n",
        "  - id: stay-in\n    text: Do not go jogging.\n    assumed: true\n",
    )
    found = statuses(evaluated(tmp_path, text))
    assert (found["jog"], found["stay-in"]) == ("out", "in")


def test_a_position_nothing_supports_is_out_at_once(tmp_path: Path) -> None:
    text = """\
    argmap: 1
    id: demo
    title: t
    issues:
      - id: i1
        positions: [p, not-p]
    conclusions:
      - id: p
        text: P.
        implicit: true
        because:
          - id: from-q
            weighing: linked
            premises:
              - id: q
                text: Q.
                implicit: true
                assumed: false
      - id: not-p
        text: Not P.
        implicit: true
        assumed: false
    """
    found = statuses(evaluated(tmp_path, text))
    assert (found["q"], found["from-q"], found["p"], found["not-p"]) == ("out", "out", "out", "out")


def test_assumed_false_and_an_inference_without_premises(tmp_path: Path) -> None:
    text = """\
    argmap: 1
    id: demo
    title: t
    conclusions:
      - id: p
        text: P.
        implicit: true
        because:
          - id: prima-facie
            weighing: linked
            premises: []
            counterexamples:
              - id: exception
                text: The exception holds.
                implicit: true
                assumed: false
      - id: r
        text: R.
        implicit: true
        assumed: true
        because:
          - id: from-s
            premises:
              - id: s
                text: S.
                implicit: true
                assumed: false
    """
    evaluation = evaluated(tmp_path, text)
    assert statuses(evaluation) == {
        "p": "in",
        "prima-facie": "in",
        "exception": "out",
        "r": "in",
        "from-s": "out",
        "s": "out",
    }
    assert evaluation.explain("demo#exception") == "out: not assumed, and no inference supports it"
    assert evaluation.explain("demo#r") == "in: assumed"


@pytest.mark.parametrize(
    ("weighing", "weight", "status"),
    [("linked", "0", "out"), ("convergent", "1", "in"), ("cumulative", "0.666667", "in")],
)
def test_weighing_counts_the_premises_that_stand(
    tmp_path: Path, weighing: str, weight: str, status: str
) -> None:
    text = f"""\
    argmap: 1
    id: demo
    title: t
    conclusions:
      - id: p
        text: P.
        implicit: true
        because:
          - id: step
            weighing: {weighing}
            premises:
              - id: a
                text: A.
                implicit: true
              - id: b
                text: B.
                implicit: true
              - id: c
                text: C.
                implicit: true
                assumed: false
    """
    evaluation = evaluated(tmp_path, text)
    assert statuses(evaluation)["step"] == status
    assert f"weight is {weight} (2 of its 3 premises in)" in evaluation.explain("demo#step")


def test_a_position_that_names_no_claim_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "demo.yaml", JOGGING.replace("[jog, stay-in]", "[jog, stay-inn]"))
    result = check_paths([path], Config(), cwd=tmp_path)
    assert [(problem.code, problem.message) for problem in result.problems if problem.code == "M302"] == [
        ("M302", "reference `stay-inn`: no node `stay-inn` in this map; did you mean `stay-in`?")
    ]


CRITERIA = """\
argmap: 1
id: demo
title: t
conclusions:
  - id: buy
    text: Buy it.
    implicit: true
    because:
      - id: from-scores
        weighing: criteria
        premises:
          - id: cheap
            text: It is cheap.
            implicit: true
            weight: 0.25
          - id: fast
            text: It is fast.
            implicit: true
            weight: 0.5
            assumed: false
          - id: legal
            text: It is legal.
            implicit: true
"""


def test_criteria_add_the_scores_of_the_premises_that_stand(tmp_path: Path) -> None:
    evaluation = evaluated(tmp_path, CRITERIA)
    assert statuses(evaluation)["from-scores"] == "in"
    assert (
        evaluation.explain("demo#from-scores") == "in: its criteria weight is 0.25 (2 of its 3 premises in)"
    )


def test_a_premise_without_a_score_is_a_hard_constraint(tmp_path: Path) -> None:
    text = CRITERIA.replace(
        "            text: It is legal.\n", "            text: It is legal.\n            assumed: false\n"
    )
    evaluation = evaluated(tmp_path, text)
    assert evaluation.explain("demo#from-scores") == "out: its criteria weight is 0 (1 of its 3 premises in)"
