"""The views of a map (argmap.diagram.views): what each keeps, the stubs
that count what it leaves out, and the sentence that says so."""

from __future__ import annotations

from typing import Any

import pytest

from argmap.config import Config
from argmap.diagram.views import diagram_view, focus_key, top_keys
from argmap.input.model import ArgMap
from argmap.lint.runner import check_paths
from argmap.problems import UsageError
from tests.diagram.conftest import MAPS


@pytest.fixture(scope="module")
def checked() -> Any:
    return check_paths([MAPS], Config(), cwd=MAPS)


def _map(checked: Any, map_id: str) -> ArgMap:
    (argmap,) = [argmap for argmap in checked.workspace.requested if argmap.id == map_id]
    return argmap


def test_the_whole_map_hides_nothing_and_says_nothing(checked: Any) -> None:
    sketch = _map(checked, "sketch")
    view = diagram_view(sketch, checked.workspace.corpus)
    assert set(view.keys) == {node.key for node in sketch.nodes}
    assert (dict(view.stubs), view.hides) == ({}, "")


def test_depth_keeps_the_top_levels_and_counts_the_rest_in_stubs(checked: Any) -> None:
    sketch = _map(checked, "sketch")
    view = diagram_view(sketch, checked.workspace.corpus, depth=0)
    assert view.keys == ("sketch#from-revenge", "sketch#no-direct-link")
    # Each stub counts what lies below its node and no drawn node: nothing is counted twice.
    assert dict(view.stubs) == {
        "sketch#from-revenge": frozenset(
            {"sketch#any-resistance-wins", "sketch#base-rewards-defiance", "sketch#revenge"}
        ),
        "sketch#no-direct-link": frozenset(
            {"sketch#failures-topple", "sketch#from-history", "sketch#juntas", "sketch#saddam"}
        ),
    }
    hidden = set().union(*view.stubs.values())
    assert hidden | set(view.keys) == {node.key for node in sketch.nodes}
    assert view.hides == (
        "Only the conclusions are drawn, each with the inferences that lead to it; "
        "7 nodes below are not drawn, but counted in the 2 grey dashed boxes."
    )
    one = diagram_view(sketch, checked.workspace.corpus, depth=1).hides
    assert one.startswith("Drawn down to one step of reasoning below each conclusion; ")
    deeper = diagram_view(sketch, checked.workspace.corpus, depth=1)
    assert set(view.keys) < set(deeper.keys)


def test_focus_keeps_the_node_its_inferences_their_premises_and_its_attackers(checked: Any) -> None:
    sketch = _map(checked, "sketch")
    view = diagram_view(sketch, checked.workspace.corpus, focus="no-direct-link")
    assert set(view.keys) == {
        "sketch#no-direct-link", "sketch#from-revenge", "sketch#failures-topple",
        "sketch#revenge", "sketch#any-resistance-wins", "sketch#base-rewards-defiance",
    }  # fmt: skip
    # What the attacker rests on is counted under it, not dropped.
    assert view.stubs["sketch#failures-topple"] == frozenset(
        {"sketch#from-history", "sketch#juntas", "sketch#saddam"}
    )
    assert view.hides.startswith("One claim and only what directly supports it or objects to it; ")


def test_root_keeps_the_tree_of_one_conclusion(checked: Any) -> None:
    crossmap = _map(checked, "crossmap")
    view = diagram_view(crossmap, checked.workspace.corpus, root="sketch#failures-topple")
    assert set(view.keys) == {
        "sketch#failures-topple", "sketch#from-history", "sketch#juntas", "sketch#saddam",
        "crossmap#not-a-junta",
    }  # fmt: skip
    assert "crossmap#regime-holds" not in view.keys
    assert view.hides.startswith(
        "One conclusion of the map and what bears on it; the other has a diagram of its own; "
    )
    assert top_keys(crossmap, view.keys, view.edges) == ["sketch#failures-topple"]


def test_focus_names_a_node_by_its_id_or_its_key_and_nothing_else(checked: Any) -> None:
    crossmap = _map(checked, "crossmap")
    keys = diagram_view(crossmap, checked.workspace.corpus).keys
    assert focus_key("from-ft", crossmap, keys) == "crossmap#from-ft"
    assert focus_key("sketch#no-direct-link", crossmap, keys) == "sketch#no-direct-link"
    with pytest.raises(UsageError) as raised:
        focus_key("sketch#revenge", crossmap, keys)
    assert raised.value.message == "--focus `sketch#revenge`: map `crossmap` draws no such node"
    with pytest.raises(UsageError) as raised:
        focus_key("regime-hold", crossmap, keys)
    assert raised.value.message == (
        "--focus `regime-hold`: map `crossmap` draws no such node; did you mean `regime-holds`?"
    )
