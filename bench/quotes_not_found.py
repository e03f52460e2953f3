"""Quotes that are not in their source: the worst case of the quote search.

A 5 MB source written by bench/generate.py (its small vocabulary makes
every phrase recur thousands of times), and quotes that are not in it:
two of three are source sentences with one word changed (found nowhere,
so each gets the nearest-passage hint), one of three are elided quotes
whose parts occur but never in reach of each other.

    python bench/quotes_not_found.py                 # 3,000 quotes, 5 MB
    python bench/quotes_not_found.py --quotes 300    # fewer

Prints the CPU time (`time.process_time`) of building the index and of
looking every quote up through `QuoteIndex.find`, and the outcomes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def workload(quotes: int, source_bytes: int, seed: int = 0) -> tuple[str, list[str]]:
    from generate import generate_map

    nodes = 1_000
    generated = generate_map(nodes, seed)
    while len(generated.source_text) * 1.0 < source_bytes:
        nodes = int(nodes * source_bytes / len(generated.source_text) * 1.05) + 1
        generated = generate_map(nodes, seed)
    source = generated.source_text[:source_bytes]
    sentences = [line for line in source.split(". ") if len(line.split()) > 6]
    rng = random.Random(seed)
    out: list[str] = []
    for number in range(quotes):
        words = rng.choice(sentences).split()
        if number % 3 == 2:
            # Parts that occur, but never within the elision's reach.
            other = rng.choice(sentences).split()
            out.append(" ".join(words[:3]) + " ... " + " ".join(other[-2:]) + " zebra")
        else:
            words[rng.randrange(len(words))] = rng.choice(("quokka", "nebula", "saffron", "tundra"))
            out.append(" ".join(words))
    return source, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quotes", type=int, default=3_000)
    parser.add_argument("--source-mb", type=float, default=5.0)
    parser.add_argument("--json", action="store_true", help="end with the figures as one line of JSON")
    args = parser.parse_args(argv)
    from argmap.grounding.quotes import QuoteIndex

    source, quotes = workload(args.quotes, int(args.source_mb * 1_000_000))
    start = time.process_time()
    index = QuoteIndex(source)
    built = time.process_time() - start
    start = time.process_time()
    outcomes = Counter(index.find(quote).outcome.value for quote in quotes)
    searched = time.process_time() - start
    print(
        f"{len(quotes):,} quotes, source {len(source) / 1e6:.1f} MB: index {built:.2f} s CPU, "
        f"search {searched:.2f} s CPU ({searched / len(quotes) * 1000:.1f} ms a quote); {dict(outcomes)}"
    )
    if args.json:
        print(
            json.dumps(
                {
                    "quotes": len(quotes),
                    "index_cpu": built,
                    "search_cpu": searched,
                    "outcomes": dict(outcomes),
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
