"""Carneades 4 argument graphs in YAML (`examples/AGs/YAML/` of github.com/carneades/carneades-4).

A Carneades graph has statements (ground atomic formulas such as
`holdsAt(wfh_required,3)`, each with a text), issues (mutually exclusive
positions with a proof standard), arguments (premises, a conclusion, an
undercutter, a scheme that says how the argument is weighed), assumptions,
and a theory: argument schemes with variables, which Carneades applies to
the assumptions to construct further arguments, and issue schemes, which
make issues of the statements that match their patterns. Its `tests:` block
says which label each statement must get.

The map keeps Carneades's semantics with the constructs of
docs/evaluation.md: a statement is a claim (`assumed` where Carneades's
default differs from argmap's), an argument an inference with its
`weighing` and `weight`, an undercutter a counterexample of the inference,
an issue an item of `issues:`, and `tests:` becomes `expect:`. Schemes with
variables are instantiated here, by forward chaining to a fixpoint, as
Carneades's rule engine does; what that engine does beyond that (CHR
deletions and guards) is refused with I602.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from argmap.files import Limits
from argmap.input.yaml_reader import YamlMapping, YamlSequence, load_bytes
from argmap.interchange import ImportedMap, InterchangeInputError, slug
from argmap.interchange.build import Attack, Claim, GraphBuilder, Inference
from argmap.text import closest, did_you_mean

NAME = "carneades"
DESCRIPTION = "Carneades 4 argument graphs in YAML: statements, issues, arguments, assumptions, schemes"

NOT_A_GRAPH = "I601"
UNSUPPORTED = "I602"

# Carneades's rule engine stops after this many rule applications (inference.go, MAXRULEAPPS is 100,000);
# argmap refuses the file sooner, since every application becomes nodes of the map.
MAX_RULE_APPLICATIONS = 10_000
# Beyond this nesting a derived term is taken for a rule that never stops (nat(s(s(s(...))))).
MAX_TERM_DEPTH = 20

TOP_KEYS = (
    "meta",
    "language",
    "statements",
    "issues",
    "arguments",
    "assumptions",
    "argument_schemes",
    "issue_schemes",
    "weighing_functions",
    "references",
    "tests",
    "labels",
)
STATEMENT_KEYS = ("text", "meta", "metadata", "assumed", "label", "value")
ARGUMENT_KEYS = ("conclusion", "premises", "undercutter", "scheme", "parameters", "meta", "weight")
ISSUE_KEYS = ("positions", "standard", "meta")
SCHEME_KEYS = (
    "id",
    "meta",
    "variables",
    "weight",
    "premises",
    "assumptions",
    "exceptions",
    "conclusions",
    "deletions",
    "guards",
)
TEST_KEYS = ("in", "out", "undecided")
BASIC_WEIGHING = ("linked", "convergent", "cumulative", "factorized")
STANDARDS = {
    "pe": "preponderance",
    "cce": "clear-and-convincing",
    "brd": "beyond-reasonable-doubt",
}


class _Refusal(Exception):
    def __init__(self, code: str, where: tuple[int, int], message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code, self.where, self.message, self.hint = code, where, message, hint


# -- terms -----------------------------------------------------------------------------
#
# A term is a tuple: ("var", name), ("atom", name), ("num", text), ("str", text),
# ("compound", functor, args) or ("list", items). Carneades writes statement keys
# in Prolog syntax and compares them after normalising (terms.go, String()).

Term = tuple[Any, ...]
_TOKEN = re.compile(
    r"\s*(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<num>-?\d+(?:\.\d+)?)"
    r"|(?P<str>'[^']*'|\"[^\"]*\")|(?P<punct>[()\[\],¬]))"
)


class _BadTerm(Exception):
    pass


def parse_term(text: str) -> Term:
    """A term in the Prolog syntax Carneades writes; _BadTerm when it is not one."""
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        if not text[position:].strip():
            break
        match = _TOKEN.match(text, position)
        if match is None:
            raise _BadTerm(text)
        kind = match.lastgroup
        assert kind is not None
        tokens.append((kind, match.group(kind)))
        position = match.end()
    index = 0

    def peek() -> tuple[str, str] | None:
        return tokens[index] if index < len(tokens) else None

    def take(value: str) -> None:
        nonlocal index
        if peek() != ("punct", value):
            raise _BadTerm(text)
        index += 1

    def term() -> Term:
        nonlocal index
        token = peek()
        if token is None:
            raise _BadTerm(text)
        kind, value = token
        index += 1
        if (kind, value) == ("punct", "¬"):
            return ("compound", "¬", (term(),))
        if (kind, value) == ("punct", "["):
            items: list[Term] = []
            if peek() != ("punct", "]"):
                items.append(term())
                while peek() == ("punct", ","):
                    index += 1
                    items.append(term())
            take("]")
            return ("list", tuple(items))
        if kind == "num":
            return ("num", value)
        if kind == "str":
            return ("str", value)
        if kind != "name":
            raise _BadTerm(text)
        if peek() == ("punct", "("):
            index += 1
            args = [term()]
            while peek() == ("punct", ","):
                index += 1
                args.append(term())
            take(")")
            return ("compound", value, tuple(args))
        if value[0].isupper() or value[0] == "_":
            return ("var", value)
        return ("atom", value)

    parsed = term()
    if index != len(tokens):
        raise _BadTerm(text)
    return parsed


def show_term(term: Term) -> str:
    """The normal form Carneades compares statement keys by: no spaces, `f(a,b)`, `¬p`."""
    kind = term[0]
    if kind == "compound":
        if term[1] == "¬":
            return "¬" + show_term(term[2][0])
        return f"{term[1]}(" + ",".join(show_term(arg) for arg in term[2]) + ")"
    if kind == "list":
        return "[" + ", ".join(show_term(item) for item in term[1]) + "]"
    return str(term[1])


def normalize(text: str) -> str:
    """A statement key as Carneades normalises it; text that is not a term is kept as written."""
    try:
        return show_term(parse_term(text))
    except _BadTerm:
        return text.strip()


def _is_term(text: str) -> bool:
    try:
        parse_term(text)
    except _BadTerm:
        return False
    return True


def _depth(term: Term) -> int:
    if term[0] == "compound":
        return 1 + max((_depth(arg) for arg in term[2]), default=0)
    if term[0] == "list":
        return 1 + max((_depth(item) for item in term[1]), default=0)
    return 1


Bindings = Mapping[str, Term]


def match(pattern: Term, term: Term, bindings: Bindings) -> dict[str, Term] | None:
    """Bindings that make `pattern` equal to the ground `term`, extending `bindings`; None if none do."""
    found = dict(bindings)
    pending = [(pattern, term)]
    while pending:
        left, right = pending.pop()
        if left[0] == "var":
            if left[1] == "_":
                continue
            bound = found.get(left[1])
            if bound is None:
                found[left[1]] = right
            elif bound != right:
                return None
        elif left[0] == "compound":
            if right[0] != "compound" or left[1] != right[1] or len(left[2]) != len(right[2]):
                return None
            pending.extend(zip(left[2], right[2], strict=True))
        elif left[0] == "list":
            if right[0] != "list" or len(left[1]) != len(right[1]):
                return None
            pending.extend(zip(left[1], right[1], strict=True))
        elif left != right:
            return None
    return found


def substitute(term: Term, bindings: Bindings) -> Term:
    if term[0] == "var":
        return bindings.get(term[1], term)
    if term[0] == "compound":
        return ("compound", term[1], tuple(substitute(arg, bindings) for arg in term[2]))
    if term[0] == "list":
        return ("list", tuple(substitute(item, bindings) for item in term[1]))
    return term


def _has_variables(term: Term) -> bool:
    if term[0] == "var":
        return True
    if term[0] == "compound":
        return any(_has_variables(arg) for arg in term[2])
    if term[0] == "list":
        return any(_has_variables(item) for item in term[1])
    return False


# -- the graph as Carneades reads it ----------------------------------------------------


@attrs.define
class Statement:
    key: str  # normalised
    text: str | None
    where: tuple[int, int]


@attrs.define
class Argument:
    id: str
    conclusion: str
    premises: list[tuple[str, str | None]]  # (statement key, role)
    undercutter: str | None
    weighing: str  # linked, convergent, cumulative or factorized
    weight: float | None  # a constant weight, or a preference's; None: 1
    scheme: str | None
    meta: Mapping[str, Any]
    # a preference weighing (resolved per issue), or a criteria weighing's {hard, soft}
    preference: Any = None
    premise_weights: dict[str, float] = attrs.Factory(dict)  # under a criteria weighing


@attrs.define
class Scheme:
    id: str
    meta: Mapping[str, Any]
    variables: list[str]
    premises: list[Term]
    assumptions: list[Term]
    exceptions: list[Term]
    conclusions: list[Term]
    weighing: str
    weight: float | None
    preference: Any  # as Argument.preference
    where: tuple[int, int]


@attrs.define
class IssueItem:
    id: str
    positions: list[str]
    standard: str


class _Reader:
    def __init__(self, data: YamlMapping, name: str) -> None:
        self.data = data
        self.name = name
        self.statements: dict[str, Statement] = {}
        self.assumptions: list[str] = []
        self.arguments: dict[str, Argument] = {}
        self.issues: list[IssueItem] = []
        self.language: dict[str, str] = {}
        self.weighing_functions: dict[str, tuple[str, float | None, Any]] = {}
        self.schemes: dict[str, Scheme] = {}
        self.losses: list[str] = []

    # positions
    def key_at(self, mapping: YamlMapping, key: str) -> tuple[int, int]:
        position = mapping.positions.get(key)
        return (position[0], position[1]) if position else (mapping.line, mapping.column)

    def value_at(self, mapping: YamlMapping, key: str) -> tuple[int, int]:
        position = mapping.positions.get(key)
        return (position[2], position[3]) if position else (mapping.line, mapping.column)

    def item_at(self, items: YamlSequence, index: int) -> tuple[int, int]:
        return items.positions[index]

    def refuse(self, where: tuple[int, int], message: str, hint: str | None = None) -> _Refusal:
        return _Refusal(NOT_A_GRAPH, where, message, hint)

    def known_keys(self, mapping: YamlMapping, allowed: Sequence[str], what: str) -> None:
        for key in mapping:
            if str(key).lower() not in allowed:
                guess = closest(str(key), list(allowed))
                raise self.refuse(
                    self.key_at(mapping, key),
                    f"unknown key `{key}` in {what}" + did_you_mean(guess),
                    "a Carneades graph knows: " + ", ".join(allowed),
                )

    def mapping(self, parent: YamlMapping, key: str, what: str) -> YamlMapping:
        value = parent.get(key)
        if value is None:
            return YamlMapping(*self.value_at(parent, key))
        if not isinstance(value, YamlMapping):
            raise self.refuse(self.value_at(parent, key), f"{what} must be a mapping")
        return value

    def strings(self, parent: YamlMapping, key: str, what: str) -> list[tuple[str, tuple[int, int]]]:
        """A list of terms (or a single one), each with where it stands."""
        value = parent.get(key)
        if value is None:
            return []
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return [(str(value), self.value_at(parent, key))]
        if not isinstance(value, YamlSequence):
            raise self.refuse(self.value_at(parent, key), f"{what} must be a list")
        found = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                raise self.refuse(self.item_at(value, index), f"{what} lists a value that is not a term")
            found.append((str(item), self.item_at(value, index)))
        return found

    def term(self, text: str, where: tuple[int, int]) -> Term:
        try:
            return parse_term(text)
        except _BadTerm:
            raise self.refuse(
                where, f"`{text}` is not a term", "write terms in Prolog syntax, `f(a,B)`"
            ) from None

    # reading
    def read(self) -> None:
        data = self.data
        self.known_keys(data, TOP_KEYS, "the graph")
        for key in ("language", "weighing_functions"):
            self.mapping(data, key, f"`{key}`")
        self.language = {str(k): str(v) for k, v in self.mapping(data, "language", "`language`").items()}
        self.read_statements()
        for text, _ in self.strings(data, "assumptions", "`assumptions`"):
            self.assume(normalize(text))
        self.read_weighing_functions()
        self.read_schemes()
        self.read_issues()
        self.read_arguments()
        if "labels" in data or "references" in data:
            self.losses.append("`labels` and `references` are not kept (argmap computes the labels)")

    def assume(self, key: str) -> None:
        if key not in self.assumptions:
            self.assumptions.append(key)

    def read_statements(self) -> None:
        statements = self.mapping(self.data, "statements", "`statements`")
        for written, value in statements.items():
            key = normalize(str(written))
            where = self.key_at(statements, written)
            text: str | None = None
            if isinstance(value, YamlMapping):
                self.known_keys(value, STATEMENT_KEYS, f"statement `{written}`")
                if value.get("text") is not None:
                    text = str(value["text"])
                assumed = value.get("assumed")
                if assumed is True or assumed == 1:
                    self.assume(key)
                elif assumed not in (None, False, 0):
                    raise self.refuse(self.value_at(value, "assumed"), "`assumed` must be true or false")
            elif isinstance(value, YamlSequence):
                raise self.refuse(self.value_at(statements, written), f"statement `{written}` must be a text")
            elif value is not None:
                text = str(value)
            self.statements[key] = Statement(key, text.strip() if text else None, where)

    def statement(self, text: str, where: tuple[int, int], what: str) -> str:
        key = normalize(text)
        if key not in self.statements:
            guess = closest(key, list(self.statements), cutoff=0.6)
            raise self.refuse(
                where,
                f"{what} `{text}` is not a statement" + did_you_mean(guess),
                "declare it under `statements:`",
            )
        return key

    def read_weighing_functions(self) -> None:
        functions = self.mapping(self.data, "weighing_functions", "`weighing_functions`")
        for name, body in functions.items():
            self.weighing_functions[str(name).lower()] = self.weighing(body, self.value_at(functions, name))

    def weighing(self, body: Any, where: tuple[int, int]) -> tuple[str, float | None, Any]:
        """(weighing, constant weight, preference order) for a scheme's `weight`."""
        if body is None:
            return ("linked", None, None)
        if isinstance(body, str):
            name = body.lower()
            if name in BASIC_WEIGHING:
                return (name, None, None)
            if name in self.weighing_functions:
                return self.weighing_functions[name]
            raise self.refuse(
                where, f"weighing function `{body}` is not defined", "define it under `weighing_functions:`"
            )
        if isinstance(body, YamlMapping) and len(body) == 1:
            kind = str(next(iter(body))).lower()
            value = next(iter(body.values()))
            if kind == "constant":
                if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
                    raise self.refuse(where, "a constant weight must be a number from 0 to 1")
                return ("linked", float(value), None)
            if kind == "preference":
                order = value if isinstance(value, YamlSequence) else [value]
                if not all(isinstance(item, YamlMapping) and "property" in item for item in order):
                    raise self.refuse(where, "a preference lists `property:` and `order:` pairs")
                return ("linked", None, order)
            if kind == "criteria":
                return ("criteria", None, self.criteria(value, where))
        raise self.refuse(where, "a weight is `constant:`, `preference:`, `criteria:` or a function's name")

    def criteria(self, body: Any, where: tuple[int, int]) -> dict[str, Any]:
        """`criteria: {hard: [premise indices], soft: {property: {factor, values: {value: score}}}}`."""
        if not isinstance(body, YamlMapping):
            raise self.refuse(where, "`criteria` has `hard:` and `soft:`")
        self.known_keys(body, ("hard", "soft"), "`criteria`")
        hard = body.get("hard") or []
        if not isinstance(hard, list) or not all(isinstance(index, int) for index in hard):
            raise self.refuse(where, "`criteria.hard` lists the indices (from 0) of premises")
        soft: dict[str, tuple[float, dict[str, float]]] = {}
        for name, constraint in (body.get("soft") or {}).items():
            if not isinstance(constraint, YamlMapping):
                raise self.refuse(where, f"soft criterion `{name}` has `factor:` and `values:`")
            self.known_keys(constraint, ("factor", "values"), f"soft criterion `{name}`")
            factor, values = constraint.get("factor", 0), constraint.get("values") or {}
            scores = {str(value): score for value, score in values.items()}
            numbers = [factor, *scores.values()]
            if any(isinstance(number, bool) or not isinstance(number, (int, float)) for number in numbers):
                raise self.refuse(where, f"soft criterion `{name}`: factors and scores are numbers")
            if not all(0 <= score <= 1 for score in scores.values()) or factor < 0:
                raise self.refuse(where, f"soft criterion `{name}`: scores run from 0 to 1")
            soft[str(name)] = (float(factor), {value: float(score) for value, score in scores.items()})
        return {"hard": list(hard), "soft": soft}

    def criteria_premises(self) -> None:
        """A criteria weighing scores a premise `p(C,V)` by the value V of the position of its issue
        that stands (weighing.go, PropertyValue): each position becomes a premise with its share."""
        issue_of = {key: issue for issue in self.issues for key in issue.positions}
        for argument in self.arguments.values():
            if argument.weighing != "criteria" or argument.preference is None:
                continue
            hard, soft = argument.preference["hard"], argument.preference["soft"]
            total = sum(factor for factor, _ in soft.values())
            premises: list[tuple[str, str | None]] = []
            for index, (key, role) in enumerate(argument.premises):
                term = parse_term(key) if _is_term(key) else ("atom", key)
                criterion = soft.get(term[1]) if term[0] == "compound" and len(term[2]) == 2 else None
                if index in hard or criterion is None or not total:
                    premises.append((key, role))
                    if index not in hard:
                        argument.premise_weights[key] = 0.0
                    continue
                factor, scores = criterion
                issue = issue_of.get(key)
                for position in issue.positions if issue is not None else [key]:
                    if position != key and any(position == other for other, _ in argument.premises):
                        continue
                    premises.append((position, role))
                    value = show_term(parse_term(position)[2][1]) if _is_term(position) else ""
                    argument.premise_weights[position] = round(factor / total * scores.get(value, 0.0), 6)
            argument.premises = list(dict.fromkeys(premises))

    def read_schemes(self) -> None:
        schemes = self.data.get("argument_schemes")
        if schemes is None:
            return
        if not isinstance(schemes, YamlSequence):
            raise self.refuse(
                self.value_at(self.data, "argument_schemes"), "`argument_schemes` must be a list"
            )
        for index, item in enumerate(schemes):
            where = self.item_at(schemes, index)
            if not isinstance(item, YamlMapping) or not isinstance(item.get("id"), str):
                raise self.refuse(where, "an argument scheme is a mapping with an `id`")
            self.known_keys(item, SCHEME_KEYS, f"scheme `{item['id']}`")
            for key in ("deletions", "guards"):
                if item.get(key):
                    raise _Refusal(
                        UNSUPPORTED,
                        self.key_at(item, key),
                        f"scheme `{item['id']}` has `{key}`: Constraint Handling Rules that remove facts "
                        "or test guards are not supported",
                        "argmap instantiates schemes by forward chaining only: state the arguments "
                        "they would construct under `arguments:`",
                    )
            meta = item.get("meta")
            weighing, weight, preference = self.weighing(item.get("weight"), self.value_at(item, "weight"))

            def terms(key: str, scheme: YamlMapping = item) -> list[Term]:
                return [self.term(text, where) for text, where in self.strings(scheme, key, f"`{key}`")]

            self.schemes[item["id"]] = Scheme(
                id=item["id"],
                meta=meta if isinstance(meta, Mapping) else {},
                variables=[text for text, _ in self.strings(item, "variables", "`variables`")],
                premises=terms("premises"),
                assumptions=terms("assumptions"),
                exceptions=terms("exceptions"),
                conclusions=terms("conclusions"),
                weighing=weighing,
                weight=weight,
                preference=preference,
                where=where,
            )

    def read_issues(self) -> None:
        issues = self.mapping(self.data, "issues", "`issues`")
        taken: dict[str, str] = {}
        for issue_id, body in issues.items():
            where = self.key_at(issues, issue_id)
            if not isinstance(body, YamlMapping):
                raise self.refuse(where, f"issue `{issue_id}` must be a mapping with `positions`")
            self.known_keys(body, ISSUE_KEYS, f"issue `{issue_id}`")
            positions = []
            for text, at in self.strings(body, "positions", "`positions`"):
                key = self.statement(text, at, f"a position of issue `{issue_id}`")
                if key in taken:
                    raise self.refuse(at, f"`{text}` is a position of issues `{taken[key]}` and `{issue_id}`")
                taken[key] = str(issue_id)
                positions.append(key)
            standard = str(body.get("standard") or "PE")
            if standard.lower() not in STANDARDS:
                raise self.refuse(
                    self.value_at(body, "standard"),
                    f"unknown proof standard `{standard}`",
                    "Carneades's issues use PE, CCE or BRD",
                )
            self.issues.append(IssueItem(str(issue_id), positions, STANDARDS[standard.lower()]))

    def read_arguments(self) -> None:
        arguments = self.mapping(self.data, "arguments", "`arguments`")
        for argument_id, body in arguments.items():
            where = self.key_at(arguments, argument_id)
            if not isinstance(body, YamlMapping):
                raise self.refuse(where, f"argument `{argument_id}` must be a mapping")
            self.known_keys(body, ARGUMENT_KEYS, f"argument `{argument_id}`")
            if body.get("conclusion") is None:
                raise self.refuse(where, f"argument `{argument_id}` has no `conclusion`")
            conclusion = self.statement(
                str(body["conclusion"]),
                self.value_at(body, "conclusion"),
                f"the conclusion of `{argument_id}`",
            )
            premises: list[tuple[str, str | None]] = []
            written = body.get("premises")
            if isinstance(written, YamlMapping):  # role: statement
                for role, text in written.items():
                    at = self.value_at(written, role)
                    premises.append((self.statement(str(text), at, "premise"), str(role).lower()))
            else:
                for text, at in self.strings(body, "premises", "`premises`"):
                    premises.append((self.statement(text, at, "premise"), None))
            undercutter = None
            if body.get("undercutter") is not None:
                undercutter = self.statement(
                    str(body["undercutter"]), self.value_at(body, "undercutter"), "the undercutter"
                )
            scheme_name = body.get("scheme")
            weighing, weight, preference = "linked", None, None
            if scheme_name is not None:
                scheme_name = str(scheme_name)
                if scheme_name.lower() in BASIC_WEIGHING:
                    weighing = scheme_name.lower()
                elif scheme_name in self.schemes:
                    scheme = self.schemes[scheme_name]
                    weighing, weight, preference = scheme.weighing, scheme.weight, scheme.preference
                else:
                    raise self.refuse(
                        self.value_at(body, "scheme"),
                        f"scheme `{scheme_name}` is not defined"
                        + did_you_mean(closest(scheme_name, [*self.schemes, *BASIC_WEIGHING])),
                        "define it under `argument_schemes:`",
                    )
            meta = body.get("meta")
            self.arguments[str(argument_id)] = Argument(
                id=str(argument_id),
                conclusion=conclusion,
                premises=premises,
                undercutter=undercutter,
                weighing=weighing,
                weight=weight,
                scheme=scheme_name,
                meta=meta if isinstance(meta, Mapping) else {},
                preference=preference,
            )

    # the theory
    def text_of(self, term: Term) -> str:
        """A derived statement's words, from the `language` templates (`%v` for each argument)."""
        if term[0] == "compound" and term[1] != "¬":
            template = self.language.get(f"{term[1]}/{len(term[2])}")
            if template is not None:
                words = iter(show_term(arg) for arg in term[2])
                return re.sub(r"%[vsd]", lambda _: next(words, ""), template)
        elif term[0] == "atom":
            template = self.language.get(f"{term[1]}/0")
            if template is not None:
                return template
        return show_term(term)

    def ensure(self, term: Term, where: tuple[int, int]) -> str:
        key = show_term(term)
        if key not in self.statements:
            self.statements[key] = Statement(key, self.text_of(term), where)
        return key

    def infer(self) -> None:
        """Apply the schemes with conclusions to the assumptions, to a fixpoint (Carneades's Infer)."""
        rules = [scheme for scheme in self.schemes.values() if scheme.conclusions]
        if not rules:
            return
        facts: list[Term] = []
        known: set[str] = set()

        def add(term: Term) -> None:
            key = show_term(term)
            if key not in known:
                known.add(key)
                facts.append(term)

        for key in self.assumptions:
            try:
                add(parse_term(key))
            except _BadTerm:
                continue
        fired: set[tuple[str, tuple[str, ...]]] = set()
        changed = True
        while changed:
            changed = False
            for scheme in rules:
                for bindings in list(self.matches(scheme.premises, facts)):
                    values = tuple(
                        show_term(bindings[name]) if name in bindings else name for name in scheme.variables
                    )
                    if (scheme.id, values) in fired:
                        continue
                    unbound = [name for name in scheme.variables if name not in bindings]
                    if unbound and any(
                        _has_variables(substitute(term, bindings))
                        for term in (*scheme.conclusions, *scheme.assumptions, *scheme.premises)
                    ):
                        raise _Refusal(
                            UNSUPPORTED,
                            scheme.where,
                            f"scheme `{scheme.id}` would conclude a term with a variable "
                            f"({', '.join(unbound)} unbound by its premises)",
                            "every variable of a conclusion must occur in a premise",
                        )
                    fired.add((scheme.id, values))
                    if len(fired) > MAX_RULE_APPLICATIONS:
                        raise _Refusal(
                            UNSUPPORTED,
                            scheme.where,
                            f"the schemes were applied more than {MAX_RULE_APPLICATIONS:,} times",
                            "a scheme that derives ever new terms never stops: bound it, or state "
                            "the arguments under `arguments:`",
                        )
                    for term in (*scheme.conclusions, *scheme.assumptions):
                        derived = substitute(term, bindings)
                        if _depth(derived) > MAX_TERM_DEPTH:
                            raise _Refusal(
                                UNSUPPORTED,
                                scheme.where,
                                f"scheme `{scheme.id}` derives `{show_term(derived)[:60]}…`, nested "
                                f"deeper than {MAX_TERM_DEPTH} levels: a cycle of rules that never stops",
                                "bound the recursion, or state the arguments under `arguments:`",
                            )
                        add(derived)
                    self.instantiate(scheme, bindings)
                    changed = True

    def matches(self, premises: Sequence[Term], facts: Sequence[Term]) -> Iterator[dict[str, Term]]:
        """Every way to match the premises, in order, against distinct facts."""
        if not premises:
            yield {}
            return
        pending: list[tuple[int, dict[str, Term], frozenset[int]]] = [(0, {}, frozenset())]
        while pending:
            index, bindings, used = pending.pop()
            if index == len(premises):
                yield bindings
                continue
            found = []
            for place, fact in enumerate(facts):
                if place in used:
                    continue
                extended = match(premises[index], fact, bindings)
                if extended is not None:
                    found.append((index + 1, extended, used | {place}))
            pending.extend(reversed(found))

    def instantiate(self, scheme: Scheme, bindings: Bindings) -> None:
        """One argument per conclusion, as caes.go's InstantiateScheme builds them."""
        premises: list[tuple[str, str | None]] = []
        for term in (*scheme.premises, *scheme.assumptions):
            ground = substitute(term, bindings)
            if ground[0] == "compound" and ground[1] == "argument":
                continue  # Carneades leaves argument(S,P) premises implicit
            premises.append((self.ensure(ground, scheme.where), None))
        for term in scheme.assumptions:
            self.assume(show_term(substitute(term, bindings)))
        undercutter = None
        number = len(self.arguments) + 1
        if scheme.exceptions:
            undercutter = self.ensure(("compound", "undercut", (("atom", f"a{number}"),)), scheme.where)
            self.statements[undercutter].text = f"Argument a{number} is undercut."
        for term in scheme.conclusions:
            conclusion = self.ensure(substitute(term, bindings), scheme.where)
            self.arguments[self.argument_id()] = Argument(
                id=self.argument_id(),
                conclusion=conclusion,
                premises=list(premises),
                undercutter=undercutter,
                weighing=scheme.weighing,
                weight=scheme.weight,
                scheme=scheme.id,
                meta={},
                preference=scheme.preference,
            )
        for term in scheme.exceptions:
            assert undercutter is not None
            exception = self.ensure(substitute(term, bindings), scheme.where)
            self.arguments[self.argument_id()] = Argument(
                id=self.argument_id(),
                conclusion=undercutter,
                premises=[(exception, None)],
                undercutter=None,
                weighing="linked",
                weight=None,
                scheme=None,
                meta={},
            )

    def argument_id(self) -> str:
        number = len(self.arguments) + 1
        while f"a{number}" in self.arguments:
            number += 1
        return f"a{number}"

    def make_issues(self) -> None:
        """Issues from the issue schemes (caes.go, makeIssue)."""
        schemes = self.mapping(self.data, "issue_schemes", "`issue_schemes`")
        taken = {key: issue.id for issue in self.issues for key in issue.positions}
        for name, patterns_written in schemes.items():
            where = self.value_at(schemes, name)
            if not isinstance(patterns_written, YamlSequence):
                raise self.refuse(where, f"issue scheme `{name}` must be a list of patterns")
            texts = [str(text) for text in patterns_written]
            if len(texts) < 2:
                continue
            enumeration = len(texts) == 3 and texts[1] == "..."
            first = self.term(texts[0], where)
            others = [] if enumeration else [self.term(text, where) for text in texts[1:]]
            terms: dict[str, Term] = {}
            for key in self.statements:
                try:
                    terms[key] = parse_term(key)
                except _BadTerm:
                    continue
            for key, term in terms.items():
                bindings = match(first, term, {})
                if bindings is None:
                    continue
                candidates = [key]
                if enumeration:
                    # Variables ending in a digit (O1, On...) vary between positions; the others are shared.
                    shared = {var: value for var, value in bindings.items() if not var[-1].isdigit()}
                    candidates += [
                        other
                        for other, other_term in terms.items()
                        if other != key and match(first, other_term, shared) is not None
                    ]
                else:
                    candidates += [
                        other
                        for other, other_term in terms.items()
                        if other != key and any(match(p, other_term, bindings) is not None for p in others)
                    ]
                owners = {taken[c] for c in candidates if c in taken}
                if len(owners) > 1:
                    continue
                positions = [c for c in candidates if c not in taken]
                if len(candidates) < 2:
                    continue
                if owners:
                    issue = next(item for item in self.issues if item.id in owners)
                    issue.positions += positions
                else:
                    number = len(self.issues) + 1
                    existing = {item.id for item in self.issues}
                    while f"i{number}" in existing:
                        number += 1
                    issue = IssueItem(f"i{number}", positions, "preponderance")
                    self.issues.append(issue)
                for position in positions:
                    taken[position] = issue.id

    def compare(self, order: Sequence[Mapping[str, Any]], first: Argument, second: Argument) -> int:
        """Weaker first, by the metadata of the arguments' schemes."""
        left, right = self.scheme_meta(first), self.scheme_meta(second)
        if _less(order, left, right):
            return -1
        return 1 if _less(order, right, left) else 0

    def scheme_meta(self, argument: Argument) -> Mapping[str, Any]:
        scheme = self.schemes.get(argument.scheme or "")
        return scheme.meta if scheme is not None else {}

    def preference_weights(self) -> None:
        """A preference weighing ranks the arguments of an issue by their schemes' metadata (weighing.go)."""
        issue_of = {key: issue for issue in self.issues for key in issue.positions}
        for argument in self.arguments.values():
            if argument.preference is None or argument.weighing == "criteria":
                continue
            issue = issue_of.get(argument.conclusion)
            if issue is None:
                continue  # not at issue: a linked argument of weight 1
            rivals = [other for other in self.arguments.values() if other.conclusion in issue.positions]
            ranked = sorted(
                rivals, key=functools.cmp_to_key(functools.partial(self.compare, argument.preference))
            )
            groups: list[list[Argument]] = []
            for other in ranked:
                if groups and _equal(argument.preference, groups[-1][0].meta, other.meta):
                    groups[-1].append(other)
                else:
                    groups.append([other])
            for index, group in enumerate(groups):
                if any(other is argument for other in group):
                    argument.weight = (index + 1) / len(groups)


def _less(order: Sequence[Mapping[str, Any]], first: Mapping[str, Any], second: Mapping[str, Any]) -> bool:
    """weighing.go, ByProperties.Less: weaker first, property by property."""
    for item in order:
        prop = str(item.get("property"))
        left, right = first.get(prop), second.get(prop)
        if left is None or right is None or type(left) is not type(right):
            continue
        ascending = str(item.get("order", "descending")).lower() == "ascending"
        values = item.get("order") if isinstance(item.get("order"), list) else None
        if isinstance(left, str):
            if left == right:
                continue
            dates = [re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) for value in (left, right)]
            if all(dates):
                return bool(left < right if ascending else left > right)
            if any(dates):
                continue
            if values:
                ranks = [str(value).lower() for value in values]
                if _rank(left, ranks) < _rank(right, ranks):
                    return True
                continue
            if left < right:
                return True
            continue
        if isinstance(left, (int, float)) and left != right:
            return bool(left < right if ascending else left > right)
    return False


def _rank(value: str, ranks: Sequence[str]) -> int:
    return ranks.index(value) if value in ranks else len(ranks) + 1


def _equal(order: Sequence[Mapping[str, Any]], first: Mapping[str, Any], second: Mapping[str, Any]) -> bool:
    """weighing.go, genEqualArgsFunction: the arguments' own metadata, first comparable property."""
    for item in order:
        prop = str(item.get("property"))
        left, right = first.get(prop), second.get(prop)
        if left is None or right is None or type(left) is not type(right):
            continue
        return bool(left == right)
    return False


# -- the map ---------------------------------------------------------------------------

_ID_PART = re.compile(r"[^a-z0-9_]+")


def _id_for(key: str) -> str:
    lowered = key.replace("¬", "not-").lower()
    made = _ID_PART.sub("-", lowered)
    made = re.sub(r"[-_]{2,}", "-", made).strip("-_")
    return made[:70].strip("-_") or "statement"


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, key: str, suffix: str = "") -> str:
        base = _id_for(key) + suffix
        candidate, number = base, 2
        while candidate in self.used:
            candidate = f"{base}-{number}"
            number += 1
        self.used.add(candidate)
        return candidate


def _note_of(meta: Any) -> str | None:
    if not isinstance(meta, Mapping):
        return None
    parts = [str(meta[key]).strip() for key in ("title", "description", "note", "notes") if meta.get(key)]
    if meta.get("source"):
        parts.append("Source: " + " ".join(str(meta["source"]).split()))
    return " ".join(" ".join(part.split()) for part in parts) or None


def read(data: bytes, name: str, limits: Limits) -> list[ImportedMap]:
    loaded = load_bytes(data, name, limits)
    if loaded.problems:
        problem = loaded.problems[0]
        raise InterchangeInputError(
            f"{problem.file}:{problem.line}:{problem.column}: {problem.code} {problem.message}", problem.hint
        )
    assert loaded.data is not None
    reader = _Reader(loaded.data, name)
    try:
        reader.read()
        reader.infer()
        reader.make_issues()
        reader.preference_weights()
        reader.criteria_premises()
        tests = _tests(reader)
    except _Refusal as refusal:
        line, column = refusal.where
        raise InterchangeInputError(
            f"{name}:{line}:{column}: {refusal.code} {refusal.message}", refusal.hint
        ) from None
    if not reader.statements:
        raise InterchangeInputError(
            f"{name}:1:1: {NOT_A_GRAPH} the graph has no statements: there is nothing to import",
            "a map needs at least one claim",
        )
    return [_imported(reader, name, tests)]


def _tests(reader: _Reader) -> dict[str, list[str]]:
    """`tests:` as keys of statements, by label."""
    tests = reader.mapping(reader.data, "tests", "`tests`")
    reader.known_keys(tests, TEST_KEYS, "`tests`")
    found: dict[str, list[str]] = {}
    for label in TEST_KEYS:
        for text, where in reader.strings(tests, label, f"`tests.{label}`"):
            key = reader.statement(text, where, f"`tests.{label}` names")
            if key not in found.setdefault(label, []):
                found[label].append(key)
    return found


def _imported(reader: _Reader, name: str, tests: Mapping[str, list[str]]) -> ImportedMap:
    stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    map_id = slug(stem, fallback="carneades")
    ids = _Ids()
    claim_ids = {key: ids.take(key) for key in reader.statements}
    concluding = {argument.conclusion for argument in reader.arguments.values()}
    assumed = set(reader.assumptions)
    graph = GraphBuilder(keep_premiseless=True, keep_support_cycles=True)
    for key, statement in reader.statements.items():
        extra: dict[str, Any] = {}
        if key in assumed and key in concluding:
            extra["assumed"] = True
        elif key not in assumed and key not in concluding:
            extra["assumed"] = False
        note = None if claim_ids[key] == key else f"Carneades statement `{key}`."
        graph.claim(
            Claim(id=claim_ids[key], text=statement.text or key, implicit=True, note=note, extra=extra)
        )
    for argument in reader.arguments.values():
        inference_id = ids.take(argument.id, "" if argument.id not in reader.statements else "-argument")
        extra = {"weighing": argument.weighing}
        if argument.weight is not None and argument.weight != 1:
            extra["weight"] = round(argument.weight, 6)
        note_parts = [
            f"Carneades argument `{argument.id}`"
            + (f", scheme `{argument.scheme}`." if argument.scheme else ".")
        ]
        meta_note = _note_of(argument.meta)
        if meta_note:
            note_parts.append(meta_note)
        graph.inference(
            Inference(
                id=inference_id,
                conclusion=claim_ids[argument.conclusion],
                premises=[(claim_ids[premise], _role(role)) for premise, role in argument.premises],
                note=" ".join(note_parts),
                extra=extra,
                premise_extra={
                    claim_ids[premise]: {"weight": weight}
                    for premise, weight in argument.premise_weights.items()
                },
            )
        )
        if argument.undercutter is not None:
            graph.attack(Attack(attacker=claim_ids[argument.undercutter], target=inference_id))
    header: dict[str, Any] = {
        "argmap": 1,
        "id": map_id,
        "title": _title(reader, stem),
    }
    notes = [f"Imported from the Carneades 4 argument graph {stem}.yml."]
    meta_note = _note_of(
        {key: value for key, value in reader.mapping(reader.data, "meta", "`meta`").items() if key != "title"}
    )
    if meta_note:
        notes.append(meta_note)
    header["note"] = " ".join(notes)
    if _has_support_cycle(reader):
        header["ignore"] = {
            "M304": "a Carneades example: its circle of support is the point (its members stay undecided)"
        }
    tail: dict[str, Any] = {}
    if tests:
        tail["expect"] = {label: [claim_ids[key] for key in keys] for label, keys in tests.items() if keys}
        if not tail["expect"]:
            del tail["expect"]
    issues = [issue for issue in reader.issues if len(issue.positions) >= 2]
    if issues:
        tail["issues"] = [
            {
                "id": _id_for(issue.id),
                "positions": [claim_ids[key] for key in issue.positions],
                **({} if issue.standard == "preponderance" else {"standard": issue.standard}),
            }
            for issue in issues
        ]
    data = graph.map_data(header, tail)
    return ImportedMap(file_name=f"{map_id}.yaml", data=data, losses=tuple(reader.losses + graph.losses))


def _role(role: str | None) -> str | None:
    if role is None:
        return None
    made = _id_for(role)
    return made if made != "statement" else None


def _title(reader: _Reader, stem: str) -> str:
    meta = reader.mapping(reader.data, "meta", "`meta`")
    title = meta.get("title")
    return " ".join(str(title).split()) if title else f"Carneades argument graph {stem}"


def _has_support_cycle(reader: _Reader) -> bool:
    from argmap.analysis.graphs import strongly_connected

    successors: dict[str, list[str]] = {}
    for argument in reader.arguments.values():
        for premise, _ in argument.premises:
            successors.setdefault(premise, []).append(argument.conclusion)
    components = strongly_connected(sorted(successors), successors)
    return any(
        len(component) > 1 or component[0] in successors.get(component[0], ()) for component in components
    )
