"""Knowledge shipped as data (``data/``): actors, countries, places, titles, lexicons and the
PLOVER vocabulary, loaded and validated once (``load``), compiled for look-up (``lexicons``)."""

from wirecoder.knowledge.load import (
    DATA,
    ActorEntry,
    Knowledge,
    PlaceEntry,
    default_knowledge,
    fold_title,
    load_knowledge,
    normalize_name,
    read_actor_file,
    sector_actor_id,
)
from wirecoder.knowledge.vocabulary import Vocabulary, vocabulary

__all__ = ["DATA", "ActorEntry", "Knowledge", "PlaceEntry", "Vocabulary", "default_knowledge",
           "fold_title", "load_knowledge", "normalize_name", "read_actor_file",
           "sector_actor_id", "vocabulary"]
