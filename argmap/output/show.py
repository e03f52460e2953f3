"""`argmap show`: a map as a tree of where each node stands, with its status
and the codes of its problems.

`show_lines` builds the tree as data: lines of styled segments, the styles
named as rich names them. `render_show` turns them into text: plain when
there is no colour (without importing rich), or through rich for a
terminal. Every user string is escaped for a terminal here, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from argmap.terminal import for_terminal
from argmap.text import relative_id

if TYPE_CHECKING:
    from argmap.analysis.context import MapContext
    from argmap.analysis.evaluate import Evaluation
    from argmap.input.model import Edge, Node
    from argmap.problems import Location, Problem


@attrs.frozen
class Row:
    """One line of `argmap show`: a node where the map uses it."""

    key: str
    role: str  # what the node is where it stands: conclusion, inference, premise or counterexample
    depth: int  # 1 for a conclusion
    guide: str  # the tree lines before it
    expanded: bool  # False: a further use of a node shown in full elsewhere
    hidden: int = 0  # nodes folded away below it by --depth
    # Nodes of another map below it that the view leaves out (they lie deeper
    # in that map than this map's evaluation reads): counted, never dropped.
    outside: int = 0
    parent: str | None = None  # the node it supports, is a premise of, or attacks (None for a root)


def tree_rows(context: MapContext) -> list[Row]:
    """The map's view as a tree, depth first in the order of the file, without recursion.

    The tree holds what the map's diagram holds (`argmap.input.model.map_view`):
    its own nodes and edges, and for a map that refers to other maps, every
    node of theirs the evaluation of a shown node reads (each supporting
    inference of a shown claim, every premise of a shown inference, every
    attack) and what the referred nodes support up to their map's
    conclusions. Those conclusions of other maps follow the map's own.
    Each node is expanded once: where the map defines it (or, for a node of
    another map, where the tree first meets it); every other use is a
    reference row. So shared premises and cycles print once.
    """
    from argmap.input.model import map_view

    argmap = context.argmap
    view = map_view(argmap, context.corpus)
    children: dict[str, list[Edge]] = {}
    for edge in view.edges:
        children.setdefault(edge.target, []).append(edge)
    for edges in children.values():
        # The map's own edges first, in the order of its file; then those of other maps, file by file.
        edges.sort(
            key=lambda edge: (
                edge.location.file != argmap.file,
                edge.location.file,
                edge.location.line,
                edge.location.column,
                edge.source,
            )
        )
    expanded: set[str] = set()
    met: set[str] = set()

    def defines(key: str, where: Location | None) -> bool:
        if key in expanded:
            return False
        node = argmap.node_index.get(key)
        if node is None:  # a node of another map: expanded where the tree first meets it
            return True
        return where is not None and node.location == where

    rows: list[Row] = []

    def walk(top: str, role: str, where: Location | None) -> None:
        # (key, role, depth, guide of this row, guide for its children, where it is written, parent)
        pending: list[tuple[str, str, int, str, str, Location | None, str | None]] = [
            (top, role, 1, "", "", where, None)
        ]
        while pending:
            key, role, level, guide, child_guide, where, parent = pending.pop()
            expand = defines(key, where)
            met.add(key)
            outside = len(view.hidden.get(key, ())) if expand else 0
            rows.append(Row(key, role, level, guide, expand, outside=outside, parent=parent))
            if not expand:
                continue
            expanded.add(key)
            edges = children.get(key, [])
            for index in range(len(edges) - 1, -1, -1):
                edge = edges[index]
                last = index == len(edges) - 1
                pending.append(
                    (
                        edge.source,
                        _ROLES[edge.relation],
                        level + 1,
                        child_guide + ("└── " if last else "├── "),
                        child_guide + ("    " if last else "│   "),
                        edge.location,
                        edge.target,
                    )
                )

    for root, where in _roots_in_file_order(context):
        walk(root, "conclusion", where)
    # What the view adds above the map's conclusions (what a referred node
    # supports in its own map), then anything a cycle left unreached.
    leads = {edge.source for edge in view.edges}
    for key in [key for key in view.keys if key not in leads] + list(view.keys):
        if key not in met:
            node = context.corpus.node(key)
            walk(key, str(node.kind) if node is not None else "conclusion", None)
    return rows


_ROLES = {"premise": "premise", "supports": "inference", "attacks": "counterexample"}


def _roots_in_file_order(context: MapContext) -> list[tuple[str, Location | None]]:
    """Each root with where it is defined when `conclusions` defines it (None
    for a `- ref:` to a node defined further down or in another map), in the
    order `conclusions` lists them."""
    from argmap.input.model import Kind

    argmap = context.argmap
    written: dict[str, tuple[int, int]] = {}
    for reference in argmap.references:
        if reference.context == "conclusions":
            written.setdefault(reference.target, (reference.location.line, reference.location.column))
    roots: list[tuple[tuple[int, int], str, Location | None]] = []
    for root in argmap.roots:
        node = argmap.node_index.get(root)
        if node is not None and node.kind is Kind.CONCLUSION:
            roots.append(((node.location.line, node.location.column), root, node.location))
        else:
            roots.append((written.get(root, (0, 0)), root, None))
    return [(root, where) for _, root, where in sorted(roots, key=lambda item: item[0])]


def fold(rows: list[Row], depth: int | None) -> list[Row]:
    """The rows down to `depth`, each counting the nodes folded away below it."""
    if depth is None:
        return rows
    shown: list[Row] = []
    hidden: dict[int, int] = {}
    for row in rows:
        if row.depth <= depth:
            shown.append(row)
        else:
            # The last shown row at `depth` is this row's ancestor.
            hidden[len(shown) - 1] = hidden.get(len(shown) - 1, 0) + 1
    return [attrs.evolve(row, hidden=hidden.get(index, 0)) for index, row in enumerate(shown)]


_SYMBOLS = {"in": "✓", "out": "✗", "undecided": "?"}
_STATUS_STYLES = {"in": "green", "out": "red", "undecided": "yellow"}
_SEVERITY_STYLES = {3: "bold red", 2: "yellow", 1: "cyan"}


@attrs.frozen
class Segment:
    """A run of text in one style (a rich style name; None: unstyled)."""

    text: str
    style: str | None = None


@attrs.frozen
class ShowLine:
    """One printed line of `argmap show`."""

    segments: tuple[Segment, ...]

    @property
    def plain(self) -> str:
        return "".join(segment.text for segment in self.segments)


def show_lines(
    context: MapContext, evaluation: Evaluation, problems: Sequence[Problem], depth: int | None
) -> tuple[ShowLine, ...]:
    """The map's header, one line per row of its tree (folded below `depth`),
    and a summary of the statuses and problems."""

    from argmap.analysis.granted import granted_attacks
    from argmap.input.model import map_view, split_key

    argmap = context.argmap
    rows = tree_rows(context)
    context_hidden = map_view(argmap, context.corpus).hidden
    markers: dict[str | None, list[Problem]] = {}
    for problem in problems:
        markers.setdefault(problem.node, []).append(problem)

    def shown_id(key: str) -> str:
        return for_terminal(relative_id(key, argmap.id))

    def marker(found: list[Problem]) -> Segment:
        codes = sorted({problem.code for problem in found})
        worst = max(int(problem.severity) for problem in found)
        return Segment("  ⚑ " + " ".join(codes), _SEVERITY_STYLES[worst])

    header = [Segment(for_terminal(f"{argmap.id}: {argmap.title}"), "bold")]
    if markers.get(None):
        on_header = marker(markers[None])  # bold like the rest of the header
        header.append(Segment(on_header.text, f"bold {on_header.style}"))
    lines = [ShowLine(tuple(header))]
    granted = granted_attacks(evaluation)
    definitions = {key: node.location.line for key, node in argmap.node_index.items()}
    for row in fold(rows, depth):
        node = context.corpus.node(row.key)
        status = str(evaluation.status(row.key)) if row.key in evaluation.statuses else "undecided"
        line = [Segment(row.guide, "dim"), Segment(f"{_SYMBOLS[status]} {status}", _STATUS_STYLES[status])]
        found = granted.get((row.key, row.parent)) if row.parent is not None else None
        mark = Segment(f" ({_GRANT_WORDS[(found.grant, found.defeats)]})", "italic") if found else None
        if node is None:
            line.append(Segment(f"  ↪ {shown_id(row.key)} (not found)"))
        elif not row.expanded:
            where = f"line {definitions[row.key]}" if row.key in definitions else "above"
            line.append(Segment(f"  ↪ {row.role} {shown_id(row.key)}", "dim"))
            if mark is not None:
                line.append(mark)
            line.append(Segment(f" (see {where})", "dim"))
        else:
            role = f"implicit {row.role}" if node.implicit else row.role
            line.append(Segment(f"  {role} ", "dim"))
            line.append(Segment(shown_id(row.key), "bold"))
            if mark is not None:
                line.append(mark)
            words = _words(node)
            if words:
                line.append(Segment(": " + for_terminal(words)))
            if row.key in markers:
                line.append(marker(markers[row.key]))
        if row.hidden:
            line.append(Segment(f"  … {row.hidden} more below", "dim"))
        if row.outside:
            owner = for_terminal(split_key(row.key)[0])
            line.append(Segment(f"  … {row.outside} more below in {owner} (not shown here)", "dim"))
        lines.append(ShowLine(tuple(line)))
    counts = {status: 0 for status in ("in", "out", "undecided")}
    for key in dict.fromkeys(row.key for row in rows):
        if key in evaluation.statuses:
            counts[str(evaluation.status(key))] += 1
    summary = ", ".join(f"{count} {status}" for status, count in counts.items())
    left_out = len({key for row in rows for key in context_hidden.get(row.key, ())})
    if left_out:
        summary += f"; {left_out} deeper node{'s' if left_out != 1 else ''} of other maps not shown"
    total = len(problems)
    summary += f"; {total} problem{'s' if total != 1 else ''}" + (
        f" (argmap check {for_terminal(argmap.file)})" if total else ""
    )
    lines.append(ShowLine((Segment(summary, "dim"),)))
    return tuple(lines)


def render_show(lines: Sequence[ShowLine], colour: bool) -> str:
    """The lines as text: plain, or with a terminal's colours (through rich)."""
    if not colour:
        return "".join(line.plain + "\n" for line in lines)
    import io

    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        color_system="standard",
        highlight=False,
        soft_wrap=True,
        emoji=False,
        markup=False,
        width=10_000,
    )
    for line in lines:
        text = Text()
        for segment in line.segments:
            text.append(segment.text, style=segment.style or "")
        console.print(text)
    return buffer.getvalue()


# How a conceded or weaker attack is marked, by (grant, whether it still defeats its target).
# The keys are `argmap.analysis.granted.Grant` values, strings, so that importing this module stays cheap.
_GRANT_WORDS: dict[tuple[str, bool], str] = {
    ("conceded", False): "conceded, outweighed",
    ("conceded", True): "conceded, not outweighed",
    ("weaker", False): "weaker",
}


def _words(node: Node) -> str:
    """A node's words for the tree: a claim's text; an inference's scheme and warrant."""
    if node.kind.is_claim:
        return node.text or ""
    parts = []
    if node.scheme:
        parts.append(f"[{node.scheme}]")
    if node.warrant:
        parts.append(node.warrant)
    return " ".join(parts)
