"""`source.ignore` patterns that could hang a check are refused before they run."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.grounding.patterns import MAX_PATTERN_LENGTH, MAX_PATTERNS, PatternRefused, compile_ignore

MAP = """\
argmap: 1
id: m
title: T
source:
  file: ../sources/s.txt
  ignore:
    - '\\[Pg \\d+\\]'
    - '{pattern}'
conclusions:
  - id: c
    text: C.
    quote: {quote}
"""


def project(tmp_path: Path, pattern: str, source: str, quote: str = "the worst") -> Path:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "maps").mkdir()
    (tmp_path / "sources" / "s.txt").write_text(source, encoding="utf-8")
    path = tmp_path / "maps" / "m.yaml"
    path.write_text(MAP.format(pattern=pattern, quote=quote), encoding="utf-8")
    return path


def test_the_classic_catastrophic_pattern_is_refused_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run, `(a+)+$` against this line backtracks through 2**25 ways of cutting
    # the run of a's before it gives up; a longer run would never finish.
    project(tmp_path, "(a+)+$", "the worst\n" + "a" * 25 + "!\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "maps/m.yaml"])
    assert result.exit_code == 1
    assert (
        "maps/m.yaml:8:7: Q506 `source.ignore` pattern `(a+)+$` is refused: it holds a quantifier "
        "inside a quantified group, which can make matching take an unbounded time"
    ) in result.stdout
    assert "a quantifier inside a quantified group, as in `(a+)+`, can make matching run for hours" in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("pattern", "what"),
    [
        (r"(\d*)*x", "a quantifier inside a quantified group"),
        (r"(x{1,9}){1,9}", "a quantifier inside a quantified group"),
        (r"(?>a+)+", "a quantifier inside a quantified group"),
        (r"([a-z]+ )*\.", "a quantifier inside a quantified group"),
        (r"(a|ab)+c", "a quantified alternation"),
        (r"(\w)\1", "a backreference"),
        (r"(?P<w>\w)(?P=w)", "a backreference"),
        (r"(\[)?x(?(1)\])", "a conditional group"),
        (r"(?=\d)\d", "a lookahead or lookbehind"),
        (r"(?<!\w)\d+", "a lookahead or lookbehind"),
    ],
)
def test_constructs_prone_to_backtracking_are_refused(pattern: str, what: str) -> None:
    with pytest.raises(PatternRefused) as refused:
        compile_ignore(["ok", pattern])
    assert refused.value.index == 1
    assert refused.value.message == (
        f"`source.ignore` pattern `{pattern}` is refused: it holds {what}, "
        "which can make matching take an unbounded time"
    )


@pytest.mark.parametrize(
    "pattern",
    [r"\[Pg \d+\]", r"\[\d{1,3}\]", r"\{\d+\}|\[\d+\]", r"(\d{1,3})?", r"(?:[ivx]+\.)", r"\*+", r"a++"],
)
def test_patterns_for_editorial_marks_pass(pattern: str) -> None:
    assert [compiled.pattern for compiled in compile_ignore([pattern])] == [pattern]


def test_the_number_and_length_of_patterns_are_bounded() -> None:
    with pytest.raises(PatternRefused) as refused:
        compile_ignore(["x"] * (MAX_PATTERNS + 1))
    assert (refused.value.index, refused.value.message) == (
        None,
        f"`source.ignore` lists {MAX_PATTERNS + 1} patterns, more than the {MAX_PATTERNS} argmap runs",
    )
    with pytest.raises(PatternRefused) as refused:
        compile_ignore(["x", "y" * (MAX_PATTERN_LENGTH + 1)])
    assert (refused.value.index, refused.value.message) == (
        1,
        f"`source.ignore` pattern 2 is {MAX_PATTERN_LENGTH + 1} characters long, "
        f"over the limit of {MAX_PATTERN_LENGTH}",
    )


def test_a_refused_pattern_leaves_the_other_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, r"(\w)\1", "the worst\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "maps/m.yaml"])
    assert result.exit_code == 1
    assert (
        "maps/m.yaml:8:7: Q506 `source.ignore` pattern `(\\w)\\1` is refused: it holds a backreference"
        in (result.stdout)
    )
