"""`dateline serve`: a read-only REST API (FastAPI, OpenAPI at /docs) and the web page.

Routes are thin: they check their parameters and call one function of `queries`. The
store is attached read-only to an in-memory read side (`queries.open_read_side`); each
request gets its own cursor on it, so requests run in parallel threads without sharing a
DuckDB connection. Every response carries a strict
Content-Security-Policy (scripts only from this server, no inline scripts), and every
error is JSON: {"error": message, "status": code}.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import __version__, queries
from .queries import EVENT_SORTS, EVENT_TYPES, MAX_PAGE, MODALITIES, EventFilter
from .store import Store

log = logging.getLogger(__name__)

WEB = Path(str(resources.files("dateline") / "web"))
MAX_QUERY_STRING = 2048
MAX_TEXT = 200
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI sets inline styles; its scripts are still only ours.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
COUNTRY = r"^[A-Za-z]{3}$"


class Guard:
    """ASGI middleware: refuses overlong query strings and adds the security headers.

    Plain ASGI rather than BaseHTTPMiddleware, which would add a task per request under load.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > MAX_QUERY_STRING:
            response = error(414, f"query string longer than {MAX_QUERY_STRING} characters")
            await response(scope, receive, self._secured(send, scope))
            return
        await self.app(scope, receive, self._secured(send, scope))

    @staticmethod
    def _secured(send: Send, scope: Scope) -> Send:
        policy = DOCS_CSP if scope.get("path") == "/docs" else CSP

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"content-security-policy", policy.encode()))
                headers.extend(HEADERS)
                message = {**message, "headers": headers}
            await send(message)

        return wrapped


def error(status: int, message: str, details: list[Any] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": message, "status": status}
    if details:
        body["details"] = details
    return JSONResponse(body, status_code=status)


def _validation_message(exc: RequestValidationError) -> tuple[str, list[Any]]:
    details = []
    parts = []
    for e in exc.errors():
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path"))
        parts.append(f"{where}: {e.get('msg')}")
        details.append({"param": where, "message": e.get("msg")})
    return "invalid request: " + "; ".join(parts), details


def create_app(db: str | Path, *, refresh: float = 5.0) -> FastAPI:
    """The API and page over the store at `db`, read from an in-memory copy.

    The server never holds the store's file lock, so `dateline ingest` can write while it
    serves; every `refresh` seconds (0: never) the copy is rebuilt if the file changed
    and no writer holds it at that moment (queries.ReadSide)."""
    Store(db, read_only=True).close()  # a clear StoreError when it is missing or not a store
    read = queries.ReadSide(str(db))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(_refreshing(read, refresh)) if refresh > 0 else None
        yield
        if task is not None:
            task.cancel()
        read.close()

    app = FastAPI(
        title="dateline",
        version=__version__,
        description="Read-only access to a dateline store: events, actors, articles and their evidence.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    # The Swagger UI we can ship offline (swagger-ui-bundle: 4.15) reads OpenAPI 3.0
    # documents only; FastAPI's schema is valid 3.0 in all but this label.
    app.openapi_version = "3.0.3"
    app.state.read = read

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        message, details = _validation_message(exc)
        return error(422, message, details)

    @app.exception_handler(Exception)
    async def crashed(_: Request, exc: Exception) -> JSONResponse:
        log.exception("request failed")
        return error(500, f"internal error: {type(exc).__name__}")

    _routes(app)
    _pages(app)
    app.add_middleware(Guard)
    return app


def _cursor(request: Request) -> Iterator[Any]:
    copy = request.app.state.read.copy  # the copy this request reads, whatever swaps meanwhile
    request.state.copy = copy
    cur = copy.con.cursor()
    try:
        yield cur
    finally:
        cur.close()


Cur = Annotated[Any, Depends(_cursor)]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        raise HTTPException(422, "bbox must be four numbers: west,south,east,north") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(422, "bbox out of range: west,south,east,north in degrees, south <= north")
    return west, south, east, north


def event_filter(
    type: Annotated[list[str] | None, Query(description="PLOVER type; repeat for several")] = None,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT, description="part of an actor's name")] = None,
    recipient: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="part of a recipient's name")
    ] = None,
    country: Annotated[str | None, Query(pattern=COUNTRY, description="where: place's ISO alpha-3")] = None,
    actor_country: Annotated[
        str | None, Query(pattern=COUNTRY, description="who: an actor's or recipient's ISO alpha-3")
    ] = None,
    since: Annotated[str | None, Query(pattern=DATE, description="on or after (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="on or before (YYYY[-MM[-DD]])")] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="west,south,east,north")] = None,
    modality: Annotated[str | None, Query(description="|".join(MODALITIES))] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
) -> EventFilter:
    types = tuple(t.upper() for t in (type or []) if t)
    unknown = [t for t in types if t not in EVENT_TYPES]
    if unknown:
        raise HTTPException(422, f"unknown event type {unknown[0]!r}; one of {', '.join(EVENT_TYPES)}")
    if modality and modality not in MODALITIES:
        raise HTTPException(422, f"unknown modality {modality!r}; one of {', '.join(MODALITIES)}")
    if len(types) > len(EVENT_TYPES):
        raise HTTPException(422, "too many types")
    return EventFilter(
        types=types,
        actor=actor or None,
        recipient=recipient or None,
        country=country,
        actor_country=actor_country,
        since=since,
        until=until,
        bbox=_bbox(bbox),
        modality=modality or None,
        quad_class=quad_class,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


def _routes(app: FastAPI) -> None:
    @app.get("/api/stats", tags=["summary"])
    def stats(request: Request, cur: Cur) -> dict[str, Any]:
        """Counts and the spread of events over types, classes, modalities, actors and countries."""
        # Computed once per copy of the store, with the cursor of that same copy.
        memo = request.state.copy.memo
        if "stats" not in memo:
            memo["stats"] = queries.stats(cur)
        return memo["stats"]

    @app.get("/api/search", tags=["articles"])
    def search(
        cur: Cur,
        q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT, description='words or "a phrase"')],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Full-text search over titles and bodies: every term must occur; title hits rank first."""
        return queries.search(cur, q, limit=limit, offset=offset)

    @app.get("/api/events", tags=["events"])
    def events(
        cur: Cur,
        f: Filter,
        sort: Annotated[
            str, Query(pattern="^(" + "|".join(re.escape(s) for s in EVENT_SORTS) + ")$")
        ] = "-day",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Merged events matching every filter given, one page, with the total and each event's evidence."""
        return queries.events(cur, f, sort=sort, limit=limit, offset=offset)

    @app.get("/api/timeline", tags=["events"])
    def timeline(cur: Cur, f: Filter) -> dict[str, Any]:
        """Events per day (per month over long spans) by quad class, for the same filters."""
        return queries.timeline(cur, f)

    @app.get("/api/graph", tags=["events"])
    def graph(cur: Cur, f: Filter, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 150) -> dict[str, Any]:
        """Actors linked by shared events (edge weight: number of events), for the same filters."""
        return queries.graph(cur, f, limit=limit)

    @app.get("/api/places", tags=["events"])
    def places(
        cur: Cur, f: Filter, limit: Annotated[int, Query(ge=1, le=2000)] = 500
    ) -> list[dict[str, Any]]:
        """Places of the filtered events with their event counts, for the map."""
        return queries.places(cur, f, limit=limit)

    @app.get("/api/actors", tags=["actors"])
    def actors(cur: Cur, q: Text = None, type: Text = None, limit: Limit = 50) -> list[dict[str, Any]]:
        """Entities by name, one row per name and type, most reported first."""
        return queries.actors(cur, q=q, type=type, limit=limit)

    @app.get("/api/actors/{name:path}", tags=["actors"])
    def actor(
        cur: Cur,
        name: str,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    ) -> dict[str, Any]:
        """An actor's profile: its events over time, co-actors, quotes by it and about it."""
        if len(name) > MAX_TEXT:
            raise HTTPException(422, f"name longer than {MAX_TEXT} characters")
        profile = queries.actor_profile(cur, name, limit=limit)
        if profile is None:
            raise HTTPException(404, f"no actor named {name!r}")
        return profile

    @app.get("/api/articles/{doc_id}", tags=["articles"])
    def article(cur: Cur, doc_id: str) -> dict[str, Any]:
        """One article as a dateline/1 document, every annotation with its offsets into article.text."""
        if not re.fullmatch(r"[0-9A-Za-z_-]{6,128}", doc_id):
            raise HTTPException(422, "an article id is 6 to 128 letters, digits, '-' or '_'")
        found = queries.article(cur, doc_id)
        if found is None:
            raise HTTPException(404, f"no single article with id {doc_id!r}")
        return found


def _pages(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(WEB / "docs.html", media_type="text/html; charset=utf-8")

    # StaticFiles resolves each path and refuses any that leaves its directory.
    app.mount("/static", StaticFiles(directory=WEB), name="static")
    try:
        from swagger_ui_bundle import swagger_ui_path

        app.mount("/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")
    except ImportError:  # the page and the API work without it; only /docs needs it
        log.warning("swagger-ui-bundle is not installed; /docs will not render")


async def _refreshing(read: queries.ReadSide, every: float) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            if await asyncio.to_thread(read.refresh):
                log.info("store changed: serving its new state (copy %d)", read.generation)
        except Exception:  # a failed refresh keeps the old copy; the next one may succeed
            log.exception("refreshing the read copy failed")


def run(db: str | Path, host: str, port: int, refresh: float = 5.0) -> None:
    """Serve until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db, refresh=refresh), host=host, port=port, log_level="info")
