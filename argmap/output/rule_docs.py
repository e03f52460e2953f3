"""Where each code's documentation can be read on the web: the one link
that SARIF results and the language server's diagnostics give.

A rule documents itself in its module's docstring (`argmap rules CODE`
prints it), so the link is that module in the project's repository; the
loader's, the schema's and the meta codes are documented in the catalogue.
The address is stable: modules are named by code, and codes never change.
"""

from __future__ import annotations

import functools

REPOSITORY = "https://github.com/argmap/argmap"
_BLOB = f"{REPOSITORY}/blob/main/"


@functools.cache
def _rule_modules() -> dict[str, str]:
    from argmap.rules import RULES

    return {rule.code: rule.module for rule in RULES}


def documentation_url(code: str) -> str:
    """The web address of the documentation of `code` (any code argmap reports)."""
    module = _rule_modules().get(code, "argmap.rules.catalogue")
    return _BLOB + module.replace(".", "/") + ".py"
