"""Render a batch of checked maps: which file each diagram goes to, whether
the one already there is up to date, drawing and writing.

`render` and `watch` both go through here. A diagram is stamped with the
digest of the DOT it was drawn from (`draw.py`), so a map whose DOT has not
changed is not drawn again, and `--check` can tell a stale diagram from a
fresh one without drawing anything. A map with errors is not drawn unless
forced. Diagrams are written atomically (`argmap.files.write_output`): a
failed run leaves the previous file whole.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap.diagram.dot import RenderOptions
from argmap.problems import Severity, SourceAccessError, UsageError

if TYPE_CHECKING:
    from argmap.config import Config
    from argmap.input.model import ArgMap
    from argmap.lint.runner import CheckResult


@attrs.frozen
class RenderSettings:
    """How to render a batch: the options of `argmap render`."""

    output_format: str = "svg"
    options: RenderOptions = attrs.field(factory=RenderOptions)
    engine: str = "bundled"
    check: bool = False  # compare with the diagrams there, write nothing
    force: bool = False  # draw maps with errors, and diagrams that are up to date
    auto: bool = True  # pick the direction (and split) so each diagram fits the width budget
    split: bool = False  # one diagram per conclusion, and an index in the map's own file


@attrs.frozen
class RenderJob:
    """One map and the file its diagram goes to (None: standard output)."""

    argmap: ArgMap
    destination: Path | None


@attrs.define
class RenderOutcome:
    """What happened to each map, for the summary."""

    rendered: list[str] = attrs.Factory(list)
    split: bool = False  # some map was drawn as an index and parts: count diagrams, not maps
    up_to_date: list[str] = attrs.Factory(list)
    refused: list[str] = attrs.Factory(list)  # map files with errors, not drawn
    forced: list[tuple[str, int]] = attrs.Factory(list)  # map files drawn despite errors, with the count
    stale: list[str] = attrs.Factory(list)
    missing: list[str] = attrs.Factory(list)
    # A part of a split drawn by an earlier run whose conclusion is gone: removed by a
    # render, reported by `--check`.
    left_over: list[str] = attrs.Factory(list)
    removed: list[str] = attrs.Factory(list)
    warnings: list[str] = attrs.Factory(list)  # about the drawings (no font), each said once

    def unreadable(self, result: CheckResult) -> list[str]:
        """The files named that are not valid maps (not drawn)."""
        loaded = {argmap.file for argmap in result.workspace.requested}
        return [name for name in result.workspace.files if name not in loaded]

    def not_drawn(self, result: CheckResult) -> set[str]:
        """The map files not drawn because of their problems."""
        return set(self.refused) | set(self.unreadable(result))

    def failed(self, result: CheckResult, check: bool) -> bool:
        """Whether the run failed (exit 1): a map not drawn, or with `check`, a diagram stale or missing."""
        if check:
            return bool(self.stale or self.missing or self.left_over or self.not_drawn(result))
        return bool(self.not_drawn(result))

    def check_summary(self, result: CheckResult) -> str:
        """`--check`'s last line: how many diagrams are up to date, stale, missing."""
        parts = [f"{plural(len(self.up_to_date), 'diagram')} up to date"]
        if self.stale:
            parts.append(f"{len(self.stale)} stale")
        if self.missing:
            parts.append(f"{len(self.missing)} missing")
        if self.left_over:
            parts.append(f"{len(self.left_over)} left over")
        not_drawn = self.not_drawn(result)
        if not_drawn:
            parts.append(f"{plural(len(not_drawn), 'map')} with errors")
        return ", ".join(parts)

    def summary(self, result: CheckResult) -> str:
        """What a render did: drawn, up to date, and not drawn and why."""
        parts = [f"rendered {plural(len(self.rendered), 'diagram' if self.split else 'map')}"]
        if self.up_to_date:
            parts.append(f"{len(self.up_to_date)} up to date")
        if self.removed:
            parts.append(f"{len(self.removed)} left over from an earlier split removed")
        if self.refused:
            parts.append(f"{len(self.refused)} not rendered because of errors (--force draws them anyway)")
        unreadable = self.unreadable(result)
        if unreadable:
            reason = "it is not a valid map" if len(unreadable) == 1 else "they are not valid maps"
            parts.append(f"{len(unreadable)} not rendered because {reason}")
        return ", ".join(parts)


def plural(number: int, noun: str) -> str:
    """`1 map`, `2 maps`."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def plan_outputs(
    result: CheckResult, output: str | None, output_format: str, to_stdout: bool = False
) -> list[RenderJob]:
    """Each map with the file its diagram goes to: beside the map, or in the
    folder `output`, or standard output (one map only). Two maps drawn to
    the same file are a UsageError."""
    maps = list(result.workspace.requested)
    if to_stdout:
        if len(result.workspace.files) > 1:
            raise UsageError(
                f"-o - writes one diagram, but {len(result.workspace.files)} maps were given",
                hint="name one map, or use -o FOLDER",
            )
        return [RenderJob(argmap, None) for argmap in maps]
    folder: Path | None = None
    if output is not None:
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(
                f"{output}: not a folder", hint="-o takes a folder to write the diagrams into, or -"
            )
    jobs: list[RenderJob] = []
    claimed: dict[Path, str] = {}
    for argmap in maps:
        source = argmap.path if argmap.path is not None else Path(argmap.file)
        destination = (folder / source.name if folder is not None else source).with_suffix(
            "." + output_format
        )
        key = destination.resolve()
        if key in claimed:
            raise UsageError(
                f"{claimed[key]} and {argmap.file} would both be drawn as {destination}",
                hint="render them into different folders, or rename one",
            )
        claimed[key] = argmap.file
        jobs.append(RenderJob(argmap, destination))
    return jobs


def render_job(
    result: CheckResult, job: RenderJob, settings: RenderSettings, outcome: RenderOutcome
) -> bytes | None:
    """Draw one map (unless refused, up to date, or only checked), write its
    file, and note what happened in `outcome`. Returns the drawing when it
    goes to standard output, for the caller to write."""
    argmap, destination = job.argmap, job.destination
    problems = [problem for problem in result.problems if problem.file == argmap.file]
    errors = sum(1 for problem in problems if problem.severity is Severity.ERROR)
    if errors and not settings.force:
        outcome.refused.append(argmap.file)
        return None
    context = result.run.context(argmap)
    from argmap.diagram.layout import plan_diagrams

    planned = plan_diagrams(
        context,
        problems,
        settings.options,
        auto=settings.auto,
        split=settings.split and destination is not None,
        extension=settings.output_format,
        one_file=destination is None,
    )
    drawn: bytes | None = None
    outcome.split = outcome.split or len(planned) > 1
    targets: set[Path] = set()
    for diagram in planned:
        target = destination
        if destination is not None and diagram.suffix is not None:
            target = destination.with_name(destination.stem + diagram.suffix + destination.suffix)
        if target is not None:
            targets.add(target)
        drawn = _render_one(diagram.dot, target, settings, outcome, diagram.svg)
    if destination is not None:
        _left_over_parts(destination, targets, settings, outcome)
    if errors:
        outcome.forced.append((argmap.file, errors))
    return drawn


def _left_over_parts(
    destination: Path, targets: set[Path], settings: RenderSettings, outcome: RenderOutcome
) -> None:
    """The parts of an earlier split of this map (`map--part.svg`) that this run did not plan.

    Only a file argmap drew is touched: its name is the map's followed by `--`, it carries
    argmap's stamp (SVG and PNG; PDF and DOT carry none, so those are left alone), and no map
    of that name stands beside it (`a--b.yaml` is a map of its own, its diagram not a part)."""
    from argmap.diagram.draw import stamped_digest

    if settings.output_format not in ("svg", "png"):
        return
    prefix = destination.stem + "--"
    try:
        candidates = sorted(destination.parent.glob(f"{glob.escape(prefix)}*{destination.suffix}"))
    except OSError:
        return
    for candidate in candidates:
        if candidate in targets or not candidate.name.startswith(prefix):
            continue
        if any(candidate.with_suffix(ending).exists() for ending in (".yaml", ".yml")):
            continue
        shown = shown_path(candidate)
        existing = _read(candidate, shown, _DIGEST_WITHIN_BYTES)
        if existing is None or stamped_digest(existing, settings.output_format) is None:
            continue
        if settings.check:
            outcome.left_over.append(shown)
            continue
        try:
            candidate.unlink()
        except OSError as error:
            raise SourceAccessError(
                f"{shown}: cannot remove this diagram left over from an earlier split "
                f"({error.strerror or error})",
                hint="remove it by hand",
            ) from None
        outcome.removed.append(shown)


def _render_one(
    dot: str,
    destination: Path | None,
    settings: RenderSettings,
    outcome: RenderOutcome,
    measured_svg: bytes | None = None,
) -> bytes | None:
    """`measured_svg`: the bundled engine's SVG of `dot`, drawn when the layout was measured."""
    from argmap.diagram.draw import Drawing, dot_digest, draw, stamped_digest

    if destination is not None:
        shown = shown_path(destination)
        existing = _read(destination, shown, _readable_bytes(settings.output_format, dot))
        fresh = existing is not None and stamped_digest(existing, settings.output_format) == dot_digest(dot)
        if settings.check:
            if existing is None:
                outcome.missing.append(shown)
            elif not fresh:
                outcome.stale.append(shown)
            else:
                outcome.up_to_date.append(shown)
            return None
        if fresh and not settings.force:
            outcome.up_to_date.append(shown)
            return None
    if measured_svg is not None and settings.output_format == "svg" and settings.engine == "bundled":
        drawing = Drawing(measured_svg, dot_digest(dot))  # what `draw` would draw again
    else:
        drawing = draw(dot, settings.output_format, settings.engine)
    outcome.warnings.extend(warning for warning in drawing.warnings if warning not in outcome.warnings)
    if destination is not None:
        from argmap.files import write_output

        write_output(destination, drawing.data, shown_path(destination))
    outcome.rendered.append(shown_path(destination) if destination is not None else "-")
    return drawing.data if destination is None else None


def render_checked(
    result: CheckResult,
    settings: RenderSettings,
    output: str | None = None,
    advance: Callable[[], None] | None = None,
) -> RenderOutcome:
    """Render every map of a check into files (beside each map, or into the folder `output`)."""
    outcome = RenderOutcome()
    for job in plan_outputs(result, output, settings.output_format):
        render_job(result, job, settings, outcome)
        if advance is not None:
            advance()
    return outcome


def render_paths(
    paths: Sequence[Path], config: Config, settings: RenderSettings | None = None, *, cwd: Path | None = None
) -> tuple[CheckResult, RenderOutcome]:
    """Check the maps under `paths` and render them beside each map."""
    from argmap.lint.runner import check_paths

    result = check_paths(paths, config, cwd)
    return result, render_checked(result, settings or RenderSettings())


# The digest of an SVG or a PNG stands in its first bytes (after the <svg>
# element, or the PNG's header): no more is read of a diagram already there.
_DIGEST_WITHIN_BYTES = 1024 * 1024


def _readable_bytes(output_format: str, dot: str) -> int:
    """How much of a diagram already there is worth reading: a DOT file is
    compared whole, and one longer than the new DOT differs from it anyway."""
    return len(dot.encode("utf-8")) + 1 if output_format == "dot" else _DIGEST_WITHIN_BYTES


def _read(path: Path, shown: str, limit: int) -> bytes | None:
    """The first `limit` bytes of the diagram at `path`, None when there is none.

    A committed diagram is the repository's to choose: one that is a pipe or
    a device (`x.svg -> /dev/zero`) would hang the run or feed it without
    end, so it is opened without blocking, judged by what was opened, and
    refused unless it is a regular file.
    """
    from argmap.files import UnsafeFile, read_bounded

    try:
        return read_bounded(path, limit, prefix=True)
    except FileNotFoundError:
        return None
    except UnsafeFile as error:
        raise SourceAccessError(
            f"{shown}: {error.reason}: argmap will not read or replace it",
            hint="remove it, or render into another folder with -o",
        ) from None
    except OSError as error:
        raise SourceAccessError(f"{shown}: cannot read the diagram ({error.strerror or error})") from None


def shown_path(path: Path) -> str:
    """The path from the working folder, its own last part kept even when it
    is a link (the diagram named is the one in the project, not its target)."""
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
