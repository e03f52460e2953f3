"""Check many maps on several cores, with the same result as one process.

`check_paths_parallel(paths, config, jobs)` returns what
`argmap.lint.runner.check_paths(paths, config)` returns: the same `CheckResult`,
the same problems in the same order. It pays when a run holds many maps:
the rules (grounding above all: each map's source is read and indexed) cost
about three times what loading costs, and each map's rules depend only on
the corpus, not on the other maps' results.

How, in two rounds. Loading: the files found are dealt out round-robin to
`jobs` processes, this one included; each reads, validates and models its
share and sends back the maps and their problems, which this process puts
back in the files' order (loading was a third of a run when it stayed
here). Analysing: rules need the whole corpus (a ref into another map, two
maps declaring one id), so this process builds it, and the maps are dealt
out again; each process analyses its share against the full corpus and
sends back its problems, which are merged and sorted as `check_paths`
sorts them. On POSIX the helpers are forked, so that the analysing ones
inherit the corpus instead of reading it again; where fork is not
available or not safe (Windows, macOS' default, a process that runs
threads) the maps are loaded here and the analysing helpers are spawned
and load the workspace themselves, which costs the loading once more per
helper. A helper that fails has its share done here instead, so the
result is whole.

Below `PARALLEL_MIN_MAPS` maps, or with `jobs=1`, everything runs here:
starting a process costs more than it saves on a few maps.

The CLI calls it as `argmap check --jobs N` (`-j N`; `-j 0` or no option:
one job per available core that other programs leave idle (`default_jobs`),
used from `PARALLEL_MIN_MAPS` (20) maps on), with `within_idle_cores`: `-j N`
then starts no more processes than there are idle cores, since a helper on
a busy core makes the whole run wait for its share.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.analysis.context import Run
from argmap.config import Config
from argmap.input.model import ArgMap
from argmap.input.workspace import LoadedMap, Workspace, load_files, load_workspace
from argmap.lint.runner import CheckResult, adjust, analyse_map, collector_paused
from argmap.problems import Problem, sort_problems

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

# Measured on the 2-core machine (folders of maps of ~30 nodes written by
# bench/generate.py, one process against two): 10 maps 1.13x faster, 20 maps
# 1.23x, 50 maps 1.32x, 100 maps 1.56x, 1,000 maps 1.37x. Below 20 the gain
# is a few milliseconds and within the noise, so one process is kept.
PARALLEL_MIN_MAPS = 20

# What a forked helper inherits: set just before forking, cleared after.
_inherited: tuple[Workspace, Config, Path | None] | None = None


def available_cores() -> int:
    """The cores this process may run on (CPU affinity, not the machine's total)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def default_jobs() -> int:
    """Processes for `-j 0` (the default): the available cores that other
    programs leave idle, by the one-minute load average, and at least one.

    A helper on a core that another program holds makes the whole check
    wait for its share: with two cores and one of them busy, two processes
    are slower than one."""
    cores = available_cores()
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average (Windows)
        return cores
    return max(1, min(cores, int(cores - load + 0.5)))


def check_paths_parallel(
    paths: Sequence[Path],
    config: Config,
    jobs: int | None = None,
    cwd: Path | None = None,
    *,
    maps_only: bool = False,
    min_maps: int = PARALLEL_MIN_MAPS,
    within_idle_cores: bool = False,
) -> CheckResult:
    """`check_paths` on up to `jobs` processes (None or 0: one per idle core,
    `default_jobs`); `within_idle_cores`: never more than `default_jobs()`.

    Raises ArgmapError exactly when `check_paths` does (loading that fails
    in a helper is done again here, where it raises).
    """
    jobs = default_jobs() if not jobs or jobs < 0 else jobs
    if within_idle_cores:
        jobs = min(jobs, default_jobs())
    load_many = None if jobs <= 1 else functools.partial(_load_in_parallel, jobs=jobs, min_maps=min_maps)
    # As check_paths does: no cyclic garbage collection while the data is built
    # (forked helpers inherit the pause, so they do not walk, and copy, the
    # heap they share with this process either).
    with collector_paused():
        workspace = load_workspace(paths, config, cwd, maps_only=maps_only, load_many=load_many)
        run = Run(workspace.corpus, config, cwd)
        maps = workspace.requested
        jobs = min(jobs, len(maps))
        problems = list(adjust(workspace.problems, config))
        if jobs <= 1 or len(maps) < min_maps:
            problems.extend(_analyse_share(maps, run, config))
        else:
            problems.extend(_analyse_in_parallel(paths, workspace, run, config, cwd, maps_only, jobs))
        return CheckResult(workspace=workspace, run=run, problems=tuple(sort_problems(problems)))


def _share(maps: Sequence[ArgMap], index: int, jobs: int) -> Sequence[ArgMap]:
    # Round-robin, so that a folder of big maps followed by small ones splits evenly.
    return maps[index::jobs]


def _load_in_parallel(
    files: Sequence[Path], names: Sequence[str], config: Config, *, jobs: int, min_maps: int
) -> list[LoadedMap]:
    """`load_files(files, names, config)`, the files shared out to forked helpers."""
    fork = _fork_context()
    jobs = min(jobs, len(files))
    if fork is None or jobs <= 1 or len(files) < min_maps:
        return load_files(files, names, config)
    helpers: list[tuple[int, Any, Connection]] = []
    try:
        for index in range(1, jobs):
            receiver, sender = fork.Pipe(duplex=False)
            share = (files[index::jobs], names[index::jobs])
            process = fork.Process(target=_loading_helper, args=(sender, *share, config), daemon=True)
            process.start()
            sender.close()  # the helper holds the only writing end now
            helpers.append((index, process, receiver))
        loaded: list[LoadedMap | None] = [None] * len(files)
        loaded[0::jobs] = load_files(files[0::jobs], names[0::jobs], config)
        whole = True
        for index, process, receiver in helpers:
            outcome = _receive(receiver)
            process.join()
            if outcome is None:
                whole = False
            else:
                loaded[index::jobs] = outcome
    finally:
        for _index, process, receiver in helpers:
            receiver.close()
            if process.is_alive():
                process.terminate()
                process.join()
    if not whole:
        # A helper failed (its file may raise, as a run in one process would,
        # and at the same file): load every file here, in order.
        return load_files(files, names, config)
    return [item for item in loaded if item is not None]


def _loading_helper(sender: Connection, files: Sequence[Path], names: Sequence[str], config: Config) -> None:
    try:
        sender.send(("ok", load_files(files, names, config)))
    except BaseException as error:  # reported to the parent, which loads every file itself
        sender.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        sender.close()


def _analyse_share(maps: Sequence[ArgMap], run: Run, config: Config) -> list[Problem]:
    problems: list[Problem] = []
    for argmap in maps:
        problems.extend(analyse_map(argmap, run, config))
    return problems


def _analyse_in_parallel(
    paths: Sequence[Path],
    workspace: Workspace,
    run: Run,
    config: Config,
    cwd: Path | None,
    maps_only: bool,
    jobs: int,
) -> list[Problem]:
    import multiprocessing  # here, not at the top: a small check never needs it

    global _inherited
    fork = _fork_context()
    context = fork or multiprocessing.get_context("spawn")
    helpers: list[tuple[int, Any, Connection]] = []
    _inherited = (workspace, config, cwd)
    try:
        for index in range(1, jobs):
            receiver, sender = context.Pipe(duplex=False)
            if fork is not None:
                process = context.Process(target=_forked_helper, args=(sender, index, jobs), daemon=True)
            else:
                arguments = (sender, [str(path) for path in paths], config, cwd, maps_only, index, jobs)
                process = context.Process(target=_spawned_helper, args=arguments, daemon=True)
            process.start()
            sender.close()  # the helper holds the only writing end now
            helpers.append((index, process, receiver))
    finally:
        _inherited = None
    problems = _analyse_share(_share(workspace.requested, 0, jobs), run, config)
    for index, process, receiver in helpers:
        outcome = _receive(receiver)
        process.join()
        if outcome is None:
            # The helper died or failed: do its share here, so the result is whole.
            outcome = _analyse_share(_share(workspace.requested, index, jobs), run, config)
        problems.extend(outcome)
    return problems


def _receive(receiver: Connection) -> list[Any] | None:
    try:
        status, payload = receiver.recv()
    except (EOFError, OSError):
        return None
    finally:
        receiver.close()
    if status != "ok":
        return None
    result: list[Any] = payload
    return result


def _fork_context() -> Any:
    """The fork start method when it is available and safe here, else None."""
    if sys.platform == "win32" or sys.platform == "darwin":
        return None  # no fork on Windows; on macOS fork is unsafe with system libraries
    if threading.active_count() > 1:
        return None  # forking a threaded process can deadlock the child
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        return None


def _forked_helper(sender: Connection, index: int, jobs: int) -> None:
    try:
        assert _inherited is not None
        workspace, config, cwd = _inherited
        run = Run(workspace.corpus, config, cwd)
        sender.send(("ok", _analyse_share(_share(workspace.requested, index, jobs), run, config)))
    except BaseException as error:  # reported to the parent, which redoes the share
        sender.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        sender.close()


def _spawned_helper(
    sender: Connection,
    paths: list[str],
    config: Config,
    cwd: Path | None,
    maps_only: bool,
    index: int,
    jobs: int,
) -> None:
    try:
        workspace = load_workspace([Path(path) for path in paths], config, cwd, maps_only=maps_only)
        run = Run(workspace.corpus, config, cwd)
        sender.send(("ok", _analyse_share(_share(workspace.requested, index, jobs), run, config)))
    except BaseException as error:
        sender.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        sender.close()
