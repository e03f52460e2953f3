"""From a graph of claims, inferences and attacks to an argmap map.

Foreign formats are graphs; an argmap map is a forest of trees in which
each node is defined once and used elsewhere by `ref`. Readers describe the
graph with `GraphBuilder`, and `map_data` lays it out:

- the roots (`conclusions`) are the claims that support nothing and attack
  nothing, in the order the readers added them; claims that only stand in a
  cycle of attacks become roots too;
- a node is defined where the walk from the roots first meets it, and
  referenced everywhere else;
- support that runs in a circle cannot be a map (M304), so the edge that
  closes the circle is dropped and said to be lost;
- a chain deeper than `MAX_NESTING` claims is cut by a reference and the
  rest defined as a further conclusion, so the YAML stays within the
  loader's depth limit.
"""

from __future__ import annotations

from typing import Any

import attrs

MAX_NESTING = 24


@attrs.define
class Claim:
    id: str
    text: str
    # A passage, or `{text, occurrence}` when its words stand in the source more than once.
    quotes: list[str | dict[str, Any]] = attrs.Factory(list)
    note: str | None = None
    tags: list[str] = attrs.Factory(list)
    implicit: bool = False
    extra: dict[str, Any] = attrs.Factory(dict)


@attrs.define
class Inference:
    id: str
    conclusion: str
    # (claim id, role or None)
    premises: list[tuple[str, str | None]] = attrs.Factory(list)
    scheme: str | None = None
    warrant: str | None = None
    note: str | None = None
    tags: list[str] = attrs.Factory(list)
    extra: dict[str, Any] = attrs.Factory(dict)
    # premise id -> keys written on its item under this inference (a premise's `weight`)
    premise_extra: dict[str, dict[str, Any]] = attrs.Factory(dict)


@attrs.define
class Attack:
    attacker: str  # a claim
    target: str  # a claim (rebut) or an inference (undercut)
    question: str | None = None


@attrs.define
class GraphBuilder:
    claims: dict[str, Claim] = attrs.Factory(dict)
    inferences: dict[str, Inference] = attrs.Factory(dict)
    attacks: list[Attack] = attrs.Factory(list)
    losses: list[str] = attrs.Factory(list)
    # Formats whose semantics has them (Carneades): inferences without premises
    # apply on their own, and circles of support are kept (their members stay undecided).
    keep_premiseless: bool = False
    keep_support_cycles: bool = False

    def claim(self, claim: Claim) -> Claim:
        self.claims[claim.id] = claim
        return claim

    def inference(self, inference: Inference) -> Inference:
        self.inferences[inference.id] = inference
        return inference

    def attack(self, attack: Attack) -> None:
        self.attacks.append(attack)

    def map_data(self, header: dict[str, Any], tail: dict[str, Any] | None = None) -> dict[str, Any]:
        """The map: `header` keys (argmap, id, title, source...) first, then the trees."""
        self._drop_dangling()
        if not self.keep_support_cycles:
            self._break_support_cycles()
        layout = _Layout(self)
        return {**header, "conclusions": layout.conclusions(), **(tail or {})}

    def _drop_dangling(self) -> None:
        for inference in list(self.inferences.values()):
            kept = [(p, role) for p, role in inference.premises if p in self.claims]
            if len(kept) < len(inference.premises):
                self.losses.append(f"inference {inference.id}: a premise that is not a claim was dropped")
            inference.premises = kept
            if inference.conclusion not in self.claims or not (kept or self.keep_premiseless):
                del self.inferences[inference.id]
                self.losses.append(f"inference {inference.id}: no conclusion or no premise; dropped")
        kept_attacks = []
        for attack in self.attacks:
            if attack.attacker in self.claims and (
                attack.target in self.claims or attack.target in self.inferences
            ):
                kept_attacks.append(attack)
            else:
                self.losses.append(
                    f"an attack of {attack.attacker} on {attack.target} has a missing end; dropped"
                )
        self.attacks = kept_attacks

    def _break_support_cycles(self) -> None:
        """Drop each premise edge that closes a circle of support (iterative DFS)."""
        by_conclusion: dict[str, list[Inference]] = {}
        for inference in self.inferences.values():
            by_conclusion.setdefault(inference.conclusion, []).append(inference)
        state: dict[str, int] = {}  # 1 on the path, 2 done
        for start in self.claims:
            if start in state:
                continue
            state[start] = 1
            stack: list[tuple[str, list[tuple[Inference, str]]]] = [(start, _steps(by_conclusion, start))]
            while stack:
                claim_id, steps = stack[-1]
                if not steps:
                    state[claim_id] = 2
                    stack.pop()
                    continue
                inference, premise = steps.pop()
                if state.get(premise) == 1:
                    inference.premises = [(p, r) for p, r in inference.premises if p != premise]
                    self.losses.append(
                        f"support of {inference.conclusion} by {premise} closes a circle; "
                        "that premise was dropped"
                    )
                elif premise not in state:
                    state[premise] = 1
                    stack.append((premise, _steps(by_conclusion, premise)))
        for inference in list(self.inferences.values()):
            if not inference.premises:
                del self.inferences[inference.id]
                self.losses.append(f"inference {inference.id} was left without premises; dropped")


def _steps(by_conclusion: dict[str, list[Inference]], claim_id: str) -> list[tuple[Inference, str]]:
    steps = [
        (inference, premise)
        for inference in by_conclusion.get(claim_id, [])
        for premise, _ in inference.premises
    ]
    steps.reverse()  # popped from the end: first premise first
    return steps


class _Layout:
    def __init__(self, graph: GraphBuilder) -> None:
        self.graph = graph
        self.because: dict[str, list[Inference]] = {}
        for inference in graph.inferences.values():
            self.because.setdefault(inference.conclusion, []).append(inference)
        self.attacks_on: dict[str, list[Attack]] = {}
        for attack in graph.attacks:
            self.attacks_on.setdefault(attack.target, []).append(attack)
        self.defined: set[str] = set()  # defined, or reserved to be defined as a further conclusion
        self.written: set[str] = set()
        self.pending: list[str] = []

    def conclusions(self) -> list[dict[str, Any]]:
        used = {p for inference in self.graph.inferences.values() for p, _ in inference.premises}
        used |= {attack.attacker for attack in self.graph.attacks}
        roots = [claim_id for claim_id in self.graph.claims if claim_id not in used]
        items: list[dict[str, Any]] = []
        queue = list(roots)
        leftovers = iter(list(self.graph.claims))
        while True:
            while queue or self.pending:
                if queue:
                    claim_id = queue.pop(0)
                    if claim_id not in self.defined:
                        items.append(self._claim(claim_id, 0))
                else:
                    claim_id = self.pending.pop(0)
                    if claim_id not in self.written:
                        items.append(self._claim(claim_id, 0))
            remaining = next((c for c in leftovers if c not in self.defined), None)
            if remaining is None:
                return items
            queue.append(remaining)

    def _use(self, claim_id: str, depth: int) -> dict[str, Any]:
        if claim_id in self.defined:
            return {"ref": claim_id}
        if depth >= MAX_NESTING:
            self.pending.append(claim_id)
            self.defined.add(claim_id)  # reserved: defined later as a conclusion
            return {"ref": claim_id}
        return self._claim(claim_id, depth)

    def _claim(self, claim_id: str, depth: int) -> dict[str, Any]:
        claim = self.graph.claims[claim_id]
        self.defined.add(claim_id)
        self.written.add(claim_id)
        item: dict[str, Any] = {"id": claim.id, "text": claim.text}
        if claim.quotes:
            item["quote"] = claim.quotes[0] if len(claim.quotes) == 1 else list(claim.quotes)
        elif claim.implicit:
            item["implicit"] = True
        if claim.note:
            item["note"] = claim.note
        if claim.tags:
            item["tags"] = list(claim.tags)
        item.update(claim.extra)
        because = [self._inference(inference, depth) for inference in self.because.get(claim_id, [])]
        if because:
            item["because"] = because
        counterexamples = self._counterexamples(claim_id, depth)
        if counterexamples:
            item["counterexamples"] = counterexamples
        return item

    def _inference(self, inference: Inference, depth: int) -> dict[str, Any]:
        item: dict[str, Any] = {"id": inference.id}
        for key in ("scheme", "warrant", "note"):
            value = getattr(inference, key)
            if value:
                item[key] = value
        if inference.tags:
            item["tags"] = list(inference.tags)
        item.update(inference.extra)
        premises = []
        for premise, role in inference.premises:
            used = self._use(premise, depth + 1)
            if role:
                used["role"] = role
            used.update(inference.premise_extra.get(premise, {}))
            premises.append(used)
        item["premises"] = premises
        counterexamples = self._counterexamples(inference.id, depth)
        if counterexamples:
            item["counterexamples"] = counterexamples
        return item

    def _counterexamples(self, target: str, depth: int) -> list[dict[str, Any]]:
        items = []
        for attack in self.attacks_on.get(target, []):
            used = self._use(attack.attacker, depth + 1)
            if attack.question:
                used["question"] = attack.question
            items.append(used)
        return items
