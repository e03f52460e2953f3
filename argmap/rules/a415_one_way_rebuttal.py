"""One claim the maps assert rebuts another they assert, but not the other way round.

When two claims that the documents put forward (each a conclusion, or a
premise of an inference) conflict, the conflict usually runs both ways:
if the talk's "the elite decides" defeats the column's "society decides",
the column's claim equally denies the talk's. A rebuttal written only one
way decides the verdict silently, in favour of whichever claim the analyst
happened to hang under the other. Declare the conflict once with
`contradicts:` (both attack each other, and the verdict stays open until a
preference settles it), say which prevails with `outweighs:`, mark the
attack `weaker: true`, or keep it one-way and say why with `ignore`.

Fails (`elite-decides` rebuts `society-decides`, which is asserted too):

```yaml
conclusions:
  - id: society-decides
    text: Society decides whether the war goes on.
    because:
      - id: from-polls
        warrant: What most people want, the state ends up doing.
        premises:
          - id: polls
            text: Most people support the war in the polls.
    counterexamples:
      - ref: elite-decides
  - id: elite-decides
    text: A small elite decides whether the war goes on.
```

Passes (the conflict is declared once, and a preference settles it):

```yaml
conclusions:
  - id: society-decides
    text: Society decides whether the war goes on.
    contradicts: [elite-decides]
    outweighs: [elite-decides]
    because:
      - id: from-polls
        warrant: What most people want, the state ends up doing.
        premises:
          - id: polls
            text: Most people support the war in the polls.
  - id: elite-decides
    text: A small elite decides whether the war goes on.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import scope_edges, scope_maps
from argmap.config import Config
from argmap.input.model import Relation
from argmap.problems import Problem, Severity
from argmap.text import display_id

CODE = "A415"
NAME = "one-way-rebuttal"
SEVERITY = Severity.WARNING


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    edges = scope_edges(context)
    maps = scope_maps(context)
    asserted = {root for other in maps for root in other.roots}
    asserted.update(edge.source for edge in edges if edge.relation is Relation.PREMISE)
    attacks = {(edge.source, edge.target) for edge in edges if edge.relation is Relation.ATTACKS}
    preferred = {
        pair
        for other in maps
        for preference in other.preferences
        for pair in ((preference.stronger, preference.weaker), (preference.weaker, preference.stronger))
    }
    reported: set[tuple[str, str]] = set()
    for edge in argmap.edges:
        pair = (edge.source, edge.target)
        if (
            edge.relation is not Relation.ATTACKS
            or edge.declared_conflict
            or edge.weaker
            or edge.conceded
            or pair in reported
            or edge.source not in asserted
            or edge.target not in asserted
            or (edge.target, edge.source) in attacks
            or pair in preferred
        ):
            continue
        target = context.corpus.node(edge.target)
        if target is None or not target.kind.is_claim or context.corpus.node(edge.source) is None:
            continue
        reported.add(pair)
        source_name, target_name = display_id(edge.source, argmap.id), display_id(edge.target, argmap.id)
        yield Problem.at(
            CODE,
            SEVERITY,
            edge.location,
            f"{source_name} rebuts {target_name}, which is asserted too, but {target_name} does not "
            f"rebut {source_name}: the one-way attack decides between them",
            f"declare the conflict once with `contradicts: [{source_name.strip('`')}]` "
            "and say which prevails with `outweighs:`, mark the attack `weaker: true`, "
            'or keep it one-way and say why with `ignore: {A415: "..."}`',
            node=edge.source,
        )
