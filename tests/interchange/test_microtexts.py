"""The argumentative microtexts (tests/interchange/data/microtexts/NOTICE.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.config import Config
from argmap.files import Limits
from argmap.interchange import InterchangeInputError, map_text, planned_files, read_files, write_files
from argmap.interchange.microtexts import pinned_quote, read
from argmap.lint.runner import CheckResult, check_paths
from argmap.output.checked_export import export_data

DATA = Path(__file__).parent / "data" / "microtexts"
runner = CliRunner()


def import_and_check(files: list[Path], folder: Path) -> CheckResult:
    (folder / "argmap.toml").write_text("", encoding="utf-8")
    imported = read_files("microtexts", files)
    write_files(planned_files(imported, folder))
    return check_paths([folder / one.file_name for one in imported], Config(), cwd=folder)


def broken(result: CheckResult) -> list[str]:
    return [
        f"{p.file}:{p.line}: {p.code} {p.message}"
        for p in result.problems
        if p.code[0] in "LSMQ" and p.code != "Q505"
    ]


def test_every_unit_is_quoted_and_grounds(tmp_path: Path) -> None:
    result = import_and_check(sorted(DATA.glob("*.xml")), tmp_path)
    assert broken(result) == []
    for argmap in result.workspace.requested:
        claims = [node for node in export_data(result, argmap)["nodes"] if node["kind"] != "inference"]
        assert claims and all(node["source_line"] == 1 for node in claims)


def test_every_relation_type_is_kept() -> None:
    text = map_text(read((DATA / "micro_b036.xml").read_bytes(), "micro_b036.xml", Limits())[0])
    assert text == (
        "argmap: 1\n"
        "id: micro-b036\n"
        "title: micro_b036 (microtext, imported)\n"
        "source:\n"
        "  file: micro-b036.txt\n"
        "  note: The microtext, its EDUs joined by spaces.\n"
        "note: 'Topic: make_video_games_olympic; stance: pro.'\n"
        "conclusions:\n"
        "  - id: a1\n"
        "    text: Video games ought to be included in the ranks of Olympic events.\n"
        "    quote: Video games ought to be included in the ranks of Olympic events.\n"
        "    tags:\n"
        "      - proponent\n"
        "    because:\n"
        "      - id: c2\n"
        "        premises:\n"
        "          - id: a2\n"
        "            text: The performance often required by players is considerable and by all means\n"
        "              comparable to physical efforts.\n"
        "            quote: The performance often required by players is considerable and by all means\n"
        "              comparable to physical efforts.\n"
        "            tags:\n"
        "              - proponent\n"
        "            because:\n"
        "              - id: c3\n"
        "                premises:\n"
        "                  - id: a3\n"
        "                    text: Various skills are promoted and required by different games,\n"
        "                    quote: Various skills are promoted and required by different games,\n"
        "                    tags:\n"
        "                      - proponent\n"
        "                    because:\n"
        "                      - id: c4\n"
        "                        scheme: argument-from-example\n"
        "                        premises:\n"
        "                          - id: a4\n"
        "                            role: example\n"
        "                            text: including planning abilities, reaction time, "
        "and reasoning to name\n"
        "                              but a few.\n"
        "                            quote: including planning abilities, reaction time, and reasoning to\n"
        "                              name but a few.\n"
        "                            tags:\n"
        "                              - proponent\n"
        "    counterexamples:\n"
        "      - id: a5\n"
        "        text: Considering their requirements, some video games are not relevant as sports,\n"
        "        quote: Considering their requirements, some video games are not relevant as sports,\n"
        "        tags:\n"
        "          - opponent\n"
        "        counterexamples:\n"
        "          - id: a6\n"
        "            text: but this issue should be solvable through a clearly structured preselection\n"
        "              process.\n"
        "            quote: but this issue should be solvable through a clearly structured preselection\n"
        "              process.\n"
        "            tags:\n"
        "              - proponent\n"
    )


def test_losses_say_how_attacks_on_attacks_were_mapped() -> None:
    assert read((DATA / "micro_b001.xml").read_bytes(), "micro_b001.xml", Limits())[0].losses == (
        "c3: a3 undercuts the attack c1; argmap attacks only claims and inferences, "
        "so a3 attacks its attacker a1",
        "a4 joins the attack c3 of a3; argmap's attacker is one claim, so a4 supports a3",
    )


def test_an_undercut_of_a_support_undercuts_the_inference() -> None:
    text = map_text(read((DATA / "micro_b005.xml").read_bytes(), "micro_b005.xml", Limits())[0])
    assert "counterexamples:" in text.split("premises:", 1)[1]


REPEATED = b"""<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="r">
  <edu id="e1">We must act now.</edu>
  <edu id="e2">Prices rise.</edu>
  <edu id="e3">Prices rise.</edu>
  <adu id="a1" type="pro"/><adu id="a2" type="pro"/><adu id="a3" type="pro"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/>
  <edge id="c2" src="e2" trg="a2" type="seg"/>
  <edge id="c3" src="e3" trg="a3" type="seg"/>
  <edge id="c4" src="a2" trg="a1" type="sup"/>
  <edge id="c5" src="a3" trg="a1" type="sup"/>
</arggraph>
"""


def test_a_repeated_passage_is_pinned_to_its_own_place(tmp_path: Path) -> None:
    text = "We must act now. Prices rise. Prices rise."
    assert pinned_quote(text, 17, 29) == "Prices rise."
    assert pinned_quote(text, 30, 42) == "rise. Prices rise."
    imported = read(REPEATED, "repeated.xml", Limits())[0]
    (tmp_path / "repeated.xml").write_bytes(REPEATED)
    result = import_and_check([tmp_path / "repeated.xml"], tmp_path)
    assert broken(result) == []
    assert "quote: rise. Prices rise.\n" in map_text(imported)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<arggraph><edu id='e1'>x</edu", "bad.xml:1:25: not well-formed XML: unclosed token"),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "y">]>\n<arggraph/>',
            "bad.xml:2:1: the XML declares a document type or entities, which argmap refuses",
        ),
        (b"<other/>", "bad.xml: not a microtext: the root element is <other>, not <arggraph>"),
        (b"<arggraph/>", "bad.xml: the microtext has no <edu>"),
        (
            b"<arggraph><edu id='e1'>x</edu><adu id='a1'/>"
            b"<edge id='c1' src='e9' trg='a1' type='seg'/></arggraph>",
            "bad.xml: edge c1 segments an unknown EDU or ADU",
        ),
    ],
)
def test_bad_xml_is_refused_with_its_position(content: bytes, message: str) -> None:
    with pytest.raises(InterchangeInputError) as caught:
        read(content, "bad.xml", Limits())
    assert caught.value.message == message


def test_the_cli_refuses_entities_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bomb.xml").write_bytes(
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n'
        b"<arggraph>&lol2;</arggraph>\n"
    )
    result = runner.invoke(
        app, ["import", "--from", "microtexts", str(DATA / "micro_b001.xml"), "bomb.xml", "-o", "out"]
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "argmap: bomb.xml:2:1: the XML declares a document type or entities, which argmap refuses\n"
        "  hint: remove the <!DOCTYPE ...> declaration: the files of the corpus have none\n",
    )
    assert not (tmp_path / "out").exists()


CORPUS = os.environ.get("ARGMAP_MICROTEXTS_CORPUS", "")


@pytest.mark.slow
@pytest.mark.skipif(
    not CORPUS or not Path(CORPUS).is_dir(), reason="set ARGMAP_MICROTEXTS_CORPUS to a copy of corpus/en"
)
def test_every_english_microtext(tmp_path: Path) -> None:
    files = sorted(Path(CORPUS).glob("*.xml"))
    assert len(files) == 112
    assert broken(import_and_check(files, tmp_path)) == []
