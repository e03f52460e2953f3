"""Claims that attack each other in a cycle: the evaluation leaves them undecided.

When `a` attacks `b` and `b` attacks `a` (or a longer ring of attacks, such
as `a` against `b`, `b` against `c`, `c` against `a`), grounded semantics
cannot prefer one over the other: every node of the cycle, and every node
that depends on them, is `undecided`. Usually the document does prefer one
side and the map has not said why: answer the losing side with a further
counterexample, or drop the attack that the document overrides. If the
document really leaves the question open, say so with
`expect: {undecided: [...]}`, which silences this rule for those nodes.

The message names the cycle and the nodes that are undecided because of it.
Cycles of support (circular reasoning) are reported by M304.

Fails:

```yaml
conclusions:
  - id: sanctions-work
    text: Sanctions weaken the regime.
    counterexamples:
      - id: sanctions-rally
        text: Sanctions rally the public behind the regime.
        counterexamples:
          - ref: sanctions-work
```

Passes (the document's answer breaks the tie):

```yaml
conclusions:
  - id: sanctions-work
    text: Sanctions weaken the regime.
    counterexamples:
      - id: sanctions-rally
        text: Sanctions rally the public behind the regime.
        counterexamples:
          - id: polls-fall
            text: Support for the regime fell after each round of sanctions.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import Cycle, CycleKind, Status, evaluation_for
from argmap.config import Config
from argmap.problems import Location, Problem, Severity
from argmap.text import display_id

CODE = "A406"
NAME = "undecided"
SEVERITY = Severity.WARNING
# Silent on a map checked without what failed the schema: its statuses are not the map's.
READS_STATUSES = True
_SHOWN = 5


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    evaluation = evaluation_for(context)
    expected = {item.key for item in argmap.expectations if item.status == Status.UNDECIDED}
    for cycle in evaluation.cycles:
        if cycle.kind is not CycleKind.ATTACK:
            continue
        ours = [key for key in (*cycle.members, *cycle.dependents) if key in argmap.node_index]
        if not ours or all(key in expected for key in ours):
            continue
        place, key = _place(context, cycle)
        yield Problem.at(
            CODE,
            SEVERITY,
            place,
            _message(cycle, argmap.id),
            "if the document prefers one side, answer the other with a further counterexample "
            "or drop the attack it overrides; if it leaves the question open, list these nodes "
            "under `expect: {undecided: [...]}`",
            node=key,
        )


def _message(cycle: Cycle, map_id: str) -> str:
    path = " → ".join(display_id(key, map_id) for key in cycle.path)
    members = _names(cycle.members, map_id)
    text = f"attack cycle {path} leaves {members} undecided"
    if cycle.dependents:
        count = len(cycle.dependents)
        text += (
            f", and {count} node{'s' if count != 1 else ''} "
            f"that depend on {'it' if len(cycle.members) == 1 else 'them'}: "
        )
        text += _names(cycle.dependents, map_id)
    return text


def _names(keys: tuple[str, ...], map_id: str) -> str:
    shown = [display_id(key, map_id) for key in keys[:_SHOWN]]
    if len(keys) > _SHOWN:
        return ", ".join(shown) + f" and {len(keys) - _SHOWN} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _place(context: MapContext, cycle: Cycle) -> tuple[Location, str]:
    """Where in this file to report the cycle, and on which node: a member
    defined here, else an attack between members stated here, else a
    dependent defined here. Chosen by key, not by position, so that the
    report does not move to another node when the file is reordered."""
    argmap = context.argmap
    for key in cycle.members:  # sorted
        node = argmap.node_index.get(key)
        if node is not None:
            return node.location, key
    members = set(cycle.members)
    inside = [edge for edge in argmap.edges if edge.source in members and edge.target in members]
    if inside:
        edge = min(
            inside, key=lambda edge: (edge.source, edge.target, edge.location.line, edge.location.column)
        )
        return edge.location, edge.source
    for key in cycle.dependents:  # sorted
        node = argmap.node_index.get(key)
        if node is not None:
            return node.location, key
    return argmap.location, cycle.members[0]
