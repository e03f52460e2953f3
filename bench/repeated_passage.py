"""What the repeated-passage info (Q508) costs: found quotes, looked up twice.

For every quote that is found and does not say which occurrence it means,
`QuoteIndex.find` looks for a second occurrence (Q508 names both lines).
A quote with `occurrence: 1` skips that second search and is otherwise
found the same way, so the difference between the two lookups of the same
quotes is the cost of Q508.

The source is the 5 MB text of bench/generate.py (a small vocabulary, so
short phrases recur thousands of times: the case where a second occurrence
is most often there); the quotes are passages of it, a third of them short
(4 words: most recur), a third of a sentence, a third elided.

    python bench/repeated_passage.py                  # 3,000 quotes, 5 MB, 3 rounds
    python bench/repeated_passage.py --quotes 300 --source-mb 1

Prints the CPU time (`time.process_time`) of each way, the best of the
rounds (the two ways alternate, so a busy moment of a shared machine hits
both alike), and how many quotes occur more than once.

Measured on a shared 2-core machine (3,000 quotes, 5 MB, 2,146 of them
repeated; the index takes 1.1 s CPU either way): the second search cost
0.69 s CPU (+230% of the lookups) while it scanned the rest of the source
for each quote, and 0.12 to 0.19 s (+50 to +73%) once a later occurrence is
looked up by bisection among the places of the quote's rarest words.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def workload(quotes: int, source_bytes: int, seed: int = 0) -> tuple[str, list[str]]:
    from quotes_not_found import workload as source_workload

    source, _ = source_workload(1, source_bytes, seed)
    sentences = [line for line in source.split(". ") if len(line.split()) > 8]
    rng = random.Random(seed)
    out: list[str] = []
    for number in range(quotes):
        words = rng.choice(sentences).split()
        if number % 3 == 0:
            start = rng.randrange(len(words) - 4)
            out.append(" ".join(words[start : start + 4]))
        elif number % 3 == 1:
            out.append(" ".join(words))
        else:
            out.append(" ".join(words[:3]) + " ... " + " ".join(words[-3:]))
    return source, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quotes", type=int, default=3_000)
    parser.add_argument("--source-mb", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="end with the figures as one line of JSON")
    args = parser.parse_args(argv)
    from argmap.grounding.quotes import Outcome, QuoteIndex

    source, quotes = workload(args.quotes, int(args.source_mb * 1_000_000))
    start = time.process_time()
    index = QuoteIndex(source)
    built = time.process_time() - start
    with_info: list[float] = []
    without: list[float] = []
    repeated = found = 0
    for _ in range(args.rounds):
        start = time.process_time()
        matches = [index.find(quote) for quote in quotes]
        with_info.append(time.process_time() - start)
        start = time.process_time()
        for quote in quotes:
            index.find(quote, occurrence=1)
        without.append(time.process_time() - start)
        found = sum(1 for match in matches if match.outcome is not Outcome.NOT_FOUND)
        repeated = sum(1 for match in matches if match.also_at is not None)
    best_with, best_without = min(with_info), min(without)
    extra = best_with - best_without
    print(
        f"{len(quotes):,} quotes ({found:,} found, {repeated:,} occur more than once), "
        f"source {len(source) / 1e6:.1f} MB, index {built:.2f} s CPU\n"
        f"  with the second search (Q508): {best_with:.3f} s CPU "
        f"({best_with / len(quotes) * 1000:.2f} ms a quote)\n"
        f"  without (occurrence: 1):       {best_without:.3f} s CPU "
        f"({best_without / len(quotes) * 1000:.2f} ms a quote)\n"
        f"  Q508 costs {extra:.3f} s CPU, {extra / best_without * 100:+.0f}% of the lookups"
    )
    if args.json:
        print(
            json.dumps(
                {
                    "quotes": len(quotes),
                    "found": found,
                    "repeated": repeated,
                    "index_cpu": built,
                    "with_q508_cpu": best_with,
                    "without_q508_cpu": best_without,
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
