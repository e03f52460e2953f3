"""A `ref` names an inference where a claim belongs.

Premises, counterexamples and conclusions are claims: something that can be
true or false. An inference is a step between claims; it cannot be a premise
or a conclusion. To attack a step, put the counterexample under the
inference's own `counterexamples`.

One use is allowed: a ref among the `conclusions` that carries only
`counterexamples`, so that a map can undercut an inference of another map
(`- ref: other-map#from-history` with `counterexamples:` under it).

Fails:

```yaml
because:
  - id: from-revenge
    premises:
      - ref: from-history      # an inference
```

Passes:

```yaml
because:
  - id: from-revenge
    premises:
      - ref: juntas            # a claim
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.input.model import Kind
from argmap.problems import Problem, Severity

CODE = "M303"
NAME = "ref-to-inference"
SEVERITY = Severity.ERROR

_WHERE = {"premises": "a premise", "counterexamples": "a counterexample", "conclusions": "a conclusion"}


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    for reference in context.argmap.references:
        target = context.corpus.node(reference.target)
        if target is None or target.kind is not Kind.INFERENCE or reference.is_anchor:
            continue
        yield Problem.at(
            CODE,
            SEVERITY,
            reference.location,
            f"`{reference.written}` is an inference, but it is used here as "
            f"{_WHERE.get(reference.context, f'a `{reference.context}` entry')}",
            "refer to a claim (the inference's conclusion or one of its premises); "
            "to attack the step itself, add a counterexample under the inference",
        )
