"""Annotation packets for the position gold set, and the check of a coded file.

    python gold/tools/position_packets.py write OUT_FILE ID [ID ...]   # one packet
    python gold/tools/position_packets.py check FILE [FILE ...]        # validate coded files

A packet shows each story's text up to its last coded sentence (for context) and then the
sentences to code, numbered as in ``stories.yaml``. ``check`` reports, one line per problem,
what ``gold/positions/CONVENTIONS.md`` requires of a coded file: known issue keys, stances,
responses and ``via`` values, sentence numbers in range, holder and trigger texts found in
their sentence, conditions with a conditional stance.
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
STORIES = ROOT / "gold" / "positions" / "stories.yaml"
ISSUES = ROOT / "src" / "wirecoder" / "knowledge" / "data" / "issues.yaml"
STANCES = {"support", "oppose", "demand", "conditional", "neutral"}
RESPONSES = {"accepted", "rejected", "conditional", "under_study"}
VIA = {"quote", "reported", "act"}
COUNTRY = re.compile(r"^[A-Z]{3}$")


def stories() -> dict[str, dict]:
    return {str(s["id"]): s for s in yaml.safe_load(STORIES.read_text())["stories"]}


def issue_keys() -> set[str]:
    data = yaml.safe_load(ISSUES.read_text())
    return {k for k, v in data.items() if isinstance(v, dict) and "label" in v} | {"other"}


def write(out: Path, ids: list[str]) -> None:
    chosen, texts = stories(), story_texts(SHARED)
    parts = []
    for story_id in ids:
        story = chosen[story_id]
        text = texts[story["corpus"], story_id]
        last = story["sentences"][-1][1]
        parts.append(f"## Story {story_id} ({story['outlet']}, published {story['published']})"
                     f"\n\n### Text up to the last coded sentence\n\n{text[:last].strip()}\n\n"
                     "### Sentences to code\n")
        for number, (start, end) in enumerate(story["sentences"], 1):
            parts.append(f"{number}. {text[start:end].strip()}")
        parts.append("")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(parts), encoding="utf-8")


def _position_problems(where: str, item, sentences: list[str], keys: set[str]) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: must be a mapping"]
    problems = []
    for name in ("actor", "country", "text", "issue", "stance", "sentence", "via", "trigger"):
        if name not in item:
            problems.append(f"{where}: needs {name}")
    if problems:
        return problems
    if item["issue"] not in keys:
        problems.append(f"{where}: unknown issue {item['issue']!r}")
    if item["issue"] == "other" and not item.get("topic"):
        problems.append(f"{where}: issue other needs a topic")
    if item["stance"] not in STANCES:
        problems.append(f"{where}: stance {item['stance']!r}")
    if item["stance"] == "conditional" and not item.get("conditions"):
        problems.append(f"{where}: a conditional stance needs its conditions")
    if item["via"] not in VIA:
        problems.append(f"{where}: via {item['via']!r}")
    if item["country"] is not None and not COUNTRY.match(str(item["country"])):
        problems.append(f"{where}: country {item['country']!r} is not a three-letter code")
    numbers = [item["sentence"], *(item.get("sentences") or [])]
    if not all(isinstance(n, int) and 1 <= n <= len(sentences) for n in numbers):
        return problems + [f"{where}: sentence numbers must be 1..{len(sentences)}"]
    sentence = sentences[item["sentence"] - 1]
    if item["text"] is not None and str(item["text"]) not in sentence:
        problems.append(f"{where}: text {item['text']!r} is not in sentence {item['sentence']}")
    if str(item["trigger"]) not in sentence:
        problems.append(f"{where}: trigger {item['trigger']!r} is not in sentence "
                        f"{item['sentence']}")
    return problems


def _proposal_problems(where: str, item, count: int, keys: set[str]) -> list[str]:
    if not isinstance(item, dict) or not {"name", "issue", "sentence"} <= set(item):
        return [f"{where}: needs name, issue, sentence"]
    problems = []
    if item["issue"] not in keys:
        problems.append(f"{where}: unknown issue {item['issue']!r}")
    if not isinstance(item.get("recipients") or [], list):
        problems.append(f"{where}: recipients must be a list")
    for k, response in enumerate(item.get("responses") or [], 1):
        if not isinstance(response, dict) or response.get("response") not in RESPONSES \
                or not response.get("actor"):
            problems.append(f"{where} response {k}: needs actor and a response of "
                            f"{sorted(RESPONSES)}")
        elif not isinstance(response.get("sentence"), int) or \
                not 1 <= response["sentence"] <= count:
            problems.append(f"{where} response {k}: sentence must be 1..{count}")
    return problems


def check(path: Path, chosen: dict, texts: dict, keys: set[str]) -> list[str]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return [f"{path}: not YAML ({str(error).splitlines()[0]})"]
    if not isinstance(data, dict) or not {"story", "corpus", "annotator", "positions",
                                          "proposals"} <= set(data):
        return [f"{path}: needs story, corpus, annotator, positions, proposals"]
    story = chosen.get(str(data["story"]))
    if story is None:
        return [f"{path}: story {data['story']!r} is not in stories.yaml"]
    text = texts[story["corpus"], story["id"]]
    sentences = [text[start:end] for start, end in story["sentences"]]
    problems = []
    for k, item in enumerate(data["positions"] or [], 1):
        problems += _position_problems(f"{path}: position {k}", item, sentences, keys)
    for k, item in enumerate(data["proposals"] or [], 1):
        problems += _proposal_problems(f"{path}: proposal {k}", item, len(sentences), keys)
    return problems


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "write":
        write(Path(argv[1]), argv[2:])
        return 0
    if len(argv) >= 2 and argv[0] == "check":
        chosen, texts, keys = stories(), story_texts(SHARED), issue_keys()
        problems = [p for name in argv[1:] for p in check(Path(name), chosen, texts, keys)]
        print("\n".join(problems) or f"{len(argv) - 1} files: no problems")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
