"""The documentation's complete example is a map that checks without errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from argmap.config import Config
from argmap.lint.runner import check_paths
from argmap.problems import Severity

ROOT = Path(__file__).resolve().parent.parent


def test_the_complete_example_in_format_md_checks_clean(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    example = re.search(r"## A complete example\n\n```yaml\n(.*?)```", text, re.DOTALL)
    assert example is not None
    (tmp_path / "argmap.toml").write_text("")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "maps").mkdir()
    path = tmp_path / "maps" / "example.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    result = check_paths([path], Config(), cwd=tmp_path)
    assert [p for p in result.problems if p.severity is Severity.ERROR] == []
