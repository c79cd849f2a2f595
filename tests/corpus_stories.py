"""Small stories written for the corpus tests, and helpers that lay them out as sources."""

import json
from pathlib import Path

WIRE = (
    "Qatar said on Wednesday that Hamas had accepted a ceasefire proposal put forward by "
    "Egyptian and Qatari mediators. Foreign ministry spokesman Majed al-Ansari told "
    "reporters in Doha that the talks would resume on Thursday. \"We are hopeful that both "
    "sides will reach an agreement within days,\" al-Ansari said. Israel rejected the "
    "proposal, an Israeli official said, adding that the army would continue its operation "
    "in Rafah. The United States urged both parties to accept the deal and said it would "
    "send its envoy to Cairo to support the negotiations over the release of hostages."
)
#: The same wire story as republished by another outlet: new first word, one word changed.
WIRE_COPY = WIRE.replace("Qatar said on Wednesday", "QATAR said Wednesday").replace(
    "within days", "within a few days")
UKRAINE = (
    "Russian forces shelled Kharkiv overnight, killing three civilians, the regional "
    "governor Oleh Syniehubov said on Tuesday. Ukraine's foreign minister Dmytro Kuleba "
    "condemned the attack and called on allies to send more air defence systems. \"Russia "
    "must be held accountable,\" Kuleba said. The Kremlin denied targeting civilians."
)


def numbered_story(number: int) -> str:
    """A distinct short story per number, for runs that need many articles."""
    return (f"Officials in Geneva said on Monday that round {number} of talks between Sudan's "
            f"army and the Rapid Support Forces had ended without agreement. The United "
            f"Nations envoy said {number} aid convoys were still waiting at the border. "
            f"\"We need access now,\" the envoy told reporters after meeting {number} "
            "delegates.")


def write_mixed_sources(folder: Path) -> Path:
    """A text file, JSON Lines with bad lines, CSV, a JSON array and an HTML page."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": WIRE_COPY, "id": "copy", "published": "2024-05-08",
                    "source": "Other Outlet"}) + "\n"
        "{not json\n" + json.dumps({"text": "   "}) + "\n", encoding="utf-8")
    (folder / "ukraine.csv").write_text(
        "id,title,published,text\n" + "kharkiv,Kharkiv shelled,2024/5/7," +
        json.dumps(UKRAINE).replace("\\\"", '""') + "\n", encoding="utf-8")
    (folder / "sudan.json").write_text(json.dumps([
        {"id": "sudan-1", "text": numbered_story(1), "published": "2024-05-06"}]),
        encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Le président a parlé.".encode("latin-1"))
    (folder / "page.html").write_text(
        "<html><head><title>Envoy arrives in Cairo</title><meta property="
        '"article:published_time" content="2024-05-09"></head><body><nav>Home</nav>'
        f"<article><h1>Envoy arrives in Cairo</h1><p>{numbered_story(2)}</p></article>"
        "<footer>Copyright</footer></body></html>", encoding="utf-8")
    return folder
