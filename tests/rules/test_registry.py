"""The rule registry: every rule module is registered once, every code and name is unique,
and every rule documents itself."""

from __future__ import annotations

import pkgutil
import re

import argmap.rules
from argmap.problems import Severity
from argmap.rules import RULES
from argmap.rules.catalogue import all_codes


def test_every_rule_module_is_registered() -> None:
    # Rule modules are named by their code and name (`a404_unanswered_counterexample`);
    # the catalogue of codes stands beside them.
    modules = {
        f"argmap.rules.{info.name}"
        for info in pkgutil.iter_modules(argmap.rules.__path__)
        if re.fullmatch(r"[a-z][0-9]{3}_[a-z0-9_]+", info.name)
    }
    others = {info.name for info in pkgutil.iter_modules(argmap.rules.__path__)} - {
        m.rsplit(".", 1)[1] for m in modules
    }
    assert others == {"catalogue"}
    registered = [rule.module for rule in RULES]
    assert sorted(registered) == sorted(modules)
    assert len(registered) == len(set(registered))
    for rule in RULES:
        assert rule.module == f"argmap.rules.{rule.code.lower()}_{rule.name.replace('-', '_')}"


def test_codes_and_names_are_unique_and_well_formed() -> None:
    infos = all_codes()
    codes = [info.code for info in infos]
    names = [info.name for info in infos]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
    for info in infos:
        assert re.fullmatch(r"[A-Z][0-9]{3}", info.code), info.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", info.name), info.name


def test_every_rule_documents_itself() -> None:
    for rule in RULES:
        assert isinstance(rule.severity, Severity), rule.code
        assert rule.summary and rule.summary[0].isupper(), rule.code
        assert "Fails" in rule.doc and "Passes" in rule.doc, rule.code


def test_gap_rules_have_failing_and_passing_yaml_examples() -> None:
    for rule in RULES:
        if rule.code.startswith("A4"):
            assert rule.doc.count("```yaml") >= 2, rule.code
            assert rule.doc.index("Fails") < rule.doc.index("Passes"), rule.code


def test_gap_rule_severities() -> None:
    severities = {rule.code: rule.severity for rule in RULES if rule.code.startswith("A4")}
    assert severities["A411"] is Severity.INFO
    assert severities["A412"] is Severity.ERROR
    assert all(
        severity is Severity.WARNING for code, severity in severities.items() if code not in ("A411", "A412")
    )
