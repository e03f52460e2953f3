"""The JSON Schema, its compiled fast path, and errors in the user's language."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.schemes import builtin_schemes
from argmap.input.schema import compiled_validator, load_schema, schema_text, validate
from argmap.input.yaml_reader import load_text
from argmap.problems import Problem, Severity

ROOT = Path(__file__).resolve().parents[2]


def problems_of(text: str) -> list[tuple[str, int, int, str]]:
    loaded = load_text(text, "m.yaml")
    assert loaded.data is not None, loaded.problems
    return [(p.code, p.line, p.column, p.message) for p in validate(loaded.data, "m.yaml")]


VALID = """\
argmap: 1
id: ft
title: A title
source:
  file: ../seeds/a.txt
  url: https://example.org/a
conclusions:
  - id: no-direct-link
    text: Failures need not weaken him.
    quote: there is no direct connection
    because:
      - id: from-revenge
        warrant: A base that sees revenge forgives defeats.
        scheme: argument-from-example
        premises:
          - id: revenge
            text: Supporters see revenge.
            quote: [For them, it is revenge, "revenge ... West"]
            role: example
          - id: unstated
            text: Something unsaid.
            implicit: true
        counterexamples:
          - id: saddam
            text: Saddam survived defeat.
            question: representative
    counterexamples:
      - ref: other#claim
        counterexamples:
          - ref: saddam
expect:
  in: [no-direct-link]
  out: [other#claim]
tags: [demo]
ignore:
  A401: kept on purpose
"""


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_top_level_copy_is_the_packaged_schema() -> None:
    assert (ROOT / "schemas" / "argmap.schema.json").read_text(encoding="utf-8") == schema_text()


def test_schema_file_is_what_the_generator_writes() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_schema
    finally:
        sys.path.pop(0)
    # The bytes, not only the data: the committed file is exactly what `python tools/make_schema.py` writes.
    assert schema_text() == make_schema.schema_json()


def test_the_schema_offers_every_built_in_scheme_with_its_roles_and_questions() -> None:
    inference = load_schema()["$defs"]["inference"]
    offered, _other_names = inference["properties"]["scheme"]["anyOf"]
    assert offered["enum"] == [scheme.id for scheme in builtin_schemes()]
    assert len(offered["enum"]) == len(offered["markdownEnumDescriptions"]) == 18
    by_scheme = {part["if"]["properties"]["scheme"]["const"]: part["then"] for part in inference["allOf"]}
    sign = by_scheme["argument-from-sign"]["properties"]
    assert sign["premises"]["items"]["properties"]["role"]["anyOf"][0]["enum"] == ["finding", "indication"]
    questions = sign["counterexamples"]["items"]["properties"]["question"]["anyOf"][0]["enum"]
    [scheme] = [scheme for scheme in builtin_schemes() if scheme.id == "argument-from-sign"]
    assert questions == [question.id for question in scheme.questions]


def test_editor_messages_leave_argmap_messages_unchanged() -> None:
    """A scheme that is not built in passes the schema (a catalogue may define it: A409 judges);
    one that is not an id is translated as before, whatever the editor's message says."""
    unknown = load_text(VALID.replace("scheme: argument-from-example", "scheme: from-nowhere"), "m.yaml")
    assert unknown.data is not None and validate(unknown.data, "m.yaml") == []
    spaced = load_text(
        VALID.replace("scheme: argument-from-example", "scheme: Argument From Example"), "m.yaml"
    )
    assert spaced.data is not None
    assert validate(spaced.data, "m.yaml") == [
        Problem(
            "S205",
            Severity.ERROR,
            "m.yaml",
            14,
            17,
            "`Argument From Example` is not a valid scheme for inference `from-revenge`",
            "ids use lowercase letters, digits, `-` and `_`, e.g. `argument-from-example`",
        )
    ]
    numbered = load_text(VALID.replace("scheme: argument-from-example", "scheme: 3"), "m.yaml")
    assert numbered.data is not None
    assert [problem.message for problem in validate(numbered.data, "m.yaml")] == [
        "`scheme` of inference `from-revenge` must be a text, not a number"
    ]


def test_every_property_has_a_title_and_description() -> None:
    missing: list[str] = []
    pending: list[tuple[str, Any]] = [("#", load_schema())]
    while pending:
        where, node = pending.pop()
        if not isinstance(node, dict):
            continue
        for name, sub in node.get("properties", {}).items():
            if not (sub.get("title") and sub.get("description")):
                missing.append(f"{where}/properties/{name}")
            pending.append((f"{where}/properties/{name}", sub))
        for name, sub in node.get("$defs", {}).items():
            pending.append((f"{where}/$defs/{name}", sub))
    assert missing == []


def test_valid_map_passes_both_validators() -> None:
    assert problems_of(VALID) == []
    data = load_text(VALID, "m.yaml").data
    assert jsonschema.Draft202012Validator(load_schema()).is_valid(data)


def test_missing_key_is_named_with_the_node() -> None:
    text = VALID.replace("            text: Supporters see revenge.\n", "")
    assert problems_of(text) == [("S202", 16, 13, "premise `revenge` needs `text`")]


def test_missing_top_level_key() -> None:
    assert problems_of("argmap: 1\nid: x\nconclusions: [{id: a, text: b}]\n") == [
        ("S202", 1, 1, "the map needs `title`")
    ]


def test_unknown_key_with_did_you_mean() -> None:
    text = VALID.replace("            quote: [For them", "            qoute: [For them")
    assert problems_of(text) == [
        ("S203", 18, 13, "unknown key `qoute` in premise `revenge`; did you mean `quote`?")
    ]


def test_unknown_key_hint_lists_the_keys() -> None:
    loaded = load_text(VALID.replace("tags: [demo]", "tagz: [demo]"), "m.yaml")
    assert loaded.data is not None
    (problem,) = validate(loaded.data, "m.yaml")
    assert problem.message == "unknown key `tagz` in the map; did you mean `tags`?"
    assert problem.hint is not None and problem.hint.startswith(
        "the keys allowed here: `argmap`, `conclusions`"
    )


def test_number_where_text_belongs() -> None:
    loaded = load_text(VALID.replace("text: Saddam survived defeat.", "text: 1991"), "m.yaml")
    assert loaded.data is not None
    assert validate(loaded.data, "m.yaml") == [
        Problem(
            "S204",
            Severity.ERROR,
            "m.yaml",
            25,
            19,
            "`text` of counterexample `saddam` must be a text, not a number",
            'put the text in double quotes, e.g. `text: "1991"`',
        )
    ]


def test_invalid_id_suggests_a_slug() -> None:
    loaded = load_text(VALID.replace("id: saddam", "id: Saddam Hussein"), "m.yaml")
    assert loaded.data is not None
    (problem,) = validate(loaded.data, "m.yaml")
    assert (problem.code, problem.line, problem.column) == ("S205", 24, 17)
    assert (
        problem.message
        == "`Saddam Hussein` is not a valid id for counterexample number 1 in `counterexamples`"
    )
    assert problem.hint == "ids use lowercase letters, digits, `-` and `_`, e.g. `saddam-hussein`"


def test_invalid_ref() -> None:
    assert problems_of(VALID.replace("ref: other#claim", "ref: Other Claim")) == [
        ("S205", 28, 14, "`Other Claim` is not a valid reference in the reference to `Other Claim`")
    ]


def test_quote_and_implicit_are_exclusive() -> None:
    text = VALID.replace(
        "            implicit: true\n", "            implicit: true\n            quote: said\n"
    )
    assert problems_of(text) == [("S206", 22, 13, "premise `unstated` has both `quote` and `implicit`")]


def test_url_must_be_http() -> None:
    assert problems_of(VALID.replace("https://example.org/a", "ftp://example.org/a")) == [
        ("S207", 6, 8, "`url` of `source` must be an http or https address, not `ftp://example.org/a`")
    ]


def test_javascript_url_is_refused() -> None:
    assert problems_of(VALID.replace("https://example.org/a", "javascript:alert(1)"))[0][0] == "S207"


def test_empty_list_and_text() -> None:
    assert problems_of(VALID.replace("tags: [demo]", "tags: []\nnote: ''"))[0][0] == "S207"
    text = "argmap: 1\nid: x\ntitle: t\nconclusions: []\n"
    assert problems_of(text) == [("S207", 4, 14, "`conclusions` of the map is empty")]


def test_quote_of_wrong_shape() -> None:
    wrong = VALID.replace("quote: there is no direct connection", "quote: {text: a, first: 2}")
    assert problems_of(wrong) == [
        (
            "S204",
            10,
            12,
            "`quote` of conclusion `no-direct-link` must be a text, a list of texts, or a mapping of "
            "`text` with `occurrence` or `after`",
        )
    ]


def test_a_quote_cut_by_colon_space_says_so() -> None:
    """`- First: the opinion ...` is a mapping in YAML, not the passage."""
    cut = VALID.replace(
        "quote: there is no direct connection", "quote:\n      - First: the opinion may be true"
    )
    assert problems_of(cut) == [
        (
            "S204",
            11,
            9,
            "`quote` of conclusion `no-direct-link` was read as a mapping: "
            "in YAML, `: ` after `First` starts one",
        )
    ]
    loaded = load_text(cut, "m.yaml")
    assert loaded.data is not None
    assert [p.hint for p in validate(loaded.data, "m.yaml")] == [
        'put the whole passage in double quotes: "First: the opinion may be..."'
    ]


def test_ignore_needs_rule_codes() -> None:
    assert problems_of(VALID.replace("  A401: kept on purpose", "  unsupported: kept")) == [
        ("S207", 36, 3, "`unsupported` is not a rule code in the `ignore` of the map")
    ]


@pytest.mark.parametrize(("version", "shown"), [("2", "2"), ("'1'", "1"), ("true", "True"), ("1.5", "1.5")])
def test_other_versions_are_refused_alone(version: str, shown: str) -> None:
    text = VALID.replace("argmap: 1", f"argmap: {version}").replace("qoute", "quote")
    assert problems_of(text + "unknown: key\n") == [
        ("S201", 1, 9, f"this map declares format version `{shown}`; this argmap reads version 1")
    ]


def test_missing_version() -> None:
    problems = problems_of(VALID.replace("argmap: 1\n", ""))
    assert problems == [("S202", 1, 1, "the map needs `argmap`")]


# --- the compiled validator agrees with jsonschema -------------------------

_BASE = load_text(VALID, "m.yaml").data


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value))


_replacements = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["", "x", "Bad Id", "a#b", "https://x.org", "ftp://x", "A401", "no-direct-link"]),
    st.lists(st.text(max_size=5), max_size=2),
    st.just({}),
    st.just([]),
    st.just({"id": "x", "text": "t"}),
    st.just({"ref": "revenge"}),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


_ALL_PATHS = _paths(_plain(_BASE))
_KEYS = [
    "id",
    "text",
    "quote",
    "implicit",
    "ref",
    "because",
    "premises",
    "counterexamples",
    "qoute",
    "warrant",
    "role",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mutations=st.lists(
        st.tuples(
            st.sampled_from(_ALL_PATHS),
            st.sampled_from(["replace", "delete", "add"]),
            _replacements,
            st.sampled_from(_KEYS),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_compiled_validator_agrees_with_jsonschema(
    mutations: list[tuple[tuple[Any, ...], str, Any, str]],
) -> None:
    document = copy.deepcopy(_plain(_BASE))
    for path, action, replacement, key in mutations:
        try:
            parent: Any = document
            for part in path[:-1]:
                parent = parent[part]
            if not path:
                continue
            last = path[-1]
            if action == "replace":
                parent[last] = replacement
            elif action == "delete":
                del parent[last]
            elif isinstance(parent[last], dict):
                parent[last][key] = replacement
        except (KeyError, IndexError, TypeError):
            continue
    expected = jsonschema.Draft202012Validator(load_schema()).is_valid(document)
    assert compiled_validator()(document) is expected
