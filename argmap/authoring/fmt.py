"""`argmap fmt`: one canonical layout for every map, with its comments kept.

Maps are written by hand and reviewed in diffs, so they should all look
alike. The canonical layout:

- keys in a fixed order. The map: `argmap, id, title, source, note, tags,
  ignore, expect, conclusions` (what the map is, then its argument). The
  source: `file, title, author, date, url, language, note`. `expect`: `in,
  out, undecided`. A node: `id, ref, role, question, text, quote,
  implicit, at, url, scheme, warrant, note, tags, ignore, premises, because,
  counterexamples`: who it is and the part it plays for its parent, what it
  says and where the source says it, how an inference reasons, the
  analyst's remarks, and last its children, so that a node's own lines stay
  together above its subtree.
  The entries of `ignore` keep the author's order.
- block style everywhere, indented by 2, with the items of a list indented
  under their key (`conclusions:` then `  - id: ...`); flow collections
  (`[a, b]`, `{k: v}`) become blocks, empty ones stay `[]` and `{}`.
- lines of at most 100 characters: a longer text is folded at spaces onto
  continuation lines indented by 2 (YAML joins them back with single
  spaces, so the text is unchanged). A single word longer than that stays
  whole, and so do the lines of a block (`|`, `>`) or of a text that needs
  double quotes, which PyYAML folds and may let run a word past the width.
- quotes only where a YAML reader would otherwise misread the text: where it
  has special characters, or where YAML 1.1 or 1.2 would read it as a number,
  date, boolean or null (`at: '01:58:12'`, `date: '2022-11-10'`: PyYAML and
  other 1.1 readers would make a number and a date of them). Texts with line
  breaks become literal blocks (`|`); a folded block (`>`) stays folded.
- every comment kept, a tail of text that ` #` made a comment included: fmt
  cannot know it was meant as text, so it warns (M306) and leaves the fix,
  quoting the whole value, to the author. A comment on its own line belongs to what follows it
  and moves with it when keys are reordered, at its new indentation;
  a comment indented deeper than what follows closes the block above it and
  stays at that block's end; a comment at the end of a line stays at the end
  of that line's entry. Everything above the first key stays at the top (the
  `# yaml-language-server: $schema=...` line among it). Blank lines between
  entries are kept (several become one); `---`, `...` and directives go.
- UTF-8 without a byte order mark, `\\n` line ends, one final newline.

Formatting never changes meaning, and this module proves it each time
before it writes: the formatted text must load to the same data as the
original and hold the same comments, or the file is left alone and
`FormatError` says why. A file that does not parse or does not pass the
schema is never touched: its problems come back instead. A map that is a
link is rewritten where it lives, the link kept, when that file is inside
the link's project; a link out of the project is neither read nor written.

Why not ruamel.yaml's round trip? It keeps each comment at its original
column and stores the comments between two keys on the end of the first
key's value, so reordering keys carries comments to the wrong place and
re-indenting leaves them misaligned. Here comments are read from the text
with the parser's exact positions and re-attached to what they describe;
the scalars themselves are written by PyYAML's emitter (the pure-Python
one, so every installation writes the same bytes).
"""

from __future__ import annotations

import bisect
import difflib
import functools
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import yaml

from argmap.files import Limits
from argmap.input.yaml_reader import (
    LoadedFile,
    NodeEvent,
    load_bytes,
    load_text,
    read_map_bytes,
    resolve_plain_scalar,
)
from argmap.memory import collector_paused
from argmap.problems import ArgmapError, Problem, SourceAccessError

WIDTH = 100
INDENT = 2
# The narrowest room a text is given, however deep its node.
_MIN_ROOM = 40

MAP_KEYS = ("argmap", "id", "title", "source", "note", "tags", "ignore", "expect", "issues", "conclusions")
SOURCE_KEYS = ("file", "title", "author", "date", "url", "language", "note")
EXPECT_KEYS = ("semantics", "in", "out", "undecided")
NODE_KEYS = (
    "id",
    "ref",
    "role",
    "question",
    "text",
    "quote",
    "implicit",
    "at",
    "url",
    "scheme",
    "warrant",
    # the evaluation's keys (docs/evaluation.md)
    "about",
    "standard",
    "assumed",
    "weighing",
    "weight",
    "conceded",
    "weaker",
    "contradicts",
    "outweighs",
    "note",
    "tags",
    "ignore",
    "premises",
    "because",
    "counterexamples",
)
# The lists whose items are nodes.
NODE_LISTS = frozenset({"conclusions", "premises", "because", "counterexamples"})

_TAG_STR = "tag:yaml.org,2002:str"
# PyYAML (YAML 1.1) breaks lines at NEL, LS and PS too: with `\r\n`, `\r`
# and `\n`, these are the breaks its marks count.
_UNICODE_LINE_BREAKS = "\x85\u2028\u2029"
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n" + _UNICODE_LINE_BREAKS + "]")
# Lines with their `\n`, for diffs (str.splitlines would also split at LS, PS...).
_LINE_WITH_END = re.compile(r"[^\n]*\n|[^\n]+\Z")


class FormatError(ArgmapError):
    """The formatted text would not mean what the original means (a bug in argmap fmt)."""


@attrs.frozen
class Formatted:
    """The outcome of formatting one file.

    `text` is the canonical text, or None when the file was refused; then
    `problems` says why (it does not parse, or it does not pass the schema).
    """

    file: str  # as shown to the user
    path: Path | None
    original: str
    text: str | None
    problems: tuple[Problem, ...] = ()
    # The file that is read and written: `path`, or the file that `path` links to.
    target: Path | None = None

    @property
    def refused(self) -> bool:
        return self.text is None

    @property
    def changed(self) -> bool:
        return self.text is not None and self.text != self.original

    def diff(self) -> str:
        """A unified diff from the original to the canonical text ("" when unchanged)."""
        if not self.changed or self.text is None:
            return ""
        lines = difflib.unified_diff(
            _LINE_WITH_END.findall(self.original),
            _LINE_WITH_END.findall(self.text),
            fromfile=f"{self.file} (original)",
            tofile=f"{self.file} (formatted)",
        )
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
        )


def format_file(path: Path, display: str | None = None, limits: Limits = Limits()) -> Formatted:
    """Format the map at `path` in memory (nothing is written).

    Raises SourceAccessError when the file cannot be read, FormatError when
    the canonical text would not mean the same (never expected).
    """
    display = display or str(path)
    target = _link_target(path, display) if path.is_symlink() else path
    with collector_paused():
        return _format_path(path, target, display, limits)


def _format_path(path: Path, target: Path, display: str, limits: Limits) -> Formatted:
    raw = read_map_bytes(target, display, limits)
    if isinstance(raw, Problem):  # over the size limit: not read, so nothing to show
        return Formatted(display, path, "", None, (raw,), target=target)
    original = raw.decode("utf-8", errors="surrogateescape")
    loaded = load_bytes(raw, display, limits, record_events=True)
    return attrs.evolve(_format_loaded(loaded, display, path, original, limits), target=target)


def _link_target(link: Path, display: str) -> Path:
    """The file a linked map stands in, when it is inside the link's project.

    fmt rewrites that file and keeps the link. A link out of the project
    (a hostile repository's `map.yaml -> ~/.ssh/config`) is neither read
    nor written, and its target is not shown.
    """
    from argmap.config import project_root

    try:
        target = link.resolve(strict=True)
    except FileNotFoundError:
        raise SourceAccessError(f"{display}: a link to a file that does not exist") from None
    except (OSError, RuntimeError):  # a loop of links
        raise SourceAccessError(f"{display}: a link that cannot be followed (a loop of links?)") from None
    root = project_root(link.parent)
    if not target.is_relative_to(root):
        raise SourceAccessError(
            f"{display}: a link to a file outside the project, which argmap fmt neither reads nor writes",
            hint="format the map in its own project, or replace the link by a copy of the map",
        )
    return target


def format_text(
    text: str, display: str = "<text>", limits: Limits = Limits(), *, always_verify: bool = False
) -> Formatted:
    """Format a map given as text (nothing is read or written).

    `always_verify` reads back even a text that is already canonical, which
    the fast path skips (tests hold the two to the same result).
    """
    with collector_paused():
        loaded = load_text(text, display, limits, record_events=True)
        return _format_loaded(loaded, display, None, text, limits, always_verify=always_verify)


def write_formatted(result: Formatted) -> bool:
    """Write the canonical text over the file, atomically; True when it changed.

    Raises SourceAccessError when it cannot: the file is then as it was.
    """
    if not result.changed or result.text is None or result.path is None:
        return False
    from argmap.files import write_atomically

    target = result.target or result.path
    if result.path.is_symlink() and _link_target(result.path, result.file) != target:
        raise SourceAccessError(
            f"{result.file}: the link changed while it was formatted; the map is unchanged"
        )
    try:
        # Over the file itself: a link to it stays a link.
        write_atomically(target, result.text.encode("utf-8"))
    except OSError as error:
        raise SourceAccessError(
            f"{result.file}: cannot write ({error.strerror or error}); the map is unchanged"
        ) from None
    return True


def cut_by_comments(result: Formatted, *, written: bool) -> tuple[Problem, ...]:
    """M306 warnings for the prose values a ` #` cut short, at their lines in
    the file as it is after fmt (`written`) or as it was.

    YAML read the tail of such a value as a comment, and fmt keeps it as one,
    where it was: joining it back into the value would change what the map
    says, which fmt never does on its own. The warning names the fix.
    """
    from argmap.rules.m306_text_cut_by_comment import cut_values

    text = result.text if written and result.text is not None else result.original
    return tuple(cut_values(text, result.file))


def canonical_text(text: str) -> str:
    """The canonical layout of a map that is known to be valid (tests and tools)."""
    result = format_text(text)
    if result.text is None:
        first = result.problems[0] if result.problems else None
        raise ValueError(f"not a valid map: {first.message if first else 'unknown problem'}")
    return result.text


def _format_loaded(
    loaded: LoadedFile,
    display: str,
    path: Path | None,
    original: str,
    limits: Limits,
    *,
    always_verify: bool = False,
) -> Formatted:
    from argmap.input.schema import validate

    text, data, events = loaded.text, loaded.data, loaded.events
    if data is None or text is None or events is None:
        return Formatted(display, path, original, None, loaded.problems)
    schema_problems = validate(data, display)
    if schema_problems:
        return Formatted(display, path, original, None, tuple(schema_problems))
    try:
        document = _parse(text, events)
        formatted = _Emitter(document).emit()
    except RecursionError:  # PyYAML's emitter recurses on nothing given here, but be sure
        raise FormatError(f"{display}: the map nests too deeply to format") from None
    if formatted != text or always_verify:
        # The same text loads to the same data with the same comments: only
        # a changed text has anything to prove.
        _verify(document, data, formatted, display, limits)
    return Formatted(display, path, original, formatted, ())


def _verify(document: _Document, data: Any, formatted: str, display: str, limits: Limits) -> None:
    """Refuse any output that loads to other data or lost a comment.

    The output is read back under the limits the original was read with:
    a map that nests deeper than the default is checked, not refused.
    """
    size = len(formatted.encode("utf-8"))
    if size > limits.max_bytes:
        raise FormatError(
            f"{display}: the formatted map would be {size} bytes, over the limit of {limits.max_bytes} "
            "for one map, so the file was left alone",
            hint="raise `max-file-size` in [tool.argmap] or argmap.toml, or split the map in several files",
        )
    reloaded = load_text(formatted, display, limits, record_events=True)
    if reloaded.data is None or reloaded.events is None or reloaded.data != data:
        raise FormatError(
            f"{display}: formatting would change what the map says, so the file was left alone",
            hint="please report this as a bug of `argmap fmt`, with the map",
        )
    before = sorted(comment.text for comment in document.comments)
    after = sorted(comment.text for comment in _parse(formatted, reloaded.events).comments)
    if before != after:
        raise FormatError(
            f"{display}: formatting would lose or change a comment, so the file was left alone",
            hint="please report this as a bug of `argmap fmt`, with the map",
        )


# --- reading: a tree of the document with positions and comments -----------

Position = tuple[int, int]  # 0-based line and column


class _Comment:
    __slots__ = ("blank_before", "column", "line", "text")

    def __init__(self, text: str, line: int, column: int, blank_before: bool) -> None:
        self.text = text
        self.line = line
        self.column = column
        self.blank_before = blank_before


class _Scalar:
    __slots__ = ("end", "is_key", "owner", "start", "style", "value")

    def __init__(self, value: Any, style: str | None, start: Position, end: Position) -> None:
        self.value = value
        self.style = style
        self.start = start
        self.end = end
        self.owner: _Slot | None = None
        self.is_key = False


class _Container:
    __slots__ = ("column", "parent", "start", "trailing")

    def __init__(self, start: Position, parent: _Container | None) -> None:
        self.start = start
        self.column = start[1]
        self.parent = parent
        self.trailing: list[_Comment] = []


class _Mapping(_Container):
    __slots__ = ("entries",)

    def __init__(self, start: Position, parent: _Container | None) -> None:
        super().__init__(start, parent)
        self.entries: list[_Slot] = []


class _Sequence(_Container):
    __slots__ = ("items",)

    def __init__(self, start: Position, parent: _Container | None) -> None:
        super().__init__(start, parent)
        self.items: list[_Slot] = []


_Value = _Scalar | _Mapping | _Sequence


class _Slot:
    """A mapping entry (with `key`) or a sequence item (`key` None): what comments attach to."""

    __slots__ = ("blank_before", "container", "eol", "key", "leading", "start", "value")

    def __init__(self, container: _Container, key: _Scalar | None, start: Position) -> None:
        self.container = container
        self.key = key
        self.start = start
        self.value: _Value | None = None
        self.leading: list[_Comment] = []
        self.eol: _Comment | None = None
        self.blank_before = False

    @property
    def column(self) -> int:
        # An item's comments line up with its dash, an entry's with its key.
        return self.container.column if self.key is None else self.start[1]


class _Document:
    def __init__(self, root: _Value, comments: list[_Comment]) -> None:
        self.root = root
        self.comments = comments
        # Everything above the first key stays on top, whatever the key order.
        self.header: list[_Comment] = []
        self.header_blank_after = False


def _parse(text: str, events: Sequence[NodeEvent]) -> _Document:
    """The layout tree of `text`, from the node events its loading recorded."""
    # Lines as the YAML parser counts them, so that its marks index this list.
    lines = _YAML_LINE_BREAK.split(text)
    root: _Value | None = None
    stack: list[_Mapping | _Sequence] = []
    pending_key: list[_Slot | None] = []  # per open container: the entry waiting for its value
    slots: list[_Slot] = []
    scalars: list[_Scalar] = []

    def attach(value: _Value, start: Position) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        parent = stack[-1]
        if isinstance(parent, _Sequence):
            item = _Slot(parent, None, start)
            item.value = value
            parent.items.append(item)
            slots.append(item)
            if isinstance(value, _Scalar):
                value.owner = item
            return
        entry = pending_key[-1]
        assert entry is not None, "a mapping key is always a scalar here: the loader refused the others"
        entry.value = value
        pending_key[-1] = None
        if isinstance(value, _Scalar):
            value.owner = entry

    tag_gaps: list[_TagGap] = []

    for event, resolved in events:
        if isinstance(event, yaml.ScalarEvent):
            start, end = _position(event.start_mark), _position(event.end_mark)
            style = event.style or None
            text_start = start
            if event.tag is not None:
                # `!!str # why` then the text on the next line: the event starts
                # at the tag, and what stands between the tag and the text
                # (a comment) is not part of the text.
                text_start = _after_tag(lines, start, end)
            parent = stack[-1] if stack else None
            if isinstance(parent, _Mapping) and pending_key[-1] is None:
                key = _Scalar(event.value, style, text_start, end)
                if text_start != start:
                    tag_gaps.append(_TagGap(start, text_start, key))
                key.is_key = True
                entry = _Slot(parent, key, start)
                key.owner = entry
                parent.entries.append(entry)
                slots.append(entry)
                pending_key[-1] = entry
                scalars.append(key)
                continue
            scalar = _Scalar(resolved, style, text_start, end)
            if text_start != start:
                tag_gaps.append(_TagGap(start, text_start, scalar))
            scalars.append(scalar)
            attach(scalar, start)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            start = _position(event.start_mark)
            parent_container = stack[-1] if stack else None
            container: _Mapping | _Sequence
            if isinstance(event, yaml.MappingStartEvent):
                container = _Mapping(start, parent_container)
            else:
                container = _Sequence(start, parent_container)
            attach(container, start)
            stack.append(container)
            pending_key.append(None)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop()
            pending_key.pop()
    assert root is not None, "the loader refused empty files"
    masked, inside = _scalar_masks(lines, scalars)
    comments = _find_comments(lines, masked, inside)
    document = _Document(root, comments)
    _attach_comments(document, comments, slots, scalars, lines, inside, tag_gaps)
    return document


def _position(mark: Any) -> Position:
    return (mark.line, mark.column)


@attrs.frozen
class _TagGap:
    """From a scalar's tag to its text: a comment here belongs to that scalar's entry."""

    start: Position
    end: Position
    scalar: _Scalar


def _after_tag(lines: list[str], start: Position, end: Position) -> Position:
    """Where a tagged scalar's text begins: past the tag, blanks, line breaks and comments."""
    line, column = start
    current = lines[line]
    while column < len(current) and current[column] not in " \t":
        column += 1
    while (line, column) < end:
        current = lines[line]
        while column < len(current) and current[column] in " \t":
            column += 1
        if column < len(current) and current[column] != "#":
            break
        line, column = line + 1, 0  # the end of the line, or a comment up to it
    return min((line, column), end)


def _scalar_masks(
    lines: list[str], scalars: list[_Scalar]
) -> tuple[dict[int, list[tuple[int, int]]], set[int]]:
    """Where on each line a scalar's text stands, and the lines wholly inside one.

    A `#` inside a scalar is text, not a comment; a blank line inside a
    quoted or block scalar is text, not a separator.
    """
    masked: dict[int, list[tuple[int, int]]] = {}
    inside: set[int] = set()
    for scalar in scalars:
        (first, start_column), (last, end_column) = scalar.start, scalar.end
        if scalar.style in ("|", ">"):
            header = lines[first]
            stop = start_column + 1
            while stop < len(header) and header[stop] in "+-123456789":
                stop += 1
            masked.setdefault(first, []).append((start_column, stop))
            start_column, first = 0, first + 1
            if first > last:
                continue
            # Blank lines after the text separate it from what follows (unless
            # the block keeps them, `|+`, which the writer never follows with one).
            content_end = last if end_column == 0 else last + 1
            while content_end > first and not lines[content_end - 1].strip():
                content_end -= 1
            inside.update(range(first, content_end))
        else:
            inside.update(range(first + 1, last if end_column == 0 else last + 1))
        for line in range(first, last + 1):
            begin = start_column if line == first else 0
            finish = end_column if line == last else len(lines[line]) if line < len(lines) else 0
            if finish > begin:
                masked.setdefault(line, []).append((begin, finish))
    return masked, inside


def _find_comments(
    lines: list[str], masked: dict[int, list[tuple[int, int]]], inside: set[int]
) -> list[_Comment]:
    comments: list[_Comment] = []
    for number, line in enumerate(lines):
        if "#" not in line:
            continue
        spans = masked.get(number, [])
        column = line.find("#")
        while column != -1:
            in_scalar = any(begin <= column < finish for begin, finish in spans)
            if not in_scalar and (column == 0 or line[column - 1] in " \t"):
                blank = _blank_line_before(lines, number, inside)
                comments.append(_Comment(line[column:].rstrip(), number, column, blank))
                break
            column = line.find("#", column + 1)
    return comments


def _blank_line_before(lines: list[str], number: int, inside: set[int]) -> bool:
    previous = number - 1
    return previous >= 0 and previous not in inside and not lines[previous].strip()


def _attach_comments(
    document: _Document,
    comments: list[_Comment],
    slots: list[_Slot],
    scalars: list[_Scalar],
    lines: list[str],
    inside: set[int],
    tag_gaps: list[_TagGap],
) -> None:
    starts = [slot.start for slot in slots]
    gap_starts = [gap.start for gap in tag_gaps]
    for slot in slots:
        line, column = slot.start
        # Only what starts a line can have a blank line above it (not `b` in `{a: 1, b: 2}`).
        first_on_line = not lines[line][:column].replace("-", " ").strip()
        slot.blank_before = first_on_line and _blank_line_before(lines, line, inside)
    if slots:
        # A blank line above the first key separates the header, wherever that key goes.
        document.header_blank_after = slots[0].blank_before
        slots[0].blank_before = False
    # The scalars that end on each line, for comments at the end of a line.
    ending: dict[int, list[_Scalar]] = {}
    for scalar in scalars:
        # A block scalar's header line is where a comment can follow it.
        line = scalar.start[0] if _is_block(scalar) else scalar.end[0]
        ending.setdefault(line, []).append(scalar)
    root = document.root
    for comment in comments:
        position = (comment.line, comment.column)
        gap_index = bisect.bisect_right(gap_starts, position) - 1
        if gap_index >= 0 and position < tag_gaps[gap_index].end:
            # Between a tag and its text: the comment goes above the entry or item.
            owner = tag_gaps[gap_index].scalar.owner
            assert owner is not None
            owner.leading.append(comment)
            continue
        if lines[comment.line][: comment.column].strip():
            target = _line_end_owner(comment, ending.get(comment.line, []))
            if target is not None:
                _attach_at_line_end(target, comment)
                continue
            # Nothing on the line before the comment to hang it on (`- # note`): it
            # becomes a comment of its own line.
        index = bisect.bisect_left(starts, (comment.line, comment.column))
        following = slots[index] if index < len(slots) else None
        if index == 0:
            document.header.append(comment)
            continue
        previous = slots[index - 1]
        if following is not None and comment.column <= following.column:
            following.leading.append(comment)
            continue
        closing = _closed_block(previous, following, comment.column)
        if closing is not None:
            closing.trailing.append(comment)
        elif following is not None:
            following.leading.append(comment)
        elif isinstance(root, _Mapping | _Sequence):
            root.trailing.append(comment)
        else:  # pragma: no cover - a map's top level is a mapping
            document.header.append(comment)


def _line_end_owner(comment: _Comment, candidates: list[_Scalar]) -> _Scalar | None:
    """The last scalar on the comment's line before it: what the comment follows."""
    best: _Scalar | None = None
    for scalar in candidates:
        column = _end_column(scalar)
        if column <= comment.column and (best is None or _end_column(best) <= column):
            best = scalar
    return best


def _end_column(scalar: _Scalar) -> int:
    return scalar.start[1] if _is_block(scalar) else scalar.end[1]


def _attach_at_line_end(scalar: _Scalar, comment: _Comment) -> None:
    slot = scalar.owner
    assert slot is not None
    if scalar.is_key and isinstance(slot.value, _Scalar) and not _is_block(slot.value):
        # `key:  # note` above its value's line: the note goes above the entry.
        slot.leading.append(comment)
    elif slot.eol is None:
        slot.eol = comment
    else:  # two comments ending lines of one entry (a folded flow list): keep both
        slot.leading.append(comment)


def _is_block(scalar: _Scalar) -> bool:
    return scalar.style in ("|", ">")


def _closed_block(previous: _Slot, following: _Slot | None, column: int) -> _Container | None:
    """The innermost block that ends between two slots and that a comment at
    `column` is indented into: the comment closes that block."""
    enclosing: set[int] = set()
    container: _Container | None = following.container if following is not None else None
    while container is not None:
        enclosing.add(id(container))
        container = container.parent
    candidate: _Container | None = previous.container
    while candidate is not None:
        if id(candidate) in enclosing:
            return None
        if candidate.column <= column:
            parent = candidate.parent
            # An indentless list (`because:` and `- id:` in one column): the
            # comment closes the node that holds the list.
            indentless = (
                isinstance(candidate, _Sequence)
                and isinstance(parent, _Mapping)
                and parent.column == candidate.column
            )
            if indentless and parent is not None and id(parent) not in enclosing:
                return parent
            return candidate
        candidate = candidate.parent
    return None


# --- writing ---------------------------------------------------------------

_BLOCK_HEADER = re.compile(r"[|>][1-9]?[-+]?")


def _order(entries: Sequence[_Slot], keys: Sequence[str] | None) -> list[_Slot]:
    if keys is None:
        return list(entries)
    rank = {key: index for index, key in enumerate(keys)}
    # sorted() is stable: keys outside the order keep the author's order, last.
    return sorted(entries, key=lambda entry: rank.get(str(entry.key.value if entry.key else ""), len(rank)))


def _child_order(keys: Sequence[str] | None, key: str) -> tuple[Sequence[str] | None, bool]:
    """For the value under `key`: the key order of a mapping, and whether a list holds nodes."""
    if keys is MAP_KEYS and key == "source":
        return SOURCE_KEYS, False
    if keys is MAP_KEYS and key == "expect":
        return EXPECT_KEYS, False
    return None, (keys is MAP_KEYS or keys is NODE_KEYS) and key in NODE_LISTS


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.after_opener = True  # no blank line at the top, nor right after `key:`
        self.after_keep_block = False  # a blank line here would be part of a `|+` text
        self.dash: int | None = None  # write `- ` at this column on the next line

    def blank(self) -> None:
        if self.after_opener or self.after_keep_block or self.dash is not None:
            return
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def line(self, text: str, opener: bool = False) -> None:
        if self.dash is not None:
            column = self.dash
            text = " " * column + "- " + text[column + 2 :]
            self.dash = None
        self.lines.append(text)
        self.after_opener = opener
        self.after_keep_block = False

    def comment(self, comment: _Comment, column: int) -> None:
        if comment.blank_before:
            self.blank()
        self.line(" " * column + comment.text)

    def text(self) -> str:
        if not self.after_keep_block:
            while self.lines and self.lines[-1] == "":
                self.lines.pop()
        return "\n".join(self.lines) + "\n"


# Work for the emitter: ("map", mapping, column, key order, ordered entries, next index)
# or ("seq", sequence, column, holds nodes, next index).
_Task = tuple[Any, ...]


class _Emitter:
    """Writes the document in the canonical layout, with a work stack instead of recursion."""

    def __init__(self, document: _Document) -> None:
        self.document = document
        self.out = _Writer()

    def emit(self) -> str:
        document, out = self.document, self.out
        root = document.root
        if not isinstance(root, _Mapping):  # pragma: no cover - the schema wants a mapping
            raise ValueError("the top level of a map is a mapping")
        for comment in document.header:
            out.comment(comment, 0)
        if document.header and document.header_blank_after:
            out.lines.append("")
        out.after_opener = True
        work: list[_Task] = [("map", root, 0, MAP_KEYS, _order(root.entries, MAP_KEYS), 0)]
        while work:
            task = work.pop()
            if task[0] == "map":
                _, mapping, column, keys, ordered, index = task
                if index == len(ordered):
                    self._comments(mapping.trailing, column)
                    continue
                work.append(("map", mapping, column, keys, ordered, index + 1))
                child = self._entry(ordered[index], column, keys, first=index == 0)
            else:
                _, sequence, column, holds_nodes, index = task
                if index == len(sequence.items):
                    self._comments(sequence.trailing, column)
                    continue
                work.append(("seq", sequence, column, holds_nodes, index + 1))
                child = self._item(sequence.items[index], column, holds_nodes)
            if child is not None:
                work.append(child)
        return out.text()

    def _comments(self, comments: list[_Comment], column: int) -> None:
        for comment in comments:
            self.out.comment(comment, column)

    def _leading(self, slot: _Slot, column: int) -> None:
        self._comments(slot.leading, column)
        if slot.blank_before:
            self.out.blank()

    def _entry(self, entry: _Slot, column: int, keys: Sequence[str] | None, first: bool) -> _Task | None:
        out = self.out
        assert entry.key is not None and entry.value is not None
        key = _key_text(entry.key.value)
        if not (first and out.dash is not None):  # else the item wrote them above its dash
            self._leading(entry, column)
        value = entry.value
        indent = " " * column
        eol = f"  {entry.eol.text}" if entry.eol is not None else ""
        if isinstance(value, _Scalar):
            self._scalar(key, value, column, eol)
            return None
        child_keys, holds_nodes = _child_order(keys, str(entry.key.value))
        if isinstance(value, _Mapping):
            if not value.entries:
                out.line(f"{indent}{key}: {{}}{eol}")
                return None
            out.line(f"{indent}{key}:{eol}", opener=True)
            return ("map", value, column + INDENT, child_keys, _order(value.entries, child_keys), 0)
        if not value.items:
            out.line(f"{indent}{key}: []{eol}")
            return None
        out.line(f"{indent}{key}:{eol}", opener=True)
        return ("seq", value, column + INDENT, holds_nodes, 0)

    def _item(self, item: _Slot, column: int, holds_nodes: bool) -> _Task | None:
        out = self.out
        assert item.value is not None
        value = item.value
        eol = f"  {item.eol.text}" if item.eol is not None else ""
        self._leading(item, column)
        if isinstance(value, _Scalar):
            self._scalar(None, value, column, eol)
            return None
        indent = " " * column
        if isinstance(value, _Mapping):
            keys = NODE_KEYS if holds_nodes else None
            ordered = _order(value.entries, keys)
            if not ordered:
                out.line(f"{indent}- {{}}{eol}")
                return None
            # The first entry shares the dash's line: its comments go above the dash.
            self._comments(ordered[0].leading, column)
            out.dash = column
            return ("map", value, column + INDENT, keys, ordered, 0)
        if not value.items:
            out.line(f"{indent}- []{eol}")
            return None
        out.line(f"{indent}-{eol}", opener=True)
        return ("seq", value, column + INDENT, False, 0)

    def _scalar(self, key: str | None, scalar: _Scalar, column: int, eol: str) -> None:
        out = self.out
        lines = _scalar_lines(key, scalar, WIDTH - column)
        prefix = "- " if key is None else f"{key}: "
        header = lines[0][len(prefix) :] if lines[0].startswith(prefix) else ""
        block = _BLOCK_HEADER.fullmatch(header) is not None
        indent = " " * column
        last = len(lines) - 1
        for number, line in enumerate(lines):
            with_comment = eol and number == (0 if block else last)
            out.line((indent + line if line else "") + (eol if with_comment else ""))
        if block and header.endswith("+"):
            out.after_keep_block = True


@functools.lru_cache(maxsize=4096)  # a map has few distinct keys, written thousands of times
def _key_text(key: Any) -> str:
    text = str(key)
    if text and all(character.isalnum() or character in "-_" for character in text) and _plain_keeps(text):
        return text
    return _emit_lines(None, text, None, WIDTH)[0][2:]


@functools.cache
def _resolver() -> yaml.resolver.Resolver:
    return yaml.resolver.Resolver()


# YAML 1.1 reads these as booleans too; PyYAML's resolver does not, other 1.1 readers do.
_YAML11_BOOLEANS_PYYAML_MISSES = frozenset({"y", "Y", "n", "N"})


def _plain_keeps(text: str) -> bool:
    """Whether `text`, written plain, reads back as this same text in YAML 1.1 and in 1.2."""
    if text in _YAML11_BOOLEANS_PYYAML_MISSES or resolve_plain_scalar(text) != text:
        return False
    tag = _resolver().resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == _TAG_STR)


def _scalar_lines(key: str | None, scalar: _Scalar, room: int) -> list[str]:
    value = scalar.value
    if isinstance(value, bool):
        return _emit_lines(key, "true" if value else "false", None, room, plain=True, is_string=False)
    if isinstance(value, int | float) or value is None:
        text = yaml.safe_dump(value).split("\n", 1)[0]  # 1, 0.5, .inf, null
        return _emit_lines(key, text, None, room, plain=True, is_string=False)
    text = str(value)
    if any(character in text for character in _UNICODE_LINE_BREAKS):
        # Escaped (`\L`), never written raw: every line of the output ends in `\n`.
        return _emit_lines(key, text, '"', room)
    if "\n" in text:
        if scalar.style != ">":
            return _emit_lines(key, text, "|", room)
        if _MORE_INDENTED_LINE.search(text):
            # YAML keeps a line that starts with a space as it is, but PyYAML's
            # emitter folds it at the width like any other, which changes the
            # text: such a block is written with its lines whole.
            return _emit_lines(key, text, ">", _UNLIMITED_ROOM)
        return _emit_lines(key, text, ">", room)
    prefix = f"{key}: " if key is not None else "- "
    allow_block_plain, allow_single_quoted = _line_styles(text)
    # The styles PyYAML's emitter would choose, folded here: it lets a line run
    # one word past the width, and this keeps within it.
    if allow_block_plain and _plain_keeps(text):
        return _fold(prefix, text, room)
    if allow_single_quoted:
        return _fold(prefix, "'" + text.replace("'", "''") + "'", room)
    return _emit_lines(key, text, None, room)  # double quotes, with escapes


# In a folded block, a line that starts with a space is kept as it is, not folded.
_MORE_INDENTED_LINE = re.compile(r"(?:\A|\n) ")
_UNLIMITED_ROOM = 1 << 30


# A line may break at a single space between two words; not before a word that
# YAML would read as a comment or an indicator at the start of a line.
_BREAKABLE = re.compile(r"(?<=[^ ]) (?=[^ #\-?:,\[\]{}&*!|>'\"%@`])")


def _fold(prefix: str, body: str, room: int) -> list[str]:
    """`prefix + body` in lines of at most `room` columns where it can break;
    continuation lines are indented by 2, and YAML joins them with spaces."""
    room = max(room, _MIN_ROOM)
    if len(prefix) + len(body) <= room:
        return [prefix + body]
    words = _BREAKABLE.split(body)
    continuation = " " * INDENT
    lines = [prefix + words[0]]
    for word in words[1:]:
        if len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(continuation + word)
    return lines


@functools.cache
def _analyser() -> yaml.emitter.Emitter:
    """An emitter used only for its judgement of which styles a text allows."""
    return yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)


# What PyYAML's emitter (with allow_unicode) cannot write outside double quotes.
_SPECIAL_CHARACTER = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010fffe]|\ufeff")
# What keeps a one-line text from being written plain in a block: a document
# marker or an indicator at its start, `: ` (or a final `:`), ` #`.
_BLOCK_INDICATOR = re.compile(r"\A(?:---|\.\.\.|[#,\[\]{}&*!|>'\"%@`]|[?:-](?: |\Z))|:(?: |\Z)| #")


def _line_styles(text: str) -> tuple[bool, bool]:
    """Whether PyYAML's emitter may write the one-line `text` plain in a block,
    and single-quoted: its `analyze_scalar`, in two regular expressions.

    That analysis walks the text in Python, a character at a time, and took
    most of fmt's time; for a text without line breaks it comes down to
    this. A property test holds the two to the same answers.
    """
    if _SPECIAL_CHARACTER.search(text):
        return False, False
    plain = not (text.startswith(" ") or text.endswith(" ") or _BLOCK_INDICATOR.search(text))
    return plain, True


def _emit_lines(
    key: str | None, text: str, style: str | None, room: int, *, plain: bool = False, is_string: bool = True
) -> list[str]:
    """`key: text` (or `- text`) as PyYAML's emitter writes it, in `room` columns."""
    from yaml.events import (
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
        StreamStartEvent,
    )

    # implicit = (may be written plain, may be written quoted) without a tag.
    value = ScalarEvent(None, None, (plain, is_string), text, style=style)
    events: list[Any] = [StreamStartEvent(), DocumentStartEvent(explicit=False)]
    if key is None:
        events += [SequenceStartEvent(None, None, True, flow_style=False), value, SequenceEndEvent()]
    else:
        key_event = ScalarEvent(None, None, (True, True), key)
        events += [MappingStartEvent(None, None, True, flow_style=False), key_event, value, MappingEndEvent()]
    events += [DocumentEndEvent(explicit=False), StreamEndEvent()]
    emitted = yaml.emit(
        events, Dumper=yaml.Dumper, width=max(room, _MIN_ROOM), indent=INDENT, allow_unicode=True
    )
    lines = str(emitted).split("\n")
    lines.pop()  # the text ends with a line break
    if lines and lines[-1] == "...":  # the end of an open-ended document (after `|+`)
        lines.pop()
    return lines
