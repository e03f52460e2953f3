"""Assemble the export of a checked map with everything the analyses know."""

from __future__ import annotations

from typing import Any

from argmap.input.model import ArgMap
from argmap.lint.runner import CheckResult
from argmap.output.export import NodeFields, export_map, to_json


def node_field_hooks() -> list[NodeFields]:
    """The analyses that add fields to exported nodes (status, source lines)."""
    from argmap.analysis.evaluate import status_fields
    from argmap.grounding.ground import grounding_fields

    hooks: list[NodeFields] = [status_fields, grounding_fields]
    return hooks


def export_data(result: CheckResult, argmap: ArgMap) -> dict[str, Any]:
    context = result.run.context(argmap)
    problems = [problem for problem in result.problems if problem.file == argmap.file]
    return export_map(context, problems, node_field_hooks())


def export_document(result: CheckResult, argmap: ArgMap) -> str:
    return to_json(export_data(result, argmap))
