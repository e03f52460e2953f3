"""A quoted passage occurs more than once in the source, and the quote does not say which.

The first occurrence counts, so the node's line (in `export`, `show`, the
report) points there; when the analyst meant a later one, the map points a
reader at the wrong place. Say which: `occurrence: 2` for the second, or
`after:` with words of the source that come before the one meant. A longer
quote is often the simplest fix.

Fails (the source says "For them" twice):

```yaml
- id: revenge
  text: Putin's supporters see the invasion as revenge on the West.
  quote: For them
```

Passes:

```yaml
- id: revenge
  text: Putin's supporters see the invasion as revenge on the West.
  quote:
    text: For them
    occurrence: 1
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.problems import Problem, Severity

CODE = "Q508"
NAME = "repeated-passage"
SEVERITY = Severity.INFO


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    from argmap.grounding.ground import grounding_for

    grounding = grounding_for(context)
    for quote_check in grounding.quotes:
        if quote_check.also_line is None or quote_check.line is None:
            continue
        yield Problem.at(
            CODE,
            SEVERITY,
            quote_check.quote.location,
            f"{quote_check.label} occurs more than once in `{grounding.source_file}`: "
            f"at {quote_check.place or f'line {quote_check.line}'} and again at "
            f"{quote_check.also_place or f'line {quote_check.also_line}'}; the first counts",
            "say which occurrence is meant: write the quote as `text:` with `occurrence: 2` "
            "(or `after:` words of the source before it), or quote more words",
            node=quote_check.node,
        )
