"""`argmap watch`: check (and re-render) maps each time one is saved.

`watch_maps` is an iterator of `WatchUpdate`s: one for the first check, then
one each time a map, or the source document of one, changes on disk. Each
update holds every problem found now, and which appeared and which were
fixed since the update before, so a terminal can print only what changed.
Problems are matched by file, code, node and message, not by line, so a
problem that only moved (a line inserted above it) is neither new nor fixed.

Changes are gathered for a short while (`debounce_ms`) before the maps are
checked again: an editor's save, which may write a temporary file, rename it
and touch the folder, gives one update. Files the maps do not depend on
(the diagrams that rendering writes, editors' swap files) never trigger one,
so rendering cannot set off an endless loop.

The file watching is watchfiles' (Rust notify: inotify, FSEvents or
ReadDirectoryChangesW), imported only here. The library prints nothing: the
CLI prints the updates; a `threading.Event` passed as `stop` ends the
iteration, and so does Ctrl-C (as KeyboardInterrupt, for the caller).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap.problems import ArgmapError, Problem

if TYPE_CHECKING:
    from argmap.config import Config
    from argmap.lint.runner import CheckResult

MAP_SUFFIXES = (".yaml", ".yml")
DEFAULT_DEBOUNCE_MS = 300
# How often the watcher wakes to look at `stop` when nothing changes.
_WAKE_MS = 200

# Renders the maps under the given paths; returns a line to show, or None.
Renderer = Callable[[Sequence[Path]], "str | None"]
Checker = Callable[[Sequence[Path]], "CheckResult"]


@attrs.frozen
class WatchUpdate:
    """The maps as they are after one round of checking."""

    # The files whose change started this round, as shown to the user; empty for the first round.
    changed: tuple[str, ...]
    problems: tuple[Problem, ...]
    appeared: tuple[Problem, ...]
    fixed: tuple[Problem, ...]
    files_checked: int
    # Why the maps could not be checked this round (a file deleted, a bad configuration).
    failure: ArgmapError | None = None
    # What the renderer said, when there is one.
    rendered: str | None = None

    @property
    def first(self) -> bool:
        return not self.changed


def problem_identity(problem: Problem) -> tuple[str, str, str | None, str]:
    """What makes a problem the same one after an edit: not its line."""
    return (problem.file, problem.code, problem.node, problem.message)


def compare(
    before: Sequence[Problem], after: Sequence[Problem]
) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
    """(appeared, fixed) between two lists of problems."""
    known = {problem_identity(problem) for problem in before}
    now = {problem_identity(problem) for problem in after}
    appeared = tuple(problem for problem in after if problem_identity(problem) not in known)
    fixed = tuple(problem for problem in before if problem_identity(problem) not in now)
    return appeared, fixed


def watch_maps(
    paths: Sequence[Path],
    config: Config,
    *,
    render: Renderer | None = None,
    check: Checker | None = None,
    debounce_ms: int = DEFAULT_DEBOUNCE_MS,
    stop: threading.Event | None = None,
    cwd: Path | None = None,
) -> Iterator[WatchUpdate]:
    """Check the maps under `paths` now, then again after each change.

    The first check runs before the watching starts (it finds the source
    documents to watch too), and the watching starts before the first update
    is yielded, so whatever is saved after that is seen. The folders watched
    are settled then: a source in a folder not watched yet, named after the
    start, is seen after a restart. Ends when `stop` is set; Ctrl-C raises
    KeyboardInterrupt.
    """
    import watchfiles

    if check is None:
        from argmap.lint.runner import check_paths

        def check(targets: Sequence[Path]) -> CheckResult:
            return check_paths(targets, config, cwd)

    state = _Watched(paths)
    first = _round(paths, (), (), check, render, state, cwd)
    default_filter = watchfiles.DefaultFilter()

    def wanted(change: watchfiles.Change, path: str) -> bool:
        return bool(default_filter(change, path)) and state.relevant(Path(path))

    changes_seen = watchfiles.watch(
        *state.roots(),
        watch_filter=wanted,
        debounce=max(debounce_ms, 1),
        step=min(50, max(debounce_ms, 1)),
        stop_event=stop,
        rust_timeout=_WAKE_MS,
        yield_on_timeout=True,
        raise_interrupt=True,
    )
    pending: set[str] = set()
    # The first step starts the watcher, before anyone sees the first update:
    # whatever is saved after it is seen.
    for changes in changes_seen:
        pending.update(path for _, path in changes)
        break
    else:
        return
    previous = first.problems
    yield first
    for changes in changes_seen:
        pending.update(path for _, path in changes)
        if not pending:
            continue  # a wake-up with nothing changed
        changed = tuple(sorted(_shown(Path(path), cwd) for path in pending))
        pending.clear()
        update = _round(paths, changed, previous, check, render, state, cwd)
        if update.failure is None:
            previous = update.problems
        yield update


def _round(
    paths: Sequence[Path],
    changed: tuple[str, ...],
    previous: tuple[Problem, ...],
    check: Checker,
    render: Renderer | None,
    state: _Watched,
    cwd: Path | None,
) -> WatchUpdate:
    try:
        result = check(paths)
    except ArgmapError as error:
        return WatchUpdate(changed, previous, (), (), 0, failure=error)
    state.learn(result)
    problems = result.problems
    appeared, fixed = compare(previous, problems) if changed else (problems, ())
    rendered = None
    if render is not None:
        try:
            rendered = render(paths)
        except ArgmapError as error:
            rendered = f"not rendered: {error.message}"
    return WatchUpdate(changed, problems, appeared, fixed, len(result.workspace.files), rendered=rendered)


class _Watched:
    """Which folders to watch and which files in them matter."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.folders: list[Path] = []  # searched for maps: any map below counts
        self.files: set[Path] = set()  # named maps, and the sources of the maps
        for path in paths:
            resolved = path.resolve()
            if path.is_dir():
                self.folders.append(resolved)
            else:
                self.files.add(resolved)

    def roots(self) -> list[Path]:
        # A named file's folder, not the file: editors that save by renaming a
        # new file over the old one would end a watch on the file itself.
        roots = {*self.folders, *(file.parent for file in self.files)}
        roots = {root if root.is_dir() else root.parent for root in roots}
        existing = sorted(root for root in roots if root.is_dir())
        # Drop folders inside others, which are watched recursively anyway.
        return [
            root
            for root in existing
            if not any(other != root and other in root.parents for other in existing)
        ]

    def learn(self, result: CheckResult) -> None:
        """Remember the source documents of the maps just checked."""
        for argmap in result.workspace.requested:
            if argmap.source is None or argmap.source.file is None or argmap.path is None:
                continue
            self.files.add((argmap.path.parent / argmap.source.file).resolve())

    def relevant(self, path: Path) -> bool:
        path = path.resolve()
        if path in self.files:
            return True
        return path.suffix in MAP_SUFFIXES and any(
            folder == path.parent or folder in path.parents for folder in self.folders
        )


def diagram_renderer(config: Config, cwd: Path | None = None) -> Renderer:
    """A renderer that draws the maps as `argmap render PATHS` does (SVG
    beside each map, redrawn only when out of date), in this process, and
    says what it did as the command's last line does."""

    def render(paths: Sequence[Path]) -> str | None:
        from argmap.diagram.batch import render_paths

        result, outcome = render_paths(paths, config, cwd=cwd)
        return f"argmap: {outcome.summary(result)}"

    return render


def _shown(path: Path, cwd: Path | None) -> str:
    from argmap.input.workspace import display_name

    return display_name(path, cwd)
