"""A premise's `role:` is not a role of its inference's scheme.

`role: <id>` on a premise says which of the scheme's premises it plays,
so that A410 can tell which required role is missing. A name the scheme
does not have is usually a typo, and leaves the real role counted as
missing. The message suggests the nearest role; `argmap schemes ID` lists
them. A `role` on a premise of an inference without a `scheme` means
nothing, and is reported too.

Fails:

```yaml
because:
  - id: from-kofman
    scheme: argument-from-expert-opinion
    premises:
      - id: kofman-expert
        role: expert
        text: Michael Kofman is an expert on the Russian military.
        implicit: true
```

Passes:

```yaml
because:
  - id: from-kofman
    scheme: argument-from-expert-opinion
    premises:
      - id: kofman-expert
        role: expertise
        text: Michael Kofman is an expert on the Russian military.
        implicit: true
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.input.model import Relation
from argmap.problems import Problem, Severity
from argmap.text import closest, did_you_mean, display_id

CODE = "A414"
NAME = "unknown-role"
SEVERITY = Severity.WARNING


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    with_roles = [edge for edge in argmap.edges if edge.relation is Relation.PREMISE and edge.role]
    if not with_roles:
        return
    from argmap.analysis.schemes import catalogue_for_context, field_location

    catalogue = catalogue_for_context(context)
    for edge in with_roles:
        assert edge.role is not None
        inference = context.corpus.node(edge.target)
        if inference is None:
            continue
        premise = display_id(edge.source, argmap.id)
        if not inference.scheme:
            message = (
                f"premise {premise} plays role `{edge.role}`, "
                f"but inference `{inference.id}` names no `scheme`, "
                "so it has no roles"
            )
            hint = "name the inference's `scheme`, or remove `role:`"
        else:
            scheme = catalogue.get(inference.scheme)
            if scheme is None or scheme.role(edge.role) is not None:
                continue  # an unknown scheme is A409's
            roles = [role.id for role in scheme.roles]
            guess = closest(edge.role, roles)
            message = (
                f"premise {premise} plays role `{edge.role}`, which {scheme.id} does not have"
                + did_you_mean(guess)
            )
            hint = f"the roles of {scheme.id} are: " + ", ".join(f"`{role}`" for role in roles)
        yield Problem.at(
            CODE, SEVERITY, field_location(argmap, edge, "role"), message, hint, node=edge.source
        )
