"""`argmap explain`, `argmap whatif` and `argmap sensitivity`: exit codes and output."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from tests.analysis.test_preferences import ESSAY

runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("essay.yaml").write_text(textwrap.dedent(ESSAY), encoding="utf-8")


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_explain_prints_the_chain_that_decides_a_node() -> None:
    assert invoke("explain", "essay.yaml", "recycle") == (
        0,
        "`recycle` is in: its reasons outweigh the conceded `annoying` (weight 1 ≤ 1)\n"
        "  `from-benefits` is in: its premise `saves` stands\n"
        "    `saves` is in: not attacked\n"
        "  `annoying` is in: not attacked\n",
        "",
    )


def test_explain_refuses_an_unknown_node_with_a_guess() -> None:
    assert invoke("explain", "essay.yaml", "recycling") == (
        2,
        "",
        "argmap: no node `recycling` in this map; did you mean `recycle`?\n"
        "  hint: name a claim or an inference by its `id` (or `map-id#id` for another map)\n",
    )


def test_whatif_prints_the_statuses_that_change() -> None:
    assert invoke("whatif", "essay.yaml", "--reject", "saves") == (
        0,
        "`from-benefits`: in → out (premise `saves` is out)\n"
        "`recycle`: in → out (no inference applies (`from-benefits`: premise `saves` is out))\n"
        "`saves`: in → out (rejected by hypothesis)\n",
        "",
    )


def test_whatif_with_an_added_attack_and_nothing_changing() -> None:
    assert invoke("whatif", "essay.yaml", "--accept", "recycle") == (0, "no status changes\n", "")
    code, out, _ = invoke("whatif", "essay.yaml", "--add-attack", "annoying:saves")
    assert code == 0
    assert out.splitlines()[-1] == "`saves`: in → out (rebutted by `annoying` (in))"


def test_whatif_refuses_a_malformed_attack() -> None:
    assert invoke("whatif", "essay.yaml", "--add-attack", "annoying") == (
        2,
        "",
        "argmap: `annoying` is not an attack\n  hint: write the attacker and its target as `A:B`\n",
    )


def test_sensitivity_lists_what_flips_each_conclusion() -> None:
    assert invoke("sensitivity", "essay.yaml") == (
        0,
        "conclusion `recycle` (in) changes when you:\n"
        "  reject `from-benefits` → out\n"
        "  reject `saves` → out\n",
        "",
    )


def test_sensitivity_of_an_unreadable_map_exits_1() -> None:
    Path("broken.yaml").write_text("argmap: 1\nid: [\n", encoding="utf-8")
    code, out, err = invoke("sensitivity", "broken.yaml")
    assert (code, out) == (1, "")
    assert err.startswith("broken.yaml:")
