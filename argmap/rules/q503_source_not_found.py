"""The map's `source.file` names a file that does not exist.

Without its source a map's quotes cannot be checked, and a moved or renamed
document would otherwise leave every claim silently ungrounded. The path is
relative to the map's own folder; the message names the path argmap looked
for.

Fails (the map is `maps/ft.yaml`, the document `seeds/000.txt`):

```yaml
source:
  file: seeds/000.txt
```

Passes:

```yaml
source:
  file: ../seeds/000.txt
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.problems import Problem, Severity

CODE = "Q503"
NAME = "source-not-found"
SEVERITY = Severity.ERROR


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    from argmap.grounding.ground import SourceIssueKind, grounding_for

    issue = grounding_for(context).issue
    if issue is not None and issue.kind is SourceIssueKind.MISSING:
        yield Problem.at(CODE, SEVERITY, issue.location, issue.message, issue.hint)
