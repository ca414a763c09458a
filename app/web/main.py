"""The web application: ``uvicorn app.web.main:create_app --factory``."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import unquote_to_bytes

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import config
from app.db.engine import make_engine, session_factory
from app.web import api, exports, pages
from app.web.api import ErrorBody
from app.web.deps import SESSIONS_KEY, NotFound, Redirect
from app.web.filters import CONTROL_RE, BadParams, shown
from app.web.page_cache import PageCache, cacheable, request_key
from app.web.page_cache import State as CacheState
from app.web.render import render

log = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
MAX_QUERY = 64 * 1024  # characters of query string a request may carry


class Frame:
    """The one pure ASGI middleware (streams pass straight through) around every HTTP request:

    * the headers above on every response;
    * ``HEAD`` on any ``GET`` route: the route runs as ``GET`` and the client gets its headers only
      (FastAPI's routes answer only the methods they declare, so without this HEAD would be a 405);
    * a 400 page, saying why, for an address no route could read safely (``request_problems``);
    * the sessions ``deps.get_session`` opened for the request closed once the response is done (or
      failed): SQLite's close (a local rollback) on the event loop, a PostgreSQL session's (a network
      round trip) in a worker thread;
    * the last resort for an unhandled exception: it logs the traceback and answers with a plain 500
      page (or JSON) that shows none of it. Starlette's own last resort sits outside every middleware,
      so its answer would miss the headers;
    * with a ``PageCache`` (``SUMMITRY_PAGE_CACHE_MB`` > 0), ``GET`` and ``HEAD`` answered from it when
      the same request was answered under the current data generation, and complete 200s kept in it
      (with an ``ETag``; a matching ``If-None-Match`` gets a 304). The response's start is held until
      its first body message, so the ETag can go in its headers; a stream passes straight through.

    One layer rather than five: each layer is another coroutine and ``send`` wrapper per request.
    """

    def __init__(self, app: ASGIApp, cache: PageCache | None = None) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        head = method == "HEAD"
        started = False
        body_sent = False
        cache = self.cache
        state: CacheState | None = None  # set: this response may be kept (under this state)
        key: tuple[object, ...] = ()
        if_none_match: bytes | None = None
        if cache is not None and (head or method == "GET"):
            key, if_none_match = request_key(scope)
            state = await cache.state()
            if state is not None:
                # Only a 200 is kept, so an entry's request passed ``request_problems`` (which reads
                # the raw path and query, both in the key): the same request would pass again.
                entry = cache.get(key)
                if entry is not None:
                    await entry.send(send, head=head, if_none_match=if_none_match)
                    return
        pending: Message | None = None  # a response start held back until its body shows up

        async def send_framed(message: Message) -> None:
            nonlocal started, body_sent, pending
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = headers
                if state is not None:
                    pending = message
                    return
                started = True
            elif message["type"] == "http.response.body":
                if pending is not None:
                    start, pending = pending, None
                    started = True
                    status, headers, body = start["status"], start["headers"], message.get("body", b"")
                    complete = not message.get("more_body")
                    if cache is not None and state is not None and complete and cacheable(status, headers, body):
                        entry = cache.store(key, state, status, headers, bytes(body))
                        await entry.send(send, head=head, if_none_match=if_none_match)
                        body_sent = True
                        return
                    await send(start)
                if head:
                    if body_sent:
                        return
                    body_sent = True
                    message = {"type": "http.response.body", "body": b"", "more_body": False}
            elif pending is not None:  # another kind of body (an ASGI extension): the start goes first
                start, pending = pending, None
                started = True
                await send(start)
            await send(message)

        if head:
            scope = {**scope, "method": "GET"}
        sessions: list[Session] = []
        scope[SESSIONS_KEY] = sessions
        try:
            if problems := request_problems(scope):
                await _error(Request(scope), 400, "That address cannot be used", problems)(scope, receive, send_framed)
            else:
                await self.app(scope, receive, send_framed)
            if pending is not None:  # a start and no body (the ASGI server ends the response)
                started = True
                await send(pending)
        except Exception:
            log.exception("unhandled error on %s %s", method, scope.get("path"))
            if started:  # the status line has gone: all that can be done is to end the response
                return
            await _close(sessions)
            await _server_error(Request(scope))(scope, receive, send_framed)
        finally:
            await _close(sessions)


async def _close(sessions: list[Session]) -> None:
    while sessions:
        session = sessions.pop()
        if session.get_bind().dialect.name == "sqlite":
            session.close()
        else:
            await run_in_threadpool(session.close)


def _server_error(request: Request) -> Response:
    try:
        return _error(request, 500, "Something went wrong", ["The server could not show this page."])
    except Exception:  # the templates themselves failing
        log.exception("could not render the error page")
        return PlainTextResponse("Something went wrong: the server could not show this page.", status_code=500)


def request_problems(scope: Scope) -> list[str]:
    """What is wrong with a request's address before any route reads it: bytes that are not UTF-8,
    control characters (a NUL byte cannot even be sent to PostgreSQL), a query string too long."""
    problems: list[str] = []
    raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
    try:
        unquote_to_bytes(raw_path.split(b"?", 1)[0]).decode("utf-8")
    except UnicodeDecodeError:
        problems.append("The address is not valid UTF-8: it has a %-escape (such as %FF) that is not UTF-8 text.")
    if CONTROL_RE.search(scope["path"]):
        problems.append("The address contains a control character (such as %00, a NUL byte).")
    query: bytes = scope.get("query_string", b"")
    longest = ("", 0)
    for part in query.split(b"&"):
        if not part:
            continue
        raw_key, _, raw_value = part.partition(b"=")
        key = unquote_to_bytes(raw_key.replace(b"+", b" ")).decode("utf-8", "replace")
        try:
            value = unquote_to_bytes(raw_value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"“{shown(key)}” is not valid UTF-8 text: it has a %-escape (such as %FF) that is not.")
            continue
        if CONTROL_RE.search(key) or CONTROL_RE.search(value):
            problems.append(f"“{shown(key)}” contains a control character (such as %00, a NUL byte).")
        if len(raw_value) > longest[1]:
            longest = (key, len(raw_value))
    if len(query) > MAX_QUERY:
        problems.append(
            f"The query string is too long ({len(query)} characters; at most {MAX_QUERY}); "
            f"“{shown(longest[0])}” alone has {longest[1]}."
        )
    return list(dict.fromkeys(problems))


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith((".csv", ".json"))


def _error(request: Request, status: int, title: str, messages: list[str]) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": title, "detail": messages}, status_code=status)
    return render(request, "error.html", {"status": status, "title": title, "messages": messages}, status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BadParams)
    async def bad_params(request: Request, exc: BadParams) -> Response:
        return _error(request, 400, "Those filters cannot be used", exc.errors)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, "Not found", [exc.what])

    @app.exception_handler(Redirect)
    async def redirect(request: Request, exc: Redirect) -> Response:
        return RedirectResponse(exc.url, status_code=302, headers={"Vary": "HX-Request, HX-Request-Type"})

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors: list[Any] = list(exc.errors())
        if any(e.get("loc", ("",))[0] == "path" for e in errors):
            return _error(request, 404, "Not found", [f"Nothing lives at {request.url.path}."])
        messages = [_validation_message(e) for e in errors]
        status = 400 if all(e.get("loc", ("",))[0] == "query" for e in errors) else 422
        return _error(request, status, "Those parameters cannot be used", list(dict.fromkeys(messages)))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return _error(request, 404, "Not found", [f"Nothing lives at {request.url.path}."])
        return _error(request, exc.status_code, "Something went wrong", [str(exc.detail)])


def _validation_message(error: dict[str, Any]) -> str:
    """``“page”: Input should be less than or equal to 10000, not “99999”.`` from one pydantic error."""
    loc = [str(p) for p in error.get("loc", ())[1:] if not isinstance(p, int)]
    field = ".".join(loc) or "the request"
    message = str(error.get("msg", "invalid")).rstrip(".")
    value = error.get("input")
    if isinstance(value, str | int | float):
        return f"“{field}”: {message}, not “{shown(str(value))}”."
    return f"“{field}”: {message}."


def _warm_caches(app: FastAPI) -> None:
    """Build the filter facets once now, so no request pays for the whole-table counts."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.web import queries

    try:
        with app.state.sessionmaker() as session:
            queries.statement_options(session)
            queries.event_options(session)
    except SQLAlchemyError as exc:  # a database not migrated yet: the pages will say so
        log.warning("could not read the database at startup: %s", exc)


ERROR_RESPONSES = {
    "400": "A parameter was wrong; ``detail`` says which and why",
    "404": "Nothing has that id, slug or code",
}


def _openapi_errors_as_served(app: FastAPI) -> None:
    """The schema documents the errors as this app serves them: every operation may answer 400 (a bad
    parameter; FastAPI's 422 is turned into a 400 by ``invalid``) or 404, with an ``ErrorBody``."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = FastAPI.openapi(app)
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.pop("HTTPValidationError", None)
            components.pop("ValidationError", None)
            components["ErrorBody"] = ErrorBody.model_json_schema()
            error_content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    responses = operation.setdefault("responses", {})
                    responses.pop("422", None)
                    for status, description in ERROR_RESPONSES.items():
                        responses.setdefault(status, {"description": description, "content": error_content})
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


# Concurrent sync route calls (and so DB connections in use) per process. On SQLite a request is
# CPU-bound Python around local reads that release the GIL for microseconds at a time, and every
# release is a GIL hand-off between the threads that want it (the event loop's among them): fewer
# threads, fewer hand-offs. Measured under wrk (bench/load.py's 10,000-event database, uvicorn with
# uvloop and httptools, the same run for each pair): 4 threads 5.9 ms of CPU per event page, 2 threads
# 4.8 ms, 1 thread 4.4 ms; and with one thread against two, req/s on the event page +10% at 8
# connections and +45% at 64 (two threads lose throughput as connections grow, one gains), on
# statements-by-speaker +10-40%, on search +3-10%. The price: a slow request (a text filter
# scanning statements) holds the others back until it is done; ``SUMMITRY_WEB_THREADS=2`` trades
# that throughput for a second lane. PostgreSQL requests wait on the network, with the GIL released,
# so more of them overlap usefully.
WORKER_THREADS = {"sqlite": 1, "postgresql": 4}
WORKER_THREADS_DEFAULT = 4


def worker_threads(dialect: str) -> int:
    """``SUMMITRY_WEB_THREADS`` if set, else the default for the database."""
    configured = os.environ.get("SUMMITRY_WEB_THREADS", "").strip()
    if configured:
        return max(1, int(configured))
    return WORKER_THREADS.get(dialect, WORKER_THREADS_DEFAULT)


def create_app(database_url: str | None = None) -> FastAPI:
    """The app against ``database_url`` (default ``config.database_url()``), read-only."""
    url = database_url or config.database_url()
    engine = make_engine(url, read_only=True)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Sync routes run in anyio's worker threads (40 by default). Under load 40 threads fight over
        # the GIL for CPU-bound rendering and each keeps an SQLite connection's page cache warm: a few
        # threads serve more requests per second (measured: 64 connections on the event page, 91 → 149
        # req/s, for 4 threads) in less memory; see WORKER_THREADS. Streamed exports take a thread per
        # chunk, not for the whole export.
        anyio.to_thread.current_default_thread_limiter().total_tokens = worker_threads(engine.dialect.name)
        yield
        engine.dispose()

    app = FastAPI(
        title="Summitry",
        summary="Diplomatic events, statements and agreements extracted from news articles.",
        docs_url=None,  # FastAPI's docs pages load assets from a CDN; /api lists the endpoints instead
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.sessionmaker = session_factory(engine)
    cache_bytes = config.page_cache_bytes()
    app.state.page_cache = PageCache(engine, cache_bytes, config.page_cache_recheck()) if cache_bytes > 0 else None
    _warm_caches(app)
    # The headers go on everything, HEAD works on every GET, bad bytes never reach a route, the
    # sessions a request opened are closed whatever happened, and pages are served again from the
    # page cache until the data change.
    app.add_middleware(Frame, cache=app.state.page_cache)
    app.mount("/static", StaticFiles(directory=config.STATIC_DIR), name="static")
    app.add_route("/events/{slug}", pages.event, methods=["GET"], include_in_schema=False)
    # The HTML pages first: each request is matched against the routes in order, and the pages are
    # what is browsed (no path of one router matches another's, so the order changes no answer; the
    # OpenAPI schema, which lists the JSON and CSV routes only, keeps its order).
    app.include_router(pages.router)
    app.include_router(api.csv_router)
    app.include_router(api.router)
    app.include_router(exports.router)
    _install_error_handlers(app)
    _openapi_errors_as_served(app)
    return app
