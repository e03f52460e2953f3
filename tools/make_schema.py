"""Writes argmap/data/argmap.schema.json (schemas/argmap.schema.json links to it).

The schema is data, but it repeats a few shapes (slugs, text fields, the
claim that appears as conclusion, premise and counterexample); building it
here keeps those shapes in one place. Run it after editing, then commit the
JSON: `python tools/make_schema.py`.

Editors read more of it than validators do. yaml-language-server shows
`errorMessage` and `patternErrorMessage` instead of its generic wording,
offers `enum` values (from every branch of an `anyOf`) with their
`markdownEnumDescriptions`, and shows `markdownDescription` on hover;
validators ignore those keywords. The built-in schemes come from
argmap/data/schemes.yaml: each one's roles and critical questions are
offered on the premises and counterexamples of an inference that names it.
Names stay open (any slug passes): a project's own catalogue may add schemes
or redefine a built-in one, and `argmap check` knows the catalogue (A409,
A413, A414), where a schema cannot.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from argmap.analysis.schemes import Scheme, builtin_schemes  # noqa: E402

SLUG = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
REF = r"^(?:[a-z0-9]+(?:[-_][a-z0-9]+)*#)?[a-z0-9]+(?:[-_][a-z0-9]+)*$"
RULE_CODE = r"^[A-Z][0-9]{3}$"
HTTP_URL = r"^https?://[^\s]+$"

SLUG_MESSAGE = "lowercase letters and digits, with `-` or `_` between words"
ID_MESSAGE = f"An id is a slug: {SLUG_MESSAGE}, e.g. `from-revenge`."
REF_MESSAGE = (
    "A reference is `some-id` (a node of this map) or `map-id#some-id` (a node of another map); "
    f"ids are {SLUG_MESSAGE}."
)
RULE_CODE_MESSAGE = (
    "A rule code is a capital letter and three digits, e.g. `A402` (`argmap rules` lists them)."
)
URL_MESSAGE = "Write the full address, starting with `https://` (or `http://`)."
TAG_MESSAGE = f"A tag is a slug: {SLUG_MESSAGE}."


def text(title: str, description: str, examples: list[str] | None = None) -> dict:
    field: dict = {
        "title": title,
        "description": description,
        "type": "string",
        "minLength": 1,
        "errorMessage": f"{title}: write a text after the colon (in double quotes if it is a number, "
        "or holds `: ` or ` #`).",
    }
    if examples:
        field["examples"] = examples
    return field


def node_id(what: str) -> dict:
    return {
        "title": "Id",
        "description": (
            f"The {what}'s id: a short slug of lowercase letters, digits, '-' and '_', "
            "unique in the map and stable across edits (diagrams, diffs and `ref` use it)."
        ),
        "type": "string",
        "pattern": SLUG,
        "patternErrorMessage": ID_MESSAGE,
        "maxLength": 80,
        "examples": ["no-direct-link", "from-revenge"],
    }


COMMON_NODE_FIELDS = {
    "note": text(
        "Note",
        "The analyst's comment on this node: a factual error in the source, a translation "
        "oddity, why a gap is kept. Shown in tooltips; never part of the argument.",
    ),
    "tags": {
        "title": "Tags",
        "description": "Free labels for filtering and styling.",
        "type": "array",
        "items": {"type": "string", "pattern": SLUG, "patternErrorMessage": TAG_MESSAGE},
        "uniqueItems": True,
    },
    "ignore": {
        "title": "Ignore rules here",
        "description": (
            'Silence a rule for this node only, with the reason: `{A402: "the author '
            'never answers this; kept as a real gap"}`. An ignore that silences nothing is reported.'
        ),
        "type": "object",
        "propertyNames": {"pattern": RULE_CODE, "patternErrorMessage": RULE_CODE_MESSAGE},
        "additionalProperties": {
            "type": "string",
            "minLength": 1,
            "errorMessage": "Say why the rule does not apply here, in a text.",
        },
    },
}

QUOTE_OBJECT = {
    "title": "Quote with its occurrence",
    "description": (
        "A passage that occurs more than once in the source, with which occurrence is meant: "
        "`occurrence: 2` for the second, or `after:` words of the source that come before it."
    ),
    "type": "object",
    "additionalProperties": False,
    "required": ["text"],
    "properties": {
        "text": {"type": "string", "minLength": 1, "description": "The passage, verbatim."},
        "occurrence": {
            "type": "integer",
            "minimum": 1,
            "description": "Which occurrence of the passage in the source is meant (1 is the first).",
        },
        "after": {
            "type": "string",
            "minLength": 1,
            "description": (
                "Words of the source before the occurrence meant: the first occurrence after them counts."
            ),
        },
    },
}

QUOTE = {
    "title": "Quote",
    "description": (
        "The passage of the source that states this claim, verbatim. A list for a claim the "
        "document makes in several places. `...` or `…` stands for omitted words. Mutually "
        "exclusive with `implicit`."
    ),
    "oneOf": [
        {"type": "string", "minLength": 1},
        QUOTE_OBJECT,
        {
            "type": "array",
            "items": {"oneOf": [{"type": "string", "minLength": 1}, QUOTE_OBJECT]},
            "minItems": 1,
        },
    ],
    "examples": ["For them, it is revenge against the stronger West."],
}

CLAIM_FIELDS = {
    "id": node_id("claim"),
    "text": text(
        "Text",
        "The claim in the analyst's own words: one declarative sentence.",
        ["Putin's supporters see the invasion as revenge on the West, not as aggression."],
    ),
    "quote": QUOTE,
    "implicit": {
        "title": "Implicit",
        "description": (
            "`true` for a premise the analyst reconstructed because the document leaves it "
            "unstated (an enthymeme's missing premise). Mutually exclusive with `quote`."
        ),
        "type": "boolean",
    },
    "at": text(
        "Locator",
        "Where in the source this claim stands, as the source marks it (a video timestamp, a "
        "page). Usually picked up from the source; write it to override.",
        ["01:58:12", "p. 12"],
    ),
    "url": {
        "title": "URL",
        "description": "A link for this claim (http or https), for example to the passage online.",
        "type": "string",
        "pattern": HTTP_URL,
        "patternErrorMessage": URL_MESSAGE,
    },
    "role": {
        "title": "Premise role",
        "description": (
            "For a premise of an inference with a `scheme`: which of the scheme's premises it "
            "plays (`argmap schemes ID` lists the roles)."
        ),
        "type": "string",
        "pattern": SLUG,
        "patternErrorMessage": f"A role is the id of one of the scheme's premises: {SLUG_MESSAGE}.",
        # No examples: the roles offered are the inference's scheme's (parts_of).
    },
    "question": {
        "title": "Critical question",
        "description": (
            "For a counterexample: the critical question of the attacked inference's scheme "
            "that it raises (`argmap schemes ID` lists them)."
        ),
        "type": "string",
        "pattern": SLUG,
        "patternErrorMessage": (
            f"A critical question is the id of one of the scheme's questions: {SLUG_MESSAGE}."
        ),
    },
    "because": {
        "title": "Because",
        "description": "The inferences that support this claim; each names its premises.",
        "type": "array",
        "items": {"$ref": "#/$defs/inference"},
        "minItems": 1,
    },
    "counterexamples": {
        "title": "Counterexamples",
        "description": "Claims or cases that attack this claim (rebuttals).",
        "type": "array",
        "items": {"$ref": "#/$defs/claimOrRef"},
        "minItems": 1,
    },
    **COMMON_NODE_FIELDS,
}

# The evaluation's extras: weights, concessions, preferences, conflicts and
# proof standards (docs/evaluation.md says what each does to a status).
WEIGHT = {
    "title": "Weight",
    "description": (
        "How strong this inference or counterexample is, from 0 to 1 (default 1). Weights "
        "count where an attack is weighed: a `conceded` objection, or a claim with a `standard`. "
        "On a premise of an inference with `weighing: criteria`: what the premise adds when it stands."
    ),
    "type": "number",
    "minimum": 0,
    "maximum": 1,
    "errorMessage": "A weight is a number from 0 to 1, e.g. `0.5`.",
}
EVALUATION_CLAIM_FIELDS = {
    "weight": WEIGHT,
    "conceded": {
        "title": "Conceded",
        "description": (
            "For a counterexample: the author grants it and argues it is outweighed. It is drawn "
            "and reported, and defeats what it attacks only if the author's reasons do not "
            "outweigh it (its weight is more than the strongest applicable reason's)."
        ),
        "type": "boolean",
    },
    "weaker": {
        "title": "Weaker",
        "description": (
            "For a counterexample: the attack is weaker than what it attacks, so it never "
            "defeats it (a preference, as in ASPIC+). Drawn and reported."
        ),
        "type": "boolean",
    },
    "contradicts": {
        "title": "Contradicts",
        "description": (
            "Claims (`id` or `map-id#id`) this claim conflicts with: each attacks the other. "
            "Add `outweighs` to say which one prevails."
        ),
        "type": "array",
        "items": {"type": "string", "pattern": REF, "patternErrorMessage": REF_MESSAGE},
        "uniqueItems": True,
        "minItems": 1,
    },
    "outweighs": {
        "title": "Outweighs",
        "description": (
            "Claims (`id` or `map-id#id`) this claim is preferred to: their attacks on this "
            "claim do not defeat it."
        ),
        "type": "array",
        "items": {"type": "string", "pattern": REF, "patternErrorMessage": REF_MESSAGE},
        "uniqueItems": True,
        "minItems": 1,
    },
}
STANDARD = {
    "title": "Proof standard",
    "description": (
        "How strong the reasons for this claim must be, weighed against the attacks on it "
        "(Carneades): `scintilla`, `preponderance`, `clear-and-convincing`, "
        "`beyond-reasonable-doubt`, `dialectical-validity`. Without it, the default rule applies."
    ),
    "enum": [
        "scintilla",
        "preponderance",
        "clear-and-convincing",
        "beyond-reasonable-doubt",
        "dialectical-validity",
    ],
}
ABOUT = {
    "title": "About",
    "description": (
        '`documents` for a claim that states what documents say ("both texts say X"): it '
        "stands when its quotes are found, whatever the status of the claims it compares."
    ),
    "enum": ["documents", "world"],
}
ASSUMED = {
    "title": "Assumed",
    "description": (
        "Whether the claim is accepted on its own (Carneades's assumptions). By default a claim "
        "without `because` is and a claim with it is not. `false` on a claim without `because`: "
        "nothing supports it, so it is out. `true` on a claim with `because`: it stands whatever "
        "its inferences, unless an attack defeats it."
    ),
    "type": "boolean",
}
WEIGHING = {
    "title": "Weighing",
    "description": (
        "How the inference weighs its premises, as Carneades does (docs/evaluation.md): "
        "`linked` (all premises in: `weight`), `convergent` (one premise in: `weight`), "
        "`cumulative` (`weight` times the share of premises in), `factorized` (no premise out: "
        "`weight` times its premises' share of those of its issue). The inference is settled only "
        "when its premises and undercutters are; it is in when its weight is above 0. "
        "`criteria`: `weight` times the sum of the `weight`s of its premises that stand, 0 when "
        "a premise without a `weight` (a hard constraint) is out."
    ),
    "enum": ["linked", "convergent", "cumulative", "factorized", "criteria"],
}
CLAIM_FIELDS.update(EVALUATION_CLAIM_FIELDS)
CLAIM_FIELDS["standard"] = STANDARD
CLAIM_FIELDS["about"] = ABOUT
CLAIM_FIELDS["assumed"] = ASSUMED

INFERENCE_FIELDS = {
    "id": node_id("inference"),
    "premises": {
        "title": "Premises",
        "description": (
            "The reasons that together support the claim (linked support). An empty list: the "
            "inference applies on its own unless undercut (Carneades's argument without premises)."
        ),
        "type": "array",
        "items": {"$ref": "#/$defs/claimOrRef"},
    },
    "warrant": text(
        "Warrant",
        "The general rule that licenses the step from the premises to the claim.",
        [
            "A base that counts any defiance of the West as victory "
            "does not punish its leader for lost battles."
        ],
    ),
    "scheme": {
        "title": "Scheme",
        "description": "The argumentation scheme of this step (`argmap schemes` lists them).",
        "type": "string",
        "pattern": SLUG,
        "patternErrorMessage": (
            f"A scheme is named by its id, {SLUG_MESSAGE}, e.g. `argument-from-example` "
            "(`argmap schemes` lists them)."
        ),
        "anyOf": [],  # filled from the built-in catalogue by scheme_choices()
    },
    "weight": WEIGHT,
    "weighing": WEIGHING,
    "counterexamples": {
        "title": "Counterexamples",
        "description": "Cases or claims that attack the step itself (undercutters).",
        "type": "array",
        "items": {"$ref": "#/$defs/claimOrRef"},
        "minItems": 1,
    },
    **COMMON_NODE_FIELDS,
}

REF_FIELDS = {
    "ref": {
        "title": "Reference",
        "description": (
            "Reuse a claim defined elsewhere: `some-id` in this map, or `other-map-id#some-id` "
            "in another map. The one way to reuse a node (YAML anchors are not allowed)."
        ),
        "type": "string",
        "pattern": REF,
        "patternErrorMessage": REF_MESSAGE,
        "examples": ["revenge", "ft-lose-or-win#no-direct-link"],
    },
    "role": CLAIM_FIELDS["role"],
    "question": CLAIM_FIELDS["question"],
    "because": {
        **CLAIM_FIELDS["because"],
        "description": "Further inferences, defined in this map, that support the referenced claim.",
    },
    "counterexamples": {
        **CLAIM_FIELDS["counterexamples"],
        "description": "Further attacks, defined in this map, on the referenced claim.",
    },
    "note": COMMON_NODE_FIELDS["note"],
    "ignore": {
        **COMMON_NODE_FIELDS["ignore"],
        "description": "Silence a rule for the referenced node, in this map only, with the reason.",
    },
    **EVALUATION_CLAIM_FIELDS,
}

# Editor snippets (a yaml-language-server extension; validators ignore them):
# what the completion list offers for a new node. `${n:...}` are the tab stops.
CLAIM_SNIPPET = {
    "label": "New claim",
    "description": "A claim in your own words, with the passage of the source that states it.",
    "body": {
        "id": "${1:claim-id}",
        "text": "${2:The claim in one sentence.}",
        "quote": "${3:the passage, verbatim}",
    },
}
IMPLICIT_SNIPPET = {
    "label": "New implicit premise",
    "description": "A premise the document leaves unstated (an enthymeme's missing premise).",
    "body": {"id": "${1:premise-id}", "text": "${2:The unstated premise.}", "implicit": True},
}
REF_SNIPPET = {
    "label": "Reuse a claim (ref)",
    "description": "A claim defined elsewhere in this map (`id`) or in another (`map-id#id`).",
    "body": {"ref": "${1:claim-id}"},
}
COUNTEREXAMPLE_SNIPPET = {
    "label": "New counterexample",
    "description": "A case or claim that attacks this claim (rebuts it) or this inference (undercuts it).",
    "body": {
        "id": "${1:counterexample-id}",
        "text": "${2:The objection in one sentence.}",
        "quote": "${3:the passage, verbatim}",
    },
}
INFERENCE_SNIPPET = {
    "label": "New inference",
    "description": "A step from premises to the claim, with the general rule (warrant) that licenses it.",
    "body": {
        "id": "${1:inference-id}",
        "warrant": "${2:The general rule that licenses the step.}",
        "premises": [
            {
                "id": "${3:premise-id}",
                "text": "${4:The premise in one sentence.}",
                "quote": "${5:the passage, verbatim}",
            }
        ],
    },
}


def scheme_help(scheme: Scheme) -> str:
    """Markdown for one scheme: what it says, its roles and its critical questions."""
    lines = [f"**{scheme.title}**: {scheme.description}", "", "Roles:"]
    lines += [
        f"- `{role.id}`{'' if role.required else ' (optional)'}: {role.description}" for role in scheme.roles
    ]
    lines += ["", "Critical questions:"]
    lines += [f"- `{question.id}`: {question.text}" for question in scheme.questions]
    return "\n".join(lines)


def scheme_choices(schemes: tuple[Scheme, ...]) -> list[dict]:
    """The built-in schemes, offered with their help; any other slug passes, with a warning in
    the editor (a project's catalogue may define it: `argmap check` knows, A409)."""
    names = [scheme.id for scheme in schemes]
    unknown = (
        f"Not one of argmap's {len(names)} built-in schemes (`argmap schemes` lists them). "
        "Fine if the project's own catalogue (`schemes` in argmap.toml) defines it; "
        "otherwise `argmap check` reports A409 with the nearest name."
    )
    # The second branch lets any other name pass a validator; its deprecationMessage is the
    # editor's warning. yaml-language-server then counts neither branch as a clean match and
    # reports the nearer one, the enum: both carry the same words.
    return [
        {
            "enum": names,
            "markdownEnumDescriptions": [scheme_help(scheme) for scheme in schemes],
            "errorMessage": unknown,
        },
        {"not": {"enum": names}, "deprecationMessage": unknown},
    ]


def parts_of(scheme: Scheme) -> dict:
    """While an inference names `scheme`: its roles on the premises, its questions on the
    counterexamples, offered (not required: a catalogue may redefine the scheme)."""
    roles = {
        "anyOf": [
            {
                "enum": [role.id for role in scheme.roles],
                "markdownEnumDescriptions": [
                    f"{role.description}{'' if role.required else ' (optional)'}" for role in scheme.roles
                ],
            },
            {"type": "string"},
        ]
    }
    questions = {
        "anyOf": [
            {
                "enum": [question.id for question in scheme.questions],
                "markdownEnumDescriptions": [question.text for question in scheme.questions],
            },
            {"type": "string"},
        ]
    }
    return {
        "if": {"required": ["scheme"], "properties": {"scheme": {"const": scheme.id}}},
        "then": {
            "properties": {
                "premises": {"items": {"properties": {"role": roles}}},
                "counterexamples": {"items": {"properties": {"question": questions}}},
            }
        },
    }


def add_schemes(schema: dict, schemes: tuple[Scheme, ...]) -> None:
    inference = schema["$defs"]["inference"]
    inference["properties"]["scheme"]["anyOf"] = scheme_choices(schemes)
    inference["allOf"] = [parts_of(scheme) for scheme in schemes]


def list_snippet(item: dict) -> dict:
    """The same snippet for the value of a list key (`because:`), as a one-item list."""
    return {**item, "body": [item["body"]]}


EXPECT_LIST = {
    "type": "array",
    "items": {"type": "string", "pattern": REF, "patternErrorMessage": REF_MESSAGE},
    "uniqueItems": True,
}

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://argmap.dev/schemas/argmap-1.schema.json",
    "title": "argmap argument map",
    "description": (
        "One argument map: the reasoning of one source document as a forest of argument trees. "
        "See docs/format.md."
    ),
    "type": "object",
    "required": ["argmap", "id", "title", "conclusions"],
    "additionalProperties": False,
    "properties": {
        "argmap": {
            "title": "Format version",
            "description": "The version of the argmap format this file follows. Always `1` for now.",
            "const": 1,
            "errorMessage": "`argmap` is the version of the format: write `argmap: 1`.",
        },
        "id": {
            **node_id("map"),
            "description": (
                "The map's id: a slug, unique among the maps checked together; "
                "other maps refer to its nodes as `map-id#node-id`."
            ),
        },
        "title": text(
            "Title",
            "What the map reconstructs, in a line.",
            ["It is as hard for Putin to lose the war as to win it"],
        ),
        "source": {
            "title": "Source",
            "description": "The document this map reconstructs.",
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {
                "file": text(
                    "Source file",
                    "Path to the document, relative to this map (plain text or Markdown). "
                    "Must stay inside the map's project.",
                    ["../seeds/000_8cb48b3a64db822c.txt"],
                ),
                "title": text("Source title", "The document's title."),
                "author": text("Author", "Who wrote or said it."),
                "date": text(
                    "Date", "When it was published, as written (ISO 8601 preferred).", ["2022-11-10"]
                ),
                "url": {
                    "title": "Source URL",
                    "description": "Where the document is published (http or https).",
                    "type": "string",
                    "pattern": HTTP_URL,
                    "patternErrorMessage": URL_MESSAGE,
                },
                "language": text(
                    "Language",
                    "The document's language, as a BCP 47 tag. Rules that compare words (A403) "
                    "use its stemmer.",
                    ["en", "ru"],
                ),
                "encoding": text(
                    "Source encoding",
                    "The document's character encoding when it is not UTF-8, as Python names it.",
                    ["cp1252", "latin-1", "utf-16"],
                ),
                "ignore": {
                    "title": "Editorial marks to ignore",
                    "description": (
                        "Regular expressions (Python syntax) for marks that the document's editor "
                        "inserted into the text, such as page markers or footnote numbers: quotes "
                        "are matched as if they were not there. Line numbers are unchanged."
                    ),
                    "type": "array",
                    "items": {"type": "string", "minLength": 1, "maxLength": 200},
                    "examples": [["\\[Pg \\d+\\]"]],
                },
                "note": COMMON_NODE_FIELDS["note"],
            },
        },
        "note": text(
            "Commentary",
            "The analyst's commentary on the whole map: "
            "the main line, the gaps kept and why, what was left out.",
        ),
        "thesis": {
            "type": "string",
            "pattern": REF,
            "patternErrorMessage": REF_MESSAGE,
            "maxLength": 161,
            "title": "Thesis",
            "description": (
                "The id of the map's main conclusion (or the key `map-id#node-id` of a node it refers to): "
                "the diagram sets it apart. Default: the first item of `conclusions`."
            ),
        },
        "tags": COMMON_NODE_FIELDS["tags"],
        "ignore": {
            **COMMON_NODE_FIELDS["ignore"],
            "description": "Silence a rule for the whole map, with the reason.",
        },
        "conclusions": {
            "title": "Conclusions",
            "description": "The claims the document argues for: the roots of the argument trees.",
            "type": "array",
            "items": {"$ref": "#/$defs/claimOrRef"},
            "minItems": 1,
        },
        "issues": {
            "title": "Issues",
            "description": (
                "Questions with mutually exclusive answers (Carneades's issues): at most one "
                "position of an issue is in, the one whose strongest applicable inference meets "
                "the issue's standard against every other position's (docs/evaluation.md)."
            ),
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "positions"],
                "additionalProperties": False,
                "properties": {
                    "id": node_id("issue"),
                    "positions": {
                        "title": "Positions",
                        "description": "The claims (`id` or `map-id#id`) that answer the issue.",
                        "type": "array",
                        "items": {"type": "string", "pattern": REF, "patternErrorMessage": REF_MESSAGE},
                        "uniqueItems": True,
                        "minItems": 2,
                    },
                    "standard": {
                        "title": "Proof standard of the issue",
                        "description": (
                            "How much the winning position's weight must exceed the others': "
                            "`preponderance` (the default), `clear-and-convincing`, "
                            "`beyond-reasonable-doubt`."
                        ),
                        "enum": ["preponderance", "clear-and-convincing", "beyond-reasonable-doubt"],
                    },
                    "note": COMMON_NODE_FIELDS["note"],
                },
            },
        },
        "expect": {
            "title": "Expected statuses",
            "description": (
                "The author's regression test: which nodes must come out `in`, `out` or "
                "`undecided` under the evaluation. Any disagreement is an error."
            ),
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {
                "semantics": {
                    "title": "Semantics of the expected statuses",
                    "description": (
                        "The semantics the statuses are meant under (default `grounded`). Under "
                        "`complete`, `preferred` or `stable`, a node is `in` (or `out`) when it is in "
                        "(or out) in every labelling of that semantics, and `undecided` otherwise."
                    ),
                    "enum": ["grounded", "complete", "preferred", "stable"],
                },
                "in": {**EXPECT_LIST, "title": "Expected in", "description": "Nodes that must stand."},
                "out": {
                    **EXPECT_LIST,
                    "title": "Expected out",
                    "description": "Nodes that must be defeated.",
                },
                "undecided": {
                    **EXPECT_LIST,
                    "title": "Expected undecided",
                    "description": "Nodes that must be left undecided.",
                },
            },
        },
    },
    "$defs": {
        "claim": {
            "title": "Claim",
            "description": (
                "A claim: a conclusion, a premise or a counterexample, depending on where it stands."
            ),
            "type": "object",
            "required": ["id", "text"],
            "additionalProperties": False,
            "properties": CLAIM_FIELDS,
            "dependentSchemas": {"implicit": {"not": {"required": ["quote"]}}},
        },
        "ref": {
            "title": "Reference",
            "description": "A claim defined elsewhere, reused here.",
            "type": "object",
            "required": ["ref"],
            "additionalProperties": False,
            "properties": REF_FIELDS,
        },
        "claimOrRef": {
            "if": {"type": "object", "required": ["ref"]},
            "then": {"$ref": "#/$defs/ref"},
            "else": {"$ref": "#/$defs/claim"},
        },
        "inference": {
            "title": "Inference",
            "description": "A step from premises to the claim it supports.",
            "type": "object",
            "required": ["id", "premises"],
            "additionalProperties": False,
            "properties": INFERENCE_FIELDS,
        },
    },
}


def add_snippets(schema: dict) -> None:
    """Put the editor snippets on the node definitions and on the lists that hold nodes."""
    definitions = schema["$defs"]
    definitions["claimOrRef"]["defaultSnippets"] = [
        CLAIM_SNIPPET,
        IMPLICIT_SNIPPET,
        COUNTEREXAMPLE_SNIPPET,
        REF_SNIPPET,
    ]
    definitions["inference"]["defaultSnippets"] = [INFERENCE_SNIPPET]
    lists = {
        "conclusions": [list_snippet(CLAIM_SNIPPET)],
        "because": [list_snippet(INFERENCE_SNIPPET)],
        "premises": [list_snippet(CLAIM_SNIPPET), list_snippet(IMPLICIT_SNIPPET)],
        "counterexamples": [list_snippet(COUNTEREXAMPLE_SNIPPET)],
    }
    schema["properties"]["conclusions"]["defaultSnippets"] = lists["conclusions"]
    for definition in ("claim", "ref", "inference"):
        properties = definitions[definition]["properties"]
        for name, snippets in lists.items():
            if name in properties:
                # Each definition gets its own copy of the property, so that the
                # snippets land on the lists of this definition only.
                properties[name] = {**properties[name], "defaultSnippets": snippets}


add_snippets(SCHEMA)
add_schemes(SCHEMA, builtin_schemes())

# The packaged schema, what argmap validates with; schemas/argmap.schema.json,
# what the maps' `$schema` modelines point to, is a link to it.
TARGET = ROOT / "argmap" / "data" / "argmap.schema.json"


def schema_json() -> str:
    return json.dumps(SCHEMA, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    TARGET.write_text(schema_json(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
