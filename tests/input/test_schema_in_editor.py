"""The schema as an editor reads it: the real yaml-language-server, driven over stdio.

The server is installed with npm into a temporary folder; without Node and
npm, or without the network to install it, these tests are skipped.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from lsprotocol import types
from pygls.lsp.client import LanguageClient

from argmap.analysis.schemes import builtin_schemes

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schemas" / "argmap.schema.json"
YAML_LANGUAGE_SERVER = "yaml-language-server@1.25"

MAP = """\
# yaml-language-server: $schema={schema}
argmap: 1
id: m
title: A map
conclusions:
  - id: claim
    text: Regimes fall after lost wars.
    implicit: true
    because:
      - id: from-cases
        scheme: {scheme}
        premises:
          - id: galtieri
            text: Galtieri fell after the Falklands.
            implicit: true
            role: {role}
"""


@pytest.fixture(scope="module")
def server_command(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        pytest.skip("Node.js and npm are needed to run yaml-language-server")
    folder = tmp_path_factory.mktemp("yaml-language-server")
    installed = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--prefix", str(folder), YAML_LANGUAGE_SERVER],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if installed.returncode != 0:
        pytest.skip(f"could not install {YAML_LANGUAGE_SERVER}: {installed.stderr.strip()[-300:]}")
    yield [node, str(folder / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server")]


class Editor:
    """A client that opens one document and keeps the diagnostics published for it."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.diagnostics: dict[str, list[types.Diagnostic]] = {}
        self.arrived = asyncio.Event()

    async def open(self, path: Path, text: str) -> str:
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        self.arrived.clear()
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
            )
        )
        await asyncio.wait_for(self.arrived.wait(), timeout=30)
        return uri

    async def complete(self, uri: str, line: int, character: int) -> list[types.CompletionItem]:
        found = await self.client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=line, character=character),
            )
        )
        if found is None:
            return []
        return list(found.items if isinstance(found, types.CompletionList) else found)


@pytest_asyncio.fixture
async def editor(server_command: list[str]) -> AsyncIterator[Editor]:
    client = LanguageClient("argmap-tests", "1")
    editor = Editor(client)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        editor.diagnostics[params.uri] = list(params.diagnostics)
        editor.arrived.set()

    @client.feature(types.WORKSPACE_CONFIGURATION)  # type: ignore[untyped-decorator]
    def configuration(params: types.ConfigurationParams) -> list[Any]:
        settings = {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}
        return [settings if item.section == "yaml" else None for item in params.items]

    await client.start_io(*server_command, "--stdio")
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                text_document=types.TextDocumentClientCapabilities(
                    completion=types.CompletionClientCapabilities(
                        completion_item=types.ClientCompletionItemOptions(
                            documentation_format=[types.MarkupKind.Markdown]
                        )
                    )
                ),
                workspace=types.WorkspaceClientCapabilities(configuration=True),
            )
        )
    )
    client.initialized(types.InitializedParams())
    yield editor
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]


def messages(editor: Editor, uri: str) -> list[str]:
    return [diagnostic.message for diagnostic in editor.diagnostics.get(uri, [])]


@pytest.mark.asyncio
async def test_a_valid_map_has_no_problems(editor: Editor, tmp_path: Path) -> None:
    text = MAP.format(schema=SCHEMA, scheme="argument-from-example", role="example")
    # A broken map first: its message shows the schema was read, so the empty list below means something.
    broken = await editor.open(tmp_path / "broken.yaml", text.replace("argmap: 1", "argmap: 2"))
    assert messages(editor, broken) == ["`argmap` is the version of the format: write `argmap: 1`."]
    uri = await editor.open(tmp_path / "m.yaml", text)
    assert messages(editor, uri) == []


@pytest.mark.asyncio
async def test_a_scheme_that_is_not_built_in_gets_the_schema_message(editor: Editor, tmp_path: Path) -> None:
    text = MAP.format(schema=SCHEMA, scheme="argument-from-exmaple", role="example")
    uri = await editor.open(tmp_path / "m.yaml", text)
    assert messages(editor, uri) == [
        "Not one of argmap's 18 built-in schemes (`argmap schemes` lists them). Fine if the project's "
        "own catalogue (`schemes` in argmap.toml) defines it; otherwise `argmap check` reports A409 "
        "with the nearest name."
    ]


@pytest.mark.asyncio
async def test_a_scheme_that_is_not_an_id_gets_the_schema_message(editor: Editor, tmp_path: Path) -> None:
    text = MAP.format(schema=SCHEMA, scheme="Argument From Example", role="example")
    uri = await editor.open(tmp_path / "m.yaml", text)
    assert "A scheme is named by its id" in "\n".join(messages(editor, uri))
    assert "String does not match the pattern" not in "\n".join(messages(editor, uri))


@pytest.mark.asyncio
async def test_a_bad_id_gets_the_schema_message(editor: Editor, tmp_path: Path) -> None:
    text = MAP.format(schema=SCHEMA, scheme="argument-from-example", role="example")
    uri = await editor.open(tmp_path / "m.yaml", text.replace("id: galtieri", "id: Galtieri Fell"))
    assert messages(editor, uri) == [
        "An id is a slug: lowercase letters and digits, with `-` or `_` between words, e.g. `from-revenge`."
    ]


@pytest.mark.asyncio
async def test_scheme_completion_offers_every_built_in_scheme(editor: Editor, tmp_path: Path) -> None:
    text = MAP.format(schema=SCHEMA, scheme="", role="example")
    uri = await editor.open(tmp_path / "m.yaml", text)
    line = text.splitlines().index("        scheme: ")
    items = await editor.complete(uri, line, len("        scheme: "))
    assert sorted(item.label for item in items) == sorted(scheme.id for scheme in builtin_schemes())
    assert len(items) == 18
    [example] = [item for item in items if item.label == "argument-from-example"]
    assert isinstance(example.documentation, types.MarkupContent)
    assert "Critical questions:" in example.documentation.value


@pytest.mark.asyncio
async def test_role_completion_offers_the_scheme_roles(editor: Editor, tmp_path: Path) -> None:
    text = MAP.format(schema=SCHEMA, scheme="argument-from-sign", role="")
    uri = await editor.open(tmp_path / "m.yaml", text)
    line = text.splitlines().index("            role: ")
    items = await editor.complete(uri, line, len("            role: "))
    assert [item.label for item in items] == ["finding", "indication"]
