"""The evaluation disagrees with the map's `expect:`.

`expect: {in: [...], out: [...], undecided: [...]}` is the author's
regression test, kept in the map itself (as Carneades' test files do): it
records which claims must stand and which must fall once the map is
complete. When an edit changes the outcome (a counterexample added, a ref
that now points elsewhere), this rule says so, with the status the
evaluation found and why. Entries may name nodes of other maps
(`other-map#id`) that this map refers to.

Fails (`no-direct-link` is out: `failures-topple` stands unanswered):

```yaml
expect:
  in: [no-direct-link]
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    counterexamples:
      - id: failures-topple
        text: Military failures have brought regimes down before.
```

Passes:

```yaml
expect:
  out: [no-direct-link]
  in: [failures-topple]
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    counterexamples:
      - id: failures-topple
        text: Military failures have brought regimes down before.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import evaluation_for
from argmap.config import Config
from argmap.problems import Problem, Severity

CODE = "A412"
NAME = "expectation-mismatch"
SEVERITY = Severity.ERROR


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    if not argmap.expectations:
        return
    evaluation = evaluation_for(context)
    for expectation in argmap.expectations:
        if expectation.key not in evaluation.statuses:
            continue  # a node that does not exist: M302 says so
        actual = evaluation.status(expectation.key)
        if actual == expectation.status:
            continue
        yield Problem.at(
            CODE,
            SEVERITY,
            expectation.location,
            f"`{expectation.written}` is expected {expectation.status} "
            f"but is {evaluation.explain(expectation.key)}",
            "if the map is right and the expectation outdated, move the id to "
            f"`expect.{actual}`; otherwise fix what changed the outcome",
            node=expectation.key,
        )
