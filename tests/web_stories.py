"""Stories for the web app's tests, and the corpus database built from them."""

import json
from pathlib import Path

from corpus_stories import UKRAINE, WIRE
from wirecoder import __version__
from wirecoder.corpus.ingest import ingest
from wirecoder.corpus.store import configuration_hash
from wirecoder.sources import read_sources

#: A scraped page whose text still holds markup: it must be shown as text, never run.
SCRIPTED = (
    "Iran warned on Friday that it would retaliate if Israel struck its nuclear sites. "
    "<script>document.title = 'hacked'</script> \"Any attack will get a firm response,\" "
    "foreign minister Abbas Araghchi said, calling the threats <b>reckless</b> & dangerous."
)
SUDAN = (
    "Sudan's army and the Rapid Support Forces agreed on Sunday to a humanitarian truce in "
    "El Fasher, the United Nations said. The African Union welcomed the ceasefire and "
    "demanded that both sides allow aid convoys through. \"This is a first step,\" the UN "
    "envoy Ramtane Lamamra told reporters in Port Sudan."
)
#: Israel's stance on the ceasefire changes from the wire story's "rejected".
ACCEPTED = (
    "Israel accepted the ceasefire proposal on Monday after talks in Cairo, Prime Minister "
    "Benjamin Netanyahu's office said. Egypt welcomed the decision and invited Hamas leaders "
    "to Cairo for further talks. The United States praised Israel for accepting the truce."
)
SANCTIONS = (
    "The United States imposed new sanctions on Iran on Tuesday over its nuclear program. "
    "Iran condemned the sanctions and threatened to expand uranium enrichment. Russia "
    "criticized the United States, and Ukraine thanked the United States for its military aid."
)
#: A story that names a US state (its region on the country map opens its page), and whose
#: officials both criticise and praise the police (a network link of two classes).
TEXAS = ("Police in Texas arrested two protesters outside a migrant detention center on "
         "Monday, officials said. Officials later praised the police for their restraint.")
STORIES = [
    {"id": "wire", "published": "2024-05-08", "title": "Hamas accepts truce proposal",
     "text": WIRE},
    {"id": "kharkiv", "published": "2024-05-07", "title": "Kharkiv shelled", "text": UKRAINE},
    {"id": "scripted", "published": "2024-05-10", "title": "Iran <warns> Israel",
     "text": SCRIPTED},
    {"id": "fasher", "published": "2024-05-12", "title": "Truce in El Fasher", "text": SUDAN},
    {"id": "accepted", "published": "2024-05-13", "title": "Israel accepts truce",
     "text": ACCEPTED},
    {"id": "sanctions", "published": "2024-05-14", "title": "New sanctions on Iran",
     "text": SANCTIONS},
    {"id": "texas", "published": "2024-05-11", "title": "Arrests in Texas", "text": TEXAS},
]


#: A record with no text: stored as a failure, not an article.
EMPTY = {"id": "empty", "published": "2024-05-09", "text": ""}


def build_corpus(folder: Path, pipeline) -> Path:
    """A corpus database of :data:`STORIES` and one failing record, with its search index."""
    source = folder / "stories.jsonl"
    source.write_text("".join(json.dumps(story) + "\n" for story in [*STORIES, EMPTY]),
                      encoding="utf-8")
    db = folder / "corpus.duckdb"
    ingest(db, read_sources([source]), pipeline, configuration_hash(__version__), __version__)
    return db
