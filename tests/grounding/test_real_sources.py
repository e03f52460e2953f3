"""Sources as analysts find them: odd line ends, page markers, editorial marks, repeated passages.

The Mill excerpt (tests/fixtures/sources/on-liberty-ch2.txt, see NOTICE.md
there) is laid out as the Project Gutenberg text is and saved with
`\\r\\r\\n` line ends; line numbers are those an editor shows.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli.app import app
from argmap.config import Config
from argmap.grounding.quotes import Outcome, QuoteIndex
from argmap.grounding.sources import parse_text
from argmap.lint.runner import check_paths
from argmap.problems import Problem, Severity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
MILL = """\
argmap: 1
id: mill-infallibility
title: Silencing an opinion assumes infallibility
source:
  file: ../sources/on-liberty-ch2.txt
  ignore: ['\\[Pg \\d+\\]']
conclusions:
  - id: no-silencing
    text: No one may silence an opinion, not even a government at one with the people.
    quote: The best government has no more title to it than the worst.
    because:
      - id: infallibility
        warrant: Whoever silences an opinion because it is false claims a certainty no one has.
        premises:
          - id: may-be-true
            text: A suppressed opinion may be true.
            quote: "First: the opinion which it is attempted to suppress by authority may possibly be true."
          - id: not-infallible
            text: The suppressors are not infallible.
            quote: "[T]hey are not infallible"
          - id: assumption
            text: Silencing discussion assumes infallibility.
            quote: All silencing of discussion is an assumption of [the suppressor's] infallibility.
          - id: mankind
            text: Even a unanimous mankind may not silence one dissenter.
            quote: If all mankind minus one, were of one opinion
"""


@pytest.mark.parametrize(
    ("line_end", "name"),
    [
        ("\r\r\n", "CR CR LF"),
        ("\r\n", "CR LF"),
        ("\r", "CR"),
        ("\n", "LF"),
        ("\u2028", "LS"),
        ("\u2029", "PS"),
    ],
)
def test_each_kind_of_line_end_is_one_line_end(line_end: str, name: str) -> None:
    source = parse_text(line_end.join(["One.", "", "Two three.", "Four."]) + line_end, markdown=False)
    assert source.text == "One.\n\nTwo three.\nFour.\n"
    assert [source.line_of(source.text.index(word)) for word in ("One", "Two", "Four")] == [1, 3, 4]
    assert source.line_endings == ((name, 4),)
    assert not source.mixes_line_endings


def test_mixed_line_ends_are_counted() -> None:
    source = parse_text("a\r\nb\r\nc\nd", markdown=False)
    assert source.line_endings == (("CR LF", 2), ("LF", 1))
    assert source.line_of(source.text.index("d")) == 4


def project(tmp_path: Path, source_name: str, content: bytes, map_text: str) -> Path:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "maps").mkdir()
    (tmp_path / "sources" / source_name).write_bytes(content)
    (tmp_path / "maps" / "m.yaml").write_text(map_text, encoding="utf-8")
    return tmp_path / "maps" / "m.yaml"


def test_a_source_that_mixes_line_ends_gets_a_warning(tmp_path: Path) -> None:
    path = project(
        tmp_path,
        "mixed.txt",
        b"Cats sleep.\r\nDogs bark.\nBirds sing.\r\n",
        "argmap: 1\nid: m\ntitle: T\nsource:\n  file: ../sources/mixed.txt\n"
        "conclusions:\n  - id: c\n    text: Birds sing.\n    quote: Birds sing.\n",
    )
    result = check_paths([path], Config(), cwd=tmp_path)
    assert [problem for problem in result.problems if problem.code == "Q507"] == [
        Problem(
            "Q507",
            Severity.WARNING,
            "maps/m.yaml",
            5,
            9,
            "source file `sources/mixed.txt` mixes line ends (CR LF on 2 lines, LF on 1 line)",
            "lines are counted as an editor counts them; convert the file to one kind of line end "
            "(`dos2unix`, or your editor's line-ending setting) to be sure other tools agree",
        )
    ]


def test_page_markers_are_ignored_and_offsets_kept() -> None:
    text = "The best[Pg 30] government has no more title.\nThe worst [Pg 31]\ngovernment."
    index = QuoteIndex(text, (re.compile(r"\[Pg \d+\]"),))
    found = index.find("The best government has no more title")
    assert found.outcome is Outcome.FOUND
    assert [text[start:end] for start, end in found.spans] == ["The best[Pg 30] government has no more title"]
    found = index.find("The worst government")
    assert [text[start:end] for start, end in found.spans] == ["The worst [Pg 31]\ngovernment"]
    assert QuoteIndex(text).find("The best government has").outcome is Outcome.NOT_FOUND


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("they recieve [sic] the worst", "they recieve the worst"),
        ("they recieve (sic) the worst", "they recieve the worst"),
        ("[T]hey recieve", "they recieve"),
        ("[the suppressors] recieve the worst", "recieve the worst"),
        ("It is said [by Mill] that they", "It is said that they"),
        ("It is said [...] the worst", "It is said that they recieve the worst"),
    ],
)
def test_scholarly_marks_in_a_quote(quote: str, found: str) -> None:
    text = "It is said that they recieve the worst."
    match = QuoteIndex(text).find(quote)
    assert match.outcome is Outcome.FOUND
    assert text[match.start or 0 : match.end or 0] == found


def test_a_changed_capital_is_still_exact_but_other_capitals_are_not() -> None:
    index = QuoteIndex("It is said that they recieve the worst.")
    assert index.find("[I]t is said").outcome is Outcome.FOUND
    assert index.find("[t]hey Recieve").outcome is Outcome.CASE_MISMATCH


def test_occurrence_and_after_choose_the_occurrence() -> None:
    text = "the opinion may be true.\nthe opinion may be false.\nBut then the opinion may be true."
    index = QuoteIndex(text)
    first = index.find("the opinion may be")
    assert (first.start, first.also_at) == (0, 25)
    assert index.find("the opinion may be", occurrence=2).start == 25
    assert index.find("the opinion may be", occurrence=3).start == 60
    assert index.find("the opinion may be", after="But then").start == 60
    # The second place where the elided quote's parts occur in order, close together.
    assert index.find("the opinion may [...] true", occurrence=2).spans == ((25, 40), (79, 83))
    missing = index.find("the opinion may be", occurrence=4)
    assert (missing.outcome, missing.occurrences, missing.nearest) == (Outcome.NOT_FOUND, 3, None)
    assert index.find("the opinion", after="no such words").after_missing


def test_a_repeated_passage_gets_an_info_and_occurrence_silences_it(tmp_path: Path) -> None:
    text = "The opinion may be true.\nSo the opinion may be silenced.\n"
    header = (
        "argmap: 1\nid: m\ntitle: T\nsource:\n  file: ../sources/s.txt\n"
        "conclusions:\n  - id: c\n    text: C.\n"
    )
    path = project(tmp_path, "s.txt", text.encode(), header + "    quote: opinion may be\n")
    result = check_paths([path], Config(), cwd=tmp_path)
    assert [problem for problem in result.problems if problem.code in ("Q501", "Q508")] == [
        Problem(
            "Q508",
            Severity.INFO,
            "maps/m.yaml",
            9,
            12,
            "the quote of conclusion `c` occurs more than once in `sources/s.txt`: "
            "at line 1 and again at line 2; the first counts",
            "say which occurrence is meant: write the quote as `text:` with `occurrence: 2` "
            "(or `after:` words of the source before it), or quote more words",
            node="m#c",
        )
    ]
    for chosen in ("occurrence: 2", "after: So the", "occurrence: 3"):
        path.write_text(
            header + f"    quote:\n      text: opinion may be\n      {chosen}\n", encoding="utf-8"
        )
        result = check_paths([path], Config(), cwd=tmp_path)
        codes = [(p.code, p.message) for p in result.problems if p.code in ("Q501", "Q508")]
        if chosen == "occurrence: 3":
            assert codes == [
                (
                    "Q501",
                    "the quote of conclusion `c` does not occur in `sources/s.txt`: it asks for "
                    "occurrence 3, and the passage occurs 2 times",
                )
            ]
        else:
            assert codes == []


def mill_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "maps").mkdir()
    shutil.copy(FIXTURES / "on-liberty-ch2.txt", tmp_path / "sources")
    (tmp_path / "maps" / "mill.yaml").write_text(MILL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_mill_excerpt_keeps_its_crcrlf_line_ends() -> None:
    raw = (FIXTURES / "on-liberty-ch2.txt").read_bytes()
    assert raw.count(b"\r\r\n") == raw.count(b"\n") == 42
    assert b"best[Pg 30] government" in raw


def test_mill_maps_with_lines_an_editor_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mill_project(tmp_path, monkeypatch)
    result = CliRunner().invoke(app, ["check", "maps/mill.yaml", "--format", "json"])
    assert result.exit_code == 0, result.stdout
    codes = sorted({problem["code"] for problem in json.loads(result.stdout)["problems"]})
    assert codes == ["Q505"]  # sentences with reasoning words the map leaves out: nothing else
    result = CliRunner().invoke(app, ["export", "maps/mill.yaml"])
    assert result.exit_code == 0
    lines = {node["id"]: node["source_line"] for node in json.loads(result.stdout)["nodes"]}
    # The lines of the file as an editor shows them (`sed -n` on the file with `\r` removed).
    assert lines == {
        "no-silencing": 9,
        "infallibility": None,
        "may-be-true": 34,
        "not-infallible": 36,
        "assumption": 40,
        "mankind": 12,
    }


def test_mill_coverage_counts_the_real_sentences(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mill_project(tmp_path, monkeypatch)
    result = CliRunner().invoke(app, ["coverage", "maps/mill.yaml", "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    # Heading, title and 17 sentences of Mill's three paragraphs, as a reader counts them.
    assert report["sentences"] == 19


HTML = (
    "<html><head><title>The page</title>\n"
    "<script>\nvar note = 'Text inside a script';\n</script></head>\n"
    "<body><p>Visible words &amp; more.</p>\n"
    "<div hidden>Words nobody sees.</div><style>p { color: red }</style>\n"
    "<p>The last visible words.</p></body></html>\n"
)


def test_an_html_source_shows_only_the_visible_text() -> None:
    source = parse_text(HTML, markdown=True)
    assert " ".join(source.text.split()) == "Visible words & more. The last visible words."
    assert source.line_of(source.text.index("The last")) == 7


def test_html_quotes_from_scripts_or_hidden_elements_are_not_found(tmp_path: Path) -> None:
    header = "argmap: 1\nid: m\ntitle: T\nsource:\n  file: ../sources/page.html\nconclusions:\n"
    claims = "".join(
        f"  - id: c{number}\n    text: C.\n    quote: {quote}\n"
        for number, quote in enumerate(["Visible words & more", "Text inside a script", "Words nobody sees"])
    )
    path = project(tmp_path, "page.html", HTML.encode(), header + claims)
    result = check_paths([path], Config(), cwd=tmp_path)
    assert [(p.code, p.node) for p in result.problems if p.code == "Q501"] == [
        ("Q501", "m#c1"),
        ("Q501", "m#c2"),
    ]
