"""Agreement between two annotators of the actor gold set, on the stories both annotated.

    python gold/tools/actor_agreement.py FOLDER_A FOLDER_B [--corpus PATH]

Actors are matched as the evaluation matches them (shared mentions, greedily); reported are
the canonical-actor F1 of one annotator against the other (symmetric), Cohen's kappa of kind,
country and sector on the matched pairs, and the mention F1, with the disagreements listed.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from agreement import kappa

from wirecoder.evaluation.actors import match_actors, overlaps, read_gold

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "news-articles-2017" / \
    "NewsArticles.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    first = {s.article: s for s in read_gold(args.first, args.corpus)}
    second = {s.article: s for s in read_gold(args.second, args.corpus)}
    both = sorted(set(first) & set(second), key=int)
    totals = Counter()
    labels: dict[str, list] = {"kind": [], "country": [], "sector": []}
    for article in both:
        a, b = first[article].actors, second[article].actors
        pairs = list(match_actors([x.mentions for x in a], [y.mentions for y in b]).items())
        totals["first"] += len(a)
        totals["second"] += len(b)
        totals["matched"] += len(pairs)
        for i, j in pairs:
            for name in labels:
                labels[name].append((getattr(a[i], name), getattr(b[j], name)))
            x, y = a[i].mentions, b[j].mentions
            totals["mentions_both"] += sum(1 for s in x if any(overlaps(s, t) for t in y))
        totals["mentions_first"] += sum(len(actor.mentions) for actor in a)
        totals["mentions_second"] += sum(len(actor.mentions) for actor in b)
        unmatched = [f"{a[i].name} (first only)" for i in range(len(a))
                     if i not in {p for p, _ in pairs}]
        unmatched += [f"{b[j].name} (second only)" for j in range(len(b))
                      if j not in {q for _, q in pairs}]
        if unmatched:
            print(f"{article}: " + "; ".join(unmatched))
    f1 = 2 * totals["matched"] / (totals["first"] + totals["second"])
    mention_f1 = 2 * totals["mentions_both"] / (totals["mentions_first"] +
                                                totals["mentions_second"])
    print(f"\nstories annotated twice: {len(both)}")
    print(f"canonical actors: {totals['first']} and {totals['second']}, matched "
          f"{totals['matched']}, F1 {f1:.2f}")
    print(f"mentions F1 {mention_f1:.2f}")
    for name, pairs in labels.items():
        agree = sum(x == y for x, y in pairs) / len(pairs) if pairs else float("nan")
        print(f"{name}: agreement {agree:.2f}, Cohen's kappa {kappa(pairs):.2f} "
              f"({len(pairs)} matched actors)")


if __name__ == "__main__":
    main()
