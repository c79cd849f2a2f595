"""Articles from JSON Lines (one object a line) and JSON files (an array or one object)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from wirecoder.records import Failure, SourceRecord
from wirecoder.sources.mapping import Fields, from_mapping

_TOO_DEEP = "JSON nested too deeply to read"


def read_json_lines(path: Path, fields: Fields, max_bytes: int
                    ) -> Iterator[SourceRecord | Failure]:
    """One article or failure per non-blank line."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Failure(str(path), str(path), f"cannot read ({error.strerror})")
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            locator = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                yield Failure(str(path), locator, f"not valid UTF-8 (byte {error.start})")
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                yield Failure(str(path), locator, f"malformed JSON ({error.msg} at column "
                                                  f"{error.colno})")
                continue
            except RecursionError:
                yield Failure(str(path), locator, _TOO_DEEP)
                continue
            yield from_mapping(value, path, locator, fields, max_bytes)


def read_json(path: Path, fields: Fields, max_bytes: int) -> Iterator[SourceRecord | Failure]:
    """A JSON array of article objects (Reuters-21578 as JSON), or one article object."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as error:
        yield Failure(str(path), str(path), f"cannot read ({error.strerror})")
        return
    except RecursionError:
        yield Failure(str(path), str(path), _TOO_DEEP)
        return
    except UnicodeDecodeError as error:
        yield Failure(str(path), str(path), f"not valid UTF-8 (byte {error.start})")
        return
    except json.JSONDecodeError as error:
        yield Failure(str(path), str(path), f"malformed JSON ({error.msg} at line "
                                            f"{error.lineno})")
        return
    if isinstance(data, dict):
        yield from_mapping(data, path, str(path), fields, max_bytes)
        return
    if not isinstance(data, list):
        yield Failure(str(path), str(path), "JSON is neither an article object nor an array")
        return
    for index, value in enumerate(data):
        yield from_mapping(value, path, f"{path}:[{index}]", fields, max_bytes)


def count_json_lines(path: Path, fields: Fields, max_bytes: int) -> int:
    """How many records :func:`read_json_lines` yields: one per non-blank line."""
    with path.open("rb") as handle:
        return sum(1 for raw in handle if raw.strip())


def count_json(path: Path, fields: Fields, max_bytes: int) -> int:
    """How many records :func:`read_json` yields: one per item of an array, else one."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return 1
    return len(data) if isinstance(data, list) else 1
