"""`argmap init`: the files of a new project of maps, so that a first map checks clean.

A project (`argmap.project`) is the folder tree argmap reads a map's
sources and configuration from. `init` marks a folder as one and lays it
out the way the documentation assumes:

- `argmap.toml`: the configuration, every documented key present but
  commented out (its presence alone makes the folder the project's root);
- `maps/` and `sources/`: where maps and the documents they reconstruct go
  (`argmap new maps/x.yaml --source sources/x.txt`);
- `schemas/argmap.schema.json`: a copy of the schema, so that editors
  validate and complete maps offline (`argmap new` points maps at it);
- `.vscode/settings.json`: that schema for `maps/**/*.yaml`, YAML 1.2, the
  editor's formatter off (docs/editors.md);
- `.pre-commit-config.yaml`: the argmap hooks, at this version.

Nothing is ever overwritten: a file that exists is left as it is and
reported as kept, so `init` can run again in a project to add what is missing.
"""

from __future__ import annotations

import enum
import json
from pathlib import Path

import attrs

from argmap import __version__
from argmap.input.schema import schema_text
from argmap.problems import SourceAccessError, UsageError
from argmap.project import CONFIG_FILE

SCHEMA_COPY = Path("schemas") / "argmap.schema.json"

ARGMAP_TOML = """\
# argmap's configuration: this file marks the root of the project, the one
# folder tree argmap reads maps, sources and scheme catalogues from.
# Every key is optional; `argmap rules` lists the codes, `argmap rules CODE`
# explains one and its options. The same keys may stand under [tool.argmap].

# select = ["M", "A", "Q"]          # rule codes or prefixes to run (default: all)
# ignore = ["A411"]                 # codes or prefixes to skip
# severity = { A402 = "info" }      # re-grade a rule: error, warning or info
# schemes = ["schemes/ours.yaml"]   # extra scheme catalogues
# max-file-size = "32MiB"           # the largest map or source read
# max-depth = 200                   # the deepest nesting of a map

# [rules.A402]                      # a rule's options
# convergent = true
"""

VSCODE_SETTINGS = {
    "yaml.schemas": {"./schemas/argmap.schema.json": ["maps/**/*.yaml", "maps/**/*.yml"]},
    "yaml.yamlVersion": "1.2",
    "yaml.format.enable": False,
    "[yaml]": {"editor.tabSize": 2, "editor.insertSpaces": True},
}

PRE_COMMIT = f"""\
# argmap's hooks (docs/editors.md): `pre-commit install` once, then every
# commit checks, formats and re-renders the staged maps.
repos:
  - repo: https://github.com/argmap/argmap
    rev: v{__version__}
    hooks: [{{id: argmap-check}}, {{id: argmap-fmt}}, {{id: argmap-render}}]
"""


class Outcome(enum.StrEnum):
    CREATED = "created"
    KEPT = "kept"  # it was there already: left as it is


@attrs.frozen
class Step:
    path: Path  # relative to the project's root
    outcome: Outcome


@attrs.frozen
class InitResult:
    root: Path
    steps: tuple[Step, ...]


def init_project(root: Path) -> InitResult:
    """Lay out a project in `root` (created when missing, with its parents
    only when it is the working folder's child); nothing is overwritten."""
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root}: is a file, not a folder", hint="give the folder to make a project of")
    if not root.exists():
        if not root.parent.is_dir():
            raise UsageError(
                f"{root.parent}: no such folder", hint="create it first, or choose another place"
            )
        _mkdir(root)
    files: tuple[tuple[Path, str | None], ...] = (
        (Path(CONFIG_FILE), ARGMAP_TOML),
        (Path("maps"), None),
        (Path("sources"), None),
        (SCHEMA_COPY, schema_text()),  # the one the installed package validates with
        (Path(".vscode") / "settings.json", json.dumps(VSCODE_SETTINGS, indent=2) + "\n"),
        (Path(".pre-commit-config.yaml"), PRE_COMMIT),
    )
    steps = [_make(root, relative, content) for relative, content in files]
    return InitResult(root, tuple(steps))


def _mkdir(folder: Path) -> None:
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise SourceAccessError(f"{folder}: cannot create the folder ({error.strerror or error})") from None


def _make(root: Path, relative: Path, content: str | None) -> Step:
    target = root / relative
    if target.exists() or target.is_symlink():
        return Step(relative, Outcome.KEPT)
    if content is None:
        _mkdir(target)
        return Step(relative, Outcome.CREATED)
    if not target.parent.exists():
        _mkdir(target.parent)
    try:
        # "x": never over a file that appeared meanwhile.
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
    except FileExistsError:
        return Step(relative, Outcome.KEPT)
    except OSError as error:
        raise SourceAccessError(f"{target}: cannot write ({error.strerror or error})") from None
    return Step(relative, Outcome.CREATED)
