"""The project: the one folder tree a map, its sources and its configuration live in.

argmap reads nothing outside a map's project, so checking a pull request
can never read (or echo a line of) `~/.ssh/id_ed25519` or `/etc/shadow`.
The project root of a folder is, climbing from that folder upwards:

1. the nearest folder holding a `.git` (a repository root), an
   `argmap.toml`, or a `pyproject.toml` with a `[tool.argmap]` table;
   the climb stops at the first of them, so it never passes a repository's
   root and a configuration above a checkout is never read;
2. when the climb finds none: the working folder, if the folder is inside
   it, else the folder itself.

The home folder (`Path.home()`) and the folders above it are never a
project root, even with a `.git` (a dotfiles repository): the climb stops
below them. A folder the climb reached through a symbolic link found below
it is not a root either, so a link in the repository cannot move the
project's boundary to where it points. A map in the home folder itself, or
above it, is in no project (`NoProject`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from argmap.files import UnsafeFile, read_bounded
from argmap.problems import ArgmapError, ConfigError

CONFIG_FILE = "argmap.toml"
PYPROJECT = "pyproject.toml"
REPOSITORY_MARKER = ".git"
# Configuration files are small; this bounds a read before any limit is configured.
MAX_CONFIG_BYTES = 1024 * 1024


class NoProject(ArgmapError):
    """The folder is the home folder, or above it: argmap takes no project there."""


@attrs.frozen
class Project:
    root: Path  # resolved
    # The configuration at the root: an argmap.toml, or a pyproject.toml with [tool.argmap].
    config_file: Path | None = None
    config_table: Mapping[str, Any] | None = attrs.field(default=None, eq=False)

    def contains(self, path: Path) -> bool:
        return contains(self.root, path)


def home_folder() -> Path | None:
    """The user's home folder; tests replace this function."""
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        return None


def lexical_path(path: Path) -> Path:
    """`path` made absolute with `..` removed, links not followed: as it was written."""
    return Path(os.path.normpath(Path(path).absolute()))


def contains(root: Path, path: Path) -> bool:
    """Whether `path` stays inside `root`, both as written (`..`) and with links followed."""
    lexical = lexical_path(path)
    try:
        return lexical.is_relative_to(root) and lexical.resolve().is_relative_to(root)
    except (OSError, RuntimeError, ValueError):
        return False


def project_root(start: Path, *, cwd: Path | None = None) -> Path:
    """The project root of the folder `start` (see the module's docstring)."""
    return find_project(start, cwd=cwd).root


def find_project(start: Path, *, cwd: Path | None = None) -> Project:
    """The project of the folder `start`, with the configuration at its root.

    Raises NoProject for the home folder and above, ConfigError for a
    pyproject.toml on the way that cannot be read.
    """
    home = home_folder()
    folder = lexical_path(start)
    try:
        if folder.exists() and not folder.is_dir():
            folder = folder.parent
        chain = [folder, *folder.parents]
        linked = [index for index, candidate in enumerate(chain) if candidate.is_symlink()]
        # Folders at or below the highest link are seen through it: none of them is a root.
        candidates = chain[max(linked) + 1 :] if linked else chain
        for candidate in candidates:
            real = candidate.resolve()
            if _is_barrier(real, home):
                break
            found = _marked_project(candidate, real)
            if found is not None:
                return found
        working = lexical_path(cwd if cwd is not None else Path.cwd())
        if folder.is_relative_to(working) and not _is_barrier(working.resolve(), home):
            return Project(working.resolve())
        real_folder = folder.resolve()
    except (OSError, RuntimeError, ValueError) as error:
        raise ArgmapError(f"{start}: cannot find the project of this path ({_reason(error)})") from None
    if _is_barrier(real_folder, home):
        raise NoProject(
            f"{folder}: the home folder, or a folder above it, is no project: argmap reads nothing there",
            hint=(
                "keep maps and their sources in a folder of their own: "
                "a git repository, or a folder with an argmap.toml"
            ),
        )
    return Project(real_folder)


def can_be_root(folder: Path) -> bool:
    """Whether `folder` may be a project's root: not the filesystem root,
    not the home folder nor a folder above it."""
    try:
        return not _is_barrier(folder.resolve(), home_folder())
    except (OSError, RuntimeError):
        return False


def is_marked(project: Project) -> bool:
    """Whether the project's root is marked (argmap.toml, [tool.argmap], .git)
    rather than taken from the working folder for want of a mark."""
    return project.config_file is not None or os.path.lexists(project.root / REPOSITORY_MARKER)


def _is_barrier(real: Path, home: Path | None) -> bool:
    if real.parent == real:  # the filesystem root
        return True
    return home is not None and home.is_relative_to(real)


def _is_file_like(path: Path) -> bool:
    # A pipe or device named argmap.toml is a configuration that cannot be
    # read (an error), not a configuration that is absent (silently skipped).
    return path.exists() and not path.is_dir()


def _marked_project(candidate: Path, real: Path) -> Project | None:
    argmap_toml = candidate / CONFIG_FILE
    if _is_file_like(argmap_toml):
        return Project(real, real / CONFIG_FILE, argmap_toml_table(argmap_toml, read_toml(argmap_toml)))
    pyproject = candidate / PYPROJECT
    if _is_file_like(pyproject):
        table = argmap_table(pyproject, read_toml(pyproject))
        if table is not None:
            return Project(real, real / PYPROJECT, table)
    if os.path.lexists(candidate / REPOSITORY_MARKER):
        return Project(real)
    return None


def argmap_table(pyproject: Path, document: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The `[tool.argmap]` table of a pyproject.toml, None when it has none."""
    tool = document.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f"{pyproject}: `tool` must be a table")
    table = tool.get("argmap")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.argmap] must be a table")
    return table


def argmap_toml_table(path: Path, document: Mapping[str, Any]) -> Mapping[str, Any]:
    """The settings of an argmap.toml: its top level, or its `[tool.argmap]`
    table (as in a pyproject.toml, so that block can be copied as it is), not both."""
    tool = document.get("tool")
    if tool is None:
        return document
    table = argmap_table(path, document)
    others = [key for key in document if key != "tool"]
    if table is None or others or set(tool) != {"argmap"}:
        raise ConfigError(
            f"{path}: write the settings at the top level or under [tool.argmap], not both"
            if table is not None
            else f"{path}: unknown table [tool]",
            hint="in argmap.toml the keys may stand at the top level (`ignore = [...]`) "
            "or under [tool.argmap], as in pyproject.toml",
        )
    return table


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file, read bounded; ConfigError naming the file when it is not one."""
    try:
        raw = read_bounded(path, MAX_CONFIG_BYTES)
    except UnsafeFile as error:
        raise ConfigError(f"{path}: cannot read: {error.reason}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({_reason(error)})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ConfigError(f"{path}: not UTF-8 text (the first bad byte is on line {line})") from None
    import tomllib  # here: a folder without argmap.toml never needs it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
