"""Validate loaded map data against the JSON Schema, in the user's language.

The schema (argmap/data/argmap.schema.json, also at schemas/) is the one
source of truth. Importing jsonschema costs more than a whole pre-commit run
should, and walking 10,000 nodes through it is slow, so a valid map never
touches it: `is_valid` runs the schema compiled into plain Python closures
(only the keywords the schema uses; an unknown keyword fails loudly at
compile time). When that says no, jsonschema explains why, and each of its
errors is translated to a sentence about the user's own node, at its line.
A test checks that both validators agree on generated documents.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from argmap.files import package_text
from argmap.input.yaml_reader import YamlMapping, YamlSequence
from argmap.problems import Problem, Severity
from argmap.text import closest, did_you_mean

UNSUPPORTED_VERSION = "S201"
MISSING_KEY = "S202"
UNKNOWN_KEY = "S203"
WRONG_TYPE = "S204"
INVALID_ID = "S205"
QUOTE_AND_IMPLICIT = "S206"
INVALID_VALUE = "S207"

FORMAT_VERSION = 1


@functools.cache
def schema_text() -> str:
    return package_text("data", "argmap.schema.json")


@functools.cache
def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text())
    return schema


def validate(data: YamlMapping, file: str) -> list[Problem]:
    """Problems with `data` as an argmap map; empty when it is valid."""
    return [problem for problem, _ in validated(data, file)]


def validated(data: YamlMapping, file: str) -> list[tuple[Problem, tuple[Any, ...]]]:
    """Problems with `data` as an argmap map, each with the path in `data` of
    what failed; empty when it is valid."""
    version = data.get("argmap")
    if "argmap" in data and not (type(version) is int and version == FORMAT_VERSION):
        line, column = _value_position(data, "argmap")
        problem = Problem(
            code=UNSUPPORTED_VERSION,
            severity=Severity.ERROR,
            file=file,
            line=line,
            column=column,
            message=(
                f"this map declares format version `{_shown(version)}`; "
                f"this argmap reads version {FORMAT_VERSION}"
            ),
            hint=(
                f"write `argmap: {FORMAT_VERSION}`, or upgrade argmap if the map was written for a newer one"
            ),
        )
        return [(problem, ("argmap",))]
    if compiled_validator()(data):
        return []
    return explained(data, file)


@functools.cache
def compiled_validator() -> CompiledSchema:
    return CompiledSchema(load_schema())


# --- the fast path --------------------------------------------------------

_IGNORED_KEYWORDS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "title",
        "description",
        "examples",
        "default",
        "$comment",
        "defaultSnippets",
        "markdownDescription",
        # Read by editors (yaml-language-server), not by validators.
        "errorMessage",
        "patternErrorMessage",
        "markdownEnumDescriptions",
        "enumDescriptions",
        "deprecationMessage",
    }
)

# A compiled check takes the value and a work list. A `$ref` in a position
# where only "all of these hold" matters (array items, then/else) does not
# recurse: it appends (pointer, value) to the work list, and `is_valid`
# drains the list in a loop. So the depth of a map costs no Python stack.
Pending = list[tuple[str, Any]]
Check = Callable[[Any, Pending], bool]


class CompiledSchema:
    def __init__(self, root: dict[str, Any]) -> None:
        self.checks: dict[str, Check] = {}
        compiler = _Compiler(root, self.checks)
        self.root_check = compiler.compile(root)

    def __call__(self, value: Any) -> bool:
        pending: Pending = []
        if not self.root_check(value, pending):
            return False
        checks = self.checks
        while pending:
            pointer, item = pending.pop()
            if not checks[pointer](item, pending):
                return False
        return True


class _Compiler:
    """Turns the subset of Draft 2020-12 the schema uses into closures."""

    def __init__(self, root: dict[str, Any], checks: dict[str, Check]) -> None:
        self.root = root
        self.checks = checks
        self.deferrable = True

    def compile(self, schema: Any, *, deferrable: bool = True) -> Check:
        outer = self.deferrable
        self.deferrable = outer and deferrable
        try:
            return self._compile(schema)
        finally:
            self.deferrable = outer

    def _compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda value, pending: True
        if schema is False:
            return lambda value, pending: False
        checks: list[Check] = []
        for keyword, argument in schema.items():
            if keyword in _IGNORED_KEYWORDS or keyword in ("then", "else"):
                continue  # then/else are compiled with "if"
            method = getattr(self, "_" + keyword.lstrip("$"), None)
            if method is None:
                raise NotImplementedError(f"schema keyword {keyword!r} is not compiled")
            checks.append(method(argument, schema))
        if len(checks) == 1:
            return checks[0]
        return lambda value, pending: all(check(value, pending) for check in checks)

    def _ref(self, pointer: str, schema: dict[str, Any]) -> Check:
        if pointer not in self.checks:
            self.checks[pointer] = lambda value, pending: True  # placeholder while compiling cycles
            target: Any = self.root
            for part in pointer.removeprefix("#/").split("/"):
                target = target[part]
            self.checks[pointer] = self.compile(target)
        checks = self.checks
        if self.deferrable:

            def defer(value: Any, pending: Pending) -> bool:
                pending.append((pointer, value))
                return True

            return defer
        return lambda value, pending: checks[pointer](value, pending)

    def _type(self, name: str, schema: dict[str, Any]) -> Check:
        test = _TYPE_CHECKS[name]
        return lambda value, pending: test(value)

    def _const(self, expected: Any, schema: dict[str, Any]) -> Check:
        return lambda value, pending: type(value) is type(expected) and value == expected

    def _enum(self, options: list[Any], schema: dict[str, Any]) -> Check:
        return lambda value, pending: any(
            type(value) is type(option) and value == option for option in options
        )

    def _pattern(self, pattern: str, schema: dict[str, Any]) -> Check:
        search = re.compile(pattern).search
        return lambda value, pending: not isinstance(value, str) or search(value) is not None

    def _minLength(self, minimum: int, schema: dict[str, Any]) -> Check:
        return lambda value, pending: not isinstance(value, str) or len(value) >= minimum

    def _maxLength(self, maximum: int, schema: dict[str, Any]) -> Check:
        return lambda value, pending: not isinstance(value, str) or len(value) <= maximum

    def _minimum(self, minimum: float, schema: dict[str, Any]) -> Check:
        return lambda value, pending: not _is_number(value) or value >= minimum

    def _maximum(self, maximum: float, schema: dict[str, Any]) -> Check:
        return lambda value, pending: not _is_number(value) or value <= maximum

    def _minItems(self, minimum: int, schema: dict[str, Any]) -> Check:
        return lambda value, pending: not isinstance(value, list) or len(value) >= minimum

    def _minProperties(self, minimum: int, schema: dict[str, Any]) -> Check:
        return lambda value, pending: not isinstance(value, dict) or len(value) >= minimum

    def _uniqueItems(self, unique: bool, schema: dict[str, Any]) -> Check:
        if not unique:
            return lambda value, pending: True

        def check(value: Any, pending: Pending) -> bool:
            if not isinstance(value, list):
                return True
            seen = [json.dumps(item, sort_keys=True) for item in value]
            return len(set(seen)) == len(seen)

        return check

    def _items(self, item_schema: Any, schema: dict[str, Any]) -> Check:
        check_item = self.compile(item_schema)
        return lambda value, pending: (
            not isinstance(value, list) or all(check_item(item, pending) for item in value)
        )

    def _required(self, names: list[str], schema: dict[str, Any]) -> Check:
        return lambda value, pending: not isinstance(value, dict) or all(name in value for name in names)

    def _properties(self, properties: dict[str, Any], schema: dict[str, Any]) -> Check:
        compiled = {name: self.compile(sub) for name, sub in properties.items()}
        additional = schema.get("additionalProperties", True)
        check_additional = None if additional is True else self.compile(additional)

        def check(value: Any, pending: Pending) -> bool:
            if not isinstance(value, dict):
                return True
            for key, item in value.items():
                property_check = compiled.get(key)
                if property_check is not None:
                    if not property_check(item, pending):
                        return False
                elif check_additional is not None and not check_additional(item, pending):
                    return False
            return True

        return check

    def _additionalProperties(self, additional: Any, schema: dict[str, Any]) -> Check:
        if "properties" in schema:
            return lambda value, pending: True  # compiled with "properties"
        check_additional = self.compile(additional)
        return lambda value, pending: (
            not isinstance(value, dict) or all(check_additional(item, pending) for item in value.values())
        )

    def _propertyNames(self, name_schema: Any, schema: dict[str, Any]) -> Check:
        check_name = self.compile(name_schema)
        return lambda value, pending: (
            not isinstance(value, dict) or all(check_name(key, pending) for key in value)
        )

    def _oneOf(self, options: list[Any], schema: dict[str, Any]) -> Check:
        compiled = [self.compile(option, deferrable=False) for option in options]
        return lambda value, pending: sum(1 for check in compiled if check(value, pending)) == 1

    def _anyOf(self, options: list[Any], schema: dict[str, Any]) -> Check:
        compiled = [self.compile(option, deferrable=False) for option in options]
        return lambda value, pending: any(check(value, pending) for check in compiled)

    def _allOf(self, parts: list[Any], schema: dict[str, Any]) -> Check:
        compiled = [self.compile(part) for part in parts]
        return lambda value, pending: all(check(value, pending) for check in compiled)

    def _not(self, negated: Any, schema: dict[str, Any]) -> Check:
        check = self.compile(negated, deferrable=False)
        return lambda value, pending: not check(value, pending)

    def _if(self, condition: Any, schema: dict[str, Any]) -> Check:
        check_if = self.compile(condition, deferrable=False)
        check_then = self.compile(schema.get("then", True))
        check_else = self.compile(schema.get("else", True))
        return lambda value, pending: (
            check_then(value, pending) if check_if(value, pending) else check_else(value, pending)
        )

    def _dependentSchemas(self, dependents: dict[str, Any], schema: dict[str, Any]) -> Check:
        compiled = {name: self.compile(sub, deferrable=False) for name, sub in dependents.items()}
        return lambda value, pending: (
            not isinstance(value, dict)
            or all(check(value, pending) for name, check in compiled.items() if name in value)
        )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPE_CHECKS: dict[str, Callable[[Any], bool]] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "integer": lambda value: (
        (isinstance(value, int) and not isinstance(value, bool))
        or (isinstance(value, float) and value.is_integer())
    ),
    "number": _is_number,
    "null": lambda value: value is None,
}


# --- the slow path: explaining errors ------------------------------------


def explain(data: YamlMapping, file: str) -> list[Problem]:
    """Run jsonschema and translate each of its errors for the user (see `explained`)."""
    return [problem for problem, _ in explained(data, file)]


def error_paths(data: YamlMapping) -> list[tuple[Any, ...]]:
    """Where in `data` the schema fails: the paths of its errors."""
    return [path for _, path in explained(data, "")]


def explained(data: YamlMapping, file: str) -> list[tuple[Problem, tuple[Any, ...]]]:
    """Run jsonschema and translate each of its errors for the user, with
    the path in `data` of what failed (`argmap.input.salvage` leaves it out).

    jsonschema recurses through nested nodes, so it is run on one node at a
    time: each argument node is validated against its own definition with
    its child nodes replaced by valid stubs, and the children are queued.
    Depth then costs nothing, and errors are found at every level.
    """
    import jsonschema  # heavy: only when a map is invalid

    schema = load_schema()
    validators: dict[str, Any] = {}

    def validator_for(pointer: str) -> Any:
        if pointer not in validators:
            if pointer == "#":
                validators[pointer] = jsonschema.Draft202012Validator(schema)
            else:
                only_the_definition = {
                    "$schema": schema["$schema"],
                    "$defs": schema["$defs"],
                    "$ref": pointer,
                }
                validators[pointer] = jsonschema.Draft202012Validator(only_the_definition)
        return validators[pointer]

    child_lists = _child_lists(schema)
    problems: dict[tuple[int, int, str, str], tuple[Problem, tuple[Any, ...]]] = {}
    pending: list[tuple[list[Any], str, Any]] = [([], "#", data)]
    while pending:
        path, pointer, node = pending.pop()
        pointer = _resolve_alternative(schema, pointer, node)
        stubbed, children = _stub_children(node, child_lists.get(pointer, {}), path)
        pending.extend(reversed(children))
        for error in _leaf_errors(validator_for(pointer).iter_errors(stubbed)):
            error.path.extendleft(reversed(path))
            problem = _translate(error, data, file)
            failed = tuple(error.absolute_path)
            if error.validator == "additionalProperties" and isinstance(error.instance, dict):
                # What failed is the unknown key, not the mapping that holds it.
                known = error.schema.get("properties", {})
                extra = sorted(key for key in error.instance if key not in known)
                failed += (extra[0],) if len(extra) == 1 else ()
            problems.setdefault(
                (problem.line, problem.column, problem.code, problem.message), (problem, failed)
            )
    return sorted(problems.values(), key=lambda found: found[0].sort_key)


def _child_lists(schema: dict[str, Any]) -> dict[str, dict[str, str]]:
    """For each definition: its properties that are lists of other definitions."""
    found: dict[str, dict[str, str]] = {}
    definitions = {"#": schema, **{f"#/$defs/{name}": sub for name, sub in schema.get("$defs", {}).items()}}
    for pointer, definition in definitions.items():
        for name, sub in definition.get("properties", {}).items():
            item_ref = sub.get("items", {}).get("$ref") if isinstance(sub.get("items"), dict) else None
            if sub.get("type") == "array" and item_ref:
                found.setdefault(pointer, {})[name] = item_ref
    return found


def _resolve_alternative(schema: dict[str, Any], pointer: str, node: Any) -> str:
    """A definition that only chooses between others (if/then/else on `ref`) stands for the chosen one."""
    definition: Any = schema
    if pointer != "#":
        for part in pointer.removeprefix("#/").split("/"):
            definition = definition[part]
    # Annotations beside the choice (title, defaultSnippets for editors) do not make it less of a choice.
    if set(definition) - _IGNORED_KEYWORDS == {"if", "then", "else"}:
        condition = definition["if"]
        chosen = (
            definition["then"]
            if isinstance(node, dict) and all(name in node for name in condition.get("required", []))
            else definition["else"]
        )
        return str(chosen["$ref"])
    return pointer


# Stubs that satisfy each definition, standing in for child nodes checked on their own.
_STUBS: dict[str, Any] = {
    "#/$defs/claimOrRef": {"ref": "stub"},
    "#/$defs/claim": {"id": "stub", "text": "stub"},
    "#/$defs/ref": {"ref": "stub"},
    "#/$defs/inference": {"id": "stub", "premises": [{"ref": "stub"}]},
}


def _stub_children(
    node: Any, lists: dict[str, str], path: list[Any]
) -> tuple[Any, list[tuple[list[Any], str, Any]]]:
    if not isinstance(node, dict) or not lists:
        return node, []
    stubbed = dict(node)
    children: list[tuple[list[Any], str, Any]] = []
    for name, item_pointer in lists.items():
        items = node.get(name)
        if not isinstance(items, list):
            continue
        stubbed[name] = [_STUBS[item_pointer] for _ in items]
        children += [([*path, name, index], item_pointer, item) for index, item in enumerate(items)]
    return stubbed, children


def _leaf_errors(errors: Iterable[Any]) -> Iterator[Any]:
    """Errors from `oneOf` and friends carry their real causes in `context`."""
    for error in errors:
        if error.validator == "oneOf" and error.context:
            path = list(error.absolute_path)
            # A quote that is neither a text nor a list of texts: one clear message.
            if path and path[-1] == "quote":
                yield error
                continue
            yield from _leaf_errors(error.context)
        else:
            yield error


_LIST_KINDS = {
    "conclusions": "conclusion",
    "premises": "premise",
    "because": "inference",
    "counterexamples": "counterexample",
}

_TYPE_WORDS = {
    "string": "a text",
    "array": "a list",
    "object": "a mapping of keys",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}


def _describe_value(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _container_at(data: Any, path: list[Any]) -> Any:
    node = data
    for part in path:
        node = node[part]
    return node


def describe_node(data: Any, path: list[Any], *, use_id: bool = True) -> str:
    """How the user would name the node at `path`: "premise `revenge`"."""
    if not path:
        return "the map"
    if path[0] in ("source", "expect") and len(path) == 1:
        return f"`{path[0]}`"
    node = _container_at(data, path)
    last_list = None
    for part in reversed(path):
        if isinstance(part, str) and part in _LIST_KINDS:
            last_list = part
            break
    if last_list is None or not isinstance(path[-1], int):
        return f"`{'.'.join(str(part) for part in path)}`"
    kind = _LIST_KINDS[last_list]
    if isinstance(node, dict):
        if "ref" in node and isinstance(node["ref"], str):
            return f"the reference to `{_shown(node['ref'])}`"
        node_id = node.get("id")
        if use_id and isinstance(node_id, str) and node_id:
            return f"{kind} `{_shown(node_id)}`"
    return f"{kind} number {path[-1] + 1} in `{last_list}`"


def _value_position(container: Any, key: Any) -> tuple[int, int]:
    if isinstance(container, YamlMapping) and key in container.positions:
        position = container.positions[key]
        return position[2], position[3]
    if isinstance(container, YamlSequence) and isinstance(key, int) and key < len(container.positions):
        return container.positions[key]
    return _own_position(container)


def _key_position(container: Any, key: str) -> tuple[int, int]:
    if isinstance(container, YamlMapping) and key in container.positions:
        position = container.positions[key]
        return position[0], position[1]
    return _own_position(container)


def _own_position(container: Any) -> tuple[int, int]:
    if isinstance(container, (YamlMapping, YamlSequence)):
        return container.line, container.column
    return 1, 1


def _translate(error: Any, data: YamlMapping, file: str) -> Problem:
    """One jsonschema error in the user's words, by the keyword that failed."""
    failed = _Failure(error, data, file)
    translator = _TRANSLATORS.get(error.validator)
    problem = translator(failed) if translator is not None else None
    return problem if problem is not None else _other(failed)


class _Failure:
    """A jsonschema error with what its translation needs: where, what, how to say it."""

    def __init__(self, error: Any, data: YamlMapping, file: str) -> None:
        self.error = error
        self.data = data
        self.file = file
        self.path: list[Any] = list(error.absolute_path)
        self.instance = error.instance
        self.parent_path: list[Any] = self.path[:-1]
        self.field: Any = self.path[-1] if self.path else None
        self.parent = _container_at(data, self.parent_path) if self.path else None
        # error.instance may be a copy with stubbed children; positions live on the original.
        self.original = _container_at(data, self.path)

    @functools.cached_property
    def where(self) -> str:
        """The node that holds the failing value, as the user names it."""
        return describe_node(self.data, self.parent_path) if self.path else "the map"

    @functools.cached_property
    def field_name(self) -> str:
        field = self.field
        return (
            f"`{field}`" if isinstance(field, str) else f"item {int(field) + 1 if field is not None else 1}"
        )

    @functools.cached_property
    def position(self) -> tuple[int, int]:
        """Where the failing value stands."""
        return _value_position(self.parent, self.field) if self.path else (1, 1)

    def problem(self, code: str, message: str, hint: str | None, position: tuple[int, int]) -> Problem:
        return Problem(
            code=code,
            severity=Severity.ERROR,
            file=self.file,
            line=position[0],
            column=position[1],
            message=message,
            hint=hint,
        )


def _required(failed: _Failure) -> Problem:
    error = failed.error
    owner = describe_node(failed.data, failed.path)
    missing = [name for name in error.validator_value if name not in failed.instance]
    name = missing[0] if missing else error.validator_value[0]
    return failed.problem(
        MISSING_KEY, f"{owner} needs `{name}`", _MISSING_HINTS.get(name), _own_position(failed.original)
    )


def _additional_properties(failed: _Failure) -> Problem:
    properties = failed.error.schema.get("properties", {})
    allowed = sorted(properties)
    unknown = sorted(key for key in failed.instance if key not in properties)
    key = unknown[0] if unknown else "?"
    owner = describe_node(failed.data, failed.path)
    guess = closest(key, allowed, prefer_affix=False)
    message = f"unknown key `{_shown(key)}` in {owner}" + did_you_mean(guess)
    allowed_keys = "the keys allowed here: " + ", ".join(f"`{name}`" for name in allowed)
    return failed.problem(UNKNOWN_KEY, message, allowed_keys, _key_position(failed.original, key))


_TYPE_HINTS = {
    "array": "write the items as a list, one `- ` per line",
    "object": "write a mapping of `key: value` lines, indented under this one",
    "boolean": "write `true` or `false`",
}


def _type(failed: _Failure) -> Problem:
    expected = failed.error.validator_value
    instance = failed.instance
    expected_words = (
        _TYPE_WORDS.get(expected, expected)
        if isinstance(expected, str)
        else " or ".join(_TYPE_WORDS.get(name, name) for name in expected)
    )
    hint: str | None
    if expected == "string" and instance is None:
        hint = "write a text after the colon, or remove the key"
    elif expected == "string" and isinstance(instance, (int, float, bool)):
        hint = 'put the text in double quotes, e.g. `text: "1991"`'
    elif expected == "string":
        hint = None
    else:
        hint = _TYPE_HINTS.get(expected) if isinstance(expected, str) else None
    return failed.problem(
        WRONG_TYPE,
        f"{failed.field_name} of {failed.where} must be {expected_words}, not {_describe_value(instance)}",
        hint,
        failed.position,
    )


def _pattern(failed: _Failure) -> Problem:
    error, instance, field, path = failed.error, failed.instance, failed.field, failed.path
    if "propertyNames" in error.schema_path:
        owner = describe_node(failed.data, path[:-1]) if path and path[-1] == "ignore" else "the map"
        return failed.problem(
            INVALID_VALUE,
            f"`{_shown(instance)}` is not a rule code in the `ignore` of {owner}",
            "rule codes are a capital letter and three digits, e.g. `A402`; `argmap rules` lists them",
            _key_position(_container_at(failed.data, path), str(instance)),
        )
    pattern = error.validator_value
    where, position = failed.where, failed.position
    if (isinstance(field, str) and field in ("id", "role", "question", "scheme")) or (
        isinstance(field, int) and path[-2:-1] == ["tags"]
    ):
        suggestion = slugify(str(instance))
        hint = "ids use lowercase letters, digits, `-` and `_`"
        if suggestion:
            hint += f", e.g. `{suggestion}`"
        owner = describe_node(failed.data, failed.parent_path, use_id=False) if field == "id" else where
        what = field if isinstance(field, str) else "tag"
        return failed.problem(
            INVALID_ID, f"`{_shown(instance)}` is not a valid {what} for {owner}", hint, position
        )
    if field == "ref" or ("#" in pattern and isinstance(field, int)):
        return failed.problem(
            INVALID_ID,
            f"`{_shown(instance)}` is not a valid reference in {where}",
            "write `some-id` for a node of this map, or `map-id#some-id` for one of another map",
            position,
        )
    if "http" in pattern:
        return failed.problem(
            INVALID_VALUE,
            f"{failed.field_name} of {where} must be an http or https address, not `{_shown(instance)}`",
            "write the full address, starting with https://",
            position,
        )
    return failed.problem(
        INVALID_VALUE, f"{failed.field_name} of {where} does not match `{pattern}`", None, position
    )


def _not(failed: _Failure) -> Problem | None:
    instance = failed.instance
    if not (isinstance(instance, dict) and "quote" in instance and "implicit" in instance):
        return None
    return failed.problem(
        QUOTE_AND_IMPLICIT,
        f"{describe_node(failed.data, failed.path)} has both `quote` and `implicit`",
        "a claim is either quoted from the source or implicit (reconstructed): keep one of them",
        _key_position(failed.original, "implicit"),
    )


def _one_of(failed: _Failure) -> Problem | None:
    if failed.field != "quote":
        return None  # the others are explained by their causes (_leaf_errors)
    original = failed.original
    cut = _quote_cut_by_colon(original if isinstance(original, dict | list) else failed.instance)
    if cut is not None:
        item, key, value = cut
        return failed.problem(
            WRONG_TYPE,
            f"`quote` of {failed.where} was read as a mapping: "
            f"in YAML, `: ` after `{_shown(key)}` starts one",
            "put the whole passage in double quotes: "
            f'"{_shown(key)}: {_shown(" ".join(value.split()[:4]))}..."',
            _item_position(original, item) or failed.position,
        )
    return failed.problem(
        WRONG_TYPE,
        f"`quote` of {failed.where} must be a text, a list of texts, or a mapping of `text` with "
        "`occurrence` or `after`",
        "write the passage in quotes, or a list with one `- ` per passage",
        failed.position,
    )


def _const(failed: _Failure) -> Problem | None:
    if failed.field != "argmap":
        return None
    return failed.problem(
        UNSUPPORTED_VERSION, "`argmap` must be 1", f"write `argmap: {FORMAT_VERSION}`", failed.position
    )


def _invalid_value(message: Callable[[_Failure], str], hint: str) -> Callable[[_Failure], Problem]:
    """A translator of a keyword whose failure is an INVALID_VALUE of the field."""

    def translate(failed: _Failure) -> Problem:
        return failed.problem(INVALID_VALUE, message(failed), hint, failed.position)

    return translate


def _is_empty(failed: _Failure) -> str:
    return f"{failed.field_name} of {failed.where} is empty"


def _other(failed: _Failure) -> Problem:
    """Any other keyword: jsonschema's own words, at the failing value."""
    return failed.problem(
        INVALID_VALUE, f"{failed.field_name} of {failed.where}: {failed.error.message}", None, failed.position
    )


_TRANSLATORS: dict[str, Callable[[_Failure], Problem | None]] = {
    "required": _required,
    "additionalProperties": _additional_properties,
    "type": _type,
    "pattern": _pattern,
    "not": _not,
    "oneOf": _one_of,
    "const": _const,
    "minItems": _invalid_value(_is_empty, "add at least one item, or remove the key"),
    "minLength": _invalid_value(_is_empty, "write a text, or remove the key"),
    "maxLength": _invalid_value(
        lambda failed: (
            f"{failed.field_name} of {failed.where} is longer than {failed.error.validator_value} characters"
        ),
        "use a shorter id",
    ),
    "minProperties": _invalid_value(_is_empty, "fill it in, or remove the key"),
    "uniqueItems": _invalid_value(
        lambda failed: f"{failed.field_name} of {failed.where} lists an item twice",
        "remove the repeated item",
    ),
}


_QUOTE_KEYS = frozenset({"text", "occurrence", "after"})


def _quote_cut_by_colon(value: Any) -> tuple[int | None, str, str] | None:
    """A quote (or a quote of a list, with its index) that YAML read as a
    one-entry mapping because the passage holds `: `: `- First: the opinion`."""
    items: list[tuple[int | None, Any]] = (
        list(enumerate(value)) if isinstance(value, list) else [(None, value)]
    )
    for index, item in items:
        if isinstance(item, dict) and len(item) == 1:
            ((key, entry),) = item.items()
            if isinstance(key, str) and key not in _QUOTE_KEYS and isinstance(entry, str | None):
                return index, key, entry or ""
    return None


def _item_position(container: Any, index: int | None) -> tuple[int, int] | None:
    if index is None or not isinstance(container, YamlSequence) or index >= len(container.positions):
        return None
    return container.positions[index]


_MISSING_HINTS = {
    "argmap": "add `argmap: 1` as the first key: it says which version of the format the map follows",
    "id": "give it a short slug such as `no-direct-link`: ids are how refs, diagrams and diffs name nodes",
    "text": "write the claim in your own words, one sentence",
    "title": "add a `title:` line saying what the map reconstructs",
    "conclusions": "list the claims the document argues for under `conclusions:`",
    "premises": "list the reasons of this inference under `premises:`",
    "ref": "name the node this item refers to",
}


def _shown(value: Any, limit: int = 60) -> str:
    """A value of the user's as a message shows it: clipped, so that a
    100,000-character id or a 20 MB line is named, not echoed whole."""
    text = str(value)
    if len(text) <= limit:
        return text
    return f"{text[:40]}…{text[-10:]} ({len(text):,} characters)"


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:80]
