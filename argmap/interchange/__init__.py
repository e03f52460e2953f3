"""Reading and writing the formats of other argumentation tools.

One module per format, its reader and its writer side by side. A format
module defines

- `NAME` (as on the command line) and `DESCRIPTION` (one line for `--help`);
- `read(data: bytes, name: str, limits: Limits) -> list[ImportedMap]`, when
  argmap can import the format: `name` is the file name shown in messages,
  and bad input raises `InterchangeInputError` with its position;
- `write(document: dict) -> Written`, when argmap can export to it:
  `document` is the lossless export of a checked map
  (`argmap.output.export.export_map`, described by
  `schemas/argmap-export.schema.json`), and `EXTENSION` is the file ending
  of what it writes.

Adding a format is one module and one line in `FORMATS`; nothing else
changes. Modules are imported only when their format is used, so the
formats cost nothing at start-up.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs

from argmap.files import Limits, UnsafeFile, read_bounded, write_output
from argmap.problems import ArgmapError

if TYPE_CHECKING:
    from argmap.input.model import ArgMap
    from argmap.lint.runner import CheckResult

# Format name -> module. Order is that of `--help`.
FORMATS: dict[str, str] = {
    "json": "argmap.interchange.argmap_json",
    "aif": "argmap.interchange.aif",
    "argdown": "argmap.interchange.argdown",
    "microtexts": "argmap.interchange.microtexts",
    "brat": "argmap.interchange.brat",
    "tgf": "argmap.interchange.tgf",
    "apx": "argmap.interchange.apx",
    "carneades": "argmap.interchange.carneades",
    "graphml": "argmap.interchange.graphml",
    "mermaid": "argmap.interchange.mermaid",
    "sadface": "argmap.interchange.sadface",
}


class InterchangeError(ArgmapError):
    """argmap could not import or export (exit code 2)."""


class InterchangeInputError(InterchangeError):
    """The file to import is malformed or hostile (exit code 1): the message
    starts with `file:line:col:` where the position is known."""


@attrs.frozen
class SourceDocument:
    """A document to write beside an imported map; the map's `source.file` names it."""

    file_name: str
    text: str


@attrs.frozen
class ImportedMap:
    """One map read from a foreign file, ready to be written."""

    # The map's file name, suggested from the input's (`nodeset10.yaml`).
    file_name: str
    # The map as data, valid against argmap's schema (written in canonical layout).
    data: dict[str, Any]
    sources: tuple[SourceDocument, ...] = ()
    # What the foreign file says that the map cannot: one sentence each.
    losses: tuple[str, ...] = ()


@attrs.frozen
class Written:
    """What a writer produced from a map, and what the format could not carry."""

    content: bytes
    losses: tuple[str, ...] = ()


def format_module(name: str) -> ModuleType:
    if name not in FORMATS:
        raise InterchangeError(f"unknown format `{name}`", hint="use one of: " + ", ".join(FORMATS))
    return importlib.import_module(FORMATS[name])


def import_formats() -> list[str]:
    return [name for name in FORMATS if hasattr(format_module(name), "read")]


def export_formats() -> list[str]:
    return [name for name in FORMATS if hasattr(format_module(name), "write")]


def read_files(format_name: str, paths: Sequence[Path], limits: Limits = Limits()) -> list[ImportedMap]:
    """Every file parsed and turned into maps, or an error before anything is written."""
    if format_name not in FORMATS:
        raise InterchangeError(
            f"unknown format `{format_name}`", hint="import from: " + ", ".join(import_formats())
        )
    module = format_module(format_name)
    if not hasattr(module, "read"):
        raise InterchangeError(
            f"argmap cannot import {format_name}", hint="import from: " + ", ".join(import_formats())
        )
    imported: list[ImportedMap] = []
    for path in paths:
        imported.extend(module.read(read_input(path, limits), str(path), limits))
    return imported


def read_input(path: Path, limits: Limits) -> bytes:
    try:
        return read_bounded(path, limits.max_bytes)
    except UnsafeFile as error:
        raise InterchangeInputError(f"{path}: cannot import: {error.reason}") from None
    except OSError as error:
        raise InterchangeError(f"{path}: cannot read: {(error.strerror or str(error)).lower()}") from None


def write_format(format_name: str, document: dict[str, Any]) -> Written:
    module = format_module(format_name)
    if not hasattr(module, "write"):
        raise InterchangeError(
            f"argmap cannot export to {format_name}", hint="export to: " + ", ".join(export_formats())
        )
    written: Written = module.write(document)
    return written


def map_text(imported: ImportedMap) -> str:
    """The map in canonical layout, as `argmap fmt` writes it."""
    import yaml

    from argmap.authoring.fmt import canonical_text

    text = yaml.safe_dump(imported.data, sort_keys=False, allow_unicode=True, width=1_000_000)
    try:
        return canonical_text(text)
    except ValueError as error:  # a reader built a map the schema refuses: argmap's own mistake
        raise InterchangeError(f"{imported.file_name}: the imported map is not valid: {error}") from None


def planned_files(imported: Iterable[ImportedMap], folder: Path) -> dict[Path, bytes]:
    """Every file an import writes, with its bytes; refuses two files with one name."""
    planned: dict[Path, bytes] = {}
    for one in imported:
        for name, text in [(one.file_name, map_text(one))] + [(s.file_name, s.text) for s in one.sources]:
            path = folder / name
            if path in planned:
                raise InterchangeError(
                    f"two imported files would both be written to {path}",
                    hint="import them into different folders",
                )
            planned[path] = text.encode("utf-8")
    return planned


def write_files(planned: dict[Path, bytes]) -> None:
    """Each file written atomically; called only once everything has been parsed and rendered."""
    for path, data in planned.items():
        write_output(path, data)


# -- helpers the readers share -------------------------------------------------------


def parse_json(data: bytes, name: str, limits: Limits) -> Any:
    """JSON with its position on error and a bounded depth."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InterchangeInputError(f"{name}: not UTF-8 (byte {error.start + 1})") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InterchangeInputError(
            f"{name}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise InterchangeInputError(f"{name}: the JSON nests too deeply") from None
    if _depth_over(value, limits.max_depth):
        raise InterchangeInputError(f"{name}: the JSON nests deeper than {limits.max_depth} levels")
    return value


def _depth_over(value: Any, limit: int) -> bool:
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            pending.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            pending.extend((child, depth + 1) for child in item)
    return False


def slug(text: str, fallback: str = "map") -> str:
    """A slug made of `text` (a file name, a label), for ids."""
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    made = "-".join(words)[:60].strip("-")
    return made or fallback


def export_checked(result: CheckResult, argmap: ArgMap, format_name: str) -> Written:
    """A checked map in a foreign format."""
    from argmap.output.checked_export import export_data

    return write_format(format_name, export_data(result, argmap))
