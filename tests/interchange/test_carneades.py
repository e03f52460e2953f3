"""Carneades 4 argument graphs: the repository's examples as a conformance suite, and bad input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from argmap.analysis.evaluate import Status, evaluation_for
from argmap.cli import app
from argmap.config import Config
from argmap.files import Limits
from argmap.interchange import InterchangeInputError
from argmap.interchange.carneades import normalize, read
from argmap.lint.runner import check_paths

DATA = Path(__file__).parent / "data" / "carneades" / "YAML"
REFUSED = {"chr-leq.yml"}  # CHR deletions: no tests block of its own
EXAMPLES = sorted(path for path in DATA.glob("*.yml") if path.name not in REFUSED)
runner = CliRunner()


def carneades_keys(data: dict[str, Any]) -> dict[str, str]:
    """Carneades statement key -> claim id, read off the imported map (its notes name the originals)."""
    found: dict[str, str] = {}
    pending = list(data["conclusions"])
    while pending:
        item = pending.pop()
        if "id" in item and "text" in item:
            note = item.get("note", "")
            key = note.split("`")[1] if note.startswith("Carneades statement `") else item["id"]
            found[key] = item["id"]
        for child in ("because", "premises", "counterexamples"):
            pending.extend(item.get(child, ()))
    return found


def import_and_check(tmp_path: Path, example: Path) -> tuple[dict[str, Any], dict[str, Status]]:
    imported = runner.invoke(app, ["import", "--from", "carneades", str(example), "-o", str(tmp_path)])
    assert imported.exit_code == 0, imported.output
    target = tmp_path / (example.stem.replace("_", "-") + ".yaml")
    checked = runner.invoke(app, ["check", str(target)])
    assert checked.exit_code == 0, checked.output
    result = check_paths([target], Config(), cwd=tmp_path)
    evaluation = evaluation_for(result.run.context(result.workspace.requested[0]))
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    statuses = {key.partition("#")[2]: status for key, status in evaluation.statuses.items()}
    return data, statuses


def test_the_suite_holds_every_example_with_tests() -> None:
    assert len(EXAMPLES) == 34  # every example of Carneades 4 with a `tests:` block


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_example_evaluates_to_the_labels_carneades_expects(tmp_path: Path, example: Path) -> None:
    data, statuses = import_and_check(tmp_path, example)
    tests = yaml.safe_load(example.read_text(encoding="utf-8"))["tests"]
    ids = carneades_keys(data)
    for label in ("in", "out", "undecided"):
        for written in tests.get(label) or ():
            claim = ids[normalize(written)]
            assert statuses[claim] == Status(label), f"{written} ({claim})"
    # The `tests:` block became `expect:`, which `argmap check` compared (exit 0 above).
    expected = {
        label: {ids[normalize(w)] for w in tests.get(label) or ()} for label in ("in", "out", "undecided")
    }
    written_expect = data.get("expect", {})
    assert {label: set(written_expect.get(label, ())) for label in expected} == expected


def test_schemes_with_variables_are_instantiated(tmp_path: Path) -> None:
    data, statuses = import_and_check(tmp_path, DATA / "basic_event_calculus.yml")
    ids = carneades_keys(data)
    # Derived by the schemes, not declared in the file: stopped after the notice of time 3.
    assert statuses[ids["stoppedIn(1,wfh_required,5)"]] is Status.IN
    assert statuses[ids["holdsAt(wfh_required,5)"]] is Status.OUT
    assert statuses[ids["holdsAt(wfh_required,3)"]] is Status.IN


def test_criteria_score_each_position_of_the_premises_issue(tmp_path: Path) -> None:
    data, statuses = import_and_check(tmp_path, DATA / "mcda-porsche.yml")
    volvo = next(item for item in data["conclusions"] if item["id"] == "buy-volvo")
    first = volvo["because"][0]
    assert first["weighing"] == "criteria"
    # safety counts 4 of the factors' 10; a fairly safe car scores 0.5 and a very safe one 1.
    scores = {item.get("id", item.get("ref")): item["weight"] for item in first["premises"]}
    assert scores == {
        "price-volvo-medium": 0.1,
        "type-volvo-family": 0.2,
        "speed-volvo-medium": 0.2,
        "safety-volvo-high": 0.4,
        "safety-volvo-medium": 0.2,
    }
    assert (statuses["buy-volvo"], statuses["buy-porsche"]) == (Status.IN, Status.OUT)


def test_the_map_says_what_carneades_says(tmp_path: Path) -> None:
    data, _ = import_and_check(tmp_path, DATA / "rebuttal.yml")
    assert data["title"] == "Rebuttal Example"
    assert data["issues"] == [{"id": "i1", "positions": ["p", "not-p"]}]
    assert data["expect"] == {"in": ["not-p", "q", "r"], "out": ["p"]}
    not_p = next(item for item in data["conclusions"] if item["id"] == "not-p")
    assert not_p["note"] == "Carneades statement `¬p`."
    assert not_p["because"][0]["weighing"] == "linked"
    assert not_p["because"][0]["weight"] == 0.5


@pytest.mark.parametrize(
    ("example", "message"),
    [
        (
            "chr-leq.yml",
            "chr-leq.yml:29:5: I602 scheme `reflexivity` has `deletions`: Constraint Handling Rules "
            "that remove facts or test guards are not supported",
        ),
    ],
)
def test_what_argmap_cannot_evaluate_is_refused(tmp_path: Path, example: str, message: str) -> None:
    result = runner.invoke(app, ["import", "--from", "carneades", str(DATA / example), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert message in result.stderr
    assert "hint: " in result.stderr
    assert list(tmp_path.iterdir()) == []


def refusal(text: str) -> str:
    with pytest.raises(InterchangeInputError) as raised:
        read(text.encode("utf-8"), "graph.yml", Limits())
    return raised.value.message


def test_not_yaml() -> None:
    assert refusal("statements: [a, b\n") == (
        "graph.yml:1:13: L101 YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence)"
    )


def test_unknown_key_with_did_you_mean() -> None:
    assert refusal("statements:\n  p: P\nargument:\n  a1: {conclusion: p}\n") == (
        "graph.yml:3:1: I601 unknown key `argument` in the graph; did you mean `arguments`?"
    )


def test_a_reference_to_an_unknown_statement() -> None:
    text = "statements:\n  p: P\n  q: Q\narguments:\n  a1:\n    conclusion: p\n    premises: [q, r]\n"
    assert refusal(text) == "graph.yml:7:19: I601 premise `r` is not a statement"


def test_a_cycle_of_rules_that_never_stops() -> None:
    text = (
        "argument_schemes:\n"
        "  - id: successor\n"
        "    variables: [X]\n"
        "    premises: [nat(X)]\n"
        "    conclusions: [nat(s(X))]\n"
        "assumptions: [nat(zero)]\n"
        "statements:\n"
        "  nat(zero): Zero is a number.\n"
    )
    assert refusal(text).startswith("graph.yml:2:5: I602 scheme `successor` derives `nat(s(s(s(")


def test_a_circle_of_support_is_kept_and_undecided(tmp_path: Path) -> None:
    data, statuses = import_and_check(tmp_path, DATA / "odd-loop.yml")
    assert data["ignore"] == {
        "M304": "a Carneades example: its circle of support is the point (its members stay undecided)"
    }
    assert {statuses[key] for key in ("p", "q", "r")} == {Status.UNDECIDED}


def test_an_empty_graph_is_refused() -> None:
    assert refusal("meta:\n  title: Nothing\n") == (
        "graph.yml:1:1: I601 the graph has no statements: there is nothing to import"
    )


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("holdsAt(wfh_required, 3)", "holdsAt(wfh_required,3)"),
        ("¬ p", "¬p"),
        ("ms-reduce-crime", "ms-reduce-crime"),
    ],
)
def test_statement_keys_are_normalised_as_carneades_does(written: str, normal: str) -> None:
    assert normalize(written) == normal
