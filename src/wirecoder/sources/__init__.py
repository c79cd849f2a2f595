"""Sources: articles read from files, directories and standard input, one reader a format."""

from wirecoder.sources.mapping import Fields, parse_published
from wirecoder.sources.registry import (
    COUNTERS,
    READERS,
    count_records,
    read_file,
    read_sources,
    source_files,
)
from wirecoder.sources.text import MAX_BYTES, read_stdin

__all__ = ["COUNTERS", "MAX_BYTES", "READERS", "Fields", "count_records", "parse_published",
           "read_file", "read_sources", "read_stdin", "source_files"]
