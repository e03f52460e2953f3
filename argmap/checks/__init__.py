"""The rule catalogue: one module per rule, registered in `RULES` below.

Every rule module defines `CODE` (a letter and three digits, stable forever),
`NAME` (kebab-case), `SEVERITY` (its default), a docstring that is its
documentation (`argmap rules CODE` prints it: why the gap matters, a failing
and a passing example), and `check(context, config) -> Iterator[Problem]`.
Rule modules import nothing heavy at module level: the registry is imported
by every `argmap check`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from types import ModuleType

import attrs

from argmap.checks import (
    circular_support,
    defeated_conclusion,
    duplicate_claim,
    duplicate_id,
    duplicate_map_id,
    expectation_mismatch,
    missing_premise,
    open_critical_questions,
    quote_case_mismatch,
    quote_not_found,
    ref_to_inference,
    scheme_premise_missing,
    source_not_found,
    source_outside_project,
    source_unreadable,
    term_gap,
    unanswered_counterexample,
    uncovered_reasoning,
    undecided,
    ungrounded_premise,
    unknown_question,
    unknown_ref,
    unknown_role,
    unknown_scheme,
    unsupported_conclusion,
)
from argmap.config import Config
from argmap.context import MapContext
from argmap.problems import Problem, Severity

CheckFunction = Callable[[MapContext, Config], Iterator[Problem]]


@attrs.frozen
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: CheckFunction = attrs.field(eq=False, repr=False)
    module: str = ""

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        doc = inspect.cleandoc(module.__doc__ or "")
        return cls(
            code=module.CODE,
            name=module.NAME,
            severity=module.SEVERITY,
            summary=doc.splitlines()[0] if doc else "",
            doc=doc,
            check=module.check,
            module=module.__name__,
        )


RULES: tuple[Rule, ...] = tuple(
    Rule.from_module(module)
    for module in (
        # structure (M3xx)
        duplicate_id,
        unknown_ref,
        ref_to_inference,
        circular_support,
        duplicate_map_id,
        # gap rules (A4xx)
        unsupported_conclusion,
        missing_premise,
        term_gap,
        unanswered_counterexample,
        defeated_conclusion,
        undecided,
        ungrounded_premise,
        duplicate_claim,
        unknown_scheme,
        scheme_premise_missing,
        open_critical_questions,
        expectation_mismatch,
        unknown_question,
        unknown_role,
        # grounding rules (Q5xx)
        quote_not_found,
        quote_case_mismatch,
        source_not_found,
        source_outside_project,
        uncovered_reasoning,
        source_unreadable,
    )
)
