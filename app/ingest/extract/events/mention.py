"""A mention of an event (one trigger in the text, with what it says about the event), and the word
tables the steps share."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.ingest.extract import actors, dates
from app.ingest.extract.records import EventType

NOUN_TYPES: dict[str, EventType] = {
    "summit": "summit",
    "meeting": "meeting",
    "meetings": "meeting",
    "talks": "talks",
    "negotiations": "talks",
    "dialogue": "talks",
    "consultations": "talks",
    "call": "call",
    "calls": "call",
    "visit": "visit",
    "trip": "visit",
    "stopover": "visit",
    "conference": "conference",
    "forum": "conference",
    "bilateral": "meeting",
    "trilateral": "meeting",
    "videoconference": "call",
    "gathering": "meeting",
}


KEEP_MOD = {
    "peace",
    "trade",
    "security",
    "bilateral",
    "trilateral",
    "phone",
    "telephone",
    "video",
    "virtual",
    "leaders",
    "ministerial",
    "state",
    "official",
    "ceasefire",
    "nuclear",
    "working",
    "emergency",
    "defense",
    "defence",
    "foreign",
    "climate",
    "border",
    "economic",
}


VISIT_VERBS = {"visit", "travel", "head", "arrive", "fly", "tour"}


# votes held across a country, never placed where the story was filed
NATIONWIDE = frozenset({"referendum", "plebiscite"})


# "18th", "24th", "3rd": which one of a series
ORDINAL = r"\d{1,3}(?:st|nd|rd|th)"


TYPE_WORD = {
    "summit": "summit",
    "meeting": "meeting",
    "talks": "talks",
    "call": "phone call",
    "visit": "visit",
    "conference": "conference",
    "other": "meeting",
}


@dataclass
class Mention:
    type: EventType
    start: int
    end: int
    sent_start: int
    sent_end: int
    official: str | None = None
    phrase: str | None = None  # descriptive head ("US-led talks", "delegation visit")
    date: dates.DateMention | None = None
    city: str | None = None
    country_code: str | None = None
    place_text: str | None = None
    venue: str | None = None
    convenors: list[str] = field(default_factory=list)  # codes or "person:<name>"
    codes: list[str] = field(default_factory=list)
    persons: list[actors.Person] = field(default_factory=list)
    strong: bool = False
    anaphoric: bool = False
    collective: bool = False
    inherited_place: bool = False  # the place of the event on whose margins this one took place
    dateline_place: bool = False  # the place is the dateline's, a default the text may correct
    sideline: bool = False  # "on the sidelines of the summit, X and Y held talks": a side event of its own
    from_title: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)
    # "The summit ... ended on Thursday, after the two-day meeting": the days it lasted, counted back
    # from the day it ended whichever step dates it
    lasted_days: int | None = None
    # "agreed to meet again in Brazil": a later event by definition, never the one already told
    again: bool = False
    # "separate calls with Burhan and Daglo": one event per partner, kept apart by the partner's name
    partner: str | None = None
    # "Wang also spoke with Dar": another call or meeting of the same kind, not the one just told
    another: bool = False
