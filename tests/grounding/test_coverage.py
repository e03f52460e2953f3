"""Coverage: sentences, their share quoted, the reasoning a map leaves out,
and `argmap coverage` with its --min threshold."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.grounding.coverage import measure, split_sentences
from argmap.grounding.sources import parse_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"

# tests/fixtures/sources/coverage.txt, worked out by hand:
#
#   line 1  Cats sleep most of the day. | They sleep because they hunt at night.
#   line 2
#   line 3  Therefore cats are mostly nocturnal. | Mr. Smith disagrees with this.
#   line 4  However, his cat sleeps at night. | Dogs are different.
#
# Six sentences ("Mr." does not end one; lines 3 and 4 are one paragraph).
# The map below quotes:
#   "They sleep because they hunt at night"  31 of the 32 visible characters
#                                            of sentence 2: covered;
#   "Therefore cats are"                     16 of the 32 visible characters
#                                            of sentence 3: exactly half, covered;
#   "his cat sleeps"                         12 of the 28 visible characters
#                                            of sentence 5: not covered.
# Coverage: 2 of 6 sentences, 33.3%. Sentences with reasoning markers:
# 2 (because) and 3 (therefore), both covered, and 5 (however), not covered:
# the one uncovered reasoning sentence is "However, his cat sleeps at night."
# on line 4.
MAP = """\
argmap: 1
id: cats
title: Cats are nocturnal
source:
  file: coverage.txt
conclusions:
  - id: nocturnal
    text: Cats are nocturnal.
    quote: Therefore cats are
    because:
      - id: from-hunting
        premises:
          - id: hunting
            text: Cats hunt at night.
            quote: They sleep because they hunt at night
    counterexamples:
      - id: smiths-cat
        text: Mr Smith's cat sleeps at night.
        quote: his cat sleeps
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    shutil.copy(FIXTURES / "coverage.txt", tmp_path / "coverage.txt")
    (tmp_path / "cats.yaml").write_text(MAP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_fixture_splits_into_six_sentences() -> None:
    source = parse_text((FIXTURES / "coverage.txt").read_text(encoding="utf-8"))
    assert [source.text[start:end] for start, end in split_sentences(source)] == [
        "Cats sleep most of the day.",
        "They sleep because they hunt at night.",
        "Therefore cats are mostly nocturnal.",
        "Mr. Smith disagrees with this.",
        "However, his cat sleeps at night.",
        "Dogs are different.",
    ]


def test_figures_worked_out_by_hand() -> None:
    text = (FIXTURES / "coverage.txt").read_text(encoding="utf-8")
    source = parse_text(text)
    quoted = [
        (text.index(words), text.index(words) + len(words))
        for words in ("They sleep because they hunt at night", "Therefore cats are", "his cat sleeps")
    ]
    coverage = measure(source, quoted, "coverage.txt")
    assert coverage.total == 6
    assert coverage.covered == 2
    assert round(coverage.percent, 1) == 33.3
    assert [round(sentence.quoted_share, 3) for sentence in coverage.sentences] == [
        0.0,
        round(31 / 32, 3),
        0.5,
        0.0,
        round(12 / 28, 3),
        0.0,
    ]
    assert [
        (sentence.line, sentence.text, sentence.markers) for sentence in coverage.uncovered_reasoning
    ] == [(4, "However, his cat sleeps at night.", ("however",))]


def test_headings_are_not_sentences_and_markers_are_whole_words() -> None:
    source = parse_text("# Why so? Because.\n\nIt is soft. Butter melts.\n", markdown=True)
    coverage = measure(source, [])
    assert [sentence.text for sentence in coverage.sentences] == ["It is soft.", "Butter melts."]
    assert coverage.uncovered_reasoning == ()


def test_sentences_split_at_other_terminators_but_not_inside_them() -> None:
    source = parse_text(
        "Is it? Yes! It is\u2026 Really. He said \u201cgo.\u201d Then e.g. this. J. Smith agreed.",
        markdown=False,
    )
    assert [source.text[start:end] for start, end in split_sentences(source)] == [
        "Is it?",
        "Yes!",
        "It is\u2026",
        "Really.",
        "He said \u201cgo.\u201d",
        "Then e.g. this.",
        "J. Smith agreed.",
    ]


def test_the_coverage_command_prints_the_figures(project: Path) -> None:
    code, out, err = run("coverage", "cats.yaml")
    assert (code, err) == (0, "")
    assert out == (
        "coverage.txt (the source of cats.yaml)\n"
        "coverage: 33.3% (2 of 6 sentences quoted)\n"
        "uncovered sentences that carry reasoning (1):\n"
        "  line 4: However, his cat sleeps at night. [however]\n"
    )


@pytest.mark.parametrize(("minimum", "expected_code"), [("33.3", 0), ("0", 0), ("33.4", 1), ("100", 1)])
def test_min_fails_under_the_threshold(project: Path, minimum: str, expected_code: int) -> None:
    code, out, _ = run("coverage", "cats.yaml", "--min", minimum)
    assert code == expected_code
    assert ("coverage is below the minimum" in out) is (expected_code == 1)


def test_min_outside_0_to_100_is_a_usage_error(project: Path) -> None:
    code, _, err = run("coverage", "cats.yaml", "--min", "120")
    assert code == 2
    assert "--min" in err


def test_the_coverage_command_as_json(project: Path) -> None:
    code, out, _ = run("coverage", "cats.yaml", "--format", "json", "--min", "50")
    assert code == 1
    assert json.loads(out) == {
        "map": "cats.yaml",
        "source": "coverage.txt",
        "sentences": 6,
        "covered": 2,
        "percent": 33.3,
        "quotes_not_found": 0,
        "minimum": 50.0,
        "passed": False,
        "uncovered_reasoning": [
            {"line": 4, "text": "However, his cat sleeps at night.", "markers": ["however"]}
        ],
        "uncovered": [
            {"line": 1, "text": "Cats sleep most of the day.", "markers": []},
            {"line": 3, "text": "Mr. Smith disagrees with this.", "markers": []},
            {"line": 4, "text": "However, his cat sleeps at night.", "markers": ["however"]},
            {"line": 4, "text": "Dogs are different.", "markers": []},
        ],
    }


def test_the_coverage_command_counts_quotes_not_found(project: Path) -> None:
    (project / "cats.yaml").write_text(
        MAP.replace("quote: his cat sleeps", "quote: his dog sleeps"), encoding="utf-8"
    )
    code, out, _ = run("coverage", "cats.yaml")
    assert code == 0
    assert "1 quote not found in the source: run `argmap check cats.yaml`\n" in out


def test_a_map_without_source_file_has_nothing_to_measure(project: Path) -> None:
    (project / "cats.yaml").write_text(MAP.replace("source:\n  file: coverage.txt\n", ""), encoding="utf-8")
    code, out, err = run("coverage", "cats.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "argmap: map `cats` names no `source.file`: there is no document to measure\n"
        "  hint: add `source: {file: path/to/document.txt}` (relative to the map)\n"
    )


def test_a_missing_source_is_reported_by_coverage(project: Path) -> None:
    (project / "cats.yaml").write_text(MAP.replace("file: coverage.txt", "file: gone.txt"), encoding="utf-8")
    code, out, err = run("coverage", "cats.yaml")
    assert (code, out) == (1, "")
    assert err == (
        "cats.yaml:5:9: Q503 source file `gone.txt` does not exist (looked for `gone.txt`)\n"
        "    hint: the path is relative to the map's folder; check its spelling\n"
    )


def test_a_map_that_does_not_load_is_reported(project: Path) -> None:
    (project / "cats.yaml").write_text("argmap: 1\nid: cats\n", encoding="utf-8")
    code, out, err = run("coverage", "cats.yaml")
    assert (code, out) == (1, "")
    assert "cats.yaml:" in err
