"""What a rule sees: one map, the corpus it resolves in, and shared caches.

Analyses that several rules need (the evaluation, the grounding of quotes)
are computed once per map and kept in `MapContext.memo`; what several maps
share (a source document read once per run) is kept in `Run.memo`. The
modules that compute them own their keys, so adding an analysis never means
editing this file.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from argmap.config import Config
from argmap.input.model import ArgMap, Corpus

T = TypeVar("T")


class Run:
    """One invocation over a set of maps."""

    def __init__(self, corpus: Corpus, config: Config, cwd: Path | None = None) -> None:
        self.corpus = corpus
        self.config = config
        self.cwd = cwd or Path.cwd()
        self._memo: dict[Hashable, Any] = {}
        self._contexts: dict[str, MapContext] = {}

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key not in self._memo:
            self._memo[key] = compute()
        value: T = self._memo[key]
        return value

    def context(self, argmap: ArgMap) -> MapContext:
        """The one context of `argmap` in this run (so its caches are shared)."""
        context = self._contexts.get(argmap.file)
        if context is None or context.argmap is not argmap:
            context = MapContext(argmap, self)
            self._contexts[argmap.file] = context
        return context


class MapContext:
    def __init__(self, argmap: ArgMap, run: Run) -> None:
        self.argmap = argmap
        self.run = run
        self._memo: dict[Hashable, Any] = {}

    @property
    def corpus(self) -> Corpus:
        return self.run.corpus

    @property
    def config(self) -> Config:
        return self.run.config

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key not in self._memo:
            self._memo[key] = compute()
        value: T = self._memo[key]
        return value
