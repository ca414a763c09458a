"""HTML routes: thin. Parse (deps), query (queries), draw (charts), render (render)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import Connection
from sqlalchemy.orm import Session
from starlette.responses import Response

from app.web import charts, urls
from app.web import queries as q
from app.web.deps import (
    DocumentId,
    EventFiltersDep,
    NotFound,
    SearchParamsDep,
    SessionDep,
    StatementFiltersDep,
    StatementId,
)
from app.web.filters import BadParams, EventFilters
from app.web.render import render

router = APIRouter()  # the .json/.csv twins of these pages are ``exports.router`` (in the OpenAPI schema)


def page(path: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """An HTML route (kept out of the OpenAPI schema, which describes the JSON and CSV)."""
    return router.get(path, include_in_schema=False)


@dataclass(frozen=True, slots=True)
class Cite:
    """What a "cite this view" box shows: the canonical absolute URL, the access date, the view in words."""

    url: str
    accessed: dt.date
    description: str


def cite(request: Request, description: str) -> Cite:
    query = request.url.query
    path = request.url.path + (f"?{query}" if query else "")
    return Cite(urls.absolute(str(request.base_url), path), dt.date.today(), description)


def event_timeline(session: Session, filters: EventFilters, *, chart_id: str, title: str) -> charts.Chart | None:
    counts = q.event_timeline(session, filters=filters)
    if not counts:
        return None
    marks = charts.timeline(
        counts,
        month_href=lambda y, m: urls.events_in(filters, y, m),
        year_href=lambda y: urls.events_in(filters, y),
        by="month" if filters.year else "auto",
        current=(filters.year, filters.month) if filters.year else None,
    )
    return charts.timeline_chart(marks, chart_id=chart_id, title=title)


@page("/")
def home(request: Request, session: SessionDep) -> Response:
    return render(
        request,
        "home.html",
        {
            "counts": q.counts(session),
            "events": q.recent_events(session, limit=8),
            "timeline": event_timeline(session, EventFilters(), chart_id="home-timeline", title="Events over time"),
        },
    )


@page("/events")
def events(request: Request, session: SessionDep, filters: EventFiltersDep) -> Response:
    names = q.actor_names(session, slugs=[filters.participant] if filters.participant else [])
    if filters.participant and filters.participant not in names:
        raise BadParams([f"No person or body has the short name “{filters.participant}”."])
    options = q.event_options(session)
    description = filters.describe(actor_names=names, country_names={o.value: o.label for o in options.countries})
    return render(
        request,
        "events.html",
        {
            "filters": filters,
            "options": options,
            "page": q.list_events(session, filters=filters),
            "description": description,
            "timeline": event_timeline(session, filters, chart_id="events-timeline", title=f"{description} over time"),
            "cite": cite(request, description),
        },
    )


def event(request: Request) -> Response:
    """``/events/{slug}``, the most visited page, is a plain Starlette route (``main.create_app`` adds
    it ahead of the routers): its one parameter is the path's text, so FastAPI's dependency solving
    and route wrappers would add a fifth of a millisecond and check nothing. It reads on a plain
    ``Connection`` (every query of the page is a ``Prepared`` statement), opened and closed here in
    the worker thread: an ORM ``Session`` around it would cost another 50 µs and hold nothing."""
    slug: str = request.path_params["slug"]
    with request.app.state.engine.connect() as conn:
        return _event(request, conn, slug)


def _event(request: Request, conn: Connection, slug: str) -> Response:
    detail = q.get_event(conn, slug=slug)
    if detail is None:
        raise NotFound(f"There is no event at “{slug}”.")
    by_speaker = sorted(((g.speaker.name, len(g.statements)) for g in detail.speakers), key=lambda p: (-p[1], p[0]))
    chart = (
        charts.bar_chart(by_speaker, chart_id="speaker-chart", title=f"Statements by speaker at {detail.event.name}")
        if len(by_speaker) > 1
        else None
    )
    return render(
        request,
        "event.html",
        {"d": detail, "speaker_chart": chart, "cite": cite(request, f"{detail.event.name}, as reported in the news")},
    )


@page("/statements")
def statements(request: Request, session: SessionDep, filters: StatementFiltersDep) -> Response:
    names = q.actor_names(session, slugs=filters.speakers)
    events = q.event_names(session, slugs=[filters.event] if filters.event else [])
    errors = [f"No person or body has the short name “{s}”." for s in filters.speakers if s not in names]
    if filters.event and filters.event not in events:
        errors.append(f"No event has the short name “{filters.event}”.")
    if errors:
        raise BadParams(errors)
    options = q.statement_options(session)
    description = filters.describe(
        actor_names=names,
        event_names=events,
        country_names={o.value: o.label for o in options.countries},
    )
    return render(
        request,
        "statements.html",
        {
            "filters": filters,
            "options": options,
            "speakers": q.speaker_facet(session, filters=filters),
            "page": q.statements_page(session, filters=filters),
            "description": description,
            "cite": cite(request, description),
        },
    )


@page("/statements/{statement_id}")
def statement(request: Request, session: SessionDep, statement_id: StatementId) -> Response:
    row = q.get_statement(session, statement_id=statement_id)
    if row is None:
        raise NotFound(f"There is no statement number {statement_id}.")
    return render(request, "statement.html", {"s": row})


def _actor_page(request: Request, session: Session, detail: q.ActorDetail) -> Response:
    a = detail.actor
    timeline = event_timeline(
        session,
        urls.events_of(participant=a.slug),
        chart_id="actor-timeline",
        title=f"Events with {a.name} over time",
    )
    return render(
        request,
        "actor.html",
        {"d": detail, "timeline": timeline, "cite": cite(request, f"{a.name}: events attended and statements made")},
    )


@page("/people/{slug}")
def person(request: Request, session: SessionDep, slug: str) -> Response:
    detail = q.get_actor(session, slug=slug, kinds=["person"])
    if detail is None:
        raise NotFound(f"There is no person at “{slug}”.")
    return _actor_page(request, session, detail)


@page("/organisations/{slug}")
def organisation(request: Request, session: SessionDep, slug: str) -> Response:
    detail = q.get_actor(session, slug=slug, kinds=["organisation", "group"])
    if detail is None:
        raise NotFound(f"There is no organisation at “{slug}”.")
    return _actor_page(request, session, detail)


@page("/countries/{code}")
def country(request: Request, session: SessionDep, code: str) -> Response:
    if code != code.lower():
        return RedirectResponse(urls.country(code), status_code=301)
    detail = q.get_country(session, code=code) if code.isalpha() and len(code) in (2, 3) else None
    if detail is None:
        raise NotFound(f"There is no country with the code “{code}”.")
    timeline = event_timeline(
        session, urls.events_of(country=detail.code), chart_id="country-timeline", title=f"Events held in {detail.name}"
    )
    return render(
        request,
        "country.html",
        {
            "d": detail,
            "timeline": timeline,
            "cite": cite(request, f"{detail.name}: events held and attended, its people, statements about it"),
        },
    )


@page("/documents/{doc_id}")
def document(request: Request, session: SessionDep, doc_id: DocumentId) -> Response:
    detail = q.get_document(session, doc_id=doc_id)
    if detail is None:
        raise NotFound(f"There is no document number {doc_id}.")
    return render(request, "document.html", {"d": detail})


@page("/search")
def search(request: Request, session: SessionDep, params: SearchParamsDep) -> Response:
    results = q.search(session, params=params)
    description = f"Search results for “{params.q}”" if params.q else "Search"
    return render(
        request,
        "search.html",
        {"params": params, "results": results, "cite": cite(request, description)},
        status_code=400 if results.error else 200,
    )


@page("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse(urls.static("favicon.svg"), status_code=301)


@page("/api")
def api_index(request: Request) -> Response:
    """Every JSON and CSV endpoint, read from the OpenAPI schema (the one list of them)."""
    paths: dict[str, dict[str, dict[str, str]]] = request.app.openapi().get("paths", {})
    routes = [(path, ops.get("get", {}).get("summary", "")) for path, ops in paths.items() if "get" in ops]
    return render(request, "api.html", {"routes": routes})
