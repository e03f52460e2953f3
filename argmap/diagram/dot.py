"""Draw a map as Graphviz DOT: what is claimed, why, what objects, what survives.

The visual language follows AIF: claims are boxes, and each inference is a
small node between its premises and the claim it supports (AIF's rule
application node), carrying its warrant or scheme. Support runs in blue with
solid lines and ordinary arrowheads; attacks run in vermillion with dashed
lines ending in a bar (`tee`), and an undercut ends on the inference it
attacks. Every signal that colour carries is carried a second way, so the
diagram reads in greyscale and for colour-blind readers (the colours are
Okabe and Ito's colour-blind-safe palette):

- status: `✓ in`, `✗ out` or `? undecided` written in the node; `in` has a
  thick border, `out` a grey fill, grey text and corner diagonals;
- problems (warnings and errors): `⚠ CODE` written in the node, and a thick
  reddish-purple border; every problem of the node is named in its tooltip;
- implicit premises: a dashed border; nodes of other maps: a double border
  and a `from map-id` line.

This module is pure: the same map, statuses, grounding and problems give the
same DOT, byte for byte, whatever the order of the YAML. Every string from
the user, whatever its field, reaches the DOT through one function,
`dot_text`, which leaves it no meaning for DOT, for Graphviz's escapes or
for markup; HTML-like labels are built from its results and fixed tags
only, and plain attributes are quoted by the `graphviz` package. So no text
can inject DOT or markup (tests/diagram/test_escaping.py and
tests/adversarial/test_hostile_svg.py try). Links are web links only. The
`graphviz` package is imported inside the functions that use it, so
importing this module costs nothing.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from argmap.analysis.evaluate import Status
from argmap.input.model import ArgMap, Corpus, Edge, Kind, Node, Relation, map_view, split_key
from argmap.problems import Problem, Severity
from argmap.text import relative_id

if TYPE_CHECKING:
    from argmap.analysis.context import MapContext

DIRECTIONS = ("BT", "TB", "LR", "RL")
DEFAULT_DIRECTION = "BT"
# Characters per line of a node's text: about six words, which keeps boxes
# roughly as wide as they are tall for a one-sentence claim.
DEFAULT_WRAP = 32
_INFERENCE_WRAP = 28

FONT = "Helvetica,Arial,sans-serif"

# Okabe & Ito (2008), "Color Universal Design": distinguishable by readers
# with any common colour-vision deficiency.
_BLUE = "#0072B2"
_VERMILLION = "#D55E00"
_BLUISH_GREEN = "#009E73"
_ORANGE = "#E69F00"
_REDDISH_PURPLE = "#CC79A7"

_INK = "#1A1A1A"
_MUTED = "#5F5F5F"
_FAINT = "#8C8C8C"


@attrs.frozen
class _StatusStyle:
    marker: str
    marker_colour: str  # dark enough to read on the fill
    border: str
    fill: str
    penwidth: str
    text_colour: str
    extra_style: str  # added to the node's `style`


_STATUS_STYLES: Mapping[Status, _StatusStyle] = {
    Status.IN: _StatusStyle("✓ in", "#00684A", _BLUISH_GREEN, "#E3F4EE", "2.6", _INK, ""),
    Status.OUT: _StatusStyle("✗ out", "#A34400", _VERMILLION, "#EBEBEB", "1.3", _MUTED, "diagonals"),
    Status.UNDECIDED: _StatusStyle("? undecided", "#8A5F00", _ORANGE, "#FFF3D1", "1.3", _INK, ""),
}
_NO_STATUS = _StatusStyle("", _INK, "#404040", "#FFFFFF", "1.2", _INK, "")

_PROBLEM_BORDER = _REDDISH_PURPLE
_PROBLEM_PENWIDTH = "3.4"


@attrs.frozen
class _KindStyle:
    shape: str
    style: str  # before status and implicit styles are added
    fontsize: int
    wrap: int
    bold: bool = False
    margin: str = "0.14,0.08"


_KIND_STYLES: Mapping[Kind, _KindStyle] = {
    Kind.CONCLUSION: _KindStyle("box", "rounded,filled", 14, DEFAULT_WRAP, bold=True, margin="0.2,0.1"),
    Kind.PREMISE: _KindStyle("box", "filled", 12, DEFAULT_WRAP),
    Kind.INFERENCE: _KindStyle("ellipse", "filled", 10, _INFERENCE_WRAP, margin="0.06,0.03"),
    Kind.COUNTEREXAMPLE: _KindStyle("hexagon", "filled", 12, DEFAULT_WRAP, margin="0.04,0.06"),
}

_SAFE_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)
_SAFE_DOT_NAME = re.compile(r"^[a-z0-9_#-]+$")


@attrs.frozen
class RenderOptions:
    """How to draw; part of what `render --check` compares, since it changes the DOT."""

    direction: str = DEFAULT_DIRECTION  # Graphviz rankdir: the way the arrows run
    legend: bool = True
    wrap: int = DEFAULT_WRAP

    def __attrs_post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {self.direction!r}")


@attrs.frozen
class NodeSource:
    """Where in the source document a node's quote stands (from `argmap.grounding.ground`)."""

    line: int | None = None
    locator: str | None = None
    link: str | None = None
    file: str | None = None  # the source document, as its map names it


@attrs.frozen
class Annotations:
    """What the analyses know about a map's nodes, by node key."""

    statuses: Mapping[str, Status] = attrs.field(factory=dict)
    reasons: Mapping[str, str] = attrs.field(factory=dict)  # why a node has its status
    sources: Mapping[str, NodeSource] = attrs.field(factory=dict)
    problems: Mapping[str, tuple[Problem, ...]] = attrs.field(factory=dict)


def annotations_for(context: MapContext, problems: Iterable[Problem]) -> Annotations:
    """Gather the evaluation, the grounding and the problems of the context's map."""
    from argmap.analysis.evaluate import evaluation_for

    evaluation = evaluation_for(context)
    drawn = set(drawn_keys(context.argmap, context.corpus))
    statuses = {key: status for key, status in evaluation.statuses.items() if key in drawn}
    reasons = {key: evaluation.explain(key) for key in sorted(statuses)}
    sources = _grounding(context, drawn)
    by_node: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.node is not None and problem.node in drawn:
            by_node.setdefault(problem.node, []).append(problem)
    return Annotations(
        statuses=statuses,
        reasons=reasons,
        sources=sources,
        # Worst first, then by code: not by line, which moves when the YAML is reordered.
        problems={key: tuple(sorted(found, key=_problem_order)) for key, found in sorted(by_node.items())},
    )


def _problem_order(problem: Problem) -> tuple[int, str, str, str]:
    return (-problem.severity, problem.code, problem.message, problem.hint or "")


def _grounding(context: MapContext, drawn: set[str]) -> dict[str, NodeSource]:
    """Each drawn node's place in its source, each map's nodes grounded in that map's source."""
    from argmap.grounding.ground import grounding_for

    sources: dict[str, NodeSource] = {}
    map_ids = sorted({split_key(key)[0] for key in drawn})
    for map_id in map_ids:
        argmap = context.argmap if map_id == context.argmap.id else context.corpus.map(map_id)
        if argmap is None:
            continue
        map_context = context if argmap is context.argmap else context.run.context(argmap)
        grounding = grounding_for(map_context)
        # The file as the map writes it, not as found from the working folder:
        # the DOT must not change with the folder argmap runs in.
        written = argmap.source.file if argmap.source is not None else None
        for key, found in grounding.nodes.items():
            if key in drawn:
                sources[key] = NodeSource(
                    line=found.line, locator=found.locator, link=found.link, file=written
                )
    return sources


def drawn_keys(argmap: ArgMap, corpus: Corpus) -> list[str]:
    """The keys of the nodes a map's diagram shows, in drawing order
    (`argmap.input.model.map_view`: own nodes by id, then those of other maps)."""
    return list(map_view(argmap, corpus).keys)


def drawn_edges(argmap: ArgMap, corpus: Corpus) -> list[Edge]:
    """The edges among them, each (source, target, relation) once, sorted."""
    return list(map_view(argmap, corpus).edges)


def dot_name(key: str) -> str:
    """The DOT name of a node: its key, which the schema keeps to a slug.

    A key built outside the schema that is not a slug gets a name that
    cannot mean anything to DOT, so that even then no id injects anything.
    """
    if _SAFE_DOT_NAME.match(key):
        return key
    return "node-" + "-".join(f"{ord(character):x}" for character in key)


def dot_source(
    context: MapContext, problems: Iterable[Problem] = (), options: RenderOptions | None = None
) -> str:
    """The DOT of the context's map, with its statuses, grounding and `problems`."""
    return map_dot(context.argmap, context.corpus, annotations_for(context, problems), options)


def map_dot(
    argmap: ArgMap,
    corpus: Corpus,
    annotations: Annotations | None = None,
    options: RenderOptions | None = None,
) -> str:
    """The DOT of `argmap`'s diagram. Pure and deterministic."""
    import graphviz

    annotations = annotations or Annotations()
    options = options or RenderOptions()
    graph = graphviz.Digraph(
        name=argmap.id if _SAFE_DOT_NAME.match(argmap.id) else "argmap",
        comment="drawn by argmap render from the map of this id; edit the map, not this file",
        graph_attr={
            "rankdir": options.direction,
            "label": _title_label(argmap),
            "labelloc": "t",
            "fontname": FONT,
            "fontsize": "18",
            "tooltip": _plain_lines([argmap.title]),
            "bgcolor": "white",
            "pad": "0.3",
            "ranksep": "0.45",
            "nodesep": "0.3",
            "splines": "true",
            "outputorder": "edgesfirst",
            "newrank": "true",
        },
        node_attr={"fontname": FONT, **_NODE_DEFAULTS},
        edge_attr={"fontname": FONT, "fontsize": "9", **_EDGE_DEFAULTS},
    )
    keys = drawn_keys(argmap, corpus)
    if options.legend:
        _add_legend(graph, argmap, keys, corpus, annotations, options)
    for key in keys:
        node = corpus.node(key)
        if node is None or (node.map_id == argmap.id and argmap.node_index.get(key) is not node):
            # A duplicate map id can hand the corpus another file's node: draw this file's.
            node = argmap.node_index.get(key)
        if node is None:
            graph.node(
                dot_name(key), **_beyond(_NODE_DEFAULTS, _missing_node_attributes(key, argmap, annotations))
            )
        else:
            graph.node(
                dot_name(key), **_beyond(_NODE_DEFAULTS, _node_attributes(node, argmap, annotations, options))
            )
    drawn = set(keys)
    for edge in drawn_edges(argmap, corpus):
        if edge.source in drawn and edge.target in drawn:
            graph.edge(
                dot_name(edge.source),
                dot_name(edge.target),
                **_beyond(_EDGE_DEFAULTS, _edge_attributes(edge, argmap, corpus)),
            )
    source: str = graph.source
    return source


# What most nodes and edges share is said once, in the graph's defaults: a
# shorter DOT, and less for the quoting to do on a map of thousands of nodes.
_NODE_DEFAULTS = {
    "shape": "box",
    "style": "filled",
    "fillcolor": _NO_STATUS.fill,
    "color": _NO_STATUS.border,
    "penwidth": _NO_STATUS.penwidth,
    "fontcolor": _INK,
    "margin": _KIND_STYLES[Kind.PREMISE].margin,
}
_EDGE_DEFAULTS = {"color": _BLUE, "penwidth": "1.6", "arrowhead": "normal", "arrowsize": "0.8"}


def _beyond(defaults: Mapping[str, str], attributes: Mapping[str, str]) -> dict[str, str]:
    """The attributes that say something the defaults do not."""
    return {name: value for name, value in attributes.items() if defaults.get(name) != value}


# --- text -------------------------------------------------------------------


def _clean(text: str) -> str:
    """Text safe for any output: line breaks as `\\n`, tabs as spaces, and
    characters that XML cannot carry (control characters, lone surrogates,
    non-characters) replaced by U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    # Every unsafe character is also non-printable, and str.isprintable() is much faster than the pattern.
    if text.isprintable() or text.replace("\n", " ").isprintable():
        return text
    return _UNSAFE.sub("\ufffd", text)


# C0 controls but the line feed, C1 controls, surrogates, non-characters.
_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)


def wrap_text(text: str, width: int, *, at_hyphens: bool = False) -> list[str]:
    """The lines of `text` wrapped at `width` characters; its own line breaks kept.

    A word longer than the width keeps its own line, unless it is so long
    (a URL, say) that the node would grow too wide: then it is cut.
    """
    lines: list[str] = []
    for paragraph in _clean(text).split("\n"):
        for line in textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=at_hyphens):
            longest = 2 * width
            lines.extend(line[start : start + longest] for start in range(0, len(line), longest))
    return lines or [""]


def dot_text(text: str) -> str:
    """The one way a user's string enters the DOT, whatever field it comes from.

    The result means the same text in a plain (quoted) attribute and in the
    text of an HTML-like label, and nothing else in either:

    - characters XML cannot carry become U+FFFD (`_clean`);
    - backslashes are doubled, since Graphviz expands escapes such as `\\N`
      (the node's name) in both kinds of string;
    - `&`, `<`, `>`, `"` and `'` become character references. Graphviz
      decodes references in plain strings and in label text exactly once, so
      a reference the user wrote (`&#1;`, `&#xD800;`, `&#106;avascript:`)
      reaches the drawing as the characters the user typed, never as the
      character it names; and with no `<` left, no value can be taken for an
      HTML-like string, whatever becomes of the `graphviz.nohtml` marker.
    """
    return html.escape(_clean(text).replace("\\", "\\\\"), quote=True)


def _plain(text: str) -> str:
    """A plain (quoted, non-HTML) attribute value: a tooltip, a link."""
    import graphviz

    value: str = graphviz.nohtml(dot_text(text))
    return value


def _html_lines(lines: Sequence[str]) -> str:
    return '<BR ALIGN="CENTER"/>'.join(dot_text(line) for line in lines)


def _font(content: str, *, size: int | None = None, colour: str | None = None) -> str:
    attributes = ""
    if colour:
        attributes += f' COLOR="{colour}"'
    if size:
        attributes += f' POINT-SIZE="{size}"'
    return f"<FONT{attributes}>{content}</FONT>" if attributes else content


def _plain_lines(lines: Iterable[str]) -> str:
    """Lines for a plain attribute (a tooltip), joined by DOT's `\\n` escape.

    After `_clean`, the only line feeds left are those between the lines,
    and after `dot_text` no backslash of the text can pair with the `n` that
    follows: so each line feed can become the two characters `\\n`.
    """
    import graphviz

    value: str = graphviz.nohtml(dot_text("\n".join(lines)).replace("\n", "\\n"))
    return value


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(_clean(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- nodes ------------------------------------------------------------------


def _status_style(key: str, annotations: Annotations) -> _StatusStyle:
    status = annotations.statuses.get(key)
    return _STATUS_STYLES[status] if status is not None else _NO_STATUS


def _node_attributes(
    node: Node, argmap: ArgMap, annotations: Annotations, options: RenderOptions
) -> dict[str, str]:
    kind_style = _KIND_STYLES[node.kind]
    status_style = _status_style(node.key, annotations)
    # Warnings and errors mark the node; notes (info) only reach its tooltip.
    problems = [
        problem for problem in annotations.problems.get(node.key, ()) if problem.severity >= Severity.WARNING
    ]
    imported = node.map_id != argmap.id
    styles = kind_style.style.split(",")
    if status_style.extra_style:
        styles.append(status_style.extra_style)
    if node.implicit:
        styles.append("dashed")
    attributes = {
        "label": _node_label(node, imported, status_style, problems, kind_style, options),
        "shape": kind_style.shape,
        "style": ",".join(styles),
        "fillcolor": status_style.fill,
        "color": _PROBLEM_BORDER if problems else status_style.border,
        "penwidth": _PROBLEM_PENWIDTH if problems else status_style.penwidth,
        "fontcolor": status_style.text_colour,
        "margin": kind_style.margin,
        "tooltip": _plain_lines(_node_tooltip(node, imported, annotations)),
    }
    if imported:
        attributes["peripheries"] = "2"
    link = _link_of(node, annotations)
    if link is not None:
        attributes["URL"] = _plain(link)
        attributes["target"] = "_blank"
    return attributes


def _link_of(node: Node, annotations: Annotations) -> str | None:
    source = annotations.sources.get(node.key)
    for candidate in (source.link if source else None, node.url):
        # Only web links: a published SVG must not carry `javascript:` or a local path.
        if candidate and _SAFE_URL.match(candidate):
            return candidate
    return None


def _node_label(
    node: Node,
    imported: bool,
    status_style: _StatusStyle,
    problems: Sequence[Problem],
    kind_style: _KindStyle,
    options: RenderOptions,
) -> str:
    rows: list[str] = []
    header: list[str] = []
    if status_style.marker:
        header.append(_font(f"<B>{dot_text(status_style.marker)}</B>", colour=status_style.marker_colour))
    if problems:
        codes = ", ".join(dict.fromkeys(problem.code for problem in problems))
        header.append(_font(f"<B>⚠ {dot_text(codes)}</B>", colour="#9E2A6E"))
    if header:
        rows.append(_font("  ".join(header), size=9))
    if imported:
        rows.append(_font(f"<I>↗ from {dot_text(node.map_id)}</I>", size=9, colour=_MUTED))
    width = min(options.wrap, kind_style.wrap) if node.kind is Kind.INFERENCE else options.wrap
    if node.kind is Kind.INFERENCE:
        if node.scheme:
            rows.append(
                _font(
                    f"<B>{_html_lines(wrap_text(node.scheme, width, at_hyphens=True))}</B>",
                    size=kind_style.fontsize,
                )
            )
        if node.warrant:
            rows.append(
                _font(f"<I>{_html_lines(wrap_text(node.warrant, width))}</I>", size=kind_style.fontsize)
            )
        if node.text:
            rows.append(_font(_html_lines(wrap_text(node.text, width)), size=kind_style.fontsize))
    else:
        text = node.text if node.text is not None else node.id
        content = _html_lines(wrap_text(text, width))
        rows.append(_font(f"<B>{content}</B>" if kind_style.bold else content, size=kind_style.fontsize))
    id_line = dot_text(node.id)
    if node.implicit:
        id_line = f"{id_line} · implicit"
    rows.append(_font(id_line, size=8, colour=_FAINT))
    return "<" + "<BR/>".join(rows) + ">"


def _node_tooltip(node: Node, imported: bool, annotations: Annotations) -> list[str]:
    lines = [f"{node.kind} `{node.id}`" + (f" from map `{node.map_id}`" if imported else "")]
    reason = annotations.reasons.get(node.key)
    status = annotations.statuses.get(node.key)
    if reason:
        lines.append(reason)
    elif status is not None:
        lines.append(str(status))
    if node.kind is Kind.INFERENCE:
        if node.scheme:
            lines.append(f"scheme: {node.scheme}")
        if node.warrant:
            lines.append(f"warrant: {node.warrant}")
    if node.text:
        lines.append(node.text)
    for quote in node.quotes:
        lines.append(f"“{quote.text}”")
    source = annotations.sources.get(node.key)
    where = _source_position(node, source)
    if where:
        lines.append(where)
    if node.implicit:
        lines.append("implicit: the source does not state it")
    if node.note:
        lines.append(f"note: {node.note}")
    for problem in annotations.problems.get(node.key, ()):
        lines.append(f"⚠ {problem.severity.label} {problem.code}: {problem.message}")
        if problem.hint:
            lines.append(f"   hint: {problem.hint}")
    return [part for line in lines for part in _clean(line).split("\n")]


def _source_position(node: Node, source: NodeSource | None) -> str:
    """E.g. "source: ../seeds/ft.txt, line 12, at 01:58:12"; empty when nothing is known."""
    line = source.line if source is not None else None
    locator = (source.locator if source is not None else None) or node.at
    if line is None and not locator:
        return ""
    parts = [source.file] if source is not None and source.file else []
    if line is not None:
        parts.append(f"line {line}")
    if locator:
        parts.append(f"at {locator}")
    return "source: " + ", ".join(parts)


def _missing_node_attributes(key: str, argmap: ArgMap, annotations: Annotations) -> dict[str, str]:
    map_id, node_id = split_key(key)
    written = node_id if map_id == argmap.id else key
    problems = annotations.problems.get(key, ())
    label = (
        _font("<B>? not found</B>", size=9, colour="#9E2A6E")
        + "<BR/>"
        + _font(dot_text(f"ref: {written}"), size=11, colour=_MUTED)
    )
    tooltip = [f"`{written}` is not defined in any map argmap read"]
    tooltip.extend(f"⚠ {problem.severity.label} {problem.code}: {problem.message}" for problem in problems)
    return {
        "label": f"<{label}>",
        "shape": "box",
        "style": "dashed,filled",
        "fillcolor": "#FFFFFF",
        "color": _PROBLEM_BORDER,
        "penwidth": "2",
        "fontcolor": _MUTED,
        "tooltip": _plain_lines(tooltip),
    }


# --- edges ------------------------------------------------------------------


def _edge_attributes(edge: Edge, argmap: ArgMap, corpus: Corpus) -> dict[str, str]:
    source_id = relative_id(edge.source, argmap.id)
    target_id = relative_id(edge.target, argmap.id)
    if edge.relation is Relation.ATTACKS:
        target = corpus.node(edge.target)
        undercut = target is not None and target.kind is Kind.INFERENCE
        verb = "undercuts" if undercut else "rebuts"
        attributes = {
            "color": _VERMILLION,
            "style": "dashed",
            "penwidth": "1.6",
            "arrowhead": "tee",
            "tooltip": _plain_lines(
                [
                    f"`{source_id}` {verb} `{target_id}`",
                    *([f"critical question: {edge.question}"] if edge.question else []),
                ]
            ),
        }
        if edge.question:
            attributes["label"] = (
                "<" + _font(f"<I>{_html_lines(wrap_text(edge.question, 26))}</I>", colour="#A34400") + ">"
            )
        return attributes
    # Plain support needs no tooltip: the SVG names both ends in the edge's <title>.
    if edge.relation is Relation.SUPPORTS:
        return {"color": _BLUE, "penwidth": "1.6", "arrowhead": "normal"}
    attributes = {"color": _BLUE, "penwidth": "1.1", "arrowhead": "normal", "arrowsize": "0.6"}
    if edge.role:
        attributes["label"] = "<" + _font(dot_text(_short(edge.role, 24)), colour=_MUTED) + ">"
        attributes["tooltip"] = _plain_lines(
            [f"`{source_id}` is a premise of `{target_id}` (role: {edge.role})"]
        )
    return attributes


# --- title and legend -------------------------------------------------------


def _title_label(argmap: ArgMap) -> str:
    rows = [f"<B>{_html_lines(wrap_text(argmap.title, 70))}</B>"]
    source = argmap.source
    if source is not None:
        about = [part for part in (source.title, source.author, source.date) if part and part != argmap.title]
        if about:
            rows.append(_font(_html_lines(wrap_text(" · ".join(about), 100)), size=11, colour=_MUTED))
    rows.append(_font(dot_text(f"map {argmap.id}"), size=9, colour=_FAINT))
    return "<" + "<BR/>".join(rows) + ">"


def _add_legend(
    graph: Any,
    argmap: ArgMap,
    keys: Sequence[str],
    corpus: Corpus,
    annotations: Annotations,
    options: RenderOptions,
) -> None:
    """A small map of its own, showing only what this diagram uses."""
    nodes = [node for node in (corpus.node(key) for key in keys) if node is not None]
    kinds = {node.kind for node in nodes}
    undercuts = any(
        edge.relation is Relation.ATTACKS
        and (target := corpus.node(edge.target)) is not None
        and target.kind is Kind.INFERENCE
        for edge in argmap.edges
    )
    rebuts = any(
        edge.relation is Relation.ATTACKS
        and (target := corpus.node(edge.target)) is not None
        and target.kind is not Kind.INFERENCE
        for edge in argmap.edges
    )
    implicit = any(node.implicit for node in nodes)
    imported = any(node.map_id != argmap.id for node in nodes)
    statuses = set(annotations.statuses.values())
    problems = any(
        problem.severity >= Severity.WARNING for found in annotations.problems.values() for problem in found
    )

    def sample(name: str, label: str, **attributes: str) -> str:
        node_name = f"legend-{name}"
        with_label = "<" + _font(label, size=10) + ">"
        legend.node(node_name, label=with_label, tooltip=_plain(f"legend: {name}"), **attributes)
        return node_name

    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(
            label="<" + _font("<B>Legend</B>", size=11) + ">",
            labeljust="l",
            # Graphviz turns a cluster upside down with the ranks: "b" is the top under BT.
            labelloc="b" if options.direction == "BT" else "t",
            style="rounded",
            color="#BBBBBB",
            fontname=FONT,
            margin="10",
        )
        blank = {"fillcolor": "#FFFFFF", "style": "filled"}
        claim = sample("conclusion", "<B>conclusion</B>", shape="box", **{**blank, "style": "rounded,filled"})
        step = sample("inference", "<I>inference</I><BR/>(its warrant or scheme)", shape="ellipse", **blank)
        legend.edge(step, claim, color=_BLUE, penwidth="1.6", tooltip=_plain("supports"))
        legend.edge(
            sample("premise", "premise", shape="box", **blank),
            step,
            color=_BLUE,
            arrowsize="0.6",
            tooltip=_plain("premise of"),
            label="<" + _font("supports", colour=_BLUE) + ">",
        )
        if implicit:
            legend.edge(
                sample(
                    "implicit", "implicit premise", shape="box", fillcolor="#FFFFFF", style="dashed,filled"
                ),
                step,
                color=_BLUE,
                arrowsize="0.6",
            )
        if Kind.COUNTEREXAMPLE in kinds or rebuts:
            legend.edge(
                sample("rebuttal", "counterexample", shape="hexagon", **blank),
                claim,
                color=_VERMILLION,
                style="dashed",
                penwidth="1.6",
                arrowhead="tee",
                label="<" + _font("rebuts", colour="#A34400") + ">",
            )
        if undercuts:
            legend.edge(
                sample("undercutter", "counterexample", shape="hexagon", **blank),
                step,
                color=_VERMILLION,
                style="dashed",
                penwidth="1.6",
                arrowhead="tee",
                label="<" + _font("undercuts", colour="#A34400") + ">",
            )
        if imported:
            sample(
                "imported",
                "<I>↗ from other-map</I><BR/>a claim of another map",
                shape="box",
                peripheries="2",
                **blank,
            )
        if statuses or problems:
            legend.node(
                "legend-statuses",
                label=_status_table(statuses, problems),
                shape="plain",
                tooltip=_plain("legend: statuses"),
            )


def _status_table(statuses: set[Status], problems: bool) -> str:
    rows: list[str] = []
    meanings = {
        Status.IN: "stands",
        Status.OUT: "defeated",
        Status.UNDECIDED: "cannot be settled",
    }
    for status in (Status.IN, Status.OUT, Status.UNDECIDED):
        if status not in statuses:
            continue
        style = _STATUS_STYLES[status]
        rows.append(
            f'<TR><TD BGCOLOR="{style.fill}" COLOR="{style.border}" BORDER="{2 if status is Status.IN else 1}">'
            f'<FONT POINT-SIZE="10" COLOR="{style.marker_colour}"><B>{dot_text(style.marker)}</B></FONT></TD>'
            f'<TD ALIGN="LEFT"><FONT POINT-SIZE="10">{dot_text(meanings[status])}</FONT></TD></TR>'
        )
    if problems:
        rows.append(
            f'<TR><TD BGCOLOR="#FFFFFF" COLOR="{_PROBLEM_BORDER}" BORDER="3">'
            '<FONT POINT-SIZE="10" COLOR="#9E2A6E"><B>⚠ CODE</B></FONT></TD>'
            '<TD ALIGN="LEFT"><FONT POINT-SIZE="10">has a problem (see tooltip)</FONT></TD></TR>'
        )
    return '<<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="3">' + "".join(rows) + "</TABLE>>"
