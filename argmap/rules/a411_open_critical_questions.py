"""The critical questions of an inference's scheme that no counterexample raises.

Each scheme comes with critical questions, the standard ways to test an
argument of its kind: is the example typical? is the expert an expert in
this field? A map that names the scheme can record which questions the
document (or its critics) raised: a counterexample under the inference, or
under the claim it supports, says which question it raises with
`question: <id>`. The questions nobody raised are where the argument is
untested; this rule lists them, for information. `argmap schemes ID`
prints the questions.

Fails (info: no counterexample raises any question of `argument-from-example`):

```yaml
because:
  - id: from-history
    scheme: argument-from-example
    premises:
      - ref: juntas
```

Passes when every question is raised:

```yaml
because:
  - id: from-history
    scheme: argument-from-example
    premises:
      - ref: juntas
    counterexamples:
      - id: other-causes
        question: true-example
        text: The juntas fell for reasons of their own, not the defeats.
      - id: unlike-putin
        question: supports
        text: The juntas' fall says little about a regime like Putin's.
      - id: atypical
        question: typical
        text: Juntas are not typical of personalist regimes.
      - id: too-few
        question: strength
        text: Two cases are too few to generalise from.
      - id: russia-apart
        question: special-circumstances
        text: Russia's size and resources set it apart.
      - id: saddam
        question: counterexamples
        text: Defeat in Kuwait in 1991 did not remove Saddam Hussein.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import scope_edges
from argmap.config import Config
from argmap.input.model import Kind, Relation
from argmap.problems import Problem, Severity

CODE = "A411"
NAME = "open-critical-questions"
SEVERITY = Severity.INFO
_SHOWN = 6


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    inferences = [node for node in argmap.nodes if node.kind is Kind.INFERENCE and node.scheme]
    if not inferences:
        return
    from argmap.analysis.schemes import catalogue_for_context

    catalogue = catalogue_for_context(context)
    edges = scope_edges(context)
    conclusion_of = {edge.source: edge.target for edge in edges if edge.relation is Relation.SUPPORTS}
    raised: dict[str, set[str]] = {}
    for edge in edges:
        if edge.relation is Relation.ATTACKS and edge.question:
            raised.setdefault(edge.target, set()).add(edge.question)
    for node in inferences:
        assert node.scheme is not None
        scheme = catalogue.get(node.scheme)
        if scheme is None or not scheme.questions:
            continue  # A409
        answered = raised.get(node.key, set()) | raised.get(conclusion_of.get(node.key, ""), set())
        open_questions = [question.id for question in scheme.questions if question.id not in answered]
        if not open_questions:
            continue
        shown = ", ".join(f"`{question}`" for question in open_questions[:_SHOWN])
        if len(open_questions) > _SHOWN:
            shown += f" and {len(open_questions) - _SHOWN} more"
        total = len(scheme.questions)
        yield Problem.at(
            CODE,
            SEVERITY,
            node.location,
            f"inference `{node.id}` ({scheme.id}): {len(open_questions)} of {total} critical "
            f"question{'s' if total != 1 else ''} open: {shown}",
            f"`argmap schemes {scheme.id}` prints the questions; a counterexample under the inference "
            "that raises one says `question: <id>`",
            node=node.key,
        )
