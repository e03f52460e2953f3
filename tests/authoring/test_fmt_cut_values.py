"""`argmap fmt` and texts that YAML would cut at `: ` or ` #`: written so
that they survive, and a value already cut keeps its comment and is named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.authoring.fmt import cut_by_comments, format_text
from argmap.cli import app
from argmap.input.yaml_reader import load_text
from argmap.problems import Problem, Severity

HEADER = "argmap: 1\nid: m\ntitle: T\n"


def map_with(note: str, text: str, quotes: list[str]) -> str:
    return (
        HEADER
        + f"source:\n  file: s.txt\n  note: {json.dumps(note, ensure_ascii=False)}\n"
        + f"conclusions:\n  - id: c\n    text: {json.dumps(text, ensure_ascii=False)}\n    quote:\n"
        + "".join(f"      - {json.dumps(quote, ensure_ascii=False)}\n" for quote in quotes)
    )


def values(text: str) -> tuple[str, str, list[str]]:
    data = load_text(text, "m.yaml").data
    assert data is not None
    node = data["conclusions"][0]
    return data["source"]["note"], node["text"], list(node["quote"])


@pytest.mark.parametrize(
    "value",
    [
        "Project Gutenberg eBook #34901 (an excerpt)",
        "First: the opinion may be true",
        "ends with a colon:",
        "- reads like a list item",
        "? reads like a key",
        "# reads like a comment",
        "@handle and %percent",
        "'quoted' at the start",
        "[a flow list]",
        "{a: mapping}",
        "yes",
        "1991",
        "2022-11-10",
        "null",
    ],
)
def test_a_text_yaml_would_misread_is_written_quoted_and_reads_back(value: str) -> None:
    formatted = format_text(map_with(value, value, [value])).text
    assert formatted is not None
    assert values(formatted) == (value, value, [value])
    assert f"note: {value}\n" not in formatted


# Texts of every kind, with YAML's indicators, `: ` and ` #` made likely.
_PIECES = st.one_of(
    st.sampled_from(
        [": ", " #", "#", ":", "- ", "? ", "'", '"', "[", "{", "&", "*", "!", "|", ">", "%", "@"]
    ),
    st.sampled_from(list("ab Zé’ \t.,")),
    # What YAML admits in a file (no control characters but the tab), line breaks aside.
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\x85\u2028\u2029\ufeff\ufffe\uffff"),
)
_TEXTS = st.lists(_PIECES, min_size=1, max_size=20).map("".join).filter(lambda text: text.strip() != "")


@settings(max_examples=200, deadline=None)
@given(note=_TEXTS, text=_TEXTS, quotes=st.lists(_TEXTS, min_size=1, max_size=3))
def test_fmt_output_loads_back_to_the_same_text_values(note: str, text: str, quotes: list[str]) -> None:
    original = map_with(note, text, quotes)
    assert values(original) == (note, text, quotes), "the test's own writer must write what it was given"
    formatted = format_text(original).text
    assert formatted is not None
    assert values(formatted) == (note, text, quotes)
    assert format_text(formatted).text == formatted


CUT = HEADER + (
    "source:\n"
    "  file: s.txt\n"
    "  note: Project Gutenberg eBook #34901 (an excerpt)\n"
    "conclusions:\n"
    "    - id: c\n"
    "      text: C.\n"
    "      quote:\n"
    "          - First one #2 of them\n"
)


def test_a_value_already_cut_keeps_its_comment_and_gets_m306_at_the_formatted_line() -> None:
    result = format_text(CUT, "m.yaml")
    assert result.text is not None
    assert "  note: Project Gutenberg eBook  #34901 (an excerpt)\n" in result.text
    assert "      - First one  #2 of them\n" in result.text
    assert cut_by_comments(result, written=True) == (
        Problem(
            "M306",
            Severity.WARNING,
            "m.yaml",
            6,
            9,
            "this `note` reads only “Project Gutenberg eBook”: "
            "YAML took ` #34901 (an excerpt)` for a comment",
            'put the whole value in double quotes: "Project Gutenberg eBook #34901 (an excerpt)"',
        ),
        Problem(
            "M306",
            Severity.WARNING,
            "m.yaml",
            11,
            9,
            "this `quote` reads only “First one”: YAML took ` #2 of them` for a comment",
            'put the whole value in double quotes: "First one #2 of them"',
        ),
    )
    # Before writing (--check, --diff) the lines are those of the file as it is.
    assert [(cut.line, cut.column) for cut in cut_by_comments(result, written=False)] == [(6, 9), (11, 13)]


def test_fmt_warns_on_the_command_line_and_keeps_the_comment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(CUT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["fmt", "m.yaml"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        "m.yaml:6:9: M306 this `note` reads only “Project Gutenberg eBook”: "
        "YAML took ` #34901 (an excerpt)` for a comment [warning]\n"
        '    hint: put the whole value in double quotes: "Project Gutenberg eBook #34901 (an excerpt)"\n'
        "m.yaml:11:9: M306 this `quote` reads only “First one”: "
        "YAML took ` #2 of them` for a comment [warning]\n"
        '    hint: put the whole value in double quotes: "First one #2 of them"\n'
        "reformatted m.yaml\n"
        "argmap fmt: 1 file reformatted, 0 files left unchanged\n"
    )
    assert "#34901 (an excerpt)" in path.read_text(encoding="utf-8")
    # Once the author quotes the value as the hint says, fmt keeps it whole and warns no more.
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("eBook  #34901 (an excerpt)", 'eBook #34901 (an excerpt)"')
        .replace("note: Project", 'note: "Project')
        .replace("- First one  #2 of them", '- "First one #2 of them"'),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["fmt", "m.yaml"])
    assert (result.exit_code, result.stderr) == (
        0,
        "reformatted m.yaml\nargmap fmt: 1 file reformatted, 0 files left unchanged\n",
    )
    assert values(path.read_text(encoding="utf-8")) == (
        "Project Gutenberg eBook #34901 (an excerpt)",
        "C.",
        ["First one #2 of them"],
    )
