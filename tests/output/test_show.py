"""The `show` tree as data, and its plain rendering without rich."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.input.model import Corpus, Kind, MapView, Relation, map_view

MAP = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: c
    text: It holds.
    implicit: true
    because:
      - id: i
        premises:
          - id: p
            text: A reason.
            implicit: true
"""


def test_the_plain_rendering_is_the_segments_joined_and_needs_no_rich(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "demo.yaml").write_text(MAP, encoding="utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from argmap.analysis.evaluate import evaluation_for\n"
        "from argmap.config import Config\n"
        "from argmap.lint.runner import check_one_map\n"
        "from argmap.output.show import render_show, show_lines\n"
        "opened = check_one_map(Path('demo.yaml'), Config(), command='show')\n"
        "context = opened.result.run.context(opened.argmap)\n"
        "lines = show_lines(context, evaluation_for(context), opened.problems, None)\n"
        "sys.stdout.write(render_show(lines, colour=False))\n"
        "print('rich' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout == (
        "demo: Demo\n"
        "✓ in  implicit conclusion c: It holds.\n"
        "└── ✓ in  inference i  ⚑ A402\n"
        "    └── ✓ in  implicit premise p: A reason.\n"
        "3 in, 0 out, 0 undecided; 1 problem (argmap check demo.yaml)\n"
        "False\n"  # rich was not imported
    )


# --- the seed maps, through the CLI -------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def _show_seed_map(name: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "show", f"maps/{name}", "--no-color"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout


def _seed_view(map_id: str) -> tuple[MapView, Corpus]:
    from argmap.config import Config
    from argmap.lint.runner import check_paths

    result = check_paths([ROOT / "maps"], Config(), cwd=ROOT)
    (argmap,) = [found for found in result.workspace.requested if found.id == map_id]
    corpus = result.run.context(argmap).corpus
    return map_view(argmap, corpus), corpus


def _expanded(out: str, shown: str) -> list[str]:
    """The lines that show `shown` in full (not a ↪ reference to it)."""
    found = []
    for line in out.splitlines()[1:-1]:
        if "↪" in line:
            continue
        # Without the mark of a conceded or weaker attack, "(weaker)", after the id.
        words = re.sub(r" \([a-z, ]+\)$", "", line.split(": ", 1)[0]).split()
        if words and words[-1] == shown:
            found.append(line)
    return found


def test_show_of_the_confrontation_holds_every_node_its_evaluation_reads() -> None:
    out = _show_seed_map("confrontation.yaml")
    view, corpus = _seed_view("confrontation")
    keys = set(view.keys)
    stated = [edge for other in corpus.maps for edge in other.edges]
    # Nothing the evaluation of a shown node reads is dropped silently: each
    # reason and attack of a shown node is shown or counted below it; those
    # of the claims this map sets in conflict, and every premise of a shown inference, are shown.
    disputed = {
        key
        for edge in stated
        if edge.relation is Relation.ATTACKS and edge.map_id == "confrontation"
        for key in (edge.source, edge.target)
        if not key.startswith("confrontation#")
    }
    assert disputed
    for edge in stated:
        if edge.target not in keys:
            continue
        assert edge.source in keys or edge.source in view.hidden.get(edge.target, ()), edge
        target = corpus.node(edge.target)
        if edge.target in disputed or (target is not None and target.kind is Kind.INFERENCE):
            assert edge.source in keys, edge
    assert any(not key.startswith("confrontation#") for key in keys)
    # Each node the view (and so the diagram) holds is shown in full exactly once.
    for key in keys:
        assert len(_expanded(out, key.removeprefix("confrontation#"))) == 1, key
    # What the view leaves out is counted on the node it lies below.
    hidden = view.hidden
    assert hidden
    for key, below in hidden.items():
        (line,) = _expanded(out, key.removeprefix("confrontation#"))
        owner = key.split("#")[0]
        assert line.endswith(f"  … {len(below)} more below in {owner} (not shown here)"), line
    left_out = len(set().union(*hidden.values()))
    assert f"; {left_out} deeper nodes of other maps not shown" in out.splitlines()[-1]


@pytest.mark.parametrize("name", ["ft-lose-or-win.yaml", "kherson-catastrophe.yaml", "confrontation.yaml"])
def test_show_marks_the_implicit_premises_and_only_them(name: str) -> None:
    out = _show_seed_map(name)
    view, corpus = _seed_view(name.removesuffix(".yaml"))
    map_id = name.removesuffix(".yaml")
    implicit = 0
    for key in view.keys:
        node = corpus.node(key)
        if node is None or not node.kind.is_claim:
            continue
        (line,) = _expanded(out, key.removeprefix(f"{map_id}#"))
        # The role before the id says it: "implicit premise", "implicit conclusion".
        marked = any(f"  implicit {kind} " in line for kind in ("conclusion", "premise", "counterexample"))
        assert marked is node.implicit, line
        implicit += node.implicit
    assert implicit  # each seed map has reconstructed premises


def test_show_marks_conceded_and_weaker_attacks() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "show", "tests/diagram/granted/granted.yaml", "--no-color"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert "├── ✓ in  counterexample annoying (conceded, outweighed): Sorting rubbish is annoying." in lines
    assert (
        "└── ✓ in  counterexample mixed-plants (weaker): Some plants sort mixed rubbish themselves." in lines
    )
    assert any("counterexample bins-cost (conceded, not outweighed): " in line for line in lines)
    # A further use of an attack keeps its mark: the reference row too.
    assert "└── ✗ out  ↪ counterexample deposits-fail (weaker) (see line 32)" in lines
    # An ordinary attack has none.
    assert "└── ✓ in  ↪ counterexample deposits-work (see line 26)" in lines
