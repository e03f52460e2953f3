"""Where a quote that was not found first parts from the nearest passage of its source.

A long passage cut with "…" hides the one word that differs; the hint of
Q501 shows instead the words both share just before the first difference,
and a few words of each from there. Words are compared as quotes are
matched (`argmap.grounding.quotes`: Unicode forms, quotes and dashes, white
space, case), and shown as each side writes them.
"""

from __future__ import annotations

import attrs

from argmap.grounding.quotes import normalized_text, quote_variants, split_editorial

# Words shown before the difference, and from it on each side.
_CONTEXT_WORDS = 4
_DIFFERING_WORDS = 4


@attrs.frozen
class Difference:
    shared: str  # the words both have just before the difference ("" at the start)
    quote: str  # the quote from there ("" when the quote ends there)
    source: str  # the source from there ("" when the passage ends there)


def first_difference(quote: str, passage: str) -> Difference | None:
    """The first place where `quote`'s words and `passage`'s part, or None
    when every word of the quote is in the passage in order."""
    written = " ".join(split_editorial(quote_variants(quote)[0]))
    quote_words = normalized_text(written).split(" ")
    source_words = normalized_text(passage).split(" ")
    index = 0
    while (
        index < len(quote_words)
        and index < len(source_words)
        and normalized_text(quote_words[index], fold_case=True)
        == normalized_text(source_words[index], fold_case=True)
    ):
        index += 1
    if index >= len(quote_words):
        return None
    return Difference(
        shared=" ".join(quote_words[max(0, index - _CONTEXT_WORDS) : index]),
        quote=" ".join(quote_words[index : index + _DIFFERING_WORDS]),
        source=" ".join(source_words[index : index + _DIFFERING_WORDS]),
    )


def describe_difference(difference: Difference) -> str:
    """“after “revenge against the”, the quote has “strong West.” where the source has “stronger West.””"""
    where = f"after “{difference.shared}”" if difference.shared else "from the first word"
    source = f"“{difference.source}”" if difference.source else "nothing more"
    return f"{where}, the quote has “{difference.quote}” where the source has {source}"
