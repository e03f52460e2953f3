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
