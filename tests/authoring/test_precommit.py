"""argmap's pre-commit hooks, run by the real pre-commit in a scratch repository.

pre-commit installs argmap from a snapshot of this working tree (committed
in a repository of its own, so uncommitted changes are tested too) with pip,
in a virtualenv of its own: that takes a while and needs the package index,
so the tests are marked slow and make few installations. `try-repo` makes a
fresh store each time; the configuration-file test shares one store
(PRE_COMMIT_HOME) across its runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow

# Generous: pip installs argmap and its dependencies on the first run.
INSTALL_TIMEOUT = 1200

SOURCE = """\
Military failures do not weaken the president.
His supporters see the war as revenge against the West.
For them any resistance to the West is a victory.
"""

GOOD = """\
argmap: 1
id: good
title: A good map
source:
  file: ../sources/doc.txt
conclusions:
  - id: no-link
    text: Military failures need not weaken the president.
    quote: Military failures do not weaken the president.
    because:
      - id: from-revenge
        warrant: Military failures do not weaken a president whose base sees resistance as victory.
        premises:
          - id: revenge
            text: His supporters see the war as revenge.
            quote: His supporters see the war as revenge against the West.
          - id: any-resistance
            text: Any resistance to the West counts as a victory to them.
            quote: For them any resistance to the West is a victory.
"""

# Line 10: a premise without its `text`.
BAD = """\
argmap: 1
id: bad
title: A bad map
conclusions:
  - id: claim
    text: A claim.
    because:
      - id: step
        premises:
          - id: no-text
            implicit: true
"""

# Refers to a premise of GOOD (in fmt's layout); line 12 holds the ref.
OTHER = """\
argmap: 1
id: other
title: Another map
conclusions:
  - id: also
    text: The base sees it as revenge.
    implicit: true
    because:
      - id: from-good
        warrant: The base sees revenge where the good map says so.
        premises:
          - ref: good#revenge
"""

MESSY = """\
title:   "Messy but valid"
id: messy
argmap: 1
conclusions:
- {id: c, text: "A claim.", implicit: true, ignore: {A401: "a demo"}}   # keep me
"""

MESSY_FORMATTED = """\
argmap: 1
id: messy
title: Messy but valid
conclusions:
  - id: c
    text: A claim.
    implicit: true
    ignore:
      A401: a demo  # keep me
"""

NOT_A_MAP = "key: [1,   2]\n"


def _environment(home: Path) -> dict[str, str]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))
    }
    environment.update(
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="argmap tests",
        GIT_AUTHOR_EMAIL="tests@argmap.invalid",
        GIT_COMMITTER_NAME="argmap tests",
        GIT_COMMITTER_EMAIL="tests@argmap.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        HOME=str(home),  # no user git configuration (hooks, signing) gets in the way
        PRE_COMMIT_COLOR="never",
    )
    return environment


def _git(folder: Path, home: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", *args],
        cwd=folder,
        env=_environment(home),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return completed.stdout


def _project_files() -> list[Path]:
    """The files of this project as a fresh clone would have them, plus new ones not yet committed."""
    if (ROOT / ".git").exists():
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout.decode("utf-8")
        return [
            Path(name)
            for name in listed.split("\0")
            if name and ((ROOT / name).is_symlink() or (ROOT / name).is_file())
        ]
    skipped = {
        ".git",
        ".venv",
        "venv",
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".hypothesis",
        "build",
        "dist",
    }
    return [
        path.relative_to(ROOT)
        for path in ROOT.rglob("*")
        if (path.is_file() or path.is_symlink()) and not skipped.intersection(path.relative_to(ROOT).parts)
    ]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory, home: Path) -> tuple[Path, str]:
    """This working tree, committed in a repository of its own: (path, commit)."""
    target = tmp_path_factory.mktemp("argmap-snapshot")
    for relative in _project_files():
        source, destination = ROOT / relative, target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            destination.symlink_to(source.readlink())
        else:
            shutil.copy2(source, destination)
    _git(target, home, "init", "--quiet")
    _git(target, home, "add", "--all")
    _git(target, home, "commit", "--quiet", "--no-verify", "-m", "snapshot for the pre-commit tests")
    return target, _git(target, home, "rev-parse", "HEAD").strip()


def _repository(folder: Path, home: Path, files: dict[str, str]) -> Path:
    """A repository of maps, as an author would have one, with `files` staged."""
    folder.mkdir(parents=True, exist_ok=True)
    _git(folder, home, "init", "--quiet")
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git(folder, home, "add", "--all")
    return folder


def _pre_commit(folder: Path, home: Path, *args: str) -> tuple[int, str]:
    completed = subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=folder,
        env=_environment(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=INSTALL_TIMEOUT,
        check=False,
    )
    return completed.returncode, completed.stdout


def _section(output: str, hook_name: str) -> str:
    """What pre-commit printed for one hook: its status line and output."""
    start = output.index(hook_name + ".")
    following = [
        output.find(f"\n{name}.", start + 1) for name in ("argmap check", "argmap fmt", "argmap render")
    ]
    ends = [index for index in following if index != -1]
    return output[start : min(ends) if ends else len(output)]


def test_the_manifest_and_the_projects_own_configuration_are_valid(home: Path) -> None:
    for command, name in (
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ):
        code, output = _pre_commit(ROOT, home, command, str(ROOT / name))
        assert (code, output) == (0, "")


def test_try_repo_runs_each_hook_on_a_repository_of_maps(
    tmp_path: Path, home: Path, snapshot: tuple[Path, str]
) -> None:
    snapshot_path, _ = snapshot
    repository = _repository(
        tmp_path / "maps-repo",
        home,
        {
            "sources/doc.txt": SOURCE,
            "maps/good.yaml": GOOD,
            "maps/bad.yaml": BAD,
            "maps/messy.yaml": MESSY,
            "config.yaml": NOT_A_MAP,
        },
    )
    # Without a hook id, try-repo runs every hook of the manifest: one installation.
    code, output = _pre_commit(repository, home, "try-repo", str(snapshot_path), "--all-files")
    assert code == 1, output

    check = _section(output, "argmap check")
    assert "Failed" in check.splitlines()[0], output
    assert "maps/bad.yaml:10:13: S202 premise `no-text` needs `text` [error]" in check
    assert "maps/good.yaml:" not in check
    assert "config.yaml" not in check

    formatting = _section(output, "argmap fmt")
    assert "Failed" in formatting.splitlines()[0], output
    assert "files were modified by this hook" in formatting
    assert "reformatted maps/messy.yaml" in formatting
    assert "maps/bad.yaml: not formatted: it has problems to fix first" in formatting
    assert (repository / "maps" / "messy.yaml").read_text(encoding="utf-8") == MESSY_FORMATTED
    assert (repository / "maps" / "good.yaml").read_text(encoding="utf-8") == GOOD
    assert (repository / "maps" / "bad.yaml").read_text(encoding="utf-8") == BAD
    assert (repository / "config.yaml").read_text(encoding="utf-8") == NOT_A_MAP

    rendering = _section(output, "argmap render")
    assert "Failed" in rendering.splitlines()[0], output
    assert "maps/bad.yaml:10:13: S202" in rendering
    # A diagram drawn for the first time is not tracked: pre-commit would not notice it.
    assert "argmap: maps/good.svg: written, but git does not track it yet: `git add` it" in rendering
    # Errors and warnings only, by default.
    assert "[info]" not in check + rendering, output
    assert (repository / "maps" / "good.svg").read_bytes().lstrip().startswith((b"<?xml", b"<svg"))
    assert not (repository / "maps" / "bad.svg").exists()


def test_three_lines_of_configuration_check_format_and_render_every_commit(
    tmp_path: Path, home: Path, snapshot: tuple[Path, str]
) -> None:
    snapshot_path, commit = snapshot
    configuration = textwrap.dedent(
        f"""\
        repos:
          - repo: {snapshot_path}
            rev: {commit}
            hooks: [{{id: argmap-check}}, {{id: argmap-fmt}}, {{id: argmap-render, args: [--check]}}]
        """
    )
    repository = _repository(
        tmp_path / "maps-repo",
        home,
        {"sources/doc.txt": SOURCE, "maps/good.yaml": GOOD, ".pre-commit-config.yaml": configuration},
    )

    code, output = _pre_commit(repository, home, "run", "--all-files")
    assert code == 1, output
    assert "Passed" in _section(output, "argmap check").splitlines()[0], output
    assert "Passed" in _section(output, "argmap fmt").splitlines()[0], output
    rendering = _section(output, "argmap render")
    assert "Failed" in rendering.splitlines()[0]
    assert "maps/good.svg: missing" in rendering

    # Draw the diagram as the author would; now every hook passes.
    subprocess.run(
        [sys.executable, "-m", "argmap", "render", "maps"],
        cwd=repository,
        capture_output=True,
        timeout=300,
        check=True,
    )
    _git(repository, home, "add", "--all")
    code, output = _pre_commit(repository, home, "run", "--all-files")
    assert code == 0, output

    # Renaming a node that another map refers to breaks that map, which is not staged.
    (repository / "maps" / "other.yaml").write_text(OTHER, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "argmap", "render", "maps"],
        cwd=repository,
        capture_output=True,
        timeout=300,
        check=True,
    )
    _git(repository, home, "add", "--all")
    code, output = _pre_commit(repository, home, "run")
    assert code == 0, output
    _git(repository, home, "commit", "--quiet", "--no-verify", "-m", "two maps")
    (repository / "maps" / "good.yaml").write_text(
        GOOD.replace("id: revenge", "id: vengeance"), encoding="utf-8"
    )
    _git(repository, home, "add", "maps/good.yaml")
    code, output = _pre_commit(repository, home, "run")
    assert code == 1, output
    assert "maps/other.yaml:12:18: M302" in _section(output, "argmap check"), output
    _git(repository, home, "checkout", "--", ".")
    _git(repository, home, "reset", "--quiet", "--hard")

    (repository / "maps" / "bad.yaml").write_text(BAD, encoding="utf-8")
    _git(repository, home, "add", "--all")
    code, output = _pre_commit(repository, home, "run", "--all-files")
    assert code == 1, output
    assert "maps/bad.yaml:10:13: S202 premise `no-text` needs `text` [error]" in _section(
        output, "argmap check"
    )
