"""A claim supports itself through a chain of inferences.

Circular reasoning (begging the question): the claim is among its own
reasons, directly or through other claims. argmap cannot tell what stands
in such a loop, so it says where the loop is: the message prints the path.

Fails:

```yaml
conclusions:
  - id: a
    text: Defeat weakens the regime.
    because:
      - id: from-b
        premises:
          - id: b
            text: The elite turns against a loser.
            because:
              - id: from-a
                premises:
                  - ref: a
```

Passes (the loop broken: `b` grounded in something other than `a`):

```yaml
conclusions:
  - id: a
    text: Defeat weakens the regime.
    because:
      - id: from-b
        premises:
          - id: b
            text: The elite turns against a loser.
            because:
              - id: from-history
                premises:
                  - ref: juntas
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.analysis.graphs import strongly_connected
from argmap.config import Config
from argmap.input.model import Edge, Relation
from argmap.problems import Problem, Severity
from argmap.text import relative_id

CODE = "M304"
NAME = "circular-support"
SEVERITY = Severity.ERROR


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    scope = context.corpus.scope(argmap.id)
    successors: dict[str, list[tuple[str, Edge]]] = {}
    for other in scope:
        for edge in other.edges:
            if edge.relation is not Relation.ATTACKS:
                successors.setdefault(edge.source, []).append((edge.target, edge))
    # In key order, so that the loop reported does not depend on the order of the file.
    for following in successors.values():
        following.sort(key=lambda pair: (pair[0], pair[1].map_id, pair[1].relation))
    plain = {key: [target for target, _ in following] for key, following in successors.items()}
    for component in strongly_connected(sorted(successors), plain):
        cycle = _cycle_in(component, successors)
        if not cycle:
            continue
        # Report the loop once, in the map that closes it through a ref.
        closing = [edge for edge in cycle if edge.via_ref and edge.map_id == argmap.id]
        if not closing:
            continue
        # Chosen by key, not by position, so reordering the file does not
        # move the problem to another node.
        first = min(closing, key=lambda edge: (edge.source, edge.target))
        path = [cycle[0].source] + [edge.target for edge in cycle]
        names = [relative_id(key, argmap.id) for key in path]
        if len(names) > 12:  # a long loop: its start and its end say enough
            names = [*names[:8], f"… ({len(names) - 10} more)", *names[-2:]]
        shown = " → ".join(names)
        yield Problem.at(
            CODE,
            SEVERITY,
            first.location,
            f"circular support: {shown}",
            "a claim cannot be among its own reasons: ground one of these claims in something else",
            node=first.source,
        )


def _cycle_in(component: list[str], successors: dict[str, list[tuple[str, Edge]]]) -> list[Edge]:
    """One cycle through the component's smallest key, as a list of edges."""
    members = set(component)
    start = component[0]
    parents: dict[str, Edge] = {}
    queue = [start]
    seen = {start}
    while queue:
        node = queue.pop(0)
        for target, edge in successors.get(node, []):
            if target not in members:
                continue
            if target == start:
                path = [edge]
                current = node
                while current != start:
                    path.append(parents[current])
                    current = parents[current].source
                return list(reversed(path))
            if target not in seen:
                seen.add(target)
                parents[target] = edge
                queue.append(target)
    return []
