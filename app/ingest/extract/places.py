"""Place knowledge for event locations: US states ("Woodside, California"), seats of
government used as venues ("the White House" -> Washington), and resolving a place phrase
to (city, country code).

General knowledge only; complements ``gazetteer`` (countries, capitals, well-known cities).
"""

from __future__ import annotations

import re

from app.ingest.extract import gazetteer, world_cities

US_STATES = {
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
    "D.C.",
    "DC",
    "District of Columbia",
}
_STATE_ABBR = {
    "Ala.",
    "Ariz.",
    "Ark.",
    "Calif.",
    "Colo.",
    "Conn.",
    "Del.",
    "Fla.",
    "Ga.",
    "Ill.",
    "Ind.",
    "Kan.",
    "Ky.",
    "La.",
    "Md.",
    "Mass.",
    "Mich.",
    "Minn.",
    "Miss.",
    "Mo.",
    "Mont.",
    "Neb.",
    "Nev.",
    "N.H.",
    "N.J.",
    "N.M.",
    "N.Y.",
    "N.C.",
    "N.D.",
    "Okla.",
    "Ore.",
    "Pa.",
    "R.I.",
    "S.C.",
    "S.D.",
    "Tenn.",
    "Tex.",
    "Vt.",
    "Va.",
    "Wash.",
    "W.Va.",
    "Wis.",
    "Wyo.",
}

# Seats of government and landmark diplomatic venues: venue -> (city, country code).
SEATS = {
    "White House": ("Washington", "US"),
    "Oval Office": ("Washington", "US"),
    "Camp David": ("Camp David", "US"),
    "Mar-a-Lago": ("Palm Beach", "US"),
    "State Department": ("Washington", "US"),
    "Kremlin": ("Moscow", "RU"),
    "Elysee": ("Paris", "FR"),
    "Élysée": ("Paris", "FR"),
    "Pentagon": ("Washington", "US"),
    "Capitol": ("Washington", "US"),
    "Downing Street": ("London", "GB"),
    "Lancaster House": ("London", "GB"),
    "Buckingham Palace": ("London", "GB"),
    "Great Hall of the People": ("Beijing", "CN"),
    "Zhongnanhai": ("Beijing", "CN"),
    "Diaoyutai State Guesthouse": ("Beijing", "CN"),
    "Akasaka Palace": ("Tokyo", "JP"),
    "Kantei": ("Tokyo", "JP"),
    "Blue House": ("Seoul", "KR"),
    "Hyderabad House": ("New Delhi", "IN"),
    "Rashtrapati Bhavan": ("New Delhi", "IN"),
    "Palazzo Chigi": ("Rome", "IT"),
    "Quirinal Palace": ("Rome", "IT"),
    "Bellevue Palace": ("Berlin", "DE"),
    "Peace Palace": ("The Hague", "NL"),
    "Palais des Nations": ("Geneva", "CH"),
    "Mariinsky Palace": ("Kyiv", "UA"),
    "Dolmabahce Palace": ("Istanbul", "TR"),
    "Al Yamamah Palace": ("Riyadh", "SA"),
    "UN Headquarters": ("New York", "US"),
    "United Nations Headquarters": ("New York", "US"),
}
_SEAT_INDEX = {k.lower(): v for k, v in SEATS.items()}

VENUE_WORDS = (
    "Palace",
    "House",
    "Hall",
    "Center",
    "Centre",
    "Estate",
    "Building",
    "Office",
    "Castle",
    "Hotel",
    "Residence",
    "Manor",
    "Villa",
    "Chancellery",
    "Kremlin",
    "Street",
    "Headquarters",
    "Museum",
    "Library",
    "Pavilion",
    "Guesthouse",
    "Airport",
    "Mansion",
    "Lodge",
    "Fort",
    "Base",
    "Stadium",
    "Arena",
    "Auditorium",
    "Theatre",
    "Theater",
)
_VENUE_RE = re.compile(
    r"\b(?:the\s+)?((?:[A-Z][\w'’.-]*\s+)(?:(?:of|the|de|du|des)\s+|[A-Z][\w'’.-]*\s+)*(?:"
    + "|".join(VENUE_WORDS)
    + r"))\b"
)


def seat(venue: str) -> tuple[str, str] | None:
    """(city, country code) for a known seat of government or landmark venue."""
    key = re.sub(r"^the\s+", "", venue.strip(), flags=re.I).lower()
    return _SEAT_INDEX.get(key)


# One-word venues named with "the": "at the Chancellery", "at the Elysee".
BARE_VENUES = ("Chancellery", "Kremlin", "Elysee", "Élysée", "Quirinale", "Vatican", "Kantei", "Pentagon", "Capitol")
_BARE_RE = re.compile(r"\bthe\s+(" + "|".join(BARE_VENUES) + r")\b")


_VENUE_TAIL = re.compile(r"[ ](?:" + "|".join(VENUE_WORDS) + r")\b")


def find_venue(text: str) -> tuple[str, int, int] | None:
    """The first named venue ("the Elysee Palace", "the White House") in a text: (name, start, end)."""
    for name in SEATS:
        i = text.find(name)
        if i >= 0:
            end = i + len(name)
            more = _VENUE_TAIL.match(text, end)  # "the Elysee Palace": keep the whole name
            if more:
                end = more.end()
            return text[i:end], i, end
    b = _BARE_RE.search(text)
    if b and not re.match(r"\s+[A-Z]", text[b.end() :]):
        return b.group(1), b.start(1), b.end(1)
    m = _VENUE_RE.search(text)
    if m:
        name = m.group(1)
        first = name.split()[0]
        if gazetteer.lookup(name) is None and first not in ("The", "This", "That", "A", "An"):
            return name, m.start(1), m.end(1)
    return None


_DATELINE_RE = re.compile(
    r"[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.]*(?:\s+(?:and\s+(?:the\s+)?)?[A-Z][\w.]*){0,4})?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:(?:\s*\([^)\n]{1,40}\))?\s*(?:-{1,2}|–|—)|(?<=\d):)\s+"  # "KATHMANDU, November 27: " (a day before a colon)
)


# AFP/ANI style: "Jeddah (Saudi Arabia) (AFP) - ", "Kyiv (AFP) - ": a title-case city, then an agency
_DATELINE_TITLE_RE = re.compile(
    r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})(?:\s*\(([A-Z][^)\n]{1,30})\))?"
    r"\s*\((?:AFP|AP|Reuters|dpa|ANI|PTI|IANS|Xinhua|EFE|ANSA|Kyodo|Yonhap|UPI|TASS|Bloomberg|Anadolu)\)"
    r"\s*(?:-{1,2}|–|—)\s+"
)


def dateline_end(text: str, start: int) -> int:
    """End offset of a wire dateline opening the body ("TOKYO, March 4 (Reuters) - "), else ``start``."""
    m = _DATELINE_RE.match(text, start) or _DATELINE_TITLE_RE.match(text, start)
    return m.end() if m else start


_DATELINE_CITY = re.compile(
    r"([A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*)((?:,\s*[A-Z][\w.]*(?:\s+(?:and\s+(?:the\s+)?)?[A-Z][\w.]*){0,4})?)"
)
_DATELINE_ALIASES = {"UNITED NATIONS": ("New York", "US")}


def dateline_place(text: str, start: int) -> tuple[str | None, str | None]:
    """(city, country code) of a wire dateline opening the body ("RIYADH, Saudi Arabia (AP) —",
    "GENEVA, May 14 (Reuters) -"), else (None, None)."""
    m = _DATELINE_RE.match(text, start)
    if not m:
        t = _DATELINE_TITLE_RE.match(text, start)
        if t is None:
            return None, None
        name, code = resolve_place(t.group(1), f", {t.group(2)}" if t.group(2) else "")
        if code is None and name is not None and gazetteer.lookup_city(name) is None:
            return None, None
        return name, code
    h = _DATELINE_CITY.match(text, m.start(), m.end())
    if not h:
        return None, None
    caps = h.group(1).strip()
    if caps in _DATELINE_ALIASES:
        return _DATELINE_ALIASES[caps]
    city = " ".join(w.capitalize() if w.isupper() else w for w in caps.split())
    city = "-".join(part[:1].upper() + part[1:] for part in city.split("-"))
    name, code = resolve_place(city, h.group(2) or "")
    if name is None and code is None:
        return None, None
    if code is None and gazetteer.lookup_city(city) is None:
        return None, None  # an unknown word in capitals without a country: not a dateline we can read
    return name, code


# provinces, states and home nations written after a city in datelines ("LA MALBAIE, Quebec"); the
# US states are in their own table above
_SUBDIVISIONS: dict[str, str] = {
    **dict.fromkeys(
        [
            "Alberta",
            "British Columbia",
            "Manitoba",
            "New Brunswick",
            "Newfoundland",
            "Nova Scotia",
            "Ontario",
            "Prince Edward Island",
            "Quebec",
            "Québec",
            "Saskatchewan",
            "Yukon",
        ],
        "CA",
    ),
    **dict.fromkeys(
        ["New South Wales", "Queensland", "Victoria", "Tasmania", "Western Australia", "South Australia"], "AU"
    ),
    **dict.fromkeys(["England", "Scotland", "Wales", "Northern Ireland"], "GB"),
}


def is_us_state(text: str) -> bool:
    return text.strip() in US_STATES or text.strip() in _STATE_ABBR


def subdivision_country(text: str) -> str | None:
    """The country of a state, province or home nation written after a city ("Ohio", "Quebec")."""
    return "US" if is_us_state(text) else _SUBDIVISIONS.get(text.strip())


def resolve_place(name: str, after: str = "") -> tuple[str | None, str | None]:
    """(city, country code) for a place phrase; ``after`` is the text right after it, for
    "City, State" and "City, Country". A country gives (None, code); unknown gives (name, None)."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I).strip(" ,.")
    if not name:
        return None, None
    if (split := re.match(r"(.+?),?\s+(D\.\s?C\.?|DC)$", name)) is not None:
        name, after = split.group(1), ", D.C."  # "Washington, D.C." tagged as one place
    m = re.match(r",\s*([A-Z][\w.]*(?: (?:and (?:the )?)?[A-Z][\w.]*){0,4})", after)
    if m:
        words = m.group(1).split()
        for nxt in dict.fromkeys(" ".join(words[:k]) for k in range(len(words), 0, -1)):
            nxt = nxt if nxt in US_STATES or nxt in _STATE_ABBR else nxt.rstrip(".")
            if (code := subdivision_country(nxt)) is not None:
                return name, code
            place = gazetteer.lookup(nxt)
            if place is not None and place.kind == "country" and place.how != "capital":
                return name, place.code
    if name in US_STATES and name not in ("Washington", "New York", "Georgia"):
        return None, "US"
    hit = gazetteer.lookup_city(name)
    if hit is not None:
        return hit[0], hit[1].code
    place = gazetteer.lookup(name)
    if place is not None and place.kind == "country" and place.how in ("name", "alias"):
        return None, place.code
    if seat(name):
        city, code = seat(name)  # type: ignore[misc]
        return city, code
    world = world_cities.lookup(name) if not _BUILDING_AFTER.match(after) else None
    if world is not None:
        return world  # "in Naivasha"; not "the Planalto presidential palace"
    return name, None


_BUILDING_AFTER = re.compile(
    r"\s+(?:\w+\s+)?(?:palace|hotel|house|hall|building|cent(?:er|re)|headquarters|residence|compound|base|"
    r"stadium|airport|castle|villa|pavilion|mansion)\b",
    re.I,
)
