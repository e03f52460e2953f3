"""When an output cannot be written, or a diagram already there is not a
file: one line that names the file and the reason, exit 2, and nothing
half-written (exit code, stdout and stderr together)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.diagram.test_cli import SIMPLE, invoke, listing, write_map


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def test_export_to_a_folder_says_so() -> None:
    write_map("simple.yaml")
    assert invoke("export", "simple.yaml", "-o", "/") == (
        2,
        "",
        "argmap: cannot write /: it is a folder\n  hint: name a file to write\n",
    )


def test_render_into_a_folder_that_cannot_be_made_says_why() -> None:
    write_map("simple.yaml")
    assert invoke("render", "simple.yaml", "-o", "/proc/argmap-no-such-folder") == (
        2,
        "",
        "argmap: cannot write /proc/argmap-no-such-folder/simple.svg: No such file or directory\n",
    )


def test_a_folder_that_refuses_the_file_says_permission_denied(monkeypatch: pytest.MonkeyPatch) -> None:
    write_map("simple.yaml")

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refused)  # argmap.files imports it when writing
    assert invoke("render", "simple.yaml") == (2, "", "argmap: cannot write simple.svg: Permission denied\n")
    assert invoke("export", "simple.yaml", "-o", "out.json") == (
        2,
        "",
        "argmap: cannot write out.json: Permission denied\n",
    )
    assert sorted(listing()) == ["argmap.toml", "simple.yaml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_keeps_the_previous_diagram() -> None:
    write_map("out/simple.yaml")
    invoke("render", "out/simple.yaml")
    before = listing()
    write_map("out/simple.yaml", SIMPLE.replace("The claim.", "A new claim."))
    Path("out").chmod(0o555)
    try:
        assert invoke("render", "out/simple.yaml") == (
            2,
            "",
            "argmap: cannot write out/simple.svg: Permission denied\n",
        )
    finally:
        Path("out").chmod(0o755)
    assert listing()["out/simple.svg"] == before["out/simple.svg"]


def test_a_full_disk_keeps_the_previous_diagram_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    write_map("simple.yaml")
    invoke("render", "simple.yaml")
    previous = Path("simple.svg").read_bytes()
    write_map("simple.yaml", SIMPLE.replace("The claim.", "A new claim."))

    def full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("argmap.files.os.fsync", full)
    assert invoke("render", "simple.yaml") == (
        2,
        "",
        "argmap: cannot write simple.svg: No space left on device\n",
    )
    assert invoke("export", "simple.yaml", "-o", "out.json") == (
        2,
        "",
        "argmap: cannot write out.json: No space left on device\n",
    )
    assert Path("simple.svg").read_bytes() == previous
    assert sorted(listing()) == ["argmap.toml", "simple.svg", "simple.yaml"]
