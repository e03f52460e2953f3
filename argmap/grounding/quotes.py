"""Find a quote in a source's plain text, forgiving what does not change meaning.

Both the quote and the source are normalized before they are compared:

- Unicode NFKC (a non-breaking space is a space, `ﬁ` is `fi`, `…` is `...`,
  a letter with a combining accent is the accented letter);
- curly and straight quotes and apostrophes are one (`’` `‘` `'`, `“` `”`
  `«` `»` `"`); dashes and hyphens are one (`–` `—` `‐` `−` `-`);
- runs of white space, line breaks included, are one space; white space
  before closing punctuation (`.` `,` `;` `:` `!` `?` `)` `]`) and around a
  dash counts for nothing, so `September .` (where a timestamp tag was) reads
  as `September.` and `unclear—not` as `unclear - not`;
- invisible characters (zero-width space, soft hyphen, byte-order mark) are
  dropped.

A quote must start and end on word boundaries of the source: `West` does not
match inside `Western`.

An elision (`...`, `…`, `[...]` or `(...)`) stands for omitted words: the
parts around it must occur in the source in the quote's order, each starting
at most `ELISION_MAX_GAP` normalized characters after the previous one ends
(about fifty words: an elision shortens a passage, it does not stitch
together distant ones). When a quote occurs in several places, the first
occurrence counts.

A quote that is not found exactly is tried again ignoring case (a warning,
not an error); one not found at all gets the nearest passage of the source
as a hint, found by fuzzy alignment (rapidfuzz, imported only then).
"""

from __future__ import annotations

import bisect
import enum
import functools
import heapq
import itertools
import re
import unicodedata
from array import array
from collections.abc import Iterator, Sequence

import attrs

# The most normalized characters an elision may stand for, between the end
# of one part of a quote and the start of the next.
ELISION_MAX_GAP = 300
# Occurrences of one part considered when chaining elided parts: a part as
# common as "the" cannot make the search quadratic.
_MAX_OCCURRENCES = 10_000
# Below this similarity (0-100) the nearest passage is no help as a hint.
_MIN_HINT_SCORE = 50.0
_HINT_WIDTH = 160
# Sources up to this many normalized characters are aligned whole to find the
# nearest passage; longer ones only around the likeliest places, this many.
_ALIGN_WHOLE_MAX = 200_000
_HINT_WINDOWS = 8

_ELISION = re.compile(
    r"\s*(?:\[\s*(?:\.\s*){3,}\]|\[\s*…\s*\]|\(\s*(?:\.\s*){3,}\)|\(\s*…\s*\)|\.(?:\s*\.){2,}|…)\s*"
)

_SINGLE_QUOTES = "‘’‚‛′‹›`´ʼʹ＇"
_DOUBLE_QUOTES = "“”„‟″«»〝〞〟＂"
_DASHES = "‐‑‒–—―−⁃﹘﹣－"
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_CHARACTER_MAP = str.maketrans(
    {
        **dict.fromkeys(_SINGLE_QUOTES, "'"),
        **dict.fromkeys(_DOUBLE_QUOTES, '"'),
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_INVISIBLE, ""),
    }
)
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?)\]])")
# White space before these counts for nothing.
_CLOSING = frozenset(".,;:!?)]}-")
# White space after these counts for nothing.
_OPENING = frozenset("([{-")


class Outcome(enum.StrEnum):
    FOUND = "found"
    CASE_MISMATCH = "case-mismatch"  # found only when ignoring case
    NOT_FOUND = "not-found"


@attrs.frozen
class Passage:
    """A stretch of the source: where the nearest passage to a lost quote is."""

    start: int  # offsets of the plain-text view
    end: int
    text: str  # white space collapsed, shortened for a message
    score: float  # similarity 0-100


@attrs.frozen
class QuoteMatch:
    outcome: Outcome
    # Offsets in the plain text of each part of the quote (one part unless
    # the quote has elisions), for FOUND and CASE_MISMATCH.
    spans: tuple[tuple[int, int], ...] = ()
    # For NOT_FOUND: the nearest passage, when there is a useful one...
    nearest: Passage | None = None
    # ...and whether every part occurs alone (an elided quote whose parts
    # are out of order or too far apart).
    parts_found_apart: bool = False
    elided: bool = False
    # The quote holds nothing but elisions.
    no_words: bool = False
    # Where the passage occurs again (plain-text offset), when the quote did
    # not say which occurrence it means.
    also_at: int | None = None
    # For NOT_FOUND with `occurrence:` or `after:`: how many times the
    # passage occurs (after the `after` words), and whether those words were found.
    occurrences: int | None = None
    after_missing: bool = False

    @property
    def start(self) -> int | None:
        return self.spans[0][0] if self.spans else None

    @property
    def end(self) -> int | None:
        return self.spans[-1][1] if self.spans else None


@attrs.frozen
class Normalized:
    """Normalized text with, for each of its characters, the span of the
    original text it came from."""

    text: str
    starts: array[int]
    ends: array[int]


def _offset_type(length: int) -> str:
    """The array type code for offsets into a text of `length` characters:
    4 bytes where they fit (half the memory of the offsets of a long source)."""
    return "i" if length < 2**31 - 1 else "q"


@functools.lru_cache(maxsize=4096)
def _normalize_cluster(cluster: str, fold_case: bool) -> str:
    text = unicodedata.normalize("NFKC", cluster.translate(_CHARACTER_MAP))
    if fold_case:
        text = unicodedata.normalize("NFKC", text.casefold())
    return text.translate(_CHARACTER_MAP)


def normalize(text: str, *, fold_case: bool = False) -> Normalized:
    """`text` normalized for comparison (see the module's docstring)."""
    fast = _normalize_simple(text, fold_case)
    return fast if fast is not None else _normalize_by_cluster(text, fold_case)


# Characters that the simple path cannot take: anything from the combining
# marks (U+0300) up, except the quotes and dashes it maps one to one.
_NOT_SIMPLE = re.compile(
    "[^\x00-\u02ff"
    + re.escape(_SINGLE_QUOTES + _DOUBLE_QUOTES + _DASHES)
    + "]|["
    + "".join(sorted(_INVISIBLE))
    + "]"
)
_RUNS = re.compile(r"\s+|\S+")


def normalized_text(text: str, *, fold_case: bool = False) -> str:
    """`normalize(text).text`, without the offsets a quote does not need."""
    mapped = _simple_mapping(text, fold_case)
    if mapped is None:
        return _normalize_by_cluster(text, fold_case).text
    collapsed = " ".join(mapped.split())
    return _SPACE_AFTER_OPENING.sub("", _SPACE_BEFORE_CLOSING.sub("", collapsed))


_SPACE_BEFORE_CLOSING = re.compile(r" (?=[.,;:!?)\]}-])")
_SPACE_AFTER_OPENING = re.compile(r"(?<=[(\[{-]) ")


def _simple_mapping(text: str, fold_case: bool) -> str | None:
    """The text with quotes and dashes mapped (and case folded), when that is
    all its normalization takes apart from white space; None otherwise."""
    if _NOT_SIMPLE.search(text):
        return None
    mapped = text.translate(_CHARACTER_MAP)
    if fold_case:
        folded = mapped.casefold()
        if len(folded) != len(mapped):
            return None
        mapped = folded
    if not unicodedata.is_normalized("NFKC", mapped):
        return None
    return mapped


def _normalize_simple(text: str, fold_case: bool) -> Normalized | None:
    """The common case, a stretch at a time instead of a character at a time.

    Text that is already in NFKC once its quotes and dashes are mapped, with
    no combining marks, no invisible characters and a case folding that
    keeps one character for one, normalizes character for character: only
    white space needs work. Each character of the result then comes from
    one character of the text, in order, so the offsets are stretches of
    consecutive positions broken only where white space is dropped: the
    text is made by `normalized_text`'s string operations, the offsets a
    stretch at a time. None when the text needs the full treatment.
    """
    mapped = _simple_mapping(text, fold_case)
    if mapped is None:
        return None
    length = len(mapped)
    # Slices of one array of every position are copied whole (memcpy), where
    # extending by a range converts one number at a time.
    code = _offset_type(length)
    positions = array(code, range(length + 1))
    starts = array(code)
    ends = array(code)
    kept_from = 0
    for run in _SPACE_TO_DROP.finditer(mapped):
        begin, end = run.span()
        dropped = begin == 0 or end == length or mapped[begin - 1] in _OPENING or mapped[end] in _CLOSING
        # A run of white space between words becomes its first character (a space).
        stop = begin if dropped else begin + 1
        starts.extend(positions[kept_from:stop])
        ends.extend(positions[kept_from + 1 : stop + 1])
        kept_from = end
    starts.extend(positions[kept_from:length])
    ends.extend(positions[kept_from + 1 : length + 1])
    # `" ".join(mapped.split())`, without a list of every word of a long source at once.
    collapsed = _SPACE_RUN.sub(" ", mapped).strip()
    normalized = _SPACE_AFTER_OPENING.sub("", _SPACE_BEFORE_CLOSING.sub("", collapsed))
    if len(normalized) != len(starts):  # cannot happen; the offsets would be wrong
        return None
    return Normalized(normalized, starts, ends)


# The runs of white space other than a single space: what `str.split`
# breaks at, each to become one space (the same white space: both are
# Unicode's, `str.isspace`).
_SPACE_RUN = re.compile(r" \s+|[^\S ]\s*")
# The runs of white space that do not stay as they are: longer than one
# character, or dropped (at either end of the text, after an opening or
# before a closing character). A single space between words stays; a single
# other white space character stays too, as a space.
_SPACE_TO_DROP = re.compile(r"\s(?:\s+|(?=[.,;:!?)\]}-])|\Z)|(?<=[(\[{-])\s+|^\s+")


def _normalize_by_cluster(text: str, fold_case: bool) -> Normalized:
    out: list[str] = []
    length = len(text)
    starts = array(_offset_type(length))
    ends = array(_offset_type(length))
    index = 0
    last = ""  # the last character written
    while index < length:
        # A character and the combining marks that follow it normalize together.
        end = index + 1
        while end < length and unicodedata.combining(text[end]):
            end += 1
        for char in _normalize_cluster(text[index:end], fold_case):
            if char.isspace():
                if last in ("", " ") or last in _OPENING:
                    continue
                char = " "
            elif char in _CLOSING and last == " ":
                out.pop()
                starts.pop()
                ends.pop()
            out.append(char)
            starts.append(index)
            ends.append(end)
            last = char
        index = end
    if last == " ":
        out.pop()
        starts.pop()
        ends.pop()
    return Normalized("".join(out), starts, ends)


def split_elisions(quote: str) -> list[str]:
    """The parts of a quote around its elisions, empty parts dropped."""
    return [part for part in _ELISION.split(quote) if part.strip()]


# Scholarly marks inside a quote (see docs/format.md, "Quotes"):
# `[sic]` (or `(sic)`) says the error is the source's: it is not in the source.
_SIC = re.compile(r"\s*[\[(]\s*sic!?\s*[\])]", re.IGNORECASE)
# `[T]he`: a letter whose case the quoter changed to fit the sentence.
_CHANGED_LETTER = re.compile(r"\[([^\W\d_])\](?=[^\W\d_])")
# `[the government]`: words the quoter put in, for words of the source or
# for none; they stand, like an elision, for what the source has there.
_INSERTION = re.compile(r"\s*\[[^\[\]]+\]\s*")


def quote_variants(quote: str) -> tuple[str, ...]:
    """The quote with its `[sic]` removed and its `[T]he` letters as written,
    then (when it has any) with those letters in the other case."""
    quote = _SIC.sub("", quote)
    if not _CHANGED_LETTER.search(quote):
        return (quote,)
    as_written = _CHANGED_LETTER.sub(lambda letter: letter.group(1), quote)
    swapped = _CHANGED_LETTER.sub(lambda letter: letter.group(1).swapcase(), quote)
    return (as_written, swapped)


def split_editorial(quote: str) -> list[str]:
    """The parts of a quote around its elisions and bracketed insertions."""
    return [piece for part in split_elisions(quote) for piece in _INSERTION.split(part) if piece.strip()]


def without_marks(text: str, ignore: tuple[re.Pattern[str], ...]) -> tuple[str, array[int] | None]:
    """`text` without what the `ignore` patterns match, and for each offset of
    the result the offset of the text it came from (None when nothing matched).

    Line breaks inside a match are kept, so a mark never joins two lines."""
    cuts: list[tuple[int, int]] = []
    for pattern in ignore:
        cuts.extend(match.span() for match in pattern.finditer(text) if match.end() > match.start())
    if not cuts:
        return text, None
    cuts.sort()
    pieces: list[str] = []
    kept = array(_offset_type(len(text)))
    position = 0
    for start, end in cuts:
        if end <= position:
            continue
        start = max(start, position)
        pieces.append(text[position:start])
        kept.extend(range(position, start))
        for index in range(start, end):
            if text[index] == "\n":
                pieces.append("\n")
                kept.append(index)
        position = end
    pieces.append(text[position:])
    kept.extend(range(position, len(text)))
    kept.append(len(text))  # the end of the text maps to the end
    return "".join(pieces), kept


def _mapped_back(normalized: Normalized, kept: array[int] | None) -> Normalized:
    if kept is None:
        return normalized
    starts = array(kept.typecode, (kept[start] for start in normalized.starts))
    ends = array(kept.typecode, (kept[end - 1] + 1 for end in normalized.ends))
    return Normalized(normalized.text, starts, ends)


def _end_of(haystack: _Haystack, words: str, fold_case: bool) -> int | None:
    parts = [
        part for part in (normalized_text(raw, fold_case=fold_case) for raw in split_editorial(words)) if part
    ]
    if not parts:
        return None
    spans = _find_chain(haystack, parts)
    return None if spans is None else spans[-1][1]


def _nth_chain(
    haystack: _Haystack, parts: list[str], not_before: int, nth: int
) -> tuple[list[tuple[int, int]] | None, int]:
    """The `nth` occurrence of the chain starting at or after `not_before`,
    and how many occurrences there were when there are fewer than `nth`."""
    found = 0
    while True:
        spans = _find_chain(haystack, parts, not_before)
        if spans is None:
            return None, found
        found += 1
        if found == nth:
            return spans, found
        not_before = spans[0][0] + 1


class QuoteIndex:
    """A source's plain text, normalized once, to look many quotes up in."""

    def __init__(self, text: str, ignore: tuple[re.Pattern[str], ...] = ()) -> None:
        self.text = text
        # Editorial marks (`source.ignore`) are cut out before normalizing;
        # `kept` maps each offset of what remains back to the plain text.
        self._ignore = ignore
        self._matched, self._kept = without_marks(text, ignore)
        self.exact = _mapped_back(normalize(self._matched), self._kept)
        self._exact_haystack = _Haystack(self.exact.text)
        self._folded: Normalized | None = None
        self._folded_haystack: _Haystack | None = None

    @property
    def folded(self) -> Normalized:
        if self._folded is None:
            self._folded = _mapped_back(normalize(self._matched, fold_case=True), self._kept)
        return self._folded

    @property
    def folded_haystack(self) -> _Haystack:
        if self._folded_haystack is None:
            self._folded_haystack = _Haystack(self.folded.text)
        return self._folded_haystack

    def find(self, quote: str, occurrence: int | None = None, after: str | None = None) -> QuoteMatch:
        """Where `quote` occurs: its `occurrence`-th occurrence, or the first
        after the words `after`, or else the first (noting a second one)."""
        variants = quote_variants(quote)
        raw_parts = split_editorial(variants[0])
        elided = len(raw_parts) > 1 or bool(_ELISION.search(quote))
        if not [part for part in (normalized_text(raw) for raw in raw_parts) if part]:
            return QuoteMatch(Outcome.NOT_FOUND, elided=elided, no_words=True)
        chosen = occurrence is not None or after is not None
        counted: int | None = None
        after_missing = False
        for outcome, fold_case, normalized, haystack in (
            (Outcome.FOUND, False, self.exact, self._exact_haystack),
            (Outcome.CASE_MISMATCH, True, self.folded, self.folded_haystack),
        ):
            for variant in variants if not fold_case else variants[:1]:
                parts = [
                    part
                    for part in (
                        normalized_text(raw, fold_case=fold_case) for raw in split_editorial(variant)
                    )
                    if part
                ]
                not_before = 0
                if after is not None:
                    after_end = _end_of(haystack, after, fold_case)
                    if after_end is None:
                        after_missing = True
                        continue
                    not_before = after_end
                spans, found = _nth_chain(haystack, parts, not_before, occurrence or 1)
                if spans is None:
                    if chosen:
                        counted = max(counted or 0, found)
                    continue
                also_at = None
                if not chosen:
                    second, _ = _nth_chain(haystack, parts, spans[0][0] + 1, 1)
                    if second is not None:
                        also_at = normalized.starts[second[0][0]]
                return QuoteMatch(
                    outcome, self._plain_spans(normalized, spans), elided=elided, also_at=also_at
                )
        folded_parts = [part for part in (normalized_text(raw, fold_case=True) for raw in raw_parts) if part]
        apart = len(folded_parts) > 1 and all(
            self.folded_haystack.first_occurrence(part) is not None for part in folded_parts
        )
        if chosen and (counted or after_missing):
            # The passage is there; the occurrence asked for is not.
            return QuoteMatch(
                Outcome.NOT_FOUND,
                elided=elided,
                occurrences=counted or 0,
                after_missing=after_missing and not counted,
            )
        return QuoteMatch(
            Outcome.NOT_FOUND,
            nearest=self.nearest_passage(" ".join(folded_parts)),
            parts_found_apart=apart,
            elided=elided,
        )

    def _plain_spans(
        self, normalized: Normalized, spans: list[tuple[int, int]]
    ) -> tuple[tuple[int, int], ...]:
        return tuple((normalized.starts[start], normalized.ends[end - 1]) for start, end in spans)

    def nearest_passage(self, folded_quote: str) -> Passage | None:
        """The stretch of the source most like the quote (fuzzy alignment)."""
        from rapidfuzz import fuzz

        haystack = self.folded.text
        if not haystack or not folded_quote:
            return None
        if len(folded_quote) > len(haystack):
            start, end, score = 0, len(haystack), float(fuzz.ratio(folded_quote, haystack))
        elif len(haystack) <= _ALIGN_WHOLE_MAX:
            alignment = fuzz.partial_ratio_alignment(folded_quote, haystack)
            if alignment is None:
                return None
            start, end, score = alignment.dest_start, alignment.dest_end, float(alignment.score)
        else:
            best = self._nearest_in_windows(folded_quote)
            if best is None:
                return None
            start, end, score = best
        if score < _MIN_HINT_SCORE or end <= start:
            return None
        plain_start = self.folded.starts[start]
        plain_end = self.folded.ends[end - 1]
        plain_start, plain_end = _widen_to_words(self.text, plain_start, plain_end)
        return Passage(plain_start, plain_end, excerpt(self.text[plain_start:plain_end], _HINT_WIDTH), score)

    def _nearest_in_windows(self, folded_quote: str) -> tuple[int, int, float] | None:
        """The nearest passage of a long source: aligned only around the places
        where the quote's runs of three words stand (aligning a 5 MB source
        takes a tenth of a second for each quote). (start, end, score) in the
        folded text, the best score and then the earliest start winning."""
        from rapidfuzz import fuzz

        haystack = self.folded.text
        width = len(folded_quote)
        best: tuple[float, int, int] | None = None
        for place in self.folded_haystack.likely_windows(folded_quote, _HINT_WINDOWS):
            low = max(place - width, 0)
            high = min(place + 2 * width, len(haystack))
            alignment = fuzz.partial_ratio_alignment(folded_quote, haystack[low:high])
            if alignment is None:
                continue
            candidate = (-float(alignment.score), low + alignment.dest_start, low + alignment.dest_end)
            if best is None or candidate < best:
                best = candidate
        if best is None:
            return None
        return best[1], best[2], -best[0]


def one_line(text: str) -> str:
    """`text` with its white space collapsed, as a reader would quote it:
    no space before closing punctuation (where a timestamp tag stood)."""
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def excerpt(text: str, width: int) -> str:
    """`text` on one line, cut at a word boundary to at most `width` characters."""
    text = one_line(text)
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > width // 2 else width].rstrip(" ,;:") + "…"


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def _on_word_boundaries(haystack: str, start: int, end: int) -> bool:
    if start > 0 and haystack[start].isalnum() and haystack[start - 1].isalnum():
        return False
    return not (end < len(haystack) and haystack[end - 1].isalnum() and haystack[end].isalnum())


class _Haystack:
    """A text to search for many needles, each starting and ending on word
    boundaries.

    `str.find` scans from the start for every needle: a map of thousands of
    quotes against a long source costs quotes × source. For a long text the
    places of every run of three words are indexed once (`_WORD_GRAMS`
    words, keyed by their exact text), so a needle of three words or more
    is compared only where its rarest three words stand, and a needle with
    three words the text never has is known to be absent without a scan.
    A shorter needle (a short quote, a short part of an elided one) is
    looked up the same way by its rarest single word, in an index of every
    word's places built the first time such a needle is asked for; only a
    needle without a word (punctuation alone) is found by a scan.
    """

    _INDEX_FROM = 20_000  # characters: below this, plain find is as fast

    def __init__(self, text: str) -> None:
        self.text = text
        # word n-gram -> its places: an int for one place (most n-grams of a
        # real text), an array of machine integers in order for several (a
        # fifth of the memory of a list of ints).
        self._grams: dict[str, int | array[int]] | None = None
        # word -> its places, stored the same way.
        self._words: dict[str, int | array[int]] | None = None

    def _index(self) -> dict[str, int | array[int]]:
        if self._grams is None:
            text = self.text
            code = _offset_type(len(text))
            # Where each run of words starts and ends, streamed from two walks
            # of the regular expression engine (no list of every word, which
            # at a few megabytes of source is hundreds of megabytes at once).
            starts = map(re.Match.start, _WORD.finditer(text))
            ends = itertools.islice(map(re.Match.end, _WORD.finditer(text)), _WORD_GRAMS - 1, None)
            grams: dict[str, int | array[int]] = {}
            get = grams.get
            for start, end in zip(starts, ends, strict=False):
                key = text[start:end]
                known = get(key)
                if known is None:
                    grams[key] = start
                elif type(known) is int:
                    grams[key] = array(code, (known, start))
                else:
                    known.append(start)  # type: ignore[union-attr]
            self._grams = grams
        return self._grams

    def _word_index(self) -> dict[str, int | array[int]]:
        if self._words is None:
            text = self.text
            code = _offset_type(len(text))
            words: dict[str, int | array[int]] = {}
            get = words.get
            for match in _WORD.finditer(text):
                word = match.group()
                known = get(word)
                if known is None:
                    words[word] = match.start()
                elif type(known) is int:
                    words[word] = array(code, (known, match.start()))
                else:
                    known.append(match.start())  # type: ignore[union-attr]
            self._words = words
        return self._words

    def places(self, gram: str) -> Sequence[int]:
        """Where the word n-gram `gram` (exactly `_WORD_GRAMS` words) stands, in order."""
        known = self._index().get(gram)
        if known is None:
            return ()
        return (known,) if isinstance(known, int) else known

    def _candidates(self, needle: str) -> tuple[int, Sequence[int]] | None:
        """Where `needle` may start, as (offset, places): each place minus the
        offset, in order; None when every place must be tried.

        Every word of the needle is a word of the text where the needle
        matches, so the needle's runs of three words stand in the text at
        the same distances: it is looked up by its rarest one. The places
        are returned as they are stored (never copied per lookup).
        """
        if len(self.text) < self._INDEX_FROM:
            return None
        grams = _needle_grams(needle)
        if not grams:
            return self._word_candidates(needle)
        index = self._index()
        best_offset, best_count, best_places = 0, -1, None
        for offset, gram in grams:
            known = index.get(gram)
            if known is None:
                return 0, ()
            count = 1 if isinstance(known, int) else len(known)
            if best_places is None or count < best_count:
                best_offset, best_count = offset, count
                best_places = (known,) if isinstance(known, int) else known
                if count == 1:
                    break
        assert best_places is not None
        return best_offset, best_places

    def _word_candidates(self, needle: str) -> tuple[int, Sequence[int]] | None:
        """`_candidates` for a needle of fewer than `_WORD_GRAMS` words: by
        its rarest word, each of which is a whole word of the text wherever
        the needle matches (see `_needle_grams`). None for a needle without
        a word."""
        index = self._word_index()
        best: tuple[int, Sequence[int]] | None = None
        for match in _WORD.finditer(needle):
            known = index.get(match.group())
            if known is None:
                return 0, ()
            places: Sequence[int] = (known,) if isinstance(known, int) else known
            if best is None or len(places) < len(best[1]):
                best = match.start(), places
        return best

    def iter_occurrences(self, needle: str, not_before: int = 0) -> Iterator[int]:
        """The places `needle` occurs (at or after `not_before`), in order,
        found one at a time."""
        text = self.text
        length = len(needle)
        candidates = self._candidates(needle)
        if candidates is not None:
            offset, places = candidates
            for number in range(bisect.bisect_left(places, not_before + offset), len(places)):
                index = places[number] - offset
                if (
                    index >= 0
                    and text.startswith(needle, index)
                    and _on_word_boundaries(text, index, index + length)
                ):
                    yield index
            return
        index = text.find(needle, not_before)
        while index >= 0:
            if _on_word_boundaries(text, index, index + length):
                yield index
            index = text.find(needle, index + 1)

    def occurrences(self, needle: str, limit: int = 1_000_000) -> list[int]:
        return list(itertools.islice(self.iter_occurrences(needle), limit))

    def occurrence_from(self, needle: str, not_before: int) -> int | None:
        """The first occurrence of `needle` at or after `not_before`: looked up,
        like every needle, where its rarest run of words stands, never by a
        scan of the rest of the text (Q508 asks of every quote found whether
        it occurs again, and a scan cost three times the finding)."""
        return next(self.iter_occurrences(needle, not_before), None)

    def first_occurrence(self, needle: str) -> int | None:
        return next(self.iter_occurrences(needle), None)

    def likely_windows(self, needle: str, count: int) -> list[int]:
        """Up to `count` places where a passage like `needle` may start, the
        likeliest first: where most of its rarest runs of three words stand
        at their distance in the needle. When even the rarest run stands in
        more than `_COMMON_GRAM` places (a text that repeats itself), its
        first places."""
        found = [
            (len(places), offset, places)
            for offset, gram in _needle_grams(needle)
            if (places := self.places(gram))
        ]
        if not found:
            return []
        found.sort(key=lambda item: (item[0], item[1]))
        rare = [item for item in found[:_VOTING_GRAMS] if item[0] <= _COMMON_GRAM]
        if not rare:
            _, offset, places = found[0]
            return [max(place - offset, 0) for place in places[:count]]
        width = max(len(needle), 1)
        votes: dict[int, int] = {}
        for _, offset, places in rare:
            for cell in {max(place - offset, 0) // width for place in places}:
                votes[cell] = votes.get(cell, 0) + 1
        ranked = heapq.nsmallest(count, votes, key=lambda cell: (-votes[cell], cell))
        return [cell * width for cell in ranked]


def _needle_grams(needle: str) -> list[tuple[int, str]]:
    """(offset, text) of each run of `_WORD_GRAMS` words inside `needle`."""
    spans = [(match.start(), match.end()) for match in _WORD.finditer(needle)]
    if len(spans) < _WORD_GRAMS:
        return []
    # The needle's first and last words may be parts of longer words in the
    # text only if the needle ends mid-word, which a match never does: all
    # of its word runs are the text's own.
    return [
        (spans[number][0], needle[spans[number][0] : spans[number + _WORD_GRAMS - 1][1]])
        for number in range(len(spans) - _WORD_GRAMS + 1)
    ]


# Words per indexed run: three words rarely recur in a real text, even
# where one or two common words do.
_WORD_GRAMS = 3
# A run of words in more places than this does not say where a passage is.
_COMMON_GRAM = 200
# The rarest runs of a quote that vote for where its nearest passage is.
_VOTING_GRAMS = 6
_WORD = re.compile(r"[^\W_]+")


def _find_chain(haystack: _Haystack, parts: list[str], not_before: int = 0) -> list[tuple[int, int]] | None:
    """The earliest occurrence of `parts` in order, each within the gap of the last.

    The earliest chain starts at the earliest occurrence of the first part
    from which a chain reaches the last part, so the occurrences of the
    first part are walked in order (the first `_MAX_OCCURRENCES` of them)
    and the first one that completes a chain wins. From one start, every
    reachable end of each part is kept (a later end can be the one from
    which the next part is within reach), and the chain that ends earliest
    is the one returned. Each next part is looked for only in the window
    after the end of a chain; a part that occurs nowhere ends the search
    before the walk.
    """
    first = parts[0]
    if len(parts) == 1:
        if not_before:
            later = haystack.occurrence_from(first, not_before)
            return None if later is None else [(later, later + len(first))]
        index = haystack.first_occurrence(first)
        return None if index is None else [(index, index + len(first))]
    if any(haystack.first_occurrence(part) is None for part in parts[1:]):
        return None
    starts = haystack.iter_occurrences(first, not_before)
    for start in itertools.islice(starts, _MAX_OCCURRENCES):
        chain = _chain_from(haystack.text, parts, start)
        if chain is not None:
            return chain
    return None


def _chain_from(text: str, parts: list[str], start: int) -> list[tuple[int, int]] | None:
    """The chain of `parts` from the first part at `start` that ends earliest, or None."""
    # Each chain: (end of its last part, its spans); one per place reached.
    chains: list[tuple[int, tuple[tuple[int, int], ...]]] = [
        (start + len(parts[0]), ((start, start + len(parts[0])),))
    ]
    for part in parts[1:]:
        # For each place the part is found: the chain that reaches it with
        # the earliest end of its previous part.
        best: dict[int, tuple[int, tuple[tuple[int, int], ...]]] = {}
        for chain in chains:
            end = chain[0]
            limit = end + ELISION_MAX_GAP + len(part)
            found = text.find(part, end, limit)
            while found >= 0:
                if _on_word_boundaries(text, found, found + len(part)):
                    known = best.get(found)
                    if known is None or chain[0] < known[0]:
                        best[found] = chain
                found = text.find(part, found + 1, limit)
        if not best:
            return None
        chains = [
            (found + len(part), (*chain[1], (found, found + len(part))))
            for found, chain in sorted(best.items())
        ]
    return list(min(chains, key=lambda chain: chain[0])[1])
