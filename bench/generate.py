"""Generate synthetic argument maps of a chosen size, deterministically.

The maps have the shape of real ones: forests of conclusions whose claims
are supported by inferences of one to three premises, counterexamples on
claims (rebuttals) and on inferences (undercutters), some of them answered
in turn, `ref`s that reuse claims, warrants and schemes on some inferences,
a few implicit premises, and quotes that are verbatim passages of a source
document written beside the map (so that grounding has real work to do).

Every map is valid: `argmap check` reports no error on it. Refs only point
at claims that have no `because` of their own, so they can never close a
loop of support; ids are unique; the nesting stays far below the loader's
depth limit.

Same arguments, same bytes: the only randomness is `random.Random(seed)`.

Usage:

    python bench/generate.py 10000 --out /tmp/bench            # map-10000.yaml + source-10000.txt
    python bench/generate.py 30 --folder 1000 --out /tmp/many  # 1,000 small maps that refer to each other
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs

_SUBJECTS = (
    "the ministry",
    "the regime",
    "the army",
    "the elite",
    "the opposition",
    "the central bank",
    "the governor",
    "the press",
    "the voters",
    "the generals",
    "the parliament",
    "the courts",
    "the oligarchs",
    "the neighbours",
    "the allies",
    "the sanctions",
    "the refugees",
    "the unions",
)
_VERBS = (
    "weakens",
    "strengthens",
    "ignores",
    "depends on",
    "fears",
    "controls",
    "blames",
    "supports",
    "undermines",
    "rewards",
    "outlasts",
    "needs",
    "distrusts",
    "finances",
    "shields",
    "imitates",
)
_OBJECTS = (
    "the war effort",
    "public opinion",
    "the grain exports",
    "the security services",
    "the currency",
    "the western markets",
    "the regional budgets",
    "the television channels",
    "the old treaties",
    "the border regions",
    "the energy prices",
    "the loyal governors",
    "the conscription plan",
    "the foreign investors",
    "the official statistics",
    "the local elections",
    "the pension reform",
)
_QUALIFIERS = (
    "after the defeat",
    "since the spring",
    "in every crisis",
    "more than before",
    "for now",
    "despite the losses",
    "in the provinces",
    "at least in public",
    "as the polls show",
    "whatever the outcome",
    "in the long run",
    "according to the report",
)
_WARRANTS = (
    "What a leader's base counts as victory does not depend on the battlefield.",
    "A regime survives as long as those who hold the guns stay loyal.",
    "People judge a government by their own purse before anything else.",
    "An institution that controls the news controls what counts as a defeat.",
    "When the elite loses money, it looks for someone to blame.",
    "Past cases of the same kind are a guide to this one.",
)
_SCHEMES = (
    "argument-from-example",
    "argument-from-cause-to-effect",
    "argument-from-sign",
    "argument-from-analogy",
    "argument-from-expert-opinion",
    "practical-reasoning",
)
_ID_WORDS = (
    "defeat",
    "power",
    "revenge",
    "juntas",
    "saddam",
    "elite",
    "loyalty",
    "prices",
    "grain",
    "army",
    "budget",
    "press",
    "fear",
    "money",
    "border",
    "votes",
    "allies",
    "sanctions",
    "oil",
    "courts",
)


@attrs.define
class _Claim:
    id: str
    text: str
    quotes: list[str] = attrs.Factory(list)
    implicit: bool = False
    note: str | None = None
    because: list[_Inference] = attrs.Factory(list)
    counterexamples: list[_Item] = attrs.Factory(list)


@attrs.define
class _Ref:
    ref: str


@attrs.define
class _Inference:
    id: str
    premises: list[_Item] = attrs.Factory(list)
    warrant: str | None = None
    scheme: str | None = None
    counterexamples: list[_Item] = attrs.Factory(list)


_Item = _Claim | _Ref


@attrs.frozen
class GeneratedMap:
    yaml_text: str
    source_text: str
    node_count: int  # nodes with an id: claims and inferences (refs not counted)
    ref_count: int


class _Generator:
    def __init__(self, nodes: int, seed: int, map_id: str, source_name: str) -> None:
        self.target = nodes
        self.rng = random.Random(seed)
        self.map_id = map_id
        self.source_name = source_name
        self.count = 0
        self.refs = 0
        self.serial = 0
        # Claims without `because`: the only safe targets of a premise ref.
        self.leaf_claims: list[str] = []
        self.all_claims: list[str] = []
        self.source_sentences: list[str] = []
        # Claims of another map (`other#id`) that a ref may reuse.
        self.foreign_leaves: list[str] = []

    # --- words -------------------------------------------------------------

    def sentence(self) -> str:
        rng = self.rng
        text = (
            f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_QUALIFIERS)}"
        )
        return text[0].upper() + text[1:] + "."

    def new_id(self) -> str:
        self.serial += 1
        return f"{self.rng.choice(_ID_WORDS)}-{self.serial}"

    def quote_for(self, text: str) -> str:
        """A passage of the source that states `text`, written into the source."""
        rng = self.rng
        lead = rng.choice(
            ("As the report puts it,", "We read that", "The author notes that", "In short,", "")
        )
        words = text.rstrip(".").split()
        passage = " ".join(words).lower() if lead else " ".join(words)
        sentence = f"{lead} {passage}." if lead else f"{passage}."
        self.source_sentences.append(sentence.strip())
        if len(words) > 6 and rng.random() < 0.1:
            # An elision: the analyst leaves out the middle of the passage.
            return (
                " ".join(words[:3]).lower() + " ... " + " ".join(words[-2:]).lower()
                if lead
                else (" ".join(words[:3]) + " ... " + " ".join(words[-2:]))
            )
        return passage

    # --- structure ---------------------------------------------------------

    def claim(self, depth: int, max_depth: int, *, allow_implicit: bool = False) -> _Claim:
        rng = self.rng
        self.count += 1
        text = self.sentence()
        claim = _Claim(id=self.new_id(), text=text)
        if allow_implicit and rng.random() < 0.05:
            claim.implicit = True
        else:
            claim.quotes.append(self.quote_for(text))
            if rng.random() < 0.05:
                claim.quotes.append(self.quote_for(self.sentence()))
        if rng.random() < 0.03:
            claim.note = "The source gives no date for this; " + self.sentence().lower()
        self.all_claims.append(claim.id)
        expand = (
            depth < max_depth and self.count < self.target and rng.random() < (0.75 if depth == 0 else 0.45)
        )
        if expand:
            for _ in range(1 if rng.random() < 0.8 else 2):
                if self.count >= self.target:
                    break
                claim.because.append(self.inference(depth, max_depth))
        else:
            self.leaf_claims.append(claim.id)
        if self.count < self.target and rng.random() < (0.3 if depth == 0 else 0.12):
            claim.counterexamples.append(self.attacker(depth, max_depth, target=claim.id))
        return claim

    def inference(self, depth: int, max_depth: int) -> _Inference:
        rng = self.rng
        self.count += 1
        inference = _Inference(id=self.new_id())
        if rng.random() < 0.5:
            inference.warrant = rng.choice(_WARRANTS)
        if rng.random() < 0.3:
            inference.scheme = rng.choice(_SCHEMES)
        wanted = rng.choices((1, 2, 3), weights=(3, 4, 2))[0]
        used: set[str] = set()
        for _ in range(wanted):
            reuse = self.pick_ref(used) if rng.random() < 0.08 else None
            if reuse is not None:
                used.add(reuse)
                inference.premises.append(_Ref(reuse))
                self.refs += 1
            else:
                inference.premises.append(self.claim(depth + 1, max_depth, allow_implicit=True))
        if self.count < self.target and rng.random() < 0.1:
            inference.counterexamples.append(self.attacker(depth, max_depth, target=inference.id))
        return inference

    def attacker(self, depth: int, max_depth: int, target: str) -> _Item:
        rng = self.rng
        if rng.random() < 0.1:
            candidates = [claim for claim in self.all_claims[-50:] if claim != target]
            if candidates:
                self.refs += 1
                return _Ref(rng.choice(candidates))
        return self.claim(depth + 1, max_depth)

    def pick_ref(self, used: set[str]) -> str | None:
        rng = self.rng
        pool = self.foreign_leaves if self.foreign_leaves and rng.random() < 0.3 else self.leaf_claims
        if not pool:
            return None
        choice = rng.choice(pool[-200:])
        return None if choice in used else choice

    def forest(self) -> list[_Claim]:
        roots: list[_Claim] = []
        while self.count < self.target:
            roots.append(self.claim(0, self.rng.randint(2, 6)))
        return roots


# --- writing YAML ------------------------------------------------------------


def _scalar(text: str) -> str:
    """Plain when YAML reads it back as the same text; double-quoted otherwise."""
    plain_safe = (
        text
        and text[0] not in "-?:,[]{}#&*!|>'\"%@` "
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and text.lower() not in ("true", "false", "null", "yes", "no", "on", "off", "~")
        and not text[0].isdigit()
    )
    return text if plain_safe else json.dumps(text, ensure_ascii=False)


def _emit_item(item: _Item, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(item, _Ref):
        lines.append(f"{pad}- ref: {item.ref}")
        return
    lines.append(f"{pad}- id: {item.id}")
    inner = pad + "  "
    lines.append(f"{inner}text: {_scalar(item.text)}")
    if item.implicit:
        lines.append(f"{inner}implicit: true")
    elif len(item.quotes) == 1:
        lines.append(f"{inner}quote: {_scalar(item.quotes[0])}")
    elif item.quotes:
        lines.append(f"{inner}quote:")
        lines.extend(f"{inner}  - {_scalar(quote)}" for quote in item.quotes)
    if item.note:
        lines.append(f"{inner}note: {_scalar(item.note)}")
    if item.because:
        lines.append(f"{inner}because:")
        for inference in item.because:
            _emit_inference(inference, indent + 4, lines)
    if item.counterexamples:
        lines.append(f"{inner}counterexamples:")
        for attacker in item.counterexamples:
            _emit_item(attacker, indent + 4, lines)


def _emit_inference(inference: _Inference, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    inner = pad + "  "
    lines.append(f"{pad}- id: {inference.id}")
    if inference.scheme:
        lines.append(f"{inner}scheme: {inference.scheme}")
    if inference.warrant:
        lines.append(f"{inner}warrant: {_scalar(inference.warrant)}")
    lines.append(f"{inner}premises:")
    for premise in inference.premises:
        _emit_item(premise, indent + 4, lines)
    if inference.counterexamples:
        lines.append(f"{inner}counterexamples:")
        for attacker in inference.counterexamples:
            _emit_item(attacker, indent + 4, lines)


def generate_map(
    nodes: int,
    seed: int = 0,
    *,
    map_id: str | None = None,
    source_name: str | None = None,
    foreign_leaves: list[str] | None = None,
) -> GeneratedMap:
    """A valid map of about `nodes` nodes (claims and inferences), and its source."""
    map_id = map_id or f"bench-{nodes}"
    source_name = source_name or f"source-{nodes}.txt"
    generator = _Generator(nodes, seed, map_id, source_name)
    generator.foreign_leaves = list(foreign_leaves or ())
    roots = generator.forest()
    lines = [
        "# Generated by bench/generate.py: a synthetic map for benchmarks.",
        "argmap: 1",
        f"id: {map_id}",
        f"title: A synthetic map of {nodes} nodes (seed {seed})",
        "source:",
        f"  file: {source_name}",
        "  title: A generated report",
        "  author: bench/generate.py",
        "  date: 2024-01-01",
        "conclusions:",
    ]
    for root in roots:
        _emit_item(root, 2, lines)
    # Paragraphs of five sentences, as an article would have.
    sentences = generator.source_sentences
    paragraphs = [" ".join(sentences[start : start + 5]) for start in range(0, len(sentences), 5)]
    source_text = "A generated report\n\n" + "\n\n".join(paragraphs) + "\n"
    return GeneratedMap(
        yaml_text="\n".join(lines) + "\n",
        source_text=source_text,
        node_count=generator.count,
        ref_count=generator.refs,
    )


def leaf_ids(generated: GeneratedMap) -> list[str]:
    """Ids of the claims with no `because` in a generated map (safe ref targets)."""
    leaves: list[str] = []
    lines = generated.yaml_text.splitlines()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("- id: "):
            continue
        indent = len(line) - len(line.lstrip())
        is_claim = index + 1 < len(lines) and lines[index + 1].strip().startswith("text:")
        has_because = False
        for following in lines[index + 1 :]:
            following_indent = len(following) - len(following.lstrip())
            if following_indent <= indent:
                break
            if following_indent == indent + 2 and following.strip() == "because:":
                has_because = True
                break
        if is_claim and not has_because:
            leaves.append(stripped.removeprefix("- id: "))
    return leaves


def write_map(nodes: int, folder: Path, seed: int = 0) -> tuple[Path, GeneratedMap]:
    """Write `map-N.yaml` and its `source-N.txt` into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    generated = generate_map(nodes, seed)
    path = folder / f"map-{nodes}.yaml"
    path.write_text(generated.yaml_text, encoding="utf-8")
    (folder / f"source-{nodes}.txt").write_text(generated.source_text, encoding="utf-8")
    return path, generated


def write_folder(count: int, nodes: int, folder: Path, seed: int = 0) -> list[Path]:
    """Write `count` small maps of about `nodes` nodes; every tenth refers to the one before."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = folder / "sources"
    sources.mkdir(exist_ok=True)
    paths: list[Path] = []
    previous: tuple[str, list[str]] | None = None
    for index in range(count):
        map_id = f"many-{index:04d}"
        foreign = (
            [f"{previous[0]}#{leaf}" for leaf in previous[1][:20]] if previous and index % 10 == 0 else None
        )
        generated = generate_map(
            nodes,
            seed * 100_003 + index,
            map_id=map_id,
            source_name=f"sources/{map_id}.txt",
            foreign_leaves=foreign,
        )
        path = folder / f"{map_id}.yaml"
        path.write_text(generated.yaml_text, encoding="utf-8")
        (sources / f"{map_id}.txt").write_text(generated.source_text, encoding="utf-8")
        paths.append(path)
        previous = (map_id, leaf_ids(generated))
    return paths


def _chunks(sizes: str) -> Iterator[int]:
    for part in sizes.split(","):
        yield int(part.replace("_", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("nodes", help="nodes per map; several sizes separated by commas")
    parser.add_argument("--out", type=Path, default=Path("bench-maps"), help="folder to write into")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--folder", type=int, default=0, metavar="COUNT", help="write COUNT small maps instead of one"
    )
    args = parser.parse_args(argv)
    for nodes in _chunks(args.nodes):
        if args.folder:
            paths = write_folder(args.folder, nodes, args.out, args.seed)
            print(f"{len(paths)} maps of about {nodes} nodes in {args.out}")
        else:
            path, generated = write_map(nodes, args.out, args.seed)
            print(
                f"{path}: {generated.node_count} nodes, {generated.ref_count} refs, "
                f"{len(generated.yaml_text):,} bytes"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
