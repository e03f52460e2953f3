"""The normalized graph of a map, as JSON-ready data.

Other tools rely on this shape:

    {"argmap": 1, "id", "title", "source": {...},
     "nodes": [{"id", "kind", "text", "quote", "implicit", "file", "line", ...}],
     "edges": [{"from", "to", "relation"}]}

A node referenced by `ref` appears once, with an edge for each use. Nodes of
other maps that this map refers to appear with their qualified id
(`other-map#node`) and `"imported": true`, with the chains of their own
maps that connect them (`"context": true`; edges stated by another map
carry `"map"`). Nodes and edges are sorted by id,
so the export does not depend on the order of the YAML.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from argmap.analysis.context import MapContext
from argmap.input.model import Edge, Node, map_view, split_key
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

    exported_nodes = []
    roots = frozenset(argmap.roots)  # a tuple would make each lookup scan all the roots
    for key in sorted(nodes, key=lambda key: (split_key(key)[0] != argmap.id, shown_id(key))):
        node = nodes[key]
        entry = node_as_dict(node, shown_id(key))
        if node.map_id != argmap.id:
            entry["imported"] = True
        if key in view.context:
            entry["context"] = True  # shown only to connect imported nodes
        entry["root"] = key in roots
        entry.update(extras.get(key, {}))
        entry["problems"] = by_node.get(key, [])
        exported_nodes.append(entry)
    edges = [
        {
            "from": shown_id(edge.source),
            "to": shown_id(edge.target),
            "relation": str(edge.relation),
            **_edge_extras(edge, argmap.id),
        }
        for edge in sorted(
            view.edges, key=lambda edge: (shown_id(edge.source), shown_id(edge.target), edge.relation)
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
            )
            if value is not None
        }
    return {
        "argmap": 1,
        "id": argmap.id,
        "title": argmap.title,
        "file": argmap.file,
        "source": source,
        "roots": [shown_id(key) for key in argmap.roots],
        "nodes": exported_nodes,
        "edges": edges,
    }


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
    if node.tags:
        entry["tags"] = list(node.tags)
    return entry


def _edge_extras(edge: Edge, map_id: str) -> dict[str, Any]:
    extras: dict[str, Any] = {}
    if edge.map_id != map_id:
        extras["map"] = edge.map_id  # stated by another map
    if edge.role:
        extras["role"] = edge.role
    if edge.question:
        extras["question"] = edge.question
    return extras


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
