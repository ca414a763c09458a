"""The story's place: where a news story's events of the days it reports took place when a
sentence dates one but does not place it ("the two leaders held talks on Sunday afternoon" in a
story datelined ASMARA, or led by "... signed an agreement in Pretoria, South Africa")."""

from __future__ import annotations

import datetime as dt
import re

from app.ingest.extract import actors, gazetteer, places
from app.ingest.extract.context import DocContext
from app.ingest.extract.events.lede import dateline, opening_sentences
from app.ingest.extract.events.location import described_city
from app.ingest.extract.events.mention import NATIONWIDE, Mention
from app.ingest.extract.records import EventRecord

# how far back a dated event is still one of the days the story reports from its place
_REPORTED_DAYS = 21

# "in Pretoria", "to Wellington", "at Camp David": a preposition and a capitalised place name
_PLACE_RE = re.compile(r"\b(in|to|at)\s+(?:the\s+)?([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})")


def _lede_city(ctx: DocContext) -> tuple[str, str] | None:
    """The first known city the lede puts something "in" ("signed an agreement in Pretoria, South
    Africa"); only a city the gazetteer knows, or one a country follows, counts."""
    lede = next(
        (
            s
            for s in ctx.sents
            if s.start_char >= ctx.body_start - 1 and len(s) >= 6 and any(t.pos_ in ("VERB", "AUX") for t in s)
        ),
        None,
    )  # not a Wikinews date line ("Saturday, December 26, 2015")
    if lede is None:
        return None
    for m in _PLACE_RE.finditer(ctx.text, lede.start_char, lede.end_char):
        if m.group(1) != "in":
            continue
        city, code = places.resolve_place(m.group(2), ctx.text[m.end(2) : m.end(2) + 40])
        if city and code and (gazetteer.lookup_city(city) is not None or ctx.text[m.end(2) : m.end(2) + 1] == ","):
            return city, code
    return described_city(ctx.text[lede.start_char : lede.end_char])  # "in the Pakistani city of Lahore"


def story_place(ctx: DocContext, clusters: list[list[Mention]], events: list[EventRecord | None]) -> None:
    """Give the story's place to its recent dated events that name none (not calls, not events told
    as held somewhere else on the same day)."""
    _, _, city, code = dateline(ctx)
    place = (city, code) if city and code else None
    main = events[0] if events else None
    if place is None and main is not None and main.city and main.country_code:
        opening = [s.start_char for s in opening_sentences(ctx, 2)]
        if any(m.sent_start in opening for m in clusters[0]):
            place = (main.city, main.country_code)
    if place is None:
        place = _lede_city(ctx)
    pub = ctx.published
    if place is None or pub is None:
        return
    city, code = place
    placed_days = {e.date: e.city for e in events if e is not None and e.date and e.city}
    for c, ev in zip(clusters, events, strict=False):
        if ev is None or ev.type == "call" or ev.city or ev.country_code or ev.date is None:
            continue
        if any(m.phrase in NATIONWIDE for m in c):
            continue  # a referendum is held across a country, not where the story was filed
        if not (pub - dt.timedelta(days=_REPORTED_DAYS) <= ev.date <= pub):
            continue
        if placed_days.get(ev.date, city) != city:
            continue  # that day's other event was somewhere else
        if any(m.again for m in c) or any(_elsewhere(ctx, m, city, code) for m in c):
            continue
        ref = actors.country_ref(code)
        ev.city, ev.country_code, ev.country = city, code, ref.name if ref else None
        if not any(m.official for m in c) and city not in ev.name and " at the " not in ev.name:
            ev.name = f"{ev.name} in {city}"


def _elsewhere(ctx: DocContext, m: Mention, city: str, code: str) -> bool:
    """The mention's sentence puts someone somewhere else: "due to fly to Wellington on Wednesday for
    talks" in a story datelined CANBERRA."""
    for g in _PLACE_RE.finditer(ctx.text, m.sent_start, m.sent_end):
        c, k = places.resolve_place(g.group(2), ctx.text[g.end(2) : g.end(2) + 40])
        if k is not None and (k != code or (c is not None and c != city)):
            return True
    return False
