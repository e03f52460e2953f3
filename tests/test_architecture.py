"""The package's folders are the pipeline's stages, and data only moves forward.

A module may import from its own stage and from earlier ones, never from a
later one: the loader knows nothing of rules, the rules nothing of diagrams,
and the library nothing of the command line. Imports inside functions count
too (they are how heavy modules stay off the start-up path, not a way round
the order).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "argmap"

# Earliest first. The modules at the top of the package are shared by every stage.
STAGES = (
    "base",
    "input",
    "analysis",
    "grounding",
    "rules",
    "lint",
    "output",
    "diagram",
    "report",
    "authoring",
    "interchange",
    "lsp",
    "cli",
)


def _stage_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in STAGES:
        return parts[1]
    return "base"


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = _module_name(path)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if path.name != "__init__.py":
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # `from argmap import diagram` names a stage package too.
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                if _stage_of(candidate) != "base" and _stage_of(target) == "base":
                    found.append((node.lineno, candidate))
    return [(line, name) for line, name in found if name == "argmap" or name.startswith("argmap.")]


# The package's own `__init__` (the public API, imported lazily) and
# `__main__` (`python -m argmap`) are entry points over every stage.
MODULES = sorted(
    p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE or p.name not in {"__init__.py", "__main__.py"}
)


def test_every_module_stands_in_a_known_stage() -> None:
    folders = {
        p.relative_to(PACKAGE).parts[0]
        for p in PACKAGE.iterdir()
        if p.is_dir() and (p / "__init__.py").exists()
    }
    assert folders <= set(STAGES), (
        f"folders that are no stage of the pipeline: {sorted(folders - set(STAGES))}"
    )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_from_a_later_stage(path: Path) -> None:
    own = STAGES.index(_stage_of(_module_name(path)))
    backwards = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name} "
        f"({_stage_of(name)} comes after {_stage_of(_module_name(path))})"
        for line, name in _imports(path)
        if STAGES.index(_stage_of(name)) > own
    ]
    assert backwards == []
