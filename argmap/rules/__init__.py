"""The rule catalogue: one module per rule, registered in `RULES` below.

Every rule module defines `CODE` (a letter and three digits, stable forever),
`NAME` (kebab-case), `SEVERITY` (its default), optionally `OPTIONS` (a
tuple of `argmap.config.Option`: name, kind, default, doc), a docstring that is its
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

from argmap.analysis.context import MapContext
from argmap.config import Config, Option
from argmap.problems import Problem, Severity
from argmap.rules import (
    a401_unsupported_conclusion,
    a402_missing_premise,
    a403_term_gap,
    a404_unanswered_counterexample,
    a405_defeated_conclusion,
    a406_undecided,
    a407_ungrounded_premise,
    a408_duplicate_claim,
    a409_unknown_scheme,
    a410_scheme_premise_missing,
    a411_open_critical_questions,
    a412_expectation_mismatch,
    a413_unknown_question,
    a414_unknown_role,
    a415_one_way_rebuttal,
    m301_duplicate_id,
    m302_unknown_ref,
    m303_ref_to_inference,
    m304_circular_support,
    m305_duplicate_map_id,
    m306_text_cut_by_comment,
    q501_quote_not_found,
    q502_quote_case_mismatch,
    q503_source_not_found,
    q504_source_outside_project,
    q505_uncovered_reasoning,
    q506_source_unreadable,
    q507_mixed_line_endings,
    q508_repeated_passage,
)

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
    # What the rule declares in `OPTIONS`; the configuration validates them when it is read.
    options: tuple[Option, ...] = ()
    # The rule judges the evaluation's statuses (`READS_STATUSES` in its module):
    # it is not run on a map checked without what failed the schema, whose
    # statuses are those of what remains (`argmap.input.salvage`).
    reads_statuses: bool = False

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        doc = inspect.cleandoc(module.__doc__ or "")
        options = tuple(getattr(module, "OPTIONS", ()))
        return cls(
            code=module.CODE,
            name=module.NAME,
            severity=module.SEVERITY,
            summary=doc.splitlines()[0] if doc else "",
            doc=doc + options_section(module.CODE, options),
            check=module.check,
            module=module.__name__,
            options=options,
            reads_statuses=bool(getattr(module, "READS_STATUSES", False)),
        )


def options_section(code: str, options: tuple[Option, ...]) -> str:
    """The documentation of a rule's options, generated from what it declares."""
    if not options:
        return ""
    return (
        f"\n\nOptions, in `[tool.argmap.rules.{code}]` (pyproject.toml) "
        f"or `[rules.{code}]` (argmap.toml):\n\n" + "\n".join(option.describe() for option in options)
    )


RULES: tuple[Rule, ...] = tuple(
    Rule.from_module(module)
    for module in (
        # structure (M3xx)
        m301_duplicate_id,
        m302_unknown_ref,
        m303_ref_to_inference,
        m304_circular_support,
        m305_duplicate_map_id,
        m306_text_cut_by_comment,
        # gap rules (A4xx)
        a401_unsupported_conclusion,
        a402_missing_premise,
        a403_term_gap,
        a404_unanswered_counterexample,
        a405_defeated_conclusion,
        a406_undecided,
        a407_ungrounded_premise,
        a408_duplicate_claim,
        a409_unknown_scheme,
        a410_scheme_premise_missing,
        a411_open_critical_questions,
        a412_expectation_mismatch,
        a413_unknown_question,
        a414_unknown_role,
        a415_one_way_rebuttal,
        # grounding rules (Q5xx)
        q501_quote_not_found,
        q502_quote_case_mismatch,
        q503_source_not_found,
        q504_source_outside_project,
        q505_uncovered_reasoning,
        q506_source_unreadable,
        q507_mixed_line_endings,
        q508_repeated_passage,
    )
)
