"""Which part of a map one diagram shows, and what it leaves out.

A view starts from the map's view (`argmap.input.model.map_view`: its own
nodes, the nodes of other maps it needs) and may narrow it: to a depth of
reasoning below the conclusions, to one node and its reasons, or to the
tree of one conclusion (one part of a split). Whatever a view leaves out
below a node it shows is counted in a stub ("+3 reasons") hung on that node,
and the view says in a sentence what it hides: nothing disappears silently.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from argmap.input.model import ArgMap, Corpus, Edge, Kind, Relation, map_view
from argmap.problems import UsageError
from argmap.text import closest, did_you_mean, relative_id


@attrs.frozen
class DiagramView:
    keys: tuple[str, ...]  # in drawing order
    edges: tuple[Edge, ...]
    stubs: Mapping[str, frozenset[str]]  # shown key -> the keys left out below it
    hides: str  # what the view leaves out, in a sentence; "" when nothing


def _backward(edges: tuple[Edge, ...]) -> dict[str, list[str]]:
    reasons: dict[str, list[str]] = {}
    for edge in edges:
        reasons.setdefault(edge.target, []).append(edge.source)
    return reasons


def _closure(starts: set[str], reasons: Mapping[str, list[str]]) -> set[str]:
    seen = set(starts)
    pending = list(starts)
    while pending:
        for reason in reasons.get(pending.pop(), ()):
            if reason not in seen:
                seen.add(reason)
                pending.append(reason)
    return seen


def _hidden_below(key: str, reasons: Mapping[str, list[str]], kept: set[str]) -> set[str]:
    """What lies below `key` and is not drawn, short of the drawn nodes (each counts its own)."""
    hidden: set[str] = set()
    pending = [key]
    while pending:
        for reason in reasons.get(pending.pop(), ()):
            if reason not in kept and reason not in hidden:
                hidden.add(reason)
                pending.append(reason)
    return hidden


def top_keys(argmap: ArgMap, keys: tuple[str, ...], edges: tuple[Edge, ...]) -> list[str]:
    """The conclusions of a view: the map's roots, then the shown nodes that support nothing shown."""
    shown = set(keys)
    leads = {edge.source for edge in edges}
    tops = [key for key in argmap.roots if key in shown]
    tops += [key for key in keys if key not in leads and key not in tops]
    return tops


def diagram_view(
    argmap: ArgMap,
    corpus: Corpus,
    *,
    depth: int | None = None,
    focus: str | None = None,
    root: str | None = None,
) -> DiagramView:
    """The view of `argmap` narrowed by `depth`, `focus` or `root` (all None: the whole map)."""
    view = map_view(argmap, corpus)
    if focus is not None:
        focus = focus_key(focus, argmap, view.keys)
    reasons = _backward(view.edges)
    everything = set(view.keys)
    kept = set(everything)
    said: list[str] = []
    if focus is not None:
        kept = {focus}
        direct = set(reasons.get(focus, ()))
        kept |= direct
        for key in direct:
            node = corpus.node(key)
            if node is not None and node.kind is Kind.INFERENCE:
                kept |= set(reasons.get(key, ()))
        kept &= everything | {focus}
        said.append("One claim and only what directly supports it or objects to it")
    elif root is not None:
        kept = _closure({root}, reasons)
        others = len([key for key in argmap.roots if key != root])
        said.append(
            f"One conclusion of the map and what bears on it; the other {others} have diagrams of their own"
            if others != 1
            else "One conclusion of the map and what bears on it; the other has a diagram of its own"
        )
    if depth is not None:
        levels = _levels(argmap, view.keys, view.edges, corpus)
        kept = {key for key in kept if levels.get(key, 0) <= depth}
        if depth == 0:
            said.append("Only the conclusions are drawn, each with the inferences that lead to it")
        else:
            steps = "one step" if depth == 1 else f"{depth} steps"
            said.append(f"Drawn down to {steps} of reasoning below each conclusion")
    stubs: dict[str, frozenset[str]] = {}
    for key in sorted(kept):
        below = _hidden_below(key, reasons, kept)
        outside = set(view.hidden.get(key, frozenset()))
        for hidden in below:
            outside |= view.hidden.get(hidden, frozenset())
        if below or outside:
            stubs[key] = frozenset(below | outside)
    hidden_count = len(set().union(*stubs.values())) if stubs else 0
    if hidden_count:
        nodes = "1 node" if hidden_count == 1 else f"{hidden_count} nodes"
        boxes = "the grey dashed box" if len(stubs) == 1 else f"the {len(stubs)} grey dashed boxes"
        said.append(f"{nodes} below {'is' if hidden_count == 1 else 'are'} not drawn, but counted in {boxes}")
    others = len(everything - kept - set().union(*stubs.values())) if stubs else len(everything - kept)
    if others and (focus is not None or root is not None):
        said.append(f"{others} other node{'' if others == 1 else 's'} of the map not drawn")
    keys = tuple(key for key in view.keys if key in kept)
    if focus is not None and focus not in everything:
        keys = (focus, *keys)
    edges = tuple(edge for edge in view.edges if edge.source in kept and edge.target in kept)
    return DiagramView(
        keys, edges, stubs, "; ".join(said) + "." if said and (hidden_count or focus or root) else ""
    )


def focus_key(focus: str, argmap: ArgMap, keys: tuple[str, ...]) -> str:
    """The key of the node `--focus` names: `id` in the map, or `map-id#id`; a UsageError when the map
    draws no such node."""
    key = focus if "#" in focus else f"{argmap.id}#{focus}"
    if key in keys:
        return key
    guess = closest(relative_id(key, argmap.id), [relative_id(known, argmap.id) for known in keys])
    raise UsageError(
        f"--focus `{focus}`: map `{argmap.id}` draws no such node{did_you_mean(guess)}",
        hint="give a node id of the map, or map-id#node-id for a node it imports",
    )


def _levels(argmap: ArgMap, keys: tuple[str, ...], edges: tuple[Edge, ...], corpus: Corpus) -> dict[str, int]:
    """Steps of reasoning from the conclusions: a conclusion and its
    inferences are at 0, the premises and objections they meet at 1, and so on."""
    incoming: dict[str, list[Edge]] = {}
    for edge in edges:
        incoming.setdefault(edge.target, []).append(edge)
    import heapq

    levels: dict[str, int] = {}
    pending = [(0, key) for key in top_keys(argmap, keys, edges)]
    heapq.heapify(pending)
    while pending:
        level, key = heapq.heappop(pending)
        if key in levels:
            continue
        levels[key] = level
        for edge in sorted(incoming.get(key, ()), key=lambda found: found.source):
            steps_down = 0 if edge.relation is Relation.SUPPORTS else 1
            heapq.heappush(pending, (level + steps_down, edge.source))
    for key in keys:
        levels.setdefault(key, 0)
    return levels
