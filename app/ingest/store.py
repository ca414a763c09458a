"""Write one document and its extracted facts: one transaction per document.

Idempotent by content: the same text (by SHA-256) extracted by the same extractor version
is left alone; a changed text at the same path, or an older extractor version, replaces that
document's own facts and nothing else. Events and actors are shared across documents; an
event no document supports any more is removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import Session

from app.db.models import (
    Actor,
    Agreement,
    AgreementParty,
    Document,
    Event,
    EventSource,
    Mention,
    Participation,
    SearchEntry,
    Statement,
)
from app.ingest.extract.records import ActorRef, EventRecord, Extraction, PersonRecord
from app.ingest.resolve import ActorResolver, find_same_event, unique_slug
from app.ingest.sources import SourceDocument
from app.slugs import slugify

Outcome = Literal["added", "replaced", "reextracted", "unchanged", "duplicate"]


@dataclass(frozen=True)
class Plan:
    """What ingest will do with a document, decided before any parsing."""

    outcome: Outcome
    document_id: int | None = None
    duplicate_of: str | None = None


def plan(session: Session, source: SourceDocument, extractor_version: str) -> Plan:
    sha = source.sha256
    same_text = session.scalar(select(Document).where(Document.sha256 == sha))
    if same_text is not None:
        if same_text.path != source.path:
            return Plan("duplicate", same_text.id, duplicate_of=same_text.path)
        if same_text.extractor_version == extractor_version:
            return Plan("unchanged", same_text.id)
        return Plan("reextracted", same_text.id)
    same_path = session.scalar(select(Document).where(Document.path == source.path))
    if same_path is not None:
        return Plan("replaced", same_path.id)
    return Plan("added")


def store(session: Session, source: SourceDocument, ex: Extraction, extractor_version: str, plan_: Plan) -> int:
    """Write ``source`` and its facts in the caller's transaction; return the document id."""
    if plan_.document_id is not None:
        doc = session.get(Document, plan_.document_id)
        assert doc is not None
        _clear_facts(session, doc.id)
    else:
        doc = Document()
        session.add(doc)
    doc.sha256 = source.sha256
    doc.path = source.path
    doc.source_url = source.source_url
    doc.outlet = source.outlet
    doc.title = source.title
    doc.subtitle = source.subtitle
    doc.published = source.published
    doc.text = source.text
    doc.body_start = source.body_start
    doc.extractor_version = extractor_version
    doc.ingested_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    session.flush()
    _write_facts(session, doc, ex)
    _remove_orphans(session)
    return doc.id


def _clear_facts(session: Session, doc_id: int) -> None:
    stmt_ids = select(Statement.id).where(Statement.document_id == doc_id)
    session.execute(delete(SearchEntry).where(SearchEntry.kind == "statement", SearchEntry.ref_id.in_(stmt_ids)))
    session.execute(delete(SearchEntry).where(SearchEntry.document_id == doc_id))
    agr_ids = select(Agreement.id).where(Agreement.document_id == doc_id)
    session.execute(delete(AgreementParty).where(AgreementParty.agreement_id.in_(agr_ids)))
    for model in (Agreement, Statement, Participation, EventSource, Mention):
        session.execute(delete(model).where(model.document_id == doc_id))
    session.flush()


def _remove_orphans(session: Session) -> None:
    orphan_events = select(Event.id).where(~exists().where(EventSource.event_id == Event.id))
    ids = list(session.scalars(orphan_events))
    if ids:
        session.execute(delete(SearchEntry).where(SearchEntry.kind == "event", SearchEntry.ref_id.in_(ids)))
        session.execute(delete(Participation).where(Participation.event_id.in_(ids)))
        session.execute(delete(Event).where(Event.id.in_(ids)))
    used = or_(
        exists().where(Statement.speaker_id == Actor.id),
        exists().where(Participation.actor_id == Actor.id),
        exists().where(Mention.actor_id == Actor.id),
        exists().where(AgreementParty.actor_id == Actor.id),
    )
    session.execute(delete(Actor).where(~used).execution_options(synchronize_session=False))


def _event_row(session: Session, rec: EventRecord) -> Event:
    ev = find_same_event(session, rec)
    if ev is None:
        base = slugify(f"{rec.date.isoformat()} {rec.name}" if rec.date else rec.name)
        ev = Event(
            slug=unique_slug(session, Event, base),
            name=rec.name,
            kind=rec.type,
            start_date=rec.date,
            end_date=rec.end_date,
            date_precision=rec.date_precision if rec.date else ("week" if rec.date_precision == "week" else "unknown"),
            city=rec.city,
            country_code=rec.country_code,
            venue=rec.venue,
        )
        session.add(ev)
        session.flush()
        session.add(SearchEntry(kind="event", ref_id=ev.id, document_id=None, title=ev.name, body=_event_body(rec)))
    else:
        # a later report fills what an earlier one left open; it never overwrites
        ev.city = ev.city or rec.city
        ev.country_code = ev.country_code or rec.country_code
        ev.venue = ev.venue or rec.venue
        ev.end_date = ev.end_date or rec.end_date
    return ev


def _event_body(rec: EventRecord) -> str:
    parts = [rec.name, rec.type, rec.location or "", rec.venue or ""]
    parts += [a.name for a in rec.convenors + rec.participants + rec.people]
    return " ".join(p for p in parts if p)


def _write_facts(session: Session, doc: Document, ex: Extraction) -> None:
    actors = ActorResolver(session)
    people_by_name: dict[str, PersonRecord] = {p.name: p for p in ex.people}

    def actor(ref: ActorRef) -> Actor:
        return actors.get(ref, people_by_name.get(ref.name) if ref.kind == "person" else None)

    for p in ex.people:
        person = actor(p.ref)
        if p.country_code and p.country:
            actor(ActorRef("organisation" if not _is_iso(p.country_code) else "country", p.country, p.country_code))
        for start, end in p.mentions:
            session.add(Mention(document_id=doc.id, actor_id=person.id, start=start, end=end))
    for m in ex.mentions:
        if m.actor.kind == "person" and m.actor.name in people_by_name:
            continue  # already written from the person's own mentions
        session.add(Mention(document_id=doc.id, actor_id=actor(m.actor).id, start=m.start, end=m.end))

    events: list[Event] = []
    for rec in ex.events:
        ev = _event_row(session, rec)
        events.append(ev)
        session.add(
            EventSource(
                event_id=ev.id, document_id=doc.id, start=rec.start, end=rec.end, name=rec.name, date_text=rec.date_text
            )
        )
        seen: set[tuple[int, str]] = set()
        for role, refs in (("convenor", rec.convenors), ("participant", rec.participants), ("attendee", rec.people)):
            for ref in refs:
                a = actor(ref)
                if (a.id, role) in seen:
                    continue
                seen.add((a.id, role))
                session.add(
                    Participation(
                        event_id=ev.id, actor_id=a.id, role=role, document_id=doc.id, start=rec.start, end=rec.end
                    )
                )
    session.flush()

    for s in ex.statements:
        ev = events[s.event] if s.event is not None and 0 <= s.event < len(events) else None
        speaker = actor(s.speaker)
        row = Statement(
            speaker_id=speaker.id,
            event_id=ev.id if ev else None,
            document_id=doc.id,
            text=s.text,
            direct=s.direct,
            cue=s.cue,
            said_on=(ev.start_date if ev and ev.start_date else doc.published),
            start=s.start,
            end=s.end,
            sentence_start=s.sentence_start,
            sentence_end=s.sentence_end,
        )
        session.add(row)
        session.flush()
        session.add(SearchEntry(kind="statement", ref_id=row.id, document_id=doc.id, title=speaker.name, body=s.text))

    for a in ex.agreements:
        ev = events[a.event] if a.event is not None and 0 <= a.event < len(events) else None
        row = Agreement(
            event_id=ev.id if ev else None, document_id=doc.id, text=a.text, status=a.status, start=a.start, end=a.end
        )
        session.add(row)
        session.flush()
        for pid in dict.fromkeys(actor(p).id for p in a.parties):
            session.add(AgreementParty(agreement_id=row.id, actor_id=pid))

    session.add(SearchEntry(kind="document", ref_id=doc.id, document_id=doc.id, title=doc.title, body=doc.body_text))
    session.flush()


def _is_iso(code: str) -> bool:
    return len(code) == 2 and code.isalpha() and code.isupper()
