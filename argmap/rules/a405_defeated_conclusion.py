"""A conclusion of the map does not stand: the evaluation makes it `out`.

The map reconstructs what the document argues for; when one of its
conclusions comes out defeated, either an objection stands unanswered, or
a premise or step it needs is itself defeated. That may be the honest
result of the analysis (the document's case fails), or a sign that the
map lacks the document's answer. The message says why the conclusion is
out; `argmap show` shows the whole tree with its statuses. When the defeat
is the finding, say so with `expect: {out: [the-conclusion]}`: the rule
then stays silent (and A412 guards the expectation).

Fails (`failures-topple` is unanswered):

```yaml
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    counterexamples:
      - id: failures-topple
        text: Military failures have brought regimes down before.
```

Passes (the objection is itself rebutted, so the conclusion is reinstated):

```yaml
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    counterexamples:
      - id: failures-topple
        text: Military failures have brought regimes down before.
        counterexamples:
          - id: saddam
            text: Defeat in Kuwait in 1991 did not remove Saddam Hussein.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import Status, evaluation_for, place_of
from argmap.config import Config
from argmap.problems import Problem, Severity
from argmap.text import display_id, relative_id

CODE = "A405"
NAME = "defeated-conclusion"
SEVERITY = Severity.WARNING
# Silent on a map checked without what failed the schema: its statuses are not the map's.
READS_STATUSES = True


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    evaluation = evaluation_for(context)
    expected_out = {item.key for item in argmap.expectations if item.status == Status.OUT}
    for root in argmap.roots:
        if (
            root not in evaluation.statuses
            or evaluation.status(root) is not Status.OUT
            or root in expected_out
        ):
            continue
        written = relative_id(root, argmap.id)
        yield Problem.at(
            CODE,
            SEVERITY,
            place_of(context, root),
            f"conclusion {display_id(root, argmap.id)} is {evaluation.explain(root)}",
            "add the document's answer to what defeats it; if its case really fails here, "
            f"say so with `expect: {{out: [{written}]}}`",
            node=root,
        )
