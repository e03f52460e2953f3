"""The scheme catalogue: the built-in one is valid, a project adds its own, bad ones are refused."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from argmap.analysis.schemes import builtin_schemes, catalogue_for, parse_catalogue, read_catalogue
from argmap.config import Config, load_config
from argmap.lint.runner import check_paths
from argmap.problems import ConfigError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

WALTON = (
    "argument-from-example",
    "argument-from-analogy",
    "argument-from-cause-to-effect",
    "argument-from-correlation-to-cause",
    "argument-from-sign",
    "argument-from-expert-opinion",
    "argument-from-popular-opinion",
    "argument-from-consequences",
    "practical-reasoning",
    "argument-from-commitment",
    "argument-from-verbal-classification",
    "argument-from-precedent",
    "argument-from-position-to-know",
    "argument-from-evidence-to-hypothesis",
    "argument-from-negative-consequences",
)

OWN = """\
schemes:
  - id: argument-from-sanctions
    title: Argument from sanctions
    description: Sanctions against a regime weaken it.
    roles:
      - id: sanctions
        description: Sanctions are imposed on the regime.
    questions:
      - id: evasion
        text: Can the regime evade the sanctions?
"""


def test_builtin_catalogue_is_complete_and_well_formed() -> None:
    schemes = builtin_schemes()
    ids = [scheme.id for scheme in schemes]
    assert len(ids) >= 14
    assert len(ids) == len(set(ids))
    assert set(WALTON) <= set(ids)
    for scheme in schemes:
        assert SLUG.match(scheme.id)
        assert scheme.title and scheme.description
        assert scheme.required_roles, scheme.id
        assert scheme.questions, scheme.id
        for item in (*scheme.roles, *scheme.questions):
            assert SLUG.match(item.id), (scheme.id, item.id)
        assert scheme.source == "argmap/data/schemes.yaml"


def test_expert_opinion_has_its_roles_and_questions() -> None:
    scheme = catalogue_for(Config()).get("argument-from-expert-opinion")
    assert scheme is not None
    assert [role.id for role in scheme.roles] == ["expertise", "assertion"]
    question = scheme.question("field")
    assert question is not None and question.text == "Is E an expert in the field that A is in?"


def test_suggestions() -> None:
    catalogue = catalogue_for(Config())
    assert catalogue.suggest("argument-from-exmaple") == "argument-from-example"
    assert catalogue.suggest("from-sign") == "argument-from-sign"
    assert catalogue.suggest("zzz") is None


def test_a_project_adds_its_catalogue_through_configuration(tmp_path: Path) -> None:
    (tmp_path / "my-schemes.yaml").write_text(OWN, encoding="utf-8")
    (tmp_path / "argmap.toml").write_text('schemes = ["my-schemes.yaml"]\n', encoding="utf-8")
    config = load_config(tmp_path)
    catalogue = catalogue_for(config)
    own = catalogue.get("argument-from-sanctions")
    assert own is not None and own.source == str(tmp_path / "my-schemes.yaml")
    assert catalogue.get("argument-from-example") is not None  # the built-in ones stay
    assert len(catalogue) == len(builtin_schemes()) + 1


def test_a_project_scheme_replaces_a_builtin_of_the_same_id(tmp_path: Path) -> None:
    path = tmp_path / "my-schemes.yaml"
    path.write_text(OWN.replace("argument-from-sanctions", "argument-from-sign"), encoding="utf-8")
    scheme = catalogue_for(Config(schemes=(path,))).get("argument-from-sign")
    assert scheme is not None and [question.id for question in scheme.questions] == ["evasion"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schemes: [\n", r"my-schemes.yaml:2:1: the scheme catalogue is not valid YAML"),
        ("- id: x\n", r"my-schemes.yaml: the scheme catalogue must be a mapping with the one key `schemes`"),
        ("schemes: []\n", r"my-schemes.yaml: `schemes` must be a non-empty list"),
        (
            OWN.replace("    title: Argument from sanctions\n", ""),
            r"scheme `argument-from-sanctions`: needs a `title`",
        ),
        (
            OWN.replace("    title:", "    titel:"),
            r"scheme `argument-from-sanctions`: unknown key `titel`; did you mean `title`\?",
        ),
        (OWN.replace("id: argument-from-sanctions", "id: Sanctions"), r"scheme 1: `id` must be a slug"),
        (
            OWN.replace(
                "      - id: evasion", "      - id: evasion\n        text: Again?\n      - id: evasion"
            ),
            r"question `evasion` is listed twice",
        ),
        (
            OWN + OWN.replace("schemes:\n", ""),
            r"scheme `argument-from-sanctions`: the id is used twice in this catalogue",
        ),
        (
            OWN.replace(
                "    roles:\n"
                "      - id: sanctions\n"
                "        description: Sanctions are imposed on the regime.\n",
                "    roles: []\n",
            ),
            r"`roles` must be a non-empty list",
        ),
        (
            OWN.replace(
                "        description: Sanctions", "        required: maybe\n        description: Sanctions"
            ),
            r"role 1: `required` must be true or false",
        ),
    ],
)
def test_a_bad_catalogue_is_a_configuration_error_naming_the_file(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "my-schemes.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as raised:
        read_catalogue(path)
    assert str(path) in raised.value.message
    assert raised.value.hint and "`schemes:`" in raised.value.hint


def test_a_missing_catalogue_file_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope.yaml: scheme catalogue not found"):
        catalogue_for(Config(schemes=(tmp_path / "nope.yaml",)))


def test_a_bad_catalogue_stops_a_check_that_needs_it(tmp_path: Path) -> None:
    catalogue = tmp_path / "my-schemes.yaml"
    catalogue.write_text("schemes: []\n", encoding="utf-8")
    path = tmp_path / "demo.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            argmap: 1
            id: demo
            title: Demo
            conclusions:
              - id: a
                text: A.
                implicit: true
                because:
                  - id: from-b
                    scheme: argument-from-sign
                    premises:
                      - id: b
                        text: B.
                        implicit: true
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"my-schemes\.yaml: `schemes` must be a non-empty list"):
        check_paths([path], Config(schemes=(catalogue,)), cwd=tmp_path)


def test_parse_catalogue_keeps_optional_and_warrant_roles() -> None:
    text = OWN.replace(
        "        description: Sanctions are imposed on the regime.\n",
        "        description: Sanctions are imposed on the regime.\n"
        "      - id: rule\n"
        "        description: Sanctions weaken.\n"
        "        required: false\n"
        "        warrant: true\n",
    )
    [scheme] = parse_catalogue(text, "inline")
    assert [(role.id, role.required, role.warrant) for role in scheme.roles] == [
        ("sanctions", True, False),
        ("rule", False, True),
    ]
