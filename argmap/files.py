"""Writing files so that a failed or interrupted run never leaves a
truncated file or destroys the previous version."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from argmap.problems import ArgmapError


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`."""
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
