"""`argmap coverage` as text and JSON: how much of its source a map quotes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs

from argmap.problems import Problem, Severity
from argmap.terminal import for_terminal

if TYPE_CHECKING:
    from argmap.analysis.context import MapContext
    from argmap.grounding.coverage import Coverage


@attrs.frozen
class CoverageReport:
    """The coverage of one map's source, or the problem that kept it from being measured."""

    map_file: str
    minimum: float | None
    coverage: Coverage | None = None
    quotes_not_found: int = 0
    # Why the source could not be read (Q503, Q504 or Q506, where the map names it).
    source_problem: Problem | None = None

    @property
    def below_minimum(self) -> bool:
        return self.coverage is not None and self.minimum is not None and self.coverage.below(self.minimum)

    def as_text(self) -> str:
        assert self.coverage is not None, "no coverage: print the source problem"
        return coverage_text(self.coverage, self.map_file, self.quotes_not_found, self.minimum)

    def as_json(self) -> str:
        assert self.coverage is not None, "no coverage: print the source problem"
        document = coverage_document(self.coverage, self.map_file, self.quotes_not_found, self.minimum)
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def coverage_report(context: MapContext, minimum: float | None = None) -> CoverageReport:
    """Measure the coverage of the context's map. A map that names no source
    is a UsageError: there is nothing to measure."""
    from argmap.grounding.coverage import coverage_for
    from argmap.grounding.ground import grounding_for
    from argmap.problems import UsageError

    argmap = context.argmap
    grounding = grounding_for(context)
    if grounding.source_file is None:
        raise UsageError(
            f"map `{argmap.id}` names no `source.file`: there is no document to measure",
            hint="add `source: {file: path/to/document.txt}` (relative to the map)",
        )
    if grounding.issue is not None:
        issue = grounding.issue
        problem = Problem.at(issue.kind.code, Severity.ERROR, issue.location, issue.message, issue.hint)
        return CoverageReport(argmap.file, minimum, source_problem=problem)
    measured = coverage_for(context)
    assert measured is not None  # the source was read
    lost = sum(1 for check in grounding.quotes if check.line is None)
    return CoverageReport(argmap.file, minimum, measured, lost)


def coverage_text(measured: Coverage, map_file: str, lost: int, minimum: float | None) -> str:
    """The figures and the uncovered reasoning, for people (escaped for a terminal)."""
    lines = [
        f"{measured.source_file} (the source of {map_file})",
        f"coverage: {measured.percent:.1f}% ({measured.covered} of {measured.total} sentences quoted)",
    ]
    if lost:
        lines.append(
            f"{lost} quote{'s' if lost != 1 else ''} not found in the source: run `argmap check {map_file}`"
        )
    uncovered = measured.uncovered_reasoning
    if uncovered:
        lines.append(f"uncovered sentences that carry reasoning ({len(uncovered)}):")
        for sentence in uncovered:
            lines.append(f"  line {sentence.line}: {sentence.text} [{', '.join(sentence.markers)}]")
    else:
        lines.append("every sentence that carries reasoning is covered.")
    if minimum is not None and measured.below(minimum):
        lines.append(f"coverage is below the minimum of {minimum:g}%")
    return "\n".join(for_terminal(line) for line in lines) + "\n"


def coverage_document(measured: Coverage, map_file: str, lost: int, minimum: float | None) -> dict[str, Any]:
    """The figures as a JSON document."""
    return {
        "map": map_file,
        "source": measured.source_file,
        "sentences": measured.total,
        "covered": measured.covered,
        "percent": round(measured.percent, 1),
        "quotes_not_found": lost,
        "minimum": minimum,
        "passed": not (minimum is not None and measured.below(minimum)),
        "uncovered_reasoning": [
            {"line": sentence.line, "text": sentence.text, "markers": list(sentence.markers)}
            for sentence in measured.uncovered_reasoning
        ],
        # Every uncovered sentence, reasoning word or not: what else the map leaves out.
        "uncovered": [
            {"line": sentence.line, "text": sentence.text, "markers": list(sentence.markers)}
            for sentence in measured.uncovered
        ],
    }
