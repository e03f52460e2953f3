"""The evaluation disagrees with the map's `expect:`.

`expect: {in: [...], out: [...], undecided: [...]}` is the author's
regression test, kept in the map itself (as Carneades' test files do): it
records which claims must stand and which must fall once the map is
complete. When an edit changes the outcome (a counterexample added, a ref
that now points elsewhere), this rule says so, with the status the
evaluation found and why. Entries may name nodes of other maps
(`other-map#id`) that this map refers to. The statuses are the grounded
ones unless `expect.semantics` names another semantics (`complete`,
`preferred`, `stable`): then a node is `in` or `out` when it is so in every
labelling of that semantics, and `undecided` otherwise.

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

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import Status, evaluation_for
from argmap.config import Config
from argmap.problems import Problem, Severity

if TYPE_CHECKING:
    from argmap.analysis.semantics import Labellings

CODE = "A412"
NAME = "expectation-mismatch"
SEVERITY = Severity.ERROR
# Silent on a map checked without what failed the schema: its statuses are not the map's.
READS_STATUSES = True


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    if not argmap.expectations:
        return
    evaluation = evaluation_for(context)
    semantics = argmap.expectations[0].semantics
    agreed: Mapping[str, Status] = evaluation.statuses
    if semantics != "grounded":
        # The search for labellings is imported only by a map whose expectations need it.
        from argmap.analysis.semantics import Semantics, SemanticsLimitError, labellings

        try:
            agreed = _agreed_statuses(labellings(evaluation, Semantics(semantics)))
        except SemanticsLimitError as error:
            yield Problem.at(
                CODE,
                SEVERITY,
                argmap.expectations[0].location,
                f"the expected statuses cannot be compared: {error.message}",
                "expect the grounded statuses instead (remove `expect.semantics`)",
            )
            return
    for expectation in argmap.expectations:
        if expectation.key not in evaluation.statuses:
            continue  # a node that does not exist: M302 says so
        actual = agreed.get(expectation.key, Status.UNDECIDED)
        if actual == expectation.status:
            continue
        reason = (
            evaluation.explain(expectation.key)
            if semantics == "grounded"
            else f"{actual} under the {semantics} semantics ({_how(actual)})"
        )
        yield Problem.at(
            CODE,
            SEVERITY,
            expectation.location,
            f"`{expectation.written}` is expected {expectation.status} but is {reason}",
            "if the map is right and the expectation outdated, move the id to "
            f"`expect.{actual}`; otherwise fix what changed the outcome",
            node=expectation.key,
        )


def _agreed_statuses(found: Labellings) -> dict[str, Status]:
    """A node's status in every labelling, where they all agree; undecided where they do not, or
    where there is no labelling at all (an odd cycle has no stable one)."""
    if not found.count:
        return {key: Status.UNDECIDED for key in found.base}
    agreed = dict(found.base)
    for part in found.parts:
        for key in part[0]:
            shared = {labelling[key] for labelling in part}
            agreed[key] = shared.pop() if len(shared) == 1 else Status.UNDECIDED
    return agreed


def _how(status: Status) -> str:
    if status is Status.UNDECIDED:
        return "its labellings disagree, or there is none"
    return f"{status} in every labelling"
