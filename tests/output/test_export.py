"""`argmap export` of a confrontation: what the diagram draws, and what it leaves out, named."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_export_of_the_confrontation_names_what_lies_deeper() -> None:
    from argmap.config import Config
    from argmap.input.model import map_view
    from argmap.lint.runner import check_paths

    done = subprocess.run(
        [sys.executable, "-m", "argmap", "export", "maps/confrontation.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    exported = {node["id"]: node for node in json.loads(done.stdout)["nodes"]}
    result = check_paths([ROOT / "maps"], Config(), cwd=ROOT)
    (argmap,) = [found for found in result.workspace.requested if found.id == "confrontation"]
    view = map_view(argmap, result.run.context(argmap).corpus)
    assert {key.removeprefix("confrontation#") for key in view.keys} == set(exported)
    assert any("#" in key for key in exported)  # nodes of the two documents
    assert view.hidden
    for key, node in exported.items():
        full = key if "#" in key else f"confrontation#{key}"
        assert node.get("not_shown", []) == sorted(view.hidden.get(full, ())), key
