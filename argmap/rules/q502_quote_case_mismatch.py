"""A quote occurs in the source only when upper and lower case are ignored.

The words are the source's, but not its capitals: usually a sentence quoted
from its middle with a capital added, or a name written in lower case. The
quote is found (the node is grounded) but it is not verbatim; the hint
shows how the source writes it.

Fails (the source writes "For them, it is revenge..."):

```yaml
- id: revenge
  text: Putin's supporters see the invasion as revenge on the West.
  quote: for them, it is Revenge against the stronger West.
```

Passes:

```yaml
- id: revenge
  text: Putin's supporters see the invasion as revenge on the West.
  quote: For them, it is revenge against the stronger West.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.problems import Problem, Severity

CODE = "Q502"
NAME = "quote-case-mismatch"
SEVERITY = Severity.WARNING


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    from argmap.grounding.ground import grounding_for
    from argmap.grounding.quotes import Outcome

    grounding = grounding_for(context)
    for quote_check in grounding.quotes:
        if quote_check.match.outcome is not Outcome.CASE_MISMATCH:
            continue
        yield Problem.at(
            CODE,
            SEVERITY,
            quote_check.quote.location,
            f"{quote_check.label} matches {quote_check.place or f'line {quote_check.line}'} "
            f"of `{grounding.source_file}` "
            "only when case is ignored",
            f"the source writes “{quote_check.source_words}”: copy its capitals",
            node=quote_check.node,
        )
