"""The structural checks M301–M305: each fires where it must and stays silent otherwise."""

from __future__ import annotations

from pathlib import Path

from argmap.problems import Problem
from tests.helpers import check_texts, error, only

BASE = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: a
    text: Claim A.
    implicit: true
    because:
      - id: from-b
        warrant: B licenses A.
        premises:
          - id: b
            text: Claim B.
            implicit: true
"""


def structural(tmp_path: Path, **maps: str) -> list[Problem]:
    return only(check_texts(tmp_path, **maps), "M")


def test_clean_map_has_no_structural_problems(tmp_path: Path) -> None:
    assert structural(tmp_path, demo=BASE) == []


def test_m301_duplicate_id_reports_both_places(tmp_path: Path) -> None:
    text = BASE + "          - id: a\n            text: Another.\n            implicit: true\n"
    assert structural(tmp_path, demo=text) == [
        error(
            "M301",
            "demo.yaml",
            5,
            5,
            "id `a` is used again at line 15",
            "ids must be unique in a map",
            "demo#a",
        ),
        error(
            "M301",
            "demo.yaml",
            15,
            13,
            "id `a` is already used at line 5",
            "to use the same claim again write `- ref: a`; otherwise give this node another id",
            "demo#a",
        ),
    ]


def test_m301_inference_and_claim_share_an_id(tmp_path: Path) -> None:
    text = BASE.replace("id: from-b", "id: b")
    assert [p.code for p in structural(tmp_path, demo=text)] == ["M301", "M301"]


def test_m302_unknown_ref_with_did_you_mean(tmp_path: Path) -> None:
    text = BASE + "          - ref: bb\n"
    assert structural(tmp_path, demo=text) == [
        error(
            "M302",
            "demo.yaml",
            15,
            18,
            "reference `bb`: no node `bb` in this map; did you mean `b`?",
            "refer to the `id` of a claim defined in that map",
        )
    ]


def test_m302_known_ref_is_silent(tmp_path: Path) -> None:
    assert structural(tmp_path, demo=BASE + "    counterexamples:\n      - ref: b\n") == []


def test_m302_unknown_map(tmp_path: Path) -> None:
    text = BASE + "          - ref: elsewhere#b\n"
    (problem,) = structural(tmp_path, demo=text)
    assert (problem.code, problem.line, problem.column) == ("M302", 15, 18)
    assert (
        problem.message
        == "reference `elsewhere#b` names map `elsewhere`, which is not among the maps checked"
    )


def test_m302_expectation_of_unknown_node(tmp_path: Path) -> None:
    text = BASE + "expect:\n  in: [a, zz]\n"
    (problem,) = structural(tmp_path, demo=text)
    assert (problem.code, problem.line, problem.column) == ("M302", 16, 11)
    assert problem.message == "`expect.in` entry `zz`: no node `zz` in this map"


def test_cross_map_ref_resolves_when_checked_together(tmp_path: Path) -> None:
    other = BASE.replace("id: demo", "id: other")
    text = BASE + "    counterexamples:\n      - ref: other#b\n"
    assert structural(tmp_path, demo=text, other=other) == []


def test_cross_map_ref_finds_a_sibling_map_not_named(tmp_path: Path) -> None:
    from argmap.config import Config
    from argmap.lint.runner import check_paths
    from tests.helpers import write

    write(
        tmp_path,
        "other.yaml",
        BASE.replace("id: demo", "id: other") + "    counterexamples:\n      - ref: nope\n",
    )
    demo = write(tmp_path, "demo.yaml", BASE + "    counterexamples:\n      - ref: other#b\n")
    result = check_paths([demo], Config(), cwd=tmp_path)
    # the sibling resolves the ref; its own problems (an unknown ref) are not reported
    assert only(result, "M") == []
    assert {problem.file for problem in result.problems} == {"demo.yaml"}
    assert [argmap.id for argmap in result.workspace.requested] == ["demo"]


def test_m302_cross_map_unknown_node_with_guess(tmp_path: Path) -> None:
    other = BASE.replace("id: demo", "id: other")
    text = BASE + "    counterexamples:\n      - ref: other#bb\n"
    (problem,) = structural(tmp_path, demo=text, other=other)
    assert problem.message == "reference `other#bb`: no node `bb` in map `other`; did you mean `b`?"


def test_m303_ref_to_inference(tmp_path: Path) -> None:
    text = BASE + "    counterexamples:\n      - ref: from-b\n"
    assert structural(tmp_path, demo=text) == [
        error(
            "M303",
            "demo.yaml",
            16,
            14,
            "`from-b` is an inference, but it is used here as a counterexample",
            "refer to a claim (the inference's conclusion or one of its premises); "
            "to attack the step itself, add a counterexample under the inference",
        )
    ]


def test_m304_circular_support_prints_the_path(tmp_path: Path) -> None:
    text = (
        BASE + "            because:\n"
        "              - id: from-a\n"
        "                premises:\n"
        "                  - ref: a\n"
    )
    assert structural(tmp_path, demo=text) == [
        error(
            "M304",
            "demo.yaml",
            18,
            21,
            "circular support: a → from-a → b → from-b → a",
            "a claim cannot be among its own reasons: ground one of these claims in something else",
            "demo#a",
        )
    ]


def test_m304_self_support(tmp_path: Path) -> None:
    text = BASE.replace("          - id: b\n", "          - ref: a\n          - id: b\n")
    (problem,) = structural(tmp_path, demo=text)
    assert problem.code == "M304"
    assert problem.message == "circular support: a → from-b → a"


def test_m304_attack_cycles_are_not_support_cycles(tmp_path: Path) -> None:
    text = (
        BASE + "    counterexamples:\n"
        "      - id: c\n"
        "        text: C.\n"
        "        implicit: true\n"
        "        counterexamples:\n"
        "          - ref: a\n"
    )
    assert structural(tmp_path, demo=text) == []


def test_m304_long_cycle_needs_no_recursion(tmp_path: Path) -> None:
    # a support chain of 3,000 claims closed by a ref: found iteratively
    lines = ["argmap: 1", "id: long", "title: Long", "conclusions:"]
    for index in range(3000):
        lines.append(
            f"  - id: c{index}\n    text: Claim {index}.\n    implicit: true\n"
            f"    because:\n      - id: i{index}\n        premises:\n          - ref: c{(index + 1) % 3000}"
        )
    problems = structural(tmp_path, long="\n".join(lines) + "\n")
    assert [p.code for p in problems] == ["M304"]
    # c1 is the premise of i0, which supports c0: the loop runs c0 → i2999 → c2999 → … → c1 → i0 → c0
    assert (
        problems[0].message
        == "circular support: c0 → i2999 → c2999 → i2998 → c2998 → i2997 → c2997 → i2996 → … "
        "(5991 more) → i0 → c0"
    )


def test_m305_duplicate_map_ids(tmp_path: Path) -> None:
    problems = structural(tmp_path, first=BASE, second=BASE)
    assert [(p.code, p.file, p.line, p.column, p.message) for p in problems] == [
        ("M305", "first.yaml", 2, 5, "map id `demo` is also declared by second.yaml"),
        ("M305", "second.yaml", 2, 5, "map id `demo` is also declared by first.yaml"),
    ]


def test_m303_a_map_may_undercut_another_maps_inference(tmp_path: Path) -> None:
    other = BASE.replace("id: demo", "id: other")
    third = (
        "argmap: 1\nid: third\ntitle: Third\nconclusions:\n"
        "  - ref: other#from-b\n"
        "    counterexamples:\n"
        "      - id: objection\n"
        "        text: B does not license A.\n"
        "        implicit: true\n"
    )
    assert structural(tmp_path, other=other, third=third) == []


def test_m303_an_inference_cannot_be_supported_from_elsewhere(tmp_path: Path) -> None:
    other = BASE.replace("id: demo", "id: other")
    third = (
        "argmap: 1\nid: third\ntitle: Third\nconclusions:\n"
        "  - ref: other#from-b\n"
        "    because:\n"
        "      - id: why\n"
        "        premises:\n"
        "          - id: p\n"
        "            text: P.\n"
        "            implicit: true\n"
    )
    (problem,) = structural(tmp_path, other=other, third=third)
    assert (problem.code, problem.message) == (
        "M303",
        "`other#from-b` is an inference, but it is used here as a conclusion",
    )


def test_ignore_on_a_ref_item_silences_that_node_here(tmp_path: Path) -> None:
    from argmap.input.model import Corpus
    from argmap.problems import Location, Severity

    text = (
        BASE + "    counterexamples:\n"
        "      - ref: b\n"
        "        ignore:\n"
        "          M301: demo of a ref-level ignore\n"
    )
    result = check_texts(tmp_path, demo=text)
    (unused,) = [p for p in result.problems if p.code == "X001"]
    assert (unused.line, unused.node) == (18, "demo#b")
    # and a problem on that node is silenced by it
    from argmap.config import Config
    from argmap.lint.runner import apply_suppressions

    argmap = Corpus.of(result.workspace.requested).map("demo")
    assert argmap is not None
    problem = Problem.at("M301", Severity.ERROR, Location("demo.yaml", 12, 13), "x", node="demo#b")
    assert apply_suppressions(argmap, [problem], Config()) == []


def test_a_duplicate_map_id_sets_off_no_m302_cascade(tmp_path: Path) -> None:
    """The second map refers to its own nodes and to a node of the first: M305 only."""
    second = BASE.replace("          - id: b\n", "          - id: c\n").replace(
        "            text: Claim B.\n            implicit: true\n",
        "            text: Claim C.\n            implicit: true\n"
        "  - id: d\n    text: D.\n    implicit: true\n    because:\n      - id: from-c\n"
        "        warrant: C licenses D.\n        premises:\n          - ref: c\n          - ref: b\n",
    )
    problems = structural(tmp_path, first=BASE, second=second)
    assert [(p.code, p.file) for p in problems] == [("M305", "first.yaml"), ("M305", "second.yaml")]
    # A reference to a node neither map has is still reported.
    third = second.replace("          - ref: b\n", "          - ref: nowhere\n")
    problems = structural(tmp_path, first=BASE, second=third)
    assert [(p.code, p.file) for p in problems] == [
        ("M305", "first.yaml"),
        ("M305", "second.yaml"),
        ("M302", "second.yaml"),
    ]
