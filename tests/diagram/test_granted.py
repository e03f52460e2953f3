"""Attacks the author concedes or declares weaker, and conflicts one side wins: drawn apart from
the objections that defeat (tests/diagram/granted/granted.yaml has one of each)."""

from __future__ import annotations

import re
from pathlib import Path

from argmap.config import Config
from argmap.diagram.dot import RenderOptions, dot_source
from argmap.lint.runner import check_paths
from tests.diagram.conftest import GOLDEN

GRANTED = Path(__file__).parent / "granted"


def _dot(options: RenderOptions | None = None) -> str:
    result = check_paths([GRANTED], Config(), cwd=GRANTED)
    (argmap,) = result.workspace.requested
    problems = [problem for problem in result.problems if problem.file == argmap.file]
    return dot_source(result.run.context(argmap), problems, options or RenderOptions())


def _edge(dot: str, source: str, target: str) -> str:
    """The DOT line of the edge, however the names are quoted."""
    ends = f"granted#{source} -> granted#{target} "
    (line,) = [line for line in dot.splitlines() if line.replace('"', "").strip().startswith(ends)]
    return line


def _node(dot: str, key: str) -> str:
    (line,) = [
        line for line in dot.splitlines() if line.replace('"', "").strip().startswith(f"granted#{key} [")
    ]
    return line


def _legend_meanings(dot: str) -> list[str]:
    legend = dot.split("<B>Legend</B>", 1)[1]
    return re.findall(r'<TD ALIGN="LEFT">([^<]+)</TD>', legend)


def test_the_dot_matches_its_golden_file(update_golden: bool) -> None:
    dot = _dot()
    path = GOLDEN / "granted.dot"
    if update_golden:
        path.write_text(dot, encoding="utf-8")
    assert dot == path.read_text(encoding="utf-8"), "run ARGMAP_UPDATE_GOLDEN=1 pytest tests/diagram"


def test_a_conceded_outweighed_attack_is_thin_pale_and_says_conceded() -> None:
    line = _edge(_dot(), "annoying", "sort-rubbish")
    assert 'color="#E39062"' in line and "penwidth=1.2" in line and "style=dashed" in line
    assert "<B>conceded</B>" in line


def test_a_weaker_attack_is_thin_pale_and_says_weaker() -> None:
    line = _edge(_dot(), "mixed-plants", "sort-rubbish")
    assert 'color="#E39062"' in line and "penwidth=1.2" in line
    assert "<B>weaker</B>" in line


def test_a_conceded_attack_that_is_not_outweighed_keeps_the_full_line_and_says_so() -> None:
    line = _edge(_dot(), "bins-cost", "bins-help")
    assert "#E39062" not in line and "penwidth=1.2" not in line
    assert "<B>conceded<BR/>not outweighed</B>" in line


def test_the_objection_an_author_concedes_is_not_marked_as_standing() -> None:
    dot = _dot()
    annoying, bins_cost = _node(dot, "annoying"), _node(dot, "bins-cost")
    assert "objection stands" not in annoying
    assert "objection stands" in bins_cost  # it defeats what it objects to


def test_a_conflict_one_side_outweighs_has_one_bar_and_says_prevails_at_the_winner() -> None:
    line = _edge(_dot(), "deposits-fail", "deposits-work")
    # deposits-work, the head, outweighs: the bar is at the tail, the losing side.
    assert "dir=back" in line and "arrowtail=tee" in line
    assert "headlabel=<" in line and "<B>prevails</B>" in line and "taillabel" not in line
    assert "<B>conflict</B>" in line


def test_the_legend_says_each_new_mark_once_in_words() -> None:
    meanings = _legend_meanings(_dot())
    for meaning in (
        "granted by the author, and outweighed by the reasons for what it objects to",
        "granted by the author, and no reason outweighs it: it defeats what it objects to",
        "an objection weaker than what it objects to: it defeats nothing",
        "of two claims in conflict, the one that outweighs the other",
    ):
        assert meanings.count(meaning) == 1, meaning


def test_the_legend_leaves_out_the_marks_a_view_does_not_draw() -> None:
    meanings = _legend_meanings(_dot(RenderOptions(root="granted#sort-rubbish")))
    assert "granted by the author, and outweighed by the reasons for what it objects to" in meanings
    assert "an objection weaker than what it objects to: it defeats nothing" in meanings
    assert not [meaning for meaning in meanings if "no reason outweighs" in meaning or "prevails" in meaning]
    assert "of two claims in conflict, the one that outweighs the other" not in meanings


def test_the_dot_is_the_same_every_time() -> None:
    assert _dot() == _dot()
