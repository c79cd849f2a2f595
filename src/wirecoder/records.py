"""The one record model: every stage produces these, every interface reads them.

All offsets are character offsets into the exact article text (``text[start:end]``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from wirecoder.errors import BadInput


def _plover_types() -> tuple[str, ...]:
    """The PLOVER types of the one vocabulary file (read by path: records import nothing of
    wirecoder's but errors)."""
    path = Path(__file__).parent / "knowledge" / "data" / "plover.yaml"
    return tuple(yaml.safe_load(path.read_text(encoding="utf-8"))["types"])


PloverType = Literal[_plover_types()]
ActorKind = Literal[
    "person", "organization", "country", "group", "igo", "media", "anonymous_source"
]
QuoteKind = Literal["direct", "indirect", "mixed"]
Modality = Literal["asserted", "negated", "refused", "intended", "threatened", "conditional",
                   "possible", "demanded"]
Stance = Literal["support", "oppose", "conditional", "demand", "neutral"]
Response = Literal["accepted", "rejected", "conditional", "under_study"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A piece of the article text: ``text == article_text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Article(Record):
    id: str
    published: dt.date | None = None
    title: str | None = None
    text_sha256: str
    source: str | None = Field(None, description="Where the text came from (path, URL, feed).")


class Actor(Record):
    id: str = Field(description="Stable id: knowledge-base id, ISO alpha-3 for countries, "
                                "or a slug of the name for actors unknown to the knowledge base.")
    name: str
    aliases: list[str] = []
    kind: ActorKind
    country: str | None = Field(None, description="ISO 3166 alpha-3")
    roles: list[str] = []
    code: str | None = Field(None, description="PLOVER/CAMEO-style code: country + sector")
    title: str | None = Field(None, description='Title given in the text: "defense minister"')
    affiliation: str | None = Field(None, description="Actor id of the group or country the "
                                                      "actor belongs to or speaks for")
    known: bool = Field(description="True when the actor comes from the knowledge base")
    mentions: list[Span] = []
    confidence: float = Field(ge=0, le=1)


class Quote(Record):
    id: str
    speaker: str | None = Field(description="Actor id, or null when the speaker is unresolved")
    speaker_text: str | None = None
    speaker_span: Span | None = None
    anonymous: bool = False
    cue: str | None = None
    cue_span: Span | None = None
    kind: QuoteKind
    content: Span = Field(description="From the first to the last quoted word")
    parts: list[Span] = Field([], description="The quoted pieces, when the attribution "
                                              "splits a quotation in two: “A,” she said, “B.”")
    channel: str | None = Field(None, description='Medium or addressee: "Al-Arabiya", '
                                                  '"a statement"')
    confidence: float = Field(ge=0, le=1)


class Event(Record):
    id: str
    type: PloverType
    mode: str | None = None
    source: str | None = Field(description="Actor id of who acts")
    target: str | None = Field(description="Actor id of who is acted upon")
    negated: bool = Field(description="True when the text says the event did not or will not "
                                      "happen")
    modality: Modality = "asserted"
    trigger: Span
    date: dt.date | None = None
    date_from: Literal["sentence", "published"] | None = None
    place: str | None = Field(None, description="Place id")
    place_from: Literal["sentence", "dateline"] | None = None
    quote: str | None = Field(None, description="Id of the quote this event is reported in")
    content_of: str | None = Field(None, description="Id of the threat, demand, refusal or "
                                   "protest this act is the content of; PLOVER codes such an "
                                   "act as that event's mode, not as an event of its own")
    evidence: Span = Field(description="The sentence the event is coded from")
    confidence: float = Field(ge=0, le=1)


class Position(Record):
    actor: str
    issue: str
    stance: Stance
    conditions: list[str] = []
    trigger: Span
    evidence: Span
    quote: str | None = None
    confidence: float = Field(ge=0, le=1)


class ProposalResponse(Record):
    actor: str = Field(description="Actor id of the party that answered")
    response: Response
    conditions: list[str] = []
    trigger: Span = Field(description='The word that says how: "rejected", "accept"')
    evidence: Span = Field(description="The sentence the response is read from")
    quote: str | None = Field(None, description="Id of the quote the response is stated in")
    confidence: float = Field(ge=0, le=1)


class Proposal(Record):
    """A truce proposal, named plan or paper, followed through all its mentions."""

    id: str
    name: str = Field(description='Its fullest mention: "a new truce proposal"')
    issue: str | None = Field(None, description="Issue key the proposal is about")
    sponsor: str | None = Field(None, description="Actor id of who backs or wrote it")
    presenter: str | None = Field(None, description="Actor id of who delivered it")
    recipients: list[str] = Field([], description="Actor ids it was presented to")
    earlier: bool = Field(False, description='An earlier proposal ("the previous proposal")')
    mentions: list[Span] = []
    responses: list[ProposalResponse] = []
    confidence: float = Field(ge=0, le=1)


class TimeExpression(Record):
    text: str
    start: int
    end: int
    value: dt.date | None = Field(description="First day the expression refers to, or null "
                                              "when it cannot be resolved")
    grain: Literal["day", "week", "month", "quarter", "season", "half", "year", "decade"] | \
        None = None
    until: dt.date | None = Field(None, description="Last day of a range (\"1991 to 1997\"), "
                                                    "else null")
    reference: Literal["past", "present", "future"] | None = Field(
        None, description='A time named only as past, present or future ("recently", "now", '
                          '"the future"); its value is null')
    confidence: float = Field(ge=0, le=1)


class Place(Record):
    id: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None = Field(None, description="ISO 3166 alpha-3")
    kind: str = Field(description="country, continent, division (state, province), district "
                                  "(county), capital, city, or a curated kind (region, sea, "
                                  "camp, crossing, ...)")
    gazetteer_id: str = Field(description='"geonames:<id>", "adm1:<CC>.<code>" or '
                                          '"adm2:<CC>.<code>.<name>" (divisions GeoNames\' town '
                                          'files code), "iso3166:<alpha3>" or "wirecoder:<id>"')
    mentions: list[Span] = []
    confidence: float = Field(ge=0, le=1)


class Extraction(Record):
    """Everything wirecoder extracts from one article."""

    article: Article
    actors: list[Actor] = []
    quotes: list[Quote] = []
    events: list[Event] = []
    positions: list[Position] = []
    proposals: list[Proposal] = []
    times: list[TimeExpression] = []
    places: list[Place] = []


# ---- the input record ----------------------------------------------------------------------

_TITLE_MAX = 200


@dataclass
class ArticleInput:
    """A text to extract from, with what is known about it."""

    text: str
    id: str | None = None
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None

    def article(self) -> Article:
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        return Article(id=self.id or digest[:16], published=self.published,
                       title=self.title if self.title is not None else find_title(self.text),
                       text_sha256=digest, source=self.source)


def find_title(text: str) -> str | None:
    """The first line, when it stands alone: short, followed by a blank line, no full stop."""
    match = re.match(r"\s*([^\n]+)\n[ \t]*\n", text)
    if not match:
        return None
    line = match.group(1).strip()
    if len(line) > _TITLE_MAX or line.endswith((".", ",", ";", ":")) and not line.endswith(
            "..."):
        return None
    return line or None


def parse_date(value: str | None, record: str = "input") -> dt.date | None:
    """Parse ``YYYY-MM-DD`` (also ``YYYY/M/D`` and ISO datetimes) or raise BadInput."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})([T ][\d:.+\-Z]*)?", text)
    try:
        if not match:
            raise ValueError
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match[4]:  # a time must be one too: "2017-01-01T25:99:99" is no date
            dt.datetime.fromisoformat(f"{day.isoformat()}{match[4].replace('Z', '+00:00')}")
        return day
    except ValueError:
        raise BadInput(f"{record}: unparsable publication date {text!r} "
                       "(expected YYYY-MM-DD)") from None


def check_text(text: str, record: str) -> str:
    """The text itself, or BadInput naming the record when there is none or it is not valid
    Unicode (a lone surrogate, which JSON escapes can make, cannot be stored or hashed)."""
    if not text.strip():
        raise BadInput(f"{record}: empty article (no text)")
    surrogate = _LONE_SURROGATE.search(text)
    if surrogate:
        raise BadInput(f"{record}: not valid Unicode (lone surrogate "
                       f"U+{ord(surrogate.group()):04X} at character {surrogate.start()})")
    return text


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value: str) -> str:
    """A string with any lone surrogate replaced by U+FFFD, so it can be stored and shown."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def article_input(text: str, published: dt.date | str | None = None, id: str | None = None,
                  title: str | None = None) -> ArticleInput:
    """A checked input record from a text and what the caller knows of it."""
    if isinstance(published, str):
        published = parse_date(published)
    return ArticleInput(text=check_text(text, id or "text"), id=id, published=published,
                        title=title)


@dataclass
class SourceRecord:
    """An article read from a source, with its locator (``file`` or ``file:line``)."""

    item: ArticleInput
    locator: str
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Failure:
    """A source record that cannot be used, where it is and why."""

    source: str
    locator: str
    reason: str


def extraction_failure(record: SourceRecord, error: Exception) -> Failure:
    """The failure of a record whose extraction raised ``error``."""
    return Failure(record.item.source or record.locator, record.locator,
                   f"extraction failed ({type(error).__name__}: {error})")
