"""The ``.json`` and ``.csv`` twins of the HTML lists, with exactly the page's filters.

``/events.json`` and ``/events.csv`` mirror ``/events``; ``/statements.json`` mirrors
``/statements`` page for page (the same keyset cursors); ``/search.json`` and ``/search.csv``
mirror ``/search``. ``/statements.csv`` lives with the API (``app/web/api.py``). The CSVs hold
every matching row (all pages), streamed, each cell through ``csv_safe``; the JSON twins hold the
page the HTML shows, with links to the neighbouring pages of the same twin.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from markupsafe import Markup

from app.web import queries as q
from app.web import urls
from app.web.api import jsonable
from app.web.csv_export import csv_lines
from app.web.deps import ApiEventFiltersDep, ApiSearchParamsDep, ApiStatementFiltersDep, SessionDep
from app.web.filters import EventFilters, SearchParams

router = APIRouter(tags=["export"])

SEARCH_CSV_LIMIT = 1000

EVENT_COLUMNS = [
    "id",
    "slug",
    "name",
    "kind",
    "start_date",
    "end_date",
    "date_precision",
    "venue",
    "city",
    "country_code",
    "country",
    "sources",
    "statements",
    "participants",
    "url",
]
SEARCH_COLUMNS = ["kind", "title", "snippet", "url", "document_id", "outlet", "published"]


def _csv(name: str, header: list[str], rows: Iterator[list[Any]]) -> StreamingResponse:
    return StreamingResponse(
        csv_lines(header, rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/events.json", summary="The /events list as JSON: the same filters, the same page")
def events_json(request: Request, session: SessionDep, filters: ApiEventFiltersDep) -> JSONResponse:
    page = q.list_events(session, filters=filters)
    return JSONResponse(
        {
            "total": page.total,
            "page": page.page,
            "pages": page.pages,
            "per_page": page.per_page,
            "next": urls.events_export(filters.with_page(page.page + 1), "json") if page.has_next else None,
            "previous": urls.events_export(filters.with_page(page.page - 1), "json") if page.has_prev else None,
            "html": urls.events(filters),
            "items": jsonable(page.items),
        }
    )


def _event_rows(request: Request, filters: EventFilters) -> Iterator[list[Any]]:
    base = _base(request)
    with request.app.state.sessionmaker() as session:
        for e in q.iter_events(session, filters=filters):
            yield [
                e.id,
                e.slug,
                e.name,
                e.kind,
                e.start_date.isoformat() if e.start_date else "",
                e.end_date.isoformat() if e.end_date else "",
                e.date_precision,
                e.venue or "",
                e.city or "",
                e.country_code or "",
                e.country_name or "",
                e.n_sources,
                e.n_statements,
                e.n_participants,
                base + e.url,
            ]


@router.get("/events.csv", summary="Every event matching the /events filters, as CSV (streamed)")
def events_csv(request: Request, filters: ApiEventFiltersDep) -> StreamingResponse:
    return _csv("events", EVENT_COLUMNS, _event_rows(request, filters.with_page(1)))


@router.get("/statements.json", summary="The /statements list as JSON: the same filters and cursors, the same page")
def statements_json(session: SessionDep, filters: ApiStatementFiltersDep) -> JSONResponse:
    page = q.statements_page(session, filters=filters)
    return JSONResponse(
        {
            "total": min(page.total, q.COUNT_CAP),
            "total_capped": page.capped,  # counting stopped at COUNT_CAP (the page says "more than")
            "per_page": page.per_page,
            "next": urls.statements_cursor(filters, after=page.next_cursor, fmt="json") if page.next_cursor else None,
            "previous": (
                urls.statements_cursor(filters, before=page.prev_cursor, fmt="json") if page.prev_cursor else None
            ),
            "html": urls.statements(filters),
            "items": jsonable(page.items),
        }
    )


@router.get("/search.json", summary="The /search results as JSON: hits, and the people and bodies named")
def search_json(session: SessionDep, params: ApiSearchParamsDep) -> JSONResponse:
    results = q.search(session, params=params)
    hits = results.hits
    return JSONResponse(
        {
            "q": results.q,
            "error": results.error,
            "total": hits.total,
            "total_capped": results.capped,  # more matches than counted: total is the cap
            "page": hits.page,
            "pages": hits.pages,
            "next": urls.search_export(params.with_page(hits.page + 1), "json") if hits.has_next else None,
            "previous": urls.search_export(params.with_page(hits.page - 1), "json") if hits.has_prev else None,
            "html": urls.search(params.q, params.page),
            "actors": jsonable([{"actor": a.actor, "name": a.name, "alias": a.alias} for a in results.actors]),
            "items": jsonable(hits.items),
        },
        status_code=400 if results.error else 200,
    )


def _plain(snippet: Markup) -> str:
    return snippet.striptags()


def _search_rows(request: Request, params: SearchParams) -> Iterator[list[Any]]:
    base = _base(request)
    with request.app.state.sessionmaker() as session:
        results = q.search(session, params=params.with_page(1), per_page=SEARCH_CSV_LIMIT)
        for a in results.actors:
            yield [a.actor.kind, a.actor.name, a.alias.striptags() if a.alias else "", base + a.actor.url, "", "", ""]
        for h in results.hits.items:
            doc = h.document
            yield [
                h.kind,
                h.title,
                _plain(h.snippet),
                base + h.url,
                doc.id if doc else "",
                (doc.outlet or "") if doc else "",
                doc.published.isoformat() if doc and doc.published else "",
            ]


@router.get("/search.csv", summary="Search results as CSV: the people and bodies named, then the first 1000 hits")
def search_csv(request: Request, params: ApiSearchParamsDep) -> StreamingResponse:
    return _csv("search", SEARCH_COLUMNS, _search_rows(request, params))
