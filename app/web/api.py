"""JSON under ``/api/…`` mirroring the pages, and the streamed CSV export of statements."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from markupsafe import Markup
from pydantic import BaseModel

from app.web import queries as q
from app.web import urls
from app.web.csv_export import csv_lines
from app.web.deps import (
    ApiEventFiltersDep,
    ApiSearchParamsDep,
    ApiStatementFiltersDep,
    CodePath,
    DocumentId,
    NotFound,
    SessionDep,
    SlugPath,
    StatementId,
)
from app.web.filters import StatementFilters


class ErrorBody(BaseModel):
    """What every API error says: a title, and what was wrong (one line per parameter)."""

    error: str
    detail: list[str]


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter was wrong; ``detail`` says which and why"},
    404: {"model": ErrorBody, "description": "Nothing has that id, slug or code"},
}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
csv_router = APIRouter(tags=["export"], responses=ERRORS)


def jsonable(obj: Any) -> Any:
    """Dataclasses (with their ``url``), lists, dicts and dates as plain JSON values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        if isinstance(getattr(type(obj), "url", None), property):
            out["url"] = obj.url
        return out
    if isinstance(obj, Markup):
        return str(obj)
    if isinstance(obj, list | tuple):
        return [jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, dt.date | dt.datetime):
        return obj.isoformat()
    return obj


def _page(page: q.PageOf[Any], next_url: str | None, prev_url: str | None) -> dict[str, Any]:
    return {
        "total": page.total,
        "page": page.page,
        "pages": page.pages,
        "per_page": page.per_page,
        "next": next_url,
        "previous": prev_url,
        "items": jsonable(page.items),
    }


@router.get("/counts", summary="How many documents, events, statements, people, countries… there are")
def api_counts(session: SessionDep) -> JSONResponse:
    return JSONResponse(jsonable(q.counts(session)))


@router.get("/events", summary="Events: filter by kind, country, year, participant; sort; paginate")
def api_events(session: SessionDep, filters: ApiEventFiltersDep) -> JSONResponse:
    page = q.list_events(session, filters=filters)
    return JSONResponse(
        _page(
            page,
            urls.events_json(filters.with_page(page.page + 1)) if page.has_next else None,
            urls.events_json(filters.with_page(page.page - 1)) if page.has_prev else None,
        )
    )


@router.get("/events/{slug}", summary="One event with participants, statements, agreements and sources")
def api_event(session: SessionDep, slug: SlugPath) -> JSONResponse:
    detail = q.get_event(session, slug=slug)
    if detail is None:
        raise NotFound(f"There is no event at “{slug}”.")
    return JSONResponse(jsonable(detail))


@router.get("/statements", summary="Statements: the same filters as /statements")
def api_statements(session: SessionDep, filters: ApiStatementFiltersDep) -> JSONResponse:
    page = q.list_statements(session, filters=filters)
    return JSONResponse(
        _page(
            page,
            urls.statements_json(filters.with_page(page.page + 1)) if page.has_next else None,
            urls.statements_json(filters.with_page(page.page - 1)) if page.has_prev else None,
        )
    )


@router.get("/statements/{statement_id}", summary="One statement")
def api_statement(session: SessionDep, statement_id: StatementId) -> JSONResponse:
    row = q.get_statement(session, statement_id=statement_id)
    if row is None:
        raise NotFound(f"There is no statement number {statement_id}.")
    return JSONResponse(jsonable(row))


@router.get("/people/{slug}", summary="A person: events, statements, agreements, documents")
def api_person(session: SessionDep, slug: SlugPath) -> JSONResponse:
    detail = q.get_actor(session, slug=slug, kinds=["person"])
    if detail is None:
        raise NotFound(f"There is no person at “{slug}”.")
    return JSONResponse(jsonable(detail))


@router.get("/organisations/{slug}", summary="An organisation or group")
def api_organisation(session: SessionDep, slug: SlugPath) -> JSONResponse:
    detail = q.get_actor(session, slug=slug, kinds=["organisation", "group"])
    if detail is None:
        raise NotFound(f"There is no organisation at “{slug}”.")
    return JSONResponse(jsonable(detail))


@router.get("/countries/{code}", summary="A country by its ISO code")
def api_country(session: SessionDep, code: CodePath) -> JSONResponse:
    detail = q.get_country(session, code=code.lower()) if code.isalpha() and len(code) in (2, 3) else None
    if detail is None:
        raise NotFound(f"There is no country with the code “{code}”.")
    return JSONResponse(jsonable(detail))


@router.get("/documents/{doc_id}", summary="A document: its facts with their character spans")
def api_document(session: SessionDep, doc_id: DocumentId) -> JSONResponse:
    detail = q.get_document(session, doc_id=doc_id)
    if detail is None:
        raise NotFound(f"There is no document number {doc_id}.")
    data = jsonable(detail)
    data.pop("paragraphs", None)
    return JSONResponse(data)


@router.get("/search", summary="Full-text search over statements, events and documents")
def api_search(session: SessionDep, params: ApiSearchParamsDep) -> JSONResponse:
    results = q.search(session, params=params)
    status = 400 if results.error else 200
    body = {"q": results.q, "error": results.error, **_page(results.hits, None, None), "total_capped": results.capped}
    return JSONResponse(body, status_code=status)


CSV_COLUMNS = [
    "id",
    "date",
    "speaker",
    "speaker_slug",
    "speaker_kind",
    "speaker_country",
    "direct",
    "cue",
    "text",
    "event",
    "event_slug",
    "document_id",
    "document_title",
    "outlet",
    "published",
    "start",
    "end",
    "url",
]


def _csv_rows(request: Request, filters: StatementFilters) -> Iterator[list[Any]]:
    base = str(request.base_url).rstrip("/")
    with request.app.state.sessionmaker() as session:
        for s in q.iter_statements(session, filters=filters):
            yield [
                s.id,
                s.date.isoformat() if s.date else "",
                s.speaker.name,
                s.speaker.slug,
                s.speaker.kind,
                s.speaker.country_code or "",
                "direct" if s.direct else "reported",
                s.cue or "",
                s.text,
                s.event.name if s.event else "",
                s.event.slug if s.event else "",
                s.document.id,
                s.document.title,
                s.document.outlet or "",
                s.document.published.isoformat() if s.document.published else "",
                s.evidence.start,
                s.evidence.end,
                base + urls.statement(s.id),
            ]


class CSVResponse(StreamingResponse):
    media_type = "text/csv"


@csv_router.get(
    "/statements.csv",
    summary="Every statement matching the /statements filters, as CSV (streamed)",
    response_class=CSVResponse,
    responses={
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV, one row a statement"}
    },
)
def statements_csv(request: Request, filters: ApiStatementFiltersDep) -> CSVResponse:
    return CSVResponse(
        csv_lines(CSV_COLUMNS, _csv_rows(request, filters)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="statements.csv"'},
    )
