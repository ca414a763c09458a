"""Statements: filters, ordering, keyset pages, facets and the CSV stream."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, Select, String, and_, bindparam, func, or_, select, tuple_
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
    _doc_cols,
    _sentence_evidence,
    country_name,
    run,
)
from app.web.queries.prepared import Prepared


def _statement_date() -> ColumnElement[Any]:
    return func.coalesce(Statement.said_on, Document.published)


def _build_statement_select(*, sentence: bool = True) -> Select[Any]:
    """The statement row's columns; with ``sentence=False`` the sentence's end offset stands where its
    text would (for a caller that has the documents' texts already: cutting the sentence out in SQL
    reads the whole document, a few pages, once per statement)."""
    s_start = func.coalesce(Statement.sentence_start, Statement.start)
    s_end = func.coalesce(Statement.sentence_end, Statement.end)
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
            func.substr(Document.text, s_start + 1, s_end - s_start) if sentence else s_end,
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


def _statement_row(
    r: Sequence[Any],
    texts: dict[int, tuple[DocRef, str]] | None = None,
    refs: dict[Any, Any] | None = None,
) -> StatementRow:
    """A row of ``_statement_select()``; or, with the documents' ``texts``, of
    ``_build_statement_select(sentence=False)`` (the sentence cut from the text here). ``refs``, when
    given, shares one ``ActorRef`` per speaker and one ``EventLink`` per event across the rows."""
    sid, start, end = r[0], r[5], r[6]
    if texts is None:
        doc, sentence = DocRef(*r[15:20]), r[20]
    else:
        doc, body = texts[r[15]]
        sentence = body[r[21] : r[20]]
    if refs is None:
        speaker = ActorRef(r[7], r[8], r[9], r[10], r[11], r[12])
        event = EventLink(r[13], r[14]) if r[13] else None
    else:
        speaker = refs.get(r[7])
        if speaker is None:
            speaker = refs[r[7]] = ActorRef(r[7], r[8], r[9], r[10], r[11], r[12])
        event = refs.get(r[13]) if r[13] else None
        if event is None and r[13]:
            event = refs[r[13]] = EventLink(r[13], r[14])
    return StatementRow(
        sid,
        r[1],
        r[2],
        r[3],
        r[4],
        r[22],
        speaker,
        event,
        doc,
        _sentence_evidence(sentence, r[21], start, end, anchor=f"statement-{sid}", doc=doc),
    )


def _statement_rows(
    session: Session, stmt: Select[Any] | Prepared, params: dict[str, Any] | None = None
) -> list[StatementRow]:
    rows = stmt.all(session, params) if isinstance(stmt, Prepared) else run(session, stmt, params).all()
    return [_statement_row(r) for r in rows]


# the filters' own aliases, so their subqueries never correlate with the row query's joins
_A, _E, _D = aliased(Actor), aliased(Event), aliased(Document)

# ------------------------------------------------------------------------------ filters as SQL
# A request's filters become a *shape* (which filters are set: a small, fixed set of combinations)
# and the *values* to bind. Each shape's statements are built and compiled once (``Prepared``), so
# a request only binds values: building a Select per request and looking it up in SQLAlchemy's
# compiled cache cost more than the SQL they send.

Shape = tuple[Any, ...]
_SHAPES: dict[tuple[Any, ...], Any] = {}  # (what, shape, …) → Prepared; bounded by the combinations
_LIKE_ESCAPE = "/"


def _shaped(key: tuple[Any, ...], build: Any) -> Any:
    found = _SHAPES.get(key)
    if found is None:
        found = _SHAPES.setdefault(key, build())
    return found


def _like_escaped(value: str) -> str:
    """What ``icontains(value, autoescape=True)`` binds: ``/``, ``%`` and ``_`` escaped with ``/``."""
    e = _LIKE_ESCAPE
    return value.replace(e, e + e).replace("%", e + "%").replace("_", e + "_")


def _speakers_shape(slugs: Sequence[str]) -> str:
    return "speaker" if len(slugs) == 1 else "speakers"


def _speaker_values(slugs: Sequence[str]) -> dict[str, Any]:
    return {"speaker": slugs[0]} if len(slugs) == 1 else {"speakers": list(slugs)}


def _filter_shape(filters: StatementFilters) -> tuple[Shape, dict[str, Any]]:
    """(which filters are set, their values by bind parameter name)."""
    shape: list[Any] = []
    values: dict[str, Any] = {}
    if filters.speakers:
        shape.append(_speakers_shape(filters.speakers))
        values.update(_speaker_values(filters.speakers))
    if filters.event:
        shape.append("event")
        values["event"] = filters.event
    if filters.country:
        shape.append("country")
        values["country"] = filters.country.upper()
    if filters.date_from:
        shape.append("from")
        values["date_from"] = filters.date_from
    if filters.date_to:
        shape.append("to")
        values["date_to"] = filters.date_to
    if filters.type:
        shape.append(filters.type)  # two values: part of the shape, so the SQL keeps ``IS 1`` / ``IS 0``
    if filters.q:
        shape.append("q")
        values["q"] = _like_escaped(filters.q)
    return tuple(shape), values


def _speaker_condition(kind: str) -> ColumnElement[bool]:
    if kind == "speaker":
        return Statement.speaker_id == select(_A.id).where(_A.slug == bindparam("speaker")).scalar_subquery()
    return Statement.speaker_id.in_(select(_A.id).where(_A.slug.in_(bindparam("speakers", expanding=True))))


def _shape_conditions(shape: Shape) -> list[ColumnElement[bool]]:
    """The filters on ``statements`` alone (subqueries for slugs and codes), so the planner walks
    the statement indexes; only a date range needs the document (undated statements use its date)."""
    where: list[ColumnElement[bool]] = []
    for kind in ("speaker", "speakers"):
        if kind in shape:
            where.append(_speaker_condition(kind))
    if "event" in shape:
        where.append(Statement.event_id == select(_E.id).where(_E.slug == bindparam("event")).scalar_subquery())
    if "country" in shape:
        where.append(Statement.speaker_id.in_(select(_A.id).where(_A.country_code == bindparam("country"))))
    if "from" in shape or "to" in shape:
        # said_on's range (ix_statements_said_on_id), or an undated statement by its document's date:
        # two index lookups the planner ORs, not a coalesce() over every row
        published = select(_D.published).where(_D.id == Statement.document_id).correlate(Statement).scalar_subquery()
        dated: list[ColumnElement[bool]] = []
        undated: list[ColumnElement[bool]] = [Statement.said_on.is_(None)]
        if "from" in shape:
            date_from = bindparam("date_from", type_=Date)
            dated.append(Statement.said_on >= date_from)
            undated.append(published >= date_from)
        if "to" in shape:
            date_to = bindparam("date_to", type_=Date)
            dated.append(Statement.said_on <= date_to)
            undated.append(published <= date_to)
        where.append(or_(and_(*dated), and_(*undated)))
    if "direct" in shape or "reported" in shape:
        where.append(Statement.direct.is_("direct" in shape))
    if "q" in shape:
        where.append(Statement.text.icontains(bindparam("q", type_=String), escape=_LIKE_ESCAPE))
    return where


COUNT_CAP = 10_000  # the statements page says "more than 10,000" rather than count further
FACET_CAP = 20_000  # speaker counts are skipped ("counts unavailable") above this many statements


Cursor = tuple[dt.date | None, int]


def statement_key(row: StatementRow) -> Cursor:
    """Where a row sits in the keyset order: (``said_on``, id)."""
    return (row.said_on, row.id)


def _count_statements(
    session: Session, filters: StatementFilters, *, dated_only: bool = False, cap: int | None = None
) -> int:
    """How many statements match (on ``statements`` alone, over its indexes); at most ``cap + 1``."""
    shape, values = _filter_shape(filters)

    def build() -> Prepared:
        stmt = select(Statement.id).where(*_shape_conditions(shape))
        if dated_only:
            stmt = stmt.where(Statement.said_on.is_not(None))
        if cap is not None:
            stmt = stmt.limit(bindparam("cap1", type_=Integer))
        return Prepared(select(func.count()).select_from(stmt.subquery()))

    counter: Prepared = _shaped(("count", shape, dated_only, cap is not None), build)
    if cap is not None:
        values["cap1"] = cap + 1
    return int(counter.scalar(session, values) or 0)


def _segment_select(shape: Shape, *, dated: bool, down: bool, bound: str | None, limited: bool = True) -> Select[Any]:
    """One half of the keyset order: dated rows by (``said_on``, id), or undated rows by id.

    Dated rows come first and undated rows last in both sort orders, so each half walks an index
    (``ix_statements_speaker_id_said_on_id`` or ``ix_statements_said_on_id``) instead of sorting.
    ``down`` walks towards smaller keys; ``bound`` (``"dated"`` or ``"undated"``: the kind of
    cursor, bound as ``b_date`` and ``b_id``) is where the walk starts, exclusive.
    """
    stmt = _statement_select().where(*_shape_conditions(shape))
    b_id = bindparam("b_id", type_=Integer)
    if dated:
        stmt = stmt.where(Statement.said_on.is_not(None))
        if bound == "dated":
            key, value = tuple_(Statement.said_on, Statement.id), tuple_(bindparam("b_date", type_=Date), b_id)
            stmt = stmt.where(key < value if down else key > value)
        order = (Statement.said_on.desc(), Statement.id.desc()) if down else (Statement.said_on, Statement.id)
    else:
        stmt = stmt.where(Statement.said_on.is_(None))
        if bound == "undated":
            stmt = stmt.where(Statement.id < b_id if down else Statement.id > b_id)
        order = (Statement.id.desc(),) if down else (Statement.id,)
    stmt = stmt.order_by(*order)
    if limited:
        stmt = stmt.limit(bindparam("limit", type_=Integer)).offset(bindparam("offset", type_=Integer))
    return stmt


def _segment(
    filters: StatementFilters, *, dated: bool, down: bool, bound: Cursor | None, limited: bool = True
) -> tuple[Prepared, dict[str, Any]]:
    """The prepared half (see ``_segment_select``) for ``filters``, and the values to bind."""
    shape, values = _filter_shape(filters)
    kind = None
    if bound is not None and dated and bound[0] is not None:
        kind = "dated"
        values.update(b_date=bound[0], b_id=bound[1])
    elif bound is not None and not dated and bound[0] is None:
        kind = "undated"
        values["b_id"] = bound[1]
    key = ("segment", shape, dated, down, kind, limited)
    prepared = _shaped(
        key, lambda: Prepared(_segment_select(shape, dated=dated, down=down, bound=kind, limited=limited))
    )
    return prepared, values


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
        n_dated = _count_statements(session, filters, dated_only=True)
        if offset >= n_dated:
            halves, offset = [False], offset - n_dated
    rows: list[StatementRow] = []
    for i, dated in enumerate(halves):
        if len(rows) >= limit:
            break
        prepared, values = _segment(filters, dated=dated, down=down, bound=cursor if i == 0 else None)
        values.update(limit=limit - len(rows), offset=offset if i == 0 else 0)
        rows += _statement_rows(session, prepared, values)
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
        prepared, values = _segment(filters, dated=dated, down=down, bound=None, limited=False)
        for r in session.execute(prepared.stmt, values, execution_options={"yield_per": batch}):
            yield _statement_row(r)


@dataclass(frozen=True, slots=True)
class SpeakerFacet:
    """The speakers to offer as checkboxes: the top ones under the other filters, and the chosen ones.

    ``counted`` is False when the other filters leave too many statements to count per speaker on
    each request: the options are then the busiest speakers overall, without counts.
    """

    options: list[Option]
    counted: bool = True


def _speaker_counts_select(shape: Shape, *, topped: bool) -> Select[Any]:
    """Speakers by statements matching ``shape``: GROUP BY ``speaker_id`` over the statement index
    the filters select (by event, by speaker), then the top ones' names by primary key."""
    n = func.count().label("n")
    grouped = (
        select(Statement.speaker_id, n)
        .where(*_shape_conditions(shape))
        .group_by(Statement.speaker_id)
        .order_by(n.desc())
    )
    if topped:
        grouped = grouped.limit(bindparam("top", type_=Integer))
    counts = grouped.subquery()
    return (
        select(Actor.slug, Actor.name, counts.c.n)
        .join(counts, counts.c.speaker_id == Actor.id)
        .order_by(counts.c.n.desc(), Actor.name)
    )


def _speaker_counts(session: Session, shape: Shape, values: dict[str, Any], *, top: int | None) -> list[Option]:
    key = ("speaker-counts", shape, top is not None)
    prepared: Prepared = _shaped(key, lambda: Prepared(_speaker_counts_select(shape, topped=top is not None)))
    if top is not None:
        values = {**values, "top": top}
    return [Option(slug, name, int(k)) for slug, name, k in prepared.all(session, values)]


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
        shape, values = _filter_shape(others)
        shown = _speaker_counts(session, shape, values, top=top)
    missing = [s for s in filters.speakers if s not in {o.value for o in shown}]
    if missing:
        found: dict[str, Option] = {}
        if counted:
            shape, values = _filter_shape(others)
            kind = _speakers_shape(missing)
            values.update(_speaker_values(missing))
            found = {o.value: o for o in _speaker_counts(session, (kind, *shape), values, top=None)}
        names = actor_names(session, slugs=[s for s in missing if s not in found])
        shown = shown + [found.get(s) or Option(s, names.get(s, s), 0) for s in missing]
    return SpeakerFacet(shown, counted)


_GET_STATEMENT = Prepared(_statement_select().where(Statement.id == bindparam("statement_id")))


def get_statement(session: Session, *, statement_id: int) -> StatementRow | None:
    rows = _statement_rows(session, _GET_STATEMENT, {"statement_id": statement_id})
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
    speakers = _speaker_counts(session, (), {}, top=TOP_SPEAKERS)
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


_ACTOR_NAMES = Prepared(select(Actor.slug, Actor.name).where(Actor.slug.in_(bindparam("slugs", expanding=True))))
_EVENT_NAMES = Prepared(select(Event.slug, Event.name).where(Event.slug.in_(bindparam("slugs", expanding=True))))


def actor_names(session: Session, *, slugs: Sequence[str]) -> dict[str, str]:
    if not slugs:
        return {}
    return dict(_ACTOR_NAMES.all(session, {"slugs": list(slugs)}))


def event_names(session: Session, *, slugs: Sequence[str]) -> dict[str, str]:
    if not slugs:
        return {}
    return dict(_EVENT_NAMES.all(session, {"slugs": list(slugs)}))
