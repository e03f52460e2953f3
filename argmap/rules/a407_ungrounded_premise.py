"""A premise has neither a `quote` nor `implicit: true`.

A map reconstructs a document: each premise is either something the
document says, tied to its words by a `quote`, or something the analyst
supplied because the document leaves it unstated, marked `implicit: true`.
A premise with neither cannot be checked against the source, and a reader
cannot tell the document's reasons from the analyst's.

Fails:

```yaml
premises:
  - id: revenge
    text: Putin's supporters see the invasion as revenge on the West.
```

Passes:

```yaml
premises:
  - id: revenge
    text: Putin's supporters see the invasion as revenge on the West.
    quote: For them, it is revenge against the stronger West.
  - id: losers-fall
    text: Leaders who lose wars usually lose power.
    implicit: true
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.input.model import Kind
from argmap.problems import Problem, Severity

CODE = "A407"
NAME = "ungrounded-premise"
SEVERITY = Severity.WARNING


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    for node in context.argmap.nodes:
        if node.kind is not Kind.PREMISE or node.quotes or node.implicit:
            continue
        yield Problem.at(
            CODE,
            SEVERITY,
            node.location,
            f"premise `{node.id}` has neither a `quote` nor `implicit: true`: nothing ties it to the source",
            "add the passage that states it as `quote:`, "
            "or mark it `implicit: true` if the document leaves it unstated",
            node=node.key,
        )
