"""Finding quotes: each forgiving normalization, elisions, case, near misses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.grounding.quotes import (
    ELISION_MAX_GAP,
    Outcome,
    QuoteIndex,
    _Haystack,
    _normalize_by_cluster,
    _on_word_boundaries,
    normalize,
    normalized_text,
    split_elisions,
)
from argmap.grounding.sources import parse_text, read_source

ROOT = Path(__file__).resolve().parents[2]
SEED_PLAIN = ROOT / "seeds" / "000_8cb48b3a64db822c.txt"
SEED_MARKDOWN = ROOT / "seeds" / "004_c7e1bab3a6e96006.txt"


def outcome(source: str, quote: str) -> Outcome:
    return QuoteIndex(source).find(quote).outcome


# -- normalization -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        # Unicode NFKC: ligature, full-width letters, non-breaking space, a
        # combining accent against the precomposed letter
        ("the \ufb01nal word", "the final word"),
        ("the ＷＥＳＴ wins", "the WEST wins"),
        ("ten\u00a0thousand men", "ten thousand men"),
        ("a cafe\u0301 in Kyiv", "a caf\u00e9 in Kyiv"),
        ("a caf\u00e9 in Kyiv", "a cafe\u0301 in Kyiv"),
        # curly and straight apostrophes and quotes
        ("Putin\u2019s power", "Putin's power"),
        ("Putin's power", "Putin\u2019s power"),
        ("the \u201cface\u201d of the regime", 'the "face" of the regime'),
        ('the "face" of the regime', "the \u201cface\u201d of the regime"),
        ("the \u00abface\u00bb of the regime", 'the "face" of the regime'),
        # dashes and hyphens, with or without spaces around them
        ("a city \u2013 the only one", "a city - the only one"),
        ("unclear\u2014not to mention", "unclear - not to mention"),
        ("unclear - not to mention", "unclear\u2014not to mention"),
        ("Salazar-Caetano regime", "Salazar\u2013Caetano regime"),
        # runs of white space and line breaks
        ("revenge against\n  the   stronger\r\nWest", "revenge against the stronger West"),
        ("revenge against the stronger West", "revenge  against\nthe stronger\tWest"),
        # white space left before punctuation where a timestamp tag stood
        ("around August-September . While not", "around August-September. While not"),
        # invisible characters
        ("a soft\u00adhyphen and zero\u200bwidth", "a softhyphen and zerowidth"),
    ],
)
def test_each_normalization_is_forgiven(source: str, quote: str) -> None:
    assert outcome(source, quote) is Outcome.FOUND


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        ("the stronger West", "the strong West"),  # a changed word
        ("the Western powers", "the West"),  # a quote must end on a word boundary
        ("Northwest powers", "west powers"),  # and start on one
        ("the defeat in Kuwait", "the defeat of Kuwait"),
        ("is a victory, almost", "is a victory almost"),  # punctuation counts
    ],
)
def test_what_changes_the_words_is_not_forgiven(source: str, quote: str) -> None:
    assert outcome(source, quote) is Outcome.NOT_FOUND


def test_normalize_keeps_the_way_back_to_the_text() -> None:
    text = "A  \u201cb\u201d\u2014c"
    normalized = normalize(text)
    assert normalized.text == 'A "b"-c'
    assert [text[start:end] for start, end in zip(normalized.starts, normalized.ends, strict=True)] == [
        "A",
        " ",
        "\u201c",
        "b",
        "\u201d",
        "\u2014",
        "c",
    ]


# -- elisions ---------------------------------------------------------------------------------

SOURCE = (
    "The truth is that Putin's supporters do not perceive the invasion of Ukraine as an act of "
    "aggression. For them, it is revenge against the stronger West. Researchers observe a paradox."
)


@pytest.mark.parametrize("elision", ["...", "\u2026", " ... ", "[...]", "[\u2026]", "(...)", ". . ."])
def test_an_elision_stands_for_omitted_words_in_order(elision: str) -> None:
    quote = f"Putin's supporters{elision}revenge against the stronger West"
    match = QuoteIndex(SOURCE).find(quote)
    assert match.outcome is Outcome.FOUND
    assert match.elided
    assert [SOURCE[start:end] for start, end in match.spans] == [
        "Putin's supporters",
        "revenge against the stronger West",
    ]


def test_elided_parts_out_of_order_are_not_found() -> None:
    match = QuoteIndex(SOURCE).find("revenge against the stronger West ... Putin's supporters")
    assert match.outcome is Outcome.NOT_FOUND
    assert match.parts_found_apart


def test_elided_parts_too_far_apart_are_not_found() -> None:
    filler = "word " * (ELISION_MAX_GAP // 5 + 1)
    far = f"The beginning of it. {filler}The end of it."
    near = f"The beginning of it. {'word ' * (ELISION_MAX_GAP // 5 - 2)}The end of it."
    assert outcome(far, "The beginning ... The end") is Outcome.NOT_FOUND
    assert outcome(near, "The beginning ... The end") is Outcome.FOUND


def test_a_later_occurrence_of_the_first_part_can_complete_the_chain() -> None:
    # The first "the loss" is too far from "of Kherson"; the second is close.
    source = "the loss " + "x " * 200 + "and then the loss of Kherson."
    match = QuoteIndex(source).find("the loss ... of Kherson")
    assert match.outcome is Outcome.FOUND
    assert match.start == source.index("the loss of Kherson")


def test_an_elision_alone_is_no_quote() -> None:
    match = QuoteIndex(SOURCE).find("...")
    assert match.outcome is Outcome.NOT_FOUND
    assert match.no_words


def test_split_elisions() -> None:
    assert split_elisions("a ... b\u2026c [...] d") == ["a", "b", "c", "d"]
    assert split_elisions("... leading and trailing ...") == ["leading and trailing"]


# -- case, several occurrences, near misses ------------------------------------------------------


def test_a_quote_found_only_when_ignoring_case() -> None:
    match = QuoteIndex(SOURCE).find("for them, it is Revenge against the stronger west.")
    assert match.outcome is Outcome.CASE_MISMATCH
    assert (
        SOURCE[match.spans[0][0] : match.spans[0][1]] == "For them, it is revenge against the stronger West."
    )


def test_the_first_of_several_occurrences_counts() -> None:
    source = "Once upon a time. Again: once upon a time."
    match = QuoteIndex(source).find("once upon a time")
    assert match.outcome is Outcome.FOUND
    assert match.spans == ((source.index("once"), source.index("once") + len("once upon a time")),)


def test_a_near_miss_gets_the_nearest_passage() -> None:
    match = QuoteIndex(SOURCE).find("For them, it is revenge against the strong West.")
    assert match.outcome is Outcome.NOT_FOUND
    assert match.nearest is not None
    assert match.nearest.text == "For them, it is revenge against the stronger West."
    assert SOURCE[match.nearest.start : match.nearest.end] == match.nearest.text
    assert match.nearest.score > 90


def test_nothing_alike_gets_no_passage() -> None:
    match = QuoteIndex(SOURCE).find("zzzz qqqq xxxx")
    assert match.outcome is Outcome.NOT_FOUND
    assert match.nearest is None


# -- the seeds ----------------------------------------------------------------------------------

SKETCH_QUOTES = {
    # the quotes of the format sketch's example map, with the lines they are on
    (
        "there is no direct connection between the failures of the military and the weakening of "
        "Putin\u2019s power"
    ): 23,
    "For them, it is revenge against the stronger West.": 21,
    "any form of resistance to the West is a victory, almost regardless of its outcome": 23,
    "after a series of failed military adventures that the Greek and Argentinian juntas collapsed": 11,
    "the defeat in Kuwait in 1991 did not remove Saddam Hussein": 13,
}


@pytest.mark.parametrize(("quote", "line"), SKETCH_QUOTES.items())
def test_the_format_sketch_quotes_are_in_seed_000(quote: str, line: int) -> None:
    source = read_source(SEED_PLAIN, "000.txt")
    match = QuoteIndex(source.text).find(quote)
    assert match.outcome is Outcome.FOUND
    assert match.start is not None
    assert source.line_of(match.start) == line


@pytest.mark.parametrize(
    ("quote", "line"),
    [
        # across a removed wiki link and timestamp tag, with straight quotes for curly ones
        ("began around August-September. While not a military catastrophe, the loss of Kherson", 8),
        ("a \u201cmoral, psychological, and political catastrophe\u201d for the Russian leadership", 8),
        ("everything he touches... turns into a substance directly opposite to gold", 13),
        ("Confusion in Propaganda: The propaganda machine and political headquarters are at a loss", 17),
        ("Russia's complete withdrawal from Ukraine, including DPR and LPR, but excluding Crimea", 24),
    ],
)
def test_quotes_are_found_in_seed_004(quote: str, line: int) -> None:
    source = read_source(SEED_MARKDOWN, "004.txt")
    match = QuoteIndex(source.text).find(quote)
    assert match.outcome is Outcome.FOUND
    assert match.start is not None
    assert source.line_of(match.start) == line


def test_markup_itself_is_not_quotable() -> None:
    source = parse_text(SEED_MARKDOWN.read_text(encoding="utf-8"))
    index = QuoteIndex(source.text)
    assert (
        index.find("[[potential_political_crisis_in_russia | political catastrophe]]").outcome
        is Outcome.NOT_FOUND
    )
    assert index.find('data-t="01:58:12"').outcome is Outcome.NOT_FOUND


# -- properties ---------------------------------------------------------------------------------

TEXT_ALPHABET = st.sampled_from([*"ab Z,;’'\"“”–—-\n\t\u00a0é", "e\u0301", "\ufb01"])


@given(st.lists(TEXT_ALPHABET, min_size=1, max_size=60).map("".join))
def test_a_text_always_contains_itself(text: str) -> None:
    if not normalize(text).text:
        return
    assert QuoteIndex(text).find(text).outcome is Outcome.FOUND


@given(st.lists(TEXT_ALPHABET, max_size=60).map("".join))
def test_normalized_characters_point_into_the_text(text: str) -> None:
    normalized = normalize(text)
    assert len(normalized.text) == len(normalized.starts) == len(normalized.ends)
    assert all(
        0 <= start < end <= len(text) for start, end in zip(normalized.starts, normalized.ends, strict=True)
    )
    assert list(normalized.starts) == sorted(normalized.starts)


# --- the word-start index of long sources ---------------------------------


def _plain_occurrences(text: str, needle: str) -> list[int]:
    found, index = [], text.find(needle)
    while index >= 0:
        if _on_word_boundaries(text, index, index + len(needle)):
            found.append(index)
        index = text.find(needle, index + 1)
    return found


def _first(found: list[int]) -> int | None:
    return found[0] if found else None


_WORDS = ["war", "warfare", "Putin", "power", "1991", "x_y", "élite", "Kherson's", "—", "“it”", "a", "an"]


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), min_size=30, max_size=60),
    separators=st.lists(st.sampled_from([" ", "  ", ", ", ". ", "\n", "-", "_"]), min_size=1, max_size=5),
    start=st.integers(0, 10_000),
    length=st.integers(1, 40),
)
def test_indexed_search_finds_what_a_plain_search_finds(
    words: list[str], separators: list[str], start: int, length: int
) -> None:
    pieces = []
    for index, word in enumerate(words * 200):  # long enough to be indexed
        pieces.append(word + separators[index % len(separators)])
    text = "".join(pieces)
    assert len(text) >= _Haystack._INDEX_FROM
    needle = text[start % len(text) :][:length].strip()
    if not needle:
        return
    haystack = _Haystack(text)
    assert haystack.occurrences(needle) == _plain_occurrences(text, needle)
    assert haystack.first_occurrence(needle) == _first(_plain_occurrences(text, needle))


class _AlwaysIndexed(_Haystack):
    """A haystack that uses its indexes whatever the length of its text."""

    _INDEX_FROM = 0


_ANY_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(list("ab ab_-.,'’²½Ⅻé\u0301\n")), st.characters(max_codepoint=0x3FF)),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(
    text=_ANY_TEXT,
    needle=st.one_of(_ANY_TEXT.filter(bool), st.tuples(st.integers(0, 80), st.integers(1, 12))),
    not_before=st.integers(0, 90),
)
def test_indexed_search_of_any_needle_is_the_plain_scan(
    text: str, needle: str | tuple[int, int], not_before: int
) -> None:
    """By three-word runs, by single words (fewer than three words) or by a
    scan (no word): every occurrence, the first, and the first from any
    place are the plain `str.find` scan's."""
    if isinstance(needle, tuple):  # a stretch of the text itself, so that it occurs
        needle = text[needle[0] :][: needle[1]] or "a"
    haystack = _AlwaysIndexed(text)
    expected = _plain_occurrences(text, needle)
    assert haystack.occurrences(needle) == expected
    assert haystack.first_occurrence(needle) == _first(expected)
    later = [place for place in expected if place >= not_before]
    assert haystack.occurrence_from(needle, not_before) == _first(later)
    assert list(haystack.iter_occurrences(needle, not_before)) == later


@settings(max_examples=40, deadline=None)
@given(
    words=st.lists(st.sampled_from(["war", "the", "Putin", "a", "x_y", "—", "²"]), min_size=3, max_size=30),
    picks=st.lists(st.tuples(st.integers(0, 29), st.integers(1, 2)), min_size=1, max_size=3),
    nth=st.integers(1, 4),
)
def test_short_parts_find_the_same_nth_chain_through_the_word_index(
    words: list[str], picks: list[tuple[int, int]], nth: int
) -> None:
    """Short quotes and short elided parts (one or two words, looked up by
    their rarest word) give the same n-th occurrence as the plain scan."""
    from argmap.grounding.quotes import _nth_chain

    text = " ".join(words * 3)
    parts = [" ".join(words[start % len(words) :][:length]) for start, length in picks]
    for not_before in (0, len(text) // 3):
        indexed = _nth_chain(_AlwaysIndexed(text), parts, not_before, nth)
        plain = _nth_chain(_Haystack(text), parts, not_before, nth)
        assert indexed == plain


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.one_of(
            st.sampled_from(list("abcXYZ019 .,;:!?()[]{}-\t\n\u00a0’“”—–ßİſﬁ½²µ\u0301\u200b`'\"")),
            st.characters(max_codepoint=0x2FF),
        ),
        max_size=60,
    ),
    fold_case=st.booleans(),
)
def test_the_simple_path_normalizes_as_the_full_one(text: str, fold_case: bool) -> None:
    assert normalize(text, fold_case=fold_case) == _normalize_by_cluster(text, fold_case)
    assert normalized_text(text, fold_case=fold_case) == _normalize_by_cluster(text, fold_case).text


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\u00a0\u2028\u3000ab"), st.characters())
    )
)
def test_space_runs_collapse_as_str_split_does(text: str) -> None:
    from argmap.grounding.quotes import _SPACE_RUN

    assert _SPACE_RUN.sub(" ", text).strip() == " ".join(text.split())


def _reference_chain(text: str, parts: list[str], gap: int) -> list[tuple[int, int]] | None:
    """The earliest chain by brute force: every occurrence of every part."""
    occurrences = [_plain_occurrences(text, part) for part in parts]
    best: tuple[int, int, list[tuple[int, int]]] | None = None
    pending: list[list[tuple[int, int]]] = [[(start, start + len(parts[0]))] for start in occurrences[0]]
    while pending:
        chain = pending.pop()
        if len(chain) == len(parts):
            candidate = (chain[0][0], chain[-1][1], chain)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
            continue
        part = parts[len(chain)]
        end = chain[-1][1]
        for start in occurrences[len(chain)]:
            if end <= start <= end + gap:
                pending.append([*chain, (start, start + len(part))])
    return None if best is None else best[2]


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["war", "the", "Putin", "power", "of", "a", "West"]), min_size=5, max_size=40
    ),
    picks=st.lists(st.tuples(st.integers(0, 39), st.integers(1, 3)), min_size=2, max_size=3),
)
def test_elided_quotes_find_the_earliest_chain(words: list[str], picks: list[tuple[int, int]]) -> None:
    from argmap.grounding.quotes import _find_chain

    text = " ".join(words)
    parts = [" ".join(words[start % len(words) :][:length]) for start, length in picks]
    haystack = _Haystack(text)
    # a small gap, so that "too far apart" happens in short texts too
    import argmap.grounding.quotes as quotes

    saved = quotes.ELISION_MAX_GAP
    quotes.ELISION_MAX_GAP = 12
    try:
        found = _find_chain(haystack, parts)
    finally:
        quotes.ELISION_MAX_GAP = saved
    expected = _reference_chain(text, parts, 12)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found[0][0], found[-1][1]) == (expected[0][0], expected[-1][1])


@settings(max_examples=30, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["war", "the", "Putin", "power", "of", "a", "West", "x_y", "-"]),
        min_size=20,
        max_size=40,
    ),
    picks=st.lists(st.tuples(st.integers(0, 39), st.integers(1, 5)), min_size=2, max_size=3),
    tail=st.sampled_from(["", " zebra", " war war war"]),
)
def test_elided_quotes_in_long_sources_find_the_earliest_chain(
    words: list[str], picks: list[tuple[int, int]], tail: str
) -> None:
    """Through the word n-gram index (a source past `_INDEX_FROM`) and the
    first-match walk, the chain is the brute force's."""
    from argmap.grounding.quotes import _find_chain

    text = " ".join(words * (_Haystack._INDEX_FROM // (len(" ".join(words)) + 1) + 2))
    parts = [" ".join(words[start % len(words) :][:length]) for start, length in picks]
    parts[-1] += tail
    haystack = _Haystack(text)
    assert len(text) >= _Haystack._INDEX_FROM
    found = _find_chain(haystack, parts)
    expected = _reference_chain(text, parts, ELISION_MAX_GAP)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found[0][0], found[-1][1]) == (expected[0][0], expected[-1][1])


_VOCABULARY = [
    f"{stem}{suffix}"
    for stem in ("war", "power", "state", "road", "grain", "court")
    for suffix in ("", "s", "ed", "ing", "er")
]


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), changed=st.integers(0, 11))
def test_the_nearest_passage_of_a_long_source_scores_as_the_whole_alignment(seed: int, changed: int) -> None:
    """Aligning only around the quote's likeliest places finds a passage at
    least as near as aligning the whole source does."""
    import random

    from rapidfuzz import fuzz

    import argmap.grounding.quotes as quotes

    rng = random.Random(seed)
    words = [rng.choice(_VOCABULARY) for _ in range(40_000)]
    text = " ".join(words)
    assert len(text) > quotes._ALIGN_WHOLE_MAX
    start = rng.randrange(len(words) - 12)
    quote_words = words[start : start + 12]
    quote_words[changed] = "zebra"
    quote = " ".join(quote_words)
    index = QuoteIndex(text)
    windowed = index._nearest_in_windows(quote)
    whole = fuzz.partial_ratio_alignment(quote, index.folded.text)
    assert windowed is not None and whole is not None
    # (rapidfuzz's alignment of a whole long text is itself not always the best.)
    assert windowed[2] >= whole.score - 1e-9
