"""Configuration: found upwards, validated like a map, applied to problems."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import argmap.project
from argmap.config import (
    Config,
    Option,
    find_config_file,
    load_config,
    option_values,
    parse_config,
    parse_size,
    project_root,
)
from argmap.problems import ConfigError, Severity
from argmap.project import NoProject

KNOWN = frozenset({"M301", "M302", "A401", "A402", "X001"})


def test_defaults() -> None:
    config = Config()
    assert config.enabled("M301")
    assert config.severity_of("A401", Severity.WARNING) is Severity.WARNING
    assert config.limits.max_bytes == 32 * 1024 * 1024


def test_select_ignore_and_prefixes(tmp_path: Path) -> None:
    config = parse_config({"select": ["M", "A401"], "ignore": ["M302"]}, tmp_path / "argmap.toml", KNOWN)
    assert [code for code in sorted(KNOWN) if config.enabled(code)] == ["A401", "M301"]


def test_severity_and_rule_options(tmp_path: Path) -> None:
    config = parse_config(
        {"severity": {"A402": "info"}, "rules": {"A401": {"min": 2}}}, tmp_path / "argmap.toml", KNOWN
    )
    assert config.severity_of("A402", Severity.WARNING) is Severity.INFO
    assert config.options("A401") == {"min": 2}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"selct": ["M"]}, "unknown key `selct`; did you mean `select`?"),
        ({"select": "M"}, "`select` must be a list of rule codes"),
        ({"ignore": ["m301"]}, "`m301` in `ignore` is not a rule code"),
        ({"ignore": ["Q"]}, "no rule code starts with `Q` (in `ignore`)"),
        ({"severity": {"A401": "fatal"}}, "severity of A401: unknown severity 'fatal'"),
        ({"severity": {"A409": "info"}}, "unknown rule `A409` in `severity`; did you mean `A402`?"),
        ({"max-file-size": "big"}, "`max-file-size`: 'big' is not a size"),
        ({"max-depth": 0}, "`max-depth` must be a positive whole number"),
        ({"rules": {"A401": 3}}, "`rules` must hold one table per rule code"),
    ],
)
def test_mistakes_are_errors_that_name_the_file(
    tmp_path: Path, table: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(table, tmp_path / "argmap.toml", KNOWN)
    assert raised.value.message.startswith(str(tmp_path / "argmap.toml") + ": ")
    assert message in raised.value.message


@pytest.mark.parametrize(
    ("text", "size"), [("64MiB", 64 * 1024**2), ("500 KB", 500_000), ("1000", 1000), (12, 12)]
)
def test_sizes(text: object, size: int) -> None:
    assert parse_size(text) == size


def test_found_upwards_nearest_first(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nignore = ["A401"]\n')
    (tmp_path / "maps").mkdir()
    assert load_config(tmp_path / "maps", KNOWN).ignore == frozenset({"A401"})
    (tmp_path / "maps" / "argmap.toml").write_text('ignore = ["A402"]\n')
    assert load_config(tmp_path / "maps", KNOWN).ignore == frozenset({"A402"})


def test_pyproject_without_argmap_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config_file(tmp_path) is None


def test_invalid_toml(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("select = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(tmp_path)


def test_project_root(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("")
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert project_root(tmp_path / "a" / "b") == tmp_path.resolve()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/home, a dotfiles repository, stands for the user's home folder."""
    folder = tmp_path / "home"
    (folder / ".git").mkdir(parents=True)
    monkeypatch.setattr(argmap.project, "home_folder", lambda: folder.resolve())
    return folder


def test_the_repository_root_is_the_project(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "maps").mkdir()
    assert project_root(tmp_path / "repo" / "maps", cwd=tmp_path) == (tmp_path / "repo").resolve()


def test_a_pyproject_without_an_argmap_table_is_no_project_root(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "maps").mkdir()
    (tmp_path / "repo" / "maps" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert project_root(tmp_path / "repo" / "maps") == (tmp_path / "repo").resolve()
    (tmp_path / "repo" / "maps" / "pyproject.toml").write_text("[tool.argmap]\n")
    assert project_root(tmp_path / "repo" / "maps") == (tmp_path / "repo" / "maps").resolve()


def test_configuration_above_a_repository_root_is_never_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nignore = ["A401"]\n')
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert find_config_file(tmp_path / "repo") is None
    assert load_config(tmp_path / "repo", KNOWN) == Config()


def test_the_home_folder_is_never_a_project(home: Path) -> None:
    (home / "Downloads" / "x").mkdir(parents=True)
    (home / "argmap.toml").write_text('ignore = ["A401"]\n')
    assert project_root(home / "Downloads" / "x", cwd=home) == (home / "Downloads" / "x").resolve()
    assert project_root(home / "Downloads" / "x", cwd=home / "Downloads") == (home / "Downloads").resolve()
    assert find_config_file(home / "Downloads" / "x", cwd=home) is None
    with pytest.raises(NoProject) as raised:
        project_root(home, cwd=home)
    assert raised.value.message == (
        f"{home}: the home folder, or a folder above it, is no project: argmap reads nothing there"
    )
    with pytest.raises(NoProject):
        project_root(home.parent, cwd=home)


def test_without_any_marker_the_working_folder_or_the_folder_itself(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert project_root(tmp_path / "a" / "b", cwd=tmp_path / "a") == (tmp_path / "a").resolve()
    assert project_root(tmp_path / "a" / "b", cwd=tmp_path / "elsewhere") == (tmp_path / "a" / "b").resolve()


def test_a_folder_reached_through_a_link_is_no_root(tmp_path: Path) -> None:
    # repo/maps links to a foreign folder with a .git of its own: the project stays the repository.
    (tmp_path / "foreign" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "maps").symlink_to(tmp_path / "foreign", target_is_directory=True)
    assert project_root(tmp_path / "repo" / "maps") == (tmp_path / "repo").resolve()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"tool = 5\n", "`tool` must be a table"),
        (b"\xff\n", "not UTF-8 text (the first bad byte is on line 1)"),
    ],
)
def test_a_broken_pyproject_is_a_config_error(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "pyproject.toml").write_bytes(content)
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert raised.value.message == f"{tmp_path / 'pyproject.toml'}: {message}"


def test_a_configuration_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "argmap.toml")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert raised.value.message == (
        f"{tmp_path / 'argmap.toml'}: cannot read: not a regular file (a pipe, a device or a socket)"
    )


@pytest.mark.parametrize("written", ["/etc/shadow", "../outside.yaml", "link.yaml"])
def test_scheme_catalogues_stay_inside_the_project(tmp_path: Path, written: str) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "outside.yaml").write_text("secret\n")
    (tmp_path / "project" / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    config_file = tmp_path / "project" / "argmap.toml"
    config_file.write_text("")
    with pytest.raises(ConfigError) as raised:
        parse_config({"schemes": [written]}, config_file, KNOWN)
    assert raised.value.message == (
        f"{config_file}: `schemes`: `{written}` is outside the project `{(tmp_path / 'project').resolve()}`; "
        "argmap reads no catalogue there"
    )


def test_a_size_beyond_reason_is_refused() -> None:
    with pytest.raises(ValueError, match="over the largest size argmap takes"):
        parse_size("100000000000000000000000GiB")
    with pytest.raises(ValueError, match="over the largest size argmap takes"):
        parse_size(10**30)


OPTIONS = {
    "A401": (),
    "A403": (
        Option("min-unmatched", "integer", 3, "how many.", minimum=1),
        Option("count-quotes", "boolean", True, "whether."),
    ),
}


def test_rule_options_are_validated_against_what_the_rule_declares(tmp_path: Path) -> None:
    config = parse_config({"rules": {"A403": {"min-unmatched": 5}}}, tmp_path / "argmap.toml", OPTIONS)
    assert config.options("A403") == {"min-unmatched": 5}
    assert option_values(OPTIONS["A403"], config.options("A403")) == {
        "min-unmatched": 5,
        "count-quotes": True,
    }
    assert option_values(OPTIONS["A403"], Config().options("A403")) == {
        "min-unmatched": 3,
        "count-quotes": True,
    }


@pytest.mark.parametrize(
    ("file", "table", "message"),
    [
        (
            "argmap.toml",
            {"A403": {"count-quote": True}},
            "{d}/argmap.toml: [rules.A403]: unknown option `count-quote`; did you mean `count-quotes`?",
        ),
        (
            "pyproject.toml",
            {"A403": {"count-quotes": "yes"}},
            "{d}/pyproject.toml: [tool.argmap.rules.A403]: `count-quotes` must be true or false",
        ),
        (
            "argmap.toml",
            {"A403": {"min-unmatched": 1.5}},
            "{d}/argmap.toml: [rules.A403]: `min-unmatched` must be a whole number of at least 1",
        ),
        ("argmap.toml", {"A401": {"min": 2}}, "{d}/argmap.toml: [rules.A401]: A401 has no options"),
    ],
)
def test_a_wrong_rule_option_is_refused_with_did_you_mean(
    tmp_path: Path, file: str, table: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config({"rules": table}, tmp_path / file, OPTIONS)
    assert raised.value.message == message.format(d=tmp_path)
