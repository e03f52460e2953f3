"""Argdown both ways: what argmap writes, the real Argdown CLI reads back into the same map."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.config import Config
from argmap.files import Limits
from argmap.interchange import InterchangeInputError, export_checked, map_text, planned_files, write_files
from argmap.interchange.argdown import read
from argmap.lint.runner import check_paths
from argmap.output.checked_export import export_data
from tests.helpers import ROOT

DATA = Path(__file__).parent / "data" / "argdown"
runner = CliRunner()
_FIELDS = ("kind", "text", "quote", "implicit", "note", "warrant", "scheme", "tags", "at", "url")


def graph(document: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], list[tuple[Any, ...]]]:
    """Nodes with every field a map states, and edges with role and question: no positions."""
    nodes = {}
    for node in document["nodes"]:
        fields = {key: node.get(key) for key in _FIELDS if node.get(key) not in (None, [], False)}
        fields["kind"] = (
            "inference" if node["kind"] == "inference" else "claim"
        )  # a tree's shape decides the rest
        nodes[node["id"]] = fields
    edges = sorted(
        (edge["from"], edge["to"], edge["relation"], edge.get("role"), edge.get("question"))
        for edge in document["edges"]
    )
    return nodes, edges


def exported(path: Path) -> dict[str, Any]:
    result = check_paths([path], Config())
    return export_data(result, result.workspace.requested[0])


def through_argdown(argdown: Path, map_file: Path, folder: Path) -> dict[str, Any]:
    """map -> Argdown source -> `argdown json` -> map, checked and exported."""
    result = check_paths([map_file], Config())
    written = export_checked(result, result.workspace.requested[0], "argdown")
    source = folder / f"{map_file.stem}.argdown"
    source.write_bytes(written.content)
    run = subprocess.run(
        [str(argdown), "json", str(source), str(folder)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr
    imported = read((folder / f"{map_file.stem}.json").read_bytes(), f"{map_file.stem}.json", Limits())
    (folder / "argmap.toml").write_text("", encoding="utf-8")
    write_files(planned_files(imported, folder / "back"))
    return exported(folder / "back" / imported[0].file_name)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["ft-lose-or-win", "kherson-catastrophe"])
def test_the_argdown_cli_reads_the_export_as_the_same_map(
    name: str, argdown_cli: Path, tmp_path: Path
) -> None:
    original = exported(ROOT / "maps" / f"{name}.yaml")
    back = through_argdown(argdown_cli, ROOT / "maps" / f"{name}.yaml", tmp_path)
    assert graph(back) == graph(original)


@pytest.mark.slow
def test_text_that_means_something_in_argdown_stays_text(argdown_cli: Path, tmp_path: Path) -> None:
    hostile = 'A [bracket] <arg> #tag *bold* _it_ {data: 1} @name + - >< \\ back: colon `code` ~ | = "q"'
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    map_file = tmp_path / "hostile.yaml"
    map_file.write_text(
        "argmap: 1\nid: hostile\ntitle: Hostile\nconclusions:\n"
        f"  - id: claim\n    text: {json.dumps(hostile)}\n    implicit: true\n"
        "    because:\n      - id: step\n        premises:\n"
        '          - id: reason\n            text: "} {\\"x\\": [1]} ]"\n            implicit: true\n',
        encoding="utf-8",
    )
    back = through_argdown(argdown_cli, map_file, tmp_path)
    assert graph(back) == graph(exported(map_file))


def test_argdowns_json_export_imports(tmp_path: Path) -> None:
    imported = read((DATA / "retreat.json").read_bytes(), "retreat.json", Limits())[0]
    assert imported.losses == (
        "[Kherson] and [Orderly] are contradictory: kept as attacks both ways",
        "Argdown has no source document: the claims are not grounded unless they carry a quote",
    )
    assert map_text(imported) == (
        "argmap: 1\n"
        "id: retreat\n"
        "title: retreat (imported from Argdown)\n"
        "conclusions:\n"
        "  - id: kherson\n"
        "    text: The retreat from Kherson is a defeat.\n"
        "    tags:\n"
        "      - military\n"
        "    because:\n"
        "      - id: from-supply\n"
        "        scheme: argument-from-sign\n"
        "        note: Moscow could not supply the city.\n"
        "        premises:\n"
        "          - id: supply\n"
        "            text: Moscow could not supply the city across the Dnieper.\n"
        "          - id: untitled-1\n"
        "            text: A city that cannot be supplied cannot be held.\n"
        "        counterexamples:\n"
        "          - id: bridges\n"
        "            text: Pontoon bridges could have supplied it.\n"
        "      - id: annexed-supports-kherson\n"
        "        premises:\n"
        "          - id: annexed\n"
        "            text: The region had been annexed.\n"
        "    counterexamples:\n"
        "      - id: trap\n"
        "        text: The retreat is a trap.\n"
        "      - id: orderly\n"
        "        text: The retreat was an orderly regrouping.\n"
        "        counterexamples:\n"
        "          - ref: kherson\n"
    )


def test_the_cli_imports_argdown_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["import", "--from", "argdown", str(DATA / "retreat.json")])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "wrote retreat.yaml\n",
        "argmap: warning: retreat.yaml: [Kherson] and [Orderly] are contradictory: "
        "kept as attacks both ways\n"
        "argmap: warning: retreat.yaml: Argdown has no source document: "
        "the claims are not grounded unless they carry a quote\n",
    )
    checked = runner.invoke(app, ["check", "retreat.yaml", "--select", "M,S,L"])
    assert checked.exit_code == 0, checked.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "bad.json:1:2: not valid JSON: Expecting property name enclosed in double quotes"),
        (
            '{"arguments": {}}',
            "bad.json: not an Argdown JSON export: an object with `statements` is expected",
        ),
        (
            '{"statements": {}}',
            "bad.json: not an Argdown JSON export as argdown writes it (ValueError: it has no statement)",
        ),
        (
            '{"statements": {"a": {"members": [{"text": "A."}]}}, "arguments": {"x": {"pcs": [{"no": 1}]}}}',
            "bad.json: not an Argdown JSON export as argdown writes it (KeyError: 'title')",
        ),
    ],
)
def test_bad_argdown_json_is_refused(content: str, message: str) -> None:
    with pytest.raises(InterchangeInputError) as caught:
        read(content.encode(), "bad.json", Limits())
    assert caught.value.message == message
