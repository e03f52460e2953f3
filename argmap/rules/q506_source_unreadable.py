"""The map's source file exists but cannot be read as text.

Sources are text, Markdown or HTML (UTF-8, or the `source.encoding` the map
names) or PDF. A Word file, a text in another encoding, a PDF that is
encrypted, damaged or without text (or read without the `pdf` extra), a
folder, a file over the size limit and a `source.ignore` pattern that could
hang the check cannot be searched for quotes, so the map's quotes go
unchecked. Convert the document to UTF-8 text (or Markdown) and point
`source.file` at that. The message never shows the file's content.

Fails:

```yaml
source:
  file: ../seeds/article.docx
```

Passes:

```yaml
source:
  file: ../seeds/article.txt
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.problems import Problem, Severity

CODE = "Q506"
NAME = "source-unreadable"
SEVERITY = Severity.ERROR


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    from argmap.grounding.ground import SourceIssueKind, grounding_for

    issue = grounding_for(context).issue
    if issue is not None and issue.kind is SourceIssueKind.UNREADABLE:
        yield Problem.at(CODE, SEVERITY, issue.location, issue.message, issue.hint)
