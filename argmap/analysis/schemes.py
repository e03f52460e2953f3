"""The argumentation schemes: a catalogue shipped with argmap, plus the project's own.

A scheme names a common pattern of reasoning (argument from example, from
expert opinion, ...), the premises it needs (its roles) and the critical
questions that test it. The built-in catalogue is `argmap/data/schemes.yaml`;
`schemes = ["my-schemes.yaml"]` in the configuration adds catalogues of the
same shape, read in order, a later scheme replacing an earlier one of the
same id. Catalogues are read only when something needs them (a map that
names a scheme, `argmap schemes`), and once per configuration.

A catalogue that cannot be read or does not have the right shape is a
configuration error (exit 2) that names the file and the entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import attrs

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.files import DEFAULT_MAX_BYTES, UnsafeFile, package_text, read_bounded
from argmap.input.model import ArgMap, Edge
from argmap.problems import ConfigError, Location
from argmap.text import closest, did_you_mean

BUILTIN_NAME = "argmap/data/schemes.yaml"
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


@attrs.frozen
class Role:
    id: str
    description: str
    required: bool = True
    # The role states the step's general rule: an inference's `warrant` can play it.
    warrant: bool = False


@attrs.frozen
class Question:
    id: str
    text: str


@attrs.frozen
class Scheme:
    id: str
    title: str
    description: str
    roles: tuple[Role, ...]
    questions: tuple[Question, ...]
    # The catalogue it came from, for messages.
    source: str = BUILTIN_NAME

    @property
    def required_roles(self) -> tuple[Role, ...]:
        return tuple(role for role in self.roles if role.required)

    def role(self, role_id: str) -> Role | None:
        return next((role for role in self.roles if role.id == role_id), None)

    def question(self, question_id: str) -> Question | None:
        return next((question for question in self.questions if question.id == question_id), None)


@attrs.frozen
class Catalogue:
    schemes: Mapping[str, Scheme]  # by id, sorted

    def get(self, scheme_id: str) -> Scheme | None:
        return self.schemes.get(scheme_id)

    def __iter__(self) -> Iterator[Scheme]:
        return iter(self.schemes.values())

    def __len__(self) -> int:
        return len(self.schemes)

    def suggest(self, scheme_id: str) -> str | None:
        """The known id nearest to `scheme_id`, for "did you mean"."""
        return closest(scheme_id, list(self.schemes))


def catalogue_for(config: Config) -> Catalogue:
    """The built-in catalogue, extended by the configuration's catalogues (read now)."""
    schemes: dict[str, Scheme] = {scheme.id: scheme for scheme in builtin_schemes()}
    for path in config.schemes:
        for scheme in read_catalogue(path, config.limits.max_bytes):
            schemes[scheme.id] = scheme
    return Catalogue(dict(sorted(schemes.items())))


def catalogue_for_context(context: MapContext) -> Catalogue:
    """The catalogue of the run's configuration, read once per run."""
    key = ("argmap.analysis.schemes.catalogue", tuple(context.config.schemes))
    return context.run.memo(key, lambda: catalogue_for(context.config))


@lru_cache(maxsize=1)
def builtin_schemes() -> tuple[Scheme, ...]:
    text = package_text("data", "schemes.yaml")
    return parse_catalogue(text, BUILTIN_NAME)


def read_catalogue(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Scheme, ...]:
    """The schemes of a catalogue file; ConfigError naming the file if it is not one.

    The configuration confined the path to the project (`argmap.config`);
    here only a regular file is read, and at most `max_bytes` of it.
    """
    try:
        text = read_bounded(path, max_bytes).decode("utf-8")
    except UnsafeFile as refused:
        raise ConfigError(f"{path}: cannot read the scheme catalogue: it is {refused.reason}") from None
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: scheme catalogue not found",
            hint="`schemes` in the configuration names catalogue files relative to the configuration file",
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise ConfigError(f"{path}: cannot read the scheme catalogue ({reason})") from None
    return parse_catalogue(text, str(path))


def parse_catalogue(text: str, name: str) -> tuple[Scheme, ...]:
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)  # a safe loader: plain data only
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(
            f"{name}{where}: the scheme catalogue is not valid YAML: {problem}", hint=_HINT
        ) from None
    return _Reader(name).catalogue(data)


_HINT = (
    "a catalogue is `schemes:`, a list of schemes, each with `id`, `title`, `description`, "
    "`roles` (each `id`, `description`, optional `required` and `warrant`) "
    "and `questions` (each `id`, `text`); "
    "`argmap schemes argument-from-example` shows one"
)


class _Reader:
    """Checks a catalogue's shape, with messages that name the entry at fault."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, message: str) -> ConfigError:
        return ConfigError(f"{self.name}: {where}{message}", hint=_HINT)

    def catalogue(self, data: Any) -> tuple[Scheme, ...]:
        if not isinstance(data, dict) or set(data) != {"schemes"}:
            raise self.fail("", "the scheme catalogue must be a mapping with the one key `schemes`")
        entries = data["schemes"]
        if not isinstance(entries, list) or not entries:
            raise self.fail("", "`schemes` must be a non-empty list")
        schemes: dict[str, Scheme] = {}
        for index, entry in enumerate(entries):
            scheme = self.scheme(entry, f"scheme {index + 1}")
            if scheme.id in schemes:
                raise self.fail(f"scheme `{scheme.id}`: ", "the id is used twice in this catalogue")
            schemes[scheme.id] = scheme
        return tuple(schemes.values())

    def scheme(self, entry: Any, where: str) -> Scheme:
        if not isinstance(entry, dict):
            raise self.fail(f"{where}: ", "must be a mapping")
        scheme_id = self.slug(entry, "id", where)
        where = f"scheme `{scheme_id}`"
        self.keys(entry, {"id", "title", "description", "roles", "questions"}, where)
        title = self.text(entry, "title", where)
        description = self.text(entry, "description", where)
        roles = tuple(
            Role(
                id=self.slug(item, "id", f"{where}, role {index + 1}"),
                description=self.text(item, "description", f"{where}, role {index + 1}"),
                required=self.flag(item, "required", f"{where}, role {index + 1}", default=True),
                warrant=self.flag(item, "warrant", f"{where}, role {index + 1}", default=False),
            )
            for index, item in enumerate(
                self.items(entry, "roles", where, {"id", "description", "required", "warrant"})
            )
        )
        questions = tuple(
            Question(
                id=self.slug(item, "id", f"{where}, question {index + 1}"),
                text=self.text(item, "text", f"{where}, question {index + 1}"),
            )
            for index, item in enumerate(self.items(entry, "questions", where, {"id", "text"}))
        )
        for kind, ids in (
            ("role", [role.id for role in roles]),
            ("question", [question.id for question in questions]),
        ):
            repeated = sorted({item for item in ids if ids.count(item) > 1})
            if repeated:
                raise self.fail(f"{where}: ", f"{kind} `{repeated[0]}` is listed twice")
        return Scheme(scheme_id, title, description, roles, questions, self.name)

    def keys(self, entry: dict[str, Any], allowed: set[str], where: str) -> None:
        for key in entry:
            if key not in allowed:
                guess = closest(str(key), sorted(allowed))
                raise self.fail(f"{where}: ", f"unknown key `{key}`" + did_you_mean(guess))

    def items(self, entry: dict[str, Any], key: str, where: str, allowed: set[str]) -> list[dict[str, Any]]:
        value = entry.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(f"{where}: ", f"`{key}` must be a non-empty list")
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail(f"{where}: ", f"item {index + 1} of `{key}` must be a mapping")
            self.keys(item, allowed, f"{where}, {key[:-1]} {index + 1}")
        return value

    def slug(self, entry: Any, key: str, where: str) -> str:
        value = entry.get(key) if isinstance(entry, dict) else None
        if not isinstance(value, str) or not _SLUG.match(value):
            raise self.fail(
                f"{where}: ", f"`{key}` must be a slug such as `argument-from-example`, not {value!r}"
            )
        return value

    def text(self, entry: dict[str, Any], key: str, where: str) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}: ", f"needs a `{key}` (a non-empty text)")
        return " ".join(value.split())

    def flag(self, entry: dict[str, Any], key: str, where: str, *, default: bool) -> bool:
        value = entry.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"{where}: ", f"`{key}` must be true or false")
        return value


def field_location(argmap: ArgMap, edge: Edge, field: str) -> Location:
    """Where the item that states `edge` writes `field` (`role`, `question`)."""
    node = argmap.node_index.get(edge.source)
    if not edge.via_ref and node is not None and node.location == edge.location:
        return node.location_of(field)
    return edge.location
