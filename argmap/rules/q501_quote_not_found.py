"""A quote does not occur in the map's source document.

A quote is the map's promise that the document says this. When the words
are not in the source (a paraphrase, a typo, a passage edited since), the
claim is no longer grounded and a reader cannot check it. Matching forgives
what does not change meaning: Unicode forms, curly or straight quotes and
apostrophes, kinds of dash, white space and line breaks; an elision `...`
stands for omitted words, provided the parts occur in order and close
together (within 300 characters); `[sic]`, `[T]he` and bracketed insertions
follow scholarly convention (see docs/format.md). The hint gives the line of
the nearest passage of the source and where the quote first parts from it:
the words both share, then what each has.

Fails (the source says "the stronger West"):

```yaml
- id: revenge
  text: Putin's supporters see the invasion as revenge on the West.
  quote: For them, it is revenge against the strong West.
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
from typing import TYPE_CHECKING

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.problems import Problem, Severity

if TYPE_CHECKING:
    from argmap.grounding.ground import QuoteCheck
    from argmap.grounding.sources import SourceText

CODE = "Q501"
NAME = "quote-not-found"
SEVERITY = Severity.ERROR


def nearest_hint(quote_check: QuoteCheck, source: SourceText | None) -> str:
    """The nearest passage: its first difference from the quote when the
    quote starts where it does, else the passage itself (shortened)."""
    from argmap.grounding.difference import describe_difference, first_difference

    nearest = quote_check.match.nearest
    assert nearest is not None
    place = quote_check.nearest_place or f"line {quote_check.nearest_line}"
    if source is not None:
        difference = first_difference(quote_check.quote.text, source.text[nearest.start : nearest.end])
        if difference is not None and difference.shared:
            return (
                f"the nearest passage is at {place}: {describe_difference(difference)}; "
                "copy the quote from the source"
            )
    return f"the nearest passage, at {place}, reads “{nearest.text}”: copy the quote from the source"


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    from argmap.grounding.ground import grounding_for, not_found_detail
    from argmap.grounding.quotes import Outcome

    grounding = grounding_for(context)
    for quote_check in grounding.quotes:
        match = quote_check.match
        if match.outcome is not Outcome.NOT_FOUND:
            continue
        if match.no_words:
            message = f"{quote_check.label} holds nothing but an elision"
            hint = "quote the words of the source; `...` may only stand between them"
        else:
            message = f"{quote_check.label} does not occur in `{grounding.source_file}`" + not_found_detail(
                quote_check
            )
            if match.nearest is not None:
                hint = nearest_hint(quote_check, grounding.source)
            else:
                hint = "copy the passage verbatim from the source; `...` may stand for omitted words"
        yield Problem.at(CODE, SEVERITY, quote_check.quote.location, message, hint, node=quote_check.node)
