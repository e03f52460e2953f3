"""argmap: argument maps in YAML, checked for gaps, grounded in their
sources and rendered as diagrams.

The library never prints and never exits: it returns values (problems,
graphs, diagrams) or raises `ArgmapError`. The `argmap` command is a thin
skin over it.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
