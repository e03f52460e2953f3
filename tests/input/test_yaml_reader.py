"""The loader: positions, YAML 1.2 scalars, and one refusal per code."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import argmap.input.yaml_reader
from argmap.files import Limits
from argmap.input.yaml_reader import (
    YamlMapping,
    YamlSequence,
    load_bytes,
    load_text,
    read_map_file,
    resolve_plain_scalar,
)
from argmap.problems import Problem, Severity, SourceAccessError


def refusal(text: str | bytes, limits: Limits = Limits()) -> tuple[str, int, int, str]:
    loaded = load_bytes(text.encode() if isinstance(text, str) else text, "m.yaml", limits)
    assert loaded.data is None, "expected a refusal"
    problem = loaded.problems[0]
    return problem.code, problem.line, problem.column, problem.message


def test_records_positions_of_every_key_and_value() -> None:
    loaded = load_text("a: 1\nb:\n  - x\n  - {c: d}\n", "m.yaml")
    data = loaded.data
    assert isinstance(data, YamlMapping)
    assert data == {"a": 1, "b": ["x", {"c": "d"}]}
    assert data.positions["a"] == (1, 1, 1, 4)
    assert data.positions["b"] == (2, 1, 3, 3)
    items = data["b"]
    assert isinstance(items, YamlSequence)
    assert items.positions == [(3, 5), (4, 5)]
    assert (items[1].line, items[1].column) == (4, 5)
    assert items[1].positions["c"] == (4, 6, 4, 9)


def test_columns_count_characters_not_bytes() -> None:
    data = load_text("ééé: [x]\n", "m.yaml").data
    assert data is not None
    assert data.positions["ééé"] == (1, 1, 1, 6)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("0x1f", 31),
        ("0o17", 15),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("2022-11-10", "2022-11-10"),
        ("01:58:12", "01:58:12"),
        ("Nothing", "Nothing"),
        ("Trueish", "Trueish"),
    ],
)
def test_plain_scalars_resolve_as_yaml_1_2_core(text: str, value: object) -> None:
    assert resolve_plain_scalar(text) == value
    assert type(resolve_plain_scalar(text)) is type(value)


def test_special_floats() -> None:
    assert resolve_plain_scalar(".inf") == math.inf
    assert resolve_plain_scalar("-.Inf") == -math.inf
    assert math.isnan(resolve_plain_scalar(".nan"))


def test_quoted_scalars_stay_text() -> None:
    data = load_text("a: '12'\nb: \"true\"\nc: !!str 7\n", "m.yaml").data
    assert data == {"a": "12", "b": "true", "c": "7"}


def test_keys_stay_text() -> None:
    data = load_text("1: a\ntrue: b\n", "m.yaml").data
    assert data == {"1": "a", "true": "b"}


def test_bom_and_crlf_are_fine() -> None:
    loaded = load_bytes(b"\xef\xbb\xbfa: 1\r\nb: two\r\n", "m.yaml")
    assert loaded.problems == ()
    assert loaded.data == {"a": 1, "b": "two"}
    assert loaded.data is not None and loaded.data.positions["b"] == (2, 1, 2, 4)


def test_syntax_error_has_position_excerpt_and_hint() -> None:
    loaded = load_text("a: 1\nb: [x, y\nc: 2\n", "m.yaml")
    problem = loaded.problems[0]
    assert problem.code == "L101"
    assert (problem.line, problem.column) == (3, 2)
    assert problem.message.startswith("YAML syntax error: did not find expected ',' or ']'")
    assert problem.excerpt == "c: 2\n ^"
    assert problem.hint


def test_syntax_error_tab_hint() -> None:
    loaded = load_text("a:\n\tb: 1\n", "m.yaml")
    problem = loaded.problems[0]
    assert (problem.code, problem.line, problem.column) == ("L101", 2, 1)
    assert problem.hint == "YAML indents with spaces, not tabs: replace the tabs with spaces"


def test_colon_in_plain_text_hint() -> None:
    loaded = load_text("a:\n  text: Putin's supporters: they see revenge\n", "m.yaml")
    problem = loaded.problems[0]
    assert problem.code == "L101"
    assert problem.line == 2
    assert problem.hint == "a text with `: ` in it must be quoted: wrap the value in double quotes"


def test_duplicate_key_reports_both_lines() -> None:
    assert refusal("a: 1\nb: 2\na: 3\n") == ("L102", 3, 1, "duplicate key `a` (first at line 1)")


def test_duplicate_keys_are_all_reported_at_every_level() -> None:
    loaded = load_text("a: 1\na: 2\nb:\n  - x: 1\n    x: 2\n", "m.yaml")
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [("L102", 2, 1), ("L102", 5, 5)]
    assert loaded.data is None


def test_many_duplicate_keys_each_get_their_own_excerpt() -> None:
    text = "k0: 0\n" + "".join(f"k{n % 50}: {n}\n" for n in range(1, 2_000))
    loaded = load_text(text, "m.yaml")
    problems = loaded.problems
    assert len(problems) == 2_000 - 50
    lines = text.splitlines()
    assert [(p.line, p.excerpt) for p in problems] == [
        (number, lines[number - 1] + "\n^") for number in range(51, 2_001)
    ]
    assert problems[-1].message == "duplicate key `k49` (first at line 50)"


def test_the_lines_of_a_file_are_split_once_however_many_excerpts(monkeypatch: pytest.MonkeyPatch) -> None:
    # An excerpt per duplicate key used to split the whole file again: 40,000
    # duplicates in 320 KB took a minute.
    calls: list[int] = []
    original = argmap.input.yaml_reader.split_lines

    def counting(text: str) -> list[str]:
        calls.append(len(text))
        return original(text)

    monkeypatch.setattr(argmap.input.yaml_reader, "split_lines", counting)
    text = "a: 0\n" + "a: 1\n" * 5_000
    loaded = load_text(text, "m.yaml")
    assert len(loaded.problems) == 5_000
    assert calls == [len(text)]


def test_same_key_in_sibling_mappings_is_fine() -> None:
    assert load_text("- a: 1\n- a: 2\n", "m.yaml").problems[0].code == "L109"  # only: not a mapping
    assert load_text("x: {a: 1}\ny: {a: 2}\n", "m.yaml").problems == ()


def test_anchor_is_refused_at_once() -> None:
    assert refusal("a: &x 1\nb: *x\n") == ("L103", 1, 4, "YAML anchors (`&x`) are not allowed in a map")


def test_billion_laughs_fails_at_the_first_anchor() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 9):
        previous, current = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{current}: &{current} [" + ",".join(f"*{previous}" for _ in range(9)) + "]")
    # Refused at the first anchor, before any alias could be expanded.
    code, line, column, _ = refusal("\n".join(lines) + "\n")
    assert (code, line, column) == ("L103", 1, 4)


def test_alias_without_anchor_is_refused_too() -> None:
    assert refusal("a: *nothing\n") == ("L103", 1, 4, "YAML aliases (`*nothing`) are not allowed in a map")


def test_custom_tag_is_refused() -> None:
    assert refusal("a: !include other.yaml\n") == (
        "L104",
        1,
        4,
        "YAML tags such as `!include` are not allowed in a map",
    )
    assert refusal("a: !!python/object:os.system {}\n")[0] == "L104"
    assert refusal("a: !!binary aGVsbG8=\n")[0] == "L104"


def test_core_tags_are_accepted() -> None:
    assert load_text("a: !!str 1\nb: !!int '2'\n", "m.yaml").problems == ()


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 2000 + b"\n")
    loaded = read_map_file(path, "big.yaml", Limits(max_bytes=1000))
    problem = loaded.problems[0]
    assert (problem.code, problem.line, problem.column) == ("L105", 1, 1)
    assert problem.message == "the file is 2.0 KiB, over the limit of 1000 bytes for one map"
    assert problem.hint is not None and "max-file-size" in problem.hint


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    deep_block = "".join("  " * depth + "a:\n" for depth in range(30)) + "  " * 30 + "b: 1\n"
    # the eleventh nested mapping (line 11, column 21) is one too many
    assert refusal(deep_block, Limits(max_depth=10))[:3] == ("L106", 11, 21)


def _too_deep_at(line: int, column: int, excerpt: str) -> Problem:
    return Problem(
        code="L106",
        severity=Severity.ERROR,
        file="m.yaml",
        line=line,
        column=column,
        message="the map nests deeper than 200 levels",
        hint=(
            "flatten it: define the claim once and use `- ref: its-id`, "
            "or raise `max-depth` in the configuration"
        ),
        excerpt=excerpt,
    )


@pytest.mark.parametrize("depth", [300, 999, 1_001, 10_000])
def test_deep_flow_nesting_gets_argmaps_own_refusal_whatever_the_parser(depth: int) -> None:
    # PyYAML 6.0.3+ refuses past 1,000 levels by itself, and reads a line of
    # `[[[[` ahead before argmap sees the 201st: the user gets the same L106.
    text = "a: " + "[" * depth + "]" * depth + "\n"
    loaded = load_text(text, "m.yaml")
    assert loaded.problems == (_too_deep_at(1, 203, "[" * 100 + "\n" + " " * 50 + "^"),)


def test_deep_flow_nesting_keeps_the_problems_found_before_it() -> None:
    text = "a: 1\na: 2\nb: " + "[" * 5_000 + "]" * 5_000 + "\n"
    loaded = load_text(text, "m.yaml")
    # The root and 199 flow sequences make 200 levels: the 200th `[` is one too many.
    assert [(p.code, p.line, p.column, p.message) for p in loaded.problems] == [
        ("L102", 2, 1, "duplicate key `a` (first at line 1)"),
        ("L106", 3, 4 + 199, "the map nests deeper than 200 levels"),
    ]


def test_nesting_past_the_parsers_own_limit_is_a_depth_refusal_too() -> None:
    # With `max-depth` above what the YAML parser reads, whichever refuses
    # first, the user sees a depth refusal on the right line, not a syntax error.
    text = "a: 1\nb: " + "[" * 10_000 + "]" * 10_000 + "\n"
    loaded = load_text(text, "m.yaml", Limits(max_depth=5_000))
    assert [(p.code, p.line) for p in loaded.problems] == [("L106", 2)]
    assert loaded.problems[0].hint is not None and "flatten it" in loaded.problems[0].hint


def test_invalid_utf8_points_at_the_byte() -> None:
    assert refusal(b"a: ok\nb: caf\xe9\n") == ("L107", 2, 7, "the file is not valid UTF-8 (byte 0xe9)")


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n# and another\n"])
def test_empty_file(text: str) -> None:
    assert refusal(text) == ("L108", 1, 1, "the file holds no map")


def test_top_level_list_and_scalar() -> None:
    assert refusal("- a\n- b\n")[:3] == ("L109", 1, 1)
    assert refusal("just text\n") == (
        "L109",
        1,
        1,
        "the top level of a map must be a mapping of keys, not a single value",
    )


def test_second_document_is_refused() -> None:
    assert refusal("a: 1\n---\nb: 2\n") == (
        "L110",
        2,
        1,
        "a map file holds one YAML document; this is a second one",
    )


def test_complex_key_is_refused() -> None:
    assert refusal("? [a, b]\n: 1\n")[0] == "L111"


def test_nul_byte_is_a_syntax_error_with_hint() -> None:
    loaded = load_text("a: b\x00c\n", "m.yaml")
    problem = loaded.problems[0]
    assert problem.code == "L101"
    assert problem.line == 1
    assert problem.hint == "remove the control character (a NUL or similar byte) from the file"
    assert problem.excerpt == "a: b\ufffdc\n    ^"


def test_unreadable_paths_raise(tmp_path: Path) -> None:
    with pytest.raises(SourceAccessError, match="no such file"):
        read_map_file(tmp_path / "missing.yaml", "missing.yaml")
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    with pytest.raises(SourceAccessError, match="is a folder"):
        read_map_file(folder, "x.yaml")
