"""The evaluation: grounded statuses of claims and inferences, on hand-worked examples."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.evaluate import CycleKind, Evaluation, Status, evaluate, evaluation_for
from argmap.config import Config
from argmap.input.model import Edge, Kind, Node, Relation
from argmap.lint.runner import check_paths
from argmap.output.checked_export import export_document
from argmap.problems import Location

IN, OUT, UNDECIDED = Status.IN, Status.OUT, Status.UNDECIDED
HERE = Location("m.yaml", 1, 1)


def claim(node_id: str, map_id: str = "m") -> Node:
    return Node(f"{map_id}#{node_id}", node_id, map_id, Kind.PREMISE, HERE)


def inference(node_id: str, map_id: str = "m") -> Node:
    return Node(f"{map_id}#{node_id}", node_id, map_id, Kind.INFERENCE, HERE)


def premise(source: str, target: str) -> Edge:
    return Edge(f"m#{source}", f"m#{target}", Relation.PREMISE, "m", HERE)


def supports(source: str, target: str) -> Edge:
    return Edge(f"m#{source}", f"m#{target}", Relation.SUPPORTS, "m", HERE)


def attacks(source: str, target: str) -> Edge:
    return Edge(f"m#{source}", f"m#{target}", Relation.ATTACKS, "m", HERE)


def statuses(evaluation: Evaluation) -> dict[str, Status]:
    return {key.removeprefix("m#"): status for key, status in evaluation.statuses.items()}


# ----------------------------------------------------------------- support


def test_unsupported_unattacked_premise_stands() -> None:
    evaluation = evaluate([claim("p")], [])
    assert statuses(evaluation) == {"p": IN}
    assert evaluation.explain("m#p") == "in: not attacked"


def test_linked_support_needs_every_premise() -> None:
    nodes = [claim("c"), inference("i"), claim("p"), claim("q")]
    edges = [supports("i", "c"), premise("p", "i"), premise("q", "i")]
    assert statuses(evaluate(nodes, edges)) == {"c": IN, "i": IN, "p": IN, "q": IN}
    # One premise rebutted: the inference no longer applies, and the claim has no other.
    evaluation = evaluate([*nodes, claim("a")], [*edges, attacks("a", "q")])
    assert statuses(evaluation) == {"a": IN, "c": OUT, "i": OUT, "p": IN, "q": OUT}
    assert evaluation.explain("m#q") == "out: rebutted by `a` (in)"
    assert evaluation.explain("m#i") == "out: premise `q` is out"
    assert evaluation.explain("m#c") == "out: no inference applies (`i`: premise `q` is out)"


def test_convergent_support_needs_one_inference() -> None:
    nodes = [claim("c"), inference("i1"), inference("i2"), claim("p1"), claim("p2"), claim("a")]
    edges = [
        supports("i1", "c"),
        supports("i2", "c"),
        premise("p1", "i1"),
        premise("p2", "i2"),
        attacks("a", "p1"),
    ]
    evaluation = evaluate(nodes, edges)
    assert statuses(evaluation) == {"a": IN, "c": IN, "i1": OUT, "i2": IN, "p1": OUT, "p2": IN}
    assert evaluation.explain("m#c") == "in: supported by `i2` (in)"
    # Both inferences fail: the claim is out and the explanation gives both reasons.
    evaluation = evaluate(nodes, [*edges, attacks("a", "i2")])
    assert evaluation.explain("m#c") == (
        "out: no inference applies (`i1`: premise `p1` is out; `i2`: undercut by `a` (in))"
    )


# ----------------------------------------------------------------- attack


def test_rebuttal_defeats_a_supported_claim() -> None:
    nodes = [claim("c"), inference("i"), claim("p"), claim("r")]
    edges = [supports("i", "c"), premise("p", "i"), attacks("r", "c")]
    evaluation = evaluate(nodes, edges)
    assert statuses(evaluation) == {"c": OUT, "i": IN, "p": IN, "r": IN}
    assert evaluation.explain("m#c") == "out: rebutted by `r` (in)"


def test_undercut_defeats_the_step_not_the_premises() -> None:
    nodes = [claim("c"), inference("i"), claim("p"), claim("u")]
    edges = [supports("i", "c"), premise("p", "i"), attacks("u", "i")]
    evaluation = evaluate(nodes, edges)
    assert statuses(evaluation) == {"c": OUT, "i": OUT, "p": IN, "u": IN}
    assert evaluation.explain("m#i") == "out: undercut by `u` (in)"


def test_a_defeated_counterexample_reinstates_its_target() -> None:
    nodes = [claim("c"), claim("a"), claim("b")]
    edges = [attacks("a", "c"), attacks("b", "a")]
    evaluation = evaluate(nodes, edges)
    assert statuses(evaluation) == {"a": OUT, "b": IN, "c": IN}
    assert evaluation.explain("m#c") == "in: every counterexample is out (`a`)"
    # And a third attacker in a chain defeats the reinstater: the target falls again.
    evaluation = evaluate([*nodes, claim("d")], [*edges, attacks("d", "b")])
    assert statuses(evaluation) == {"a": IN, "b": OUT, "c": OUT, "d": IN}


def test_a_defeated_objection_with_its_own_inference_reinstates_the_claim() -> None:
    # The sketch's map: failures-topple rests on from-history, which saddam undercuts.
    nodes = [
        claim("no-direct-link"),
        inference("from-revenge"),
        claim("revenge"),
        claim("failures-topple"),
        inference("from-history"),
        claim("juntas"),
        claim("saddam"),
    ]
    edges = [
        supports("from-revenge", "no-direct-link"),
        premise("revenge", "from-revenge"),
        attacks("failures-topple", "no-direct-link"),
        supports("from-history", "failures-topple"),
        premise("juntas", "from-history"),
        attacks("saddam", "from-history"),
    ]
    evaluation = evaluate(nodes, edges)
    assert statuses(evaluation) == {
        "no-direct-link": IN,
        "from-revenge": IN,
        "revenge": IN,
        "failures-topple": OUT,
        "from-history": OUT,
        "juntas": IN,
        "saddam": IN,
    }
    assert evaluation.explain("m#failures-topple") == (
        "out: no inference applies (`from-history`: undercut by `saddam` (in))"
    )
    assert evaluation.explain("m#no-direct-link") == (
        "in: supported by `from-revenge` (in); every counterexample is out (`failures-topple`)"
    )


# ----------------------------------------------------------------- cycles


def test_even_attack_cycle_leaves_both_undecided_and_what_depends_on_them() -> None:
    nodes = [claim("a"), claim("b"), claim("c")]
    edges = [attacks("a", "b"), attacks("b", "a"), attacks("a", "c")]
    evaluation = evaluate(nodes, edges)
    assert statuses(evaluation) == {"a": UNDECIDED, "b": UNDECIDED, "c": UNDECIDED}
    assert evaluation.explain("m#a") == "undecided: in an attack cycle with `b`"
    assert evaluation.explain("m#c") == (
        "undecided: attacked by `a` (undecided); it depends on an attack cycle (`a` → `b` → `a`)"
    )
    [cycle] = evaluation.cycles
    assert (cycle.kind, cycle.members, cycle.dependents) == (CycleKind.ATTACK, ("m#a", "m#b"), ("m#c",))


def test_odd_attack_cycle_and_self_attack_leave_nodes_undecided() -> None:
    nodes = [claim("a"), claim("b"), claim("c"), claim("s")]
    edges = [attacks("a", "b"), attacks("b", "c"), attacks("c", "a"), attacks("s", "s")]
    evaluation = evaluate(nodes, edges)
    assert set(statuses(evaluation).values()) == {UNDECIDED}
    assert evaluation.explain("m#b") == "undecided: in an attack cycle with `a` and `c`"
    assert evaluation.explain("m#s") == "undecided: in an attack cycle with itself"
    assert [cycle.path for cycle in evaluation.cycles] == [
        ("m#a", "m#b", "m#c", "m#a"),
        ("m#s", "m#s"),
    ]


def test_an_attack_cycle_broken_from_outside_is_decided() -> None:
    # a <-> b, and an unattacked d defeats b: a is reinstated.
    nodes = [claim("a"), claim("b"), claim("d")]
    edges = [attacks("a", "b"), attacks("b", "a"), attacks("d", "b")]
    assert statuses(evaluate(nodes, edges)) == {"a": IN, "b": OUT, "d": IN}


def test_support_cycle_ends_undecided_without_looping() -> None:
    nodes = [claim("a"), inference("from-b"), claim("b"), inference("from-a")]
    edges = [supports("from-b", "a"), premise("b", "from-b"), supports("from-a", "b"), premise("a", "from-a")]
    evaluation = evaluate(nodes, edges)
    assert set(statuses(evaluation).values()) == {UNDECIDED}
    assert evaluation.explain("m#a") == "undecided: in a support cycle with `from-a`, `b` and `from-b`"
    assert [cycle.kind for cycle in evaluation.cycles] == [CycleKind.SUPPORT]
    # Independent support grounds the loop: everything in it stands.
    grounded = evaluate(
        [*nodes, inference("from-p"), claim("p")], [*edges, supports("from-p", "a"), premise("p", "from-p")]
    )
    assert set(statuses(grounded).values()) == {IN}


# ----------------------------------------------------------------- order and size


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[Node], list[Edge]]:
    claims = [claim(f"c{index}") for index in range(draw(st.integers(1, 7)))]
    inferences = [inference(f"i{index}") for index in range(draw(st.integers(0, 5)))]
    nodes = claims + inferences
    edges: list[Edge] = []
    for node in inferences:
        edges.append(supports(node.id, draw(st.sampled_from(claims)).id))
        for source in draw(st.lists(st.sampled_from(claims), min_size=1, max_size=3)):
            edges.append(premise(source.id, node.id))
    for source in draw(st.lists(st.sampled_from(claims), max_size=6)):
        edges.append(attacks(source.id, draw(st.sampled_from(nodes)).id))
    return nodes, edges


def naive_grounded(nodes: list[Node], edges: list[Edge]) -> dict[str, Status]:
    """The specification, computed the slow way: apply the rules until nothing changes."""
    label = {node.key: UNDECIDED for node in nodes}
    incoming = {(edge.source, edge.target, edge.relation) for edge in edges}
    changed = True
    while changed:
        changed = False
        for node in nodes:
            if label[node.key] is not UNDECIDED:
                continue
            attackers = [s for s, t, r in incoming if t == node.key and r is Relation.ATTACKS]
            grounds = [
                s
                for s, t, r in incoming
                if t == node.key
                and r is (Relation.PREMISE if node.kind is Kind.INFERENCE else Relation.SUPPORTS)
            ]
            attacked = any(label[a] is IN for a in attackers)
            unattacked = all(label[a] is OUT for a in attackers)
            if node.kind is Kind.INFERENCE:
                new = (
                    OUT
                    if attacked or any(label[g] is OUT for g in grounds)
                    else (IN if unattacked and all(label[g] is IN for g in grounds) else UNDECIDED)
                )
            else:
                new = (
                    OUT
                    if attacked or (grounds and all(label[g] is OUT for g in grounds))
                    else (
                        IN
                        if unattacked and (not grounds or any(label[g] is IN for g in grounds))
                        else UNDECIDED
                    )
                )
            if new is not UNDECIDED:
                label[node.key] = new
                changed = True
    return label


@settings(max_examples=300, deadline=None)
@given(graphs(), st.randoms(use_true_random=False))
def test_result_is_the_grounded_labelling_whatever_the_order(
    graph: tuple[list[Node], list[Edge]], shuffler: random.Random
) -> None:
    nodes, edges = graph
    expected = naive_grounded(nodes, edges)
    assert dict(evaluate(nodes, edges).statuses) == expected
    shuffled_nodes, shuffled_edges = nodes[:], edges[:]
    shuffler.shuffle(shuffled_nodes)
    shuffler.shuffle(shuffled_edges)
    evaluation = evaluate(shuffled_nodes, shuffled_edges)
    assert dict(evaluation.statuses) == expected
    original = evaluate(nodes, edges)
    for node in nodes:  # explanations too are independent of the order
        assert evaluation.explain(node.key) == original.explain(node.key)


def test_a_chain_of_100000_claims_evaluates_without_recursion() -> None:
    length = 100_000
    nodes = [claim(f"c{index}") for index in range(length + 1)] + [
        inference(f"i{index}") for index in range(length)
    ]
    edges = [supports(f"i{index}", f"c{index}") for index in range(length)]
    edges += [premise(f"c{index + 1}", f"i{index}") for index in range(length)]
    evaluation = evaluate(nodes, edges)
    assert evaluation.status("m#c0") is IN
    # Undercut the deepest step: the whole chain falls.
    evaluation = evaluate([*nodes, claim("u")], [*edges, attacks("u", f"i{length - 1}")])
    assert evaluation.status("m#c0") is OUT
    assert evaluation.explain("m#c0") == "out: no inference applies (`i0`: premise `c1` is out)"


def test_a_chain_of_100000_attacks_alternates() -> None:
    length = 100_000
    nodes = [claim(f"a{index}") for index in range(length)]
    edges = [attacks(f"a{index + 1}", f"a{index}") for index in range(length - 1)]
    evaluation = evaluate(nodes, edges)
    assert evaluation.status(f"m#a{length - 1}") is IN
    assert evaluation.status("m#a0") is (IN if (length - 1) % 2 == 0 else OUT)


def test_a_long_attack_cycle_is_found_without_recursion() -> None:
    length = 50_000
    nodes = [claim(f"a{index}") for index in range(length)]
    edges = [attacks(f"a{(index + 1) % length}", f"a{index}") for index in range(length)]
    evaluation = evaluate(nodes, edges)
    assert set(evaluation.statuses.values()) == {UNDECIDED}
    [cycle] = evaluation.cycles
    assert len(cycle.members) == length


# ----------------------------------------------------------------- maps: refs and scope


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def map_statuses(folder: Path, name: str) -> dict[str, str]:
    result = check_paths([folder / name], Config(), cwd=folder)
    context = result.run.context(result.workspace.requested[0])
    return {key: str(status) for key, status in evaluation_for(context).statuses.items()}


def test_a_ref_used_twice_is_one_node(tmp_path: Path) -> None:
    write(
        tmp_path,
        "demo.yaml",
        """\
        argmap: 1
        id: demo
        title: Demo
        conclusions:
          - id: a
            text: Claim A.
            implicit: true
            because:
              - id: from-shared
                warrant: Shared licenses A.
                premises:
                  - id: shared
                    text: A shared premise.
                    implicit: true
          - id: b
            text: Claim B.
            implicit: true
            because:
              - id: from-shared-too
                warrant: Shared licenses B.
                premises:
                  - ref: shared
                    counterexamples:
                      - id: objection
                        text: The shared premise is false.
                        implicit: true
        """,
    )
    # The objection is written under the second use, but it attacks the one node:
    # both inferences that use it fail.
    assert map_statuses(tmp_path, "demo.yaml") == {
        "demo#a": "out",
        "demo#from-shared": "out",
        "demo#shared": "out",
        "demo#b": "out",
        "demo#from-shared-too": "out",
        "demo#objection": "in",
    }


def test_a_third_map_changes_a_claims_status_only_in_its_own_evaluation(tmp_path: Path) -> None:
    write(
        tmp_path,
        "ft.yaml",
        """\
        argmap: 1
        id: ft
        title: FT
        conclusions:
          - id: no-direct-link
            text: Military failures need not weaken Putin.
            implicit: true
        """,
    )
    write(
        tmp_path,
        "confront.yaml",
        """\
        argmap: 1
        id: confront
        title: Confrontation
        conclusions:
          - ref: ft#no-direct-link
            counterexamples:
              - id: elite-turns
                text: The elite turns on a leader who loses.
                implicit: true
        """,
    )
    assert map_statuses(tmp_path, "ft.yaml") == {"ft#no-direct-link": "in"}
    assert map_statuses(tmp_path, "confront.yaml") == {
        "confront#elite-turns": "in",
        "ft#no-direct-link": "out",
    }
    result = check_paths([tmp_path / "confront.yaml", tmp_path / "ft.yaml"], Config(), cwd=tmp_path)
    by_file = {argmap.file: argmap for argmap in result.workspace.requested}
    ft_eval = evaluation_for(result.run.context(by_file["ft.yaml"]))
    confront_eval = evaluation_for(result.run.context(by_file["confront.yaml"]))
    assert ft_eval.status("ft#no-direct-link") is IN
    assert confront_eval.status("ft#no-direct-link") is OUT
    assert confront_eval.explain("ft#no-direct-link") == "out: rebutted by `confront#elite-turns` (in)"


def test_export_carries_status_and_reason(tmp_path: Path) -> None:
    import json

    path = write(
        tmp_path,
        "demo.yaml",
        """\
        argmap: 1
        id: demo
        title: Demo
        conclusions:
          - id: claim
            text: The bridge is closed.
            implicit: true
            counterexamples:
              - id: open
                text: Cars cross the bridge.
                implicit: true
        """,
    )
    result = check_paths([path], Config(), cwd=tmp_path)
    document = json.loads(export_document(result, result.workspace.requested[0]))
    fields = {node["id"]: (node["status"], node["status_reason"]) for node in document["nodes"]}
    assert fields == {"claim": ("out", "out: rebutted by `open` (in)"), "open": ("in", "in: not attacked")}
