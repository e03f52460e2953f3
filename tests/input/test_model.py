"""The model: kinds from position, edges, refs, scope, and a deep map without recursion."""

from __future__ import annotations

from pathlib import Path

from argmap.config import Config
from argmap.input.model import ArgMap, Corpus, Kind, Relation
from argmap.input.schema import validate
from argmap.input.yaml_reader import load_text
from argmap.lint.runner import check_paths
from tests.helpers import MINIMAL, write

SKETCH = """\
argmap: 1
id: ft
title: It is as hard for Putin to lose the war as to win it
source:
  file: ../seeds/000.txt
  title: FT
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    quote: there is no direct connection
    because:
      - id: from-revenge
        warrant: A base that counts defiance as victory does not punish defeats.
        premises:
          - id: revenge
            text: Supporters see revenge.
            quote: For them, it is revenge against the stronger West.
          - id: any-resistance-wins
            text: Any resistance is a victory.
            quote: any form of resistance to the West is a victory
    counterexamples:
      - id: failures-topple
        text: Military failures have brought regimes down before.
        because:
          - id: from-history
            scheme: argument-from-example
            premises:
              - id: juntas
                text: The juntas fell.
                quote: the Greek and Argentinian juntas collapsed
                role: example
              - ref: revenge
                role: generalization
            counterexamples:
              - id: saddam
                text: Saddam survived.
                quote: did not remove Saddam Hussein
                question: counter-examples
"""


def build(text: str) -> ArgMap:
    loaded = load_text(text, "ft.yaml")
    assert loaded.data is not None
    assert validate(loaded.data, "ft.yaml") == []
    return ArgMap.from_data(loaded.data, "ft.yaml")


def test_kinds_follow_from_position() -> None:
    argmap = build(SKETCH)
    kinds = {node.id: node.kind for node in argmap.nodes}
    assert kinds == {
        "no-direct-link": Kind.CONCLUSION,
        "from-revenge": Kind.INFERENCE,
        "revenge": Kind.PREMISE,
        "any-resistance-wins": Kind.PREMISE,
        "failures-topple": Kind.COUNTEREXAMPLE,
        "from-history": Kind.INFERENCE,
        "juntas": Kind.PREMISE,
        "saddam": Kind.COUNTEREXAMPLE,
    }
    assert [node.id for node in argmap.nodes][:3] == ["no-direct-link", "from-revenge", "revenge"]
    assert argmap.roots == ("ft#no-direct-link",)


def test_edges_with_relations_roles_and_questions() -> None:
    argmap = build(SKETCH)
    edges = {(e.source, e.target, e.relation, e.role, e.question, e.via_ref) for e in argmap.edges}
    assert edges == {
        ("ft#from-revenge", "ft#no-direct-link", Relation.SUPPORTS, None, None, False),
        ("ft#revenge", "ft#from-revenge", Relation.PREMISE, None, None, False),
        ("ft#any-resistance-wins", "ft#from-revenge", Relation.PREMISE, None, None, False),
        ("ft#failures-topple", "ft#no-direct-link", Relation.ATTACKS, None, None, False),
        ("ft#from-history", "ft#failures-topple", Relation.SUPPORTS, None, None, False),
        ("ft#juntas", "ft#from-history", Relation.PREMISE, "example", None, False),
        ("ft#revenge", "ft#from-history", Relation.PREMISE, "generalization", None, True),
        ("ft#saddam", "ft#from-history", Relation.ATTACKS, None, "counter-examples", False),
    }


def test_a_ref_is_one_node_with_an_edge_per_use() -> None:
    argmap = build(SKETCH)
    assert sum(1 for node in argmap.nodes if node.id == "revenge") == 1
    assert sum(1 for edge in argmap.edges if edge.source == "ft#revenge") == 2
    (reference,) = argmap.references
    assert (reference.written, reference.target, reference.context, reference.parent) == (
        "revenge",
        "ft#revenge",
        "premises",
        "ft#from-history",
    )
    assert (reference.location.line, reference.location.column) == (32, 22)


def test_node_fields_and_positions() -> None:
    node = build(SKETCH).node("juntas")
    assert node is not None
    assert (node.location.line, node.location.column) == (28, 17)
    assert node.text == "The juntas fell."
    assert [quote.text for quote in node.quotes] == ["the Greek and Argentinian juntas collapsed"]
    assert node.quotes[0].location.line == 30
    assert node.location_of("quote").line == 30


def test_source_info() -> None:
    argmap = build(SKETCH)
    assert argmap.source is not None
    assert (argmap.source.file, argmap.source.title) == ("../seeds/000.txt", "FT")
    assert argmap.source.location is not None and argmap.source.location.line == 5


def test_scope_follows_refs_transitively() -> None:
    first = build(SKETCH)
    second = build(
        "argmap: 1\nid: second\ntitle: S\nconclusions:\n  - id: x\n    text: X.\n    implicit: true\n"
        "    counterexamples:\n      - ref: ft#saddam\n"
    )
    third = build("argmap: 1\nid: third\ntitle: T\nconclusions:\n  - ref: second#x\n")
    corpus = Corpus.of([first, second, third])
    assert [argmap.id for argmap in corpus.scope("third")] == ["ft", "second", "third"]
    assert [argmap.id for argmap in corpus.scope("ft")] == ["ft"]


def test_deep_nesting_builds_without_recursion() -> None:
    depth = 45  # 4 YAML levels each: within the default depth limit of 200
    lines = ["argmap: 1", "id: deep", "title: Deep", "conclusions:"]
    indent = "  "
    for level in range(depth):
        lines += [f"{indent}- id: c{level}", f"{indent}  text: Claim {level}.", f"{indent}  because:"]
        lines += [f"{indent}    - id: i{level}", f"{indent}      premises:"]
        indent += "        "
    lines += [f"{indent}- id: leaf", f"{indent}  text: Leaf.", f"{indent}  implicit: true"]
    argmap = build("\n".join(lines) + "\n")
    assert len(argmap.nodes) == 2 * depth + 1
    assert argmap.node("leaf") is not None


def test_view_shows_the_chain_that_connects_imported_nodes() -> None:
    from argmap.input.model import map_view

    home = build(SKETCH)
    third = build(
        "argmap: 1\nid: third\ntitle: T\nconclusions:\n"
        "  - ref: ft#revenge\n    counterexamples:\n"
        "      - id: not-revenge\n        text: They see no revenge.\n        implicit: true\n"
        "  - ref: ft#no-direct-link\n    counterexamples:\n"
        "      - id: direct\n        text: There is a link.\n        implicit: true\n"
    )
    view = map_view(third, Corpus.of([home, third]))
    # revenge → from-revenge → no-direct-link, and revenge → from-history →
    # failures-topple ⊣ no-direct-link: both chains connect two imported nodes
    # and every premise of an inference it shows: its evaluation reads them all
    assert view.context == frozenset(
        {
            "ft#from-revenge",
            "ft#from-history",
            "ft#failures-topple",
            "ft#any-resistance-wins",
            "ft#juntas",
            "ft#saddam",
        }
    )
    assert view.keys == (
        "third#direct",
        "third#not-revenge",
        "ft#any-resistance-wins",
        "ft#failures-topple",
        "ft#from-history",
        "ft#from-revenge",
        "ft#juntas",
        "ft#no-direct-link",
        "ft#revenge",
        "ft#saddam",
    )
    stated_elsewhere = {(edge.source, edge.target) for edge in view.edges if edge.map_id == "ft"}
    # juntas and saddam are premises of a shown inference: shown with their edges
    assert stated_elsewhere == {
        ("ft#saddam", "ft#from-history"),
        ("ft#juntas", "ft#from-history"),
        ("ft#any-resistance-wins", "ft#from-revenge"),
        ("ft#revenge", "ft#from-revenge"),
        ("ft#from-revenge", "ft#no-direct-link"),
        ("ft#revenge", "ft#from-history"),
        ("ft#from-history", "ft#failures-topple"),
        ("ft#failures-topple", "ft#no-direct-link"),
    }


def test_view_of_a_map_without_refs_is_its_own_nodes() -> None:
    from argmap.input.model import map_view

    argmap = build(SKETCH)
    view = map_view(argmap, Corpus.of([argmap]))
    assert view.keys == tuple(sorted(node.key for node in argmap.nodes))
    assert view.context == frozenset()
    assert len(view.edges) == len({(e.source, e.target, e.relation) for e in argmap.edges})


def test_a_referenced_map_is_found_by_id_behind_a_long_licence_comment(tmp_path: Path) -> None:
    # The sibling map that `ref: other#claim` names is found by its `id:`,
    # wherever the line stands: here behind 100 KiB of comment.
    (tmp_path / ".git").mkdir()
    licence = "".join(f"# licence line {number}: {'x' * 60}\n" for number in range(1500))
    write(tmp_path, "other.yaml", licence + MINIMAL.replace("id: demo", "id: other"))
    citing = write(
        tmp_path,
        "citing.yaml",
        """\
        argmap: 1
        id: citing
        title: Cites another map
        conclusions:
          - ref: other#claim
            counterexamples:
              - id: objection
                text: The sign is old.
                implicit: true
        """,
    )
    result = check_paths([citing], Config(), cwd=tmp_path)
    assert [problem for problem in result.problems if problem.code.startswith("M")] == []
