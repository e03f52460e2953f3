"""Attacks the author grants or declares weaker: what the diagram, the report and `show` mark.

An attack the evaluation does not count as an ordinary defeat
(docs/evaluation.md) should not look like one: a `conceded` objection (the
author grants it and argues it is outweighed) and a `weaker` one (`weaker:
true`, or a target that `outweighs` its source) are drawn and reported
apart. This module says, for each such attack, which it is, whether it still
defeats its target, and what outweighs it, from the evaluation alone.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from argmap.analysis.evaluate import AttackMode, Evaluation, Status, weighing


class Grant(enum.StrEnum):
    CONCEDED = "conceded"  # `conceded: true`: granted, and weighed against the target's reasons
    WEAKER = "weaker"  # `weaker: true`, or the target `outweighs` its source: it never defeats


@attrs.frozen
class GrantedAttack:
    source: str
    target: str
    grant: Grant
    # Whether the attack still puts its target out: a conceded objection
    # that weighs more than every reason of its target. Never for a weaker one.
    defeats: bool
    # What outweighs it: the target's applicable reasons (the target itself
    # when it stands on its own), or the target, for a weaker attack.
    outweighed_by: tuple[str, ...]


def granted_attacks(evaluation: Evaluation) -> dict[tuple[str, str], GrantedAttack]:
    """Every conceded or weaker attack of the evaluation, by (source, target), in key order."""
    graph = evaluation.graph

    def is_in(key: str) -> bool:
        return evaluation.status(key) is Status.IN

    found: dict[tuple[str, str], GrantedAttack] = {}
    for (source, target), attack in sorted(graph.attacks.items()):
        if attack.mode is AttackMode.FAILS:
            found[(source, target)] = GrantedAttack(source, target, Grant.WEAKER, False, (target,))
        elif attack.conceded:
            weighed = weighing(graph, target, is_in)
            reasons = tuple(key for key, _ in weighed.reasons)
            defeats = is_in(source) and attack.weight > weighed.strongest_reason
            found[(source, target)] = GrantedAttack(source, target, Grant.CONCEDED, defeats, reasons)
    return found


def prevailing_side(granted: Mapping[tuple[str, str], GrantedAttack], first: str, second: str) -> str | None:
    """In a conflict between `first` and `second` (an attack each way), the side whose attack counts
    while the other's is weaker; None when neither or both are."""
    first_weaker = _is_weaker(granted, first, second)
    second_weaker = _is_weaker(granted, second, first)
    if first_weaker == second_weaker:
        return None
    return second if first_weaker else first


def _is_weaker(granted: Mapping[tuple[str, str], GrantedAttack], source: str, target: str) -> bool:
    found = granted.get((source, target))
    return found is not None and found.grant is Grant.WEAKER
