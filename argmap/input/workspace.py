"""Find map files, read them, validate them and build the corpus.

This is the first half of every command: load → validate → model. It
returns what it could build and the problems of what it could not; it raises
ArgmapError only when it cannot do its job (a path that does not exist, a
file it may not read).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from argmap.config import Config
from argmap.files import DEFAULT_MAX_BYTES, UnsafeFile, open_regular
from argmap.input.model import ArgMap, Corpus, split_key
from argmap.input.schema import validated
from argmap.input.yaml_reader import LoadedFile, YamlMapping, load_bytes, read_map_bytes, read_map_file
from argmap.problems import Problem, SourceAccessError, UsageError
from argmap.project import NoProject, contains, lexical_path, project_root

MAP_SUFFIXES = (".yaml", ".yml")
# A map declares `argmap:` at the top level; other YAML files in a folder
# (CI configs, pre-commit configs) are not maps and are skipped.
_TOP_LEVEL_ID = re.compile(rb"^id\s*:\s*['\"]?([a-z0-9_-]+)", re.MULTILINE)
_SKIPPED_FOLDERS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".nox"}
)


@attrs.frozen
class Workspace:
    corpus: Corpus
    # The maps the user asked for, in the order of their files.
    requested: tuple[ArgMap, ...]
    problems: tuple[Problem, ...]
    files: tuple[str, ...] = ()


@attrs.frozen
class _Built:
    raw: bytes
    loaded: LoadedFile
    schema_problems: tuple[Problem, ...]
    argmap: ArgMap | None


class MapCache:
    """Maps already read, validated and built, by path and exact bytes.

    For a caller that checks the same files again and again (the language
    server, at every pause in typing): each version of a file is parsed once,
    and a map that did not change is not parsed again because another one did.
    Keyed by the bytes themselves, not by modification times, which a quick
    edit can leave unchanged. The models are frozen, so sharing them between
    checks is safe.
    """

    def __init__(self) -> None:
        self._built: dict[Path, _Built] = {}

    def data_of(self, path: Path) -> YamlMapping | None:
        """The positioned data of the last version of `path` read (None if unread or unparsable)."""
        built = self._built.get(path.resolve())
        return built.loaded.data if built is not None else None

    def forget(self, path: Path) -> None:
        self._built.pop(path.resolve(), None)

    def _lookup(self, path: Path, raw: bytes, name: str) -> _Built | None:
        built = self._built.get(path)
        if built is None or built.raw != raw or built.loaded.path != name:
            return None
        return built

    def _keep(self, path: Path, built: _Built) -> None:
        self._built[path] = built


def display_name(path: Path, cwd: Path | None = None) -> str:
    """Paths relative to the working folder when below it, as the user typed them."""
    cwd = cwd or Path.cwd()
    # A link is named as the link, not by where it points (which may be outside the project).
    resolved = path.parent.resolve() / path.name if path.is_symlink() else path.resolve()
    try:
        return str(resolved.relative_to(cwd.resolve()))
    except ValueError:
        return str(resolved)


def discover(paths: Sequence[Path], *, maps_only: bool = False, cwd: Path | None = None) -> list[Path]:
    """The map files named by `paths`: files as given, folders searched below.

    With `maps_only`, named files that do not declare `argmap:` are skipped
    too (a pre-commit hook passes every staged YAML file). Raises UsageError
    for a path that does not exist, SourceAccessError for a named file that
    is, or links to, a file outside its project (`argmap.project`): it is
    not opened. In folders, such files are skipped unread.
    """
    found: dict[Path, None] = {}
    boundary = _Boundary(cwd)
    for path in paths:
        try:
            exists = path.exists()
        except OSError as error:
            raise UsageError(f"{path}: not a usable path ({error.strerror or error})") from None
        if not exists:
            if path.is_symlink():
                raise SourceAccessError(f"{path}: a link to a file that does not exist")
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            for candidate in _walk_maps(path, boundary):
                found.setdefault(candidate, None)
            continue
        # NoProject (a map in the home folder) is an error of its own, with its hint.
        root = project_root(lexical_path(path).parent, cwd=cwd)
        if not contains(root, path):
            raise SourceAccessError(
                f"{path}: a link to a file outside the project `{root}`; argmap does not read it",
                hint="check maps inside their project; copy the map into it rather than linking to it",
            )
        if not maps_only or _declares_argmap(path):
            found.setdefault(path, None)
    return list(found)


class _Boundary:
    """The project root of each folder, found once per folder of a run."""

    def __init__(self, cwd: Path | None) -> None:
        self.cwd = cwd
        self.roots: dict[Path, Path | None] = {}

    def root_of(self, file: Path) -> Path | None:
        """The project root of `file`'s folder as written; None when it is in no project."""
        folder = lexical_path(file).parent
        if folder not in self.roots:
            try:
                self.roots[folder] = project_root(folder, cwd=self.cwd)
            except NoProject:
                self.roots[folder] = None
        return self.roots[folder]

    def admits(self, file: Path) -> bool:
        root = self.root_of(file)
        return root is not None and contains(root, file)


def _walk_maps(folder: Path, boundary: _Boundary) -> list[Path]:
    candidates: list[Path] = []
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(
            name for name in folders if name not in _SKIPPED_FOLDERS and not name.startswith(".")
        )
        for name in sorted(files):
            if name.endswith(MAP_SUFFIXES):
                candidate = Path(current) / name
                # Judged before the peek: a file outside the project is never opened.
                if boundary.admits(candidate) and _declares_argmap(candidate):
                    candidates.append(candidate)
    return candidates


_SEARCH_CHUNK_BYTES = 64 * 1024
# A line of the file that starts with `argmap:`; each chunk is searched after
# "\n" at the start of the file, and after the start of the line that the
# previous chunk left unfinished.
_ARGMAP_LINE = re.compile(rb"\nargmap[ \t]*:")
_ARGMAP_AND_BLANKS = re.compile(rb"\nargmap[ \t]*")
_UTF8_BOM = b"\xef\xbb\xbf"


def _declares_argmap(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bool:
    """Whether a line of the file starts with `argmap:`, wherever it stands.

    A map may open with a long licence comment: the whole file is searched
    (up to the size a map may have), in chunks, so memory stays bounded.
    """
    # Only regular files (argmap.files.open_regular): opening a named pipe
    # called `x.yaml` would wait for a writer forever, and a device could be
    # read without end.
    try:
        with open_regular(path, max_bytes, prefix=True) as handle:
            chunk = handle.read(min(_SEARCH_CHUNK_BYTES, max_bytes)).removeprefix(_UTF8_BOM)
            remaining = max_bytes - len(chunk)
            carried = b"\n"
            while chunk:
                window = carried + chunk
                if _ARGMAP_LINE.search(window) is not None:
                    return True
                carried = _unfinished_argmap_line(window)
                chunk = handle.read(min(_SEARCH_CHUNK_BYTES, remaining)) if remaining > 0 else b""
                remaining -= len(chunk)
    except (OSError, UnsafeFile):
        return False
    return False


def _unfinished_argmap_line(window: bytes) -> bytes:
    """The start of the window's last line when the next bytes could make it `argmap:`.

    A few bytes at most, however long the line: the search stays linear.
    """
    start = window.rfind(b"\n")
    if start == -1:
        return b""
    last_line = window[start:]
    if _ARGMAP_AND_BLANKS.fullmatch(last_line):
        return b"\nargmap"
    return last_line if b"\nargmap".startswith(last_line) else b""


# One file loaded: its map (None when it could not be read as one) and its problems.
LoadedMap = tuple[ArgMap | None, list[Problem]]
# Loads files (paths, display names) in order; `argmap.lint.parallel` shares the work out.
LoadFiles = Callable[[Sequence[Path], Sequence[str], Config], list[LoadedMap]]


def load_files(
    files: Sequence[Path],
    names: Sequence[str],
    config: Config,
    buffers: Mapping[Path, bytes] | None = None,
    cache: MapCache | None = None,
) -> list[LoadedMap]:
    """Each file read, validated and modelled, in order."""
    loaded: list[LoadedMap] = []
    for path, name in zip(files, names, strict=True):
        problems: list[Problem] = []
        argmap = _load_one(path, name, config, problems, buffers or {}, cache)
        loaded.append((argmap, problems))
    return loaded


def load_workspace(
    paths: Sequence[Path],
    config: Config,
    cwd: Path | None = None,
    *,
    maps_only: bool = False,
    buffers: Mapping[Path, bytes] | None = None,
    load_many: LoadFiles | None = None,
    cache: MapCache | None = None,
) -> Workspace:
    """`buffers` (by resolved path) stand in for the files' bytes on disk:
    an editor's unsaved text is checked as it is. `load_many` loads the
    named files in place of `load_files` (with the same result, in order).
    With a `cache`, files whose bytes were seen before are not parsed again."""
    buffers = buffers or {}
    files = discover(paths, maps_only=maps_only, cwd=cwd)
    names = [display_name(path, cwd) for path in files]
    problems: list[Problem] = []
    requested: list[ArgMap] = []
    # Unsaved buffers and a cache are the language server's: one process.
    if load_many is None or buffers or cache is not None:
        loaded = load_files(files, names, config, buffers, cache)
    else:
        loaded = load_many(files, names, config)
    for argmap, found in loaded:
        problems.extend(found)
        if argmap is not None:
            requested.append(argmap)
    helpers = _load_referenced_maps(requested, files, config, cwd, buffers, cache)
    corpus = Corpus.of([*requested, *helpers])
    return Workspace(corpus=corpus, requested=tuple(requested), problems=tuple(problems), files=tuple(names))


def _load_one(
    path: Path,
    name: str,
    config: Config,
    problems: list[Problem],
    buffers: Mapping[Path, bytes],
    cache: MapCache | None = None,
) -> ArgMap | None:
    buffer = buffers.get(path.resolve()) if buffers else None
    if cache is not None:
        return _load_cached(path, name, config, problems, buffer, cache)
    loaded: LoadedFile = (
        read_map_file(path, name, config.limits)
        if buffer is None
        else load_bytes(buffer, name, config.limits)
    )
    problems.extend(loaded.problems)
    return _model(loaded, name, path, problems)


def _model(loaded: LoadedFile, name: str, path: Path, problems: list[Problem]) -> ArgMap | None:
    """The map of a file read: validated, modelled, and salvaged when parts of it fail."""
    if loaded.data is None:
        return None
    failures = validated(loaded.data, name)
    problems.extend(problem for problem, _ in failures)
    if not failures:
        return ArgMap.from_data(loaded.data, name, path.resolve())
    # The rest of the file is still checked, without what failed.
    from argmap.input.salvage import salvage

    salvaged = salvage(loaded.data, [failed for _, failed in failures])
    if salvaged is None:
        return None
    argmap = ArgMap.from_data(salvaged.data, name, path.resolve())
    return attrs.evolve(
        argmap, dropped_ids=salvaged.dropped, incomplete_ids=salvaged.incomplete, partial=True
    )


def _load_cached(
    path: Path, name: str, config: Config, problems: list[Problem], buffer: bytes | None, cache: MapCache
) -> ArgMap | None:
    resolved = path.resolve()
    raw = buffer if buffer is not None else read_map_bytes(path, name, config.limits)
    if isinstance(raw, Problem):  # over the size limit: nothing to keep
        problems.append(raw)
        return None
    built = cache._lookup(resolved, raw, name)
    if built is None:
        loaded = load_bytes(raw, name, config.limits)
        schema_problems: list[Problem] = []
        argmap = _model(loaded, name, resolved, schema_problems)
        built = _Built(raw, loaded, tuple(schema_problems), argmap)
        cache._keep(resolved, built)
    problems.extend(built.loaded.problems)
    problems.extend(built.schema_problems)
    return built.argmap


def _load_referenced_maps(
    requested: Iterable[ArgMap],
    files: Sequence[Path],
    config: Config,
    cwd: Path | None,
    buffers: Mapping[Path, bytes],
    cache: MapCache | None = None,
) -> list[ArgMap]:
    """Maps that the requested ones refer to but that were not named.

    `argmap check maps/confront.yaml` should resolve `ft#claim` against the
    map with id `ft` beside it, without reporting that map's own problems.
    """
    known = {argmap.id for argmap in requested}
    wanted = _referenced_map_ids(requested) - known
    if not wanted:
        return []
    loaded_paths = {path.resolve() for path in files}
    folders = sorted({path.resolve().parent for path in files})
    boundary = _Boundary(cwd)
    candidates = [
        candidate
        for folder in folders
        for candidate in _walk_maps(folder, boundary)
        if candidate.resolve() not in loaded_paths
    ]
    ids = {candidate: _peek_id(candidate) for candidate in candidates}
    helpers: list[ArgMap] = []
    while wanted:
        map_id = min(wanted)
        wanted.discard(map_id)
        known.add(map_id)
        for candidate, candidate_id in ids.items():
            if candidate_id != map_id:
                continue
            try:
                argmap = _load_one(candidate, display_name(candidate, cwd), config, [], buffers, cache)
            except SourceAccessError:
                argmap = None
            if argmap is not None and argmap.id == map_id:
                helpers.append(argmap)
                wanted |= _referenced_map_ids([argmap]) - known
                break
    return helpers


def _referenced_map_ids(maps: Iterable[ArgMap]) -> set[str]:
    ids: set[str] = set()
    for argmap in maps:
        ids.update(split_key(reference.target)[0] for reference in argmap.references)
        ids.update(split_key(expectation.key)[0] for expectation in argmap.expectations)
    return ids


def _peek_id(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """The map's top-level `id:`, read line by line wherever it stands (a map
    may open with a long licence comment), without loading the map."""
    # Only regular files, as for _declares_argmap.
    try:
        with open_regular(path, max_bytes, prefix=True) as handle:
            read = 0
            for line in handle:
                read += len(line)
                if read > max_bytes:
                    return None
                match = _TOP_LEVEL_ID.match(line.removeprefix(_UTF8_BOM) if read == len(line) else line)
                if match:
                    return match.group(1).decode()
    except (OSError, UnsafeFile):
        return None
    return None
