"""Two map files checked together declare the same map `id`.

Other maps refer to nodes as `map-id#node-id`: with two maps of one id, such
a reference could mean either. Give each map its own id.

Fails: `maps/a.yaml` and `maps/b.yaml` both say `id: ft-lose-or-win`.

Passes: `maps/b.yaml` says `id: ft-lose-or-win-2023`.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.config import Config
from argmap.context import MapContext
from argmap.problems import Problem, Severity

CODE = "M305"
NAME = "duplicate-map-id"
SEVERITY = Severity.ERROR


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    others = sorted(
        other.file for other in context.corpus.maps if other.id == argmap.id and other.file != argmap.file
    )
    if others:
        yield Problem.at(
            CODE,
            SEVERITY,
            argmap.location,
            f"map id `{argmap.id}` is also declared by {', '.join(others)}",
            "map ids must be unique among the maps checked together: rename one",
        )
