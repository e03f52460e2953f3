"""A schema error in one part of a map does not hide the findings of the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.config import Config
from argmap.input.salvage import salvage
from argmap.input.schema import validated
from argmap.input.yaml_reader import load_text
from argmap.lint.runner import check_paths

SOURCE = "Cats sleep all day.\nDogs bark at night.\n"
MAP = """\
argmap: 1
id: pets
title: Pets
source:
  file: ../sources/pets.txt
conclusions:
  - id: lazy
    text: Cats are lazy.
    quote: Cats sleep all night.
    because:
      - id: from-sleep
        warrant: Who sleeps all day is lazy.
        premises:
          - id: sleep
            text: 12
            quote: Cats sleep
          - ref: sleep
  - id: loud
    text: Dogs are loud.
    quote: Dogs bark at night.
    because:
      - id: from-barking
        warrant: Who barks is loud.
        premises:
          - id: bark
            txt: Dogs bark.
  - ref: bark
"""


def project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "maps").mkdir()
    (tmp_path / "sources" / "pets.txt").write_text(SOURCE, encoding="utf-8")
    path = tmp_path / "maps" / "pets.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def findings(tmp_path: Path, text: str) -> list[tuple[str, int, str]]:
    path = project(tmp_path, text)
    result = check_paths([path], Config(), cwd=tmp_path)
    return [(problem.code, problem.line, problem.message) for problem in result.problems]


def test_a_schema_error_and_a_quote_error_elsewhere_are_both_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, MAP)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "maps/pets.yaml"])
    assert result.exit_code == 1
    shown = [line for line in result.stdout.splitlines() if line.startswith("maps/")]
    # No M302 for `ref: sleep` or `ref: bark` (their nodes failed the schema),
    # and no A401 for `loud`, whose only reason fell with `bark`.
    assert shown == [
        "maps/pets.yaml:9:12: Q501 the quote of conclusion `lazy` does not occur in `sources/pets.txt` "
        "[error]",
        "maps/pets.yaml:15:19: S204 `text` of premise `sleep` must be a text, not a number [error]",
        "maps/pets.yaml:25:13: S202 premise `bark` needs `text` [error]",
        "maps/pets.yaml:26:13: S203 unknown key `txt` in premise `bark`; did you mean `text`? [error]",
    ]


FIXED = MAP.replace("text: 12", "text: Cats sleep.").replace("txt: Dogs bark.", "text: Dogs bark.")


def test_without_its_schema_errors_the_map_reports_the_same_quote_error(tmp_path: Path) -> None:
    # `bark`, now valid, gets the findings its schema error kept back.
    assert findings(tmp_path, FIXED) == [
        ("Q501", 9, "the quote of conclusion `lazy` does not occur in `sources/pets.txt`"),
        ("A401", 25, "conclusion `bark` has no `because`: nothing in the map supports it"),
        (
            "A407",
            25,
            "premise `bark` has neither a `quote` nor `implicit: true`: nothing ties it to the source",
        ),
    ]


def test_a_failing_field_of_the_map_or_its_source_is_left_out_and_the_rest_kept(tmp_path: Path) -> None:
    text = FIXED.replace("title: Pets\n", "title: Pets\ncolour: red\n")
    text = text.replace("  file: ../sources/pets.txt\n", "  file: ../sources/pets.txt\n  url: ftp://x.org\n")
    text = text.replace("    quote: Cats sleep\n", "    quote: Cats sleep\n            implicit: maybe\n")
    # The source keeps its file, so the quotes are still checked (Q501).
    assert findings(tmp_path, text) == [
        ("S203", 4, "unknown key `colour` in the map"),
        ("S207", 7, "`url` of `source` must be an http or https address, not `ftp://x.org`"),
        ("Q501", 11, "the quote of conclusion `lazy` does not occur in `sources/pets.txt`"),
        ("S206", 19, "premise `sleep` has both `quote` and `implicit`"),
        ("S204", 19, "`implicit` of premise `sleep` must be true or false, not a text"),
        ("A401", 28, "conclusion `bark` has no `because`: nothing in the map supports it"),
        (
            "A407",
            28,
            "premise `bark` has neither a `quote` nor `implicit: true`: nothing ties it to the source",
        ),
    ]


def test_salvage_records_what_it_left_out() -> None:
    data = load_text(MAP, "pets.yaml").data
    assert data is not None
    failures = [path for _, path in validated(data, "pets.yaml")]
    salvaged = salvage(data, failures)
    assert salvaged is not None
    assert salvaged.dropped == {"sleep", "bark", "from-barking"}
    assert salvaged.incomplete == {"from-sleep", "loud"}
    loud = salvaged.data["conclusions"][1]
    assert "because" not in loud
    # The original data is untouched, positions included.
    assert data["conclusions"][1]["because"][0]["premises"][0]["txt"] == "Dogs bark."
    assert salvaged.data["conclusions"].positions == data["conclusions"].positions
    # A node left out takes its position with it: the positions still match the items.
    premises = salvaged.data["conclusions"][0]["because"][0]["premises"]
    assert premises == [{"ref": "sleep"}]
    assert premises.positions == data["conclusions"][0]["because"][0]["premises"].positions[1:]


@pytest.mark.parametrize(
    "broken",
    [
        MAP.replace("title: Pets", "title: [Pets]"),
        MAP.replace("id: pets", "id: Pets Map"),
        MAP.replace("argmap: 1", "argmap: 2"),
        MAP.replace("text: Cats are lazy.", "txt: Cats are lazy.")
        .replace("text: Dogs are loud.", "text: [Dogs]")
        .replace("  - ref: bark\n", ""),
    ],
    ids=["title", "id", "version", "every-conclusion"],
)
def test_what_cannot_be_left_out_reports_the_schema_errors_alone(tmp_path: Path, broken: str) -> None:
    codes = {code for code, _, _ in findings(tmp_path, broken)}
    assert codes and all(code.startswith("S") for code in codes)
