"""The pygls adapter: protocol messages in, `argmap.lsp.analysis` answers out.

Positions cross here: the protocol's 0-based lines and (by default UTF-16)
columns become argmap's 1-based lines and character columns through the
document's position codec. Diagnostics are published on open and save at
once and on change after a short pause (`DEBOUNCE_SECONDS`), so typing is
not slowed by a check per keystroke; after each check, the open maps that
refer to the changed one are checked again (their cross-map problems may
have appeared or gone).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from argmap import __version__
from argmap.input.workspace import MapCache
from argmap.lsp import analysis
from argmap.output.rule_docs import documentation_url
from argmap.problems import Problem, Severity

DEBOUNCE_SECONDS = 0.3

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_COMPLETION_KIND = {
    "node": types.CompletionItemKind.Reference,
    "scheme": types.CompletionItemKind.Class,
    "role": types.CompletionItemKind.Field,
    "question": types.CompletionItemKind.EnumMember,
    "key": types.CompletionItemKind.Property,
}
_SYMBOL_KIND = {
    "conclusion": types.SymbolKind.Class,
    "inference": types.SymbolKind.Function,
    "premise": types.SymbolKind.Field,
    "counterexample": types.SymbolKind.Event,
}


class ArgmapServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("argmap", __version__)
        self.snapshots: dict[Path, analysis.Snapshot] = {}
        self.good: dict[Path, analysis.Snapshot] = {}  # the last snapshot that built a map
        self.pending: dict[Path, asyncio.TimerHandle] = {}
        # Each version of each map is parsed and built once, whichever check reads it.
        self.cache = MapCache()

    def path_of(self, uri: str) -> Path:
        return Path(to_fs_path(uri) or uri).resolve()

    def buffers(self) -> dict[Path, bytes]:
        return {
            self.path_of(uri): document.source.encode("utf-8")
            for uri, document in self.workspace.text_documents.items()
        }

    def texts(self) -> dict[Path, str]:
        return {self.path_of(uri): document.source for uri, document in self.workspace.text_documents.items()}

    def snapshot(self, uri: str) -> analysis.Snapshot:
        path = self.path_of(uri)
        text = self.workspace.get_text_document(uri).source
        current = self.snapshots.get(path)
        if current is None or current.text != text:
            current = analysis.check(path, text, self.buffers(), self.cache)
            self.snapshots[path] = current
            if current.argmap is not None:
                self.good[path] = current
        return current

    def publish(self, uri: str) -> None:
        snapshot = self.snapshot(uri)
        by_file = analysis.problems_by_file(snapshot)
        text = ClientText(self.workspace.get_text_document(uri))
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, diagnostics=[diagnostic(problem, text) for problem in by_file[snapshot.path]]
            )
        )
        # Maps that name this one: their references may have broken or healed.
        for path in analysis.referring_maps(snapshot, self.texts()):
            other = from_fs_path(str(path))
            if other is None:
                continue
            self.snapshots.pop(path, None)
            other_snapshot = self.snapshot(other)
            other_text = ClientText(self.workspace.get_text_document(other))
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=other,
                    diagnostics=[
                        diagnostic(problem, other_text)
                        for problem in analysis.problems_by_file(other_snapshot)[path]
                    ],
                )
            )

    def schedule(self, uri: str) -> None:
        path = self.path_of(uri)
        waiting = self.pending.pop(path, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()
        self.pending[path] = loop.call_later(DEBOUNCE_SECONDS, self.publish, uri)


class ClientText:
    """A document's lines, split once, and its position codec: ranges in the client's units.

    The document's own conversions split its whole text at every call, which
    a map's fifty diagnostics would pay fifty times per keystroke.
    """

    def __init__(self, document: Any) -> None:
        self.codec = document.position_codec
        self.lines: Sequence[str] = document.lines

    def range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        server_range = types.Range(
            start=types.Position(line=line - 1, character=column - 1),
            end=types.Position(line=end_line - 1, character=end_column - 1),
        )
        result: types.Range = self.codec.range_to_client_units(self.lines, server_range)
        return result


def diagnostic(problem: Problem, text: ClientText) -> types.Diagnostic:
    end_line = problem.end_line or problem.line
    end_column = problem.end_column or problem.column
    if end_line == problem.line and end_column <= problem.column:
        # Unknown end: underline to the end of the line's word.
        lines = text.lines
        line_text = lines[problem.line - 1] if 1 <= problem.line <= len(lines) else ""
        rest = line_text[problem.column - 1 :]
        end_column = problem.column + max(len(rest.rstrip("\n").split(" ")[0]), 1)
    message = problem.message + (f"\nhint: {problem.hint}" if problem.hint else "")
    return types.Diagnostic(
        range=text.range(problem.line, problem.column, end_line, end_column),
        message=message,
        severity=_SEVERITY[problem.severity],
        code=problem.code,
        code_description=types.CodeDescription(href=documentation_url(problem.code)),
        source="argmap",
        data={"node": problem.node},
    )


def to_client(document: Any, line: int, column: int, end_line: int, end_column: int) -> types.Range:
    if document is None:
        return types.Range(
            start=types.Position(line=line - 1, character=column - 1),
            end=types.Position(line=end_line - 1, character=end_column - 1),
        )
    return ClientText(document).range(line, column, end_line, end_column)


def span_location(server: ArgmapServer, span: analysis.Span) -> types.Location:
    uri = from_fs_path(str(span.file)) or str(span.file)
    document = server.workspace.text_documents.get(uri)
    return types.Location(
        uri=uri, range=to_client(document, span.line, span.column, span.end_line, span.end_column)
    )


def from_client(document: Any, position: types.Position) -> tuple[int, int]:
    server: types.Position = document.position_from_client_units(position)
    return server.line + 1, server.character + 1


def edits_by_uri(server: ArgmapServer, edits: list[analysis.Edit]) -> dict[str, list[types.TextEdit]]:
    changes: dict[str, list[types.TextEdit]] = {}
    for edit in edits:
        location = span_location(server, edit.span)
        changes.setdefault(location.uri, []).append(
            types.TextEdit(range=location.range, new_text=edit.new_text)
        )
    return changes


def other_maps(server: ArgmapServer, snapshot: analysis.Snapshot) -> list[Any]:
    """The maps of the other open documents, for references and rename across maps."""
    found = []
    for path, other in server.snapshots.items():
        if path != snapshot.path and other.argmap is not None:
            found.append(other.argmap)
    return found


def create_server() -> ArgmapServer:
    server = ArgmapServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArgmapServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArgmapServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ArgmapServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.snapshots.pop(ls.path_of(params.text_document.uri), None)
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArgmapServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.snapshots.pop(ls.path_of(params.text_document.uri), None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ArgmapServer, params: types.HoverParams) -> types.Hover | None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        text = analysis.hover(ls.snapshot(params.text_document.uri), *from_client(document, params.position))
        if text is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: ArgmapServer, params: types.DefinitionParams) -> types.Location | None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        span = analysis.definition(
            ls.snapshot(params.text_document.uri), *from_client(document, params.position)
        )
        return None if span is None else span_location(ls, span)

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: ArgmapServer, params: types.ReferenceParams) -> list[types.Location]:
        document = ls.workspace.get_text_document(params.text_document.uri)
        snapshot = ls.snapshot(params.text_document.uri)
        spans = analysis.references(
            snapshot, *from_client(document, params.position), other_maps(ls, snapshot)
        )
        return [span_location(ls, span) for span in spans]

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename(ls: ArgmapServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        snapshot = ls.snapshot(params.text_document.uri)
        edits = analysis.rename(
            snapshot, *from_client(document, params.position), params.new_name, other_maps(ls, snapshot)
        )
        return None if edits is None else types.WorkspaceEdit(changes=edits_by_uri(ls, edits))

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[":", " ", "#", "-"]),
    )
    def completion(ls: ArgmapServer, params: types.CompletionParams) -> types.CompletionList:
        document = ls.workspace.get_text_document(params.text_document.uri)
        snapshot = ls.snapshot(params.text_document.uri)
        found = analysis.completions(
            snapshot, *from_client(document, params.position), ls.good.get(snapshot.path)
        )
        return types.CompletionList(
            is_incomplete=False,
            items=[
                types.CompletionItem(
                    label=item.label,
                    detail=item.detail or None,
                    kind=_COMPLETION_KIND[item.kind],
                    documentation=(
                        types.MarkupContent(kind=types.MarkupKind.Markdown, value=item.documentation)
                        if item.documentation
                        else None
                    ),
                )
                for item in found
            ],
        )

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION)
    def code_action(ls: ArgmapServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        snapshot = ls.snapshot(params.text_document.uri)
        wanted = {
            (d.range.start.line + 1, str(d.code)) for d in params.context.diagnostics if d.source == "argmap"
        }
        actions: list[types.CodeAction] = []
        for problem in analysis.problems_by_file(snapshot)[snapshot.path]:
            if (problem.line, problem.code) not in wanted:
                continue
            for fix in analysis.code_fixes(snapshot, problem):
                actions.append(
                    types.CodeAction(
                        title=fix.title,
                        kind=types.CodeActionKind.QuickFix,
                        edit=types.WorkspaceEdit(changes=edits_by_uri(ls, list(fix.edits))),
                    )
                )
        return actions

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(ls: ArgmapServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        text = ClientText(ls.workspace.get_text_document(params.text_document.uri))

        def convert(symbol: analysis.Symbol) -> types.DocumentSymbol:
            span = symbol.span
            where = text.range(span.line, span.column, span.end_line, span.end_column)
            return types.DocumentSymbol(
                name=symbol.name,
                detail=symbol.detail or None,
                kind=_SYMBOL_KIND.get(symbol.kind.value if symbol.kind else "", types.SymbolKind.Key),
                range=where,
                selection_range=where,
                children=[convert(child) for child in symbol.children] or None,
            )

        return [convert(symbol) for symbol in analysis.outline(ls.snapshot(params.text_document.uri))]

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: ArgmapServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        snapshot = ls.snapshot(params.text_document.uri)
        text = analysis.formatted(snapshot)
        if text is None or text == snapshot.text:
            return None if text is None else []
        lines = snapshot.text.splitlines()
        end = types.Position(line=len(lines) + 1, character=0)
        return [
            types.TextEdit(
                range=types.Range(start=types.Position(line=0, character=0), end=end), new_text=text
            )
        ]

    return server


def serve() -> None:
    """Serve over standard input and output until the client says exit."""
    create_server().start_io()
