"""argmap's own JSON export: lossless, described by its schema, and read back into the same map."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from argmap.authoring.fmt import canonical_text
from argmap.cli import app
from argmap.config import Config
from argmap.files import Limits
from argmap.interchange import InterchangeInputError, planned_files, read_files, write_files
from argmap.interchange.argmap_json import read
from argmap.lint.runner import check_paths
from argmap.output.checked_export import export_data
from tests.helpers import ROOT

MAPS = ("ft-lose-or-win", "kherson-catastrophe", "confrontation")
SCHEMA = json.loads((ROOT / "schemas" / "argmap-export.schema.json").read_text(encoding="utf-8"))
runner = CliRunner()

FULL = """\
argmap: 1
id: full
title: Every key a map can state
source:
  file: source.txt
  title: A source
  note: A transcript.
note: The map's note.
tags: [demo]
ignore:
  A411: not asked here
conclusions:
  - id: claim
    text: The bridge is closed.
    quote: The bridge is closed
    note: On the claim.
    tags: [bridge]
    at: p. 2
    url: https://example.org/bridge
    ignore:
      A402: the sign says it all
    because:
      - id: from-sign
        scheme: argument-from-sign
        warrant: A sign that says a bridge is closed is right.
        note: On the step.
        premises:
          - id: sign
            text: A sign says so.
            implicit: true
            role: sign
        counterexamples:
          - id: old-sign
            text: The sign is old.
            quote: the sign is old
            question: other-explanations
    counterexamples:
      - id: cars
        text: Cars cross it.
        quote: cars cross it
        counterexamples:
          - ref: claim
expect:
  in: [cars]
  out: [claim]
"""


def exported(path: Path) -> dict[str, Any]:
    result = check_paths([path], Config(), cwd=path.parent)
    return export_data(result, next(one for one in result.workspace.requested if one.id == path.stem))


def without_positions(document: dict[str, Any]) -> dict[str, Any]:
    """The export with the places of things removed: a rebuilt map lays them out anew."""
    document = json.loads(json.dumps(document))
    document.pop("file")
    for entry in document["nodes"] + document["edges"]:
        for key in ("file", "line", "column"):
            entry.pop(key, None)
    for node in document["nodes"]:
        node.pop("status_reason", None)  # it names lines
    return document


@pytest.mark.parametrize("name", MAPS)
def test_the_export_of_every_map_fits_its_schema(name: str) -> None:
    jsonschema.validate(exported(ROOT / "maps" / f"{name}.yaml"), SCHEMA)


def test_every_key_of_a_map_is_exported_and_fits_the_schema(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "source.txt").write_text(
        "The bridge is closed, but the sign is old and cars cross it.\n", encoding="utf-8"
    )
    (tmp_path / "full.yaml").write_text(FULL, encoding="utf-8")
    document = exported(tmp_path / "full.yaml")
    jsonschema.validate(document, SCHEMA)
    assert {key: document[key] for key in ("source", "note", "tags", "ignore", "expect")} == {
        "source": {"file": "source.txt", "title": "A source", "note": "A transcript."},
        "note": "The map's note.",
        "tags": ["demo"],
        "ignore": {"A411": "not asked here"},
        "expect": {"in": ["cars"], "out": ["claim"]},
    }
    claim = next(node for node in document["nodes"] if node["id"] == "claim")
    assert {key: claim[key] for key in ("note", "tags", "at", "url", "ignore", "status")} == {
        "note": "On the claim.",
        "tags": ["bridge"],
        "at": "p. 2",
        "url": "https://example.org/bridge",
        "ignore": {"A402": "the sign says it all"},
        "status": "out",
    }
    edges = {(edge["from"], edge["to"]): edge for edge in document["edges"]}
    assert edges[("sign", "from-sign")]["role"] == "sign"
    assert edges[("old-sign", "from-sign")]["question"] == "other-explanations"
    assert edges[("claim", "cars")]["ref"] is True


def test_export_then_import_gives_the_map_back(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "source.txt").write_text(
        "The bridge is closed, but the sign is old and cars cross it.\n", encoding="utf-8"
    )
    (tmp_path / "full.yaml").write_text(FULL, encoding="utf-8")
    original = exported(tmp_path / "full.yaml")
    (tmp_path / "back").mkdir()
    shutil.copy(tmp_path / "source.txt", tmp_path / "back" / "source.txt")
    imported = read(json.dumps(original).encode(), "full.json", Limits())
    write_files(planned_files(imported, tmp_path / "back"))
    # The same map, in the layout `argmap fmt` gives it.
    assert (tmp_path / "back" / "full.yaml").read_text(encoding="utf-8") == canonical_text(FULL)


def test_the_maps_of_the_repository_come_back_from_their_export(tmp_path: Path) -> None:
    """Three maps, one of them confronting the other two: same nodes, edges and fields."""
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    for name in MAPS:
        (tmp_path / f"{name}.json").write_text(
            json.dumps(exported(ROOT / "maps" / f"{name}.yaml")), encoding="utf-8"
        )
    write_files(
        planned_files(read_files("json", [tmp_path / f"{name}.json" for name in MAPS]), tmp_path / "maps")
    )
    for name in MAPS:
        assert without_positions(exported(tmp_path / "maps" / f"{name}.yaml")) == without_positions(
            exported(ROOT / "maps" / f"{name}.yaml")
        )


def test_the_cli_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "source.txt").write_text(
        "The bridge is closed, but the sign is old and cars cross it.\n", encoding="utf-8"
    )
    (tmp_path / "full.yaml").write_text(FULL, encoding="utf-8")
    assert runner.invoke(app, ["export", "full.yaml", "-o", "full.json"]).exit_code == 0
    result = runner.invoke(app, ["import", "--from", "json", "full.json", "-o", "back"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "wrote back/full.yaml\n", "")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{]", "bad.json:1:2: not valid JSON: Expecting property name enclosed in double quotes"),
        (
            '{"argmap": 2, "nodes": []}',
            "bad.json: not an argmap export: an object with `argmap: 1` and `nodes` is expected",
        ),
        (
            '{"argmap": 1, "nodes": []}',
            "bad.json: the map's `id` must be a slug of lowercase letters, digits, - and _",
        ),
        (
            '{"argmap": 1, "id": "../../evil", "title": "X", "nodes": []}',
            "bad.json: the map's `id` must be a slug of lowercase letters, digits, - and _",
        ),
        (
            '{"argmap": 1, "id": "x", "nodes": []}',
            "bad.json: not an argmap export as argmap writes it (KeyError: 'title')",
        ),
        (
            '{"argmap": 1, "id": "x", "title": "X", "nodes": [], "edges": [{"from": "a", "to": "b"}]}',
            "bad.json: not an argmap export as argmap writes it "
            "(ValueError: edge a -> b names a node that is not in `nodes`)",
        ),
    ],
)
def test_bad_exports_are_refused(content: str, message: str) -> None:
    with pytest.raises(InterchangeInputError) as caught:
        read(content.encode(), "bad.json", Limits())
    assert caught.value.message == message


CARNEADES = ROOT / "tests" / "interchange" / "data" / "carneades" / "YAML"


@pytest.mark.parametrize("example", ["jogging", "mcda-porsche", "lex", "tweety"])
def test_carneades_constructs_come_back_from_the_export(tmp_path: Path, example: str) -> None:
    """Issues, standards, assumptions, weighing and premise weights survive export and import."""
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    result = runner.invoke(
        app, ["import", "--from", "carneades", str(CARNEADES / f"{example}.yml"), "-o", str(tmp_path / "a")]
    )
    assert result.exit_code == 0, result.output
    (first,) = (tmp_path / "a").glob("*.yaml")
    document = exported(first)
    jsonschema.validate(document, SCHEMA)
    write_files(planned_files(read(json.dumps(document).encode(), "x.json", Limits()), tmp_path / "b"))
    assert without_positions(exported(tmp_path / "b" / first.name)) == without_positions(document)


def test_quote_occurrences_and_declared_conflicts_come_back(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "source.txt").write_text("It rains. It is dry. It rains.\n", encoding="utf-8")
    text = """\
argmap: 1
id: conflict
title: A conflict declared once
source:
  file: source.txt
thesis: wet
conclusions:
  - id: wet
    text: It rains.
    quote:
      text: It rains.
      occurrence: 2
    contradicts: [dry]
  - id: dry
    text: It is dry.
    quote: It is dry.
    outweighs: [wet]
expect:
  semantics: preferred
  in: [dry]
  out: [wet]
"""
    (tmp_path / "conflict.yaml").write_text(text, encoding="utf-8")
    document = exported(tmp_path / "conflict.yaml")
    jsonschema.validate(document, SCHEMA)
    imported = read(json.dumps(document).encode(), "conflict.json", Limits())
    write_files(planned_files(imported, tmp_path / "back"))
    shutil.copy(tmp_path / "source.txt", tmp_path / "back" / "source.txt")
    assert (tmp_path / "back" / "conflict.yaml").read_text(encoding="utf-8") == canonical_text(text)
