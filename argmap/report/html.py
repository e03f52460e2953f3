"""One map's report: a single self-contained HTML page.

`report_html(context, problems)` gathers what the library knows about the
map (the evaluation and its explanations, the grounding of every quote,
coverage, schemes, problems) and assembles the page: the source with every
quoted passage marked beside the diagram, a panel per node that says why
the node stands or falls, and the whole map's findings. A map that
confronts other maps (no source of its own) gets three columns: the nodes
of one document, the map and its findings, the nodes of the other, each
node linked into its own document's report.

Safe and self-contained: the page asks for nothing (no font, image, style
or script from anywhere), and its Content-Security-Policy allows only its
own stylesheet and script, named by their SHA-256 (the same bytes every
run). Every string of the map and the source reaches the page through
`argmap.report.escape.escape_html`; links are kept only when they are web
or mail links. The same inputs give the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path

import attrs

from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import Evaluation, Status, evaluation_for, scope_maps
from argmap.input.model import ArgMap, Kind, Node, Relation, split_key
from argmap.problems import Problem, Severity
from argmap.report.escape import escape_html, safe_link
from argmap.report.source_view import Highlight, Uncovered, source_html
from argmap.text import display_id

_STATUS_WORDS = {
    Status.IN: ("✓ in", "it stands"),
    Status.OUT: ("✗ out", "it is defeated"),
    Status.UNDECIDED: ("? undecided", "the map cannot settle it"),
}
_CAN_STAND = (
    "? undecided · can stand",
    "the map cannot settle it, but it holds if its side of the conflict is chosen "
    "(a preferred labelling accepts it)",
)
_KIND_WORDS = {
    Kind.CONCLUSION: "Conclusion",
    Kind.PREMISE: "Premise",
    Kind.INFERENCE: "Inference",
    Kind.COUNTEREXAMPLE: "Counterexample",
}
_SEVERITY_WORDS = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}
_SLUG = re.compile(r"^[a-z0-9_-]+$")
_CODE_SPAN = re.compile(r"`([^`]+)`")


def asset(name: str) -> str:
    return resources.files("argmap.report").joinpath("assets", name).read_text(encoding="utf-8")


def content_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def report_name(argmap: ArgMap) -> str:
    """The file name of a map's report: `maps/x.yaml` gives `x.html`."""
    path = argmap.path if argmap.path is not None else Path(argmap.file)
    return path.with_suffix(".html").name


def node_dom_id(key: str, map_id: str) -> str:
    """The id of a node's panel: `node-revenge`, `node-other-map.revenge` for
    a node of another map (ids are slugs, so `.` cannot be part of one)."""
    other, node_id = split_key(key)
    if _SLUG.match(other) and _SLUG.match(node_id):
        return f"node-{node_id}" if other == map_id else f"node-{other}.{node_id}"
    return "node-x" + "-".join(f"{ord(character):x}" for character in key)


@attrs.frozen
class _Page:
    """What the parts of the page share."""

    context: MapContext
    evaluation: Evaluation
    keys: tuple[str, ...]  # the drawn nodes, in drawing order
    nodes: Mapping[str, Node]
    dom_ids: Mapping[str, str]  # node key -> DOM id
    by_display: Mapping[str, str]  # how messages name a node -> DOM id
    problems: tuple[Problem, ...]
    report_names: Mapping[str, str]  # map id -> its report's file name
    defensible: frozenset[str] = frozenset()  # undecided, but in in some preferred labelling

    @property
    def argmap(self) -> ArgMap:
        return self.context.argmap

    def link(self, key: str, text: str | None = None) -> str:
        dom_id = self.dom_ids.get(key)
        shown = escape_html(text if text is not None else split_key(key)[1])
        if dom_id is None:
            return f"<code>{shown}</code>"
        return f'<a class="node-link" href="#{dom_id}" data-node="{dom_id}"><code>{shown}</code></a>'

    def words(self, message: str) -> str:
        """A message of the library, escaped, its `ids` linked to their nodes."""
        parts: list[str] = []
        position = 0
        for found in _CODE_SPAN.finditer(message):
            parts.append(escape_html(message[position : found.start()]))
            dom_id = self.by_display.get(found.group(1))
            shown = escape_html(found.group(1))
            if dom_id is not None:
                parts.append(
                    f'<a class="node-link" href="#{dom_id}" data-node="{dom_id}"><code>{shown}</code></a>'
                )
            else:
                parts.append(f"<code>{shown}</code>")
            position = found.end()
        parts.append(escape_html(message[position:]))
        return "".join(parts)


def report_html(
    context: MapContext,
    problems: Iterable[Problem] = (),
    *,
    engine: str = "bundled",
    report_names: Mapping[str, str] | None = None,
) -> str:
    """The report of the context's map, as the text of one HTML file."""
    from argmap.diagram.dot import RenderOptions, defensible_keys, dot_name, drawn_keys
    from argmap.diagram.draw import draw
    from argmap.diagram.layout import plan_diagrams
    from argmap.report.svg import interactive_svg

    argmap = context.argmap
    problems = tuple(problem for problem in problems if problem.file == argmap.file)
    keys = tuple(drawn_keys(argmap, context.corpus))
    nodes: dict[str, Node] = {}
    for key in keys:
        node = argmap.node_index.get(key) or context.corpus.node(key)
        if node is not None:
            nodes[key] = node
    dom_ids = {key: node_dom_id(key, argmap.id) for key in keys}
    by_display = {display_id(key, argmap.id).strip("`"): dom_ids[key] for key in keys}
    names = dict(report_names or {})
    for other in scope_maps(context):
        names.setdefault(other.id, report_name(other))
    page = _Page(
        context,
        evaluation_for(context),
        keys,
        nodes,
        dom_ids,
        by_display,
        problems,
        names,
        defensible_keys(context),
    )

    labels = {dom_ids[key]: _aria_label(page, key) for key in keys}
    node_ids = {dot_name(key): dom_ids[key] for key in keys}
    # The diagrams `argmap render` draws: the whole map when it fits the
    # width budget, else an overview and one diagram per conclusion.
    planned = plan_diagrams(context, problems, RenderOptions(), part_link=lambda suffix: f"#view{suffix}")
    views: list[_View] = []
    drawn: dict[str, int] = {}  # DOT -> its view: two claims in conflict share one tree, drawn once
    for part in planned:
        caption = _view_caption(page, part.suffix, len(planned))
        if part.dot in drawn:
            first = views[drawn[part.dot]]
            views[drawn[part.dot]] = attrs.evolve(first, caption=f"{first.caption} / {caption}")
            continue
        drawn[part.dot] = len(views)
        svg = interactive_svg(draw(part.dot, "svg", engine).data, node_ids, labels)
        views.append(_View(f"view{part.suffix or ''}", caption, svg))
    diagram = _diagrams(views)
    view_list = _view_list(views)
    style = asset("report.css")
    script = asset("report.js")
    policy = (
        f"default-src 'none'; script-src {content_hash(script)}; style-src {content_hash(style)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; base-uri 'none'; form-action 'none'"
    )
    confrontation = argmap.source is None or argmap.source.file is None
    others = [other for other in scope_maps(context) if other.id != argmap.id]
    body: list[str] = []
    body.append('<a class="skip-link" href="#map">Skip to the map</a>\n')
    body.append(_header(page))
    layout = "layout confrontation" if confrontation and others else "layout"
    body.append(f'<main id="main" class="{layout}">\n')
    if confrontation and others:
        half = max(1, (len(others) + 1) // 2)
        body.append(_document_column(page, others[:half], "document-a"))
        body.append(_map_section(page, diagram, view_list))
        body.append(_document_column(page, others[half:], "document-b"))
    else:
        body.append(_source_section(page))
        body.append(_map_section(page, diagram, view_list))
    body.append("</main>\n")
    body.append(_findings(page))
    body.append(
        '<footer class="page-footer"><p>Made by <code>argmap report</code> from '
        f"<code>{escape_html(argmap.file)}</code>. Statuses follow grounded semantics: a claim is in when "
        "a supporting inference holds and no accepted objection defeats it.</p></footer>\n"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape_html(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="generator" content="argmap report">\n'
        f"<title>{escape_html(argmap.title)}: argument map report</title>\n"
        f"<style>{style}</style>\n</head>\n<body>\n"
        + "".join(body)
        + f"<script>{script}</script>\n</body>\n</html>\n"
    )


@attrs.frozen
class _View:
    """One diagram of the report: the whole map, a split's overview, or one conclusion's part."""

    anchor: str  # its DOM id
    caption: str  # plain text
    svg: str  # the inline SVG markup


def _view_caption(page: _Page, suffix: str | None, count: int) -> str:
    if suffix is None:
        return "Overview: the conclusions" if count > 1 else ""
    from argmap.diagram.layout import part_suffix

    for root in page.argmap.roots:
        if part_suffix(root, page.argmap.id) == suffix:
            node = page.nodes.get(root)
            words = node.label if node is not None else display_id(root, page.argmap.id)
            return words if len(words) <= 90 else words[:89].rstrip() + "…"
    return suffix.strip("-")


def _view_list(views: Sequence[_View]) -> str:
    """For a split map: the list of its diagrams, folded, above them."""
    if len(views) == 1:
        return ""
    parts = [
        '<details class="view-list"><summary>'
        f"{len(views)} diagrams: an overview, then one per conclusion</summary>"
        '<nav aria-label="The diagrams of this map"><ol>'
    ]
    parts.extend(
        f'<li><a href="#{escape_html(view.anchor)}">{escape_html(view.caption)}</a></li>' for view in views
    )
    parts.append("</ol></nav></details>\n")
    return "".join(parts)


def _diagrams(views: Sequence[_View]) -> str:
    """The one diagram; or a split's overview first, then each conclusion's diagram under its caption."""
    if len(views) == 1:
        return views[0].svg
    parts = []
    for view in views:
        parts.append(
            f'<figure class="view" id="{escape_html(view.anchor)}">'
            f"<figcaption>{escape_html(view.caption)}</figcaption>{view.svg}</figure>"
        )
    return "".join(parts)


def _aria_label(page: _Page, key: str) -> str:
    node = page.nodes.get(key)
    status = page.evaluation.statuses.get(key)
    kind = _KIND_WORDS[node.kind] if node is not None else "Node"
    words = node.label if node is not None else key
    said = f"{kind} {split_key(key)[1]}: {words}"
    return said + (f" ({status.value})" if status is not None else "")


def _counts(page: _Page) -> str:
    counts = {status: 0 for status in Status}
    for key in page.keys:
        status = page.evaluation.statuses.get(key)
        if status is not None:
            counts[status] += 1
    return ", ".join(f"{counts[status]} {status.value}" for status in Status)


def _coverage(page: _Page) -> tuple[str | None, tuple[Uncovered, ...]]:
    from argmap.grounding.coverage import coverage_for

    coverage = coverage_for(page.context)
    if coverage is None:
        return None, ()
    figure = f"{coverage.covered} of {coverage.total} sentences quoted ({coverage.percent:.0f}%)"
    uncovered = tuple(Uncovered(s.start, s.end, s.markers) for s in coverage.uncovered_reasoning)
    return figure, uncovered


def _header(page: _Page) -> str:
    argmap = page.argmap
    figure, _ = _coverage(page)
    facts = [f"{len(page.keys)} nodes", _counts(page)]
    if figure is not None:
        facts.append(f"coverage: {figure}")
    errors = sum(1 for problem in page.problems if problem.severity is Severity.ERROR)
    warnings = sum(1 for problem in page.problems if problem.severity is Severity.WARNING)
    facts.append(f"{errors} errors, {warnings} warnings")
    parts = [
        '<header class="page-header">\n',
        f"<h1>{escape_html(argmap.title)}</h1>\n",
        f'<p class="facts">{escape_html(" · ".join(facts))}</p>\n',
    ]
    if argmap.note:
        parts.append(
            '<details class="map-note"><summary>About this map</summary>'
            f"{_paragraphs(argmap.note)}</details>\n"
        )
    parts.append(
        '<nav aria-label="Parts of the report"><ul>'
        + ("" if argmap.source is None else '<li><a href="#source">Source</a></li>')
        + '<li><a href="#map">Map</a></li><li><a href="#findings">Findings</a></li></ul></nav>\n'
    )
    parts.append("</header>\n")
    return "".join(parts)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape_html(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def _source_section(page: _Page) -> str:
    from argmap.grounding.ground import grounding_for

    grounding = grounding_for(page.context)
    parts = ['<section id="source" class="source-pane" aria-labelledby="source-title">\n']
    shown = grounding.source_file or (page.argmap.source.file if page.argmap.source else None) or ""
    parts.append(f'<h2 id="source-title">Source: <code>{escape_html(shown)}</code></h2>\n')
    source = grounding.source
    if source is None:
        reason = grounding.issue.message if grounding.issue is not None else "the map names no source"
        parts.append(f'<p class="notice">The source could not be shown: {escape_html(reason)}.</p>\n')
        parts.append("</section>\n")
        return "".join(parts)
    if source.title:
        parts.append(f'<p class="source-title">{escape_html(source.title)}</p>\n')
    parts.append(
        '<p class="legend"><span class="swatch swatch-quote">quoted by a node</span> '
        '<span class="swatch swatch-uncovered">reasoning no node quotes</span> '
        "Select a passage to see its node.</p>\n"
    )
    highlights = [
        Highlight(f"quote-{number}", page.dom_ids.get(check.node, "node-x"), check.match.spans)
        for number, check in enumerate(grounding.quotes, start=1)
        if check.line is not None and check.node in page.dom_ids
    ]
    from argmap.grounding.ground import video_link

    _, uncovered = _coverage(page)
    video = source.video_id
    parts.append('<div class="source-text">\n')
    parts.append(source_html(source, highlights, uncovered, video_link(video) if video else None))
    parts.append("</div>\n</section>\n")
    return "".join(parts)


def _map_section(page: _Page, diagram: str, view_list: str = "") -> str:
    parts = ['<section id="map" class="map-pane" aria-labelledby="map-title">\n']
    parts.append('<h2 id="map-title">The map</h2>\n')
    parts.append(
        '<div class="toolbar" role="toolbar" aria-label="Diagram">'
        '<button type="button" class="zoom" aria-pressed="false">Full size</button>'
        '<span class="toolbar-hint">Select a node to read its quote and why it stands or falls.</span>'
        "</div>\n"
    )
    parts.append(view_list)
    parts.append(f'<div class="diagram-frame">{diagram}</div>\n')
    parts.append('<section class="panels" aria-label="The selected node" aria-live="polite">\n')
    parts.append(
        '<p class="panel-empty">'
        "No node selected: select one in the diagram, in the source or in the list below.</p>\n"
    )
    for key in page.keys:
        parts.append(_panel(page, key))
    parts.append("</section>\n")
    parts.append('<nav class="node-list" aria-label="Every node"><h3>Every node</h3><ul>\n')
    for key in page.keys:
        node = page.nodes.get(key)
        status = page.evaluation.statuses.get(key)
        badge = (
            f'<span class="badge status-{status.value}">{escape_html(status.value)}</span> ' if status else ""
        )
        words = node.label if node is not None else key
        kind = _KIND_WORDS[node.kind].lower() if node is not None else "node"
        parts.append(
            f"<li>{badge}{page.link(key, display_id(key, page.argmap.id).strip('`'))} "
            f'<span class="kind">{escape_html(kind)}</span> {escape_html(words)}</li>\n'
        )
    parts.append("</ul></nav>\n</section>\n")
    return "".join(parts)


def _panel(page: _Page, key: str) -> str:
    dom_id = page.dom_ids[key]
    node = page.nodes.get(key)
    shown = display_id(key, page.argmap.id).strip("`")
    parts = [
        f'<article class="node-panel" id="{escape_html(dom_id)}" data-node="{escape_html(dom_id)}" '
        f'aria-labelledby="{escape_html(dom_id)}-title">\n'
    ]
    kind = _KIND_WORDS[node.kind] if node is not None else "Missing node"
    parts.append(
        f'<h3 id="{escape_html(dom_id)}-title">{escape_html(kind)} <code>{escape_html(shown)}</code></h3>\n'
    )
    if node is None:
        parts.append("<p>This node is referred to but defined nowhere.</p>\n</article>\n")
        return "".join(parts)
    status = page.evaluation.statuses.get(key)
    if status is not None:
        short, meaning = _STATUS_WORDS[status]
        if key in page.defensible:
            # Where the preferred semantics says more than the grounded verdict.
            short, meaning = _CAN_STAND
        parts.append(
            f'<p class="status status-{status.value}">'
            f"<strong>{escape_html(short)}</strong>: {escape_html(meaning)}.</p>\n"
        )
    if node.text:
        parts.append(f'<p class="node-text">{escape_html(node.text)}</p>\n')
    if status is not None:
        parts.append(f'<h4>Why</h4>\n<p class="why">{page.words(_why(page.evaluation.explain(key)))}</p>\n')
        parts.extend(f'<p class="granted">{page.words(sentence)}</p>\n' for sentence in _granted(page, key))
    parts.append(_quotes(page, node))
    parts.append(_scheme(page, node))
    parts.append(_connections(page, key))
    node_problems = sorted(
        (problem for problem in page.problems if problem.node == key),
        key=lambda problem: (-problem.severity, problem.code, problem.message),
    )
    if node_problems:
        parts.append('<h4>Problems</h4>\n<ul class="problems">\n')
        parts.extend(f"<li>{_problem(page, problem, link=False)}</li>\n" for problem in node_problems)
        parts.append("</ul>\n")
    if node.note:
        parts.append(f'<h4>Note</h4>\n<div class="note">{_paragraphs(node.note)}</div>\n')
    if node.map_id != page.argmap.id:
        target = page.report_names.get(node.map_id)
        if target is not None:
            href = f"{target}#{node_dom_id(key, node.map_id)}"
            parts.append(
                f'<p class="elsewhere"><a href="{escape_html(href)}">'
                f"This node in the report of <code>{escape_html(node.map_id)}</code></a></p>\n"
            )
    parts.append("</article>\n")
    return "".join(parts)


def _granted(page: _Page, key: str) -> list[str]:
    """What the node's conceded and weaker attacks come to, in words: as the objection, then as
    what it objects to (`argmap.analysis.granted`)."""
    from argmap.analysis.granted import Grant, granted_attacks

    def named(keys: Iterable[str]) -> str:
        shown = [display_id(other, page.argmap.id) for other in keys]
        return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]

    sentences: list[str] = []
    granted = granted_attacks(page.evaluation).values()
    for found in granted:
        if found.source != key:
            continue
        if found.grant is Grant.WEAKER:
            sentences.append(f"Weaker than {named([found.target])}: it does not defeat it.")
        elif found.defeats:
            sentences.append(
                f"Conceded by the author, but nothing outweighs it: it defeats {named([found.target])}."
            )
        else:
            reasons = [reason for reason in found.outweighed_by if reason != found.target]
            target = named([found.target])
            by = f"the reasons for {target}, {named(reasons)}" if reasons else target
            sentences.append(f"Conceded by the author, outweighed by {by}.")
    for found in granted:
        if found.target != key:
            continue
        if found.grant is Grant.WEAKER:
            sentences.append(f"Outweighs {named([found.source])}, whose objection is weaker.")
        elif found.defeats:
            sentences.append(f"Its reasons do not outweigh the conceded {named([found.source])}.")
        else:
            sentences.append(f"Its reasons outweigh the conceded {named([found.source])}.")
    return sentences


def _why(explanation: str) -> str:
    """ "out: rebutted by `x` (in)" as a sentence: the status is said above it."""
    _, _, reason = explanation.partition(": ")
    reason = reason or explanation
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")


def _quotes(page: _Page, node: Node) -> str:
    from argmap.grounding.ground import grounding_for

    if node.implicit and not node.quotes:
        return (
            "<h4>In the source</h4>\n"
            '<p class="implicit">Reconstructed by the analyst: the document does not state it.</p>\n'
        )
    if not node.quotes:
        return ""
    argmap = page.argmap if node.map_id == page.argmap.id else page.context.corpus.map(node.map_id)
    grounding = grounding_for(page.context.run.context(argmap)) if argmap is not None else None
    checks = [] if grounding is None else [check for check in grounding.quotes if check.node == node.key]
    numbers = {} if grounding is None else {id(check): n for n, check in enumerate(grounding.quotes, start=1)}
    node_grounding = grounding.nodes.get(node.key) if grounding is not None else None
    parts = ["<h4>In the source</h4>\n"]
    for quote in node.quotes:
        check = next((c for c in checks if c.quote is quote or c.quote == quote), None)
        parts.append(f'<blockquote class="quote-text">{escape_html(quote.text)}</blockquote>\n')
        facts: list[str] = []
        if check is not None and check.line is not None:
            if node.map_id == page.argmap.id:
                facts.append(
                    f'<a href="#line-{check.line}" class="show-quote" '
                    f'data-quote="quote-{numbers[id(check)]}" '
                    f'data-node="{escape_html(page.dom_ids.get(node.key, ""))}">'
                    f"line {check.line} of the source</a>"
                )
            else:
                facts.append(
                    f"line {check.line} of <code>{escape_html(grounding.source_file or '')}</code>"
                    if grounding
                    else ""
                )
        elif grounding is not None and grounding.source is not None:
            facts.append('<span class="not-found">not found in the source (Q501)</span>')
        locator = node.at or (check.marker if check is not None else None)
        if locator:
            link = safe_link(node_grounding.link if node_grounding is not None else node.url)
            text = f"at {escape_html(locator)}"
            if link is not None:
                text = (
                    f'<a href="{escape_html(link)}" rel="noopener noreferrer" target="_blank">'
                    f"{text} (video)</a>"
                )
            facts.append(text)
        elif node.url:
            link = safe_link(node.url)
            facts.append(
                f'<a href="{escape_html(link)}" rel="noopener noreferrer" target="_blank">'
                f"{escape_html(node.url)}</a>"
                if link is not None
                else f"<code>{escape_html(node.url)}</code>"
            )
        parts.append(f'<p class="quote-facts">{" · ".join(fact for fact in facts if fact)}</p>\n')
    return "".join(parts)


def _scheme(page: _Page, node: Node) -> str:
    if node.kind is not Kind.INFERENCE:
        return ""
    parts: list[str] = []
    if node.scheme:
        from argmap.analysis.schemes import catalogue_for_context

        scheme = catalogue_for_context(page.context).get(node.scheme)
        if scheme is None:
            parts.append(
                f"<h4>Scheme</h4>\n<p><code>{escape_html(node.scheme)}</code> (not in the catalogue)</p>\n"
            )
        else:
            parts.append(
                f"<h4>Scheme</h4>\n<p><strong>{escape_html(scheme.title)}</strong> "
                f"(<code>{escape_html(scheme.id)}</code>): "
                f"{escape_html(scheme.description)}</p>\n"
            )
            raised = _raised_questions(page, node.key)
            open_questions = [question for question in scheme.questions if question.id not in raised]
            if open_questions:
                parts.append('<p>Critical questions nobody raises:</p>\n<ul class="questions">\n')
                parts.extend(
                    f"<li><code>{escape_html(question.id)}</code>: {escape_html(question.text)}</li>\n"
                    for question in open_questions
                )
                parts.append("</ul>\n")
            answered = [question for question in scheme.questions if question.id in raised]
            if answered:
                parts.append(
                    "<p>Raised: "
                    + ", ".join(f"<code>{escape_html(question.id)}</code>" for question in answered)
                    + ".</p>\n"
                )
    if node.warrant:
        parts.append(f'<h4>Warrant</h4>\n<p class="warrant">{escape_html(node.warrant)}</p>\n')
    return "".join(parts)


def _raised_questions(page: _Page, key: str) -> set[str]:
    from argmap.analysis.evaluate import scope_edges

    edges = scope_edges(page.context)
    conclusion = next((e.target for e in edges if e.relation is Relation.SUPPORTS and e.source == key), "")
    return {
        edge.question
        for edge in edges
        if edge.relation is Relation.ATTACKS and edge.question and edge.target in (key, conclusion)
    }


def _connections(page: _Page, key: str) -> str:
    from argmap.diagram.dot import drawn_edges

    rows: list[tuple[str, list[str]]] = [
        ("Supports", []),
        ("Supported by", []),
        ("Premise of", []),
        ("Premises", []),
        ("Attacks", []),
        ("Attacked by", []),
    ]
    table = dict(rows)
    for edge in drawn_edges(page.argmap, page.context.corpus):
        if edge.relation is Relation.SUPPORTS:
            outgoing, incoming = "Supports", "Supported by"
        elif edge.relation is Relation.ATTACKS:
            outgoing, incoming = "Attacks", "Attacked by"
        else:
            outgoing, incoming = "Premise of", "Premises"
        if edge.source == key:
            table[outgoing].append(edge.target)
        if edge.target == key:
            table[incoming].append(edge.source)
    shown = [(label, table[label]) for label, _ in rows if table[label]]
    if not shown:
        return ""
    items = "".join(
        f"<dt>{escape_html(label)}</dt><dd>"
        + ", ".join(
            page.link(other, display_id(other, page.argmap.id).strip("`")) for other in dict.fromkeys(others)
        )
        + "</dd>"
        for label, others in shown
    )
    return f'<h4>Connections</h4>\n<dl class="connections">{items}</dl>\n'


def _problem(page: _Page, problem: Problem, *, link: bool) -> str:
    text = (
        f'<span class="severity severity-{escape_html(problem.severity.name.lower())}">'
        f"{escape_html(problem.severity.name.lower())}</span> "
        f"<code>{escape_html(problem.code)}</code> {page.words(problem.message)}"
    )
    if link and problem.node is not None and problem.node in page.dom_ids:
        text += f" ({page.link(problem.node, display_id(problem.node, page.argmap.id).strip('`'))})"
    text += f' <span class="where">line {problem.line}</span>'
    if problem.hint:
        text += f'<br><span class="hint">Hint: {page.words(problem.hint)}</span>'
    return text


def _findings(page: _Page) -> str:
    figure, uncovered = _coverage(page)
    parts = ['<section id="findings" class="findings" aria-labelledby="findings-title">\n']
    parts.append('<h2 id="findings-title">Findings</h2>\n')
    parts.append(f"<p><strong>Statuses:</strong> {escape_html(_counts(page))}.</p>\n")
    if figure is not None:
        parts.append(
            f"<p><strong>Coverage:</strong> {escape_html(figure)}; "
            f"{len(uncovered)} sentences that carry reasoning are quoted by no node "
            "(marked in the source).</p>\n"
        )
    grouped: dict[Severity, list[Problem]] = {}
    for problem in page.problems:
        grouped.setdefault(problem.severity, []).append(problem)
    if not page.problems:
        parts.append("<p>No problems found.</p>\n")
    for severity in sorted(grouped, reverse=True):
        found = sorted(grouped[severity], key=lambda p: (p.line, p.column, p.code, p.message))
        parts.append(
            f"<h3>{escape_html(_SEVERITY_WORDS.get(severity, severity.name))} ({len(found)})</h3>\n"
            '<ul class="problems">\n'
        )
        parts.extend(f"<li>{_problem(page, problem, link=True)}</li>\n" for problem in found)
        parts.append("</ul>\n")
    parts.append("</section>\n")
    return "".join(parts)


def _document_column(page: _Page, maps: Sequence[ArgMap], css: str) -> str:
    parts = [f'<section class="document-column {css}" aria-labelledby="{css}-title">\n']
    for number, other in enumerate(maps):
        heading_id = f"{css}-title" if number == 0 else f"{css}-title-{number}"
        target = page.report_names.get(other.id, report_name(other))
        parts.append(f'<h2 id="{heading_id}">{escape_html(other.title)}</h2>\n')
        parts.append(
            f'<p class="elsewhere"><a href="{escape_html(target)}">'
            f"The report of <code>{escape_html(other.id)}</code>, beside its source</a></p>\n"
            '<ul class="document-nodes">\n'
        )
        for key in page.keys:
            node = page.nodes.get(key)
            if node is None or node.map_id != other.id:
                continue
            status = page.evaluation.statuses.get(key)
            badge = (
                f'<span class="badge status-{status.value}">{escape_html(status.value)}</span> '
                if status
                else ""
            )
            quote = (
                f'<blockquote class="quote-text">{escape_html(node.quotes[0].text)}</blockquote>'
                if node.quotes
                else ""
            )
            href = f"{target}#{node_dom_id(key, other.id)}"
            parts.append(
                f"<li>{badge}{page.link(key, node.id)} {escape_html(node.label)}{quote}"
                f'<a class="elsewhere" href="{escape_html(href)}">in its own report</a></li>\n'
            )
        parts.append("</ul>\n")
    parts.append("</section>\n")
    return "".join(parts)
