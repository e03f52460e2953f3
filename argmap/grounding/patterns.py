"""`source.ignore` patterns: compiled only when they cannot hang a check.

A map's `source.ignore` comes from whoever wrote the map, perhaps in a pull
request nobody has read yet, and Python's `re` has no timeout: a pattern such
as `(a+)+$` against a long run of `a`s backtracks for longer than anyone waits
(catastrophic backtracking). The patterns are therefore read before they are
compiled, and refused when they hold a construct that makes backtracking
explode or that editorial marks never need:

- a quantifier inside a quantified group (`(a+)+`, `(\\d*)*`, `(x{1,9}){1,9}`);
- a quantified alternation (`(a|ab)+`), whose branches may match the same text;
- backreferences (`\\1`, `(?P=name)`) and conditional groups (`(?(1)a|b)`);
- lookahead and lookbehind (`(?=...)`, `(?<!...)`).

The number of patterns and the length of each are bounded too. Page markers
(`\\[Pg \\d+\\]`), footnote numbers (`\\[\\d+\\]`) and the like need none of these.
What remains is linear in the text for each place it is tried at; two
adjacent quantifiers over the same characters (`\\d+\\d+`) can still cost time
proportional to the square of a run's length, which a long run of digits in a
source makes slow but not endless.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A Project Gutenberg page marker is 11 characters; a footnote marker fewer.
MAX_PATTERN_LENGTH = 200
MAX_PATTERNS = 20

_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
_LOOKAROUND = frozenset({"ASSERT", "ASSERT_NOT"})
_BACKREFERENCES = frozenset({"GROUPREF", "GROUPREF_IGNORE", "GROUPREF_LOC_IGNORE", "GROUPREF_UNI_IGNORE"})

_HINT_NESTED = (
    "quantify single characters or classes only, as in '\\[Pg \\d+\\]' or '\\[\\d{1,3}\\]': "
    "a quantifier inside a quantified group, as in `(a+)+`, can make matching run for hours"
)
_HINT_ALTERNATION = (
    "write the alternatives as a character class (`[ab]+`) or as separate patterns of `source.ignore`: "
    "a repeated alternation can make matching run for hours"
)
_HINT_LOOKAROUND = (
    "match the mark itself, without lookahead, lookbehind or backreferences; "
    "several simple patterns can stand for one complex one"
)


class PatternRefused(Exception):
    """A `source.ignore` pattern argmap will not run, and why (`index` is its
    position in the list, None when the list as a whole is refused)."""

    def __init__(self, index: int | None, message: str, hint: str) -> None:
        super().__init__(message)
        self.index = index
        self.message = message
        self.hint = hint


def _opcode(code: object) -> str:
    return str(code)


def _children(argument: object) -> list[list[tuple[object, object]]]:
    """The subpatterns held by one parsed item's argument."""
    found: list[list[tuple[object, object]]] = []
    if hasattr(argument, "data"):  # an atomic group holds its SubPattern directly
        return [list(argument.data)]
    if isinstance(argument, (tuple, list)):
        for part in argument:
            if hasattr(part, "data"):  # a SubPattern
                found.append(list(part.data))
            elif isinstance(part, list) and part and all(hasattr(branch, "data") for branch in part):
                found.extend(list(branch.data) for branch in part)  # the branches of an alternation
            elif isinstance(part, (tuple, list)):
                found.extend(_children(part))
    return found


def _danger(items: list[tuple[object, object]], inside_repeat: bool) -> tuple[str, str] | None:
    """What in `items` may backtrack catastrophically, with the hint to fix it."""
    for code, argument in items:
        name = _opcode(code)
        if name in _BACKREFERENCES or name == "GROUPREF_EXISTS":
            what = "a conditional group" if name == "GROUPREF_EXISTS" else "a backreference"
            return what, _HINT_LOOKAROUND
        if name in _LOOKAROUND:
            return "a lookahead or lookbehind", _HINT_LOOKAROUND
        repeats = False
        if name in _REPEATS:
            assert isinstance(argument, tuple)
            repeats = argument[1] is None or int(argument[1]) > 1
            if repeats and inside_repeat:
                return "a quantifier inside a quantified group", _HINT_NESTED
        if name == "BRANCH" and inside_repeat:
            return "a quantified alternation", _HINT_ALTERNATION
        for child in _children(argument):
            danger = _danger(child, inside_repeat or repeats)
            if danger is not None:
                return danger
    return None


def compile_ignore(patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """The `source.ignore` patterns, compiled; `PatternRefused` for the first one
    that is no regular expression, is too long or could hang the check."""
    if len(patterns) > MAX_PATTERNS:
        raise PatternRefused(
            None,
            f"`source.ignore` lists {len(patterns)} patterns, more than the {MAX_PATTERNS} argmap runs",
            "join patterns for marks of one kind into one, with a character class",
        )
    compiled: list[re.Pattern[str]] = []
    for index, pattern in enumerate(patterns):
        if len(pattern) > MAX_PATTERN_LENGTH:
            raise PatternRefused(
                index,
                f"`source.ignore` pattern {index + 1} is {len(pattern)} characters long, "
                f"over the limit of {MAX_PATTERN_LENGTH}",
                "an editorial mark needs a short pattern, such as '\\[Pg \\d+\\]'",
            )
        try:
            parsed = _parse(pattern)
            regex = re.compile(pattern)
        except re.error as error:
            raise PatternRefused(
                index,
                f"`source.ignore` pattern `{pattern}` is not a regular expression ({error.msg})",
                "write a Python regular expression in single quotes, with `\\[` for a literal `[`: "
                "'\\[Pg \\d+\\]'",
            ) from None
        danger = _danger(parsed, inside_repeat=False)
        if danger is not None:
            what, hint = danger
            raise PatternRefused(
                index,
                f"`source.ignore` pattern `{pattern}` is refused: it holds {what}, "
                "which can make matching take an unbounded time",
                hint,
            )
        compiled.append(regex)
    return tuple(compiled)


def _parse(pattern: str) -> list[tuple[object, object]]:
    # The parser `re` itself uses (public as `sre_parse` until Python 3.11
    # deprecated that name): it gives the tree of the pattern without running it.
    from re import _parser  # type: ignore[attr-defined]

    return list(_parser.parse(pattern).data)
