"""An inference lacks a premise that its scheme requires.

A scheme says what an inference of its kind needs: an argument from expert
opinion needs both that the source is an expert (`expertise`) and that the
source asserts the claim (`assertion`). A premise says which role it plays
with `role:`; the rule then names the required roles that no premise plays.
When no premise of the inference names a role, the rule can only count: it
fires when there are fewer premises than required roles, and lists the
roles. A role that states the step's general rule (such as `causal-law`
of argument-from-cause-to-effect) is played by the inference's `warrant`
when it has one. The missing premise is often one the document leaves
unstated: add it with `implicit: true`. `argmap schemes ID` lists a
scheme's roles.

Fails:

```yaml
because:
  - id: from-kofman
    scheme: argument-from-expert-opinion
    premises:
      - id: kofman-says
        role: assertion
        text: Kofman says the withdrawal from Kherson was orderly.
        quote: the withdrawal was conducted in an orderly way
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
      - id: kofman-says
        role: assertion
        text: Kofman says the withdrawal from Kherson was orderly.
        quote: the withdrawal was conducted in an orderly way
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.input.model import Edge, Kind, Relation
from argmap.problems import Problem, Severity

CODE = "A410"
NAME = "scheme-premise-missing"
SEVERITY = Severity.WARNING


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    argmap = context.argmap
    inferences = [node for node in argmap.nodes if node.kind is Kind.INFERENCE and node.scheme]
    if not inferences:
        return
    from argmap.analysis.schemes import catalogue_for_context

    catalogue = catalogue_for_context(context)
    premises: dict[str, list[Edge]] = {}
    for edge in argmap.edges:
        if edge.relation is Relation.PREMISE:
            premises.setdefault(edge.target, []).append(edge)
    for node in inferences:
        assert node.scheme is not None
        scheme = catalogue.get(node.scheme)
        if scheme is None:
            continue  # A409
        edges = premises.get(node.key, [])
        roles = {edge.role for edge in edges if edge.role}
        required = list(scheme.required_roles)
        if node.warrant:
            # The warrant states the general rule: it plays the first rule role no premise plays.
            by_warrant = next((role for role in required if role.warrant and role.id not in roles), None)
            if by_warrant is not None:
                required.remove(by_warrant)
        if roles:
            missing = [role for role in required if role.id not in roles]
            if not missing:
                continue
            listed = "; ".join(f"`{role.id}` ({role.description.rstrip('.')})" for role in missing)
            noun = "role" if len(missing) == 1 else "roles"
            message = f"inference `{node.id}` ({scheme.id}) has no premise in the {noun} {listed}"
        else:
            count = len({edge.source for edge in edges})
            if count >= len(required):
                continue
            listed = "; ".join(f"`{role.id}` ({role.description.rstrip('.')})" for role in required)
            with_warrant = " besides its warrant" if len(required) < len(scheme.required_roles) else ""
            message = (
                f"inference `{node.id}` has {count} premise{'s' if count != 1 else ''}{with_warrant}, "
                f"but {scheme.id} needs {len(required)}: {listed}"
            )
        yield Problem.at(
            CODE,
            SEVERITY,
            node.location,
            message,
            "add the missing premise (with `implicit: true` if the document leaves it unstated) "
            "and name the role each premise plays with `role:`",
            node=node.key,
        )
