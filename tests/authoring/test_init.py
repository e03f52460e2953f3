"""`argmap init`: a project laid out as the docs assume, nothing overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.config import load_config
from argmap.input.schema import schema_text
from argmap.lint.runner import known_codes

runner = CliRunner()


def test_init_lays_out_a_project_that_new_and_check_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "essays"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "created  essays/argmap.toml\n"
        "created  essays/maps/\n"
        "created  essays/sources/\n"
        "created  essays/schemas/argmap.schema.json\n"
        "created  essays/.vscode/settings.json\n"
        "created  essays/.pre-commit-config.yaml\n"
        "next: put a document in essays/sources, then "
        "`argmap new essays/maps/first.yaml --source essays/sources/first.txt`\n"
    )
    root = tmp_path / "essays"
    assert (root / "schemas" / "argmap.schema.json").read_text(encoding="utf-8") == schema_text()
    settings = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {"./schemas/argmap.schema.json": ["maps/**/*.yaml", "maps/**/*.yml"]}
    assert "id: argmap-check" in (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    # The commented configuration is valid as it is.
    assert load_config(root, known_codes()).ignore == frozenset()
    (root / "sources" / "first.txt").write_text("Cats sleep. So they rest.\n", encoding="utf-8")
    monkeypatch.chdir(root / "maps")
    result = runner.invoke(app, ["new", "first.yaml", "--source", "../sources/first.txt"])
    assert (result.exit_code, result.stderr) == (0, "")
    text = (root / "maps" / "first.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/argmap.schema.json\n")
    result = runner.invoke(app, ["check", "first.yaml"])
    assert "Q504" not in result.stdout and "Q503" not in result.stdout


def test_init_keeps_what_exists(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text('ignore = ["A411"]\n', encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"kept     {tmp_path}/argmap.toml"
    assert (tmp_path / "argmap.toml").read_text(encoding="utf-8") == 'ignore = ["A411"]\n'
    again = runner.invoke(app, ["init", str(tmp_path)])
    assert [line.split()[0] for line in again.stdout.splitlines()[:6]] == ["kept"] * 6


def test_init_refuses_a_file_and_a_missing_parent(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "file")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"argmap: {tmp_path / 'file'}: is a file, not a folder\n")
    result = runner.invoke(app, ["init", str(tmp_path / "a" / "b")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"argmap: {tmp_path / 'a'}: no such folder\n")
