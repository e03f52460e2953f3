"""The one way a string reaches the report's HTML.

Every map and source string (titles, ids, texts, quotes, notes, links, the
source document itself, problem messages) goes through `escape_html`, in
text and in attribute values alike: it escapes the five characters that
could end a text or an attribute (`& < > " '`) and replaces the characters
HTML forbids (controls, lone surrogates, noncharacters) with U+FFFD, so
that nothing the user wrote is ever read as markup.
"""

from __future__ import annotations

import re

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
# Controls but tab, line feed and carriage return; surrogates; noncharacters.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
    "|[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)
_SPECIAL = re.compile("[&<>\"']")


def escape_html(text: str) -> str:
    """`text` as HTML text or as a quoted attribute value, showing itself."""
    text = _FORBIDDEN.sub("\ufffd", text)
    return _SPECIAL.sub(lambda found: _ESCAPES[found.group()], text)


_SAFE_LINK = re.compile(r"^(?:https?://|mailto:)[^\s]*$", re.IGNORECASE)


def safe_link(url: str | None) -> str | None:
    """`url` when it is a web or mail link a reader may follow, else None.

    A `javascript:` or `data:` link (or one hidden behind entities or
    spaces, which escaping shows but a browser would still follow) is
    never made a link: the report shows it as text instead.
    """
    if url is None or not _SAFE_LINK.match(url):
        return None
    return url
