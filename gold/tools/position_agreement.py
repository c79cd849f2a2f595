"""Agreement between two annotators of the position gold set, on the stories both coded.

    python gold/tools/position_agreement.py FOLDER_A FOLDER_B

Both folders hold position gold files (``gold/positions`` and ``gold/agreement/positions``).
Two holders are the same party when their names agree (ignoring case and a leading "the"),
when one name is the last word of the other ("Erdogan", "Recep Tayyip Erdogan"), or when
they have the same country and one of them is the country itself. Positions are paired one
to one within a story. Reported, symmetric: (holder, issue, stance) F1, (holder, issue)
F1, Cohen's kappa of the stance on the pairs both coded, F1 of the issues each story has
positions on, and proposals paired by issue with their sponsor's agreement.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml
from agreement import kappa

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from wirecoder.knowledge import default_knowledge  # noqa: E402


def _name(text: str | None) -> str:
    return re.sub(r"^the\s+", "", (text or "").strip().lower())


def _is_country(name: str, country: str | None) -> bool:
    return country is not None and any(
        e.kind == "country" and e.country == country
        for e in default_knowledge().lookup_actor(name))


def same_holder(a: dict, b: dict) -> bool:
    first, second = _name(a["actor"]), _name(b["actor"])
    if first == second or first.split()[-1:] == [second] or second.split()[-1:] == [first]:
        return True
    return a.get("country") == b.get("country") and (
        _is_country(a["actor"], a.get("country")) or _is_country(b["actor"], b.get("country")))


def _paired(left: list[dict], right: list[dict], same) -> int:
    taken: set[int] = set()
    count = 0
    for item in left:
        found = next((k for k, other in enumerate(right)
                      if k not in taken and same(item, other)), None)
        if found is not None:
            taken.add(found)
            count += 1
    return count


def _f1(both: int, first: int, second: int) -> float:
    return 2 * both / (first + second) if first + second else 1.0


def _coded(folder: Path) -> dict[str, dict]:
    return {str(d["story"]): d for d in (yaml.safe_load(p.read_text(encoding="utf-8"))
                                         for p in folder.rglob("*.yaml")
                                         if p.name != "stories.yaml")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args()
    first, second = _coded(args.first), _coded(args.second)
    shared = sorted(set(first) & set(second))
    totals = dict(triple=0, pair=0, left=0, right=0, issues=0, issues_left=0,
                  issues_right=0, proposals=0, proposals_left=0, proposals_right=0,
                  sponsor=0, sponsor_both=0)
    stances = []
    for story in shared:
        left = first[story]["positions"] or []
        right = second[story]["positions"] or []
        totals["left"] += len(left)
        totals["right"] += len(right)
        totals["triple"] += _paired(left, right, lambda a, b: a["issue"] == b["issue"] and
                                    a["stance"] == b["stance"] and same_holder(a, b))
        taken: set[int] = set()
        for item in left:
            found = next((k for k, other in enumerate(right) if k not in taken and
                          other["issue"] == item["issue"] and same_holder(item, other)), None)
            if found is not None:
                taken.add(found)
                totals["pair"] += 1
                stances.append((item["stance"], right[found]["stance"]))
        issues_left, issues_right = {p["issue"] for p in left}, {p["issue"] for p in right}
        totals["issues"] += len(issues_left & issues_right)
        totals["issues_left"] += len(issues_left)
        totals["issues_right"] += len(issues_right)
        proposals_left = first[story]["proposals"] or []
        proposals_right = second[story]["proposals"] or []
        totals["proposals_left"] += len(proposals_left)
        totals["proposals_right"] += len(proposals_right)
        for item in proposals_left:
            other = next((p for p in proposals_right if p["issue"] == item["issue"]), None)
            if other is not None:
                totals["proposals"] += 1
                if item.get("sponsor") and other.get("sponsor"):
                    totals["sponsor_both"] += 1
                    totals["sponsor"] += same_holder({"actor": item["sponsor"]},
                                                     {"actor": other["sponsor"]})
    t = totals
    print(f"stories coded by both: {len(shared)}; positions {t['left']} and {t['right']}")
    print(f"(holder, issue, stance) F1: {_f1(t['triple'], t['left'], t['right']):.2f}")
    print(f"(holder, issue) F1: {_f1(t['pair'], t['left'], t['right']):.2f}")
    print(f"stance kappa on {len(stances)} shared (holder, issue) pairs: "
          f"{kappa(stances):.2f}")
    print(f"issues per story F1: {_f1(t['issues'], t['issues_left'], t['issues_right']):.2f}")
    print(f"proposals paired by issue F1: "
          f"{_f1(t['proposals'], t['proposals_left'], t['proposals_right']):.2f}; sponsor "
          f"agrees {t['sponsor']} of {t['sponsor_both']} coded by both")


if __name__ == "__main__":
    main()
