"""Query-string state for the list pages: parse, validate, re-serialise canonically, describe.

One ``Filters`` object per list. ``parse`` collects every problem and raises ``BadParams`` (the
app turns it into a 400 page that lists them); ``to_params`` gives the canonical parameters
(fixed order, defaults and empty values left out, repeated values sorted), so a request whose
query string differs from ``to_params`` is redirected to the canonical URL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal, Self

SLUG_RE = re.compile(r"^[\w][\w.\-]{0,199}$")
CODE_RE = re.compile(r"^[a-z]{2,3}$")
EVENT_KINDS = ("summit", "meeting", "talks", "call", "visit", "conference", "other")
MAX_PAGE = 10_000
MAX_Q = 200
MAX_SPEAKERS = 50
MAX_ECHO = 60  # how much of a rejected value an error message repeats
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def shown(value: str) -> str:
    """A rejected value as an error message repeats it: control characters made visible, long ones cut."""
    value = CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return value if len(value) <= MAX_ECHO else value[:MAX_ECHO] + f"… ({len(value)} characters)"


class BadParams(Exception):
    """One or more query parameters were wrong; ``errors`` says what, in words."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


class _Reader:
    """Collects query parameters by name, and the errors found while reading them."""

    def __init__(self, items: Iterable[tuple[str, str]], known: tuple[str, ...]) -> None:
        self.values: dict[str, list[str]] = {}
        self.errors: list[str] = []
        for key, value in items:
            value = value.strip()
            if key in known and value:
                self.values.setdefault(key, []).append(value)

    def many(self, key: str) -> list[str]:
        return self.values.get(key, [])

    def one(self, key: str) -> str | None:
        vals = self.values.get(key, [])
        if len(vals) > 1 and len(set(vals)) > 1:
            self.errors.append(f"“{key}” was given more than once ({', '.join(map(shown, vals))}); give it once.")
            return None
        return vals[0] if vals else None

    def slug(self, key: str, value: str | None, what: str) -> str | None:
        if value is None:
            return None
        if not SLUG_RE.fullmatch(value):
            self.errors.append(
                f"“{key}” should be the short name of {what} as it appears in its URL, not “{shown(value)}”."
            )
            return None
        return value

    def code(self, key: str, value: str | None) -> str | None:
        if value is None:
            return None
        code = value.lower()
        if not CODE_RE.fullmatch(code):
            self.errors.append(f"“{key}” should be a two-letter country code such as “fr”, not “{shown(value)}”.")
            return None
        return code

    def date(self, key: str, value: str | None) -> dt.date | None:
        if value is None:
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            self.errors.append(f"“{key}” should be a date written YYYY-MM-DD, not “{shown(value)}”.")
            return None

    def integer(self, key: str, value: str | None, *, low: int, high: int, default: int) -> int:
        if value is None:
            return default
        if not re.fullmatch(r"\d{1,6}", value) or not low <= int(value) <= high:
            self.errors.append(f"“{key}” should be a whole number from {low} to {high}, not “{shown(value)}”.")
            return default
        return int(value)

    def choice(self, key: str, value: str | None, choices: tuple[str, ...]) -> str | None:
        if value is None:
            return None
        if value not in choices:
            self.errors.append(f"“{key}” should be one of {', '.join(choices)}, not “{shown(value)}”.")
            return None
        return value

    def cursor(self, key: str, value: str | None) -> tuple[dt.date | None, int] | None:
        """A keyset cursor ``YYYY-MM-DD,ID`` (``,ID`` for an undated row)."""
        if value is None:
            return None
        m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})?,(\d{1,12})", value)
        if m is None:
            self.errors.append(f"“{key}” should be a date and a number such as “2025-04-10,123”, not “{shown(value)}”.")
            return None
        day = self.date(key, m.group(1)) if m.group(1) else None
        return None if m.group(1) and day is None else (day, int(m.group(2)))

    def text(self, key: str, value: str | None) -> str | None:
        if value is None:
            return None
        if CONTROL_RE.search(value):
            self.errors.append(f"“{key}” contains a control character (such as a NUL byte): “{shown(value)}”.")
            return None
        value = " ".join(value.split())
        if len(value) > MAX_Q:
            self.errors.append(f"“{key}” is too long: at most {MAX_Q} characters.")
            return None
        return value or None

    def done(self) -> None:
        if self.errors:
            raise BadParams(self.errors)


def _and_list(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _date_range(date_from: dt.date | None, date_to: dt.date | None) -> str | None:
    if date_from and date_to:
        return f"from {date_from:%-d %B %Y} to {date_to:%-d %B %Y}"
    if date_from:
        return f"since {date_from:%-d %B %Y}"
    if date_to:
        return f"until {date_to:%-d %B %Y}"
    return None


@dataclass(frozen=True, slots=True)
class StatementFilters:
    speakers: tuple[str, ...] = ()
    event: str | None = None
    country: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    type: Literal["direct", "reported"] | None = None
    q: str | None = None
    sort: Literal["date", "-date"] = "-date"
    after: tuple[dt.date | None, int] | None = None  # keyset cursor: rows after (said_on, id)
    before: tuple[dt.date | None, int] | None = None  # keyset cursor: rows before (said_on, id)
    page: int = 1

    PARAMS = ("speaker", "event", "country", "from", "to", "type", "q", "sort", "after", "before", "page")
    TYPES = ("direct", "reported")
    SORTS = ("-date", "date")
    PER_PAGE = 50

    @classmethod
    def parse(cls, items: Iterable[tuple[str, str]]) -> Self:
        r = _Reader(items, cls.PARAMS)
        speakers = []
        if len(set(r.many("speaker"))) > MAX_SPEAKERS:
            r.errors.append(f"“speaker” was given {len(set(r.many('speaker')))} times; at most {MAX_SPEAKERS}.")
        for value in r.many("speaker")[: MAX_SPEAKERS + 1]:
            slug = r.slug("speaker", value, "a person or body")
            if slug:
                speakers.append(slug)
        date_from = r.date("from", r.one("from"))
        date_to = r.date("to", r.one("to"))
        if date_from and date_to and date_from > date_to:
            r.errors.append(f"The date range is back to front: “from” ({date_from}) is after “to” ({date_to}).")
        kind = r.choice("type", r.one("type"), cls.TYPES)
        f = cls(
            speakers=tuple(sorted(set(speakers))),
            event=r.slug("event", r.one("event"), "an event"),
            country=r.code("country", r.one("country")),
            date_from=date_from,
            date_to=date_to,
            type=kind,  # type: ignore[arg-type]
            q=r.text("q", r.one("q")),
            sort=r.choice("sort", r.one("sort"), cls.SORTS) or "-date",  # type: ignore[arg-type]
            after=r.cursor("after", r.one("after")),
            before=r.cursor("before", r.one("before")),
            page=r.integer("page", r.one("page"), low=1, high=MAX_PAGE, default=1),
        )
        if f.after and f.before:
            r.errors.append("Give “after” or “before”, not both.")
        r.done()
        return f

    def to_params(self) -> list[tuple[str, str]]:
        params = [("speaker", s) for s in self.speakers]
        if self.event:
            params.append(("event", self.event))
        if self.country:
            params.append(("country", self.country))
        if self.date_from:
            params.append(("from", self.date_from.isoformat()))
        if self.date_to:
            params.append(("to", self.date_to.isoformat()))
        if self.type:
            params.append(("type", self.type))
        if self.q:
            params.append(("q", self.q))
        if self.sort != "-date":
            params.append(("sort", self.sort))
        for key, cur in (("after", self.after), ("before", self.before)):
            if cur:
                params.append((key, f"{cur[0].isoformat() if cur[0] else ''},{cur[1]}"))
        if self.page > 1:
            params.append(("page", str(self.page)))
        return params

    def with_page(self, page: int) -> StatementFilters:
        return replace(self, page=page, after=None, before=None)

    @property
    def is_filtered(self) -> bool:
        return bool(self.to_params_without_page())

    def to_params_without_page(self) -> list[tuple[str, str]]:
        return [p for p in self.to_params() if p[0] not in ("page", "sort", "after", "before")]

    def describe(
        self,
        *,
        actor_names: Mapping[str, str] | None = None,
        event_names: Mapping[str, str] | None = None,
        country_names: Mapping[str, str] | None = None,
    ) -> str:
        """The filters in words, for the page title and heading."""
        actor_names = actor_names or {}
        event_names = event_names or {}
        country_names = country_names or {}
        head = {"direct": "Direct quotes", "reported": "Reported statements"}.get(self.type or "", "Statements")
        parts = [head]
        if self.speakers:
            parts.append("by " + _and_list([actor_names.get(s, s) for s in self.speakers]))
        if self.country:
            parts.append("by speakers from " + country_names.get(self.country, self.country.upper()))
        if self.event:
            parts.append("at " + event_names.get(self.event, self.event))
        if rng := _date_range(self.date_from, self.date_to):
            parts.append(rng)
        if self.q:
            parts.append(f"containing “{self.q}”")
        text = " ".join(parts)
        if self.sort == "date":
            text += ", oldest first"
        if self.page > 1:
            text += f" (page {self.page})"
        return text


@dataclass(frozen=True, slots=True)
class EventFilters:
    kind: str | None = None
    country: str | None = None
    year: int | None = None
    month: int | None = None  # 1-12, only with a year
    participant: str | None = None
    sort: Literal["date", "-date"] = "-date"
    page: int = 1

    PARAMS = ("kind", "country", "year", "month", "participant", "sort", "page")
    SORTS = ("-date", "date")
    PER_PAGE = 50

    @classmethod
    def parse(cls, items: Iterable[tuple[str, str]]) -> Self:
        r = _Reader(items, cls.PARAMS)
        year_raw = r.one("year")
        year = r.integer("year", year_raw, low=1900, high=2100, default=0) if year_raw else None
        month_raw = r.one("month")
        month = r.integer("month", month_raw, low=1, high=12, default=0) if month_raw else None
        if month and not year_raw:
            r.errors.append("“month” needs a “year” as well.")
        f = cls(
            kind=r.choice("kind", r.one("kind"), EVENT_KINDS),
            country=r.code("country", r.one("country")),
            year=year or None,
            month=month or None,
            participant=r.slug("participant", r.one("participant"), "a person or body"),
            sort=r.choice("sort", r.one("sort"), cls.SORTS) or "-date",  # type: ignore[arg-type]
            page=r.integer("page", r.one("page"), low=1, high=MAX_PAGE, default=1),
        )
        r.done()
        return f

    def to_params(self) -> list[tuple[str, str]]:
        params: list[tuple[str, str]] = []
        if self.kind:
            params.append(("kind", self.kind))
        if self.country:
            params.append(("country", self.country))
        if self.year:
            params.append(("year", str(self.year)))
        if self.month:
            params.append(("month", str(self.month)))
        if self.participant:
            params.append(("participant", self.participant))
        if self.sort != "-date":
            params.append(("sort", self.sort))
        if self.page > 1:
            params.append(("page", str(self.page)))
        return params

    def with_page(self, page: int) -> EventFilters:
        return replace(self, page=page)

    @property
    def is_filtered(self) -> bool:
        return any(k != "page" and k != "sort" for k, _ in self.to_params())

    def describe(
        self, *, actor_names: Mapping[str, str] | None = None, country_names: Mapping[str, str] | None = None
    ) -> str:
        actor_names = actor_names or {}
        country_names = country_names or {}
        plural = {"talks": "Talks", "other": "Other events"}
        head = plural.get(self.kind or "", f"{(self.kind or 'event').capitalize()}s") if self.kind else "Events"
        parts = [head]
        if self.country:
            parts.append("in " + country_names.get(self.country, self.country.upper()))
        if self.year:
            parts.append(f"in {dt.date(self.year, self.month, 1):%B %Y}" if self.month else f"in {self.year}")
        if self.participant:
            parts.append("with " + actor_names.get(self.participant, self.participant))
        text = " ".join(parts)
        if self.sort == "date":
            text += ", oldest first"
        if self.page > 1:
            text += f" (page {self.page})"
        return text


@dataclass(frozen=True, slots=True)
class SearchParams:
    q: str | None = None
    page: int = 1

    PARAMS = ("q", "page")
    PER_PAGE = 20

    @classmethod
    def parse(cls, items: Iterable[tuple[str, str]]) -> Self:
        r = _Reader(items, cls.PARAMS)
        f = cls(q=r.text("q", r.one("q")), page=r.integer("page", r.one("page"), low=1, high=MAX_PAGE, default=1))
        r.done()
        return f

    def to_params(self) -> list[tuple[str, str]]:
        params: list[tuple[str, str]] = []
        if self.q:
            params.append(("q", self.q))
        if self.page > 1:
            params.append(("page", str(self.page)))
        return params

    def with_page(self, page: int) -> SearchParams:
        return replace(self, page=page)
