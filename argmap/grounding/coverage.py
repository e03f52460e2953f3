"""How much of its source a map quotes, and which reasoning it leaves out.

The source's plain-text view is split into sentences: paragraphs and list
items are split at `.`, `!`, `?` or `…` (with any closing quote or bracket)
followed by white space and a capital letter or digit, except after common
abbreviations (`Mr.`, `e.g.`) and initials (`J. Smith`). Headings and code
blocks are not sentences and do not count.

A sentence is *covered* when at least half of its characters (white space
aside) lie inside passages that the map's quotes were found at (the words
an elision leaves out are not quoted). Half, because a quote usually takes
the clause that carries the claim and leaves out framing ("In fact, ..."),
while a few words quoted from a long sentence do not capture it.

Coverage is the share of sentences covered. The uncovered sentences that
carry reasoning, those with a marker such as *because*, *therefore*, *so*,
*since*, *thus*, *however*, *but*, *suggest*, *means* or *if* (whole words,
any case), are what the map may have missed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

import attrs

from argmap.analysis.context import MapContext
from argmap.grounding.quotes import one_line
from argmap.grounding.sources import BlockKind, SourceText

# A sentence is covered when quotes take at least this share of its characters.
COVERED_SHARE = 0.5
REASONING_MARKERS = (
    "because",
    "therefore",
    "so",
    "since",
    "thus",
    "hence",
    "consequently",
    "however",
    "but",
    "although",
    "suggest",
    "suggests",
    "suggested",
    "means",
    "if",
)
_MARKER = re.compile(r"\b(" + "|".join(REASONING_MARKERS) + r")\b", re.IGNORECASE)
_TERMINATOR = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_OPENERS = "\"'“‘«(["
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "cf",
        "fig",
        "no",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "rev",
        "jr",
        "sr",
        "mt",
        "approx",
        "ca",
    ]
)
_MEMO_KEY = "argmap.grounding.coverage"


@attrs.frozen
class Sentence:
    start: int  # offsets of the plain-text view
    end: int
    line: int  # the source line where it begins
    text: str  # on one line
    markers: tuple[str, ...]  # reasoning markers, lower case, in order of appearance
    quoted_share: float  # 0.0 to 1.0

    @property
    def covered(self) -> bool:
        return self.quoted_share >= COVERED_SHARE

    @property
    def carries_reasoning(self) -> bool:
        return bool(self.markers)


@attrs.frozen
class Coverage:
    source_file: str
    sentences: tuple[Sentence, ...]

    @property
    def total(self) -> int:
        return len(self.sentences)

    @property
    def covered(self) -> int:
        return sum(1 for sentence in self.sentences if sentence.covered)

    @property
    def percent(self) -> float:
        """The share of sentences covered; 100 for a source with no sentences."""
        return 100.0 * self.covered / self.total if self.total else 100.0

    def below(self, minimum: float) -> bool:
        """Whether coverage falls short of `minimum` percent (compared exactly)."""
        return self.covered * 100 < minimum * self.total

    @property
    def uncovered(self) -> tuple[Sentence, ...]:
        """Every sentence no quote covers, with a reasoning word or not."""
        return tuple(sentence for sentence in self.sentences if not sentence.covered)

    @property
    def uncovered_reasoning(self) -> tuple[Sentence, ...]:
        return tuple(
            sentence for sentence in self.sentences if not sentence.covered and sentence.carries_reasoning
        )


def coverage_for(context: MapContext) -> Coverage | None:
    """The coverage of the context's map; None when its source could not be read."""

    def compute() -> Coverage | None:
        from argmap.grounding.ground import grounding_for

        grounding = grounding_for(context)
        if grounding.source is None or grounding.source_file is None:
            return None
        return measure(grounding.source, grounding.quoted_spans(), grounding.source_file)

    return context.memo(_MEMO_KEY, compute)


def measure(source: SourceText, quoted: Iterable[tuple[int, int]], source_file: str = "") -> Coverage:
    """Coverage of `source` by the plain-text spans in `quoted`."""
    spans = _merge(quoted)
    span_starts = [start for start, _ in spans]
    sentences = []
    for start, end in split_sentences(source):
        text = source.text[start:end]
        markers = tuple(dict.fromkeys(match.group(1).lower() for match in _MARKER.finditer(text)))
        share = _quoted_share(source.text, start, end, spans, span_starts)
        sentences.append(Sentence(start, end, source.line_of(start), one_line(text), markers, share))
    return Coverage(source_file, tuple(sentences))


def split_sentences(source: SourceText) -> Iterator[tuple[int, int]]:
    """The sentences of the source's paragraphs and list items, as (start, end) offsets."""
    text = source.text
    for block in source.blocks:
        if block.kind in (BlockKind.HEADING, BlockKind.CODE):
            continue
        start = block.start
        for match in _TERMINATOR.finditer(text, block.start, block.end):
            following = match.end()
            while following < block.end and text[following].isspace():
                following += 1
            if following >= block.end or not _starts_sentence(text, following, block.end):
                continue
            if _ends_in_abbreviation(text, block.start, match.start()):
                continue
            yield from _trimmed(text, start, match.end())
            start = following
        yield from _trimmed(text, start, block.end)


def _starts_sentence(text: str, index: int, end: int) -> bool:
    while index < end and text[index] in _OPENERS:
        index += 1
    return index < end and (text[index].isupper() or text[index].isdigit())


def _ends_in_abbreviation(text: str, block_start: int, terminator: int) -> bool:
    word_start = terminator
    while (
        word_start > block_start
        and not text[word_start - 1].isspace()
        and text[word_start - 1] not in _OPENERS
    ):
        word_start -= 1
    word = text[word_start:terminator]
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith"
    return word.lower() in _ABBREVIATIONS


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if any(char.isalnum() for char in text[start:end]):
        yield start, end


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _quoted_share(
    text: str, start: int, end: int, spans: list[tuple[int, int]], span_starts: list[int]
) -> float:
    visible = sum(1 for char in text[start:end] if not char.isspace())
    if not visible:
        return 0.0
    quoted = 0
    index = max(0, bisect.bisect_right(span_starts, start) - 1)
    while index < len(spans) and spans[index][0] < end:
        low, high = max(start, spans[index][0]), min(end, spans[index][1])
        if low < high:
            quoted += sum(1 for char in text[low:high] if not char.isspace())
        index += 1
    return quoted / visible
