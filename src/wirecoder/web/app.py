"""The web application: server-rendered pages and a JSON API under ``/api/`` over one corpus.

Every request opens the store read-only and closes it when the request is done
(:func:`wirecoder.corpus.queries.reading`), so ``wirecoder ingest`` can write between requests.
Only GET routes exist: the app never writes. Templates escape everything they print.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Literal

import jinja2
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
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
    def articles(db: Db, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 offset: Annotated[int, Query(ge=0, le=MOST)] = 0) -> list[models.ArticleSummary]:
        """Stored articles, newest first."""
        return queries.articles(db, limit, offset)

    @api.get("/articles/{key}")
    def article(key: str, db: Db) -> StoredArticle:
        """One article by the SHA-256 of its text: its records in the record model (as
        ``wirecoder extract`` gives them), its text and the names of the actors cited."""
        return queries.article(db, key)

    @api.get("/actors")
    def actors(db: Db, limit: Annotated[int, Query(ge=1, le=5000)] = 500,
               offset: Annotated[int, Query(ge=0, le=MOST)] = 0) -> list[models.ActorSummary]:
        """Actors with their stories, quotes and events; most reported first."""
        return queries.actors(db, limit, offset)

    @api.get("/actors/{actor}")
    def actor(actor: str, db: Db) -> models.ActorProfile:
        """One actor (id, name or alias): profile, quotes, events, positions per issue."""
        return queries.actor(db, actor)

    @api.get("/timeline")
    def timeline(db: Db, actor: Actor = None, type: EventType = None, issue: Issue = None,
                 start: Day = None, end: Day = None,
                 limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> models.Timeline:
        """Events, quotes and positions by day with counts per day; all filters optional."""
        return queries.timeline(db, Filters.parse(db, actor, type, issue, start, end), limit)

    @api.get("/network")
    def network(db: Db, start: Day = None, end: Day = None) -> models.Network:
        """Actors and the events between them, per PLOVER type and class."""
        return queries.network(db, Filters.parse(db, start=start, end=end))

    @api.get("/positions")
    def positions(db: Db) -> models.Positions:
        """Each actor's latest stance per issue."""
        return queries.positions(db)

    @api.get("/positions/{actor}/{issue}")
    def stance_history(actor: str, issue: str, db: Db) -> list[models.StanceRecord]:
        """Every stance an actor took on an issue, oldest first."""
        return _stance_history(db, actor, issue)

    @api.get("/proposals")
    def proposals(db: Db) -> list[models.ProposalAnswer]:
        """Each party's response to each proposal."""
        return queries.proposals(db)

    @api.get("/search")
    def search(db: Db, q: Annotated[str, Query(min_length=1, description="Words to find")],
               target: Target = "articles",
               limit: Annotated[int, Query(ge=1, le=200)] = 20
               ) -> list[models.ArticleHit] | list[models.QuoteHit]:
        """Full-text search (BM25) over articles or quotes."""
        return queries.search(db, q, target, limit)

    return api


def _stance_history(db: Reader, actor: str, issue: str) -> list[dict]:
    actor_id = queries.find_actor(db, actor)
    history = queries.stance_history(db, actor_id, issue)
    if not history:
        raise NotFound(f"no position of {actor!r} on {issue!r} in this corpus")
    return history


# ---- pages ---------------------------------------------------------------------------------

def _page(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    return _templates.TemplateResponse(request, name, context, status_code=status_code)


def _add_pages(app: FastAPI) -> None:
    html = {"response_class": HTMLResponse, "include_in_schema": False}

    @app.get("/", **html)
    def home(request: Request, db: Db, page: Annotated[int, Query(ge=1, le=MOST)] = 1):
        per_page = 50
        return _page(request, "home.html", overview=queries.overview(db),
                     articles=queries.articles(db, per_page, (page - 1) * per_page),
                     page=page, per_page=per_page, actors=queries.actors(db, 12))

    @app.get("/articles/{key}", **html)
    def article(request: Request, key: str, db: Db):
        story = queries.article(db, key)
        marked = highlight.marked_records(story)
        return _page(request, "article.html", story=story, marked=marked,
                     segments=highlight.segments(story.text, marked),
                     types=highlight.TYPES)

    @app.get("/actors", **html)
    def actors(request: Request, db: Db, page: Annotated[int, Query(ge=1, le=MOST)] = 1):
        per_page = 200
        return _page(request, "actors.html", page=page, per_page=per_page,
                     actors=queries.actors(db, per_page, (page - 1) * per_page))

    @app.get("/actors/{actor}", **html)
    def actor(request: Request, actor: str, db: Db):
        return _page(request, "actor.html", actor=queries.actor(db, actor))

    @app.get("/timeline", **html)
    def timeline(request: Request, db: Db, actor: str | None = None, type: str | None = None,
                 issue: str | None = None, start: str | None = None, end: str | None = None):
        filters = Filters.parse(db, actor, type, issue, start, end)
        found = queries.timeline(db, filters)
        return _page(request, "timeline.html", filters=filters, found=found,
                     chart=charts.day_chart(found["counts"], queries.TIMELINE_KINDS),
                     kinds=queries.TIMELINE_KINDS, actor_text=actor or "",
                     event_types=queries.EVENT_TYPES, issues=queries.issues(db),
                     actors=queries.actors(db, 500))

    @app.get("/network", **html)
    def network(request: Request, db: Db, start: str | None = None, end: str | None = None):
        filters = Filters.parse(db, start=start, end=end)
        found = queries.network(db, filters)
        return _page(request, "network.html", filters=filters, found=found,
                     layout=charts.network_layout(found["nodes"], found["edges"]))

    @app.get("/positions", **html)
    def positions(request: Request, db: Db):
        matrix = queries.positions(db)
        cells = {(c["actor"], c["issue"]): c for c in matrix["cells"]}
        return _page(request, "positions.html", matrix=matrix, cells=cells,
                     proposals=queries.proposals(db))

    @app.get("/positions/{actor}/{issue}", **html)
    def stance_history(request: Request, actor: str, issue: str, db: Db):
        history = _stance_history(db, actor, issue)
        actor_id = queries.find_actor(db, actor)
        return _page(request, "history.html", actor_id=actor_id,
                     actor_name=queries.actor_name(db, actor_id), issue=issue, history=history)

    @app.get("/search", **html)
    def search(request: Request, db: Db, q: str = "", target: Target = "articles"):
        hits = queries.search(db, q, target, 50) if q.strip() else []
        return _page(request, "search.html", q=q, target=target, hits=hits,
                     coverage=queries.index_coverage(db))


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
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}"
                             for e in error.errors())
        return answer(request, 422, problems)
