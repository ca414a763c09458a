"""Turning a cluster of mentions into an ``EventRecord``: type, name, date, place, convenors and
participants; a side event takes its host event's day and place."""

from __future__ import annotations

import datetime as dt
import re

from app.ingest.extract import actors, dates, places
from app.ingest.extract.context import DocContext
from app.ingest.extract.events.clustering import absorb, copy_mention
from app.ingest.extract.events.mention import TYPE_WORD, Mention
from app.ingest.extract.records import ActorRef, EventRecord, EventType


def inherit_from_host(clusters: list[list[Mention]], events: list[EventRecord | None]) -> None:
    """A side meeting with no day or place of its own took place when and where its host event did."""
    for c, ev in zip(clusters, events, strict=False):
        if ev is None or not any(m.sideline for m in c):
            continue
        sents = {m.sent_start for m in c if m.sideline}
        host = next(
            (
                e
                for c2, e in zip(clusters, events, strict=False)
                if e is not None and e is not ev and any(m.sent_start in sents and not m.sideline for m in c2)
            ),
            None,
        )
        if host is None:
            continue
        if not any(m.official for m in c) and "sidelines" not in ev.name:
            base, period = _split_period(ev.name)
            host_name = _split_period(host.name)[0]
            the = "" if host_name.lower().startswith("the ") else "the "
            ev.name = f"{base} on the sidelines of {the}{host_name}{period}"
        if ev.date is None and host.date is not None:
            ev.date, ev.end_date = host.date, None
            ev.date_precision, ev.date_text = host.date_precision, host.date_text
        if ev.city is None and ev.country_code is None and host.country_code is not None and ev.type != "call":
            ev.city, ev.country_code, ev.country = host.city, host.country_code, host.country


def to_record(
    ctx: DocContext, cluster: list[Mention], persons, is_main: bool, first: Mention | None
) -> EventRecord | None:
    s = copy_mention(cluster[0])
    for m in cluster[1:]:
        absorb(s, m)
    officials = [m.official for m in cluster if m.official]
    if len(officials) > 1:
        s.official = max(officials, key=len)  # "COP21" told as "the 21st Conference of the Parties" too
    typ: EventType = s.type
    if any(m.type == "summit" and _tells_kind(m, cluster) for m in cluster) and typ in ("meeting", "other"):
        typ = "summit"
    if s.official:
        typ = next((m.type for m in cluster if m.official), typ)
    elif typ == "meeting" and cluster[0].phrase == TYPE_WORD["meeting"] and cluster[0].start >= ctx.body_start:
        # (a readout's title "Meeting with X" says what kind it was)
        # "Chile would host a regional conference": the noun names the kind, the verb only the host
        noun = next(
            (
                m
                for m in cluster[1:]
                if m.type in ("conference", "summit", "talks")
                and (_tells_kind(m, cluster) or m.sent_start == cluster[0].sent_start)
            ),
            None,
        )
        if noun is not None:
            typ, s.phrase = noun.type, noun.phrase
    date = s.date.day if s.date else None
    precision = s.date.precision if s.date else "unknown"
    country = actors.country_ref(s.country_code) if s.country_code else None
    city = s.city
    if city and country is None and len(s.convenors) == 1 and not s.convenors[0].startswith("person:"):
        country = actors.country_ref(s.convenors[0])  # "Chile would host ... in Punta Arenas"
    if typ == "call":
        city, country, s.venue = None, None, None
    codes = [c for c in s.codes]
    # a host country named only as the place is a participant when it is one of the actors' own
    people_codes = [p.code for p in s.persons if p.code]
    for c in people_codes:
        if c not in codes:
            codes.append(c)
    convenors = _convenors(s, typ, persons, codes)
    for cv in s.convenors:
        if cv.startswith("person:"):
            code = next((p.code for p in persons if p.name == cv[7:] and p.code), None)
            if code and code not in codes:
                codes.append(code)
    for cv in convenors:  # co-hosts take part
        if cv.kind != "person" and cv.code and cv.code not in codes:
            codes.append(cv.code)
    participants = [r for c in codes if (r := actors.country_ref(c)) is not None]
    if s.phrase and s.phrase in TYPE_WORD.values():
        # a bare type word: a more descriptive phrase from another mention of the same event
        better = [m.phrase for m in cluster if m.phrase and m.phrase.split()[-1] == TYPE_WORD[typ].split()[-1]]
        better = [b for b in better if 1 < len(b.split()) <= (8 if re.search(r"[A-Z]", b) else 5)]
        if better:
            s.phrase = better[0]
    if s.phrase and s.phrase.split()[-1] in ("meeting", "meetings") and typ == "summit":
        s.phrase = s.phrase.rsplit(" ", 1)[0] + " summit" if " " in s.phrase else "summit"
    name = s.official or _describe(s, typ, codes, city, country, persons)
    if s.official and len(s.official.split()) == 1 and (where := city or (country and country.name)):
        # "COP27" alone says which, not where: "COP27 in Sharm el-Sheikh", "COP28 in the United Arab Emirates"
        name = f"{s.official} in {where}" if where not in s.official else name
    if not s.official:  # an official name stays as it is ("U.S.-Africa Leaders Summit")
        name = _with_period(name, s.date, ctx.published)
    rec = EventRecord(
        name=name,
        type=typ,
        start=cluster[0].start,
        end=cluster[0].end,
        date=date,
        end_date=s.date.end_date if s.date and date else None,
        date_precision=precision,  # type: ignore[arg-type]
        date_text=s.date.text if s.date else None,
        city=city,
        country_code=country.code if country else None,
        country=country.name if country else None,
        venue=s.venue,
        convenors=convenors,
        participants=participants,
        people=[ActorRef("person", p.name) for p in s.persons],
    )
    rec._spans = [sp for m in cluster for sp in m.spans]  # type: ignore[attr-defined]
    return rec


def _tells_kind(m: Mention, cluster: list[Mention]) -> bool:
    """Whether a noun of the cluster says what kind of event it was: "the summit" pointing back, one
    told in its own right, or one in a sentence that tells the event; not a weak aside that joined it
    ("agreed to work toward a foreign ministers' meeting and a summit")."""
    return m.strong or m.anaphoric or any(o.strong and o.sent_start == m.sent_start for o in cluster)


def _convenors(s: Mention, typ: EventType, persons, codes: list[str]) -> list[ActorRef]:
    out: list[ActorRef] = []
    for c in s.convenors:
        if c.startswith("person:"):
            out.append(ActorRef("person", c[7:]))
        elif (r := actors.country_ref(c)) is not None:
            out.append(r)
    if out or typ in ("call", "talks", "conference"):
        return out
    # the host implied by the place: the participant whose country it is
    if s.country_code and len(set(codes)) >= 2:
        hosts = [p for p in s.persons if p.code == s.country_code]
        if len(hosts) == 1:
            return [ActorRef("person", hosts[0].name)]
        if not hosts and s.country_code in codes and not s.persons:
            r = actors.country_ref(s.country_code)
            return [r] if r else []
    return out


def _describe(
    s: Mention, typ: EventType, codes: list[str], city: str | None, country, persons: list[actors.Person] | None = None
) -> str:
    phrase = s.phrase or TYPE_WORD[typ]
    if typ == "call" and "call" not in phrase:
        phrase = "phone call"
    has_actor = bool(re.search(r"[A-Z]", phrase)) or "' " in phrase  # "military commanders' meeting" names its group
    who = ""
    if not has_actor:
        leaders = [p.surname for p in s.persons if p.code or p.side][:3]
        if s.from_title and len(s.persons) not in (2, 3):
            leaders = []
        if len(leaders) < 2 and len(s.persons) in (2, 3) and not s.from_title:
            leaders = [p.surname for p in s.persons]
        if len(leaders) < 2 and not s.persons and persons and 2 <= len(codes) <= 3:
            # no one named with the event: the first-named person of each side ("Ishiba-Yoon phone call")
            firsts = []
            for c in codes:
                side = [p for p in persons if p.code == c and p.mentions]
                if side:
                    firsts.append(min(side, key=lambda p: p.mentions[0][0]).surname)
            if len(firsts) == len(codes):
                leaders = firsts
        visitor = [p for cv in s.convenors if cv.startswith("person:") for p in s.persons if p.name == cv[7:]]
        if typ == "visit" and not visitor and len(s.persons) == 1:
            visitor = list(s.persons)  # the one person told travelling: "X met Y ... and flew on to Z"
        if typ == "visit" and len(visitor) == 1:
            who = visitor[0].surname  # a visit is the visitor's: "Abiy visit to Asmara"
        elif len(leaders) >= 2:
            who = "-".join(leaders)
        elif codes and len(codes) >= 2:
            who = "-".join(actors.short_name(c) for c in codes[:3])
    place = ""
    if typ != "call":
        if s.venue and places.seat(s.venue) and not city:
            place = f" at the {s.venue}"
        elif city and city in phrase:
            place = ""  # "Asmara visit", not "Asmara visit in Asmara"
        elif city:
            place = f" {'to' if typ == 'visit' else 'in'} {city}"
        elif country is not None:
            place = f" {'to' if typ == 'visit' else 'in'} {country.name}"
        if s.venue and (places.seat(s.venue) or not place):
            place = f" at the {s.venue}"
    return f"{who} {phrase}{place}".strip()


def _with_period(name: str, when: dates.DateMention | None, published: dt.date | None) -> str:
    """An event of another time, told by its month or year only, keeps it in its name, so that two
    such events stay told apart: "Quad video summit (March 2022)", "Shanghai Five meeting (1997)".
    The story's own month or year (or the month either side) is no news and stays out."""
    if when is None or when.date is None or not when.another_period(published):
        return name
    year = str(when.date.year)
    if year in name:
        return name
    period = when.date.strftime("%B %Y") if when.precision == "month" else year
    return f"{name} ({period})"


_PERIOD = re.compile(r" \((?:[A-Z][a-z]+ )?\d{4}\)$")


def _split_period(name: str) -> tuple[str, str]:
    """ "Quad video summit (March 2022)" -> ("Quad video summit", " (March 2022)")."""
    m = _PERIOD.search(name)
    return (name[: m.start()], m.group(0)) if m else (name, "")
