"""The conclusion speaks of things that neither the premises nor the warrant mention.

If a claim follows from its premises, what it talks about must come from
somewhere: a conclusion about "hold on power" drawn from premises about
"revenge" and "resistance" needs a premise (or a warrant) that brings in
power. This rule compares the content words of the claim an inference
supports with those of the inference's premises (their `text`, and their
`quote`s) and its `warrant`, after dropping stop words and reducing words
to a stem by the Snowball stemmer of the map's `source.language` (English
when it names none): "failures", "failed", "failing" all count as "fail",
"infallibility" matches "infallible", and "weak" matches "weakness". When
several of the claim's content words go unmentioned, a premise is probably
missing.

An inference with a single premise and neither a warrant nor a scheme is
left to A402, which already says that a premise is probably missing (unless
A402 is turned off).

It is a heuristic and knows no synonyms: "lost battles" does not mention
"military failures". So it fires only when at least `min-unmatched`
content words, and at least the share `min-share` of the claim's content
words, are unmentioned. A `warrant` is the analyst's own statement of the
link, often in other words than the claim's, so an inference with a warrant
must leave a larger share unmentioned (`min-share-warranted`): the warrant
and the premises together miss most of what the claim is about. When a
paraphrase still trips it, reword the warrant in the claim's terms (a
warrant should join the premises' terms to the claim's), or keep the map as
it is with `ignore: {A403: "the warrant says the same in other words"}`.

Tuned on three realistic maps of two sources (34 inferences): with these
defaults it fires on 11 of them, and in 10 of those the link from the
premises to the claim is indeed left unstated.

Fails (the claim's "regime", "survive", "military" and "defeats" come
from nowhere):

```yaml
- id: putin-survives
  text: Putin's regime will survive military defeats.
  because:
    - id: from-revenge
      premises:
        - id: revenge
          text: Putin's supporters see the invasion as revenge on the West.
          quote: For them, it is revenge against the stronger West.
        - id: any-resistance-wins
          text: To them any resistance to the West is a victory.
          quote: any form of resistance to the West is a victory
```

Passes (the warrant brings in what the claim speaks of):

```yaml
- id: putin-survives
  text: Putin's regime will survive military defeats.
  because:
    - id: from-revenge
      warrant: A regime whose base counts any defiance as victory survives its military defeats.
      premises:
        - id: revenge
          text: Putin's supporters see the invasion as revenge on the West.
          quote: For them, it is revenge against the stronger West.
        - id: any-resistance-wins
          text: To them any resistance to the West is a victory.
          quote: any form of resistance to the West is a victory
```
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from argmap.analysis.context import MapContext
from argmap.config import Config, Option, option_values
from argmap.input.model import Kind, Node, Relation
from argmap.problems import Problem, Severity
from argmap.text import display_id

CODE = "A403"
NAME = "term-gap"
SEVERITY = Severity.WARNING


OPTIONS = (
    Option(
        "min-unmatched",
        "integer",
        3,
        "how many of the claim's content words must go unmentioned.",
        minimum=1,
    ),
    Option(
        "min-share",
        "number",
        0.5,
        "what share of the claim's content words must go unmentioned, from 0 to 1, "
        "for an inference without a warrant.",
        minimum=0,
        maximum=1,
    ),
    Option(
        "min-share-warranted",
        "number",
        0.85,
        "the same for an inference with a warrant.",
        minimum=0,
        maximum=1,
    ),
    Option(
        "count-quotes",
        "boolean",
        True,
        "whether the premises' quotes count as mentions, besides their texts.",
    ),
    Option(
        "stop-words",
        "words",
        (),
        "further words to ignore, such as the name of the map's subject when every claim mentions it.",
    ),
)


@attrs.frozen
class Options:
    min_unmatched: int
    min_share: float
    min_share_warranted: float
    count_quotes: bool
    stop_words: tuple[str, ...]

    @classmethod
    def from_config(cls, config: Config) -> Options:
        """The configured values (validated when the configuration was read), or the defaults."""
        values = option_values(OPTIONS, config.options(CODE))
        return cls(
            min_unmatched=values["min-unmatched"],
            min_share=values["min-share"],
            min_share_warranted=values["min-share-warranted"],
            count_quotes=values["count-quotes"],
            stop_words=tuple(values["stop-words"]),
        )


def check(context: MapContext, config: Config) -> Iterator[Problem]:
    from argmap.analysis.terms import DEFAULT_LANGUAGE, content_words, stop_words, unmatched

    options = Options.from_config(config)
    argmap = context.argmap
    corpus = context.corpus
    language = (argmap.source.language if argmap.source is not None else None) or DEFAULT_LANGUAGE
    conclusion_of: dict[str, str] = {}
    premises: dict[str, list[str]] = {}
    for edge in argmap.edges:
        if edge.relation is Relation.SUPPORTS:
            conclusion_of[edge.source] = edge.target
        elif edge.relation is Relation.PREMISE:
            premises.setdefault(edge.target, []).append(edge.source)
    left_to_a402 = config.enabled("A402")
    stems_of: dict[str, list[str]] = {}
    stop = stop_words(options.stop_words)
    for node in argmap.nodes:
        if node.kind is not Kind.INFERENCE or node.key not in conclusion_of:
            continue
        premise_keys = premises.get(node.key, [])
        if left_to_a402 and len(set(premise_keys)) == 1 and not node.warrant and not node.scheme:
            continue
        conclusion = corpus.node(conclusion_of[node.key])
        if conclusion is None or not conclusion.text:
            continue
        claimed = content_words(conclusion.text, stop, language)
        if not claimed:
            continue
        mentioned: set[str] = set()
        for text in _mentions(node, [corpus.node(key) for key in premise_keys], options):
            if text not in stems_of:  # premises recur across inferences: read each text once
                stems_of[text] = [stem for _, stem in content_words(text, stop, language)]
            mentioned.update(stems_of[text])
        missing = unmatched(claimed, mentioned)
        share = options.min_share_warranted if node.warrant else options.min_share
        if len(missing) < options.min_unmatched or len(missing) < share * len(claimed):
            continue
        shown = [f"`{word}`" for word in missing]
        words = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
        yield Problem.at(
            CODE,
            SEVERITY,
            node.location,
            f"claim {display_id(conclusion.key, argmap.id)} speaks of {words}, which neither the premises "
            f"nor the warrant of `{node.id}` mention: a premise is probably missing",
            "add the premise that connects them (with `implicit: true` if the source leaves it unstated), "
            "or state the link in the inference's `warrant:`",
            node=node.key,
        )


def _mentions(inference: Node, premises: list[Node | None], options: Options) -> Iterator[str]:
    if inference.warrant:
        yield inference.warrant
    for premise in premises:
        if premise is None:
            continue
        if premise.text:
            yield premise.text
        if options.count_quotes:
            yield from (quote.text for quote in premise.quotes)
