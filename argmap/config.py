"""Project configuration: `[tool.argmap]` in pyproject.toml, or argmap.toml.

The configuration of a run is the one at the root of the project of the
first path checked (`argmap.project`): the nearest `argmap.toml`, or
`pyproject.toml` with a `[tool.argmap]` table, at or above that path, never
above its repository's root nor in the home folder; an `argmap.toml` beats a
`pyproject.toml` in the same folder. The
configuration is validated like a map: a typo is an error that names the key
and the file (exit 2), never something silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap.files import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, Limits
from argmap.problems import ConfigError, Severity, UsageError
from argmap.project import (
    PYPROJECT,
    argmap_table,
    argmap_toml_table,
    contains,
    find_project,
    project_root,
    read_toml,
)
from argmap.text import closest, did_you_mean

__all__ = [
    "Config",
    "Option",
    "configure",
    "find_config_file",
    "load_config",
    "load_config_file",
    "parse_config",
    "parse_size",
    "project_root",
]

_KEYS = ("select", "ignore", "severity", "schemes", "max-file-size", "max-depth", "rules")
_CODE = re.compile(r"^[A-Z][0-9]{0,3}$")
_SIZE = re.compile(r"^\s*([0-9]+)\s*(|B|KB|KiB|MB|MiB|GB|GiB)\s*$", re.IGNORECASE)
# Far above any file argmap could read; a larger number is a typo, not a limit.
MAX_SIZE = 1024**5
_UNITS = {
    "": 1,
    "b": 1,
    "kb": 1000,
    "kib": 1024,
    "mb": 1000**2,
    "mib": 1024**2,
    "gb": 1000**3,
    "gib": 1024**3,
}


@attrs.frozen
class Option:
    """One option a rule declares (its module's `OPTIONS`), validated when the configuration is read.

    `kind` is "integer", "number", "boolean" or "words" (a list of texts);
    `minimum` and `maximum` bound a number.
    """

    name: str
    kind: str
    default: Any
    doc: str
    minimum: float | None = None
    maximum: float | None = None

    def describe(self) -> str:
        """`name` (default 3): what it does, as `argmap rules CODE` lists it."""
        return f"- `{self.name}` (default {_toml(self.default)}): {self.doc}"

    def validate(self, value: Any, section: str) -> Any:
        """The value, checked; ConfigError naming the option when it has the wrong type or range."""
        if self.kind == "boolean":
            if not isinstance(value, bool):
                raise ConfigError(f"{section}: `{self.name}` must be true or false")
            return value
        if self.kind == "words":
            if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
                raise ConfigError(f'{section}: `{self.name}` must be a list of words, like ["putin"]')
            return tuple(value)
        numeric = int if self.kind == "integer" else int | float
        in_range = (self.minimum is None or value >= self.minimum) and (
            self.maximum is None or value <= self.maximum
        )
        if isinstance(value, bool) or not isinstance(value, numeric) or not in_range:
            raise ConfigError(f"{section}: `{self.name}` must be {self._wanted()}")
        return value if self.kind == "integer" else float(value)

    def _wanted(self) -> str:
        if self.kind == "integer":
            return "a whole number" + (
                f" of at least {_toml(self.minimum)}" if self.minimum is not None else ""
            )
        if self.minimum is not None and self.maximum is not None:
            return f"a number from {_toml(self.minimum)} to {_toml(self.maximum)}, like {_toml(self.default)}"
        return f"a number, like {_toml(self.default)}"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple | list):
        return "none" if not value else "[" + ", ".join(f'"{item}"' for item in value) + "]"
    return str(value)


def option_values(options: Iterable[Option], configured: Mapping[str, Any]) -> dict[str, Any]:
    """A rule's options: the declared defaults, overlaid with the configuration's validated values."""
    return {option.name: configured.get(option.name, option.default) for option in options}


# Every code argmap knows, each with the options its rule declares (none for most).
KnownCodes = Mapping[str, Sequence[Option]]


@attrs.frozen
class Config:
    # Codes or prefixes ("M", "A40") to run; None runs every rule.
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = attrs.field(factory=dict, eq=False, hash=False)
    # Extra scheme catalogues, resolved against the configuration's folder.
    schemes: tuple[Path, ...] = ()
    limits: Limits = attrs.field(factory=Limits)
    # Per-rule options: `[tool.argmap.rules.A403]` tables, keyed by code.
    rule_options: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict, eq=False, hash=False)
    # The file this came from, for messages; None for the defaults.
    file: Path | None = None

    def enabled(self, code: str) -> bool:
        if any(code.startswith(prefix) for prefix in self.ignore):
            return False
        return self.select is None or any(code.startswith(prefix) for prefix in self.select)

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severities.get(code, default)

    def options(self, code: str) -> Mapping[str, Any]:
        return self.rule_options.get(code, {})

    def with_overrides(
        self, known_codes: Iterable[str], *, select: str = "", ignore: str = "", max_file_size: str = ""
    ) -> Config:
        """This configuration with the choices of one run applied on top: the
        codes to select (replacing the file's) and to ignore (added to the
        file's), comma-separated, and a size limit such as `64MiB`."""
        known = frozenset(known_codes)
        changes: dict[str, Any] = {}
        selected = _listed_codes(select)
        ignored = _listed_codes(ignore)
        # The configuration file's codes were checked when it was read; these were typed for this run.
        for code in selected + ignored:
            if not any(candidate.startswith(code) for candidate in known):
                raise UsageError(f"no rule code starts with `{code}`", hint="`argmap rules` lists the codes")
        if selected:
            changes["select"] = frozenset(selected)
        if ignored:
            changes["ignore"] = self.ignore | frozenset(ignored)
        if max_file_size:
            try:
                changes["limits"] = attrs.evolve(self.limits, max_bytes=parse_size(max_file_size))
            except ValueError as error:
                raise UsageError(f"--max-file-size: {error}") from None
        return attrs.evolve(self, **changes) if changes else self


def configure(
    paths: Sequence[Path],
    config_file: Path | None = None,
    *,
    known_codes: Iterable[str] = (),
    select: str = "",
    ignore: str = "",
    max_file_size: str = "",
) -> Config:
    """The configuration of a run over `paths`: read from `config_file` when
    one is named, else the project's of the first path (or of the working
    folder), with the run's own choices applied (`Config.with_overrides`)."""
    known = frozenset(known_codes)
    if config_file is not None:
        config = load_config_file(config_file, known)
    else:
        start = paths[0] if paths else Path.cwd()
        try:
            usable = start.exists()
        except OSError:  # a name too long: discovering the maps says so, with the path
            usable = False
        config = load_config(start if usable else Path.cwd(), known)
    return config.with_overrides(known, select=select, ignore=ignore, max_file_size=max_file_size)


def _listed_codes(text: str) -> list[str]:
    return [part.strip().upper() for part in text.split(",") if part.strip()]


def find_config_file(start: Path, *, cwd: Path | None = None) -> tuple[Path, Mapping[str, Any]] | None:
    """The configuration of the project of `start`, with its argmap table.

    It lies at the project's root (`argmap.project`): the lookup climbs no
    further than the repository's root, and never into the home folder.
    """
    project = find_project(start, cwd=cwd)
    if project.config_file is None or project.config_table is None:
        return None
    return project.config_file, project.config_table


def load_config(
    start: Path, known_codes: KnownCodes | Iterable[str] = (), *, cwd: Path | None = None
) -> Config:
    """The configuration of the project of `start`; with `known_codes`, codes and rule options are
    validated."""
    found = find_config_file(start, cwd=cwd)
    if found is None:
        return Config()
    path, table = found
    return parse_config(table, path, known_codes)


def load_config_file(path: Path, known_codes: KnownCodes | Iterable[str] = ()) -> Config:
    """The configuration in `path`: an argmap.toml, or a pyproject.toml's [tool.argmap]."""
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    table: Mapping[str, Any] | None = read_toml(path)
    if path.name == PYPROJECT:
        table = argmap_table(path, table or {})
    else:
        table = argmap_toml_table(path, table or {})
    return parse_config(table or {}, path, known_codes)


def parse_config(
    table: Mapping[str, Any], path: Path, known: KnownCodes | Iterable[str] = frozenset()
) -> Config:
    """The configuration in `table`, validated; ConfigError on the first mistake.

    `known` lists the codes argmap knows; when it maps each code to its
    rule's declared options, each `[rules.CODE]` table is validated too.
    """
    declared: KnownCodes | None = known if isinstance(known, Mapping) else None
    known_codes = frozenset(known)
    where = str(path) + (" [tool.argmap]" if path.name == "pyproject.toml" else "")
    for key in table:
        if key not in _KEYS:
            raise ConfigError(
                f"{where}: unknown key `{key}`" + did_you_mean(closest(key, _KEYS, prefer_affix=False)),
                hint="the keys are: " + ", ".join(_KEYS),
            )

    def codes(key: str) -> frozenset[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f'{where}: `{key}` must be a list of rule codes, like ["A402"]')
        for code in value:
            _check_code(code, where, key, known_codes)
        return frozenset(value)

    select = codes("select") if "select" in table else None
    severities: dict[str, Severity] = {}
    severity_table = table.get("severity", {})
    if not isinstance(severity_table, dict):
        raise ConfigError(f'{where}: `severity` must be a table, like {{A402 = "info"}}')
    for code, level in severity_table.items():
        _check_code(code, where, "severity", known_codes, prefix_allowed=False)
        try:
            severities[code] = Severity.parse(str(level))
        except ValueError as error:
            raise ConfigError(f"{where}: severity of {code}: {error}") from None

    schemes_value = table.get("schemes", [])
    if not isinstance(schemes_value, list) or not all(isinstance(item, str) for item in schemes_value):
        raise ConfigError(f"{where}: `schemes` must be a list of file paths")
    schemes = tuple(_scheme_path(item, path, where) for item in schemes_value)

    rules_table = table.get("rules", {})
    if not isinstance(rules_table, dict) or not all(
        isinstance(value, dict) for value in rules_table.values()
    ):
        raise ConfigError(
            f"{where}: `rules` must hold one table per rule code, like [tool.argmap.rules.A403]"
        )
    rule_options: dict[str, Mapping[str, Any]] = {}
    for code, options in rules_table.items():
        _check_code(code, where, "rules", known_codes, prefix_allowed=False)
        rule_options[code] = (
            _rule_options(code, options, declared[code], path) if declared is not None else dict(options)
        )

    limits = Limits(
        max_bytes=_size(table.get("max-file-size", DEFAULT_MAX_BYTES), where),
        max_depth=_positive_int(table.get("max-depth", DEFAULT_MAX_DEPTH), where, "max-depth"),
    )
    return Config(
        select=select,
        ignore=codes("ignore"),
        severities=severities,
        schemes=schemes,
        limits=limits,
        rule_options=rule_options,
        file=path,
    )


def parse_size(value: Any) -> int:
    """`32MiB`, `500 KB` or a number of bytes."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        size = value
    else:
        match = _SIZE.match(str(value)) if isinstance(value, str) and len(value) <= 40 else None
        if not match or int(match.group(1)) <= 0:
            raise ValueError(f'{value!r} is not a size; write bytes or a size like "64MiB"')
        size = int(match.group(1)) * _UNITS[match.group(2).lower()]
    if size > MAX_SIZE:
        raise ValueError(f"{value!r} is over the largest size argmap takes, 1024 TiB")
    return size


def _size(value: Any, where: str) -> int:
    try:
        return parse_size(value)
    except ValueError as error:
        raise ConfigError(f"{where}: `max-file-size`: {error}") from None


def _positive_int(value: Any, where: str, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{where}: `{key}` must be a positive whole number")
    return value


def _check_code(
    code: str, where: str, key: str, known: frozenset[str], *, prefix_allowed: bool = True
) -> None:
    if not _CODE.match(code):
        raise ConfigError(
            f"{where}: `{code}` in `{key}` is not a rule code",
            hint="codes are a capital letter and three digits, like A402; `argmap rules` lists them",
        )
    if not known:
        return
    if prefix_allowed and len(code) < 4:
        if not any(candidate.startswith(code) for candidate in known):
            raise ConfigError(f"{where}: no rule code starts with `{code}` (in `{key}`)")
        return
    if code not in known:
        raise ConfigError(
            f"{where}: unknown rule `{code}` in `{key}`"
            + did_you_mean(closest(code, known, prefer_affix=False)),
            hint="`argmap rules` lists the codes",
        )


def _rule_options(
    code: str, table: Mapping[str, Any], declared: Sequence[Option], path: Path
) -> dict[str, Any]:
    """A `[rules.CODE]` table checked against the options the rule declares."""
    table_name = f"tool.argmap.rules.{code}" if path.name == PYPROJECT else f"rules.{code}"
    section = f"{path}: [{table_name}]"
    by_name = {option.name: option for option in declared}
    for name in table:
        if name not in by_name:
            if not by_name:
                raise ConfigError(f"{section}: {code} has no options", hint=f"remove [{table_name}]")
            raise ConfigError(
                f"{section}: unknown option `{name}`"
                + did_you_mean(closest(name, by_name, prefer_affix=False)),
                hint="the options are: " + ", ".join(by_name) + f" (`argmap rules {code}` explains them)",
            )
    return {name: by_name[name].validate(value, section) for name, value in table.items()}


def _scheme_path(written: str, config_file: Path, where: str) -> Path:
    """A catalogue path of `schemes`, refused unless it stays inside the project.

    Checked here, before anything is opened: a hostile configuration must not
    make argmap read `/etc/shadow` and quote it in an error message.
    """
    if "\x00" in written:
        raise ConfigError(f"{where}: `schemes`: a path cannot hold a NUL byte")
    root = project_root(config_file.parent)
    candidate = config_file.parent / written
    if not contains(root, candidate):
        raise ConfigError(
            f"{where}: `schemes`: `{written}` is outside the project `{root}`; "
            "argmap reads no catalogue there",
            hint="keep scheme catalogues inside the project and name them relative to the configuration file",
        )
    return candidate.resolve()
