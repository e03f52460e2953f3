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

Passes: break the loop by grounding `b` in something other than `a`.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.config import Config
from argmap.context import MapContext
from argmap.model import Edge, Relation, split_key
from argmap.problems import Problem, Severity

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
    for component in strongly_connected(successors):
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
        names = [_short(key, argmap.id) for key in path]
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


def _short(key: str, map_id: str) -> str:
    other, node_id = split_key(key)
    return node_id if other == map_id else key


def strongly_connected(successors: dict[str, list[tuple[str, Edge]]]) -> list[list[str]]:
    """Tarjan's algorithm with an explicit stack: components with a cycle."""
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in sorted(successors):
        if start in index:
            continue
        work: list[tuple[str, int]] = [(start, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = lowlink[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = successors.get(node, [])
            advanced = False
            while position < len(children):
                child = children[position][0]
                position += 1
                if child not in index:
                    work.append((node, position))
                    work.append((child, 0))
                    advanced = True
                    break
                if child in on_stack:
                    lowlink[node] = min(lowlink[node], index[child])
            if advanced:
                continue
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
            if lowlink[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                self_loop = any(target == node for target, _ in successors.get(node, []))
                if len(component) > 1 or self_loop:
                    components.append(sorted(component))
    return components


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
