"""Statements: filters, ordering, keyset pages, facets and the CSV stream."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    Actor,
    Document,
    Event,
    Statement,
)
from app.web.filters import StatementFilters
from app.web.queries.common import (
    ActorRef,
    DocRef,
    EventLink,
    Option,
    PageOf,
    StatementRow,
    _cached,
    _count,
    _doc_cols,
    _sentence_evidence,
    country_name,
    run,
)


def _statement_date() -> ColumnElement[Any]:
    return func.coalesce(Statement.said_on, Document.published)


def _build_statement_select() -> Select[Any]:
    s_start = func.coalesce(Statement.sentence_start, Statement.start)
    s_end = func.coalesce(Statement.sentence_end, Statement.end)
    sentence = func.substr(Document.text, s_start + 1, s_end - s_start)
    return (
        select(
            Statement.id,
            Statement.text,
            Statement.direct,
            Statement.cue,
            Statement.said_on,
            Statement.start,
            Statement.end,
            Actor.id,
            Actor.slug,
            Actor.kind,
            Actor.name,
            Actor.role,
            Actor.country_code,
            Event.slug,
            Event.name,
            *_doc_cols(),
            sentence,
            s_start,
            _statement_date(),
        )
        .join(Actor, Actor.id == Statement.speaker_id)
        .join(Document, Document.id == Statement.document_id)
        .outerjoin(Event, Event.id == Statement.event_id)
    )


_STATEMENT_SELECT = _build_statement_select()


def _statement_select() -> Select[Any]:
    """Plain columns (no ORM entities): a statement, its speaker, event, document and sentence."""
    return _STATEMENT_SELECT


def _statement_row(r: Sequence[Any]) -> StatementRow:
    sid, start, end = r[0], r[5], r[6]
    doc = DocRef(*r[15:20])
    return StatementRow(
        sid,
        r[1],
        r[2],
        r[3],
        r[4],
        r[22],
        ActorRef(r[7], r[8], r[9], r[10], r[11], r[12]),
        EventLink(r[13], r[14]) if r[13] else None,
        doc,
        _sentence_evidence(r[20], r[21], start, end, anchor=f"statement-{sid}", doc=doc),
    )


def _statement_rows(session: Session, stmt: Select[Any], params: dict[str, Any] | None = None) -> list[StatementRow]:
    return [_statement_row(r) for r in run(session, stmt, params).all()]


# the filters' own aliases, so their subqueries never correlate with the row query's joins
_A, _E, _D = aliased(Actor), aliased(Event), aliased(Document)


def _speaker_ids(slugs: Sequence[str]) -> ColumnElement[bool]:
    if len(slugs) == 1:
        return Statement.speaker_id == select(_A.id).where(_A.slug == slugs[0]).scalar_subquery()
    return Statement.speaker_id.in_(select(_A.id).where(_A.slug.in_(list(slugs))))


def _statement_conditions(filters: StatementFilters) -> list[ColumnElement[bool]]:
    """The filters on ``statements`` alone (subqueries for slugs and codes), so the planner walks
    the statement indexes; only a date range needs the document (undated statements use its date)."""
    where: list[ColumnElement[bool]] = []
    if filters.speakers:
        where.append(_speaker_ids(filters.speakers))
    if filters.event:
        where.append(Statement.event_id == select(_E.id).where(_E.slug == filters.event).scalar_subquery())
    if filters.country:
        where.append(Statement.speaker_id.in_(select(_A.id).where(_A.country_code == filters.country.upper())))
    if filters.date_from or filters.date_to:
        # said_on's range (ix_statements_said_on_id), or an undated statement by its document's date:
        # two index lookups the planner ORs, not a coalesce() over every row
        published = select(_D.published).where(_D.id == Statement.document_id).correlate(Statement).scalar_subquery()
        dated: list[ColumnElement[bool]] = []
        undated: list[ColumnElement[bool]] = [Statement.said_on.is_(None)]
        if filters.date_from:
            dated.append(Statement.said_on >= filters.date_from)
            undated.append(published >= filters.date_from)
        if filters.date_to:
            dated.append(Statement.said_on <= filters.date_to)
            undated.append(published <= filters.date_to)
        where.append(or_(and_(*dated), and_(*undated)))
    if filters.type:
        where.append(Statement.direct.is_(filters.type == "direct"))
    if filters.q:
        where.append(Statement.text.icontains(filters.q, autoescape=True))
    return where


COUNT_CAP = 10_000  # the statements page says "more than 10,000" rather than count further
FACET_CAP = 20_000  # speaker counts are skipped ("counts unavailable") above this many statements


Cursor = tuple[dt.date | None, int]


def statement_key(row: StatementRow) -> Cursor:
    """Where a row sits in the keyset order: (``said_on``, id)."""
    return (row.said_on, row.id)


def _count_statements(
    session: Session, filters: StatementFilters, *extra: ColumnElement[bool], cap: int | None = None
) -> int:
    """How many statements match (on ``statements`` alone, over its indexes); at most ``cap + 1``."""
    stmt = select(Statement.id).where(*_statement_conditions(filters), *extra)
    if cap is not None:
        stmt = stmt.limit(cap + 1)
    return _count(session, stmt)


def _segment(filters: StatementFilters, *, dated: bool, down: bool, bound: Cursor | None) -> Select[Any]:
    """One half of the keyset order: dated rows by (``said_on``, id), or undated rows by id.

    Dated rows come first and undated rows last in both sort orders, so each half walks an index
    (``ix_statements_speaker_id_said_on_id`` or ``ix_statements_said_on_id``) instead of sorting.
    ``down`` walks towards smaller keys; ``bound`` (exclusive) is where the walk starts.
    """
    stmt = _statement_select().where(*_statement_conditions(filters))
    if dated:
        stmt = stmt.where(Statement.said_on.is_not(None))
        if bound is not None and bound[0] is not None:
            key, value = tuple_(Statement.said_on, Statement.id), tuple_(bound[0], bound[1])
            stmt = stmt.where(key < value if down else key > value)
        order = (Statement.said_on.desc(), Statement.id.desc()) if down else (Statement.said_on, Statement.id)
    else:
        stmt = stmt.where(Statement.said_on.is_(None))
        if bound is not None and bound[0] is None:
            stmt = stmt.where(Statement.id < bound[1] if down else Statement.id > bound[1])
        order = (Statement.id.desc(),) if down else (Statement.id,)
    return stmt.order_by(*order)


def _fetch(
    session: Session,
    filters: StatementFilters,
    cursor: Cursor | None,
    *,
    forward: bool,
    limit: int,
    offset: int = 0,
) -> list[StatementRow]:
    """Up to ``limit`` rows strictly after ``cursor`` in the page order (``forward``), or strictly
    before it, nearest first. The page order: newest first (``sort=-date``) or oldest first, and
    undated statements last either way."""
    down = (filters.sort == "-date") == forward
    halves = [True, False] if forward else [False, True]  # dated?
    if cursor is not None:
        halves = halves[halves.index(cursor[0] is not None) :]
    if offset and forward and cursor is None:
        n_dated = _count_statements(session, filters, Statement.said_on.is_not(None))
        if offset >= n_dated:
            halves, offset = [False], offset - n_dated
    rows: list[StatementRow] = []
    for i, dated in enumerate(halves):
        if len(rows) >= limit:
            break
        stmt = _segment(filters, dated=dated, down=down, bound=cursor if i == 0 else None)
        stmt = stmt.limit(limit - len(rows)).offset(offset if i == 0 else 0)
        rows += _statement_rows(session, stmt)
    return rows


@dataclass(frozen=True, slots=True)
class KeysetPage:
    """One page of statements in keyset order, with the cursors of its neighbours."""

    items: list[StatementRow]
    total: int
    per_page: int
    prev_cursor: Cursor | None  # give as ``before=`` for the previous page
    next_cursor: Cursor | None  # give as ``after=`` for the next page
    at_start: bool  # no cursor and no offset: the first page

    @property
    def has_prev(self) -> bool:
        return self.prev_cursor is not None or not self.at_start

    @property
    def capped(self) -> bool:
        """Counting stopped: more than ``COUNT_CAP`` statements match (``total`` is not exact)."""
        return self.total > COUNT_CAP

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None


def statements_page(session: Session, *, filters: StatementFilters, per_page: int | None = None) -> KeysetPage:
    """The page ``filters`` asks for: after/before a cursor, else from the start (or ``page``'s offset)."""
    per = per_page or filters.PER_PAGE
    total = _count_statements(session, filters, cap=COUNT_CAP)
    if filters.before is not None:
        back = _fetch(session, filters, filters.before, forward=False, limit=per + 1)
        items = list(reversed(back[:per]))
        more_before = len(back) > per
        more_after = bool(items) and bool(_fetch(session, filters, statement_key(items[-1]), forward=True, limit=1))
    else:
        offset = (filters.page - 1) * per if filters.after is None else 0
        fwd = _fetch(session, filters, filters.after, forward=True, limit=per + 1, offset=offset)
        items = fwd[:per]
        more_after = len(fwd) > per
        more_before = bool(items) and (filters.after is not None or offset > 0)
        if more_before:
            more_before = bool(_fetch(session, filters, statement_key(items[0]), forward=False, limit=1))
    if filters.before is not None:
        at_start = not more_before
    else:
        at_start = (filters.after is None and filters.page == 1) or (bool(items) and not more_before)
    return KeysetPage(
        items,
        total,
        per,
        statement_key(items[0]) if items and more_before else None,
        statement_key(items[-1]) if items and more_after else None,
        at_start,
    )


def list_statements(
    session: Session, *, filters: StatementFilters, per_page: int | None = None
) -> PageOf[StatementRow]:
    """A page as ``PageOf`` (for the JSON API): by cursor when one is given, else by page number."""
    per = per_page or filters.PER_PAGE
    if filters.after is not None or filters.before is not None:
        kp = statements_page(session, filters=filters, per_page=per)
        return PageOf(kp.items, kp.total, 1, per)
    total = _count_statements(session, filters)
    rows = _fetch(session, filters, None, forward=True, limit=per, offset=(filters.page - 1) * per)
    return PageOf(rows, total, filters.page, per)


def iter_statements(session: Session, *, filters: StatementFilters, batch: int = 500) -> Iterator[StatementRow]:
    """Every statement matching ``filters`` (all pages, in the page order), streamed for the exports."""
    down = filters.sort == "-date"
    for dated in (True, False):
        stmt = _segment(filters, dated=dated, down=down, bound=None)
        for r in session.execute(stmt.execution_options(yield_per=batch)):
            yield _statement_row(r)


@dataclass(frozen=True, slots=True)
class SpeakerFacet:
    """The speakers to offer as checkboxes: the top ones under the other filters, and the chosen ones.

    ``counted`` is False when the other filters leave too many statements to count per speaker on
    each request: the options are then the busiest speakers overall, without counts.
    """

    options: list[Option]
    counted: bool = True


def _speaker_counts(session: Session, where: Sequence[ColumnElement[bool]], *, top: int | None) -> list[Option]:
    """Speakers by statements matching ``where``: GROUP BY ``speaker_id`` over the statement index
    the filters select (by event, by speaker), then the top ones' names by primary key."""
    n = func.count().label("n")
    grouped = select(Statement.speaker_id, n).where(*where).group_by(Statement.speaker_id).order_by(n.desc())
    if top is not None:
        grouped = grouped.limit(top)
    counts = grouped.subquery()
    rows = run(
        session,
        select(Actor.slug, Actor.name, counts.c.n)
        .join(counts, counts.c.speaker_id == Actor.id)
        .order_by(counts.c.n.desc(), Actor.name),
    )
    return [Option(slug, name, int(k)) for slug, name, k in rows]


def speaker_facet(session: Session, *, filters: StatementFilters, top: int = 20) -> SpeakerFacet:
    """Speakers with how many statements each has under the *other* active filters.

    The ``top`` speakers by that count, plus any selected speaker outside them. With no other
    filter the top list comes from the cache (built once per database version); under filters that
    leave more than ``FACET_CAP`` statements the counts are skipped rather than scanned for.
    """
    others = replace(filters, speakers=(), after=None, before=None, page=1, sort="-date")
    counted = True
    if not others.to_params():
        shown = statement_options(session).speakers[:top]
    elif _count_statements(session, others, cap=FACET_CAP) > FACET_CAP:
        counted = False
        shown = statement_options(session).speakers[:top]
    else:
        shown = _speaker_counts(session, _statement_conditions(others), top=top)
    missing = [s for s in filters.speakers if s not in {o.value for o in shown}]
    if missing:
        found: dict[str, Option] = {}
        if counted:
            where = [*_statement_conditions(others), _speaker_ids(missing)]
            found = {o.value: o for o in _speaker_counts(session, where, top=None)}
        names = actor_names(session, slugs=[s for s in missing if s not in found])
        shown = shown + [found.get(s) or Option(s, names.get(s, s), 0) for s in missing]
    return SpeakerFacet(shown, counted)


def get_statement(session: Session, *, statement_id: int) -> StatementRow | None:
    rows = _statement_rows(session, _statement_select().where(Statement.id == statement_id))
    return rows[0] if rows else None


@dataclass(frozen=True, slots=True)
class StatementOptions:
    """The statements form's fixed choices, counted over the whole table once per database version.

    Bounded whatever the size of the database: the ``TOP_SPEAKERS`` busiest speakers (the facet),
    the ``TOP_EVENTS`` events with most statements (suggestions for the event box) and the
    speakers' countries (at most a few hundred).
    """

    speakers: list[Option]
    events: list[Option]
    countries: list[Option]


TOP_SPEAKERS = 20
TOP_EVENTS = 30


def statement_options(session: Session) -> StatementOptions:
    return _cached(session, "statements", _statement_options)  # type: ignore[no-any-return]


def _statement_options(session: Session) -> StatementOptions:
    speakers = _speaker_counts(session, [], top=TOP_SPEAKERS)
    n = func.count().label("n")
    by_event = (
        select(Statement.event_id, n)
        .where(Statement.event_id.is_not(None))
        .group_by(Statement.event_id)
        .order_by(n.desc())
        .limit(TOP_EVENTS)
        .subquery()
    )
    events = [
        Option(slug, name, int(k))
        for slug, name, k in run(
            session,
            select(Event.slug, Event.name, by_event.c.n)
            .join(by_event, by_event.c.event_id == Event.id)
            .order_by(by_event.c.n.desc(), Event.name),
        )
    ]
    by_speaker = select(Statement.speaker_id, func.count().label("n")).group_by(Statement.speaker_id).subquery()
    countries = [
        Option(code.lower(), country_name(code), int(k))
        for code, k in run(
            session,
            select(Actor.country_code, func.sum(by_speaker.c.n))
            .join(by_speaker, by_speaker.c.speaker_id == Actor.id)
            .where(Actor.country_code.is_not(None))
            .group_by(Actor.country_code),
        )
        if len(code) == 2
    ]
    countries.sort(key=lambda o: o.label)
    return StatementOptions(speakers, events, countries)


_ACTOR_NAMES = select(Actor.slug, Actor.name).where(Actor.slug.in_(bindparam("slugs", expanding=True)))
_EVENT_NAMES = select(Event.slug, Event.name).where(Event.slug.in_(bindparam("slugs", expanding=True)))


def actor_names(session: Session, *, slugs: Sequence[str]) -> dict[str, str]:
    if not slugs:
        return {}
    return dict(run(session, _ACTOR_NAMES, {"slugs": list(slugs)}).all())


def event_names(session: Session, *, slugs: Sequence[str]) -> dict[str, str]:
    if not slugs:
        return {}
    return dict(run(session, _EVENT_NAMES, {"slugs": list(slugs)}).all())
