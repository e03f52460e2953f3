"""Stemming (`argmap.analysis.terms`): the Snowball stemmer of one language,
imported alone, is the package's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from argmap.analysis.terms import SNOWBALL_LANGUAGES

ROOT = Path(__file__).resolve().parents[2]

WORDS = ["infallibility", "infallible", "arguments", "argued", "nationalism", "häuser", "говорить", "ñandúes"]


def test_one_language_imported_alone_is_the_packages_own_stemmer() -> None:
    # A fresh interpreter: the shortcut only runs before `snowballstemmer` is imported.
    script = f"""
import json, sys
from argmap.analysis.terms import _one_snowball_stemmer
names = sorted(set({sorted(set(SNOWBALL_LANGUAGES.values()))!r}))
words = {WORDS!r}
alone = {{name: _one_snowball_stemmer(name) for name in names}}
assert "snowballstemmer" not in sys.modules
import snowballstemmer
report = {{}}
for name in names:
    try:
        plain = snowballstemmer.stemmer(name)
    except KeyError:
        report[name] = ["absent", alone[name] is None]
        continue
    fast = alone[name]
    report[name] = [
        "same" if type(fast) is type(plain) else repr(type(fast)),
        [fast.stemWord(word) for word in words] == [plain.stemWord(word) for word in words],
    ]
print(json.dumps(report))
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["english"] == ["same", True]
    # A language this release of the package lacks: no stemmer either way.
    expected = (["same", True], ["absent", True])
    assert {name: outcome for name, outcome in report.items() if outcome not in expected} == {}
