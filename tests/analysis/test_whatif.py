"""What-if, sensitivity and explanations as library calls (the CLI tests cover the words)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis import sensitivity as sensitivity_module
from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import Status, evaluation_for
from argmap.analysis.explain import explain
from argmap.analysis.sensitivity import Flip, sensitivity
from argmap.analysis.whatif import Hypothesis, what_if
from argmap.config import Config
from argmap.lint.runner import check_paths
from argmap.problems import UsageError
from tests.analysis.test_preferences import CONFLICT
from tests.helpers import write


def context_of(folder: Path, text: str) -> MapContext:
    path = write(folder, "demo.yaml", text)
    result = check_paths([path], Config(), cwd=folder)
    return result.run.context(result.workspace.requested[0])


def test_whatif_settles_a_conflict_by_rejecting_one_side(tmp_path: Path) -> None:
    context = context_of(tmp_path, CONFLICT)
    result = what_if(context, Hypothesis(reject=("elite",)))
    assert [(change.key, change.before, change.after) for change in result.changes] == [
        ("demo#elite", Status.UNDECIDED, Status.OUT),
        ("demo#society", Status.UNDECIDED, Status.IN),
    ]


def test_whatif_removing_an_attack(tmp_path: Path) -> None:
    context = context_of(tmp_path, CONFLICT)
    result = what_if(context, Hypothesis(remove_attacks=(("elite", "society"),)))
    assert [(change.key, change.after) for change in result.changes] == [
        ("demo#elite", Status.OUT),
        ("demo#society", Status.IN),
    ]


def test_whatif_refuses_a_node_both_rejected_and_accepted(tmp_path: Path) -> None:
    context = context_of(tmp_path, CONFLICT)
    with pytest.raises(UsageError, match="both rejected and accepted"):
        what_if(context, Hypothesis(reject=("elite",), accept=("elite",)))


def test_sensitivity_names_both_attacks_of_a_conflict(tmp_path: Path) -> None:
    context = context_of(tmp_path, CONFLICT)
    results = sensitivity(context)
    assert [(result.conclusion, result.status) for result in results] == [
        ("demo#society", Status.UNDECIDED),
        ("demo#elite", Status.UNDECIDED),
    ]
    assert results[0].flips == (
        Flip(Status.IN, node="demo#elite"),
        Flip(Status.IN, attack=("demo#elite", "demo#society")),
        Flip(Status.OUT, attack=("demo#society", "demo#elite")),
    )


def test_sensitivity_refuses_beyond_its_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sensitivity_module, "SENSITIVITY_LIMIT", 3)
    context = context_of(tmp_path, CONFLICT)
    with pytest.raises(UsageError, match="beyond the limit of 3 node evaluations"):
        sensitivity(context)


def test_explain_names_a_node_met_twice_once(tmp_path: Path) -> None:
    context = context_of(tmp_path, CONFLICT)
    steps = explain(evaluation_for(context), "demo#society").steps
    assert [(step.key, step.depth, step.repeated) for step in steps] == [
        ("demo#society", 0, False),
        ("demo#elite", 1, False),
        ("demo#society", 2, True),
    ]


def test_whatif_added_attack_replaces_a_weaker_one_of_the_same_pair() -> None:
    """The seed confrontation marks `blame-deflected` weaker than `from-elite-turn`; adding the
    attack asks what happens if it were a plain counterexample, so it must change the verdict."""
    maps = Path(__file__).resolve().parents[2] / "maps"
    result = check_paths([maps / "confrontation.yaml"], Config(), cwd=maps.parent)
    context = result.run.context(result.workspace.requested[0])
    attack = ("kherson-catastrophe#blame-deflected", "kherson-catastrophe#from-elite-turn")
    changed = {
        change.key: change.after for change in what_if(context, Hypothesis(add_attacks=(attack,))).changes
    }
    assert changed["kherson-catastrophe#from-elite-turn"] is Status.OUT
