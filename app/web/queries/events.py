"""Events: the list, its facets, and one event with everything reported about it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, bindparam, extract, func, select
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    Actor,
    Event,
    EventSource,
    Participation,
    Statement,
)
from app.web import urls
from app.web.filters import EventFilters
from app.web.queries.common import (
    EVENT_AGREEMENTS,
    ROLE_RANK,
    ActorRef,
    DocRef,
    EventDetail,
    EventSummary,
    Evidence,
    FieldSupport,
    Option,
    PageOf,
    Participant,
    SourceRow,
    SpeakerGroup,
    _agreements,
    _cached,
    _count,
    _event_summary,
    _load_texts,
    context_window,
    country_name,
    event_field_spans,
)
from app.web.queries.prepared import Prepared
from app.web.queries.statements import _build_statement_select, _statement_date, _statement_row


def _event_counts() -> tuple[Any, Any, Any]:
    """Per-event counts as correlated scalar subqueries (each backed by an ``event_id`` index)."""
    src, st, part = aliased(EventSource), aliased(Statement), aliased(Participation)
    n_sources = (
        select(func.count(func.distinct(src.document_id))).where(src.event_id == Event.id).correlate(Event)
    ).scalar_subquery()
    n_statements = select(func.count()).select_from(st).where(st.event_id == Event.id).correlate(Event)
    n_participants = select(func.count(func.distinct(part.actor_id))).where(part.event_id == Event.id).correlate(Event)
    return n_sources, n_statements.scalar_subquery(), n_participants.scalar_subquery()


def _event_conditions(filters: EventFilters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.kind:
        where.append(Event.kind == filters.kind)
    if filters.country:
        where.append(Event.country_code == filters.country.upper())
    if filters.year and filters.month:
        first = dt.date(filters.year, filters.month, 1)
        where.append(Event.start_date >= first)
        where.append(Event.start_date < (first + dt.timedelta(days=32)).replace(day=1))
    elif filters.year:
        where.append(Event.start_date >= dt.date(filters.year, 1, 1))
        where.append(Event.start_date < dt.date(filters.year + 1, 1, 1))
    if filters.participant:
        where.append(
            Event.id.in_(
                select(Participation.event_id)
                .join(Actor, Actor.id == Participation.actor_id)
                .where(Actor.slug == filters.participant)
            )
        )
    return where


def _event_segments(filters: EventFilters) -> tuple[Select[Any], Select[Any]]:
    """The list order in two halves that each walk an index (``ix_events_start_date_id``, or
    ``ix_events_kind_start_date`` under a kind): dated events by (start_date, id), then undated
    ones by id. (One ``ORDER BY start_date IS NULL, …`` would sort every matching event.)"""
    where = _event_conditions(filters)
    base = select(Event, *_event_counts()).where(*where)
    if filters.sort == "date":
        dated_order: tuple[Any, ...] = (Event.start_date.asc(), Event.id.asc())
        undated_order: Any = Event.id.asc()
    else:
        dated_order, undated_order = (Event.start_date.desc(), Event.id.desc()), Event.id.desc()
    return (
        base.where(Event.start_date.is_not(None)).order_by(*dated_order),
        base.where(Event.start_date.is_(None)).order_by(undated_order),
    )


def list_events(session: Session, *, filters: EventFilters) -> PageOf[EventSummary]:
    where = _event_conditions(filters)
    if where:
        total = _count(session, select(Event.id).where(*where))
    else:
        from app.web.queries.counts import counts  # the whole table's: cached per database version

        total = counts(session).events
    per = filters.PER_PAGE
    offset = (filters.page - 1) * per
    dated, undated = _event_segments(filters)
    rows = session.execute(dated.limit(per).offset(offset)).all()
    if len(rows) < per:
        if rows or offset == 0:
            n_dated = offset + len(rows)
        else:  # a page past the dated events: how many there were (an index count)
            n_dated = _count(session, select(Event.id).where(*where, Event.start_date.is_not(None)))
        rows += session.execute(undated.limit(per - len(rows)).offset(max(0, offset - n_dated))).all()
    return PageOf([_event_summary(*r) for r in rows], total, filters.page, per)


def iter_events(session: Session, *, filters: EventFilters, batch: int = 500) -> Iterator[EventSummary]:
    """Every event matching ``filters`` (all pages, in the list's order), streamed for the exports."""
    for stmt in _event_segments(filters):
        for r in session.execute(stmt.execution_options(yield_per=batch)):
            yield _event_summary(*r)


def recent_events(session: Session, *, limit: int = 8) -> list[EventSummary]:
    return list_events(session, filters=EventFilters()).items[:limit]


@dataclass(frozen=True, slots=True)
class EventOptions:
    kinds: list[Option]
    countries: list[Option]
    years: list[Option]
    participants: list[Option]


TOP_PARTICIPANTS = 30  # suggestions for the participant box: the full list is every actor


def event_options(session: Session) -> EventOptions:
    return _cached(session, "events", _event_options)  # type: ignore[no-any-return]


def _event_options(session: Session) -> EventOptions:
    kinds = [
        Option(k, k, n)
        for k, n in session.execute(select(Event.kind, func.count()).group_by(Event.kind).order_by(Event.kind))
    ]
    countries = [
        Option(c.lower(), country_name(c), n)
        for c, n in session.execute(
            select(Event.country_code, func.count()).where(Event.country_code.is_not(None)).group_by(Event.country_code)
        )
    ]
    countries.sort(key=lambda o: o.label)
    year = extract("year", Event.start_date)
    years = [
        Option(str(y), str(y), n)
        for y, n in session.execute(
            select(year, func.count()).where(Event.start_date.is_not(None)).group_by(year).order_by(year.desc())
        )
    ]
    n_events = func.count(func.distinct(Participation.event_id)).label("n")
    busiest = (
        select(Participation.actor_id, n_events)
        .group_by(Participation.actor_id)
        .order_by(n_events.desc())
        .limit(TOP_PARTICIPANTS)
        .subquery()
    )
    participants = [
        Option(slug, name, int(n))
        for slug, name, n in session.execute(
            select(Actor.slug, Actor.name, busiest.c.n)
            .join(busiest, busiest.c.actor_id == Actor.id)
            .order_by(busiest.c.n.desc(), Actor.name)
        )
    ]
    return EventOptions(kinds, countries, years, participants)


def _build_event_select() -> Select[Any]:
    """The event by slug, plain columns: its counts come from the rows the page reads anyway."""
    cols = (
        Event.id,
        Event.slug,
        Event.name,
        Event.kind,
        Event.start_date,
        Event.end_date,
        Event.date_precision,
        Event.city,
        Event.country_code,
        Event.venue,
    )
    return select(*cols, Event.summary).where(Event.slug == bindparam("slug"))


# Built once (plain columns, bound parameters): the event page runs these on every request.
_EVENT = Prepared(_build_event_select())
_PARTS = Prepared(
    select(
        Participation.role,
        Participation.document_id,
        Participation.start,
        Participation.end,
        Actor.id.label("actor_id"),
        Actor.slug,
        Actor.kind,
        Actor.name,
        Actor.role.label("title"),
        Actor.country_code,
    )
    .join(Actor, Actor.id == Participation.actor_id)
    .where(Participation.event_id == bindparam("eid"))
    .order_by(Actor.name, Participation.document_id, Participation.start)
)
_SOURCES = Prepared(
    select(EventSource.document_id, EventSource.start, EventSource.end, EventSource.name, EventSource.date_text)
    .where(EventSource.event_id == bindparam("eid"))
    .order_by(EventSource.document_id, EventSource.start)
)
_EVENT_STATEMENTS = Prepared(  # the sentences are cut from the texts the page loads anyway
    _build_statement_select(sentence=False)
    .where(Statement.event_id == bindparam("eid"))
    .order_by(Actor.name, _statement_date(), Statement.document_id, Statement.start)
)


def get_event(session: Session | Connection, *, slug: str) -> EventDetail | None:
    """The event at ``slug`` with everything reported about it; every query is ``Prepared``, so a
    plain ``Connection`` does (the event page passes one) as well as a ``Session``."""
    conn = session if isinstance(session, Connection) else session.connection()
    found = _EVENT.one_or_none(conn, {"slug": slug})
    if found is None:
        return None
    eid = {"eid": found.id}

    parts = _PARTS.all(conn, eid)
    sources = _SOURCES.all(conn, eid)
    agreements = EVENT_AGREEMENTS.all(conn, eid)
    statements = _EVENT_STATEMENTS.all(conn, eid)
    doc_ids = {p.document_id for p in parts} | {s.document_id for s in sources} | {a.document_id for a in agreements}
    texts = _load_texts(conn, doc_ids | {r[15] for r in statements})
    # the counts the list pages get from subqueries (the same numbers: every row joins by foreign key)
    summary = EventSummary(
        *found[:10],
        n_sources=len({s.document_id for s in sources}),
        n_statements=len(statements),
        n_participants=len({p.actor_id for p in parts}),
    )

    by_actor: dict[int, tuple[ActorRef, str, list[Evidence]]] = {}
    for p in parts:
        doc, body = texts[p.document_id]
        ev = context_window(body, p.start, p.end, anchor=urls.span_anchor(p.start, p.end), doc=doc)
        if p.actor_id in by_actor:
            ref, role, evs = by_actor[p.actor_id]
            if ROLE_RANK.get(p.role, 9) < ROLE_RANK.get(role, 9):
                role = p.role
            evs.append(ev)
            by_actor[p.actor_id] = (ref, role, evs)
        else:
            ref = ActorRef(p.actor_id, p.slug, p.kind, p.name, p.title, p.country_code)
            by_actor[p.actor_id] = (ref, p.role, [ev])
    people = [Participant(ref, role, evs) for ref, role, evs in by_actor.values()]
    convenors = [p for p in people if p.role in ("convenor", "host")]
    others = [p for p in people if p.role not in ("convenor", "host")]

    support = _field_support(summary, sources, texts)
    source_rows = []
    for s in sources:
        doc, body = texts[s.document_id]
        source_rows.append(
            SourceRow(
                doc,
                s.name,
                s.date_text,
                context_window(body, s.start, s.end, anchor=urls.span_anchor(s.start, s.end), doc=doc),
            )
        )
    documents = sorted(
        {r.document.id: r.document for r in source_rows}.values(),
        key=lambda d: (d.published or dt.date.min, d.id),
        reverse=True,
    )

    groups: dict[int, SpeakerGroup] = {}
    refs: dict[Any, Any] = {}  # one ActorRef per speaker, one EventLink for the event
    for st in (_statement_row(r, texts, refs) for r in statements):
        groups.setdefault(st.speaker.id, SpeakerGroup(st.speaker, [])).statements.append(st)

    return EventDetail(
        summary,
        found.summary,
        convenors,
        others,
        list(groups.values()),
        _agreements(conn, None, texts, rows=agreements),
        source_rows,
        documents,
        support,
    )


def _field_support(
    event: EventSummary, sources: Sequence[Any], texts: dict[int, tuple[DocRef, str]]
) -> list[FieldSupport]:
    """For the date and the place: which of the event's documents state it, with the span."""
    found: dict[str, dict[int, Evidence]] = {"date": {}, "place": {}}
    values: dict[str, str] = {}
    places = [event.city, event.venue, country_name(event.country_code) if event.country_code else None]
    for s in sources:
        doc, body = texts[s.document_id]
        spans = event_field_spans(body, source_start=s.start, date_text=s.date_text, places=places)
        for name, (a, b) in spans.items():
            if s.document_id not in found[name]:
                found[name][s.document_id] = context_window(body, a, b, anchor=urls.span_anchor(a, b), doc=doc)
                values.setdefault(name, body[a:b])
    n_docs = len({s.document_id for s in sources})
    return [
        FieldSupport(name, values.get(name, ""), list(evs.values()), len(evs), n_docs)
        for name, evs in found.items()
        if n_docs
    ]


def event_timeline(session: Session, *, filters: EventFilters) -> dict[tuple[int, int], int]:
    """Events per (year, month) under ``filters`` but any year or month (within the year, if one is chosen)."""
    scope = replace(filters, month=None, page=1, sort="-date")
    if not filters.year:
        scope = replace(scope, year=None)
    if not scope.to_params():
        return _cached(session, "timeline", _event_timeline_all)  # type: ignore[no-any-return]
    return _event_timeline(session, _event_conditions(scope))


def _event_timeline_all(session: Session) -> dict[tuple[int, int], int]:
    return _event_timeline(session, [])


def _event_timeline(session: Session, where: list[ColumnElement[bool]]) -> dict[tuple[int, int], int]:
    year, month = extract("year", Event.start_date), extract("month", Event.start_date)
    rows = session.execute(
        select(year, month, func.count()).where(*where, Event.start_date.is_not(None)).group_by(year, month)
    )
    return {(int(y), int(m)): int(n) for y, m, n in rows}


def list_events_where(session: Session, *where: ColumnElement[bool]) -> list[EventSummary]:
    rows = session.execute(
        select(Event, *_event_counts())
        .where(*where)
        .order_by(Event.start_date.is_(None), Event.start_date.desc(), Event.id.desc())
    ).all()
    return [_event_summary(*r) for r in rows]
