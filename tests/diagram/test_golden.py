"""The DOT of representative maps, compared with golden files in tests/golden/.

A change of the visual language shows up here as a diff of DOT: rewrite the
files with `ARGMAP_UPDATE_GOLDEN=1 pytest tests/diagram` (or `pytest
tests/diagram --update-golden`), read the diff, and look at the diagrams.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.config import Config
from argmap.diagram.dot import RenderOptions, dot_source
from argmap.lint.runner import check_paths
from tests.diagram.conftest import GOLDEN, MAPS

# (golden file, map file, options)
CASES = [
    ("sketch.dot", "sketch.yaml", RenderOptions()),
    ("sketch-lr-no-legend.dot", "sketch.yaml", RenderOptions(direction="LR", legend=False)),
    ("crossmap.dot", "crossmap.yaml", RenderOptions()),
    ("troubles.dot", "troubles.yaml", RenderOptions()),
    ("sketch-depth-0.dot", "sketch.yaml", RenderOptions(depth=0)),
    ("sketch-focus.dot", "sketch.yaml", RenderOptions(focus="sketch#from-revenge")),
    ("sketch-notes.dot", "sketch.yaml", RenderOptions(notes=True, page=True)),
    ("crossmap-root.dot", "crossmap.yaml", RenderOptions(root="crossmap#regime-holds")),
    # A split's index: the conclusions, their reasons in stubs, each linked to its part.
    (
        "crossmap-index.dot",
        "crossmap.yaml",
        RenderOptions(
            depth=0,
            links={
                "crossmap#regime-holds": "crossmap--regime-holds.svg",
                "sketch#failures-topple": "crossmap--sketch--failures-topple.svg",
            },
        ),
    ),
]


def render_case(map_name: str, options: RenderOptions) -> str:
    # All the maps are checked together, from their own folder, as
    # `argmap render tests/diagram/maps` would: refs across maps resolve.
    result = check_paths([MAPS], Config(), cwd=MAPS)
    (argmap,) = [argmap for argmap in result.workspace.requested if Path(argmap.file).name == map_name]
    problems = [problem for problem in result.problems if problem.file == argmap.file]
    return dot_source(result.run.context(argmap), problems, options)


@pytest.mark.parametrize(("golden", "map_name", "options"), CASES, ids=[case[0] for case in CASES])
def test_dot_matches_golden(golden: str, map_name: str, options: RenderOptions, update_golden: bool) -> None:
    dot = render_case(map_name, options)
    path = GOLDEN / golden
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(dot, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing: run ARGMAP_UPDATE_GOLDEN=1 pytest tests/diagram"
    assert dot == path.read_text(encoding="utf-8"), (
        f"the DOT of {map_name} changed: "
        "if the change is intended, run ARGMAP_UPDATE_GOLDEN=1 pytest tests/diagram"
    )


def test_the_render_does_not_depend_on_the_working_folder(tmp_path: Path) -> None:
    here = check_paths([MAPS / "sketch.yaml"], Config(), cwd=MAPS)
    elsewhere = check_paths([MAPS / "sketch.yaml"], Config(), cwd=tmp_path)
    dots = []
    for result in (here, elsewhere):
        (argmap,) = result.workspace.requested
        problems = [problem for problem in result.problems if problem.file == argmap.file]
        dots.append(dot_source(result.run.context(argmap), problems))
    assert dots[0] == dots[1]


SEED_MAPS = Path(__file__).resolve().parents[2] / "maps"


@pytest.mark.parametrize(
    "map_name", ["ft-lose-or-win.yaml", "kherson-catastrophe.yaml", "confrontation.yaml"]
)
def test_each_seed_diagram_fits_the_width_budget(map_name: str) -> None:
    """Each diagram of a seed map's default rendering (a split's index and
    parts included) is at most 1,900 pt wide: 12 pt text stays 10 px high
    when the picture is shown 1,600 px wide."""
    from argmap.diagram.dot import WIDTH_BUDGET_PT
    from argmap.diagram.layout import plan_diagrams, svg_width

    result = check_paths([SEED_MAPS], Config(), cwd=SEED_MAPS)
    (argmap,) = [argmap for argmap in result.workspace.requested if Path(argmap.file).name == map_name]
    problems = [problem for problem in result.problems if problem.file == argmap.file]
    planned = plan_diagrams(result.run.context(argmap), problems, RenderOptions())
    widths = [svg_width(diagram.dot) for diagram in planned]
    assert widths
    assert all(0 < width <= WIDTH_BUDGET_PT for width in widths), widths


def test_the_confrontation_draws_every_node_its_evaluation_reads() -> None:
    from argmap.input.model import map_view

    result = check_paths([SEED_MAPS], Config(), cwd=SEED_MAPS)
    (argmap,) = [argmap for argmap in result.workspace.requested if argmap.id == "confrontation"]
    view = map_view(argmap, result.run.context(argmap).corpus)
    assert "ft-lose-or-win#from-symmetry" in view.keys
    assert "ft-lose-or-win#hard-to-lose-or-win" in view.keys
    premises = {edge.source for edge in view.edges if edge.target == "ft-lose-or-win#from-revenge"}
    stated = {
        edge.source
        for other in result.workspace.requested
        if other.id == "ft-lose-or-win"
        for edge in other.edges
        if edge.target == "ft-lose-or-win#from-revenge"
    }
    assert premises == stated
    assert len(stated) == 6
