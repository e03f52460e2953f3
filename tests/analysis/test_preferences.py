"""Preferences, concessions, weights, conflicts and proof standards (docs/evaluation.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis.evaluate import Evaluation, evaluation_for
from argmap.config import Config
from argmap.lint.runner import check_paths
from argmap.problems import Severity
from tests.helpers import write

ESSAY = """\
argmap: 1
id: essay
title: Recycling is worth the trouble
conclusions:
  - id: recycle
    text: Households should separate their rubbish.
    implicit: true
    because:
      - id: from-benefits
        warrant: What saves resources is worth a little trouble.
        premises:
          - id: saves
            text: Separating rubbish saves raw materials and energy.
            implicit: true
    counterexamples:
      - id: annoying
        text: Separating rubbish is annoying.
        implicit: true
        conceded: true
"""


def evaluated(folder: Path, text: str, name: str = "demo.yaml") -> Evaluation:
    path = write(folder, name, text)
    result = check_paths([path], Config(), cwd=folder)
    return evaluation_for(result.run.context(result.workspace.requested[0]))


def short(evaluation: Evaluation, map_id: str) -> dict[str, str]:
    return {key.removeprefix(map_id + "#"): str(status) for key, status in evaluation.statuses.items()}


def test_without_concession_the_objection_defeats_the_thesis(tmp_path: Path) -> None:
    evaluation = evaluated(tmp_path, ESSAY.replace("        conceded: true\n", ""))
    assert short(evaluation, "essay")["recycle"] == "out"


def test_a_conceded_objection_is_outweighed_by_the_authors_reasons(tmp_path: Path) -> None:
    evaluation = evaluated(tmp_path, ESSAY)
    assert short(evaluation, "essay") == {
        "recycle": "in",
        "from-benefits": "in",
        "saves": "in",
        "annoying": "in",
    }
    assert evaluation.explain("essay#recycle") == (
        "in: its reasons outweigh the conceded `annoying` (weight 1 ≤ 1)"
    )
    assert not evaluation.defeats("essay#annoying", "essay#recycle")


def test_a_heavier_conceded_objection_wins(tmp_path: Path) -> None:
    heavier = ESSAY.replace(
        "        conceded: true\n", "        conceded: true\n        weight: 0.9\n"
    ).replace("      - id: from-benefits\n", "      - id: from-benefits\n        weight: 0.6\n")
    evaluation = evaluated(tmp_path, heavier)
    assert short(evaluation, "essay")["recycle"] == "out"
    assert evaluation.explain("essay#recycle") == (
        "out: outweighed by the conceded `annoying` (weight 0.9 > 0.6, its strongest reason)"
    )
    assert evaluation.defeats("essay#annoying", "essay#recycle")


def test_a_conceded_objection_loses_when_the_reasons_fail(tmp_path: Path) -> None:
    # The thesis's only reason is undercut: nothing outweighs the objection any more.
    undercut = ESSAY.replace(
        "            implicit: true\n    counterexamples:",
        "            implicit: true\n        counterexamples:\n          - id: no-saving\n"
        "            text: Sorting costs more energy than it saves.\n            implicit: true\n"
        "    counterexamples:",
    )
    assert short(evaluated(tmp_path, undercut), "essay")["recycle"] == "out"


def test_the_conceding_essay_checks_clean_of_a404_and_a405(tmp_path: Path) -> None:
    path = write(tmp_path, "essay.yaml", ESSAY)
    result = check_paths([path], Config(), cwd=tmp_path)
    assert [problem.code for problem in result.problems if problem.code in ("A404", "A405")] == []


WEAKER = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: claim
    text: The claim.
    implicit: true
    counterexamples:
      - id: objection
        text: The objection.
        implicit: true
        weaker: true
"""


def test_a_weaker_attack_never_defeats(tmp_path: Path) -> None:
    evaluation = evaluated(tmp_path, WEAKER)
    assert short(evaluation, "demo") == {"claim": "in", "objection": "in"}
    assert evaluation.explain("demo#claim") == (
        "in: the attack of `objection` is weaker than it and does not defeat it"
    )


CONFLICT = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: society
    text: Society decides.
    implicit: true
    contradicts: [elite]
  - id: elite
    text: The elite decides.
    implicit: true
"""


def test_a_declared_conflict_without_preference_leaves_both_undecided(tmp_path: Path) -> None:
    evaluation = evaluated(tmp_path, CONFLICT)
    assert short(evaluation, "demo") == {"society": "undecided", "elite": "undecided"}


@pytest.mark.parametrize(
    ("where", "winner", "loser"), [("society", "society", "elite"), ("elite", "elite", "society")]
)
def test_a_preference_settles_a_declared_conflict(
    tmp_path: Path, where: str, winner: str, loser: str
) -> None:
    other = "elite" if where == "society" else "society"
    text = CONFLICT.replace(f"  - id: {where}\n", f"  - id: {where}\n    outweighs: [{other}]\n")
    assert short(evaluated(tmp_path, text), "demo") == {winner: "in", loser: "out"}


def test_a_conflict_across_maps_is_declared_once(tmp_path: Path) -> None:
    write(
        tmp_path,
        "other.yaml",
        """\
        argmap: 1
        id: other
        title: Other
        conclusions:
          - id: elite
            text: The elite decides.
            implicit: true
        """,
    )
    text = CONFLICT.replace("[elite]", "[other#elite]\n    outweighs: [other#elite]").split("  - id: elite")[
        0
    ]
    assert short(evaluated(tmp_path, text), "demo") == {"society": "in", "other#elite": "out"}


STANDARD = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: guilty
    text: The defendant is guilty.
    implicit: true
    standard: STANDARD
    because:
      - id: from-witness
        weight: PRO
        warrant: Witnesses usually tell the truth.
        premises:
          - id: witness
            text: A witness saw the defendant.
            implicit: true
    counterexamples:
      - id: alibi
        text: The defendant has an alibi.
        implicit: true
        weight: CON
"""


@pytest.mark.parametrize(
    ("standard", "pro", "con", "expected"),
    [
        ("scintilla", "0.1", "1", "in"),
        ("preponderance", "0.6", "0.5", "in"),
        ("preponderance", "0.5", "0.5", "out"),
        ("clear-and-convincing", "0.9", "0.5", "out"),
        ("clear-and-convincing", "0.9", "0.3", "in"),
        ("beyond-reasonable-doubt", "1", "0.4", "out"),
        ("beyond-reasonable-doubt", "1", "0.2", "in"),
        ("dialectical-validity", "1", "0.1", "out"),
        ("dialectical-validity", "1", "0", "out"),
    ],
)
def test_proof_standards_weigh_reasons_against_objections(
    tmp_path: Path, standard: str, pro: str, con: str, expected: str
) -> None:
    text = STANDARD.replace("STANDARD", standard).replace("PRO", pro).replace("CON", con)
    assert short(evaluated(tmp_path, text), "demo")["guilty"] == expected


def test_a_standard_explains_itself(tmp_path: Path) -> None:
    text = STANDARD.replace("STANDARD", "preponderance").replace("PRO", "0.6").replace("CON", "0.5")
    assert evaluated(tmp_path, text).explain("demo#guilty") == (
        "in: meets its standard, preponderance: strongest reason 0.6 (`from-witness`), "
        "strongest objection 0.5 (`alibi`)"
    )


def test_a_standard_with_an_undecided_objection_stays_undecided(tmp_path: Path) -> None:
    text = (
        STANDARD.replace("STANDARD", "preponderance").replace("PRO", "1").replace("CON", "0.5")
        + "        contradicts: [witness]\n"
    )
    assert short(evaluated(tmp_path, text), "demo")["guilty"] == "undecided"


def test_a_weight_out_of_range_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "demo.yaml", WEAKER.replace("weaker: true", "weight: 1.5"))
    result = check_paths([path], Config(), cwd=tmp_path)
    # The rest of the map is still checked (A401), but not its statuses: without
    # the weight that failed, they are not the map's (no A405 for the claim).
    assert [(problem.code, problem.line, problem.message) for problem in result.problems] == [
        ("A401", 5, "conclusion `claim` has no `because`: nothing in the map supports it"),
        ("S207", 12, "`weight` of counterexample `objection`: 1.5 is greater than the maximum of 1"),
    ]


ROOT = Path(__file__).resolve().parent.parent.parent
# The seed confrontation declares its conflict over the elite once, on
# `elite-turns`, and states which side prevails.
PREFERENCE = """\
    contradicts:
      - ft-lose-or-win#society-decides
    outweighs:
      - ft-lose-or-win#society-decides
"""


def confrontation_with(tmp_path: Path, replacement: str, before_elite_turns: str = "") -> Evaluation:
    import shutil

    shutil.copytree(ROOT / "maps", tmp_path / "maps")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    path = tmp_path / "maps" / "confrontation.yaml"
    text = path.read_text(encoding="utf-8")
    assert PREFERENCE in text
    text = text.replace(PREFERENCE, replacement)
    text = text.replace("  - id: elite-turns\n", before_elite_turns + "  - id: elite-turns\n")
    path.write_text(text, encoding="utf-8")
    result = check_paths([path], Config(), cwd=tmp_path)
    return evaluation_for(result.run.context(result.workspace.requested[0]))


DECLARED_ONLY = "    contradicts: [ft-lose-or-win#society-decides]\n"
REVERSED = "  - ref: ft-lose-or-win#society-decides\n    outweighs: [elite-turns]\n"


@pytest.mark.parametrize(
    ("declaration", "reversal", "statuses"),
    [
        (PREFERENCE, "", ("out", "in", "in", "out")),
        # Without the stated preference the conflict is left open, and so is
        # the main question above it.
        (DECLARED_ONLY, "", ("undecided", "undecided", "undecided", "undecided")),
        # The preference reversed: the column's main line is back, and the
        # documents' two claims rebut each other with nothing to prefer one.
        (DECLARED_ONLY, REVERSED, ("in", "out", "undecided", "undecided")),
    ],
    ids=["as-written", "no-preference", "reversed"],
)
def test_the_confrontation_follows_its_stated_preference(
    tmp_path: Path, declaration: str, reversal: str, statuses: tuple[str, str, str, str]
) -> None:
    evaluation = confrontation_with(tmp_path, declaration, reversal)
    assert (
        evaluation.status("ft-lose-or-win#society-decides"),
        evaluation.status("confrontation#elite-turns"),
        evaluation.status("kherson-catastrophe#threat-to-putin"),
        evaluation.status("ft-lose-or-win#no-direct-link"),
    ) == statuses


def test_the_seed_maps_have_no_one_way_rebuttal_nor_any_warning() -> None:
    result = check_paths([ROOT / "maps"], Config(), cwd=ROOT)
    assert [
        (problem.code, problem.file, problem.line)
        for problem in result.problems
        if problem.severity > Severity.INFO
    ] == []


def test_declarations_naming_nothing_or_an_inference_are_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "c.yaml", open_declarations())
    result = check_paths([path], Config(), cwd=tmp_path)
    assert [
        (problem.code, problem.line, problem.column, problem.message)
        for problem in result.problems
        if problem.code in ("M302", "M303")
    ] == [
        ("M302", 8, 19, "reference `bb`: no node `bb` in this map; did you mean `b`?"),
        ("M303", 8, 23, "`i` is an inference, but it is used here as a `contradicts` entry"),
        ("M302", 9, 17, "reference `zz`: no node `zz` in this map"),
    ]


def open_declarations() -> str:
    return """\
argmap: 1
id: c
title: C
conclusions:
  - id: a
    text: A.
    implicit: true
    contradicts: [bb, i]
    outweighs: [zz]
    because:
      - id: i
        warrant: W.
        premises:
          - id: p
            text: P.
            implicit: true
  - id: b
    text: B.
    implicit: true
"""
