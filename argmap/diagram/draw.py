"""Turn DOT into SVG, PNG or PDF, and stamp each drawing with the digest of its DOT.

Layout and drawing run in-process in the Graphviz engine that the pygraphviz
wheel bundles, so `pip install argmap` is all a machine needs; a system
`dot` program can be used instead (`engine="system"`).

The engine's C libraries write to file descriptor 2 directly (fontconfig's
warnings about the host's configuration, Graphviz's layout remarks), where
Python's `sys.stderr` cannot catch them. `_captured_stderr` points
descriptor 2 at a temporary file around each call; what was said comes back
as `Drawing.messages`, without fontconfig's noise, and becomes part of the
error when the engine fails.

A drawing carries the SHA-256 of the DOT it was drawn from: in SVG as a
`<metadata id="argmap-digest">` element, in PNG as a `tEXt` chunk. So
`argmap render --check` tells a stale diagram from a fresh one without
comparing bytes that differ between Graphviz or font versions. A PDF has no
such stamp (rewriting a PDF's cross-reference table is not worth it): check
the SVG or the DOT instead. A DOT file is its own digest: it is compared
byte for byte.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import warnings
import zlib
from collections.abc import Iterator
from typing import Any

import attrs

from argmap.problems import ArgmapError

FORMATS = ("svg", "png", "pdf", "dot")
# Formats whose files say which DOT they were drawn from (see the module docstring).
CHECKABLE_FORMATS = ("svg", "png", "dot")
ENGINES = ("bundled", "system")

_SVG_ROOT = re.compile(rb"<svg\b[^>]*>")
_SVG_DIGEST = re.compile(rb'<metadata id="argmap-digest">dot-sha256:([0-9a-f]{64})</metadata>')
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEYWORD = b"argmap-dot-sha256"
# Lines the engine's libraries print that say nothing about the diagram.
_NOISE = re.compile(r"^\s*(Fontconfig (warning|error)|\(process:\d+\): Pango-WARNING|$)")


class RenderError(ArgmapError):
    """The engine could not draw the diagram."""


@attrs.frozen
class Drawing:
    data: bytes
    digest: str  # SHA-256 of the DOT, hex
    messages: tuple[str, ...] = ()  # what the engine said, without its noise
    warnings: tuple[str, ...] = ()  # what the user must know about the drawing (no font, say)


def dot_digest(dot: str) -> str:
    return hashlib.sha256(dot.encode("utf-8")).hexdigest()


def draw(dot: str, output_format: str, engine: str = "bundled") -> Drawing:
    """Lay out `dot` and draw it as `output_format`, stamped with the DOT's digest."""
    if output_format not in FORMATS:
        raise RenderError(f"unknown format `{output_format}`", hint="use one of: " + ", ".join(FORMATS))
    digest = dot_digest(dot)
    if output_format == "dot":
        return Drawing(dot.encode("utf-8"), digest)
    if engine == "bundled":
        data, messages = _draw_bundled(dot, output_format)
    elif engine == "system":
        data, messages = _draw_system(dot, output_format)
    else:
        raise RenderError(f"unknown engine `{engine}`", hint="use one of: " + ", ".join(ENGINES))
    if output_format == "pdf":
        data = fixed_creation_date(data)
    warnings = () if output_format == "svg" or fonts_found(engine) is not False else (NO_FONT_WARNING,)
    return Drawing(stamp(data, output_format, digest), digest, messages, warnings)


def svg_from_dot(dot: str) -> bytes:
    """The stamped SVG of `dot`, drawn by the bundled engine."""
    return draw(dot, "svg").data


def _draw_bundled(dot: str, output_format: str) -> tuple[bytes, tuple[str, ...]]:
    pygraphviz = _bundled_engine()
    said: list[str] = []
    failure: Exception | None = None
    data = b""
    with _captured_stderr(said):
        try:
            graph = pygraphviz.AGraph(string=dot)
            data = graph.draw(format=output_format, prog="dot")
        except Exception as error:  # pygraphviz raises several types; all mean the same to the user
            failure = error
    messages = _meaningful(said)
    if failure is not None or not data:
        detail = "; ".join(messages) or str(failure or "no output")
        raise RenderError(f"Graphviz could not draw the diagram: {detail}")
    return bytes(data), messages


def _bundled_engine() -> Any:
    """The pygraphviz module, or a RenderError that names what it lacks.

    Its wheel bundles Graphviz but not GLib, which Graphviz's text layout
    (Pango) loads from the system: slim container images do not have it.
    """
    try:
        import pygraphviz
    except (ImportError, OSError) as error:
        named = _LIBRARY_NAME.search(str(error))
        missing = named.group(0) if named else "a system library it needs (GLib, libglib-2.0)"
        raise RenderError(
            f"the Graphviz engine bundled with pygraphviz cannot load: {missing} is missing",
            hint="install GLib (Debian/Ubuntu: apt-get install libglib2.0-0; Fedora: dnf install glib2; "
            "Alpine: apk add glib), or install Graphviz and use --engine system",
        ) from None
    return pygraphviz


_LIBRARY_NAME = re.compile(r"lib[\w+-]+(?:[.-][\w+]+)*?\.so(?:\.\d+)*")


def _draw_system(dot: str, output_format: str) -> tuple[bytes, tuple[str, ...]]:
    program = shutil.which("dot")
    if program is None:
        raise RenderError(
            "there is no `dot` program on this machine",
            hint="install Graphviz, or leave out `--engine system` to use the engine bundled with argmap",
        )
    completed = subprocess.run(
        [program, f"-T{output_format}"], input=dot.encode("utf-8"), capture_output=True, check=False
    )
    messages = _meaningful([completed.stderr.decode("utf-8", "replace")])
    if completed.returncode != 0 or not completed.stdout:
        detail = "; ".join(messages) or f"exit code {completed.returncode}"
        raise RenderError(f"`dot` could not draw the diagram: {detail}")
    return completed.stdout, messages


def _meaningful(said: list[str]) -> tuple[str, ...]:
    lines = (line.rstrip() for chunk in said for line in chunk.splitlines())
    return tuple(line for line in lines if not _NOISE.match(line))


@contextlib.contextmanager
def _captured_stderr(said: list[str]) -> Iterator[None]:
    """Collect what is written to descriptor 2 (from C or Python) into `said`."""
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    python_stderr = io.StringIO()
    with tempfile.TemporaryFile() as sink:
        saved = os.dup(2)
        try:
            os.dup2(sink.fileno(), 2)
            with contextlib.redirect_stderr(python_stderr), warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        sink.seek(0)
        said.append(sink.read().decode("utf-8", "replace"))
    said.append(python_stderr.getvalue())
    said.extend(str(warning.message) for warning in caught)


# --- fonts ---------------------------------------------------------------

NO_FONT_WARNING = (
    "no font found on this machine: the letters of PNG and PDF diagrams come out as empty boxes "
    "(install one, e.g. apt-get install fonts-dejavu-core; SVG diagrams are not affected)"
)


@functools.cache
def fonts_found(engine: str) -> bool | None:
    """Whether the engine's font library finds any font; None when it cannot be asked.

    Without a font, Pango draws every letter as a box and says nothing. Asked
    once per run, and only for PNG and PDF (an SVG names its fonts and lets
    the viewer draw them).
    """
    if engine == "system":
        program = shutil.which("fc-list")
        if program is None:
            return None
        listed = subprocess.run([program, ":", "family"], capture_output=True, check=False)
        return bool(listed.stdout.strip()) if listed.returncode == 0 else None
    return _bundled_fonts_found()


def _bundled_fonts_found() -> bool | None:
    """Ask the fontconfig that the pygraphviz wheel bundles (and Graphviz uses) for its fonts."""
    import ctypes
    from pathlib import Path

    try:
        pygraphviz = _bundled_engine()
    except RenderError:
        return None
    bundled = Path(pygraphviz.__file__).parent.parent / "pygraphviz.libs"
    candidates = sorted(bundled.glob("libfontconfig*.so*"))
    try:
        fontconfig = ctypes.CDLL(str(candidates[0]) if candidates else "libfontconfig.so.1")
    except OSError:
        return None
    fontconfig.FcPatternCreate.restype = ctypes.c_void_p
    fontconfig.FcObjectSetCreate.restype = ctypes.c_void_p
    fontconfig.FcObjectSetAdd.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    fontconfig.FcFontList.restype = ctypes.POINTER(ctypes.c_int)  # FcFontSet starts with its count
    fontconfig.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    for name in ("FcPatternDestroy", "FcObjectSetDestroy", "FcFontSetDestroy"):
        getattr(fontconfig, name).argtypes = [ctypes.c_void_p]
    said: list[str] = []
    with _captured_stderr(said):  # fontconfig complains about the host's configuration on descriptor 2
        pattern = fontconfig.FcPatternCreate()
        objects = fontconfig.FcObjectSetCreate()
        fontconfig.FcObjectSetAdd(objects, b"family")
        found = fontconfig.FcFontList(None, pattern, objects)
        count = found[0] if found else 0
        if found:
            fontconfig.FcFontSetDestroy(ctypes.cast(found, ctypes.c_void_p))
        fontconfig.FcObjectSetDestroy(objects)
        fontconfig.FcPatternDestroy(pattern)
    return count > 0


# --- reproducible PDF ---------------------------------------------------------

_PDF_CREATION_DATE = re.compile(rb"/CreationDate \(D:(\d{14})(Z|[+-]\d\d'\d\d'?)?\)")


def fixed_creation_date(data: bytes) -> bytes:
    """`data` with the creation date that cairo writes (the wall clock) set to
    SOURCE_DATE_EPOCH when it is set, else to the epoch: the same map gives
    the same PDF, byte for byte. The date keeps its length, so the offsets
    of the PDF's cross-reference table stay right."""
    import datetime

    try:
        seconds = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
        moment = datetime.datetime.fromtimestamp(seconds, datetime.UTC)
    except (ValueError, OverflowError, OSError):
        moment = datetime.datetime.fromtimestamp(0, datetime.UTC)
    digits = moment.strftime("%Y%m%d%H%M%S").encode("ascii")
    if len(digits) != 14:  # a year past 9999
        digits = b"19700101000000"

    def replaced(found: re.Match[bytes]) -> bytes:
        zone = found.group(2) or b""
        # The same length: `Z`, or a zero offset written the way cairo wrote its own.
        zone = zone if zone in (b"", b"Z") else b"+00'00" + (b"'" if zone.endswith(b"'") else b"")
        return b"/CreationDate (D:" + digits + zone + b")"

    return _PDF_CREATION_DATE.sub(replaced, data, count=1)


# --- digests in drawings ----------------------------------------------------


def stamp(data: bytes, output_format: str, digest: str) -> bytes:
    """`data` with `digest` embedded where `stamped_digest` finds it."""
    if output_format == "svg":
        root = _SVG_ROOT.search(data)
        if root is None:
            raise RenderError("the engine's SVG has no <svg> element")
        metadata = b'\n<metadata id="argmap-digest">dot-sha256:' + digest.encode("ascii") + b"</metadata>"
        return data[: root.end()] + metadata + data[root.end() :]
    if output_format == "png":
        if not data.startswith(_PNG_SIGNATURE):
            raise RenderError("the engine's PNG is not a PNG")
        # After IHDR, which must come first: signature (8) + length, type, 13 bytes of data, CRC.
        after_header = len(_PNG_SIGNATURE) + 4 + 4 + 13 + 4
        return (
            data[:after_header]
            + _png_chunk(b"tEXt", _PNG_KEYWORD + b"\x00" + digest.encode("ascii"))
            + data[after_header:]
        )
    return data


def _png_chunk(kind: bytes, content: bytes) -> bytes:
    return (
        struct.pack(">I", len(content))
        + kind
        + content
        + struct.pack(">I", zlib.crc32(kind + content) & 0xFFFFFFFF)
    )


def stamped_digest(data: bytes, output_format: str) -> str | None:
    """The digest a drawing was stamped with, or None (not stamped, or not checkable)."""
    if output_format == "svg":
        found = _SVG_DIGEST.search(data)
        return found.group(1).decode("ascii") if found else None
    if output_format == "png":
        return _png_digest(data)
    if output_format == "dot":
        try:
            return dot_digest(data.decode("utf-8"))
        except UnicodeDecodeError:
            return None
    return None


def _png_digest(data: bytes) -> str | None:
    if not data.startswith(_PNG_SIGNATURE):
        return None
    offset = len(_PNG_SIGNATURE)
    while offset + 8 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        content = data[offset + 8 : offset + 8 + length]
        if kind == b"tEXt":
            keyword, _, text = content.partition(b"\x00")
            if keyword == _PNG_KEYWORD and re.fullmatch(rb"[0-9a-f]{64}", text):
                return text.decode("ascii")
        if kind in (b"IDAT", b"IEND"):
            return None
        offset += 12 + length
    return None
