"""`argmap lsp` end to end: a real client (pytest-lsp) talks to the server over stdio."""

from __future__ import annotations

import sys
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


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "argmap", "lsp"]))
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
    uri = await open_map(client, folder / "m.yaml", MAP.replace("id: base", "id: grassroots"))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    del uri
    assert [d.code for d in client.diagnostics[other] if d.code == "M302"] == ["M302"]


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
    labels = [item.label for item in schemes.items]  # type: ignore[union-attr]
    assert len(labels) == 18
    assert "argument-from-example" in labels


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
    titles = [action.title for action in actions]  # type: ignore[union-attr]
    assert (
        titles[0] == "Replace the quote with the source's “For them, it is revenge against the stronger West”"
    )
    edit = actions[0].edit  # type: ignore[union-attr]
    assert [change.new_text for change in edit.changes[uri]] == [  # type: ignore[union-attr]
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
