"""`argmap lsp` end to end: a real client (pytest-lsp) talks to the server over stdio."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ARTICLE = "For them, it is revenge against the stronger West.\nThe base sees resistance as victory.\n"
MAP = """\
argmap: 1
id: m
title: A map
source:
  file: article.txt
conclusions:
  - id: claim
    text: The base sees the war as revenge.
    quote: "For them, it is revenge against the strong West."
    because:
      - id: from-base
        premises:
          - id: base
            text: The base sees resistance as victory.
            quote: The base sees resistance as victory.
"""
OTHER = """\
argmap: 1
id: other
title: Another
conclusions:
  - id: also
    text: The base sees it as revenge.
    implicit: true
    because:
      - id: from-m
        warrant: The base sees revenge where m says so.
        premises: [{ref: "m#base"}]
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("maps")
    (folder / "argmap.toml").write_text("", encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "m.yaml").write_text(MAP, encoding="utf-8")
    (folder / "other.yaml").write_text(OTHER, encoding="utf-8")
    return folder


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "argmap", "lsp"])


@pytest_lsp.fixture(config=SERVER)  # type: ignore[untyped-decorator]
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    yield
    await lsp_client.shutdown_session()


async def open_map(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="yaml", version=1, text=text or path.read_text(encoding="utf-8")
            )
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


@pytest.mark.asyncio
async def test_diagnostics_have_code_range_hint_and_link(client: LanguageClient, folder: Path) -> None:
    uri = await open_map(client, folder / "m.yaml")
    [q501] = [d for d in client.diagnostics[uri] if d.code == "Q501"]
    assert q501.range == types.Range(
        start=types.Position(line=8, character=11), end=types.Position(line=8, character=61)
    )
    assert q501.severity == types.DiagnosticSeverity.Error
    assert q501.message == (
        "the quote of conclusion `claim` does not occur in `article.txt`\n"
        "hint: the nearest passage is at line 1: after “is revenge against the”, the quote has "
        "“strong West.” where the source has “stronger West”; copy the quote from the source"
    )
    assert q501.code_description is not None
    assert q501.code_description.href.endswith("/argmap/rules/q501_quote_not_found.py")


@pytest.mark.asyncio
async def test_unsaved_text_is_checked_and_changes_are_debounced(
    client: LanguageClient, folder: Path
) -> None:
    uri = await open_map(client, folder / "m.yaml")
    fixed = MAP.replace("strong West", "stronger West")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d.code for d in client.diagnostics[uri] if d.code == "Q501"] == []


@pytest.mark.asyncio
async def test_cross_map_problems_follow_the_referenced_map(client: LanguageClient, folder: Path) -> None:
    other = await open_map(client, folder / "other.yaml")
    assert [d.code for d in client.diagnostics[other] if d.code == "M302"] == []
    await open_map(client, folder / "m.yaml", MAP.replace("id: base", "id: grassroots"))
    await until(lambda: [d.code for d in client.diagnostics[other] if d.code == "M302"] == ["M302"])


@pytest.mark.asyncio
async def test_hover_definition_references_and_rename(client: LanguageClient, folder: Path) -> None:
    other = await open_map(client, folder / "other.yaml")
    m = await open_map(client, folder / "m.yaml")
    on_ref = types.Position(line=10, character=26)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=other), position=on_ref)
    )
    assert hover is not None
    assert "The base sees resistance as victory." in hover.contents.value  # type: ignore[union-attr]
    assert "status: **" in hover.contents.value  # type: ignore[union-attr]
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=other), position=on_ref)
    )
    assert isinstance(found, types.Location)
    assert (found.uri, found.range.start.line) == (m, 12)
    on_quote = types.Position(line=14, character=20)
    passage = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=m), position=on_quote)
    )
    assert isinstance(passage, types.Location)
    assert (passage.uri, passage.range.start.line) == ((folder / "article.txt").as_uri(), 1)
    on_id = types.Position(line=12, character=17)
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=m),
            position=on_id,
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert refs is not None
    assert sorted((ref.uri, ref.range.start.line) for ref in refs) == sorted([(m, 12), (other, 10)])
    edit = await client.text_document_rename_async(
        types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri=m), position=on_id, new_name="grassroots"
        )
    )
    assert edit is not None and edit.changes is not None
    assert {uri: [change.new_text for change in changes] for uri, changes in edit.changes.items()} == {
        m: ["grassroots"],
        other: ["m#grassroots"],
    }


@pytest.mark.asyncio
async def test_completion_of_schemes_and_refs(client: LanguageClient, folder: Path) -> None:
    text = MAP.replace("      - id: from-base\n", "      - id: from-base\n        scheme: \n")
    uri = await open_map(client, folder / "m.yaml", text)
    schemes = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=11, character=16),
        )
    )
    assert isinstance(schemes, types.CompletionList)
    labels = [item.label for item in schemes.items]
    assert len(labels) == 18
    assert "argument-from-example" in labels
    [example] = [item for item in schemes.items if item.label == "argument-from-example"]
    assert isinstance(example.documentation, types.MarkupContent)
    assert "- `typical`: Is the example typical of the kind of cases" in example.documentation.value


@pytest.mark.asyncio
async def test_completion_of_keys_follows_the_schema(client: LanguageClient, folder: Path) -> None:
    """Every key of the format is offered where it may stand, the ones added for the evaluation too."""
    text = MAP.replace("conclusions:\n", "\nconclusions:\n").replace(
        "          - id: base\n", "          - id: base\n            \n"
    )
    uri = await open_map(client, folder / "keys.yaml", text)

    async def labels(line: int, character: int) -> list[str]:
        found = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=line, character=character),
            )
        )
        assert isinstance(found, types.CompletionList)
        return [item.label for item in found.items]

    top_line = text.splitlines().index("")
    assert {"thesis", "issues", "expect", "conclusions"} <= set(await labels(top_line, 0))
    premise_line = text.splitlines().index("            ")
    offered = await labels(premise_line, 12)
    assert {"role", "weight", "assumed", "contradicts"} <= set(offered)
    assert "question" not in offered and "conceded" not in offered


@pytest.mark.asyncio
async def test_code_action_replaces_the_quote_with_the_nearest_passage(
    client: LanguageClient, folder: Path
) -> None:
    uri = await open_map(client, folder / "m.yaml")
    [q501] = [d for d in client.diagnostics[uri] if d.code == "Q501"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=q501.range,
            context=types.CodeActionContext(diagnostics=[q501]),
        )
    )
    assert actions is not None
    titles = [action.title for action in actions]
    assert (
        titles[0] == "Replace the quote with the source's “For them, it is revenge against the stronger West”"
    )
    edit = actions[0].edit  # type: ignore[union-attr]
    assert edit is not None and edit.changes is not None
    assert [change.new_text for change in edit.changes[uri]] == [
        '"For them, it is revenge against the stronger West"'
    ]
    assert any(title.startswith("Ignore Q501 on `claim`") for title in titles)


@pytest.mark.asyncio
async def test_symbols_and_formatting(client: LanguageClient, folder: Path) -> None:
    uri = await open_map(client, folder / "m.yaml")
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert [(s.name, [c.name for c in s.children or []]) for s in symbols] == [  # type: ignore[union-attr]
        ("claim", ["from-base"])
    ]
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert edits is not None


def apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    """The text after the edits (ASCII text: UTF-16 units are characters), applied from the last."""
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        return sum(len(line) for line in lines[: position.line]) + position.character

    for edit in sorted(edits, key=lambda edit: offset(edit.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def until(condition: Callable[[], bool], seconds: float = 60) -> None:
    """Wait for what the server publishes to make `condition` true.

    The server publishes a referring map's diagnostics right after the edited
    map's, often before the test's next wait could begin: waiting for "the
    next notification" would then wait forever. The limit only stops a
    broken server from hanging the run.
    """
    loop = asyncio.get_running_loop()
    give_up = loop.time() + seconds
    while not condition():
        if loop.time() > give_up:
            raise AssertionError("the server never published the expected diagnostics")
        await asyncio.sleep(0.02)


async def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    while True:
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri:
            return


@pytest.mark.asyncio
async def test_code_action_adds_an_implicit_premise_for_a402(client: LanguageClient, folder: Path) -> None:
    uri = await open_map(client, folder / "m.yaml")
    [a402] = [d for d in client.diagnostics[uri] if d.code == "A402"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=a402.range,
            context=types.CodeActionContext(diagnostics=[a402]),
        )
    )
    assert actions is not None
    [skeleton] = [action for action in actions if action.title == "Add an implicit premise"]
    assert isinstance(skeleton, types.CodeAction)
    assert skeleton.edit is not None and skeleton.edit.changes is not None
    fixed = apply(MAP, skeleton.edit.changes[uri])
    assert fixed == MAP.replace(
        "        premises:\n",
        "        premises:\n"
        "          - id: from-base-link\n"
        "            text: TODO the unstated premise that links them\n"
        "            implicit: true\n",
    )
    await change(client, uri, fixed, 2)
    codes = [d.code for d in client.diagnostics[uri]]
    assert "A402" not in codes
    assert not any(str(code).startswith("S") for code in codes), codes  # still a valid map


ROLES_AND_QUESTIONS = """\
argmap: 1
id: schemed
title: Schemes
conclusions:
  - id: claim
    text: Regimes fall after lost wars.
    implicit: true
    because:
      - id: from-cases
        scheme: argument-from-example
        premises:
          - id: galtieri
            text: Galtieri fell after the Falklands.
            implicit: true
            role: ex
        counterexamples:
          - id: survivors
            text: Saddam survived Kuwait.
            implicit: true
            question: typ
      - id: unschemed
        premises:
          - id: other
            text: Wars cost money.
            implicit: true
            role: ex
      - id: scheme-last
        premises:
          - id: sign
            text: The generals met.
            implicit: true
            role: si
        scheme: argument-from-sign
"""


def line_end(text: str, needle: str, occurrence: int = 0) -> types.Position:
    numbers = [number for number, line in enumerate(text.splitlines()) if line.strip() == needle]
    number = numbers[occurrence]
    return types.Position(line=number, character=len(text.splitlines()[number]))


@pytest.mark.asyncio
async def test_completion_of_roles_and_questions_of_the_inference_scheme(
    client: LanguageClient, folder: Path
) -> None:
    path = folder / "schemed.yaml"
    uri = await open_map(client, path, ROLES_AND_QUESTIONS)

    async def labels(position: types.Position) -> list[str]:
        found = await client.text_document_completion_async(
            types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position)
        )
        assert isinstance(found, types.CompletionList)
        return [item.label for item in found.items]

    assert await labels(line_end(ROLES_AND_QUESTIONS, "role: ex")) == ["example"]
    assert await labels(line_end(ROLES_AND_QUESTIONS, "question: typ")) == [
        "true-example",
        "supports",
        "typical",
        "strength",
        "special-circumstances",
        "counterexamples",
    ]
    # An inference without a scheme offers no roles, though one above it has a scheme.
    assert await labels(line_end(ROLES_AND_QUESTIONS, "role: ex", 1)) == []
    # A scheme written after the premises is the inference's scheme all the same.
    assert await labels(line_end(ROLES_AND_QUESTIONS, "role: si")) == ["finding", "indication"]


def fresh_folder(tmp_path: Path) -> Path:
    (tmp_path / "argmap.toml").write_text("", encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(OTHER, encoding="utf-8")
    return tmp_path


def codes_of(client: LanguageClient, uri: str, *codes: str) -> list[str]:
    """The codes among `codes` in the latest diagnostics of `uri`."""
    return [str(d.code) for d in client.diagnostics[uri] if d.code in codes]


@pytest.mark.asyncio
async def test_an_edit_of_a_referenced_map_updates_the_referring_map(
    client: LanguageClient, tmp_path: Path
) -> None:
    folder = fresh_folder(tmp_path)
    other = await open_map(client, folder / "other.yaml")
    m = await open_map(client, folder / "m.yaml")
    assert codes_of(client, other, "M302") == []
    await change(client, m, MAP.replace("id: base", "id: grassroots"), 2)
    await until(lambda: codes_of(client, other, "M302") == ["M302"])  # published after the edited map
    await change(client, m, MAP, 3)  # and back: the reference heals
    await until(lambda: codes_of(client, other, "M302") == [])


@pytest.mark.asyncio
async def test_a_referenced_map_changed_on_disk_is_read_again(client: LanguageClient, tmp_path: Path) -> None:
    folder = fresh_folder(tmp_path)
    other = await open_map(client, folder / "other.yaml")
    assert codes_of(client, other, "M302") == []
    # m.yaml is not open: the server reads it from disk, and must see that it changed.
    (folder / "m.yaml").write_text(MAP.replace("id: base", "id: grassroots"), encoding="utf-8")
    await change(client, other, OTHER + "\n", 2)
    assert codes_of(client, other, "M302") == ["M302"]


@pytest.mark.asyncio
async def test_a_changed_source_file_is_read_again(client: LanguageClient, tmp_path: Path) -> None:
    folder = fresh_folder(tmp_path)
    m = await open_map(client, folder / "m.yaml")
    assert codes_of(client, m, "Q501") == ["Q501"]
    (folder / "article.txt").write_text(ARTICLE.replace("stronger", "strong"), encoding="utf-8")
    await change(client, m, MAP + "\n", 2)
    assert codes_of(client, m, "Q501") == []
