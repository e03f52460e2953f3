"""Which files git does not track yet: what a pre-commit hook that writes
files must name, because pre-commit notices only changes to tracked files
and would let a commit land without a diagram it has just drawn."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from argmap.problems import ArgmapError


def untracked(files: Sequence[str], cwd: Path | None = None) -> list[str]:
    """The `files` (paths from `cwd`) that git does not track, in their order.

    Raises ArgmapError when git is not installed or `cwd` is not in a git
    repository: the caller asked to compare with git, and cannot be told
    "all tracked" when nobody could say.
    """
    if not files:
        return []
    git = shutil.which("git")
    if git is None:
        raise ArgmapError("git is not installed: cannot tell which diagrams are tracked")
    try:
        completed = subprocess.run(
            [git, "ls-files", "-z", "--", *files],
            cwd=cwd,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ArgmapError(f"git could not list the tracked files ({error})") from None
    if completed.returncode != 0:
        first = completed.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise ArgmapError(
            "not in a git repository: cannot tell which diagrams are tracked"
            + (f" ({first[0]})" if first else ""),
            hint="leave out --fail-on-untracked outside a repository",
        )
    # git prints the paths from the working folder, as they are given here.
    tracked = {Path(name) for name in completed.stdout.decode("utf-8", "replace").split("\0") if name}
    base = (cwd or Path.cwd()).resolve()
    return [name for name in files if _from(base, Path(name)) not in tracked]


def _from(base: Path, path: Path) -> Path:
    if not path.is_absolute():
        return path
    try:
        return path.relative_to(base)
    except ValueError:
        return path
