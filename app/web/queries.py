"""The read side: every query a page or the API needs.

Keyword-only functions taking a ``Session`` and returning plain frozen dataclasses, so templates
and the JSON API never touch ORM objects or lazy loads. Each page costs a fixed handful of
queries (joins and ``IN`` lists, no per-row queries); the filters map onto the indexes declared
in ``app/db/models.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import pycountry
from markupsafe import Markup, escape
from sqlalchemy import ColumnElement, Select, extract, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    Actor,
    Agreement,
    AgreementParty,
    Document,
    Event,
    EventSource,
    Mention,
    Participation,
    Statement,
)
from app.web import urls
from app.web.filters import EventFilters, SearchParams, StatementFilters
from app.web.highlight import Paragraph, Span, paragraphs

T = TypeVar("T")

ROLE_RANK = {"convenor": 0, "host": 1, "participant": 2, "attendee": 3, "mentioned": 4}


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class ActorRef:
    id: int
    slug: str
    kind: str
    name: str
    role: str | None = None
    country_code: str | None = None

    @property
    def url(self) -> str:
        return urls.actor(self)


@dataclass(frozen=True, slots=True)
class DocRef:
    id: int
    title: str
    outlet: str | None
    published: dt.date | None
    source_url: str | None

    @property
    def url(self) -> str:
        return urls.document(self.id)


@dataclass(frozen=True, slots=True)
class EventLink:
    slug: str
    name: str

    @property
    def url(self) -> str:
        return urls.event(self.slug)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A fact's source: the sentence around it, the span itself, the document and its anchor."""

    document: DocRef
    start: int
    end: int
    before: str
    marked: str
    after: str
    anchor: str

    @property
    def url(self) -> str:
        return urls.document(self.document.id, anchor=self.anchor)


@dataclass(frozen=True, slots=True)
class EventSummary:
    id: int
    slug: str
    name: str
    kind: str
    start_date: dt.date | None
    end_date: dt.date | None
    date_precision: str
    city: str | None
    country_code: str | None
    venue: str | None
    n_sources: int = 0
    n_statements: int = 0
    n_participants: int = 0

    @property
    def url(self) -> str:
        return urls.event(self.slug)

    @property
    def country_name(self) -> str | None:
        return country_name(self.country_code) if self.country_code else None


@dataclass(frozen=True, slots=True)
class StatementRow:
    id: int
    text: str
    direct: bool
    cue: str | None
    said_on: dt.date | None
    date: dt.date | None  # said_on, else the document's publication date
    speaker: ActorRef
    event: EventLink | None
    document: DocRef
    evidence: Evidence

    @property
    def url(self) -> str:
        return urls.statement(self.id)


@dataclass(frozen=True, slots=True)
class PageOf(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.total, self.page * self.per_page)


@dataclass(frozen=True, slots=True)
class Counts:
    documents: int
    events: int
    statements: int
    people: int
    countries: int
    organisations: int
    agreements: int


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Participant:
    actor: ActorRef
    role: str
    evidence: list[Evidence]


@dataclass(frozen=True, slots=True)
class AgreementRow:
    id: int
    text: str
    status: str
    parties: list[ActorRef]
    event: EventLink | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class SourceRow:
    document: DocRef
    name: str  # the event's name as this document gives it
    date_text: str | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class SpeakerGroup:
    speaker: ActorRef
    statements: list[StatementRow]


@dataclass(frozen=True, slots=True)
class EventDetail:
    event: EventSummary
    summary: str | None
    convenors: list[Participant]
    participants: list[Participant]
    speakers: list[SpeakerGroup]
    agreements: list[AgreementRow]
    sources: list[SourceRow]
    documents: list[DocRef]

    @property
    def n_statements(self) -> int:
        return sum(len(g.statements) for g in self.speakers)


@dataclass(frozen=True, slots=True)
class ActorEvent:
    event: EventSummary
    role: str


@dataclass(frozen=True, slots=True)
class DocumentMentions:
    document: DocRef
    mentions: int


@dataclass(frozen=True, slots=True)
class ActorDetail:
    actor: ActorRef
    aliases: list[str]
    events: list[ActorEvent]
    statements: PageOf[StatementRow]
    agreements: list[AgreementRow]
    documents: list[DocumentMentions]


@dataclass(frozen=True, slots=True)
class PersonCount:
    actor: ActorRef
    statements: int


@dataclass(frozen=True, slots=True)
class CountryDetail:
    code: str  # lower case, as in the URL
    name: str
    actor: ActorDetail | None
    events_held: list[EventSummary]
    people: list[PersonCount]


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    document: DocRef
    subtitle: str | None
    path: str
    ingested_at: dt.datetime
    extractor_version: str
    paragraphs: list[Paragraph]
    events: list[EventLink]
    statements: list[StatementRow]
    agreements: list[AgreementRow]
    actors: list[tuple[ActorRef, int]]
    n_spans: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str
    title: str
    snippet: Markup
    url: str
    document: DocRef | None
    rank: float


@dataclass(frozen=True, slots=True)
class SearchResults:
    q: str | None
    hits: PageOf[SearchHit]
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------- helpers


def country_name(code: str | None) -> str:
    if not code:
        return ""
    found = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if found is None and len(code) == 3:
        found = pycountry.countries.get(alpha_3=code.upper())
    if found is None:
        return code.upper()
    return str(getattr(found, "common_name", None) or found.name)


def _actor_ref(a: Actor) -> ActorRef:
    return ActorRef(a.id, a.slug, a.kind, a.name, a.role, a.country_code)


def _doc_cols() -> tuple[Any, ...]:
    return (Document.id, Document.title, Document.outlet, Document.published, Document.source_url)


def _doc_ref(row: Any, offset: int = 0) -> DocRef:
    return DocRef(*(row[offset : offset + 5]))


def _event_summary(e: Event, n_sources: int = 0, n_statements: int = 0, n_participants: int = 0) -> EventSummary:
    return EventSummary(
        e.id,
        e.slug,
        e.name,
        e.kind,
        e.start_date,
        e.end_date,
        e.date_precision,
        e.city,
        e.country_code,
        e.venue,
        n_sources,
        n_statements,
        n_participants,
    )


_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")


def context_window(text_: str, start: int, end: int, *, anchor: str, doc: DocRef, width: int = 200) -> Evidence:
    """The sentence around ``text_[start:end]`` (bounded by the line and ``width`` characters)."""
    start = max(0, min(start, len(text_)))
    end = max(start, min(end, len(text_)))
    line_start = text_.rfind("\n", 0, start) + 1
    left = max(line_start, start - width)
    before = text_[left:start]
    cuts = list(_SENTENCE_END.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    elif left > line_start:
        before = "…" + before.lstrip()
    line_end = text_.find("\n", end)
    if line_end < 0:
        line_end = len(text_)
    right = min(line_end, end + width)
    after = text_[end:right]
    m = _SENTENCE_END.search(after)
    if m:
        after = after[: m.start() + 1]
    elif right < line_end:
        after = after.rstrip() + "…"
    return Evidence(doc, start, end, before, text_[start:end], after, anchor)


def _sentence_evidence(
    sentence: str | None, sentence_start: int | None, start: int, end: int, *, anchor: str, doc: DocRef
) -> Evidence:
    if sentence is None or sentence_start is None:
        return Evidence(doc, start, end, "", "", "", anchor)
    a = max(0, start - sentence_start)
    b = max(a, end - sentence_start)
    return Evidence(doc, start, end, sentence[:a], sentence[a:b], sentence[b:], anchor)


def _count(session: Session, stmt: Select[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)


# --------------------------------------------------------------------------- home


def counts(session: Session) -> Counts:
    def n(model: Any, *where: ColumnElement[bool]) -> Any:
        return select(func.count()).select_from(model).where(*where).scalar_subquery()

    row = session.execute(
        select(
            n(Document),
            n(Event),
            n(Statement),
            n(Actor, Actor.kind == "person"),
            n(Actor, Actor.kind == "country"),
            n(Actor, Actor.kind == "organisation"),
            n(Agreement),
        )
    ).one()
    return Counts(*(int(v or 0) for v in row))


# --------------------------------------------------------------------------- events


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
    if filters.year:
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


def list_events(session: Session, *, filters: EventFilters) -> PageOf[EventSummary]:
    where = _event_conditions(filters)
    base = select(Event).where(*where)
    total = _count(session, base)
    order = (
        (Event.start_date.is_(None), Event.start_date.asc(), Event.id.asc())
        if filters.sort == "date"
        else (Event.start_date.is_(None), Event.start_date.desc(), Event.id.desc())
    )
    per = filters.PER_PAGE
    rows = session.execute(
        select(Event, *_event_counts()).where(*where).order_by(*order).limit(per).offset((filters.page - 1) * per)
    ).all()
    return PageOf([_event_summary(*r) for r in rows], total, filters.page, per)


def recent_events(session: Session, *, limit: int = 8) -> list[EventSummary]:
    return list_events(session, filters=EventFilters()).items[:limit]


@dataclass(frozen=True, slots=True)
class EventOptions:
    kinds: list[Option]
    countries: list[Option]
    years: list[Option]
    participants: list[Option]


_OPTIONS_CACHE: dict[tuple[str, str, tuple[Any, ...]], Any] = {}


def _data_version(session: Session) -> tuple[Any, ...]:
    """Changes whenever the store adds or replaces anything: the highest ids (primary-key lookups)."""

    def top(col: Any) -> Any:
        return select(func.max(col)).scalar_subquery()

    return tuple(session.execute(select(top(Document.id), top(Statement.id), top(Event.id), top(Actor.id))).one())


def _cached(session: Session, name: str, build: Any) -> Any:
    """Facet lists count over whole tables: build them once per database version, not per request."""
    key = (str(session.get_bind().url), name, _data_version(session))
    if key not in _OPTIONS_CACHE:
        if len(_OPTIONS_CACHE) > 32:
            _OPTIONS_CACHE.clear()
        _OPTIONS_CACHE[key] = build(session)
    return _OPTIONS_CACHE[key]


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
    participants = [
        Option(slug, name, n)
        for slug, name, n in session.execute(
            select(Actor.slug, Actor.name, func.count(func.distinct(Participation.event_id)))
            .join(Participation, Participation.actor_id == Actor.id)
            .group_by(Actor.id, Actor.slug, Actor.name)
            .order_by(Actor.name)
        )
    ]
    return EventOptions(kinds, countries, years, participants)


def _load_texts(session: Session, doc_ids: set[int]) -> dict[int, tuple[DocRef, str]]:
    if not doc_ids:
        return {}
    rows = session.execute(select(*_doc_cols(), Document.text).where(Document.id.in_(sorted(doc_ids)))).all()
    return {r[0]: (_doc_ref(r), r[5]) for r in rows}


def _agreements(
    session: Session, where: ColumnElement[bool], texts: dict[int, tuple[DocRef, str]] | None = None
) -> list[AgreementRow]:
    rows = session.execute(
        select(Agreement, Event.slug, Event.name)
        .outerjoin(Event, Event.id == Agreement.event_id)
        .where(where)
        .order_by(Agreement.document_id, Agreement.start)
    ).all()
    if not rows:
        return []
    ids = [r[0].id for r in rows]
    parties: dict[int, list[ActorRef]] = defaultdict(list)
    for agreement_id, actor in session.execute(
        select(AgreementParty.agreement_id, Actor)
        .join(Actor, Actor.id == AgreementParty.actor_id)
        .where(AgreementParty.agreement_id.in_(ids))
        .order_by(Actor.name)
    ):
        parties[agreement_id].append(_actor_ref(actor))
    if texts is None:
        texts = {}
    missing = {r[0].document_id for r in rows} - texts.keys()
    texts = {**texts, **_load_texts(session, missing)}
    out = []
    for ag, ev_slug, ev_name in rows:
        doc, body = texts[ag.document_id]
        out.append(
            AgreementRow(
                ag.id,
                ag.text,
                ag.status,
                parties[ag.id],
                EventLink(ev_slug, ev_name) if ev_slug else None,
                context_window(body, ag.start, ag.end, anchor=f"agreement-{ag.id}", doc=doc),
            )
        )
    return out


def get_event(session: Session, *, slug: str) -> EventDetail | None:
    found = session.execute(select(Event, *_event_counts()).where(Event.slug == slug)).one_or_none()
    if found is None:
        return None
    event = found[0]
    summary = _event_summary(*found)

    parts = session.execute(
        select(Participation, Actor)
        .join(Actor, Actor.id == Participation.actor_id)
        .where(Participation.event_id == event.id)
        .order_by(Actor.name, Participation.document_id, Participation.start)
    ).all()
    sources = (
        session.execute(
            select(EventSource)
            .where(EventSource.event_id == event.id)
            .order_by(EventSource.document_id, EventSource.start)
        )
        .scalars()
        .all()
    )
    doc_ids = {p.document_id for p, _ in parts} | {s.document_id for s in sources}
    doc_ids |= set(session.scalars(select(Agreement.document_id).where(Agreement.event_id == event.id)))
    texts = _load_texts(session, doc_ids)

    by_actor: dict[int, tuple[ActorRef, str, list[Evidence]]] = {}
    for p, actor in parts:
        doc, body = texts[p.document_id]
        ev = context_window(body, p.start, p.end, anchor=urls.span_anchor(p.start, p.end), doc=doc)
        if actor.id in by_actor:
            ref, role, evs = by_actor[actor.id]
            if ROLE_RANK.get(p.role, 9) < ROLE_RANK.get(role, 9):
                role = p.role
            by_actor[actor.id] = (ref, role, [*evs, ev])
        else:
            by_actor[actor.id] = (_actor_ref(actor), p.role, [ev])
    people = [Participant(ref, role, evs) for ref, role, evs in by_actor.values()]
    convenors = [p for p in people if p.role in ("convenor", "host")]
    others = [p for p in people if p.role not in ("convenor", "host")]

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

    statements = _statement_rows(
        session,
        _statement_select()
        .where(Statement.event_id == event.id)
        .order_by(Actor.name, _statement_date(), Statement.document_id, Statement.start),
    )
    groups: dict[int, SpeakerGroup] = {}
    for st in statements:
        groups.setdefault(st.speaker.id, SpeakerGroup(st.speaker, [])).statements.append(st)

    return EventDetail(
        summary,
        event.summary,
        convenors,
        others,
        list(groups.values()),
        _agreements(session, Agreement.event_id == event.id, texts),
        source_rows,
        documents,
    )


# --------------------------------------------------------------------------- statements


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


def _statements_ordered(filters: StatementFilters) -> Select[Any]:
    """Newest first by ``said_on`` (undated last), so a speaker's page walks
    ``ix_statements_speaker_id_said_on_id`` instead of sorting all their statements.
    (``DESC`` puts NULLs last on SQLite already; ``nulls_last`` says so on PostgreSQL.)"""
    return (
        _statement_select()
        .where(*_statement_conditions(filters))
        .order_by(Statement.said_on.desc().nulls_last(), Statement.document_id.desc(), Statement.start, Statement.id)
    )


def list_statements(
    session: Session, *, filters: StatementFilters, per_page: int | None = None
) -> PageOf[StatementRow]:
    per = per_page or filters.PER_PAGE
    total = _count(
        session,
        select(Statement.id)
        .join(Actor, Actor.id == Statement.speaker_id)
        .join(Document, Document.id == Statement.document_id)
        .outerjoin(Event, Event.id == Statement.event_id)
        .where(*_statement_conditions(filters)),
    )
    rows = _statement_rows(session, _statements_ordered(filters).limit(per).offset((filters.page - 1) * per))
    return PageOf(rows, total, filters.page, per)


def iter_statements(session: Session, *, filters: StatementFilters, batch: int = 500) -> Iterator[StatementRow]:
    """Every statement matching ``filters`` (all pages), streamed in batches for the CSV export."""
    result = session.execute(_statements_ordered(filters).execution_options(yield_per=batch))
    for r in result:
        yield _statement_row(r)


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


# --------------------------------------------------------------------------- actors


def _actor_events(session: Session, actor_id: int) -> list[ActorEvent]:
    rows = session.execute(
        select(Event, Participation.role, *_event_counts())
        .join(Participation, Participation.event_id == Event.id)
        .where(Participation.actor_id == actor_id)
        .order_by(Event.start_date.is_(None), Event.start_date.desc(), Event.id)
    ).all()
    best: dict[int, ActorEvent] = {}
    for e, role, *n in rows:
        prev = best.get(e.id)
        if prev is None or ROLE_RANK.get(role, 9) < ROLE_RANK.get(prev.role, 9):
            best[e.id] = ActorEvent(_event_summary(e, *n), role)
    return list(best.values())


def _actor_detail(session: Session, actor: Actor, *, statements_limit: int = 20) -> ActorDetail:
    ref = _actor_ref(actor)
    statements = list_statements(session, filters=StatementFilters(speakers=(actor.slug,)), per_page=statements_limit)
    agreements = _agreements(
        session, Agreement.id.in_(select(AgreementParty.agreement_id).where(AgreementParty.actor_id == actor.id))
    )
    docs = [
        DocumentMentions(_doc_ref(r), int(r[5]))
        for r in session.execute(
            select(*_doc_cols(), func.count(Mention.id))
            .join(Mention, Mention.document_id == Document.id)
            .where(Mention.actor_id == actor.id)
            .group_by(*_doc_cols())
            .order_by(Document.published.desc(), Document.id.desc())
            .limit(100)
        )
    ]
    return ActorDetail(ref, list(actor.aliases or []), _actor_events(session, actor.id), statements, agreements, docs)


def get_actor(session: Session, *, slug: str, kinds: Sequence[str]) -> ActorDetail | None:
    actor = session.scalar(select(Actor).where(Actor.slug == slug, Actor.kind.in_(list(kinds))))
    return _actor_detail(session, actor) if actor else None


def get_country(session: Session, *, code: str) -> CountryDetail | None:
    code_u = code.upper()
    actor = session.scalar(
        select(Actor).where(Actor.kind == "country", Actor.country_code == code_u).order_by(Actor.id).limit(1)
    )
    held = list_events_where(session, Event.country_code == code_u)
    people = [
        PersonCount(_actor_ref(a), int(n))
        for a, n in session.execute(
            select(Actor, func.count(Statement.id))
            .outerjoin(Statement, Statement.speaker_id == Actor.id)
            .where(Actor.kind == "person", Actor.country_code == code_u)
            .group_by(Actor.id)
            .order_by(func.count(Statement.id).desc(), Actor.name)
        )
    ]
    if actor is None and not held and not people:
        return None
    name = actor.name if actor else country_name(code_u)
    return CountryDetail(code.lower(), name, _actor_detail(session, actor) if actor else None, held, people)


def list_events_where(session: Session, *where: ColumnElement[bool]) -> list[EventSummary]:
    rows = session.execute(
        select(Event, *_event_counts())
        .where(*where)
        .order_by(Event.start_date.is_(None), Event.start_date.desc(), Event.id.desc())
    ).all()
    return [_event_summary(*r) for r in rows]


# --------------------------------------------------------------------------- documents


def get_document(session: Session, *, doc_id: int) -> DocumentDetail | None:
    doc = session.get(Document, doc_id)
    if doc is None:
        return None
    ref = DocRef(doc.id, doc.title, doc.outlet, doc.published, doc.source_url)
    spans: list[Span] = []

    statements = _statement_rows(
        session, _statement_select().where(Statement.document_id == doc_id).order_by(Statement.start, Statement.id)
    )
    for st in statements:
        how = "quoted" if st.direct else "reported"
        spans.append(
            Span(
                st.evidence.start,
                st.evidence.end,
                "statement",
                f"Statement by {st.speaker.name} ({how})",
                f"statement-{st.id}",
                urls.statement(st.id),
            )
        )

    agreements = _agreements(session, Agreement.document_id == doc_id, {doc.id: (ref, doc.text)})
    for ag in agreements:
        spans.append(
            Span(
                ag.evidence.start,
                ag.evidence.end,
                "agreement",
                f"Agreement ({ag.status})",
                f"agreement-{ag.id}",
                urls.event(ag.event.slug, anchor=f"agreement-{ag.id}") if ag.event else None,
            )
        )

    events: dict[str, EventLink] = {}
    for s, slug, name in session.execute(
        select(EventSource, Event.slug, Event.name)
        .join(Event, Event.id == EventSource.event_id)
        .where(EventSource.document_id == doc_id)
        .order_by(EventSource.start)
    ):
        events.setdefault(slug, EventLink(slug, name))
        spans.append(
            Span(s.start, s.end, "event", f"Event: {name}", urls.span_anchor(s.start, s.end), urls.event(slug))
        )

    for p, slug, ev_name, actor in session.execute(
        select(Participation, Event.slug, Event.name, Actor)
        .join(Event, Event.id == Participation.event_id)
        .join(Actor, Actor.id == Participation.actor_id)
        .where(Participation.document_id == doc_id)
    ):
        events.setdefault(slug, EventLink(slug, ev_name))
        spans.append(
            Span(
                p.start,
                p.end,
                "participation",
                f"{actor.name}: {p.role} of {ev_name}",
                urls.span_anchor(p.start, p.end),
                urls.event(slug),
            )
        )

    actor_counts: dict[int, tuple[ActorRef, int]] = {}
    for m, actor in session.execute(
        select(Mention, Actor).join(Actor, Actor.id == Mention.actor_id).where(Mention.document_id == doc_id)
    ):
        ref_a = _actor_ref(actor)
        prev = actor_counts.get(actor.id)
        actor_counts[actor.id] = (ref_a, (prev[1] if prev else 0) + 1)
        spans.append(Span(m.start, m.end, "mention", actor.name, urls.span_anchor(m.start, m.end), ref_a.url))

    n_lines_title = 1 + (1 if doc.subtitle else 0)
    return DocumentDetail(
        ref,
        doc.subtitle,
        doc.path,
        doc.ingested_at,
        doc.extractor_version,
        paragraphs(doc.text, spans, title_lines=n_lines_title),
        list(events.values()),
        statements,
        agreements,
        sorted(actor_counts.values(), key=lambda p: (-p[1], p[0].name)),
        len(spans),
    )


# --------------------------------------------------------------------------- search

_OPEN, _CLOSE = "\x02", "\x03"


class SearchSyntaxError(ValueError):
    pass


_TOKEN = re.compile(r'"([^"]*)"(\*?)|(\S+)')


def fts5_query(q: str) -> str:
    """A user's query as a safe FTS5 expression.

    Words are ANDed; ``"a phrase"`` stays a phrase; ``word*`` is a prefix; ``OR`` between two
    terms is kept. Every term is quoted, so punctuation cannot break the FTS5 syntax.
    """
    if q.count('"') % 2:
        raise SearchSyntaxError("A quotation mark is not closed: phrases go between two double quotes.")
    parts: list[str] = []
    for m in _TOKEN.finditer(q):
        phrase, star, word = m.group(1), m.group(2), m.group(3)
        if word is not None and word == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        if phrase is not None:
            term, prefix = phrase.strip(), bool(star)
        else:
            prefix = word.endswith("*")
            term = word.rstrip("*")
        term = re.sub(r"[^\w\s'’.-]", " ", term).strip()
        if not re.search(r"\w", term):
            continue
        parts.append('"' + term.replace('"', "") + '"' + ("*" if prefix else ""))
    while parts and parts[-1] == "OR":
        parts.pop()
    if parts and parts[0] == "OR":
        parts.pop(0)
    if not parts:
        raise SearchSyntaxError('There is nothing to search for: type a word, a "phrase" or a prefix such as summ*.')
    return " ".join(parts)


def _snippet(raw: str | None) -> Markup:
    return Markup(str(escape(raw or ""))).replace(_OPEN, Markup("<mark>")).replace(_CLOSE, Markup("</mark>"))


def _search_rows(session: Session, q: str, limit: int, offset: int) -> tuple[int, list[Any]]:
    """The one place that knows each dialect's full-text syntax."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        match = fts5_query(q)
        total = session.execute(
            text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :q"), {"q": match}
        ).scalar()
        rows = session.execute(
            text(
                "SELECT se.kind, se.ref_id, se.document_id, se.title, "
                f"snippet(search_fts, -1, '{_OPEN}', '{_CLOSE}', '…', 24) AS snip, "
                "bm25(search_fts, 4.0, 1.0) AS rank "
                "FROM search_fts JOIN search_entries se ON se.id = search_fts.rowid "
                "WHERE search_fts MATCH :q ORDER BY rank, se.id LIMIT :limit OFFSET :offset"
            ),
            {"q": match, "limit": limit, "offset": offset},
        ).all()
        return int(total or 0), list(rows)
    tsq = "websearch_to_tsquery('english', :q)"
    total = session.execute(text(f"SELECT count(*) FROM search_entries WHERE tsv @@ {tsq}"), {"q": q}).scalar()
    rows = session.execute(
        text(
            "SELECT kind, ref_id, document_id, title, "
            f"ts_headline('english', body, {tsq}, "
            f"'StartSel={_OPEN}, StopSel={_CLOSE}, MaxWords=40, MinWords=15, MaxFragments=2') AS snip, "
            f"-ts_rank_cd(tsv, {tsq}) AS rank "
            f"FROM search_entries WHERE tsv @@ {tsq} ORDER BY rank, id LIMIT :limit OFFSET :offset"
        ),
        {"q": q, "limit": limit, "offset": offset},
    ).all()
    return int(total or 0), list(rows)


def search(session: Session, *, params: SearchParams) -> SearchResults:
    per = params.PER_PAGE
    if not params.q:
        return SearchResults(None, PageOf([], 0, 1, per))
    try:
        total, rows = _search_rows(session, params.q, per, (params.page - 1) * per)
    except SearchSyntaxError as exc:
        return SearchResults(params.q, PageOf([], 0, params.page, per), str(exc))
    except DBAPIError as exc:
        session.rollback()
        msg = str(getattr(exc, "orig", exc)).split("\n")[0]
        return SearchResults(
            params.q, PageOf([], 0, params.page, per), f"The search engine could not read that query ({msg})."
        )

    event_ids = [r.ref_id for r in rows if r.kind == "event"]
    slugs = (
        dict(session.execute(select(Event.id, Event.slug).where(Event.id.in_(event_ids))).all()) if event_ids else {}
    )
    doc_ids = {r.document_id for r in rows if r.document_id is not None}
    docs = (
        {r[0]: _doc_ref(r) for r in session.execute(select(*_doc_cols()).where(Document.id.in_(doc_ids)))}
        if doc_ids
        else {}
    )
    hits = []
    for r in rows:
        if r.kind == "statement":
            url = urls.statement(r.ref_id)
        elif r.kind == "event":
            if r.ref_id not in slugs:
                continue
            url = urls.event(slugs[r.ref_id])
        else:
            url = urls.document(r.ref_id)
        hits.append(SearchHit(r.kind, r.title, _snippet(r.snip), url, docs.get(r.document_id), float(r.rank or 0)))
    return SearchResults(params.q, PageOf(hits, total, params.page, per))


def is_empty(session: Session) -> bool:
    return session.scalar(select(Document.id).limit(1)) is None
