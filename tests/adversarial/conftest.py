"""Helpers for the adversarial suite: run the real CLI on hostile files.

Every case runs `python -m argmap ...` in a subprocess, as a user or a
pre-commit hook would, so that what is tested is what they see: the exit
code, the words of the message, and no traceback. The subprocess runs under
an address-space limit, so an input that makes argmap allocate without bound
fails with a MemoryError (an "internal error", which the tests reject)
instead of taking the machine down; the timeout is a guard against hangs,
never a measure of speed.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

# Generous: a hang guard, not a timing assertion.
HANG_GUARD_SECONDS = 120
# Far above what argmap needs for any case here (the largest, a chain of
# 100,000 refs, peaks near 700 MB resident), far below what an expanding
# alias bomb or an unbounded read would take.
MEMORY_LIMIT_BYTES = 3 * 1024**3


@attrs.frozen
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _limit_memory() -> None:  # runs in the child, between fork and exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def run_argmap(*args: str | Path, cwd: Path, timeout: float = HANG_GUARD_SECONDS) -> CliResult:
    """`python -m argmap ARGS` in `cwd`, with bounded memory and a hang guard."""
    env = dict(os.environ)
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR", None)
    completed = subprocess.run(
        [sys.executable, "-m", "argmap", *(str(arg) for arg in args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=timeout,
        preexec_fn=_limit_memory,
        check=False,
    )
    return CliResult(
        code=completed.returncode,
        stdout=completed.stdout.decode("utf-8", errors="replace"),
        stderr=completed.stderr.decode("utf-8", errors="replace"),
    )


def assert_no_crash(result: CliResult) -> None:
    """No traceback and no internal error, whatever the exit code."""
    assert "Traceback" not in result.output, result.output[-3000:]
    assert "internal error" not in result.output, result.output[-3000:]


MINIMAL_MAP = """\
argmap: 1
id: hostile
title: A map under attack
conclusions:
  - id: claim
    text: A claim.
"""


def yaml_double_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back exactly.

    JSON's escaping is not enough: YAML folds a raw U+2028 or U+0085 inside
    quotes into a line break, and PyYAML rejects surrogate pairs written as
    two `\\u` escapes. So every character outside printable ASCII that YAML
    could reinterpret is escaped by its code point.
    """
    out = ['"']
    for character in text:
        code = ord(character)
        if character == "\\":
            out.append("\\\\")
        elif character == '"':
            out.append('\\"')
        elif code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF):
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        elif 0xD800 <= code <= 0xDFFF:
            raise ValueError("lone surrogates cannot be written in YAML")
        else:
            out.append(character)
    out.append('"')
    return "".join(out)


Builder = Callable[[Path], list[str]]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder (with a pyproject.toml, so configuration lookup stops here)."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "hostile"\n', encoding="utf-8")
    return root
