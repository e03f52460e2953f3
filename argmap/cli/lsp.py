"""`argmap lsp`: the language server, for editors."""

from __future__ import annotations

from argmap.cli.app import app, fail


@app.command()
def lsp() -> None:
    """Run the language server over standard input and output (for editors:
    docs/editors.md). Needs the `lsp` extra: pip install 'argmap[lsp]'."""
    try:
        from argmap.lsp.server import serve
    except ImportError as error:
        fail(f"the language server needs pygls ({error})", hint="pip install 'argmap[lsp]'")
    serve()
