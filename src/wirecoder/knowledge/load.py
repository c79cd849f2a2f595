"""Knowledge shipped as data: actors, countries, places, titles, lexicons.

Everything is loaded once into a :class:`Knowledge`; users extend actors with their own
YAML files in the same format as ``actors.yaml`` (entries with the same id override).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import pickle
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import yaml

from wirecoder.errors import KnowledgeError
from wirecoder.knowledge.gazetteer import Gazetteer, PlaceEntry

DATA = Path(__file__).parent / "data"
#: the population from which a gazetteer town is a place name to the actor stages
TOWN = 15_000
ACTOR_KINDS = {"person", "organization", "country", "group", "igo", "media"}


_ARTICLE = re.compile(r"^the\s+")
_DROPPED = re.compile(r"['`.’]")
_SPACES = re.compile(r"[-‐–_/\s]+")


def sector_actor_id(state: str, sector: str) -> str:
    """The id of a country's actor for one sector (RUS-MIL): the country's own for its
    government."""
    return state if sector == "GOV" else f"{state}-{sector}"


def normalize_name(text: str) -> str:
    """Fold a name for lookup: lowercase, no accents, dots, apostrophes or hyphens."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DROPPED.sub("", _ARTICLE.sub("", text.lower()))
    return _SPACES.sub(" ", text).strip()


def fold_title(title: str) -> str:
    """Fold spelling variants of a title: "Defence Minister" == "defense minister"."""
    return normalize_name(title).replace("defence", "defense")


def _as_date(value, first: bool) -> dt.date | None:
    """A position date given as a date, a year or 'YYYY[-MM[-DD]]'."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1) if first else dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        if first:
            return dt.date(parts[0], parts[1], 1)
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(*parts[:3])


@dataclass
class ActorEntry:
    id: str
    name: str
    kind: str
    country: str | None = None
    code: str | None = None
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    positions: list[dict] = field(default_factory=list)

    def position_on(self, day: dt.date | None) -> dict | None:
        """The latest-starting position held on ``day`` (None without a date)."""
        if day is None:
            return None
        held = [p for p in self.positions
                if (_as_date(p.get("start"), first=True) or day) <= day
                <= (_as_date(p.get("end"), first=False) or day)]
        return held[-1] if held else None


@dataclass
class Knowledge:
    actors: dict[str, ActorEntry]
    places: dict[str, PlaceEntry]
    titles: dict[str, dict]
    sectors: dict[str, dict]
    anonymous: dict
    events: dict
    issues: dict
    cues: dict
    cameo: dict = field(default_factory=dict)
    evaluative: dict = field(default_factory=dict)
    generic_descriptions: dict[str, list[str]] = field(default_factory=dict)
    party_nouns: set[str] = field(default_factory=set)
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    gazetteer: Gazetteer | None = None
    actor_names: dict[str, list[str]] = field(default_factory=dict)
    place_names: dict[str, list[str]] = field(default_factory=dict)
    descriptions: dict[str, list[str]] = field(default_factory=dict)
    _holders: dict | None = None
    _surnames: dict | None = None
    _fuzzy: tuple[list[str], list[str]] | None = None
    titles_by_length: list[str] = field(default_factory=list)
    title_pattern: re.Pattern | None = None
    title_words: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.index()

    def index(self) -> None:
        """(Re)build the name look-ups from the entries."""
        descriptions: dict[str, list[str]] = defaultdict(list)
        for entry in self.actors.values():
            for description in entry.descriptions:
                descriptions[normalize_name(description)].append(entry.id)
        self.actor_names = _name_index(self.actors.values())
        self.descriptions = dict(descriptions)
        self.place_names = _name_index(self.places.values())
        self._holders = None
        self._surnames = None
        self._fuzzy = None
        self.titles_by_length = sorted(self.titles, key=len, reverse=True)
        self.title_words = {word for title in self.titles for word in title.split()}
        self.title_pattern = re.compile(
            r"\b(" + "|".join(re.escape(t) for t in self.titles_by_length) + r")\b")

    def title_holders(self, title: str, country: str | None,
                      on: dt.date | None) -> list[ActorEntry]:
        """People who held ``title`` (for ``country``) on a date; current holders when
        no date is given."""
        if self._holders is None:
            holders: dict[str, list[tuple[ActorEntry, dict]]] = defaultdict(list)
            for entry in self.actors.values():
                for position in entry.positions:
                    if position.get("title"):
                        holders[fold_title(position["title"])].append((entry, position))
            self._holders = dict(holders)
        found = []
        for entry, position in self._holders.get(fold_title(title), []):
            if country and position.get("country") not in {None, country}:
                continue
            start = _as_date(position.get("start"), first=True)
            end = _as_date(position.get("end"), first=False)
            if on is None:
                held = end is None
            else:
                held = (start is None or start <= on) and (end is None or on <= end)
            if held and entry not in found:
                found.append(entry)
        return found

    def namesakes(self, surname: str, on: dt.date | None) -> list[ActorEntry]:
        """People whose name ends with ``surname``; when a date is given, only those in
        office on it, if any are."""
        if self._surnames is None:
            surnames: dict[str, list[ActorEntry]] = defaultdict(list)
            for entry in self.actors.values():
                if entry.kind == "person":
                    surnames[normalize_name(entry.name).split()[-1]].append(entry)
            self._surnames = dict(surnames)
        found = self._surnames.get(normalize_name(surname), [])
        serving = [e for e in found if e.position_on(on)]
        return serving or found

    def fuzzy_keys(self) -> tuple[list[str], list[str], list[str]]:
        """Folded names of people, of everything else (5+ letters) and of countries (5+
        letters), for fuzzy matching."""
        if self._fuzzy is None:
            people = [k for k, ids in self.actor_names.items()
                      if any(self.actors[i].kind == "person" for i in ids)]
            others = [k for k, ids in self.actor_names.items()
                      if any(self.actors[i].kind != "person" for i in ids) and len(k) > 4]
            countries = [k for k in others
                         if any(self.actors[i].kind == "country" for i in self.actor_names[k])]
            self._fuzzy = (people, others, countries)
        return self._fuzzy

    def lookup_actor(self, text: str) -> list[ActorEntry]:
        return [self.actors[i] for i in self.actor_names.get(normalize_name(text), [])]

    def actor_ids(self, text: str) -> list[str]:
        """The ids the knowledge gives a name as the actor stage would: the known actors of
        that name, the country of a demonym ("Russians"), and a country's sector actor for
        a country and a sector word ("Russian military": RUS-MIL; "Russian government":
        RUS)."""
        key = normalize_name(text).removeprefix("the ")
        ids = [entry.id for entry in self.lookup_actor(key)]
        if key in self.demonyms:
            ids.append(self.demonyms[key])
        country, _, word = key.rpartition(" ")
        state = self.demonyms.get(country) or next(
            (e.id for e in self.lookup_actor(country) if e.kind == "country"), None)
        sector = next((self.sectors[w] for w in (word, word.removesuffix("s"))
                       if w in self.sectors), None)
        if state and sector:
            ids.append(sector_actor_id(state, sector["sector"]))
        return list(dict.fromkeys(ids))

    def lookup_place(self, text: str, every: bool = False) -> list[PlaceEntry]:
        """Countries, curated places and the gazetteer's places of that name, countries
        first, then by population. Unless ``every``, of the gazetteer only towns of 15,000
        people or more: what the actor stages take for a place name."""
        key = normalize_name(text)
        found = [self.places[i] for i in self.place_names.get(key, [])]
        if self.gazetteer is not None:
            found += [p for p in self.gazetteer.lookup(key, text) if every or (
                p.kind in {"city", "capital"} and p.population >= TOWN)]
        return sorted(found, key=lambda p: (p.kind != "country", -p.population))

    def extend(self, path: Path) -> None:
        """Add or override actors from a user YAML file in the ``actors.yaml`` format."""
        for entry in read_actor_file(Path(path)):
            self.actors[entry.id] = entry
        self.index()

    def extend_lexicons(self, path: Path) -> None:
        """Add event patterns, issues, stance cues or quote cues from a user YAML file
        whose top-level keys are ``events``, ``issues`` and ``cue_verbs``, each in the
        format of the shipped file of that name."""
        raw = _read_line_yaml(Path(path), "lexicon file", _KeyLineLoader)
        if not isinstance(raw, dict) or set(raw) - set(LEXICONS) - {"__line__", "__keys__"}:
            raise KnowledgeError(f"{path}: a lexicon file is a mapping with keys "
                                 f"{', '.join(LEXICONS)}")
        for key, extra in raw.items():
            if key in {"__line__", "__keys__"}:
                continue
            if not isinstance(extra, dict):
                raise KnowledgeError(f"{path}: '{key}' must be a mapping")
            base = getattr(self, LEXICONS[key])
            if key == "events":
                for name in extra:
                    if name not in base and name not in {"__line__", "__keys__"}:
                        line = extra.get("__keys__", {}).get(name, "?")
                        raise KnowledgeError(f"{path}:line {line}: unknown PLOVER event type "
                                             f"{name!r}")
            _merge(base, _strip_lines(extra))


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: top-level keys of a user lexicon file -> the Knowledge attribute they extend
LEXICONS = {"events": "events", "issues": "issues", "cue_verbs": "cues"}


def _merge(base: dict, extra: dict) -> None:
    """Lists grow by the new items, mappings merge, other values are replaced."""
    for key, value in extra.items():
        if isinstance(base.get(key), dict) and isinstance(value, dict):
            _merge(base[key], value)
        elif isinstance(base.get(key), list) and isinstance(value, list):
            base[key] += [v for v in value if v not in base[key]]
        else:
            base[key] = value


def _strip_lines(value):
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items()
                if k not in {"__line__", "__keys__"}}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _name_index(entries) -> dict[str, list[str]]:
    """Folded name or alias -> ids of the entries that carry it."""
    names: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        for name in [entry.name, *entry.aliases]:
            key = normalize_name(name)
            if key and entry.id not in names[key]:
                names[key].append(entry.id)
    return dict(names)


class _LineLoader(_Loader):
    """A YAML loader that remembers the line of every mapping, for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _KeyLineLoader(_LineLoader):
    """Also remembers the line of every key (``__keys__``), for lexicon files."""


def _construct_keyed_mapping(loader: _KeyLineLoader, node: yaml.MappingNode) -> dict:
    mapping = _construct_mapping(loader, node)
    mapping["__keys__"] = {loader.construct_object(key): key.start_mark.line + 1
                           for key, _ in node.value}
    return mapping


_KeyLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                               _construct_keyed_mapping)


def _read_line_yaml(path: Path, what: str, loader: type = _LineLoader):
    """A user YAML file with the line of every mapping; errors name the file and line."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except OSError as error:
        raise KnowledgeError(f"{path}: cannot read {what} ({error.strerror})") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "unknown line"
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise KnowledgeError(f"{path}:{where}: {problem}") from error


def read_actor_file(path: Path) -> list[ActorEntry]:
    """Read an actor list; raise :class:`KnowledgeError` naming the file and line."""
    raw = _read_line_yaml(path, "actor file")
    if raw is None:
        return []
    if isinstance(raw, dict) and "actors" in raw:
        raw = raw["actors"]
    if not isinstance(raw, list):
        raise KnowledgeError(f"{path}: expected a list of actor entries")
    return [_actor_entry(item, path) for item in raw]


def _actor_entry(item: object, path: Path) -> ActorEntry:
    if not isinstance(item, dict):
        raise KnowledgeError(f"{path}: every actor entry must be a mapping, got {item!r}")
    line = item.pop("__line__", "?")
    where = f"{path}:line {line}"
    for key in ("id", "name", "kind"):
        if not item.get(key):
            raise KnowledgeError(f"{where}: actor entry is missing '{key}'")
    if item["kind"] not in ACTOR_KINDS:
        raise KnowledgeError(f"{where}: unknown kind {item['kind']!r} for actor {item['id']!r} "
                             f"(expected one of {', '.join(sorted(ACTOR_KINDS))})")
    for key in ("aliases", "roles", "descriptions", "positions"):
        if not isinstance(item.get(key) or [], list):
            raise KnowledgeError(f"{where}: '{key}' of actor {item['id']!r} must be a list")
    unknown = set(item) - {"id", "name", "kind", "country", "code", "roles", "aliases",
                           "descriptions", "positions"}
    if unknown:
        raise KnowledgeError(f"{where}: unknown field(s) {', '.join(sorted(unknown))} "
                             f"in actor {item['id']!r}")
    positions = [{k: v for k, v in p.items() if k != "__line__"}
                 for p in item.get("positions") or [] if isinstance(p, dict)]
    return ActorEntry(
        id=str(item["id"]), name=str(item["name"]), kind=item["kind"],
        country=item.get("country"), code=item.get("code"),
        roles=[str(r) for r in item.get("roles") or []],
        aliases=[str(a) for a in item.get("aliases") or []],
        descriptions=[str(d) for d in item.get("descriptions") or []],
        positions=positions,
    )


def _split(cell: str) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _countries() -> tuple[list[ActorEntry], list[PlaceEntry], dict[str, str]]:
    actors, places, demonyms = [], [], {}
    with open(DATA / "countries.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            iso3 = row["iso3"]
            aliases = _split(row["aliases"])
            actors.append(ActorEntry(id=iso3, name=row["name"], kind="country", country=iso3,
                                     code=iso3, roles=["government"], aliases=aliases))
            lat, lon = row.get("lat"), row.get("lon")
            places.append(PlaceEntry(
                id=f"iso3166:{iso3}", name=row["name"], country=iso3,
                lat=float(lat) if lat else None, lon=float(lon) if lon else None,
                kind="country", gazetteer_id=f"iso3166:{iso3}",
                aliases=aliases))
            for demonym in _split(row["demonyms"]):
                demonyms[normalize_name(demonym)] = iso3
    return actors, places, demonyms


def _curated_places() -> list[PlaceEntry]:
    raw = _yaml("places.yaml") or []
    return [PlaceEntry(id=p["id"], name=p["name"], country=p.get("country"),
                       lat=p.get("lat"), lon=p.get("lon"), kind=p.get("kind", "place"),
                       gazetteer_id=f"wirecoder:{p['id']}", population=10**8,
                       aliases=list(p.get("aliases") or [])) for p in raw]


def _yaml(name: str):
    return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=_Loader)


def load_knowledge(actor_files: tuple[Path, ...] = (),
                   lexicon_files: tuple[Path, ...] = ()) -> Knowledge:
    """Load the shipped knowledge, extended by the user's actor and lexicon files in order.

    The compiled result is kept in the cache folder (``$WIRECODER_CACHE``, else
    ``$XDG_CACHE_HOME/wirecoder`` or ``~/.cache/wirecoder``; ``WIRECODER_CACHE=off`` keeps
    none) under a key made of wirecoder's version and the bytes of every knowledge file and
    user file, so a changed file is read afresh and an unwritable folder only costs time."""
    folder = _cache_folder()
    if folder is None:
        return _compile(actor_files, lexicon_files)
    path = folder / f"knowledge-{_cache_key(actor_files, lexicon_files)}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    knowledge = _compile(actor_files, lexicon_files)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        with open(partial, "wb") as handle:
            pickle.dump(knowledge, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
    except OSError:
        pass
    return knowledge


def _cache_folder() -> Path | None:
    chosen = os.environ.get("WIRECODER_CACHE")
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "wirecoder"


def _cache_key(actor_files: tuple[Path, ...], lexicon_files: tuple[Path, ...]) -> str:
    digest = hashlib.sha256(version("wirecoder").encode())
    for path in [*sorted(DATA.iterdir()), *map(Path, actor_files), *map(Path, lexicon_files)]:
        digest.update(path.name.encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes() if path.suffix != ".sqlite" else
                          str(path.stat().st_size).encode())
    return digest.hexdigest()[:24]


def _compile(actor_files: tuple[Path, ...], lexicon_files: tuple[Path, ...]) -> Knowledge:
    country_actors, country_places, demonyms = _countries()
    gazetteer = Gazetteer(DATA / "gazetteer.sqlite")
    geonames = {iso3: (ident, population) for iso3, ident, population in gazetteer.countries()}
    for place in country_places:
        place.gazetteer_id, place.population = geonames.get(place.country, (place.id, 0))
        place.population = place.population or 1
    actors = {a.id: a for a in country_actors}
    for name in ("actors.yaml", "past_leaders.yaml"):
        actors.update({a.id: a for a in read_actor_file(DATA / name)})
    places = {p.id: p for p in [*country_places, *_curated_places()]}
    knowledge = Knowledge(
        actors=actors, places=places, titles=_yaml("titles.yaml"),
        # PETRARCH2's agents (tools/petrarch_agents.py) under the hand-made sectors
        sectors={**_yaml("agents.yaml"), **_yaml("sectors.yaml")},
        anonymous=_yaml("anonymous_sources.yaml"),
        events=_yaml("events.yaml"), issues=_yaml("issues.yaml"), cues=_yaml("cue_verbs.yaml"),
        # PETRARCH2's CAMEO verbs as PLOVER types (tools/cameo_verbs.py): model features
        cameo=_yaml("cameo_verbs.yaml"),
        # VADER's rated words (tools/evaluative_words.py): the criticism coder's features
        evaluative=_yaml("evaluative.yaml"),
        generic_descriptions=_yaml("descriptions.yaml"), demonyms=demonyms,
        party_nouns={str(w) for words in _yaml("parties.yaml").values() for w in words},
        capitals={normalize_name(city): iso3 for city, iso3 in gazetteer.capitals().items()
                  if iso3 in actors},  # GeoNames also lists former countries
        gazetteer=gazetteer,
    )
    for path in actor_files:
        knowledge.extend(Path(path))
    for path in lexicon_files:
        knowledge.extend_lexicons(Path(path))
    return knowledge


@lru_cache(maxsize=1)
def default_knowledge() -> Knowledge:
    return load_knowledge()
