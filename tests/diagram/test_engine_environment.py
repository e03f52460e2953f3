"""What the machine can lack or change: GLib for the bundled engine, fonts,
the wall clock in a PDF (exit code, stdout and stderr together)."""

from __future__ import annotations

import builtins
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from argmap.diagram import draw as engine
from argmap.diagram.draw import NO_FONT_WARNING, draw, fixed_creation_date
from tests.diagram.test_cli import invoke, write_map

DOT = 'digraph { a [label="A claim."] }'


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


# --- PDF ----------------------------------------------------------------------


def _creation_date(pdf: bytes) -> bytes:
    found = re.search(rb"/CreationDate \(([^)]*)\)", pdf)
    assert found is not None
    return found.group(1)


def test_a_pdf_carries_a_fixed_date_not_the_clock() -> None:
    first = draw(DOT, "pdf").data
    assert _creation_date(first) == b"D:19700101000000Z"
    assert draw(DOT, "pdf").data == first


def test_a_pdf_carries_source_date_epoch_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert _creation_date(draw(DOT, "pdf").data) == b"D:20231114221320Z"


def test_the_date_keeps_its_length_so_the_offsets_stay_right() -> None:
    for written in (
        b"D:20260101120000Z",
        b"D:20260101120000+01'00'",
        b"D:20260101120000-05'30",
        b"D:20260101120000",
    ):
        pdf = b"%PDF-1.5\n<< /CreationDate (" + written + b") >>\n"
        fixed = fixed_creation_date(pdf)
        assert len(fixed) == len(pdf) and b"D:19700101000000" in fixed


# --- GLib ---------------------------------------------------------------------


def _without_pygraphviz(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    real_import = builtins.__import__

    def failing_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pygraphviz":
            raise error
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "pygraphviz", raising=False)
    monkeypatch.setattr(builtins, "__import__", failing_import)


_HINT = (
    "  hint: install GLib (Debian/Ubuntu: apt-get install libglib2.0-0; Fedora: dnf install glib2; "
    "Alpine: apk add glib), or install Graphviz and use --engine system\n"
)


@pytest.mark.parametrize(
    "error",
    [
        ImportError("libglib-2.0.so.0: cannot open shared object file: No such file or directory"),
        OSError("libglib-2.0.so.0: cannot open shared object file: No such file or directory"),
    ],
)
def test_a_missing_glib_is_named_with_what_to_install(
    monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    write_map("simple.yaml")
    _without_pygraphviz(monkeypatch, error)
    assert invoke("render", "simple.yaml") == (
        2,
        "",
        "argmap: the Graphviz engine bundled with pygraphviz cannot load: libglib-2.0.so.0 is missing\n"
        + _HINT,
    )
    assert not Path("simple.svg").exists()


def test_an_import_error_without_a_library_name_still_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_map("simple.yaml")
    _without_pygraphviz(monkeypatch, ImportError("DLL load failed"))
    assert invoke("render", "simple.yaml") == (
        2,
        "",
        "argmap: the Graphviz engine bundled with pygraphviz cannot load: "
        "a system library it needs (GLib, libglib-2.0) is missing\n" + _HINT,
    )


# --- fonts --------------------------------------------------------------------


def test_no_font_is_a_warning_for_png_and_pdf_not_for_svg(monkeypatch: pytest.MonkeyPatch) -> None:
    write_map("simple.yaml")
    monkeypatch.setattr(engine, "fonts_found", lambda engine_name: False)
    warning = f"argmap: warning: {NO_FONT_WARNING}\n"
    assert invoke("render", "simple.yaml", "-f", "png") == (0, "", warning + "argmap: rendered 1 map\n")
    assert invoke("render", "simple.yaml", "-f", "pdf") == (0, "", warning + "argmap: rendered 1 map\n")
    assert invoke("render", "simple.yaml", "-f", "svg") == (0, "", "argmap: rendered 1 map\n")


def _render_png(environment: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", "render", "simple.yaml", "-f", "png", "--force"],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_bundled_font_library_is_asked_for_real(tmp_path: Path) -> None:
    """No font as fontconfig sees it (a configuration that names no font folder) gives the warning."""
    write_map("simple.yaml")
    (tmp_path / "no-fonts.conf").write_text(
        '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8"
    )
    environment = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "no-fonts.conf"), "NO_COLOR": "1"}
    without = _render_png(environment, tmp_path)
    assert (without.returncode, without.stdout) == (0, "")
    assert without.stderr == f"argmap: warning: {NO_FONT_WARNING}\nargmap: rendered 1 map\n"
    if engine.fonts_found("bundled") is not True:
        pytest.skip("this machine has no font: the other half of the test needs one")
    with_fonts = _render_png({**os.environ, "NO_COLOR": "1"}, tmp_path)
    assert (with_fonts.returncode, with_fonts.stdout, with_fonts.stderr) == (
        0,
        "",
        "argmap: rendered 1 map\n",
    )
