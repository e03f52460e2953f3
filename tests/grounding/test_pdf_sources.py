"""PDF sources: quotes found in the text of the pages, places named by page.

The PDFs are written by the tests (tests/grounding/pdf_files.py), small and
exact: their lines are what a PDF reader extracts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.grounding.pdf import read_pdf
from argmap.grounding.sources import Page
from tests.grounding.pdf_files import encrypted, make_pdf

PAGES = [
    [
        "CHAPTER II.",
        "OF THE LIBERTY OF THOUGHT AND DISCUSSION.",
        "The best government has no more title",
        "to it than the worst.",
    ],
    [
        "First: the opinion which it is attempted",
        "to suppress by authority may possibly be true.",
        "It is as noxious as the worst.",
    ],
]

MAP = """\
argmap: 1
id: mill
title: Silencing assumes infallibility
source:
  file: ../sources/mill.pdf
conclusions:
  - id: no-silencing
    text: No government may silence an opinion.
    quote: The best government has no more title to it than the worst.
    because:
      - id: infallibility
        warrant: Silencing claims a certainty no one has.
        premises:
          - id: may-be-true
            text: A suppressed opinion may be true.
            quote: "the worst. First: the opinion which it is attempted"
          - id: misquoted
            text: The opinion might be true.
            quote: the opinion which it is attempted to suppress by authority might possibly be true
          - id: noxious
            text: Silencing is as bad as the worst.
            quote: the worst
"""


def project(tmp_path: Path, pdf: bytes, monkeypatch: pytest.MonkeyPatch, name: str = "mill.pdf") -> None:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "maps").mkdir()
    (tmp_path / "sources" / name).write_bytes(pdf)
    (tmp_path / "maps" / "mill.yaml").write_text(MAP.replace("mill.pdf", name), encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def test_the_pages_follow_one_another_each_on_its_own_lines() -> None:
    source = read_pdf(make_pdf(PAGES, first_page_label=29), "mill.pdf")
    assert source.text == "\n".join(PAGES[0] + PAGES[1]) + "\n"
    assert source.pages == (Page(0, "29", 1), Page(source.text.index("First:"), "30", 5))
    assert source.place_of(source.text.index("to it")) == "p. 29, line 4"
    assert source.place_of(source.text.index("noxious")) == "p. 30, line 3"
    assert source.page_locator(source.text.index("noxious")) == "p. 30"
    # Without labels, a page is named by its position.
    unlabelled = read_pdf(make_pdf(PAGES), "mill.pdf")
    assert [page.label for page in unlabelled.pages] == ["1", "2"]


def test_check_names_pages_and_export_gives_the_page_as_locator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, make_pdf(PAGES, first_page_label=29), monkeypatch)
    result = CliRunner().invoke(app, ["check", "maps/mill.yaml", "--format", "json"])
    assert result.exit_code == 1
    found = [
        (problem["code"], problem["line"], problem["message"], problem["hint"])
        for problem in json.loads(result.stdout)["problems"]
        if problem["code"].startswith("Q")
    ]
    assert found == [
        (
            "Q501",
            19,
            "the quote of premise `misquoted` does not occur in `sources/mill.pdf`",
            "the nearest passage is at p. 30, line 1: after “to suppress by authority”, the quote has "
            "“might possibly be true” where the source has “may possibly be true.”; "
            "copy the quote from the source",
        ),
        (
            "Q508",
            22,
            "the quote of premise `noxious` occurs more than once in `sources/mill.pdf`: "
            "at p. 29, line 4 and again at p. 30, line 3; the first counts",
            "say which occurrence is meant: write the quote as `text:` with `occurrence: 2` "
            "(or `after:` words of the source before it), or quote more words",
        ),
    ]
    result = CliRunner().invoke(app, ["export", "maps/mill.yaml"])
    nodes = {node["id"]: node for node in json.loads(result.stdout)["nodes"]}
    # A quote that runs over the page break is found, and placed on the page it begins on.
    assert [
        (nodes[key]["locator"], nodes[key]["source_line"]) for key in ("no-silencing", "may-be-true")
    ] == [
        ("p. 29", 3),
        ("p. 29", 4),
    ]
    assert nodes["misquoted"]["locator"] is None


def test_the_report_names_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, make_pdf(PAGES, first_page_label=29), monkeypatch)
    result = CliRunner().invoke(app, ["report", "maps/mill.yaml"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "maps" / "mill.html").read_text(encoding="utf-8")
    assert "at p. 29" in page
    assert "at p. 29, line 4 and again at p. 30, line 3" in page


def test_a_pdf_by_another_name_is_read_as_a_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, make_pdf(PAGES), monkeypatch, name="mill.txt")
    result = CliRunner().invoke(app, ["check", "maps/mill.yaml", "--format", "json"])
    codes = [problem["code"] for problem in json.loads(result.stdout)["problems"]]
    assert "Q506" not in codes and "Q501" in codes


def q506(tmp_path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", "maps/mill.yaml"])
    lines = [line for line in result.stdout.splitlines() if "Q506" in line or "hint" in line]
    return result.exit_code, "\n".join(lines[:2])


def test_without_pypdf_a_pdf_source_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, make_pdf(PAGES), monkeypatch)
    monkeypatch.setitem(sys.modules, "pypdf", None)  # as if the extra were not installed
    assert q506(tmp_path) == (
        1,
        "maps/mill.yaml:5:9: Q506 source file `sources/mill.pdf` is a PDF, and reading PDFs needs pypdf, "
        "which is not installed [error]\n"
        "    hint: install the PDF extra, `pip install 'argmap[pdf]'` (it adds pypdf), "
        "or convert the PDF to text",
    )


def test_an_encrypted_pdf_is_refused_unless_it_opens_without_a_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, encrypted(make_pdf(PAGES)), monkeypatch)
    assert q506(tmp_path) == (
        1,
        "maps/mill.yaml:5:9: Q506 source file `sources/mill.pdf` is an encrypted PDF, which argmap cannot "
        "open without its password [error]\n"
        "    hint: save a copy without the password (or the document's text) and point `source.file` at it",
    )
    # Encrypted with the empty password (only its permissions restricted): read.
    (tmp_path / "sources" / "mill.pdf").write_bytes(encrypted(make_pdf(PAGES), password=""))
    result = CliRunner().invoke(app, ["check", "maps/mill.yaml"])
    assert "Q506" not in result.stdout and "p. 2, line 1" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "cannot be read as a PDF (it is damaged, or not a PDF)"),
        (make_pdf([[], []]), "is a PDF without text to quote (a scan, or only pictures)"),
    ],
    ids=["damaged", "no-text"],
)
def test_a_pdf_without_readable_text_is_q506(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, message: str
) -> None:
    project(tmp_path, content, monkeypatch)
    code, shown = q506(tmp_path)
    assert code == 1
    assert shown.startswith(f"maps/mill.yaml:5:9: Q506 source file `sources/mill.pdf` {message} [error]")
    assert "Traceback" not in shown


def test_new_titles_a_map_by_the_pdf_s_own_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, make_pdf(PAGES, title="On  Liberty, chapter II"), monkeypatch)
    result = CliRunner().invoke(app, ["new", "maps/new.yaml", "--source", "sources/mill.pdf"])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "maps" / "new.yaml").read_text(encoding="utf-8")
    assert "title: On Liberty, chapter II\n" in written
    assert "  author: J. S. Mill\n" in written
    # Without a title of its own, by the file's name (never the bytes of the PDF).
    (tmp_path / "sources" / "mill.pdf").write_bytes(make_pdf(PAGES))
    result = CliRunner().invoke(app, ["new", "maps/other.yaml", "--source", "sources/mill.pdf"])
    assert "title: mill\n" in (tmp_path / "maps" / "other.yaml").read_text(encoding="utf-8")
