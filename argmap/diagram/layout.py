"""Choose how to draw a map so that each diagram fits the width budget.

Unless told otherwise, a map is drawn with its conclusions on top (BT);
when that is wider than `WIDTH_BUDGET_PT`, from left to right (LR); when
that is too wide as well, it is split: one diagram per conclusion, each in
the narrower direction, and an index (the conclusions, their reasons
counted, each linked to its own diagram) in the map's own file. Widths are
measured by laying the DOT out with the bundled engine; the layout is
deterministic, so the same map gives the same plan.

Each DOT is laid out at most once: LR only when BT is too wide (BT wins
whenever it fits, so its width decides alone), a width once measured is
remembered, and the SVG drawn to measure it is kept with the plan, so that
an SVG drawn by the bundled engine is not laid out again to be written; the
annotations (evaluation, grounding, problems) are gathered once per map.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from argmap.diagram.dot import WIDTH_BUDGET_PT, RenderOptions, annotations_for, map_dot
from argmap.input.model import split_key
from argmap.problems import Problem

if TYPE_CHECKING:
    from argmap.analysis.context import MapContext

_WIDTH = re.compile(rb'<svg width="(\d+(?:\.\d+)?)pt"')


@attrs.frozen
class PlannedDiagram:
    suffix: str | None  # added to the map's file name (`--conclusion-id`); None: the map's own file
    dot: str
    # The bundled engine's stamped SVG of `dot`, when measuring drew it already.
    svg: bytes | None = attrs.field(default=None, repr=False)


def svg_width(dot: str) -> float:
    """The width in points of `dot` laid out by the bundled engine."""
    from argmap.diagram.draw import draw

    return _width_of(draw(dot, "svg").data)


def _width_of(svg: bytes) -> float:
    found = _WIDTH.search(svg)
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
    one_file: bool = False,
) -> list[PlannedDiagram]:
    """The diagrams of one map: one, or an index and one per conclusion.

    The index links each conclusion to its part: the part's file, or what
    `part_link` makes of the part's suffix (a report links to its own page).
    `one_file`: the drawing goes where no parts can follow (standard output,
    a caller's bytes), so the whole map is drawn, however wide."""
    problems = tuple(problems)
    widths: dict[str, float] = {}
    drawings: dict[str, bytes] = {}

    def width(dot: str) -> float:
        if dot not in widths:
            if measure is svg_width:
                from argmap.diagram.draw import draw

                drawings[dot] = draw(dot, "svg").data
                widths[dot] = _width_of(drawings[dot])
            else:
                widths[dot] = measure(dot)
        return widths[dot]

    # What `dot_source` gathers for every drawing of the map (the evaluation
    # explained, the grounding): the same for each direction, part and index.
    annotations = annotations_for(context, problems)

    def dot(chosen: RenderOptions) -> str:
        return map_dot(context.argmap, context.corpus, annotations, chosen)

    def fitting(chosen: RenderOptions) -> str:
        if not auto:
            return dot(chosen)
        # BT when it fits, else LR when it fits, else the narrower (BT on a tie).
        top_down = dot(attrs.evolve(chosen, direction="BT"))
        if width(top_down) <= WIDTH_BUDGET_PT:
            return top_down
        across = dot(attrs.evolve(chosen, direction="LR"))
        if width(across) <= WIDTH_BUDGET_PT or width(across) < width(top_down):
            return across
        return top_down

    def planned(suffix: str | None, chosen: str) -> PlannedDiagram:
        return PlannedDiagram(suffix, chosen, drawings.get(chosen))

    # A focus is one diagram; the whole map, or a depth of it, is split when no direction fits.
    if one_file or (not split and not (options.focus is None and auto)):
        return [planned(None, fitting(options))]
    if not split:
        whole = fitting(options)
        if width(whole) <= WIDTH_BUDGET_PT:
            return [planned(None, whole)]
    roots = list(context.argmap.roots)
    if len(roots) < 2:
        return [planned(None, fitting(options))]
    stem = context.argmap.path.stem if context.argmap.path is not None else context.argmap.id
    parts = [
        planned(part_suffix(root, context.argmap.id), fitting(attrs.evolve(options, root=root)))
        for root in roots
    ]
    links = {
        root: part_link(suffix) if part_link is not None else f"{stem}{suffix}.{extension}"
        for root, suffix in ((root, part_suffix(root, context.argmap.id)) for root in roots)
    }
    index = fitting(attrs.evolve(options, depth=0, links=links, notes=False))
    return [planned(None, index), *parts]
