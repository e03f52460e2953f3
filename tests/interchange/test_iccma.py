"""ICCMA frameworks (TGF, APX): import, and the Carneades 4 framework examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.analysis.evaluate import Status, evaluation_for
from argmap.analysis.semantics import Semantics, labellings
from argmap.cli import app
from argmap.config import Config
from argmap.interchange.iccma import FrameworkError, import_text, read_apx, read_tgf
from argmap.lint.runner import check_paths
from tests.analysis.test_semantics import brute_force

DATA = Path(__file__).parent / "data" / "carneades" / "AFs"
runner = CliRunner()


def imported_extensions(folder: Path, tgf: Path, semantics: Semantics) -> set[frozenset[str]]:
    path = folder / (tgf.stem + ".yaml")
    path.write_text(import_text(tgf.read_text(encoding="utf-8"), tgf.name, "tgf"), encoding="utf-8")
    result = check_paths([path], Config(), cwd=folder)
    assert [problem for problem in result.problems if problem.severity.label == "error"] == []
    evaluation = evaluation_for(result.run.context(result.workspace.requested[0]))
    return {
        frozenset(key.partition("#")[2] for key, status in labelling.items() if status is Status.IN)
        for labelling in labellings(evaluation, semantics).labellings
    }


def test_reinstatement_grounded_as_carneades_expects(tmp_path: Path) -> None:
    # src/test/dung_test.go, TestAf2GroundedLabelling: {1, 3}
    assert imported_extensions(tmp_path, DATA / "reinstatement1.tgf", Semantics.GROUNDED) == {
        frozenset({"1", "3"})
    }


def test_even_cycle_preferred_as_carneades_expects(tmp_path: Path) -> None:
    # src/test/dung_test.go, TestEvenCycle1PreferredLabelling: {1} and {2}
    assert imported_extensions(tmp_path, DATA / "even_cycle1.tgf", Semantics.PREFERRED) == {
        frozenset({"1"}),
        frozenset({"2"}),
    }


@pytest.mark.parametrize("tgf", sorted(DATA.glob("*.tgf")), ids=lambda path: path.stem)
@pytest.mark.parametrize("semantics", list(Semantics), ids=str)
def test_every_carneades_framework_matches_dungs_definitions(
    tmp_path: Path, tgf: Path, semantics: Semantics
) -> None:
    framework = read_tgf(tgf.read_text(encoding="utf-8"), tgf.name)
    index = {name: position for position, name in enumerate(framework.arguments)}
    expected = brute_force(
        len(index), {(index[source], index[target]) for source, target in framework.attacks}
    )
    names = {position: name for name, position in index.items()}
    wanted = {frozenset(names[position] for position in extension) for extension in expected[str(semantics)]}
    assert imported_extensions(tmp_path, tgf, semantics) == wanted


def test_tgf_and_apx_read_the_same_framework() -> None:
    tgf = read_tgf("a\nb Some label\n#\na b\nb a\n", "x.tgf")
    apx = read_apx("arg(a). arg(b).\natt(a,b). % a comment\natt(b,a).\n", "x.apx")
    assert tgf == apx
    assert (tgf.arguments, tgf.attacks) == (("a", "b"), (("a", "b"), ("b", "a")))


def test_names_that_are_not_ids_become_slugs_and_stay_as_text() -> None:
    text = import_text("Arg 1\n#\n", "Odd Name.tgf", "tgf")
    assert text == (
        "argmap: 1\n"
        "id: odd-name\n"
        'title: "Abstract framework Odd Name.tgf"\n'
        "conclusions:\n"
        '  - id: "arg"\n'
        '    text: "Argument Arg"\n'
        "    implicit: true\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\n#\na\n", "x.tgf:3:1: an attack needs two arguments"),
        ("a\n#\na b\n", "x.tgf: the attack `a b` names `b`, which is not an argument"),
        ("a\n#\n#\n", "x.tgf:3:1: a second `#` line"),
    ],
)
def test_malformed_tgf_is_refused_with_the_line(text: str, message: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        read_tgf(text, "x.tgf")
    assert caught.value.message == message


def test_malformed_apx_is_refused_with_the_column() -> None:
    with pytest.raises(FrameworkError) as caught:
        read_apx("arg(a). oops\n", "x.apx")
    assert caught.value.message == "x.apx:1:9: not an `arg(a).` or `att(a,b).` fact"


def test_import_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("af.apx").write_text("arg(a).\narg(b).\natt(a,b).\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "--from", "apx", "af.apx"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "wrote af.yaml\n", "")
    assert Path("af.yaml").read_text(encoding="utf-8").endswith("    counterexamples:\n      - ref: a\n")
    result = runner.invoke(app, ["check", "af.yaml"])
    assert result.exit_code == 0, result.output
    Path("bad.apx").write_text("arg(a). oops\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "--from", "apx", "bad.apx"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "argmap: bad.apx:1:9: not an `arg(a).` or `att(a,b).` fact\n"
        "  hint: APX has one fact per statement, each ending with `.`\n"
    )
    assert not Path("bad.yaml").exists()
    result = runner.invoke(app, ["import", "--from", "dot", "af.apx"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("argmap: unknown format `dot`\n  hint: import from: json, aif,")
