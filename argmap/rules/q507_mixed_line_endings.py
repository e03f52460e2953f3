"""The source document mixes kinds of line end.

A file edited on several systems, or converted twice, can end some lines
with CR LF and others with LF, CR or even CR CR LF. argmap counts lines as
an editor does (each of CR CR LF, CR LF, CR, LF, the Unicode line and
paragraph separators is one line end), so line numbers stay right; but
tools that count otherwise will disagree with it, and a stray CR is often
the sign of a damaged copy. Normalize the file's line ends (most editors
offer it; `dos2unix` does it from the command line).

Fails (a source whose lines end in CR LF, except one in LF):

```yaml
source:
  file: ../seeds/mixed.txt
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

CODE = "Q507"
NAME = "mixed-line-endings"
SEVERITY = Severity.WARNING


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    from argmap.grounding.ground import grounding_for

    grounding = grounding_for(context)
    source = grounding.source
    if source is None or not source.mixes_line_endings or grounding.source_location is None:
        return
    kinds = ", ".join(
        f"{name} on {count} line{'s' if count != 1 else ''}" for name, count in source.line_endings
    )
    yield Problem.at(
        CODE,
        SEVERITY,
        grounding.source_location,
        f"source file `{grounding.source_file}` mixes line ends ({kinds})",
        "lines are counted as an editor counts them; convert the file to one kind of line end "
        "(`dos2unix`, or your editor's line-ending setting) to be sure other tools agree",
    )
