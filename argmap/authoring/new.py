"""`argmap new`: the first lines of a map, so that a new one starts valid.

A new map gets the `# yaml-language-server: $schema=...` line that makes
editors validate and complete it, the `source` block (the file relative to
the map, its title, and its author, date and URL when the source's front
matter gives them), and one conclusion with placeholder text that passes the
schema, with a comment saying what to fill in. `argmap check` then reports
the placeholders' missing grounding until the author replaces them.

The source must lie inside the project of the new map (`argmap.project`):
`--source /etc/passwd` is refused before the file is opened, so none of it
reaches the title. Only a regular file is read, and only its head.

It never overwrites a file: the map is created with an exclusive open, so
even a file that appears between the check and the write is left alone.
A missing parent folder is an error unless `parents=True`, so that a typo
in the path does not quietly create a tree of folders.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import attrs

from argmap.files import UnsafeFile, read_bounded
from argmap.problems import SourceAccessError, UsageError
from argmap.project import (
    CONFIG_FILE,
    can_be_root,
    contains,
    find_project,
    is_marked,
    lexical_path,
    project_root,
)

SCHEMA_IN_PROJECT = Path("schemas") / "argmap.schema.json"
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_MAX_ID = 80
_MAX_TITLE = 80  # so that `  title: ...` fits in a line of the canonical layout
_PEEK_BYTES = 256 * 1024  # the head of the source where front matter and a title stand
_FRONT_MATTER_FIELDS = ("title", "author", "date", "url")

PLACEHOLDER_ID = "main-conclusion"
PLACEHOLDER_TEXT = "TODO: the main conclusion of the document, in one sentence of your own."
PLACEHOLDER_QUOTE = "TODO: the passage of the source that states it, copied verbatim."
_PLACEHOLDER_COMMENT = (
    "# Replace the TODOs: `text` is the document's main conclusion in your own words,\n"
    "# `quote` the passage that states it, verbatim. Then add its reasons under `because:`\n"
    "# and the objections under `counterexamples:`; `argmap watch` shows what is missing."
)


@attrs.frozen
class NewMap:
    """A map to create: where, and its text."""

    path: Path
    text: str
    map_id: str
    title: str
    source_file: str  # as written in the map: relative to it, with forward slashes
    schema: str  # what the `$schema=` line points to
    root: Path = Path()  # the project's root
    # Whether a mark (argmap.toml, [tool.argmap], .git) says where the project
    # is; without one `check` takes the folder it runs from as the project.
    project_marked: bool = True
    config_created: bool = False  # `--init` wrote an argmap.toml at the root


def scaffold(path: Path, source: Path, *, title: str | None = None, map_id: str | None = None) -> NewMap:
    """The text of a new map at `path` for the document `source` (nothing is written).

    Raises UsageError for an id that is not a slug, SourceAccessError for a
    source that does not exist or cannot be read.
    """
    folder = path.absolute().parent
    project = find_project(folder)
    root = project.root
    marked = is_marked(project)
    if not marked:
        # No folder is marked as the project: the one that holds both the map
        # and its source is the one to mark (`--init`), and the one `check` must see.
        shared = lexical_path(Path(os.path.commonpath([folder, lexical_path(source).parent])))
        if can_be_root(shared) and shared.resolve() != root:
            root = shared.resolve()
    # Judged before anything is opened: `--source /etc/passwd` must not put its first line in the title.
    if not contains(root, source):
        raise SourceAccessError(
            f"{source}: outside the project `{root}` of the new map; argmap does not read it",
            hint="copy the document into the project, beside or below the map's folder",
        )
    if not source.exists():
        raise SourceAccessError(
            f"{source}: no such source document", hint="give the text or Markdown file the map reconstructs"
        )
    if source.is_dir():
        raise SourceAccessError(f"{source}: is a folder, not a source document")
    map_id = map_id if map_id is not None else slug(path.stem)
    if not _SLUG.match(map_id) or len(map_id) > _MAX_ID:
        raise UsageError(
            f"`{map_id}` is not a valid map id",
            hint="use lowercase letters, digits, '-' and '_', such as `ft-lose-or-win`",
        )
    metadata = source_metadata(source)
    source_title = metadata.get("title") or _title_from_name(source)
    title = title.strip() if title and title.strip() else source_title
    source_file = _relative(source.absolute(), folder)
    schema = schema_reference(folder, root)
    lines = [
        f"# yaml-language-server: $schema={schema}",
        "argmap: 1",
        f"id: {map_id}",
        f"title: {_quoted(title)}",
        "source:",
        f"  file: {_quoted(source_file)}",
        f"  title: {_quoted(source_title)}",
    ]
    lines += [
        f"  {field}: {_quoted(metadata[field])}" for field in _FRONT_MATTER_FIELDS[1:] if field in metadata
    ]
    lines += [
        "conclusions:",
        *("  " + line for line in _PLACEHOLDER_COMMENT.splitlines()),
        f"  - id: {PLACEHOLDER_ID}",
        f"    text: {_quoted(PLACEHOLDER_TEXT)}",
        f"    quote: {_quoted(PLACEHOLDER_QUOTE)}",
    ]
    from argmap.authoring.fmt import canonical_text

    # The canonical layout, so that `argmap fmt` has nothing to change in a new map.
    text = canonical_text("\n".join(lines) + "\n")
    return NewMap(
        path=path,
        text=text,
        map_id=map_id,
        title=title,
        source_file=source_file,
        schema=schema,
        root=root,
        project_marked=marked,
    )


def create(
    path: Path,
    source: Path,
    *,
    title: str | None = None,
    map_id: str | None = None,
    parents: bool = False,
    init: bool = False,
) -> NewMap:
    """Write a new map at `path`; never over an existing file. With `init`,
    also an argmap.toml at the project's root when no mark says where it is.

    Raises UsageError when `path` exists or its folder does not (and
    `parents` is false), SourceAccessError when it cannot be written.
    """
    if path.exists() or path.is_symlink():
        raise UsageError(
            f"{path} already exists; argmap new never overwrites a file",
            hint="choose another name, or edit the map",
        )
    if path.suffix not in (".yaml", ".yml"):
        raise UsageError(f"{path}: a map file ends in .yaml or .yml", hint=f"try {path.with_suffix('.yaml')}")
    new_map = scaffold(path, source, title=title, map_id=map_id)
    folder = path.parent
    if not folder.exists():
        if not parents:
            raise UsageError(f"{folder}: no such folder", hint="create it, or add --parents")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise SourceAccessError(
                f"{folder}: cannot create the folder ({error.strerror or error})"
            ) from None
    try:
        # "x": fail if the file appeared meanwhile, rather than overwrite it.
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(new_map.text)
    except FileExistsError:
        raise UsageError(f"{path} already exists; argmap new never overwrites a file") from None
    except OSError as error:
        raise SourceAccessError(f"{path}: cannot write ({error.strerror or error})") from None
    if init and not new_map.project_marked:
        from argmap.authoring.init import ARGMAP_TOML

        try:
            with (new_map.root / CONFIG_FILE).open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(ARGMAP_TOML)
        except FileExistsError:
            return new_map
        except OSError as error:
            raise SourceAccessError(
                f"{new_map.root / CONFIG_FILE}: cannot write ({error.strerror or error})"
            ) from None
        return attrs.evolve(new_map, config_created=True, project_marked=True)
    return new_map


def schema_reference(folder: Path, root: Path | None = None) -> str:
    """The schema for a map in `folder`: the project's `schemas/argmap.schema.json`
    as a relative path when there is one between the folder and the project's
    root, else the schema's published URL."""
    root = root if root is not None else project_root(folder)
    current = folder.absolute()
    for candidate_folder in (current, *current.parents):
        candidate = candidate_folder / SCHEMA_IN_PROJECT
        if contains(root, candidate) and candidate.is_file():
            return _relative(candidate, current)
        if candidate_folder.resolve() == root:
            break
    installed = installed_schema()
    if installed is not None:
        # Offline: the schema file of the installed package, which is the one `check` uses.
        return _relative(installed, current)
    from argmap.input.schema import load_schema

    return str(load_schema()["$id"])


def installed_schema() -> Path | None:
    """The installed package's schema file, when it is a file on disk (not in a zip)."""
    from importlib import resources

    candidate = resources.files("argmap").joinpath("data/argmap.schema.json")
    return Path(str(candidate)) if isinstance(candidate, Path) and candidate.is_file() else None


def source_metadata(source: Path) -> dict[str, str]:
    """Title, author, date and URL from the source's front matter; else its first line as title."""
    try:
        head = read_bounded(source, _PEEK_BYTES, prefix=True).decode("utf-8-sig", errors="replace")
    except UnsafeFile as refused:
        raise SourceAccessError(f"{source}: cannot read: it is {refused.reason}") from None
    except OSError as error:
        raise SourceAccessError(f"{source}: cannot read ({error.strerror or error})") from None
    if head.startswith("%PDF-"):
        return _pdf_metadata(source)
    metadata: dict[str, str] = {}
    lines = head.splitlines()
    body = lines
    if lines and lines[0].strip() == "---":
        for number, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                body = lines[number + 1 :]
                break
            name, colon, value = line.partition(":")
            name, value = name.strip().lower(), _unquote(value.strip())
            if colon and name in _FRONT_MATTER_FIELDS and value and name not in metadata:
                metadata[name] = value
        else:
            body = lines  # no closing line: not front matter after all
            metadata = {}
    if "title" not in metadata:
        metadata["title"] = _shorten(_first_paragraph_title(body))
    if "url" in metadata and not re.match(r"^https?://\S+$", metadata["url"]):
        del metadata["url"]  # the schema wants an http(s) URL
    return metadata


def _pdf_metadata(source: Path) -> dict[str, str]:
    """A PDF's own title and author, when it gives them (and pypdf, the `pdf`
    extra, is there to read them); else nothing, and the map is titled by
    the file's name: the bytes of a PDF are no title."""
    from argmap.grounding.pdf import document_info

    try:
        raw = read_bounded(source, 64 * 1024 * 1024)
    except (UnsafeFile, OSError):
        return {}
    return {key: _shorten(value) for key, value in document_info(raw).items()}


_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _first_paragraph_title(lines: list[str]) -> str:
    """The first paragraph as a title: a hard-wrapped text's first line is
    only part of a sentence, so the paragraph's lines are joined and its
    first sentence taken."""
    paragraph: list[str] = []
    for line in lines:
        text = line.strip().lstrip("#").strip()
        if text:
            paragraph.append(text)
            if line.lstrip().startswith("#"):
                break  # a Markdown heading is a paragraph of its own
        elif paragraph:
            break
    joined = " ".join(paragraph)
    return _SENTENCE_END.split(joined, maxsplit=1)[0] if joined else ""


def slug(text: str) -> str:
    """`My Map (draft)` → `my-map-draft`: a valid id made from a file name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:_MAX_ID].strip("-")
    return result or "map"


def _title_from_name(source: Path) -> str:
    return source.stem.replace("_", " ").replace("-", " ").strip() or source.name


def _shorten(text: str) -> str:
    if len(text) <= _MAX_TITLE:
        return text
    cut = text[: _MAX_TITLE - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _relative(target: Path, folder: Path) -> str:
    return Path(os.path.relpath(target, folder)).as_posix()


def _quoted(text: str) -> str:
    # JSON strings are valid double-quoted YAML; `argmap fmt` then drops quotes YAML does not need.
    return json.dumps(text, ensure_ascii=False)
