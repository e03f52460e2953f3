"""argmap.text: the one did-you-mean and the one way to show a node id relative to its map."""

from __future__ import annotations

from argmap.text import closest, did_you_mean, display_id, relative_id


def test_closest_prefers_a_candidate_that_begins_or_ends_with_the_word() -> None:
    candidates = ["argument-from-example", "argument-from-expert-opinion", "from-examples"]
    assert closest("argument-from-expert", candidates) == "argument-from-expert-opinion"
    # Without the preference, the nearest spelling wins.
    assert closest("argument-from-expert", candidates, prefer_affix=False) == "argument-from-example"


def test_closest_is_none_when_nothing_is_near() -> None:
    assert closest("zzz", ["select", "ignore"]) is None
    assert closest("selct", ["select", "ignore"]) == "select"
    # The cutoff is the caller's: a looser one finds more.
    assert closest("jun", ["juntas"], cutoff=0.7) is None
    assert closest("jun", ["juntas"]) == "juntas"


def test_closest_does_not_depend_on_the_order_of_candidates() -> None:
    assert closest("ab", ["ac", "ad"]) == closest("ab", ["ad", "ac"])


def test_did_you_mean_is_a_message_tail_or_nothing() -> None:
    assert did_you_mean("select") == "; did you mean `select`?"
    assert did_you_mean(None) == ""


def test_a_node_id_is_shown_relative_to_its_map() -> None:
    assert relative_id("demo#revenge", "demo") == "revenge"
    assert relative_id("other#revenge", "demo") == "other#revenge"
    assert display_id("demo#revenge", "demo") == "`revenge`"
    assert display_id("other#revenge", "demo") == "`other#revenge`"
