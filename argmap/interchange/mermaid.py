"""Mermaid flowcharts (out only), as GitHub renders them in Markdown.

Every user string reaches the chart through `_label`, which writes each
character that is not plainly safe as a Mermaid entity code (`#34;`), so a
label can neither close its node, start a new statement, nor be read as
Markdown or HTML. Node ids are generated (`n1`, `n2`...), never taken from
the map, so no id can be a Mermaid keyword.
"""

from __future__ import annotations

from typing import Any

from argmap.interchange import Written

NAME = "mermaid"
DESCRIPTION = "Mermaid flowchart (out only): GitHub renders it in Markdown"
EXTENSION = ".mmd"

_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?'-")
# (open, close) of each kind's shape: rounded, box, stadium, hexagon.
_SHAPES = {
    "conclusion": ("(", ")"),
    "premise": ("[", "]"),
    "inference": ("([", "])"),
    "counterexample": ("{{", "}}"),
}
# Fill and border of each status, as in argmap's diagrams.
_STATUS_STYLES = {
    "in": "fill:#E3F4EE,stroke:#009E73,color:#1A1A1A",
    "out": "fill:#EBEBEB,stroke:#D55E00,color:#5F5F5F",
    "undecided": "fill:#FFF3D1,stroke:#E69F00,color:#1A1A1A",
}
_STATUS_MARKS = {"in": "✓ in", "out": "✗ out", "undecided": "? undecided"}


def write(document: dict[str, Any]) -> Written:
    ids = {node["id"]: f"n{number}" for number, node in enumerate(document["nodes"], 1)}
    lines = ["flowchart BT", f"  %% {_comment(document['title'])}"]
    for node in document["nodes"]:
        opening, closing = _SHAPES[node["kind"]]
        words = node.get("text") or node.get("warrant") or node.get("scheme") or node["id"]
        mark = f" ({_STATUS_MARKS[node['status']]})" if node.get("status") else ""
        label = _label(f"{node['id']}: {words}{mark}")
        lines.append(f'  {ids[node["id"]]}{opening}"{label}"{closing}')
    for edge in document["edges"]:
        arrow = " -. attacks .-> " if edge["relation"] == "attacks" else " --> "
        lines.append(f"  {ids[edge['from']]}{arrow}{ids[edge['to']]}")
    for status, style in _STATUS_STYLES.items():
        members = [ids[node["id"]] for node in document["nodes"] if node.get("status") == status]
        if members:
            lines.append(f"  classDef {status} {style}")
            lines.append(f"  class {','.join(members)} {status}")
    losses = ["Mermaid keeps each node's id, words and status: quotes, notes and sources are not written"]
    return Written(("\n".join(lines) + "\n").encode("utf-8"), tuple(losses))


def _label(text: str) -> str:
    flat = " ".join(text.split())
    return "".join(char if char in _SAFE else f"#{ord(char)};" for char in flat)


def _comment(text: str) -> str:
    return "".join(char if char in _SAFE else "_" for char in " ".join(text.split()))
