"""`argmap render`: where diagrams go, --check, refusing maps with errors,
atomic writes, and what it says (exit code, stdout and stderr together)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.diagram import draw as engine
from argmap.diagram.draw import RenderError, stamped_digest
from tests.diagram.conftest import MAPS

runner = CliRunner()

SIMPLE = """\
argmap: 1
id: simple
title: A simple map
conclusions:
  - id: claim
    text: The claim.
    implicit: true
    because:
      - id: step
        warrant: What holds of the reason holds of the claim.
        premises:
          - id: reason
            text: The reason of the claim.
            implicit: true
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def write_map(name: str, text: str = SIMPLE, map_id: str | None = None) -> Path:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    if map_id is not None:
        text = text.replace("id: simple", f"id: {map_id}")
    path.write_text(text, encoding="utf-8")
    return path


def listing(folder: Path = Path()) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_renders_svg_beside_the_map() -> None:
    write_map("maps/simple.yaml")
    code, out, err = invoke("render", "maps/simple.yaml")
    assert (code, out, err) == (0, "", "argmap: rendered 1 map\n")
    svg = Path("maps/simple.svg").read_bytes()
    assert svg.startswith(b"<?xml") and b"The claim." in svg and stamped_digest(svg, "svg") is not None


@pytest.mark.parametrize(
    ("output_format", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF"), ("dot", b"// drawn")]
)
def test_renders_each_format(output_format: str, magic: bytes) -> None:
    write_map("simple.yaml")
    assert invoke("render", "simple.yaml", "--format", output_format) == (0, "", "argmap: rendered 1 map\n")
    assert Path(f"simple.{output_format}").read_bytes().startswith(magic)


def test_renders_a_folder_of_maps_into_an_output_folder() -> None:
    for index in range(3):
        write_map(f"maps/m{index}.yaml", map_id=f"m{index}")
    code, out, err = invoke("render", "maps", "-o", "out/diagrams", "-f", "dot")
    assert (code, out, err) == (0, "", "argmap: rendered 3 maps\n")
    assert sorted(path.name for path in Path("out/diagrams").iterdir()) == ["m0.dot", "m1.dot", "m2.dot"]
    assert not list(Path("maps").glob("*.dot"))
    # Many maps, but not a terminal: no progress bar.
    assert "rendering" not in err


def test_two_maps_of_the_same_name_cannot_share_an_output_folder() -> None:
    write_map("a/x.yaml", map_id="a")
    write_map("b/x.yaml", map_id="b")
    code, out, err = invoke("render", "a", "b", "-o", "out")
    assert (code, out) == (2, "")
    assert err == (
        "argmap: a/x.yaml and b/x.yaml would both be drawn as out/x.svg\n"
        "  hint: render them into different folders, or rename one\n"
    )
    assert not Path("out").exists()


def test_dash_writes_one_diagram_to_stdout() -> None:
    write_map("simple.yaml")
    code, out, err = invoke("render", "simple.yaml", "-o", "-", "-f", "dot")
    assert (code, err) == (0, "")
    assert out.startswith("// drawn by argmap render") and '"simple#claim"' in out
    assert listing() == {"argmap.toml": b"", "simple.yaml": SIMPLE.encode()}
    code, out, err = invoke("render", "simple.yaml", "-o", "-")
    assert (code, err) == (0, "") and out.startswith("<?xml") and "dot-sha256:" in out


def test_dash_takes_one_map_only() -> None:
    write_map("a.yaml", map_id="a")
    write_map("b.yaml", map_id="b")
    assert invoke("render", "a.yaml", "b.yaml", "-o", "-") == (
        2,
        "",
        "argmap: -o - writes one diagram, but 2 maps were given\n  hint: name one map, or use -o FOLDER\n",
    )


def test_a_diagram_already_drawn_from_the_same_map_is_left_alone() -> None:
    write_map("simple.yaml")
    invoke("render", "simple.yaml")
    before = Path("simple.svg").stat()
    assert invoke("render", "simple.yaml") == (0, "", "argmap: rendered 0 maps, 1 up to date\n")
    assert Path("simple.svg").stat().st_mtime_ns == before.st_mtime_ns
    assert invoke("render", "simple.yaml", "--force") == (0, "", "argmap: rendered 1 map\n")
    # Other options draw another diagram.
    assert invoke("render", "simple.yaml", "--direction", "LR") == (0, "", "argmap: rendered 1 map\n")


def test_check_tells_fresh_from_stale_and_missing_and_writes_nothing() -> None:
    write_map("fresh.yaml", map_id="fresh")
    write_map("stale.yaml", map_id="stale")
    write_map("missing.yaml", map_id="missing")
    invoke("render", "fresh.yaml", "stale.yaml")
    Path("stale.yaml").write_text(
        SIMPLE.replace("id: simple", "id: stale").replace("The claim.", "Changed."), encoding="utf-8"
    )
    before = listing()
    code, out, err = invoke("render", "--check", ".")
    assert (code, out, err) == (
        1,
        "missing.svg: missing\nstale.svg: stale\n1 diagram up to date, 1 stale, 1 missing\n",
        "",
    )
    assert listing() == before
    invoke("render", ".")
    assert invoke("render", "--check", ".") == (0, "3 diagrams up to date\n", "")
    # The check compares with the options it is given.
    assert invoke("render", "--check", ".", "--no-legend")[0] == 1


def test_check_reads_the_digest_not_the_bytes() -> None:
    """Another Graphviz or other fonts draw other bytes from the same DOT: still fresh."""
    write_map("simple.yaml")
    invoke("render", "simple.yaml")
    svg = Path("simple.svg").read_bytes()
    Path("simple.svg").write_bytes(svg.replace(b"font-size=", b"font-size = "))
    assert invoke("render", "--check", "simple.yaml") == (0, "1 diagram up to date\n", "")
    Path("simple.svg").write_bytes(svg.replace(b"dot-sha256:", b"dot-sha256:0"))
    assert invoke("render", "--check", "simple.yaml") == (
        1,
        "simple.svg: stale\n0 diagrams up to date, 1 stale\n",
        "",
    )


@pytest.mark.parametrize("output_format", ["png", "dot"])
def test_check_works_for_png_and_dot(output_format: str) -> None:
    write_map("simple.yaml")
    assert invoke("render", "--check", "simple.yaml", "-f", output_format)[0] == 1
    invoke("render", "simple.yaml", "-f", output_format)
    assert invoke("render", "--check", "simple.yaml", "-f", output_format) == (
        0,
        "1 diagram up to date\n",
        "",
    )


def test_check_refuses_pdf_and_stdout() -> None:
    write_map("simple.yaml")
    assert invoke("render", "--check", "simple.yaml", "-f", "pdf") == (
        2,
        "",
        "argmap: --check cannot tell whether a PDF is up to date: it carries no digest of its map\n"
        "  hint: check the svg, png or dot diagrams instead\n",
    )
    assert invoke("render", "--check", "simple.yaml", "-o", "-")[0] == 2


BROKEN_REF = SIMPLE.replace("          - id: reason\n", "          - ref: nowhere\n          - id: reason\n")


def test_a_map_with_errors_is_not_rendered_unless_forced() -> None:
    write_map("broken.yaml", BROKEN_REF)
    write_map("good.yaml", map_id="good")
    code, out, err = invoke("render", "broken.yaml", "good.yaml")
    assert (code, out) == (1, "")
    assert err == (
        "broken.yaml:12:18: M302 reference `nowhere`: no node `nowhere` in this map [error]\n"
        "    hint: refer to the `id` of a claim defined in that map\n"
        "\n"
        "1 map checked: 1 error in 1 file.\n"
        "argmap: rendered 1 map, 1 not rendered because of errors (--force draws them anyway)\n"
    )
    assert not Path("broken.svg").exists() and Path("good.svg").exists()
    code, out, err = invoke("render", "broken.yaml", "--force")
    assert (code, out, err) == (
        0,
        "",
        "argmap: broken.yaml: drawn despite 1 error (--force)\nargmap: rendered 1 map\n",
    )
    assert b"not found" in Path("broken.svg").read_bytes()


def test_a_file_that_is_not_a_valid_map_is_reported_and_not_rendered() -> None:
    write_map("bad.yaml", "argmap: 1\nid: bad\ntitle: Bad\nconclusions:\n  - id: c\n    txet: typo\n")
    code, out, err = invoke("render", "bad.yaml", "--force")
    assert (code, out) == (1, "")
    assert "bad.yaml:6:5: S2" in err
    assert err.endswith("argmap: rendered 0 maps, 1 not rendered because it is not a valid map\n")
    assert not Path("bad.svg").exists()


def test_bad_options_exit_2() -> None:
    write_map("simple.yaml")
    assert invoke("render", "simple.yaml", "-f", "gif") == (
        2,
        "",
        "argmap: unknown format `gif`\n  hint: use one of: svg, png, pdf, dot\n",
    )
    assert invoke("render", "simple.yaml", "--direction", "up")[0] == 2
    assert invoke("render", "simple.yaml", "--engine", "neato")[0] == 2
    assert invoke("render", "nothing-here.yaml") == (
        2,
        "",
        "argmap: nothing-here.yaml: no such file or folder\n",
    )
    Path("afile").write_text("", encoding="utf-8")
    assert invoke("render", "simple.yaml", "-o", "afile")[0] == 2


def test_an_engine_failure_keeps_the_previous_diagram(monkeypatch: pytest.MonkeyPatch) -> None:
    write_map("simple.yaml")
    invoke("render", "simple.yaml")
    previous = Path("simple.svg").read_bytes()
    write_map("simple.yaml", SIMPLE.replace("The claim.", "A new claim."))

    def broken_engine(dot: str, output_format: str) -> tuple[bytes, tuple[str, ...]]:
        raise RenderError("Graphviz could not draw the diagram: out of memory")

    monkeypatch.setattr(engine, "_draw_bundled", broken_engine)
    assert invoke("render", "simple.yaml") == (
        2,
        "",
        "argmap: Graphviz could not draw the diagram: out of memory\n",
    )
    assert Path("simple.svg").read_bytes() == previous
    assert sorted(path.name for path in Path().iterdir()) == ["argmap.toml", "simple.svg", "simple.yaml"]


@pytest.mark.parametrize("interruption", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_write_that_fails_halfway_keeps_the_previous_diagram(
    monkeypatch: pytest.MonkeyPatch, interruption: BaseException
) -> None:
    write_map("simple.yaml")
    invoke("render", "simple.yaml")
    previous = Path("simple.svg").read_bytes()
    write_map("simple.yaml", SIMPLE.replace("The claim.", "A new claim."))

    def failing_fsync(descriptor: int) -> None:
        raise interruption

    monkeypatch.setattr("argmap.files.os.fsync", failing_fsync)
    result = runner.invoke(app, ["render", "simple.yaml"])
    assert result.exit_code != 0
    assert Path("simple.svg").read_bytes() == previous
    # No temporary file left behind.
    assert sorted(path.name for path in Path().iterdir()) == ["argmap.toml", "simple.svg", "simple.yaml"]


def test_refs_to_other_maps_resolve_from_beside_the_map() -> None:
    shutil.copytree(MAPS, "maps")
    code, out, err = invoke("render", "maps/crossmap.yaml", "-o", "-", "-f", "dot")
    assert (code, err) == (0, "")
    assert '"sketch#no-direct-link"' in out and "from map `sketch`" in out
    assert "subgraph cluster_map_sketch" in out


def test_the_legend_can_be_hidden() -> None:
    write_map("simple.yaml")
    assert "<B>Legend</B>" in invoke("render", "simple.yaml", "-o", "-", "-f", "dot")[1]
    assert "Legend" not in invoke("render", "simple.yaml", "-o", "-", "-f", "dot", "--no-legend")[1]


# --- views ------------------------------------------------------------------


def _drawn_nodes(dot: str) -> set[str]:
    import pygraphviz

    return {str(name) for name in pygraphviz.AGraph(string=dot).nodes()}


def test_depth_collapses_deeper_reasons_into_stubs_and_says_so() -> None:
    shutil.copytree(MAPS, "maps")
    code, out, err = invoke("render", "maps/sketch.yaml", "--depth", "0", "-o", "-", "-f", "dot")
    assert (code, err) == (0, "")
    # The conclusion and its inference; the premises, and the objection one step below, in stubs.
    assert _drawn_nodes(out) == {
        "sketch#no-direct-link", "sketch#from-revenge",
        "stub-sketch#no-direct-link", "stub-sketch#from-revenge",
    }  # fmt: skip
    assert (
        "<B>+3 reasons</B>" in out
        and "<B>+1 reason, +2 objections</B>" in out
        and "2 stand, 1 defeated" in out
    )
    # What the view hides, in words (the sentence wrapped at its line breaks).
    assert (
        "Only the conclusions are drawn, each with the inferences that lead to it; "
        "7 nodes below are not drawn, but counted in the 2 grey dashed boxes."
    ) in out.replace('<BR ALIGN="LEFT"/>', " ")
    assert invoke("render", "maps/sketch.yaml", "--depth", "0") == (0, "", "argmap: rendered 1 map\n")
    assert sorted(path.name for path in Path("maps").glob("*.svg")) == ["sketch.svg"]
    code, out, err = invoke("render", "maps/sketch.yaml", "--depth", "-1")
    assert code == 2 and "-1 is not in the range x>=0" in err


def test_focus_draws_one_node_with_its_reasons_and_objections() -> None:
    shutil.copytree(MAPS, "maps")
    for focus in ("from-history", "sketch#from-history"):
        code, out, err = invoke("render", "maps/sketch.yaml", "--focus", focus, "-o", "-", "-f", "dot")
        assert (code, err) == (0, "")
        assert _drawn_nodes(out) == {"sketch#from-history", "sketch#juntas", "sketch#saddam"}
        assert (
            "One claim and only what directly supports it or objects to it; "
            "6 other nodes of the map not drawn."
        ) in out.replace('<BR ALIGN="LEFT"/>', " ")


def test_focus_on_a_node_the_map_does_not_draw_is_a_usage_error() -> None:
    shutil.copytree(MAPS, "maps")
    before = listing()
    assert invoke("render", "maps/sketch.yaml", "--focus", "from-histry") == (
        2,
        "",
        "argmap: --focus `from-histry`: map `sketch` draws no such node; did you mean `from-history`?\n"
        "  hint: give a node id of the map, or map-id#node-id for a node it imports\n",
    )
    assert listing() == before


def test_split_writes_an_index_linking_one_diagram_per_conclusion() -> None:
    shutil.copytree(MAPS, "maps")
    assert invoke("render", "maps/crossmap.yaml", "--split", "-o", "out") == (
        0,
        "",
        "argmap: rendered 3 diagrams\n",
    )
    assert sorted(path.name for path in Path("out").iterdir()) == [
        "crossmap--regime-holds.svg",
        "crossmap--sketch--failures-topple.svg",
        "crossmap.svg",
    ]
    index = Path("out/crossmap.svg").read_text(encoding="utf-8")
    assert 'xlink:href="crossmap--regime-holds.svg"' in index
    assert 'xlink:href="crossmap--sketch--failures-topple.svg"' in index
    part = Path("out/crossmap--regime-holds.svg").read_text(encoding="utf-8")
    assert "One conclusion of the map and what bears on it; the other has a diagram of its own" in part
    assert "<title>crossmap#regime&#45;holds</title>" in part
    other = Path("out/crossmap--sketch--failures-topple.svg").read_text(encoding="utf-8")
    assert "<title>sketch#failures&#45;topple</title>" in other
    assert "<title>crossmap#regime&#45;holds</title>" not in other
    # Drawn again, every diagram is up to date; --check agrees.
    assert invoke("render", "maps/crossmap.yaml", "--split", "-o", "out") == (
        0,
        "",
        "argmap: rendered 0 diagrams, 3 up to date\n",
    )
    assert invoke("render", "maps/crossmap.yaml", "--split", "-o", "out", "--check")[:2] == (
        0,
        "3 diagrams up to date\n",
    )


def test_split_to_standard_output_is_refused() -> None:
    shutil.copytree(MAPS, "maps")
    assert invoke("render", "maps/crossmap.yaml", "--split", "-o", "-") == (
        2,
        "",
        "argmap: --split writes an index and one diagram per conclusion: it cannot write them to "
        "standard output\n  hint: leave out `-o -`, or use -o FOLDER\n",
    )


def test_notes_number_the_nodes_and_give_each_quote_and_source_line() -> None:
    shutil.copytree(MAPS, "maps")
    code, out, err = invoke("render", "maps/sketch.yaml", "--notes", "-o", "-", "-f", "dot")
    assert (code, err) == (0, "")
    assert "<B>Notes</B>" in out
    assert "“For them, it is revenge against the stronger West.” — sources/ft.txt, line 5" in out
    assert "warrant: A base that counts any defiance of the West as victory" in out
    assert "tooltip" not in out.split("<B>Notes</B>")[1].split(">>")[0]
    assert "<B>Notes</B>" not in invoke("render", "maps/sketch.yaml", "-o", "-", "-f", "dot")[1]


def test_a_part_left_over_from_an_earlier_split_is_reported_then_removed() -> None:
    shutil.copytree(MAPS, "maps")
    assert invoke("render", "maps/crossmap.yaml", "--split", "-o", "out")[0] == 0
    # A conclusion that the map no longer has: its diagram is argmap's (stamped), its name a part's.
    shutil.copy("out/crossmap--regime-holds.svg", "out/crossmap--gone.svg")
    # Not parts: an unstamped file, and the diagram of a map whose own name starts alike.
    Path("out/crossmap--notes.svg").write_text("<svg/>", encoding="utf-8")
    shutil.copy("out/crossmap--regime-holds.svg", "out/crossmap--other.svg")
    Path("out/crossmap--other.yaml").write_text(SIMPLE, encoding="utf-8")
    assert invoke("render", "maps/crossmap.yaml", "--split", "-o", "out", "--check")[:2] == (
        1,
        "out/crossmap--gone.svg: left over (no conclusion of its map is drawn there any more)\n"
        "3 diagrams up to date, 1 left over\n",
    )
    assert invoke("render", "maps/crossmap.yaml", "--split", "-o", "out") == (
        0,
        "",
        "argmap: rendered 0 diagrams, 3 up to date, 1 left over from an earlier split removed\n",
    )
    assert not Path("out/crossmap--gone.svg").exists()
    assert Path("out/crossmap--notes.svg").exists() and Path("out/crossmap--other.svg").exists()
    assert invoke("render", "maps/crossmap.yaml", "--split", "-o", "out", "--check")[0] == 0


def test_standard_output_gets_the_whole_map_even_when_files_would_be_split() -> None:
    """No part follows a diagram written to standard output: it must not be an index of parts."""
    shutil.copytree(Path(__file__).resolve().parents[2] / "maps", "maps")
    shutil.copytree(Path(__file__).resolve().parents[2] / "seeds", "seeds")
    code, dot, _ = invoke("render", "maps/ft-lose-or-win.yaml", "-f", "dot", "-o", "-")
    assert code == 0
    assert "have diagrams of their own" not in dot and "a diagram of its own" not in dot
    assert '"ft-lose-or-win#from-revenge"' in dot  # a step below a conclusion, which an index leaves out
