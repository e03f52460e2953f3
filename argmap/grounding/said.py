"""Which nodes the documents say: those whose every quote is found in their source.

The evaluation of claims `about: documents` needs it (docs/evaluation.md);
the lint stage hands it to the evaluation (`provide_documents`), since
analysis comes before grounding.
"""

from __future__ import annotations

from argmap.analysis.context import MapContext
from argmap.analysis.evaluate import scope_maps
from argmap.grounding.ground import grounding_for
from argmap.grounding.quotes import Outcome


def said_by_documents(context: MapContext) -> frozenset[str]:
    """The keys, among the maps in the context's scope, of nodes whose quotes are all found."""
    found: dict[str, bool] = {}
    for argmap in scope_maps(context):
        grounding = grounding_for(context.run.context(argmap))
        for check in grounding.quotes:
            ok = check.match.outcome is not Outcome.NOT_FOUND
            found[check.node] = found.get(check.node, True) and ok
    return frozenset(key for key, ok in found.items() if ok)
