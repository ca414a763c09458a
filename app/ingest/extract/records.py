"""The records the extractors produce: plain data, no spaCy and no database.

Every record carries the character span (``start``/``end``, offsets into the document's
full text) it was read from, so the store and the document page can point back at it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["person", "country", "organisation", "group"]
EventType = Literal["summit", "meeting", "talks", "call", "visit", "conference", "other"]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
AgreementStatus = Literal["agreed", "proposed", "announced", "rejected", "disputed"]


@dataclass(frozen=True)
class ActorRef:
    """A reference to an actor: a person (by canonical name), a country (ISO alpha-2 code),
    an organisation (gazetteer code such as ``NATO``) or an unnamed group ("mediators")."""

    kind: ActorKind
    name: str  # display name: "Emmanuel Macron", "France", "NATO", "Indian officials"
    code: str | None = None  # "FR" for countries, "NATO" for organisations, None otherwise

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.code or self.name}"


@dataclass
class Mention:
    """One place in the text where an actor is named (for highlighting and "appears in")."""

    actor: ActorRef
    start: int
    end: int


@dataclass
class PersonRecord:
    name: str  # the longest, canonical form found in the document ("Emmanuel Macron")
    aliases: list[str] = field(default_factory=list)  # other surface forms in the text ("Macron")
    role: str | None = None  # title as written ("Prime Minister", "Foreign Ministry spokeswoman")
    country: str | None = None  # display name of the country/organisation represented
    country_code: str | None = None  # ISO alpha-2 or organisation code
    gender: Literal["m", "f"] | None = None  # from honorifics/pronouns, helps pronoun resolution
    mentions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def ref(self) -> ActorRef:
        return ActorRef("person", self.name)


@dataclass
class StatementRecord:
    speaker: ActorRef
    text: str  # the quoted words (without quote marks) or the reported clause
    direct: bool
    start: int  # span of ``text`` in the document
    end: int
    cue: str | None = None  # the reporting verb phrase: "said", "told reporters", "according to"
    cue_start: int | None = None
    cue_end: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    event: int | None = None  # index into Extraction.events


@dataclass
class EventRecord:
    name: str
    type: EventType
    start: int  # span of the phrase that names or describes the event
    end: int
    date: dt.date | None = None
    end_date: dt.date | None = None
    date_precision: DatePrecision = "unknown"
    date_text: str | None = None
    city: str | None = None
    country_code: str | None = None
    country: str | None = None  # display name of country_code
    venue: str | None = None
    convenors: list[ActorRef] = field(default_factory=list)
    participants: list[ActorRef] = field(default_factory=list)  # countries and organisations
    people: list[ActorRef] = field(default_factory=list)  # leaders present (not scored)

    @property
    def location(self) -> str | None:
        if self.city and self.country:
            return f"{self.city}, {self.country}"
        return self.city or self.country


@dataclass
class AgreementRecord:
    text: str
    status: AgreementStatus
    start: int
    end: int
    parties: list[ActorRef] = field(default_factory=list)
    event: int | None = None  # index into Extraction.events


@dataclass
class Extraction:
    events: list[EventRecord] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    statements: list[StatementRecord] = field(default_factory=list)
    agreements: list[AgreementRecord] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
