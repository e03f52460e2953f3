"""PDF sources: their text, page by page, with the page as the locator.

A PDF has no lines of its own a reader could count: its text is extracted
with `pypdf` (the `pdf` extra, `pip install 'argmap[pdf]'`, imported only
here, when a map's source is a PDF) page by page, and the pages follow one
another in the plain-text view, each beginning on a new line. Quotes are
found in that view as in a text source, with the same normalization. A
place in it is named by its page, as the document prints it when it labels
its pages (a reprint that starts at page 29) and by its position otherwise,
and by its line within that page: `p. 12, line 5`. The node's locator is
the page alone, `p. 12`, as a citation gives it.

A PDF that is encrypted (unless it opens with the empty password, as
documents that only restrict printing do), that pypdf cannot parse, or that
holds no text (a scan without a text layer) cannot be searched for quotes,
and says so (Q506).
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator

import attrs

from argmap.grounding.sources import Page, SourceText, SourceUnreadable, parse_text, split_lines

INSTALL_HINT = (
    "install the PDF extra, `pip install 'argmap[pdf]'` (it adds pypdf), or convert the PDF to text"
)


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf reports what it repairs through `logging` and `warnings`; argmap
    never prints from the library, and a damaged PDF that still reads is no
    news to the user."""
    logger = logging.getLogger("pypdf")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


def read_pdf(raw: bytes, display: str) -> SourceText:
    """The plain-text view of the PDF `raw`; `SourceUnreadable` when there is none."""
    try:
        import pypdf
    except ImportError:
        raise SourceUnreadable(
            f"source file `{display}` is a PDF, and reading PDFs needs pypdf, which is not installed",
            hint=INSTALL_HINT,
        ) from None
    unreadable = SourceUnreadable(
        f"source file `{display}` cannot be read as a PDF (it is damaged, or not a PDF)",
        hint="open it in a PDF viewer to check, and save a repaired copy or its text",
    )
    with _quiet_pypdf():
        try:
            reader = pypdf.PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and not reader.decrypt(""):
                raise SourceUnreadable(
                    f"source file `{display}` is an encrypted PDF, "
                    "which argmap cannot open without its password",
                    hint="save a copy without the password (or the document's text) "
                    "and point `source.file` at it",
                )
            texts = [page.extract_text() or "" for page in reader.pages]
            labels = _labels(reader, len(texts))
        except SourceUnreadable:
            raise
        except pypdf.errors.DependencyError:
            # AES encryption, which pypdf decrypts only with the `cryptography` package.
            raise SourceUnreadable(
                f"source file `{display}` is an encrypted PDF, which pypdf opens only with `cryptography`",
                hint="`pip install cryptography`, or save a copy without encryption",
            ) from None
        except Exception:  # a hostile file can make any part of a PDF parser fail
            raise unreadable from None
    if not any(text.strip() for text in texts):
        raise SourceUnreadable(
            f"source file `{display}` is a PDF without text to quote (a scan, or only pictures)",
            hint="recognise its text first (OCR, such as `ocrmypdf`), or quote a text version",
        )
    return pdf_view(texts, labels)


def document_info(raw: bytes) -> dict[str, str]:
    """The `title` and `author` a PDF declares, those it gives (none without pypdf)."""
    try:
        import pypdf
    except ImportError:
        return {}
    found: dict[str, str] = {}
    with _quiet_pypdf():
        try:
            info = pypdf.PdfReader(io.BytesIO(raw)).metadata
            for key, value in (
                ("title", info.title if info else None),
                ("author", info.author if info else None),
            ):
                if isinstance(value, str) and value.strip():
                    found[key] = " ".join(value.split())
        except Exception:  # a damaged PDF: `argmap check` will say so (Q506)
            return {}
    return found


_MAX_LABEL = 16


def _labels(reader: object, count: int) -> list[str]:
    """The pages' printed numbers when the PDF labels them, else 1, 2, 3..."""
    try:
        labels = list(getattr(reader, "page_labels", []))
    except Exception:  # a damaged label tree is no reason to refuse the text
        labels = []
    # A label is a page number as printed ("29", "iv", "A-3"): one longer than
    # that, or with control characters, is not one to put in a message.
    if len(labels) != count or not all(
        isinstance(label, str) and label.strip() and len(label) <= _MAX_LABEL and label.isprintable()
        for label in labels
    ):
        return [str(number) for number in range(1, count + 1)]
    return [label.strip() for label in labels]


def pdf_view(texts: list[str], labels: list[str]) -> SourceText:
    """The view of pages of text: each page begins on a line of its own."""
    pieces: list[str] = []
    first_lines: list[int] = []
    line = 1
    for text in texts:
        body = text.rstrip("\r\n")
        first_lines.append(line)
        pieces.append(body + "\n")
        line += len(split_lines(body)[0])
    view = parse_text("".join(pieces), markdown=False)
    pages = tuple(
        Page(
            view.line_starts[first - 1] if first - 1 < len(view.line_starts) else len(view.text), label, first
        )
        for first, label in zip(first_lines, labels, strict=True)
    )
    return attrs.evolve(view, pages=pages)
