"""argmap's own JSON export (`argmap export -f json`), read back into a map.

The export states every node and edge with the fields the map gave it, and
for each edge whether a `ref` item stated it and where (`line`, `column`):
that is enough to give the map back, each node defined where it was, with
its premises and counterexamples in their order. Nodes of other maps come
back as references (`other-map#node`); what the other maps state about them
(`"map"` on an edge, `"context"` on a node) is theirs and is left out.
"""

from __future__ import annotations

import re
from typing import Any

from argmap.files import Limits
from argmap.interchange import ImportedMap, InterchangeInputError, Written, parse_json

NAME = "json"
DESCRIPTION = "argmap's own JSON export (lossless)"
EXTENSION = ".json"

_EVALUATION_KEYS = ("weight", "standard", "about", "assumed", "weighing", "contradicts", "outweighs")
_CLAIM_KEYS = ("text", "quote", "implicit", "note", "at", "url", "tags", "ignore", *_EVALUATION_KEYS)
_INFERENCE_KEYS = ("warrant", "scheme", "note", "tags", "ignore", *_EVALUATION_KEYS)
# What an edge says about the item it places: under its scheme, for the evaluation.
_EDGE_KEYS = ("role", "question", "weaker", "conceded", "weight")


def write(document: dict[str, Any]) -> Written:
    from argmap.output.export import to_json

    return Written(to_json(document).encode("utf-8"))


def read(data: bytes, name: str, limits: Limits) -> list[ImportedMap]:
    document = parse_json(data, name, limits)
    if (
        not isinstance(document, dict)
        or document.get("argmap") != 1
        or not isinstance(document.get("nodes"), list)
    ):
        raise InterchangeInputError(
            f"{name}: not an argmap export: an object with `argmap: 1` and `nodes` is expected",
            hint="write it with `argmap export MAP -f json`",
        )
    map_id = document.get("id")
    if not isinstance(map_id, str) or not re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", map_id):
        # It names the file written: never a path.
        raise InterchangeInputError(
            f"{name}: the map's `id` must be a slug of lowercase letters, digits, - and _"
        )
    try:
        return [_Rebuilder(document).imported()]
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise InterchangeInputError(
            f"{name}: not an argmap export as argmap writes it ({type(error).__name__}: {error})"
        ) from None


class _Rebuilder:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.nodes: dict[str, dict[str, Any]] = {str(node["id"]): node for node in document["nodes"]}
        # The two attacks of a `contradicts` come back from the node that declares it.
        own_edges = [
            edge for edge in document.get("edges", []) if "map" not in edge and not edge.get("conflict")
        ]
        own_edges.sort(key=lambda edge: (int(edge.get("line", 0)), int(edge.get("column", 0))))
        self.into: dict[str, list[dict[str, Any]]] = {}
        self.defined_by_edge: set[str] = set()
        for edge in own_edges:
            if edge["from"] not in self.nodes or edge["to"] not in self.nodes:
                raise ValueError(f"edge {edge['from']} -> {edge['to']} names a node that is not in `nodes`")
            self.into.setdefault(edge["to"], []).append(edge)
            if not edge.get("ref") and not self.nodes[edge["from"]].get("imported"):
                self.defined_by_edge.add(edge["from"])
        self.children_placed: set[str] = set()

    def imported(self) -> ImportedMap:
        document = self.document
        data: dict[str, Any] = {"argmap": 1, "id": document["id"], "title": document["title"]}
        source = document.get("source")
        if source:
            data["source"] = dict(source)
        for key in ("note", "tags", "ignore"):
            if document.get(key):
                data[key] = document[key]
        conclusions = []
        for root in document.get("roots", []):
            root = str(root)
            if root in self.defined_by_edge or self.nodes[root].get("imported"):
                conclusions.append(self._reference(root))
            else:
                conclusions.append(self._definition(root))
        data["conclusions"] = conclusions
        if document.get("thesis"):
            data["thesis"] = document["thesis"]
        if document.get("issues"):
            data["issues"] = [
                {"id": issue["id"], "positions": list(issue["positions"])}
                # preponderance is the default standard: written only when another one is meant
                | ({} if issue["standard"] == "preponderance" else {"standard": issue["standard"]})
                for issue in document["issues"]
            ]
        if document.get("expect"):
            data["expect"] = {
                key: value if key == "semantics" else list(value)
                for key, value in document["expect"].items()
                if value
            }
        return ImportedMap(f"{document['id']}.yaml", data)

    def _definition(self, node_id: str) -> dict[str, Any]:
        node = self.nodes[node_id]
        item: dict[str, Any] = {"id": node_id}
        for key in _INFERENCE_KEYS if node["kind"] == "inference" else _CLAIM_KEYS:
            value = node.get(key)
            # A weight of 0 and `assumed: false` are kept; `implicit: false` is the default.
            if value is None or value in ([], {}) or (key == "implicit" and value is False):
                continue
            if key == "quote":
                value = _quotes(value, node.get("quote_places"))
            item[key] = value
        item.update(self._children(node_id))
        if node["kind"] == "inference":
            item.setdefault("premises", [])  # an inference that applies on its own (Carneades)
        return item

    def _reference(self, node_id: str) -> dict[str, Any]:
        item: dict[str, Any] = {"ref": node_id}
        node = self.nodes[node_id]
        if node.get("imported"):
            # This map's support and attacks on another map's node, and its conflicts and
            # preferences about it, ride on its first reference.
            if node_id not in self.children_placed:
                for key in ("contradicts", "outweighs"):
                    if node.get(key):
                        item[key] = node[key]
            item.update(self._children(node_id))
        return item

    def _children(self, node_id: str) -> dict[str, Any]:
        if node_id in self.children_placed:
            return {}
        self.children_placed.add(node_id)
        lists: dict[str, list[dict[str, Any]]] = {}
        for edge in self.into.get(node_id, []):
            child = str(edge["from"])
            placed = (
                self._reference(child)
                if edge.get("ref") or self.nodes[child].get("imported")
                else self._definition(child)
            )
            relation = edge["relation"]
            for key in _EDGE_KEYS:
                if edge.get(key) is not None and edge.get(key) is not False:
                    placed[key] = edge[key]
            if relation == "supports":
                lists.setdefault("because", []).append(placed)
            elif relation == "premise":
                lists.setdefault("premises", []).append(placed)
            elif relation == "attacks":
                lists.setdefault("counterexamples", []).append(placed)
            else:
                raise ValueError(f"unknown relation {relation}")
        return lists


def _quotes(texts: list[str], places: list[dict[str, Any]] | None) -> Any:
    """The `quote` value: one text or a list, an item `{text, occurrence|after}` where it says which."""
    if places is None:
        places = [{} for _ in texts]
    if len(places) != len(texts):
        raise ValueError("`quote_places` must have one entry per quote")
    quotes = [{"text": text, **place} if place else text for text, place in zip(texts, places, strict=True)]
    return quotes[0] if len(quotes) == 1 else quotes
