"""An inference rests on a single premise and states no warrant: a premise is probably missing.

Real arguments are mostly enthymemes: the document states one reason and
leaves unsaid the general rule that makes it a reason. "Putin's supporters
see the war as revenge on the West, so military failures will not weaken
him" needs "a base that counts any defiance as victory does not punish
lost battles". Make that link explicit: add it as a premise with
`implicit: true`, or state it as the inference's `warrant`. An inference
that names a `scheme` is left to the scheme's own checks (A410), which know
how many premises it needs.

Some corpora annotate support as convergent by design: each premise is an
independent reason for its claim, so every inference has one premise
(annotated persuasive essays are written so). With `convergent = true` an
inference is not reported when its claim has other reasons besides it: a
claim held up by several single reasons is how such a corpus writes
support, not an enthymeme. A claim whose only reason is one premise is
still reported.

Fails:

```yaml
because:
  - id: from-revenge
    premises:
      - id: revenge
        text: Putin's supporters see the invasion as revenge on the West.
        quote: For them, it is revenge against the stronger West.
```

Passes:

```yaml
because:
  - id: from-revenge
    warrant: A base that counts any defiance of the West as victory does not punish its leader for
      lost battles.
    premises:
      - id: revenge
        text: Putin's supporters see the invasion as revenge on the West.
        quote: For them, it is revenge against the stronger West.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config, Option, option_values
from argmap.input.model import Kind, Relation
from argmap.problems import Problem, Severity
from argmap.text import display_id

CODE = "A402"
NAME = "missing-premise"
SEVERITY = Severity.WARNING

OPTIONS = (
    Option(
        "convergent",
        "boolean",
        False,
        "support is convergent by design: stay silent for an inference whose claim has other inferences too.",
    ),
)


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    convergent = option_values(OPTIONS, config.options(CODE))["convergent"]
    premises: dict[str, set[str]] = {}
    supported: dict[str, str] = {}  # inference -> the claim it supports
    reasons: dict[str, int] = {}  # claim -> how many inferences support it
    for edge in argmap.edges:
        if edge.relation is Relation.PREMISE:
            premises.setdefault(edge.target, set()).add(edge.source)
        elif edge.relation is Relation.SUPPORTS:
            supported[edge.source] = edge.target
            reasons[edge.target] = reasons.get(edge.target, 0) + 1
    for node in argmap.nodes:
        if node.kind is not Kind.INFERENCE or node.warrant or node.scheme:
            continue
        sources = premises.get(node.key, set())
        if len(sources) != 1:
            continue
        if convergent and reasons.get(supported.get(node.key, ""), 0) > 1:
            continue
        (premise,) = sources
        yield Problem.at(
            CODE,
            SEVERITY,
            node.location,
            f"inference `{node.id}` rests on the single premise {display_id(premise, argmap.id)} "
            "and states no `warrant`: a premise is probably missing",
            "add the unstated premise that links it to the claim (with `implicit: true`), "
            "or state that link as the inference's `warrant:`",
            node=node.key,
        )
