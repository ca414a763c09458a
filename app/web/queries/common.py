"""Records (frozen dataclasses) and helpers shared by the query modules."""

from __future__ import annotations

import datetime as dt
import re
import threading
import weakref
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, TypeVar

import pycountry
from markupsafe import Markup
from sqlalchemy import ColumnElement, Connection, Select, bindparam, func, inspect, select
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from app.db.models import (
    Actor,
    Agreement,
    AgreementParty,
    DataState,
    Document,
    Event,
    Statement,
)
from app.web import urls
from app.web.highlight import Paragraph
from app.web.queries.prepared import Prepared

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

    @property
    def source_line(self) -> str:
        """``The Example Times, 11 April 2025``: how a fact's source is named in a list."""
        return _source_line(self.outlet, self.published)


@lru_cache(maxsize=4096)
def _source_line(outlet: str | None, published: dt.date | None) -> str:
    name = outlet or "Source"
    return f"{name}, {published.day} {published:%B %Y}" if published else name


def _truncate(value: str, length: int = 80, end: str = "...", leeway: int = 5) -> str:
    """Jinja2's ``truncate`` filter (at a word boundary), for text built in Python."""
    if len(value) <= length + leeway:
        return value
    return value[: length - len(end)].rsplit(" ", 1)[0] + end


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

    @property
    def link_title(self) -> str:
        """A link's tooltip: the source, and the words it supports."""
        line = self.document.source_line
        return f"{line}: “{_truncate(self.marked)}”" if self.marked else line


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
    support: list[FieldSupport] = field(default_factory=list)

    @property
    def n_statements(self) -> int:
        return sum(len(g.statements) for g in self.speakers)


@dataclass(frozen=True, slots=True)
class ActorEvent:
    event: EventSummary
    role: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FieldSupport:
    """How many of an event's sources state one of its fields, and where."""

    field: str  # date | place
    value: str  # the field as the sources write it (the first found)
    evidence: list[Evidence]
    n_documents: int  # documents stating it
    of: int  # documents reporting the event


@dataclass(frozen=True, slots=True)
class CoParticipant:
    actor: ActorRef
    events: int


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
    co_participants: list[CoParticipant] = field(default_factory=list)


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
    statements_about: list[StatementRow] = field(default_factory=list)


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
class ActorHit:
    """A person, country or organisation whose name (or an alias) matches the query."""

    actor: ActorRef
    name: Markup  # the name with the matched words in <mark>
    alias: Markup | None  # the alias that matched, when the name did not


@dataclass(frozen=True, slots=True)
class SearchResults:
    q: str | None
    hits: PageOf[SearchHit]
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    actors: list[ActorHit] = field(default_factory=list)
    capped: bool = False  # more matches than were counted and ranked (``hits.total`` is the cap)

    @property
    def total(self) -> int:
        return self.hits.total + len(self.actors)


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


_LONGER_LOWER = "\u0130"  # the only code point whose str.lower() is not one character


def locate_near(text_: str, needle: str | None, near: int, *, within: int = 600) -> tuple[int, int] | None:
    """The occurrence of ``needle`` in ``text_`` closest to offset ``near`` (case-insensitive,
    at most ``within`` characters away), as a (start, end) span; None when there is none."""
    if not needle or not needle.strip():
        return None
    pin = needle.strip().lower()
    lo = max(0, near - within)
    hi = min(len(text_), near + within + len(pin))
    # Lower-case only the window searched (a document is thousands of characters; this runs a few
    # times per source on the event page), unless the text holds the one character whose lower case
    # is longer (U+0130, "İ"): then the whole text, as ever, so the offsets found stay the same.
    if _LONGER_LOWER in text_:
        hay, base = text_.lower(), 0
    else:
        hay, base = text_[lo:hi].lower(), lo
    best: tuple[int, int] | None = None
    i = hay.find(pin, lo - base, hi - base)
    while i >= 0:
        j = i + base
        if best is None or abs(j - near) < abs(best[0] - near):
            best = (j, j + len(pin))
        i = hay.find(pin, i + 1, hi - base)
    return best


def event_field_spans(
    text_: str, *, source_start: int, date_text: str | None, places: Sequence[str | None]
) -> dict[str, tuple[int, int]]:
    """Where a document states an event's date and place, near the span that names the event.

    One function for the event page (which counts and links these) and the document page
    (which highlights them under the same ``span-S-E`` anchors).
    """
    found: dict[str, tuple[int, int]] = {}
    if date_span := locate_near(text_, date_text, source_start):
        found["date"] = date_span
    for place in places:
        if place_span := locate_near(text_, place, source_start, within=2000):
            found["place"] = place_span
            break
    return found


def run(session: Session | Connection, stmt: Any, params: dict[str, Any] | None = None) -> CursorResult[Any]:
    """Execute a Core statement (plain columns) on the session's connection (or on a ``Connection``),
    skipping the ORM's execution layer: the hot read paths never load entities."""
    conn = session if isinstance(session, Connection) else session.connection()
    return conn.execute(stmt, params)


def _count(session: Session, stmt: Select[Any]) -> int:
    return int(run(session, select(func.count()).select_from(stmt.order_by(None).subquery())).scalar() or 0)


class Lru:
    """A small thread-safe LRU map with a fixed number of entries (bounded memory)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Any | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_OPTIONS_CACHE = Lru(32)


def _top(col: Any) -> Any:
    return select(func.max(col)).scalar_subquery()


_TOPS = (_top(Document.id), _top(Statement.id), _top(Event.id), _top(Actor.id))
_DATA_VERSION = Prepared(select(select(DataState.generation).where(DataState.id == 1).scalar_subquery(), *_TOPS))
_IDS_ONLY = Prepared(select(*_TOPS))  # a database not yet migrated to the generation's table
_HAS_GENERATION: weakref.WeakKeyDictionary[Any, bool] = weakref.WeakKeyDictionary()  # per engine


def data_version(session: Session) -> tuple[Any, ...]:
    """Changes whenever the store adds or replaces anything: the data's generation, which every write
    transaction bumps (the highest ids alone miss a replaced document whose new rows reuse its old
    ids), and the highest ids for a database written before the generation existed.

    Read once per session (a request), however many cached reads the request makes."""
    found: tuple[Any, ...] | None = session.info.get("data_version")
    if found is None:
        bind = session.get_bind()
        url = str(bind.url)
        has = _HAS_GENERATION.get(bind)
        if has is None:
            has = _HAS_GENERATION[bind] = inspect(bind).has_table(DataState.__tablename__)
        query = _DATA_VERSION if has else _IDS_ONLY
        found = (url, *query.all(session)[0])
        session.info["data_version"] = found
    return found


def _cached(session: Session, name: str, build: Any) -> Any:
    """Facet lists count over whole tables: build them once per database version, not per request.

    Keyed on the database's URL and version; a new version's entry pushes the old ones out of the
    bounded LRU, so memory does not grow with the number of versions seen.
    """
    key = (name, *data_version(session))
    found = _OPTIONS_CACHE.get(key)
    if found is None:
        found = build(session)
        _OPTIONS_CACHE.put(key, found)
    return found


_TEXTS = Prepared(
    select(Document.id, Document.title, Document.outlet, Document.published, Document.source_url, Document.text).where(
        Document.id.in_(bindparam("ids", expanding=True))
    )
)


def _load_texts(on: Session | Connection, doc_ids: set[int]) -> dict[int, tuple[DocRef, str]]:
    if not doc_ids:
        return {}
    rows = _TEXTS.all(on, {"ids": sorted(doc_ids)})
    return {r[0]: (_doc_ref(r), r[5]) for r in rows}


_AGREEMENT_PARTIES = Prepared(
    select(AgreementParty.agreement_id, Actor.id, Actor.slug, Actor.kind, Actor.name, Actor.role, Actor.country_code)
    .join(Actor, Actor.id == AgreementParty.actor_id)
    .where(AgreementParty.agreement_id.in_(bindparam("ids", expanding=True)))
    .order_by(Actor.name)
)


_AGREEMENT_SELECT = (
    select(
        Agreement.id,
        Agreement.document_id,
        Agreement.text,
        Agreement.status,
        Agreement.start,
        Agreement.end,
        Event.slug,
        Event.name,
    )
    .outerjoin(Event, Event.id == Agreement.event_id)
    .order_by(Agreement.document_id, Agreement.start)
)
EVENT_AGREEMENTS = Prepared(_AGREEMENT_SELECT.where(Agreement.event_id == bindparam("eid")))


def _agreements(
    session: Session | Connection,
    where: ColumnElement[bool] | None,
    texts: dict[int, tuple[DocRef, str]] | None = None,
    *,
    rows: Sequence[Any] | None = None,
) -> list[AgreementRow]:
    """Agreements matching ``where`` (or the ``rows`` already read with ``_AGREEMENT_SELECT``'s
    columns), with their parties and the sentence each came from."""
    if rows is None:
        rows = run(session, _AGREEMENT_SELECT.where(where)).all()
    if not rows:
        return []
    parties: dict[int, list[ActorRef]] = defaultdict(list)
    for agreement_id, *actor in _AGREEMENT_PARTIES.all(session, {"ids": [r.id for r in rows]}):
        parties[agreement_id].append(ActorRef(*actor))
    if texts is None:
        texts = {}
    missing = {r.document_id for r in rows} - texts.keys()
    texts = {**texts, **_load_texts(session, missing)}
    out = []
    for ag_id, doc_id, ag_text, status, start, end, ev_slug, ev_name in rows:
        doc, body = texts[doc_id]
        out.append(
            AgreementRow(
                ag_id,
                ag_text,
                status,
                parties[ag_id],
                EventLink(ev_slug, ev_name) if ev_slug else None,
                context_window(body, start, end, anchor=f"agreement-{ag_id}", doc=doc),
            )
        )
    return out
