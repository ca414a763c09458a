"""Titles, honorifics and name particles: the general lexicon that tells a person's role.

General knowledge only (no document-specific names). Matching is on surface words, so
capitalisation variants ("Foreign Minister", "foreign minister") are both covered by the
callers lower-casing before lookup.
"""

from __future__ import annotations

# Single words that can head a political/diplomatic title. Multi-word titles are built from
# these plus the modifiers below ("Deputy Prime Minister", "Secretary of State").
TITLE_HEADS: frozenset[str] = frozenset(
    {
        "president", "vice-president", "premier", "chancellor", "minister", "secretary",
        "secretary-general", "under-secretary", "undersecretary", "ambassador", "envoy", "king", "queen",
        "prince", "princess", "emir", "amir", "sheikh", "sultan", "crown", "pope", "spokesman",
        "spokeswoman", "spokesperson", "governor", "mayor", "senator", "sen.", "rep.", "representative",
        "congressman", "congresswoman", "speaker", "chairman", "chairwoman", "chair", "leader",
        "commissioner", "general", "gen.", "admiral", "adm.", "colonel", "col.", "lieutenant",
        "commander", "chief", "director", "adviser", "advisor", "counselor", "counsellor", "attaché",
        "consul", "deputy", "vice", "taoiseach", "negotiator", "mediator", "czar",
        "coordinator", "administrator", "head", "monarch", "emperor", "majesty", "highness",
        "excellency", "lawmaker", "legislator", "mp", "diplomat", "official", "delegate",
        "minister-president", "grand", "duke", "archbishop", "cardinal",
        "patriarch", "ayatollah", "imam", "rabbi", "justice", "judge", "attorney", "prosecutor",
        "ruler", "officer", "aide", "co-chair", "co-founder", "founder",
    }
)

# Words that may sit inside a multi-word title between/around heads.
TITLE_MODIFIERS: frozenset[str] = frozenset(
    {
        "prime", "foreign", "defence", "defense", "interior", "finance", "trade", "economy", "home",
        "deputy", "vice", "acting", "first", "senior", "special", "chief", "assistant", "principal",
        "national", "security", "state", "affairs", "of", "for", "and", "the", "general", "crown",
        "supreme", "top", "high", "lord", "external", "international", "cooperation", "ministry",
        "office", "press", "presidential", "executive", "permanent", "energy",
        "health", "justice", "agriculture", "commerce", "treasury", "labour", "labor", "education",
        "culture", "environment", "climate", "transport", "economic", "development", "european",
        "army", "armed", "forces", "staff", "joint", "chiefs", "military", "navy", "air", "force",
        "white", "house", "department", "kremlin", "cabinet", "minister", "secretary", "homeland",
        "intelligence", "policy", "communications", "council", "commission", "union",
        "parliament", "parliamentary", "assembly", "majority", "minority", "opposition", "party",
        "emeritus", "designate", "elect", "-elect", "veterans", "relations", "communication",
        "information", "nuclear", "regional", "legal", "political", "strategic", "planning",
    }
)

# Honorifics: not roles, but they mark a person and sometimes gender.
HONORIFICS: dict[str, str | None] = {
    "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
    "dr": None, "dr.": None, "sir": "m", "dame": "f", "lord": "m", "lady": "f", "madam": "f",
    "his": "m", "her": "f", "mme": "f", "mme.": "f", "m.": "m", "h.e.": None, "hon.": None,
    "honorable": None, "honourable": None, "rt.": None,
}

# Gendered titles.
GENDERED_TITLES: dict[str, str] = {
    "king": "m", "queen": "f", "prince": "m", "princess": "f", "emir": "m", "sheikh": "m",
    "sultan": "m", "spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f",
    "congressman": "m", "congresswoman": "f", "pope": "m", "emperor": "m", "duke": "m",
    "ayatollah": "m", "cardinal": "m", "majesty": "m",
}

# Roles of people the people extractor leaves out (journalists, writers).
MEDIA_ROLES: frozenset[str] = frozenset(
    {
        "journalist", "reporter", "correspondent", "editor", "columnist", "writer", "author",
        "photographer", "anchor", "host", "presenter", "commentator", "blogger", "analyst",
        "contributor", "producer", "cameraman", "stringer",
    }
)

# Lower-case name particles that may sit inside a name ("von der Leyen", "bin Salman").
NAME_PARTICLES: frozenset[str] = frozenset(
    {
        "von", "der", "den", "van", "de", "da", "di", "do", "dos", "das", "du", "del", "della", "la", "le",
        "bin", "ibn", "bint", "al", "el", "ben", "abu", "ter", "y", "zu", "af", "ul",
    }
)

# Name suffixes that are not the surname.
NAME_SUFFIXES: frozenset[str] = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv", "v", "vi"})

# Common words that NER sometimes tags as names but never are.
NOT_NAMES: frozenset[str] = frozenset(
    {
        "the", "a", "an", "his", "her", "their", "our", "its", "this", "that", "mr", "mr.", "ms", "ms.",
        "president", "minister", "secretary", "king", "queen", "prince", "majesty", "highness", "excellency",
        "god", "allah", "covid", "covid-19", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "today", "tonight", "yesterday", "tomorrow",
        "readout", "statement", "joint", "fact", "sheet", "remarks", "press", "release", "following",
        "leaders", "leader", "both", "two", "we", "i", "he", "she", "they", "it",
        "kingdom", "republic", "government", "administration", "ministry", "parliament", "congress",
        "senate", "embassy", "council", "house", "palace", "summit", "state", "states", "union",
        "federation", "alliance", "parties", "party", "side", "sides", "delegation", "team",
        "meeting", "call", "visit", "talks", "conference", "annex", "article", "section", "chapter",
        "agreement", "declaration", "framework", "initiative", "partnership", "act", "treaty",
    }
)


def is_title_word(word: str) -> bool:
    w = word.lower()
    return w in TITLE_HEADS or w in TITLE_MODIFIERS


def is_title_head(word: str) -> bool:
    return word.lower().rstrip(",") in TITLE_HEADS


def honorific_gender(word: str) -> str | None:
    return HONORIFICS.get(word.lower())


def title_gender(title: str) -> str | None:
    for w in title.lower().split():
        if w in GENDERED_TITLES:
            return GENDERED_TITLES[w]
    return None
