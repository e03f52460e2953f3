"""The map's `source.file` points outside the map's project; argmap refuses to read it.

A map is data that others send you: a pull request, a shared folder. If a
source path could name any file, checking a map could read `~/.ssh/id_rsa`
and print pieces of it in a hint. So a source must lie inside the map's
project (the nearest folder above the map holding `.git`, `argmap.toml` or a
`pyproject.toml` with `[tool.argmap]`, never the home folder): absolute
paths, `..` that climbs out of the project and symbolic links that point out
of it are refused, before argmap even looks whether the file exists, and
nothing of such a file is ever shown.

Fails:

```yaml
source:
  file: /etc/passwd
```

```yaml
source:
  file: ../../../outside/article.txt
```

Passes (the document copied into the project):

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

CODE = "Q504"
NAME = "source-outside-project"
SEVERITY = Severity.ERROR


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    from argmap.grounding.ground import SourceIssueKind, grounding_for

    issue = grounding_for(context).issue
    if issue is not None and issue.kind is SourceIssueKind.OUTSIDE:
        yield Problem.at(CODE, SEVERITY, issue.location, issue.message, issue.hint)
