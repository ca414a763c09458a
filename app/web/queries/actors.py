"""People, countries and organisations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    Actor,
    Agreement,
    AgreementParty,
    Document,
    Event,
    Mention,
    Participation,
    Statement,
)
from app.web import urls
from app.web.filters import StatementFilters
from app.web.queries.common import (
    ROLE_RANK,
    ActorDetail,
    ActorEvent,
    CoParticipant,
    CountryDetail,
    DocumentMentions,
    Evidence,
    PersonCount,
    StatementRow,
    _actor_ref,
    _agreements,
    _doc_cols,
    _doc_ref,
    _event_summary,
    country_name,
)
from app.web.queries.events import _event_counts, list_events_where
from app.web.queries.statements import _statement_date, _statement_rows, _statement_select, list_statements


def _actor_events(session: Session, actor_id: int) -> list[ActorEvent]:
    rows = session.execute(
        select(Event, Participation.role, *_event_counts())
        .join(Participation, Participation.event_id == Event.id)
        .where(Participation.actor_id == actor_id)
        .order_by(Event.start_date.is_(None), Event.start_date.desc(), Event.id)
    ).all()
    evidence = _participation_evidence(session, actor_id)
    best: dict[int, ActorEvent] = {}
    for e, role, *n in rows:
        prev = best.get(e.id)
        if prev is None or ROLE_RANK.get(role, 9) < ROLE_RANK.get(prev.role, 9):
            best[e.id] = ActorEvent(_event_summary(e, *n), role, evidence.get(e.id, []))
    return list(best.values())


def _participation_evidence(session: Session, actor_id: int) -> dict[int, list[Evidence]]:
    """Per event, the spans where this actor's participation was found (the span text only)."""
    marked = func.substr(Document.text, Participation.start + 1, Participation.end - Participation.start)
    out: dict[int, list[Evidence]] = defaultdict(list)
    for r in session.execute(
        select(Participation.event_id, Participation.start, Participation.end, marked, *_doc_cols())
        .join(Document, Document.id == Participation.document_id)
        .where(Participation.actor_id == actor_id)
        .order_by(Participation.event_id, Document.published.desc(), Document.id, Participation.start)
    ):
        event_id, start, end, text_ = r[0], r[1], r[2], r[3]
        doc = _doc_ref(r, 4)
        if all(e.document.id != doc.id for e in out[event_id]):
            out[event_id].append(Evidence(doc, start, end, "", text_ or "", "", urls.span_anchor(start, end)))
    return out


def _co_participants(session: Session, actor_id: int, *, limit: int = 24) -> list[CoParticipant]:
    """Who took part in the same events, with how many events they shared."""
    mine, theirs = aliased(Participation), aliased(Participation)
    shared = func.count(func.distinct(theirs.event_id))
    rows = session.execute(
        select(Actor, shared)
        .select_from(mine)
        .join(theirs, theirs.event_id == mine.event_id)
        .join(Actor, Actor.id == theirs.actor_id)
        .where(mine.actor_id == actor_id, theirs.actor_id != actor_id)
        .group_by(Actor.id)
        .order_by(shared.desc(), Actor.name)
        .limit(limit)
    ).all()
    return [CoParticipant(_actor_ref(a), int(n)) for a, n in rows]


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
    return ActorDetail(
        ref,
        list(actor.aliases or []),
        _actor_events(session, actor.id),
        statements,
        agreements,
        docs,
        _co_participants(session, actor.id),
    )


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
    about = _statements_mentioning(session, actor.id) if actor else []
    return CountryDetail(code.lower(), name, _actor_detail(session, actor) if actor else None, held, people, about)


def _statements_mentioning(session: Session, actor_id: int, *, limit: int = 20) -> list[StatementRow]:
    """Statements whose text names the actor (a mention inside the statement's span), newest first."""
    inside = (
        select(Mention.id)
        .where(
            Mention.actor_id == actor_id,
            Mention.document_id == Statement.document_id,
            Mention.start >= Statement.start,
            Mention.end <= Statement.end,
        )
        .exists()
    )
    docs = select(Mention.document_id).where(Mention.actor_id == actor_id)
    stmt = (
        _statement_select()
        .where(Statement.document_id.in_(docs), inside, Statement.speaker_id != actor_id)
        .order_by(_statement_date().desc(), Statement.id.desc())
        .limit(limit)
    )
    return _statement_rows(session, stmt)
