"""The start-up path (`argmap.cli.startup`): `--version`, `--help` and a plain
`argmap check` without Typer, with the same results as through Typer."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from argmap import __version__
from argmap.cli import COMMAND_MODULES, app
from argmap.cli.startup import COMMAND_SUMMARIES, _NotPlain, parse_check, plain_help
from tests.helpers import MINIMAL, write

ROOT = Path(__file__).resolve().parents[2]


def run_argmap(cwd: Path, *arguments: str) -> tuple[int, str, str, list[str]]:
    """Run the console script's `main` in a fresh interpreter: exit code,
    stdout, stderr, and the heavy modules it imported."""
    script = (
        "import sys\n"
        f"sys.argv = ['argmap', *{list(arguments)!r}]\n"
        "from argmap.cli import main\n"
        "try:\n    main()\n"
        "finally:\n"
        # What only some maps need: the PDF reader, the search for labellings.
        "    heavy = sorted(m for m in ('typer', 'click', 'rich', 'argmap.grounding.pdf',\n"
        "        'argmap.analysis.semantics') if m in sys.modules)\n"
        "    sys.stderr.write('IMPORTED ' + ','.join(heavy) + '\\n')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )
    *stderr, imported = done.stderr.splitlines(keepends=True)
    modules = imported.removeprefix("IMPORTED ").strip()
    return done.returncode, done.stdout, "".join(stderr), modules.split(",") if modules else []


def test_version_without_typer(tmp_path: Path) -> None:
    assert run_argmap(tmp_path, "--version") == (0, f"argmap {__version__}\n", "", [])
    assert run_argmap(tmp_path, "-V") == (0, f"argmap {__version__}\n", "", [])


def test_help_without_typer_or_rich(tmp_path: Path) -> None:
    code, out, err, imported = run_argmap(tmp_path, "--help")
    assert (code, err, imported) == (0, "", [])
    assert out == plain_help()
    assert out.startswith("Usage: argmap [OPTIONS] COMMAND [ARGS]...\n")
    assert (
        "  check        Check maps for problems: syntax, format, structure, gaps and\n"
        "               quotes.\n" in out
    )


def test_plain_help_lists_the_typer_commands_with_their_own_summaries() -> None:
    click_group = typer.main.get_command(app)
    typer_summaries = []
    for name in click_group.commands:  # type: ignore[attr-defined]
        callback = click_group.commands[name].callback  # type: ignore[attr-defined]
        first_paragraph = (inspect.getdoc(callback) or "").split("\n\n")[0]
        typer_summaries.append((name, " ".join(first_paragraph.split())))
    assert tuple(typer_summaries) == COMMAND_SUMMARIES
    assert [name for name, _ in COMMAND_SUMMARIES] == [
        {"interchange": "import"}.get(module, module) for module in COMMAND_MODULES
    ]


def test_plain_help_lines_fit_80_columns() -> None:
    assert max(len(line) for line in plain_help().splitlines()) <= 80


def test_plain_check_runs_without_typer_with_the_output_of_typer(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", MINIMAL)
    write(tmp_path, "ci.yaml", "on: push\n")
    write(tmp_path, "sign.txt", "The bridge is closed.\n")
    grounded = MINIMAL.replace("title: A demo map\n", "title: A demo map\nsource:\n  file: sign.txt\n")
    write(tmp_path, "grounded.yaml", grounded.replace("id: demo", "id: grounded"))
    for arguments in (
        ["check", "good.yaml"],
        ["check", "grounded.yaml"],  # a text source: no PDF reader
        ["check", "-f", "json", "good.yaml", "ci.yaml"],
        ["check", "--format=parsable", "--strict", "-q", "--", "ci.yaml"],
        ["check", "--maps-only", "good.yaml", "ci.yaml", "-j", "1"],
        ["check", "--select", "Q", "--no-color", "good.yaml"],
        ["check", "--format", "nonsense", "good.yaml"],
        ["check", "--config", "missing.toml", "good.yaml"],
    ):
        code, out, err, imported = run_argmap(tmp_path, *arguments)
        assert imported == [], arguments
        old = Path.cwd()
        os.chdir(tmp_path)
        try:
            through_typer = CliRunner().invoke(app, arguments)
        finally:
            os.chdir(old)
        assert (code, out, err) == (
            through_typer.exit_code,
            through_typer.stdout,
            through_typer.stderr,
        ), arguments


def test_anything_else_goes_to_typer(tmp_path: Path) -> None:
    code, out, err, imported = run_argmap(tmp_path, "check", "--formt", "json")
    assert code == 2
    assert "No such option: --formt" in err
    assert "typer" in imported
    code, out, _, imported = run_argmap(tmp_path, "check", "--help")
    assert code == 0
    assert "--maps-only" in out
    assert "typer" in imported


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["a.yaml", "folder"],
        ["-f", "json", "-q", "--strict", "a.yaml"],
        ["--format=github", "--select=M,A402", "--ignore", "Q5", "a.yaml"],
        ["--config", "cfg.toml", "--max-file-size", "64MiB", "--color", "x.yml"],
        ["--no-color", "--color", "--maps-only", "-j", "2", "--jobs=0"],
        ["--", "-odd-name.yaml", "--strict"],
        ["-", "a.yaml"],
    ],
)
def test_parse_check_agrees_with_typer(arguments: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def record(paths: Any, **options: Any) -> int:
        seen.update(options, paths=list(paths or []))
        return 0

    monkeypatch.setattr("argmap.cli.check.run_check", record)
    assert CliRunner().invoke(app, ["check", *arguments]).exit_code == 0
    paths, options = parse_check(arguments)
    defaults = {
        name: parameter.default
        for name, parameter in inspect.signature(sys.modules["argmap.cli.base"].run_check).parameters.items()
        if parameter.kind is parameter.KEYWORD_ONLY
    }
    assert {**defaults, **options, "paths": paths} == seen


@pytest.mark.parametrize(
    "arguments",
    [["--formt", "json"], ["-qf", "json"], ["-j", "-1"], ["-j", "two"], ["--help"], ["-f"], ["--strict=1"]],
)
def test_parse_check_leaves_the_unusual_to_typer(arguments: list[str]) -> None:
    with pytest.raises(_NotPlain):
        parse_check(arguments)
