"""Statements: filters, ordering, keyset pages, facets and the CSV stream."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, tuple_
from sqlalchemy.orm import Session

from app.db.models import (
    Actor,
    Document,
    Event,
    Statement,
)
from app.web.filters import StatementFilters
from app.web.queries.common import (
    EventLink,
    Option,
    PageOf,
    StatementRow,
    _actor_ref,
    _cached,
    _count,
    _doc_cols,
    _doc_ref,
    _sentence_evidence,
    country_name,
)


def _statement_date() -> ColumnElement[Any]:
    return func.coalesce(Statement.said_on, Document.published)


def _statement_select() -> Select[Any]:
    s_start = func.coalesce(Statement.sentence_start, Statement.start)
    s_end = func.coalesce(Statement.sentence_end, Statement.end)
    sentence = func.substr(Document.text, s_start + 1, s_end - s_start)
    return (
        select(Statement, Actor, Event.slug, Event.name, *_doc_cols(), sentence, s_start, _statement_date())
        .join(Actor, Actor.id == Statement.speaker_id)
        .join(Document, Document.id == Statement.document_id)
        .outerjoin(Event, Event.id == Statement.event_id)
    )


def _statement_row(r: Sequence[Any]) -> StatementRow:
    st: Statement = r[0]
    doc = _doc_ref(r, 4)
    return StatementRow(
        st.id,
        st.text,
        st.direct,
        st.cue,
        st.said_on,
        r[11],
        _actor_ref(r[1]),
        EventLink(r[2], r[3]) if r[2] else None,
        doc,
        _sentence_evidence(r[9], r[10], st.start, st.end, anchor=f"statement-{st.id}", doc=doc),
    )


def _statement_rows(session: Session, stmt: Select[Any]) -> list[StatementRow]:
    return [_statement_row(r) for r in session.execute(stmt).all()]


def _statement_conditions(filters: StatementFilters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.speakers:
        where.append(Actor.slug.in_(filters.speakers))
    if filters.event:
        where.append(Event.slug == filters.event)
    if filters.country:
        where.append(Actor.country_code == filters.country.upper())
    if filters.date_from:
        where.append(_statement_date() >= filters.date_from)
    if filters.date_to:
        where.append(_statement_date() <= filters.date_to)
    if filters.type:
        where.append(Statement.direct.is_(filters.type == "direct"))
    if filters.q:
        where.append(Statement.text.icontains(filters.q, autoescape=True))
    return where


Cursor = tuple[dt.date | None, int]


def statement_key(row: StatementRow) -> Cursor:
    """Where a row sits in the keyset order: (``said_on``, id)."""
    return (row.said_on, row.id)


def _count_statements(session: Session, filters: StatementFilters, *extra: ColumnElement[bool]) -> int:
    return _count(
        session,
        select(Statement.id)
        .join(Actor, Actor.id == Statement.speaker_id)
        .join(Document, Document.id == Statement.document_id)
        .outerjoin(Event, Event.id == Statement.event_id)
        .where(*_statement_conditions(filters), *extra),
    )


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
    def has_next(self) -> bool:
        return self.next_cursor is not None


def statements_page(session: Session, *, filters: StatementFilters, per_page: int | None = None) -> KeysetPage:
    """The page ``filters`` asks for: after/before a cursor, else from the start (or ``page``'s offset)."""
    per = per_page or filters.PER_PAGE
    total = _count_statements(session, filters)
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


def speaker_facet(session: Session, *, filters: StatementFilters, top: int = 20) -> list[Option]:
    """Speakers with how many statements each has under the *other* active filters.

    The ``top`` speakers by that count, plus any selected speaker outside them. With no other
    filter the counts are the whole-table ones, built once per database version.
    """
    others = replace(filters, speakers=(), after=None, before=None, page=1, sort="-date")
    if not others.to_params():
        ranked = sorted(statement_options(session).speakers, key=lambda o: (-o.count, o.label))
        shown = ranked[:top]
        by_slug = {o.value: o for o in ranked}
        missing = [s for s in filters.speakers if s not in {o.value for o in shown}]
        return shown + [by_slug.get(s, Option(s, s, 0)) for s in missing]

    def grouped(*extra: ColumnElement[bool]) -> Select[Any]:
        n = func.count(Statement.id)
        return (
            select(Actor.slug, Actor.name, n)
            .select_from(Statement)
            .join(Actor, Actor.id == Statement.speaker_id)
            .join(Document, Document.id == Statement.document_id)
            .outerjoin(Event, Event.id == Statement.event_id)
            .where(*_statement_conditions(others), *extra)
            .group_by(Actor.id, Actor.slug, Actor.name)
            .order_by(n.desc(), Actor.name)
        )

    shown = [Option(slug, name, int(n)) for slug, name, n in session.execute(grouped().limit(top))]
    missing = [s for s in filters.speakers if s not in {o.value for o in shown}]
    if missing:
        found = {
            slug: Option(slug, name, int(n)) for slug, name, n in session.execute(grouped(Actor.slug.in_(missing)))
        }
        names = actor_names(session, slugs=[s for s in missing if s not in found])
        shown += [found.get(s) or Option(s, names.get(s, s), 0) for s in missing]
    return shown


def get_statement(session: Session, *, statement_id: int) -> StatementRow | None:
    rows = _statement_rows(session, _statement_select().where(Statement.id == statement_id))
    return rows[0] if rows else None


@dataclass(frozen=True, slots=True)
class StatementOptions:
    speakers: list[Option]
    events: list[Option]
    countries: list[Option]


def statement_options(session: Session) -> StatementOptions:
    return _cached(session, "statements", _statement_options)  # type: ignore[no-any-return]


def _statement_options(session: Session) -> StatementOptions:
    speakers = [
        Option(slug, name, n)
        for slug, name, n in session.execute(
            select(Actor.slug, Actor.name, func.count())
            .join(Statement, Statement.speaker_id == Actor.id)
            .group_by(Actor.id, Actor.slug, Actor.name)
            .order_by(Actor.name)
        )
    ]
    events = [
        Option(slug, name, n)
        for slug, name, n in session.execute(
            select(Event.slug, Event.name, func.count())
            .join(Statement, Statement.event_id == Event.id)
            .group_by(Event.id, Event.slug, Event.name)
            .order_by(Event.start_date.desc(), Event.name)
        )
    ]
    countries = [
        Option(code.lower(), country_name(code), n)
        for code, n in session.execute(
            select(Actor.country_code, func.count())
            .join(Statement, Statement.speaker_id == Actor.id)
            .where(Actor.country_code.is_not(None))
            .group_by(Actor.country_code)
        )
        if len(code) == 2
    ]
    countries.sort(key=lambda o: o.label)
    return StatementOptions(speakers, events, countries)


def actor_names(session: Session, *, slugs: Sequence[str]) -> dict[str, str]:
    if not slugs:
        return {}
    return dict(session.execute(select(Actor.slug, Actor.name).where(Actor.slug.in_(list(slugs)))).all())


def event_names(session: Session, *, slugs: Sequence[str]) -> dict[str, str]:
    if not slugs:
        return {}
    return dict(session.execute(select(Event.slug, Event.name).where(Event.slug.in_(list(slugs)))).all())
