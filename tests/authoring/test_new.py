"""`argmap new`: a new map that passes the schema, never over an existing file;
and shell completion, the other half of an author's first minute."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.authoring.fmt import format_text
from argmap.authoring.new import create, installed_schema, scaffold, schema_reference, slug, source_metadata
from argmap.cli import app
from argmap.config import Config
from argmap.lint.runner import check_paths
from argmap.problems import SourceAccessError, UsageError

runner = CliRunner()

ARTICLE = """\
The invasion itself is considered a victory.

Military failures do not weaken the president.
"""

NOTES = """\
---
title: "Moral and political implications"
author: A professor
url: https://www.youtube.com/watch?v=chIqmlJA2i0
videoId: chIqmlJA2i0
---

# A heading that is not the title

The withdrawal marked a turning point.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with a schema folder, a source and a maps folder; the working folder."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'maps'\n[tool.argmap]\n", encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "argmap.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "seeds" / "notes.md").write_text(NOTES, encoding="utf-8")
    (tmp_path / "maps").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


EXPECTED_ARTICLE_MAP = """\
# yaml-language-server: $schema=../schemas/argmap.schema.json
argmap: 1
id: lose-or-win
title: The invasion itself is considered a victory.
source:
  file: ../seeds/article.txt
  title: The invasion itself is considered a victory.
conclusions:
  # Replace the TODOs: `text` is the document's main conclusion in your own words,
  # `quote` the passage that states it, verbatim. Then add its reasons under `because:`
  # and the objections under `counterexamples:`; `argmap watch` shows what is missing.
  - id: main-conclusion
    text: 'TODO: the main conclusion of the document, in one sentence of your own.'
    quote: 'TODO: the passage of the source that states it, copied verbatim.'
"""


def test_new_writes_a_map_with_the_schema_line_the_source_and_a_conclusion_to_fill_in(project: Path) -> None:
    result = runner.invoke(app, ["new", "maps/lose-or-win.yaml", "--source", "seeds/article.txt"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "created maps/lose-or-win.yaml (id `lose-or-win`, source ../seeds/article.txt)\n"
        "next: replace the TODOs in it, "
        "then run `argmap watch maps/lose-or-win.yaml` to see what is missing\n"
    )
    assert (project / "maps" / "lose-or-win.yaml").read_text(encoding="utf-8") == EXPECTED_ARTICLE_MAP


def test_the_new_map_passes_the_schema_and_is_already_formatted(project: Path) -> None:
    runner.invoke(app, ["new", "maps/a.yaml", "--source", "seeds/article.txt"])
    path = project / "maps" / "a.yaml"
    result = check_paths([path], Config(), cwd=project)
    assert [argmap.id for argmap in result.workspace.requested] == ["a"]
    assert [problem for problem in result.problems if problem.code[0] in "LS"] == []
    # The placeholder quote is reported until it is replaced.
    assert "Q501" in {problem.code for problem in result.problems}
    text = path.read_text(encoding="utf-8")
    assert format_text(text).text == text


def test_title_and_metadata_come_from_the_front_matter(project: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "maps/talk.yaml",
            "-s",
            "seeds/notes.md",
            "--title",
            "Kherson as a turning point",
            "--id",
            "kherson",
        ],
    )
    assert result.exit_code == 0
    text = (project / "maps" / "talk.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[:9] == [
        "# yaml-language-server: $schema=../schemas/argmap.schema.json",
        "argmap: 1",
        "id: kherson",
        "title: Kherson as a turning point",
        "source:",
        "  file: ../seeds/notes.md",
        "  title: Moral and political implications",
        "  author: A professor",
        "  url: https://www.youtube.com/watch?v=chIqmlJA2i0",
    ]


def test_new_refuses_to_overwrite_a_file(project: Path) -> None:
    existing = project / "maps" / "taken.yaml"
    existing.write_text("my work\n", encoding="utf-8")
    result = runner.invoke(app, ["new", "maps/taken.yaml", "--source", "seeds/article.txt"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "argmap: maps/taken.yaml already exists; argmap new never overwrites a file\n"
        "  hint: choose another name, or edit the map\n"
    )
    assert existing.read_text(encoding="utf-8") == "my work\n"


def test_new_refuses_a_file_that_appears_before_the_write(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = project / "maps" / "race.yaml"
    import argmap.authoring.new as scaffold_module

    real_scaffold = scaffold_module.scaffold

    def scaffold_then_someone_writes(*args: object, **kwargs: object) -> object:
        made = real_scaffold(*args, **kwargs)  # type: ignore[arg-type]
        target.write_text("written meanwhile\n", encoding="utf-8")
        return made

    monkeypatch.setattr(scaffold_module, "scaffold", scaffold_then_someone_writes)
    with pytest.raises(UsageError, match="already exists"):
        create(Path("maps/race.yaml"), Path("seeds/article.txt"))
    assert target.read_text(encoding="utf-8") == "written meanwhile\n"


def test_new_refuses_a_source_that_does_not_exist(project: Path) -> None:
    result = runner.invoke(app, ["new", "maps/x.yaml", "--source", "seeds/missing.txt"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "argmap: seeds/missing.txt: no such source document\n"
        "  hint: give the text or Markdown file the map reconstructs\n"
    )
    assert not (project / "maps" / "x.yaml").exists()


def test_a_missing_folder_is_created_only_when_asked(project: Path) -> None:
    refused = runner.invoke(app, ["new", "drafts/2024/x.yaml", "--source", "seeds/article.txt"])
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == "argmap: drafts/2024: no such folder\n  hint: create it, or add --parents\n"
    assert not (project / "drafts").exists()
    made = runner.invoke(app, ["new", "drafts/2024/x.yaml", "--source", "seeds/article.txt", "--parents"])
    assert made.exit_code == 0
    text = (project / "drafts" / "2024" / "x.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/argmap.schema.json\n")
    assert "  file: ../../seeds/article.txt\n" in text


def test_an_id_that_is_not_a_slug_is_refused(project: Path) -> None:
    result = runner.invoke(app, ["new", "maps/x.yaml", "--source", "seeds/article.txt", "--id", "Not A Slug"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "argmap: `Not A Slug` is not a valid map id\n"
        "  hint: use lowercase letters, digits, '-' and '_', such as `ft-lose-or-win`\n"
    )


def test_a_map_file_ends_in_yaml(project: Path) -> None:
    result = runner.invoke(app, ["new", "maps/x.txt", "--source", "seeds/article.txt"])
    assert result.exit_code == 2
    assert result.stderr == "argmap: maps/x.txt: a map file ends in .yaml or .yml\n  hint: try maps/x.yaml\n"


def test_without_a_project_schema_the_installed_one_is_named_so_it_works_offline(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the project's root: the search stops here
    (tmp_path / "doc.txt").write_text("A title\n", encoding="utf-8")
    made = scaffold(tmp_path / "m.yaml", tmp_path / "doc.txt")
    installed = installed_schema()
    assert installed is not None and installed.name == "argmap.schema.json"
    assert made.schema == os.path.relpath(installed, tmp_path)
    assert (tmp_path / made.schema).resolve() == installed.resolve()
    assert made.text.startswith(f"# yaml-language-server: $schema={made.schema}\n")
    assert schema_reference(tmp_path) == made.schema


def test_in_an_unmarked_folder_new_says_how_to_mark_it_and_init_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's case: maps/ and texts/ in a folder that nothing marks as a project."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "essay.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "maps").mkdir()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["new", "maps/essay.yaml", "--source", "texts/essay.txt"])
    assert (result.exit_code, result.stderr) == (
        0,
        "note: no argmap.toml, pyproject.toml [tool.argmap] or .git marks the project, so `argmap check` "
        "takes the folder it runs from as the project; run it from `.`, or mark that folder once: "
        "`argmap new ... --init`, `argmap init .` or `touch ./argmap.toml`\n",
    )
    assert not (tmp_path / "argmap.toml").exists()
    result = runner.invoke(app, ["new", "maps/essay2.yaml", "--source", "texts/essay.txt", "--init"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[1] == "created ./argmap.toml: it marks `.` as the project's root"
    # check, run from maps/, now accepts the source path new wrote.
    monkeypatch.chdir(tmp_path / "maps")
    checked = check_paths([Path("essay2.yaml")], Config(), cwd=tmp_path / "maps")
    assert [problem.code for problem in checked.problems if problem.code in ("Q503", "Q504")] == []


def test_source_metadata_falls_back_to_the_first_line(tmp_path: Path) -> None:
    source = tmp_path / "doc.md"
    source.write_text("\n\n## " + "A very long heading " * 8 + "\n\nBody.\n", encoding="utf-8")
    title = source_metadata(source)["title"]
    assert title == "A very long heading A very long heading A very long heading A very long…"
    assert len(title) <= 80
    unclosed = tmp_path / "unclosed.md"
    unclosed.write_text("---\ntitle: never closed\n", encoding="utf-8")
    assert source_metadata(unclosed) == {"title": "--- title: never closed"}


def test_slug_makes_an_id_from_a_file_name() -> None:
    assert slug("FT Lose or Win (draft)") == "ft-lose-or-win-draft"
    assert slug("Ärger über Kherson") == "arger-uber-kherson"
    assert slug("???") == "map"


def test_a_folder_is_not_a_source(tmp_path: Path) -> None:
    with pytest.raises(SourceAccessError, match="is a folder"):
        scaffold(tmp_path / "m.yaml", tmp_path)


def test_shell_completion_completes_the_commands(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "_ARGMAP_COMPLETE": "complete_bash",
        "COMP_WORDS": "argmap wa",
        "COMP_CWORD": "1",
    }
    # The console script itself: completion is keyed to the program's name.
    script = Path(sys.executable).parent / "argmap"
    if not script.exists():  # pragma: no cover - argmap not installed as a command
        pytest.skip("the `argmap` console script is not installed beside this Python")
    completed = subprocess.run(
        [str(script)],
        env=environment,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert (completed.returncode, completed.stdout.split(), completed.stderr) == (0, ["watch"], "")


def test_a_source_outside_the_project_is_refused_unread(tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text("TOPSECRET first line\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "link.txt").symlink_to(tmp_path / "outside.txt")
    for source in (tmp_path / "outside.txt", project / ".." / "outside.txt", project / "link.txt"):
        with pytest.raises(SourceAccessError) as raised:
            scaffold(project / "m.yaml", source)
        assert raised.value.message == (
            f"{source}: outside the project `{project.resolve()}` of the new map; argmap does not read it"
        )
        assert raised.value.hint == "copy the document into the project, beside or below the map's folder"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_source_that_is_a_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(SourceAccessError) as raised:
        scaffold(tmp_path / "m.yaml", tmp_path / "pipe.txt")
    assert raised.value.message == (
        f"{tmp_path / 'pipe.txt'}: cannot read: it is not a regular file (a pipe, a device or a socket)"
    )


def test_the_schema_is_looked_for_no_higher_than_the_project(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "argmap.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert schema_reference(tmp_path / "repo").endswith("argmap/data/argmap.schema.json")


def test_a_hard_wrapped_text_is_titled_by_its_first_sentence_not_its_first_line(tmp_path: Path) -> None:
    source = tmp_path / "essay.txt"
    source.write_text(
        "Should students be taught to compete\nor to cooperate? It is a question.\n\nMore.\n",
        encoding="utf-8",
    )
    assert source_metadata(source)["title"] == "Should students be taught to compete or to cooperate?"
