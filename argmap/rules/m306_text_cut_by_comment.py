"""A text, quote or note ends where YAML saw a comment: ` #` cut it short.

In YAML, ` #` (a space, then `#`) starts a comment, even in the middle of
an unquoted text. `note: Project Gutenberg eBook #34901 (an excerpt)` is
read as `Project Gutenberg eBook`, and the rest is silently dropped; a quote
cut so no longer says what the source says. A comment proper is usually
written `# like this`, with a space after the `#`; this rule looks for a
`#` followed directly by a letter, digit or sign in a prose value (`text`,
`quote`, `note`, `warrant`, `title`, `after`), which is almost always part
of the text. Put the whole value in double quotes.

Fails:

```yaml
- id: revenge
  text: Putin's supporters see the invasion as revenge on the West.
  quote: For them, it is revenge against the stronger West.
  note: Project Gutenberg eBook #34901 (an excerpt)
```

Passes:

```yaml
- id: revenge
  text: Putin's supporters see the invasion as revenge on the West.
  quote: For them, it is revenge against the stronger West.
  note: "Project Gutenberg eBook #34901 (an excerpt)"
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.problems import Location, Problem, Severity

CODE = "M306"
NAME = "text-cut-by-comment"
SEVERITY = Severity.WARNING

# `key: plain value #word`, or a list item `- plain value #word`: the value
# does not start with a quote, a block indicator or a flow collection.
_CUT = re.compile(
    r"^(?P<lead>[ \t]*(?:-[ \t]+)?(?:(?P<key>text|quote|note|warrant|title|after):[ \t]+|(?<=-[ \t])))"
    r"(?P<value>[^\s'\"|>\[{#&*!%@`][^\n]*?)[ \t]#(?P<rest>[^\s#][^\n]*)$"
)


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    path = context.argmap.path
    if path is None:
        return
    from argmap.files import read_bounded

    try:
        text = read_bounded(path, config.limits.max_bytes).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, ValueError):
        return  # the loader has said why already
    yield from cut_values(text, context.argmap.file)


def cut_values(text: str, file: str) -> Iterator[Problem]:
    """M306 for every prose value of the YAML `text` that a ` #` cut short
    (`argmap fmt` warns with it too: it keeps the comment, as YAML read it)."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = _CUT.match(line)
        if match is None or (match.group("key") is None and not _in_quote_list(text, number)):
            continue
        key = match.group("key") or "quote"
        kept, cut = match.group("value").rstrip(), "#" + match.group("rest").rstrip()
        yield Problem.at(
            CODE,
            SEVERITY,
            Location(file, number, len(match.group("lead")) + 1),
            f"this `{key}` reads only “{kept}”: YAML took ` {cut}` for a comment",
            f'put the whole value in double quotes: "{kept} {cut}"',
        )


def _in_quote_list(text: str, number: int) -> bool:
    """Whether line `number` is an item of a `quote:` list (the nearest key above it)."""
    for line in reversed(text.splitlines()[: number - 1]):
        stripped = line.strip()
        if not stripped or stripped.startswith("-"):
            continue
        return stripped == "quote:"
    return False
