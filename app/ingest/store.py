"""Write one document and its extracted facts: one transaction per document.

Idempotent by content: the same text (by SHA-256) extracted by the same extractor version
is left alone; a changed text at the same path, or an older extractor version, replaces that
document's own facts and nothing else. Events and actors are shared across documents; an
event no document supports any more is removed. Every stored document bumps the data's
generation (``app.db.data_state``) in its own transaction, which is how the web's page caches
learn that the data changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, exists, insert, or_, select
from sqlalchemy.orm import Session

from app.db import data_state
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
from app.ingest.extract.actors import country_ref
from app.ingest.extract.records import ActorRef, EventRecord, Extraction, PersonRecord
from app.ingest.resolve import ActorHandle, ActorResolver, KnownActors, find_same_event, unique_slug
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


def store(
    session: Session,
    source: SourceDocument,
    ex: Extraction,
    extractor_version: str,
    plan_: Plan,
    known: KnownActors | None = None,
) -> int:
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
    with session.no_autoflush:
        _write_facts(session, doc, ex, known)
    if plan_.document_id is not None:
        _remove_orphans(session)  # only a replaced document can leave events or actors behind
        if known is not None:
            known.clear()
    # last, so that on PostgreSQL the one row every ingest updates is locked only until the commit
    # that follows: the web's page caches see the new generation and drop what they rendered before
    data_state.bump(session)
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


def _write_facts(session: Session, doc: Document, ex: Extraction, known: KnownActors | None = None) -> None:
    """Resolve actors and events row by row (they need lookups), then write the many small
    rows (mentions, participations, statements, agreements, search entries) in bulk."""
    actors = ActorResolver(session, known)
    people_by_name: dict[str, PersonRecord] = {p.name: p for p in ex.people}

    def actor(ref: ActorRef) -> ActorHandle:
        return actors.get(ref, people_by_name.get(ref.name) if ref.kind == "person" else None)

    mentions: list[dict[str, int]] = []
    for p in ex.people:
        person = actor(p.ref)
        if p.country_code and p.country:
            # the gazetteer knows which codes are organisations: "UN", "EU" are two letters but no country
            side = country_ref(p.country_code)
            actor(side or ActorRef("country" if _is_iso(p.country_code) else "organisation", p.country, p.country_code))
        mentions += [{"actor_id": person.id, "start": a, "end": b} for a, b in p.mentions]
    for m in ex.mentions:
        if m.actor.kind == "person" and m.actor.name in people_by_name:
            continue  # already written from the person's own mentions
        mentions.append({"actor_id": actor(m.actor).id, "start": m.start, "end": m.end})

    events: list[Event] = []
    sources: list[dict[str, object]] = []
    participations: list[dict[str, object]] = []
    for rec in ex.events:
        ev = _event_row(session, rec)
        events.append(ev)
        sources.append(
            {"event_id": ev.id, "start": rec.start, "end": rec.end, "name": rec.name, "date_text": rec.date_text}
        )
        seen: set[tuple[int, str]] = set()
        for role, refs in (("convenor", rec.convenors), ("participant", rec.participants), ("attendee", rec.people)):
            for ref in refs:
                a = actor(ref)
                if (a.id, role) not in seen:
                    seen.add((a.id, role))
                    participations.append(
                        {"event_id": ev.id, "actor_id": a.id, "role": role, "start": rec.start, "end": rec.end}
                    )

    def event_of(i: int | None) -> Event | None:
        return events[i] if i is not None and 0 <= i < len(events) else None

    statements = []
    for st in ex.statements:
        ev = event_of(st.event)
        statements.append(
            Statement(
                speaker_id=actor(st.speaker).id,
                event_id=ev.id if ev else None,
                document_id=doc.id,
                text=st.text,
                direct=st.direct,
                cue=st.cue,
                said_on=(ev.start_date if ev and ev.start_date else doc.published),
                start=st.start,
                end=st.end,
                # the context shown around a statement always covers all of it
                sentence_start=min(st.sentence_start, st.start) if st.sentence_start is not None else None,
                sentence_end=max(st.sentence_end, st.end) if st.sentence_end is not None else None,
            )
        )
    agreements = []
    for ag in ex.agreements:
        ev = event_of(ag.event)
        agreements.append(
            Agreement(
                event_id=ev.id if ev else None,
                document_id=doc.id,
                text=ag.text,
                status=ag.status,
                start=ag.start,
                end=ag.end,
            )
        )
    party_ids = [list(dict.fromkeys(actor(p).id for p in ag.parties)) for ag in ex.agreements]
    speaker_names = [actor(st.speaker).name for st in ex.statements]
    session.add_all(statements + agreements)
    session.flush()  # one multi-row INSERT per table, returning the new ids

    def bulk(model: type, rows: list[dict[str, object]]) -> None:
        if rows:
            session.execute(insert(model), [{"document_id": doc.id, **r} for r in rows])

    bulk(Mention, mentions)  # type: ignore[arg-type]
    bulk(EventSource, sources)
    bulk(Participation, participations)
    if any(party_ids):
        session.execute(
            insert(AgreementParty),
            [
                {"agreement_id": row.id, "actor_id": aid}
                for row, ids in zip(agreements, party_ids, strict=True)
                for aid in ids
            ],
        )
    entries = [
        {"kind": "statement", "ref_id": row.id, "document_id": doc.id, "title": name, "body": row.text}
        for row, name in zip(statements, speaker_names, strict=True)
    ]
    entries.append(
        {"kind": "document", "ref_id": doc.id, "document_id": doc.id, "title": doc.title, "body": doc.body_text}
    )
    session.execute(insert(SearchEntry), entries)


def _is_iso(code: str) -> bool:
    return len(code) == 2 and code.isalpha() and code.isupper()
