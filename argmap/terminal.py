"""Text that is safe to write to a terminal.

A map, a configuration or a file name is data others send you. Written raw
to a terminal, an ESC in an id can move the cursor, rewrite earlier lines
(hiding an error), change the window title or set the clipboard, and a
right-to-left override (U+202E) can make a path read backwards. So every
string that comes from the user's files passes through `for_terminal`
before a text formatter prints it; JSON output is escaped by `json.dumps`.
"""

from __future__ import annotations

import re

# C0 controls (line breaks and tabs included: one problem is one line), DEL,
# C1 controls, the Unicode line and paragraph separators, and the bidi
# marks, embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """`text` with every control and bidi character written as a visible escape (`\\x1b`)."""
    return _UNSAFE.sub(_escape, text)
