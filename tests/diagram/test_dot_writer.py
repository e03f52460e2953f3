"""`DotGraph` writes the bytes `graphviz.Digraph` writes, for any names, labels and attributes."""

from __future__ import annotations

import warnings
from typing import Any

import graphviz
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.diagram.dot_writer import DotGraph, quote, quote_edge

# Text that exercises every branch of the quoting: IDs, numerals, keywords,
# HTML-like strings, quotes with and without backslashes, ports.
_PIECES = st.sampled_from(
    ["a", "Z_9", "-4.2", ".5", "node", "Graph", "<", ">", "<b>x</b>", '"', "\\", ":", " ", "é", ""]
)
TEXT = st.one_of(st.text(max_size=12), st.lists(_PIECES, max_size=6).map("".join))
VALUE = st.one_of(st.none(), TEXT, TEXT.map(graphviz.nohtml))
ATTRIBUTES = st.dictionaries(
    st.sampled_from(["label", "tooltip", "color", "URL", "shape", "x y"]), VALUE, max_size=4
)
STATEMENT = st.one_of(
    st.tuples(st.just("node"), TEXT, st.one_of(st.none(), TEXT), ATTRIBUTES),
    st.tuples(st.just("edge"), st.tuples(TEXT, TEXT), st.one_of(st.none(), TEXT), ATTRIBUTES),
    st.tuples(st.just("attr"), st.sampled_from([None, "graph", "node", "edge"]), st.none(), ATTRIBUTES),
)
BLOCK = st.lists(STATEMENT, max_size=5)
GRAPH = st.tuples(
    st.one_of(st.none(), TEXT),  # name
    st.one_of(st.none(), TEXT),  # comment
    st.tuples(ATTRIBUTES, ATTRIBUTES, ATTRIBUTES),
    BLOCK,
    st.lists(st.tuples(st.one_of(st.none(), TEXT), BLOCK, BLOCK), max_size=3),  # subgraphs, one nested
)


def _apply(graph: Any, statements: list[tuple[str, Any, Any, dict[str, Any]]]) -> None:
    for kind, target, label, attributes in statements:
        if kind == "node":
            graph.node(target, label, **{k: v for k, v in attributes.items() if k != "label"})
        elif kind == "edge":
            graph.edge(*target, label, **{k: v for k, v in attributes.items() if k != "label"})
        else:
            graph.attr(target, **attributes)


def _build(factory: Any, spec: Any) -> str:
    name, comment, (graph_attr, node_attr, edge_attr), body, subgraphs = spec
    clean = [
        {k: v for k, v in attributes.items() if v is not None}
        for attributes in (graph_attr, node_attr, edge_attr)
    ]
    graph = factory(name=name, comment=comment, graph_attr=clean[0], node_attr=clean[1], edge_attr=clean[2])
    _apply(graph, body)
    for sub_name, outer, inner in subgraphs:
        with graph.subgraph(name=sub_name) as subgraph:
            _apply(subgraph, outer)
            with subgraph.subgraph(name=None) as nested:
                _apply(nested, inner)
    source: str = graph.source
    return source


@settings(max_examples=150, deadline=None)
@given(GRAPH)
def test_the_same_dot_as_graphviz_digraph(spec: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # graphviz warns of a final odd backslash; the bytes still count
        assert _build(DotGraph, spec) == _build(graphviz.Digraph, spec)


@given(TEXT, st.booleans())
def test_quoting_is_the_packages(text: str, marked: bool) -> None:
    value = graphviz.nohtml(text) if marked else text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert quote(value) == graphviz.quoting.quote(value)
        assert quote_edge(value) == graphviz.quoting.quote_edge(value)
