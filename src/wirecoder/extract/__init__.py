"""Extraction: parse once, then the named stages (actors, times, places, quotes, events,
proposals, positions) over the same document; :mod:`.pipeline` runs them."""
