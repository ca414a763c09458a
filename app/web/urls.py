"""Every URL the web side emits comes from here; templates never concatenate URLs.

Query strings are canonical: the ``Filters`` objects give their parameters in a fixed order,
with defaults left out, so one state has exactly one URL (see ``app/web/filters.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol
from urllib.parse import quote, urlencode

if TYPE_CHECKING:
    from app.web.filters import EventFilters, StatementFilters

Params = Sequence[tuple[str, str]]
Cursor = tuple[dt.date | None, int]


class _ActorLike(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def country_code(self) -> str | None: ...


class _HasParams(Protocol):
    def to_params(self) -> list[tuple[str, str]]: ...


def with_query(path: str, params: Iterable[tuple[str, str]] = ()) -> str:
    query = urlencode(list(params))
    return f"{path}?{query}" if query else path


@lru_cache(maxsize=16384)  # slugs recur on every page (speakers, events); quote() costs a microsecond
def _seg(value: str) -> str:
    return quote(value, safe="")


def home() -> str:
    return "/"


@lru_cache(maxsize=64)
def static(path: str) -> str:
    return "/static/" + quote(path)


def events(filters: _HasParams | None = None) -> str:
    return with_query("/events", filters.to_params() if filters else ())


def event(slug: str, *, anchor: str | None = None) -> str:
    url = f"/events/{_seg(slug)}"
    return f"{url}#{anchor}" if anchor else url


def statements(filters: _HasParams | None = None) -> str:
    return with_query("/statements", filters.to_params() if filters else ())


def statements_csv(filters: _HasParams | None = None) -> str:
    return with_query("/statements.csv", filters.to_params() if filters else ())


def statements_json(filters: _HasParams | None = None) -> str:
    return with_query("/api/statements", filters.to_params() if filters else ())


def events_json(filters: _HasParams | None = None) -> str:
    return with_query("/api/events", filters.to_params() if filters else ())


def statements_by(slug: str) -> str:
    return with_query("/statements", [("speaker", slug)])


def statements_at(event_slug: str, *, csv: bool = False, fmt: str | None = None) -> str:
    fmt = "csv" if csv else fmt
    return with_query(f"/statements.{fmt}" if fmt else "/statements", [("event", event_slug)])


def statements_by_export(slug: str, fmt: str) -> str:
    return with_query(f"/statements.{fmt}", [("speaker", slug)])


def statements_from(country_code: str) -> str:
    return with_query("/statements", [("country", country_code.lower())])


def statement(statement_id: int) -> str:
    return f"/statements/{statement_id}"


def person(slug: str) -> str:
    return f"/people/{_seg(slug)}"


def organisation(slug: str) -> str:
    return f"/organisations/{_seg(slug)}"


def country(code: str) -> str:
    return f"/countries/{_seg(code.lower())}"


def actor(a: _ActorLike) -> str:
    """The page of any actor: people, countries (by ISO code), organisations and groups."""
    if a.kind == "person":
        return person(a.slug)
    if a.kind == "country" and a.country_code:
        return country(a.country_code)
    return organisation(a.slug)


def document(doc_id: int, *, anchor: str | None = None) -> str:
    url = f"/documents/{doc_id}"
    return f"{url}#{anchor}" if anchor else url


def span_anchor(start: int, end: int) -> str:
    return f"span-{start}-{end}"


def document_span(doc_id: int, start: int, end: int) -> str:
    return document(doc_id, anchor=span_anchor(start, end))


def statement_in_document(doc_id: int, statement_id: int) -> str:
    return document(doc_id, anchor=f"statement-{statement_id}")


def agreement_in_document(doc_id: int, agreement_id: int) -> str:
    return document(doc_id, anchor=f"agreement-{agreement_id}")


def search(q: str | None = None, page: int = 1) -> str:
    params: list[tuple[str, str]] = []
    if q:
        params.append(("q", q))
    if page > 1:
        params.append(("page", str(page)))
    return with_query("/search", params)


def api_docs() -> str:
    return "/api"


def api(path: str) -> str:
    """The JSON twin of an HTML path (``/events/x`` → ``/api/events/x``)."""
    return "/api" + path if path != "/" else "/api"


# --------------------------------------------------------------------------- list twins and cursors


def _twin(path: str, fmt: str, filters: _HasParams | None) -> str:
    if fmt not in ("csv", "json"):
        raise ValueError(fmt)
    return with_query(f"{path}.{fmt}", filters.to_params() if filters else ())


def events_export(filters: _HasParams | None, fmt: str) -> str:
    """``/events.csv?…`` or ``/events.json?…``: the list with exactly the page's filters."""
    return _twin("/events", fmt, filters)


def statements_export(filters: _HasParams | None, fmt: str) -> str:
    return _twin("/statements", fmt, filters)


def search_export(params: _HasParams | None, fmt: str) -> str:
    return _twin("/search", fmt, params)


def statements_cursor(
    filters: StatementFilters, *, after: Cursor | None = None, before: Cursor | None = None, fmt: str | None = None
) -> str:
    """The statements page after (or before) a keyset cursor, the other filters kept."""
    moved = replace(filters, after=after, before=before, page=1)
    return statements_export(moved, fmt) if fmt else statements(moved)


def events_in(filters: EventFilters, year: int, month: int | None = None) -> str:
    """The events list narrowed to a year (or a month), the other filters kept: the timeline's links."""
    return events(replace(filters, year=year, month=month, page=1))


def events_of(*, participant: str | None = None, country: str | None = None) -> EventFilters:
    from app.web.filters import EventFilters

    return EventFilters(participant=participant, country=country.lower() if country else None)


def absolute(base_url: str, path: str) -> str:
    """``path`` on this site as an absolute URL (for citations and exports)."""
    return base_url.rstrip("/") + path
