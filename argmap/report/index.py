"""Which report files a run writes, the index page of a folder, and staleness.

`plan_reports` turns the maps of a check into the files to write: one
report per map (`maps/x.yaml` gives `x.html`, beside the map or in the
output folder), and `index.html` listing them when a folder was asked for.
A report carries no date and no digest: it is the same bytes for the same
maps and sources, so `--check` compares the file there with the one the
maps give now.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs

from argmap.analysis.evaluate import Status, evaluation_for
from argmap.files import UnsafeFile, read_bounded
from argmap.lint.runner import CheckResult
from argmap.problems import Severity, SourceAccessError, UsageError
from argmap.report.escape import escape_html
from argmap.report.html import asset, content_hash, report_html, report_name

INDEX_NAME = "index.html"


@attrs.frozen
class ReportFile:
    path: Path
    content: bytes
    map_file: str | None  # None for the index page


def plan_reports(
    result: CheckResult, output: Path | None, *, index: bool, engine: str = "bundled"
) -> list[ReportFile]:
    """The report files of the maps `result` checked, with their content."""
    if output is not None and output.exists() and not output.is_dir():
        raise UsageError(f"{output}: not a folder", hint="-o takes a folder to write the reports into")
    reports: list[ReportFile] = []
    claimed: dict[Path, str] = {}
    names = {argmap.id: report_name(argmap) for argmap in result.workspace.requested}
    for argmap in result.workspace.requested:
        source = argmap.path if argmap.path is not None else Path(argmap.file)
        destination = (output if output is not None else source.parent) / report_name(argmap)
        key = destination.resolve()
        if key in claimed:
            raise UsageError(
                f"{claimed[key]} and {argmap.file} would both be reported as {destination}",
                hint="report them into different folders, or rename one",
            )
        claimed[key] = argmap.file
        context = result.run.context(argmap)
        page = report_html(context, result.problems, engine=engine, report_names=names)
        reports.append(ReportFile(destination, page.encode("utf-8"), argmap.file))
    if index and reports:
        folder = output if output is not None else _common_folder([report.path for report in reports])
        reports.append(ReportFile(folder / INDEX_NAME, index_html(result, folder).encode("utf-8"), None))
    return reports


def _common_folder(paths: Sequence[Path]) -> Path:
    folders = {path.parent for path in paths}
    return folders.pop() if len(folders) == 1 else Path()


def index_html(result: CheckResult, folder: Path) -> str:
    """A page that lists the reports written into `folder`, with each map's statuses."""
    rows: list[str] = []
    for argmap in result.workspace.requested:
        evaluation = evaluation_for(result.run.context(argmap))
        counts = {status: 0 for status in Status}
        own = {node.key for node in argmap.nodes}
        for key, status in evaluation.statuses.items():
            if key in own:
                counts[status] += 1
        problems = [p for p in result.problems if p.file == argmap.file and p.severity >= Severity.WARNING]
        summary = ", ".join(f"{counts[status]} {status.value}" for status in Status)
        rows.append(
            f'<li><a href="{escape_html(report_name(argmap))}">{escape_html(argmap.title)}</a> '
            f'<span class="kind">{escape_html(argmap.file)} · {escape_html(summary)} · '
            f"{len(problems)} errors and warnings</span></li>\n"
        )
    style = asset("report.css")
    policy = f"default-src 'none'; style-src {content_hash(style)}; base-uri 'none'; form-action 'none'"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape_html(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        "<title>Argument map reports</title>\n"
        f"<style>{style}</style>\n</head>\n<body>\n"
        '<header class="page-header"><h1>Argument map reports</h1></header>\n'
        '<main id="main" class="findings"><ul class="document-nodes">\n'
        + "".join(rows)
        + "</ul></main>\n</body>\n</html>\n"
    )


def stale_reports(reports: Sequence[ReportFile], max_bytes: int) -> tuple[list[ReportFile], list[ReportFile]]:
    """The reports that are missing, and those whose file differs from what the maps give now."""
    missing: list[ReportFile] = []
    stale: list[ReportFile] = []
    for report in reports:
        try:
            existing = read_bounded(report.path, max(max_bytes, len(report.content) + 1), prefix=True)
        except FileNotFoundError:
            missing.append(report)
            continue
        except (UnsafeFile, OSError) as error:
            raise SourceAccessError(
                f"{report.path}: cannot read the report there ({error})",
                hint="remove it, or write the reports into another folder with -o",
            ) from None
        if existing != report.content:
            stale.append(report)
    return missing, stale
