"""Wording shared by every message: did-you-mean, and a node id as a map shows it.

Kept in one place so that the loader, the configuration, the rules and the
commands suggest the same way and name nodes the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["closest", "did_you_mean", "display_id", "relative_id"]


def closest(
    word: str, candidates: Iterable[str], *, cutoff: float = 0.6, prefer_affix: bool = True
) -> str | None:
    """The candidate nearest to `word`, for "did you mean"; None when nothing is close.

    A candidate that begins or ends with the word ("argument-from-expert",
    "from-example") is what was meant more often than the nearest spelling;
    `prefer_affix=False` asks for the nearest spelling only.
    """
    choices = sorted(candidates)
    if prefer_affix and len(word) >= 4:
        containing = sorted(
            (
                candidate
                for candidate in choices
                if candidate != word and (candidate.startswith(word) or candidate.endswith(word))
            ),
            key=lambda candidate: (len(candidate), candidate),
        )
        if containing:
            return containing[0]
    import difflib  # here: only a misspelt name needs it

    matches = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(guess: str | None) -> str:
    """The tail of a message that suggests `guess`: "; did you mean `x`?", or nothing."""
    return f"; did you mean `{guess}`?" if guess else ""


def relative_id(key: str, map_id: str) -> str:
    """A node key as map `map_id` writes it: `id` in its own map, `map#id` from another."""
    other, _, node_id = key.partition("#")
    return node_id if other == map_id else key


def display_id(key: str, map_id: str) -> str:
    """A node as a message names it: `id` in its own map, `map#id` from another, in backticks."""
    return f"`{relative_id(key, map_id)}`"
