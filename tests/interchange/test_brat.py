"""brat standoff annotations, in the scheme of the Argument Annotated Essays."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.config import Config
from argmap.files import Limits
from argmap.interchange import InterchangeInputError, planned_files, read_files, write_files
from argmap.interchange.brat import read
from argmap.lint.runner import CheckResult, check_paths
from argmap.output.checked_export import export_data

DATA = Path(__file__).parent / "data" / "brat"
runner = CliRunner()


def import_and_check(ann: Path, folder: Path) -> CheckResult:
    (folder / "argmap.toml").write_text("", encoding="utf-8")
    imported = read_files("brat", [ann])
    write_files(planned_files(imported, folder / "out"))
    return check_paths([folder / "out" / imported[0].file_name], Config(), cwd=folder)


def broken(result: CheckResult) -> list[str]:
    return [
        f"{p.line}: {p.code} {p.message}" for p in result.problems if p.code[0] in "LSMQ" and p.code != "Q505"
    ]


def test_components_ground_on_their_lines_and_relations_are_kept(tmp_path: Path) -> None:
    result = import_and_check(DATA / "kherson-essay.ann", tmp_path)
    assert broken(result) == []
    document = export_data(result, result.workspace.requested[0])
    lines = {node["id"]: node.get("source_line") for node in document["nodes"] if node["kind"] != "inference"}
    assert lines == {"t1": 1, "t2": 3, "t3": 5, "t4": 7, "t5": 7, "t6": 7}
    edges = {(edge["from"], edge["to"], edge["relation"]) for edge in document["edges"]}
    assert edges == {
        ("t4", "t4-for-t1", "premise"),  # Stance For: the claim supports the major claim
        ("t4-for-t1", "t1", "supports"),
        ("t2", "t1", "attacks"),  # Stance Against: it attacks it
        ("t5", "r1", "premise"),
        ("r1", "t4", "supports"),
        ("t6", "r2", "premise"),
        ("r2", "t4", "supports"),
        ("t3", "t2", "attacks"),
    }
    t3 = next(node for node in document["nodes"] if node["id"] == "t3")
    assert (t3["tags"], t3["note"]) == (
        ["premise"],
        "The defeats the column lists next: Kyiv, the Moskva, Snake Island, the Crimean bridge.",
    )
    assert (tmp_path / "out" / "kherson-essay.txt").read_bytes() == (DATA / "kherson-essay.txt").read_bytes()


def test_a_repeated_passage_grounds_on_its_own_line(tmp_path: Path) -> None:
    (tmp_path / "essay.txt").write_text(
        "We must act.\n\nPrices rise.\n\nSo: Prices rise.\n", encoding="utf-8"
    )
    (tmp_path / "essay.ann").write_text(
        "T1\tMajorClaim 0 12\tWe must act.\n"
        "T2\tPremise 32 44\tPrices rise.\n"
        "R1\tsupports Arg1:T2 Arg2:T1\t\n",
        encoding="utf-8",
    )
    result = import_and_check(tmp_path / "essay.ann", tmp_path)
    assert broken(result) == []
    document = export_data(result, result.workspace.requested[0])
    premise = next(node for node in document["nodes"] if node["id"] == "t2")
    assert (premise["quote"], premise["source_line"]) == (["So: Prices rise."], 5)


@pytest.mark.parametrize(
    ("annotations", "message"),
    [
        ("T1\tClaim 0 99\tx\n", "bad.ann:1:10: T1: the span 0-99 is outside the text"),
        ("T1\tClaim zero 3\tWe \n", "bad.ann:1:10: T1: `zero 3` is not a span `START END`"),
        (
            "T1\tClaim 0 6\tPrices\n",
            "bad.ann:1:1: T1: the words of the annotation are not those of the text at 0",
        ),
        ("T1\tClaim 0 2\tWe\nR1\tsupports Arg1:T9 Arg2:T1\t\n", "bad.ann:2:1: R1: T9 is not a component"),
        ("T1\n", "bad.ann:1:1: a brat line is an id, a tab, and an annotation"),
    ],
)
def test_bad_annotations_are_refused_with_their_position(
    tmp_path: Path, annotations: str, message: str
) -> None:
    (tmp_path / "bad.txt").write_text("We must act.\n", encoding="utf-8")
    with pytest.raises(InterchangeInputError) as caught:
        read(annotations.encode(), str(tmp_path / "bad.ann"), Limits())
    assert caught.value.message == f"{tmp_path}/{message}"


def test_the_cli_needs_the_text_beside_the_annotations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "alone.ann").write_text("T1\tClaim 0 2\tWe\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "--from", "brat", "alone.ann"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "argmap: alone.txt: cannot read: no such file or directory\n",
    )
    result = runner.invoke(app, ["import", "--from", "brat", str(DATA / "kherson-essay.ann"), "-o", "out"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "wrote out/kherson-essay.yaml\nwrote out/kherson-essay.txt\n",
        "",
    )
