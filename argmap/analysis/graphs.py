"""Graph algorithms the analyses share, written with explicit stacks so that
a chain of 100,000 claims cannot overflow Python's recursion limit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence


def strongly_connected(starts: Iterable[str], successors: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the components that hold a cycle (more than one
    node, or one node with an edge to itself), each sorted, in sorted order."""
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in starts:
        if start in index:
            continue
        work: list[tuple[str, int]] = [(start, 0)]
        while work:
            key, position = work.pop()
            if position == 0:
                index[key] = lowlink[key] = counter
                counter += 1
                stack.append(key)
                on_stack.add(key)
            following = successors.get(key, ())
            descended = False
            while position < len(following):
                successor = following[position]
                position += 1
                if successor not in index:
                    work.append((key, position))
                    work.append((successor, 0))
                    descended = True
                    break
                if successor in on_stack:
                    lowlink[key] = min(lowlink[key], index[successor])
            if descended:
                continue
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[key])
            if lowlink[key] == index[key]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == key:
                        break
                if len(component) > 1 or key in following:
                    components.append(sorted(component))
    return sorted(components)
