"""Sources: articles read from files, directories and standard input, one reader a format."""

from wirecoder.sources.mapping import Fields, parse_published
from wirecoder.sources.registry import READERS, read_file, read_sources, source_files
from wirecoder.sources.text import MAX_BYTES, read_stdin

__all__ = ["MAX_BYTES", "READERS", "Fields", "parse_published", "read_file", "read_sources",
           "read_stdin", "source_files"]
