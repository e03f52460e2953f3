"""Choose how to draw a map so that each diagram fits the width budget.

Unless told otherwise, a map is drawn with its conclusions on top (BT);
when that is wider than `WIDTH_BUDGET_PT`, from left to right (LR); when
that is too wide as well, it is split: one diagram per conclusion, each in
the narrower direction, and an index (the conclusions, their reasons
counted, each linked to its own diagram) in the map's own file. Widths are
measured by laying the DOT out with the bundled engine; the layout is
deterministic, so the same map gives the same plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from argmap.diagram.dot import WIDTH_BUDGET_PT, RenderOptions, dot_source
from argmap.input.model import split_key
from argmap.problems import Problem

if TYPE_CHECKING:
    from argmap.analysis.context import MapContext

_WIDTH = re.compile(rb'<svg width="(\d+(?:\.\d+)?)pt"')


@attrs.frozen
class PlannedDiagram:
    suffix: str | None  # added to the map's file name (`--conclusion-id`); None: the map's own file
    dot: str


def svg_width(dot: str) -> float:
    """The width in points of `dot` laid out by the bundled engine."""
    from argmap.diagram.draw import draw

    found = _WIDTH.search(draw(dot, "svg").data)
    return float(found.group(1)) if found else 0.0


def part_suffix(root: str, map_id: str) -> str:
    """`--conclusion-id` for the map's own conclusion, `--map-id--node-id` for another map's."""
    owner, node_id = split_key(root)
    return f"--{node_id}" if owner == map_id else f"--{owner}--{node_id}"


def plan_diagrams(
    context: MapContext,
    problems: Iterable[Problem],
    options: RenderOptions,
    *,
    auto: bool = True,
    split: bool = False,
    extension: str = "svg",
    measure: Callable[[str], float] = svg_width,
    part_link: Callable[[str], str] | None = None,
) -> list[PlannedDiagram]:
    """The diagrams of one map: one, or an index and one per conclusion.

    The index links each conclusion to its part: the part's file, or what
    `part_link` makes of the part's suffix (a report links to its own page)."""
    problems = tuple(problems)

    def dot(chosen: RenderOptions) -> str:
        return dot_source(context, problems, chosen)

    def fitting(chosen: RenderOptions) -> str:
        if not auto:
            return dot(chosen)
        candidates = [dot(attrs.evolve(chosen, direction=direction)) for direction in ("BT", "LR")]
        widths = [measure(candidate) for candidate in candidates]
        for candidate, width in zip(candidates, widths, strict=True):
            if width <= WIDTH_BUDGET_PT:
                return candidate
        return candidates[widths.index(min(widths))]

    # A focus is one diagram; the whole map, or a depth of it, is split when no direction fits.
    if not split and not (options.focus is None and auto):
        return [PlannedDiagram(None, fitting(options))]
    if not split:
        whole = fitting(options)
        if measure(whole) <= WIDTH_BUDGET_PT:
            return [PlannedDiagram(None, whole)]
    roots = list(context.argmap.roots)
    if len(roots) < 2:
        return [PlannedDiagram(None, fitting(options))]
    stem = context.argmap.path.stem if context.argmap.path is not None else context.argmap.id
    parts = [
        PlannedDiagram(part_suffix(root, context.argmap.id), fitting(attrs.evolve(options, root=root)))
        for root in roots
    ]
    links = {
        root: part_link(suffix) if part_link is not None else f"{stem}{suffix}.{extension}"
        for root, suffix in ((root, part_suffix(root, context.argmap.id)) for root in roots)
    }
    index = fitting(attrs.evolve(options, depth=0, links=links, notes=False))
    return [PlannedDiagram(None, index), *parts]
