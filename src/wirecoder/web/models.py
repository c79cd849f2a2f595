"""The JSON API's answers beyond the record model: summaries and views of the corpus.

An article is answered in the record model itself (:class:`wirecoder.corpus.queries.StoredArticle`);
these models describe the corpus-wide views, so the OpenAPI document says what each endpoint
returns. Dates are ISO days; actor fields hold actor ids, ``*_name`` their names.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from wirecoder.records import PloverType, Response, Stance

Day = dt.date | None


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a longer list: ``next`` is the URL of the page after it (null on the
    last)."""

    total: int = Field(description="Items in the whole list")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, or null")
    items: list[T]


class Problem(BaseModel):
    """Why a request failed: ``{"detail": "no actor 'Nobody' in this corpus"}``."""

    detail: str


class Overview(BaseModel):
    articles: int
    canonical: int = Field(description="Articles that are not near-duplicates")
    actors: int
    quotes: int
    events: int
    positions: int
    failures: int = Field(description="Records ingest could not extract (table failures)")
    first: Day
    last: Day


class ArticleSummary(BaseModel):
    key: str = Field(description="The text's SHA-256: /api/articles/{key}")
    id: str
    published: Day
    title: str | None
    source: str | None
    canonical_id: str | None
    quotes: int
    events: int
    characters: int


class ActorSummary(BaseModel):
    id: str
    name: str
    kind: str
    country: str | None
    stories: int
    quotes: int
    events_done: int
    events_received: int


class ActorQuote(BaseModel):
    day: Day
    article: str
    story: str
    title: str | None
    id: str
    kind: str
    cue: str | None
    channel: str | None
    content: str
    confidence: float


class ActorEvent(BaseModel):
    day: Day
    article: str
    story: str
    id: str
    type: PloverType
    mode: str | None
    negated: bool
    modality: str
    source: str | None
    source_name: str | None
    target: str | None
    target_name: str | None
    trigger: str
    evidence: str
    confidence: float
    place: str | None = Field(None, description="Name of the place it happened at")
    place_from: Literal["sentence", "dateline"] | None = None


class StanceRecord(BaseModel):
    """One stance an actor took on an issue, in one story."""

    day: Day
    article: str
    story: str
    title: str | None
    issue: str
    stance: Stance
    conditions: list[str]
    trigger_start: int
    trigger_end: int
    trigger_text: str
    evidence: str
    quote: str | None
    confidence: float
    changed: bool = Field(description="Differs from the stance before it on the same issue")


class IssuePositions(BaseModel):
    issue: str
    latest: StanceRecord
    history: list[StanceRecord]


class ProposalAnswer(BaseModel):
    """One party's response to a proposal."""

    day: Day
    article: str
    story: str
    proposal: str
    name: str
    issue: str | None
    sponsor: str | None
    sponsor_name: str | None
    actor: str
    actor_name: str | None
    response: Response
    conditions: list[str]


class ActorProfile(BaseModel):
    id: str
    name: str
    aliases: list[str]
    kind: str
    country: str | None
    code: str | None
    known: bool
    roles: list[str]
    titles: list[str]
    affiliations: list[str]
    sectors: list[str] = Field(description="A country's sector actors (RUS-MIL, ...)")
    country_actors: int = Field(description="A country's actors: sectors, officials, people "
                                            "and sources (timeline ?sectors=true)")
    stories: int
    quotes: list[ActorQuote] = Field(description="The latest statements, newest first")
    quotes_total: int = Field(description="Statements in all")
    events_done: list[ActorEvent] = Field(description="The latest acts, newest first")
    events_done_total: int
    events_received: list[ActorEvent]
    events_received_total: int
    positions: list[IssuePositions]
    responses: list[ProposalAnswer]


class TimelineItem(BaseModel):
    day: Day
    kind: Literal["event", "quote", "position"]
    what: str = Field(description="Event type, quote cue or stance")
    actor: str | None
    actor_name: str | None
    target: str | None
    target_name: str | None
    issue: str | None
    negated: bool
    text: str = Field(description="Evidence sentence or quote content")
    article: str
    story: str
    record: str = Field(description="The record's key on the article page")


class DayCount(BaseModel):
    day: dt.date
    kind: Literal["event", "quote", "position"]
    n: int


class Timeline(BaseModel):
    items: list[TimelineItem] = Field(description="Newest first")
    counts: list[DayCount]
    total: int = Field(description="Items matching the filters, shown or not")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page of items, or null")
    start: Day = Field(description="First day shown: the filter's, else the corpus's first "
                                   "publication date")
    end: Day = Field(description="Last day shown: the filter's, else the corpus's last "
                                 "publication date")
    outside: int = Field(description="Dated items the range leaves out (with the default "
                                     "range: a story's history or plans)")
    undated: int = Field(description="Items with no day (an undated story's), never shown")
    earliest: Day | None = Field(description="The first day of the items, whatever the range")
    latest: Day | None = Field(description="The last day of the items, whatever the range")


class NetworkNode(BaseModel):
    id: str
    name: str
    kind: str
    country: str | None
    events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    type: PloverType
    class_: Literal["cooperative", "conflictual"] = Field(alias="class")
    events: int
    first: Day
    last: Day


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    actors_left_out: int


class MapPlace(BaseModel):
    id: str = Field(description="Gazetteer id: /api/map/{id}")
    name: str
    kind: str
    country: str | None
    lat: float
    lon: float
    events: int = Field(description="Events that happened there (with the filters)")
    stories: int = Field(description="Stories that name it")


class PlaceEvent(BaseModel):
    day: Day
    article: str
    story: str
    id: str
    type: PloverType
    negated: bool
    source: str | None
    source_name: str | None
    target: str | None
    target_name: str | None
    evidence: str
    place_from: Literal["sentence", "dateline"] | None


class PlaceStory(BaseModel):
    day: Day
    article: str
    story: str
    title: str | None


class PlaceEvents(BaseModel):
    id: str
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    events: list[PlaceEvent] = Field(description="A page of them (limit, offset), newest first")
    total: int = Field(description="Events there in all")
    limit: int
    offset: int
    next: str | None = Field(description="The URL of the next page of events")
    stories: list[PlaceStory] = Field(description="The latest (limit) that name the place")
    stories_total: int


class PositionCell(BaseModel):
    actor: str
    name: str | None
    issue: str
    stance: Stance
    conditions: list[str]
    day: Day
    article: str
    story: str
    trigger_start: int
    trigger_end: int
    evidence: str
    positions: int = Field(description="Stances the actor took on the issue in all")


class ActorName(BaseModel):
    id: str
    name: str


class Positions(BaseModel):
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page of actors, or null")
    actors: list[ActorName] = Field(description="Most stances first")
    issues: list[str] = Field(description="Issues these actors took a stance on, the most "
                                          "contested first")
    cells: list[PositionCell]
    total: int = Field(description="Actors with a stance in all")


class ArticleHit(BaseModel):
    score: float
    story: str
    published: Day
    title: str | None
    excerpt: str
    text_sha256: str


class QuoteHit(BaseModel):
    score: float
    story: str
    published: Day
    speaker: str | None
    speaker_name: str | None
    quote: str
    article: str
