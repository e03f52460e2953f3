"""Sensitivity: for each main conclusion, the single nodes whose rejection
and the single attacks whose removal would change its status.

This is what decides a verdict: a premise every line depends on, the one
objection that sinks a conclusion. Each candidate (a node or attack the
conclusion depends on) is tried alone, by re-evaluating the scope, so the
cost is the number of candidates times the size of the map;
`SENSITIVITY_LIMIT` bounds it and a larger map is refused with a message
rather than left to run for minutes.
"""

from __future__ import annotations

import attrs

from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import Status, evaluation_for, scope_edges
from argmap.analysis.whatif import evaluate_with
from argmap.input.model import Relation
from argmap.problems import UsageError

# Candidates times nodes: about a minute of work on a laptop at most.
SENSITIVITY_LIMIT = 20_000_000


@attrs.frozen
class Flip:
    """One way to change a conclusion's status: reject `node`, or remove the attack `attack`."""

    after: Status
    node: str | None = None
    attack: tuple[str, str] | None = None


@attrs.frozen
class Sensitivity:
    conclusion: str
    status: Status
    flips: tuple[Flip, ...]


def sensitivity(context: MapContext) -> tuple[Sensitivity, ...]:
    """For each of the map's conclusions, what single change flips it (in file order)."""
    evaluation = evaluation_for(context)
    roots = [root for root in context.argmap.roots if root in evaluation.statuses]
    edges = scope_edges(context)
    into: dict[str, list[tuple[str, Relation]]] = {}
    for edge in edges:
        into.setdefault(edge.target, []).append((edge.source, edge.relation))
    ancestors: set[str] = set()
    attacks: set[tuple[str, str]] = set()
    pending = list(roots)
    while pending:
        key = pending.pop()
        if key in ancestors:
            continue
        ancestors.add(key)
        for source, relation in into.get(key, ()):
            if relation is Relation.ATTACKS:
                attacks.add((source, key))
            pending.append(source)
    # Rejecting a node that is already out changes nothing.
    nodes = sorted(key for key in ancestors if evaluation.status(key) is not Status.OUT)
    cost = (len(nodes) + len(attacks)) * max(1, len(evaluation.statuses))
    if cost > SENSITIVITY_LIMIT:
        raise UsageError(
            f"sensitivity would re-evaluate the map {len(nodes) + len(attacks)} times over "
            f"{len(evaluation.statuses)} nodes, beyond the limit of {SENSITIVITY_LIMIT:,} node evaluations",
            hint="ask about one node with `argmap whatif --reject ID`, or split the map",
        )
    flips: dict[str, list[Flip]] = {root: [] for root in roots}
    for node in nodes:
        after = evaluate_with(context, forced={node: Status.OUT})
        for root in roots:
            if root != node and after.status(root) is not evaluation.status(root):
                flips[root].append(Flip(after.status(root), node=node))
    for attack in sorted(attacks):
        after = evaluate_with(context, removed=[attack])
        for root in roots:
            if after.status(root) is not evaluation.status(root):
                flips[root].append(Flip(after.status(root), attack=attack))
    return tuple(Sensitivity(root, evaluation.status(root), tuple(flips[root])) for root in roots)
