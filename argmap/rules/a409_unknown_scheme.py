"""An inference names a `scheme` that the scheme catalogue does not have.

Schemes name common patterns of reasoning; argmap uses the catalogue to
check that the inference has the premises the scheme needs (A410) and to
list the critical questions that test it (A411). An unknown name is usually
a typo: the message suggests the nearest known scheme. `argmap schemes`
lists the catalogue; a project adds its own schemes with
`schemes = ["my-schemes.yaml"]` in its configuration.

Fails:

```yaml
because:
  - id: from-history
    scheme: argument-from-exmaple
    premises:
      - ref: juntas
```

Passes:

```yaml
because:
  - id: from-history
    scheme: argument-from-example
    premises:
      - ref: juntas
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.input.model import Kind
from argmap.problems import Problem, Severity
from argmap.text import did_you_mean

CODE = "A409"
NAME = "unknown-scheme"
SEVERITY = Severity.WARNING


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    inferences = [node for node in context.argmap.nodes if node.kind is Kind.INFERENCE and node.scheme]
    if not inferences:
        return
    from argmap.analysis.schemes import catalogue_for_context

    catalogue = catalogue_for_context(context)
    for node in inferences:
        assert node.scheme is not None
        if catalogue.get(node.scheme) is not None:
            continue
        guess = catalogue.suggest(node.scheme)
        yield Problem.at(
            CODE,
            SEVERITY,
            node.location_of("scheme"),
            f"inference `{node.id}` names scheme `{node.scheme}`, which the scheme catalogue does not have"
            + did_you_mean(guess),
            "`argmap schemes` lists the known schemes; a project adds its own with "
            '`schemes = ["my-schemes.yaml"]` in its configuration',
            node=node.key,
        )
