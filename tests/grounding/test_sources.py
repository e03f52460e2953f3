"""The plain-text view of sources: Markdown read as a reader sees it, front
matter as metadata, offsets mapped back to source lines; and what grounding
makes of it (lines, locators, links, the export fields)."""

from __future__ import annotations

import json
import os
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.config import Config
from argmap.grounding.ground import NodeGrounding, grounding_for
from argmap.grounding.sources import (
    BlockKind,
    Marker,
    SourceUnreadable,
    looks_like_markdown,
    parse_text,
    read_source,
)
from argmap.lint.runner import check_paths
from argmap.output.checked_export import export_document

ROOT = Path(__file__).resolve().parents[2]
SEED_PLAIN = ROOT / "seeds" / "000_8cb48b3a64db822c.txt"
SEED_MARKDOWN = ROOT / "seeds" / "004_c7e1bab3a6e96006.txt"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def view(markdown_text: str) -> str:
    return parse_text(textwrap.dedent(markdown_text), markdown=True).text


def line_of(text: str, words: str, *, markdown: bool | None = None) -> int:
    source = parse_text(text, markdown=markdown)
    offset = source.text.index(words)
    return source.line_of(offset)


# -- Markdown, one transformation at a time ----------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("a **bold** word", "a bold word"),
        ("a __bold__ word", "a bold word"),
        ("an *italic* word", "an italic word"),
        ("an _italic_ word", "an italic word"),
        ("a ***strong italic*** word", "a strong italic word"),
        ("some `code` here", "some code here"),
        ("a ~~struck~~ word", "a struck word"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2 * 3 is six", "2 * 3 is six"),
        (r"an \*escaped\* star", "an *escaped* star"),
    ],
)
def test_emphasis_markers_are_removed(markdown: str, plain: str) -> None:
    assert view(markdown) == plain


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("# Title", "Title"),
        ("### Closed title ###", "Closed title"),
        ("* starred item", "starred item"),
        ("- dashed item", "dashed item"),
        ("+ plus item", "plus item"),
        ("1. numbered item", "numbered item"),
        ("12) numbered item", "numbered item"),
        ("    * nested item", "nested item"),
        ("> quoted line", "quoted line"),
        ("#hashtag is no heading", "#hashtag is no heading"),
    ],
)
def test_headings_bullets_and_quote_marks_are_removed(markdown: str, plain: str) -> None:
    assert view(markdown) == plain


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("a [[target_page | shown words]] here", "a shown words here"),
        ("a [[target_page|shown]] here", "a shown here"),
        ("a [[target_page]] here", "a target_page here"),
        ("a [link text](https://example.org/x_(y)) here", "a link text here"),
        ('a [link](https://example.org "title") here', "a link here"),
        ("a [**bold** link](https://example.org) here", "a bold link here"),
        ("an ![alt words](picture.png) image", "an alt words image"),
        ("a [reference][1] link", "a reference link"),
        ("see <https://example.org/a>", "see https://example.org/a"),
    ],
)
def test_links_read_as_their_words(markdown: str, plain: str) -> None:
    assert view(markdown) == plain


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("a <b>bold</b> word", "a bold word"),
        ('a <span class="x">styled</span> word', "a styled word"),
        ("line<br/>break", "line break"),
        ("fish &amp; chips", "fish & chips"),
        ("&quot;said&quot; &#8220;x&#x201D; &nbsp;y", '"said" \u201cx\u201d \u00a0y'),
        ("&madeup; stays", "&madeup; stays"),
        ("a <!-- hidden --> word", "a  word"),
        ("x <y and z> w", "x  w"),
        ("values < 3 stay", "values < 3 stay"),
    ],
)
def test_html_tags_are_removed_and_entities_decoded(markdown: str, plain: str) -> None:
    assert view(markdown) == plain


def test_a_comment_or_tag_over_several_lines_is_removed_and_keeps_the_lines() -> None:
    source = parse_text("one <!-- a\ncomment -->two\n<a\nhref='x'>three</a>\nfour\n", markdown=True)
    assert source.text == "one \ntwo\n\nthree\nfour\n"
    assert [source.line_of(source.text.index(word)) for word in ("one", "two", "three", "four")] == [
        1,
        2,
        4,
        5,
    ]


def test_fenced_code_keeps_its_text_but_not_its_fences() -> None:
    source = parse_text("text\n\n```python\nx = a_b * 2\n```\nafter\n", markdown=True)
    # the fence lines stay, empty, so that later lines keep their numbers
    assert source.text == "text\n\n\nx = a_b * 2\n\nafter\n"
    assert [block.kind for block in source.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.CODE,
        BlockKind.PARAGRAPH,
    ]


def test_front_matter_is_metadata_not_text() -> None:
    source = parse_text('---\ntitle: "A talk"\nvideoId: 0123e45\nempty:\n---\nBody text.\n')
    assert source.markdown
    assert dict(source.metadata) == {"title": "A talk", "videoId": "0123e45"}
    assert source.text == "Body text.\n"
    assert source.title == "A talk"
    assert source.video_id == "0123e45"


def test_rules_around_prose_are_not_front_matter() -> None:
    source = parse_text("---\nJust prose here.\n---\nMore.\n", markdown=True)
    assert dict(source.metadata) == {}
    assert source.text == "\nJust prose here.\n\nMore.\n"


def test_the_fixture_transcript_reads_as_expected() -> None:
    source = read_source(FIXTURES / "transcript.txt", "transcript.txt")
    assert source.markdown  # by its content: the suffix is .txt
    assert source.text == (
        "\n"
        "From: cat_expert  \n"
        "\n"
        "Why cats sleep\n"
        'Cats sleep most of the day because they hunt at night . A "lazy" cat is a healthy cat .\n'
        "Hunting: cats hunt mice & birds .\n"
        "Dogs are different \n"
        " in snake_case terms .\n"
    )
    # `tags` holds a list, not a value: it is not metadata argmap uses
    assert dict(source.metadata) == {"title": "A talk about cats", "videoId": "abc123XYZ_-"}
    assert [(marker.text, marker.line) for marker in source.markers] == [
        ("00:01:10", 11),
        ("00:02:05", 11),
        ("00:03:00", 12),
        ("00:04:30", 14),
    ]
    assert [block.kind for block in source.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.ITEM,
        BlockKind.ITEM,
    ]


# -- deciding what is Markdown ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: x\n---\nbody", True),
        ("see [[page]] here", True),
        ("a <br/> break", True),
        ("a </p> close", True),
        ("# a number sign\n- and a dash\nplain text", False),
        ("x < y and y > z", False),
        ("plain *text* with stars", False),
    ],
)
def test_markdown_is_recognised_by_its_content(text: str, expected: bool) -> None:
    assert looks_like_markdown(text) is expected


def test_markdown_is_recognised_by_the_suffix(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Title\n\n**bold** text\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("# Title\n\n**bold** text\n", encoding="utf-8")
    assert read_source(tmp_path / "notes.md", "notes.md").text == "Title\n\nbold text\n"
    assert read_source(tmp_path / "notes.txt", "notes.txt").text == "# Title\n\n**bold** text\n"


# -- offsets back to lines ----------------------------------------------------------------


def test_lines_after_front_matter() -> None:
    text = "---\ntitle: T\nvideoId: v\n---\n\nFirst line.\n\nThird **body** line.\n"
    assert line_of(text, "First line") == 6
    assert line_of(text, "Third body") == 8


def test_lines_with_crlf_line_endings() -> None:
    text = "---\r\ntitle: T\r\n---\r\nOne.\r\n\r\nTwo [[x | words]].\r\nThree.\r\n"
    source = parse_text(text)
    assert "\r" not in source.text
    assert dict(source.metadata) == {"title": "T"}
    assert [line_of(text, words) for words in ("One.", "Two words.", "Three.")] == [4, 6, 7]


def test_lines_with_crlf_in_plain_text_and_lone_carriage_returns() -> None:
    assert line_of("a\r\nb\r\n\r\nc", "c", markdown=False) == 4
    assert line_of("a\rb\rc", "c", markdown=False) == 3


def test_plain_text_is_its_own_view() -> None:
    text = "One **two** [[three]].\n\n<b>four</b>\n"
    source = parse_text(text, markdown=False)
    assert source.text == text
    assert source.line_of(source.text.index("four")) == 3


def test_every_offset_maps_to_the_line_that_holds_it() -> None:
    text = "---\nk: v\n---\n# Head\n* **item** one\n\ntext [[a | b]] end\n"
    source = parse_text(text)
    lines = text.split("\n")
    # Each visible word of the view sits on the source line the map gives.
    for word in ("Head", "item", "one", "text", "b", "end"):
        line = source.line_of(source.text.index(word))
        assert word in lines[line - 1], word


# -- the seeds --------------------------------------------------------------------------


def test_seed_000_is_plain_text() -> None:
    source = read_source(SEED_PLAIN, "000.txt")
    assert not source.markdown
    assert source.text == SEED_PLAIN.read_text(encoding="utf-8")
    assert source.line_of(source.text.index("For them, it is revenge against the stronger West.")) == 21
    assert source.markers == ()


def test_seed_004_is_markdown_with_front_matter_links_and_timestamps() -> None:
    source = read_source(SEED_MARKDOWN, "004.txt")
    assert source.markdown
    assert source.title == "Moral and political implications for Russian leadership"
    assert source.video_id == "chIqmlJA2i0"
    for markup in ("[[", "]]", "<a", "</a>", "<br", "**", "---", "## ", "*   "):
        assert markup not in source.text, markup
    assert "marked a significant strategic turning point in the conflict" in source.text
    assert "From: bonus_professor" in source.text
    assert source.line_of(source.text.index("From: bonus_professor")) == 6
    assert source.line_of(source.text.index("Loss of Faith and Trust")) == 10
    assert source.line_of(source.text.index("Confusion in Propaganda: The propaganda machine")) == 17
    assert source.line_of(source.text.index("The nation is responsible")) == 43
    assert len(source.markers) == 36
    # the marker stands where its tag stood: after the space that preceded the tag
    before_tag = "began around August-September "
    assert source.markers[0] == Marker(source.text.index(before_tag) + len(before_tag), "01:58:12", 8)
    assert source.markers[-1].text == "16:07:05"
    assert source.markers[-1].line == 43


def test_a_source_that_is_not_utf8_is_unreadable_and_not_quoted(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("first line\nsecond caf\u00e9 secret\n".encode("latin-1"))
    with pytest.raises(SourceUnreadable) as raised:
        read_source(path, "latin1.txt")
    assert (
        raised.value.message == "source file `latin1.txt` is not UTF-8 text (the first bad byte is on line 2)"
    )
    assert "secret" not in raised.value.message


def test_a_folder_is_not_a_source(tmp_path: Path) -> None:
    with pytest.raises(SourceUnreadable) as raised:
        read_source(tmp_path, "here")
    assert raised.value.message == "source file `here` is a folder, not a document"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_pipe_is_refused_without_waiting_for_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(SourceUnreadable) as raised:
        read_source(tmp_path / "pipe.txt", "pipe.txt")
    assert (
        raised.value.message == "source file `pipe.txt` is not a regular file (a pipe, a device or a socket)"
    )


def test_a_source_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x" * 101, encoding="utf-8")
    (tmp_path / "fits.txt").write_text("x" * 100, encoding="utf-8")
    assert read_source(tmp_path / "fits.txt", "fits.txt", max_bytes=100).text == "x" * 100
    with pytest.raises(SourceUnreadable) as raised:
        read_source(tmp_path / "big.txt", "big.txt", max_bytes=100)
    assert raised.value.message == "source file `big.txt` is over the limit of 100 bytes"


# -- lines, locators and links of nodes -------------------------------------------------------

MAP = """\
argmap: 1
id: cats
title: Cats
source:
  file: transcript.txt
conclusions:
  - id: nocturnal
    text: Cats are nocturnal.
    quote: they hunt at night
    because:
      - id: from-hunting
        premises:
          - id: hunting
            text: Cats hunt mice and birds.
            quote:
              - not in the source at all, no
              - cats hunt mice & birds
          - id: lazy
            text: A lazy cat is healthy.
            quote: A "lazy" cat is a healthy cat
            at: "2:05"
          - id: own-link
            text: Dogs differ.
            quote: Dogs are different
            url: https://example.org/dogs
          - id: unstated
            text: Hunting happens at night.
            implicit: true
"""


def grounded_project(tmp_path: Path, map_text: str = MAP) -> Path:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    shutil.copy(FIXTURES / "transcript.txt", tmp_path / "transcript.txt")
    path = tmp_path / "cats.yaml"
    path.write_text(map_text, encoding="utf-8")
    return path


def test_grounding_records_lines_locators_and_links(tmp_path: Path) -> None:
    path = grounded_project(tmp_path)
    result = check_paths([path], Config(), cwd=tmp_path)
    grounding = grounding_for(result.run.context(result.workspace.requested[0]))
    video = "https://www.youtube.com/watch?v=abc123XYZ_-"
    assert grounding.source_file == "transcript.txt"
    assert dict(grounding.nodes) == {
        # the first following marker, kept as written; the link to the video has no time
        "cats#nocturnal": NodeGrounding(11, "00:01:10", video),
        # the first quote is not found: the second one grounds the node
        "cats#hunting": NodeGrounding(12, "00:03:00", video),
        # `at:` overrides the marker
        "cats#lazy": NodeGrounding(11, "2:05", video),
        # `url:` overrides the link
        "cats#own-link": NodeGrounding(13, "00:04:30", "https://example.org/dogs"),
        "cats#unstated": NodeGrounding(None, None, None),
        "cats#from-hunting": NodeGrounding(None, None, None),
    }


def test_a_map_without_source_file_is_not_grounded(tmp_path: Path) -> None:
    path = grounded_project(tmp_path, MAP.replace("source:\n  file: transcript.txt\n", ""))
    result = check_paths([path], Config(), cwd=tmp_path)
    grounding = grounding_for(result.run.context(result.workspace.requested[0]))
    assert dict(grounding.nodes) == {}
    assert grounding.source_file is None
    assert [problem.code for problem in result.problems if problem.code.startswith("Q")] == []


def test_export_carries_source_line_locator_and_link(tmp_path: Path) -> None:
    path = grounded_project(tmp_path)
    result = check_paths([path], Config(), cwd=tmp_path)
    exported = json.loads(export_document(result, result.workspace.requested[0]))
    fields = {node["id"]: (node["source_line"], node["locator"], node["link"]) for node in exported["nodes"]}
    video = "https://www.youtube.com/watch?v=abc123XYZ_-"
    assert fields["nocturnal"] == (11, "00:01:10", video)
    assert fields["lazy"] == (11, "2:05", video)
    assert fields["unstated"] == (None, None, None)


# -- properties --------------------------------------------------------------------------------

MARKDOWN_ALPHABET = st.sampled_from(
    [*"ab #*_-+1.>`~[]|()!<>/&;=\"'\n\r\t-:", "[[", "]]", "<a ", "</a>", "<!--", "-->", "---", "&amp;"]
)


@given(st.lists(MARKDOWN_ALPHABET, max_size=80).map("".join), st.sampled_from([True, False, None]))
def test_any_text_gives_a_view_whose_offsets_map_to_its_lines(text: str, markdown: bool | None) -> None:
    source = parse_text(text, markdown=markdown)
    lines = re.split(r"\r\n|\r|\n", text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # a final line break ends the last line
    line_count = len(lines)
    assert len(source.line_starts) == line_count
    assert list(source.line_starts) == sorted(source.line_starts)
    for offset in range(len(source.text)):
        assert 1 <= source.line_of(offset) <= line_count
    assert all(0 <= marker.offset <= len(source.text) for marker in source.markers)
    assert parse_text(text, markdown=markdown) == source  # deterministic
