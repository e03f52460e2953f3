"""Other semantics: complete, preferred and stable labellings of a map.

The grounded labelling (`evaluate`) is the sceptical verdict: the least
labelling that satisfies every rule. A **complete** labelling is any
labelling in which every node has the status its rules give it from the
statuses of its predecessors (Caminada's labellings, generalised to
argmap's rules: a node's grounds, attacks, preferences and weights); the
grounded labelling is the least of them. A **preferred** labelling is a
complete one whose set of `in` nodes is maximal; a **stable** one leaves
nothing undecided. On a map with attacks only (a Dung framework, as
`argmap import --from tgf` makes), these are exactly Dung's extensions.

A node is *credulously* accepted when it is `in` in some preferred
labelling, *sceptically* when it is `in` in all of them.

The search starts from the grounded labelling: only its undecided nodes
can change. It branches on the members of the attack and support knots
(strongly connected components), upstream knots first, and gives every
other undecided node the status its predecessors force; a branch is cut as
soon as one node contradicts its rule. The work is exponential in the
number of knot members in the worst case, and bounded: beyond
`SEARCH_LIMIT` steps, or `MAX_LABELLINGS` complete labellings, it refuses
with `SemanticsLimitError` rather than run for minutes.
"""

from __future__ import annotations

import enum
import itertools
import math
from collections.abc import Callable, Mapping

import attrs

from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import (
    AttackMode,
    Evaluation,
    Status,
    _Graph,
    _inferences_about_documents,
    _said_outright,
    carneades_status,
    evaluation_for,
    weighing,
)
from argmap.analysis.graphs import strongly_connected
from argmap.input.model import Kind
from argmap.problems import ArgmapError
from argmap.text import display_id

SEARCH_LIMIT = 2_000_000
MAX_LABELLINGS = 10_000


class Semantics(enum.StrEnum):
    GROUNDED = "grounded"
    COMPLETE = "complete"
    PREFERRED = "preferred"
    STABLE = "stable"


class SemanticsLimitError(ArgmapError):
    """The search for labellings went past its documented bound."""


@attrs.frozen
class Labellings:
    """The labellings of a map under a semantics, kept factored.

    The undecided region of the grounded labelling falls apart into
    independent parts (no dependency between two parts); each part's
    labellings are found alone, and the map's labellings are every
    combination of one labelling per part. Ten independent two-way
    conflicts make 1,024 preferred labellings, found as ten pairs.
    """

    semantics: Semantics
    base: Mapping[str, Status]  # the grounded labelling
    parts: tuple[tuple[Mapping[str, Status], ...], ...] = ()  # per part: its labellings, of its nodes only

    @property
    def count(self) -> int:
        return math.prod(len(part) for part in self.parts)

    @property
    def labellings(self) -> tuple[Mapping[str, Status], ...]:
        """Every labelling, whole (a product of the parts: for small maps and tests)."""
        whole: list[Mapping[str, Status]] = []
        for choice in itertools.product(*self.parts):
            labelling = dict(self.base)
            for part in choice:
                labelling.update(part)
            whole.append(labelling)
        return tuple(whole)

    def credulous(self) -> frozenset[str]:
        """The nodes `in` in some labelling."""
        if not self.count:
            return frozenset()
        keys = {key for key, status in self.base.items() if status is Status.IN}
        for part in self.parts:
            keys.update(key for labelling in part for key, status in labelling.items() if status is Status.IN)
        return frozenset(keys)

    def sceptical(self) -> frozenset[str]:
        """The nodes `in` in every labelling (none when there is no labelling)."""
        if not self.count:
            return frozenset()
        keys = {key for key, status in self.base.items() if status is Status.IN}
        for part in self.parts:
            first, *others = part
            common = {key for key, status in first.items() if status is Status.IN}
            for labelling in others:
                common &= {key for key, status in labelling.items() if status is Status.IN}
            keys |= common
        return frozenset(keys)


def rule_status(
    graph: _Graph,
    key: str,
    status_of: Callable[[str], Status],
    about_documents: frozenset[str] | None = None,
) -> Status:
    """The status `key`'s rules give it, from its predecessors' statuses (as `evaluate` decides).

    `about_documents` (the inferences towards claims about documents) is
    computed once by a caller that asks about many nodes.
    """
    forced = graph.forced.get(key)
    if forced is not None:
        return forced
    carneades = carneades_status(graph, key, status_of)
    if carneades is not None:
        return carneades
    node = graph.nodes[key]
    attackers = [
        source
        for source in graph.attackers.get(key, ())
        if graph.attack(source, key).mode is not AttackMode.FAILS
    ]
    weighed = node.standard is not None or any(
        graph.attack(source, key).mode is AttackMode.WEIGHED for source in attackers
    )
    if about_documents is None:
        about_documents = _inferences_about_documents(graph)
    grounds: list[Status] = []
    if node.kind is Kind.INFERENCE:
        for premise in graph.premises.get(key, ()):
            if key in about_documents and _said_outright(graph, premise):
                assert graph.said is not None
                grounds.append(Status.IN if premise in graph.said else Status.OUT)
            else:
                grounds.append(status_of(premise))
    else:
        grounds = [status_of(inference) for inference in graph.supports.get(key, ())]
    attacks = [status_of(source) for source in attackers]
    if Status.IN in attacks and not weighed:
        return Status.OUT
    if node.kind is Kind.INFERENCE and Status.OUT in grounds:
        return Status.OUT
    if node.kind.is_claim and grounds and all(status is Status.OUT for status in grounds):
        return Status.OUT
    if weighed:
        if Status.UNDECIDED in grounds or Status.UNDECIDED in attacks:
            return Status.UNDECIDED
        stands = weighing(graph, key, lambda other: status_of(other) is Status.IN).stands
        return Status.IN if stands else Status.OUT
    if all(status is Status.OUT for status in attacks) and (
        all(status is Status.IN for status in grounds)
        if node.kind is Kind.INFERENCE
        else (not grounds or Status.IN in grounds)
    ):
        return Status.IN
    return Status.UNDECIDED


def labellings(evaluation: Evaluation, semantics: Semantics) -> Labellings:
    """The labellings of the evaluated graph under `semantics`, part by part, in a fixed order."""
    grounded = dict(evaluation.statuses)
    if semantics is Semantics.GROUNDED:
        return Labellings(semantics, grounded)
    graph = evaluation.graph
    undecided = sorted(key for key, status in grounded.items() if status is Status.UNDECIDED)
    parts: list[tuple[Mapping[str, Status], ...]] = []
    for region in _independent_parts(graph, undecided):
        found = _search(graph, grounded, region, allow_undecided=semantics is not Semantics.STABLE)
        if semantics is Semantics.PREFERRED:
            in_sets = [frozenset(key for key in region if labelling[key] is Status.IN) for labelling in found]
            found = [
                labelling
                for labelling, ins in zip(found, in_sets, strict=True)
                if not any(ins < other for other in in_sets)
            ]
        own = [{key: labelling[key] for key in region} for labelling in found]
        parts.append(tuple(sorted(own, key=lambda labelling: [str(labelling[key]) for key in region])))
    return Labellings(semantics, grounded, tuple(parts))


def _independent_parts(graph: _Graph, undecided: list[str]) -> list[list[str]]:
    """The undecided nodes, split where no dependency links them (each part sorted)."""
    members = set(undecided)
    neighbours: dict[str, list[str]] = {key: [] for key in undecided}
    for key in undecided:
        for source in (
            *graph.supports.get(key, ()),
            *graph.premises.get(key, ()),
            *graph.attackers.get(key, ()),
            *graph.rivals(key),
        ):
            if source in members:
                neighbours[key].append(source)
                neighbours[source].append(key)
    seen: set[str] = set()
    parts: list[list[str]] = []
    for start in undecided:
        if start in seen:
            continue
        seen.add(start)
        part, pending = [start], [start]
        while pending:
            for other in neighbours[pending.pop()]:
                if other not in seen:
                    seen.add(other)
                    part.append(other)
                    pending.append(other)
        parts.append(sorted(part))
    return parts


def _search(
    graph: _Graph, grounded: Mapping[str, Status], undecided: list[str], *, allow_undecided: bool
) -> list[dict[str, Status]]:
    members = set(undecided)
    predecessors: dict[str, list[str]] = {}
    for key in undecided:
        sources = [
            *graph.supports.get(key, ()),
            *graph.premises.get(key, ()),
            *(
                source
                for source in graph.attackers.get(key, ())
                if graph.attack(source, key).mode is not AttackMode.FAILS
            ),
            *graph.rivals(key),
        ]
        predecessors[key] = [source for source in sources if source in members]
    successors: dict[str, list[str]] = {key: [] for key in undecided}
    for key, sources in predecessors.items():
        for source in sources:
            successors[source].append(key)
    # The knots, then every other node as a component of its own.
    components = strongly_connected(undecided, successors)
    in_knot = {key for component in components for key in component}
    components += [[key] for key in undecided if key not in in_knot]
    # strongly_connected's order is not promised to be topological: order the
    # knots so that every knot comes after the knots it depends on.
    component_of = {key: index for index, component in enumerate(components) for key in component}
    depends: dict[int, set[int]] = {index: set() for index in range(len(components))}
    for key, sources in predecessors.items():
        for source in sources:
            if component_of[source] != component_of[key]:
                depends[component_of[key]].add(component_of[source])
    order: list[int] = []
    placed: set[int] = set()
    for start in range(len(components)):
        stack = [(start, False)]
        while stack:
            index, expanded = stack.pop()
            if index in placed:
                continue
            if expanded:
                placed.add(index)
                order.append(index)
                continue
            stack.append((index, True))
            stack.extend((other, False) for other in sorted(depends[index]) if other not in placed)
    sequence: list[tuple[str, bool]] = []  # (node, branch on it?)
    for index in order:
        component = sorted(components[index])
        knot = len(component) > 1 or component[0] in predecessors[component[0]]
        sequence.extend((key, knot) for key in component)
    position = {key: index for index, (key, _) in enumerate(sequence)}
    # A node's rule is checked once its predecessors in the region and itself are labelled.
    check_at: dict[int, list[str]] = {}
    for key in undecided:
        last = max([position[key], *(position[source] for source in predecessors[key])])
        check_at.setdefault(last, []).append(key)

    labels: dict[str, Status] = dict(grounded)
    results: list[dict[str, Status]] = []
    steps = 0
    choices = (Status.IN, Status.OUT, Status.UNDECIDED) if allow_undecided else (Status.IN, Status.OUT)

    def status_of(key: str) -> Status:
        return labels[key]

    about_documents = _inferences_about_documents(graph)

    def consistent(index: int) -> bool:
        return all(
            rule_status(graph, key, status_of, about_documents) is labels[key]
            for key in check_at.get(index, ())
        )

    # Iterative depth-first search: pending holds (index, the choices left there).
    pending: list[tuple[int, list[Status]]] = []
    index = 0
    while True:
        if index == len(sequence):
            results.append(dict(labels))
            if len(results) > MAX_LABELLINGS:
                raise SemanticsLimitError(
                    f"more than {MAX_LABELLINGS:,} complete labellings: too many to enumerate",
                    hint="use the grounded semantics, or settle some conflicts with `outweighs:`",
                )
            index = -1
        else:
            key, branch = sequence[index]
            if branch:
                options = list(choices)
            else:
                # Not in a knot: its predecessors are labelled, its rule decides it.
                forced = rule_status(graph, key, status_of, about_documents)
                options = [forced] if allow_undecided or forced is not Status.UNDECIDED else []
            pending.append((index, options))
            index = -1
        # Take the next option, backtracking as needed.
        while pending:
            at, options = pending[-1]
            if not options:
                pending.pop()
                labels[sequence[at][0]] = Status.UNDECIDED
                continue
            steps += 1
            if steps > SEARCH_LIMIT:
                raise SemanticsLimitError(
                    f"the search for labellings went past {SEARCH_LIMIT:,} steps",
                    hint="use the grounded semantics, or settle some conflicts with `outweighs:`",
                )
            labels[sequence[at][0]] = options.pop(0)
            if consistent(at):
                index = at + 1
                break
        else:
            return results


@attrs.frozen
class SemanticsReport:
    """What a map's labellings under a semantics say, for `argmap check --semantics`."""

    map_id: str
    semantics: Semantics
    count: int  # how many labellings
    credulous: tuple[str, ...]  # in in some labelling (sorted keys)
    sceptical: tuple[str, ...]  # in in every labelling
    grounded: tuple[str, ...] = ()  # in under the grounded semantics

    def text(self) -> str:
        """One line in plain words (ids are the map's; escape before printing to a terminal)."""
        map_id = self.map_id

        def names(keys: tuple[str, ...]) -> str:
            return ", ".join(display_id(key, map_id) for key in keys) or "none"

        noun = "labelling" if self.count == 1 else "labellings"
        if not self.count:
            return (
                f"{map_id}: no {self.semantics} labelling "
                "(typically an odd attack cycle leaves no consistent choice)"
            )
        only_credulous = tuple(key for key in self.credulous if key not in set(self.sceptical))
        beyond = tuple(key for key in self.sceptical if key not in set(self.grounded))
        return (
            f"{map_id}: {self.count} {self.semantics} {noun}; besides what the grounded verdict accepts, "
            f"in in every one: {names(beyond)}; "
            f"in in some only (credulously defensible): {names(only_credulous)}"
        )


def semantics_report(context: MapContext, semantics: Semantics) -> SemanticsReport:
    """The labellings of the context's map (over its scope) under `semantics`, summed up."""
    evaluation = evaluation_for(context)
    found = labellings(evaluation, semantics)
    return SemanticsReport(
        map_id=context.argmap.id,
        semantics=semantics,
        count=found.count,
        credulous=tuple(sorted(found.credulous())),
        sceptical=tuple(sorted(found.sceptical())),
        grounded=tuple(sorted(key for key, status in evaluation.statuses.items() if status is Status.IN)),
    )
