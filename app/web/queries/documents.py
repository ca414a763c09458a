"""One source document with every extracted span highlighted."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import (
    Actor,
    Agreement,
    Document,
    Event,
    EventSource,
    Mention,
    Participation,
    Statement,
)
from app.web import urls
from app.web.highlight import Span, paragraphs
from app.web.queries.common import (
    ActorRef,
    DocRef,
    DocumentDetail,
    EventLink,
    _actor_ref,
    _agreements,
    country_name,
    event_field_spans,
)
from app.web.queries.statements import _statement_rows, _statement_select


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
    for s, ev in session.execute(
        select(EventSource, Event)
        .join(Event, Event.id == EventSource.event_id)
        .where(EventSource.document_id == doc_id)
        .order_by(EventSource.start)
    ):
        slug, name = ev.slug, ev.name
        events.setdefault(slug, EventLink(slug, name))
        spans.append(
            Span(s.start, s.end, "event", f"Event: {name}", urls.span_anchor(s.start, s.end), urls.event(slug))
        )
        places = [ev.city, ev.venue, country_name(ev.country_code) if ev.country_code else None]
        for what, (a, b) in event_field_spans(
            doc.text, source_start=s.start, date_text=s.date_text, places=places
        ).items():
            label = f"{'Date' if what == 'date' else 'Place'} of {name}"
            spans.append(Span(a, b, f"event-{what}", label, urls.span_anchor(a, b), urls.event(slug)))

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
