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

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.input.model import split_key
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
    for target, written, location, what in targets:
        if corpus.node(target) is not None:
            continue
        map_id, node_id = split_key(target)
        other = corpus.map(map_id)
        if other is None:
            known = sorted(corpus.map_index)
            guess = closest(map_id, known, prefer_affix=False)
            yield Problem.at(
                CODE,
                SEVERITY,
                location,
                f"{what} `{written}` names map `{map_id}`, which is not among the maps checked"
                + did_you_mean(guess),
                "check that map too (name both files, or their folder); maps in the same folder are found by their `id`",
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
