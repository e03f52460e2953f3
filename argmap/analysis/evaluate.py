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
reinstated.

Preferences, concessions, weights and proof standards refine these rules
(docs/evaluation.md gives the semantics and worked examples): an attack
marked `weaker`, or by an attacker the target `outweighs`, never defeats;
a `conceded` attack, and every attack on a claim with a `standard`, is
weighed against the target's applicable reasons once all of them are
settled. Without these keys the rules above apply unchanged. The result is
the least fixpoint of these rules, computed by
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
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from argmap.analysis.context import MapContext, Run
from argmap.analysis.graphs import strongly_connected
from argmap.input.model import ArgMap, Edge, Issue, Kind, Node, Preference, Relation, split_key
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


class AttackMode(enum.StrEnum):
    """How an attack counts (docs/evaluation.md)."""

    DEFEATS = "defeats"  # the default: an attacker that is in defeats its target
    WEIGHED = "weighed"  # conceded, or on a claim with a standard: weighed against the reasons
    FAILS = "fails"  # weaker than its target (`weaker`, `outweighs`): drawn, never defeats


class Standard(enum.StrEnum):
    """The proof standards of Carneades, as `standard:` names them."""

    SCINTILLA = "scintilla"
    PREPONDERANCE = "preponderance"
    CLEAR_AND_CONVINCING = "clear-and-convincing"
    BEYOND_REASONABLE_DOUBT = "beyond-reasonable-doubt"
    DIALECTICAL_VALIDITY = "dialectical-validity"


# Carneades 4's thresholds (caes.go, Standard.greater): the margin of a clear
# and convincing case, and the most a doubt may weigh beyond a reasonable one.
CLEAR_MARGIN = 0.5
REASONABLE_DOUBT = 0.3
DEFAULT_WEIGHT = 1.0


@attrs.frozen
class Attack:
    source: str
    target: str
    mode: AttackMode
    weight: float
    conceded: bool = False


@attrs.frozen
class _Graph:
    """The argument graph, as the evaluation reads it: incoming edges by kind."""

    nodes: Mapping[str, Node]
    supports: Mapping[str, tuple[str, ...]]  # claim -> its inferences
    premises: Mapping[str, tuple[str, ...]]  # inference -> its premises
    attackers: Mapping[str, tuple[str, ...]]  # claim or inference -> its counterexamples
    attacks: Mapping[tuple[str, str], Attack] = attrs.field(factory=dict)  # (source, target) -> how it counts
    forced: Mapping[str, Status] = attrs.field(factory=dict)  # what-if: statuses imposed from outside
    said: frozenset[str] | None = None  # the nodes whose quotes were found, when grounding ran
    # position -> its issue (with its positions in scope only)
    issue_of: Mapping[str, Issue] = attrs.field(factory=dict)
    # (premise, inference) -> what the premise adds under `weighing: criteria`
    premise_weights: Mapping[tuple[str, str], float] = attrs.field(factory=dict)

    def rivals(self, key: str) -> tuple[str, ...]:
        """What a position's status reads beyond its own inferences: the inferences of the other
        positions of its issue and, for every inference of the issue with a `weighing`, its
        premises and undercutters (its weight, not only its status, counts)."""
        issue = self.issue_of.get(key)
        if issue is None:
            return ()
        found: dict[str, None] = {}
        for position in issue.positions:
            for inference in self.supports.get(position, ()):
                if position != key:
                    found[inference] = None
                if self.nodes[inference].weighing is not None:
                    found.update(dict.fromkeys(self.premises.get(inference, ())))
                    found.update(dict.fromkeys(self.attackers.get(inference, ())))
        found.pop(key, None)
        return tuple(found)

    def attack(self, source: str, target: str) -> Attack:
        found = self.attacks.get((source, target))
        return found if found is not None else Attack(source, target, AttackMode.DEFEATS, DEFAULT_WEIGHT)

    def weight(self, key: str) -> float:
        weight = self.nodes[key].weight
        return DEFAULT_WEIGHT if weight is None else weight


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

    def defeats(self, source: str, target: str) -> bool:
        """Whether the attack of `source` on `target` is what puts `target` out."""
        if self.status(source) is not Status.IN or self.status(target) is not Status.OUT:
            return False
        return self.graph.attack(source, target).mode is not AttackMode.FAILS


def evaluate(
    nodes: Iterable[Node],
    edges: Iterable[Edge],
    preferences: Iterable[Preference] = (),
    forced: Mapping[str, Status] | None = None,
    documents_said: frozenset[str] | None = None,
    issues: Iterable[Issue] = (),
) -> Evaluation:
    """Label every claim and inference among `nodes`, using the `edges` between them.

    Edges whose ends are not among `nodes` (a ref that resolves to nothing)
    are left out: other checks report them. `preferences` are the maps'
    `outweighs` declarations; `forced` imposes statuses (what-if analysis:
    a rejected node is out, an accepted one in, whatever attacks it).
    `documents_said` are the nodes whose quotes the grounding found: an
    inference towards a claim `about: documents` counts a quoted premise as
    standing when the document says it, whatever its status (None: no
    grounding was run, and premises count by their status). `issues` are
    the maps' Carneades issues.
    """
    node_index = {node.key: node for node in nodes}
    graph = _build_graph(node_index, edges, preferences, forced or {})
    graph = attrs.evolve(graph, issue_of=_issue_index(node_index, issues))
    if documents_said is not None:
        graph = attrs.evolve(graph, said=documents_said)
    statuses = _label(graph)
    cycles, cycle_of = _find_cycles(graph, statuses)
    return Evaluation(statuses=statuses, cycles=cycles, graph=graph, cycle_of=cycle_of)


def evaluation_for(context: MapContext) -> Evaluation:
    """The evaluation of the context's map over its scope, computed once per run."""
    return context.memo(_MEMO_KEY, lambda: _evaluate_scope(context))


_MEMO_KEY = "argmap.analysis.evaluate.evaluation"


_DOCUMENTS_PROVIDER = "argmap.analysis.evaluate.documents_provider"


def provide_documents(run: Run, provider: Callable[[MapContext], frozenset[str]]) -> None:
    """Install what tells the evaluation which nodes the documents say.

    Grounding (quotes found in the sources) is a later stage than analysis,
    so the stage that runs both (lint) hands it in, rather than the
    evaluation reaching forward for it.
    """
    run.memo(_DOCUMENTS_PROVIDER, lambda: provider)


def documents_said(context: MapContext) -> frozenset[str] | None:
    """The nodes in scope whose quotes are found, if a provider is installed and
    the scope has a claim `about: documents` (else None: nothing to ground)."""
    if not any(node.about == "documents" for other in scope_maps(context) for node in other.nodes):
        return None
    provider: Callable[[MapContext], frozenset[str]] | None = context.run.memo(
        _DOCUMENTS_PROVIDER, lambda: None
    )
    return None if provider is None else provider(context)


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
        preferences = [preference for other in maps for preference in other.preferences]
        issues = [issue for other in maps for issue in other.issues]
        return evaluate(nodes, edges, preferences, documents_said=documents_said(context), issues=issues)

    return context.run.memo((_MEMO_KEY, files), compute)


def _issue_index(node_index: Mapping[str, Node], issues: Iterable[Issue]) -> dict[str, Issue]:
    """Position -> its issue, the positions that name no node left out (M302 reports them).

    A claim that two issues name belongs to the first.
    """
    index: dict[str, Issue] = {}
    for issue in issues:
        positions = tuple(key for key in issue.positions if key in node_index and key not in index)
        if len(positions) < 2:
            continue
        kept = attrs.evolve(issue, positions=positions)
        for key in positions:
            index[key] = kept
    return dict(sorted(index.items()))


def _build_graph(
    node_index: Mapping[str, Node],
    edges: Iterable[Edge],
    preferences: Iterable[Preference] = (),
    forced: Mapping[str, Status] | None = None,
) -> _Graph:
    supports: dict[str, list[str]] = {}
    premises: dict[str, list[str]] = {}
    attackers: dict[str, list[str]] = {}
    by_relation = {Relation.SUPPORTS: supports, Relation.PREMISE: premises, Relation.ATTACKS: attackers}
    seen: set[tuple[str, str, Relation]] = set()
    # (source, target) -> the attack edges stating it: one attack may be
    # stated twice (a counterexample and a `contradicts`), its marks add up.
    attack_edges: dict[tuple[str, str], list[Edge]] = {}
    premise_weights: dict[tuple[str, str], float] = {}
    for edge in edges:
        if edge.source not in node_index or edge.target not in node_index:
            continue
        if edge.relation is Relation.PREMISE and edge.weight is not None:
            premise_weights.setdefault((edge.source, edge.target), edge.weight)
        if edge.relation is Relation.ATTACKS:
            attack_edges.setdefault((edge.source, edge.target), []).append(edge)
        triple = (edge.source, edge.target, edge.relation)
        if triple in seen:
            continue
        seen.add(triple)
        by_relation[edge.relation].setdefault(edge.target, []).append(edge.source)
    preferred = {(item.stronger, item.weaker) for item in preferences}
    attacks: dict[tuple[str, str], Attack] = {}
    for (source, target), stating in attack_edges.items():
        weights = [edge.weight for edge in stating if edge.weight is not None]
        source_weight = node_index[source].weight
        weight = weights[0] if weights else DEFAULT_WEIGHT if source_weight is None else source_weight
        conceded = any(edge.conceded for edge in stating)
        if any(edge.weaker for edge in stating) or (target, source) in preferred:
            mode = AttackMode.FAILS
        elif conceded or node_index[target].standard is not None:
            mode = AttackMode.WEIGHED
        else:
            continue  # the default: no record needed
        attacks[(source, target)] = Attack(source, target, mode, weight, conceded)

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
        attacks=dict(sorted(attacks.items())),
        forced={key: status for key, status in (forced or {}).items() if key in node_index},
        premise_weights=dict(sorted(premise_weights.items())),
    )


_UNDECIDED, _IN, _OUT = 0, 1, 2
_AS_STATUS = (Status.UNDECIDED, Status.IN, Status.OUT)


def _label(graph: _Graph) -> dict[str, Status]:
    """Propagate labels from the nodes that can be decided outright.

    Each node keeps counts of its grounds (a claim's inferences, an
    inference's premises) and of its attackers, and of how many of each are
    settled in or out; a node is labelled when its counts decide it, and
    then counts towards its successors. Plain lists indexed by position keep
    this fast on maps of hundreds of thousands of nodes. An attack that
    fails (weaker than its target) is not counted at all; a node with a
    weighed attack or a standard waits until all its grounds and attackers
    are settled, then weighs them (`_weigh`).
    """
    keys = list(graph.nodes)
    position = {key: index for index, key in enumerate(keys)}
    size = len(keys)
    is_inference = [graph.nodes[key].kind is Kind.INFERENCE for key in keys]
    grounds, grounds_in, grounds_out = [0] * size, [0] * size, [0] * size
    attackers, attackers_in, attackers_out = [0] * size, [0] * size, [0] * size
    weighed = [graph.nodes[key].standard is not None for key in keys]
    # predecessor -> the nodes it counts towards as a ground, or as an attacker
    ground_of: dict[int, list[int]] = {}
    attacker_of: dict[int, list[int]] = {}
    about_documents = _inferences_about_documents(graph)
    for table, as_ground_of in ((graph.premises, True), (graph.supports, False)):
        for target, sources in table.items():
            index = position[target]
            if is_inference[index] is not as_ground_of:
                continue  # a premise of a claim or an inference supporting an inference: not a ground
            grounds[index] = len(sources)
            for source in sources:
                if target in about_documents and _said_outright(graph, source):
                    # The document says it (or not): that, not its status, counts here.
                    assert graph.said is not None
                    if source in graph.said:
                        grounds_in[index] += 1
                    else:
                        grounds_out[index] += 1
                    continue
                ground_of.setdefault(position[source], []).append(index)
    for target, sources in graph.attackers.items():
        index = position[target]
        for source in sources:
            mode = graph.attack(source, target).mode
            if mode is AttackMode.FAILS:
                continue
            if mode is AttackMode.WEIGHED:
                weighed[index] = True
            attackers[index] += 1
            attacker_of.setdefault(position[source], []).append(index)
    label = [_UNDECIDED] * size
    forced = {position[key]: _IN if status is Status.IN else _OUT for key, status in graph.forced.items()}
    carneades = [follows_carneades(graph, key) for key in keys]
    # A position of an issue also waits for the inferences of the other positions.
    for key in graph.issue_of:
        for inference in graph.rivals(key):
            # Counted as a ground, which a position's rule never reads: it only looks again.
            ground_of.setdefault(position[inference], []).append(position[key])
    status_by_label = {_UNDECIDED: Status.UNDECIDED, _IN: Status.IN, _OUT: Status.OUT}
    label_by_status = {status: value for value, status in status_by_label.items()}

    def status_of(key: str) -> Status:
        return status_by_label[label[position[key]]]

    def decide(index: int) -> int:
        if index in forced:
            return forced[index]
        if carneades[index]:
            found = carneades_status(graph, keys[index], status_of)
            if found is not None:
                return label_by_status[found]
        if attackers_in[index] and not weighed[index]:
            return _OUT
        if is_inference[index]:
            if grounds_out[index]:
                return _OUT
            if weighed[index]:
                return _weigh_when_settled(index)
            if grounds_in[index] == grounds[index] and attackers_out[index] == attackers[index]:
                return _IN
            return _UNDECIDED
        if grounds[index] and grounds_out[index] == grounds[index]:
            return _OUT  # it has inferences, and none of them applies
        if weighed[index]:
            return _weigh_when_settled(index)
        if attackers_out[index] == attackers[index] and (not grounds[index] or grounds_in[index]):
            return _IN
        return _UNDECIDED

    def _weigh_when_settled(index: int) -> int:
        if grounds_in[index] + grounds_out[index] < grounds[index]:
            return _UNDECIDED
        if attackers_in[index] + attackers_out[index] < attackers[index]:
            return _UNDECIDED
        key = keys[index]
        return _IN if _weigh(graph, key, lambda other: label[position[other]] == _IN) else _OUT

    settled: deque[int] = deque()
    for index in range(size):
        label[index] = decide(index)
        if label[index]:
            settled.append(index)
    while settled:
        index = settled.popleft()
        is_in = label[index] == _IN
        for successor in ground_of.get(index, ()):
            if is_in:
                grounds_in[successor] += 1
            else:
                grounds_out[successor] += 1
            if label[successor]:
                continue
            label[successor] = decide(successor)
            if label[successor]:
                settled.append(successor)
        for successor in attacker_of.get(index, ()):
            if is_in:
                attackers_in[successor] += 1
            else:
                attackers_out[successor] += 1
            if label[successor]:
                continue
            label[successor] = decide(successor)
            if label[successor]:
                settled.append(successor)
    return {key: _AS_STATUS[label[index]] for index, key in enumerate(keys)}


def _inferences_about_documents(graph: _Graph) -> frozenset[str]:
    """The inferences towards a claim `about: documents`, when grounding ran."""
    if graph.said is None:
        return frozenset()
    return frozenset(
        inference
        for claim, inferences in graph.supports.items()
        if graph.nodes[claim].about == "documents"
        for inference in inferences
    )


def _said_outright(graph: _Graph, premise: str) -> bool:
    """Whether a premise of an inference about documents counts by its quotes:
    it has quotes and is not itself about documents (that one counts by its status)."""
    node = graph.nodes[premise]
    return bool(node.quotes) and node.about != "documents"


@attrs.frozen
class Weighing:
    """The weights a weighed node's status comes from (docs/evaluation.md)."""

    standard: Standard | None
    reasons: tuple[tuple[str, float], ...]  # the applicable reasons and their weights
    objections: tuple[tuple[str, float], ...]  # the attacks that are in, weighed, and their weights
    stands: bool

    @property
    def strongest_reason(self) -> float:
        return max((weight for _, weight in self.reasons), default=0.0)

    @property
    def strongest_objection(self) -> float:
        return max((weight for _, weight in self.objections), default=0.0)


def weighing(graph: _Graph, key: str, is_in: Callable[[str], bool]) -> Weighing:
    """Weigh a node's applicable reasons against the attacks on it that are in.

    A claim's reasons are its inferences that apply, each with its weight;
    a claim without inferences (a premise) stands on its own, with weight 1.
    An inference's reason is itself. Failed attacks are left out; the other
    attacks that are in are the objections. Without a standard, an
    objection defeats only if it weighs more than the strongest reason (the
    author, who argued it is outweighed, wins ties); a standard compares
    them as Carneades does.
    """
    node = graph.nodes[key]
    if node.kind is Kind.INFERENCE:
        reasons: tuple[tuple[str, float], ...] = ((key, graph.weight(key)),)
    elif graph.supports.get(key):
        reasons = tuple(
            (inference, graph.weight(inference)) for inference in graph.supports[key] if is_in(inference)
        )
    else:
        reasons = ((key, DEFAULT_WEIGHT),)
    objections = tuple(
        (source, graph.attack(source, key).weight)
        for source in graph.attackers.get(key, ())
        if graph.attack(source, key).mode is not AttackMode.FAILS and is_in(source)
    )
    standard = Standard(node.standard) if node.standard is not None else None
    pro = max((weight for _, weight in reasons), default=0.0)
    con = max((weight for _, weight in objections), default=0.0)
    if standard is None:
        # Only conceded attacks are weighed here; any other attack that is in defeats.
        outright = any(graph.attack(source, key).mode is AttackMode.DEFEATS for source, _ in objections)
        stands = bool(reasons) and not outright and con <= pro
    elif standard is Standard.SCINTILLA:
        stands = pro > 0
    elif standard is Standard.PREPONDERANCE:
        stands = pro > con
    elif standard is Standard.CLEAR_AND_CONVINCING:
        stands = pro > con and pro - con > CLEAR_MARGIN
    elif standard is Standard.BEYOND_REASONABLE_DOUBT:
        stands = pro > con and pro - con > CLEAR_MARGIN and con < REASONABLE_DOUBT
    else:  # dialectical validity: a reason applies and no objection is in
        stands = pro > 0 and not objections
    return Weighing(standard, reasons, objections, stands)


def _weigh(graph: _Graph, key: str, is_in: Callable[[str], bool]) -> bool:
    return weighing(graph, key, is_in).stands


def follows_carneades(graph: _Graph, key: str) -> bool:
    """Whether Carneades's rules decide `key` (`carneades_status`) rather than the default ones."""
    node = graph.nodes[key]
    if node.kind is Kind.INFERENCE:
        return node.weighing is not None
    return key in graph.issue_of or node.assumed is not None


def carneades_status(graph: _Graph, key: str, status_of: Callable[[str], Status]) -> Status | None:
    """The status Carneades's constructs give `key`, or None when the default rules decide it.

    An inference with a `weighing` is in when its weight is above 0, out when
    it is 0, and undecided while it cannot be weighed. A claim `assumed` is
    like a premise: it stands unless an attack defeats it; a claim
    `assumed: false` with no inference is out. A position of an issue is out
    when an attack defeats it or its own weight is settled at 0; otherwise
    it waits until every inference of its issue is weighed, and is in when
    it wins the issue (`issue_winner`). Any attack that does not fail
    defeats these nodes outright.
    """
    if not follows_carneades(graph, key):
        return None
    node = graph.nodes[key]
    attacks = [status_of(source) for source in _live_attackers(graph, key)]
    if node.kind is Kind.INFERENCE:
        weight = inference_weight(graph, key, status_of)
        if weight is None:
            return Status.UNDECIDED
        return Status.IN if weight > 0 else Status.OUT
    if Status.IN in attacks:
        return Status.OUT
    unattacked = Status.UNDECIDED if Status.UNDECIDED in attacks else Status.IN
    issue = graph.issue_of.get(key)
    if issue is None:
        if is_assumed(graph, key):
            return unattacked
        if graph.supports.get(key):
            return None  # `assumed: false` on a claim with inferences: the default rules
        return Status.OUT
    if any(is_assumed(graph, position) for position in issue.positions):
        # Carneades: assumed positions are in, and every other position of the issue out.
        return unattacked if is_assumed(graph, key) else Status.OUT
    if position_weight(graph, key, status_of) == 0:
        return Status.OUT  # nothing supports it: it cannot win
    winner = issue_winner(graph, issue, status_of)
    if winner is None:
        return Status.UNDECIDED
    return unattacked if winner == key else Status.OUT


def is_assumed(graph: _Graph, key: str) -> bool:
    """Whether a claim is accepted on its own: `assumed`, by default when no inference supports it."""
    assumed = graph.nodes[key].assumed
    return assumed if assumed is not None else not graph.supports.get(key)


def _live_attackers(graph: _Graph, key: str) -> list[str]:
    return [
        source
        for source in graph.attackers.get(key, ())
        if graph.attack(source, key).mode is not AttackMode.FAILS
    ]


def inference_weight(graph: _Graph, key: str, status_of: Callable[[str], Status]) -> float | None:
    """How much an inference weighs, as Carneades 4 computes it (caes.go, weighing.go).

    0 when an undercutter is in; None (not yet weighed) while an undercutter
    or, with a `weighing`, a premise is undecided. Without a `weighing`, the
    default rules settle the inference and its weight is its `weight` when in.
    """
    node = graph.nodes[key]
    if node.weighing is None:
        status = status_of(key)
        return None if status is Status.UNDECIDED else graph.weight(key) if status is Status.IN else 0.0
    attacks = [status_of(source) for source in _live_attackers(graph, key)]
    if Status.IN in attacks:
        return 0.0
    premises = [status_of(premise) for premise in graph.premises.get(key, ())]
    if Status.UNDECIDED in attacks or Status.UNDECIDED in premises:
        return None
    weight = graph.weight(key)
    count, standing = len(premises), premises.count(Status.IN)
    if node.weighing == "convergent":
        return weight if standing else 0.0
    if node.weighing == "cumulative":
        return weight * standing / count if count else weight
    if node.weighing == "criteria":
        # Carneades's multi-criteria weighing: a premise without a weight is a hard constraint.
        scored = [graph.premise_weights.get((premise, key)) for premise in graph.premises.get(key, ())]
        if any(
            score is None and status is Status.OUT for score, status in zip(scored, premises, strict=True)
        ):
            return 0.0
        total = sum(
            score
            for score, status in zip(scored, premises, strict=True)
            if score is not None and status is Status.IN
        )
        return weight * min(total, 1.0)
    if node.weighing == "factorized":
        if standing < count:
            return 0.0
        shared = _premises_of_issue(graph, key)
        return weight * standing / shared if shared else weight
    return weight if standing == count else 0.0  # linked


def _premises_of_issue(graph: _Graph, inference: str) -> int:
    """How many distinct premises the inferences of the conclusion's issue have (factorized weighing)."""
    conclusions = [claim for claim, inferences in graph.supports.items() if inference in inferences]
    issue = graph.issue_of.get(conclusions[0]) if conclusions else None
    positions = issue.positions if issue is not None else tuple(conclusions)
    return len(
        {
            premise
            for position in positions
            for other in graph.supports.get(position, ())
            for premise in graph.premises.get(other, ())
        }
    )


def position_weight(graph: _Graph, key: str, status_of: Callable[[str], Status]) -> float | None:
    """A position's weight: that of its strongest inference (0 without one); None while one is unweighed."""
    weights = [inference_weight(graph, inference, status_of) for inference in graph.supports.get(key, ())]
    settled = [weight for weight in weights if weight is not None]
    return max(settled, default=0.0) if len(settled) == len(weights) else None


def issue_winner(graph: _Graph, issue: Issue, status_of: Callable[[str], Status]) -> str | None:
    """The position that wins the issue, "" when none does, None while an inference is unweighed.

    Carneades (caes.go, Issue.Resolve): the winner is the first position,
    in the order written, with a weight above 0 that meets the issue's
    standard against every other position.
    """
    weights: dict[str, float] = {}
    for position in issue.positions:
        weight = position_weight(graph, position, status_of)
        if weight is None:
            return None
        weights[position] = weight
    standard = Standard(issue.standard)
    for position, weight in weights.items():
        if weight > 0 and all(
            _meets(standard, weight, other_weight)
            for other, other_weight in weights.items()
            if other != position
        ):
            return position
    return ""


def _meets(standard: Standard, pro: float, con: float) -> bool:
    if standard is Standard.CLEAR_AND_CONVINCING:
        return pro > con and pro - con > CLEAR_MARGIN
    if standard is Standard.BEYOND_REASONABLE_DOUBT:
        return pro > con and pro - con > CLEAR_MARGIN and con < REASONABLE_DOUBT
    return pro > con  # preponderance


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
        for source in graph.supports.get(key, ()) + graph.premises.get(key, ()) + graph.rivals(key):
            if source in undecided_set:
                forward.setdefault(source, []).append((key, False))
        for source in graph.attackers.get(key, ()):
            if source in undecided_set and graph.attack(source, key).mode is not AttackMode.FAILS:
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
        self.about_documents = _inferences_about_documents(self.graph)

    def explain(self, key: str) -> str:
        node = self.graph.nodes.get(key)
        if node is None:
            return "undecided: not part of the evaluated maps"
        status = self.evaluation.status(key)
        if key in self.graph.forced:
            return f"{status}: " + ("rejected" if status is Status.OUT else "accepted") + " by hypothesis"
        if follows_carneades(self.graph, key):
            carneades = self.carneades(key, status)
            if carneades is not None:
                return f"{status}: {carneades}"
        if status is Status.UNDECIDED:
            return "undecided: " + self.undecided(key)
        text = self.weighed(key, status)
        if text is None:
            text = self.claim(key, status) if node.kind.is_claim else self.inference(key, status)
        failed = [
            source
            for source in self.graph.attackers.get(key, ())
            if self.graph.attack(source, key).mode is AttackMode.FAILS
        ]
        if failed:
            noun = "the attack of" if len(failed) == 1 else "the attacks of"
            verb = "is" if len(failed) == 1 else "are"
            weaker = f"{noun} {self.names(failed, key)} {verb} weaker than it and does not defeat it"
            text = weaker if text == "not attacked" else f"{text}; {weaker}"
        return f"{status}: {text}"

    def carneades(self, key: str, status: Status) -> str | None:
        """The words for a node Carneades's rules decide; None where the usual words fit."""
        graph, node = self.graph, self.graph.nodes[key]

        def status_of(other: str) -> Status:
            return self.evaluation.status(other)

        defeaters = self.with_status(_live_attackers(graph, key), Status.IN)
        if node.kind is Kind.INFERENCE:
            if defeaters:
                return "undercut by " + self.names(defeaters, key, with_status=True)
            weight = inference_weight(graph, key, status_of)
            premises = graph.premises.get(key, ())
            if weight is None:
                waiting = self.with_status([*premises, *_live_attackers(graph, key)], Status.UNDECIDED)
                return f"its {node.weighing} weight waits for " + self.names(waiting, key, with_status=True)
            standing = self.with_status(premises, Status.IN)
            shown = f"{len(standing)} of its {len(premises)} premises in" if premises else "no premises"
            return f"its {node.weighing} weight is {weight:g} ({shown})"
        if defeaters:
            return None  # rebutted, in the usual words
        issue = graph.issue_of.get(key)
        if issue is None:
            if is_assumed(graph, key):
                return "assumed" if status is Status.IN else None
            return "not assumed, and no inference supports it" if not graph.supports.get(key) else None
        name = f"issue `{issue.id}`"
        assumed = [position for position in issue.positions if is_assumed(graph, position)]
        if assumed:
            if key in assumed:
                return f"assumed, a position of {name}" if status is Status.IN else None
            return f"{self.names(assumed, key)} of {name} is assumed"
        weights = {position: position_weight(graph, position, status_of) for position in issue.positions}
        if status is Status.UNDECIDED:
            waiting = [position for position, weight in weights.items() if weight is None]
            verb = "has" if len(waiting) == 1 else "have"
            return f"{name} cannot be resolved while {self.names(waiting, key)} {verb} an unweighed inference"
        shown = ", ".join(
            f"{self.name(position, key)} {weight:g}"
            for position, weight in weights.items()
            if weight is not None
        )
        if status is Status.IN:
            return f"it wins {name} under {issue.standard} (weights: {shown})"
        if not weights.get(key):
            return f"no inference of it has weight (a position of {name}; weights: {shown})"
        return f"it does not win {name} under {issue.standard} (weights: {shown})"

    def weighed(self, key: str, status: Status) -> str | None:
        """The words for a node whose status came from weighing, else None."""
        node = self.graph.nodes[key]
        live = [
            source
            for source in self.graph.attackers.get(key, ())
            if self.graph.attack(source, key).mode is not AttackMode.FAILS
        ]
        if node.standard is None and not any(
            self.graph.attack(source, key).mode is AttackMode.WEIGHED for source in live
        ):
            return None
        outright = [
            source
            for source in self.with_status(live, Status.IN)
            if self.graph.attack(source, key).mode is AttackMode.DEFEATS and node.standard is None
        ]
        premises_out = node.kind is Kind.INFERENCE and self.with_status(
            self.graph.premises.get(key, ()), Status.OUT
        )
        supports = self.graph.supports.get(key, ())
        no_inference = node.kind.is_claim and supports and not self.with_status(supports, Status.IN)
        if status is Status.OUT and (outright or premises_out or no_inference):
            return None  # out for the ordinary reasons
        result = weighing(self.graph, key, lambda other: self.evaluation.status(other) is Status.IN)
        reasons = self.names([name for name, _ in result.reasons if name != key], key)
        objections = self.names([name for name, _ in result.objections], key)
        pro, con = f"{result.strongest_reason:g}", f"{result.strongest_objection:g}"
        if result.standard is not None:
            verdict = "meets" if result.stands else "does not meet"
            return (
                f"{verdict} its standard, {result.standard}: strongest reason {pro}"
                + (f" ({reasons})" if reasons else "")
                + f", strongest objection {con}"
                + (f" ({objections})" if objections else "")
            )
        if not result.objections:
            return None
        if result.stands:
            return f"its reasons outweigh the conceded {objections} (weight {con} ≤ {pro})"
        return f"outweighed by the conceded {objections} (weight {con} > {pro}, its strongest reason)"

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

    def live_attackers(self, key: str) -> tuple[str, ...]:
        """The attackers of `key` whose attack does not fail (a weaker one is reported apart)."""
        return tuple(
            source
            for source in self.graph.attackers.get(key, ())
            if self.graph.attack(source, key).mode is not AttackMode.FAILS
        )

    def outright(self, key: str, attackers: Iterable[str]) -> list[str]:
        """The attackers that defeat outright when in (not weighed), unless a standard weighs them all."""
        if self.graph.nodes[key].standard is not None:
            return list(attackers)
        return [source for source in attackers if self.graph.attack(source, key).mode is AttackMode.DEFEATS]

    def claim(self, key: str, status: Status) -> str:
        supports = self.graph.supports.get(key, ())
        attackers = self.live_attackers(key)
        if status is Status.OUT:
            rebuttals = self.with_status(self.outright(key, attackers), Status.IN)
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
        attackers = self.live_attackers(key)
        if status is Status.OUT:
            undercutters = self.with_status(self.outright(key, attackers), Status.IN)
            if undercutters:
                return "undercut by " + self.names(undercutters, key, with_status=True)
            unsaid = [
                premise
                for premise in premises
                if self.counts_by_quotes(key, premise) and not self.said(premise)
            ]
            if unsaid:
                return "the documents do not say " + self.names(unsaid, key) + " (a quote is not found)"
            failed = [
                premise
                for premise in self.with_status(premises, Status.OUT)
                if not self.counts_by_quotes(key, premise)
            ]
            noun = "premise" if len(failed) == 1 else "premises"
            verb = "is" if len(failed) == 1 else "are"
            return f"{noun} {self.names(failed, key)} {verb} out"
        if premises and all(self.counts_by_quotes(key, premise) for premise in premises):
            text = "the documents say " + self.names(premises, key) + " (their quotes are found)"
        else:
            text = (
                "its premise " + self.names(premises, key) + " stands"
                if len(premises) == 1
                else "all its premises stand"
            )
        if attackers:
            text += "; every undercutter is out (" + self.names(attackers, key) + ")"
        return text

    def counts_by_quotes(self, inference: str, premise: str) -> bool:
        """Whether the premise counts by its quotes here (an inference towards a claim about documents)."""
        return inference in self.about_documents and _said_outright(self.graph, premise)

    def said(self, key: str) -> bool:
        return self.graph.said is not None and key in self.graph.said

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
        undecided_attackers = self.with_status(self.live_attackers(key), Status.UNDECIDED)
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
