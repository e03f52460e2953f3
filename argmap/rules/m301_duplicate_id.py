"""Two nodes of one map share an id.

Ids name nodes for `ref`, for diagrams and for diffs: when two nodes share
one, a `ref` could mean either, and argmap keeps only the first. Reuse a
claim with `ref`; give a different claim its own id.

Fails:

```yaml
premises:
  - id: revenge
    text: Putin's supporters see the invasion as revenge on the West.
  - id: revenge
    text: To them any resistance to the West is a victory.
```

Passes:

```yaml
premises:
  - id: revenge
    text: Putin's supporters see the invasion as revenge on the West.
  - id: any-resistance-wins
    text: To them any resistance to the West is a victory.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.input.model import node_key
from argmap.problems import Problem, Severity

CODE = "M301"
NAME = "duplicate-id"
SEVERITY = Severity.ERROR


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    for duplicate in argmap.duplicates:
        yield Problem.at(
            CODE,
            SEVERITY,
            duplicate.again,
            f"id `{duplicate.node_id}` is already used at line {duplicate.first.line}",
            f"to use the same claim again write `- ref: {duplicate.node_id}`; "
            "otherwise give this node another id",
            node=node_key(argmap.id, duplicate.node_id),
        )
        yield Problem.at(
            CODE,
            SEVERITY,
            duplicate.first,
            f"id `{duplicate.node_id}` is used again at line {duplicate.again.line}",
            "ids must be unique in a map",
            node=node_key(argmap.id, duplicate.node_id),
        )
