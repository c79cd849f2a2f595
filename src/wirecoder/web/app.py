"""The web application: server-rendered pages and a JSON API under ``/api/`` over one corpus.

Every request opens the store read-only and closes it when the request is done
(:func:`wirecoder.corpus.queries.reading`), so ``wirecoder ingest`` can write between requests.
Only GET routes exist: the app never writes. Templates escape everything they print.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from wirecoder import __version__
from wirecoder.corpus import queries
from wirecoder.corpus.queries import BadParameter, Filters, NotFound, Reader, StoredArticle
from wirecoder.errors import WirecoderError
from wirecoder.web import charts, highlight, models

_templates = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.PackageLoader("wirecoder.web", "templates"), autoescape=True,
    trim_blocks=True, lstrip_blocks=True))
_templates.env.filters["event_class"] = queries.event_class

Actor = Annotated[str | None, Query(description="Actor id, name or alias")]
Day = Annotated[str | None, Query(description="YYYY-MM-DD", examples=["2024-05-08"])]
Issue = Annotated[str | None, Query(description="Issue key, e.g. ceasefire")]
EventType = Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT")]
Target = Annotated[Literal["articles", "quotes"], Query(alias="in",
                                                        description="What to search")]
Exact = Annotated[bool, Query(description="Only the words as written, side by side (no "
                                          "stemming)")]
Weight = Annotated[int, Query(ge=1, le=10**6, description="Fewest events a link needs")]
Kinds = Annotated[list[Literal["country", "person", "organization", "group", "igo", "media"]]
                  | None, Query(description="Actor kinds kept; repeatable")]
Named = Annotated[str | None, Query(description="Part of an actor's id, name or alias")]
Sectors = Annotated[bool, Query(description="Keep a country's sectors, officials, people "
                                            "and sources with it")]
Country = Annotated[str | None, Query(pattern="^([A-Za-z]{3})?$",
                                      description="ISO 3166 alpha-3 code, e.g. SYR")]
EventClass = Annotated[str | None, Query(alias="class", description="Event class kept: "
                                                                  "cooperative or conflictual")]


def _reader(request: Request) -> Iterator[Reader]:
    with queries.reading(request.app.state.db) as db:
        yield db


Db = Annotated[Reader, Depends(_reader)]


#: Host names the app answers to unless told more: this machine's loopback names. A page on
#: another site that makes its own name resolve here (DNS rebinding) is turned away.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
#: Pages and scripts come only from the app itself, and no other site may frame it.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "style-src-attr 'unsafe-inline'; img-src 'self' data:; "
                               "connect-src 'self'; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
#: Largest row offset or page number a request may ask for (DuckDB counts in 64 bits).
MOST = 10**12


def create_app(db: Path, allowed_hosts: Iterable[str] = LOOPBACK_HOSTS) -> FastAPI:
    """The app serving the corpus in ``db``; fails now if the file is not a corpus.

    Requests must name one of ``allowed_hosts`` in their Host header ("*" allows any)."""
    queries.check_corpus(db)
    app = FastAPI(title="wirecoder", version=__version__,
                  description="Actors, quotes, events and positions of a wirecoder corpus.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    app.state.db = Path(db)
    app.mount("/static", StaticFiles(packages=[("wirecoder.web", "static")]), name="static")
    app.include_router(_api_routes())
    _add_pages(app)
    _add_error_pages(app)
    return app


# ---- JSON API ------------------------------------------------------------------------------

def _api_routes() -> APIRouter:
    api = APIRouter(prefix="/api", tags=["corpus"], responses={
        404: {"model": models.Problem, "description": "No such article, actor or position"},
        422: {"model": models.Problem, "description": "A parameter that cannot be used"},
        503: {"model": models.Problem, "description": "The database is busy or unreadable"}})

    @api.get("/overview")
    def overview(db: Db) -> models.Overview:
        """How many articles, actors and records the corpus holds, and its dates."""
        return queries.overview(db)

    @api.get("/articles")
    def articles(request: Request, db: Db, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 offset: Annotated[int, Query(ge=0, le=MOST)] = 0
                 ) -> models.Page[models.ArticleSummary]:
        """Stored articles, newest first, a page at a time."""
        return _paged(request, queries.articles(db, limit, offset),
                      queries.count_articles(db), limit, offset)

    @api.get("/articles/{key}")
    def article(key: str, db: Db) -> StoredArticle:
        """One article by the SHA-256 of its text: its records in the record model (as
        ``wirecoder extract`` gives them), its text and the names of the actors cited."""
        return queries.article(db, key)

    @api.get("/actors")
    def actors(request: Request, db: Db, limit: Annotated[int, Query(ge=1, le=5000)] = 500,
               offset: Annotated[int, Query(ge=0, le=MOST)] = 0, q: Named = None
               ) -> models.Page[models.ActorSummary]:
        """Actors with their stories, quotes and events; most reported first, a page at a
        time; ``q`` keeps those whose id, name or an alias holds it."""
        return _paged(request, queries.actors(db, limit, offset, q),
                      queries.count_actors(db, q), limit, offset)

    @api.get("/actors/{actor}")
    def actor(actor: str, db: Db, limit: Annotated[int, Query(ge=1, le=5000)] = 50
              ) -> models.ActorProfile:
        """One actor (id, name or alias): profile, its latest ``limit`` quotes and events
        each (with their totals: the timeline has them all), positions per issue."""
        return queries.actor(db, actor, limit)

    @api.get("/timeline")
    def timeline(request: Request, db: Db, actor: Actor = None, type: EventType = None,
                 issue: Issue = None, start: Day = None, end: Day = None,
                 sectors: Sectors = False,
                 limit: Annotated[int, Query(ge=1, le=5000)] = 500,
                 offset: Annotated[int, Query(ge=0, le=MOST)] = 0) -> models.Timeline:
        """Events, quotes and positions by day, newest first, with counts per day; all
        filters optional. Without start and end, the corpus's publication dates."""
        found = queries.timeline(db, Filters.parse(db, actor, type, issue, start, end,
                                                   sectors), limit, offset)
        return {**found, **_paged(request, [], found["total"], limit, offset, "items")}

    @api.get("/network")
    def network(db: Db, start: Day = None, end: Day = None, weight: Weight = 1,
                kind: Kinds = None, class_: EventClass = None) -> models.Network:
        """Actors and the events between them, per PLOVER type and class; links of at least
        ``weight`` events, between actors of the ``kind``s given, of one event class."""
        return queries.network(db, Filters.parse(db, start=start, end=end), weight=weight,
                               kinds=tuple(kind or ()), klass=class_ or None)

    @api.get("/network/link")
    def link(db: Db, source: Annotated[str, Query(description="Actor id, name or alias")],
             target: Annotated[str, Query(description="Actor id, name or alias")],
             start: Day = None, end: Day = None, type: EventType = None,
             class_: EventClass = None, weight: Weight = 1) -> list[models.ActorEvent]:
        """The events behind one link: what the source did to the target, with evidence;
        all, or those of one event type or class, of the types with ``weight`` events or
        more."""
        return queries.link_events(db, queries.find_actor(db, source),
                                   queries.find_actor(db, target),
                                   Filters.parse(db, type=type, start=start, end=end),
                                   class_ or None, weight)

    @api.get("/map")
    def map_(db: Db, actor: Actor = None, type: EventType = None, start: Day = None,
             end: Day = None, sectors: Sectors = False,
             country: Country = None) -> list[models.MapPlace]:
        """Places with coordinates, with how many events happened there and how many stories
        named them; an actor or event type keeps its events' places only, a country its
        own places."""
        return queries.map_places(db, Filters.parse(db, actor, type, None, start, end,
                                                    sectors), country or None)

    @api.get("/map/{place}")
    def map_place(request: Request, place: str, db: Db, actor: Actor = None,
                  type: EventType = None, start: Day = None, end: Day = None,
                  sectors: Sectors = False, limit: Annotated[int, Query(ge=1, le=5000)] = 50,
                  offset: Annotated[int, Query(ge=0, le=MOST)] = 0) -> models.PlaceEvents:
        """One place (its gazetteer id): a page of the events there, with evidence, and the
        latest stories that name it."""
        found = queries.place_events(db, place, Filters.parse(db, actor, type, None, start,
                                                               end, sectors), limit, offset)
        return {**found, **_paged(request, [], found["total"], limit, offset, "items")}

    @api.get("/positions")
    def positions(request: Request, db: Db, limit: Annotated[int, Query(ge=1, le=5000)] = 100,
                  offset: Annotated[int, Query(ge=0, le=MOST)] = 0) -> models.Positions:
        """Each actor's latest stance per issue: the actors that took most stances first, a
        page of actors at a time."""
        found = queries.positions(db, limit, offset)
        return {**found, **_paged(request, [], found["total"], limit, offset, "items")}

    @api.get("/positions/{actor}/{issue}")
    def stance_history(actor: str, issue: str, db: Db) -> list[models.StanceRecord]:
        """Every stance an actor took on an issue, oldest first."""
        return _stance_history(db, actor, issue)

    @api.get("/proposals")
    def proposals(db: Db) -> list[models.ProposalAnswer]:
        """Each party's response to each proposal."""
        return queries.proposals(db)

    @api.get("/search")
    def search(request: Request, db: Db,
               q: Annotated[str, Query(min_length=1, description="Words to find")],
               target: Target = "articles", exact: Exact = False,
               limit: Annotated[int, Query(ge=1, le=200)] = 20,
               offset: Annotated[int, Query(ge=0, le=MOST)] = 0
               ) -> models.Page[models.ArticleHit] | models.Page[models.QuoteHit]:
        """Full-text search (BM25) over articles or quotes, best first; an article hit
        carries the passage around its first match."""
        return _paged(request, queries.search(db, q, target, limit, exact, offset),
                      queries.count_matches(db, q, target, exact), limit, offset)

    return api


def _paged(request: Request, items: list, total: int, limit: int, offset: int,
           leave: str | None = None) -> dict:
    """A page of a list: its items, the total, and the URL of the next page if there is
    one (``leave`` drops the items key, for answers that carry their items already)."""
    after = offset + limit
    following = str(request.url.include_query_params(offset=after, limit=limit)) \
        if after < total else None
    page = {"total": total, "limit": limit, "offset": offset, "next": following,
            "items": items}
    if leave:
        page.pop(leave)
    return page


def _stance_history(db: Reader, actor: str, issue: str) -> list[dict]:
    actor_id = queries.find_actor(db, actor)
    history = queries.stance_history(db, actor_id, issue)
    if not history:
        raise NotFound(f"no position of {actor!r} on {issue!r} in this corpus")
    return history


# ---- pages ---------------------------------------------------------------------------------

def _carried(request: Request, *drop: str) -> str:
    """The request's query string without ``drop`` and its paging: what a page's links
    carry on to the next page."""
    return urlencode([(key, value) for key, value in request.query_params.multi_items()
                      if key not in {*drop, "offset", "page"}])


def _actor_choices(actors: list[dict]) -> list[tuple[str, str]]:
    """What the actor field suggests, as (value, label): the name, or the id where actors
    share a name."""
    shared = Counter(a["name"] for a in actors)
    return [(a["id"] if shared[a["name"]] > 1 else a["name"], f"{a['name']} ({a['kind']})")
            for a in actors]


def _page(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    return _templates.TemplateResponse(request, name, context, status_code=status_code)


def _add_pages(app: FastAPI) -> None:
    html = {"response_class": HTMLResponse, "include_in_schema": False}

    @app.get("/", **html)
    def home(request: Request, db: Db, page: Annotated[int, Query(ge=1, le=MOST)] = 1):
        per_page = 50
        overview = queries.overview(db)
        return _page(request, "home.html", overview=overview,
                     articles=queries.articles(db, per_page, (page - 1) * per_page),
                     page=page, pages=math.ceil(overview["articles"] / per_page),
                     actors=queries.actors(db, 12))

    @app.get("/articles/{key}", **html)
    def article(request: Request, key: str, db: Db):
        story = queries.article(db, key)
        marked = highlight.marked_records(story)
        return _page(request, "article.html", story=story, marked=marked,
                     segments=highlight.segments(story.text, marked),
                     types=highlight.TYPES)

    @app.get("/actors", **html)
    def actors(request: Request, db: Db, page: Annotated[int, Query(ge=1, le=MOST)] = 1,
               q: str = ""):
        per_page = 200
        total = queries.count_actors(db, q)
        return _page(request, "actors.html", page=page, q=q, total=total,
                     pages=math.ceil(total / per_page),
                     actors=queries.actors(db, per_page, (page - 1) * per_page, q))

    @app.get("/actors/{actor}", **html)
    def actor(request: Request, actor: str, db: Db):
        return _page(request, "actor.html", actor=queries.actor(db, actor))

    @app.get("/timeline", **html)
    def timeline(request: Request, db: Db, actor: str | None = None, type: str | None = None,
                 issue: str | None = None, start: str | None = None, end: str | None = None,
                 sectors: bool = False, offset: Annotated[int, Query(ge=0, le=MOST)] = 0):
        filters = Filters.parse(db, actor, type, issue, start, end, sectors)
        per_page = 200
        found = queries.timeline(db, filters, per_page, offset)
        found.update(_paged(request, [], found["total"], per_page, offset, "items"))
        return _page(request, "timeline.html", filters=filters, found=found,
                     query_without_range=_carried(request, "start", "end"),
                     chart=charts.day_chart(found["counts"], queries.TIMELINE_KINDS),
                     kinds=queries.TIMELINE_KINDS, actor_text=actor or "", sectors=sectors,
                     event_types=queries.EVENT_TYPES, issues=queries.issues(db),
                     actors=_actor_choices(queries.actors(db, 500)))

    @app.get("/network", **html)
    def network(request: Request, db: Db, start: str | None = None, end: str | None = None,
                weight: Weight = 1, kind: Kinds = None, class_: EventClass = None):
        filters = Filters.parse(db, start=start, end=end)
        found = queries.network(db, filters, weight=weight, kinds=tuple(kind or ()),
                                klass=class_ or None)
        return _page(request, "network.html", filters=filters, found=found, weight=weight,
                     kinds=kind or [], klass=class_ or None,
                     layout=charts.network_layout(found["nodes"], found["edges"]))

    @app.get("/map", **html)
    def map_page(request: Request, db: Db, actor: str | None = None, type: str | None = None,
                 start: str | None = None, end: str | None = None, sectors: bool = False,
                 country: str = ""):
        filters = Filters.parse(db, actor, type or None, None, start, end, sectors)
        country = country.upper()
        if country and country not in charts.regions():
            raise BadParameter(f"country: no outline for {country!r}; use an ISO 3166 "
                               "alpha-3 code such as SYR")
        places = queries.map_places(db, filters, country or None)
        frame = charts.country_frame(country) if country else charts.WORLD
        return _page(request, "map.html", filters=filters, actor_text=actor or "",
                     sectors=sectors,
                     places=places, points=charts.map_points(places, frame), frame=frame,
                     world=charts.world(), country=country, countries=charts.outlined(),
                     mapped=charts.regions(),
                     regions=charts.country_regions(country, frame) if country else [],
                     query=_carried(request, "country"), with_country=_carried(request),
                     event_types=queries.EVENT_TYPES,
                     actors=_actor_choices(queries.actors(db, 500)))

    @app.get("/map-borders.svg", include_in_schema=False)
    def map_borders() -> Response:
        """The first-level borders of every country, drawn over the world map."""
        frame = charts.WORLD
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width} '
               f'{frame.height}"><path d="{charts.world_regions()}" fill="none" '
               'stroke="#ffffff" stroke-width="0.35"/></svg>')
        return Response(svg, media_type="image/svg+xml",
                        headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/map/{place}", **html)
    def map_place(request: Request, place: str, db: Db, actor: str | None = None,
                  type: str | None = None, start: str | None = None, end: str | None = None,
                  sectors: bool = False, offset: Annotated[int, Query(ge=0, le=MOST)] = 0):
        filters = Filters.parse(db, actor, type or None, None, start, end, sectors)
        per_page = 50
        found = queries.place_events(db, place, filters, per_page, offset)
        return _page(request, "place.html", filters=filters, place=found,
                     page=_paged(request, [], found["total"], per_page, offset),
                     back=_carried(request))

    @app.get("/network/link", **html)
    def link(request: Request, db: Db, source: str, target: str, start: str | None = None,
             end: str | None = None, type: str | None = None, class_: EventClass = None,
             weight: Weight = 1):
        filters = Filters.parse(db, type=type or None, start=start, end=end)
        source_id, target_id = queries.find_actor(db, source), queries.find_actor(db, target)
        return _page(request, "link.html", filters=filters, klass=class_ or None,
                     same=_carried(request, "source", "target"),
                     back=_carried(request, "source", "target", "type"),
                     events=queries.link_events(db, source_id, target_id, filters,
                                                class_ or None, weight),
                     source=source_id, target=target_id,
                     source_name=queries.actor_name(db, source_id),
                     target_name=queries.actor_name(db, target_id))

    @app.get("/positions", **html)
    def positions(request: Request, db: Db,
                  offset: Annotated[int, Query(ge=0, le=MOST)] = 0):
        per_page = 40
        matrix = queries.positions(db, per_page, offset)
        matrix.update(_paged(request, [], matrix["total"], per_page, offset, "items"))
        cells = {(c["actor"], c["issue"]): c for c in matrix["cells"]}
        return _page(request, "positions.html", matrix=matrix, cells=cells,
                     proposals=queries.proposals(db))

    @app.get("/positions/{actor}/{issue}", **html)
    def stance_history(request: Request, actor: str, issue: str, db: Db,
                       offset: Annotated[int, Query(ge=0, le=MOST)] = 0):
        history = _stance_history(db, actor, issue)
        actor_id = queries.find_actor(db, actor)
        per_page = 100
        return _page(request, "history.html", actor_id=actor_id,
                     actor_name=queries.actor_name(db, actor_id), issue=issue,
                     history=history[offset:offset + per_page],
                     page=_paged(request, [], len(history), per_page, offset),
                     stances=Counter(p["stance"] for p in history).most_common(),
                     changes=sum(bool(p["changed"]) for p in history))

    @app.get("/search", **html)
    def search(request: Request, db: Db, q: str = "", target: Target = "articles",
               exact: Exact = False, offset: Annotated[int, Query(ge=0, le=MOST)] = 0):
        per_page, found, links, note = 50, None, {}, None
        try:
            hits = queries.search(db, q, target, per_page, exact, offset) if q.strip() else None
        except BadParameter as error:  # only common words: said beside the form
            hits, note = None, str(error)
        if hits is not None:
            found = _paged(request, hits, queries.count_matches(db, q, target, exact),
                           per_page, offset)
            if target == "articles":
                links = queries.article_links(db, [h["text_sha256"] for h in hits])
        return _page(request, "search.html", q=q, target=target, exact=exact, found=found,
                     links=links, note=note, coverage=queries.index_coverage(db))


# ---- errors --------------------------------------------------------------------------------

def _add_error_pages(app: FastAPI) -> None:
    """One clear message per failure: JSON ``{"detail": ...}`` under /api/, a page elsewhere."""

    def answer(request: Request, status: int, message: str):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=status)
        return _page(request, "error.html", status_code=status, status=status,
                     message=message)

    @app.exception_handler(NotFound)
    def not_found(request: Request, error: NotFound):
        return answer(request, 404, str(error))

    @app.exception_handler(BadParameter)
    def bad_parameter(request: Request, error: BadParameter):
        return answer(request, 422, str(error))

    @app.exception_handler(WirecoderError)
    def unavailable(request: Request, error: WirecoderError):
        return answer(request, 503, str(error))

    @app.exception_handler(HTTPException)
    def http_error(request: Request, error: HTTPException):
        return answer(request, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, error: RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:] if not isinstance(p, int))}: {e['msg']}"
            for e in error.errors())
        return answer(request, 422, problems)
