"""Out-only formats: GraphML for yEd and Mermaid flowcharts."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.config import Config
from argmap.interchange import write_format
from argmap.lint.runner import check_paths
from argmap.output.checked_export import export_data
from tests.helpers import ROOT

runner = CliRunner()
HOSTILE = (
    'Breaks "out"] --> x\nclick n1 "javascript:alert(1)"\n'
    "%% <script>alert(1)</script> #quot; `code` *bold* {{x}} & end"
)


def exported(path: Path) -> dict[str, Any]:
    result = check_paths([path], Config(), cwd=path.parent)
    return export_data(result, result.workspace.requested[0])


def hostile_map(folder: Path) -> Path:
    (folder / "argmap.toml").write_text("", encoding="utf-8")
    path = folder / "hostile.yaml"
    path.write_text(
        "argmap: 1\nid: hostile\ntitle: Hostile\nconclusions:\n"
        f"  - id: end\n    text: {json.dumps(HOSTILE)}\n    implicit: true\n"
        '    counterexamples:\n      - id: graph\n        text: "subgraph ]"\n        implicit: true\n',
        encoding="utf-8",
    )
    return path


def test_graphml_has_every_node_and_edge_with_labels_and_status_colours() -> None:
    # The talk's map: it has nodes in and out (the column's has none out).
    document = exported(ROOT / "maps" / "kherson-catastrophe.yaml")
    written = write_format("graphml", document)
    tree = ElementTree.fromstring(written.content)
    namespaces = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}
    nodes = tree.findall("g:graph/g:node", namespaces)
    assert [node.get("id") for node in nodes] == [node["id"] for node in document["nodes"]]
    assert len(tree.findall("g:graph/g:edge", namespaces)) == len(document["edges"])
    first = document["nodes"][0]
    assert nodes[0].find(".//y:NodeLabel", namespaces).text == f"{first['text']}\n[{first['status']}]"  # type: ignore[union-attr]
    fills = {
        node.find("g:data[@key='status']", namespaces).text: node.find(".//y:Fill", namespaces).get("color")  # type: ignore[union-attr]
        for node in nodes
    }
    assert fills == {"in": "#E3F4EE", "out": "#EBEBEB"}
    assert written.losses == (
        "GraphML keeps each node's words, kind, status, warrant, scheme and note: "
        "quotes and sources are not written",
    )


def test_an_independent_reader_loads_the_graphml(tmp_path: Path) -> None:
    networkx = pytest.importorskip("networkx", reason="networkx (with the test extra) is not installed")
    path = hostile_map(tmp_path)
    (tmp_path / "out.graphml").write_bytes(write_format("graphml", exported(path)).content)
    graph = networkx.read_graphml(tmp_path / "out.graphml")
    assert graph.nodes["end"]["text"] == HOSTILE
    assert sorted(graph.edges) == [("graph", "end")]


def test_mermaid_draws_every_node_and_edge_with_its_status() -> None:
    document = exported(ROOT / "maps" / "kherson-catastrophe.yaml")
    text = write_format("mermaid", document).content.decode()
    lines = text.splitlines()
    assert lines[0] == "flowchart BT"
    assert sum(1 for line in lines if re.match(r"^  n\d+[\[({]", line)) == len(document["nodes"])
    assert sum(1 for line in lines if "-->" in line or ".->" in line) == len(document["edges"])
    assert "  classDef in fill:#E3F4EE,stroke:#009E73,color:#1A1A1A" in lines


def test_a_hostile_label_cannot_break_out_of_its_node(tmp_path: Path) -> None:
    text = write_format("mermaid", exported(hostile_map(tmp_path))).content.decode()
    assert text == (
        "flowchart BT\n"
        "  %% Hostile\n"
        '  n1("end: Breaks #34;out#34;#93; --#62; x click n1 #34;javascript:alert#40;1#41;#34; #37;#37; '
        "#60;script#62;alert#40;1#41;#60;#47;script#62; #35;quot; #96;code#96; #42;bold#42; "
        "#123;#123;x#125;#125; "
        '#38; end #40;#10007; out#41;")\n'
        '  n2{{"graph: subgraph #93; #40;#10003; in#41;"}}\n'
        "  n2 -. attacks .-> n1\n"
        "  classDef in fill:#E3F4EE,stroke:#009E73,color:#1A1A1A\n"
        "  class n2 in\n"
        "  classDef out fill:#EBEBEB,stroke:#D55E00,color:#5F5F5F\n"
        "  class n1 out\n"
    )
    # Whatever the words, each node is one line, its label one quoted string.
    for line in text.splitlines()[2:4]:
        assert re.fullmatch(r'  n\d+(\(|\{\{)"[^"\n\]\[<>`{}]*"(\)|\}\})', line), line


def test_the_cli_writes_mermaid_and_graphml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    hostile_map(tmp_path)
    result = runner.invoke(app, ["export", "hostile.yaml", "-f", "mermaid", "-o", "hostile.mmd"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "argmap: warning: Mermaid keeps each node's id, words and status: "
        "quotes, notes and sources are not written\n",
    )
    assert (tmp_path / "hostile.mmd").read_text(encoding="utf-8").startswith("flowchart BT\n")
    result = runner.invoke(app, ["export", "hostile.yaml", "-f", "nonsense"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "argmap: unknown export format `nonsense`\n"
        "  hint: use one of: json, aif, argdown, graphml, mermaid, sadface\n",
    )


def test_sadface_loads_in_an_independent_reader() -> None:
    arguebuf = pytest.importorskip("arguebuf", reason="arguebuf (the test extra) is not installed")
    document = exported(ROOT / "maps" / "ft-lose-or-win.yaml")
    written = json.loads(write_format("sadface", document).content)
    graph = arguebuf.load.sadface(written)
    claims = [node for node in document["nodes"] if node["kind"] != "inference"]
    attacks = [edge for edge in document["edges"] if edge["relation"] == "attacks"]
    assert len(graph.atom_nodes) == len(claims)
    assert len(graph.scheme_nodes) == len(document["nodes"]) - len(claims) + len(attacks)
    assert len(graph.edges) == len(document["edges"]) + len(attacks)
    assert {node.plain_text for node in graph.atom_nodes.values()} == {node["text"] for node in claims}
