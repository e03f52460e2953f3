"""Draw a map as Graphviz DOT, for a reader who takes it in at a glance.

The author's claims are the largest objects: boxes with their text wrapped
at a fixed width (`WRAP` characters a line, at most `MAX_LINES` lines; a
longer text is cut with an ellipsis on the face and kept whole in the
tooltip). The conclusions are rounded and larger; the thesis (the map's
`thesis`, else its first conclusion) has a double border and the words
"main claim". An inference is a small connector labelled with the short name
of its scheme (a bare dot without one); its warrant is in its tooltip and in
the notes. Support runs in blue, solid, with an arrowhead; attack runs in
vermillion, dashed and thicker, ending in a bar: colour, line and end each
tell them apart, so the diagram reads in greyscale and for colour-blind
readers (Okabe and Ito's palette). A mutual rebuttal is one double-headed
edge between the two claims, not two. An attack that defeats nothing (a
conceded objection its target's reasons outweigh, a weaker one) is thinner
and paler and says `conceded` or `weaker` on its line; a conflict one side
wins has its bar at the losing end and `prevails` at the other.

Status is marked by exception: a node that stands is drawn plain; a
defeated node is grey with grey text and says "defeated"; an undecided one
is amber and says "undecided"; an objection that stands has a thick
vermillion border and says "objection stands". Ids, kinds and roles are off
the face, in the tooltips. Nodes of other maps are grouped in a cluster per
source document, labelled with its title; the map's own nodes (findings)
stand between them.

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
from argmap.analysis.granted import Grant, GrantedAttack, prevailing_side
from argmap.input.model import ArgMap, Corpus, Edge, Kind, Node, Relation, map_view, split_key
from argmap.problems import Problem, Severity
from argmap.text import relative_id

if TYPE_CHECKING:
    from argmap.analysis.context import MapContext
    from argmap.diagram.views import DiagramView

DIRECTIONS = ("BT", "TB", "LR", "RL")
DEFAULT_DIRECTION = "BT"
# The length budget of a node's face: lines of `WRAP` characters (about six
# words: a one-sentence claim makes a box about as wide as it is tall), at
# most `MAX_LINES` of them (some 40 words); the rest goes to the tooltip.
DEFAULT_WRAP = 30
WRAP = DEFAULT_WRAP
MAX_LINES = 7
# Every text on the face is at least 12 pt: a diagram within the width budget
# (`WIDTH_BUDGET_PT`) shown 1,600 px wide still shows it 10 px high.
WIDTH_BUDGET_PT = 1900
_TEXT_SIZE = 12
_CONCLUSION_SIZE = 14
_THESIS_SIZE = 16
_NOTE_WRAP = 120
_CONNECTOR_WRAP = 16  # a connector stays small: its scheme's name on two lines of this many characters

FONT = "Helvetica,Arial,sans-serif"

# Okabe & Ito (2008), "Color Universal Design": distinguishable by readers
# with any common colour-vision deficiency.
_BLUE = "#0072B2"
_VERMILLION = "#D55E00"
_DARK_VERMILLION = "#A34400"
_PALE_VERMILLION = "#E39062"  # the vermillion lightened: an objection set aside
_ORANGE = "#E69F00"
_REDDISH_PURPLE = "#CC79A7"

_INK = "#1A1A1A"
_MUTED = "#5F5F5F"
_FAINT = "#8C8C8C"
_BORDER = "#404040"


@attrs.frozen
class _StatusStyle:
    marker: str  # written on the face; "" for a node that stands
    marker_colour: str
    border: str
    fill: str
    penwidth: str
    text_colour: str


_PLAIN = _StatusStyle("", _INK, _BORDER, "#FFFFFF", "1.2", _INK)
_STATUS_STYLES: Mapping[Status, _StatusStyle] = {
    Status.IN: _PLAIN,
    Status.OUT: _StatusStyle("✗ defeated", "#555555", "#9A9A9A", "#E6E6E6", "1.2", _MUTED),
    Status.UNDECIDED: _StatusStyle("? undecided", "#7A5200", _ORANGE, "#FFF1CC", "2", _INK),
}
_STANDING_OBJECTION = _StatusStyle("objection stands", _DARK_VERMILLION, _VERMILLION, "#FFFFFF", "3", _INK)
# Undecided, but it stands in some consistent choice between the claims in
# conflict: the same amber, and the words say it (no colour carries it alone).
_DEFENSIBLE = attrs.evolve(_STATUS_STYLES[Status.UNDECIDED], marker="? undecided · can stand")
_DEFENSIBLE_MEANING = "can stand: it holds if its side of the conflict is chosen"

_PROBLEM_BORDER = _REDDISH_PURPLE
_PROBLEM_PENWIDTH = "3.4"

_SAFE_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)
_SAFE_DOT_NAME = re.compile(r"^[a-z0-9_#-]+$")
# Pages a PDF must fit, in inches (portrait): A4 and Letter, whichever is
# smaller each way, less a margin.
_PAGE_INCHES = (8.0, 10.5)


@attrs.frozen
class RenderOptions:
    """How to draw; part of what `render --check` compares, since it changes the DOT."""

    direction: str = DEFAULT_DIRECTION  # Graphviz rankdir: the way the arrows run
    legend: bool = True
    wrap: int = DEFAULT_WRAP
    depth: int | None = None  # steps of reasoning drawn below each conclusion
    focus: str | None = None  # the key of the one node drawn with its reasons
    root: str | None = None  # draw the tree of this conclusion only (a part of a split)
    notes: bool = False  # numbered notes under the diagram: each node's quote and source line
    page: bool = False  # scale to fit an A4 or Letter page (PDF)
    links: Mapping[str, str] = attrs.field(factory=dict)  # node key -> file of its part (a split's index)

    def __attrs_post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {self.direction!r}")
        if self.depth is not None and self.depth < 0:
            raise ValueError(f"depth must be 0 or more, not {self.depth}")


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
    # Undecided nodes that stand in some preferred labelling (credulously
    # defensible): one side of a conflict the grounded verdict leaves open.
    defensible: frozenset[str] = frozenset()
    # Attacks the author concedes or declares weaker, by (source, target)
    # (`argmap.analysis.granted`): drawn lighter, with their word on the line.
    granted: Mapping[tuple[str, str], GrantedAttack] = attrs.field(factory=dict)
    # Objections that stand but defeat nothing: every attack of theirs is
    # conceded and outweighed, or weaker. Not marked "objection stands".
    outweighed: frozenset[str] = frozenset()


def defensible_keys(context: MapContext) -> frozenset[str]:
    """The nodes the grounded verdict leaves undecided that are `in` in some
    preferred labelling (`argmap check --semantics preferred`): each can
    stand, though not with every other. Empty when the search for labellings
    goes past its bound (a step count, so the same map always gives the same
    answer)."""
    from argmap.analysis.evaluate import evaluation_for
    from argmap.analysis.semantics import Semantics, SemanticsLimitError, labellings

    evaluation = evaluation_for(context)
    undecided = {key for key, status in evaluation.statuses.items() if status is Status.UNDECIDED}
    if not undecided:
        return frozenset()
    try:
        found = labellings(evaluation, Semantics.PREFERRED)
    except SemanticsLimitError:
        return frozenset()
    return frozenset(found.credulous() & undecided)


def annotations_for(context: MapContext, problems: Iterable[Problem]) -> Annotations:
    """Gather the evaluation, the grounding and the problems of the context's map."""
    from argmap.analysis.evaluate import evaluation_for
    from argmap.analysis.granted import granted_attacks

    evaluation = evaluation_for(context)
    view = map_view(context.argmap, context.corpus)
    drawn = set(view.keys)
    # The statuses of what the view counts in stubs, too: a stub tells how its reasons stand.
    counted = drawn.union(*view.hidden.values())
    statuses = {key: status for key, status in evaluation.statuses.items() if key in counted}
    defensible = defensible_keys(context) & drawn
    reasons = {key: evaluation.explain(key) for key in sorted(statuses) if key in drawn}
    sources = _grounding(context, drawn)
    by_node: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.node is not None and problem.node in drawn:
            by_node.setdefault(problem.node, []).append(problem)
    every_granted = granted_attacks(evaluation)
    granted = {pair: found for pair, found in every_granted.items() if set(pair) <= drawn}
    # An objection is harmless only if none of its attacks defeats, drawn or not.
    harmful = {
        source
        for target, sources in evaluation.graph.attackers.items()
        for source in sources
        if (found := every_granted.get((source, target))) is None or found.defeats
    }
    outweighed = {
        source
        for sources in evaluation.graph.attackers.values()
        for source in sources
        if source in drawn and source not in harmful
    }
    return Annotations(
        statuses=statuses,
        reasons=reasons,
        sources=sources,
        # Worst first, then by code: not by line, which moves when the YAML is reordered.
        problems={key: tuple(sorted(found, key=_problem_order)) for key, found in sorted(by_node.items())},
        defensible=frozenset(defensible),
        granted=granted,
        outweighed=frozenset(outweighed),
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
    from argmap.diagram.dot_writer import DotGraph  # graphviz.Digraph's bytes, quoted faster
    from argmap.diagram.views import diagram_view

    annotations = annotations or Annotations()
    options = options or RenderOptions()
    view = diagram_view(argmap, corpus, depth=options.depth, focus=options.focus, root=options.root)
    keys = list(view.keys)
    thesis = _thesis(argmap, keys)
    numbers = _note_numbers(keys, corpus, argmap) if options.notes else {}
    graph_attr = {
        "rankdir": options.direction,
        "label": _title_label(argmap),
        "labelloc": "t",
        "fontname": FONT,
        "fontsize": "20",
        "tooltip": _plain_lines([argmap.title]),
        "bgcolor": "white",
        "pad": "0.3",
        "ranksep": "0.35",
        "nodesep": "0.25",
        "splines": "true",
        "outputorder": "edgesfirst",
        "newrank": "true",
    }
    if options.page:
        graph_attr["size"] = "{:g},{:g}".format(*_PAGE_INCHES)
    graph = DotGraph(
        name=argmap.id if _SAFE_DOT_NAME.match(argmap.id) else "argmap",
        comment="drawn by argmap render from the map of this id; edit the map, not this file",
        graph_attr=graph_attr,
        node_attr={"fontname": FONT, "fontsize": str(_TEXT_SIZE), **_NODE_DEFAULTS},
        edge_attr={"fontname": FONT, "fontsize": str(_TEXT_SIZE), **_EDGE_DEFAULTS},
    )
    groups = _groups(argmap, keys, corpus)
    with graph.subgraph(name="cluster_body") as body:
        body.attr(
            label=_footer(argmap, keys, view, corpus, annotations, options, numbers),
            labelloc="t" if options.direction == "BT" else "b",
            labeljust="l",
            pencolor="transparent",
            fontname=FONT,
            # The words under the diagram are no larger than those on its face.
            fontsize=str(_TEXT_SIZE),
        )
        # A stub stands beside its node, in its node's cluster: what a
        # document's claim leaves out below it belongs to that document.
        for group, members in groups:
            if group is None:
                for key in members:
                    _add_node(body, key, argmap, corpus, annotations, options, thesis, numbers)
                for key in members:
                    if key in view.stubs:
                        _add_stub(body, key, view.stubs[key], corpus, annotations, options)
                continue
            with body.subgraph(name=f"cluster_map_{_cluster_name(group)}") as cluster:
                cluster.attr(
                    label=_group_label(group, corpus),
                    style="rounded,filled",
                    fillcolor="#F4F6F8",
                    pencolor="#C8CDD2",
                    fontname=FONT,
                    fontsize=str(_TEXT_SIZE + 1),
                    tooltip=_plain_lines([f"nodes of the map `{group}`"]),
                )
                for key in members:
                    _add_node(cluster, key, argmap, corpus, annotations, options, thesis, numbers)
                for key in members:
                    if key in view.stubs:
                        _add_stub(cluster, key, view.stubs[key], corpus, annotations, options)
    drawn = set(keys)
    mutual = _mutual_rebuttals(view.edges)
    # Two claims in conflict stand side by side, on one rank, so that their
    # edge is short and reads as between equals, not as one above the other.
    for first, second in sorted(mutual):
        if first < second and first in drawn and second in drawn:
            with graph.subgraph() as side_by_side:
                side_by_side.attr(rank="same")
                side_by_side.node(dot_name(first))
                side_by_side.node(dot_name(second))
    for edge in view.edges:
        if edge.source not in drawn or edge.target not in drawn:
            continue
        pair = (edge.source, edge.target)
        if pair in mutual:
            if edge.source < edge.target:
                graph.edge(
                    dot_name(edge.source),
                    dot_name(edge.target),
                    **_beyond(_EDGE_DEFAULTS, _conflict_attributes(edge, argmap, annotations)),
                )
            continue
        graph.edge(
            dot_name(edge.source),
            dot_name(edge.target),
            **_beyond(_EDGE_DEFAULTS, _edge_attributes(edge, argmap, corpus, annotations)),
        )
    source: str = graph.source
    return source


def _thesis(argmap: ArgMap, keys: Sequence[str]) -> str | None:
    """The map's main conclusion: the one it names, else its first."""
    candidate = argmap.thesis if argmap.thesis is not None else (argmap.roots[0] if argmap.roots else None)
    return candidate if candidate in keys else None


def _groups(argmap: ArgMap, keys: Sequence[str], corpus: Corpus) -> list[tuple[str | None, list[str]]]:
    """The map's own nodes (None), then the nodes of each other map, map by map, in key order."""
    by_map: dict[str | None, list[str]] = {}
    for key in keys:
        map_id = split_key(key)[0]
        found = corpus.node(key)
        group = None if map_id == argmap.id or found is None else map_id
        by_map.setdefault(group, []).append(key)
    others = sorted(group for group in by_map if group is not None)
    ordered: list[tuple[str | None, list[str]]] = []
    # The map's own nodes between the first document and the others: its
    # findings sit between the documents they compare.
    if others:
        ordered.append((others[0], by_map[others[0]]))
    if None in by_map:
        ordered.append((None, by_map[None]))
    ordered.extend((group, by_map[group]) for group in others[1:])
    return ordered


def _cluster_name(map_id: str) -> str:
    return map_id if re.fullmatch(r"[a-z0-9_-]+", map_id) else dot_name(map_id).replace("#", "_")


def _group_label(map_id: str, corpus: Corpus) -> str:
    other = corpus.map(map_id)
    title = map_id
    if other is not None:
        title = (
            other.source.title if other.source is not None and other.source.title else None
        ) or other.title
    return "<" + _font(f"<B>{_html_lines(_face_lines(title, 60, 2))}</B>", colour=_MUTED) + ">"


def _mutual_rebuttals(edges: Sequence[Edge]) -> set[tuple[str, str]]:
    attacks = {(edge.source, edge.target) for edge in edges if edge.relation is Relation.ATTACKS}
    return {(source, target) for source, target in attacks if (target, source) in attacks}


def _note_numbers(keys: Sequence[str], corpus: Corpus, argmap: ArgMap) -> dict[str, int]:
    """A number for each drawn node that has a quote, a warrant or a note, in drawing order."""
    numbers: dict[str, int] = {}
    for key in keys:
        node = _node_of(key, argmap, corpus)
        if node is not None and (node.quotes or node.warrant or (node.kind is Kind.INFERENCE and node.text)):
            numbers[key] = len(numbers) + 1
    return numbers


def _node_of(key: str, argmap: ArgMap, corpus: Corpus) -> Node | None:
    node = corpus.node(key)
    if node is None or (node.map_id == argmap.id and argmap.node_index.get(key) is not node):
        # A duplicate map id can hand the corpus another file's node: draw this file's.
        node = argmap.node_index.get(key)
    return node


def _add_node(
    graph: Any,
    key: str,
    argmap: ArgMap,
    corpus: Corpus,
    annotations: Annotations,
    options: RenderOptions,
    thesis: str | None,
    numbers: Mapping[str, int],
) -> None:
    node = _node_of(key, argmap, corpus)
    if node is None:
        attributes = _missing_node_attributes(key, argmap, annotations)
    else:
        attributes = _node_attributes(node, argmap, annotations, options, key == thesis, numbers.get(key))
    graph.node(dot_name(key), **_beyond(_NODE_DEFAULTS, attributes))


def _add_stub(
    graph: Any,
    key: str,
    hidden: frozenset[str],
    corpus: Corpus,
    annotations: Annotations,
    options: RenderOptions,
) -> None:
    """One node for what a view leaves out below `key`: "+3 reasons", and their statuses."""
    claims = [found for found in sorted(hidden) if (node := corpus.node(found)) is None or node.kind.is_claim]
    counted = claims or sorted(hidden)
    statuses = [annotations.statuses.get(found) for found in counted]
    parts = []
    for status, word in ((Status.IN, "stand"), (Status.OUT, "defeated"), (Status.UNDECIDED, "undecided")):
        count = statuses.count(status)
        if count:
            parts.append(f"{count} {word}")
    unjudged = statuses.count(None)
    if unjudged:  # nodes deep in another map, which this map's evaluation does not reach
        parts.append(f"{unjudged} not judged here")
    objections = sum(
        1
        for found in counted
        if (node := corpus.node(found)) is not None and node.kind is Kind.COUNTEREXAMPLE
    )
    reasons = len(counted) - objections
    # An objection hidden below is named as one: a reader must not take it for support.
    heads = [f"+{reasons} reason{'' if reasons == 1 else 's'}"] if reasons else []
    if objections:
        heads.append(f"+{objections} objection{'' if objections == 1 else 's'}")
    label = _font(f"<B>{dot_text(', '.join(heads))}</B>", colour=_MUTED)
    if parts:
        label += "<BR/>" + _font(dot_text(", ".join(parts)), colour=_MUTED)
    name = "stub-" + dot_name(key)
    graph.node(
        name,
        label="<" + label + ">",
        shape="box",
        style="rounded,dashed",
        color=_FAINT,
        fontcolor=_MUTED,
        tooltip=_plain_lines(
            ["not drawn here (render without --depth, or with --focus on the node above):"]
            + [f"- {found}" for found in sorted(hidden)[:40]]
            + (["- …"] if len(hidden) > 40 else [])
        ),
    )
    graph.edge(
        name, dot_name(key), color=_FAINT, style="dotted", arrowhead="none", tooltip=_plain("collapsed")
    )


# What most nodes and edges share is said once, in the graph's defaults: a
# shorter DOT, and less for the quoting to do on a map of thousands of nodes.
_NODE_DEFAULTS = {
    "shape": "box",
    "style": "filled",
    "fillcolor": _PLAIN.fill,
    "color": _PLAIN.border,
    "penwidth": _PLAIN.penwidth,
    "fontcolor": _INK,
    "margin": "0.14,0.08",
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


_BR_LEFT = '<BR ALIGN="LEFT"/>'


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
    """Lines for a tooltip, joined by DOT's `\\n` escape.

    Graphviz reads a tooltip's escapes twice: it turns `\\\\` into `\\`, then
    expands `\\N`, `\\G`, `\\L`... into the node's name, the graph's, the
    label. So each backslash `dot_text` doubled is doubled again, and reaches
    the SVG as the one backslash the user wrote.

    After `_clean`, the only line feeds left are those between the lines,
    and after `dot_text` no backslash of the text can pair with the `n` that
    follows: so each line feed can become the two characters `\\n`.
    """
    import graphviz

    text = dot_text("\n".join(lines)).replace("\\", "\\\\")
    value: str = graphviz.nohtml(text.replace("\n", "\\n"))
    return value


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(_clean(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- nodes ------------------------------------------------------------------


def scheme_short_name(scheme: str) -> str:
    """`argument-from-expert-opinion` -> `expert opinion`: what a connector shows."""
    short = scheme.removeprefix("argument-from-").removeprefix("argument-").removeprefix("from-")
    return short.replace("-", " ").replace("_", " ")


def _face_lines(text: str, width: int, most: int = MAX_LINES) -> list[str]:
    """The lines of `text` the face of a node shows: at most `most`, the last cut with an ellipsis."""
    lines = wrap_text(text, width)
    if len(lines) <= most:
        return lines
    kept = lines[:most]
    kept[-1] = kept[-1][: max(width - 2, 1)].rstrip() + " …"
    return kept


def _status_style(node: Node, annotations: Annotations) -> _StatusStyle:
    status = annotations.statuses.get(node.key)
    if status is Status.IN and node.kind is Kind.COUNTEREXAMPLE and node.key not in annotations.outweighed:
        return _STANDING_OBJECTION
    if status is Status.UNDECIDED and node.key in annotations.defensible:
        return _DEFENSIBLE
    return _STATUS_STYLES[status] if status is not None else _PLAIN


def _node_attributes(
    node: Node,
    argmap: ArgMap,
    annotations: Annotations,
    options: RenderOptions,
    thesis: bool,
    number: int | None,
) -> dict[str, str]:
    status_style = _status_style(node, annotations)
    # Warnings and errors mark the node; notes (info) only reach its tooltip.
    problems = [
        problem for problem in annotations.problems.get(node.key, ()) if problem.severity >= Severity.WARNING
    ]
    imported = node.map_id != argmap.id
    styles = ["filled"]
    if node.kind is Kind.CONCLUSION:
        styles.insert(0, "rounded")
    if node.implicit:
        styles.append("dashed")
    attributes: dict[str, str] = {
        "shape": "box",
        "fillcolor": status_style.fill,
        "color": _PROBLEM_BORDER if problems else status_style.border,
        "penwidth": _PROBLEM_PENWIDTH if problems else status_style.penwidth,
        "fontcolor": status_style.text_colour,
        "margin": "0.14,0.08",
        "tooltip": _plain_lines(_node_tooltip(node, imported, annotations)),
    }
    if node.kind is Kind.INFERENCE:
        attributes.update(_connector_attributes(node, status_style, problems))
    else:
        attributes["label"] = _claim_label(node, status_style, problems, options, thesis, number)
        if thesis:
            attributes["peripheries"] = "2"
            attributes["penwidth"] = "2.4" if not problems else _PROBLEM_PENWIDTH
    attributes["style"] = ",".join(styles)
    link = options.links.get(node.key) or _link_of(node, annotations)
    if link is not None:
        attributes["URL"] = _plain(link)
        attributes["target"] = "_blank" if link not in options.links.values() else "_self"
    return attributes


def _connector_attributes(
    node: Node, status_style: _StatusStyle, problems: Sequence[Problem]
) -> dict[str, str]:
    """An inference: a small ellipse with its scheme's short name, or a dot."""
    marks = []
    if status_style.marker:
        marks.append(
            _font(f"<B>{dot_text(status_style.marker.split()[0])}</B>", colour=status_style.marker_colour)
        )
    if problems:
        marks.append(_font(f"<B>⚠ {dot_text(problems[0].code)}</B>", colour="#9E2A6E"))
    if node.scheme:
        name = "<BR/>".join(dot_text(line) for line in _connector_lines(node.scheme))
        label = " ".join([*marks, f"<I>{name}</I>"])
        return {"label": f"<{label}>", "shape": "ellipse", "margin": "0.05,0.02", "height": "0.3"}
    if marks:
        return {
            "label": "<" + " ".join(marks) + ">",
            "shape": "ellipse",
            "margin": "0.05,0.02",
            "height": "0.3",
        }
    return {"label": "", "shape": "circle", "width": "0.16", "fixedsize": "true"}


def _connector_lines(scheme: str) -> list[str]:
    """The scheme's short name on a connector: two short lines, cut with an ellipsis (whole in the
    tooltip)."""
    lines = wrap_text(scheme_short_name(scheme), _CONNECTOR_WRAP)
    if len(lines) <= 2:
        return lines
    return [lines[0], lines[1][: _CONNECTOR_WRAP - 2].rstrip() + " …"]


def _link_of(node: Node, annotations: Annotations) -> str | None:
    source = annotations.sources.get(node.key)
    for candidate in (source.link if source else None, node.url):
        # Only web links: a published SVG must not carry `javascript:` or a local path.
        if candidate and _SAFE_URL.match(candidate):
            return candidate
    return None


def _claim_label(
    node: Node,
    status_style: _StatusStyle,
    problems: Sequence[Problem],
    options: RenderOptions,
    thesis: bool,
    number: int | None,
) -> str:
    rows: list[str] = []
    header: list[str] = []
    if thesis:
        header.append(_font("<B>MAIN CLAIM</B>", colour=_BLUE))
    if status_style.marker:
        header.append(_font(f"<B>{dot_text(status_style.marker)}</B>", colour=status_style.marker_colour))
    if problems:
        codes = ", ".join(dict.fromkeys(problem.code for problem in problems))
        header.append(_font(f"<B>⚠ {dot_text(codes)}</B>", colour="#9E2A6E"))
    if header:
        rows.append("  ".join(header))
    text = node.text if node.text is not None else node.id
    content = _html_lines(_face_lines(text, options.wrap))
    if number is not None:
        content += _font(f" [{number}]", colour=_MUTED)
    if node.kind is Kind.CONCLUSION:
        size = _THESIS_SIZE if thesis else _CONCLUSION_SIZE
        rows.append(_font(f"<B>{content}</B>", size=size))
    else:
        rows.append(content)
    return "<" + "<BR/>".join(rows) + ">"


def _node_tooltip(node: Node, imported: bool, annotations: Annotations) -> list[str]:
    lines = [f"{node.kind} `{node.id}`" + (f" from map `{node.map_id}`" if imported else "")]
    reason = annotations.reasons.get(node.key)
    status = annotations.statuses.get(node.key)
    if reason:
        lines.append(reason)
    elif status is not None:
        lines.append(str(status))
    if node.key in annotations.defensible:
        lines.append(_DEFENSIBLE_MEANING + " (a preferred labelling accepts it)")
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
        _font("<B>? not found</B>", colour="#9E2A6E")
        + "<BR/>"
        + _font(dot_text(f"ref: {written}"), colour=_MUTED)
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

_ATTACK = {"color": _VERMILLION, "style": "dashed", "penwidth": "2.4", "arrowhead": "tee", "arrowsize": "1"}
# An attack that defeats nothing (conceded and outweighed, or weaker): the
# same dashes and bar, thinner and paler, so that it reads as an objection
# set aside, in greyscale too; its word on the line says why.
_SET_ASIDE = {**_ATTACK, "color": _PALE_VERMILLION, "penwidth": "1.2", "arrowsize": "0.8"}
# The words on such a line, and what the legend says of them.
_GRANT_WORDS: Mapping[tuple[Grant, bool], tuple[str, str]] = {
    (Grant.CONCEDED, False): (
        "conceded",
        "granted by the author, and outweighed by the reasons for what it objects to",
    ),
    (Grant.CONCEDED, True): (
        "conceded · not outweighed",
        "granted by the author, and no reason outweighs it: it defeats what it objects to",
    ),
    (Grant.WEAKER, False): ("weaker", "an objection weaker than what it objects to: it defeats nothing"),
}


def _grant_words(found: GrantedAttack) -> tuple[str, str]:
    return _GRANT_WORDS[(found.grant, found.defeats)]


def _edge_attributes(edge: Edge, argmap: ArgMap, corpus: Corpus, annotations: Annotations) -> dict[str, str]:
    source_id = relative_id(edge.source, argmap.id)
    target_id = relative_id(edge.target, argmap.id)
    if edge.relation is Relation.ATTACKS:
        target = corpus.node(edge.target)
        undercut = target is not None and target.kind is Kind.INFERENCE
        verb = "undercuts" if undercut else "rebuts"
        attributes = {
            **_ATTACK,
            "tooltip": _plain_lines(
                [
                    f"`{source_id}` {verb} `{target_id}`",
                    *([f"critical question: {edge.question}"] if edge.question else []),
                ]
            ),
        }
        labels = []
        granted = annotations.granted.get((edge.source, edge.target))
        if granted is not None:
            if not granted.defeats:
                attributes.update(_SET_ASIDE)
            # One word a line: a label between two claims side by side must not widen the diagram.
            words = "<BR/>".join(dot_text(part) for part in _grant_words(granted)[0].split(" · "))
            labels.append(_font(f"<B>{words}</B>", colour=_DARK_VERMILLION))
        if edge.question:
            question = _short(edge.question.replace("-", " "), 28)
            labels.append(_font(f"<I>{dot_text(question)}?</I>", colour=_DARK_VERMILLION))
        if labels:
            attributes["label"] = "<" + "<BR/>".join(labels) + ">"
        return attributes
    # Plain support needs no tooltip: the SVG names both ends in the edge's <title>.
    if edge.relation is Relation.SUPPORTS:
        return {"color": _BLUE, "penwidth": "1.6", "arrowhead": "normal"}
    attributes = {"color": _BLUE, "penwidth": "1.2", "arrowhead": "none"}
    if edge.role:
        attributes["tooltip"] = _plain_lines(
            [f"`{source_id}` is a premise of `{target_id}` (role: {edge.role})"]
        )
    return attributes


def _conflict_attributes(edge: Edge, argmap: ArgMap, annotations: Annotations) -> dict[str, str]:
    """A mutual rebuttal: one thick edge with a bar at each end, outside the ranking. When one side
    outweighs the other, the bar is at the losing end only and the winning end says "prevails"."""
    source_id = relative_id(edge.source, argmap.id)
    target_id = relative_id(edge.target, argmap.id)
    attributes = {
        **_ATTACK,
        "penwidth": "4",
        "dir": "both",
        "arrowtail": "tee",
        "constraint": "false",
        "label": "<" + _font("<B>conflict</B>", colour=_DARK_VERMILLION, size=_TEXT_SIZE + 1) + ">",
        "tooltip": _plain_lines([f"`{source_id}` and `{target_id}` rebut each other"]),
    }
    winner = prevailing_side(annotations.granted, edge.source, edge.target)
    if winner is None:
        return attributes
    loser_id, winner_id = (target_id, source_id) if winner == edge.source else (source_id, target_id)
    prevails = "<" + _font("<B>prevails</B>", colour=_DARK_VERMILLION) + ">"
    attributes["tooltip"] = _plain_lines(
        [f"`{source_id}` and `{target_id}` rebut each other; `{winner_id}` outweighs `{loser_id}`"]
    )
    # Off the line and away from the middle, where "conflict" stands, even on a short edge.
    attributes["labeldistance"] = "2.5"
    attributes["labelangle"] = "40"
    if winner == edge.source:  # the bar at the head, the loser's end
        attributes["dir"] = "forward"
        attributes["taillabel"] = prevails
    else:
        attributes["dir"] = "back"
        attributes["headlabel"] = prevails
    return attributes


# --- title, legend, notes -----------------------------------------------------


def _title_label(argmap: ArgMap) -> str:
    rows = [f"<B>{_html_lines(wrap_text(argmap.title, 70))}</B>"]
    source = argmap.source
    if source is not None:
        about = [part for part in (source.title, source.author, source.date) if part and part != argmap.title]
        if about:
            rows.append(_font(_html_lines(wrap_text(" · ".join(about), 100)), size=_TEXT_SIZE, colour=_MUTED))
    return "<" + "<BR/>".join(rows) + ">"


def _footer(
    argmap: ArgMap,
    keys: Sequence[str],
    view: DiagramView,
    corpus: Corpus,
    annotations: Annotations,
    options: RenderOptions,
    numbers: Mapping[str, int],
) -> str:
    """Under the diagram: what the view hides, the legend, the notes. Never a pointer to a tooltip."""
    rows: list[str] = []
    said = view.hides
    if options.links:
        example = sorted(options.links.values())[0]
        where = "below" if example.startswith("#") else f"in a file named after it: {example}"
        said = f"An overview. Each conclusion has a diagram of its own with all its reasons ({where}). {said}"
    if said:
        lines = _BR_LEFT.join(dot_text(line) for line in wrap_text(said, _NOTE_WRAP))
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_font(f"<I>{lines}</I>", colour=_MUTED)}</TD></TR>')
    if options.legend:
        rows.append(f'<TR><TD ALIGN="LEFT">{_legend(argmap, keys, view, corpus, annotations)}</TD></TR>')
    if numbers:
        rows.append(f'<TR><TD ALIGN="LEFT">{_notes(argmap, corpus, annotations, numbers)}</TD></TR>')
    if not rows:
        return ""
    return '<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">' + "".join(rows) + "</TABLE>>"


def _legend(
    argmap: ArgMap, keys: Sequence[str], view: DiagramView, corpus: Corpus, annotations: Annotations
) -> str:
    """Samples of the marks this diagram uses, each said in plain words, for
    a reader who never saw the map's file."""
    nodes = [node for node in (corpus.node(key) for key in keys) if node is not None]
    mutual = _mutual_rebuttals(view.edges)
    # "objects to" only for a plain attack line: a conflict and a granted attack have rows of their own.
    attacks = any(
        edge.relation is Relation.ATTACKS
        and (edge.source, edge.target) not in mutual
        and (edge.source, edge.target) not in annotations.granted
        for edge in view.edges
    )
    statuses = {annotations.statuses.get(node.key) for node in nodes}
    undecided = {node.key for node in nodes if annotations.statuses.get(node.key) is Status.UNDECIDED}
    standing = any(
        node.kind is Kind.COUNTEREXAMPLE
        and annotations.statuses.get(node.key) is Status.IN
        and node.key not in annotations.outweighed
        for node in nodes
    )
    problems = any(
        problem.severity >= Severity.WARNING for key in keys for problem in annotations.problems.get(key, ())
    )
    thesis = _thesis(argmap, keys) is not None
    cells: list[tuple[str, str]] = []
    if thesis:
        cells.append(
            (
                f'<TD BORDER="1" COLOR="{_BORDER}">{_font("<B>MAIN CLAIM</B>", colour=_BLUE)}</TD>',
                "the map's main claim",
            )
        )
    if Status.IN in statuses:
        cells.append(
            (f'<TD BORDER="1" COLOR="{_BORDER}">a claim</TD>', "a plain box stands: no objection defeats it")
        )
    cells.append((f"<TD>{_font('<B>──▶</B>', colour=_BLUE)}</TD>", "is a reason for"))
    if attacks:
        cells.append((f"<TD>{_font('<B>╌╌┤</B>', colour=_VERMILLION)}</TD>", "objects to"))
    drawn_grants = {
        (found.grant, found.defeats): found
        for edge in view.edges
        if (edge.source, edge.target) not in mutual
        and (found := annotations.granted.get((edge.source, edge.target))) is not None
    }
    for grant_key in sorted(drawn_grants):
        word, meaning = _GRANT_WORDS[grant_key]
        colour = _VERMILLION if drawn_grants[grant_key].defeats else _PALE_VERMILLION
        sample = _font("<B>╌╌┤</B>", colour=colour) + " " + _font(dot_text(word), colour=_DARK_VERMILLION)
        cells.append((f"<TD>{sample}</TD>", meaning))
    if mutual:
        cells.append(
            (
                f"<TD>{_font('<B>├━━┤ conflict</B>', colour=_DARK_VERMILLION)}</TD>",
                "two claims contradict each other",
            )
        )
    if any(prevailing_side(annotations.granted, first, second) for first, second in mutual):
        cells.append(
            (
                f"<TD>{_font('<B>prevails ━━┤</B>', colour=_DARK_VERMILLION)}</TD>",
                "of two claims in conflict, the one that outweighs the other",
            )
        )
    if any(node.kind is Kind.INFERENCE for node in nodes):
        cells.append(
            (
                f'<TD BORDER="1" STYLE="ROUNDED" COLOR="{_BORDER}"><I>sign</I></TD>',
                "a step of reasoning, named by its kind (○ when unnamed)",
            )
        )
    if Status.OUT in statuses:
        style = _STATUS_STYLES[Status.OUT]
        cells.append(
            (
                f'<TD BGCOLOR="{style.fill}" BORDER="1" COLOR="{style.border}">'
                f'<FONT COLOR="{style.marker_colour}">✗ defeated</FONT></TD>',
                "an objection knocks it out, or its reasons fail",
            )
        )
    if undecided - annotations.defensible:
        style = _STATUS_STYLES[Status.UNDECIDED]
        cells.append(
            (
                f'<TD BGCOLOR="{style.fill}" BORDER="1" COLOR="{style.border}">'
                f'<FONT COLOR="{style.marker_colour}">? undecided</FONT></TD>',
                "caught in a conflict the map cannot settle",
            )
        )
    if undecided & annotations.defensible:
        cells.append(
            (
                f'<TD BGCOLOR="{_DEFENSIBLE.fill}" BORDER="1" COLOR="{_DEFENSIBLE.border}">'
                f'<FONT COLOR="{_DEFENSIBLE.marker_colour}">'
                f"{dot_text(_DEFENSIBLE.marker)}</FONT></TD>",
                "undecided, but it holds if its side of the conflict is chosen",
            )
        )
    if standing:
        cells.append(
            (
                f'<TD BORDER="1" COLOR="{_VERMILLION}">'
                f'<FONT COLOR="{_DARK_VERMILLION}">objection stands</FONT></TD>',
                "an objection nothing answers",
            )
        )
    if any(node.implicit for node in nodes):
        cells.append(
            (
                f'<TD BORDER="1" STYLE="DASHED" COLOR="{_BORDER}">dashed</TD>',
                "not said in the source: the analyst's reading",
            )
        )
    if view.stubs:
        cells.append(
            (
                f'<TD BORDER="1" STYLE="ROUNDED,DASHED" COLOR="{_FAINT}">'
                f'<FONT COLOR="{_MUTED}">+3 reasons</FONT></TD>',
                "reasons or objections not drawn here",
            )
        )
    if problems:
        cells.append(
            (
                f'<TD BORDER="1" COLOR="{_PROBLEM_BORDER}"><FONT COLOR="#9E2A6E">⚠ CODE</FONT></TD>',
                "a problem that argmap check reports",
            )
        )
    per_row = 2  # two samples a row: the legend is never what makes a diagram too wide
    rows = [
        "".join(
            f'{sample}<TD ALIGN="LEFT">{dot_text(meaning)}</TD>'
            for sample, meaning in cells[start : start + per_row]
        )
        for start in range(0, len(cells), per_row)
    ]
    return (
        '<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="2">'
        f'<TR><TD ALIGN="LEFT" COLSPAN="{2 * per_row}"><B>Legend</B></TD></TR>'
        + "".join(f"<TR>{row}</TR>" for row in rows)
        + "</TABLE>"
    )


def _notes(argmap: ArgMap, corpus: Corpus, annotations: Annotations, numbers: Mapping[str, int]) -> str:
    """Numbered notes: each node's quote (an inference's warrant) and where it stands in the source."""
    rows = ['<TR><TD ALIGN="LEFT" COLSPAN="2"><B>Notes</B></TD></TR>']
    for key, number in numbers.items():
        node = _node_of(key, argmap, corpus)
        if node is None:
            continue
        parts: list[str] = []
        if node.kind is Kind.INFERENCE:
            parts.append(f"warrant: {node.warrant or node.text or ''}")
        parts.extend(f"“{quote.text}”" for quote in node.quotes)
        where = _source_position(node, annotations.sources.get(key))
        if where:
            parts.append(where.removeprefix("source: "))
        text = " — ".join(" ".join(_clean(part).split()) for part in parts if part)
        rows.append(
            f'<TR><TD ALIGN="RIGHT" VALIGN="TOP">{number}</TD>'
            '<TD ALIGN="LEFT" BALIGN="LEFT">'
            f"{'<BR/>'.join(dot_text(line) for line in wrap_text(text, _NOTE_WRAP))}</TD></TR>"
        )
    return '<TABLE BORDER="0" CELLSPACING="1" CELLPADDING="1">' + "".join(rows) + "</TABLE>"
