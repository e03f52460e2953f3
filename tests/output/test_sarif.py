"""`argmap check --format sarif`: a SARIF 2.1.0 log that the OASIS schema
accepts, with one result per problem, its region (start and end) and rule."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.output.formats import format_problems
from argmap.problems import Problem, Severity
from tests.helpers import write

SCHEMA = json.loads((Path(__file__).parent / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

ARTICLE = "For them, it is revenge against the stronger West.\n"
MAP = """\
argmap: 1
id: m
title: A map
source:
  file: article.txt
conclusions:
  - id: claim
    text: A claim.
    quote: "For them, it is revenge against the strong West."
    because:
      - id: from-nowhere
        scheme: argument-from-example
        premises:
          - ref: nowhere
      - id: from-elsewhere
        premises:
          - id: lone
            text: A lone premise.
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def sarif_of(tmp_path: Path, *args: str) -> tuple[int, dict[str, object]]:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    write(tmp_path, "m.yaml", MAP)
    result = CliRunner().invoke(app, ["check", "--format", "sarif", *args, "m.yaml"])
    assert result.stderr == ""
    return result.exit_code, json.loads(result.stdout)


def test_the_log_is_valid_sarif_2_1_0(tmp_path: Path) -> None:
    code, log = sarif_of(tmp_path)
    assert code == 1
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(log)


def test_each_problem_is_a_result_with_its_region_and_rule(tmp_path: Path) -> None:
    _, log = sarif_of(tmp_path, "--select", "Q501,M302")
    run = log["runs"][0]  # type: ignore[index]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["M302", "Q501"]
    assert run["tool"]["driver"]["rules"][1]["helpUri"] == (
        "https://github.com/argmap/argmap/blob/main/argmap/rules/q501_quote_not_found.py"
    )
    assert run["tool"]["driver"]["rules"][1]["defaultConfiguration"] == {"level": "error"}
    assert [
        (result["ruleId"], result["ruleIndex"], result["level"], result["locations"][0]["physicalLocation"])
        for result in run["results"]
    ] == [
        (
            "Q501",
            1,
            "error",
            {
                "artifactLocation": {"uri": "m.yaml"},
                # The quote's value, closing quotation mark included.
                "region": {"startLine": 9, "startColumn": 12, "endLine": 9, "endColumn": 62},
            },
        ),
        (
            "M302",
            0,
            "error",
            {
                "artifactLocation": {"uri": "m.yaml"},
                "region": {"startLine": 14, "startColumn": 18, "endLine": 14, "endColumn": 25},
            },
        ),
    ]
    assert run["results"][0]["message"]["text"] == (
        "the quote of conclusion `claim` does not occur in `article.txt`\n\n"
        "hint: the nearest passage is at line 1: after “is revenge against the”, the quote has "
        "“strong West.” where the source has “stronger West”; copy the quote from the source"
    )
    assert run["results"][0]["partialFingerprints"] == {"argmapNode/v1": "Q501:m#claim"}


def test_quiet_and_min_severity_apply_to_sarif(tmp_path: Path) -> None:
    _, everything = sarif_of(tmp_path)
    _, quiet = sarif_of(tmp_path, "-q")
    levels = {result["level"] for result in everything["runs"][0]["results"]}  # type: ignore[index]
    assert "note" in levels or "warning" in levels
    assert {result["level"] for result in quiet["runs"][0]["results"]} == {"error"}  # type: ignore[index]


def test_paths_become_uri_references() -> None:
    problem = Problem("A402", Severity.WARNING, "maps/a b%.yaml", 3, 5, "gap")
    log = json.loads(format_problems([problem], "sarif", files_checked=1))
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "maps/a%20b%25.yaml"
    }
    assert "endLine" not in log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]


def test_json_gives_end_positions(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    write(tmp_path, "m.yaml", MAP)
    result = CliRunner().invoke(app, ["check", "--format", "json", "--select", "M302", "m.yaml"])
    problem = json.loads(result.stdout)["problems"][0]
    assert (problem["line"], problem["column"], problem["end_line"], problem["end_column"]) == (
        14,
        18,
        14,
        25,
    )


def test_min_severity_filters_every_format_but_not_the_exit_code(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    write(tmp_path, "m.yaml", MAP)
    runner = CliRunner()
    everything = runner.invoke(app, ["check", "-f", "parsable", "m.yaml"])
    warnings = runner.invoke(app, ["check", "-f", "parsable", "--min-severity", "warning", "m.yaml"])
    errors = runner.invoke(app, ["check", "-f", "parsable", "--min-severity", "error", "m.yaml"])
    assert "[info]" in everything.stdout
    assert warnings.stdout.splitlines() == [
        line for line in everything.stdout.splitlines() if "[info]" not in line
    ]
    assert "[warning]" in warnings.stdout
    assert errors.stdout.splitlines() == [
        line for line in everything.stdout.splitlines() if "[error]" in line
    ]
    assert (everything.exit_code, warnings.exit_code, errors.exit_code) == (1, 1, 1)


def test_an_unknown_min_severity_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", "--min-severity", "loud", "."])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "argmap: --min-severity: unknown severity 'loud'; use error, warning or info\n",
    )
