"""Which claims stand: every claim and inference gets `in`, `out` or `undecided`.

Grounded semantics, as in Carneades:

- a claim with no inference supporting it (a plain premise) is `in` unless
  an accepted (`in`) counterexample attacks it;
- an inference applies (`in`) when all its premises are `in` and no
  accepted counterexample undercuts it; it is `out` as soon as one premise
  is `out` or one undercutter is `in`;
- a claim with `because` is `in` when at least one of its inferences
  applies and no accepted counterexample rebuts it; it is `out` when an
  accepted counterexample rebuts it or when none of its inferences applies;
- whatever these rules cannot settle stays `undecided`: the members of
  attack cycles and of support cycles, and what depends on them.

A counterexample that is itself `out` attacks nothing, so its target is
reinstated. The result is the least fixpoint of these rules, computed by
propagation from the nodes that can be decided outright: each node is
labelled at most once, when the labels of its predecessors settle it. The
rules are monotone, so the result does not depend on the order in which
nodes are visited, nor on the order of the file. There is no recursion:
a chain of 100,000 claims evaluates like a chain of three.

The evaluation of a map sees its scope (`Corpus.scope`): the map and the maps
it refers to. A third map that attacks a claim of ours changes that claim's
status in the third map's evaluation only.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from argmap.analysis.context import MapContext
from argmap.analysis.graphs import strongly_connected
from argmap.input.model import ArgMap, Edge, Kind, Node, Relation, split_key
from argmap.problems import Location
from argmap.text import display_id


class Status(enum.StrEnum):
    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"


class CycleKind(enum.StrEnum):
    ATTACK = "attack"
    SUPPORT = "support"


@attrs.frozen
class Cycle:
    """A knot of undecided nodes that depend on one another.

    `path` walks one cycle through the knot and returns to where it started;
    `dependents` are the undecided nodes outside the knot that are undecided
    because of it.
    """

    kind: CycleKind
    members: tuple[str, ...]
    path: tuple[str, ...]
    dependents: tuple[str, ...] = ()


@attrs.frozen
class _Graph:
    """The argument graph, as the evaluation reads it: incoming edges by kind."""

    nodes: Mapping[str, Node]
    supports: Mapping[str, tuple[str, ...]]  # claim -> its inferences
    premises: Mapping[str, tuple[str, ...]]  # inference -> its premises
    attackers: Mapping[str, tuple[str, ...]]  # claim or inference -> its counterexamples


@attrs.frozen
class Evaluation:
    statuses: Mapping[str, Status]
    cycles: tuple[Cycle, ...] = ()
    graph: _Graph = attrs.field(factory=lambda: _Graph({}, {}, {}, {}), eq=False, hash=False, repr=False)
    # node key -> the cycle that leaves it undecided (as a member or a dependent)
    cycle_of: Mapping[str, Cycle] = attrs.field(factory=dict, eq=False, hash=False, repr=False)

    def status(self, key: str) -> Status:
        """The status of a claim or inference; undecided for a key not evaluated."""
        return self.statuses.get(key, Status.UNDECIDED)

    def explain(self, key: str) -> str:
        """Why `key` has its status, e.g. "out: rebutted by `saddam` (in)"."""
        return _Explainer(self).explain(key)


def evaluate(nodes: Iterable[Node], edges: Iterable[Edge]) -> Evaluation:
    """Label every claim and inference among `nodes`, using the `edges` between them.

    Edges whose ends are not among `nodes` (a ref that resolves to nothing)
    are left out: other checks report them.
    """
    node_index = {node.key: node for node in nodes}
    graph = _build_graph(node_index, edges)
    statuses = _label(graph)
    cycles, cycle_of = _find_cycles(graph, statuses)
    return Evaluation(statuses=statuses, cycles=cycles, graph=graph, cycle_of=cycle_of)


def evaluation_for(context: MapContext) -> Evaluation:
    """The evaluation of the context's map over its scope, computed once per run."""
    return context.memo(_MEMO_KEY, lambda: _evaluate_scope(context))


_MEMO_KEY = "argmap.analysis.evaluate.evaluation"


def scope_maps(context: MapContext) -> tuple[ArgMap, ...]:
    """The maps a map's evaluation sees: itself, then the maps it refers to."""
    argmap = context.argmap
    # The map itself first: with a duplicate map id the corpus knows only the
    # first file of that id, but this context is about this file.
    return (argmap, *(other for other in context.corpus.scope(argmap.id) if other.id != argmap.id))


def scope_edges(context: MapContext) -> list[Edge]:
    """Every edge stated by a map in scope."""
    return [edge for other in scope_maps(context) for edge in other.edges]


def place_of(context: MapContext, key: str) -> Location:
    """Where the map writes `key`: its definition, else its first `ref`, else the map's id."""
    argmap = context.argmap
    node = argmap.node_index.get(key)
    if node is not None:
        return node.location
    for reference in argmap.references:
        if reference.target == key:
            return reference.location
    return argmap.location


def _evaluate_scope(context: MapContext) -> Evaluation:
    maps = scope_maps(context)
    files = tuple(other.file for other in maps)

    def compute() -> Evaluation:
        nodes = [node for other in maps for node in other.nodes]
        edges = [edge for other in maps for edge in other.edges]
        return evaluate(nodes, edges)

    return context.run.memo((_MEMO_KEY, files), compute)


def _build_graph(node_index: Mapping[str, Node], edges: Iterable[Edge]) -> _Graph:
    supports: dict[str, list[str]] = {}
    premises: dict[str, list[str]] = {}
    attackers: dict[str, list[str]] = {}
    by_relation = {Relation.SUPPORTS: supports, Relation.PREMISE: premises, Relation.ATTACKS: attackers}
    seen: set[tuple[str, str, Relation]] = set()
    for edge in edges:
        triple = (edge.source, edge.target, edge.relation)
        if triple in seen or edge.source not in node_index or edge.target not in node_index:
            continue
        seen.add(triple)
        by_relation[edge.relation].setdefault(edge.target, []).append(edge.source)

    def frozen(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
        return {
            key: tuple(sorted(sources)) if len(sources) > 1 else (sources[0],)
            for key, sources in table.items()
        }

    return _Graph(
        nodes=dict(sorted(node_index.items())),
        supports=frozen(supports),
        premises=frozen(premises),
        attackers=frozen(attackers),
    )


_UNDECIDED, _IN, _OUT = 0, 1, 2
_AS_STATUS = (Status.UNDECIDED, Status.IN, Status.OUT)


def _label(graph: _Graph) -> dict[str, Status]:
    """Propagate labels from the nodes that can be decided outright.

    Each node keeps counts of its grounds (a claim's inferences, an
    inference's premises) and of its attackers, and of how many of each are
    settled in or out; a node is labelled when its counts decide it, and
    then counts towards its successors. Plain lists indexed by position keep
    this fast on maps of hundreds of thousands of nodes.
    """
    keys = list(graph.nodes)
    position = {key: index for index, key in enumerate(keys)}
    size = len(keys)
    is_inference = [graph.nodes[key].kind is Kind.INFERENCE for key in keys]
    grounds, grounds_in, grounds_out = [0] * size, [0] * size, [0] * size
    attackers, attackers_in, attackers_out = [0] * size, [0] * size, [0] * size
    # predecessor -> the nodes it counts towards as a ground, or as an attacker
    ground_of: dict[int, list[int]] = {}
    attacker_of: dict[int, list[int]] = {}
    for table, as_ground_of in ((graph.premises, True), (graph.supports, False)):
        for target, sources in table.items():
            index = position[target]
            if is_inference[index] is not as_ground_of:
                continue  # a premise of a claim or an inference supporting an inference: not a ground
            grounds[index] = len(sources)
            for source in sources:
                ground_of.setdefault(position[source], []).append(index)
    for target, sources in graph.attackers.items():
        index = position[target]
        attackers[index] = len(sources)
        for source in sources:
            attacker_of.setdefault(position[source], []).append(index)

    def decide(index: int) -> int:
        if attackers_in[index]:
            return _OUT
        if is_inference[index]:
            if grounds_out[index]:
                return _OUT
            if grounds_in[index] == grounds[index] and attackers_out[index] == attackers[index]:
                return _IN
            return _UNDECIDED
        if grounds[index] and grounds_out[index] == grounds[index]:
            return _OUT  # it has inferences, and none of them applies
        if attackers_out[index] == attackers[index] and (not grounds[index] or grounds_in[index]):
            return _IN
        return _UNDECIDED

    label = [_UNDECIDED] * size
    settled: deque[int] = deque()
    for index in range(size):
        label[index] = decide(index)
        if label[index]:
            settled.append(index)
    while settled:
        index = settled.popleft()
        is_in = label[index] == _IN
        for successor in ground_of.get(index, ()):
            if label[successor]:
                continue
            if is_in:
                grounds_in[successor] += 1
            else:
                grounds_out[successor] += 1
            label[successor] = decide(successor)
            if label[successor]:
                settled.append(successor)
        for successor in attacker_of.get(index, ()):
            if label[successor]:
                continue
            if is_in:
                attackers_in[successor] += 1
            else:
                attackers_out[successor] += 1
            label[successor] = decide(successor)
            if label[successor]:
                settled.append(successor)
    return {key: _AS_STATUS[label[index]] for index, key in enumerate(keys)}


def _find_cycles(graph: _Graph, statuses: Mapping[str, Status]) -> tuple[tuple[Cycle, ...], dict[str, Cycle]]:
    """The knots (strongly connected components) of undecided nodes.

    Every undecided node is in a knot or depends on one: following its
    undecided predecessors backwards must, in a finite graph, come round.
    """
    undecided = [key for key, status in statuses.items() if status is Status.UNDECIDED]
    if not undecided:
        return (), {}
    undecided_set = set(undecided)
    # Dependency edges, predecessor -> node, between undecided nodes only.
    forward: dict[str, list[tuple[str, bool]]] = {}  # (successor, is an attack)
    for key in undecided:
        for source in graph.supports.get(key, ()) + graph.premises.get(key, ()):
            if source in undecided_set:
                forward.setdefault(source, []).append((key, False))
        for source in graph.attackers.get(key, ()):
            if source in undecided_set:
                forward.setdefault(source, []).append((key, True))
    for targets in forward.values():
        targets.sort()
    cycles: list[Cycle] = []
    plain = {key: [successor for successor, _ in following] for key, following in forward.items()}
    for component in strongly_connected(sorted(undecided), plain):
        members = set(component)
        attacks_inside = sorted(
            (source, target)
            for source in component
            for target, is_attack in forward.get(source, ())
            if is_attack and target in members
        )
        if attacks_inside:
            source, target = attacks_inside[0]
            path = (source, *_shortest_path(target, source, members, forward))
            kind = CycleKind.ATTACK
        else:
            start = component[0]
            first_steps = [target for target, _ in forward.get(start, ()) if target in members]
            path = (start, *_shortest_path(first_steps[0], start, members, forward))
            kind = CycleKind.SUPPORT
        cycles.append(Cycle(kind=kind, members=tuple(component), path=path))
    # Breadth first from all knots at once: each dependent is charged to the
    # knot that reaches it first (ties go to the knot listed first).
    owner: dict[str, int] = {}
    queue: deque[str] = deque()
    for index, cycle in enumerate(cycles):
        for member in cycle.members:
            owner[member] = index
            queue.append(member)
    dependents: list[list[str]] = [[] for _ in cycles]
    while queue:
        key = queue.popleft()
        for target, _ in forward.get(key, ()):
            if target not in owner:
                owner[target] = owner[key]
                dependents[owner[key]].append(target)
                queue.append(target)
    finished = tuple(
        attrs.evolve(cycle, dependents=tuple(sorted(dependents[index]))) for index, cycle in enumerate(cycles)
    )
    return finished, {key: finished[index] for key, index in owner.items()}


def _shortest_path(
    start: str, goal: str, members: set[str], forward: Mapping[str, list[tuple[str, bool]]]
) -> tuple[str, ...]:
    """The nodes from `start` to `goal` (both included) inside one knot."""
    parents: dict[str, str] = {start: start}
    queue: deque[str] = deque([start])
    while queue:
        key = queue.popleft()
        if key == goal:
            break
        for successor, _ in forward.get(key, ()):
            if successor in members and successor not in parents:
                parents[successor] = key
                queue.append(successor)
    path = [goal]
    while path[-1] != start:
        path.append(parents[path[-1]])
    return tuple(reversed(path))


class _Explainer:
    """Words for a status, built from the statuses of the node's predecessors."""

    def __init__(self, evaluation: Evaluation) -> None:
        self.evaluation = evaluation
        self.graph = evaluation.graph

    def explain(self, key: str) -> str:
        node = self.graph.nodes.get(key)
        if node is None:
            return "undecided: not part of the evaluated maps"
        status = self.evaluation.status(key)
        if status is Status.UNDECIDED:
            return "undecided: " + self.undecided(key)
        if node.kind.is_claim:
            return f"{status}: " + self.claim(key, status)
        return f"{status}: " + self.inference(key, status)

    def name(self, key: str, relative_to: str) -> str:
        return display_id(key, split_key(relative_to)[0])

    def names(self, keys: Iterable[str], relative_to: str, with_status: bool = False) -> str:
        shown = [
            self.name(key, relative_to) + (f" ({self.evaluation.status(key)})" if with_status else "")
            for key in keys
        ]
        return _join(shown)

    def with_status(self, keys: Iterable[str], status: Status) -> list[str]:
        return [key for key in keys if self.evaluation.status(key) is status]

    def claim(self, key: str, status: Status) -> str:
        supports = self.graph.supports.get(key, ())
        attackers = self.graph.attackers.get(key, ())
        if status is Status.OUT:
            rebuttals = self.with_status(attackers, Status.IN)
            if rebuttals:
                return "rebutted by " + self.names(rebuttals, key, with_status=True)
            reasons = "; ".join(
                f"{self.name(inference, key)}: {self.inference(inference, Status.OUT)}"
                for inference in supports
            )
            return f"no inference applies ({reasons})"
        parts: list[str] = []
        if supports:
            parts.append(
                "supported by " + self.names(self.with_status(supports, Status.IN), key, with_status=True)
            )
        if attackers:
            parts.append("every counterexample is out (" + self.names(attackers, key) + ")")
        return "; ".join(parts) or "not attacked"

    def inference(self, key: str, status: Status) -> str:
        premises = self.graph.premises.get(key, ())
        attackers = self.graph.attackers.get(key, ())
        if status is Status.OUT:
            undercutters = self.with_status(attackers, Status.IN)
            if undercutters:
                return "undercut by " + self.names(undercutters, key, with_status=True)
            failed = self.with_status(premises, Status.OUT)
            noun = "premise" if len(failed) == 1 else "premises"
            verb = "is" if len(failed) == 1 else "are"
            return f"{noun} {self.names(failed, key)} {verb} out"
        text = (
            "its premise " + self.names(premises, key) + " stands"
            if len(premises) == 1
            else "all its premises stand"
        )
        if attackers:
            text += "; every undercutter is out (" + self.names(attackers, key) + ")"
        return text

    def undecided(self, key: str) -> str:
        cycle = self.evaluation.cycle_of.get(key)
        if cycle is not None and key in cycle.members:
            others = [member for member in dict.fromkeys(cycle.path) if member != key]
            if not others:
                return (
                    f"in an {cycle.kind} cycle with itself"
                    if cycle.kind is CycleKind.ATTACK
                    else "supports itself"
                )
            article = "an" if cycle.kind is CycleKind.ATTACK else "a"
            return f"in {article} {cycle.kind} cycle with " + self.names(others, key)
        blockers = self.blockers(key)
        text = blockers or "depends on undecided nodes"
        if cycle is not None:
            article = "an" if cycle.kind is CycleKind.ATTACK else "a"
            path = " → ".join(self.name(member, key) for member in cycle.path)
            text += f"; it depends on {article} {cycle.kind} cycle ({path})"
        return text

    def blockers(self, key: str) -> str:
        node = self.graph.nodes[key]
        undecided_attackers = self.with_status(self.graph.attackers.get(key, ()), Status.UNDECIDED)
        if undecided_attackers:
            verb = "undercut" if not node.kind.is_claim else "attacked"
            return f"{verb} by " + self.names(undecided_attackers, key, with_status=True)
        if node.kind.is_claim:
            inferences = self.with_status(self.graph.supports.get(key, ()), Status.UNDECIDED)
            noun = "its inference" if len(inferences) == 1 else "its inferences"
            verb = "is" if len(inferences) == 1 else "are"
            return f"{noun} {self.names(inferences, key)} {verb} undecided"
        premises = self.with_status(self.graph.premises.get(key, ()), Status.UNDECIDED)
        noun = "premise" if len(premises) == 1 else "premises"
        verb = "is" if len(premises) == 1 else "are"
        return f"{noun} {self.names(premises, key)} {verb} undecided"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def status_fields(context: MapContext) -> dict[str, dict[str, Any]]:
    """For `argmap export`: each node's `status` and `status_reason`."""
    evaluation = evaluation_for(context)
    return {
        key: {"status": str(status), "status_reason": evaluation.explain(key)}
        for key, status in evaluation.statuses.items()
    }
