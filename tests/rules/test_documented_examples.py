"""Every rule's documented Fails and Passes examples, run through the real checker.

A rule's docstring is its documentation (`argmap rules CODE`); its first
```yaml block after "Fails" must yield the rule's code and its first block
after "Passes" must not, so the documentation cannot drift from the
behaviour. Examples are fragments of a map; they are set in a whole map by
their first key (a claim, an inference's `because`, a node's `premises`, or
the map's own keys), with the source document the quotes come from.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from argmap.config import Config
from argmap.lint.runner import check_paths
from argmap.rules import RULES, Rule

SOURCE = (
    "For them, it is revenge against the stronger West. For them, any form of resistance "
    "to the West is a victory. But there is no direct connection between the failures of "
    "the military and the weakening of Putin's power.\n"
)
HEADER = "argmap: 1\nid: demo\ntitle: Demo\nsource:\n  file: ../seeds/article.txt\n"
# What the examples refer to without defining it: each claim or inference
# that the example does not define itself, as one more conclusion.
CONTEXT = {
    "juntas": "The Greek and Argentinian juntas fell after failed military adventures.",
    "revenge": "Putin's supporters see the invasion as revenge on the West.",
}


def _context(example: str) -> str:
    items = ""
    for node_id, text in CONTEXT.items():
        if f"id: {node_id}\n" not in example:
            items += f"          - id: {node_id}\n            text: {text}\n            implicit: true\n"
    inference = "from-history" if "id: from-history\n" not in example else "from-context"
    return (
        "  - id: context\n    text: Juntas that lose wars fall, and so may others.\n    implicit: true\n"
        f"    because:\n      - id: {inference}\n        warrant: What happened before happens again.\n"
        "        premises:\n"
        + (
            items
            or "          - id: context-premise\n            text: A premise.\n            implicit: true\n"
        )
    )


# Examples that cannot stand in one map file, and why.
NOT_RUNNABLE = {
    "M305": "needs two map files",
    "Q503": "about the source's path",
    "Q504": "about the source's path",
    "Q505": "needs the whole article",
    "Q506": "needs a PDF",
}


def _examples(rule: Rule) -> tuple[str, str]:
    fails = rule.doc[rule.doc.index("Fails") :]
    passes = rule.doc[rule.doc.index("Passes") :]
    block = re.compile(r"```yaml\n(.*?)```", re.DOTALL)
    return block.findall(fails)[0], block.findall(passes)[0]


def whole_map(example: str) -> str:
    example = textwrap.dedent(example)
    first = example.lstrip().split(":", 1)[0]
    if first == "- id":
        body = "conclusions:\n" + textwrap.indent(example, "  ")
    elif first == "because":
        body = "conclusions:\n  - id: claim\n    text: The claim.\n    implicit: true\n" + textwrap.indent(
            example, "    "
        )
    elif first == "premises":
        body = (
            "conclusions:\n  - id: claim\n    text: The claim.\n    implicit: true\n    because:\n"
            "      - id: inference\n        warrant: The link.\n" + textwrap.indent(example, "        ")
        )
    elif first == "expect":
        return HEADER + example + _context(example)
    else:
        body = example
    return HEADER + body + _context(example)


RUNNABLE = [rule for rule in RULES if rule.code not in NOT_RUNNABLE]


def _codes(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "seeds").mkdir(exist_ok=True)
    (tmp_path / "seeds" / "article.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "maps").mkdir(exist_ok=True)
    path = tmp_path / "maps" / "demo.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_paths([path], Config(), cwd=tmp_path)
    return [problem.code for problem in result.problems]


@pytest.mark.parametrize("rule", RUNNABLE, ids=lambda rule: rule.code)
def test_the_failing_example_fails_and_the_passing_one_passes(tmp_path: Path, rule: Rule) -> None:
    fails, passes = _examples(rule)
    failing = _codes(tmp_path, whole_map(fails))
    passing = _codes(tmp_path, whole_map(passes))
    # Both examples are maps the loader and the schema accept: the rule decides.
    assert [code for code in failing + passing if code[0] in "LS"] == []
    assert rule.code in failing, whole_map(fails)
    assert rule.code not in passing, whole_map(passes)
