"""`argmap watch`: updates as files are saved, problems that appear and clear,
a clean end on Ctrl-C. Every wait here has a time limit, so no test can hang."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.authoring.watch import WatchUpdate, compare, watch_maps
from argmap.cli import app
from argmap.cli.watch import _describe
from argmap.config import Config
from argmap.problems import Problem, Severity, UsageError

runner = CliRunner()

# Long enough for any machine to notice a save; the tests end as soon as it does.
LIMIT_SECONDS = 30.0

GOOD = """\
argmap: 1
id: m
title: A map
conclusions:
  - id: claim
    text: A claim.
    implicit: true
    ignore: {A401: "a demo"}
"""

BROKEN = GOOD.replace("    text: A claim.\n", "")

MISSING_TEXT = Problem(
    code="S202",
    severity=Severity.ERROR,
    file="m.yaml",
    line=5,
    column=5,
    message="conclusion `claim` needs `text`",
    hint="write the claim in your own words, one sentence",
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text(GOOD, encoding="utf-8")
    return tmp_path


class Watching:
    """Runs `watch_maps` and hands out its updates, with a deadline on each."""

    def __init__(
        self, paths: Sequence[Path], cwd: Path, rendered: list[Sequence[Path]] | None = None
    ) -> None:
        self.stop = threading.Event()
        self.deadline = threading.Timer(LIMIT_SECONDS * 3, self.stop.set)
        self.deadline.start()

        def render(targets: Sequence[Path]) -> str | None:
            if rendered is None:
                return None
            rendered.append(tuple(targets))
            return f"rendered {len(targets)}"

        self.updates: Iterator[WatchUpdate] = watch_maps(
            paths, Config(), render=render, debounce_ms=50, stop=self.stop, cwd=cwd
        )

    def next(self) -> WatchUpdate:
        # The watch itself ends when `stop` is set by the deadline; then this fails.
        update = next(self.updates, None)
        assert update is not None, "the watch saw no change in time"
        return update

    def close(self) -> None:
        self.stop.set()
        self.deadline.cancel()
        for _ in self.updates:  # ends within one wake-up of the watcher
            pass


def save_later(path: Path, text: str, delay: float = 0.3) -> threading.Thread:
    """Save `path` from another thread, as an editor would, while the watch waits."""

    def save() -> None:
        time.sleep(delay)
        path.write_text(text, encoding="utf-8")

    thread = threading.Thread(target=save, daemon=True)
    thread.start()
    return thread


def test_problems_are_reported_as_they_appear_and_as_they_are_fixed(folder: Path) -> None:
    rendered: list[Sequence[Path]] = []
    watching = Watching([Path("m.yaml")], folder, rendered)
    try:
        first = watching.next()
        assert (first.first, first.changed, first.problems, first.appeared, first.fixed) == (
            True,
            (),
            (),
            (),
            (),
        )
        assert (first.files_checked, first.failure, first.rendered) == (1, None, "rendered 1")

        save_later(folder / "m.yaml", BROKEN)
        broken = watching.next()
        assert broken.changed == ("m.yaml",)
        assert broken.problems == (MISSING_TEXT,)
        assert (broken.appeared, broken.fixed) == ((MISSING_TEXT,), ())

        save_later(folder / "m.yaml", GOOD)
        fixed = watching.next()
        assert (fixed.changed, fixed.problems, fixed.appeared, fixed.fixed) == (
            ("m.yaml",),
            (),
            (),
            (MISSING_TEXT,),
        )
        assert rendered == [(Path("m.yaml"),)] * 3
    finally:
        watching.close()


def test_files_the_maps_do_not_depend_on_are_not_watched(folder: Path) -> None:
    watching = Watching([folder], folder)
    try:
        watching.next()

        def save_diagram_then_map() -> None:
            time.sleep(0.3)
            (folder / "m.svg").write_text("<svg/>", encoding="utf-8")  # what rendering writes
            (folder / "notes.txt").write_text("not a source of any map", encoding="utf-8")
            time.sleep(0.3)
            (folder / "m.yaml").write_text(BROKEN, encoding="utf-8")

        threading.Thread(target=save_diagram_then_map, daemon=True).start()
        update = watching.next()
        assert update.changed == ("m.yaml",)
        assert update.appeared == (MISSING_TEXT,)
    finally:
        watching.close()


def test_a_change_to_the_source_document_rechecks_the_map(folder: Path) -> None:
    (folder / "doc.txt").write_text("A claim is made here.\n", encoding="utf-8")
    (folder / "m.yaml").write_text(
        GOOD.replace("title: A map\n", "title: A map\nsource:\n  file: doc.txt\n").replace(
            "    implicit: true\n", "    quote: A claim is made here.\n"
        ),
        encoding="utf-8",
    )
    watching = Watching([Path("m.yaml")], folder)
    try:
        first = watching.next()
        assert [problem.code for problem in first.problems if problem.severity is Severity.ERROR] == []
        save_later(folder / "doc.txt", "Nothing of the kind.\n")
        update = watching.next()
        assert update.changed == ("doc.txt",)
        assert "Q501" in {problem.code for problem in update.appeared}
    finally:
        watching.close()


def test_a_round_that_cannot_check_reports_why_and_keeps_watching(folder: Path) -> None:
    calls: list[int] = []

    def check(paths: Sequence[Path]) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise UsageError("m.yaml: no such file or folder")
        from argmap.lint.runner import check_paths

        return check_paths(paths, Config(), folder)

    stop = threading.Event()
    deadline = threading.Timer(LIMIT_SECONDS * 3, stop.set)
    deadline.start()
    updates = watch_maps([Path("m.yaml")], Config(), check=check, debounce_ms=50, stop=stop, cwd=folder)  # type: ignore[arg-type]
    try:
        assert next(updates).failure is None
        save_later(folder / "m.yaml", BROKEN)
        failed = next(updates)
        assert failed.failure is not None
        assert failed.failure.message == "m.yaml: no such file or folder"
        save_later(folder / "m.yaml", BROKEN + "\n")
        # Compared with the last round that could check: the problem is new.
        assert next(updates).appeared == (MISSING_TEXT,)
    finally:
        stop.set()
        deadline.cancel()
        for _ in updates:
            pass


def test_a_problem_that_only_moved_is_neither_new_nor_fixed() -> None:
    moved = Problem("S202", Severity.ERROR, "m.yaml", 9, 5, MISSING_TEXT.message, MISSING_TEXT.hint)
    other = Problem("S203", Severity.ERROR, "m.yaml", 2, 1, "unknown key `x`")
    assert compare([MISSING_TEXT], [moved]) == ((), ())
    assert compare([MISSING_TEXT], [moved, other]) == ((other,), ())
    assert compare([MISSING_TEXT, other], []) == ((), (MISSING_TEXT, other))


def test_what_the_terminal_shows_of_an_update(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "strftime", lambda pattern: "12:00:00")
    appeared = WatchUpdate(
        ("m.yaml",), (MISSING_TEXT,), (MISSING_TEXT,), (), 1, rendered="argmap: rendered 0 maps"
    )
    assert _describe(appeared, colour=False) == (
        "\n[12:00:00] changed: m.yaml\n"
        "m.yaml:5:5: S202 conclusion `claim` needs `text` [error]\n"
        "    hint: write the claim in your own words, one sentence\n"
        "1 map checked: 1 error in 1 file.\n"
        "argmap: rendered 0 maps\n"
    )
    fixed = WatchUpdate(("m.yaml",), (), (), (MISSING_TEXT,), 1)
    assert _describe(fixed, colour=False) == (
        "\n[12:00:00] changed: m.yaml\n"
        "✓ fixed m.yaml:5:5: S202 conclusion `claim` needs `text`\n"
        "✓ 1 map checked: no problems.\n"
    )
    failed = WatchUpdate(
        ("m.yaml",), (), (), (), 0, failure=UsageError("m.yaml: no such file", hint="restore it")
    )
    assert (
        _describe(failed, colour=False)
        == "\n[12:00:00] changed: m.yaml\nargmap: m.yaml: no such file\n  hint: restore it\n"
    )


def test_the_command_ends_cleanly_on_ctrl_c(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> Iterator[WatchUpdate]:
        yield WatchUpdate((), (), (), (), 1)
        raise KeyboardInterrupt

    monkeypatch.setattr("argmap.authoring.watch.watch_maps", interrupted)
    result = runner.invoke(app, ["watch", "--no-render", "--no-color", "m.yaml"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        result.stdout == "watching m.yaml (Ctrl-C to stop)\n✓ 1 map checked: no problems.\nstopped watching\n"
    )


def test_watching_a_path_that_does_not_exist_is_a_usage_error(folder: Path) -> None:
    result = runner.invoke(app, ["watch", "nowhere.yaml"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "argmap: nowhere.yaml: no such file or folder\n",
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is how a terminal sends Ctrl-C on POSIX")
def test_a_real_watch_stops_on_sigint_with_exit_0_and_no_traceback(folder: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "watch", "--no-render", "--no-color", "m.yaml"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    try:
        seen = [lines.get(timeout=LIMIT_SECONDS), lines.get(timeout=LIMIT_SECONDS)]
        assert seen == ["watching m.yaml (Ctrl-C to stop)\n", "✓ 1 map checked: no problems.\n"]
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=LIMIT_SECONDS) == 0
        assert process.stderr is not None
        assert process.stderr.read() == ""
        assert lines.get(timeout=LIMIT_SECONDS) == "stopped watching\n"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_diagram_renderer_draws_in_this_process_as_render_does(folder: Path) -> None:
    from argmap.authoring.watch import diagram_renderer

    render = diagram_renderer(Config(), cwd=folder)
    assert render([Path("m.yaml")]) == "argmap: rendered 1 map"
    assert (folder / "m.svg").read_bytes().startswith(b"<?xml")
    assert render([Path("m.yaml")]) == "argmap: rendered 0 maps, 1 up to date"
