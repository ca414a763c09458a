"""A mention's place and venue: a place-like name, a described place ("in the Saudi capital"), a
venue and the city it stands in."""

from __future__ import annotations

import re

from app.ingest.extract import gazetteer, places, world_cities
from app.ingest.extract.context import DocContext
from app.ingest.extract.events.mention import Mention

_NOT_PLACE_HEADS = {
    "Administration",
    "Government",
    "Ministry",
    "Department",
    "Council",
    "Committee",
    "Agency",
    "Summit",
    "Forum",
    "Conference",
    "Office",
    "Initiative",
    "Partnership",
}


def is_venue_name(name: str) -> bool:
    """ "Palace of Independence", "Villa La Grange": a named building (and not a known city)."""
    words = re.sub(r"^the\s+", "", name, flags=re.I).split()
    return any(w in places.VENUE_WORDS for w in words) and gazetteer.lookup_city(name) is None


def looks_like_place(ctx: DocContext, name: str) -> bool:
    if name.split()[-1:] and name.split()[-1] in _NOT_PLACE_HEADS:
        return False  # "in the Biden-Harris Administration"
    place = gazetteer.lookup(name)
    if place is not None and place.how == "demonym":
        return False  # "in the Angolan capital": the capital is the place, not "Angolan"
    if is_venue_name(name):
        return False  # "talks in the Palace of Independence": a building, not a city
    return any(e.text == name and e.label_ in ("GPE", "LOC", "FAC") for e in ctx.ents)


_CAPITAL_RE = re.compile(r"\b(?:in|to|at)\s+(?:the\s+)?([A-Z][\w'’-]+?)(?:[’']s)?\s+capital\b")


# nouns of a place described rather than named: "the Tanzanian city of Arusha", "the resort of Antalya"
PLACE_NOUNS = ("city", "town", "port", "capital", "resort", "village", "hometown", "home town")
_CITY_OF_RE = re.compile(
    r"\b(?:in|to|at)\s+(?:the|his|her|their)\s+(?:[A-Z][\w'’-]+\s+|[a-z]+\s+){0,2}(?:"
    + "|".join(PLACE_NOUNS)
    + r")\s+of\s+"
    r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)"
)


def _city_of(m: re.Match[str]) -> tuple[str, str | None] | None:
    """The city of a "the Tanzanian city of Arusha" match, with the country its demonym names."""
    city, code = places.resolve_place(m.group(1))
    if code is None:
        dem = re.search(r"the\s+([A-Z][\w'’-]+)\s+(?:city|town|port|capital|resort)", m.group(0))
        place = gazetteer.lookup(dem.group(1)) if dem else None
        code = place.code if place is not None and place.kind == "country" else None
    if city and city.split()[-1] not in _NOT_PLACE_HEADS:
        return city, code
    return None


def _capital(m: re.Match[str]) -> tuple[str, str] | None:
    """The capital of an "in the Saudi capital" / "in Fiji's capital" match."""
    place = gazetteer.lookup(m.group(1))
    cap = gazetteer.capital_of(place.code) if place is not None and place.kind == "country" else None
    return (cap, place.code) if cap and place is not None else None


def described_city(text: str) -> tuple[str, str] | None:
    """The first city a text describes rather than names bare: "in the Pakistani city of Lahore",
    "in the Angolan capital" (a city with a known country only)."""
    m = _CITY_OF_RE.search(text)
    found = _city_of(m) if m else None
    if found is not None and found[1] is not None:
        return found[0], found[1]
    c = _CAPITAL_RE.search(text)
    return _capital(c) if c else None


def described_place(ctx: DocContext, mm: Mention, sent, start: int | None = None) -> None:
    """Places written as descriptions right after the trigger (or after ``start``, the verb it
    completes: "arrived in the Eritrean capital ... for a visit"): "in the Saudi capital", "in Fiji's
    capital", "in the Tanzanian city of Arusha"."""
    at = mm.end if start is None else start
    window = ctx.text[at : min(sent.end_char, at + 60)]
    m = _CITY_OF_RE.match(window.lstrip()) or _CITY_OF_RE.search(window)
    if m is not None and m.start() > 30:
        m = None  # "met Kim at the border village of Panmunjom": close to the trigger only
    found = _city_of(m) if m else None
    if found is not None:
        mm.city, mm.country_code = found  # "the village of X" says X is a place
        return
    c = _CAPITAL_RE.search(window[:30]) or _CAPITAL_RE.search(window.split(",")[0])  # within the clause
    cap = _capital(c) if c else None
    if cap is not None:
        mm.city, mm.country_code = cap


_OWNED_VENUE = re.compile(r"(?:the\s+)?([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)[’']s?\s+([A-Z].*)")


def city_in_name(name: str) -> tuple[str | None, str | None]:
    """The city a name opens with: "the Vilnius Summit", "the Abu Dhabi National Exhibition Centre"."""
    words = re.sub(r"^the\s+", "", name, flags=re.I).split()
    for n in (3, 2, 1):
        if len(words) > n and all(w[:1].isupper() for w in words[:n]):
            hit = gazetteer.lookup_city(" ".join(words[:n]))
            if hit is not None:
                return hit[0], hit[1].code
    return None, None


def read_place(ctx: DocContext, mm: Mention, g) -> None:
    text = ctx.text
    ent = next((e for e in ctx.ents if e.start <= g.i < e.end), None)
    if (ent is not None and ent.label_ in ("FAC", "ORG")) or (ent is None and g.text[:1].isupper()):
        phrase = ent.text if ent is not None else text[g.left_edge.idx : g.idx + len(g.text)]
        owner: tuple[str | None, str | None] = (None, None)
        own = _OWNED_VENUE.match(phrase)
        if own:  # "in Mexico's National Palace": the building, in the country or city that owns it
            owner = places.resolve_place(own.group(1))
            if owner[0] or owner[1]:
                phrase = own.group(2)
        v = places.find_venue(phrase if phrase.lower().startswith("the ") else "the " + phrase)
        if v and not mm.venue:
            mm.venue = v[0]
            seat = places.seat(v[0]) or city_in_name(v[0])
            if seat[0] and not mm.city:
                mm.city, mm.country_code = seat
            elif not mm.city and not mm.country_code and (owner[0] or owner[1]):
                mm.city, mm.country_code = owner
            # "at the Elysee Palace in Paris"
            for c in g.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    for gg in c.children:
                        if gg.dep_ == "pobj":
                            read_place(ctx, mm, gg)
            return
    if ent is not None and ent.label_ in ("GPE", "LOC", "FAC"):
        if ent.text.split()[-1] in _NOT_PLACE_HEADS:
            return
        known = gazetteer.lookup(ent.text)
        if known is not None and known.kind == "organisation":
            return  # "at the G7": a gathering of an organisation, not a town
        if is_venue_name(ent.text):
            mm.venue = mm.venue or re.sub(r"^the\s+", "", ent.text, flags=re.I)
            return
        after = text[ent.end_char : ent.end_char + 30]
        city, code = places.resolve_place(ent.text, after)
        if city is None and code and mm.city:
            return
        if city and not code and mm.country_code and not mm.city:
            mm.city = city
            return
        if city or code:
            if mm.city and not city:
                return
            mm.city, mm.country_code = city, code or mm.country_code
    elif (ent is None or ent.label_ in ("ORG", "PERSON", "NORP")) and g.pos_ == "PROPN" and not mm.city:
        # the tagger took a known city for something else: "to meet again in Dushanbe" (ORG)
        name = ent.text if ent is not None else g.text
        known = gazetteer.lookup(name) or gazetteer.lookup(f"the {name}")
        if known is not None and known.kind == "organisation":
            return  # "to the Alliance" (NATO), not the town of Alliance, Ohio
        hit = gazetteer.lookup_city(name)
        if hit is not None and (mm.country_code is None or mm.country_code == hit[1].code):
            mm.city, mm.country_code = hit[0], hit[1].code
        elif ent is None or ent.label_ == "ORG":  # "in Naivasha", untagged: a town of the world gazetteer
            town = world_cities.lookup(name)
            if town is not None and (mm.country_code is None or mm.country_code == town[1]):
                mm.city, mm.country_code = town
