"""The `show` tree as data, and its plain rendering without rich."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MAP = """\
argmap: 1
id: demo
title: Demo
conclusions:
  - id: c
    text: It holds.
    implicit: true
    because:
      - id: i
        premises:
          - id: p
            text: A reason.
            implicit: true
"""


def test_the_plain_rendering_is_the_segments_joined_and_needs_no_rich(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "demo.yaml").write_text(MAP, encoding="utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from argmap.analysis.evaluate import evaluation_for\n"
        "from argmap.config import Config\n"
        "from argmap.lint.runner import check_one_map\n"
        "from argmap.output.show import render_show, show_lines\n"
        "opened = check_one_map(Path('demo.yaml'), Config(), command='show')\n"
        "context = opened.result.run.context(opened.argmap)\n"
        "lines = show_lines(context, evaluation_for(context), opened.problems, None)\n"
        "sys.stdout.write(render_show(lines, colour=False))\n"
        "print('rich' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout == (
        "demo: Demo\n"
        "✓ in  conclusion c: It holds.\n"
        "└── ✓ in  inference i  ⚑ A402\n"
        "    └── ✓ in  premise p: A reason.\n"
        "3 in, 0 out, 0 undecided; 1 problem (argmap check demo.yaml)\n"
        "False\n"  # rich was not imported
    )
