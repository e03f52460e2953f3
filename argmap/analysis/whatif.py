"""What if: the statuses that change when the analyst rejects or accepts a
node, or adds an attack, without editing the map.

The hypothesis is applied to the map's evaluation scope (its own nodes and
those of the maps it refers to): a rejected node is `out` and an accepted
one `in` whatever supports or attacks it, an added attack counts like a
counterexample (it replaces an attack the map states between the same two
nodes, so it is never `weaker` nor `conceded`; `outweighs` preferences still
apply). Nothing is written; the result lists each node whose status
differs from the map as written, with the new reason.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence

import attrs

from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import Evaluation, Status, documents_said, evaluate, evaluation_for, scope_maps
from argmap.input.model import Edge, Relation, qualify, split_key
from argmap.problems import UsageError


@attrs.frozen
class Hypothesis:
    """Nodes to reject or accept and attacks to add, as the user writes them (`id` or `map#id`)."""

    reject: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    add_attacks: tuple[tuple[str, str], ...] = ()  # (attacker, target)
    remove_attacks: tuple[tuple[str, str], ...] = ()


@attrs.frozen
class Change:
    key: str
    before: Status
    after: Status
    reason: str  # why it has its new status


@attrs.frozen
class WhatIf:
    changes: tuple[Change, ...]
    evaluation: Evaluation = attrs.field(eq=False, repr=False)


def resolve(context: MapContext, written: str) -> str:
    """The key of the node the user names, or a UsageError that says what is known."""
    key = qualify(written, context.argmap.id)
    known = {node.key: node for other in scope_maps(context) for node in other.nodes}
    if key in known:
        return key
    map_id, node_id = split_key(key)
    ids = sorted(node.id for node in known.values() if node.map_id == map_id)
    guess = difflib.get_close_matches(node_id, ids, n=1, cutoff=0.5)
    where = "this map" if map_id == context.argmap.id else f"map `{map_id}`"
    raise UsageError(
        f"no node `{written}` in {where}" + (f"; did you mean `{guess[0]}`?" if guess else ""),
        hint="name a claim or an inference by its `id` (or `map-id#id` for another map)",
    )


def evaluate_with(
    context: MapContext,
    forced: Mapping[str, Status] | None = None,
    extra_edges: Iterable[Edge] = (),
    removed: Iterable[tuple[str, str]] = (),
) -> Evaluation:
    """The scope's evaluation with statuses imposed, attacks added and attacks removed."""
    maps = scope_maps(context)
    extra_edges = list(extra_edges)
    # An added attack is a plain counterexample: it replaces an attack the map already
    # states between the same two nodes, so `--add-attack` can undo `weaker` or `conceded`.
    gone = set(removed) | {(edge.source, edge.target) for edge in extra_edges}
    nodes = [node for other in maps for node in other.nodes]
    edges = [
        edge
        for other in maps
        for edge in other.edges
        if not (edge.relation is Relation.ATTACKS and (edge.source, edge.target) in gone)
    ]
    edges.extend(extra_edges)
    preferences = [preference for other in maps for preference in other.preferences]
    issues = [issue for other in maps for issue in other.issues]
    return evaluate(nodes, edges, preferences, forced, documents_said(context), issues)


def changes_between(before: Evaluation, after: Evaluation) -> tuple[Change, ...]:
    return tuple(
        Change(key, before.status(key), status, after.explain(key))
        for key, status in sorted(after.statuses.items())
        if before.status(key) is not status
    )


def what_if(context: MapContext, hypothesis: Hypothesis) -> WhatIf:
    """Evaluate the hypothesis; raise UsageError for an id that names no node."""
    forced: dict[str, Status] = {}
    for written in hypothesis.reject:
        forced[resolve(context, written)] = Status.OUT
    for written in hypothesis.accept:
        key = resolve(context, written)
        if forced.get(key) is Status.OUT:
            raise UsageError(f"`{written}` is both rejected and accepted", hint="name it in one option only")
        forced[key] = Status.IN
    location = context.argmap.location
    added = [
        Edge(
            resolve(context, source), resolve(context, target), Relation.ATTACKS, context.argmap.id, location
        )
        for source, target in hypothesis.add_attacks
    ]
    removed = [
        (resolve(context, source), resolve(context, target)) for source, target in hypothesis.remove_attacks
    ]
    after = evaluate_with(context, forced, added, removed)
    return WhatIf(changes_between(evaluation_for(context), after), after)


def parse_attack(text: str) -> tuple[str, str]:
    """`A:B` as the command line writes an attack of A on B."""
    source, colon, target = text.partition(":")
    if not colon or not source or not target:
        raise UsageError(f"`{text}` is not an attack", hint="write the attacker and its target as `A:B`")
    return source.strip(), target.strip()


def parse_attacks(texts: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple(parse_attack(text) for text in texts)
