"""A `ref` (or an `expect` entry) names a node that does not exist.

A reference that resolves to nothing silently drops a premise or an
objection from the argument. The message suggests the nearest existing id;
a reference into another map needs that map among the maps checked, or in
the same folder.

Fails:

```yaml
premises:
  - ref: revnge
```

Passes:

```yaml
premises:
  - ref: revenge
```
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.input.model import ArgMap, split_key
from argmap.problems import Location, Problem, Severity
from argmap.text import closest, did_you_mean

CODE = "M302"
NAME = "unknown-ref"
SEVERITY = Severity.ERROR


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    corpus = context.corpus
    targets: list[tuple[str, str, Location, str]] = [
        (reference.target, reference.written, reference.location, "reference")
        for reference in argmap.references
    ]
    targets += [
        (expectation.key, expectation.written, expectation.location, f"`expect.{expectation.status}` entry")
        for expectation in argmap.expectations
    ]
    keys_of_id = context.run.memo(
        "argmap.rules.m302_unknown_ref.keys", lambda: _node_keys_by_map_id(corpus.maps)
    )
    for target, written, location, what in targets:
        if corpus.node(target) is not None and not _declared_twice(keys_of_id, target):
            continue
        map_id, node_id = split_key(target)
        # Two maps declare this id (M305 says so): the reference may mean either,
        # and one that names a node of either is not reported again here.
        if _declared_twice(keys_of_id, target) and target in keys_of_id[map_id][1]:
            continue
        other = corpus.map(map_id)
        if other is not None and node_id in other.dropped_ids:
            continue  # left out for a schema error, which says what is wrong with it
        if other is None:
            known = sorted(corpus.map_index)
            guess = closest(map_id, known, prefer_affix=False)
            yield Problem.at(
                CODE,
                SEVERITY,
                location,
                f"{what} `{written}` names map `{map_id}`, which is not among the maps checked"
                + did_you_mean(guess),
                "check that map too (name both files, or their folder); "
                "maps in the same folder are found by their `id`",
            )
            continue
        ids = sorted(node.id for node in other.nodes)
        guess = closest(node_id, ids, cutoff=0.5, prefer_affix=False)
        where = "this map" if other.id == argmap.id else f"map `{other.id}`"
        yield Problem.at(
            CODE,
            SEVERITY,
            location,
            f"{what} `{written}`: no node `{node_id}` in {where}" + did_you_mean(guess),
            "refer to the `id` of a claim defined in that map",
        )


def _node_keys_by_map_id(maps: Iterable[ArgMap]) -> dict[str, tuple[int, set[str]]]:
    """Once per run: for each map id, how many maps declare it and the node keys of all of them."""
    found: dict[str, tuple[int, set[str]]] = {}
    for other in maps:
        count, keys = found.get(other.id, (0, set()))
        keys.update(node.key for node in other.nodes)
        found[other.id] = (count + 1, keys)
    return found


def _declared_twice(keys_of_id: dict[str, tuple[int, set[str]]], target: str) -> bool:
    map_id, _ = split_key(target)
    return keys_of_id.get(map_id, (0, set()))[0] > 1
