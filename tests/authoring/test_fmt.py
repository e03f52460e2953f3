"""`argmap fmt`: one canonical layout, every comment kept, never a change of meaning."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.authoring.fmt import FormatError, canonical_text, format_file, format_text
from argmap.cli import app
from argmap.config import Config
from argmap.files import Limits
from argmap.input.yaml_reader import load_text, resolve_plain_scalar
from argmap.lint.runner import check_paths
from argmap.output.checked_export import export_document

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()

MESSY = """\
# yaml-language-server: $schema=../schemas/argmap.schema.json
---
title: "Lose or win"    # the column's own words
conclusions:
    -   text: "Military failures need not weaken Putin's hold on power, whatever the generals and the \
pundits say."
        # the quote is verbatim
        quote: 'there is no direct connection'
        id: no-direct-link
        because:
        - premises:
          - {id: revenge, text: "Supporters see revenge.", quote: "it is revenge"}
          - ref: any-resistance
            role: "example"
          scheme: argument-from-example
          id: from-revenge


        counterexamples: [{id: topple, text: 'Lost wars topple regimes: see the juntas.', implicit: true}]
    - id: any-resistance
      implicit: True
      text: Any resistance counts as a victory.
      at: "01:58:12"
      # closes any-resistance
id: "ft"
source: {date: "2022-11-10", file: ../seeds/000.txt, title: 'yes'}
argmap: 1
note: |
  Two lines
  of commentary.
"""

CANONICAL = """\
# yaml-language-server: $schema=../schemas/argmap.schema.json
argmap: 1
id: ft
title: Lose or win  # the column's own words
source:
  file: ../seeds/000.txt
  title: 'yes'
  date: '2022-11-10'
note: |
  Two lines
  of commentary.
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power, whatever the generals and the
      pundits say.
    # the quote is verbatim
    quote: there is no direct connection
    because:
      - id: from-revenge
        scheme: argument-from-example
        premises:
          - id: revenge
            text: Supporters see revenge.
            quote: it is revenge
          - ref: any-resistance
            role: example

    counterexamples:
      - id: topple
        text: 'Lost wars topple regimes: see the juntas.'
        implicit: true
  - id: any-resistance
    text: Any resistance counts as a victory.
    implicit: true
    at: 01:58:12
    # closes any-resistance
"""

MINIMAL = """\
argmap: 1
id: demo
title: A demo map
conclusions:
  - id: claim
    text: A claim.
    implicit: true
"""


def formatted(text: str) -> str:
    result = format_text(textwrap.dedent(text))
    assert result.problems == ()
    assert result.text is not None
    return result.text


# --- the layout -------------------------------------------------------------


def test_a_messy_map_gets_the_canonical_layout() -> None:
    assert formatted(MESSY) == CANONICAL


def test_the_canonical_layout_is_left_alone() -> None:
    result = format_text(CANONICAL)
    assert result.text == CANONICAL
    assert not result.changed
    assert result.diff() == ""


def test_keys_of_source_and_expect_are_ordered_and_ignore_keeps_the_authors_order() -> None:
    text = formatted(
        """\
        conclusions:
          - id: a
            text: A.
            implicit: true
            ignore: {A401: "kept as a gap", A403: "also kept"}
        expect: {out: [a], in: [b]}
        source: {language: en, author: Someone, title: T, file: doc.txt}
        id: m
        title: M
        argmap: 1
        ignore: {X001: "z", A402: "a"}
        """
    )
    assert text == textwrap.dedent(
        """\
        argmap: 1
        id: m
        title: M
        source:
          file: doc.txt
          title: T
          author: Someone
          language: en
        ignore:
          X001: z
          A402: a
        expect:
          in:
            - b
          out:
            - a
        conclusions:
          - id: a
            text: A.
            implicit: true
            ignore:
              A401: kept as a gap
              A403: also kept
        """
    )


def test_texts_are_quoted_only_where_a_yaml_reader_would_misread_them() -> None:
    text = formatted(
        """\
        argmap: 1
        id: m
        title: "plain words"
        conclusions:
          - id: a
            text: 'it''s: a colon'
            quote: ["no", "null", "1.5", "0o17", "#hash", "- dash", "ok, fine", " lead", "’quoted’"]
        """
    )
    assert text == textwrap.dedent(
        """\
        argmap: 1
        id: m
        title: plain words
        conclusions:
          - id: a
            text: 'it''s: a colon'
            quote:
              - 'no'
              - 'null'
              - '1.5'
              - '0o17'
              - '#hash'
              - '- dash'
              - ok, fine
              - ' lead'
              - ’quoted’
        """
    )


def test_long_texts_fold_at_about_100_columns_and_read_back_the_same() -> None:
    words = " ".join(f"word{number}" for number in range(60))
    text = formatted(
        f"argmap: 1\nid: m\ntitle: {words}\nconclusions:\n  - id: a\n    text: {words}\n    implicit: true\n"
    )
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[2] == "title: " + " ".join(f"word{number}" for number in range(14))
    assert lines[3] == "  " + " ".join(f"word{number}" for number in range(14, 28))
    assert lines[9] == "    text: " + " ".join(f"word{number}" for number in range(14))
    loaded = load_text(text, "m.yaml")
    assert loaded.data is not None
    assert loaded.data["title"] == words
    assert loaded.data["conclusions"][0]["text"] == words


def test_block_texts_keep_their_lines() -> None:
    text = formatted(
        """\
        argmap: 1
        id: m
        title: M
        note: "first line\\nsecond line\\n"
        conclusions:
          - id: a
            text: A.
            implicit: true
            note: >-
              folded
              into one line
        """
    )
    assert "note: |\n  first line\n  second line\nconclusions:" in text
    assert "    note: folded into one line\n" in text


# --- comments ---------------------------------------------------------------


def test_every_comment_is_kept_and_moves_with_what_it_describes() -> None:
    text = formatted(
        """\
        # yaml-language-server: $schema=schemas/argmap.schema.json
        # The header stays on top, whatever key comes first.

        title: T  # end of the title line
        # about the conclusions
        conclusions:  # roots
          # the first conclusion
          - text: A.   # end of a text
            # about the id
            id: a
            implicit: true
            tags: [x, y]  # end of a flow list
        # about the id of the map
        id: m
        argmap: 1
        # the very end
        """
    )
    assert text == textwrap.dedent(
        """\
        # yaml-language-server: $schema=schemas/argmap.schema.json
        # The header stays on top, whatever key comes first.

        argmap: 1
        # about the id of the map
        id: m
        title: T  # end of the title line
        # about the conclusions
        conclusions:  # roots
          # the first conclusion
          # about the id
          - id: a
            text: A.  # end of a text
            implicit: true
            tags:
              - x
              - 'y'  # end of a flow list
        # the very end
        """
    )


def test_a_comment_indented_into_a_block_stays_at_the_end_of_that_block() -> None:
    text = formatted(
        """\
        conclusions:
          - id: a
            text: A.
            because:
            - id: i
              premises:
              - id: p
                text: P.
                implicit: true
              # more premises to come
            # more inferences to come
          # more conclusions to come
        # about the version
        argmap: 1
        id: m
        title: T
        """
    )
    assert text == textwrap.dedent(
        """\
        # about the version
        argmap: 1
        id: m
        title: T
        conclusions:
          - id: a
            text: A.
            because:
              - id: i
                premises:
                  - id: p
                    text: P.
                    implicit: true
                # more premises to come
            # more inferences to come
          # more conclusions to come
        """
    )


def test_hashes_inside_texts_are_not_comments() -> None:
    text = formatted(
        """\
        argmap: 1
        id: m
        title: "Issue #7"  # a real one
        conclusions:
          - id: a
            text: |  # on the header
              C# and
              # not a comment: text of the block
            implicit: true
        """
    )
    assert text == textwrap.dedent(
        """\
        argmap: 1
        id: m
        title: 'Issue #7'  # a real one
        conclusions:
          - id: a
            text: |  # on the header
              C# and
              # not a comment: text of the block
            implicit: true
        """
    )


def test_unicode_line_breaks_are_escaped_and_lines_count_as_yaml_counts_them() -> None:
    # YAML 1.1 readers break lines at NEL, LS and PS too: written raw, they would
    # shift every line number after them. They come out escaped.
    text = formatted(
        'argmap: 1\nid: m\ntitle: "x\u2028y"  # note\n'
        'conclusions:\n  - id: a\n    text: "A\u2029"\n    implicit: true\n'
    )
    assert (
        text == 'argmap: 1\nid: m\ntitle: "x\\Ly"  # note\n'
        'conclusions:\n  - id: a\n    text: "A\\P"\n    implicit: true\n'
    )
    loaded = load_text(text, "m.yaml")
    assert loaded.data is not None
    assert (loaded.data["title"], loaded.data["conclusions"][0]["text"]) == ("x\u2028y", "A\u2029")


def test_blank_lines_between_entries_are_kept_once() -> None:
    text = formatted(
        "argmap: 1\n\n\n\nid: m\ntitle: T\n\n"
        "conclusions:\n\n  - id: a\n    text: A.\n    implicit: true\n\n\n"
    )
    assert (
        text == "argmap: 1\n\nid: m\ntitle: T\n\nconclusions:\n  - id: a\n    text: A.\n    implicit: true\n"
    )


# --- idempotence and meaning, over the maps of the suite ------------------------


def _maps_of_the_suite() -> list[Path]:
    """Every YAML file under tests/ and maps/ that declares `argmap:`."""
    found = []
    for folder in (ROOT / "tests", ROOT / "maps"):
        for path in sorted(folder.rglob("*.y*ml")):
            if path.suffix in (".yaml", ".yml") and re.search(
                rb"^argmap\s*:", path.read_bytes()[:65536], re.MULTILINE
            ):
                found.append(path)
    return found


SUITE = _maps_of_the_suite()


@pytest.fixture(scope="module")
def copy_of_the_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The maps with their sources and configuration, where the test may rewrite them."""
    target = tmp_path_factory.mktemp("project")
    for name in ("tests", "maps", "seeds", "schemas"):
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, target / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
            )
    for name in ("pyproject.toml", "argmap.toml"):
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, target / name)
    return target


def _without_positions(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_positions(item) for key, item in value.items() if key not in ("line", "column")}
    if isinstance(value, list):
        return [_without_positions(item) for item in value]
    if isinstance(value, str):
        return re.sub(r"\blines? \d+", "line N", value)
    return value


def _meaning(path: Path, cwd: Path) -> tuple[Any, Any]:
    """The exported graph and the findings of a map, without positions."""
    result = check_paths([path], Config(), cwd=cwd)
    exported = [json.loads(export_document(result, argmap)) for argmap in result.workspace.requested]
    findings = sorted(
        (
            problem.file,
            problem.code,
            problem.severity.label,
            re.sub(r"\blines? \d+", "line N", problem.message),
            problem.node or "",
        )
        for problem in result.problems
    )
    return _without_positions(exported), findings


def test_the_suite_has_maps_to_format() -> None:
    assert len(SUITE) >= 3


@pytest.mark.parametrize("original", SUITE, ids=[str(path.relative_to(ROOT)) for path in SUITE])
def test_fmt_is_idempotent_and_keeps_the_meaning_of_every_map_of_the_suite(
    original: Path, copy_of_the_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of_the_project / original.relative_to(ROOT)
    monkeypatch.chdir(copy_of_the_project)
    try:
        result = format_file(path)
    except FormatError as error:  # pragma: no cover - the failure this test exists to catch
        pytest.fail(error.message)
    if result.refused:
        # A map broken on purpose: fmt leaves it alone, and says why.
        assert result.problems
        assert result.problems[0].code[0] in "LS"
        return
    assert result.text is not None
    assert format_text(result.text).text == result.text, "formatting twice must equal formatting once"
    before = _meaning(path, copy_of_the_project)
    original_bytes = path.read_bytes()
    try:
        path.write_text(result.text, encoding="utf-8")
        after = _meaning(path, copy_of_the_project)
    finally:
        path.write_bytes(original_bytes)
    assert after == before


# --- idempotence over generated maps --------------------------------------------

_WORDS = st.sampled_from(
    [
        "yes",
        "no",
        "null",
        "~",
        "true",
        "1",
        "1.5",
        "0o17",
        "1e3",
        "2022-11-10",
        "01:58:12",
        "a: b",
        "a #b",
        "- x",
        "'q'",
        '"dq"',
        "[x]",
        "{y}",
        "&a",
        "*b",
        "!t",
        "%p",
        "@at",
        "`tick`",
        "?",
        "|",
        ">",
        "ok, fine",
        " lead",
        "trail ",
        "two  spaces",
        "Putin’s",
        "é",
        "tab\there",
        "line\nbreak",
        "keep\n\n",
        "end\n",
        "line\u2028separator",
        "next\x85line",
    ]
)
_TEXT = st.one_of(
    _WORDS,
    st.text(alphabet=st.sampled_from(list("abcxyzABC019 -:#'\",.!?&*[]{}|>%@`’é")), min_size=1, max_size=130),
    st.lists(
        st.sampled_from(["alpha", "beta", "gamma", "delta", "Putin’s", "war"]), min_size=10, max_size=40
    ).map(" ".join),
).filter(lambda text: text.strip() != "")
_SLUG_TEXT = st.sampled_from(["example", "cause", "finding", "argument-from-sign", "x_1"])


@st.composite
def _claim(draw: st.DrawFn, depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"text": draw(_TEXT)}
    if draw(st.booleans()):
        node["implicit"] = draw(st.booleans())
    else:
        node["quote"] = draw(st.one_of(_TEXT, st.lists(_TEXT, min_size=1, max_size=3)))
    for field in ("note", "at"):
        if draw(st.integers(0, 4)) == 0:
            node[field] = draw(_TEXT)
    if draw(st.integers(0, 4)) == 0:
        node["tags"] = draw(st.lists(_SLUG_TEXT, max_size=2, unique=True))
    if depth > 0 and draw(st.booleans()):
        node["because"] = draw(st.lists(_inference(depth - 1), min_size=1, max_size=2))
    if depth > 0 and draw(st.integers(0, 2)) == 0:
        node["counterexamples"] = draw(st.lists(_claim(depth - 1), min_size=1, max_size=2))
    return node


@st.composite
def _inference(draw: st.DrawFn, depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"premises": draw(st.lists(_claim(depth), min_size=1, max_size=2))}
    if draw(st.booleans()):
        node["warrant"] = draw(_TEXT)
    if draw(st.booleans()):
        node["scheme"] = draw(_SLUG_TEXT)
    if depth > 0 and draw(st.integers(0, 3)) == 0:
        node["counterexamples"] = draw(st.lists(_claim(depth - 1), min_size=1, max_size=1))
    return node


@st.composite
def _map(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {"argmap": 1, "id": "generated", "title": draw(_TEXT)}
    if draw(st.booleans()):
        data["source"] = {"file": "doc.txt", "title": draw(_TEXT), "date": "2022-11-10"}
    if draw(st.booleans()):
        data["note"] = draw(_TEXT)
    if draw(st.integers(0, 3)) == 0:
        data["ignore"] = {"A401": draw(_TEXT)}
    data["conclusions"] = draw(st.lists(_claim(2), min_size=1, max_size=2))
    counter = iter(range(1, 10_000))
    pending: list[Any] = [data["conclusions"]]
    while pending:  # ids in document order, so that they are unique
        current = pending.pop()
        if isinstance(current, list):
            pending.extend(reversed(current))
        elif isinstance(current, dict):
            current["id"] = f"n{next(counter)}"
            pending.extend(
                current[key] for key in ("counterexamples", "because", "premises") if key in current
            )
    if draw(st.booleans()):
        data["conclusions"].append({"ref": "n1", "note": draw(_TEXT)})
    if draw(st.booleans()):
        data["expect"] = {"in": ["n1"]}
    return data


_PLAIN = re.compile(r"[A-Za-z0-9’é][A-Za-z0-9’é ,.!?'-]*[A-Za-z0-9’é.!?]|[A-Za-z0-9]")


class _Writer:
    """A YAML writer with a random hand: key order, indentation, quoting, flow
    lists, blank lines and comments everywhere a person might put them."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.indent = rnd.choice([2, 4])
        self.indentless = rnd.random() < 0.3
        self.lines: list[str] = []

    def comment(self) -> str:
        return "#" + self.rnd.choice([" note", " why: this", "#hash", " é ’", "", " - item", " key: value"])

    def maybe_comment_line(self, column: int) -> None:
        if self.rnd.random() < 0.15:
            self.lines.append("")
        if self.rnd.random() < 0.2:
            self.lines.append(" " * self.rnd.choice([0, column, column + 2]) + self.comment())

    def eol(self) -> str:
        return "  " + self.comment() if self.rnd.random() < 0.2 else ""

    def scalar(self, value: Any, flow: bool = False) -> str:
        if value is True or value is False:
            return self.rnd.choice(["true", "True"]) if value else "false"
        if isinstance(value, int):
            return str(value)
        plain = (
            not flow
            and "\n" not in value
            and _PLAIN.fullmatch(value)
            and resolve_plain_scalar(value) == value
        )
        if plain and self.rnd.random() < 0.7:
            return str(value)
        if any(mark in value for mark in "\x85\u2028\u2029"):
            return json.dumps(value)  # escaped: YAML would take them for line breaks
        if "\n" not in value and "\t" not in value and self.rnd.random() < 0.4:
            return "'" + str(value).replace("'", "''") + "'"
        return json.dumps(value, ensure_ascii=False)

    def mapping(self, data: dict[str, Any], column: int, dash: int | None = None) -> None:
        keys = list(data)
        self.rnd.shuffle(keys)
        for index, key in enumerate(keys):
            prefix = " " * column
            if index == 0 and dash is not None:
                prefix = " " * dash + "- " + " " * (column - dash - 2)
            else:
                self.maybe_comment_line(column)
            self.entry(prefix, key, data[key], column)

    def entry(self, prefix: str, key: str, value: Any, column: int) -> None:
        if isinstance(value, dict):
            if (
                value
                and all(not isinstance(item, dict | list) for item in value.values())
                and self.rnd.random() < 0.3
            ):
                inner = ", ".join(f"{name}: {self.scalar(item, flow=True)}" for name, item in value.items())
                self.lines.append(f"{prefix}{key}: {{{inner}}}{self.eol()}")
                return
            self.lines.append(f"{prefix}{key}:{self.eol()}")
            self.mapping(value, column + self.indent)
        elif isinstance(value, list):
            if not value or (all(isinstance(item, str) for item in value) and self.rnd.random() < 0.3):
                inner = ", ".join(self.scalar(item, flow=True) for item in value)
                self.lines.append(f"{prefix}{key}: [{inner}]{self.eol()}")
                return
            self.lines.append(f"{prefix}{key}:{self.eol()}")
            dash = column if self.indentless else column + self.indent
            for item in value:
                self.maybe_comment_line(dash)
                if isinstance(item, dict):
                    self.mapping(item, dash + 2, dash=dash)
                else:
                    self.lines.append(f"{' ' * dash}- {self.scalar(item)}{self.eol()}")
        else:
            self.lines.append(f"{prefix}{key}: {self.scalar(value)}{self.eol()}")

    def document(self, data: dict[str, Any]) -> str:
        if self.rnd.random() < 0.5:
            self.lines.append("# yaml-language-server: $schema=../schemas/argmap.schema.json")
        self.mapping(data, 0)
        if self.rnd.random() < 0.3:
            self.lines.append(self.comment())
        return "\n".join(self.lines) + "\n"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_map(), rnd=st.randoms(use_true_random=False))
def test_fmt_is_idempotent_on_generated_maps(data: dict[str, Any], rnd: random.Random) -> None:
    text = _Writer(rnd).document(data)
    loaded = load_text(text, "generated.yaml")
    assert loaded.data == data, "the test's own writer must write what it was given"
    result = format_text(text)  # FormatError (meaning or a comment lost) fails the test
    assert result.problems == ()
    assert result.text is not None
    assert format_text(result.text).text == result.text
    reloaded = load_text(result.text, "generated.yaml")
    assert reloaded.data == data
    assert next(iter(reloaded.data or {})) == "argmap"


# --- the command --------------------------------------------------------------


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_fmt_rewrites_a_map_in_place(in_tmp: Path) -> None:
    path = _write(in_tmp / "maps" / "ft.yaml", MESSY)
    result = runner.invoke(app, ["fmt", "maps"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert (
        result.stderr == "reformatted maps/ft.yaml\nargmap fmt: 1 file reformatted, 0 files left unchanged\n"
    )
    assert path.read_text(encoding="utf-8") == CANONICAL
    again = runner.invoke(app, ["fmt", "maps"])
    assert (again.exit_code, again.stdout, again.stderr) == (
        0,
        "",
        "argmap fmt: 0 files reformatted, 1 file left unchanged\n",
    )


def test_fmt_check_lists_the_files_it_would_change_and_writes_nothing(in_tmp: Path) -> None:
    messy = _write(in_tmp / "maps" / "messy.yaml", MESSY)
    _write(in_tmp / "maps" / "tidy.yaml", CANONICAL.replace("id: ft", "id: tidy"))
    result = runner.invoke(app, ["fmt", "--check", "maps"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "would reformat maps/messy.yaml\nargmap fmt: 1 file would be reformatted, 1 file already formatted\n"
    )
    assert messy.read_text(encoding="utf-8") == MESSY
    tidy = runner.invoke(app, ["fmt", "--check", "maps/tidy.yaml"])
    assert (tidy.exit_code, tidy.stdout) == (0, "")
    assert tidy.stderr == "argmap fmt: 0 files would be reformatted, 1 file already formatted\n"


def test_fmt_diff_prints_a_unified_diff_and_writes_nothing(in_tmp: Path) -> None:
    path = _write(
        in_tmp / "m.yaml", "title: T\nid: m\nargmap: 1\nconclusions: [{id: a, text: A., implicit: true}]\n"
    )
    result = runner.invoke(app, ["fmt", "--diff", "m.yaml"])
    assert result.exit_code == 1
    assert result.stdout == textwrap.dedent(
        """\
        --- m.yaml (original)
        +++ m.yaml (formatted)
        @@ -1,4 +1,7 @@
        +argmap: 1
        +id: m
         title: T
        -id: m
        -argmap: 1
        -conclusions: [{id: a, text: A., implicit: true}]
        +conclusions:
        +  - id: a
        +    text: A.
        +    implicit: true
        """
    )
    assert (
        result.stderr
        == "would reformat m.yaml\nargmap fmt: 1 file would be reformatted, 0 files already formatted\n"
    )
    assert path.read_text(encoding="utf-8").startswith("title: T\n")


def test_fmt_never_touches_a_file_that_does_not_parse(in_tmp: Path) -> None:
    broken = "argmap: 1\nid: m\ntitle: [unclosed\nconclusions: []\n"
    path = _write(in_tmp / "broken.yaml", broken)
    before = path.stat()
    result = runner.invoke(app, ["fmt", "broken.yaml"])
    assert (result.exit_code, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    assert lines[0] == "broken.yaml: not formatted: it has problems to fix first"
    assert lines[1] == (
        "broken.yaml:4:12: L101 YAML syntax error: "
        "did not find expected ',' or ']' (while parsing a flow sequence) [error]"
    )
    assert (
        lines[-1]
        == "argmap fmt: 0 files reformatted, 0 files left unchanged, 1 file not formatted because of problems"
    )
    assert path.read_text(encoding="utf-8") == broken
    assert path.stat().st_mtime_ns == before.st_mtime_ns


def test_fmt_never_touches_a_file_that_fails_the_schema(in_tmp: Path) -> None:
    invalid = "title: T\nargmap: 1\nid: m\nconclusions:\n  - id: a\n    txt: typo\n"
    path = _write(in_tmp / "invalid.yaml", invalid)
    result = runner.invoke(app, ["fmt", "invalid.yaml"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "invalid.yaml: not formatted: it has problems to fix first\n"
        "invalid.yaml:5:5: S202 conclusion `a` needs `text` [error]\n"
        "invalid.yaml:6:5: S203 unknown key `txt` in conclusion `a`; did you mean `text`? [error]\n"
        "argmap fmt: 0 files reformatted, 0 files left unchanged, 1 file not formatted because of problems\n"
    )
    assert path.read_text(encoding="utf-8") == invalid


def test_only_maps_skips_yaml_files_that_are_not_maps(in_tmp: Path) -> None:
    config = _write(in_tmp / ".pre-commit-config.yaml", "repos: [ ]\n")
    map_file = _write(
        in_tmp / "m.yaml", "title: T\nid: m\nargmap: 1\nconclusions: [{id: a, text: A., implicit: true}]\n"
    )
    skipped = runner.invoke(app, ["fmt", "--maps-only", ".pre-commit-config.yaml", "m.yaml"])
    assert (skipped.exit_code, skipped.stdout) == (0, "")
    assert skipped.stderr == "reformatted m.yaml\nargmap fmt: 1 file reformatted, 0 files left unchanged\n"
    assert config.read_text(encoding="utf-8") == "repos: [ ]\n"
    assert map_file.read_text(encoding="utf-8").startswith("argmap: 1\n")
    named = runner.invoke(app, ["fmt", ".pre-commit-config.yaml"])
    assert named.exit_code == 1
    assert "S203" in named.stderr or "S202" in named.stderr
    assert config.read_text(encoding="utf-8") == "repos: [ ]\n"


def test_fmt_of_a_path_that_does_not_exist_is_a_usage_error(in_tmp: Path) -> None:
    result = runner.invoke(app, ["fmt", "nowhere.yaml"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "argmap: nowhere.yaml: no such file or folder\n",
    )


def test_fmt_replaces_the_file_instead_of_writing_into_it(in_tmp: Path) -> None:
    path = _write(in_tmp / "m.yaml", MESSY)
    # A second name for the same file: an in-place write would change it too.
    old_name = in_tmp / "old.bak"
    os.link(path, old_name)
    result = runner.invoke(app, ["fmt", "m.yaml"])
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert old_name.read_text(encoding="utf-8") == MESSY
    assert sorted(item.name for item in in_tmp.iterdir()) == ["m.yaml", "old.bak"]


def test_an_interrupted_write_leaves_the_map_whole(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(in_tmp / "m.yaml", MESSY)

    def fail_to_rename(self: Path, target: Any) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail_to_rename)
    monkeypatch.setattr(os, "replace", lambda *args: fail_to_rename(Path(), None))
    result = runner.invoke(app, ["fmt", "m.yaml"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "argmap: m.yaml: cannot write (No space left on device); the map is unchanged\n"
    assert path.read_text(encoding="utf-8") == MESSY
    assert sorted(item.name for item in in_tmp.iterdir()) == ["m.yaml"]


def test_canonical_text_refuses_an_invalid_map() -> None:
    with pytest.raises(ValueError, match="not a valid map"):
        canonical_text("argmap: 1\n")
    assert canonical_text(MINIMAL) == MINIMAL


# --- what fmt used to lose or refuse ------------------------------------------------


def test_a_comment_between_a_tag_and_its_text_is_kept_above_the_entry() -> None:
    text = """\
        argmap: 1
        id: m
        title: !!str # why a tag
          A title
        conclusions:
          - id: c
            text: !!str  # first
              # second
              A claim.
            quote:
              - !!str # on an item
                a quote
            note: !!str |  # after the header
              two
              lines
        """
    assert formatted(text) == textwrap.dedent(
        """\
        argmap: 1
        id: m
        # why a tag
        title: A title
        conclusions:
          - id: c
            # first
            # second
            text: A claim.
            quote:
              # on an item
              - a quote
            note: |  # after the header
              two
              lines
        """
    )


def test_yaml_1_1_booleans_stay_quoted() -> None:
    words = ["y", "Y", "n", "N", "yes", "No", "on", "OFF", "true", "False", "null", "~"]
    quote = "".join(f"      - '{word}'\n" for word in words)
    text = f"argmap: 1\nid: m\ntitle: 'y'\nconclusions:\n  - id: c\n    text: 'n'\n    quote:\n{quote}"
    assert formatted(text) == text


def test_a_folded_text_with_more_indented_lines_keeps_them_whole() -> None:
    # PyYAML's emitter folds a more-indented line at the width, which YAML
    # then reads as a line break: fmt refused the map as its own bug.
    deeper = " ".join(["deeper"] * 20) + " end"
    text = (
        "argmap: 1\nid: m\ntitle: T\nconclusions:\n"
        f"  - id: c\n    text: >\n      first\n        {deeper}\n      back\n"
    )
    assert formatted(text) == text
    loaded = load_text(text, "m.yaml")
    assert loaded.data is not None
    assert loaded.data["conclusions"][0]["text"] == f"first\n  {deeper}\nback\n"


def _deep_map(levels: int) -> str:
    """`levels` claims, each the premise of the one above: 4 YAML levels each."""
    lines = ["argmap: 1", "id: deep", "title: Deep", "conclusions:", "  - id: c0", "    text: C."]
    indent = 2
    for level in range(1, levels):
        pad = " " * (indent + 2)
        lines += [
            f"{pad}because:",
            f"{pad}  - id: i{level}",
            f"{pad}    premises:",
            f"{pad}      - id: c{level}",
        ]
        lines.append(f"{pad}        text: C.")
        indent += 8
    return "\n".join(lines) + "\n"


def test_the_self_check_reads_back_under_the_configured_depth_limit() -> None:
    text = _deep_map(60)  # 240 YAML levels, over the default of 200
    assert format_text(text).problems[0].code == "L106"
    result = format_text(text, limits=Limits(max_depth=1_000))
    assert (result.problems, result.text) == ((), text)
    messy = text.replace("    text: C.\n", "    text: 'C.'\n", 1)
    assert format_text(messy, limits=Limits(max_depth=1_000)).text == text


def test_the_configured_depth_limit_reaches_fmt_from_the_command_line(in_tmp: Path) -> None:
    _write(in_tmp / "pyproject.toml", "[tool.argmap]\nmax-depth = 1000\n")
    path = _write(in_tmp / "deep.yaml", _deep_map(60).replace("title: Deep", "title: 'Deep'"))
    result = runner.invoke(app, ["fmt", "deep.yaml"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "reformatted deep.yaml\nargmap fmt: 1 file reformatted, 0 files left unchanged\n"
    assert path.read_text(encoding="utf-8") == _deep_map(60)


def test_a_formatted_map_over_the_size_limit_is_not_written() -> None:
    text = "argmap: 1\nid: m\ntitle: T\nconclusions:\n- id: c\n  text: C.\n"
    with pytest.raises(FormatError) as raised:
        format_text(text, limits=Limits(max_bytes=len(text) + 1))
    assert raised.value.message == (
        "<text>: the formatted map would be 61 bytes, over the limit of 58 for one map, "
        "so the file was left alone"
    )


def test_fmt_rewrites_the_file_a_link_points_to_and_keeps_the_link(in_tmp: Path) -> None:
    _write(in_tmp / "pyproject.toml", "[project]\nname = 'p'\n")
    target = _write(in_tmp / "maps" / "real.yaml", MESSY)
    link = in_tmp / "linked.yaml"
    link.symlink_to(Path("maps") / "real.yaml")
    result = runner.invoke(app, ["fmt", "linked.yaml"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert (
        result.stderr == "reformatted linked.yaml\nargmap fmt: 1 file reformatted, 0 files left unchanged\n"
    )
    assert link.is_symlink()
    assert link.readlink() == Path("maps") / "real.yaml"
    assert target.read_text(encoding="utf-8") == CANONICAL
    assert sorted(item.name for item in (in_tmp / "maps").iterdir()) == ["real.yaml"]


def test_fmt_refuses_a_link_out_of_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    _write(project / "pyproject.toml", "[project]\nname = 'p'\n")
    outside = _write(tmp_path / "elsewhere" / "secret.yaml", MESSY)
    (project / "map.yaml").symlink_to(outside)
    monkeypatch.chdir(project)
    for arguments in (["fmt", "map.yaml"], ["fmt", "--diff", "map.yaml"]):
        result = runner.invoke(app, arguments)
        assert (result.exit_code, result.stdout) == (2, "")
        # Refused where maps are discovered, for every command alike (argmap.input.workspace).
        assert result.stderr == (
            f"argmap: map.yaml: a link to a file outside the project `{project.resolve()}`; "
            "argmap does not read it\n"
            "  hint: check maps inside their project; copy the map into it rather than linking to it\n"
        )
    assert outside.read_text(encoding="utf-8") == MESSY
    assert (project / "map.yaml").is_symlink()


# --- one parse, no read-back of an unchanged text ---------------------------------------


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    import yaml

    calls = [0]
    real_parse = yaml.parse

    def counting_parse(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(yaml, "parse", counting_parse)
    return calls


def test_fmt_parses_a_canonical_map_once_and_does_not_read_it_back(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_parses(monkeypatch)
    result = format_text(CANONICAL)
    assert (result.text, result.problems, calls[0]) == (CANONICAL, (), 1)


def test_fmt_parses_a_messy_map_once_and_reads_its_new_text_back_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_parses(monkeypatch)
    result = format_text(MESSY)
    assert (result.text, calls[0]) == (CANONICAL, 2)


def test_an_unchanged_text_skips_the_read_back_and_a_changed_one_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from argmap.authoring import fmt

    def failing_verify(*args: Any) -> None:
        raise FormatError("read back")

    monkeypatch.setattr(fmt, "_verify", failing_verify)
    assert format_text(CANONICAL).text == CANONICAL
    with pytest.raises(FormatError, match="read back"):
        format_text(MESSY)
    with pytest.raises(FormatError, match="read back"):
        format_text(CANONICAL, always_verify=True)


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(
        alphabet=st.one_of(
            st.sampled_from(list(" :#-?.,[]{}&*!|>'\"%@`\t\r\x00\ufeff\xa0\x7f")),
            st.characters(exclude_characters="\n\x85\u2028\u2029"),
        ),
        max_size=8,
    )
)
def test_the_style_judgement_agrees_with_pyyamls_analysis(text: str) -> None:
    from argmap.authoring.fmt import _analyser, _line_styles

    analysis = _analyser().analyze_scalar(text)
    assert _line_styles(text) == (analysis.allow_block_plain, analysis.allow_single_quoted)


def test_fmt_refuses_a_named_pipe_without_waiting_for_a_writer(in_tmp: Path) -> None:
    os.mkfifo("pipe.yaml")
    result = runner.invoke(app, ["fmt", "pipe.yaml"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "argmap: pipe.yaml: not a regular file (a pipe, a device or a socket)\n"
        "  hint: argmap reads map files; save the map to a file and check that\n",
    )


def test_fmt_does_not_read_a_map_over_the_size_limit(in_tmp: Path) -> None:
    Path("big.yaml").write_text(CANONICAL, encoding="utf-8")
    result = format_file(Path("big.yaml"), limits=Limits(max_bytes=100))
    assert (result.original, result.text, [problem.code for problem in result.problems]) == (
        "",
        None,
        ["L105"],
    )
