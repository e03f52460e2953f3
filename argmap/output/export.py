"""The normalized graph of a map, as JSON-ready data.

Other tools rely on this shape:

    {"argmap": 1, "id", "title", "note", "tags", "ignore", "expect", "source": {...},
     "roots": [...],
     "nodes": [{"id", "kind", "text", "quote", "implicit", "file", "line", ...}],
     "edges": [{"from", "to", "relation", "role", "question", "ref", "line", "column"}]}

It carries everything the map says (`schemas/argmap-export.schema.json`
describes it), so `argmap import --from json` gives the map back: an edge
with `"ref": true` was stated by a `ref` item, one without by the definition
of its `from` node, and `line`/`column` of the item give the order of a
node's premises and counterexamples.

A node referenced by `ref` appears once, with an edge for each use. Nodes of
other maps that this map refers to appear with their qualified id
(`other-map#node`) and `"imported": true`, with the chains of their own
maps that connect them (`"context": true`; edges stated by another map
carry `"map"`). Nodes and edges are sorted by id,
so the export does not depend on the order of the YAML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from argmap.analysis.context import MapContext
from argmap.input.model import Edge, Node, Quote, map_view, split_key
from argmap.problems import Problem
from argmap.text import relative_id

# Analyses (evaluation, grounding) add fields to exported nodes through these
# hooks, so this module does not import them: each is `(context) -> {key: {field: value}}`.
NodeFields = Callable[[MapContext], dict[str, dict[str, Any]]]


def export_map(
    context: MapContext,
    problems: Iterable[Problem] = (),
    extra_fields: Iterable[NodeFields] = (),
) -> dict[str, Any]:
    argmap = context.argmap
    view = map_view(argmap, context.corpus)
    nodes: dict[str, Node] = {}
    for key in view.keys:
        node = context.corpus.node(key)
        if node is not None:
            nodes[key] = node
    extras: dict[str, dict[str, Any]] = {}
    for hook in extra_fields:
        for key, fields in hook(context).items():
            extras.setdefault(key, {}).update(fields)
    by_node: dict[str, list[dict[str, Any]]] = {}
    for problem in problems:
        if problem.node is not None:
            by_node.setdefault(problem.node, []).append(
                {"code": problem.code, "severity": problem.severity.label, "message": problem.message}
            )

    def shown_id(key: str) -> str:
        return relative_id(key, argmap.id)

    # `contradicts` and `outweighs` as the map declares them, on the node that declares them.
    declared: dict[str, dict[str, list[str]]] = {}
    for reference in argmap.references:
        if reference.context in ("contradicts", "outweighs") and reference.parent is not None:
            lists = declared.setdefault(reference.parent, {})
            lists.setdefault(reference.context, []).append(shown_id(reference.target))
    exported_nodes = []
    roots = frozenset(argmap.roots)  # a tuple would make each lookup scan all the roots
    for key in sorted(nodes, key=lambda key: (split_key(key)[0] != argmap.id, shown_id(key))):
        node = nodes[key]
        entry = node_as_dict(node, shown_id(key))
        if node.map_id != argmap.id:
            entry["imported"] = True
        if key in view.context:
            entry["context"] = True  # shown only to connect imported nodes
        if key in view.hidden:
            # Counted, not dropped: a reader of the export knows what lies deeper.
            entry["not_shown"] = sorted(shown_id(hidden) for hidden in view.hidden[key])
        entry["root"] = key in roots
        entry.update(declared.get(key, {}))
        entry.update(extras.get(key, {}))
        entry["problems"] = by_node.get(key, [])
        exported_nodes.append(entry)
    edges = [
        {
            "from": shown_id(edge.source),
            "to": shown_id(edge.target),
            "relation": str(edge.relation),
            **_edge_extras(edge, argmap.id),
            "ref": edge.via_ref,
            "line": edge.location.line,
            "column": edge.location.column,
        }
        for edge in sorted(
            view.edges,
            key=lambda edge: (shown_id(edge.source), shown_id(edge.target), edge.relation, edge.via_ref),
        )
        if edge.source in nodes and edge.target in nodes
    ]
    source = None
    if argmap.source is not None:
        source = {
            name: value
            for name, value in (
                ("file", argmap.source.file),
                ("title", argmap.source.title),
                ("author", argmap.source.author),
                ("date", argmap.source.date),
                ("url", argmap.source.url),
                ("language", argmap.source.language),
                ("note", argmap.source.note),
            )
            if value is not None
        }
    expect: dict[str, Any] = {}
    for expectation in argmap.expectations:
        if expectation.semantics != "grounded":
            expect["semantics"] = expectation.semantics
        expect.setdefault(expectation.status, []).append(expectation.written)
    document: dict[str, Any] = {
        "argmap": 1,
        "id": argmap.id,
        "title": argmap.title,
        "file": argmap.file,
        "source": source,
    }
    if argmap.note is not None:
        document["note"] = argmap.note
    if argmap.tags:
        document["tags"] = list(argmap.tags)
    if argmap.suppressions:
        document["ignore"] = {item.code: item.reason for item in argmap.suppressions}
    if expect:
        document["expect"] = expect
    if argmap.thesis is not None:
        document["thesis"] = shown_id(argmap.thesis)
    if argmap.issues:
        document["issues"] = [
            {
                "id": issue.id,
                "positions": [shown_id(key) for key in issue.positions],
                "standard": issue.standard,
            }
            for issue in argmap.issues
        ]
    document.update(
        {"roots": [shown_id(key) for key in argmap.roots], "nodes": exported_nodes, "edges": edges}
    )
    return document


def node_as_dict(node: Node, shown_id: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": shown_id,
        "map": node.map_id,
        "kind": str(node.kind),
        "text": node.text,
        "quote": [quote.text for quote in node.quotes],
        "implicit": node.implicit,
        "file": node.location.file,
        "line": node.location.line,
        "column": node.location.column,
    }
    for name in ("warrant", "scheme", "note", "at", "url"):
        value = getattr(node, name)
        if value is not None:
            entry[name] = value
    if any(quote.occurrence is not None or quote.after is not None for quote in node.quotes):
        entry["quote_places"] = [_quote_place(quote) for quote in node.quotes]
    for name in ("weight", "standard", "about", "assumed", "weighing"):
        value = getattr(node, name)
        if value is not None:
            entry[name] = value
    if node.tags:
        entry["tags"] = list(node.tags)
    if node.suppressions:
        entry["ignore"] = {item.code: item.reason for item in node.suppressions}
    return entry


def _quote_place(quote: Quote) -> dict[str, Any]:
    """Which occurrence of its passage a quote means, when it says (`occurrence`, `after`)."""
    if quote.occurrence is not None:
        return {"occurrence": quote.occurrence}
    if quote.after is not None:
        return {"after": quote.after}
    return {}


def _edge_extras(edge: Edge, map_id: str) -> dict[str, Any]:
    extras: dict[str, Any] = {}
    if edge.map_id != map_id:
        extras["map"] = edge.map_id  # stated by another map
    if edge.role:
        extras["role"] = edge.role
    if edge.question:
        extras["question"] = edge.question
    if edge.weaker:
        extras["weaker"] = True
    if edge.conceded:
        extras["conceded"] = True
    if edge.weight is not None:
        extras["weight"] = edge.weight
    if edge.declared_conflict:
        extras["conflict"] = True  # one of the two attacks of a `contradicts` declaration
    return extras


def to_json(document: dict[str, Any]) -> str:
    from argmap.output.json_text import indented_json

    return indented_json(document) + "\n"
