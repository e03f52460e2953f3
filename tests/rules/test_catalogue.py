"""The catalogue is the one table of codes: every code the source can emit is in it,
each entry's module really emits it, and a stable code keeps its number and name."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

from argmap.rules import RULES
from argmap.rules.catalogue import State, all_codes

PACKAGE = Path(__file__).resolve().parents[2] / "argmap"
CODE = re.compile(r"[LSIMAQXE][0-9]{3}")

# Every stable code with its name: a stable code is never renumbered, renamed or removed.
STABLE = {
    "L101": "yaml-syntax",
    "L102": "duplicate-key",
    "L103": "anchor-or-alias",
    "L104": "custom-tag",
    "L105": "file-too-large",
    "L106": "too-deep",
    "L107": "not-utf8",
    "L108": "empty-file",
    "L109": "not-a-mapping",
    "L110": "several-documents",
    "L111": "complex-key",
    "S201": "unsupported-version",
    "S202": "missing-key",
    "S203": "unknown-key",
    "S204": "wrong-type",
    "S205": "invalid-id",
    "S206": "quote-and-implicit",
    "S207": "invalid-value",
    "M301": "duplicate-id",
    "M302": "unknown-ref",
    "M303": "ref-to-inference",
    "M304": "circular-support",
    "M305": "duplicate-map-id",
    "A401": "unsupported-conclusion",
    "A402": "missing-premise",
    "A403": "term-gap",
    "A404": "unanswered-counterexample",
    "A405": "defeated-conclusion",
    "A406": "undecided",
    "A407": "ungrounded-premise",
    "A408": "duplicate-claim",
    "A409": "unknown-scheme",
    "A410": "scheme-premise-missing",
    "A411": "open-critical-questions",
    "A412": "expectation-mismatch",
    "A413": "unknown-question",
    "A414": "unknown-role",
    "Q501": "quote-not-found",
    "Q502": "quote-case-mismatch",
    "Q503": "source-not-found",
    "Q504": "source-outside-project",
    "Q505": "uncovered-reasoning",
    "Q506": "source-unreadable",
    "X001": "unused-ignore",
    "X002": "unknown-ignore",
}


def _code_strings(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.fullmatch(node.value)
    }


def test_every_code_string_in_the_source_is_in_the_catalogue() -> None:
    known = {info.code for info in all_codes()}
    found = {
        f"{path.relative_to(PACKAGE.parent)}: {code}"
        for path in PACKAGE.rglob("*.py")
        for code in _code_strings(path)
        if code not in known
    }
    assert found == set()


def test_each_code_names_the_module_that_emits_it() -> None:
    for info in all_codes():
        module = importlib.import_module(info.emitted_by)
        assert module.__file__ is not None
        # A module writes the code itself, or names the catalogue's constant for it.
        constants = {value for value in vars(module).values() if isinstance(value, str)}
        written = _code_strings(Path(module.__file__)) | constants
        assert info.code in written, (info.code, info.emitted_by)


def test_stable_codes_keep_their_number_and_name() -> None:
    current = {info.code: info.name for info in all_codes() if info.state is State.STABLE}
    assert {code: current.get(code) for code in STABLE} == STABLE


def test_the_catalogue_holds_each_rules_options_and_documents_them() -> None:
    by_code = {info.code: info for info in all_codes()}
    for rule in RULES:
        assert by_code[rule.code].options == rule.options
        for option in rule.options:
            assert option.describe() in by_code[rule.code].doc
    assert [option.name for option in by_code["A403"].options] == [
        "min-unmatched",
        "min-share",
        "min-share-warranted",
        "count-quotes",
        "stop-words",
    ]
