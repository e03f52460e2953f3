"""Source documents: find them safely, read them once, and see them as plain text.

A map's `source.file` names the document the map reconstructs, relative to
the map. Quotes are checked against a *plain-text view* of that document:

- a plain-text source is its own view (line endings become `\\n`);
- a Markdown source (suffix `.md`, or content that shows front matter, wiki
  links or HTML tags) is read as a reader sees it: emphasis markers (`**`,
  `*`, `_`, `~~`, backticks), heading marks and list bullets removed, wiki
  links `[[target | alias]]` read as their alias and `[[target]]` as their
  target, links `[text](url)` as their text, HTML tags and comments removed,
  entities such as `&amp;` decoded, and YAML front matter (`---` ... `---`
  at the top) read as metadata (title, videoId, url) rather than as text.

The view keeps, for every line of the source, the offset at which that line
begins in the view, so any offset of the view maps back to a 1-based source
line (front matter and CRLF line endings included). Markdown transformations
never join or split lines, which is what makes that map exact.

Positions a source marks (`<a class="yt-timestamp" data-t="01:58:12"></a>`
after each statement of a transcript summary) are kept as `Marker`s, with
their text exactly as written: argmap does not guess their unit.

Safety: `resolve_source` refuses absolute paths, `..` that climbs out of the
map's project (`argmap.project`) and symbolic links that point out of it,
before it looks at whether the file exists, so a map cannot make argmap read
(or reveal the existence of) a file outside the project. `read_source` reads
only regular files, and at most `max-file-size` bytes of them.
"""

from __future__ import annotations

import bisect
import enum
import os
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath, PureWindowsPath

import attrs

from argmap.files import UnsafeFile, read_bounded
from argmap.problems import SourceAccessError

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
# An HTML page is read through the same view: tags removed, entities
# decoded, and what a browser hides (scripts, styles, hidden elements) left out.
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# The largest source argmap reads by default: far above any article or
# transcript, low enough that a mistaken path to a disk image fails fast.
DEFAULT_MAX_SOURCE_BYTES = 32 * 1024 * 1024

# Every line break an editor shows as one, longest first: `\r\r\n` (a CRLF file
# whose line ends were converted once more, common in copies of Project
# Gutenberg texts) is one line end, not an empty line between every two.
_LINE_BREAK = re.compile("\r\r\n|\r\n|\r|\n|\u2028|\u2029")
LINE_ENDING_NAMES = {
    "\r\r\n": "CR CR LF",
    "\r\n": "CR LF",
    "\r": "CR",
    "\n": "LF",
    "\u2028": "LS",
    "\u2029": "PS",
}


class BlockKind(enum.StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    ITEM = "item"  # a list item
    CODE = "code"  # a fenced code block


@attrs.frozen
class Marker:
    """A position the source marks, such as a video timestamp."""

    offset: int  # where the marker stood, as an offset of the plain-text view
    text: str  # as the source writes it ("01:58:12")
    line: int


@attrs.frozen
class Block:
    """A paragraph, heading, list item or code block of the plain-text view."""

    start: int
    end: int
    kind: BlockKind


@attrs.frozen
class Page:
    """A page of a PDF source, in the plain-text view."""

    start: int  # the offset of the view at which the page begins
    label: str  # its number as the document prints it ("12", "iv"), or its position
    line: int  # the line of the view on which it begins


@attrs.frozen
class SourceText:
    """A source document as plain text, with the way back to its lines."""

    text: str
    markdown: bool
    # Front matter of a Markdown source: `title`, `videoId`, `url`...
    metadata: Mapping[str, str] = attrs.field(factory=dict)
    # line_starts[n] is the offset in `text` at which source line n + 1 begins.
    line_starts: tuple[int, ...] = (0,)
    blocks: tuple[Block, ...] = ()
    markers: tuple[Marker, ...] = ()
    # Each kind of line end the source uses, with how many lines end so,
    # most used first: more than one kind is worth a warning (Q507).
    line_endings: tuple[tuple[str, int], ...] = ()
    # The pages of a PDF source, in order; none for a text.
    pages: tuple[Page, ...] = ()
    _marker_offsets: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _page_starts: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)

    @_marker_offsets.default
    def _offsets_of_markers(self) -> tuple[int, ...]:
        return tuple(marker.offset for marker in self.markers)

    @_page_starts.default
    def _starts_of_pages(self) -> tuple[int, ...]:
        return tuple(page.start for page in self.pages)

    def line_of(self, offset: int) -> int:
        """The 1-based source line holding `offset` of the plain-text view.

        Lines that contribute nothing to the view (front matter, an HTML
        comment) begin at the same offset as the next line; the last of them
        is the one that holds the text.
        """
        return max(1, bisect.bisect_right(self.line_starts, offset))

    def page_of(self, offset: int) -> Page | None:
        """The page of a PDF source that holds `offset` (None for a text)."""
        if not self.pages:
            return None
        index = bisect.bisect_right(self._page_starts, offset) - 1
        return self.pages[max(index, 0)]

    def place_of(self, offset: int) -> str:
        """Where `offset` is, as messages name it: `line 12` of a text, and
        `p. 3, line 4` (the line within the page) of a PDF."""
        line = self.line_of(offset)
        page = self.page_of(offset)
        if page is None:
            return f"line {line}"
        return f"p. {page.label}, line {line - page.line + 1}"

    def page_locator(self, offset: int) -> str | None:
        """`p. 3` for a place in a PDF source, as a citation names it."""
        page = self.page_of(offset)
        return None if page is None else f"p. {page.label}"

    def marker_at_or_after(self, offset: int) -> Marker | None:
        """The first marker at or after `offset`: for a statement followed by
        its timestamp, the timestamp of the statement that holds `offset`."""
        index = bisect.bisect_left(self._marker_offsets, offset)
        return self.markers[index] if index < len(self.markers) else None

    @property
    def mixes_line_endings(self) -> bool:
        return len(self.line_endings) > 1

    @property
    def video_id(self) -> str | None:
        for key in ("videoId", "video_id", "videoid", "video-id"):
            value = self.metadata.get(key)
            if value:
                return value
        return None

    @property
    def title(self) -> str | None:
        return self.metadata.get("title") or None


# -- safety -------------------------------------------------------------------------


class RefusalReason(enum.StrEnum):
    ABSOLUTE = "absolute"
    CLIMBS_OUT = "climbs-out"
    LINK_OUT = "link-out"


class SourceRefused(SourceAccessError):
    """The source path would leave the map's project: argmap will not read it."""

    def __init__(self, message: str, reason: RefusalReason, project: Path, hint: str | None = None) -> None:
        super().__init__(message, hint or outside_hint(str(project)))
        self.reason = reason
        self.project = project


class SourceMissing(SourceAccessError):
    """No file at the path the map names."""

    # None when the path can name no file at all (a NUL byte, a name too long).
    def __init__(self, message: str, looked_for: Path | None, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.looked_for = looked_for


class SourceUnreadable(SourceAccessError):
    """The file is there but cannot be read as text (not UTF-8, a folder, too large)."""


def outside_hint(project: str) -> str:
    return f"copy the document into the map's project, `{project}`, and name it relative to the map"


def _is_absolute(written: str) -> bool:
    return (
        PurePosixPath(written).is_absolute()
        or PureWindowsPath(written).is_absolute()
        or bool(PureWindowsPath(written).drive)
        or written.startswith(("\\", "/"))
    )


# Longer names no common filesystem takes (ext4, APFS, NTFS: 255 bytes).
_MAX_NAME_BYTES = 255
_UNUSABLE_HINT = "`source.file` names a document relative to the map, such as `../seeds/article.txt`"


def _unusable_path(written: str) -> str | None:
    """Why `written` can be no file's name, before the operating system is asked."""
    if "\x00" in written:
        return "it holds a NUL byte"
    for part in re.split(r"[/\\]", written):
        if len(part.encode("utf-8", "surrogatepass")) > _MAX_NAME_BYTES:
            return f"a part of it is longer than {_MAX_NAME_BYTES} bytes"
    return None


def resolve_source(map_folder: Path, written: str, project: Path) -> Path:
    """The file `written` (relative to `map_folder`) names, if it stays inside `project`.

    Raises `SourceRefused` for an absolute path, for `..` that climbs out of
    the project, and for a symbolic link (anywhere on the way) that points
    out of it; `SourceMissing` when nothing is there. The checks come before
    any look at the target, so a refused path reveals nothing about it.
    """
    project = project.resolve()
    unusable = _unusable_path(written)
    if unusable is not None:
        raise SourceMissing(f"source file `{written}` cannot name a file: {unusable}", None, _UNUSABLE_HINT)
    if _is_absolute(written):
        raise SourceRefused(
            f"source file `{written}` is an absolute path: sources must be named relative to the map",
            RefusalReason.ABSOLUTE,
            project,
        )
    folder = map_folder.resolve()
    lexical = Path(os.path.normpath(folder / written))
    if not lexical.is_relative_to(project):
        raise SourceRefused(
            f"source file `{written}` climbs out of the project with `..`",
            RefusalReason.CLIMBS_OUT,
            project,
        )
    try:
        real = lexical.resolve()
        linked_out = not real.is_relative_to(project)
        exists = not linked_out and real.exists()
    except (OSError, RuntimeError) as error:  # a loop of links, a path too long
        reason = (
            error.strerror if isinstance(error, OSError) and error.strerror else "a loop of symbolic links"
        )
        raise SourceMissing(
            f"source file `{written}` cannot name a file: {reason.lower()}", None, _UNUSABLE_HINT
        ) from None
    if linked_out:
        raise SourceRefused(
            f"source file `{written}` is, or passes through, a link that points outside the project",
            RefusalReason.LINK_OUT,
            project,
        )
    if not exists:
        raise SourceMissing(
            f"source file `{written}` does not exist",
            lexical,
            "the path is relative to the map's folder; check its spelling",
        )
    return real


def read_source(
    path: Path, display: str, max_bytes: int = DEFAULT_MAX_SOURCE_BYTES, encoding: str | None = None
) -> SourceText:
    """Read a resolved source file into its plain-text view.

    The file is decoded as UTF-8 (a byte-order mark, UTF-16's included, is
    honoured) unless the map names another `encoding` (`source.encoding`).
    Raises `SourceUnreadable` when it is not a readable text file in that
    encoding. The messages never quote the file's content.
    """
    try:
        raw = read_bounded(path, max_bytes)
    except IsADirectoryError:
        raise SourceUnreadable(f"source file `{display}` is a folder, not a document") from None
    except UnsafeFile as refused:
        if refused.too_large:
            raise SourceUnreadable(
                f"source file `{display}` is over the limit of {max_bytes} bytes",
                hint="raise `max-file-size` in the configuration, or split the document",
            ) from None
        raise SourceUnreadable(
            f"source file `{display}` is {refused.reason}", hint="point `source.file` at a text document"
        ) from None
    except PermissionError:
        raise SourceUnreadable(
            f"source file `{display}`: permission denied", hint="check the file's permissions"
        ) from None
    except OSError as error:
        raise SourceUnreadable(
            f"source file `{display}` cannot be read ({error.strerror or error})"
        ) from None
    if is_pdf(path.suffix, raw):
        # The reader (and with it pypdf, logging, warnings) only for a PDF: start-up stays lean.
        from argmap.grounding.pdf import read_pdf

        return read_pdf(raw, display)
    text = decode_source(raw, display, encoding)
    markdown = True if path.suffix.lower() in MARKDOWN_SUFFIXES | HTML_SUFFIXES else None
    return parse_text(text, markdown=markdown)


PDF_SUFFIXES = frozenset({".pdf"})
PDF_MAGIC = b"%PDF-"


def is_pdf(suffix: str, raw: bytes) -> bool:
    """A `.pdf` file, or a file of another name that is a PDF all the same."""
    return suffix.lower() in PDF_SUFFIXES or raw[:1024].lstrip().startswith(PDF_MAGIC)


def decode_source(raw: bytes, display: str, encoding: str | None) -> str:
    """The text of a source's bytes, in `encoding` or else UTF-8."""
    import codecs

    if encoding is not None:
        try:
            codec = codecs.lookup(encoding)
        except LookupError:
            raise SourceUnreadable(
                f"source file `{display}`: `source.encoding` names `{encoding}`, which is no known encoding",
                hint=(
                    "write an encoding Python knows, "
                    "such as `utf-8`, `cp1252`, `latin-1`, `utf-16` or `koi8-r`"
                ),
            ) from None
        try:
            return raw.decode(codec.name)
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            raise SourceUnreadable(
                f"source file `{display}` is not `{encoding}` text (the first bad byte is on line {line})",
                hint="name the encoding the document was saved in as `source.encoding`",
            ) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: reported as not UTF-8 below
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise SourceUnreadable(
            f"source file `{display}` is not UTF-8 text (the first bad byte is on line {line})",
            hint=(
                "name the document's encoding in the map, as `source.encoding: cp1252` "
                "(or `latin-1`, `utf-16`, `koi8-r`...), or save the document as UTF-8"
            ),
        ) from None


# -- the plain-text view ------------------------------------------------------------------

_FRONT_MATTER_OPEN = re.compile(r"---[ \t]*")
_FRONT_MATTER_CLOSE = re.compile(r"(---|\.\.\.)[ \t]*")
_FRONT_MATTER_ENTRY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)")
_WIKI_LINK = re.compile(r"\[\[[^\[\]\n]+\]\]")
_HTML_TAG_SNIFF = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?|/[A-Za-z][A-Za-z0-9-]*\s*)>|<!--")

_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"[ ]{0,3}(#{1,6})(?:[ \t]+|$)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_THEMATIC_BREAK = re.compile(r"[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BLOCKQUOTE = re.compile(r"[ ]{0,3}>[ ]?")
_BULLET = re.compile(r"[ \t]*(?:[*+-]|[0-9]{1,9}[.)])(?:[ \t]+|$)")

# Tags that separate words when a browser shows them; others (a, b, span) do not.
_BREAKING_TAGS = frozenset(
    [
        "br",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "details",
        "summary",
        "pre",
        "dd",
        "dt",
        "dl",
    ]
)
# A tag left open at the end of a line continues on the next one only when it
# is a real HTML element: `x <y and z` in prose is not the start of a tag.
_HTML_ELEMENTS = _BREAKING_TAGS | frozenset(
    [
        "a",
        "abbr",
        "b",
        "cite",
        "code",
        "em",
        "font",
        "i",
        "iframe",
        "img",
        "ins",
        "del",
        "kbd",
        "mark",
        "q",
        "s",
        "small",
        "source",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "video",
        "audio",
    ]
)
_INLINE = re.compile(
    r"""
      (?P<escape>\\[\\`*_{}\[\]()\#+\-.!<>~|"'])
    | (?P<wiki>\[\[(?P<wiki_body>[^\[\]\n]+?)\]\])
    | (?P<image>!\[(?P<image_alt>[^\[\]\n]*)\]\([^()\n]*\))
    | (?P<link>\[(?P<link_text>[^\[\]\n]*)\]
        \((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*\))
    | (?P<reflink>\[(?P<ref_text>[^\[\]\n]+)\]\[[^\[\]\n]*\])
    | (?P<comment><!--.*?-->)
    | (?P<comment_open><!--)
    | (?P<autolink><(?P<url>(?:https?|mailto):[^<>\s]+)>)
    | (?P<tag></?(?P<tag_name>[A-Za-z][A-Za-z0-9-]*)(?P<attributes>\s[^<>]*)?/?>)
    | (?P<tag_open><(?P<open_name>(?i:{elements}))(?:\s[^<>]*)?$)
    | (?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)
    | (?P<emphasis>\*+|_+|~~+|`+)
    """.replace("{elements}", "|".join(sorted(_HTML_ELEMENTS, key=len, reverse=True))),
    re.VERBOSE,
)
# Elements whose content a browser does not show as text, and the
# attributes that hide an element.
_HIDDEN_ELEMENTS = frozenset({"script", "style", "template", "noscript", "head"})
_HIDDEN_ATTRIBUTE = re.compile(
    r"""(?:^|\s)(?:hidden(?:\s|=|$)|aria-hidden\s*=\s*["']?true|style\s*=\s*["'][^"']*display\s*:\s*none)""",
    re.IGNORECASE,
)
_MARKER_ATTRIBUTE = re.compile(r"""\bdata-(?:t|time|timestamp)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def _unescape(text: str) -> str:
    """`html.unescape`, imported on first use: a plain-text source never needs it."""
    import html

    return html.unescape(text)


def looks_like_markdown(text: str) -> bool:
    """Front matter, a wiki link or an HTML tag mark a text as Markdown.

    Headings and bullets alone do not: plain text uses `-` and `#` too.
    """
    if _front_matter_end(_LINE_BREAK.split(text, maxsplit=200)) is not None:
        return True
    return bool(_WIKI_LINK.search(text) or _HTML_TAG_SNIFF.search(text))


def parse_text(text: str, *, markdown: bool | None = None) -> SourceText:
    """The plain-text view of `text`; `markdown=None` decides from the content."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if markdown is None:
        markdown = looks_like_markdown(text)
    lines, endings = split_lines(text)
    # A final line break ends the last line; it does not start another.
    ends_with_break = len(lines) > 1 and lines[-1] == ""
    if ends_with_break:
        lines.pop()
    builder = _ViewBuilder(markdown)
    metadata: dict[str, str] = {}
    first_body_line = 0
    if markdown:
        closing = _front_matter_end(lines)
        if closing is not None:
            metadata = _front_matter(lines[1:closing])
            first_body_line = closing + 1
    for number, line in enumerate(lines, start=1):
        builder.begin_line()
        if number > first_body_line:
            if markdown:
                builder.markdown_line(line, number)
            else:
                builder.plain_line(line)
            if number < len(lines) or ends_with_break:
                builder.end_line()
    return attrs.evolve(builder.finish(metadata), line_endings=endings)


def split_lines(text: str) -> tuple[list[str], tuple[tuple[str, int], ...]]:
    """The lines of `text`, and how many of each kind of line end it uses
    (most used first), by the names of `LINE_ENDING_NAMES`."""
    lines: list[str] = []
    counts: dict[str, int] = {}
    position = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(text[position : match.start()])
        name = LINE_ENDING_NAMES[match.group()]
        counts[name] = counts.get(name, 0) + 1
        position = match.end()
    lines.append(text[position:])
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return lines, tuple(ordered)


def _front_matter_end(lines: list[str]) -> int | None:
    """The index of the line closing front matter that opens on the first line."""
    if not lines or not _FRONT_MATTER_OPEN.fullmatch(lines[0]):
        return None
    for index in range(1, len(lines)):
        if _FRONT_MATTER_CLOSE.fullmatch(lines[index]):
            entries = lines[1:index]
            # `---` rules around plain prose are not front matter: it must hold keys.
            if any(_FRONT_MATTER_ENTRY.fullmatch(entry) for entry in entries):
                return index
            return None
    return None


def _front_matter(entries: list[str]) -> dict[str, str]:
    """`key: value` entries of front matter, values as written (quotes removed).

    Read line by line rather than by a YAML parser, so that a video id such
    as `0123e45` stays the text it is instead of becoming a number.
    """
    metadata: dict[str, str] = {}
    for entry in entries:
        match = _FRONT_MATTER_ENTRY.fullmatch(entry)
        if not match:
            continue  # list items and continuation lines: not metadata we use
        key, value = match.group(1), match.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if value:
            metadata.setdefault(key, value)
    return metadata


class _ViewBuilder:
    """Builds the plain-text view line by line, with its line starts,
    blocks and markers. State that spans lines: an open fence, an open HTML
    comment or tag, the current block."""

    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown
        self.parts: list[str] = []
        self.length = 0
        self.line_starts: list[int] = []
        self.blocks: list[Block] = []
        self.markers: list[Marker] = []
        self.fence: str | None = None
        self.in_comment = False
        self.in_tag = False
        self.block_start: int | None = None
        self.block_kind = BlockKind.PARAGRAPH
        self.block_end = 0
        # The element whose content no reader sees (`script`, `style`, one
        # marked `hidden`), while inside it.
        self.hidden: str | None = None

    # output

    def emit(self, text: str) -> None:
        if text and self.hidden is None:
            self.parts.append(text)
            self.length += len(text)

    def begin_line(self) -> None:
        self.line_starts.append(self.length)

    def end_line(self) -> None:
        # Line ends are kept inside hidden elements too: they keep line numbers.
        self.parts.append("\n")
        self.length += 1

    def open_block(self, kind: BlockKind) -> None:
        self.close_block()
        self.block_start = self.length
        self.block_kind = kind

    def close_block(self) -> None:
        if self.block_start is not None and self.block_end > self.block_start:
            self.blocks.append(Block(self.block_start, self.block_end, self.block_kind))
        self.block_start = None

    def content_emitted(self) -> None:
        """Called after a line's content: the block extends to here."""
        if self.block_start is None:
            self.block_start = self.line_starts[-1]
            self.block_kind = BlockKind.PARAGRAPH
        self.block_end = self.length

    def finish(self, metadata: dict[str, str]) -> SourceText:
        self.close_block()
        if not self.line_starts:
            self.line_starts.append(0)
        return SourceText(
            text="".join(self.parts),
            markdown=self.markdown,
            metadata=metadata,
            line_starts=tuple(self.line_starts),
            blocks=tuple(self.blocks),
            markers=tuple(self.markers),
        )

    # plain text

    def plain_line(self, line: str) -> None:
        if not line.strip():
            self.close_block()
            return
        self.emit(line)
        self.content_emitted()

    # Markdown

    def markdown_line(self, line: str, number: int) -> None:
        if self.fence is not None:
            self.code_line(line)
            return
        rest = line
        if self.in_comment or self.in_tag:
            closing = "-->" if self.in_comment else ">"
            index = rest.find(closing)
            if index < 0:
                return
            rest = rest[index + len(closing) :]
            self.in_comment = self.in_tag = False
            self.inline(rest, number)
            if rest.strip():
                self.content_emitted()
            return
        fence = _FENCE.match(rest)
        if fence:
            self.fence = fence.group(1)
            self.open_block(BlockKind.CODE)
            return
        if not rest.strip():
            self.close_block()
            return
        if _THEMATIC_BREAK.match(rest):
            self.close_block()
            return
        heading = _HEADING.match(rest)
        if heading:
            self.open_block(BlockKind.HEADING)
            self.inline(_CLOSING_HASHES.sub("", rest[heading.end() :]), number)
            self.content_emitted()
            self.close_block()
            return
        while True:
            quote_mark = _BLOCKQUOTE.match(rest)
            if not quote_mark:
                break
            rest = rest[quote_mark.end() :]
        bullet = _BULLET.match(rest)
        if bullet and not _THEMATIC_BREAK.match(rest):
            self.open_block(BlockKind.ITEM)
            rest = rest[bullet.end() :]
        self.inline(rest, number)
        self.content_emitted()

    def code_line(self, line: str) -> None:
        assert self.fence is not None
        stripped = line.strip()
        if stripped.startswith(self.fence[0] * len(self.fence)) and not stripped.strip(self.fence[0]):
            self.fence = None
            self.close_block()
            return
        self.emit(line)
        self.content_emitted()

    def inline(self, text: str, number: int) -> None:
        """Emit `text` as a reader sees it: markup removed, links as their words."""
        position = 0
        for match in _INLINE.finditer(text):
            self.emit(text[position : match.start()])
            position = match.end()
            kind = match.lastgroup
            token = match.group()
            if kind == "escape":
                self.emit(token[1])
            elif kind == "wiki":
                target, _, alias = match.group("wiki_body").partition("|")
                self.emit(alias.strip() or target.strip())
            elif kind == "image":
                self.inline(match.group("image_alt"), number)
            elif kind == "link":
                self.inline(match.group("link_text"), number)
            elif kind == "reflink":
                self.inline(match.group("ref_text"), number)
            elif kind == "comment_open":
                self.in_comment = True
                return
            elif kind == "autolink":
                self.emit(match.group("url"))
            elif kind == "tag":
                self.hide(match.group("tag_name"), match.group("attributes") or "", token)
                self.tag(match.group("tag_name"), match.group("attributes") or "", number)
            elif kind == "tag_open":
                # A tag whose `>` is on a later line: skip to it.
                self.in_tag = True
                self.tag(match.group("open_name"), token, number)
                return
            elif kind == "entity":
                self.emit(_unescape(token))
            elif kind == "emphasis" and self.keeps_literally(text, match.start(), match.end(), token):
                self.emit(token)
            # comments, and emphasis markers, are dropped
        self.emit(text[position:])

    @staticmethod
    def keeps_literally(text: str, start: int, end: int, token: str) -> bool:
        """`snake_case` keeps its underscore and `2 * 3` its star: neither is emphasis."""
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if token[0] == "_":
            return before.isalnum() and after.isalnum()
        if token[0] == "*":
            return before.isspace() and after.isspace()
        return False

    def hide(self, name: str, attributes: str, token: str) -> None:
        """Enter or leave an element whose text a browser does not show."""
        name = name.lower()
        if token.startswith("</"):
            if self.hidden == name:
                self.hidden = None
            return
        if (
            self.hidden is None
            and not token.endswith("/>")
            and (name in _HIDDEN_ELEMENTS or _HIDDEN_ATTRIBUTE.search(attributes))
        ):
            self.hidden = name

    def tag(self, name: str, attributes: str, number: int) -> None:
        marker = _MARKER_ATTRIBUTE.search(attributes)
        if marker:
            value = next(group for group in marker.groups() if group is not None)
            self.markers.append(Marker(self.length, _unescape(value), number))
        if name.lower() in _BREAKING_TAGS:
            self.emit(" ")
