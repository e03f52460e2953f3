"""The report in a real browser (headless Chromium over the DevTools protocol):
clicks link node and passage both ways, every quote of the seed maps is
marked exactly once, a hostile map runs nothing, and no request leaves the page."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.adversarial.conftest import yaml_double_quoted
from tests.adversarial.test_hostile_svg import _RUN, PAYLOADS, PWNED
from tests.report.browser import Browser, Page, chromium_path

ROOT = Path(__file__).resolve().parents[2]
SEED_MAPS = ("ft-lose-or-win", "kherson-catastrophe", "confrontation")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    opened = Browser(chromium_path())
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="module")
def seed_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    completed = subprocess.run(
        [sys.executable, "-m", "argmap", "report", "maps", "-o", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return folder


def _selected(page: Page) -> dict[str, object]:
    return dict(
        page.evaluate(
            "({panel: (document.querySelector('.node-panel.current') || {}).id || null,"
            " marks: Array.from(document.querySelectorAll('mark.quote.current'))"
            ".map(m => m.textContent).join(''),"
            " shape: (document.querySelector('.map-node.current') || {getAttribute: () => null})"
            ".getAttribute('data-node')})"
        )
    )


def test_clicking_a_node_marks_its_passage_and_clicking_a_passage_selects_its_node(
    browser: Browser, seed_reports: Path
) -> None:
    page = browser.open((seed_reports / "ft-lose-or-win.html").as_uri())
    assert _selected(page) == {"panel": None, "marks": "", "shape": None}
    page.click('.map-node[data-node="node-no-direct-link"]')
    assert _selected(page) == {
        "panel": "node-no-direct-link",
        "marks": (
            "there is no direct connection between the failures of the military "
            "and the weakening of Putin’s power"
        ),
        "shape": "node-no-direct-link",
    }
    page.click('mark[data-nodes="node-revenge"]')
    assert _selected(page) == {
        "panel": "node-revenge",
        # Both of the node's quotes.
        "marks": "Putin’s supporters do not perceive the invasion of Ukraine as an act of aggression"
        "For them, it is revenge against the stronger West.",
        "shape": "node-revenge",
    }


def test_a_link_with_a_node_in_its_address_opens_that_node(browser: Browser, seed_reports: Path) -> None:
    page = browser.open((seed_reports / "ft-lose-or-win.html").as_uri() + "#node-revenge")
    assert _selected(page)["panel"] == "node-revenge"


def test_the_keyboard_selects_a_node(browser: Browser, seed_reports: Path) -> None:
    page = browser.open((seed_reports / "ft-lose-or-win.html").as_uri())
    page.evaluate("document.querySelector('.map-node[data-node=\"node-revenge\"]').focus()")
    for kind in ("keyDown", "keyUp"):
        page.call(
            "Input.dispatchKeyEvent",
            {"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13},
        )
    assert _selected(page)["panel"] == "node-revenge"


@pytest.mark.parametrize("name", SEED_MAPS[:2])
def test_every_quote_of_a_seed_map_is_marked_exactly_once(
    browser: Browser, seed_reports: Path, name: str
) -> None:
    from argmap.cli.app import config_for
    from argmap.grounding.ground import grounding_for
    from argmap.lint.runner import check_paths

    path = ROOT / "maps" / f"{name}.yaml"
    result = check_paths([path], config_for([path]))
    grounding = grounding_for(result.run.context(result.workspace.requested[0]))
    page = browser.open((seed_reports / f"{name}.html").as_uri())
    marked = page.evaluate(
        "(() => { const found = {}; document.querySelectorAll('mark[data-quotes]').forEach(m => {"
        " m.getAttribute('data-quotes').split(' ')"
        ".forEach(q => { found[q] = (found[q] || '') + m.textContent; }); });"
        " return found; })()"
    )
    expected = {
        f"quote-{number}": "".join(grounding.source.text[start:end] for start, end in check.match.spans)  # type: ignore[union-attr]
        for number, check in enumerate(grounding.quotes, start=1)
    }
    assert len(expected) == len(grounding.quotes) > 20
    assert {key: " ".join(text.split()) for key, text in marked.items()} == {
        key: " ".join(text.split()) for key, text in expected.items()
    }
    # Once: each quote's first piece is one stop of the tab key.
    stops = page.evaluate("document.querySelectorAll('mark.quote[tabindex]').length")
    assert stops == len(expected)


@pytest.mark.parametrize("name", SEED_MAPS)
def test_a_seed_report_asks_for_nothing_but_itself(browser: Browser, seed_reports: Path, name: str) -> None:
    url = (seed_reports / f"{name}.html").as_uri()
    page = browser.open(url)
    page.click(".map-node")
    page.click("button.zoom")
    assert page.requests() == [url]


def _hostile_project(folder: Path, payload: str) -> Path:
    folder.mkdir()
    (folder / "argmap.toml").write_text("", encoding="utf-8")
    quoted = yaml_double_quoted(payload)
    link = yaml_double_quoted("https://example.org/" + "".join(payload.split()))
    (folder / "source.txt").write_text(
        f"Before. The source says {payload} here.\nAfter {payload}\n", encoding="utf-8"
    )
    (folder / "source.md").write_text(
        f"---\ntitle: {payload}\nvideoId: {payload}\n---\n# {payload}\n\nThe source says {payload} here."
        f' <a class="yt-timestamp" data-t="{payload}"></a>\n\n- [{payload}](javascript:{_RUN})\n',
        encoding="utf-8",
    )
    for name, source in (("text", "source.txt"), ("markdown", "source.md")):
        (folder / f"{name}.yaml").write_text(
            f"""\
argmap: 1
id: hostile-{name}
title: {quoted}
note: {quoted}
source:
  file: {source}
conclusions:
  - id: claim
    text: {quoted}
    note: {quoted}
    quote: {yaml_double_quoted("The source says " + payload)}
    at: {quoted}
    url: {link}
    because:
      - id: step
        scheme: argument-from-example
        warrant: {quoted}
        premises:
          - id: reason
            text: {quoted}
            quote: {quoted}
            url: {link}
    counterexamples:
      - id: objection
        text: {quoted}
        implicit: true
""",
            encoding="utf-8",
        )
    return folder


def test_a_hostile_map_runs_nothing_in_its_report(browser: Browser, tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text(f"<html><body><script>{_RUN}</script></body></html>", encoding="utf-8")
    page = browser.open(control.as_uri())
    assert page.evaluate("document.documentElement.outerHTML").count(PWNED) == 1, "the control must run"
    for number, payload in enumerate(
        [*PAYLOADS.values(), f"</script><script>{_RUN}</script>", f'<img src=x onerror="{_RUN}">']
    ):
        project = _hostile_project(tmp_path / f"p{number}", payload)
        completed = subprocess.run(
            [sys.executable, "-m", "argmap", "report", "."],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        assert "Traceback" not in completed.stderr
        for name in ("text", "markdown"):
            report = project / f"{name}.html"
            url = report.as_uri()
            page = browser.open(url)
            for selector in (".map-node", "mark.quote", ".node-list a.node-link", ".findings a.node-link"):
                if page.evaluate(f"document.querySelector({json.dumps(selector)}) !== null"):
                    page.click(selector)
            dom = page.evaluate("document.documentElement.outerHTML")
            assert PWNED not in dom, (payload, name)
            assert page.requests() == [url], (payload, name)
            assert page.evaluate("document.querySelectorAll('script').length") == 1
            assert not page.evaluate(
                "Array.from(document.querySelectorAll('[href]'))"
                ".some(e => /^\\s*(javascript|data|vbscript):/i.test(e.getAttribute('href')))"
            )
