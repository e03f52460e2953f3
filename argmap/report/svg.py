"""The diagram, made fit to stand inside the report.

The SVG that `argmap.diagram` draws escapes every user string already; the
report still rebuilds it from scratch (defence in depth): the drawing is
parsed, and only plain drawing is written back, by this module's own
serializer through the one escaping function. Kept: the shapes, their
paint and the text. Dropped: anything that could run or reach out
(scripts, `foreignObject`, images, `use`, links, event attributes, styles,
processing instructions, comments, the DOCTYPE), and the tooltips, which
the report's node panel replaces.

Each node of the map (a `<g class="node">` whose `<title>` is the DOT name
of a node key) becomes focusable, with the node's DOM id as `data-node`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.etree import ElementTree

from argmap.problems import ArgmapError
from argmap.report.escape import escape_html

_SVG = "{http://www.w3.org/2000/svg}"
_ELEMENTS = frozenset(
    ["svg", "g", "path", "polygon", "polyline", "ellipse", "circle", "rect", "line", "text"]
)
_ATTRIBUTES = frozenset(
    [
        "viewBox",
        "fill",
        "fill-opacity",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "stroke-opacity",
        "points",
        "d",
        "x",
        "y",
        "cx",
        "cy",
        "rx",
        "ry",
        "x1",
        "x2",
        "y1",
        "y2",
        "width",
        "height",
        "transform",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "text-anchor",
        "text-decoration",
    ]
)
# Paint is a colour or `none`, never a url(...) that could fetch something.
_PAINT = re.compile(r"^(?:#[0-9a-fA-F]{3,8}|[a-zA-Z]+|none|transparent)$")
_PAINT_ATTRIBUTES = frozenset(["fill", "stroke"])
_NUMBERS = re.compile(r"^[0-9eE.,+\- ]*$")
_PATH = re.compile(r"^[0-9eE.,+\-MCLZHVQTSAmclzhvqtsa ]*$")
_TRANSFORM = re.compile(r"^[a-z]+\([0-9eE.,+\- ]*\)(?: [a-z]+\([0-9eE.,+\- ]*\))*$")
_GEOMETRY = frozenset(["points", "x", "y", "cx", "cy", "rx", "ry", "x1", "x2", "y1", "y2", "viewBox"])


class DiagramError(ArgmapError):
    """The drawing could not be read back (which would be a bug of the drawing)."""


def interactive_svg(svg: bytes, node_ids: Mapping[str, str], labels: Mapping[str, str]) -> str:
    """The drawing as inline SVG markup; `node_ids` maps DOT names to DOM ids,
    `labels` DOM ids to the words a screen reader says for the node."""
    text = svg.decode("utf-8")
    if "<!ENTITY" in text:
        raise DiagramError("the diagram declares entities: it is not argmap's drawing")
    start = text.find("<svg")
    if start < 0:
        raise DiagramError("the diagram holds no <svg> element")
    try:
        root = ElementTree.fromstring(text[start:])
    except ElementTree.ParseError as error:
        raise DiagramError(f"the diagram is not well-formed XML ({error})") from None
    parts: list[str] = []
    _write(root, parts, node_ids, labels, top=True)
    return "".join(parts)


def _local(tag: object) -> str | None:
    if not isinstance(tag, str) or not tag.startswith(_SVG):
        return None  # comments, processing instructions, other namespaces
    return tag[len(_SVG) :]


def _write(
    element: ElementTree.Element,
    parts: list[str],
    node_ids: Mapping[str, str],
    labels: Mapping[str, str],
    *,
    top: bool = False,
) -> None:
    name = _local(element.tag)
    if name == "a":
        name = "g"  # a link of the drawing: kept as a group, without its target
    if name not in _ELEMENTS:
        return
    attributes = {key: value for key, value in element.attrib.items() if _allowed(key, value)}
    extra: list[tuple[str, str]] = []
    if top:
        attributes.pop("width", None)
        attributes.pop("height", None)
        extra = [("xmlns", "http://www.w3.org/2000/svg"), ("role", "img"), ("class", "diagram")]
        extra.append(("aria-label", "the argument map as a diagram; each node can be selected"))
    if name == "g" and element.get("class") in ("node", "edge", "graph", "cluster"):
        extra.append(("class", str(element.get("class"))))
        if element.get("class") == "node":
            title = element.find(_SVG + "title")
            dom_id = node_ids.get(title.text or "") if title is not None else None
            if dom_id is not None:
                extra = [
                    ("class", "node map-node"),
                    ("data-node", dom_id),
                    ("tabindex", "0"),
                    ("role", "button"),
                    ("aria-label", labels.get(dom_id, dom_id)),
                ]
    parts.append("<" + name)
    for key in sorted(attributes):
        parts.append(f' {key}="{escape_html(attributes[key])}"')
    for key, value in extra:
        parts.append(f' {key}="{escape_html(value)}"')
    parts.append(">")
    if name == "text" and element.text:
        parts.append(escape_html(element.text))
    for child in element:
        _write(child, parts, node_ids, labels)
    parts.append(f"</{name}>")  # text between elements (a tail) is no part of a drawing


def _allowed(key: str, value: str) -> bool:
    if key not in _ATTRIBUTES:
        return False
    if key in _PAINT_ATTRIBUTES:
        return bool(_PAINT.match(value))
    if key == "d":
        return bool(_PATH.match(value))
    if key in _GEOMETRY:
        return bool(_NUMBERS.match(value))
    if key == "transform":
        return bool(_TRANSFORM.match(value))
    return "(" not in value and ":" not in value
