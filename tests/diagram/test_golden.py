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
        f"the DOT of {map_name} changed: if the change is intended, run ARGMAP_UPDATE_GOLDEN=1 pytest tests/diagram"
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
