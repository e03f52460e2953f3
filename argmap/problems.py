"""What argmap finds: `Problem` records, their severities, and the one
exception family the library raises when it cannot do its job.

Input problems are values (`Problem`); failures of the tool itself (a path
that does not exist, a file it may not read, a bad configuration) are
`ArgmapError`s. The CLI maps the first to exit 1 and the second to exit 2.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable

import attrs


class Severity(enum.IntEnum):
    """Ordered so that `max()` over problems gives the worst one."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}; use error, warning or info") from None


@attrs.frozen(order=False)
class Location:
    """A place in a file; line and column are 1-based, as editors count."""

    file: str
    line: int
    column: int
    # Where the written value ends (the column just past its last character),
    # when the loader knows it. Not part of equality: a place is where it starts.
    end_line: int | None = attrs.field(default=None, eq=False, kw_only=True)
    end_column: int | None = attrs.field(default=None, eq=False, kw_only=True)


@attrs.frozen
class Problem:
    """One finding, built whole in one place so tests can compare it whole."""

    code: str
    severity: Severity
    file: str
    line: int
    column: int
    message: str
    hint: str | None = None
    # A line of the file with a caret under the column, for syntax errors.
    excerpt: str | None = None
    # The node the problem is about ("map-id#node-id"), where there is one.
    node: str | None = None
    # Where the value the problem is about ends, when the loader knows it
    # (editors underline start to end). Not part of equality, so problems
    # compare by where they start and what they say.
    end_line: int | None = attrs.field(default=None, eq=False, kw_only=True)
    end_column: int | None = attrs.field(default=None, eq=False, kw_only=True)

    @classmethod
    def at(
        cls,
        code: str,
        severity: Severity,
        location: Location,
        message: str,
        hint: str | None = None,
        *,
        excerpt: str | None = None,
        node: str | None = None,
    ) -> Problem:
        return cls(
            code=code,
            severity=severity,
            file=location.file,
            line=location.line,
            column=location.column,
            message=message,
            hint=hint,
            excerpt=excerpt,
            node=node,
            end_line=location.end_line,
            end_column=location.end_column,
        )

    @property
    def sort_key(self) -> tuple[str, int, int, str, tuple[tuple[int, int | str], ...]]:
        # Messages last, in natural order: "line 5" before "line 13" when
        # several problems stand at one place (coverage findings do).
        return (self.file, self.line, self.column, self.code, _natural(self.message))

    def with_severity(self, severity: Severity) -> Problem:
        return attrs.evolve(self, severity=severity)


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """Runs of digits compare as numbers, the rest as text."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(text) if part)


_DIGITS = re.compile(r"(\d+)")


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """The one order of output: by file, line, column, code (then message)."""
    return sorted(set(problems), key=lambda problem: problem.sort_key)


def at_least(problems: Iterable[Problem], severity: Severity) -> list[Problem]:
    """The problems at `severity` or worse, in their order: what a quieter
    output shows (the exit code still counts them all)."""
    return [problem for problem in problems if problem.severity >= severity]


class ArgmapError(Exception):
    """argmap could not do its job (exit code 2). Carries a hint for the user."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(ArgmapError):
    """The command was asked for something it cannot do as asked."""


class ConfigError(ArgmapError):
    """The configuration (pyproject.toml or argmap.toml) is not valid."""


class SourceAccessError(ArgmapError):
    """A file argmap needs could not be read."""
