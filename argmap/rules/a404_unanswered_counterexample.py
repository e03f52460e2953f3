"""An objection to the map's line of argument stands unanswered, so it defeats what it attacks.

A counterexample that is `in` (nothing defeats it) wins: the claim it
rebuts, or the inference it undercuts, is `out`. When the objection is
against the document's own line (a conclusion, or a claim or step that
supports one), the document has not answered it. That is either a gap in
the reconstruction (the answer is in the source but not yet in the map) or
a weak spot of the document worth knowing about.

Counterexamples that are the document's own answers to objections (a
counterexample under a counterexample, or under the inference that supports
one) are not reported: they are meant to win. Which side a node is on
follows from the map's shape: the conclusions and what supports them are
the document's side; each attack switches sides. Nor is an objection
reported when the map's `expect: {out: [...]}` lists what it defeats: the
author has recorded that the objection wins.

Fails (nothing answers `failures-topple`):

```yaml
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    counterexamples:
      - id: failures-topple
        text: Military failures have brought regimes down before.
```

Passes (`saddam` undercuts the objection's inference, so the objection is out):

```yaml
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    counterexamples:
      - id: failures-topple
        text: Military failures have brought regimes down before.
        because:
          - id: from-history
            scheme: argument-from-example
            premises:
              - id: juntas
                text: The Greek and Argentinian juntas fell after failed military adventures.
            counterexamples:
              - id: saddam
                text: Defeat in Kuwait in 1991 did not remove Saddam Hussein.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import Status, evaluation_for, scope_edges
from argmap.config import Config
from argmap.input.model import Edge, Relation
from argmap.problems import Problem, Severity
from argmap.text import display_id

CODE = "A404"
NAME = "unanswered-counterexample"
SEVERITY = Severity.WARNING
# Silent on a map checked without what failed the schema: its statuses are not the map's.
READS_STATUSES = True


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    evaluation = evaluation_for(context)
    own_side = context.memo(
        "argmap.rules.a404_unanswered_counterexample.side", lambda: documents_side(context)
    )
    expected_out = {item.key for item in argmap.expectations if item.status == Status.OUT}
    # One problem per counterexample, however many of the document's nodes it defeats.
    defeats: dict[str, list[Edge]] = {}
    for edge in argmap.edges:
        if (
            edge.relation is not Relation.ATTACKS
            or edge.target not in own_side
            or edge.target in expected_out
        ):
            continue
        if evaluation.defeats(edge.source, edge.target) and context.corpus.node(edge.target) is not None:
            defeats.setdefault(edge.source, []).append(edge)
    for source, edges in defeats.items():
        targets = sorted({edge.target for edge in edges})
        rebutted = [display_id(key, argmap.id) for key in targets if _is_claim(context, key)]
        undercut = [display_id(key, argmap.id) for key in targets if not _is_claim(context, key)]
        what = []
        if rebutted:
            what.append("rebuts " + _join(rebutted))
        if undercut:
            what.append(
                ("undercuts inference " if len(undercut) == 1 else "undercuts inferences ") + _join(undercut)
            )
        verb = "is" if len(targets) == 1 else "are"
        yield Problem.at(
            CODE,
            SEVERITY,
            min((edge.location for edge in edges), key=lambda location: (location.line, location.column)),
            f"counterexample {display_id(source, argmap.id)} stands unanswered: it {' and '.join(what)}, "
            f"which {verb} therefore out",
            "if the document answers it, "
            "add the answer as a counterexample to it (or to the inference behind it); "
            'if it does not, keep it and say so with `ignore: {A404: "..."}`',
            node=source,
        )


def _is_claim(context: MapContext, key: str) -> bool:
    node = context.corpus.node(key)
    return node is not None and node.kind.is_claim


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def documents_side(context: MapContext) -> frozenset[str]:
    """The nodes on the side of the map's conclusions: reached from a root
    through support and an even number of attacks."""
    into: dict[str, list[Edge]] = {}
    for edge in scope_edges(context):
        into.setdefault(edge.target, []).append(edge)
    seen: set[tuple[str, bool]] = set()
    pending = [(root, True) for root in context.argmap.roots]
    while pending:
        key, ours = pending.pop()
        if (key, ours) in seen:
            continue
        seen.add((key, ours))
        for edge in into.get(key, ()):
            pending.append((edge.source, ours if edge.relation is not Relation.ATTACKS else not ours))
    return frozenset(key for key, ours in seen if ours)
