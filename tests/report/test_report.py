"""The report without a browser: escaping, the diagram's cleaning, determinism, the CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from argmap.report.escape import escape_html, safe_link
from argmap.report.svg import interactive_svg

ROOT = Path(__file__).resolve().parents[2]


def test_escape_html_escapes_markup_and_replaces_forbidden_characters() -> None:
    assert escape_html("<script>\"x\" & 'y'</script>") == (
        "&lt;script&gt;&quot;x&quot; &amp; &#x27;y&#x27;&lt;/script&gt;"
    )
    assert escape_html("a\x00b\x07c\ud800d\ufffe") == "a\ufffdb\ufffdc\ufffdd\ufffd"
    assert escape_html("tab\tline\n") == "tab\tline\n"


def test_only_web_and_mail_links_are_kept() -> None:
    assert safe_link("https://example.org/x") == "https://example.org/x"
    assert safe_link("mailto:a@example.org") == "mailto:a@example.org"
    for bad in (
        "javascript:alert(1)",
        " javascript:x",
        "data:text/html,x",
        "&#106;avascript:x",
        "https://a b",
    ):
        assert safe_link(bad) is None, bad


def test_the_diagram_keeps_only_plain_drawing() -> None:
    svg = (
        b'<?xml version="1.0"?><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg" '
        b'xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" viewBox="0 0 10 10" onload="x()">'
        b'<script>x()</script><g class="node" id="n1"><title>claim</title>'
        b'<a xlink:href="javascript:x()" xlink:title="tip">'
        b'<path fill="url(http://evil/)" stroke="#000" d="M0,0L1,1"/>'
        b'<text x="1" y="2" style="x">&lt;b&gt;</text></a></g>'
        b'<foreignObject><div>x</div></foreignObject><image href="http://evil/"/><!-- c --></svg>'
    )
    assert interactive_svg(svg, {"claim": "node-claim"}, {"node-claim": "Claim <x>"}) == (
        '<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg" role="img" class="diagram" '
        'aria-label="the argument map as a diagram; each node can be selected">'
        '<g class="node map-node" data-node="node-claim" tabindex="0" role="button" '
        'aria-label="Claim &lt;x&gt;">'
        '<g><path d="M0,0L1,1" stroke="#000"></path><text x="1" y="2">&lt;b&gt;</text></g></g></svg>'
    )


def _argmap(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_reports_are_the_same_bytes_every_run_and_the_committed_ones_are_fresh(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        completed = _argmap("report", "maps", "-o", str(folder))
        assert (completed.returncode, completed.stderr) == (0, "argmap: wrote 4 reports\n")
    for name in ("ft-lose-or-win.html", "kherson-catastrophe.html", "confrontation.html", "index.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        assert (ROOT / "maps" / name).read_bytes() == (first / name).read_bytes(), (
            f"run `argmap report maps`: {name}"
        )
    completed = _argmap("report", "maps", "--check")
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "4 reports up to date\n", "")


def test_check_names_stale_and_missing_reports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _argmap("report", "maps", "-o", str(out)).returncode == 0
    (out / "ft-lose-or-win.html").write_text("old", encoding="utf-8")
    (out / "index.html").unlink()
    completed = _argmap("report", "maps", "-o", str(out), "--check")
    assert completed.returncode == 1
    assert completed.stdout == (
        f"{out / 'index.html'}: missing\n"
        f"{out / 'ft-lose-or-win.html'}: stale\n"
        "2 reports up to date, 1 stale, 1 missing\n"
    )
    assert (out / "ft-lose-or-win.html").read_text(encoding="utf-8") == "old"


def test_a_report_asks_only_for_its_own_script_and_style() -> None:
    page = (ROOT / "maps" / "ft-lose-or-win.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    assert policy.group(1).startswith("default-src &#x27;none&#x27;; script-src &#x27;sha256-")
    assert page.count("<script") == 1
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//(?!www\.youtube)""", page)
    assert " style=" not in page


def test_a_split_map_shows_its_overview_then_each_conclusions_diagram(tmp_path: Path) -> None:
    """The report draws what `argmap render` draws: for a map split into one
    diagram per conclusion, the overview first, then every part, listed."""
    completed = _argmap("report", "maps", "-o", str(tmp_path))
    assert completed.returncode == 0, completed.stderr
    rendered = _argmap("render", "maps", "-o", str(tmp_path / "svg"), "-f", "dot")
    assert rendered.returncode == 0, rendered.stderr
    parts = sorted(
        path.stem.removeprefix("ft-lose-or-win") for path in (tmp_path / "svg").glob("ft-lose-or-win--*.dot")
    )
    assert parts  # the column is too wide for one diagram
    page = (tmp_path / "ft-lose-or-win.html").read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="view" id="(view[^"]*)"><figcaption>([^<]*)</figcaption><svg ', page)
    assert figures[0] == ("view", "Overview: the conclusions")
    assert sorted(anchor.removeprefix("view") for anchor, _ in figures[1:]) == parts
    assert (
        "view--no-direct-link",
        "Military failures, the loss of Kherson among them, do not weaken Putin&#x27;s hold on power.",
    ) in figures
    listed = re.findall(r'<li><a href="#(view[^"]*)">', page)
    assert listed == [anchor for anchor, _ in figures]
    # Each conclusion's diagram holds its reasons: a premise is drawn in its part, not only in a list.
    part = page.split('id="view--no-direct-link"', 1)[1].split("</figure>", 1)[0]
    assert 'data-node="node-revenge"' in part
    # A map that fits in one diagram keeps one.
    assert '<figure class="view"' not in (tmp_path / "kherson-catastrophe.html").read_text(encoding="utf-8")


def test_the_panel_of_an_undecided_node_that_can_stand_says_so(tmp_path: Path) -> None:
    """Two claims that rebut each other: each can stand (a preferred labelling
    accepts it); a third claim attacked by nothing keeps its plain words."""
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "conflict.yaml").write_text(
        "argmap: 1\nid: conflict\ntitle: A conflict\nconclusions:\n"
        "  - id: works\n    text: Sanctions work.\n    implicit: true\n"
        "    counterexamples:\n      - id: backfires\n        text: Sanctions backfire.\n"
        "        implicit: true\n        counterexamples:\n          - ref: works\n"
        "  - id: plain\n    text: Sanctions are in place.\n    implicit: true\n",
        encoding="utf-8",
    )
    completed = _argmap("report", "conflict.yaml", "-o", "out", cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    page = (tmp_path / "out" / "conflict.html").read_text(encoding="utf-8")
    for node_id in ("works", "backfires"):
        panel = page.split(f'id="node-{node_id}"', 1)[1].split("</article>", 1)[0]
        assert (
            '<p class="status status-undecided"><strong>? undecided · can stand</strong>: '
            "the map cannot settle it, "
            "but it holds if its side of the conflict is chosen (a preferred labelling accepts it).</p>"
        ) in panel
    # Only where the preferred semantics says more: a node the grounded verdict accepts keeps its words.
    accepted = page.split('id="node-plain"', 1)[1].split("</article>", 1)[0]
    assert "<strong>✓ in</strong>: it stands." in accepted
    # The diagram in the report says it too.
    assert "? undecided · can stand" in page.split('<div class="diagram-frame">', 1)[1]


def test_a_panel_says_what_a_conceded_or_weaker_attack_comes_to(tmp_path: Path) -> None:
    granted = ROOT / "tests" / "diagram" / "granted"
    completed = _argmap("report", str(granted / "granted.yaml"), "-o", str(tmp_path))
    assert completed.returncode == 0, completed.stderr
    page = (tmp_path / "granted.html").read_text(encoding="utf-8")

    def granted_words(node_id: str) -> list[str]:
        panel = page.split(f'id="node-{node_id}"', 1)[1].split("</article>", 1)[0]
        return [re.sub(r"<[^>]+>", "", found) for found in re.findall(r'<p class="granted">(.*?)</p>', panel)]

    assert granted_words("annoying") == [
        "Conceded by the author, outweighed by the reasons for sort-rubbish, from-recycling."
    ]
    assert granted_words("mixed-plants") == ["Weaker than sort-rubbish: it does not defeat it."]
    assert granted_words("sort-rubbish") == [
        "Its reasons outweigh the conceded annoying.",
        "Outweighs mixed-plants, whose objection is weaker.",
    ]
    assert granted_words("bins-cost") == [
        "Conceded by the author, but nothing outweighs it: it defeats bins-help."
    ]
    assert granted_words("deposits-work") == ["Outweighs deposits-fail, whose objection is weaker."]
    assert granted_words("deposits-fail") == ["Weaker than deposits-work: it does not defeat it."]
    # The words link the nodes they name.
    assert '<a class="node-link" href="#node-sort-rubbish" data-node="node-sort-rubbish">' in page
