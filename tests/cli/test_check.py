"""`argmap check`, `export`, `schema`, `--version`, `--help`: exit codes, stdout and stderr together."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap import __version__
from argmap.cli import app
from tests.helpers import MINIMAL, write

runner = CliRunner()

BROKEN = """\
argmap: 1
id: broken
title: Broken
conclusions:
  - id: claim
    qoute: said somewhere
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_clean_map_exits_0(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", MINIMAL)
    assert invoke("check", "good.yaml") == (0, "1 map checked: no problems.\n", "")


def test_quiet_clean_map_prints_nothing(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", MINIMAL)
    assert invoke("check", "-q", "good.yaml") == (0, "", "")


def test_problems_exit_1_with_file_line_col_code_and_hint(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", BROKEN)
    code, out, err = invoke("check", "bad.yaml")
    assert code == 1
    assert err == ""
    assert out == (
        "bad.yaml:5:5: S202 conclusion `claim` needs `text` [error]\n"
        "    hint: write the claim in your own words, one sentence\n"
        "bad.yaml:6:5: S203 unknown key `qoute` in conclusion `claim`; did you mean `quote`? [error]\n"
        "    hint: the keys allowed here: `about`, `assumed`, `at`, `because`, `conceded`, `contradicts`, "
        "`counterexamples`, `id`, `ignore`, `implicit`, `note`, `outweighs`, `question`, `quote`, `role`, "
        "`standard`, `tags`, `text`, `url`, `weaker`, `weight`\n"
        "\n"
        "1 map checked: 2 errors in 1 file.\n"
    )


def test_syntax_error_shows_excerpt_and_caret(tmp_path: Path) -> None:
    write(tmp_path, "syntax.yaml", "argmap: 1\nid: x\ntitle: [unclosed\n")
    code, out, _ = invoke("check", "syntax.yaml")
    assert code == 1
    assert out.splitlines()[:3] == [
        "syntax.yaml:3:8: L101 YAML syntax error: "
        "did not find expected ',' or ']' (while parsing a flow sequence) [error]",
        "    3 | title: [unclosed",
        "      |        ^",
    ]


def test_parsable_format(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", BROKEN)
    assert invoke("check", "--format", "parsable", "bad.yaml") == (
        1,
        "bad.yaml:5:5: [error] S202 conclusion `claim` needs `text`\n"
        "bad.yaml:6:5: [error] S203 unknown key `qoute` in conclusion `claim`; did you mean `quote`?\n",
        "",
    )


def test_json_format(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", BROKEN)
    code, out, _ = invoke("check", "-f", "json", "bad.yaml")
    assert code == 1
    document = json.loads(out)
    assert document["files_checked"] == 1
    assert document["summary"] == {"info": 0, "warning": 0, "error": 2}
    assert document["problems"][0] == {
        "file": "bad.yaml",
        "line": 5,
        "column": 5,
        # A missing key has no written value to end.
        "end_line": None,
        "end_column": None,
        "code": "S202",
        "severity": "error",
        "message": "conclusion `claim` needs `text`",
        "hint": "write the claim in your own words, one sentence",
        "node": None,
    }


def test_github_format(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", BROKEN)
    code, out, _ = invoke("check", "-f", "github", "bad.yaml")
    assert code == 1
    assert out.splitlines()[0] == (
        "::error file=bad.yaml,line=5,col=5,title=argmap S202::conclusion `claim` needs `text`"
        "%0Awrite the claim in your own words, one sentence"
    )


def test_unknown_format_exits_2(tmp_path: Path) -> None:
    assert invoke("check", "-f", "xml", ".") == (
        2,
        "",
        "argmap: unknown format `xml`\n  hint: use one of: text, parsable, json, github, sarif\n",
    )


def test_missing_path_exits_2(tmp_path: Path) -> None:
    assert invoke("check", "nowhere.yaml") == (2, "", "argmap: nowhere.yaml: no such file or folder\n")


def test_folder_checks_only_files_that_declare_argmap(tmp_path: Path) -> None:
    write(tmp_path, "maps/a.yaml", MINIMAL)
    write(tmp_path, "maps/sub/b.yml", MINIMAL.replace("id: demo", "id: other"))
    write(tmp_path, "maps/.github/workflow.yaml", "on: push\n")
    write(tmp_path, "maps/config.yaml", "name: not a map\n")
    assert invoke("check", "maps") == (0, "2 maps checked: no problems.\n", "")


def test_default_path_is_the_current_folder(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", MINIMAL)
    assert invoke("check") == (0, "1 map checked: no problems.\n", "")


def test_folder_named_like_a_map_is_searched_not_read(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    assert invoke("check", "x.yaml") == (
        0,
        "0 maps checked: no problems.\n",
        "argmap: warning: no maps found in `x.yaml`\n"
        "  hint: a map is a .yaml or .yml file that declares `argmap: 1`; check the path\n",
    )


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    text = MINIMAL + "ignore:\n  M301: nothing to silence\n"
    write(tmp_path, "warn.yaml", text)
    code, out, _ = invoke("check", "warn.yaml")
    assert code == 0
    assert "X001 `ignore` of M301 silences nothing here [warning]" in out
    assert invoke("check", "--strict", "warn.yaml")[0] == 1


def test_select_and_ignore(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", BROKEN)
    assert invoke("check", "--ignore", "S", "bad.yaml") == (0, "1 map checked: no problems.\n", "")
    assert invoke("check", "--select", "S203", "-f", "parsable", "bad.yaml")[1].count("\n") == 1


def test_unknown_code_in_select_exits_2(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", MINIMAL)
    assert invoke("check", "--select", "Z9", "good.yaml") == (
        2,
        "",
        "argmap: no rule code starts with `Z9`\n  hint: `argmap rules` lists the codes\n",
    )


def test_bad_configuration_exits_2(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", MINIMAL)
    write(tmp_path, "argmap.toml", "selct = ['M']\n")
    code, out, err = invoke("check", "good.yaml")
    assert (code, out) == (2, "")
    assert err.startswith("argmap: ") and "unknown key `selct`; did you mean `select`?" in err


def test_configured_severity_applies(tmp_path: Path) -> None:
    write(tmp_path, "warn.yaml", MINIMAL + "ignore:\n  M301: nothing to silence\n")
    write(tmp_path, "pyproject.toml", '[tool.argmap]\nseverity = {X001 = "error"}\n')
    assert invoke("check", "-q", "warn.yaml")[0] == 1


def test_max_file_size_option(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", MINIMAL)
    code, out, _ = invoke("check", "--max-file-size", "10", "-f", "parsable", "good.yaml")
    assert code == 1
    assert (
        out == "good.yaml:1:1: [error] L105 the file is 331 bytes, over the limit of 10 bytes for one map\n"
    )


def test_colour_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", BROKEN)
    assert "\x1b[" not in invoke("check", "bad.yaml")[1]
    assert "\x1b[31merror\x1b[0m" in invoke("check", "--color", "bad.yaml")[1]


def test_export_json_shape(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", MINIMAL)
    code, out, err = invoke("export", "good.yaml")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert {key: document[key] for key in ("argmap", "id", "title", "roots", "edges")} == {
        "argmap": 1,
        "id": "demo",
        "title": "A demo map",
        "roots": ["claim"],
        "edges": [
            {
                "from": "from-sign",
                "to": "claim",
                "relation": "supports",
                "ref": False,
                "line": 9,
                "column": 9,
            },
            {
                "from": "sign",
                "to": "from-sign",
                "relation": "premise",
                "ref": False,
                "line": 12,
                "column": 13,
            },
        ],
    }
    node = document["nodes"][0]
    assert {key: node[key] for key in ("id", "kind", "text", "quote", "implicit", "file", "line")} == {
        "id": "claim",
        "kind": "conclusion",
        "text": "The bridge is closed.",
        "quote": [],
        "implicit": True,
        "file": "good.yaml",
        "line": 5,
    }


def test_export_of_invalid_map_exits_1_with_problems_on_stderr(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", BROKEN)
    code, out, err = invoke("export", "bad.yaml")
    assert (code, out) == (1, "")
    assert "bad.yaml:5:5: S202 conclusion `claim` needs `text` [error]" in err


def test_export_to_file(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", MINIMAL)
    assert invoke("export", "good.yaml", "-o", "out.json") == (0, "", "")
    assert json.loads((tmp_path / "out.json").read_text())["id"] == "demo"


def test_schema_command_prints_the_schema() -> None:
    code, out, _ = invoke("schema")
    assert code == 0
    assert json.loads(out)["title"] == "argmap argument map"


def test_version() -> None:
    assert invoke("--version") == (0, f"argmap {__version__}\n", "")


@pytest.mark.parametrize("command", ["check", "export", "schema"])
def test_every_command_has_help(command: str) -> None:
    code, out, _ = invoke(command, "--help")
    assert code == 0
    assert "Usage" in out


def test_python_dash_m_and_internal_errors_without_traceback(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", MINIMAL)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "good.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "1 map checked: no problems.\n", "")


def test_maps_only_skips_named_files_that_are_not_maps(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", MINIMAL)
    write(tmp_path, "ci.yaml", "on: push\n")
    assert invoke("check", "--maps-only", "good.yaml", "ci.yaml") == (0, "1 map checked: no problems.\n", "")
    assert invoke("check", "ci.yaml")[0] == 1


def test_jobs_give_the_same_output_as_one_process(tmp_path: Path) -> None:
    for index in range(24):
        text = MINIMAL.replace("id: demo", f"id: demo-{index}")
        if index % 5 == 0:
            text = text.replace("text: The bridge is closed.", "qoute: x")
        write(tmp_path, f"maps/m{index:02}.yaml", text)
    one = invoke("check", "-j", "1", "-f", "parsable", "maps")
    two = invoke("check", "-j", "2", "-f", "parsable", "maps")
    assert one == two
    assert one[0] == 1
    assert one[1].count("S203") == 5


def test_negative_jobs_exit_2(tmp_path: Path) -> None:
    assert invoke("check", "-j", "-1", ".")[0] == 2


def test_a_nul_byte_in_source_file_is_reported_at_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    text = MINIMAL.replace("title: A demo map\n", 'title: A demo map\nsource:\n  file: "a\\0b.txt"\n')
    write(tmp_path, "m.yaml", text)
    result = CliRunner().invoke(app, ["check", "--format", "parsable", "--select", "Q", "m.yaml"])
    assert (result.exit_code, result.stderr) == (1, "")
    assert (
        result.stdout
        == "m.yaml:5:9: [error] Q503 source file `a\\x00b.txt` cannot name a file: it holds a NUL byte\n"
    )


def test_a_max_file_size_too_large_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "m.yaml", MINIMAL)
    result = CliRunner().invoke(app, ["check", "--max-file-size", "9" * 30, "m.yaml"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == f"argmap: --max-file-size: '{'9' * 30}' is over the largest size argmap takes, 1024 TiB\n"
    )


def test_a_named_map_that_links_out_of_the_project_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "outside.yaml").write_text("argmap: 1\nTOPSECRET: [\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "m.yaml").symlink_to(tmp_path / "outside.yaml")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["check", "m.yaml"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"argmap: m.yaml: a link to a file outside the project `{project.resolve()}`; "
        "argmap does not read it\n"
        "  hint: check maps inside their project; copy the map into it rather than linking to it\n"
    )


@pytest.mark.parametrize("command", ["check", "export"])
def test_a_file_name_too_long_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "a" * 300 + ".yaml"
    result = CliRunner().invoke(app, [command, name])
    assert (result.exit_code, result.stdout) == (2, "")
    expected = "not a usable path (File name too long)" if command == "check" else "file name too long"
    assert result.stderr == f"argmap: {name}: {expected}\n"


def test_the_overrides_of_a_run_are_the_librarys_own() -> None:
    from argmap.config import Config
    from argmap.files import Limits
    from argmap.problems import UsageError

    base = Config(ignore=frozenset({"A4"}))
    known = {"A403", "A411", "S203"}
    assert base.with_overrides(known, select="s2", ignore="a411", max_file_size="1KiB") == Config(
        select=frozenset({"S2"}), ignore=frozenset({"A4", "A411"}), limits=Limits(max_bytes=1024)
    )
    assert base.with_overrides(known) is base
    with pytest.raises(UsageError) as raised:
        base.with_overrides(known, ignore="Z9")
    assert (raised.value.message, raised.value.hint) == (
        "no rule code starts with `Z9`",
        "`argmap rules` lists the codes",
    )


def test_an_empty_folder_warns_and_fails_under_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    warning = (
        "argmap: warning: no maps found in `empty`\n"
        "  hint: a map is a .yaml or .yml file that declares `argmap: 1`; check the path\n"
    )
    result = runner.invoke(app, ["check", "empty"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "0 maps checked: no problems.\n", warning)
    result = runner.invoke(app, ["check", "--strict", "empty"])
    assert (result.exit_code, result.stderr) == (2, warning)
    # pre-commit passes the staged YAML files: none of them a map is normal.
    result = runner.invoke(app, ["check", "--maps-only", "empty"])
    assert (result.exit_code, result.stderr) == (0, "")
