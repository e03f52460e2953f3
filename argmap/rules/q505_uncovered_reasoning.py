"""A sentence of the source carries reasoning that no quote of the map covers.

A map reconstructs a document's reasoning; a sentence with *because*,
*therefore*, *however*, *but*, *if*, *suggest*... that no quote takes up may
be a premise, a step or an objection the map has missed. One finding per
such sentence, at the map's `source.file` line, naming the sentence's line
in the source. A sentence counts as covered when quotes take at least half
of its characters. Informational: a map need not capture every sentence;
`argmap coverage MAP` shows the whole picture.

Fails (reported: the source says "Other examples suggest that we should be
careful: the defeat in Kuwait in 1991 did not remove Saddam Hussein...",
and no quote takes it up):

```yaml
source:
  file: ../seeds/000_8cb48b3a64db822c.txt
conclusions:
  - id: no-direct-link
    text: Military failures need not weaken Putin's hold on power.
    quote: there is no direct connection between the failures of the military and the weakening of
      Putin’s power
```

Passes (for that sentence):

```yaml
    counterexamples:
      - id: saddam
        text: Defeat in Kuwait in 1991 did not remove Saddam Hussein.
        quote: Other examples suggest that we should be careful ... the defeat in Kuwait in 1991 did not
          remove Saddam Hussein
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.context import MapContext
from argmap.config import Config
from argmap.problems import Problem, Severity

CODE = "Q505"
NAME = "uncovered-reasoning"
SEVERITY = Severity.INFO
_START_WIDTH = 60


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    from argmap.grounding.coverage import coverage_for
    from argmap.grounding.ground import grounding_for
    from argmap.grounding.quotes import excerpt

    coverage = coverage_for(context)
    location = grounding_for(context).source_location
    if coverage is None or location is None:
        return
    for sentence in coverage.uncovered_reasoning:
        markers = ", ".join(sentence.markers)
        yield Problem.at(
            CODE,
            SEVERITY,
            location,
            f"line {sentence.line} of `{coverage.source_file}` carries reasoning ({markers}) "
            "that no quote covers: "
            f"“{excerpt(sentence.text, _START_WIDTH)}”",
            "quote it in a node if the map needs it; `argmap coverage` lists every uncovered sentence",
        )
