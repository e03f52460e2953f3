"""A map may only ground itself in files inside its own project.

Absolute paths, `..` that climbs out and symbolic links that point out are
refused before argmap looks at the target, and nothing of the target is ever
shown. A missing source names the path argmap looked for. Sources are read
once per run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import argmap.grounding.ground
import argmap.grounding.sources
import argmap.project
from argmap.cli import app
from argmap.config import Config
from argmap.grounding.sources import RefusalReason, SourceMissing, SourceRefused, SourceText, resolve_source
from argmap.lint.runner import check_paths
from argmap.problems import Problem, Severity

SECRET = "TOPSECRET-do-not-print"
OUTSIDE_HINT = (
    "copy the document into the map's project, `.` (the folder that holds its argmap.toml), "
    "and name it relative to the map"
)

MAP = """\
argmap: 1
id: m
title: A map
source:
  file: {file}
conclusions:
  - id: claim
    text: A claim.
    quote: {quote}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tmp/project (with argmap.toml, maps/, seeds/) beside tmp/outside/secret.txt."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET} for your eyes only.\n", encoding="utf-8")
    root = tmp_path / "project"
    (root / "maps").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "argmap.toml").write_text("", encoding="utf-8")
    (root / "seeds" / "article.txt").write_text("The words of the article.\n", encoding="utf-8")
    return root


def write_map(project: Path, file: str, quote: str = "The words of the article") -> Path:
    path = project / "maps" / "m.yaml"
    path.write_text(MAP.format(file=file, quote=quote), encoding="utf-8")
    return path


def q5_problems(project: Path, path: Path) -> list[Problem]:
    result = check_paths([path], Config(), cwd=project)
    return [problem for problem in result.problems if problem.code.startswith("Q5")]


def refusal(message: str) -> Problem:
    return Problem("Q504", Severity.ERROR, "maps/m.yaml", 5, 9, message, OUTSIDE_HINT)


def test_an_absolute_path_is_refused(project: Path) -> None:
    secret = project.parent / "outside" / "secret.txt"
    path = write_map(project, str(secret), quote=SECRET)
    assert q5_problems(project, path) == [
        refusal(f"source file `{secret}` is an absolute path: sources must be named relative to the map")
    ]


@pytest.mark.parametrize("written", ["C:\\Users\\me\\secret.txt", "\\\\server\\share\\secret.txt"])
def test_windows_absolute_paths_are_refused(project: Path, written: str) -> None:
    with pytest.raises(SourceRefused) as raised:
        resolve_source(project / "maps", written, project)
    assert raised.value.reason is RefusalReason.ABSOLUTE


def test_dot_dot_that_climbs_out_is_refused(project: Path) -> None:
    path = write_map(project, "../../outside/secret.txt", quote=SECRET)
    assert q5_problems(project, path) == [
        refusal("source file `../../outside/secret.txt` climbs out of the project with `..`")
    ]


def test_dot_dot_that_climbs_out_is_refused_even_when_nothing_is_there(project: Path) -> None:
    # The refusal must not depend on the target: it reveals nothing about it.
    path = write_map(project, "../../outside/no-such-file.txt")
    assert [problem.code for problem in q5_problems(project, path)] == ["Q504"]


def test_dot_dot_that_stays_inside_is_fine(project: Path) -> None:
    path = write_map(project, "../maps/../seeds/article.txt")
    assert q5_problems(project, path) == []


def test_a_link_that_points_out_is_refused(project: Path) -> None:
    (project / "seeds" / "link.txt").symlink_to(project.parent / "outside" / "secret.txt")
    path = write_map(project, "../seeds/link.txt", quote=SECRET)
    assert q5_problems(project, path) == [
        refusal(
            "source file `../seeds/link.txt` is, or passes through, a link that points outside the project"
        )
    ]


def test_a_linked_folder_that_points_out_is_refused(project: Path) -> None:
    (project / "shared").symlink_to(project.parent / "outside")
    path = write_map(project, "../shared/secret.txt", quote=SECRET)
    assert [problem.code for problem in q5_problems(project, path)] == ["Q504"]


def test_a_dangling_link_out_is_refused_not_missing(project: Path) -> None:
    (project / "seeds" / "dangling.txt").symlink_to(project.parent / "outside" / "nothing.txt")
    path = write_map(project, "../seeds/dangling.txt")
    assert [problem.code for problem in q5_problems(project, path)] == ["Q504"]


def test_a_link_inside_the_project_is_fine(project: Path) -> None:
    (project / "maps" / "article-link.txt").symlink_to(project / "seeds" / "article.txt")
    path = write_map(project, "article-link.txt")
    assert q5_problems(project, path) == []


def test_a_missing_source_names_the_path_looked_for(project: Path) -> None:
    path = write_map(project, "../seeds/artcle.txt")
    assert q5_problems(project, path) == [
        Problem(
            "Q503",
            Severity.ERROR,
            "maps/m.yaml",
            5,
            9,
            "source file `../seeds/artcle.txt` does not exist (looked for `seeds/artcle.txt`)",
            "the path is relative to the map's folder; check its spelling",
        )
    ]
    with pytest.raises(SourceMissing) as raised:
        resolve_source(project / "maps", "../seeds/artcle.txt", project)
    assert raised.value.looked_for == project.resolve() / "seeds" / "artcle.txt"


def test_the_cli_never_prints_what_a_refused_file_holds(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    for written in (str(project.parent / "outside" / "secret.txt"), "../../outside/secret.txt"):
        # Were the file read, this near miss would bring its text into a hint.
        write_map(project, written, quote="for your ears only")
        for command in (["check", "maps/m.yaml"], ["coverage", "maps/m.yaml"]):
            result = CliRunner().invoke(app, command)
            assert result.exit_code == 1, command
            assert "Q504" in result.stdout + result.stderr, command
            assert SECRET not in result.stdout + result.stderr, command
        # export writes what it can and says the map has errors
        result = CliRunner().invoke(app, ["export", "maps/m.yaml"])
        assert result.exit_code == 0
        assert SECRET not in result.stdout + result.stderr


def test_a_source_is_read_once_per_run(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[Path] = []
    real_read = argmap.grounding.sources.read_source

    def counting_read(
        path: Path, display: str, max_bytes: int = 1 << 30, encoding: str | None = None
    ) -> SourceText:
        reads.append(path)
        return real_read(path, display, max_bytes, encoding)

    monkeypatch.setattr(argmap.grounding.ground, "read_source", counting_read)
    first = write_map(project, "../seeds/article.txt")
    second = project / "maps" / "second.yaml"
    second.write_text(
        MAP.format(file="../maps/../seeds/article.txt", quote="words of the article").replace(
            "id: m", "id: second"
        ),
        encoding="utf-8",
    )
    result = check_paths([first, second], Config(), cwd=project)
    assert [
        problem.code for problem in result.problems if problem.code in ("Q501", "Q503", "Q504", "Q506")
    ] == []
    assert reads == [(project / "seeds" / "article.txt").resolve()]


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("../seeds/article\x00.txt", "it holds a NUL byte"),
        ("../seeds/" + "a" * 256 + ".txt", "a part of it is longer than 255 bytes"),
    ],
)
def test_a_path_that_can_name_no_file_is_a_problem_of_the_map(
    project: Path, written: str, reason: str
) -> None:
    path = write_map(project, f'"{written.replace(chr(0), chr(92) + "0")}"')
    assert q5_problems(project, path) == [
        Problem(
            "Q503",
            Severity.ERROR,
            "maps/m.yaml",
            5,
            9,
            f"source file `{written}` cannot name a file: {reason}",
            "`source.file` names a document relative to the map, such as `../seeds/article.txt`",
        )
    ]


def test_a_loop_of_links_is_a_problem_of_the_map(project: Path) -> None:
    (project / "seeds" / "loop.txt").symlink_to(project / "seeds" / "loop.txt")
    path = write_map(project, "../seeds/loop.txt")
    [problem] = q5_problems(project, path)
    assert (problem.code, problem.line, problem.column) == ("Q503", 5, 9)
    assert problem.message.startswith("source file `../seeds/loop.txt` cannot name a file: ")


def test_a_nul_byte_in_one_map_does_not_stop_the_others(project: Path) -> None:
    write_map(project, '"../seeds/a\\0.txt"')
    other = project / "maps" / "other.yaml"
    other.write_text(
        MAP.format(file="../seeds/gone.txt", quote="x").replace("id: m", "id: other"), encoding="utf-8"
    )
    result = check_paths([project / "maps"], Config(), cwd=project)
    assert [(p.file, p.code) for p in result.problems if p.code.startswith("Q5")] == [
        ("maps/m.yaml", "Q503"),
        ("maps/other.yaml", "Q503"),
    ]


def test_a_map_in_a_dotfiles_home_cannot_reach_the_private_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / ".git").mkdir(parents=True)
    (home / ".ssh").mkdir()
    (home / ".ssh" / "id_ed25519").write_text(f"{SECRET}\n", encoding="utf-8")
    monkeypatch.setattr(argmap.project, "home_folder", lambda: home.resolve())
    folder = home / "Downloads" / "x"
    (folder / "maps").mkdir(parents=True)
    path = folder / "maps" / "m.yaml"
    path.write_text(
        MAP.format(file="../../../.ssh/id_ed25519", quote="TOPSECRET do not print"), encoding="utf-8"
    )
    result = check_paths([path], Config(), cwd=folder)
    assert [p for p in result.problems if p.code.startswith("Q5")] == [
        Problem(
            "Q504",
            Severity.ERROR,
            "maps/m.yaml",
            5,
            9,
            "source file `../../../.ssh/id_ed25519` climbs out of the project with `..`",
            # The folder above is the home folder: no use marking it.
            "copy the document into the map's project, `.`, and name it relative to the map",
        )
    ]
    assert all(SECRET not in (p.message + (p.hint or "")) for p in result.problems)
