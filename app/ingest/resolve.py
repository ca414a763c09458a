"""Cross-document resolution: the same person, country or event is one row, whichever
document names it and however ("Macron" here, "Emmanuel Macron" there).

Write side only: called by the store inside a document's transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Actor, Event, Participation
from app.ingest.extract.names import first_names_compatible
from app.ingest.extract.records import ActorRef, EventRecord, PersonRecord
from app.slugs import slugify

_NAME_STOP = {"the", "of", "and", "in", "with", "for", "on", "at", "a", "an", "to"}


def _tokens(text: str) -> set[str]:
    return {t for t in re.findall(r"[a-z0-9]+", text.lower()) if t not in _NAME_STOP}


def name_similarity(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return 2 * len(ta & tb) / (len(ta) + len(tb))


def unique_slug(session: Session, model: type[Actor] | type[Event], base: str) -> str:
    slug, n = base, 2
    while session.scalar(select(model.id).where(model.slug == slug)) is not None:
        slug = f"{base}-{n}"
        n += 1
    return slug


@dataclass(frozen=True)
class ActorHandle:
    id: int
    name: str


@dataclass(frozen=True)
class _PersonState:
    handle: ActorHandle
    role: str | None
    country_code: str | None
    aliases: tuple[str, ...]


@dataclass
class KnownActors:
    """Actors already resolved during this ingest, so most documents need no look-up at all.

    Valid only while nothing else deletes actors: the store clears it after a rollback or an
    orphan clean-up.
    """

    coded: dict[str, ActorHandle] = field(default_factory=dict)
    people: dict[str, _PersonState] = field(default_factory=dict)

    def clear(self) -> None:
        self.coded.clear()
        self.people.clear()


class ActorResolver:
    """Finds or creates actors for one document's transaction."""

    def __init__(self, session: Session, known: KnownActors | None = None) -> None:
        self.session = session
        self.known = known if known is not None else KnownActors()
        self._local: dict[str, ActorHandle] = {}

    def get(self, ref: ActorRef, person: PersonRecord | None = None) -> ActorHandle:
        key = ref.key
        if key in self._local:
            return self._local[key]
        if ref.kind == "person":
            handle = self._person(ref.name, person)
        else:
            handle = self.known.coded.get(key)
            if handle is None:
                actor = self._coded(ref) if ref.kind in ("country", "organisation") and ref.code else self._named(ref)
                handle = self.known.coded[key] = ActorHandle(actor.id, actor.name)
        self._local[key] = handle
        return handle

    def _coded(self, ref: ActorRef) -> Actor:
        s = self.session
        actor = s.scalar(select(Actor).where(Actor.kind == ref.kind, Actor.country_code == ref.code))
        if actor is None:
            base = ref.code.lower() if ref.kind == "country" and ref.code else slugify(ref.name)
            actor = Actor(
                kind=ref.kind, name=ref.name, country_code=ref.code, slug=unique_slug(s, Actor, base), aliases=[]
            )
            s.add(actor)
            s.flush()
        return actor

    def _named(self, ref: ActorRef) -> Actor:
        s = self.session
        actor = s.scalar(select(Actor).where(Actor.kind == ref.kind, func.lower(Actor.name) == ref.name.lower()))
        if actor is None:
            actor = Actor(kind=ref.kind, name=ref.name, slug=unique_slug(s, Actor, slugify(ref.name)), aliases=[])
            s.add(actor)
            s.flush()
        return actor

    def _person(self, name: str, person: PersonRecord | None) -> ActorHandle:
        state = self.known.people.get(name)
        if state is not None and (person is None or self._unchanged(state, person)):
            return state.handle
        s = self.session
        actor = s.scalar(select(Actor).where(Actor.kind == "person", Actor.name == name))
        if actor is None:
            actor = self._person_by_surname(name, person)
        if actor is None:
            actor = Actor(kind="person", name=name, slug=unique_slug(s, Actor, slugify(name)), aliases=[])
            s.add(actor)
        if person is not None:
            if person.role:
                actor.role = person.role
            if person.country_code and not actor.country_code:
                actor.country_code = person.country_code
            aliases = sorted({*(actor.aliases or []), *person.aliases} - {actor.name})
            if aliases != (actor.aliases or []):
                actor.aliases = aliases
        s.flush()
        handle = ActorHandle(actor.id, actor.name)
        self.known.people[name] = _PersonState(handle, actor.role, actor.country_code, tuple(actor.aliases or ()))
        return handle

    @staticmethod
    def _unchanged(state: _PersonState, person: PersonRecord) -> bool:
        return (
            (not person.role or person.role == state.role)
            and (not person.country_code or state.country_code is not None)
            and set(person.aliases) - {state.handle.name} <= set(state.aliases)
        )

    def _person_by_surname(self, name: str, person: PersonRecord | None) -> Actor | None:
        """'Macron' joins 'Emmanuel Macron'; 'Emmanuel Macron' upgrades an actor known only as 'Macron';
        'Joseph R. Biden' joins 'Joe Biden'. Two people who share a surname but not a first name
        ('Jill Biden', 'Joe Biden') stay apart, and a lone surname joins only when every actor with
        that surname (and a compatible country) is a variant of one person."""
        parts = name.split()
        if not parts:
            return None
        surname = parts[-1]
        country = person.country_code if person else None
        cands = list(
            self.session.scalars(
                select(Actor)
                .where(
                    Actor.kind == "person",
                    (Actor.name == surname) | Actor.name.like(f"% {surname}"),
                )
                .order_by(Actor.id)
            )
        )
        cands = [c for c in cands if not (country and c.country_code and c.country_code != country)]
        bare = [c for c in cands if c.name == surname]
        full = [c for c in cands if c.name != surname]
        if len(parts) == 1:
            if not full:
                return bare[0] if len(bare) == 1 else None
            return full[0] if _one_person([c.name for c in full]) else None
        matches = [c for c in full if _one_person([name, c.name])]
        if matches:
            if not _one_person([c.name for c in matches]):
                return None
            actor = matches[0]
        elif len(bare) == 1 and not full:
            actor = bare[0]
        else:
            return None
        if len(actor.name.split()) < len(parts):
            actor.aliases = sorted({*(actor.aliases or []), actor.name})
            actor.name = name  # the fuller form wins; the slug stays, so links keep working
        return actor


def _one_person(names: list[str]) -> bool:
    """Full names with one surname that can all be the same person: their first names are pairwise
    compatible (equal, an initial, a short form: "Joe Biden", "Joseph R. Biden", "J. Biden")."""
    firsts = [n.split()[0] for n in names if len(n.split()) > 1]
    return all(first_names_compatible(a, b) for i, a in enumerate(firsts) for b in firsts[i + 1 :])


# Words every event name shares: they say nothing about *which* event it is.
_GENERIC = {
    "summit",
    "meeting",
    "meetings",
    "talks",
    "call",
    "calls",
    "phone",
    "video",
    "visit",
    "conference",
    "bilateral",
    "trilateral",
    "official",
    "state",
    "working",
    "leaders",
    "leader",
    "readout",
    "dialogue",
    "us",
    "u",
    "s",
    "united",
    "states",
    "president",
    "prime",
    "minister",
    "secretary",
    "vice",
    "next",
    "person",
    "trip",
}
_KIND_FAMILY = {"summit": "gathering", "meeting": "gathering", "conference": "gathering"}


def _distinctive(name: str) -> set[str]:
    return _tokens(name) - _GENERIC


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _codes(refs: list[ActorRef]) -> set[str]:
    return {r.code for r in refs if r.code}


def _stored_codes(session: Session, event_id: int) -> set[str]:
    rows = session.scalars(
        select(Actor.country_code)
        .join(Participation, Participation.actor_id == Actor.id)
        .where(Participation.event_id == event_id, Participation.role.in_(("participant", "convenor")))
    )
    return {c for c in rows if c}


def _surname_key(name: str) -> str:
    words = name.lower().replace("al-", "").split()
    return words[-1] if words else ""


def _stored_people(session: Session, event_id: int) -> set[str]:
    rows = session.scalars(
        select(Actor.name)
        .join(Participation, Participation.actor_id == Actor.id)
        .where(Participation.event_id == event_id, Participation.role == "attendee")
    )
    return {_surname_key(n) for n in rows}


def _other_counterparts(mine: set[str], theirs: set[str]) -> bool:
    """Two small meetings whose people each include someone the other lacks ("Harris and Sisi",
    "Harris and Mohamed bin Zayed"): two bilateral meetings the same day in the same city."""
    small = 2 <= len(mine) <= 3 and 2 <= len(theirs) <= 3
    return small and bool(mine - theirs) and bool(theirs - mine)


def find_same_event(session: Session, rec: EventRecord) -> Event | None:
    """An event already stored that this record reports, or None.

    The same event, reported twice, has a compatible kind, dates within a day of each other, no
    conflicting city, and the same parties: the participating countries and organisations
    largely agree (Jaccard >= 0.6), or, where either side lists none, the names share their
    distinctive words. Two calls one leader made on the same day with different counterparts
    stay two events, and so do two small meetings whose people each include someone the other
    lacks. Undated records only merge on an equal, distinctive name ("Woodside Summit", never
    "visit") and country.
    """
    family = _KIND_FAMILY.get(rec.type, rec.type)
    kinds = [k for k, f in _KIND_FAMILY.items() if f == family] or [rec.type]
    q = select(Event).where(Event.kind.in_(kinds))
    if rec.date is None:
        if not _distinctive(rec.name):
            return None  # "visit", "next meeting": nothing says two undated ones are the same
        q = q.where(Event.start_date.is_(None), func.lower(Event.name) == rec.name.lower())
        return next((ev for ev in session.scalars(q) if ev.country_code == rec.country_code), None)
    lo, hi = rec.date - dt.timedelta(days=1), (rec.end_date or rec.date) + dt.timedelta(days=1)
    mine = _codes(rec.participants) | _codes(rec.convenors)
    my_people = {_surname_key(p.name) for p in rec.people}
    words = _distinctive(rec.name)
    for ev in session.scalars(q.where(Event.start_date.between(lo, hi))):
        if rec.city and ev.city and rec.city.lower() != ev.city.lower():
            continue
        if rec.country_code and ev.country_code and rec.country_code != ev.country_code:
            continue
        if _other_counterparts(my_people, _stored_people(session, ev.id)):
            continue
        theirs = _stored_codes(session, ev.id)
        if mine and theirs:
            if _jaccard(mine, theirs) >= 0.6:
                return ev
            continue
        other = _distinctive(ev.name)
        if words and other and (words <= other or other <= words):
            return ev
    return None
