"""The corpus: a DuckDB store whose schema comes from the record model, ingest runs, near-
duplicate links, full-text search, and every named read (:mod:`.queries`)."""
