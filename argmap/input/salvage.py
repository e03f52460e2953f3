"""The part of an invalid map that can still be checked.

A schema error in one node should not hide what the rules find in the rest
of the file (a quote that is not in the source, a gap in another
argument). So when a map fails the schema, its S-problems are reported as
always, and the map is rebuilt without what failed:

- a field of a node (a claim, inference or reference in `conclusions`,
  `premises`, `because` or `counterexamples`) with an error is left out, an
  unknown key included;
- a node that is no valid node (not a mapping, a required key missing, or
  missing once its failing field is left out) is left out, with all that
  hangs below it;
- an optional top-level key with an error (`note`, `tags`, `ignore`,
  `expect`, `thesis`, an unknown key) is left out, and a field of `source`
  but its `file`;
- a list of nodes that is left empty is left out too, and so is a node
  that is no longer valid without it (an inference whose every premise
  failed), until what remains passes the schema.

What cannot be left out gives up, as before, and the file reports only its
S-problems: an error in `argmap`, `id` or `title`, or in every conclusion.

The ids of the nodes left out are kept (`dropped`) so that a reference to
one of them is not reported as unknown (M302): the schema error has said
what is wrong. The nodes that lost a child or a field (`incomplete`) are kept too:
what the analysis rules would say of them (a conclusion without reasons, a
premise without its quote) is about a hole the schema error made, not
about the argument. The rules that judge the evaluation's statuses (a
defeated conclusion, an expectation not met) are not run on such a map at
all: the statuses of what remains are not those of the map.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from argmap.input.yaml_reader import YamlMapping, YamlSequence

NODE_LISTS = ("conclusions", "premises", "because", "counterexamples")
# Top-level keys a map cannot do without: an error in one of them gives up.
_REQUIRED_TOP_LEVEL = frozenset({"argmap", "id", "title", "conclusions"})
# Each pass leaves out at least one thing; a map has far fewer levels than this.
_MAX_PASSES = 64


@attrs.frozen
class Salvaged:
    """The checkable part of an invalid map."""

    data: YamlMapping
    dropped: frozenset[str]  # ids of the nodes left out, those below them included
    incomplete: frozenset[str]  # ids of the nodes that lost a child


def salvage(data: YamlMapping, failures: Iterable[Sequence[Any]]) -> Salvaged | None:
    """`data` without the parts the schema errors at `failures` (paths into
    the data) are in, or None when what is left could not be checked."""
    from argmap.input.schema import compiled_validator, error_paths

    repaired = copy.deepcopy(data)
    dropped: set[str] = set()
    incomplete: set[str] = set()
    paths = [tuple(path) for path in failures]
    for _ in range(_MAX_PASSES):
        if not _leave_out(repaired, paths, dropped, incomplete):
            return None
        if compiled_validator()(repaired):
            return Salvaged(repaired, frozenset(dropped), frozenset(incomplete - dropped))
        # What is still wrong follows from what was left out (a list left empty).
        paths = error_paths(repaired)
    return None


def _leave_out(
    data: YamlMapping, paths: list[tuple[Any, ...]], dropped: set[str], incomplete: set[str]
) -> bool:
    """Leave out what each path fails in; False when one cannot be left out."""
    nodes: dict[tuple[Any, ...], None] = {}
    fields: dict[tuple[Any, ...], None] = {}  # the path of a mapping's key
    for path in paths:
        node = _innermost_node(data, path)
        if node is not None:
            if len(path) > len(node) and isinstance(path[len(node)], str):
                fields[(*node, path[len(node)])] = None  # one field of the node
            else:
                nodes[node] = None
        elif not path or not isinstance(path[0], str) or path[0] in _REQUIRED_TOP_LEVEL:
            return False
        elif path[0] == "source" and len(path) > 1 and path[1] != "file":
            fields[("source", path[1])] = None  # the source stays, for its quotes
        else:
            fields[(path[0],)] = None
    for field_path in fields:
        if _inside_any(field_path, nodes):
            continue
        owner = _at(data, field_path[:-1])
        _delete_key(owner, field_path[-1])
        own_id = owner.get("id") if len(field_path) > 1 and field_path[0] in NODE_LISTS else None
        if isinstance(own_id, str):
            incomplete.add(own_id)
    # Later items first (paths in reverse order: two paths part in the same
    # container, so at the same kind of step), so that what is left out never
    # moves an item another path points to.
    for node_path in sorted(nodes, reverse=True):
        if not _inside_any(node_path, nodes):
            _drop_node(data, node_path, dropped, incomplete)
    return bool(nodes or fields)


def _innermost_node(data: Any, path: Sequence[Any]) -> tuple[Any, ...] | None:
    """The path of the innermost node (an item of a list of nodes) on `path`."""
    found: tuple[Any, ...] | None = None
    container = data
    for depth, step in enumerate(path):
        if (
            isinstance(step, int)
            and depth > 0
            and path[depth - 1] in NODE_LISTS
            and isinstance(container, list)
            and step < len(container)
        ):
            found = tuple(path[: depth + 1])
        try:
            container = container[step]
        except (KeyError, IndexError, TypeError):
            break
    return found


def _inside_any(path: tuple[Any, ...], others: Iterable[tuple[Any, ...]]) -> bool:
    return any(len(other) < len(path) and path[: len(other)] == other for other in others)


def _at(data: Any, path: Sequence[Any]) -> Any:
    for step in path:
        data = data[step]
    return data


def _drop_node(data: YamlMapping, path: tuple[Any, ...], dropped: set[str], incomplete: set[str]) -> None:
    items: YamlSequence = _at(data, path[:-1])
    index = path[-1]
    dropped.update(_ids_within(items[index]))
    del items[index]
    del items.positions[index]
    items.value_ends = {(i if i < index else i - 1): end for i, end in items.value_ends.items() if i != index}
    owner_path = path[:-2]
    owner = _at(data, owner_path)
    if owner_path:  # a node lost a child; the map itself is no node
        own_id = owner.get("id") if isinstance(owner, dict) else None
        if isinstance(own_id, str):
            incomplete.add(own_id)
    if not items and owner_path:
        _delete_key(owner, path[-2])


def _delete_key(mapping: YamlMapping, key: str) -> None:
    mapping.pop(key, None)
    mapping.positions.pop(key, None)
    mapping.value_ends.pop(key, None)


def _ids_within(node: Any) -> set[str]:
    """The ids of `node` and of every node below it."""
    found: set[str] = set()
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            if isinstance(item.get("id"), str):
                found.add(item["id"])
            pending.extend(value for key, value in item.items() if key in NODE_LISTS)
        elif isinstance(item, list):
            pending.extend(item)
    return found
