"""Configuration: found upwards, validated like a map, applied to problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.config import Config, find_config_file, load_config, parse_config, parse_size, project_root
from argmap.problems import ConfigError, Severity

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
def test_mistakes_are_errors_that_name_the_file(tmp_path: Path, table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(table, tmp_path / "argmap.toml", KNOWN)
    assert raised.value.message.startswith(str(tmp_path / "argmap.toml") + ": ")
    assert message in raised.value.message


@pytest.mark.parametrize(("text", "size"), [("64MiB", 64 * 1024**2), ("500 KB", 500_000), ("1000", 1000), (12, 12)])
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
