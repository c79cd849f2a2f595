"""Annotation packets for the event gold set, and the check of a coded file.

    python gold/tools/event_packets.py write OUT_DIR ID [ID ...]   # one packet of stories
    python gold/tools/event_packets.py check FILE [FILE ...]       # validate coded files

A packet shows each story's text up to its last coded sentence (for context) and then the
sentences to code, numbered as in ``stories.yaml``. ``check`` reports, one line per problem,
what ``gold/events/CONVENTIONS.md`` requires of a coded file: every listed sentence coded,
known types and modes, trigger and party texts found in their sentence.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from wirecoder.evaluation.event_stories import story_texts  # noqa: E402

SHARED = ROOT.parent / "shared"
STORIES = ROOT / "gold" / "events" / "stories.yaml"
KNOWLEDGE = ROOT / "src" / "wirecoder" / "knowledge" / "data" / "events.yaml"
MODALITIES = {"asserted", "negated", "intended", "conditional", "possible"}
COUNTRY = re.compile(r"^([A-Z]{3})$")


def _stories() -> dict[str, dict]:
    return {str(s["id"]): s for s in yaml.safe_load(STORIES.read_text())["stories"]}


def _modes() -> dict[str, set]:
    data = yaml.safe_load(KNOWLEDGE.read_text())
    return {name: set(entry.get("modes") or []) for name, entry in data.items()
            if name.isupper() and isinstance(entry, dict)}


def write(out: Path, ids: list[str]) -> None:
    stories = _stories()
    texts = story_texts(SHARED)
    out.mkdir(parents=True, exist_ok=True)
    parts = []
    for story_id in ids:
        story = stories[story_id]
        text = texts[story["corpus"], story_id]
        last = story["sentences"][-1][1]
        parts.append(f"## Story {story_id} ({story['corpus']}, {story.get('outlet', '')}, "
                     f"published {story['published']}, split {story['split']})\n\n"
                     f"### Text up to the last coded sentence\n\n{text[:last].strip()}\n\n"
                     "### Sentences to code\n")
        for number, (start, end) in enumerate(story["sentences"], 1):
            parts.append(f"{number}. {text[start:end].strip()}")
        parts.append("")
    (out / "packet.md").write_text("\n".join(parts), encoding="utf-8")


def _side_problems(where: str, sentence: str, side) -> list[str]:
    if not isinstance(side, list):
        return [f"{where}: must be a list"]
    problems = []
    for party in side:
        if not isinstance(party, dict) or not {"text", "actor", "country", "sector"} <= set(party):
            problems.append(f"{where}: party needs text, actor, country, sector")
            continue
        if party["text"] is not None and str(party["text"]) not in sentence:
            problems.append(f"{where}: text {party['text']!r} is not in the sentence")
        country = party["country"]
        if country is not None and not COUNTRY.match(str(country)):
            problems.append(f"{where}: country {country!r} is not a three-letter code")
    return problems


def check(path: Path, stories: dict, texts: dict, modes: dict) -> list[str]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return [f"{path}: not YAML ({str(error).splitlines()[0]})"]
    if not isinstance(data, dict) or not {"story", "corpus", "annotator", "sentences"} <= set(data):
        return [f"{path}: needs story, corpus, annotator, sentences"]
    story = stories.get(str(data["story"]))
    if story is None:
        return [f"{path}: story {data['story']!r} is not in stories.yaml"]
    text = texts[story["corpus"], story["id"]]
    coded = data["sentences"] or {}
    problems = []
    if set(coded) != set(range(1, len(story["sentences"]) + 1)):
        problems.append(f"{path}: sentences must be numbered 1..{len(story['sentences'])}")
    for number, (start, end) in enumerate(story["sentences"], 1):
        sentence = text[start:end]
        for k, event in enumerate(coded.get(number) or []):
            where = f"{path}: sentence {number} event {k + 1}"
            kind = event.get("type")
            if kind not in modes:
                problems.append(f"{where}: unknown type {kind!r}")
                continue
            if event.get("mode") is not None and event["mode"] not in modes[kind]:
                problems.append(f"{where}: mode {event['mode']!r} is not a mode of {kind}")
            if str(event.get("trigger")) not in sentence:
                problems.append(f"{where}: trigger {event.get('trigger')!r} is not in the sentence")
            if event.get("modality") not in MODALITIES:
                problems.append(f"{where}: modality {event.get('modality')!r}")
            if not isinstance(event.get("negated"), bool):
                problems.append(f"{where}: negated must be true or false")
            for side in ("source", "target"):
                problems += _side_problems(f"{where} {side}", sentence, event.get(side))
    return problems


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "write":
        write(Path(argv[1]), argv[2:])
        return 0
    if len(argv) >= 2 and argv[0] == "check":
        stories, texts, modes = _stories(), story_texts(SHARED), _modes()
        problems = [p for name in argv[1:] for p in check(Path(name), stories, texts, modes)]
        print("\n".join(problems) or f"{len(argv) - 1} files: no problems")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
