"""Every code argmap can report, with its documentation.

This is the one table of codes: the loader's (L1xx, argmap/input/yaml_reader.py),
the schema's (S2xx, argmap/input/schema.py), the Carneades import's refusals
(I6xx, argmap/interchange/carneades.py), the rules' (M3xx, A4xx, Q5xx:
one module each in argmap/rules/, registered in `RULES`) and the meta codes
(X0xx, argmap/lint/runner.py), each with its name, default severity, state,
documentation, options and the module that emits it. The loader and the
schema come before the rules in the pipeline and cannot import this table;
tests/rules/test_catalogue.py checks that every code string in the source is
here and that each code's module really emits it.

Rules document themselves (their module docstrings, see argmap/rules/);
the loader's and the schema's refusals are not rules one can turn off one
node at a time, but they have stable codes too, documented here, so that
`argmap rules` explains every code a user can meet.
"""

from __future__ import annotations

import enum
import inspect

import attrs

from argmap.config import Option
from argmap.problems import Severity

# The meta codes, emitted by argmap/lint/runner.py.
UNUSED_IGNORE = "X001"
UNKNOWN_IGNORE = "X002"
CANNOT_CHECK = "X003"


class State(enum.Enum):
    """How settled a code is (as in ruff): a stable code keeps its number and name forever."""

    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"


@attrs.frozen
class CodeInfo:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    family: str
    # The module that builds the problems of this code.
    emitted_by: str
    state: State = State.STABLE
    options: tuple[Option, ...] = ()


# code, name, family, documentation; the module that emits each family is in _EMITTERS.
_FIXED: tuple[tuple[str, str, str, str], ...] = (
    (
        "L101",
        "yaml-syntax",
        "load",
        """The file is not valid YAML.

    The message names what the parser expected and shows the line with a caret.
    The usual causes: a tab in the indentation (YAML indents with spaces), a
    text containing `: ` or starting with a quote, `[`, `{`, `*`, `&`, `!`, `@`
    or a backtick that is not in double quotes, or an indentation that does
    not line up with its siblings.

    Fails:

    ```yaml
    text: Putin's supporters: they see revenge
    ```

    Passes:

    ```yaml
    text: "Putin's supporters: they see revenge"
    ```
    """,
    ),
    (
        "L102",
        "duplicate-key",
        "load",
        """A mapping has the same key twice.

    YAML parsers silently keep the last value, so what the author wrote
    first would be lost without a word. argmap refuses the file and names
    both lines.

    Fails:

    ```yaml
    - id: revenge
      text: Supporters see revenge on the West.
      text: Supporters see the invasion as revenge.
    ```

    Passes: keep one `text`.
    """,
    ),
    (
        "L103",
        "anchor-or-alias",
        "load",
        """The file uses YAML anchors (`&name`) or aliases (`*name`).

    Aliases make one node appear in several places without saying so, and
    can expand exponentially (the "billion laughs" attack). argmap refuses
    them at the first anchor. To reuse a claim, give it an `id` and write
    `- ref: that-id` where it recurs.

    Fails:

    ```yaml
    premises:
      - &rev {id: revenge, text: Supporters see revenge.}
      - *rev
    ```

    Passes:

    ```yaml
    premises:
      - id: revenge
        text: Supporters see revenge.
    counterexamples:
      - ref: revenge
    ```
    """,
    ),
    (
        "L104",
        "custom-tag",
        "load",
        """The file uses a YAML tag such as `!include` or `!!python/object`.

    Tags ask the reader to build something other than plain data; maps are
    plain data. The core tags that change nothing (`!!str`, `!!int`, ...) are
    accepted.

    Fails: `text: !include other.yaml`

    Passes: `text: "!include is not a tag when quoted"`
    """,
    ),
    (
        "L105",
        "file-too-large",
        "load",
        """The file is larger than the limit for one map (32 MiB by default).

    The limit keeps a mistaken or hostile file from exhausting memory. Split
    the map, or raise the limit with `max-file-size = "64MiB"` in
    `[tool.argmap]` or `argmap.toml`, or `--max-file-size` on the command line.
    """,
    ),
    (
        "L106",
        "too-deep",
        "load",
        """The map nests deeper than the limit (200 levels by default).

    Each level of argument takes about four levels of YAML. Flatten deep
    chains with `ref`, or raise `max-depth` in the configuration.
    """,
    ),
    (
        "L107",
        "not-utf8",
        "load",
        """The file is not valid UTF-8.

    Maps are UTF-8 text (a byte-order mark is fine). The position points at
    the first byte that is not UTF-8; save the file as UTF-8 in your editor.
    """,
    ),
    (
        "L108",
        "empty-file",
        "load",
        """The file is empty, or holds only comments.

    Start a map with `argmap new FILE --source DOCUMENT`.
    """,
    ),
    (
        "L109",
        "not-a-mapping",
        "load",
        """The top level of the file is a list or a single value.

    A map is a mapping: `argmap: 1`, `id:`, `title:`, `conclusions:` and so on.
    """,
    ),
    (
        "L110",
        "several-documents",
        "load",
        """The file holds more than one YAML document (`---` separators).

    One file holds one map; put each map in a file of its own.
    """,
    ),
    (
        "L111",
        "complex-key",
        "load",
        """A key is a list or a mapping.

    Keys of a map are plain words such as `text` or `because`.
    """,
    ),
    (
        "S201",
        "unsupported-version",
        "schema",
        """The map declares a format version this argmap does not read.

    `argmap: 1` is the only version so far. A map written for a newer format
    needs a newer argmap.

    Fails: `argmap: 2`

    Passes: `argmap: 1`
    """,
    ),
    (
        "S202",
        "missing-key",
        "schema",
        """A required key is missing.

    Every claim needs `id` and `text`, every inference `id` and `premises`,
    the map `argmap`, `id`, `title` and `conclusions`. The problem stands at
    the line of the node that lacks the key.

    Fails:

    ```yaml
    - id: revenge
      quote: For them, it is revenge against the stronger West.
    ```

    Passes: add `text: Supporters see the invasion as revenge on the West.`
    """,
    ),
    (
        "S203",
        "unknown-key",
        "schema",
        """A key that the format does not know, usually a typo.

    Unknown keys are refused rather than ignored, so a misspelt `qoute` does
    not silently leave a claim without its quote. The message suggests the
    nearest known key.

    Fails: `qoute: For them, it is revenge.`

    Passes: `quote: For them, it is revenge.`
    """,
    ),
    (
        "S204",
        "wrong-type",
        "schema",
        """A value has the wrong type: a number where a text belongs, a text where a list belongs.

    YAML reads `1991` and `true` as a number and a boolean: put such texts in
    double quotes.

    Fails: `text: 1991`

    Passes: `text: "1991"`
    """,
    ),
    (
        "S205",
        "invalid-id",
        "schema",
        """An id, role, scheme, tag or reference is not a slug.

    Ids are lowercase letters, digits, `-` and `_`, such as `no-direct-link`;
    a reference is `some-id` or `map-id#some-id`.

    Fails: `id: No Direct Link`

    Passes: `id: no-direct-link`
    """,
    ),
    (
        "S206",
        "quote-and-implicit",
        "schema",
        """A claim has both `quote` and `implicit`.

    A claim is either stated by the source (and quoted) or reconstructed by
    the analyst (implicit), not both.

    Fails:

    ```yaml
    - id: losers-fall
      text: Leaders who lose wars lose power.
      quote: Other leaders may have already been removed
      implicit: true
    ```

    Passes: keep one of the two.
    """,
    ),
    (
        "S207",
        "invalid-value",
        "schema",
        # The first line is the summary `argmap rules` lists, so it stays one line of the value.
        "A value breaks a rule of the format other than its type: an empty list or text, "
        "a URL that is not http(s), a repeated tag, a rule code that is not a code."
        """

    Fails: `url: ftp://example.org/x`

    Passes: `url: https://example.org/x`
    """,
    ),
    (
        "I601",
        "carneades-not-a-graph",
        "import",
        """`argmap import --from carneades`: the file is not a Carneades 4 argument graph.

    An unknown key (with the key Carneades knows that is closest), a value
    of the wrong type, a reference to a statement the graph does not
    declare (a premise, a conclusion, an undercutter, a position, an entry
    of `tests:`), an undefined scheme or weighing function, or a graph
    without statements. Nothing is written; exit code 1.

    Fails: `premises: [q, r]` where `statements:` declares no `r`.

    Passes: declare `r` under `statements:`.
    """,
    ),
    (
        "I602",
        "carneades-unsupported",
        "import",
        """`argmap import --from carneades`: the graph uses what argmap cannot evaluate faithfully.

    Schemes with CHR `deletions` or `guards` (Carneades runs them in a
    Constraint Handling Rules engine; argmap instantiates schemes by
    forward chaining only), a scheme whose conclusion keeps a variable its
    premises do not bind, and rules that never stop (more than 10,000
    applications, or terms nested deeper than 20 levels). The map would
    not get Carneades's labels, so nothing is written; exit code 1.
    docs/interchange.md lists the examples of Carneades 4 this refuses.

    Fails: a scheme with `deletions: [leq(X,X)]`.

    Passes: the arguments it would construct, stated under `arguments:`.
    """,
    ),
    (
        "X001",
        "unused-ignore",
        "meta",
        """An `ignore` entry silences nothing.

    Suppressions outlive the problems they silenced unless someone notices:
    when the problem is fixed, remove the ignore.

    Fails:

    ```yaml
    - id: revenge
      text: ...
      quote: ...
      ignore: {A407: "reconstructed"}   # A407 does not fire here
    ```

    Passes: remove the `ignore`.
    """,
    ),
    (
        "X002",
        "unknown-ignore",
        "meta",
        """An `ignore` entry names a code that argmap does not know.

    Usually a typo; `argmap rules` lists the codes.
    """,
    ),
    (
        "X003",
        "cannot-check",
        "meta",
        """argmap could not check the file at all (the language server's report).

    On the command line the same failure is an `argmap: ...` line and exit
    code 2: a configuration that does not validate, a map outside the
    project, a file argmap may not read. In an editor it is shown on the
    first line of the file, with the same message and hint.
    """,
    ),
)


_EMITTERS = {
    "load": "argmap.input.yaml_reader",
    "schema": "argmap.input.schema",
    "meta": "argmap.lint.runner",
    "import": "argmap.interchange.carneades",
}
# Codes emitted elsewhere than their family's module.
_EMITTED_BY = {"X003": "argmap.lsp.analysis"}
# Codes not yet stable (none so far); every other code is stable.
_STATES: dict[str, State] = {}


def all_codes() -> list[CodeInfo]:
    """Every code, sorted: the loader's, the schema's, the rules', the meta codes."""
    from argmap.rules import RULES

    infos = [
        CodeInfo(
            code,
            name,
            Severity.ERROR if code[0] in "LSI" else Severity.WARNING,
            *_split_doc(doc),
            family,
            emitted_by=_EMITTED_BY.get(code, _EMITTERS[family]),
            state=_STATES.get(code, State.STABLE),
        )
        for code, name, family, doc in _FIXED
    ]
    infos += [
        CodeInfo(
            rule.code,
            rule.name,
            rule.severity,
            rule.summary,
            rule.doc,
            _family(rule.code),
            emitted_by=rule.module,
            state=_STATES.get(rule.code, State.STABLE),
            options=rule.options,
        )
        for rule in RULES
    ]
    return sorted(infos, key=lambda info: info.code)


def _split_doc(doc: str) -> tuple[str, str]:
    cleaned = inspect.cleandoc(doc)
    return cleaned.splitlines()[0], cleaned


def _family(code: str) -> str:
    return {"M": "structure", "A": "gaps", "Q": "grounding", "E": "evaluation"}.get(code[0], "rules")


def find_code(text: str) -> CodeInfo | None:
    """A code by its code or its name, case-insensitively."""
    wanted = text.strip().lower()
    for info in all_codes():
        if wanted in (info.code.lower(), info.name):
            return info
    return None
