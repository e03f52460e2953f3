"""Small PDF files for the tests, written by hand: one text line per `Tj`.

Each page's lines are set in Helvetica, one below the other, so that a PDF
reader extracts them as lines. `first_page_label` numbers the pages from
that number on (a `/PageLabels` entry, as a journal reprint has for its
printed page numbers); `title` is the document's own (its `/Info`, with an
author beside it).
"""

from __future__ import annotations

import io


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def make_pdf(
    pages: list[list[str]], *, first_page_label: int | None = None, title: str | None = None
) -> bytes:
    objects: list[bytes] = []  # object n + 1 is objects[n]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the pages exist
    tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids: list[int] = []
    for lines in pages:
        content = b"BT /F1 12 Tf 14 TL 72 720 Td " + b" T* ".join(
            _pdf_string(line) + b" Tj" for line in lines
        )
        content += b" ET"
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] " % tree
                + b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, stream)
            )
        )
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    labels = (
        b""
        if first_page_label is None
        else b" /PageLabels << /Nums [0 << /S /D /St %d >>] >>" % (first_page_label)
    )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R%s >>" % (tree, labels)
    info = None if title is None else add(b"<< /Title " + _pdf_string(title) + b" /Author (J. S. Mill) >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"/Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    out.write(b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def encrypted(pdf: bytes, password: str = "secret") -> bytes:
    """`pdf` encrypted (RC4, which pypdf writes and reads without other packages)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
