"""AIF JSON both ways, on AraucariaDB maps (tests/interchange/data/aif/NOTICE.md)."""

from __future__ import annotations

import collections
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.config import Config
from argmap.files import Limits
from argmap.interchange import (
    InterchangeInputError,
    export_checked,
    map_text,
    planned_files,
    read_files,
    write_files,
)
from argmap.interchange.aif import read
from argmap.lint.runner import CheckResult, check_paths

DATA = Path(__file__).parent / "data" / "aif"
runner = CliRunner()


def import_and_check(files: list[Path], folder: Path) -> tuple[list[Path], CheckResult]:
    (folder / "argmap.toml").write_text("", encoding="utf-8")
    imported = read_files("aif", files)
    write_files(planned_files(imported, folder))
    maps = [folder / one.file_name for one in imported]
    return maps, check_paths(maps, Config(), cwd=folder)


def structural(result: CheckResult) -> list[str]:
    """Problems that say the map is broken (loader, schema, structure) or a quote is not found."""
    return [
        f"{p.file}:{p.line}: {p.code} {p.message}"
        for p in result.problems
        if p.code[0] in "LSMQ" and p.code != "Q505"
    ]


def aif_counts(document: dict[str, Any]) -> tuple[dict[str, int], int]:
    return dict(collections.Counter(node["type"] for node in document["nodes"])), len(document["edges"])


def test_a_simple_map_becomes_one_inference(tmp_path: Path) -> None:
    imported = read_files("aif", [DATA / "nodeset10.json"])
    assert [one.file_name for one in imported] == ["nodeset10.yaml"]
    assert imported[0].losses == (
        "the AIF has no locutions (L-nodes): the claims have no source to be grounded in",
    )
    text = map_text(imported[0])
    assert text.startswith(
        "argmap: 1\nid: nodeset10\ntitle: nodeset10 (imported from AIF)\nconclusions:\n  - id: i277\n"
    )
    assert "      - id: ra281\n        premises:\n          - id: i278\n" in text


def test_locutions_become_the_source_and_ground_the_quotes(tmp_path: Path) -> None:
    maps, result = import_and_check([DATA / "nodeset118.json"], tmp_path)
    assert structural(result) == []
    assert (tmp_path / "nodeset118.txt").read_text(encoding="utf-8") == (
        "Poostix: John has taken the Shakespeare course\n"
    )
    text = maps[0].read_text(encoding="utf-8")
    assert (
        "          - id: i1096\n"
        "            text: John has taken the Shakespeare course\n"
        "            quote: John has taken the Shakespeare course\n"
        "            note: Said by Poostix.\n"
    ) in text
    assert "source:\n  file: nodeset118.txt\n" in text


def test_conflicts_become_counterexamples_and_schemes_are_mapped(tmp_path: Path) -> None:
    maps, result = import_and_check([DATA / "nodeset105.json", DATA / "nodeset137.json"], tmp_path)
    assert structural(result) == []
    conflict = maps[0].read_text(encoding="utf-8")
    assert "counterexamples:\n" in conflict
    schemed = maps[1].read_text(encoding="utf-8")
    assert "scheme: argument-from-expert-opinion\n" in schemed


@pytest.mark.parametrize("name", ["nodeset10", "nodeset105", "nodeset118", "nodeset137"])
def test_export_then_import_keeps_the_counts(name: str, tmp_path: Path) -> None:
    original = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    _maps, result = import_and_check([DATA / f"{name}.json"], tmp_path)
    exported = json.loads(export_checked(result, result.workspace.requested[0], "aif").content)
    assert aif_counts(exported) == aif_counts(original)
    again = read(json.dumps(exported).encode(), "again.json", Limits())[0]
    assert _shape(again.data) == _shape(
        read((DATA / f"{name}.json").read_bytes(), "x.json", Limits())[0].data
    )


def _shape(data: Any) -> collections.Counter[str]:
    """Which keys the map uses, how often: ids differ after a round trip, the structure does not."""
    counts: collections.Counter[str] = collections.Counter()
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            counts.update(key for key in item if key not in {"id", "title"})
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return counts


@pytest.mark.parametrize("name", ["nodeset10", "nodeset105", "nodeset118", "nodeset137"])
def test_an_independent_reader_loads_the_export(name: str, tmp_path: Path) -> None:
    arguebuf = pytest.importorskip("arguebuf", reason="arguebuf (the test extra) is not installed")
    original = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    _maps, result = import_and_check([DATA / f"{name}.json"], tmp_path)
    exported = json.loads(export_checked(result, result.workspace.requested[0], "aif").content)
    theirs, ours = arguebuf.load.aif(original), arguebuf.load.aif(exported)
    assert (len(ours.atom_nodes), len(ours.scheme_nodes), len(ours.edges)) == (
        len(theirs.atom_nodes),
        len(theirs.scheme_nodes),
        len(theirs.edges),
    )
    assert sorted(node.plain_text for node in ours.atom_nodes.values()) == sorted(
        " ".join(node.plain_text.split()) for node in theirs.atom_nodes.values()
    )


def test_the_cli_imports_checks_and_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["import", "--from", "aif", str(DATA / "nodeset118.json"), "-o", "maps"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "wrote maps/nodeset118.yaml\nwrote maps/nodeset118.txt\n",
        "",
    )
    result = runner.invoke(app, ["export", "maps/nodeset118.yaml", "--format", "aif"])
    assert result.exit_code == 0
    assert aif_counts(json.loads(result.stdout)) == aif_counts(
        json.loads((DATA / "nodeset118.json").read_text(encoding="utf-8"))
    )
    assert result.stderr == (
        "argmap: warning: AIF has no place for `note`: dropped\n"
        "argmap: warning: the source document is not carried: AIF keeps only the quoted locutions\n"
    )
    again = runner.invoke(app, ["import", "--from", "aif", str(DATA / "nodeset118.json"), "-o", "maps"])
    assert (again.exit_code, again.stdout, again.stderr) == (
        2,
        "",
        "argmap: maps/nodeset118.yaml exists; nothing was written\n"
        "  hint: import into another folder (-o), or pass --force to overwrite\n",
    )


def test_losses_are_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["import", "--from", "aif", str(DATA / "nodeset10.json")])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "wrote nodeset10.yaml\n",
        "argmap: warning: nodeset10.yaml: the AIF has no locutions (L-nodes): "
        "the claims have no source to be grounded in\n",
    )


def test_support_in_a_circle_is_cut_and_said(tmp_path: Path) -> None:
    circle = {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": "A."},
            {"nodeID": "2", "type": "I", "text": "B."},
            {"nodeID": "3", "type": "RA", "text": "RA"},
            {"nodeID": "4", "type": "RA", "text": "RA"},
            {"nodeID": "5", "type": "PA", "text": "PA"},
        ],
        "edges": [
            {"fromID": "1", "toID": "3"},
            {"fromID": "3", "toID": "2"},
            {"fromID": "2", "toID": "4"},
            {"fromID": "4", "toID": "1"},
        ],
    }
    (tmp_path / "circle.json").write_text(json.dumps(circle), encoding="utf-8")
    _maps, result = import_and_check([tmp_path / "circle.json"], tmp_path)
    assert structural(result) == []
    assert read_files("aif", [tmp_path / "circle.json"])[0].losses == (
        "1 preference (PA) node(s): argmap has no such relation; dropped",
        "the AIF has no locutions (L-nodes): the claims have no source to be grounded in",
        "support of i2 by i1 closes a circle; that premise was dropped",
        "inference ra3 was left without premises; dropped",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"nodes": [', "bad.json:1:12: not valid JSON: Expecting value"),
        ("[1, 2]", "bad.json: not AIF: an object with `nodes` and `edges` lists is expected"),
        ('{"nodes": [{"type": "I"}], "edges": []}', "bad.json: nodes[0]: the node has no `nodeID`"),
        (
            '{"nodes": [{"nodeID": "1", "type": "I", "text": "A"}], "edges": [{"fromID": "1", "toID": "9"}]}',
            "bad.json: edges[0]: the edge names node 9, which is not in `nodes`",
        ),
        ('{"nodes": [], "edges": []}', "bad.json: the AIF has no I-node: there is nothing to map"),
        ("[" * 300 + "]" * 300, "bad.json: the JSON nests deeper than 200 levels"),
        (b"\xff\xfe".decode("latin-1"), "bad.json: not UTF-8 (byte 1)"),
    ],
)
def test_bad_input_is_refused_with_its_position(content: str, message: str) -> None:
    with pytest.raises(InterchangeInputError) as caught:
        read(content.encode("latin-1") if content.startswith("ÿ") else content.encode(), "bad.json", Limits())
    assert caught.value.message == message


def test_a_bad_file_among_good_ones_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.json").write_text('{"nodes": [}', encoding="utf-8")
    result = runner.invoke(
        app, ["import", "--from", "aif", str(DATA / "nodeset10.json"), "bad.json", "-o", "out"]
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "argmap: bad.json:1:12: not valid JSON: Expecting value\n",
    )
    assert not (tmp_path / "out").exists()


CORPUS = os.environ.get("ARGMAP_AIF_CORPUS", "")


@pytest.mark.slow
@pytest.mark.skipif(
    not CORPUS or not Path(CORPUS).is_dir(), reason="set ARGMAP_AIF_CORPUS to a copy of examples/AGs/AIF"
)
def test_every_araucaria_map(tmp_path: Path) -> None:
    """All of AraucariaDB as Carneades 4 ships it: each imports, checks clean and round-trips."""
    files = sorted(Path(CORPUS).glob("*.json"))
    assert len(files) == 661
    maps, result = import_and_check(files, tmp_path)
    assert structural(result) == []
    for map_file, original in zip(maps, files, strict=True):
        argmap = next(one for one in result.workspace.requested if one.id == map_file.stem)
        exported = json.loads(export_checked(result, argmap, "aif").content)
        assert aif_counts(exported) == aif_counts(json.loads(original.read_text(encoding="utf-8"))), (
            original.name
        )


def test_an_unknown_or_export_only_format_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, message in (("foo", "unknown format `foo`"), ("mermaid", "argmap cannot import mermaid")):
        result = runner.invoke(app, ["import", "--from", name, str(DATA / "nodeset10.json")])
        assert (result.exit_code, result.stdout, result.stderr) == (
            2,
            "",
            f"argmap: {message}\n"
            "  hint: import from: json, aif, argdown, microtexts, brat, tgf, apx, carneades\n",
        )


def test_a_long_chain_is_cut_into_conclusions_the_loader_accepts(tmp_path: Path) -> None:
    nodes = [{"nodeID": str(number), "type": "I", "text": f"Claim {number}."} for number in range(100)]
    edges = []
    for number in range(99):
        nodes.append({"nodeID": f"s{number}", "type": "RA", "text": "RA"})
        edges += [
            {"fromID": str(number + 1), "toID": f"s{number}"},
            {"fromID": f"s{number}", "toID": str(number)},
        ]
    (tmp_path / "chain.json").write_text(json.dumps({"nodes": nodes, "edges": edges}), encoding="utf-8")
    maps, result = import_and_check([tmp_path / "chain.json"], tmp_path)
    assert structural(result) == []
    exported = json.loads(export_checked(result, result.workspace.requested[0], "aif").content)
    assert aif_counts(exported) == ({"I": 100, "RA": 99}, 198)
    assert maps[0].read_text(encoding="utf-8").count("\n  - id: ") == 5  # the root, and a cut every 24 claims
