"""argmap: argument maps in YAML, checked for gaps, grounded in their
sources and rendered as diagrams.

The library never prints and never exits: it returns values (problems,
graphs, diagrams) or raises `ArgmapError`. The `argmap` command is a thin
skin over it. The functions here are the public API, one per thing the
command does, each over the same library the command runs:

    import argmap

    result = argmap.check(["maps"])            # every map under maps/, its problems
    for problem in result.problems:
        print(problem.file, problem.line, problem.code, problem.message)
    statuses = argmap.evaluate("maps/ft-lose-or-win.yaml")   # {"map#node": Status.IN, ...}
    svg = argmap.render("maps/ft-lose-or-win.yaml")          # bytes
    document = argmap.export("maps/ft-lose-or-win.yaml")     # the JSON export, as data
    page = argmap.html_report("maps/ft-lose-or-win.yaml")    # one HTML file, as text

Each stage is imported when its function is first called, so importing
`argmap` costs nothing (`argmap --version` and `argmap check` start from
here too).
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: typing is not needed at run time (start-up).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from os import PathLike
    from pathlib import Path
    from typing import Any

    from argmap.analysis.evaluate import Status
    from argmap.config import Config
    from argmap.diagram.dot import RenderOptions
    from argmap.input.model import ArgMap
    from argmap.lint.runner import CheckResult

    PathArgument = str | PathLike[str]

__version__ = "0.1.0"

__all__ = [
    "ArgmapError",
    "Config",
    "Problem",
    "Severity",
    "Status",
    "__version__",
    "check",
    "evaluate",
    "export",
    "html_report",
    "load",
    "render",
]

# Names re-exported from their stage, imported on first use (PEP 562).
_LAZY_NAMES = {
    "ArgmapError": "argmap.problems",
    "Problem": "argmap.problems",
    "Severity": "argmap.problems",
    "Config": "argmap.config",
    "Status": "argmap.analysis.evaluate",
}


def __getattr__(name: str) -> object:
    if name in _LAZY_NAMES:
        import importlib

        return getattr(importlib.import_module(_LAZY_NAMES[name]), name)
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")


def check(
    paths: Sequence[PathArgument], config: Config | None = None, *, cwd: PathArgument | None = None
) -> CheckResult:
    """Check the maps at `paths` (map files, or folders searched for maps) as
    `argmap check` does: `.problems` holds every problem, sorted;
    `.workspace.requested` the maps loaded; `.failed()` whether any is an error."""
    from pathlib import Path

    from argmap.config import Config
    from argmap.lint.runner import check_paths

    return check_paths([Path(path) for path in paths], config or Config(), None if cwd is None else Path(cwd))


def load(path: PathArgument, config: Config | None = None) -> ArgMap:
    """The model of the one map at `path`; `ArgmapError` when it cannot be
    loaded, with its first problem as the message (`check` gives them all)."""
    return _checked_map(path, config)[1]


def evaluate(path: PathArgument, config: Config | None = None) -> dict[str, Status]:
    """The status of every node of the map at `path` and of the nodes of other
    maps it refers to, by key (`map-id#node-id`), under grounded semantics."""
    from argmap.analysis.evaluate import evaluation_for

    result, argmap = _checked_map(path, config)
    return dict(sorted(evaluation_for(result.run.context(argmap)).statuses.items()))


def render(
    path: PathArgument,
    output_format: str = "svg",
    options: RenderOptions | None = None,
    config: Config | None = None,
) -> bytes:
    """The diagram of the map at `path` (svg, png, pdf or dot), as `argmap render
    MAP -o -` draws it: the whole map in one picture, in the direction that fits
    best (a map too wide for one picture is split only into files, by `render`)."""
    from argmap.diagram.dot import RenderOptions
    from argmap.diagram.draw import draw
    from argmap.diagram.layout import plan_diagrams

    result, argmap = _checked_map(path, config)
    problems = [problem for problem in result.problems if problem.file == argmap.file]
    planned = plan_diagrams(result.run.context(argmap), problems, options or RenderOptions(), one_file=True)
    return draw(planned[0].dot, output_format).data


def export(path: PathArgument, config: Config | None = None) -> dict[str, Any]:
    """The map at `path` as `argmap export` writes it (schemas/argmap-export.schema.json)."""
    from argmap.output.checked_export import export_data

    return export_data(*_checked_map(path, config))


def html_report(path: PathArgument, config: Config | None = None) -> str:
    """The HTML report of the map at `path`, as the text of one self-contained file.

    (Not `argmap.report`: that name is the report stage's package, which
    Python sets on `argmap` once any of its modules is imported.)"""
    from argmap.report.html import report_html

    result, argmap = _checked_map(path, config)
    return report_html(result.run.context(argmap), result.problems)


def _checked_map(path: PathArgument, config: Config | None) -> tuple[CheckResult, ArgMap]:
    from pathlib import Path

    from argmap.problems import ArgmapError

    wanted = Path(path)
    result = check([wanted], config)
    for argmap in result.workspace.requested:
        if argmap.path is not None and _same_file(argmap.path, wanted):
            return result, argmap
    first = next((problem for problem in result.problems), None)
    if first is None:
        raise ArgmapError(f"{wanted}: not a map", hint="a map is a YAML file that starts with `argmap: 1`")
    raise ArgmapError(
        f"{first.file}:{first.line}:{first.column}: {first.code} {first.message}", hint=first.hint
    )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False
