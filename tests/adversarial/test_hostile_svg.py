"""A map written to attack whoever opens its diagram: every field the user
writes carries payloads (HTML-string delimiters, DOT syntax, `<script>`,
`<foreignObject>`, processing instructions, `image=`, event attributes,
schemes hidden in character references, Graphviz's `\\N` escapes, control
characters), and the SVG that `argmap render` draws from it must be plain,
well-formed XML with none of them active.

Each SVG is read by a real XML parser (expat, through ElementTree: it
expands no external entity) and searched for what could run or reach out.
Where Chromium is installed, the same SVGs, alone and inlined in an HTML
page, are opened headless to prove that no script ran; a page of the test's
own with a benign script proves that scripts do run there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

import pygraphviz
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.diagram.dot import RenderOptions, map_dot
from argmap.diagram.draw import draw
from argmap.input.model import ArgMap, Corpus, Kind, Node, node_key
from argmap.problems import Location
from tests.adversarial.conftest import assert_no_crash, run_argmap, yaml_double_quoted

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

# A script that ran leaves this mark; the scripts build it from two halves,
# so that the text of a payload, shown as text, never contains it.
PWNED = 'data-pwned="yes"'
_RUN = "document.documentElement.setAttribute('data-pwned', 'y' + 'es')"

PAYLOADS = {
    "html-string": (
        f'<<TABLE><TR><TD><IMG SRC="/etc/hostname"/></TD></TR></TABLE>> URL="javascript:{_RUN}" x=<y>'
    ),
    "dot-syntax": f'"]; x [label="pwned" URL="javascript:{_RUN}" image="/etc/hostname"]; y [label="',
    "script": f"<script>{_RUN}</script>",
    "foreign-object": (
        '<foreignObject><body xmlns="http://www.w3.org/1999/xhtml">'
        f'<script>{_RUN}</script><img src=x onerror="{_RUN}"/></body></foreignObject>'
    ),
    "processing-instruction": '<?xml-stylesheet type="text/xsl" href="javascript:alert(1)"?>',
    "image": 'x" image="/etc/hostname" shapefile="/etc/hostname',
    "event-attribute": f"<svg onload=\"{_RUN}\"/> onclick='{_RUN}'",
    "entity-scheme": "&#106;avascript:alert(1) &#x6A;avascript:x &#0000106;avascript: &amp;#106;",
    "graphviz-escapes": "\\N \\G \\E \\T \\H \\L \\l \\r \\n \\",
    "control": "bell\x07 escape\x1b del\x7f nul-ref&#0; &#1; &#x1F; &#xD800; &#xDFFF; &#xFFFE; &#65535;",
    "cdata-and-comments": "]]> <![CDATA[ x ]]> <!-- --> -- --->",
    "html-like-title": "<Putin> vs <the West>",
}

_ACTIVE_ELEMENTS = {
    "script",
    "foreignObject",
    "image",
    "iframe",
    "object",
    "embed",
    "use",
    "handler",
    "listener",
}


def hostile_map(payload: str) -> str:
    """A map with `payload` in every field the user writes freely (the schema
    keeps ids, schemes, roles and questions to slugs: tests/diagram/test_escaping.py
    gives those any text, below the schema)."""
    quoted = yaml_double_quoted(payload)
    # Links must pass the schema (web links without spaces) and may still carry the rest.
    link = yaml_double_quoted("https://example.org/" + "".join(payload.split()))
    return f"""\
argmap: 1
id: hostile
title: {quoted}
note: {quoted}
source:
  file: source.txt
  title: {quoted}
  author: {quoted}
  date: {quoted}
  url: {link}
conclusions:
  - id: claim
    text: {quoted}
    note: {quoted}
    at: {quoted}
    url: {link}
    because:
      - id: step
        scheme: argument-from-example
        warrant: {quoted}
        note: {quoted}
        premises:
          - id: reason
            text: {quoted}
            role: example
            at: {quoted}
            url: {link}
            implicit: true
          - ref: other#elsewhere
    counterexamples:
      - id: objection
        text: {quoted}
        question: cq1
        implicit: true
        counterexamples:
          - id: reply
            text: {quoted}
            question: cq1
            implicit: true
"""


def assert_harmless_svg(data: bytes) -> ElementTree.Element:
    """`data` is well-formed XML, and nothing in it can run, load or link outside the web."""
    assert data.startswith(b"<?xml "), data[:80]
    builder = ElementTree.TreeBuilder(insert_pis=True, insert_comments=False)
    parser = ElementTree.XMLParser(target=builder)
    parser.feed(data)  # raises ParseError on anything that is not well-formed
    root = parser.close()
    assert root.tag == SVG + "svg"
    for element in root.iter():
        if element.tag is ElementTree.ProcessingInstruction:
            raise AssertionError(f"processing instruction in the SVG: {element.text!r}")
        local = str(element.tag).rpartition("}")[2]
        assert local not in _ACTIVE_ELEMENTS, f"<{local}> in the SVG"
        for name, value in element.attrib.items():
            attribute = name.rpartition("}")[2]
            assert not attribute.lower().startswith("on"), f"event attribute {name}={value!r}"
            if attribute == "href":
                assert value.startswith("#") or re.match(r"^https?://", value), f"link {value!r}"
            if attribute == "style":
                assert "url(" not in value and "expression" not in value, value
    return root


def _texts(root: ElementTree.Element) -> str:
    return " ".join(text.text or "" for text in root.iter(SVG + "text"))


@pytest.fixture
def hostile_project(project: Path) -> Path:
    (project / "argmap.toml").write_text("", encoding="utf-8")
    return project


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_every_user_field_with_a_payload_draws_a_harmless_svg(hostile_project: Path, name: str) -> None:
    payload = PAYLOADS[name]
    (hostile_project / "source.txt").write_text("The source.\n", encoding="utf-8")
    (hostile_project / "map.yaml").write_text(hostile_map(payload), encoding="utf-8")

    result = run_argmap("render", "--force", "map.yaml", "-o", "-", cwd=hostile_project)
    assert_no_crash(result)
    assert result.code == 0, result.stderr
    root = assert_harmless_svg(result.stdout.encode("utf-8"))
    # The payload is shown, as text (its characters that XML cannot carry as U+FFFD).
    shown = re.sub(r"\s+", "", _texts(root))
    visible = "".join(
        "\ufffd" if unicodedata.category(character) == "Cc" else character for character in payload
    )
    assert "".join(visible.split())[:30] in shown

    dot = run_argmap("render", "--force", "map.yaml", "-o", "-", "-f", "dot", cwd=hostile_project)
    assert dot.code == 0
    graph = pygraphviz.AGraph(string=dot.stdout)
    names = {str(node) for node in graph.nodes()}
    assert {"hostile#claim", "hostile#step", "hostile#reason", "hostile#objection", "hostile#reply"} <= names
    assert all(name.startswith(("hostile#", "other#", "legend-")) for name in names), names
    attributes = set(graph.graph_attr.keys())
    for node in graph.nodes():
        attributes |= {key for key, value in node.attr.items() if value}
    for edge in graph.edges():
        attributes |= {key for key, value in edge.attr.items() if value}
    # Attributes that read files or change what the SVG holds never come from a map.
    assert not attributes & {
        "image",
        "shapefile",
        "stylesheet",
        "imagepath",
        "fontpath",
        "id",
        "class",
        "href",
    }


def test_a_title_that_looks_like_html_passes_check_and_renders_as_text(hostile_project: Path) -> None:
    text = (
        "argmap: 1\nid: hostile\ntitle: "
        + yaml_double_quoted(PAYLOADS["html-like-title"])
        + ("\nconclusions:\n  - id: claim\n    text: A claim.\n")
    )
    (hostile_project / "map.yaml").write_text(text, encoding="utf-8")
    assert run_argmap("check", "map.yaml", cwd=hostile_project).code == 0

    result = run_argmap("render", "map.yaml", "-o", "-", cwd=hostile_project)
    assert (result.code, result.stderr) == (0, "")
    root = assert_harmless_svg(result.stdout.encode("utf-8"))
    assert "<Putin> vs <the West>" in _texts(root)


def test_a_title_that_closes_its_own_html_string_injects_nothing(hostile_project: Path) -> None:
    """The attack of issue 11: a title that starts with `<` and ends with `>`
    was written unquoted as the graph's tooltip, so the rest of it was DOT."""
    title = f'<b> URL="javascript:{_RUN}" stylesheet="javascript:{_RUN}" label=<x>'
    text = (
        f"argmap: 1\nid: hostile\ntitle: {yaml_double_quoted(title)}\n"
        "conclusions:\n  - id: claim\n    text: A claim.\n"
    )
    (hostile_project / "map.yaml").write_text(text, encoding="utf-8")
    assert run_argmap("check", "map.yaml", cwd=hostile_project).code == 0

    dot = run_argmap("render", "map.yaml", "-o", "-", "-f", "dot", cwd=hostile_project).stdout
    graph = pygraphviz.AGraph(string=dot)
    assert not {"URL", "stylesheet"} & set(graph.graph_attr.keys())
    result = run_argmap("render", "map.yaml", "-o", "-", cwd=hostile_project)
    assert (result.code, result.stderr) == (0, "")
    root = assert_harmless_svg(result.stdout.encode("utf-8"))
    assert title in _texts(root)


_REFUSED = (
    "argmap: map.svg: not a regular file (a pipe, a device or a socket): argmap will not read or replace it\n"
    "  hint: remove it, or render into another folder with -o\n"
)
_SMALL_MAP = "argmap: 1\nid: hostile\ntitle: T\nconclusions:\n  - id: claim\n    text: A claim.\n"


@pytest.mark.parametrize("check", [True, False])
def test_a_committed_diagram_that_links_to_a_device_is_refused_unread(
    hostile_project: Path, check: bool
) -> None:
    (hostile_project / "map.yaml").write_text(_SMALL_MAP, encoding="utf-8")
    (hostile_project / "map.svg").symlink_to("/dev/zero")
    result = run_argmap("render", "map.yaml", *(["--check"] if check else []), cwd=hostile_project)
    assert (result.code, result.stdout, result.stderr) == (2, "", _REFUSED)
    assert (hostile_project / "map.svg").is_symlink()


def test_a_committed_diagram_that_is_a_pipe_is_refused_without_waiting(hostile_project: Path) -> None:
    (hostile_project / "map.yaml").write_text(_SMALL_MAP, encoding="utf-8")
    os.mkfifo(hostile_project / "map.svg")
    result = run_argmap("render", "map.yaml", "--check", cwd=hostile_project, timeout=60)
    assert (result.code, result.stdout, result.stderr) == (2, "", _REFUSED)


def test_a_huge_committed_diagram_is_read_only_as_far_as_its_digest(hostile_project: Path) -> None:
    """`render --check` reads the digest at the start of a diagram, not the
    whole file: 4 GiB of padding (sparse) would exceed the memory limit of
    the run (tests/adversarial/conftest.py) if it were read."""
    (hostile_project / "map.yaml").write_text(_SMALL_MAP, encoding="utf-8")
    assert run_argmap("render", "map.yaml", cwd=hostile_project).code == 0
    diagram = hostile_project / "map.svg"
    with diagram.open("ab") as handle:
        handle.truncate(diagram.stat().st_size + 4 * 1024**3)
    result = run_argmap("render", "map.yaml", "--check", cwd=hostile_project)
    assert (result.code, result.stdout, result.stderr) == (0, "1 diagram up to date\n", "")


# --- any text --------------------------------------------------------------

HERE = Location("fuzz.yaml", 1, 1)


def _one_claim_map(title: str, text: str) -> ArgMap:
    claim = Node(node_key("fuzz", "claim"), "claim", "fuzz", Kind.CONCLUSION, HERE, text=text, note=text)
    return ArgMap(
        id="fuzz", title=title, file="fuzz.yaml", path=None, location=HERE, source=None, note=None, tags=(),
        nodes=(claim,), edges=(), roots=(claim.key,), references=(), expectations=(), suppressions=(),
        duplicates=(), node_index={claim.key: claim},
    )  # fmt: skip


def _shown_as_itself(character: str) -> bool:
    code = ord(character)
    return unicodedata.category(character) not in ("Cc", "Cs", "Zl", "Zp") and not (
        0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE
    )


_REFERENCES = st.one_of(
    st.integers(0, 0x10FFFF).map(lambda code: f"&#{code};"),
    st.integers(0, 0x10FFFF).map(lambda code: f"&#x{code:X};"),
    st.sampled_from(["&amp;", "&lt;", "&quot;", "&nbsp;", "&bogus;", "&", "&#", "&#x;"]),
)
_ANY_TEXT = st.lists(
    st.one_of(st.text(max_size=8), _REFERENCES, st.sampled_from(list(PAYLOADS.values()))),
    min_size=1,
    max_size=6,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_ANY_TEXT, text=_ANY_TEXT)
def test_any_text_in_a_title_or_a_claim_draws_a_well_formed_svg_that_shows_it(title: str, text: str) -> None:
    argmap = _one_claim_map(title, text)
    svg = draw(map_dot(argmap, Corpus.of([argmap]), options=RenderOptions(legend=False)), "svg").data
    root = assert_harmless_svg(svg)

    def visible(written: str) -> str:
        # What can be shown as itself is shown (wrapping moves only whitespace).
        kept = "".join(character for character in written if _shown_as_itself(character))
        return "".join(kept.split())

    def squeezed(shown: str) -> str:
        return "".join(shown.split()).replace("\ufffd", "")

    assert visible(title) in squeezed(_texts(root))
    claim = _node_group(root, "fuzz#claim")
    # The claim's tooltip holds its whole text, decoded once (what the user typed).
    assert visible(text) in squeezed(_tooltips(claim))
    # Its face shows the whole text, or a prefix of it cut with an ellipsis.
    face = squeezed(_texts(claim)).removeprefix("MAINCLAIM")
    if face != visible(text):
        assert face.endswith("…"), face
        assert face[:-1] and visible(text).startswith(face[:-1]), (face, text)


def _node_group(root: ElementTree.Element, title: str) -> ElementTree.Element:
    """The `<g class="node">` whose `<title>` is `title`."""
    for group in root.iter(SVG + "g"):
        if group.get("class") == "node" and group.findtext(SVG + "title") == title:
            return group
    raise AssertionError(f"no node {title!r} in the SVG")


def _tooltips(element: ElementTree.Element) -> str:
    return " ".join(anchor.get(XLINK + "title") or "" for anchor in element.iter(SVG + "a"))


# --- in a browser ----------------------------------------------------------

_CHROMIUM_GUARD_SECONDS = 90  # a hang guard, not a timing assertion


def _chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if found is None:
        pytest.skip("chromium not installed (Debian package chromium); CI installs it")
    return found


def _dom_after_load(chromium: str, page: Path, profile: Path) -> str:
    completed = subprocess.run(
        [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--dump-dom", page.as_uri(),
        ],
        capture_output=True, timeout=_CHROMIUM_GUARD_SECONDS, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")[-2000:]
    return completed.stdout.decode("utf-8", "replace")


def _inlined(svg: str) -> str:
    body = re.sub(r"^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", "", svg)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>diagram</title></head>"
        f"<body>{body}</body></html>"
    )


def test_chromium_runs_no_script_of_a_hostile_diagram(hostile_project: Path, tmp_path: Path) -> None:
    chromium = _chromium()
    profile = tmp_path / "profile"
    pages = tmp_path / "pages"
    pages.mkdir()

    # The positive control: in this setup, a script in an SVG, and in an SVG inlined in a page, runs.
    control_svg = (
        f'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>{_RUN}</script></svg>\n'
    )
    (pages / "control.svg").write_text(control_svg, encoding="utf-8")
    (pages / "control.html").write_text(_inlined(control_svg), encoding="utf-8")
    for control in ("control.svg", "control.html"):
        assert PWNED in _dom_after_load(chromium, pages / control, profile), control

    (hostile_project / "source.txt").write_text("The source.\n", encoding="utf-8")
    for name, payload in sorted(PAYLOADS.items()):
        (hostile_project / "map.yaml").write_text(hostile_map(payload), encoding="utf-8")
        result = run_argmap("render", "--force", "map.yaml", "-o", "-", cwd=hostile_project)
        assert result.code == 0, result.stderr
        (pages / f"{name}.svg").write_text(result.stdout, encoding="utf-8")
        (pages / f"{name}.html").write_text(_inlined(result.stdout), encoding="utf-8")
        for page in (f"{name}.svg", f"{name}.html"):
            dom = _dom_after_load(chromium, pages / page, profile)
            assert "hostile#claim" in dom, page  # the diagram was loaded
            assert PWNED not in dom, page
