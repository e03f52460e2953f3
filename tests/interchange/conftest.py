"""The real Argdown CLI, installed once per machine into pytest's temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ARGDOWN_PACKAGE = "@argdown/cli@1.7.5"


@pytest.fixture(scope="session")
def argdown_cli(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `argdown` executable; skips where Node or npm is missing (never in CI)."""
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Node and npm for the Argdown tests")
        pytest.skip("Node and npm are needed to run the Argdown CLI")
    # The parent of the session's folder outlives the session: the install is reused.
    folder = tmp_path_factory.getbasetemp().parent / "argdown-cli"
    executable = folder / "node_modules" / ".bin" / "argdown"
    if not executable.exists():
        folder.mkdir(parents=True, exist_ok=True)
        installed = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(folder), ARGDOWN_PACKAGE],
            capture_output=True,
            text=True,
            timeout=900,
        )
        if installed.returncode != 0:
            message = f"cannot install {ARGDOWN_PACKAGE}: {installed.stderr[-500:]}"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
    return executable
