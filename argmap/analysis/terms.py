"""Content words of a claim, for comparing what claims talk about.

Split into words, drop stop words, and reduce each word to a stem: by the
Snowball stemmer of the map's language (`source.language`, English by
default; `snowballstemmer`, imported only when a rule compares words), or
by a light built-in stemmer that strips common English inflections and
derivations ("failures", "failed" and "failing" all become "fail"). It is
deliberately crude: it only has to tell whether a conclusion mentions
something its premises never mention, not to parse the sentence. Two stems
also match when one is a prefix of the other and at least four letters long
("weak" and "weaken"), which errs on the side of finding a match: a term
gap that goes unreported costs less than a false alarm.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

# Function words, auxiliaries, quantifiers and connectives: words that
# carry no subject matter of their own.
_STOP_WORDS_TEXT = """
    a about above across after again against all almost along already also although always am among an and
    another any anybody anyone anything are aren around as at away back be became because become becomes been
    before being below besides between beyond both but by can cannot could couldn did didn do does doesn doing
    don done down during each either else enough etc even ever every everybody everyone everything except far
    few for from further had hadn has hasn have haven having he her here hers herself him himself his how
    however i if in indeed instead into is isn it its itself just least less let like made make makes many may
    maybe me might mine more moreover most mostly much must my myself namely near need needs neither never
    nevertheless no nobody none nor not nothing now of off often on once one only onto or other others
    otherwise our ours
    ourselves out over own per perhaps quite rather really same several shall she should shouldn since so some
    somebody someone something sometimes still such than that the their theirs them themselves then there
    therefore these they thing things this those though through thus to together too toward towards under
    unless until up upon us very via was wasn we well were weren what whatever when whenever where whereas
    wherever whether which while who whoever whole whom whose why will with within without won would wouldn
    yet you your yours yourself yourselves
    s t d ll m re ve
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’](?:s|t|re|ll|ve|d|m)?$")
# (suffix, replacement), longest first within each family; applied once.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ational", "ate"),
    ("ization", "ize"),
    ("isation", "ize"),
    ("fulness", "ful"),
    ("iveness", "ive"),
    ("ousness", "ous"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("ments", ""),
    ("ment", ""),
    ("nesses", ""),
    ("ness", ""),
    ("ities", ""),
    ("ity", ""),
    ("ingly", ""),
    ("edly", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ily", "y"),
    ("ly", ""),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
)
# A stem shorter than this is not cut further: "news", "bus", "is".
_MIN_STEM = 3
PREFIX_MATCH = 4


def words(text: str) -> list[str]:
    """The words of `text`, lowercased, without possessive and contracted endings."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [_POSSESSIVE.sub("", word) for word in _WORD.findall(folded)]


@lru_cache(maxsize=1 << 16)  # a map repeats its vocabulary: stem each word once
def stem(word: str) -> str:
    """A light stemmer: strips one common suffix, keeping at least three letters."""
    if len(word) <= _MIN_STEM + 1 or word.isdigit():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            if suffix == "s" and word.endswith(("ss", "us", "is")):  # "less", "status", "crisis"
                break
            base = word[: -len(suffix)] + replacement
            # "stopped" → "stop", "planned" → "plan": undo a doubled consonant.
            if (
                not replacement
                and len(base) > _MIN_STEM
                and base[-1] == base[-2]
                and base[-1] not in "aeiouls"
                and suffix in ("ed", "ing", "ings")
            ):
                base = base[:-1]
            return base.rstrip("e") if len(base) > _MIN_STEM + 1 and base.endswith("e") else base
    if word.endswith("e") and len(word) > _MIN_STEM + 1:
        return word[:-1]
    return word


# BCP 47 primary language subtags → the Snowball stemmer of that language.
SNOWBALL_LANGUAGES = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "uk": "ukrainian",
    "yi": "yiddish",
}
DEFAULT_LANGUAGE = "en"


@lru_cache(maxsize=64)
def _snowball(language: str) -> Any:
    """The Snowball stemmer for a BCP 47 tag (`en`, `pt-BR`), or None when
    there is none for it (or the package is missing): then the light stemmer."""
    name = SNOWBALL_LANGUAGES.get(language.split("-")[0].split("_")[0].casefold())
    if name is None:
        return None
    stemmer = _one_snowball_stemmer(name)
    if stemmer is not None:
        return stemmer
    try:
        import snowballstemmer  # imported here: `argmap check` starts without it
    except ImportError:
        return None
    try:
        return snowballstemmer.stemmer(name)
    except KeyError:  # an older release without this language
        return None


def _one_snowball_stemmer(name: str) -> Any:
    """The pure-Python Snowball stemmer `name`, its one module imported alone, or None.

    `import snowballstemmer` imports the stemmers of all its thirty-odd
    languages (a tenth of `argmap check`'s start-up) to use one. Its package
    is entered without running its `__init__` just long enough to import
    `snowballstemmer.<name>_stemmer`; anything unexpected (PyStemmer
    installed, which the package would prefer; another layout) returns None
    and the caller takes the package's own `stemmer(name)`.
    tests/analysis/test_terms.py holds both to the same stems."""
    import importlib
    import importlib.util
    import sys

    if "snowballstemmer" in sys.modules or importlib.util.find_spec("Stemmer") is not None:
        return None
    spec = importlib.util.find_spec("snowballstemmer")
    if spec is None or not spec.submodule_search_locations:
        return None
    sys.modules["snowballstemmer"] = importlib.util.module_from_spec(spec)
    try:
        module = importlib.import_module(f"snowballstemmer.{name}_stemmer")
    except ImportError:
        return None
    finally:
        # A later `import snowballstemmer` runs the real package, which
        # finds this module already imported.
        del sys.modules["snowballstemmer"]
    class_name = "".join(part.title() for part in name.split("_")) + "Stemmer"
    stemmer_class = getattr(module, class_name, None)
    return None if stemmer_class is None else stemmer_class()


@lru_cache(maxsize=1 << 16)
def stem_in(word: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The stem of `word` by the Snowball stemmer of `language` ("infallibility"
    and "infallible" are both "infal"); the light `stem` where there is none."""
    stemmer = _snowball(language)
    if stemmer is None or word.isdigit():
        return stem(word)
    return str(stemmer.stemWord(word))


def stop_words(extra: Iterable[str] = ()) -> frozenset[str]:
    """The stop words, with `extra` ones added."""
    return STOP_WORDS | frozenset(word.casefold() for word in extra)


def content_words(
    text: str, stop: frozenset[str] = STOP_WORDS, language: str | None = None
) -> list[tuple[str, str]]:
    """(word, stem) for each content word of `text`, first occurrence only, in
    order; stems by the light stemmer, or by the Snowball stemmer of `language`."""
    seen: set[str] = set()
    found: list[tuple[str, str]] = []
    for word in words(text):
        if word in stop or (len(word) < 3 and not word.isdigit()):
            continue
        stemmed = stem(word) if language is None else stem_in(word, language)
        if stemmed in seen:
            continue
        seen.add(stemmed)
        found.append((word, stemmed))
    return found


def stems_match(first: str, second: str) -> bool:
    """Equal stems, or one a prefix (of at least four letters) of the other."""
    if first == second:
        return True
    shorter, longer = sorted((first, second), key=len)
    return len(shorter) >= PREFIX_MATCH and longer.startswith(shorter)


def unmatched(conclusion: Iterable[tuple[str, str]], mentioned: Iterable[str]) -> list[str]:
    """The words of `conclusion` whose stems match none of the `mentioned` stems."""
    mentioned_set = set(mentioned)
    by_prefix: dict[str, list[str]] = {}
    for other in mentioned_set:
        by_prefix.setdefault(other[:PREFIX_MATCH], []).append(other)
    missing: list[str] = []
    for word, stemmed in conclusion:
        if stemmed in mentioned_set:
            continue
        candidates = by_prefix.get(stemmed[:PREFIX_MATCH], [])
        if len(stemmed) >= PREFIX_MATCH and any(stems_match(stemmed, other) for other in candidates):
            continue
        missing.append(word)
    return missing
