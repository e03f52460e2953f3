"""Writing files so that a failed or interrupted run never leaves a
truncated file or destroys the previous version; reading them so that a
pipe, a device or a huge file cannot hang the run or exhaust memory."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import attrs

from argmap.problems import ArgmapError

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
DEFAULT_MAX_DEPTH = 200


@attrs.frozen
class Limits:
    """Limits that keep a hostile or mistaken file from exhausting the machine."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`."""
    import tempfile  # here: `argmap check` writes nothing and starts without it

    folder = path.parent if str(path.parent) else Path()
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                temporary.chmod(path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            temporary.chmod(0o666 & ~umask)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


# -- reading ------------------------------------------------------------------------


class UnsafeFile(Exception):
    """A file argmap will not read: not a regular file, or over the limit."""

    def __init__(self, reason: str, *, too_large: bool = False, size: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.too_large = too_large
        # How many bytes the file holds (or at least holds) when it is too large.
        self.size = size


def read_bounded(path: Path, max_bytes: int, *, prefix: bool = False) -> bytes:
    """The bytes of the regular file `path`, at most `max_bytes` of them.

    A file over `max_bytes` raises UnsafeFile (its `size` said), or with
    `prefix` gives its first `max_bytes`. Everything else is as for
    `open_regular`.
    """
    with open_regular(path, max_bytes, prefix=prefix) as handle:
        # One byte past the limit: sizes in /proc and the like are not to be trusted.
        data = handle.read(max_bytes if prefix else max_bytes + 1)
    if len(data) > max_bytes:
        raise UnsafeFile(f"over the limit of {max_bytes} bytes", too_large=True, size=len(data))
    return data


@contextlib.contextmanager
def open_regular(path: Path, max_bytes: int, *, prefix: bool = False) -> Iterator[BinaryIO]:
    """The regular file `path`, open for reading in binary, for readers that stream it.

    A named pipe would block the run forever and a device such as /dev/zero
    would feed it without end, so only regular files are opened: judged by
    `os.stat` before the open, and again by `fstat` on what was opened
    (without blocking), in case the file was swapped in between. A file over
    `max_bytes` raises UnsafeFile unless `prefix` (the caller then reads at
    most `max_bytes` of it). Other failures are OSError, as from `open`.
    """
    _judge(path.stat(), max_bytes, prefix)
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    )
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        _judge(os.fstat(handle.fileno()), max_bytes, prefix)
        yield handle


def _judge(info: os.stat_result, max_bytes: int, prefix: bool) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFile("not a regular file (a pipe, a device or a socket)")
    if not prefix and info.st_size > max_bytes:
        raise UnsafeFile(f"over the limit of {max_bytes} bytes", too_large=True, size=info.st_size)


class OutputError(ArgmapError):
    """An output file (a diagram, an export, a report) could not be written."""


def write_output(path: Path, data: bytes, shown: str | None = None) -> None:
    """Write an output file atomically, creating its folder first.

    Raises OutputError, one line naming the file and the reason, when it
    cannot (a folder in the way, no permission, a full disk, a read-only
    file system): the previous version of the file is then untouched.
    """
    name = shown or str(path)
    if path.is_dir():
        raise OutputError(f"cannot write {name}: it is a folder", hint="name a file to write")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except OSError as error:
        raise OutputError(f"cannot write {name}: {error.strerror or error}") from None


def package_text(*parts: str) -> str:
    """A data file of the argmap package (`package_text("data", "schemes.yaml")`), as text.

    Read beside this module rather than through `importlib.resources`, whose
    readers (with `zipfile`) cost `argmap check` more to import than reading
    the file: argmap is installed as files, never run from a zip archive."""
    return Path(__file__).parent.joinpath(*parts).read_text(encoding="utf-8")
