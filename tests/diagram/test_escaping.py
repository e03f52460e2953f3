"""No text can inject DOT or markup: random texts in every field of a map
render to a DOT that holds exactly the map's nodes and edges, with each text
intact, and to an SVG that is well-formed XML with each text intact."""

from __future__ import annotations

import html
import re
import unicodedata
from xml.etree import ElementTree

import pygraphviz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.evaluate import Status
from argmap.diagram.dot import Annotations, NodeSource, RenderOptions, map_dot, scheme_short_name, wrap_text
from argmap.diagram.draw import draw
from argmap.input.model import ArgMap, Corpus, Edge, Kind, Node, Quote, Relation, SourceInfo, node_key
from argmap.problems import Location, Problem, Severity

MAP_ID = "fuzz"
HERE = Location("fuzz.yaml", 1, 1)


def _renders_as_itself(character: str) -> bool:
    """Characters the renderer keeps as they are (it replaces the others by U+FFFD)."""
    category = unicodedata.category(character)
    code = ord(character)
    return category not in ("Cc", "Cs") and not (0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE)


_TRICKY = [
    *"\\\"<>&{}|[];#:=-'`/*\n\t\r ",
    "\\N",
    "\\G",
    "\\l",
    "\\n",
    "]]>",
    "-->",
    "<!--",
    "&amp;",
    "&#92;",
]
texts = st.lists(
    st.one_of(
        st.sampled_from(_TRICKY),
        st.characters(codec="utf-8").filter(_renders_as_itself),
        st.sampled_from(["قال المحلل", "שלום", "🎯", "👩‍👩‍👧", "\u202e", "\u200f", "ß", "Ω"]),
    ),
    min_size=1,
    max_size=30,
).map("".join)
ids = st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True)


def _squeeze(text: str) -> str:
    """The text without its whitespace: wrapping moves line breaks, nothing else."""
    text = text.replace("\r", "").replace("\t", "")
    return "".join(text.split())


def _unescape_dot(value: str) -> str:
    """Undo Graphviz's escString layer (`\\\\` → `\\`, `\\n` → line feed)."""
    return re.sub(
        r"\\(.)", lambda found: "\n" if found.group(1) == "n" else found.group(1), value, flags=re.DOTALL
    )


def _plain_text(value: str) -> str:
    """The text of a tooltip: its escapes undone twice (Graphviz reads them
    twice: `\\\\` to `\\`, then `\\N` to the node's name) and its character
    references once."""
    return html.unescape(_unescape_dot(_unescape_dot(value)))


def _label_text(label: str) -> str:
    """The text of an HTML-like label (as pygraphviz gives it: without the
    outer `<...>`), its tags and both escaping layers undone."""
    return _unescape_dot(html.unescape(re.sub(r"<[^>]*>", "", label)))


@st.composite
def maps(draw_from: st.DrawFn) -> tuple[ArgMap, Annotations, dict[str, list[str]]]:
    """A map of every kind of node and edge, with random text everywhere."""
    node_ids = draw_from(st.lists(ids, min_size=5, max_size=5, unique=True))
    conclusion, inference, premise, rebuttal, undercutter = (
        node_key(MAP_ID, node_id) for node_id in node_ids
    )
    words = {key: draw_from(texts) for key in (conclusion, premise, rebuttal, undercutter)}
    warrant, scheme, quote, note, question, role = (draw_from(texts) for _ in range(6))
    nodes = (
        Node(conclusion, node_ids[0], MAP_ID, Kind.CONCLUSION, HERE, text=words[conclusion], note=note),
        Node(inference, node_ids[1], MAP_ID, Kind.INFERENCE, HERE, warrant=warrant, scheme=scheme),
        Node(
            premise,
            node_ids[2],
            MAP_ID,
            Kind.PREMISE,
            HERE,
            text=words[premise],
            quotes=(Quote(quote, HERE),),
        ),
        Node(rebuttal, node_ids[3], MAP_ID, Kind.COUNTEREXAMPLE, HERE, text=words[rebuttal], implicit=True),
        Node(undercutter, node_ids[4], MAP_ID, Kind.COUNTEREXAMPLE, HERE, text=words[undercutter]),
    )
    edges = (
        Edge(premise, inference, Relation.PREMISE, MAP_ID, HERE, role=role),
        Edge(inference, conclusion, Relation.SUPPORTS, MAP_ID, HERE),
        Edge(rebuttal, conclusion, Relation.ATTACKS, MAP_ID, HERE),
        Edge(undercutter, inference, Relation.ATTACKS, MAP_ID, HERE, question=question),
    )
    title = draw_from(texts)
    argmap = ArgMap(
        id=MAP_ID,
        title=title,
        file="fuzz.yaml",
        path=None,
        location=HERE,
        source=SourceInfo(file=draw_from(texts), title=draw_from(texts)),
        note=None,
        tags=(),
        nodes=nodes,
        edges=edges,
        roots=(conclusion,),
        references=(),
        expectations=(),
        suppressions=(),
        duplicates=(),
        node_index={node.key: node for node in nodes},
    )
    message, reason, locator = draw_from(texts), draw_from(texts), draw_from(texts)
    annotations = Annotations(
        statuses={key: draw_from(st.sampled_from(list(Status))) for key in (conclusion, inference, premise)},
        reasons={conclusion: reason},
        sources={premise: NodeSource(line=7, locator=locator, link=draw_from(texts), file="source.txt")},
        problems={
            premise: (Problem("A401", Severity.WARNING, "fuzz.yaml", 1, 1, message, hint=None, node=premise),)
        },
    )
    # What each node's label and tooltip must show, word for word.
    expected_in_label = {
        conclusion: [words[conclusion]],
        # a connector shows its scheme's short name (checked apart), its warrant in the tooltip
        inference: [],
        premise: [words[premise]],
        rebuttal: [words[rebuttal]],
        undercutter: [words[undercutter]],
    }
    expected_in_tooltip = {
        conclusion: [words[conclusion], reason, note],
        inference: [warrant, scheme],
        premise: [words[premise], quote, message, locator],
        rebuttal: [words[rebuttal]],
        undercutter: [words[undercutter]],
    }
    return (
        argmap,
        annotations,
        {"label:" + k: v for k, v in expected_in_label.items()}
        | {"tooltip:" + k: v for k, v in expected_in_tooltip.items()},
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=maps(), legend=st.booleans())
def test_any_text_leaves_the_dot_holding_exactly_the_map(
    case: tuple[ArgMap, Annotations, dict[str, list[str]]], legend: bool
) -> None:
    argmap, annotations, expected = case
    dot = map_dot(argmap, Corpus.of([argmap]), annotations, RenderOptions(legend=legend))
    graph = pygraphviz.AGraph(string=dot)

    drawn_nodes = {str(name) for name in graph.nodes() if not str(name).startswith("legend-")}
    assert drawn_nodes == {node.key for node in argmap.nodes}
    drawn_edges = {
        (str(tail), str(head)) for tail, head in graph.edges() if not str(tail).startswith("legend-")
    }
    assert drawn_edges == {(edge.source, edge.target) for edge in argmap.edges}
    assert graph.name == MAP_ID
    assert _squeeze(argmap.title) in _squeeze(_label_text(graph.graph_attr["label"]))

    for node in argmap.nodes:
        attributes = graph.get_node(node.key).attr
        label = _squeeze(_label_text(attributes["label"]))
        tooltip = _squeeze(_plain_text(attributes["tooltip"]))
        for text in expected["label:" + node.key]:
            assert _squeeze(text) in label
        for text in expected["tooltip:" + node.key]:
            assert _squeeze(text) in tooltip
        # A link that is not a web address never reaches the diagram.
        url = attributes.get("URL")
        assert url in (None, "") or re.match(r"^https?://", url)

    inference = next(node for node in argmap.nodes if node.kind is Kind.INFERENCE)
    connector = _squeeze(_label_text(graph.get_node(inference.key).attr["label"]))
    short_name = scheme_short_name(inference.scheme or "")
    # The whole short name, or its start cut with an ellipsis (the whole scheme is in the tooltip).
    assert _squeeze(short_name) in connector or (
        connector.endswith("…") and _squeeze(wrap_text(short_name, 16)[0]) in connector
    )

    undercut = next(edge for edge in argmap.edges if edge.question)
    edge_attributes = graph.get_edge(undercut.source, undercut.target).attr
    # The label shows the question's id as words, cut with an ellipsis when long; the tooltip the id.
    asked = _squeeze((undercut.question or "").replace("-", " "))
    shown_question = _squeeze(_label_text(edge_attributes["label"])).removesuffix("?")
    assert shown_question == asked or (
        shown_question.endswith("…") and asked.startswith(shown_question[:-1])
    ), (shown_question, asked)
    assert _squeeze(undercut.question or "") in _squeeze(_plain_text(edge_attributes["tooltip"]))
    with_role = next(edge for edge in argmap.edges if edge.role)
    edge_tooltip = graph.get_edge(with_role.source, with_role.target).attr["tooltip"]
    assert _squeeze(with_role.role or "") in _squeeze(_plain_text(edge_tooltip))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=maps())
def test_any_text_leaves_the_svg_well_formed_and_intact(
    case: tuple[ArgMap, Annotations, dict[str, list[str]]],
) -> None:
    argmap, annotations, _ = case
    dot = map_dot(argmap, Corpus.of([argmap]), annotations, RenderOptions(legend=False))
    svg = draw(dot, "svg").data
    root = ElementTree.fromstring(svg)  # raises on anything that is not well-formed XML
    namespace = {"svg": "http://www.w3.org/2000/svg"}
    shown = {}
    for group in root.iterfind(".//svg:g[@class='node']", namespace):
        title = group.find("svg:title", namespace)
        assert title is not None and title.text is not None
        shown[title.text] = _squeeze(
            "".join(text.text or "" for text in group.iterfind(".//svg:text", namespace))
        )
    assert set(shown) == {node.key for node in argmap.nodes}
    for node in argmap.nodes:
        if node.text is not None:
            assert _squeeze(node.text) in shown[node.key]


def test_control_characters_become_replacement_characters() -> None:
    text = "bell\x07 null\x00 escape\x1b del\x7f surrogate\ud800 nonchar\uffff end"
    node = Node(node_key(MAP_ID, "c"), "c", MAP_ID, Kind.CONCLUSION, HERE, text=text)
    argmap = ArgMap(
        id=MAP_ID, title="t", file="fuzz.yaml", path=None, location=HERE, source=None, note=None, tags=(),
        nodes=(node,), edges=(), roots=(node.key,), references=(), expectations=(), suppressions=(),
        duplicates=(), node_index={node.key: node},
    )  # fmt: skip
    dot = map_dot(argmap, Corpus.of([argmap]), options=RenderOptions(legend=False))
    graph = pygraphviz.AGraph(string=dot)  # kept: its nodes' attributes die with it
    label = _label_text(graph.get_node(node.key).attr["label"])
    # The face shows the thesis mark and the text; the id is off the face, in the tooltip.
    assert _squeeze(label) == _squeeze(
        "MAIN CLAIM bell\ufffd null\ufffd escape\ufffd del\ufffd surrogate\ufffd nonchar\ufffd end"
    )
    ElementTree.fromstring(draw(dot, "svg").data)
