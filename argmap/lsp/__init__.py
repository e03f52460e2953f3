"""The language server (`argmap lsp`): argmap's problems, explanations and
fixes in the editor, over the Language Server Protocol.

`analysis` answers the editor's questions from the library (the lint
runner, the evaluation, the grounding, the schemes, fmt) in argmap's own
terms: 1-based lines and columns in characters. `server` is the thin pygls
adapter that turns them into protocol messages. Neither decides anything
about arguments: that stays in the library, shared with the CLI.
"""
