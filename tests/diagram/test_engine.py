"""The engine: SVG, PNG and PDF drawn in-process, stamped with the digest of
their DOT, and the engine's own noise kept out of the user's terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.config import Config
from argmap.diagram import draw as engine
from argmap.diagram.dot import dot_source
from argmap.diagram.draw import RenderError, dot_digest, draw, stamp, stamped_digest
from argmap.lint.runner import check_paths
from tests.diagram.conftest import MAPS


@pytest.fixture(scope="module")
def sketch_dot() -> str:
    result = check_paths([MAPS], Config(), cwd=MAPS)
    (argmap,) = [argmap for argmap in result.workspace.requested if argmap.id == "sketch"]
    return dot_source(result.run.context(argmap), [p for p in result.problems if p.file == argmap.file])


def test_svg_holds_the_texts_tooltips_links_and_digest(sketch_dot: str) -> None:
    drawing = draw(sketch_dot, "svg")
    svg = drawing.data.decode("utf-8")
    assert svg.startswith("<?xml") and "</svg>" in svg
    assert drawing.digest == dot_digest(sketch_dot)
    assert f'<metadata id="argmap-digest">dot-sha256:{drawing.digest}</metadata>' in svg
    assert stamped_digest(drawing.data, "svg") == drawing.digest
    # Node texts (wrapped, one <text> per line), the title, ids.
    for words in (
        "Military failures need not",
        "weaken Putin&#39;s hold on power.",
        "no&#45;direct&#45;link",
    ):
        assert words in svg
    assert "It is as hard for Putin to lose the war as to win it" in svg
    # Tooltips with the quote and the source line.
    assert "“For them, it is revenge against the stronger West.”&#10;source: sources/ft.txt, line 5" in svg


def test_png_is_a_png_stamped_with_the_digest(sketch_dot: str) -> None:
    drawing = draw(sketch_dot, "png")
    assert drawing.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert drawing.data[12:16] == b"IHDR"
    assert stamped_digest(drawing.data, "png") == dot_digest(sketch_dot)
    assert drawing.data.endswith(b"IEND\xaeB`\x82")


def test_pdf_is_a_pdf_and_carries_no_digest(sketch_dot: str) -> None:
    drawing = draw(sketch_dot, "pdf")
    assert drawing.data.startswith(b"%PDF-")
    assert drawing.data.rstrip().endswith(b"%%EOF")
    assert stamped_digest(drawing.data, "pdf") is None


def test_dot_is_the_dot_itself(sketch_dot: str) -> None:
    drawing = draw(sketch_dot, "dot")
    assert drawing.data == sketch_dot.encode("utf-8")
    assert stamped_digest(drawing.data, "dot") == dot_digest(sketch_dot)


def test_a_digest_is_found_only_where_argmap_put_it() -> None:
    svg = b'<?xml version="1.0"?>\n<svg width="1pt">\n<g><title>x</title></g>\n</svg>\n'
    assert stamped_digest(svg, "svg") is None
    stamped = stamp(svg, "svg", "a" * 64)
    assert stamped_digest(stamped, "svg") == "a" * 64
    assert stamped.startswith(b'<?xml version="1.0"?>\n<svg width="1pt">\n<metadata id="argmap-digest">')
    assert stamped_digest(b"not a png", "png") is None
    with pytest.raises(RenderError):
        stamp(b"<html></html>", "svg", "a" * 64)


def test_a_dot_the_engine_cannot_read_is_a_render_error() -> None:
    with pytest.raises(RenderError, match=r"Graphviz could not draw the diagram: .*syntax error"):
        draw("digraph { a -> }", "svg")


def test_an_unknown_format_or_engine_is_a_render_error() -> None:
    with pytest.raises(RenderError, match="unknown format `gif`"):
        draw("digraph { a }", "gif")
    with pytest.raises(RenderError, match="unknown engine `neato`"):
        draw("digraph { a }", "svg", engine="neato")


def test_the_system_engine_needs_a_dot_program(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("argmap.diagram.draw.shutil.which", lambda name: None)
    with pytest.raises(RenderError, match="no `dot` program") as raised:
        draw("digraph { a }", "svg", engine="system")
    assert raised.value.hint is not None and "bundled" in raised.value.hint


def test_what_the_engine_writes_to_descriptor_2_is_captured(capfd: pytest.CaptureFixture[str]) -> None:
    said: list[str] = []
    with engine._captured_stderr(said):
        os.write(
            2, b'Fontconfig warning: "/usr/share/fontconfig/conf.avail/05-reset-dirs-sample.conf", line 6\n'
        )
        os.write(2, b"Warning: something about the layout\n")
        print("from Python", file=sys.stderr)
    assert engine._meaningful(said) == ("Warning: something about the layout", "from Python")
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")
    # Descriptor 2 works again afterwards.
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "after\n"


def test_rendering_prints_nothing_of_the_engines_own(tmp_path: Path) -> None:
    """In a fresh process, where fontconfig speaks on first use."""
    script = (
        "from argmap.diagram.draw import draw; import sys; "
        "sys.stdout.buffer.write(draw('digraph { a -> b }', 'png').data[:4])"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, cwd=tmp_path)
    assert (completed.stdout, completed.stderr) == (b"\x89PNG", b"")


def test_the_engine_is_imported_only_when_drawing() -> None:
    script = (
        "import sys, argmap.cli, argmap.diagram.dot, argmap.diagram.draw;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('graphviz', 'pygraphviz', 'rich')))"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, text=True)
    assert completed.stdout == "[]\n"


def test_the_system_engine_runs_the_dot_on_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "dot"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "dot = sys.stdin.read()\n"
        "sys.stderr.write('Fontconfig warning: noise\\nWarning: a remark\\n')\n"
        "sys.stdout.write('<svg width=\"1pt\"><!-- ' + sys.argv[1] + ' ' + str(len(dot)) + ' --></svg>')\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    drawing = draw("digraph { a }", "svg", engine="system")
    assert drawing.data.startswith(b'<svg width="1pt">\n<metadata id="argmap-digest">')
    assert b"<!-- -Tsvg 13 -->" in drawing.data
    assert drawing.messages == ("Warning: a remark",)
    assert stamped_digest(drawing.data, "svg") == dot_digest("digraph { a }")
