"""Typed dependencies for the routes: the session, and each list's parsed filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Coroutine
from typing import Annotated, Any, Literal, Protocol, Self, TypeVar
from urllib.parse import parse_qsl

from fastapi import Depends, Path, Query, Request
from pydantic import StringConstraints
from sqlalchemy.orm import Session

from app.web import urls
from app.web.filters import (
    MAX_PAGE,
    MAX_Q,
    MAX_SPEAKERS,
    BadParams,
    EventFilters,
    SearchParams,
    StatementFilters,
    shown,
)


class NotFound(Exception):
    """The page names something that is not there (an unknown slug, id or code)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class Redirect(Exception):
    """Send the client to the canonical URL of the same state."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


SESSIONS_KEY = "summitry.sessions"  # the sessions opened for a request, closed by main.Frame


async def get_session(request: Request) -> Session:
    """A session per request, opened on the event loop (no thread hop of its own: the connection is
    checked out lazily, in the route's worker thread, by its first query) and closed by
    ``main.Frame`` when the response is done.

    (A dependency with ``yield`` would close it too, but FastAPI runs each of those through an
    asynccontextmanager, a shielded cancel scope and an exit stack: a tenth of a millisecond per
    request, as much as the SQL of a small page.)"""
    sessions: list[Session] | None = request.scope.get(SESSIONS_KEY)
    if sessions is None:
        raise RuntimeError("get_session needs the Frame middleware (create_app installs it)")
    session: Session = request.app.state.sessionmaker()
    sessions.append(session)
    return session


SessionDep = Annotated[Session, Depends(get_session)]


class _Parsable(Protocol):
    @classmethod
    def parse(cls, items: list[tuple[str, str]]) -> Self: ...
    def to_params(self) -> list[tuple[str, str]]: ...


F = TypeVar("F", bound=_Parsable)


def _filters(cls: type[F], *, canonical: bool) -> Callable[[Request], Coroutine[Any, Any, F]]:
    async def dep(request: Request) -> F:  # pure parsing: on the event loop, not in a worker thread
        items = request.query_params.multi_items()
        filters = cls.parse(items)
        if canonical and parse_qsl(request.url.query, keep_blank_values=True) != filters.to_params():
            raise Redirect(urls.with_query(request.url.path, filters.to_params()))
        return filters

    return dep


StatementFiltersDep = Annotated[StatementFilters, Depends(_filters(StatementFilters, canonical=True))]
EventFiltersDep = Annotated[EventFilters, Depends(_filters(EventFilters, canonical=True))]
SearchParamsDep = Annotated[SearchParams, Depends(_filters(SearchParams, canonical=True))]


# --------------------------------------------------------------------------- the JSON API and the CSV export
# The API and the export accept the same parameters as the pages but never redirect. Their parameters
# are declared below so FastAPI validates the types and bounds and the OpenAPI schema (which the fuzz
# tests generate requests from) tells the truth; the ``Filters`` parser then runs on the raw query
# string as the pages' does (repeated values, date ranges back to front). A parameter the list does
# not know is an error here, where a page would drop it by redirecting to its canonical URL.

MAX_ID = 2**31 - 1  # ids are INTEGER columns: int4 on PostgreSQL

SLUG_PATTERN = r"^\w[\w.\-]{0,199}$"
CODE_PATTERN = r"^[A-Za-z]{2,3}$"
CURSOR_PATTERN = r"^(\d{4}-\d{2}-\d{2})?,\d{1,12}$"

SlugItem = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
DocumentId = Annotated[int, Path(ge=1, le=MAX_ID, description="The document's number")]
StatementId = Annotated[int, Path(ge=1, le=MAX_ID, description="The statement's number")]
SlugPath = Annotated[str, Path(max_length=200, description="The short name in the page's URL")]
CodePath = Annotated[str, Path(max_length=3, description="ISO 3166 alpha-2 code, e.g. fr")]

PageQuery = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number (1 is the first)")]
CountryQuery = Annotated[str | None, Query(pattern=CODE_PATTERN, description="ISO 3166 alpha-2 code, e.g. fr")]
EventKind = Literal["summit", "meeting", "talks", "call", "visit", "conference", "other"]
Sort = Literal["-date", "date"]


def _only_known(request: Request, known: tuple[str, ...]) -> list[tuple[str, str]]:
    items = request.query_params.multi_items()
    unknown = sorted({k for k, _ in items if k not in known})
    if unknown:
        raise BadParams(
            [f"“{shown(k)}” is not a parameter of {request.url.path}; it takes {', '.join(known)}." for k in unknown]
        )
    return items


def api_statement_filters(
    request: Request,
    speaker: Annotated[
        list[SlugItem] | None,
        Query(max_length=MAX_SPEAKERS, description="A speaker's short name (repeat for several)"),
    ] = None,
    event: Annotated[str | None, Query(pattern=SLUG_PATTERN, description="An event's short name")] = None,
    country: CountryQuery = None,
    date_from: Annotated[dt.date | None, Query(alias="from", description="Said on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="Said on or before (YYYY-MM-DD)")] = None,
    type: Annotated[Literal["direct", "reported"] | None, Query(description="Direct quotes or reported speech")] = None,
    q: Annotated[str | None, Query(max_length=MAX_Q, description="Words the statement contains")] = None,
    sort: Annotated[Sort, Query(description="Newest first (-date) or oldest first (date)")] = "-date",
    after: Annotated[str | None, Query(pattern=CURSOR_PATTERN, description="Keyset cursor DATE,ID")] = None,
    before: Annotated[str | None, Query(pattern=CURSOR_PATTERN, description="Keyset cursor DATE,ID")] = None,
    page: PageQuery = 1,
) -> StatementFilters:
    return StatementFilters.parse(_only_known(request, StatementFilters.PARAMS))


def api_event_filters(
    request: Request,
    kind: Annotated[EventKind | None, Query(description="The kind of event")] = None,
    country: CountryQuery = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="The year it began")] = None,
    month: Annotated[int | None, Query(ge=1, le=12, description="The month it began (1-12; needs a year)")] = None,
    participant: Annotated[str | None, Query(pattern=SLUG_PATTERN, description="A participant's short name")] = None,
    sort: Annotated[Sort, Query(description="Newest first (-date) or oldest first (date)")] = "-date",
    page: PageQuery = 1,
) -> EventFilters:
    return EventFilters.parse(_only_known(request, EventFilters.PARAMS))


def api_search_params(
    request: Request,
    q: Annotated[
        str | None, Query(max_length=MAX_Q, description='Words, "a phrase", prefix*, OR between terms')
    ] = None,
    page: PageQuery = 1,
) -> SearchParams:
    return SearchParams.parse(_only_known(request, SearchParams.PARAMS))


ApiStatementFiltersDep = Annotated[StatementFilters, Depends(api_statement_filters)]
ApiEventFiltersDep = Annotated[EventFilters, Depends(api_event_filters)]
ApiSearchParamsDep = Annotated[SearchParams, Depends(api_search_params)]
