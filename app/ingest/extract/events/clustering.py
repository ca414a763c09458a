"""Clustering mentions into events: when two mentions conflict, and which earlier event a mention
joins; a cluster is summed up by merging its mentions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from app.ingest.extract import dates
from app.ingest.extract.events.mention import Mention

_COMPATIBLE = {
    "summit": {"summit", "meeting", "talks", "conference"},
    "meeting": {"summit", "meeting", "talks", "conference"},
    "talks": {"summit", "meeting", "talks"},
    "conference": {"summit", "meeting", "conference"},
    "call": {"call"},
    "visit": {"visit", "meeting"},
    "other": {"other"},  # a signing ceremony is its own event, even on the day of the talks
}


_COP = re.compile(
    r"^(?:the\s+)?(?:COP[\s-]?(\d{1,2})|(\d{1,2})(?:st|nd|rd|th)\s+Conference of the Parties"
    r"|Conference of the Parties)\b",
    re.I,
)


def same_official(a: str, b: str) -> bool:
    """One event under two official names: "COP21" and "the 21st Conference of the Parties" (a bare
    "Conference of the Parties" is whichever one the story tells)."""
    if a.lower() == b.lower():
        return True
    ma, mb = _COP.match(a), _COP.match(b)
    if ma is None or mb is None:
        return False
    na, nb = ma.group(1) or ma.group(2), mb.group(1) or mb.group(2)
    return na is None or nb is None or int(na) == int(nb)


def _conflict(a: Mention, b: Mention) -> bool:
    """Whether mention ``b`` cannot be told of the event summed up in ``a``."""
    if b.type not in _COMPATIBLE.get(a.type, set()):
        return True
    if {a.type, b.type} == {"visit", "meeting"} and (b.city or b.country_code or b.date):
        # "In Guyana, Finer met President Ali": a meeting of its own during the visit; a bare
        # "Virtanen met Hnatyuk" after her arrival is the visit told again
        return True
    if a.partner and b.partner and a.partner != b.partner:
        return True
    if b.partner and not a.partner and len({p.name for p in a.persons}) > len({p.name for p in b.persons}):
        return True  # "then held separate talks with X and Y": not the larger meeting told before
    if b.partner and not a.partner and len(a.persons) >= 2 and not any(p.surname in b.partner for p in a.persons):
        return True  # "talks with Kishida" are not the "separate talks with Modi and Albanese" told after
    pa, pb = {p.name for p in a.persons}, {p.name for p in b.persons}
    if (
        len(pa) >= 2
        and len(pb) >= 2
        and (not pa & pb or (pa - pb and pb - pa and a.type == b.type == "call"))
        and any(b.sent_start <= x < b.sent_end for x, _ in a.spans)
    ):
        # "Modi held talks with Rajapaksa, while Sharif met Hasina": two pairs, two meetings; "spoke to
        # Netanyahu on Thursday and held a call with Sisi the same day": two calls
        return True
    if b.another and a.type == b.type and pa - pb and pb - pa:
        return True  # "Wang spoke with Doval ... Wang also spoke with Dar": a second call
    if a.again != b.again:
        return True  # the next meeting is not the one the story told
    for x, y in ((a, b), (b, a)):
        visitor = {c[7:] for c in x.convenors if c.startswith("person:")} if x.type == "visit" else set()
        if visitor and len(y.persons) >= 2 and not visitor & {p.name for p in y.persons}:
            return True  # King Abdullah's visit to Ramallah is not Blinken's meeting with Abbas there
    if a.official and b.official and not same_official(a.official, b.official):
        return True
    if a.date and b.date and a.date.day and b.date.day and a.date.day != b.date.day:
        return not (_within(a.date, b.date) or _within(b.date, a.date))
    if a.date and b.date and a.date.precision == "month" and b.date.precision == "month" and a.date.date != b.date.date:
        return True
    for x, y in ((a, b), (b, a)):
        # "last week's call" is not today's call
        if x.date and y.date and x.date.day and y.date.date and y.date.precision in ("week", "month"):
            start = y.date.date
            stop = start + dt.timedelta(days=7) if y.date.precision == "week" else None
            if stop is not None and not (start <= x.date.day < stop):
                return True
            if stop is None and (x.date.day.year, x.date.day.month) != (start.year, start.month):
                return True
        if (
            x.date
            and y.date
            and x.date.day
            and y.date.date
            and y.date.precision == "year"
            and (x.date.day.year != y.date.date.year)
        ):
            return True  # "next year's summit" is not this week's
    told = b if a.dateline_place else a
    if a.dateline_place != b.dateline_place and told.anaphoric and a.type == b.type:
        return False  # "The swap took place in Abu Dhabi": the text corrects the dateline's default
    if a.city and b.city and a.city != b.city:
        return True
    if a.venue and b.venue and a.venue.lower() not in b.venue.lower() and b.venue.lower() not in a.venue.lower():
        return True  # "met Xi at the Diaoyutai State Guesthouse, before holding the summit at the Great Hall"
    return bool(a.country_code and b.country_code and a.country_code != b.country_code)


def _side_apart(m: Mention, s: Mention) -> bool:
    """A side meeting and the event it took place on the margins of: same day and city, two events."""
    if m.sideline != s.sideline and m.type != s.type:
        return True
    # bilateral talks among some of a multilateral event's participants
    for x, y in ((m, s), (s, m)):
        if (
            x.type in ("talks", "meeting")
            and y.type in ("summit", "conference")
            and not x.anaphoric
            and len(x.codes) >= 2
            and set(x.codes) < set(y.codes)
        ):
            return True
    return False


def _same_head(m: Mention, s: Mention) -> bool:
    """ "a regional forum ... opened" and then "the Pacific Islands Forum": one named, one not, same head."""
    for x, y in ((m, s), (s, m)):
        if (
            x.official
            and not y.official
            and y.phrase
            and x.type == y.type
            and (not y.from_title or bool(y.city and y.city == x.city) or not (x.city or x.country_code))
            and x.official.split()[-1].lower() == y.phrase.split()[-1].lower()
        ):
            return True
    return False


def _within(rng: dates.DateMention, d: dates.DateMention) -> bool:
    """The day of ``d`` falls inside the range ``rng`` ("June 14-16" and "on Sunday" = June 16)."""
    return bool(rng.end_date and rng.date and d.date and rng.date <= d.date <= rng.end_date)


def elsewhen(m: Mention, published: dt.date | None) -> bool:
    """A mention dated by a month or a year of another time than the story's ("the group's 2019
    summit" in a 2018 story): never the story's undated event."""
    return published is not None and m.date is not None and m.date.another_period(published)


def cluster(
    mentions: list[Mention], published: dt.date | None = None, para_of: Callable[[int], int] | None = None
) -> list[list[Mention]]:
    """Mentions into events. ``para_of(offset)`` numbers paragraphs: "the meeting" in a new paragraph
    is the story's own event rather than one told in passing paragraphs before."""
    clusters: list[list[Mention]] = []
    merged: list[Mention] = []  # a running summary per cluster
    for m in mentions:
        target = None
        # official name seen before: same event
        for i, s in enumerate(merged):
            if m.official and s.official and same_official(m.official, s.official):
                target = i
                break
        specific = bool(m.city or m.country_code or m.venue or (m.date and m.date.precision != "week"))
        if m.again:
            # "they agreed to meet again": a new event, whatever it shares with the story's; the
            # next one told twice is one
            same = [i for i, s in enumerate(merged) if s.again and not _conflict(s, m)]
            target = same[-1] if same else None
        elif target is None and m.anaphoric and not m.official and not specific:
            same = [i for i, s in enumerate(merged) if s.type == m.type and not _conflict(s, m)]
            if same:
                target = same[-1]
                if para_of is not None and same[0] == 0 and para_of(m.start) > para_of(clusters[target][-1].start):
                    target = 0
            elif merged and not _conflict(merged[0], m):
                target = 0
        elif target is None and m.anaphoric and not m.official and not (m.city or m.country_code or m.venue):
            # "the summit on Wednesday": the story's summit already told (the first, not "the next summit
            # in X" told since), when it says nothing against it
            same = [i for i, s in enumerate(merged) if s.type == m.type and not _conflict(s, m)]
            same = [i for i in same if not _side_apart(m, merged[i])]
            if same:
                target = same[0]
        if target is None and not m.again:
            for i in range(len(merged) - 1, -1, -1):
                s = merged[i]
                if _conflict(s, m) or (s.date is None and elsewhen(m, published)):
                    continue
                shares = (
                    (m.city and m.city == s.city and not m.inherited_place)
                    or (m.country_code and m.country_code == s.country_code and not m.inherited_place)
                    or (m.date and s.date and m.date.day and m.date.day == s.date.day)
                    or (m.date and s.date and (_within(m.date, s.date) or _within(s.date, m.date)))
                    or (len(set(m.codes) & set(s.codes)) >= 2)
                    or ({p.name for p in m.persons} & {p.name for p in s.persons} and m.type == s.type)
                    or _same_head(m, s)
                    or (m.type == s.type == "other")  # one signing told twice
                    # "The meeting was held in New Delhi": where the story's meeting, placed nowhere yet, was
                    or (
                        m.anaphoric
                        and m.type == s.type
                        and bool(m.city)
                        and m.date is None  # it only places the event
                        and not (s.city or s.country_code or s.venue)
                        and not any(o.city == m.city for o in merged)  # not "the Astana talks" told before
                    )
                )
                generic = not (m.city or m.country_code or m.venue or m.official) and not (m.date and m.date.day)
                # "when Kim meets Trump": two people, one of them new to the story's event, meet on their own
                newcomer = (
                    len(m.persons) >= 2
                    and bool(s.persons)
                    and not {p.name for p in m.persons} <= {p.name for p in s.persons}
                )
                generic = generic and not (newcomer and m.type != s.type)
                if s.official and m.type != s.type and not shares:
                    continue
                if _side_apart(m, s):
                    continue
                if (
                    shares
                    or (m.anaphoric and not specific)
                    or (generic and (s.from_title or i == 0))
                    or (
                        s.from_title
                        and not m.official
                        and len(clusters) == 1
                        and m.type in _COMPATIBLE[s.type]
                        # "welcomed the recent trilateral summit in Baghdad between Iraq, Jordan, and Egypt"
                        and len(set(m.codes) - set(s.codes)) < 2
                    )
                ):
                    target = i
                    break
        if target is None:
            if not m.strong:
                continue
            clusters.append([m])
            merged.append(copy_mention(m))
        else:
            clusters[target].append(m)
            absorb(merged[target], m)
    return clusters


def copy_mention(m: Mention) -> Mention:
    c = Mention(**{k: getattr(m, k) for k in m.__dataclass_fields__})
    c.codes = list(m.codes)
    c.persons = list(m.persons)
    c.convenors = list(m.convenors)
    c.spans = list(m.spans)
    return c


def absorb(s: Mention, m: Mention) -> None:
    s.official = s.official or m.official
    if m.date and (s.date is None or (m.date.day and not s.date.day) or (s.date.day and _within(m.date, s.date))):
        s.date = m.date
    if s.dateline_place and not m.dateline_place and (m.city or (m.country_code and m.country_code != s.country_code)):
        s.city, s.country_code, s.dateline_place = m.city, m.country_code, False  # told, not defaulted
    elif m.city and not s.city:
        s.city, s.country_code = m.city, m.country_code or s.country_code
    elif m.country_code and not s.country_code:
        s.country_code = m.country_code
    s.venue = s.venue or m.venue
    for c in m.codes:
        if c not in s.codes:
            s.codes.append(c)
    for p in m.persons:
        if p not in s.persons:
            s.persons.append(p)
    s.convenors = s.convenors or m.convenors
