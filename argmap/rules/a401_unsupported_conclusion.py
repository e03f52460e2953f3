"""A conclusion that nothing in the map supports.

A root conclusion is what the document argues for. Without `because`, the
map records the claim but not the reasoning, which is what an argument map
is for. Either the reconstruction is unfinished, or the document asserts
its thesis without argument, which is worth recording with a reason:
`ignore: {A401: "the author gives no reason"}`.

A root that refers to a claim of another map (`- ref: other#claim`) counts
as supported when that map supports it.

Fails:

```yaml
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    quote: there is no direct connection between the failures of the military and the weakening of
      Putin's power
```

Passes:

```yaml
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    quote: there is no direct connection between the failures of the military and the weakening of
      Putin's power
    because:
      - id: from-revenge
        premises:
          - id: revenge
            text: Putin's supporters see the invasion as revenge on the West, not as aggression.
            quote: For them, it is revenge against the stronger West.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import place_of, scope_edges
from argmap.config import Config
from argmap.input.model import Relation
from argmap.problems import Problem, Severity
from argmap.text import display_id

CODE = "A401"
NAME = "unsupported-conclusion"
SEVERITY = Severity.WARNING


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    supported = {edge.target for edge in scope_edges(context) if edge.relation is Relation.SUPPORTS}
    # A ref that only hangs this map's attacks on another map's node does
    # not claim that node as a conclusion of this map.
    anchors = {reference.target for reference in argmap.references if reference.is_anchor}
    for root in argmap.roots:
        if root in supported or context.corpus.node(root) is None:
            continue
        if root in anchors and argmap.node_index.get(root) is None:
            continue
        yield Problem.at(
            CODE,
            SEVERITY,
            place_of(context, root),
            f"conclusion {display_id(root, argmap.id)} has no `because`: nothing in the map supports it",
            "add the inferences the document gives for it under `because`; if it gives none, "
            'say so with `ignore: {A401: "..."}`',
            node=root,
        )
