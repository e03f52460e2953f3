"""Complete, preferred and stable labellings, against a brute-force enumeration of Dung's extensions."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis import semantics as semantics_module
from argmap.analysis.evaluate import Status, evaluate
from argmap.analysis.semantics import Semantics, SemanticsLimitError, labellings
from argmap.input.model import Edge, Kind, Node, Relation
from argmap.problems import Location

HERE = Location("m.yaml", 1, 1)


def framework(size: int, attacks: set[tuple[int, int]]) -> tuple[list[Node], list[Edge]]:
    nodes = [Node(f"m#a{index}", f"a{index}", "m", Kind.PREMISE, HERE) for index in range(size)]
    edges = [
        Edge(f"m#a{source}", f"m#a{target}", Relation.ATTACKS, "m", HERE)
        for source, target in sorted(attacks)
    ]
    return nodes, edges


def brute_force(size: int, attacks: set[tuple[int, int]]) -> dict[str, set[frozenset[int]]]:
    """Dung's definitions, literally, over every subset."""
    arguments = range(size)

    def attacked_by(group: frozenset[int]) -> set[int]:
        return {target for source, target in attacks if source in group}

    def defends(group: frozenset[int], argument: int) -> bool:
        hit = attacked_by(group)
        return all(source in hit for source, target in attacks if target == argument)

    subsets = [frozenset(group) for count in range(size + 1) for group in combinations(arguments, count)]
    conflict_free = [group for group in subsets if not (attacked_by(group) & group)]
    admissible = [group for group in conflict_free if all(defends(group, argument) for argument in group)]
    complete = {
        group
        for group in admissible
        if all(argument in group for argument in arguments if defends(group, argument))
    }
    preferred = {group for group in admissible if not any(group < other for other in admissible)}
    stable = {group for group in conflict_free if attacked_by(group) | group == set(arguments)}
    grounded = {min(complete, key=len)}
    return {"grounded": grounded, "complete": complete, "preferred": preferred, "stable": stable}


def extensions(size: int, attacks: set[tuple[int, int]], semantics: Semantics) -> set[frozenset[int]]:
    evaluation = evaluate(*framework(size, attacks))
    return {
        frozenset(int(key.removeprefix("m#a")) for key, status in labelling.items() if status is Status.IN)
        for labelling in labellings(evaluation, semantics).labellings
    }


@st.composite
def frameworks(draw: st.DrawFn) -> tuple[int, set[tuple[int, int]]]:
    size = draw(st.integers(min_value=1, max_value=7))
    pairs = [(source, target) for source in range(size) for target in range(size)]
    attacks = draw(st.sets(st.sampled_from(pairs), max_size=min(len(pairs), 14)))
    return size, attacks


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_every_semantics_agrees_with_brute_force(case: tuple[int, set[tuple[int, int]]]) -> None:
    size, attacks = case
    expected = brute_force(size, attacks)
    for semantics in Semantics:
        assert extensions(size, attacks, semantics) == expected[str(semantics)], semantics


def test_a_two_cycle_has_two_preferred_and_stable_extensions() -> None:
    attacks = {(0, 1), (1, 0)}
    assert extensions(2, attacks, Semantics.PREFERRED) == {frozenset({0}), frozenset({1})}
    assert extensions(2, attacks, Semantics.STABLE) == {frozenset({0}), frozenset({1})}
    assert extensions(2, attacks, Semantics.COMPLETE) == {frozenset(), frozenset({0}), frozenset({1})}
    result = labellings(evaluate(*framework(2, attacks)), Semantics.PREFERRED)
    assert (result.credulous(), result.sceptical()) == (frozenset({"m#a0", "m#a1"}), frozenset())


def test_an_odd_cycle_has_no_stable_extension() -> None:
    assert extensions(3, {(0, 1), (1, 2), (2, 0)}, Semantics.STABLE) == set()


def test_the_search_refuses_beyond_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantics_module, "SEARCH_LIMIT", 5)
    attacks = {(0, 1), (1, 0), (2, 3), (3, 2), (4, 5), (5, 4)}
    with pytest.raises(SemanticsLimitError, match="went past 5 steps"):
        labellings(evaluate(*framework(6, attacks)), Semantics.PREFERRED)
