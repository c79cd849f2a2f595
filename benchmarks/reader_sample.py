"""A blind reader's audit sample from a corpus database: random actors, quotes, events and
positions with the story text a reader needs to judge them, in packets for several readers.

    python benchmarks/reader_sample.py CORPUS.duckdb OUT_DIR [--actors 100] [--quotes 60]
        [--events 80] [--positions 0] [--packets 4] [--seed 2026]

An actor is sampled as found in one story (an article and an actor id), with its name, kind,
country, code and mentions, and the names of the story's other actors (a reader needs them
to see a fragment or a duplicate). A quote is sampled with its speaker, cue, kind, channel
and content, and the paragraph around it. An event (one PLOVER codes as its own, not the
content of a threat, demand or refusal) is sampled with its type, mode, source and target
with their countries, negation, modality and trigger, and the paragraph around it. A
position is sampled with its holder and country, issue, stance, conditions and trigger, and
the paragraph around its evidence. Each
packet is a Markdown file with the stories
it needs; ``key.json`` lists what was sampled, so the readers' verdicts can be tallied.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import duckdb

ACTORS = """
SELECT m.article, m.actor, a.name, a.kind, a.country, a.code,
       list(m.text ORDER BY m.start) AS mentions
FROM mentions m JOIN actors a ON a.id = m.actor
GROUP BY m.article, m.actor, a.name, a.kind, a.country, a.code
ORDER BY m.article, m.actor
"""
QUOTES = """
SELECT q.article, q.id, coalesce(a.name, '(no actor)') AS speaker, q.speaker_text, q.cue,
       q.kind, q.channel, q.content_start, q.content_end, q.content_text
FROM quotes q LEFT JOIN actors a ON a.id = q.speaker
ORDER BY q.article, q.content_start
"""

EVENTS = """
SELECT e.article, e.id, e.type, e.mode, coalesce(s.name, '(none)') AS source, s.country,
       coalesce(t.name, '(none)') AS target, t.country, e.negated, e.modality,
       e.trigger_start, e.trigger_end, e.trigger_text
FROM events e LEFT JOIN actors s ON s.id = e.source LEFT JOIN actors t ON t.id = e.target
WHERE e.content_of IS NULL
ORDER BY e.article, e.trigger_start
"""

POSITIONS = """
SELECT p.article, p.actor, coalesce(a.name, p.actor) AS holder, a.country, p.issue, p.stance,
       p.conditions, p.trigger_text, p.evidence_start, p.evidence_end
FROM positions p LEFT JOIN actors a ON a.id = p.actor
ORDER BY p.article, p.evidence_start, p.actor, p.issue
"""


def paragraph(text: str, start: int, end: int, margin: int = 500) -> str:
    """The text around a span, cut at paragraph or sentence ends where it can be."""
    left = max(0, start - margin)
    right = min(len(text), end + margin)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--actors", type=int, default=100)
    parser.add_argument("--quotes", type=int, default=60)
    parser.add_argument("--events", type=int, default=80)
    parser.add_argument("--positions", type=int, default=0)
    parser.add_argument("--packets", type=int, default=4)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    db = duckdb.connect(str(args.db), read_only=True)
    texts = dict(db.execute("SELECT text_sha256, text FROM articles").fetchall())
    actors = db.execute(ACTORS).fetchall()
    quotes = db.execute(QUOTES).fetchall()
    events = db.execute(EVENTS).fetchall()
    positions = db.execute(POSITIONS).fetchall()
    names: dict[str, list[str]] = {}
    for row in actors:
        names.setdefault(row[0], []).append(row[2])
    rng = random.Random(args.seed)
    picked_actors = rng.sample(actors, min(args.actors, len(actors)))
    picked_quotes = rng.sample(quotes, min(args.quotes, len(quotes)))
    picked_events = rng.sample(events, min(args.events, len(events)))
    picked_positions = rng.sample(positions, min(args.positions, len(positions)))
    args.out.mkdir(parents=True, exist_ok=True)
    key = {"actors": [], "quotes": [], "events": [], "positions": []}
    for number in range(args.packets if picked_actors else 0):
        share = picked_actors[number::args.packets]
        lines = [f"# Actor packet {number + 1}", ""]
        for i, (article, actor, name, kind, country, code, mentions) in enumerate(share, 1):
            item = f"A{number + 1}-{i}"
            key["actors"].append({"item": item, "article": article, "actor": actor})
            others = sorted(set(names[article]) - {name})
            lines += [f"## {item}", f"- actor: **{name}** (kind {kind}, country {country}, "
                      f"code {code})", f"- mentions: {json.dumps(mentions)}",
                      f"- the story's other actors: {json.dumps(others)}", "",
                      "Story:", "", "```", texts[article].strip(), "```", ""]
        (args.out / f"actors-{number + 1}.md").write_text("\n".join(lines), encoding="utf-8")
    half = max(1, args.packets // 2)
    for number in range(half if picked_quotes else 0):
        share = picked_quotes[number::half]
        lines = [f"# Quote packet {number + 1}", ""]
        for i, (article, quote, speaker, speaker_text, cue, kind, channel, start, end,
                content) in enumerate(share, 1):
            item = f"Q{number + 1}-{i}"
            key["quotes"].append({"item": item, "article": article, "quote": quote})
            lines += [f"## {item}", f"- speaker: **{speaker}** (as written: {speaker_text!r})",
                      f"- cue: {cue!r}, kind: {kind}, channel: {channel!r}",
                      f"- content: {content!r}", "", "Context:", "", "```",
                      paragraph(texts[article], start, end), "```", ""]
        (args.out / f"quotes-{number + 1}.md").write_text("\n".join(lines), encoding="utf-8")
    for number in range(half if picked_events else 0):
        share = picked_events[number::half]
        lines = [f"# Event packet {number + 1}", ""]
        for i, (article, event, kind, mode, source, source_country, target, target_country,
                negated, modality, start, end, trigger) in enumerate(share, 1):
            item = f"E{number + 1}-{i}"
            key["events"].append({"item": item, "article": article, "event": event})
            lines += [f"## {item}", f"- type: **{kind}** (mode {mode}), trigger {trigger!r}",
                      f"- source: {source} ({source_country}); target: {target} "
                      f"({target_country})", f"- negated: {negated}, modality: {modality}",
                      "", "Context:", "", "```", paragraph(texts[article], start, end), "```",
                      ""]
        (args.out / f"events-{number + 1}.md").write_text("\n".join(lines), encoding="utf-8")
    for number in range(half if picked_positions else 0):
        share = picked_positions[number::half]
        lines = [f"# Position packet {number + 1}", ""]
        for i, (article, actor, holder, country, issue, stance, conditions, trigger, start,
                end) in enumerate(share, 1):
            item = f"P{number + 1}-{i}"
            key["positions"].append({"item": item, "article": article, "actor": actor,
                                     "issue": issue, "evidence_start": start})
            lines += [f"## {item}", f"- holder: **{holder}** ({country}); issue: **{issue}**; "
                      f"stance: **{stance}**", f"- conditions: {json.dumps(conditions)}; "
                      f"trigger: {trigger!r}", "", "Context:", "", "```",
                      paragraph(texts[article], start, end), "```", ""]
        (args.out / f"positions-{number + 1}.md").write_text("\n".join(lines),
                                                             encoding="utf-8")
    (args.out / "key.json").write_text(json.dumps(key, indent=1), encoding="utf-8")
    print(f"{len(picked_actors)} actors in {args.packets} packets, {len(picked_quotes)} quotes, "
          f"{len(picked_events)} events and {len(picked_positions)} positions in {half} "
          f"packets each -> {args.out}")


if __name__ == "__main__":
    main()
