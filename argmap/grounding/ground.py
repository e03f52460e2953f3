"""Ground a map in its source: find each quote, and where in the source it stands.

`grounding_for(context)` reads the map's `source.file` (once per run, however
many maps share it), looks every quote of the map's nodes up in the source's
plain-text view (`argmap.grounding.quotes`) and records, for each node:

- `line`: the source line where its first found quote begins;
- `locator`: the node's own `at:` when it has one, otherwise the first
  position marker of the source at or after the start of that quote (in a
  transcript summary that puts `<a class="yt-timestamp" data-t="01:58:12">`
  after each statement, the timestamp of the statement the quote comes
  from), kept exactly as the source writes it;
- `link`: the node's own `url:` when it has one; otherwise, when the node
  has a locator and the source's front matter gives a `videoId`, a link to
  that video. The link carries no time: a marker such as `01:58:12` could be
  hours:minutes:seconds or minutes:seconds:frames, and argmap does not guess
  a unit, so the locator stays text beside the link instead of becoming a
  `t=` parameter that might point at the wrong moment.

A map without `source.file` (a map that confronts other maps, say) is simply
not grounded. A source that is missing, outside the project or unreadable
leaves the map ungrounded too, and is reported by the rules Q503, Q504 and
Q506; quotes are reported by Q501 (not found) and Q502 (case differs).
"""

from __future__ import annotations

import enum
import os
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from argmap.analysis.context import MapContext
from argmap.grounding.patterns import PatternRefused, compile_ignore
from argmap.grounding.quotes import ELISION_MAX_GAP, Outcome, QuoteIndex, QuoteMatch, excerpt
from argmap.grounding.sources import (
    RefusalReason,
    SourceMissing,
    SourceRefused,
    SourceText,
    SourceUnreadable,
    outside_hint,
    read_source,
    resolve_source,
)
from argmap.input.model import ArgMap, Node, Quote
from argmap.problems import Location
from argmap.project import NoProject, can_be_root, find_project, is_marked, lexical_path, project_root

_MEMO_KEY = "argmap.grounding.ground"


class SourceIssueKind(enum.StrEnum):
    MISSING = "missing"
    OUTSIDE = "outside"
    UNREADABLE = "unreadable"

    @property
    def code(self) -> str:
        """The rule that reports it."""
        return {"missing": "Q503", "outside": "Q504", "unreadable": "Q506"}[self.value]


@attrs.frozen
class SourceIssue:
    """Why a map's source could not be read: reported at the `file:` line."""

    kind: SourceIssueKind
    message: str
    hint: str | None
    location: Location


@attrs.frozen
class QuoteCheck:
    """The outcome of looking one quote up in the source."""

    node: str  # the node's key
    # How messages name the quote: "the quote of premise `revenge`", or
    # "quote 2 of premise `revenge`" for a node with several.
    label: str
    quote: Quote
    match: QuoteMatch
    line: int | None  # the source line where the quote begins, when found
    marker: str | None  # the first position marker at or after it
    source_words: str | None  # what the source writes there, when found
    nearest_line: int | None = None  # the line of the nearest passage, when not found
    also_line: int | None = None  # where the passage occurs again, when the quote does not say which
    # The same places as messages name them: `line 12`, or `p. 3, line 4` in a PDF.
    place: str | None = None
    nearest_place: str | None = None
    also_place: str | None = None


@attrs.frozen
class NodeGrounding:
    line: int | None = None
    locator: str | None = None
    link: str | None = None


@attrs.frozen
class MapGrounding:
    # Node key → grounding, for every node of the map when its source could
    # be read; empty otherwise.
    nodes: Mapping[str, NodeGrounding] = attrs.field(factory=dict)
    # The source as shown to the user (relative to the working folder when
    # below it), when the map names one.
    source_file: str | None = None
    source: SourceText | None = attrs.field(default=None, eq=False, repr=False)
    quotes: tuple[QuoteCheck, ...] = ()
    issue: SourceIssue | None = None
    # Where the map writes `source.file`, for problems about the source.
    source_location: Location | None = None

    def quoted_spans(self) -> list[tuple[int, int]]:
        """Plain-text spans that some found quote covers (for coverage)."""
        return [
            span
            for check in self.quotes
            if check.match.outcome is not Outcome.NOT_FOUND
            for span in check.match.spans
        ]


def grounding_for(context: MapContext) -> MapGrounding:
    """The grounding of the context's map (computed once per map and run)."""
    return context.memo(_MEMO_KEY, lambda: _ground(context))


def describe(node: Node) -> str:
    return f"{node.kind} `{node.id}`"


def display_path(path: Path, cwd: Path) -> str:
    try:
        return str(path.relative_to(cwd.resolve()))
    except ValueError:
        return str(path)


def _ground(context: MapContext) -> MapGrounding:
    argmap = context.argmap
    source_info = argmap.source
    if source_info is None or source_info.file is None:
        return MapGrounding()
    location = source_info.location or argmap.location
    written = source_info.file
    cwd = context.run.cwd
    map_folder = argmap.path.parent if argmap.path is not None else cwd
    try:
        root = context.run.memo(("argmap.project", map_folder), lambda: project_root(map_folder, cwd=cwd))
        path = resolve_source(map_folder, written, root)
    except NoProject as no_project:
        issue = SourceIssue(
            SourceIssueKind.OUTSIDE,
            f"source file `{written}` is not read: the map is in no project",
            no_project.hint,
            location,
        )
        return MapGrounding(source_file=written, issue=issue, source_location=location)
    except SourceRefused as refused:
        hint = _outside_hint(context, map_folder, written, refused)
        issue = SourceIssue(SourceIssueKind.OUTSIDE, refused.message, hint, location)
        return MapGrounding(source_file=written, issue=issue, source_location=location)
    except SourceMissing as missing:
        if missing.looked_for is None:
            issue = SourceIssue(SourceIssueKind.MISSING, missing.message, missing.hint, location)
            return MapGrounding(source_file=written, issue=issue, source_location=location)
        looked_for = display_path(missing.looked_for, cwd)
        issue = SourceIssue(
            SourceIssueKind.MISSING,
            f"{missing.message} (looked for `{looked_for}`)",
            missing.hint,
            location,
        )
        return MapGrounding(source_file=looked_for, issue=issue, source_location=location)
    display = display_path(path, cwd)
    loaded = _read_once(context, path, display, source_info.encoding)
    if isinstance(loaded, SourceUnreadable):
        issue = SourceIssue(SourceIssueKind.UNREADABLE, loaded.message, loaded.hint, location)
        return MapGrounding(source_file=display, issue=issue, source_location=location)
    try:
        ignore = compile_ignore(source_info.ignore)
    except PatternRefused as refused:
        where = source_info.ignore_location or location
        if refused.index is not None and refused.index < len(source_info.ignore_locations):
            where = source_info.ignore_locations[refused.index]
        issue = SourceIssue(SourceIssueKind.UNREADABLE, refused.message, refused.hint, where)
        return MapGrounding(source_file=display, issue=issue, source_location=location)
    index = context.run.memo(
        ("argmap.grounding.quotes.index", path, source_info.encoding, source_info.ignore),
        lambda: QuoteIndex(loaded.text, ignore),
    )
    checks = tuple(_check_quotes(argmap, loaded, index))
    return MapGrounding(
        nodes=_node_groundings(argmap, loaded, checks),
        source_file=display,
        source=loaded,
        quotes=checks,
        source_location=location,
    )


def _outside_hint(context: MapContext, map_folder: Path, written: str, refused: SourceRefused) -> str:
    """What to do about a source outside the project: which mark makes the
    project, or, when none does, which folder to mark."""
    cwd = context.run.cwd
    project = find_project(map_folder, cwd=cwd)
    shown = display_path(refused.project, cwd) or "."
    if is_marked(project):
        mark = project.config_file.name if project.config_file is not None else ".git"
        return (
            f"copy the document into the map's project, `{shown}` (the folder that holds its {mark}), "
            "and name it relative to the map"
        )
    if refused.reason is RefusalReason.CLIMBS_OUT:
        target = lexical_path(map_folder / written)
        shared = lexical_path(Path(os.path.commonpath([lexical_path(map_folder), target.parent])))
        if can_be_root(shared):
            folder = display_path(shared, cwd) or "."
            return (
                "no argmap.toml, pyproject.toml [tool.argmap] or .git marks a project above the map, so its "
                "project is the folder argmap runs from; mark the folder that holds both the map "
                f"and the document: create `{Path(folder) / 'argmap.toml'}` "
                f"(`argmap init {folder}` does it), "
                "or run argmap from there"
            )
    return outside_hint(shown)


def _read_once(
    context: MapContext, path: Path, display: str, encoding: str | None
) -> SourceText | SourceUnreadable:
    def read() -> SourceText | SourceUnreadable:
        try:
            return read_source(path, display, context.config.limits.max_bytes, encoding)
        except SourceUnreadable as error:
            return error

    return context.run.memo(("argmap.grounding.sources", path, encoding), read)


def _check_quotes(argmap: ArgMap, source: SourceText, index: QuoteIndex) -> list[QuoteCheck]:
    checks: list[QuoteCheck] = []
    for node in argmap.nodes:
        for number, quote in enumerate(node.quotes, start=1):
            match = index.find(quote.text, quote.occurrence, quote.after)
            line = marker = words = nearest_line = also_line = None
            place = nearest_place = also_place = None
            if match.also_at is not None:
                also_line = source.line_of(match.also_at)
                also_place = source.place_of(match.also_at)
            if match.start is not None and match.end is not None:
                line = source.line_of(match.start)
                place = source.place_of(match.start)
                # A PDF's pages are its markers: the page a quote begins on.
                marker = source.page_locator(match.start)
                if marker is None:
                    found_marker = source.marker_at_or_after(match.start)
                    marker = found_marker.text if found_marker is not None else None
                words = excerpt(source.text[match.start : match.end], 160)
            if match.nearest is not None:
                nearest_line = source.line_of(match.nearest.start)
                nearest_place = source.place_of(match.nearest.start)
            which = f"quote {number}" if len(node.quotes) > 1 else "the quote"
            label = f"{which} of {describe(node)}"
            checks.append(
                QuoteCheck(
                    node.key,
                    label,
                    quote,
                    match,
                    line,
                    marker,
                    words,
                    nearest_line,
                    also_line,
                    place,
                    nearest_place,
                    also_place,
                )
            )
    return checks


def _node_groundings(
    argmap: ArgMap, source: SourceText, checks: tuple[QuoteCheck, ...]
) -> dict[str, NodeGrounding]:
    first_found: dict[str, QuoteCheck] = {}
    for check in checks:
        if check.line is not None:
            first_found.setdefault(check.node, check)
    video = source.video_id
    groundings: dict[str, NodeGrounding] = {}
    for node in argmap.nodes:
        found = first_found.get(node.key)
        locator = node.at or (found.marker if found is not None else None)
        link = node.url or (video_link(video) if video and locator else None)
        groundings[node.key] = NodeGrounding(found.line if found is not None else None, locator, link)
    return groundings


def video_link(video_id: str) -> str:
    """A link to the video (without a time: see the module's docstring)."""
    return "https://www.youtube.com/watch?v=" + urllib.parse.quote(video_id, safe="")


def not_found_detail(check: QuoteCheck) -> str:
    """Why a quote was not found, in the words of the Q501 message."""
    if check.match.after_missing:
        return f": the words of its `after:`, “{excerpt(check.quote.after or '', 60)}”, do not occur there"
    if check.match.occurrences is not None:
        asked = check.quote.occurrence or 1
        where = " after its `after:` words" if check.quote.after is not None else ""
        times = {0: "not at all", 1: "once"}.get(check.match.occurrences, f"{check.match.occurrences} times")
        return f": it asks for occurrence {asked}, and the passage occurs {times}{where}"
    if check.match.parts_found_apart:
        return f": its parts occur, but not in this order within {ELISION_MAX_GAP} characters of each other"
    return ""


def grounding_fields(context: MapContext) -> dict[str, dict[str, Any]]:
    """The export hook: `source_line`, `locator` and `link` of every node of
    the map and of the maps it refers to (each grounded in its own source)."""
    fields: dict[str, dict[str, Any]] = {}
    for argmap in context.corpus.scope(context.argmap.id):
        grounding = grounding_for(context.run.context(argmap))
        for node in argmap.nodes:
            node_grounding = grounding.nodes.get(node.key) or NodeGrounding(None, node.at, node.url)
            fields[node.key] = {
                "source_line": node_grounding.line,
                "locator": node_grounding.locator,
                "link": node_grounding.link,
            }
    return fields
