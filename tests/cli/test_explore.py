"""`argmap rules`, `argmap schemes` and `argmap show`: exit codes and output."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app

runner = CliRunner()

DEMO = """\
argmap: 1
id: demo
title: A demo map
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    implicit: true
    because:
      - id: from-revenge
        warrant: A base that counts defiance of the West as victory does not punish lost battles.
        premises:
          - id: revenge
            text: Putin's supporters see the invasion as revenge on the West.
          - id: resistance
            text: To them any resistance to the West is a victory.
            implicit: true
    counterexamples:
      - id: failures-topple
        text: Military failures have brought regimes down before.
        implicit: true
        because:
          - id: from-history
            scheme: argument-from-example
            premises:
              - id: juntas
                text: The Greek and Argentinian juntas fell after failed military adventures.
                implicit: true
            counterexamples:
              - id: saddam
                text: Defeat in Kuwait in 1991 did not remove Saddam Hussein.
                implicit: true
  - id: hard-to-lose
    text: It is as hard for Putin to lose the war as to win it.
    implicit: true
    because:
      - id: from-resistance
        warrant: Whatever counts as resistance counts as victory, so no loss counts as defeat.
        premises:
          - ref: resistance
          - ref: revenge
"""

DEMO_TREE = """\
demo: A demo map
✓ in  implicit conclusion no-direct-link: Military failures need not weaken Putin's hold on power.
├── ✓ in  inference from-revenge: A base that counts defiance of the West as victory does not punish \
lost battles.
│   ├── ✓ in  premise revenge: Putin's supporters see the invasion as revenge on the West.  ⚑ A407
│   └── ✓ in  implicit premise resistance: To them any resistance to the West is a victory.
└── ✗ out  implicit counterexample failures-topple: Military failures have brought regimes down \
before.
    └── ✗ out  inference from-history: [argument-from-example]  ⚑ A411
        ├── ✓ in  implicit premise juntas: The Greek and Argentinian juntas fell after failed military \
adventures.
        └── ✓ in  implicit counterexample saddam: Defeat in Kuwait in 1991 did not remove Saddam \
Hussein.
✓ in  implicit conclusion hard-to-lose: It is as hard for Putin to lose the war as to win it.
└── ✓ in  inference from-resistance: Whatever counts as resistance counts as victory, so no loss counts \
as defeat.
    ├── ✓ in  ↪ premise resistance (see line 14)
    └── ✓ in  ↪ premise revenge (see line 12)
8 in, 2 out, 0 undecided; 2 problems (argmap check demo.yaml)
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def write(name: str, text: str) -> Path:
    path = Path(name)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# ----------------------------------------------------------------- rules


def test_rules_lists_every_code_one_line_each() -> None:
    code, out, err = invoke("rules")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert (
        "A403  term-gap                   warning  "
        "The conclusion speaks of things that neither the premises nor the warrant mention." in lines
    )
    assert any(line.startswith("A411  open-critical-questions    info     ") for line in lines)
    assert any(line.startswith("A412  expectation-mismatch       error    ") for line in lines)
    codes = [line.split()[0] for line in lines]
    assert codes == sorted(codes)
    assert {"L101", "S202", "M304", "A401", "A414", "X001"} <= set(codes)


@pytest.mark.parametrize("name", ["A403", "term-gap", "a403"])
def test_rules_prints_one_rules_documentation(name: str) -> None:
    code, out, err = invoke("rules", name)
    assert (code, err) == (0, "")
    assert out.startswith(
        "A403 term-gap (default severity: warning; gaps)\n\n"
        "The conclusion speaks of things that neither the premises nor the warrant mention.\n"
    )
    assert "`min-share-warranted` (default 0.85)" in out
    assert "Fails" in out and "Passes" in out


def test_rules_documents_loader_codes_too() -> None:
    code, out, _ = invoke("rules", "L103")
    assert code == 0
    assert out.startswith("L103 anchor-or-alias (default severity: error; load)\n")


def test_rules_unknown_code_exits_2_with_did_you_mean() -> None:
    code, out, err = invoke("rules", "term-gaps")
    assert (code, out) == (2, "")
    assert (
        err == "argmap: unknown rule `term-gaps`; did you mean `term-gap`?\n"
        "  hint: `argmap rules` lists the codes\n"
    )


# ----------------------------------------------------------------- schemes


def test_schemes_lists_id_and_title() -> None:
    code, out, err = invoke("schemes")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) >= 14
    assert "argument-from-example                 Argument from example" in lines
    assert [line.split()[0] for line in lines] == sorted(line.split()[0] for line in lines)


def test_schemes_prints_one_scheme() -> None:
    code, out, err = invoke("schemes", "argument-from-expert-opinion")
    assert (code, err) == (0, "")
    assert out.startswith(
        "argument-from-expert-opinion: Argument from expert opinion\n\n"
        "An expert in the field says so, so it is (plausibly) true.\n\n"
        "Premises (write `role: <id>` on a premise):\n"
        "  expertise   Source E is an expert in the subject domain S that proposition A is in.\n"
        "  assertion   E asserts that proposition A is true (or false).\n\n"
        "Critical questions (write `question: <id>` on a counterexample that raises one):\n"
        "  credible    How credible is E as an expert source?\n"
    )
    assert out.endswith("From: argmap/data/schemes.yaml\n")


def test_schemes_unknown_id_exits_2_with_did_you_mean() -> None:
    code, out, err = invoke("schemes", "argument-from-expert")
    assert (code, out) == (2, "")
    assert err == (
        "argmap: unknown scheme `argument-from-expert`; did you mean `argument-from-expert-opinion`?\n"
        "  hint: `argmap schemes` lists the schemes\n"
    )


def test_schemes_include_the_projects_catalogue() -> None:
    write(
        "my-schemes.yaml",
        """\
        schemes:
          - id: argument-from-sanctions
            title: Argument from sanctions
            description: Sanctions weaken a regime.
            roles: [{id: sanctions, description: Sanctions are imposed.}]
            questions: [{id: evasion, text: Can the regime evade them?}]
        """,
    )
    write("argmap.toml", 'schemes = ["my-schemes.yaml"]\n')
    code, out, _ = invoke("schemes")
    assert code == 0
    assert "argument-from-sanctions               Argument from sanctions" in out.splitlines()
    code, out, _ = invoke("schemes", "argument-from-sanctions")
    assert code == 0
    assert out.endswith(f"From: {Path('my-schemes.yaml').resolve()}\n")


def test_a_bad_catalogue_exits_2_naming_the_file() -> None:
    write("my-schemes.yaml", "schemes: []\n")
    write("argmap.toml", 'schemes = ["my-schemes.yaml"]\n')
    code, out, err = invoke("schemes")
    assert (code, out) == (2, "")
    assert err.startswith(
        f"argmap: {Path('my-schemes.yaml').resolve()}: `schemes` must be a non-empty list\n  hint: "
    )


# ----------------------------------------------------------------- show


def test_show_prints_the_tree_with_statuses_and_markers() -> None:
    write("demo.yaml", DEMO)
    code, out, err = invoke("show", "demo.yaml", "--no-color")
    assert (code, out, err) == (0, DEMO_TREE, "")
    # Deterministic: the same bytes again; and plain when not a terminal.
    assert invoke("show", "demo.yaml") == (0, DEMO_TREE, "")


def test_show_depth_folds_what_lies_below() -> None:
    write("demo.yaml", DEMO)
    code, out, _ = invoke("show", "demo.yaml", "--depth", "2")
    assert code == 0
    assert out == (
        "demo: A demo map\n"
        "✓ in  implicit conclusion no-direct-link: "
        "Military failures need not weaken Putin's hold on power.\n"
        "├── ✓ in  inference from-revenge: "
        "A base that counts defiance of the West as victory does not punish lost battles.  … 2 more below\n"
        "└── ✗ out  implicit counterexample failures-topple: "
        "Military failures have brought regimes down before.  … 3 more below\n"
        "✓ in  implicit conclusion hard-to-lose: It is as hard for Putin to lose the war as to win it.\n"
        "└── ✓ in  inference from-resistance: "
        "Whatever counts as resistance counts as victory, so no loss counts as defeat.  … 2 more below\n"
        "8 in, 2 out, 0 undecided; 2 problems (argmap check demo.yaml)\n"
    )


def test_show_marks_undecided_and_cycles_print_once() -> None:
    write(
        "demo.yaml",
        """\
        argmap: 1
        id: demo
        title: Cycle
        conclusions:
          - id: a
            text: Sanctions work.
            implicit: true
            counterexamples:
              - id: b
                text: Sanctions backfire.
                implicit: true
                counterexamples:
                  - ref: a
        """,
    )
    code, out, _ = invoke("show", "demo.yaml")
    assert code == 0
    assert out == (
        "demo: Cycle\n"
        "? undecided  implicit conclusion a: Sanctions work.  ⚑ A401 A406\n"
        "└── ? undecided  implicit counterexample b: Sanctions backfire.\n"
        "    └── ? undecided  ↪ counterexample a (see line 5)\n"
        "0 in, 0 out, 2 undecided; 2 problems (argmap check demo.yaml)\n"
    )


def test_show_with_colour_uses_ansi_codes() -> None:
    write("demo.yaml", DEMO)
    code, out, _ = invoke("show", "demo.yaml", "--color")
    assert code == 0
    assert "\x1b[32m✓ in\x1b[0m" in out
    assert "\x1b[31m✗ out\x1b[0m" in out


def test_show_exit_codes_for_maps_it_cannot_show() -> None:
    write("broken.yaml", "argmap: 1\nid: broken\ntitle: Broken\nconclusions:\n  - id: claim\n    qoute: x\n")
    code, out, err = invoke("show", "broken.yaml")
    assert (code, out) == (1, "")
    assert "S203" in err
    code, out, err = invoke("show", "missing.yaml")
    assert (code, out) == (2, "")
    assert err == "argmap: missing.yaml: no such file or folder\n"
    code, _, err = invoke("show", ".")
    assert code == 2
    assert err == "argmap: .: show takes one map file, not a folder\n"
