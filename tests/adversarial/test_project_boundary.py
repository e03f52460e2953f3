"""The project boundary, seen from the command line of a hostile repository.

A pull request controls every file of the checkout: its configuration, its
maps, their names and the symbolic links among them. Whatever it holds,
`argmap` reads nothing outside the project (docs/format.md, "the project"),
never echoes a line of a file outside it, never hangs on a special file,
ends with a clear message instead of an internal error, and never writes a
terminal escape sequence from the user's files to the terminal raw.

Each case runs the real CLI in a subprocess (conftest.py). The home folder
is a folder of the test (`HOME`), so a dotfiles repository can be staged.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.adversarial.conftest import CliResult, assert_no_crash, run_argmap

SECRET = "TOPSECRET-ssh-ed25519-AAAAC3Nza-never-print"
# A quote one word away from the secret line: were the file read, Q501 would
# show that line as the nearest passage.
NEAR_MISS = "TOPSECRET ssh ed25519 AAAAC3Nza never printed"

MAP = """\
argmap: 1
id: {map_id}
title: A map
source:
  file: {file}
conclusions:
  - id: claim
    text: A claim.
    quote: {quote}
"""


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _map(path: Path, file: str, *, map_id: str = "m", quote: str = "The words of the article") -> Path:
    return _write(path, MAP.format(map_id=map_id, file=file, quote=quote))


def _no_secret(result: CliResult) -> None:
    assert_no_crash(result)
    assert SECRET not in result.output, result.output
    assert "TOPSECRET" not in result.output, result.output


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/home (HOME, a dotfiles repository with .ssh/id_ed25519), tmp/outside/secret.*,
    and tmp/repo, a git checkout with seeds/article.txt."""
    home = tmp_path / "home"
    _write(home / ".ssh" / "id_ed25519", f"-----BEGIN OPENSSH PRIVATE KEY-----\n{SECRET}\n")
    (home / ".git").mkdir()
    monkeypatch.setenv("HOME", str(home))
    _write(tmp_path / "outside" / "secret.txt", f"{SECRET}\n")
    _write(tmp_path / "outside" / "secret.yaml", f"argmap: 1\nid: s\n{SECRET}: [\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    _write(repo / "seeds" / "article.txt", "The words of the article.\n")
    return tmp_path


# --- 1. scheme catalogues of the configuration ------------------------------------


@pytest.mark.parametrize(
    "written", ["/etc/shadow", "../outside/secret.yaml", "{outside}/secret.yaml", "/dev/zero"]
)
def test_a_scheme_catalogue_outside_the_project_is_refused_unread(world: Path, written: str) -> None:
    repo = world / "repo"
    written = written.format(outside=world / "outside")
    _write(repo / "pyproject.toml", f"[tool.argmap]\nschemes = [{json.dumps(written)}]\n")
    _map(repo / "maps" / "m.yaml", "../seeds/article.txt")
    for args in (["check", "maps"], ["schemes"]):
        result = run_argmap(*args, cwd=repo)
        _no_secret(result)
        assert result.code == 2, result.output
        assert result.stdout == ""
        assert result.stderr == (
            f"argmap: {repo / 'pyproject.toml'} [tool.argmap]: `schemes`: `{written}` is outside the project "
            f"`{repo}`; argmap reads no catalogue there\n"
            "  hint: keep scheme catalogues inside the project "
            "and name them relative to the configuration file\n"
        )


def test_a_scheme_catalogue_that_links_out_is_refused(world: Path) -> None:
    repo = world / "repo"
    (repo / "schemes.yaml").symlink_to(world / "outside" / "secret.yaml")
    _write(repo / "argmap.toml", 'schemes = ["schemes.yaml"]\n')
    result = run_argmap("schemes", cwd=repo)
    _no_secret(result)
    assert result.code == 2
    assert "`schemes.yaml` is outside the project" in result.stderr


def test_a_scheme_catalogue_that_is_a_pipe_is_refused_without_waiting(world: Path) -> None:
    repo = world / "repo"
    os.mkfifo(repo / "schemes.yaml")
    _write(repo / "argmap.toml", 'schemes = ["schemes.yaml"]\n')
    result = run_argmap("schemes", cwd=repo)
    assert_no_crash(result)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"argmap: {repo / 'schemes.yaml'}: cannot read the scheme catalogue: "
        "it is not a regular file (a pipe, a device or a socket)\n"
    )


# --- 2. the project root: never the home folder, never above the checkout ------------


@pytest.mark.parametrize("where", ["map", "home"])
def test_a_dotfiles_home_is_not_a_project(world: Path, where: str) -> None:
    home = world / "home"
    folder = home / "Downloads" / "x"
    _map(folder / "m.yaml", "../../.ssh/id_ed25519", quote=NEAR_MISS)
    cwd = folder if where == "map" else home
    shown = "m.yaml" if where == "map" else "Downloads/x/m.yaml"
    result = run_argmap("check", "--format", "parsable", "--select", "Q5", shown, cwd=cwd)
    _no_secret(result)
    assert result.code == 1
    assert result.stdout == (
        f"{shown}:5:9: [error] Q504 source file `../../.ssh/id_ed25519` climbs out of the project with `..`\n"
    )


def test_a_map_in_the_home_folder_itself_is_in_no_project(world: Path) -> None:
    home = world / "home"
    _map(home / "m.yaml", ".ssh/id_ed25519", quote=NEAR_MISS)
    result = run_argmap("check", "m.yaml", cwd=home)
    _no_secret(result)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"argmap: {home}: the home folder, or a folder above it, is no project: argmap reads nothing there\n"
    )


def test_a_configuration_above_the_checkout_is_not_read(world: Path) -> None:
    # It would silence every grounding rule of the checkout.
    _write(world / "pyproject.toml", '[tool.argmap]\nignore = ["Q"]\n')
    repo = world / "repo"
    _map(repo / "maps" / "m.yaml", "../seeds/article.txt", quote="Words nowhere in the article")
    result = run_argmap("check", "--format", "parsable", "--select", "Q", "maps", cwd=repo)
    assert_no_crash(result)
    assert result.code == 1
    assert result.stdout == (
        "maps/m.yaml:9:12: [error] Q501 "
        "the quote of conclusion `claim` does not occur in `seeds/article.txt`\n"
    )


# --- 3. maps named on the command line, and `new --source` ---------------------------


def test_a_named_map_that_links_out_of_the_project_is_not_read(world: Path) -> None:
    repo = world / "repo"
    (repo / "maps").mkdir()
    (repo / "maps" / "evil.yaml").symlink_to(world / "outside" / "secret.yaml")
    result = run_argmap("check", "maps/evil.yaml", cwd=repo)
    _no_secret(result)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"argmap: maps/evil.yaml: a link to a file outside the project `{repo}`; argmap does not read it\n"
        "  hint: check maps inside their project; copy the map into it rather than linking to it\n"
    )


def test_a_map_that_links_out_is_skipped_unread_in_a_folder(world: Path) -> None:
    repo = world / "repo"
    (repo / "maps").mkdir()
    (repo / "maps" / "evil.yaml").symlink_to(world / "outside" / "secret.yaml")
    (repo / "linked").symlink_to(world / "outside", target_is_directory=True)
    _map(repo / "maps" / "good.yaml", "../seeds/article.txt")
    for folder in ("maps", "linked", "."):
        result = run_argmap("check", "--format", "parsable", folder, cwd=repo)
        _no_secret(result)
        assert result.code == 0, (folder, result.output)


def test_new_refuses_a_source_outside_the_project(world: Path) -> None:
    repo = world / "repo"
    for source in (str(world / "outside" / "secret.txt"), "../outside/secret.txt", "/etc/passwd"):
        result = run_argmap("new", "maps/m.yaml", "--parents", "--source", source, cwd=repo)
        _no_secret(result)
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr == (
            f"argmap: {source}: outside the project `{repo}` of the new map; argmap does not read it\n"
            "  hint: copy the document into the project, beside or below the map's folder\n"
        )
        assert not (repo / "maps" / "m.yaml").exists()


def test_new_refuses_a_source_that_is_a_pipe(world: Path) -> None:
    repo = world / "repo"
    os.mkfifo(repo / "seeds" / "pipe.txt")
    result = run_argmap("new", "m.yaml", "--source", "seeds/pipe.txt", cwd=repo)
    assert_no_crash(result)
    assert (result.code, result.stdout) == (2, "")
    assert (
        result.stderr
        == "argmap: seeds/pipe.txt: cannot read: it is not a regular file (a pipe, a device or a socket)\n"
    )


# --- 4. clear messages instead of internal errors -------------------------------------


def test_a_nul_byte_in_source_file_is_a_problem_and_the_folder_check_goes_on(world: Path) -> None:
    repo = world / "repo"
    _map(repo / "maps" / "a.yaml", '"../seeds/article\\0.txt"', map_id="a")
    _map(repo / "maps" / "b.yaml", "../seeds/missing.txt", map_id="b")
    result = run_argmap("check", "--format", "parsable", "--select", "Q5", "maps", cwd=repo)
    assert_no_crash(result)
    assert result.code == 1
    assert result.stdout == (
        "maps/a.yaml:5:9: [error] Q503 source file `../seeds/article\\x00.txt` cannot name a file: "
        "it holds a NUL byte\n"
        "maps/b.yaml:5:9: [error] Q503 source file `../seeds/missing.txt` does not exist "
        "(looked for `seeds/missing.txt`)\n"
    )


def test_a_source_file_name_over_255_bytes_is_a_problem(world: Path) -> None:
    repo = world / "repo"
    name = "a" * 300 + ".txt"
    _map(repo / "maps" / "a.yaml", name, map_id="a")
    result = run_argmap("check", "--format", "parsable", "--select", "Q5", "maps", cwd=repo)
    assert_no_crash(result)
    assert result.code == 1
    assert result.stdout == (
        f"maps/a.yaml:5:9: [error] Q503 source file `{name}` cannot name a file: "
        "a part of it is longer than 255 bytes\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"tool = 5\n", "`tool` must be a table"),
        (b"[tool]\nargmap = 5\n", "[tool.argmap] must be a table"),
        (
            b'[tool.argmap]\nignore = ["A401"]\n# \xff\xfe\n',
            "not UTF-8 text (the first bad byte is on line 3)",
        ),
    ],
)
def test_a_broken_pyproject_is_a_one_line_error(world: Path, content: bytes, message: str) -> None:
    repo = world / "repo"
    _write(repo / "pyproject.toml", content)
    _map(repo / "m.yaml", "seeds/article.txt")
    result = run_argmap("check", "m.yaml", cwd=repo)
    assert_no_crash(result)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == f"argmap: {repo / 'pyproject.toml'}: {message}\n"


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ("1e23GiB", "'1e23GiB' is not a size; write bytes or a size like \"64MiB\""),
        (
            "100000000000000000000000GiB",
            "'100000000000000000000000GiB' is over the largest size argmap takes, 1024 TiB",
        ),
    ],
)
def test_a_max_file_size_beyond_reason_is_a_usage_error(world: Path, size: str, message: str) -> None:
    repo = world / "repo"
    _map(repo / "m.yaml", "seeds/article.txt")
    result = run_argmap("check", "--max-file-size", size, "m.yaml", cwd=repo)
    assert_no_crash(result)
    assert (result.code, result.stdout, result.stderr) == (2, "", f"argmap: --max-file-size: {message}\n")


def test_a_path_component_over_255_bytes_on_the_command_line(world: Path) -> None:
    result = run_argmap("check", "a" * 300 + ".yaml", cwd=world / "repo")
    assert_no_crash(result)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == f"argmap: {'a' * 300}.yaml: not a usable path (File name too long)\n"


# --- 5. terminal escape sequences ------------------------------------------------------

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\u202etxt.exe"
SHOWN = "\\x1b]0;pwned\\x07\\x1b[2J\\u202etxt.exe"


@pytest.mark.parametrize("output_format", ["text", "parsable", "github"])
def test_escape_sequences_in_a_map_never_reach_the_terminal_raw(world: Path, output_format: str) -> None:
    repo = world / "repo"
    written = json.dumps(HOSTILE)
    _map(repo / "m.yaml", written)
    result = run_argmap("check", "--format", output_format, "--select", "Q503", "m.yaml", cwd=repo)
    assert_no_crash(result)
    assert result.code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output
    assert f"source file `{SHOWN}` does not exist" in result.stdout


def test_json_output_keeps_the_string_exactly(world: Path) -> None:
    repo = world / "repo"
    _map(repo / "m.yaml", json.dumps(HOSTILE))
    result = run_argmap("check", "--format", "json", "--select", "Q503", "m.yaml", cwd=repo)
    assert result.code == 1
    assert "\x1b" not in result.stdout
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["message"].startswith(f"source file `{HOSTILE}` does not exist")


def test_escape_sequences_in_a_file_name_are_shown_escaped(world: Path) -> None:
    repo = world / "repo"
    name = "\x1b[31mred.yaml"
    _map(repo / name, "seeds/article.txt", quote="Words nowhere in the article")
    result = run_argmap("check", "--format", "parsable", "--select", "Q501", ".", cwd=repo)
    assert_no_crash(result)
    assert "\x1b" not in result.output
    assert result.stdout.startswith("\\x1b[31mred.yaml:9:12: [error] Q501 ")
