"""Run the rules over the requested maps and settle what to report.

Rules yield problems at their default severity; here the configuration
selects and re-grades them, and `ignore: {CODE: reason}` on a node or map
silences a code for that node only. An ignore that silenced nothing is
itself reported, so stale suppressions do not pile up.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

import attrs

from argmap.analysis.context import Run
from argmap.config import Config, Option
from argmap.input.model import ArgMap, Suppression, node_key
from argmap.input.workspace import MapCache, Workspace, load_workspace
from argmap.memory import collector_paused as collector_paused  # used here and by lint.parallel
from argmap.problems import Problem, Severity, sort_problems
from argmap.rules import RULES, Rule
from argmap.rules.catalogue import UNKNOWN_IGNORE, UNUSED_IGNORE


@attrs.frozen
class CheckResult:
    workspace: Workspace
    run: Run
    problems: tuple[Problem, ...]

    @property
    def error_count(self) -> int:
        return sum(1 for problem in self.problems if problem.severity is Severity.ERROR)

    def failed(self, strict: bool = False) -> bool:
        threshold = Severity.WARNING if strict else Severity.ERROR
        return any(problem.severity >= threshold for problem in self.problems)


def check_paths(
    paths: Sequence[Path],
    config: Config,
    cwd: Path | None = None,
    *,
    maps_only: bool = False,
    buffers: Mapping[Path, bytes] | None = None,
    cache: MapCache | None = None,
) -> CheckResult:
    """load → validate → model → analyse, for the maps under `paths`
    (`buffers`, by resolved path, stand in for files' bytes: unsaved editor text;
    `cache` keeps the maps built, for a caller that checks the same files again)."""
    with collector_paused():
        workspace = load_workspace(paths, config, cwd, maps_only=maps_only, buffers=buffers, cache=cache)
        run = Run(workspace.corpus, config, cwd)
        problems = list(adjust(workspace.problems, config))
        for argmap in workspace.requested:
            problems.extend(analyse_map(argmap, run, config))
        return CheckResult(workspace=workspace, run=run, problems=tuple(sort_problems(problems)))


@attrs.frozen
class OneMap:
    """One map file checked on its own: what `show`, `export` and `coverage` work from."""

    result: CheckResult
    # None when the file could not be read as a map; `result.problems` say why.
    argmap: ArgMap | None

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The problems of this map's own file."""
        if self.argmap is None:
            return self.result.problems
        return tuple(problem for problem in self.result.problems if problem.file == self.argmap.file)


def check_one_map(path: Path, config: Config, *, command: str, cwd: Path | None = None) -> OneMap:
    """Check the one map at `path` for `command`, which takes a file: a folder
    is a UsageError naming the command."""
    from argmap.problems import UsageError

    if path.is_dir():
        raise UsageError(f"{path}: {command} takes one map file, not a folder")
    result = check_paths([path], config, cwd)
    requested = result.workspace.requested
    return OneMap(result, requested[0] if requested else None)


def enabled_rules(config: Config, rules: Iterable[Rule] = RULES) -> list[Rule]:
    return [rule for rule in rules if config.enabled(rule.code)]


def analyse_map(argmap: ArgMap, run: Run, config: Config) -> list[Problem]:
    from argmap.analysis.evaluate import provide_documents
    from argmap.grounding.said import said_by_documents

    provide_documents(run, said_by_documents)
    context = run.context(argmap)
    found: list[Problem] = []
    for rule in enabled_rules(config):
        if not (argmap.partial and rule.reads_statuses):
            found.extend(rule.check(context, config))
    if argmap.incomplete_ids:
        # A node that lost a child to a schema error (`argmap.input.salvage`):
        # what the analysis (A) rules say of it is about that hole.
        holes = {node_key(argmap.id, node_id) for node_id in argmap.incomplete_ids}
        found = [problem for problem in found if not (problem.code[0] == "A" and problem.node in holes)]
    # Suppress first (by code), then select and re-grade, so that the
    # problems about suppressions themselves follow the configuration too.
    return list(adjust(apply_suppressions(argmap, found, config), config))


def adjust(problems: Iterable[Problem], config: Config) -> Iterable[Problem]:
    for problem in problems:
        if not config.enabled(problem.code):
            continue
        severity = config.severity_of(problem.code, problem.severity)
        yield problem if severity is problem.severity else problem.with_severity(severity)


@functools.cache
def known_codes() -> Mapping[str, tuple[Option, ...]]:
    """Every code argmap knows, each with its rule's declared options: what the configuration is
    checked against."""
    from argmap.rules.catalogue import all_codes

    return MappingProxyType({info.code: info.options for info in all_codes()})


def apply_suppressions(argmap: ArgMap, problems: list[Problem], config: Config) -> list[Problem]:
    suppressions: dict[str | None, tuple[Suppression, ...]] = {None: argmap.suppressions}
    for node in argmap.nodes:
        if node.suppressions:
            suppressions[node.key] = node.suppressions
    for reference in argmap.references:
        if reference.suppressions:
            suppressions[reference.target] = suppressions.get(reference.target, ()) + reference.suppressions
    if not any(suppressions.values()):
        return problems
    used: set[tuple[str | None, str]] = set()
    kept: list[Problem] = []
    for problem in problems:
        silenced = False
        for owner in (problem.node, None):
            if owner not in suppressions:
                continue
            if any(item.code == problem.code for item in suppressions[owner]) and (
                owner is not None or problem.file == argmap.file
            ):
                used.add((owner, problem.code))
                silenced = True
                break
        if not silenced:
            kept.append(problem)
    codes = known_codes()
    for owner, items in suppressions.items():
        for item in items:
            if item.code not in codes:
                kept.append(
                    Problem.at(
                        UNKNOWN_IGNORE,
                        Severity.WARNING,
                        item.location,
                        f"`ignore` names `{item.code}`, which is not a rule code",
                        "`argmap rules` lists the codes",
                        node=owner,
                    )
                )
            elif (owner, item.code) not in used and config.enabled(item.code):
                kept.append(
                    Problem.at(
                        UNUSED_IGNORE,
                        Severity.WARNING,
                        item.location,
                        f"`ignore` of {item.code} silences nothing here",
                        "the problem it silenced is gone: remove the ignore",
                        node=owner,
                    )
                )
    return kept
