"""The source document as the report shows it: readable, with every quoted passage marked.

The text shown is the plain-text view of `argmap.grounding.sources` (a
Markdown source as a reader sees it: headings, paragraphs, list items and
code blocks, markup removed), block by block, each block tagged with the
source line it begins on. The offsets that grounding recorded for each
quote (`argmap.grounding.ground`) say exactly which characters to mark, so
a quote is marked where it was found and nowhere else. Where quotes
overlap, the shared characters are one `<mark>` that names every quote and
node it belongs to. Sentences that carry reasoning but that no quote takes
up (rule Q505) are marked differently, so that coverage is visible.
Position markers (video timestamps) are kept as small labels, linked to
the video when the source names one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from argmap.grounding.sources import BlockKind, SourceText
from argmap.report.escape import escape_html


@attrs.frozen
class Highlight:
    """A found quote: its spans in the plain-text view, and whose it is."""

    quote_id: str  # names the quote in `data-quotes`: `quote-3`
    node_id: str  # the DOM id of the node that quotes it
    spans: tuple[tuple[int, int], ...]


@attrs.frozen
class Uncovered:
    """A sentence that carries reasoning and that no quote takes up."""

    start: int
    end: int
    markers: tuple[str, ...]


_BLOCK_TAGS = {BlockKind.PARAGRAPH: "p", BlockKind.HEADING: "h3", BlockKind.ITEM: "p", BlockKind.CODE: "pre"}


def source_html(
    source: SourceText,
    highlights: Sequence[Highlight],
    uncovered: Iterable[Uncovered] = (),
    video_link: str | None = None,
) -> str:
    """The source's blocks as HTML, with the quotes and uncovered reasoning marked."""
    uncovered = tuple(uncovered)
    pieces: list[tuple[int, int, Highlight]] = [
        (start, end, highlight) for highlight in highlights for start, end in highlight.spans if end > start
    ]
    markers = list(source.markers)
    parts: list[str] = []
    first_marks: set[str] = set()
    for block in source.blocks:
        tag = _BLOCK_TAGS[block.kind]
        line = source.line_of(block.start)
        css = f"src-block src-{block.kind.value}"
        parts.append(f'<{tag} class="{css}" id="line-{line}" data-line="{line}">')
        parts.append(f'<span class="line-no" aria-hidden="true">{line}</span>')
        boundaries = {block.start, block.end}
        for start, end, _ in pieces:
            boundaries.update(offset for offset in (start, end) if block.start < offset < block.end)
        for sentence in uncovered:
            boundaries.update(
                offset for offset in (sentence.start, sentence.end) if block.start < offset < block.end
            )
        block_markers = [marker for marker in markers if block.start <= marker.offset <= block.end]
        markers = [marker for marker in markers if marker not in block_markers]
        boundaries.update(marker.offset for marker in block_markers)
        ordered = sorted(boundaries)
        for index, start in enumerate(ordered):
            for marker in block_markers:
                if marker.offset == start:
                    parts.append(_marker_html(marker.text, video_link))
            if index + 1 == len(ordered):
                break
            end = ordered[index + 1]
            text = _block_text(source.text[start:end], block.kind)
            covering = [highlight for s, e, highlight in pieces if s <= start and end <= e]
            if covering:
                quotes = sorted(dict.fromkeys(h.quote_id for h in covering), key=_quote_order)
                nodes = list(
                    dict.fromkeys(h.node_id for h in sorted(covering, key=lambda h: _quote_order(h.quote_id)))
                )
                attributes = f' class="quote" data-quotes="{escape_html(" ".join(quotes))}"'
                attributes += f' data-nodes="{escape_html(" ".join(nodes))}"'
                # One stop of the tab key per quote, at its first piece.
                new = [quote for quote in quotes if quote not in first_marks]
                if new:
                    first_marks.update(new)
                    attributes += ' tabindex="0"'
                parts.append(f"<mark{attributes}>{text}</mark>")
            elif any(s.start <= start and end <= s.end for s in uncovered):
                parts.append(f'<mark class="uncovered">{text}</mark>')
            else:
                parts.append(text)
        parts.append(f"</{tag}>\n")
    return "".join(parts)


def _quote_order(quote_id: str) -> int:
    return int(quote_id.rpartition("-")[2])


def _block_text(text: str, kind: BlockKind) -> str:
    escaped = escape_html(text)
    return escaped if kind is BlockKind.CODE else escaped.replace("\n", "<br>")


def _marker_html(text: str, video_link: str | None) -> str:
    label = f'<span class="visually-hidden">timestamp </span>{escape_html(text)}'
    if video_link is not None:
        return (
            f'<a class="timestamp" href="{escape_html(video_link)}" rel="noopener noreferrer" '
            f'target="_blank" title="the video (this moment: {escape_html(text)})">{label}</a>'
        )
    return f'<span class="timestamp">{label}</span>'
