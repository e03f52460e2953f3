"""Shared fixtures of the render tests.

`pytest tests/diagram --update-golden` (or `ARGMAP_UPDATE_GOLDEN=1 pytest`,
which works from any folder) rewrites the golden DOT files in
`tests/golden/` instead of comparing against them. Look at the diff, and at
the diagrams, before committing them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

MAPS = Path(__file__).parent / "maps"
GOLDEN = Path(__file__).parent.parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    # Registered only when pytest starts in or below tests/diagram (the hook
    # runs for initial conftests only); the environment variable works always.
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/*.dot from the current renderer"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    flag = bool(request.config.getoption("--update-golden", default=False))
    return flag or os.environ.get("ARGMAP_UPDATE_GOLDEN", "") not in ("", "0")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of tests/diagram/maps inside a project folder of its own."""
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    shutil.copytree(MAPS, tmp_path / "maps")
    return tmp_path
