"""What the language server knows about a map, computed by the library.

Everything here works on `Snapshot`s: one check of a map file (its
editor text standing in for the file on disk) with the corpus it sees.
Positions are argmap's: 1-based lines and columns counted in characters.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from argmap.config import Config, configure
from argmap.input.model import ArgMap, Kind, Node, node_key, qualify
from argmap.input.workspace import MapCache
from argmap.input.yaml_reader import YamlMapping, YamlSequence, load_text
from argmap.lint.runner import CheckResult, check_paths, known_codes
from argmap.problems import ArgmapError, Location, Problem
from argmap.rules.catalogue import CANNOT_CHECK

if TYPE_CHECKING:
    from argmap.analysis.schemes import Scheme
    from argmap.grounding.ground import MapGrounding


@attrs.frozen
class Span:
    """A stretch of a file: 1-based, the end just past the last character."""

    file: Path
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of(cls, path: Path, location: Location, length: int = 0) -> Span:
        end_line = location.end_line or location.line
        end_column = location.end_column or location.column + length
        return cls(path, location.line, location.column, end_line, end_column)


@attrs.frozen
class Edit:
    span: Span
    new_text: str


@attrs.frozen
class Fix:
    title: str
    edits: tuple[Edit, ...]
    code: str | None = None


@attrs.frozen
class Snapshot:
    """One check of the map at `path`, as the editor holds it."""

    path: Path
    root: Path
    text: str
    result: CheckResult | None
    argmap: ArgMap | None
    data: YamlMapping | None
    problems: tuple[Problem, ...]
    config: Config | None = None

    def file_of(self, shown: str) -> Path:
        """The file a problem or location names (shown from the project root)."""
        return (self.root / shown).resolve()

    def maps(self) -> tuple[ArgMap, ...]:
        return self.result.workspace.corpus.maps if self.result else ()


def project_of(path: Path) -> Path:
    from argmap.project import NoProject, project_root

    try:
        return project_root(path.parent)
    except NoProject:
        return path.parent


def check(
    path: Path, text: str, buffers: Mapping[Path, bytes] | None = None, cache: MapCache | None = None
) -> Snapshot:
    """Check the map at `path` with `text` as its content (other open maps in `buffers`).

    With a `cache` (the server keeps one), maps whose text did not change
    since an earlier check, this one's or another's, are not read again.
    """
    path = path.resolve()
    root = project_of(path)
    all_buffers = dict(buffers or {})
    all_buffers[path] = text.encode("utf-8")
    cache = cache if cache is not None else MapCache()
    try:
        config = configure([path], known_codes=known_codes())
        result = check_paths([path], config, cwd=root, buffers=all_buffers, cache=cache)
    except ArgmapError as error:
        problem = Problem(CANNOT_CHECK, _error_severity(), path.name, 1, 1, error.message, error.hint)
        return Snapshot(path, root, text, None, None, load_text(text, path.name).data, (problem,))
    requested = result.workspace.requested
    argmap = requested[0] if requested else None
    # The cache holds the data check_paths parsed from this very text: no second parse.
    data = cache.data_of(path)
    return Snapshot(path, root, text, result, argmap, data, result.problems, config)


def _error_severity() -> Any:
    from argmap.problems import Severity

    return Severity.ERROR


def problems_by_file(snapshot: Snapshot) -> dict[Path, list[Problem]]:
    found: dict[Path, list[Problem]] = {snapshot.path: []}
    files: dict[str, Path] = {}  # each name resolved once, not once per problem
    for problem in snapshot.problems:
        file = files.get(problem.file)
        if file is None:
            file = files[problem.file] = snapshot.file_of(problem.file)
        found.setdefault(file, []).append(problem)
    return found


# What stands under the cursor.
@attrs.frozen
class Spot:
    key: str | None  # the key whose scalar value (or which key itself) is under the cursor
    value: Any
    mapping: YamlMapping | None  # the mapping that holds it
    on_key: bool
    span: tuple[int, int, int, int]  # line, column, end line, end column
    parents: tuple[Any, ...]  # the containers from the root down to `mapping`


def spot_at(data: YamlMapping | None, line: int, column: int) -> Spot | None:
    """The scalar (value or key) at a 1-based line and column of the data."""
    if data is None:
        return None
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        container, parents = stack.pop()
        if isinstance(container, YamlMapping):
            for key, value in container.items():
                key_line, key_column, value_line, value_column = container.positions[key]
                if key_line == line and key_column <= column <= key_column + len(key):
                    span = (key_line, key_column, key_line, key_column + len(key))
                    return Spot(key, value, container, True, span, (*parents, container))
                end = container.value_ends.get(key)
                if end is not None and _within((value_line, value_column), end, line, column):
                    span = (value_line, value_column, *end)
                    return Spot(key, value, container, False, span, (*parents, container))
                if isinstance(value, YamlMapping | YamlSequence):
                    stack.append((value, (*parents, container)))
        elif isinstance(container, YamlSequence):
            for index, value in enumerate(container):
                end = container.value_ends.get(index)
                if end is not None and _within(container.positions[index], end, line, column):
                    span = (*container.positions[index], *end)
                    return Spot(None, value, None, False, span, (*parents, container))
                if isinstance(value, YamlMapping | YamlSequence):
                    stack.append((value, (*parents, container)))
    return None


def _within(start: tuple[int, int], end: tuple[int, int], line: int, column: int) -> bool:
    return start <= (line, column) <= end


def node_for_key(snapshot: Snapshot, key: str) -> Node | None:
    return snapshot.result.workspace.corpus.node(key) if snapshot.result else None


def hover(snapshot: Snapshot, line: int, column: int) -> str | None:
    """Markdown for what is under the cursor: a node, a ref, a scheme."""
    spot = spot_at(snapshot.data, line, column)
    if spot is None or snapshot.argmap is None or spot.on_key:
        return None
    argmap = snapshot.argmap
    if spot.key == "scheme" and isinstance(spot.value, str):
        return scheme_help(snapshot, spot.value)
    if spot.key == "ref" and isinstance(spot.value, str):
        return node_help(snapshot, qualify(spot.value, argmap.id))
    if spot.key == "id" and spot.mapping is not None and spot.mapping is not snapshot.data:
        return node_help(snapshot, node_key(argmap.id, spot.value))
    if spot.key is None and isinstance(spot.value, str) and _in_expect(spot, snapshot.data):
        return node_help(snapshot, qualify(spot.value, argmap.id))
    return None


def _in_expect(spot: Spot, data: YamlMapping | None) -> bool:
    expect = data.get("expect") if data is not None else None
    return isinstance(expect, YamlMapping) and any(parent is expect for parent in spot.parents)


def scheme_help(snapshot: Snapshot, scheme_id: str) -> str | None:
    from argmap.analysis.schemes import catalogue_for

    if snapshot.config is None:
        return None
    scheme = catalogue_for(snapshot.config).get(scheme_id)
    return None if scheme is None else scheme_markdown(scheme)


def scheme_markdown(scheme: Scheme) -> str:
    """A scheme's title, description, roles and critical questions, in Markdown."""
    lines = [f"**{scheme.title}** (`{scheme.id}`)", "", scheme.description, "", "Roles:"]
    lines += [
        f"- `{role.id}`{'' if role.required else ' (optional)'}: {role.description}" for role in scheme.roles
    ]
    lines += ["", "Critical questions:"]
    lines += [f"- `{question.id}`: {question.text}" for question in scheme.questions]
    return "\n".join(lines)


def node_help(snapshot: Snapshot, key: str) -> str | None:
    """A node's kind, words, status and why, quote with its source line, problems."""
    from argmap.analysis.evaluate import evaluation_for
    from argmap.grounding.ground import grounding_for

    node = node_for_key(snapshot, key)
    result = snapshot.result
    if node is None or result is None:
        return None
    owner = result.workspace.corpus.map(node.map_id)
    if owner is None:
        return None
    context = result.run.context(owner)
    evaluation = evaluation_for(context)
    lines = [f"**{node.kind.value}** `{node.key}`", ""]
    if node.text:
        lines += [node.text, ""]
    if node.warrant:
        lines += [f"warrant: {node.warrant}", ""]
    lines += [f"status: **{evaluation.status(key).value}**: {evaluation.explain(key)}", ""]
    grounding = grounding_for(context)
    for quote_check in grounding.quotes:
        if quote_check.node != key:
            continue
        where = (
            f" (`{grounding.source_file}` line {quote_check.line})"
            if quote_check.line is not None
            else f" (not found in `{grounding.source_file}`)"
        )
        lines += [f"> {quote_check.quote.text}", "", f"quote{where}", ""]
    mine = [problem for problem in snapshot.problems if problem.node == key]
    for problem in mine:
        lines.append(f"- {problem.code} [{problem.severity.label}] {problem.message}")
    if snapshot.argmap is None or owner.file != snapshot.argmap.file:
        lines += ["", f"defined in `{owner.file}` line {node.location.line}"]
    return "\n".join(lines).strip()


def definition(snapshot: Snapshot, line: int, column: int) -> Span | None:
    """Where what is under the cursor is defined: a ref's node, a quote's passage, the source file."""
    spot = spot_at(snapshot.data, line, column)
    argmap = snapshot.argmap
    if spot is None or argmap is None or snapshot.result is None:
        return None
    if spot.key == "ref" or (spot.key is None and _in_expect(spot, snapshot.data)):
        node = node_for_key(snapshot, qualify(str(spot.value), argmap.id))
        if node is None:
            return None
        owner = snapshot.result.workspace.corpus.map(node.map_id)
        if owner is None or owner.path is None:
            return None
        return Span.of(owner.path, node.location_of("id"), len("id"))
    source = snapshot.data.get("source") if snapshot.data is not None else None
    if spot.key == "file" and spot.mapping is source and isinstance(spot.value, str):
        target = (snapshot.path.parent / spot.value).resolve()
        return Span(target, 1, 1, 1, 1) if target.is_file() else None
    quote_text = spot.value if isinstance(spot.value, str) else None
    if quote_text is not None and (spot.key == "quote" or spot.key is None):
        return quote_passage(snapshot, quote_text, spot.span[0])
    return None


def _nearest_passage(snapshot: Snapshot, problem: Problem) -> str | None:
    """The source's passage nearest to the quote a Q501 stands at, from the
    grounding itself (the hint's wording is for people, not for parsing)."""
    grounding = _grounding(snapshot)
    if grounding is None:
        return None
    for quote_check in grounding.quotes:
        location = quote_check.quote.location
        nearest = quote_check.match.nearest
        if nearest is not None and (location.line, location.column) == (problem.line, problem.column):
            return nearest.text
    return None


def _grounding(snapshot: Snapshot) -> MapGrounding | None:
    """The grounding of the snapshot's map, when it could be checked."""
    from argmap.grounding.ground import grounding_for

    if snapshot.result is None or snapshot.argmap is None:
        return None
    return grounding_for(snapshot.result.run.context(snapshot.argmap))


def quote_passage(snapshot: Snapshot, text: str, line: int) -> Span | None:
    grounding = _grounding(snapshot)
    if grounding is None or snapshot.argmap is None:
        return None
    if grounding.source_location is None and grounding.source_file is None:
        return None
    for quote_check in grounding.quotes:
        if quote_check.quote.text == text and quote_check.quote.location.line == line:
            target_line = quote_check.line or quote_check.nearest_line
            source = snapshot.argmap.source
            if target_line is None or source is None or source.file is None:
                return None
            target = (snapshot.path.parent / source.file).resolve()
            return Span(target, target_line, 1, target_line, 1)
    return None


def references(snapshot: Snapshot, line: int, column: int, others: Sequence[ArgMap] = ()) -> list[Span]:
    """The definition of the id under the cursor and every ref and expectation naming it."""
    key = key_at(snapshot, line, column)
    if key is None:
        return []
    return [span for span, _ in _uses(snapshot, key, others, with_definition=True)]


def key_at(snapshot: Snapshot, line: int, column: int) -> str | None:
    spot = spot_at(snapshot.data, line, column)
    argmap = snapshot.argmap
    if spot is None or argmap is None or spot.on_key or not isinstance(spot.value, str):
        return None
    if spot.key == "ref" or (spot.key is None and _in_expect(spot, snapshot.data)):
        return qualify(spot.value, argmap.id)
    if spot.key == "id" and spot.mapping is not snapshot.data:
        return node_key(argmap.id, spot.value)
    return None


def _uses(
    snapshot: Snapshot, key: str, others: Sequence[ArgMap], *, with_definition: bool
) -> Iterator[tuple[Span, str]]:
    """Each place naming `key`, with how it is written there."""
    seen: set[str] = set()
    maps = [*snapshot.maps(), *others]
    for argmap in maps:
        if argmap.file in seen or argmap.path is None:
            continue
        seen.add(argmap.file)
        path = argmap.path.resolve()
        if with_definition:
            node = argmap.node_index.get(key)
            if node is not None:
                yield _value_span(path, argmap, node), node.id
        for reference in argmap.references:
            if reference.target == key:
                yield Span.of(path, reference.location, len(reference.written)), reference.written
        for expectation in argmap.expectations:
            if expectation.key == key:
                yield Span.of(path, expectation.location, len(expectation.written)), expectation.written


def _value_span(path: Path, argmap: ArgMap, node: Node) -> Span:
    """The span of a node's `id` value (the model keeps where the key is)."""
    key_location = node.location_of("id")
    lines = _lines_of(path)
    if 1 <= key_location.line <= len(lines):
        text = lines[key_location.line - 1]
        match = re.compile(r"id\s*:\s*['\"]?").match(text, key_location.column - 1)
        if match:
            start = match.end() + 1
            return Span(path, key_location.line, start, key_location.line, start + len(node.id))
    return Span.of(path, key_location, 2)


_LINES: dict[Path, list[str]] = {}


def _lines_of(path: Path) -> list[str]:
    return _LINES.get(path) or _read_lines(path)


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def rename(
    snapshot: Snapshot, line: int, column: int, new_id: str, others: Sequence[ArgMap] = ()
) -> list[Edit] | None:
    """Edits that rename the node under the cursor everywhere it is named."""
    key = key_at(snapshot, line, column)
    if key is None or not re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", new_id):
        return None
    edits: list[Edit] = []
    for span, written in _uses(snapshot, key, others, with_definition=True):
        prefix, sep, _ = written.rpartition("#")
        edits.append(Edit(span, f"{prefix}{sep}{new_id}"))
    return edits


def code_fixes(snapshot: Snapshot, problem: Problem) -> list[Fix]:
    """The fixes argmap can offer for one of the snapshot's problems."""
    fixes: list[Fix] = []
    lines = snapshot.text.splitlines()
    if problem.code == "Q501" and problem.end_line and problem.end_column:
        nearest = _nearest_passage(snapshot, problem)
        if nearest is not None:
            span = Span(snapshot.path, problem.line, problem.column, problem.end_line, problem.end_column)
            new = json.dumps(nearest, ensure_ascii=False)
            if problem.end_column == 1 and problem.end_line > problem.line:
                new += "\n"  # a block scalar ends at the start of the next line
            fixes.append(Fix(f"Replace the quote with the source's “{nearest}”", (Edit(span, new),), "Q501"))
    node = node_for_key(snapshot, problem.node) if problem.node else None
    item = _item_of(snapshot.data, node.id) if node is not None else None
    if item is not None and node is not None and problem.code[0] not in "LS":
        indent = " " * (item.column - 1)
        id_line = item.positions["id"][0]
        ignore = item.get("ignore")
        if isinstance(ignore, YamlMapping) and ignore:
            first = next(iter(ignore))
            at_line, at_column = ignore.positions[first][0], ignore.positions[first][1]
            text = f"{problem.code}: TODO say why this is fine here\n{' ' * (at_column - 1)}"
            span = Span(snapshot.path, at_line, at_column, at_line, at_column)
        else:
            text = f"{indent}ignore:\n{indent}  {problem.code}: TODO say why this is fine here\n"
            span = Span(snapshot.path, id_line + 1, 1, id_line + 1, 1)
        fixes.append(
            Fix(f"Ignore {problem.code} on `{node.id}`, with a reason", (Edit(span, text),), problem.code)
        )
        if problem.code == "A402" and node.kind is Kind.INFERENCE:
            premises = item.get("premises")
            if isinstance(premises, YamlSequence) and premises.positions:
                p_line, p_column = premises.positions[0]
                dash = " " * max(p_column - 3, 0)
                block_style = p_line - 1 < len(lines) and lines[p_line - 1].lstrip().startswith("-")
                if block_style:
                    text = (
                        f"{dash}- id: {node.id}-link\n"
                        f"{dash}  text: TODO the unstated premise that links them\n"
                        f"{dash}  implicit: true\n"
                    )
                    span = Span(snapshot.path, p_line, 1, p_line, 1)
                    fixes.append(Fix("Add an implicit premise", (Edit(span, text),), "A402"))
    return fixes


def _item_of(data: YamlMapping | None, node_id: str) -> YamlMapping | None:
    """The mapping that defines `node_id` in the map's data."""
    if data is None:
        return None
    stack: list[Any] = [data.get("conclusions")]
    while stack:
        current = stack.pop()
        if isinstance(current, YamlSequence):
            stack.extend(current)
        elif isinstance(current, YamlMapping):
            if current.get("id") == node_id and "ref" not in current:
                return current
            stack.extend(current.get(name) for name in ("because", "premises", "counterexamples"))
    return None


def formatted(snapshot: Snapshot) -> str | None:
    """The canonical text of the map (fmt), or None when it cannot be formatted."""
    from argmap.authoring.fmt import format_text

    outcome = format_text(snapshot.text, snapshot.path.name)
    return None if outcome.refused else outcome.text


@attrs.frozen
class Symbol:
    name: str
    detail: str
    kind: Kind | None
    span: Span
    children: tuple[Symbol, ...] = ()


def outline(snapshot: Snapshot) -> list[Symbol]:
    """The map's nodes as nested symbols, in file order."""
    data = snapshot.data
    if data is None:
        return []

    def walk(items: Any, kind: Kind) -> list[Symbol]:
        symbols: list[Symbol] = []
        if not isinstance(items, YamlSequence):
            return symbols
        for index, item in enumerate(items):
            if not isinstance(item, YamlMapping):
                continue
            line, column = items.positions[index]
            name = str(item.get("id") or item.get("ref") or "?")
            detail = str(item.get("text") or item.get("warrant") or item.get("scheme") or "")
            children = (
                walk(item.get("because"), Kind.INFERENCE)
                + walk(item.get("premises"), Kind.PREMISE)
                + walk(item.get("counterexamples"), Kind.COUNTEREXAMPLE)
            )
            shown = ("ref " + name) if "ref" in item else name
            symbols.append(
                Symbol(
                    shown,
                    detail,
                    None if "ref" in item else kind,
                    Span(snapshot.path, line, column, line, column),
                    tuple(children),
                )
            )
        return symbols

    return walk(data.get("conclusions"), Kind.CONCLUSION)


# Completion.
_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?:-\s+)?(?:\{\s*)?(?P<key>[a-z_]+)\s*:\s*(?P<typed>[^\s]*)$")
# Any `key: value` line; `lead` (indentation and dashes) puts the key at its column.
_ANY_KEY_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s+(?P<value>.*))?$")
_ITEM_LINE = re.compile(r"^(?P<indent>\s*)-\s+(?P<typed>[^\s:]*)$")

# The keys completed in each place, read from the schema so that a key the format gains is
# offered at once. A claim's keys depend on where it stands: `role` under an inference's
# premises, `question`, `weaker` and `conceded` on a counterexample, `weight` on both.
_NOT_ON = {
    "conclusion": ("role", "question", "weight", "conceded", "weaker"),
    "premise": ("question", "conceded", "weaker"),
    "counterexample": ("role",),
}


@functools.cache
def node_keys() -> dict[str, tuple[str, ...]]:
    from argmap.input.schema import load_schema

    schema = load_schema()
    claim = tuple(schema["$defs"]["claim"]["properties"])
    keys = {kind: tuple(key for key in claim if key not in excluded) for kind, excluded in _NOT_ON.items()}
    keys["premise"] += ("ref",)
    keys["counterexample"] += ("ref",)
    keys["inference"] = tuple(schema["$defs"]["inference"]["properties"])
    keys["top"] = tuple(schema["properties"])
    return keys


@attrs.frozen
class Completion:
    label: str
    detail: str
    kind: str  # "node", "scheme", "role", "question", "key"
    documentation: str = ""  # Markdown


def completions(snapshot: Snapshot, line: int, column: int, last: Snapshot | None = None) -> list[Completion]:
    """What can be written at the cursor: ids, schemes, roles, questions, keys."""
    lines = snapshot.text.splitlines()
    current = lines[line - 1][: column - 1] if 1 <= line <= len(lines) else ""
    known = snapshot if snapshot.argmap is not None else (last or snapshot)
    match = _KEY_LINE.match(current)
    if match is not None:
        key = match.group("key")
        if key == "ref":
            return _node_ids(known)
        if key == "scheme":
            return _schemes(known)
        if key in ("role", "question"):
            scheme = _enclosing_scheme(lines, line)
            return _scheme_parts(known, scheme, key)
    item = _ITEM_LINE.match(current)
    if item is not None and _under_expect(lines, line):
        return _node_ids(known)
    if re.fullmatch(r"\s*(?:-\s+)?[a-z_]*", current):
        return [Completion(key, "", "key") for key in _keys_for(lines, line, current)]
    return []


def _node_ids(snapshot: Snapshot) -> list[Completion]:
    own = snapshot.argmap
    found: list[Completion] = []
    for argmap in snapshot.maps():
        for node in argmap.nodes:
            if node.kind is Kind.INFERENCE:
                continue
            label = node.id if own is not None and argmap.id == own.id else node.key
            found.append(Completion(label, node.text or "", "node"))
    return sorted(found, key=lambda item: item.label)


def _schemes(snapshot: Snapshot) -> list[Completion]:
    from argmap.analysis.schemes import builtin_schemes, catalogue_for

    schemes = catalogue_for(snapshot.config) if snapshot.config else builtin_schemes()
    return [Completion(scheme.id, scheme.title, "scheme", scheme_markdown(scheme)) for scheme in schemes]


def _scheme_parts(snapshot: Snapshot, scheme_id: str | None, part: str) -> list[Completion]:
    from argmap.analysis.schemes import builtin_schemes, catalogue_for

    if scheme_id is None:
        return []
    schemes = {s.id: s for s in (catalogue_for(snapshot.config) if snapshot.config else builtin_schemes())}
    scheme = schemes.get(scheme_id)
    if scheme is None:
        return []
    if part == "role":
        return [Completion(role.id, role.description, "role") for role in scheme.roles]
    return [Completion(question.id, question.text, "question") for question in scheme.questions]


def _enclosing_scheme(lines: Sequence[str], line: int) -> str | None:
    """The `scheme:` of the inference whose `premises:` or `counterexamples:`
    hold the item the cursor's line belongs to.

    Read from the lines above, by indentation, so that it works while the map
    is half typed: the item's own keys, then its list's key, then that
    mapping's keys up to the line that opens it. A scheme elsewhere (a
    sibling's, an outer inference's) is not this item's.
    """
    own = _ANY_KEY_LINE.match(lines[line - 1])
    if own is None:
        return None
    column = len(own.group("lead"))  # where the keys of the mapping being read stand
    in_item = not own.group("lead").lstrip().startswith("-")  # still inside the cursor's item
    list_key_seen = False
    for number in range(line - 2, -1, -1):
        match = _ANY_KEY_LINE.match(lines[number])
        if match is None:
            continue  # blank, comment, a folded line of text
        lead = match.group("lead")
        at = len(lead)
        opens_item = lead.lstrip().startswith("-")
        if in_item:
            if at > column or (at == column and not opens_item):
                continue  # the item's own keys and what they hold
            in_item = False
            if at == column:  # the line that opens the item
                column = lead.index("-")
                continue
            # a key left of the item without a dash: the list's key itself
        if not list_key_seen:
            if at > column:
                continue
            if match.group("key") not in ("premises", "counterexamples"):
                return None
            list_key_seen = True
            column = at
            if opens_item:
                break  # the inference opens with its list: no scheme above it
            continue
        if at > column:
            continue  # inside a sibling key's value
        if at < column:
            break  # left the inference
        if match.group("key") == "scheme":
            return _scheme_value(match)
        if opens_item:
            break  # the inference's first key: no scheme above
    if not list_key_seen:
        return None
    # The inference may name its scheme after its premises: its keys below the cursor.
    for text in lines[line:]:
        match = _ANY_KEY_LINE.match(text)
        if match is None:
            continue
        at = len(match.group("lead"))
        if at < column or (at == column and match.group("lead").lstrip().startswith("-")):
            return None
        if at == column and match.group("key") == "scheme":
            return _scheme_value(match)
    return None


def _scheme_value(match: re.Match[str]) -> str | None:
    return (match.group("value") or "").split("#")[0].strip().strip("'\"") or None


def _under_expect(lines: Sequence[str], line: int) -> bool:
    for number in range(line - 2, -1, -1):
        text = lines[number]
        if text and not text[0].isspace():
            return text.startswith("expect:")
    return False


def _keys_for(lines: Sequence[str], line: int, current: str) -> tuple[str, ...]:
    indent = len(current) - len(current.lstrip(" -"))
    if indent == 0:
        return node_keys()["top"]
    for number in range(line - 2, -1, -1):
        text = lines[number]
        stripped = text.lstrip(" ")
        level = len(text) - len(stripped)
        if (
            stripped.startswith(("because:", "premises:", "counterexamples:", "conclusions:"))
            and level < indent
        ):
            name = stripped.split(":")[0]
            return node_keys()[
                {
                    "because": "inference",
                    "premises": "premise",
                    "counterexamples": "counterexample",
                    "conclusions": "conclusion",
                }[name]
            ]
    return node_keys()["conclusion"]


def referring_maps(snapshot: Snapshot, candidates: Mapping[Path, str]) -> list[Path]:
    """The open maps (path → text) that name a node of the snapshot's map."""
    if snapshot.argmap is None:
        return []
    needle = f"{snapshot.argmap.id}#"
    return [path for path, text in candidates.items() if path != snapshot.path and needle in text]
