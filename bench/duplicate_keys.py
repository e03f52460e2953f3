"""A map that repeats one key many times: the loader's worst case for L102.

Each repetition is a problem with an excerpt of its line; the excerpts come
from line offsets computed once, so the run stays linear in the keys.

    python bench/duplicate_keys.py                  # 40,000 duplicate keys, and half as many
    python bench/duplicate_keys.py --keys 100000

Prints, for each size, the CPU time of `argmap check` in a fresh process
(user + system of the child, median of three runs) and the problems found.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def duplicate_map(keys: int) -> str:
    head = ["argmap: 1", "id: duplicates", "title: One key, many times", "conclusions:"]
    claim = ["  - id: claim", "    text: A claim.", "    implicit: true"]
    return "\n".join(head + claim + ["    note: again"] * (keys + 1)) + "\n"


def check_cpu(folder: Path) -> tuple[float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "map.yaml"], cwd=folder, capture_output=True, text=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, run.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=40_000)
    keys = parser.parse_args().keys
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "argmap.toml").write_text("", encoding="utf-8")
        print("| duplicate keys | check, CPU (median of 3) | summary |")
        print("|---:|---:|---|")
        for size in (keys // 2, keys):
            (folder / "map.yaml").write_text(duplicate_map(size), encoding="utf-8")
            runs = [check_cpu(folder) for _ in range(3)]
            print(f"| {size:,} | {statistics.median(cpu for cpu, _ in runs):.2f} s | {runs[0][1]} |")


if __name__ == "__main__":
    main()
