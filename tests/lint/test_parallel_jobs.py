"""`default_jobs`: the worker count of `argmap check -j 0` follows the idle cores."""

from __future__ import annotations

import pytest

from argmap.lint import parallel


@pytest.mark.parametrize(
    ("cores", "load", "expected"),
    [
        (2, 0.0, 2),
        (2, 0.4, 2),
        (2, 0.6, 1),  # another program holds most of a core
        (2, 1.0, 1),
        (2, 7.5, 1),  # at least one
        (8, 2.2, 6),
        (1, 0.0, 1),
    ],
)
def test_default_jobs_leaves_the_busy_cores(
    cores: int, load: float, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "available_cores", lambda: cores)
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (load, load, load))
    assert parallel.default_jobs() == expected


def test_default_jobs_without_a_load_average_uses_every_core(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_load_average() -> tuple[float, float, float]:
        raise OSError("no load average")

    monkeypatch.setattr(parallel, "available_cores", lambda: 3)
    monkeypatch.setattr(parallel.os, "getloadavg", no_load_average)
    assert parallel.default_jobs() == 3
