"""Properties that must hold for every valid map, found by Hypothesis.

The strategy builds maps the way authors do: conclusions with inferences of
one to three premises, counterexamples on claims and on inferences (each a
claim that may be argued for and attacked in turn), implicit premises,
quotes, warrants, and refs to claims defined anywhere in the map, with texts
drawn from all of Unicode (control characters, quotes, line separators,
right-to-left marks...). On every such map:

- `check` and `export` never raise;
- the export is deterministic and does not depend on the order in which
  siblings and keys are written (line and column aside);
- the formatter is idempotent and keeps the meaning (same export);
- the DOT of the diagram is built without error, the same every time, and
  does not depend on the order of the YAML either.

And on any text at all, and any YAML document, the loader and `check` end
with problems, never with an uncaught exception.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.config import Config
from argmap.input.yaml_reader import load_text
from argmap.lint.runner import CheckResult, check_paths
from argmap.output.checked_export import export_document
from argmap.problems import Severity
from tests.adversarial.conftest import yaml_double_quoted

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

HAS_FMT = importlib.util.find_spec("argmap.authoring.fmt") is not None
HAS_RENDER = importlib.util.find_spec("argmap.diagram.dot") is not None

# --- a strategy for valid maps ---------------------------------------------------------

# Texts from all of Unicode but surrogates (which YAML cannot carry), often
# with the characters that break naive quoting.
_NASTY = st.sampled_from(
    [
        *list(":#-?[]{},&*!|>'\"%@`\\\t\n\r\x00\x1b\x85\u2028\u2029\ufeff\u202e\u200b "),
        "yes",
        "null",
        "~",
        "0x1F",
        "1e3",
        "---",
        "...",
    ]
)
texts = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30),
    st.lists(st.one_of(_NASTY, st.text(min_size=1, max_size=5)), min_size=1, max_size=8).map("".join),
).filter(lambda text: text != "")


@st.composite
def claim_trees(draw: st.DrawFn, max_nodes: int = 25, unique_texts: bool = False) -> dict[str, Any]:
    """A map's data (plain dicts and lists), with unique ids and refs to claims.

    With `unique_texts`, each claim's text ends with its id, so that no two
    claims say the same (A408 names, for each duplicate, a partner that
    depends on the order of the file).
    """
    counter = iter(range(1, 10_000))
    budget = [draw(st.integers(min_value=1, max_value=max_nodes))]
    claims: list[str] = []
    containers: list[list[dict[str, Any]]] = []  # lists where a claim ref may stand

    def spend() -> bool:
        budget[0] -= 1
        return budget[0] >= 0

    def claim(depth: int) -> dict[str, Any]:
        node_id = f"c{next(counter)}"
        node: dict[str, Any] = {
            "id": node_id,
            "text": draw(texts) + (f" ({node_id})" if unique_texts else ""),
        }
        claims.append(node["id"])
        kind = draw(st.sampled_from(["quote", "quotes", "implicit", "none"]))
        if kind == "quote":
            node["quote"] = draw(texts)
        elif kind == "quotes":
            node["quote"] = draw(st.lists(texts, min_size=1, max_size=3))
        elif kind == "implicit":
            node["implicit"] = True
        if draw(st.booleans()) and draw(st.booleans()):
            node["note"] = draw(texts)
        if depth < 4 and spend() and draw(st.booleans()):
            node["because"] = [inference(depth) for _ in range(draw(st.integers(1, 2)))]
        if depth < 4 and spend() and draw(st.integers(0, 3)) == 0:
            attackers = [claim(depth + 1) for _ in range(draw(st.integers(1, 2)))]
            node["counterexamples"] = attackers
            containers.append(attackers)
        return node

    def inference(depth: int) -> dict[str, Any]:
        node: dict[str, Any] = {"id": f"i{next(counter)}"}
        if draw(st.booleans()):
            node["warrant"] = draw(texts)
        premises = [claim(depth + 1) for _ in range(draw(st.integers(1, 3)))]
        node["premises"] = premises
        containers.append(premises)
        if spend() and draw(st.integers(0, 4)) == 0:
            attackers = [claim(depth + 1) for _ in range(draw(st.integers(1, 2)))]
            node["counterexamples"] = attackers
            containers.append(attackers)
        return node

    conclusions = [claim(0) for _ in range(draw(st.integers(1, 3)))]
    # Refs: some lists gain an item that reuses a claim defined elsewhere.
    for items in containers:
        if draw(st.integers(0, 3)) == 0:
            items.append({"ref": draw(st.sampled_from(claims))})
    data: dict[str, Any] = {"argmap": 1, "id": "prop", "title": draw(texts), "conclusions": conclusions}
    if draw(st.booleans()):
        data["note"] = draw(texts)
    return data


# --- writing YAML, in any order ------------------------------------------------------


def _scalar(value: Any) -> str:
    if isinstance(value, (dict, list)):  # only ever empty here
        return "{}" if isinstance(value, dict) else "[]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    return yaml_double_quoted(str(value))


def to_yaml(data: Any, rng: random.Random | None = None) -> str:
    """Block-style YAML for plain data; with `rng`, keys and sibling nodes shuffled.

    Iterative (an explicit stack of lines to write and values to expand), so
    deep data cannot overflow the stack. A value's first line starts with
    `prefix`; its other lines are indented by `len(prefix)`.
    """
    lines: list[str] = []
    pending: list[tuple[str, Any, str]] = [("value", data, "")]
    while pending:
        task, value, prefix = pending.pop()
        if task == "line":
            lines.append(value)
            continue
        indent = " " * len(prefix)
        work: list[tuple[str, Any, str]] = []
        if isinstance(value, dict):
            entries = list(value.items())
            if rng is not None:
                rng.shuffle(entries)
            for position, (key, item) in enumerate(entries):
                lead = prefix if position == 0 else indent
                if isinstance(item, (dict, list)) and item:
                    work.append(("line", f"{lead}{key}:", ""))
                    work.append(("value", item, indent + "  "))
                else:
                    work.append(("line", f"{lead}{key}: {_scalar(item)}", ""))
        elif isinstance(value, list):
            items = list(value)
            # Lists of nodes are siblings whose order means nothing; a list
            # of quotes keeps its order (the first quote places the node).
            if rng is not None and all(isinstance(item, dict) for item in items):
                rng.shuffle(items)
            for position, item in enumerate(items):
                lead = prefix if position == 0 else indent
                if isinstance(item, (dict, list)) and item:
                    work.append(("value", item, lead + "- "))
                else:
                    work.append(("line", f"{lead}- {_scalar(item)}", ""))
        else:
            work.append(("line", f"{prefix}{_scalar(value)}", ""))
        pending.extend(reversed(work))
    return "\n".join(lines) + "\n"


# --- helpers -----------------------------------------------------------------------------


def check_text(folder: Path, text: str, name: str = "prop.yaml") -> CheckResult:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return check_paths([path], Config(), cwd=folder)


def export_of(result: CheckResult) -> dict[str, Any]:
    assert result.workspace.requested, [problem.message for problem in result.problems]
    document: dict[str, Any] = json.loads(export_document(result, result.workspace.requested[0]))
    return document


def without_positions(document: dict[str, Any]) -> dict[str, Any]:
    """The export with what depends on the layout of the file taken out."""
    # A node's problems are compared as a whole elsewhere: which node a rule
    # blames can follow the file (a support loop is reported at the ref that
    # closes it first; a duplicated text names the first of its twins).
    nodes = [
        {
            key: value
            for key, value in node.items()
            if key not in ("line", "column", "problems", "source_line")
        }
        for node in document["nodes"]
    ]
    # An edge's line and column are those of the item that states it; an edge
    # stated twice (by a definition and by a ref) is kept once, from the item
    # that comes first, so `ref` follows the file too.
    edges = [
        {key: value for key, value in edge.items() if key not in ("line", "column", "ref")}
        for edge in document["edges"]
    ]
    return {**document, "nodes": nodes, "edges": edges, "roots": sorted(document["roots"])}


def _folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("prop")


# --- properties of valid maps --------------------------------------------------------------


@SETTINGS
@given(data=claim_trees())
def test_generated_maps_are_valid_and_round_trip_through_the_loader(data: dict[str, Any]) -> None:
    loaded = load_text(to_yaml(data), "prop.yaml")
    assert loaded.problems == ()
    assert loaded.data == data


@SETTINGS
@given(data=claim_trees(), seed=st.integers(0, 2**32 - 1))
def test_check_and_export_never_raise_and_ignore_the_order_of_the_file(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], seed: int
) -> None:
    folder = _folder(tmp_path_factory)
    result = check_text(folder, to_yaml(data))
    # The generated maps pass the loader and the schema; rules may still find gaps.
    assert not [problem for problem in result.problems if problem.code[0] in "LS"], result.problems
    first = export_of(result)
    assert export_of(check_text(folder, to_yaml(data))) == first  # deterministic

    # The same file name in another folder: only the order of the YAML differs.
    shuffled = check_text(_folder(tmp_path_factory), to_yaml(data, random.Random(seed)))
    other = export_of(shuffled)
    assert without_positions(other) == without_positions(first)
    assert sorted((p.code, p.severity) for p in shuffled.problems) == sorted(
        (p.code, p.severity) for p in result.problems
    )


@pytest.mark.skipif(not HAS_FMT, reason="argmap.authoring.fmt is not there yet")
@SETTINGS
@given(data=claim_trees(), seed=st.integers(0, 2**32 - 1))
def test_formatter_is_idempotent_and_keeps_the_meaning(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], seed: int
) -> None:
    assert_formatter_keeps_meaning(tmp_path_factory, data, seed)


@pytest.mark.skipif(not HAS_FMT, reason="argmap.authoring.fmt is not there yet")
@SETTINGS
@given(data=claim_trees(max_nodes=6), seed=st.integers(0, 2**32 - 1))
def test_formatter_keeps_texts_with_unicode_line_breaks(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], seed: int
) -> None:
    """U+0085, U+2028 and U+2029 end a line for str.splitlines() but not for
    YAML: a tool that counts lines both ways misplaces everything after them."""
    data["title"] = "before\x85after \u2028 and \u2029"
    assert_formatter_keeps_meaning(tmp_path_factory, data, seed)


def assert_formatter_keeps_meaning(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], seed: int
) -> None:
    from argmap.authoring.fmt import format_text

    text = to_yaml(data, random.Random(seed))
    once = format_text(text, "prop.yaml")
    assert once.text is not None, once.problems
    twice = format_text(once.text, "prop.yaml")
    assert twice.text == once.text
    # The fast path (an unchanged text is not read back) agrees with the plain one.
    assert format_text(once.text, "prop.yaml", always_verify=True) == twice
    folder = _folder(tmp_path_factory)
    before = export_of(check_text(folder, text))
    after = export_of(check_text(folder, once.text))
    assert without_positions(after) == without_positions(before)


def _dot_of(folder: Path, text: str) -> str:
    from argmap.diagram.dot import dot_source

    result = check_text(folder, text)
    argmap = result.workspace.requested[0]
    problems = [problem for problem in result.problems if problem.file == argmap.file]
    return dot_source(result.run.context(argmap), problems)


@pytest.mark.skipif(not HAS_RENDER, reason="argmap.diagram.dot is not there yet")
@SETTINGS
@given(data=claim_trees())
def test_dot_is_built_without_error_and_deterministically(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    folder = _folder(tmp_path_factory)
    first = _dot_of(folder, to_yaml(data))
    assert first.startswith("//") or first.lstrip().startswith(("digraph", "strict"))
    assert _dot_of(folder, to_yaml(data)) == first


@pytest.mark.skipif(not HAS_RENDER, reason="argmap.diagram.dot is not there yet")
@SETTINGS
@given(data=claim_trees(unique_texts=True), seed=st.integers(0, 2**32 - 1))
def test_dot_does_not_depend_on_the_order_of_the_file(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], seed: int
) -> None:
    # Without `thesis:`, the thesis is the first conclusion of the file: named
    # here, so that the order of the conclusions may change.
    named = [conclusion["id"] for conclusion in data["conclusions"] if "id" in conclusion]
    if named:
        data = {**data, "thesis": named[0]}
    first = _dot_of(_folder(tmp_path_factory), to_yaml(data))
    shuffled = _dot_of(_folder(tmp_path_factory), to_yaml(data, random.Random(seed)))
    # Tooltips and messages name source lines, which move with the order; and
    # the renderer states nodes and edges in the order of the file (so that
    # the author's order of siblings guides the layout). What is drawn, and
    # how each thing is drawn, must not depend on that order.
    assert sorted(_LINE_NUMBERS.sub("line N", shuffled).splitlines()) == sorted(
        _LINE_NUMBERS.sub("line N", first).splitlines()
    )


_LINE_NUMBERS = re.compile(r"\bline \d+")


# --- any input at all ----------------------------------------------------------------------

yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), texts)
yaml_documents = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(
                st.sampled_from(
                    ["argmap", "id", "title", "conclusions", "text", "because", "premises", "ref"]
                ),
                texts,
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=30,
)


@SETTINGS
@given(text=st.text(max_size=300))
def test_any_text_gives_data_or_problems(text: str) -> None:
    loaded = load_text(text, "any.yaml")
    assert (loaded.data is None) == bool(loaded.problems)
    assert all(problem.severity is Severity.ERROR for problem in loaded.problems)


@SETTINGS
@given(document=yaml_documents)
def test_any_yaml_document_is_checked_without_exception(
    tmp_path_factory: pytest.TempPathFactory, document: Any
) -> None:
    folder = _folder(tmp_path_factory)
    result = check_text(folder, yaml.safe_dump(document, allow_unicode=True))
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message


@SETTINGS
@given(data=claim_trees(max_nodes=8), damage=st.data())
def test_a_damaged_valid_map_gives_problems_not_exceptions(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], damage: st.DataObject
) -> None:
    """Replace one value anywhere in a valid map by anything at all."""
    holders: list[tuple[Any, Any]] = []
    pending: list[Any] = [data]
    while pending:
        current = pending.pop()
        keys = list(current) if isinstance(current, dict) else range(len(current))
        for key in keys:
            holders.append((current, key))
            if isinstance(current[key], (dict, list)):
                pending.append(current[key])
    holder, key = damage.draw(st.sampled_from(holders))
    holder[key] = damage.draw(yaml_documents)
    folder = _folder(tmp_path_factory)
    result = check_text(folder, to_yaml(data))
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message


def test_to_yaml_writes_nested_data_that_reads_back() -> None:
    data = {"a": [{"b": "x", "c": [1, True, None]}, "y"], "d": {"e": "line\nbreak"}, "f": []}
    assert yaml.safe_load(to_yaml(data)) == data
    shuffled = to_yaml(data, random.Random(3))
    assert yaml.safe_load(shuffled)["d"] == data["d"]


# --- many maps on several processes: the same result as one ---------------------------------


def _folder_of_maps(folder: Path, count: int) -> None:
    """Valid maps, maps with gaps, refs across maps, a duplicate map id, broken files."""
    for index in range(count):
        other = f"m{index - 1}" if index else "m0"
        text = (
            f"argmap: 1\nid: m{index}\ntitle: Map {index}\nconclusions:\n"
            f"  - id: claim\n    text: Claim {index % 7}.\n"
            "    because:\n      - id: step\n        premises:\n"
            f"          - id: reason\n            text: Reason {index}.\n"
            f"          - ref: {other}#reason\n"
        )
        if index % 11 == 5:
            text = text.replace(f"id: m{index}\n", "id: m1\n")  # a duplicate map id (M305)
        if index % 13 == 7:
            text = text.replace("argmap: 1", "argmap: 1\ntitle: again")  # a duplicate key (L102)
        (folder / f"map-{index:03d}.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_parallel_check_gives_the_same_result_as_one_process(
    tmp_path: Path, start: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.lint.parallel

    if start == "spawn":
        monkeypatch.setattr(argmap.lint.parallel, "_fork_context", lambda: None)
    elif argmap.lint.parallel._fork_context() is None:
        pytest.skip("fork is not available here")
    _folder_of_maps(tmp_path, 30)
    single = check_paths([tmp_path], Config(), cwd=tmp_path)
    parallel = argmap.lint.parallel.check_paths_parallel(
        [tmp_path], Config(), jobs=3, cwd=tmp_path, min_maps=1
    )
    assert {problem.code for problem in single.problems} >= {"L102", "M305", "M302"}
    assert parallel.problems == single.problems
    assert parallel.workspace.files == single.workspace.files
    assert [argmap.id for argmap in parallel.workspace.requested] == [
        argmap.id for argmap in single.workspace.requested
    ]


def test_parallel_check_stays_in_one_process_for_few_maps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.lint.parallel

    def no_helpers(*arguments: object) -> list[object]:
        raise AssertionError("no helper process for a few maps")

    monkeypatch.setattr(argmap.lint.parallel, "_analyse_in_parallel", no_helpers)
    _folder_of_maps(tmp_path, 5)
    result = argmap.lint.parallel.check_paths_parallel([tmp_path], Config(), jobs=4, cwd=tmp_path)
    assert result.problems == check_paths([tmp_path], Config(), cwd=tmp_path).problems


def test_parallel_check_redoes_the_share_of_a_helper_that_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.lint.parallel

    if argmap.lint.parallel._fork_context() is None:
        pytest.skip("fork is not available here")
    # As if every helper had died (their few problems fit in the pipe, so they exit).
    monkeypatch.setattr(argmap.lint.parallel, "_receive", lambda receiver: None)
    _folder_of_maps(tmp_path, 12)
    result = argmap.lint.parallel.check_paths_parallel([tmp_path], Config(), jobs=2, cwd=tmp_path, min_maps=1)
    assert result.problems == check_paths([tmp_path], Config(), cwd=tmp_path).problems


def test_parallel_check_loads_each_share_of_the_files_in_its_own_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.lint.parallel
    from argmap.input.workspace import load_files as plain_load

    if argmap.lint.parallel._fork_context() is None:
        pytest.skip("fork is not available here")
    loaded_here: list[int] = []  # what this process loaded (helpers record in their own copy)

    def recording_load(files: Sequence[Path], names: Sequence[str], config: Config) -> list[object]:
        loaded_here.append(len(files))
        return plain_load(files, names, config)  # type: ignore[return-value]

    monkeypatch.setattr(argmap.lint.parallel, "load_files", recording_load)
    _folder_of_maps(tmp_path, 30)
    result = argmap.lint.parallel.check_paths_parallel([tmp_path], Config(), jobs=3, cwd=tmp_path, min_maps=1)
    assert loaded_here == [10]
    assert result.problems == check_paths([tmp_path], Config(), cwd=tmp_path).problems


def test_parallel_check_loads_every_file_here_when_a_loading_helper_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.lint.parallel

    if argmap.lint.parallel._fork_context() is None:
        pytest.skip("fork is not available here")

    def failing_helper(sender: Any, *arguments: object) -> None:
        sender.send(("error", "OSError: as if a file had vanished"))
        sender.close()

    monkeypatch.setattr(argmap.lint.parallel, "_loading_helper", failing_helper)
    _folder_of_maps(tmp_path, 12)
    result = argmap.lint.parallel.check_paths_parallel([tmp_path], Config(), jobs=2, cwd=tmp_path, min_maps=1)
    single = check_paths([tmp_path], Config(), cwd=tmp_path)
    assert result.problems == single.problems
    assert result.workspace.files == single.workspace.files


def test_parallel_check_within_idle_cores_starts_no_helper_on_a_busy_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.lint.parallel

    def no_helpers(*arguments: object, **keywords: object) -> list[object]:
        raise AssertionError("no helper process when no core is idle")

    monkeypatch.setattr(argmap.lint.parallel, "default_jobs", lambda: 1)
    monkeypatch.setattr(argmap.lint.parallel, "_analyse_in_parallel", no_helpers)
    monkeypatch.setattr(argmap.lint.parallel, "_load_in_parallel", no_helpers)
    _folder_of_maps(tmp_path, 25)
    result = argmap.lint.parallel.check_paths_parallel(
        [tmp_path], Config(), jobs=2, cwd=tmp_path, min_maps=1, within_idle_cores=True
    )
    assert result.problems == check_paths([tmp_path], Config(), cwd=tmp_path).problems


# --- fmt loses nothing: every scalar style, comments everywhere ---------------------------

# Words that break naive quoting, so that plain, single- and double-quoted
# texts all occur; "§" never does, so a comment's token is found only where
# the comment is.
_FMT_WORDS = [
    "word",
    "claim",
    "yes",
    "n",
    "Y",
    "off",
    "null",
    "~",
    "1",
    "0o17",
    "1e3",
    "2022-11-10",
    "01:58:12",
    "a:",
    ":b",
    "#x",
    "-",
    "?",
    "[x]",
    "{y}",
    "&a",
    "*b",
    "!t",
    "%p",
    "@at",
    "`t`",
    "|",
    ">",
    "'q'",
    '"dq"',
    "\\",
    "é",
    "Putin’s",
    "ok,",
    "end.",
]
_COMMENT_WORDS = ["", " note", "#hash", " é ’", " - item", " key: value", " 'q' \"dq\" |>"]


class _CommentedWriter:
    """Writes a small map with each text in a random style, and a comment,
    each with a unique token, at random places where YAML allows one."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.lines: list[str] = []
        self.tokens: list[str] = []

    def comment(self) -> str:
        token = f"§{len(self.tokens)}§"
        self.tokens.append(token)
        return "#" + self.rnd.choice(_COMMENT_WORDS) + " " + token

    def eol(self) -> str:
        return "  " + self.comment() if self.rnd.random() < 0.3 else ""

    def own_lines(self, column: int, after_block: bool) -> None:
        if self.rnd.random() < 0.15:
            self.lines.append("")
        for _ in range(self.rnd.choice([0, 0, 0, 1, 2])):
            # After a block text a deeper comment line would be part of the text.
            columns = [0, column] if after_block else [0, column, column + 2, column + 5]
            self.lines.append(" " * self.rnd.choice(columns) + self.comment())

    def words(self) -> str:
        # Now and then longer than a line, so that fmt folds it (or must not).
        count = self.rnd.randint(1, 6) if self.rnd.random() < 0.8 else self.rnd.randint(20, 40)
        return " ".join(self.rnd.choice(_FMT_WORDS) for _ in range(count))

    def flow_scalar(self, column: int) -> list[str]:
        """A plain, single- or double-quoted text, on one line or folded over several."""
        value = self.words()
        style = self.rnd.choice(["plain", "single", "double"])
        if style == "plain" and load_text(f"k: {value}\n", "k").data != {"k": value}:
            style = "double"
        if style == "single":
            written = "'" + value.replace("'", "''") + "'"
        elif style == "double":
            written = yaml_double_quoted(value)
        else:
            written = value
        pieces = written.split(" ")
        lines = [pieces[0]]
        for piece in pieces[1:]:
            # A break at a single space between two words folds back into that space.
            if self.rnd.random() < 0.25 and lines[-1][-1:] not in (" ", "\\") and piece[:1].isalnum():
                lines.append(" " * (column + 2) + piece)
            else:
                lines[-1] += " " + piece
        return lines

    def block_scalar(self, column: int, indicator_allowed: bool) -> tuple[str, list[str]]:
        """A `|` or `>` block: chomping and indentation indicators, more-indented
        lines, blank lines inside and after it."""
        indicator = self.rnd.choice([0, 0, 1, 2, 3]) if indicator_allowed else 0
        header = (
            self.rnd.choice("|>") + (str(indicator) if indicator else "") + self.rnd.choice(["", "-", "+"])
        )
        content = column + (indicator or 2)
        lines: list[str] = []
        for number in range(self.rnd.randint(1, 4)):
            if number and self.rnd.random() < 0.2:
                lines.append("")
                continue
            # Without an indicator the first line sets the indentation; with
            # one, the first line may be deeper too.
            deeper = self.rnd.choice([0, 0, 1, 2, 4]) if number or indicator else 0
            lines.append(" " * (content + deeper) + self.words())
        lines += [""] * self.rnd.choice([0, 0, 1, 2])
        return header, lines

    def text(self, prefix: str, column: int, *, item: bool = False) -> None:
        """`prefix` (`key:` or `-`) and a text in a random style, perhaps tagged."""
        tag = self.rnd.random() < 0.2
        tag_text = " !!str" if tag else ""
        if self.rnd.random() < 0.35:
            header, block = self.block_scalar(column, indicator_allowed=not item)
            self.lines.append(f"{prefix}{tag_text} {header}{self.eol()}")
            self.lines.extend(block)
            self.after_block = True
            return
        lines = self.flow_scalar(column)
        if tag and self.rnd.random() < 0.6:
            # A comment between the tag and its text, the text on the next line.
            self.lines.append(f"{prefix}{tag_text}  {self.comment()}")
            lines[0] = " " * (column + 2) + lines[0]
            self.lines.extend(lines[:-1])
            self.lines.append(lines[-1] + self.eol())
        else:
            self.lines.append(f"{prefix}{tag_text} {lines[0]}" + ("" if len(lines) > 1 else self.eol()))
            if len(lines) > 1:
                self.lines.extend(lines[1:-1])
                self.lines.append(lines[-1] + self.eol())
        self.after_block = False

    def mapping(self, entries: list[tuple[str, Any]], column: int, dash: int | None = None) -> None:
        self.rnd.shuffle(entries)
        for index, (key, value) in enumerate(entries):
            prefix = " " * column + key + ":"
            if index == 0 and dash is not None:
                prefix = " " * dash + "- " + " " * (column - dash - 2) + key + ":"
            else:
                self.own_lines(column, self.after_block)
            self.entry(prefix, value, column)

    def entry(self, prefix: str, value: Any, column: int) -> None:
        if value == "text":
            self.text(prefix, column)
        elif isinstance(value, str):  # an id, a number: written as it is
            self.lines.append(f"{prefix} {value}{self.eol()}")
            self.after_block = False
        elif isinstance(value, tuple):  # a list of texts
            self.lines.append(prefix + self.eol())
            self.after_block = False
            dash = column + self.rnd.choice([0, 2])
            for _ in value:
                self.own_lines(dash, self.after_block)
                self.text(" " * dash + "-", dash + 2, item=True)
        else:  # a list of nodes
            self.lines.append(prefix + self.eol())
            self.after_block = False
            dash = column + self.rnd.choice([0, 2])
            for node in value:
                self.own_lines(dash, self.after_block)
                self.mapping(list(node.items()), dash + 2, dash=dash)

    def document(self) -> str:
        self.after_block = False
        if self.rnd.random() < 0.5:
            self.lines.append(self.comment())
        premise = {"id": "p", "text": "text", "implicit": "true"}
        inference = {"id": "i", "warrant": "text", "premises": [premise]}
        conclusion = {
            "id": "c",
            "text": "text",
            "note": "text",
            "quote": ("text", "text"),
            "because": [inference],
        }
        top = [
            ("argmap", "1"),
            ("id", "m"),
            ("title", "text"),
            ("note", "text"),
            ("conclusions", [conclusion]),
        ]
        self.mapping(top, 0)
        if self.rnd.random() < 0.4:
            self.lines.append(self.comment())
        return "\n".join(self.lines) + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_fmt_keeps_every_text_in_every_style_and_every_comment(seed: int) -> None:
    from argmap.authoring.fmt import format_text

    writer = _CommentedWriter(random.Random(seed))
    text = writer.document()
    loaded = load_text(text, "prop.yaml")
    assert loaded.data is not None, (loaded.problems, text)  # the writer writes valid YAML
    once = format_text(text, "prop.yaml")  # FormatError (meaning or a comment lost) fails the test
    assert once.text is not None, (once.problems, text)
    assert load_text(once.text, "prop.yaml").data == loaded.data
    for token in writer.tokens:
        assert once.text.count(token) == 1, (token, text, once.text)
    assert format_text(once.text, "prop.yaml").text == once.text
    assert format_text(once.text, "prop.yaml", always_verify=True) == format_text(once.text, "prop.yaml")


# --- fast paths held to the plain algorithm --------------------------------

_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=6), children, max_size=4)
        | st.tuples(children, children)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(document=_JSON_VALUES)
def test_indented_json_writes_the_bytes_of_json_dumps(document: Any) -> None:
    from argmap.output.json_text import indented_json

    assert indented_json(document) == json.dumps(document, indent=2, ensure_ascii=False)


def test_indented_json_leaves_other_keys_and_values_to_json_dumps() -> None:
    from argmap.output.json_text import indented_json

    for document in ({1: "a", None: [True]}, {"a": {2.5: 1}}, [{"x": 1}, 10**30]):
        assert indented_json(document) == json.dumps(document, indent=2, ensure_ascii=False)
