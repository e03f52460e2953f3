"""Foreign formats: one module per format, reader and writer side by side.

`FORMATS` maps a format's name (as `argmap import --from NAME` writes it)
to the module that reads it; modules are imported only when used.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from argmap.problems import UsageError

FORMATS: dict[str, str] = {
    "tgf": "argmap.interchange.iccma",
    "apx": "argmap.interchange.iccma",
}


def reader(name: str) -> ModuleType:
    """The module of format `name`; UsageError for a format argmap does not know."""
    module = FORMATS.get(name)
    if module is None:
        raise UsageError(f"unknown format `{name}`", hint="use one of: " + ", ".join(sorted(FORMATS)))
    return importlib.import_module(module)
