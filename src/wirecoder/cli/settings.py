"""User settings from a YAML file: extra actor files, size limit, batch size, quote model.

    actors: [my_actors.yaml, local_militias.yaml]   # relative to the config file
    lexicons: [my_events.yaml]                      # events, issues, cue_verbs to add
    max_bytes: 5000000
    batch_size: 32
    quote_model: my_quotes.json                     # from 'wirecoder train quotes'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wirecoder.errors import KnowledgeError
from wirecoder.sources.text import MAX_BYTES

_KEYS = {"actors", "lexicons", "max_bytes", "batch_size", "quote_model"}


@dataclass
class Settings:
    actors: list[Path] = field(default_factory=list)
    lexicons: list[Path] = field(default_factory=list)
    max_bytes: int = MAX_BYTES
    batch_size: int = 16
    quote_model: Path | None = None


def read_settings(path: Path) -> Settings:
    """Read a settings file; raise :class:`KnowledgeError` naming the file and the problem."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise KnowledgeError(f"{path}: cannot read settings ({error.strerror})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "unknown line"
        raise KnowledgeError(f"{path}:{where}: invalid YAML") from None
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{path}: settings must be a mapping of {', '.join(sorted(_KEYS))}")
    unknown = set(raw) - _KEYS
    if unknown:
        raise KnowledgeError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}")
    actors, lexicons = raw.get("actors") or [], raw.get("lexicons") or []
    actors = [actors] if isinstance(actors, str) else actors
    lexicons = [lexicons] if isinstance(lexicons, str) else lexicons
    for key in ("max_bytes", "batch_size"):
        if key in raw and (not isinstance(raw[key], int) or raw[key] <= 0):
            raise KnowledgeError(f"{path}: {key} must be a positive whole number")
    model = raw.get("quote_model")
    if model is not None and not isinstance(model, str):
        raise KnowledgeError(f"{path}: quote_model must be a file name")
    return Settings(actors=[(path.parent / a).resolve() for a in actors],
                    lexicons=[(path.parent / a).resolve() for a in lexicons],
                    max_bytes=raw.get("max_bytes", MAX_BYTES),
                    batch_size=raw.get("batch_size", 16),
                    quote_model=(path.parent / model).resolve() if model else None)
