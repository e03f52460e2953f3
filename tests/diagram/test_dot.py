"""The visual language, read back from the DOT: shapes per kind, support and
attack edges, statuses, problems, imports, tooltips, links, legend, direction."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pygraphviz
import pytest

from argmap.analysis.evaluate import Status
from argmap.config import Config
from argmap.diagram.dot import (
    MAX_LINES,
    WRAP,
    Annotations,
    NodeSource,
    RenderOptions,
    annotations_for,
    dot_source,
    drawn_keys,
    map_dot,
    scheme_short_name,
    wrap_text,
)
from argmap.input.model import ArgMap, Corpus, Kind, Node, node_key
from argmap.lint.runner import check_paths
from argmap.problems import Location, Severity
from tests.diagram.conftest import MAPS

HERE = Location("m.yaml", 1, 1)


def rendered(map_name: str, options: RenderOptions | None = None) -> tuple[str, Any]:
    result = check_paths([MAPS], Config(), cwd=MAPS)
    (argmap,) = [argmap for argmap in result.workspace.requested if argmap.file == map_name]
    problems = [problem for problem in result.problems if problem.file == argmap.file]
    from argmap.diagram.dot import dot_source

    dot = dot_source(result.run.context(argmap), problems, options)
    return dot, pygraphviz.AGraph(string=dot)


@pytest.fixture(scope="module")
def sketch() -> Any:
    return rendered("sketch.yaml")[1]


@pytest.fixture(scope="module")
def crossmap() -> Any:
    return rendered("crossmap.yaml")[1]


@pytest.fixture(scope="module")
def troubles() -> Any:
    return rendered("troubles.yaml")[1]


def node(graph: Any, key: str) -> dict[str, str]:
    """A node's attributes with the graph's node defaults filled in."""
    attributes = dict(graph.node_attr)
    attributes.update(graph.get_node(key).attr)
    return attributes


def edge(graph: Any, source: str, target: str) -> dict[str, str]:
    attributes = dict(graph.edge_attr)
    attributes.update(graph.get_edge(source, target).attr)
    return attributes


def test_each_kind_has_its_own_shape(sketch: Any) -> None:
    conclusion = node(sketch, "sketch#no-direct-link")
    premise = node(sketch, "sketch#revenge")
    named = node(sketch, "sketch#from-history")
    unnamed = node(sketch, "sketch#from-revenge")
    counterexample = node(sketch, "sketch#failures-topple")
    assert (conclusion["shape"], "rounded" in conclusion["style"]) == ("box", True)
    assert (premise["shape"], "rounded" in premise["style"]) == ("box", False)
    assert (counterexample["shape"], "rounded" in counterexample["style"]) == ("box", False)
    # An inference is a small connector: an ellipse with its scheme's name, or a dot.
    assert (named["shape"], named["height"]) == ("ellipse", "0.3")
    assert (unnamed["shape"], unnamed["label"], unnamed["width"]) == ("circle", "", "0.16")


def test_an_inference_shows_its_schemes_short_name_and_keeps_its_warrant_in_the_tooltip(sketch: Any) -> None:
    history = node(sketch, "sketch#from-history")
    assert "<I>example</I>" in history["label"] and "argument-from" not in history["label"]
    assert "scheme: argument-from-example" in history["tooltip"]
    revenge = node(sketch, "sketch#from-revenge")
    assert "does not punish its" not in revenge["label"]
    assert "warrant: A base that counts any defiance of the West as victory" in revenge["tooltip"]
    assert scheme_short_name("argument-from-expert-opinion") == "expert opinion"
    assert scheme_short_name("cause-to-effect") == "cause to effect"


def test_support_and_attack_differ_in_colour_line_and_arrowhead(sketch: Any) -> None:
    support = edge(sketch, "sketch#from-revenge", "sketch#no-direct-link")
    premise = edge(sketch, "sketch#revenge", "sketch#from-revenge")
    rebuttal = edge(sketch, "sketch#failures-topple", "sketch#no-direct-link")
    undercut = edge(sketch, "sketch#saddam", "sketch#from-history")
    # Support: solid blue, an arrow into what it supports; a premise joins its connector without one.
    assert (support["color"], support.get("style", ""), support["arrowhead"]) == ("#0072B2", "", "normal")
    assert (premise["color"], premise.get("style", ""), premise["arrowhead"]) == ("#0072B2", "", "none")
    for attack in (rebuttal, undercut):
        assert (attack["color"], attack["style"], attack["arrowhead"]) == ("#D55E00", "dashed", "tee")
        assert float(attack["penwidth"]) > float(support["penwidth"])
    assert "undercuts" in undercut["tooltip"] and "rebuts" in rebuttal["tooltip"]
    # The critical question an undercutter raises labels its edge; a premise's role is in the tooltip.
    assert "counterexamples?" in undercut["label"]
    role = edge(sketch, "sketch#juntas", "sketch#from-history")
    assert not role.get("label")
    assert "(role: example)" in role["tooltip"]


def test_status_is_marked_by_exception_in_words_not_only_colour(sketch: Any) -> None:
    standing = node(sketch, "sketch#revenge")
    defeated = node(sketch, "sketch#failures-topple")
    objection = node(sketch, "sketch#saddam")
    # What stands carries no mark; its status is in the tooltip.
    assert "in" not in _label_words(standing["label"]) and "✓" not in standing["label"]
    assert (standing["fillcolor"], standing["color"]) == ("#FFFFFF", "#404040")
    assert "in: not attacked" in standing["tooltip"]
    # What is out says so, greyed.
    assert "✗ defeated" in defeated["label"]
    assert (defeated["fillcolor"], defeated["fontcolor"], defeated["color"]) == (
        "#E6E6E6",
        "#5F5F5F",
        "#9A9A9A",
    )
    assert "out: no inference applies" in defeated["tooltip"]
    # An objection that stands says so, with the attack's colour and a thick border.
    assert "objection stands" in objection["label"]
    assert (objection["color"], objection["penwidth"]) == ("#D55E00", "3")


def _label_words(label: str) -> list[str]:
    return re.sub(r"<[^>]*>", " ", label).split()


def test_the_thesis_is_marked_and_larger(sketch: Any, tmp_path: Path) -> None:
    thesis = node(sketch, "sketch#no-direct-link")
    assert "MAIN CLAIM" in thesis["label"] and thesis["peripheries"] == "2"
    assert 'POINT-SIZE="16"' in thesis["label"]
    # A map names its thesis with `thesis:`; without it, the first conclusion is the thesis.
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "two.yaml").write_text(
        "argmap: 1\nid: two\ntitle: Two\nthesis: second\nconclusions:\n"
        "  - id: first\n    text: The first claim.\n  - id: second\n    text: The second claim.\n",
        encoding="utf-8",
    )
    result = check_paths([tmp_path], Config(), cwd=tmp_path)
    assert all(problem.severity < Severity.ERROR for problem in result.problems)
    (argmap,) = result.workspace.requested
    graph = pygraphviz.AGraph(string=dot_source(result.run.context(argmap), [], RenderOptions()))
    assert "MAIN CLAIM" in graph.get_node("two#second").attr["label"]
    assert "MAIN CLAIM" not in graph.get_node("two#first").attr["label"]


def test_undecided_nodes_say_so(troubles: Any) -> None:
    assert "? undecided" in node(troubles, "troubles#loops-a")["label"]


def test_implicit_premises_are_dashed(sketch: Any) -> None:
    assert "dashed" in node(sketch, "sketch#base-rewards-defiance")["style"]
    assert "dashed" not in node(sketch, "sketch#revenge")["style"]


def test_problems_mark_the_node_and_are_named_in_its_tooltip(troubles: Any, sketch: Any) -> None:
    step = node(troubles, "troubles#step")
    assert "⚠ A403" in step["label"]
    assert (step["color"], float(step["penwidth"]) > 3) == ("#CC79A7", True)
    assert "⚠ warning A403: claim `hard-text` speaks of" in step["tooltip"]
    # An info (open critical questions) is told in the tooltip, without marking the node.
    history = node(sketch, "sketch#from-history")
    assert "⚠" not in history["label"] and "info A411" in history["tooltip"]


def test_a_ref_to_nothing_is_drawn_as_not_found(troubles: Any) -> None:
    missing = node(troubles, "troubles#nowhere")
    assert "not found" in missing["label"] and "dashed" in missing["style"]
    assert graph_edges(troubles) >= {("troubles#nowhere", "troubles#step")}


def graph_edges(graph: Any) -> set[tuple[str, str]]:
    return {(str(tail), str(head)) for tail, head in graph.edges()}


def test_nodes_are_grouped_in_a_cluster_per_source_document(crossmap: Any) -> None:
    (sketch_cluster,) = [graph for graph in _clusters(crossmap) if graph.name == "cluster_map_sketch"]
    assert "Financial Times" in sketch_cluster.graph_attr["label"]
    assert {str(name) for name in sketch_cluster.nodes()} == {
        "sketch#failures-topple", "sketch#from-history", "sketch#juntas", "sketch#no-direct-link",
        "sketch#saddam",
        # a stub stands in the cluster of its node: what it counts lies in that document
        "stub-sketch#no-direct-link",
    }  # fmt: skip
    imported = node(crossmap, "sketch#no-direct-link")
    assert "from map `sketch`" in imported["tooltip"]
    assert "from map" not in node(crossmap, "crossmap#elites-trapped")["tooltip"]
    # The import's status comes from the evaluation of this map's scope: rebutted here.
    assert "✗ defeated" in node(crossmap, "sketch#failures-topple")["label"]


def _clusters(graph: Any) -> list[Any]:
    found = []
    for subgraph in graph.subgraphs():
        if str(subgraph.name).startswith("cluster_"):
            found.append(subgraph)
        found.extend(_clusters(subgraph))
    return found


def test_a_mutual_rebuttal_is_one_symmetric_conflict_edge(troubles: Any) -> None:
    pairs = graph_edges(troubles)
    assert ("troubles#loops-a", "troubles#loops-b") in pairs
    assert ("troubles#loops-b", "troubles#loops-a") not in pairs
    conflict = edge(troubles, "troubles#loops-a", "troubles#loops-b")
    assert (conflict["dir"], conflict["arrowhead"], conflict["arrowtail"]) == ("both", "tee", "tee")
    assert (conflict["constraint"], conflict["penwidth"]) == ("false", "4")
    assert "conflict" in conflict["label"]
    assert "`loops-a` and `loops-b` rebut each other" in conflict["tooltip"]


def test_tooltips_carry_the_quote_and_its_source_line(sketch: Any) -> None:
    tooltip = node(sketch, "sketch#revenge")["tooltip"]
    assert "“For them, it is revenge against the stronger West.”" in tooltip
    assert "source: sources/ft.txt, line 5" in tooltip


def test_the_text_is_wrapped_and_the_id_kept_off_the_face(sketch: Any) -> None:
    label = node(sketch, "sketch#revenge")["label"]
    assert label == (
        'Putin&#x27;s supporters see the<BR ALIGN="CENTER"/>invasion as revenge on the'
        '<BR ALIGN="CENTER"/>West, not as aggression.'
    )
    assert "premise `revenge`" in node(sketch, "sketch#revenge")["tooltip"]


def test_an_over_long_text_is_cut_with_an_ellipsis_and_kept_whole_in_the_tooltip() -> None:
    text = " ".join(f"word{number}" for number in range(80))
    claim = Node(node_key("m", "c"), "c", "m", Kind.CONCLUSION, HERE, text=text)
    argmap = _one_node_map(claim)
    graph = pygraphviz.AGraph(string=map_dot(argmap, Corpus.of([argmap])))
    attributes = graph.get_node(claim.key).attr
    face = re.sub(r"<BR[^>]*>", "\n", attributes["label"])
    lines = re.sub(r"<[^>]*>", "", face).split("\n")[1:]  # below MAIN CLAIM
    assert len(lines) == MAX_LINES and all(len(line) <= WRAP for line in lines)
    assert lines[-1].endswith(" …") and "word79" not in attributes["label"]
    assert text in attributes["tooltip"]


def test_wrapping_keeps_words_and_cuts_only_what_is_far_too_long() -> None:
    assert wrap_text("one two three four five six seven", 10) == [
        "one two",
        "three four",
        "five six",
        "seven",
    ]
    assert wrap_text("argument-from-cause-to-effect", 10) == ["argument-from-cause-", "to-effect"]
    assert wrap_text("argument-from-cause-to-effect", 10, at_hyphens=True) == [
        "argument-",
        "from-",
        "cause-to-",
        "effect",
    ]
    assert wrap_text("first\nsecond", 30) == ["first", "second"]


def test_a_node_links_to_its_source_position_and_only_to_the_web(troubles: Any) -> None:
    hard = node(troubles, "troubles#hard-text")
    # Written in the DOT with character references, which Graphviz decodes once.
    assert (hard["URL"], hard["target"]) == ("https://example.org/video?t=1&amp;x=&quot;y&quot;", "_blank")

    def linked(link: str) -> str | None:
        claim = Node(node_key("m", "c"), "c", "m", Kind.CONCLUSION, HERE, text="A claim.")
        argmap = _one_node_map(claim)
        annotations = Annotations(sources={claim.key: NodeSource(line=3, link=link)})
        graph = pygraphviz.AGraph(string=map_dot(argmap, Corpus.of([argmap]), annotations))
        value = graph.get_node(claim.key).attr.get("URL")
        return value or None

    assert linked("https://youtu.be/x?t=42") == "https://youtu.be/x?t=42"
    assert linked("javascript:alert(1)") is None
    assert linked("file:///etc/passwd") is None


def _one_node_map(claim: Node) -> ArgMap:
    return ArgMap(
        id="m", title="T", file="m.yaml", path=None, location=HERE, source=None, note=None, tags=(),
        nodes=(claim,), edges=(), roots=(claim.key,), references=(), expectations=(), suppressions=(),
        duplicates=(), node_index={claim.key: claim},
    )  # fmt: skip


def test_the_title_is_on_top(sketch: Any) -> None:
    assert sketch.graph_attr["labelloc"] == "t"
    assert "It is as hard for Putin to lose the war as to win it" in sketch.graph_attr["label"]


def test_the_legend_shows_what_the_diagram_uses_and_can_be_left_out() -> None:
    dot, graph = rendered("sketch.yaml")
    legend = graph.get_subgraph("cluster_body").graph_attr["label"]
    # Each mark with its meaning in plain words, for a reader who never saw the map's file.
    for sample, meaning in (
        ("MAIN CLAIM", "the map&#x27;s main claim"),
        ("a claim", "a plain box stands: no objection defeats it"),
        ("──▶", "is a reason for"),
        ("╌╌┤", "objects to"),
        ("<I>sign</I>", "a step of reasoning, named by its kind (○ when unnamed)"),
        ("✗ defeated", "an objection knocks it out, or its reasons fail"),
        ("objection stands", "an objection nothing answers"),
        ("dashed", "not said in the source: the analyst&#x27;s reading"),
    ):
        assert sample in legend and meaning in legend, sample
    assert "undecided" not in legend and "tooltip" not in legend
    # No sample of what the diagram does not draw: no stub, no conflict, no problem marked.
    assert "+3 reasons" not in legend and "conflict" not in legend and "⚠" not in legend
    _, shallow = rendered("sketch.yaml", RenderOptions(depth=0))
    assert "reasons or objections not drawn here" in shallow.get_subgraph("cluster_body").graph_attr["label"]
    _, troubles = rendered("troubles.yaml")
    assert "? undecided" in troubles.get_subgraph("cluster_body").graph_attr["label"]
    dot, graph = rendered("sketch.yaml", RenderOptions(legend=False))
    assert "Legend" not in dot


@pytest.mark.parametrize("direction", ["BT", "TB", "LR", "RL"])
def test_direction_sets_the_rank_direction(direction: str) -> None:
    _, graph = rendered("sketch.yaml", RenderOptions(direction=direction))
    assert graph.graph_attr["rankdir"] == direction


def test_an_unknown_direction_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="direction"):
        RenderOptions(direction="up")


def test_the_diagram_holds_the_maps_nodes_and_what_their_evaluation_reads(crossmap: Any) -> None:
    drawn = {str(name) for name in crossmap.nodes()}
    assert drawn == {
        "crossmap#regime-holds", "crossmap#from-ft", "crossmap#elites-trapped", "crossmap#not-a-junta",
        "sketch#no-direct-link", "sketch#failures-topple",
        # the status of `failures-topple` reads its inference, and that inference's premise and undercutter
        "sketch#from-history", "sketch#juntas", "sketch#saddam",
        # the reasons of the imported conclusion, not drawn, stand in a stub that lists them
        "stub-sketch#no-direct-link",
    }  # fmt: skip
    assert graph_edges(crossmap) == {
        ("crossmap#from-ft", "crossmap#regime-holds"),
        ("sketch#no-direct-link", "crossmap#from-ft"),
        ("crossmap#elites-trapped", "crossmap#from-ft"),
        ("crossmap#not-a-junta", "sketch#failures-topple"),
        # stated by the sketch map: they connect nodes drawn here
        ("sketch#failures-topple", "sketch#no-direct-link"),
        ("sketch#from-history", "sketch#failures-topple"),
        ("sketch#juntas", "sketch#from-history"),
        ("sketch#saddam", "sketch#from-history"),
        ("stub-sketch#no-direct-link", "sketch#no-direct-link"),
    }
    stub = node(crossmap, "stub-sketch#no-direct-link")
    assert "sketch#from-revenge" in stub["tooltip"]
    # How the hidden reasons stand, though the view does not draw them.
    assert "<B>+3 reasons</B>" in stub["label"] and "3 stand" in stub["label"]


def test_drawing_order_is_the_maps_nodes_then_the_imports_each_sorted() -> None:
    result = check_paths([MAPS], Config(), cwd=MAPS)
    (argmap,) = [argmap for argmap in result.workspace.requested if argmap.id == "crossmap"]
    assert drawn_keys(argmap, result.workspace.corpus) == [
        "crossmap#elites-trapped", "crossmap#from-ft", "crossmap#not-a-junta", "crossmap#regime-holds",
        "sketch#failures-topple", "sketch#from-history", "sketch#juntas", "sketch#no-direct-link",
        "sketch#saddam",
    ]  # fmt: skip


def test_the_order_of_the_yaml_changes_nothing(tmp_path: Path) -> None:
    """Siblings and keys in another order: the same DOT (problems aside, whose
    messages may name lines)."""
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    text = (MAPS / "sketch.yaml").read_text(encoding="utf-8")
    reordered = text.replace(
        "          - id: revenge\n"
        "            text: Putin's supporters see the invasion as revenge on the West, not as aggression.\n"
        "            quote: For them, it is revenge against the stronger West.\n",
        "",
    ).replace(
        "          - id: base-rewards-defiance\n",
        "          - id: revenge\n"
        "            quote: For them, it is revenge against the stronger West.\n"
        "            text: Putin's supporters see the invasion as revenge on the West, not as aggression.\n"
        "          - id: base-rewards-defiance\n",
    )
    assert reordered != text
    dots = []
    for name, content in (("a.yaml", text), ("b.yaml", reordered)):
        folder = tmp_path / name.removesuffix(".yaml")
        folder.mkdir()
        (folder / name).write_text(content, encoding="utf-8")
        shutil.copytree(MAPS / "sources", folder / "sources")
        result = check_paths([folder / name], Config(), cwd=tmp_path)
        (argmap,) = result.workspace.requested
        dots.append(map_dot(argmap, result.workspace.corpus, annotations_for(result.run.context(argmap), ())))
    assert dots[0] == dots[1]


def test_the_same_map_gives_the_same_bytes_whatever_the_hash_seed() -> None:
    script = (
        "from pathlib import Path; from argmap.lint.runner import check_paths; "
        "from argmap.config import Config;"
        "from argmap.diagram.dot import dot_source; import sys;"
        f"r = check_paths([Path({str(MAPS)!r})], Config(), cwd=Path({str(MAPS)!r}));"
        "sys.stdout.write(''.join(dot_source(r.run.context(m), [p for p in r.problems if p.file == m.file])"
        " for m in r.workspace.requested))"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        completed = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            check=True,
            env=environment,
            cwd=Path(__file__).parent,
        )
        outputs.add(completed.stdout)
    assert len(outputs) == 1
    assert rendered("sketch.yaml")[0] == rendered("sketch.yaml")[0]


def test_statuses_are_optional() -> None:
    claim = Node(node_key("m", "c"), "c", "m", Kind.CONCLUSION, HERE, text="A claim.")
    argmap = _one_node_map(claim)
    graph = pygraphviz.AGraph(string=map_dot(argmap, Corpus.of([argmap])))
    label = graph.get_node(claim.key).attr["label"]
    assert "in" not in label.replace("A claim.", "") and "undecided" not in label
    annotations = Annotations(statuses={claim.key: Status.UNDECIDED})
    graph = pygraphviz.AGraph(string=map_dot(argmap, Corpus.of([argmap]), annotations))
    assert "? undecided" in graph.get_node(claim.key).attr["label"]


CYCLES = """\
argmap: 1
id: cycles
title: Two conflicts
conclusions:
  - id: even-a
    text: Sanctions work.
    implicit: true
    counterexamples:
      - id: even-b
        text: Sanctions backfire.
        implicit: true
        counterexamples:
          - ref: even-a
  - id: odd-a
    text: The first says the second is wrong.
    implicit: true
    counterexamples:
      - id: odd-c
        text: The third says the first is wrong.
        implicit: true
        counterexamples:
          - id: odd-b
            text: The second says the third is wrong.
            implicit: true
            counterexamples:
              - ref: odd-a
"""


def test_undecided_nodes_that_can_stand_are_marked_where_preferred_semantics_differs(tmp_path: Path) -> None:
    """A two-way conflict: each side is in in some preferred labelling, so each
    "can stand". An odd cycle has no side to choose: its nodes stay plain undecided."""
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "cycles.yaml").write_text(CYCLES, encoding="utf-8")
    result = check_paths([tmp_path / "cycles.yaml"], Config(), cwd=tmp_path)
    (argmap,) = result.workspace.requested
    context = result.run.context(argmap)
    annotations = annotations_for(context, ())
    assert {key: str(annotations.statuses[key]) for key in sorted(annotations.statuses)} == {
        f"cycles#{name}": "undecided" for name in ("even-a", "even-b", "odd-a", "odd-b", "odd-c")
    }
    assert annotations.defensible == {"cycles#even-a", "cycles#even-b"}
    graph = pygraphviz.AGraph(string=dot_source(context))
    for name in ("even-a", "even-b"):
        shown = node(graph, f"cycles#{name}")
        assert "? undecided · can stand" in shown["label"]
        assert "can stand: it holds if its side of the conflict is chosen" in shown["tooltip"]
    for name in ("odd-a", "odd-b", "odd-c"):
        shown = node(graph, f"cycles#{name}")
        assert "? undecided" in shown["label"] and "can stand" not in shown["label"] + shown["tooltip"]
    legend = graph.get_subgraph("cluster_body").graph_attr["label"]
    assert "undecided, but it holds if its side of the conflict is chosen" in legend
    assert "caught in a conflict the map cannot settle" in legend
    # The same bytes every time.
    assert dot_source(context) == dot_source(context)
