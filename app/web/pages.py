"""HTML routes: thin. Parse (deps), query (queries), render (render)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from app.web import queries as q
from app.web import urls
from app.web.deps import (
    EventFiltersDep,
    NotFound,
    SearchParamsDep,
    SessionDep,
    StatementFiltersDep,
)
from app.web.filters import BadParams
from app.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request, session: SessionDep) -> Response:
    return render(
        request,
        "home.html",
        {"counts": q.counts(session), "events": q.recent_events(session, limit=8)},
    )


@router.get("/events")
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
        },
    )


@router.get("/events/{slug}")
def event(request: Request, session: SessionDep, slug: str) -> Response:
    detail = q.get_event(session, slug=slug)
    if detail is None:
        raise NotFound(f"There is no event at “{slug}”.")
    return render(request, "event.html", {"d": detail})


@router.get("/statements")
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
            "page": q.list_statements(session, filters=filters),
            "description": description,
        },
    )


@router.get("/statements/{statement_id}")
def statement(request: Request, session: SessionDep, statement_id: int) -> Response:
    row = q.get_statement(session, statement_id=statement_id)
    if row is None:
        raise NotFound(f"There is no statement number {statement_id}.")
    return render(request, "statement.html", {"s": row})


@router.get("/people/{slug}")
def person(request: Request, session: SessionDep, slug: str) -> Response:
    detail = q.get_actor(session, slug=slug, kinds=["person"])
    if detail is None:
        raise NotFound(f"There is no person at “{slug}”.")
    return render(request, "actor.html", {"d": detail})


@router.get("/organisations/{slug}")
def organisation(request: Request, session: SessionDep, slug: str) -> Response:
    detail = q.get_actor(session, slug=slug, kinds=["organisation", "group"])
    if detail is None:
        raise NotFound(f"There is no organisation at “{slug}”.")
    return render(request, "actor.html", {"d": detail})


@router.get("/countries/{code}")
def country(request: Request, session: SessionDep, code: str) -> Response:
    if code != code.lower():
        return RedirectResponse(urls.country(code), status_code=301)
    detail = q.get_country(session, code=code) if code.isalpha() and len(code) in (2, 3) else None
    if detail is None:
        raise NotFound(f"There is no country with the code “{code}”.")
    return render(request, "country.html", {"d": detail})


@router.get("/documents/{doc_id}")
def document(request: Request, session: SessionDep, doc_id: int) -> Response:
    detail = q.get_document(session, doc_id=doc_id)
    if detail is None:
        raise NotFound(f"There is no document number {doc_id}.")
    return render(request, "document.html", {"d": detail})


@router.get("/search")
def search(request: Request, session: SessionDep, params: SearchParamsDep) -> Response:
    results = q.search(session, params=params)
    return render(
        request,
        "search.html",
        {"params": params, "results": results},
        status_code=400 if results.error else 200,
    )


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse(urls.static("favicon.svg"), status_code=301)


@router.get("/api")
def api_index(request: Request) -> Response:
    routes = [
        (r.path, getattr(r, "summary", None) or getattr(r, "name", ""))
        for r in request.app.routes
        if getattr(r, "include_in_schema", False) and r.path.startswith(("/api", "/statements.csv"))
    ]
    return render(request, "api.html", {"routes": routes})
