"""GraphML for yEd (out only): labelled nodes in the status colours.

Built with `xml.etree.ElementTree`, which escapes every user string; the
yEd extension (`y:ShapeNode`) carries shape, fill and label, and plain
`data` keys carry the fields for other GraphML readers (networkx, Gephi).
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from typing import Any

from argmap.interchange import Written

NAME = "graphml"
DESCRIPTION = "GraphML for yEd (out only): labels and status colours"
EXTENSION = ".graphml"

_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
_YWORKS = "http://www.yworks.com/xml/graphml"
_SHAPES = {
    "conclusion": "roundrectangle",
    "premise": "rectangle",
    "inference": "ellipse",
    "counterexample": "hexagon",
}
# (fill, border) of each status, as in argmap's diagrams.
_COLOURS = {"in": ("#E3F4EE", "#009E73"), "out": ("#EBEBEB", "#D55E00"), "undecided": ("#FFF3D1", "#E69F00")}
_NO_STATUS = ("#FFFFFF", "#404040")
_NODE_KEYS = ("kind", "text", "status", "warrant", "scheme", "note")


def write(document: dict[str, Any]) -> Written:
    ElementTree.register_namespace("", _GRAPHML)
    ElementTree.register_namespace("y", _YWORKS)
    root = ElementTree.Element(f"{{{_GRAPHML}}}graphml")
    for key in _NODE_KEYS:
        ElementTree.SubElement(
            root, f"{{{_GRAPHML}}}key", {"id": key, "for": "node", "attr.name": key, "attr.type": "string"}
        )
    ElementTree.SubElement(
        root,
        f"{{{_GRAPHML}}}key",
        {"id": "relation", "for": "edge", "attr.name": "relation", "attr.type": "string"},
    )
    ElementTree.SubElement(
        root, f"{{{_GRAPHML}}}key", {"id": "yfiles_node", "for": "node", "yfiles.type": "nodegraphics"}
    )
    ElementTree.SubElement(
        root, f"{{{_GRAPHML}}}key", {"id": "yfiles_edge", "for": "edge", "yfiles.type": "edgegraphics"}
    )
    graph = ElementTree.SubElement(
        root, f"{{{_GRAPHML}}}graph", {"id": document["id"], "edgedefault": "directed"}
    )
    for node in document["nodes"]:
        element = ElementTree.SubElement(graph, f"{{{_GRAPHML}}}node", {"id": node["id"]})
        for key in _NODE_KEYS:
            if node.get(key):
                ElementTree.SubElement(element, f"{{{_GRAPHML}}}data", {"key": key}).text = str(node[key])
        fill, border = _COLOURS.get(node.get("status") or "", _NO_STATUS)
        graphics = ElementTree.SubElement(element, f"{{{_GRAPHML}}}data", {"key": "yfiles_node"})
        shape = ElementTree.SubElement(graphics, f"{{{_YWORKS}}}ShapeNode")
        ElementTree.SubElement(shape, f"{{{_YWORKS}}}Geometry", {"width": "220", "height": "80"})
        ElementTree.SubElement(shape, f"{{{_YWORKS}}}Fill", {"color": fill, "transparent": "false"})
        dashed = "dashed" if node.get("implicit") else "line"
        ElementTree.SubElement(
            shape, f"{{{_YWORKS}}}BorderStyle", {"color": border, "type": dashed, "width": "2.0"}
        )
        words = node.get("text") or node.get("warrant") or node.get("scheme") or node["id"]
        status = f"\n[{node['status']}]" if node.get("status") else ""
        label = ElementTree.SubElement(
            shape, f"{{{_YWORKS}}}NodeLabel", {"autoSizePolicy": "content", "modelName": "internal"}
        )
        label.text = f"{words}{status}"
        ElementTree.SubElement(shape, f"{{{_YWORKS}}}Shape", {"type": _SHAPES[node["kind"]]})
    for number, edge in enumerate(document["edges"], 1):
        element = ElementTree.SubElement(
            graph, f"{{{_GRAPHML}}}edge", {"id": f"e{number}", "source": edge["from"], "target": edge["to"]}
        )
        ElementTree.SubElement(element, f"{{{_GRAPHML}}}data", {"key": "relation"}).text = edge["relation"]
        graphics = ElementTree.SubElement(element, f"{{{_GRAPHML}}}data", {"key": "yfiles_edge"})
        line = ElementTree.SubElement(graphics, f"{{{_YWORKS}}}PolyLineEdge")
        attack = edge["relation"] == "attacks"
        ElementTree.SubElement(
            line,
            f"{{{_YWORKS}}}LineStyle",
            {
                "color": "#D55E00" if attack else "#1A1A1A",
                "type": "dashed" if attack else "line",
                "width": "1.5",
            },
        )
        ElementTree.SubElement(line, f"{{{_YWORKS}}}Arrows", {"source": "none", "target": "standard"})
    ElementTree.indent(root)
    text = ElementTree.tostring(root, encoding="unicode", xml_declaration=False)
    content = '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"
    losses = [
        "GraphML keeps each node's words, kind, status, warrant, scheme and note: "
        "quotes and sources are not written"
    ]
    return Written(content.encode("utf-8"), tuple(losses))
