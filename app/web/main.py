"""The web application: ``uvicorn app.web.main:create_app --factory``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import config
from app.db.engine import make_engine, session_factory
from app.web import api, pages
from app.web.deps import NotFound, Redirect
from app.web.filters import BadParams
from app.web.render import render

log = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Pure ASGI middleware (streams pass straight through) adding the headers above."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".csv")


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
        messages = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}" for e in errors]
        return _error(request, 422, "Those parameters cannot be used", messages)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return _error(request, 404, "Not found", [f"Nothing lives at {request.url.path}."])
        return _error(request, exc.status_code, "Something went wrong", [str(exc.detail)])

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        return _error(request, 500, "Something went wrong", ["The server could not show this page."])


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


def create_app(database_url: str | None = None) -> FastAPI:
    """The app against ``database_url`` (default ``config.database_url()``), read-only."""
    url = database_url or config.database_url()
    engine = make_engine(url, read_only=True)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
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
    _warm_caches(app)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=config.STATIC_DIR), name="static")
    app.include_router(api.csv_router)
    app.include_router(api.router)
    app.include_router(pages.router)
    _install_error_handlers(app)
    return app
