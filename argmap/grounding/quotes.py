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

import enum
import functools
import re
import unicodedata
from array import array

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
    """The common case, a token at a time instead of a character at a time.

    Text that is already in NFKC once its quotes and dashes are mapped, with
    no combining marks, no invisible characters and a case folding that
    keeps one character for one, normalizes character for character: only
    white space needs work. None when the text needs the full treatment.
    """
    mapped = _simple_mapping(text, fold_case)
    if mapped is None:
        return None
    out: list[str] = []
    starts = array("q")
    ends = array("q")
    last = ""
    for run in _RUNS.finditer(mapped):
        piece = run.group()
        begin = run.start()
        if piece[0].isspace():
            if last in ("", " ") or last in _OPENING:
                continue
            out.append(" ")
            starts.append(begin)
            ends.append(begin + 1)
            last = " "
            continue
        if piece[0] in _CLOSING and last == " ":
            out.pop()
            starts.pop()
            ends.pop()
        out.append(piece)
        starts.extend(range(begin, begin + len(piece)))
        ends.extend(range(begin + 1, begin + len(piece) + 1))
        last = piece[-1]
    if last == " ":
        out.pop()
        starts.pop()
        ends.pop()
    return Normalized("".join(out), starts, ends)


def _normalize_by_cluster(text: str, fold_case: bool) -> Normalized:
    out: list[str] = []
    starts = array("q")
    ends = array("q")
    length = len(text)
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
    kept = array("q")
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
    starts = array("q", (kept[start] for start in normalized.starts))
    ends = array("q", (kept[end - 1] + 1 for end in normalized.ends))
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
        else:
            alignment = fuzz.partial_ratio_alignment(folded_quote, haystack)
            if alignment is None:
                return None
            start, end, score = alignment.dest_start, alignment.dest_end, float(alignment.score)
        if score < _MIN_HINT_SCORE or end <= start:
            return None
        plain_start = self.folded.starts[start]
        plain_end = self.folded.ends[end - 1]
        plain_start, plain_end = _widen_to_words(self.text, plain_start, plain_end)
        return Passage(plain_start, plain_end, excerpt(self.text[plain_start:plain_end], _HINT_WIDTH), score)


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
    word starts are indexed once by their first few characters, so a needle
    that starts with a letter or digit is only compared where it can match.
    """

    _PREFIX = 12
    _INDEX_FROM = 20_000  # characters: below this, plain find is as fast

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: dict[str, list[int]] | None = None

    def _candidates(self, needle: str) -> list[int] | None:
        """Where `needle` may start, in order; None when every place must be tried.

        Every word start inside the needle is a word start of the text where
        the needle matches, so the needle is looked up by whichever of its
        first few words is rarest in the text: a quote that opens with a
        common phrase is found through its less common words.
        """
        if len(self.text) < self._INDEX_FROM or len(needle) < self._PREFIX or not needle[0].isalnum():
            return None
        if self._starts is None:
            starts: dict[str, list[int]] = {}
            text, width = self.text, self._PREFIX
            for match in _WORD_START.finditer(text):
                start = match.start()
                starts.setdefault(text[start : start + width], []).append(start)
            self._starts = starts
        best_offset, best = 0, self._starts.get(needle[: self._PREFIX], [])
        for tried, match in enumerate(_WORD_START.finditer(needle, 1, len(needle) - self._PREFIX + 1)):
            if tried >= 8 or len(best) <= 4:
                break
            offset = match.start()
            bucket = self._starts.get(needle[offset : offset + self._PREFIX], [])
            if len(bucket) < len(best):
                best_offset, best = offset, bucket
        if best_offset == 0:
            return best
        return [start - best_offset for start in best if start >= best_offset]

    def occurrences(self, needle: str, limit: int = 1_000_000) -> list[int]:
        text = self.text
        found: list[int] = []
        candidates = self._candidates(needle)
        if candidates is not None:
            for index in candidates:
                if text.startswith(needle, index) and _on_word_boundaries(text, index, index + len(needle)):
                    found.append(index)
                    if len(found) >= limit:
                        break
            return found
        index = text.find(needle)
        while index >= 0 and len(found) < limit:
            if _on_word_boundaries(text, index, index + len(needle)):
                found.append(index)
            index = text.find(needle, index + 1)
        return found

    def occurrence_from(self, needle: str, not_before: int) -> int | None:
        """The first occurrence of `needle` at or after `not_before`."""
        text = self.text
        index = text.find(needle, not_before)
        while index >= 0:
            if _on_word_boundaries(text, index, index + len(needle)):
                return index
            index = text.find(needle, index + 1)
        return None

    def first_occurrence(self, needle: str) -> int | None:
        found = self.occurrences(needle, limit=1)
        return found[0] if found else None


# A letter or digit that does not follow one: where a word starts.
_WORD_START = re.compile(r"(?<![^\W_])[^\W_]")


def _find_chain(haystack: _Haystack, parts: list[str], not_before: int = 0) -> list[tuple[int, int]] | None:
    """The earliest occurrence of `parts` in order, each within the gap of the last.

    Dynamic programming over the occurrences of each part: a chain that
    reaches part k may end at several places, and a later end can be the one
    from which part k + 1 is within reach, so every reachable end is kept.
    Only the first part is looked up in the whole text; each next part is
    looked for in the window after the end of a chain, so a common phrase
    cannot make a quote cost the length of the source for every part.
    """
    first = parts[0]
    if len(parts) == 1:
        if not_before:
            later = haystack.occurrence_from(first, not_before)
            return None if later is None else [(later, later + len(first))]
        index = haystack.first_occurrence(first)
        return None if index is None else [(index, index + len(first))]
    text = haystack.text
    # Each chain: (end of its last part, start of its first part, its spans).
    chains: list[tuple[int, int, tuple[tuple[int, int], ...]]] = [
        (start + len(first), start, ((start, start + len(first)),))
        for start in haystack.occurrences(first, _MAX_OCCURRENCES)
        if start >= not_before
    ]
    for part in parts[1:]:
        if not chains:
            return None
        # For each place the part is found: the best chain that reaches it
        # (the earliest first part, then the earliest end).
        best: dict[int, tuple[int, int, tuple[tuple[int, int], ...]]] = {}
        for chain in chains:
            end = chain[0]
            limit = end + ELISION_MAX_GAP + len(part)
            start = text.find(part, end, limit)
            while start >= 0:
                if _on_word_boundaries(text, start, start + len(part)):
                    known = best.get(start)
                    if known is None or (chain[1], chain[0]) < (known[1], known[0]):
                        best[start] = chain
                start = text.find(part, start + 1, limit)
        chains = [
            (start + len(part), chain[1], (*chain[2], (start, start + len(part))))
            for start, chain in sorted(best.items())
        ]
    if not chains:
        return None
    return list(min(chains, key=lambda chain: (chain[1], chain[0]))[2])
