"""Agreement between two annotators of the event gold set, on the stories both coded.

    python gold/tools/event_agreement.py FOLDER_A FOLDER_B [--shared PATH]

Both folders hold event gold files (``gold/events/<split>`` and ``gold/agreement/events``).
Within each sentence, events are paired one to one as the evaluation pairs them: by type,
and by (type, source country, target country) where the two codings share a country on
each side (or both leave it empty). Reported, symmetric: type F1, triple F1, Cohen's kappa
of whether a sentence holds an event, and of the first type coded in sentences both say
hold one; the type disagreements are listed.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from agreement import kappa

from wirecoder.evaluation.event_stories import pairs, read_gold

SHARED = Path(__file__).resolve().parents[3] / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()
    first = {s.id: s for s in read_gold(args.first, args.shared)}
    second = {s.id: s for s in read_gold(args.second, args.shared)}
    both = sorted(set(first) & set(second))
    left_total = right_total = typed = triples = 0
    has_event, first_type, disagreements = [], [], []
    for story in both:
        for a, b in zip(first[story].sentences, second[story].sentences, strict=True):
            left_total += len(a.events)
            right_total += len(b.events)
            typed += len(pairs(a.events, b.events, lambda x, y: x.type == y.type))
            triples += len(pairs(a.events, b.events, lambda x, y: x.type == y.type and
                                  bool(x.sources & y.sources) and bool(x.targets & y.targets)))
            has_event.append((bool(a.events), bool(b.events)))
            if a.events and b.events:
                first_type.append((a.events[0].type, b.events[0].type))
            left, right = Counter(e.type for e in a.events), Counter(e.type for e in b.events)
            if left != right:
                disagreements.append(f"{story} s{first[story].sentences.index(a) + 1}: "
                                     f"{sorted(left.elements())} vs {sorted(right.elements())}")
    print(f"{len(both)} stories, {len(has_event)} sentences, events {left_total} vs "
          f"{right_total}")
    print(f"type F1 {2 * typed / (left_total + right_total):.3f}")
    print(f"(type, source country, target country) F1 "
          f"{2 * triples / (left_total + right_total):.3f}")
    print(f"kappa, sentence holds an event: {kappa(has_event):.3f}")
    print(f"kappa, first type where both code one: {kappa(first_type):.3f} "
          f"({len(first_type)} sentences)")
    print(f"\nsentences whose types differ ({len(disagreements)}):")
    for line in disagreements:
        print(f"  {line}")


if __name__ == "__main__":
    main()
