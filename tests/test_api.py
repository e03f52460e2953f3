"""The public API (`import argmap`): each function gives what its command gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from tests.helpers import ROOT

MAP = ROOT / "maps" / "ft-lose-or-win.yaml"
PACKAGE = ROOT / "argmap"
runner = CliRunner()


def test_every_name_of_all_is_there_once_every_stage_is_imported() -> None:
    # Importing a stage sets its package on `argmap`: no name of the API may be one.
    import importlib

    for stage in PACKAGE.iterdir():
        if (stage / "__init__.py").exists():
            importlib.import_module(f"argmap.{stage.name}")
    for name in argmap.__all__:
        value = getattr(argmap, name)
        assert callable(value) or isinstance(value, str), name
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = argmap.nothing  # type: ignore[attr-defined]


def test_importing_argmap_imports_no_stage() -> None:
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import argmap, sys; print(sorted(m for m in sys.modules if m.startswith('argmap')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert loaded.strip() == "['argmap']"


def test_check_gives_the_problems_the_command_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = argmap.check(["maps"])
    assert not result.failed()
    printed = runner.invoke(app, ["check", "maps", "-f", "json"]).stdout
    assert [(problem.file, problem.line, problem.code) for problem in result.problems] == [
        (entry["file"], entry["line"], entry["code"]) for entry in json.loads(printed)["problems"]
    ]


def test_evaluate_export_render_and_report_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    statuses = argmap.evaluate(MAP)
    document = argmap.export(MAP)
    assert {
        f"{node['map']}#{node['id'].rpartition('#')[2]}": node["status"] for node in document["nodes"]
    } == {key: str(status) for key, status in statuses.items() if key.startswith("ft-lose-or-win#")}
    assert argmap.load(MAP).id == "ft-lose-or-win"
    drawn = runner.invoke(app, ["render", str(MAP), "-f", "dot", "-o", "-"]).stdout_bytes
    assert argmap.render(MAP, "dot") == drawn
    assert argmap.render(MAP).lstrip().startswith(b"<?xml")
    assert "<html" in argmap.html_report(MAP)


def test_a_file_that_is_not_a_map_raises_argmap_error(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("argmap: 1\nid: broken\n", encoding="utf-8")
    with pytest.raises(argmap.ArgmapError) as raised:
        argmap.load(broken)
    assert raised.value.message.startswith(f"{broken.name}:") or "broken.yaml:" in raised.value.message
    assert " S2" in raised.value.message  # a schema problem, with its code
