"""Dates in news text, resolved against the publication date.

``find_dates(text, published, tense=...)`` scans a text (or a slice of one) for date
expressions and resolves each to a :class:`DateMention`:

* explicit dates: "March 27", "27 March 2025", "Sept. 3", "March 27-28", "March 30-April 2",
  "on the 27th"; a month-day without a year takes the year nearest the publication date
* relative days: "today", "tonight", "yesterday", "tomorrow", "on Thursday", "Thursday's",
  "last/next Monday"; a bare weekday is the most recent one on or before publication, or
  the next one on or after it when the context is future ("will meet on Thursday")
* coarse spans kept with their precision (no day): "this week", "next week" (``week``),
  "in November 2022", "last month" (``month``)
* "three days before/after <date>" shifts the date that follows
* "the same day", "the next day", "two days later" count from the last day told before them
  (within a few sentences; with none, they are left unresolved)

No I/O, no spaCy needed (``tense_at`` is an optional helper for a parsed Doc). Never raises.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from app.ingest.extract.records import DatePrecision

if TYPE_CHECKING:
    from spacy.tokens import Doc

Tense = Literal["past", "future"] | None

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {
    "one": 1,
    "a": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets into the text passed to find_dates (plus ``offset``)
    end: int
    text: str
    date: dt.date | None  # the day (or first day of the week/month for coarse spans)
    end_date: dt.date | None = None
    precision: DatePrecision = "day"

    @classmethod
    def year(cls, start: int, text: str) -> DateMention:
        """A year written alone, at ``start``: "the 2009 Copenhagen summit", "the 2014 Wales Summit"."""
        return cls(start, start + len(text), text, dt.date(int(text), 1, 1), None, "year")

    @property
    def day(self) -> dt.date | None:
        """The date when it pins a day, else None (the gold convention for coarse spans)."""
        return self.date if self.precision == "day" else None

    def another_period(self, published: dt.date | None) -> bool:
        """A month or a year other than the story's: not the publication's year, nor its month or
        the month either side ("the group's 2019 summit" in a June 2018 story). Without a
        publication date every month or year is one."""
        if self.date is None or self.precision not in ("month", "year"):
            return False
        if published is None:
            return True
        if self.precision == "year":
            return self.date.year != published.year
        return abs((self.date.year - published.year) * 12 + self.date.month - published.month) > 1


_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WD_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+((?:19|20)\d\d))"
_DASH = r"\s*(?:-|–|—|to|through|until)\s*"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # March 30-April 2(, 2025)
    ("md_md", re.compile(rf"\b({_MONTH_RE})\s+{_DAY}{_DASH}({_MONTH_RE})\s+{_DAY}{_YEAR}?(?!\d)")),
    # 30 March - 2 April (2025)
    ("dm_dm", re.compile(rf"\b{_DAY}\s+({_MONTH_RE}){_DASH}{_DAY}\s+({_MONTH_RE}){_YEAR}?(?!\d)")),
    # (Thursday,) March 27(-28)(, 2025)
    (
        "md",
        re.compile(
            rf"\b(?:{_WD_RE},?\s+)?({_MONTH_RE})\s+{_DAY}(?:(?:{_DASH}|\s+and\s+)(\d{{1,2}})(?!\d|,\s*\d{{1,2}}\b))?{_YEAR}?(?![\d:])"
        ),
    ),
    # (Thursday) 27(-28) March (2025); "13 and 14 October"
    (
        "dm",
        re.compile(
            rf"\b(?:{_WD_RE},?\s+)?(?:the\s+)?{_DAY}(?:(?:{_DASH}|\s+and\s+)(\d{{1,2}}))?\s+(?:of\s+)?({_MONTH_RE})(?!\w){_YEAR}?"
        ),
    ),
    # November 2022 / in early November
    ("my", re.compile(rf"\b({_MONTH_RE})\s+((?:19|20)\d\d)\b")),
    # "in March last year", "in September this year": a month of a year told relative to now
    (
        "m_rel",
        re.compile(rf"\b(?:in|since|until|by|during|early|late|mid-?|of)\s+({_MONTH_RE})\s+(last|this|next)\s+year\b"),
    ),
    # "last November", "next March", "this June": the month's nearest occurrence on that side of now
    ("m_last", re.compile(rf"\b(last|next|this|past|coming)\s+({_MONTH_RE})(?![\w-])(?!\s+\d)")),
    ("m", re.compile(rf"\b(?:in|since|until|by|during|early|late|mid-?|of)\s+({_MONTH_RE})(?![\w-])(?!\s+\d)")),
    (
        "the_nth",
        re.compile(
            r"\b(?:on|the)\s+(?:the\s+)?(\d{1,2})(st|nd|rd|th)\b"
            # an ordinal before a word other than a function word numbers a thing ("the 24th EU-China
            # summit", "the 5th round"), and "the 3rd of May" is read by the day-month patterns
            r"(?!\s+(?:of\b|(?!(?:and|or|when|at|in|to|from|as|after|before|with|by|for|on|until|through|"
            r"was|is|will|would|had|has)\b)[\w(\"“]))"
        ),
    ),
    # "in 2011": a year on its own after "in" or "during" ("since 2014" dates no event; not "2011-12")
    (
        "y",
        # "in 2021 and 2022": the first year of the two
        re.compile(
            r"\b(?:[Ii]n|[Dd]uring)\s+((?:19|20)\d\d)\b"
            r"(?![-–/%]|\s+(?:to|[-–])\s|\s+and\s(?!(?:19|20)\d\d\b)|,?\s*\d)"
        ),
    ),
    ("rel_day", re.compile(r"\b(today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening))\b", re.I)),
    (
        "weekday",
        re.compile(rf"\b(?:(last|next|this|coming|past)\s+)?({_WD_RE})(?:\s+(morning|afternoon|evening|night))?\b"),
    ),
    (
        "week",
        re.compile(
            r"\b(this|next|last|earlier this|later this|the coming|the past)\s+(week|weekend|month|year)\b", re.I
        ),
    ),
]
_SHIFT_RE = re.compile(
    r"\b(\d+|one|a|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week)s?\s+"
    r"(before|after|earlier than|later than)\s+$",
    re.I,
)
_DAY_BEFORE_RE = re.compile(r"\bthe\s+day\s+(before|after)\s+$", re.I)


def _month(name: str) -> int:
    return MONTHS.get(name.lower().rstrip("."), 0)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _nearest_year(m: int, d: int, published: dt.date | None, tense: Tense = None) -> dt.date | None:
    if published is None:
        return None
    cands = [c for y in (published.year - 1, published.year, published.year + 1) if (c := _safe_date(y, m, d))]
    if not cands:
        return None
    if tense == "past":
        past = [c for c in cands if c <= published + dt.timedelta(days=7)]
        cands = past or cands
    elif tense == "future":
        fut = [c for c in cands if c >= published - dt.timedelta(days=7)]
        cands = fut or cands
    return min(cands, key=lambda c: abs((c - published).days))


def _ymd(year: str | None, m: int, d: int, published: dt.date | None, tense: Tense) -> dt.date | None:
    if year:
        return _safe_date(int(year), m, d)
    return _nearest_year(m, d, published, tense)


def _weekday(wd: int, published: dt.date, modifier: str | None, tense: Tense) -> dt.date:
    mod = (modifier or "").lower()
    if mod in ("last", "past"):
        delta = (published.weekday() - wd) % 7 or 7
        return published - dt.timedelta(days=delta)
    if mod in ("next", "coming") or (tense == "future" and mod != "last"):
        delta = (wd - published.weekday()) % 7
        if mod == "next" and delta == 0:
            delta = 7
        return published + dt.timedelta(days=delta)
    delta = (published.weekday() - wd) % 7
    return published - dt.timedelta(days=delta)


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _resolve(kind: str, m: re.Match[str], published: dt.date | None, tense: Tense) -> DateMention | None:
    g = m.groups()
    s, e, text = m.start(), m.end(), m.group(0)
    if kind == "md_md":
        m1, d1, m2, d2, y = _month(g[0]), int(g[1]), _month(g[2]), int(g[3]), g[4]
        first = _ymd(y, m1, d1, published, tense)
        last = _ymd(y, m2, d2, published, tense) if first else None
        if first and last and last < first:
            last = _safe_date(first.year + 1, m2, d2)
        return DateMention(s, e, text, first, last, "day") if first else None
    if kind == "dm_dm":
        d1, m1, d2, m2, y = int(g[0]), _month(g[1]), int(g[2]), _month(g[3]), g[4]
        first = _ymd(y, m1, d1, published, tense)
        last = _ymd(y, m2, d2, published, tense) if first else None
        return DateMention(s, e, text, first, last, "day") if first else None
    if kind == "md":
        mo, d1, d2, y = _month(g[0]), int(g[1]), g[2], g[3]
        first = _ymd(y, mo, d1, published, tense)
        if first is None:
            return None
        last = _safe_date(first.year, mo, int(d2)) if d2 else None
        return DateMention(s, e, text, first, last if last and last > first else None, "day")
    if kind == "dm":
        d1, d2, mo, y = int(g[0]), g[1], _month(g[2]), g[3]
        first = _ymd(y, mo, d1, published, tense)
        if first is None:
            return None
        last = _safe_date(first.year, mo, int(d2)) if d2 else None
        return DateMention(s, e, text, first, last if last and last > first else None, "day")
    if kind == "y":
        start = m.start(1)
        return DateMention(start, e, text[start - s :], dt.date(int(g[0]), 1, 1), None, "year")
    if kind == "my":
        mo, y = _month(g[0]), int(g[1])
        return DateMention(s, e, text, _safe_date(y, mo, 1), None, "month") if mo else None
    if kind == "m_rel":
        mo = _month(g[0])
        if not mo or published is None:
            return None
        year = published.year + {"last": -1, "this": 0, "next": 1}[g[1].lower()]
        start = m.start(1)
        return DateMention(start, e, text[start - s :], dt.date(year, mo, 1), None, "month")
    if kind == "m_last":
        mo = _month(g[1])
        if not mo or published is None:
            return None
        which = g[0].lower()
        year = published.year
        if which in ("last", "past") and mo >= published.month:
            year -= 1
        elif which in ("next", "coming") and mo <= published.month:
            year += 1
        start = m.start(1)
        return DateMention(start, e, text[start - s :], dt.date(year, mo, 1), None, "month")
    if kind == "m":
        mo = _month(g[0])
        if not mo or (g[0] == "May" and not re.match(r"(?:in|since|until|by|during|early|late|mid)", text)):
            return None
        first = None
        if published:
            this_month = published.replace(day=1)
            cands = [dt.date(y, mo, 1) for y in (published.year - 1, published.year, published.year + 1)]
            if tense == "past":  # "after a gathering in September" told in May: last September
                cands = [c for c in cands if c <= this_month]
            elif tense == "future":  # "will meet in March" told in May: next March
                cands = [c for c in cands if c >= this_month]
            first = min(cands, key=lambda c: abs((c - this_month).days))
        start = m.start(1)
        return DateMention(start, e, text[start - s :], first, None, "month")
    if kind == "the_nth":
        if published is None:
            return None
        d = int(g[0])
        cands = []
        for delta in (-1, 0, 1):
            y, mo = published.year, published.month + delta
            if mo < 1:
                y, mo = y - 1, 12
            elif mo > 12:
                y, mo = y + 1, 1
            if c := _safe_date(y, mo, d):
                cands.append(c)
        if tense == "future":
            cands = [c for c in cands if c >= published] or cands
        else:
            cands = [c for c in cands if c <= published] or cands
        if not cands:
            return None
        return DateMention(s, e, text, min(cands, key=lambda c: abs((c - published).days)), None, "day")
    if published is None:
        return None
    if kind == "rel_day":
        word = g[0].lower()
        shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        return DateMention(s, e, text, published + dt.timedelta(days=shift), None, "day")
    if kind == "weekday":
        day = _weekday(WEEKDAYS[g[1].lower()], published, g[0], tense)
        return DateMention(s, e, text, day, None, "day")
    if kind == "week":
        which, unit = g[0].lower(), g[1].lower()
        step = 1 if which in ("next", "the coming") else -1 if which in ("last", "the past") else 0
        if unit in ("week", "weekend"):
            return DateMention(s, e, text, _week_start(published) + dt.timedelta(weeks=step), None, "week")
        if unit == "month":
            y, mo = published.year, published.month + step
            y, mo = (y - 1, 12) if mo < 1 else (y + 1, 1) if mo > 12 else (y, mo)
            return DateMention(s, e, text, dt.date(y, mo, 1), None, "month")
        return DateMention(s, e, text, dt.date(published.year + step, 1, 1), None, "year")
    return None


def find_dates(
    text: str,
    published: dt.date | None,
    tense: Callable[[int], Tense] | None = None,
    offset: int = 0,
) -> list[DateMention]:
    """All date expressions in ``text`` in order, non-overlapping (earlier patterns win).

    ``tense(char_offset)`` (offsets include ``offset``) says whether the expression sits in a
    past or future context; without it weekdays resolve to the past.
    """
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    try:
        for kind, rx in _PATTERNS:
            for m in rx.finditer(text):
                if any(m.start() < b and a < m.end() for a, b in taken):
                    continue
                t = tense(offset + m.start()) if tense else None
                dm = _resolve(kind, m, published, t)
                if dm is not None and kind in ("md", "dm") and not _has_year(m):
                    dm = _year_named_before(text, dm, published)
                if dm is None:
                    continue
                dm = _apply_shift(text, dm)
                taken.append((dm.start, dm.end))
                out.append(DateMention(dm.start + offset, dm.end + offset, dm.text, dm.date, dm.end_date, dm.precision))
        out.sort(key=lambda d: d.start)
        out = _with_chained_days(text, out, offset)
    except (ValueError, OverflowError, KeyError, IndexError):
        pass
    out.sort(key=lambda d: d.start)
    return out


# "the same day", "the next day", "two days later": a day told from the day told just before
_CHAINED_RE = re.compile(
    r"\b(?:(?:that\s+|the\s+)(same)\s+day|the\s+(next|following)\s+day"
    r"|(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)\s+(later|earlier))\b",
    re.I,
)
_CHAIN_REACH = 300  # characters back to the day a chained one counts from


def _with_chained_days(text: str, found: list[DateMention], offset: int) -> list[DateMention]:
    out = list(found)
    for m in _CHAINED_RE.finditer(text):
        s, e = m.start() + offset, m.end() + offset
        if any(d.start < e and s < d.end for d in found):
            continue
        anchor = next((d for d in reversed(found) if d.end <= s and d.precision == "day" and d.date), None)
        if anchor is None or s - anchor.end > _CHAIN_REACH or anchor.date is None:
            continue
        if m.group(1):
            days = 0
        elif m.group(2):
            days = 1
        else:
            w = m.group(3).lower()
            n = int(w) if w.isdigit() else NUMBERS.get(w, 1)
            days = n * (7 if m.group(4).lower().startswith("week") else 1)
            days = -days if m.group(5).lower() == "earlier" else days
        out.append(DateMention(s, e, m.group(0), anchor.date + dt.timedelta(days=days), None, "day"))
    return out


_YEAR_BEFORE_RE = re.compile(r"\b(this|next|last)\s+year[’']s\s+(?:[\w’'-]+\s+){0,6}$", re.I)


def _has_year(m: re.Match[str]) -> bool:
    return bool(re.search(r"(?:19|20)\d\d\s*$", m.group(0)))


def _year_named_before(text: str, dm: DateMention, published: dt.date | None) -> DateMention:
    """ "this year's Climate Summit on April 22nd": the year the phrase names, whatever the tense."""
    m = _YEAR_BEFORE_RE.search(text[max(0, dm.start - 80) : dm.start])
    if m is None or published is None or dm.date is None:
        return dm
    year = published.year + {"this": 0, "next": 1, "last": -1}[m.group(1).lower()]
    day = _safe_date(year, dm.date.month, dm.date.day)
    if day is None or day.year == dm.date.year:
        return dm
    end = (
        _safe_date(year + (dm.end_date.year - dm.date.year), dm.end_date.month, dm.end_date.day)
        if dm.end_date
        else None
    )
    return DateMention(dm.start, dm.end, dm.text, day, end, dm.precision)


def _apply_shift(text: str, dm: DateMention) -> DateMention:
    """'three days before March 5' -> March 2 (the span grows to cover the shift)."""
    before = text[max(0, dm.start - 40) : dm.start]
    m = _SHIFT_RE.search(before)
    days = 0
    if m:
        w = m.group(1).lower()
        n = int(w) if w.isdigit() else NUMBERS.get(w, 1)
        days = n * (7 if m.group(2).lower() == "week" else 1)
        sign = -1 if m.group(3).lower().startswith(("before", "earlier")) else 1
    else:
        m = _DAY_BEFORE_RE.search(before)
        if m:
            days, sign = 1, -1 if m.group(1).lower() == "before" else 1
    if not m or dm.date is None or dm.precision != "day":
        return dm
    start = dm.start - (len(before) - m.start())
    shifted = dm.date + dt.timedelta(days=sign * days)
    return DateMention(start, dm.end, text[start : dm.end], shifted, None, "day")


# --- tense from a spaCy parse ------------------------------------------------------------------

_FUTURE_AUX = {"will", "'ll", "shall", "would", "wo", "must"}  # "must still approve it on Sunday": ahead
_FUTURE_HEADS = {"plan", "expect", "schedule", "set", "due", "prepare", "hope", "intend", "aim", "want", "going"}
# "agreed to hold a summit in July": what one agrees, decides or promises to do comes after
_FUTURE_HEADS |= {"agree", "decide", "pledge", "promise", "vow", "undertake", "resolve", "invite", "urge"}


def tense_at(doc: Doc, char_offset: int) -> Tense:
    """Past or future context of the clause containing ``char_offset`` (None when unclear)."""
    try:
        span = doc.char_span(char_offset, char_offset + 1, alignment_mode="expand")
        if span is None or not len(span):
            return None
        tok = span[0]
        # "agreed not to terminate it after calls ... on April 26": the day of what came before
        behind = False
        for _ in range(6):
            if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
                break
            if tok.head is tok:
                break
            behind = behind or (tok.dep_ == "prep" and tok.lower_ in ("after", "following", "since"))
            tok = tok.head
        for _ in range(3):
            kids = list(tok.children)
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in kids):
                return "future"
            if tok.tag_ == "VBN" and tok.lower_ in ("scheduled", "slated", "planned", "set"):
                return None  # "was scheduled for June 18": the nearest such day, usually ahead
            if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" and c.lower_ not in ("did",) for c in kids):
                return "past"
            if tok.tag_ in ("VBD",):
                return "past"
            if tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in kids):
                return "past"
            if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
                if (tok.head.lemma_.lower() in _FUTURE_HEADS or tok.head.lower_ in _FUTURE_HEADS) and not behind:
                    return "future"
                if tok.head.tag_ == "VBD":
                    return "past"
            if tok.tag_ == "VBG" and any(c.lower_ in ("is", "are", "'s", "'re") for c in kids):
                return "future"
            if tok.tag_ in ("VBZ", "VBP"):
                return "future" if tok.lower_ in ("is", "are") and _is_scheduled(tok) else None
            if tok.head is tok:
                break
            tok = tok.head
    except (ValueError, IndexError, AttributeError):
        return None
    return None


def _is_scheduled(tok: object) -> bool:
    kids = [c.lower_ for c in tok.children]  # type: ignore[attr-defined]
    return any(k in ("scheduled", "due", "set", "expected", "planned") for k in kids)
