"""SADFace JSON (out only): atoms and the schemes between them.

SADFace (Simon Wells's Argument Description Format) is a graph of `atom`
nodes (claims) and `scheme` nodes named `support` or `attack`, joined by
edges `source_id` -> `target_id`. Deterministic: ids are argmap's own, and
the times are left empty, since argmap's output must not depend on the day.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.interchange import Written

NAME = "sadface"
DESCRIPTION = "SADFace JSON (out only)"
EXTENSION = ".json"


def write(document: dict[str, Any]) -> Written:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def link(source: str, target: str) -> None:
        edges.append({"id": f"e{len(edges) + 1}", "source_id": source, "target_id": target})

    for node in document["nodes"]:
        if node["kind"] == "inference":
            metadata = {key: node[key] for key in ("warrant", "scheme") if node.get(key)}
            nodes.append({"id": node["id"], "type": "scheme", "name": "support", "metadata": metadata})
        else:
            metadata = {key: node[key] for key in ("note", "tags", "status") if node.get(key)}
            if node.get("quote"):
                metadata["quote"] = node["quote"]
            nodes.append(
                {"id": node["id"], "type": "atom", "text": node["text"], "sources": [], "metadata": metadata}
            )
    for edge in document["edges"]:
        if edge["relation"] == "attacks":
            scheme = f"attack-{len(edges) + 1}"
            nodes.append({"id": scheme, "type": "scheme", "name": "attack", "metadata": {}})
            link(edge["from"], scheme)
            link(scheme, edge["to"])
        else:
            link(edge["from"], edge["to"])
    core = {
        "analyst_email": "",
        "analyst_name": "",
        "created": "",
        "description": "",
        "edited": "",
        "id": document["id"],
        "notes": document.get("note") or "",
        "title": document["title"],
        "version": "0.5",
    }
    text = json.dumps(
        {"metadata": {"core": core}, "resources": [], "nodes": nodes, "edges": edges},
        indent=2,
        ensure_ascii=False,
    )
    losses = ["SADFace keeps no source document, roles or critical questions; they are not written"]
    return Written((text + "\n").encode("utf-8"), tuple(losses))
