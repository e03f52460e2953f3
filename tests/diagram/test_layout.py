"""The automatic direction and split (`argmap.diagram.layout`): the rule of
docs/diagrams.md, each DOT laid out at most once, the measured SVG kept."""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.cli import app
from argmap.config import Config
from argmap.diagram.dot import WIDTH_BUDGET_PT, RenderOptions, dot_source
from argmap.diagram.draw import draw
from argmap.diagram.layout import PlannedDiagram, part_suffix, plan_diagrams
from argmap.lint.runner import check_paths
from tests.diagram.conftest import MAPS

SEED_MAPS = Path(__file__).resolve().parents[2] / "maps"
# Widths below, at and above the budget, and two equal ones (a tie goes to BT).
_WIDTHS = (900.0, WIDTH_BUDGET_PT, WIDTH_BUDGET_PT + 1, 2_400.0, 2_400.0, 3_100.0)


def _reference_plan(
    context: Any,
    problems: tuple[Any, ...],
    options: RenderOptions,
    split: bool,
    measure: Callable[[str], float],
) -> list[tuple[str | None, str]]:
    """The plan as docs/diagrams.md states the rule, measuring everything
    (both directions of every diagram, the whole again): what the planner
    did before it laid each DOT out only once."""

    def fitting(chosen: RenderOptions) -> str:
        candidates = [dot_source(context, problems, attrs.evolve(chosen, direction=d)) for d in ("BT", "LR")]
        widths = [measure(candidate) for candidate in candidates]
        for candidate, width in zip(candidates, widths, strict=True):
            if width <= WIDTH_BUDGET_PT:
                return candidate
        return candidates[widths.index(min(widths))]

    if not split and options.focus is not None:
        return [(None, fitting(options))]
    if not split:
        whole = fitting(options)
        if measure(whole) <= WIDTH_BUDGET_PT:
            return [(None, whole)]
    roots = list(context.argmap.roots)
    if len(roots) < 2:
        return [(None, fitting(options))]
    stem = context.argmap.path.stem
    parts = [
        (part_suffix(root, context.argmap.id), fitting(attrs.evolve(options, root=root))) for root in roots
    ]
    links = {root: f"{stem}{part_suffix(root, context.argmap.id)}.svg" for root in roots}
    return [(None, fitting(attrs.evolve(options, depth=0, links=links, notes=False))), *parts]


@pytest.fixture(scope="module")
def seed_contexts() -> list[tuple[Any, tuple[Any, ...]]]:
    result = check_paths([SEED_MAPS], Config(), cwd=SEED_MAPS)
    return [
        (
            result.run.context(argmap),
            tuple(problem for problem in result.problems if problem.file == argmap.file),
        )
        for argmap in result.workspace.requested
        if argmap.id in ("ft-lose-or-win", "confrontation")
    ]


@settings(max_examples=12, deadline=None)
@given(salt=st.binary(max_size=4), split=st.booleans(), depth=st.sampled_from([None, 1]))
def test_the_plan_follows_the_documented_rule_laying_each_dot_out_once(
    seed_contexts: list[tuple[Any, tuple[Any, ...]]], salt: bytes, split: bool, depth: int | None
) -> None:
    """Whatever the widths (a made-up width for each DOT), the diagrams
    planned are the rule's; no DOT is measured twice, and LR is measured
    only where BT is too wide."""

    def made_up_width(dot: str) -> float:
        digest = hashlib.sha256(salt + dot.encode("utf-8")).digest()
        return _WIDTHS[digest[0] % len(_WIDTHS)]

    options = RenderOptions(depth=depth)
    for context, problems in seed_contexts:
        measured: list[str] = []

        def counting(dot: str, measured: list[str] = measured) -> float:
            measured.append(dot)
            return made_up_width(dot)

        planned = plan_diagrams(context, problems, options, split=split, measure=counting)
        expected = _reference_plan(context, problems, options, split, made_up_width)
        assert [(diagram.suffix, diagram.dot) for diagram in planned] == expected
        assert all(count == 1 for count in Counter(measured).values())
        for before, dot in zip([None, *measured], measured, strict=False):
            if "rankdir=LR" in dot:  # measured right after its BT, which was too wide
                assert before is not None and "rankdir=BT" in before
                assert made_up_width(before) > WIDTH_BUDGET_PT
        assert all(diagram.svg is None for diagram in planned)  # a measure of its own keeps no drawing


def test_the_kept_svg_is_the_drawing_of_the_planned_dot(seed_contexts: list[tuple[Any, ...]]) -> None:
    context, problems = seed_contexts[0]
    planned = plan_diagrams(context, problems, RenderOptions(depth=0))
    assert planned
    for diagram in planned:
        assert isinstance(diagram, PlannedDiagram)
        assert diagram.svg == draw(diagram.dot, "svg").data


def test_render_writes_the_svg_it_measured_as_drawn_afresh(tmp_path: Path, monkeypatch: Any) -> None:
    """`argmap render` writes, from the layout it measured, the bytes that
    drawing the DOT again writes (`--engine system` is not used here: the
    bundled engine is the one measured)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    shutil.copytree(MAPS, tmp_path / "maps")
    runner = CliRunner()
    assert runner.invoke(app, ["render", "maps/sketch.yaml", "-f", "svg"]).exit_code == 0
    assert runner.invoke(app, ["render", "maps/sketch.yaml", "-f", "dot"]).exit_code == 0
    dot = (tmp_path / "maps" / "sketch.dot").read_text(encoding="utf-8")
    assert (tmp_path / "maps" / "sketch.svg").read_bytes() == draw(dot, "svg").data
