"""A counterexample's `question:` is not a critical question of the scheme it attacks.

`question: <id>` on a counterexample says which critical question of the
attacked inference's scheme it raises (for a counterexample to a claim: of
the scheme of an inference that supports the claim). A name the scheme
does not have is usually a typo, and leaves the question counted as open
(A411). The message suggests the nearest question; `argmap schemes ID`
lists them.

Fails:

```yaml
because:
  - id: from-history
    scheme: argument-from-example
    premises:
      - ref: juntas
    counterexamples:
      - id: saddam
        question: counter-example
        text: Defeat in Kuwait in 1991 did not remove Saddam Hussein.
```

Passes:

```yaml
because:
  - id: from-history
    scheme: argument-from-example
    premises:
      - ref: juntas
    counterexamples:
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
from argmap.input.model import Relation
from argmap.problems import Problem, Severity
from argmap.text import closest, did_you_mean, display_id

CODE = "A413"
NAME = "unknown-question"
SEVERITY = Severity.WARNING


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    asking = [edge for edge in argmap.edges if edge.relation is Relation.ATTACKS and edge.question]
    if not asking:
        return
    from argmap.analysis.schemes import catalogue_for_context, field_location

    catalogue = catalogue_for_context(context)
    inferences_of: dict[str, list[str]] = {}
    for edge in scope_edges(context):
        if edge.relation is Relation.SUPPORTS:
            inferences_of.setdefault(edge.target, []).append(edge.source)
    for edge in asking:
        assert edge.question is not None
        target = context.corpus.node(edge.target)
        if target is None:
            continue
        inferences = (
            [target]
            if not target.kind.is_claim
            else [
                node
                for key in sorted(set(inferences_of.get(target.key, [])))
                if (node := context.corpus.node(key))
            ]
        )
        scheme_ids = sorted({node.scheme for node in inferences if node.scheme})
        if any(catalogue.get(scheme_id) is None for scheme_id in scheme_ids):
            continue  # an unknown scheme: A409 says so
        schemes = [scheme for scheme_id in scheme_ids if (scheme := catalogue.get(scheme_id))]
        questions = [question.id for scheme in schemes for question in scheme.questions]
        if edge.question in questions:
            continue
        shown = display_id(target.key, argmap.id)
        asker = f"counterexample {display_id(edge.source, argmap.id)} raises question `{edge.question}`"
        if not schemes:
            if target.kind.is_claim:
                message = (
                    f"{asker}, but no inference of {shown} names a `scheme`, "
                    "so there are no critical questions"
                )
            else:
                message = f"{asker}, but inference {shown} names no `scheme`, so it has no critical questions"
            hint = "name the inference's `scheme`, or remove `question:`"
        else:
            guess = closest(edge.question, questions)
            names = " or ".join(f"`{scheme.id}`" for scheme in schemes)
            message = f"{asker}, which {names} does not have" + did_you_mean(guess)
            hint = f"`argmap schemes {schemes[0].id}` lists its critical questions"
        yield Problem.at(
            CODE, SEVERITY, field_location(argmap, edge, "question"), message, hint, node=edge.source
        )
