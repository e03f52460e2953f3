"""Explain: why a node is in, out or undecided, as the chain of premises and
attacks that decides it.

The explanation is a tree of steps: the node and the reason for its status,
then, indented, the predecessors that reason rests on (the inferences that
apply, the attacks that defeat or fail, the premises that fall), each with
its own reason, down to what is decided outright. Each node is explained
once; a node met again is named and not expanded. The report and the
language server show the same steps.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from argmap.analysis.evaluate import AttackMode, Evaluation, Status

# Beyond this many steps the chain is cut (a note says so): past a screenful
# a chain explains nothing.
MAX_STEPS = 200


@attrs.frozen
class Step:
    key: str
    status: Status
    reason: str
    depth: int
    repeated: bool = False  # explained above; not expanded again


@attrs.frozen
class Explanation:
    steps: tuple[Step, ...]
    truncated: bool = False


def explain(evaluation: Evaluation, key: str) -> Explanation:
    """The chain that decides `key`'s status, depth first."""
    steps: list[Step] = []
    seen: set[str] = set()
    pending: list[tuple[str, int]] = [(key, 0)]
    while pending:
        if len(steps) >= MAX_STEPS:
            return Explanation(tuple(steps), truncated=True)
        current, depth = pending.pop()
        status = evaluation.status(current)
        if current in seen:
            steps.append(Step(current, status, "", depth, repeated=True))
            continue
        seen.add(current)
        steps.append(Step(current, status, evaluation.explain(current), depth))
        following = list(deciding(evaluation, current))
        pending.extend((other, depth + 1) for other in reversed(following))
    return Explanation(tuple(steps))


def deciding(evaluation: Evaluation, key: str) -> Iterator[str]:
    """The predecessors whose statuses decide `key`'s, in a fixed order."""
    graph = evaluation.graph
    node = graph.nodes.get(key)
    if node is None or key in graph.forced:
        return
    status = evaluation.status(key)
    attackers = graph.attackers.get(key, ())
    live = [source for source in attackers if graph.attack(source, key).mode is not AttackMode.FAILS]
    failed = [source for source in attackers if source not in live]
    grounds = graph.premises.get(key, ()) if not node.kind.is_claim else graph.supports.get(key, ())

    def having(keys: list[str] | tuple[str, ...], wanted: Status) -> list[str]:
        return [other for other in keys if evaluation.status(other) is wanted]

    if status is Status.UNDECIDED:
        yield from having(live, Status.UNDECIDED)
        yield from having(grounds, Status.UNDECIDED)
        return
    if status is Status.OUT:
        winners = having(live, Status.IN)
        if winners:
            yield from winners
            if any(graph.attack(source, key).mode is AttackMode.WEIGHED for source in winners):
                yield from having(grounds, Status.IN)
            return
        yield from having(grounds, Status.OUT) if not node.kind.is_claim else grounds
        return
    yield from having(grounds, Status.IN) if node.kind.is_claim else grounds
    yield from live
    yield from failed
