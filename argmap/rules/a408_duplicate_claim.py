"""Two claims of a map say the same thing: they should be one node, reused with `ref`.

When the same claim appears twice under different ids, the map splits what
is one claim: a counterexample that attacks one copy leaves the other
standing, and the evaluation goes wrong without a word. Texts are compared
after ignoring case, punctuation and spacing. Keep one node and write
`- ref: its-id` where the claim recurs. Both places are reported.

Fails:

```yaml
premises:
  - id: revenge
    text: Putin's supporters see the invasion as revenge on the West.
counterexamples:
  - id: revenge-again
    text: "Putin's supporters see the invasion as revenge on the West"
```

Passes:

```yaml
premises:
  - id: revenge
    text: Putin's supporters see the invasion as revenge on the West.
counterexamples:
  - ref: revenge
```
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.input.model import Node
from argmap.problems import Problem, Severity

CODE = "A408"
NAME = "duplicate-claim"
SEVERITY = Severity.WARNING

_NOT_WORD = re.compile(r"[\W_]+")


def normalized(text: str) -> str:
    """The text without case, punctuation or spacing differences."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded.replace("'", "").replace("’", "")).split())


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    groups: dict[str, list[Node]] = {}
    for node in context.argmap.nodes:
        if node.kind.is_claim and node.text:
            key = normalized(node.text)
            if key:
                groups.setdefault(key, []).append(node)
    for nodes in groups.values():
        if len(nodes) < 2:
            continue
        # Once per duplicate, at the later claim: the first is the one to keep.
        first = nodes[0]
        for node in nodes[1:]:
            yield Problem.at(
                CODE,
                SEVERITY,
                node.location,
                f"claim `{node.id}` says the same as `{first.id}` (line {first.location.line})",
                f"keep one of them and write `- ref: {first.id}` where the claim recurs",
                node=node.key,
            )
