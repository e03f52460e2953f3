"""Two map files checked together declare the same map `id`.

Other maps refer to nodes as `map-id#node-id`: with two maps of one id, such
a reference could mean either. Give each map its own id.

Fails: `maps/a.yaml` and `maps/b.yaml` both say `id: ft-lose-or-win`.

Passes: `maps/b.yaml` says `id: ft-lose-or-win-2023`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.input.model import ArgMap
from argmap.problems import Problem, Severity

CODE = "M305"
NAME = "duplicate-map-id"
SEVERITY = Severity.ERROR


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    files = context.run.memo(
        "argmap.rules.m305_duplicate_map_id", lambda: _files_by_map_id(context.corpus.maps)
    )
    others = sorted(file for file in files.get(argmap.id, ()) if file != argmap.file)
    if others:
        yield Problem.at(
            CODE,
            SEVERITY,
            argmap.location,
            f"map id `{argmap.id}` is also declared by {', '.join(others)}",
            "map ids must be unique among the maps checked together: rename one",
        )


def _files_by_map_id(maps: Iterable[ArgMap]) -> dict[str, list[str]]:
    """Once per run: each map id and the files that declare it (a scan of the
    corpus for every map would make checking N maps cost N squared)."""
    files: dict[str, list[str]] = {}
    for other in maps:
        files.setdefault(other.id, []).append(other.file)
    return files
