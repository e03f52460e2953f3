"""Read a map file into plain Python data that remembers where it came from.

PyYAML silently keeps the last of two duplicate keys, expands aliases before
anyone can look at them and forgets positions once it has built Python
objects. So this module reads the parser's *events* and composes the data
itself, one event at a time and without recursion: it can stop at the first
anchor (a billion-laughs file fails at once), report both lines of a
duplicate key, bound the nesting depth, and record the line and column of
every key and value.

Plain scalars are resolved as in the YAML 1.2 core schema (`yes` and `no`
stay strings), so the loader agrees with round-trip editors and formatters.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import yaml

from argmap.files import Limits, UnsafeFile, read_bounded
from argmap.problems import Problem, Severity, SourceAccessError

try:  # the C parser is much faster; the pure-Python one gives the same events
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

# Loader codes. Their documentation lives in argmap/rules/catalogue.py.
YAML_SYNTAX = "L101"
DUPLICATE_KEY = "L102"
ANCHOR_OR_ALIAS = "L103"
CUSTOM_TAG = "L104"
FILE_TOO_LARGE = "L105"
TOO_DEEP = "L106"
NOT_UTF8 = "L107"
EMPTY_FILE = "L108"
NOT_A_MAPPING = "L109"
SEVERAL_DOCUMENTS = "L110"
COMPLEX_KEY = "L111"

# Tags a map may spell out: the core schema's own, which change nothing.
_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
)


class YamlMapping(dict[str, Any]):
    """A YAML mapping that remembers its position and those of its entries.

    `positions[key]` is `(key_line, key_column, value_line, value_column)`,
    1-based. `value_ends[key]` is where a scalar value ends (the line and
    column just past it). It is a dict, so the JSON Schema validator sees
    plain data.
    """

    __slots__ = ("column", "line", "positions", "value_ends")

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.positions: dict[str, tuple[int, int, int, int]] = {}
        self.value_ends: dict[str, tuple[int, int]] = {}


class YamlSequence(list[Any]):
    """A YAML sequence that remembers its position and those of its items
    (and where its scalar items end, by index)."""

    __slots__ = ("column", "line", "positions", "value_ends")

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.positions: list[tuple[int, int]] = []
        self.value_ends: dict[int, tuple[int, int]] = {}


# A node event of the parser (a scalar, the start or the end of a mapping or
# a sequence), in document order, with the value the composer gave it: a
# scalar's resolved value, None for the others. `argmap fmt` builds its
# layout tree from these, so a map is parsed once however it is used.
NodeEvent = tuple[Any, Any]


@attrs.frozen
class LoadedFile:
    """The outcome of reading one file: data when it could be read, and why not.

    `events` holds the node events of the reading when they were asked for
    (`record_events`) and the file was read whole.
    """

    path: str
    text: str | None
    data: YamlMapping | None
    problems: tuple[Problem, ...]
    events: Sequence[NodeEvent] | None = None


def read_map_file(
    path: Path, display: str, limits: Limits = Limits(), *, record_events: bool = False
) -> LoadedFile:
    """Read `path` (shown to the user as `display`) into positioned data.

    Raises SourceAccessError when the file cannot be read at all; everything
    wrong with its content comes back as problems.
    """
    raw = read_map_bytes(path, display, limits)
    if isinstance(raw, Problem):
        return _refused(display, None, raw)
    return load_bytes(raw, display, limits, record_events=record_events)


def read_map_bytes(path: Path, display: str, limits: Limits = Limits()) -> bytes | Problem:
    """The bytes of the map file `path`, or the problem of a file over the size limit.

    Read through the one bounded reader (argmap.files): only a regular file,
    never more than the limit. Raises SourceAccessError when the file cannot
    be read at all.
    """
    try:
        return read_bounded(path, limits.max_bytes)
    except UnsafeFile as refused:
        if refused.too_large:
            return _too_large(display, refused.size or limits.max_bytes + 1, limits)
        raise SourceAccessError(
            f"{display}: {refused.reason}",
            hint="argmap reads map files; save the map to a file and check that",
        ) from None
    except IsADirectoryError:
        raise SourceAccessError(f"{display}: is a folder, not a map file") from None
    except FileNotFoundError:
        raise SourceAccessError(f"{display}: no such file") from None
    except PermissionError:
        raise SourceAccessError(
            f"{display}: permission denied", hint="check the file's permissions"
        ) from None
    except OSError as error:
        raise SourceAccessError(f"{display}: cannot read ({error.strerror or error})") from None


def load_bytes(
    raw: bytes, display: str, limits: Limits = Limits(), *, record_events: bool = False
) -> LoadedFile:
    if len(raw) > limits.max_bytes:
        return _refused(display, None, _too_large(display, len(raw), limits))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _refused(display, None, _not_utf8(raw, error, display))
    return load_text(text, display, limits, record_events=record_events)


def load_text(
    text: str, display: str, limits: Limits = Limits(), *, record_events: bool = False
) -> LoadedFile:
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or _only_comments(text):
        return _refused(
            display,
            text,
            Problem(
                code=EMPTY_FILE,
                severity=Severity.ERROR,
                file=display,
                line=1,
                column=1,
                message="the file holds no map",
                hint="start from `argmap new FILE --source DOC`, or see docs/format.md",
            ),
        )
    composer = _Composer(text, display, limits, record_events=record_events)
    try:
        data = composer.compose()
    except _Stop:
        data = None
    except yaml.YAMLError as error:
        data = None
        if _is_parser_depth_limit(error):
            composer = _depth_refusal(text, display, limits, error)
        else:
            composer.problems.append(_syntax_problem(error, text, display, composer.lines))
    if composer.problems:
        return _refused(display, text, *composer.problems)
    if not isinstance(data, YamlMapping):
        kind = "a list" if isinstance(data, YamlSequence) else "a single value"
        line, column = (data.line, data.column) if isinstance(data, YamlSequence) else (1, 1)
        return _refused(
            display,
            text,
            Problem(
                code=NOT_A_MAPPING,
                severity=Severity.ERROR,
                file=display,
                line=line,
                column=column,
                message=f"the top level of a map must be a mapping of keys, not {kind}",
                hint="a map starts with `argmap: 1`, `id:`, `title:` and `conclusions:` (see docs/format.md)",
            ),
        )
    return LoadedFile(path=display, text=text, data=data, problems=(), events=composer.events)


def _too_large(display: str, size: int, limits: Limits) -> Problem:
    return Problem(
        code=FILE_TOO_LARGE,
        severity=Severity.ERROR,
        file=display,
        line=1,
        column=1,
        message=(
            f"the file is {_human_size(size)}, over the limit of {_human_size(limits.max_bytes)} for one map"
        ),
        hint=(
            "split the map in several files, or raise the limit with `max-file-size` in [tool.argmap] "
            "or argmap.toml (`--max-file-size` on the command line)"
        ),
    )


def _refused(display: str, text: str | None, *problems: Problem) -> LoadedFile:
    return LoadedFile(path=display, text=text, data=None, problems=tuple(problems))


# libyaml (bundled with PyYAML 6.0.3 and later) refuses nesting past 1,000
# levels by itself, and its scanner reads ahead over a line of `[[[[...`, so
# it can refuse before the composer has seen the level past `max-depth`.
_PARSER_DEPTH_PROBLEM = "exceeded maximum nesting depth"


def _is_parser_depth_limit(error: yaml.YAMLError) -> bool:
    return getattr(error, "problem", None) == _PARSER_DEPTH_PROBLEM


def _depth_refusal(text: str, display: str, limits: Limits, error: yaml.YAMLError) -> _Composer:
    """The same refusal as argmap's own depth limit gives, whichever layer saw it first.

    The text up to where the parser gave up holds all its open levels, and
    nothing after them to read ahead over: the composer meets the level past
    `max-depth` there, at its own position, with the problems before it.
    """
    mark = getattr(error, "problem_mark", None)
    end = mark.index if mark is not None else len(text)
    # Excerpts from the whole text: the cut may fall inside the last line.
    composer = _Composer(text[:end], display, limits, excerpt_text=text)
    try:
        composer.compose()
    except _Stop:
        return composer
    except yaml.YAMLError:
        pass  # the cut text ends inside open collections: expected when `max-depth` is higher
    # `max-depth` is at or above the parser's own limit: the parser's refusal stands.
    refusal = _Composer(text, display, limits)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    refusal.problems.append(
        Problem(
            code=TOO_DEEP,
            severity=Severity.ERROR,
            file=display,
            line=line,
            column=column,
            message="the map nests deeper than the YAML parser reads (1000 levels)",
            hint="flatten it: define the claim once and use `- ref: its-id`",
            excerpt=refusal.excerpt(line, column),
        )
    )
    return refusal


class _Stop(Exception):
    """Raised inside the composer to stop at a problem that ends the reading."""


class _Composer:
    def __init__(
        self,
        text: str,
        display: str,
        limits: Limits,
        excerpt_text: str | None = None,
        *,
        record_events: bool = False,
    ) -> None:
        self.text = text
        self.display = display
        self.limits = limits
        self.problems: list[Problem] = []
        self.events: list[NodeEvent] | None = [] if record_events else None
        self._excerpt_text = text if excerpt_text is None else excerpt_text

    @functools.cached_property
    def lines(self) -> list[str]:
        # Split once per file: a file with 40,000 duplicate keys has as many excerpts.
        return split_lines(self._excerpt_text)

    def excerpt(self, line: int, column: int) -> str | None:
        return excerpt_of_lines(self.lines, line, column)

    def _problem(self, code: str, mark: Any, message: str, hint: str, *, excerpt: bool = True) -> Problem:
        line, column = mark.line + 1, mark.column + 1
        return Problem(
            code=code,
            severity=Severity.ERROR,
            file=self.display,
            line=line,
            column=column,
            message=message,
            hint=hint,
            excerpt=self.excerpt(line, column) if excerpt else None,
        )

    def _stop(self, code: str, mark: Any, message: str, hint: str) -> _Stop:
        self.problems.append(self._problem(code, mark, message, hint))
        return _Stop()

    def _check_node_event(self, event: Any) -> None:
        if event.anchor is not None:
            raise self._stop(
                ANCHOR_OR_ALIAS,
                event.start_mark,
                f"YAML anchors (`&{event.anchor}`) are not allowed in a map",
                "to use a claim in several places, "
                "give it an `id` and write `- ref: that-id` where it recurs",
            )
        tag = event.tag
        explicit = not event.implicit if isinstance(event.implicit, bool) else not any(event.implicit)
        if tag is not None and explicit and tag not in _ALLOWED_TAGS and tag != "!":
            raise self._stop(
                CUSTOM_TAG,
                event.start_mark,
                f"YAML tags such as `{_short_tag(tag)}` are not allowed in a map",
                "remove the tag; to reuse a node, write `- ref: its-id`",
            )

    def compose(self) -> Any:
        stack: list[Any] = []  # open collections
        pending_keys: list[Any] = []  # for each open mapping: the key waiting for its value
        root: Any = None
        documents = 0
        max_depth = self.limits.max_depth

        def attach(value: Any, mark: Any, end_mark: Any = None) -> None:
            nonlocal root
            if not stack:
                root = value
                return
            parent = stack[-1]
            line, column = mark.line + 1, mark.column + 1
            if isinstance(parent, YamlSequence):
                if end_mark is not None:
                    parent.value_ends[len(parent)] = (end_mark.line + 1, end_mark.column + 1)
                parent.append(value)
                parent.positions.append((line, column))
                return
            pending = pending_keys[-1]
            if pending is None:
                # `value` is a key.
                if not isinstance(value, str):
                    raise self._stop(
                        COMPLEX_KEY,
                        mark,
                        "a key must be a plain word, not a list or mapping",
                        "write keys as `name: value`",
                    )
                if value in parent.positions:
                    first_line = parent.positions[value][0]
                    self.problems.append(
                        self._problem(
                            DUPLICATE_KEY,
                            mark,
                            f"duplicate key `{value}` (first at line {first_line})",
                            "YAML would keep only the last one and silently drop the other: "
                            "merge them or remove one",
                        )
                    )
                    pending_keys[-1] = (value, line, column, True)
                else:
                    pending_keys[-1] = (value, line, column, False)
                return
            key, key_line, key_column, duplicate = pending
            pending_keys[-1] = None
            if not duplicate:
                parent[key] = value
                parent.positions[key] = (key_line, key_column, line, column)
                if end_mark is not None:
                    parent.value_ends[key] = (end_mark.line + 1, end_mark.column + 1)

        recorded = self.events
        events: Iterator[Any] = yaml.parse(self.text, Loader=_EventLoader)
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self._check_node_event(event)
                is_key = bool(stack) and isinstance(stack[-1], YamlMapping) and pending_keys[-1] is None
                if is_key or not event.implicit[0]:
                    value: Any = event.value
                else:
                    value = resolve_plain_scalar(event.value)
                attach(value, event.start_mark, event.end_mark)
                if recorded is not None:
                    recorded.append((event, value))
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._check_node_event(event)
                if stack and isinstance(stack[-1], YamlMapping) and pending_keys[-1] is None:
                    raise self._stop(
                        COMPLEX_KEY,
                        event.start_mark,
                        "a key must be a plain word, not a list or mapping",
                        "write keys as `name: value`",
                    )
                if len(stack) >= max_depth:
                    raise self._stop(
                        TOO_DEEP,
                        event.start_mark,
                        f"the map nests deeper than {max_depth} levels",
                        "flatten it: define the claim once and use `- ref: its-id`, or raise "
                        "`max-depth` in the configuration",
                    )
                mark = event.start_mark
                container: Any
                if kind is yaml.MappingStartEvent:
                    container = YamlMapping(mark.line + 1, mark.column + 1)
                else:
                    container = YamlSequence(mark.line + 1, mark.column + 1)
                attach(container, mark)
                stack.append(container)
                pending_keys.append(None)
                if recorded is not None:
                    recorded.append((event, None))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                pending_keys.pop()
                if recorded is not None:
                    recorded.append((event, None))
            elif kind is yaml.AliasEvent:
                raise self._stop(
                    ANCHOR_OR_ALIAS,
                    event.start_mark,
                    f"YAML aliases (`*{event.anchor}`) are not allowed in a map",
                    "to use a claim in several places, write `- ref: its-id` where it recurs",
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self._stop(
                        SEVERAL_DOCUMENTS,
                        event.start_mark,
                        "a map file holds one YAML document; this is a second one",
                        "put each map in a file of its own, and remove the `---` line",
                    )
        return root


def resolve_plain_scalar(value: str) -> Any:
    """Resolve an unquoted scalar as the YAML 1.2 core schema does."""
    if not value:
        return None
    first = value[0]
    if first in "nN~":
        if value in ("~", "null", "Null", "NULL"):
            return None
        return value
    if first in "tT" and value in ("true", "True", "TRUE"):
        return True
    if first in "fF" and value in ("false", "False", "FALSE"):
        return False
    if first in "0123456789+-.":
        if _INT.match(value):
            try:
                return int(value)
            except ValueError:
                # Python refuses to convert more than 4,300 digits (a guard
                # against quadratic time); such a number can only be a mistake
                # or an attack, and as a float it is still a number to the schema.
                return float(value)
        if _FLOAT.match(value):
            return float(value)
        if value.startswith("0o") and _OCT.match(value):
            return int(value[2:], 8)
        if value.startswith("0x") and _HEX.match(value):
            return int(value[2:], 16)
        lowered = value.lower()
        if lowered in (".inf", "+.inf") and value[-3:] in ("inf", "Inf", "INF"):
            return math.inf
        if lowered == "-.inf" and value[-3:] in ("inf", "Inf", "INF"):
            return -math.inf
        if value in (".nan", ".NaN", ".NAN"):
            return math.nan
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def split_lines(text: str) -> list[str]:
    """The lines of `text`, as excerpts number them."""
    return text.splitlines()


def make_excerpt(text: str, line: int, column: int, width: int = 100) -> str | None:
    """The line `line` of `text` with a caret under `column`, clipped to `width`.

    It splits the whole text: for many excerpts of one file, split it once
    with `split_lines` and call `excerpt_of_lines`.
    """
    return excerpt_of_lines(split_lines(text), line, column, width)


def excerpt_of_lines(lines: Sequence[str], line: int, column: int, width: int = 100) -> str | None:
    """The line `line` of `lines` with a caret under `column`, clipped to `width`."""
    if not 1 <= line <= len(lines):
        return None
    # Control characters would garble the terminal; one visible mark each keeps the caret aligned.
    content = _CONTROL.sub("\ufffd", lines[line - 1].replace("\t", " "))
    caret = max(column - 1, 0)
    start = 0
    if len(content) > width:
        start = max(0, min(caret - width // 2, len(content) - width))
        content = content[start : start + width]
    return f"{content}\n{' ' * (caret - start)}^"


def _syntax_problem(error: yaml.YAMLError, text: str, display: str, lines: Sequence[str]) -> Problem:
    line, column = 1, 1
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    context_mark = getattr(error, "context_mark", None)
    if mark is not None and context_mark is not None and mark.index >= len(text.rstrip()):
        # At the end of the file ("did not find expected ']'") the useful place
        # is where the unfinished construct began.
        mark = context_mark
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    elif isinstance(error, yaml.reader.ReaderError):
        line, column = position_of_offset(text, error.position)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return Problem(
        code=YAML_SYNTAX,
        severity=Severity.ERROR,
        file=display,
        line=line,
        column=column,
        message=message,
        hint=_syntax_hint(lines, line, str(problem)),
        excerpt=excerpt_of_lines(lines, line, column),
    )


def _syntax_hint(lines: Sequence[str], line: int, problem: str) -> str:
    nearby = lines[max(0, line - 2) : line]
    if "control character" in problem or "special characters" in problem or "#x" in problem:
        return "remove the control character (a NUL or similar byte) from the file"
    if "\t" in "".join(nearby) or "tab character" in problem:
        return "YAML indents with spaces, not tabs: replace the tabs with spaces"
    if "mapping values are not allowed" in problem:
        return "a text with `: ` in it must be quoted: wrap the value in double quotes"
    if "found character '`'" in problem or "found character '@'" in problem:
        return "a value cannot start with ` or @ unquoted: wrap it in double quotes"
    return "check the indentation and quoting around this line (docs/format.md shows the layout)"


def position_of_offset(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    return line, offset - line_start + 1


def _not_utf8(raw: bytes, error: UnicodeDecodeError, display: str) -> Problem:
    offset = error.start
    line = raw.count(b"\n", 0, offset) + 1
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Problem(
        code=NOT_UTF8,
        severity=Severity.ERROR,
        file=display,
        line=line,
        column=column,
        message=f"the file is not valid UTF-8 (byte 0x{raw[offset]:02x})",
        hint="save the file as UTF-8 in your editor",
    )


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MiB"
    if size >= 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size} bytes"
