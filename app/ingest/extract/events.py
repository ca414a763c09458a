"""Events: summits, meetings, talks, calls, visits, conferences.

One linear pass over the sentences collects *mentions* of events:

* the title of a readout ("Readout of President X's Call with Prime Minister Y of Z")
* named events: capitalised names ending in Summit / Conference / Forum / Meeting / Talks /
  Dialogue ("the Peace and Security Meeting for Ukraine", "the G20 Summit", "COP 28")
* event nouns (summit, meeting, talks, negotiations, phone call, visit, trip, conference)
  and event verbs (met, spoke with, visited, travelled to, hosted)

Each mention reads its date (``dates``), place ("in Paris", "in Woodside, California"), venue
("at the White House"), convenors ("called by", "hosted by", "US-led", the host implied by the
place) and participants (countries and organisations). Mentions are then clustered: a mention
joins an earlier event when nothing conflicts (same day, same place, compatible type), and an
anaphoric mention ("the summit") joins the most recent compatible event. Weak mentions (bare
nouns without date, place or actors) never create events on their own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from app.ingest.extract import actors, dates, gazetteer, places
from app.ingest.extract.context import DocContext
from app.ingest.extract.cues import cue_lemma
from app.ingest.extract.records import (
    ActorRef,
    AgreementRecord,
    EventRecord,
    EventType,
    PersonRecord,
    StatementRecord,
)

NOUN_TYPES: dict[str, EventType] = {
    "summit": "summit",
    "meeting": "meeting",
    "meetings": "meeting",
    "talks": "talks",
    "negotiations": "talks",
    "dialogue": "talks",
    "consultations": "talks",
    "call": "call",
    "visit": "visit",
    "trip": "visit",
    "conference": "conference",
    "forum": "conference",
    "bilateral": "meeting",
    "trilateral": "meeting",
    "videoconference": "call",
}
NAMED_HEADS: dict[str, EventType] = {
    "Summit": "summit",
    "Conference": "conference",
    "Forum": "conference",
    "Meeting": "meeting",
    "Talks": "talks",
    "Dialogue": "talks",
    "Ministerial": "meeting",
    "Negotiations": "talks",
}
_NAME_RE = re.compile(
    r"(?<![\w-])((?:[A-Z][\w'’.&-]*|\d{4}|G\d+|[A-Z]{2,}\d*)(?:\s+(?:(?:of|for|on|and|the|de|in)\s+)*"
    r"(?:[A-Z][\w'’.&-]*|\d+))*\s+(?:"
    + "|".join(NAMED_HEADS)
    + r"))(?![\w-])(?:\s+(?:on|for|of)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*)?"
)
_COP_RE = re.compile(r"\b(COP\s?\d{1,2})\b")
_SKIP_PRE = {
    "news",
    "press",
    "video",
    "media",
    "earnings",
    "board",
    "town",
    "cabinet",
    "staff",
    "family",
    "campaign",
    "rally",
    "party",
}
_KEEP_MOD = {
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
_GENERIC_NAME = {"Readout", "The", "This", "A", "An", "Our", "Their", "His", "Her", "Its", "Next", "First"}
_VISIT_VERBS = {"visit", "travel", "head", "arrive", "fly", "tour"}
_ACTOR_WORDS = {
    "leaders",
    "leader",
    "president",
    "presidents",
    "minister",
    "ministers",
    "delegation",
    "delegations",
    "officials",
    "counterpart",
    "counterparts",
    "chancellor",
    "king",
    "premier",
    "secretary",
    "envoy",
    "envoys",
    "representatives",
    "negotiators",
    "team",
    "teams",
    "he",
    "she",
    "they",
    "we",
    "sides",
    "nations",
    "countries",
    "prime",
    "delegates",
    "advisors",
    "advisers",
    "diplomats",
    "heads",
    "foreign",
    "stakeholders",
    "partners",
}
# collective subjects that stand for the actors already in play ("the leaders will meet again")
_COLLECTIVE_ACTORS = {
    "leaders",
    "sides",
    "delegates",
    "delegations",
    "negotiators",
    "ministers",
    "presidents",
    "they",
    "we",
    "parties",
    "two",
    "both",
}
_WISH_VERBS = {"invite", "urge", "ask", "encourage", "want", "hope", "wish", "seek", "offer", "press", "call"}
_ROUND_MODS = {"next", "new", "fresh", "latest", "second", "third", "fourth", "fifth", "sixth", "final"}
_END_VERBS = {"end", "conclude", "wrap", "close", "finish", "wind"}
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_CANCEL_VERBS = {"cancel", "scrap", "abandon", "scrub", "postpone", "shelve", "delay"}
_COMPATIBLE = {
    "summit": {"summit", "meeting", "talks", "conference", "other"},
    "meeting": {"summit", "meeting", "talks", "conference", "other"},
    "talks": {"summit", "meeting", "talks", "other"},
    "conference": {"summit", "meeting", "conference", "other"},
    "call": {"call"},
    "visit": {"visit", "meeting"},
    "other": {"summit", "meeting", "talks", "conference", "other"},
}
_TYPE_WORD = {
    "summit": "summit",
    "meeting": "meeting",
    "talks": "talks",
    "call": "phone call",
    "visit": "visit",
    "conference": "conference",
    "other": "meeting",
}


@dataclass
class _Mention:
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
    sideline: bool = False  # "on the sidelines of the summit, X and Y held talks": a side event of its own
    from_title: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
def find_events(ctx: DocContext, people: list[PersonRecord]) -> list[EventRecord]:
    try:
        return _find_events(ctx, people)
    except Exception:
        return []


def _find_events(ctx: DocContext, people: list[PersonRecord]) -> list[EventRecord]:
    persons = actors.doc_people(ctx, people)
    pub = ctx.published
    doc = ctx.doc
    all_dates = dates.find_dates(ctx.text, pub, tense=lambda o: dates.tense_at(doc, o))
    mentions: list[_Mention] = []
    title_m = _title_mention(ctx, persons)
    if title_m:
        mentions.append(title_m)
    for sent in ctx.sents:
        if sent.start_char < ctx.body_start and title_m is not None:
            continue  # the title line is read by _title_mention
        found = _sentence_mentions(ctx, sent, persons, all_dates)
        if sent.start_char < ctx.body_start:
            for m in found:
                m.from_title = True  # a news headline: the story's event, told again in the lede
        mentions.extend(found)
    _lede_defaults(ctx, mentions, all_dates, persons)
    _mark_sidelines(ctx, mentions)
    clusters = _cluster(mentions)
    body_first = next((m for m in mentions if not m.from_title), None)
    events = [_to_record(ctx, c, persons, is_main=(i == 0), first=body_first) for i, c in enumerate(clusters)]
    if events and events[0] is not None:
        main = events[0]
        for c, ev in zip(clusters[1:], events[1:], strict=False):
            # "the leaders will meet again in Kampala": the same actors as the main event
            # "the prime ministers of Fiji and Samoa also held talks": their own, not the conference's
            side = (
                ev is not None
                and len(ev.participants) >= 2
                and (
                    any(m.sideline for m in c)
                    or (ev.type in ("talks", "meeting") and main.type in ("summit", "conference"))
                )
            )
            if ev is not None and any(m.collective for m in c) and not side:
                for r in main.participants:
                    if r not in ev.participants:
                        ev.participants.append(r)
    _inherit_from_host(clusters, events)
    return [e for e in events if e is not None]


def _inherit_from_host(clusters: list[list[_Mention]], events: list[EventRecord | None]) -> None:
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
            ev.name = (
                f"{ev.name} on the sidelines of {'' if host.name.lower().startswith('the ') else 'the '}{host.name}"
            )
        if ev.date is None and host.date is not None:
            ev.date, ev.end_date = host.date, None
            ev.date_precision, ev.date_text = host.date_precision, host.date_text
        if ev.city is None and ev.country_code is None and host.country_code is not None and ev.type != "call":
            ev.city, ev.country_code, ev.country = host.city, host.country_code, host.country


_HERE_RE = re.compile(r"\bhere\b")


_SIDELINES_RE = re.compile(r"\b(?:on|at)\s+the\s+(?:margins|sidelines?)\s+of\s+", re.I)


_BARE_SIDELINES_RE = re.compile(r"\b(?:on|at)\s+the\s+(?:margins|sidelines?)\b(?!\s+of\b)", re.I)


def _mark_sidelines(ctx: DocContext, mentions: list[_Mention]) -> None:
    """A mention outside the "on the sidelines of <event>" phrase of its sentence is a side event."""
    text = ctx.text
    for m in mentions:
        if m.from_title:
            continue
        for mg in _SIDELINES_RE.finditer(text, m.sent_start, m.sent_end):
            stop = re.search(r"[,;]", text[mg.end() : m.sent_end])
            host_end = mg.end() + stop.start() if stop else m.sent_end
            if not (mg.start() <= m.start < host_end):
                m.sideline = True
        bare = _BARE_SIDELINES_RE.search(text, m.sent_start, m.sent_end)
        if not m.sideline and m.type in ("meeting", "talks") and bare:
            m.sideline = True  # "Biden met Erdogan on the sidelines on Tuesday": of the story's event


def _date_of_saying(ctx: DocContext, d: dates.DateMention) -> bool:
    """ "..., mediators said Friday": the day something was said, not the day of the event."""
    span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root.head
    if span.root.dep_ == "pobj":
        head = head.head
    return cue_lemma(head) is not None and head.dep_ in ("ROOT", "parataxis") and head.i > span.root.i - 3


def _lede_defaults(
    ctx: DocContext, mentions: list[_Mention], all_dates: list[dates.DateMention], persons: list[actors.Person]
) -> None:
    """Wire ledes: "GENEVA, May 14 (Reuters) - Negotiators ended talks on Wednesday ..., after a meeting".

    An event noun of the first body sentence without its own date takes the sentence's one day; an
    event of the lede (or one said to be "here") without a place, reported as just held, is in the
    dateline's city. An event of the lede or the sentence after it that names no one is held by the
    countries the lede names ("X and his Y counterpart signed a deal ... The deal, reached after talks").
    """
    text = ctx.text
    body = [s for s in ctx.sents if s.start_char >= ctx.body_start - 1][:3]
    city = code = None
    lede = None
    dl = -1
    for s in body:  # the dateline opens the lede, perhaps after a subtitle
        if places.dateline_end(text, s.start_char) > s.start_char:
            city, code = places.dateline_place(text, s.start_char)
            lede, dl = s, places.dateline_end(text, s.start_char)
            break
    if lede is None:
        lede = next((s for s in body if len(s) >= 6), None)
    pub = ctx.published
    lede_codes: list[str] = []
    after_lede = -1
    if lede is not None:
        subj = [t for t in lede if t.dep_ == "nsubj" and t.idx >= dl][:1]
        if subj:  # who the lede's main clause is about, not every country it names
            a, b = subj[0].left_edge.idx, subj[0].right_edge.idx + len(subj[0].right_edge.text)
            lede_codes = actors.codes_in_span(ctx, persons, a, b)
        after_lede = next((s.start_char for s in ctx.sents if s.start_char >= lede.end_char), -1)
    opening = {s.start_char for s in body}
    first_body = next((m for m in mentions if not m.from_title), None)
    for m in mentions:
        if m.from_title:
            continue
        in_lede = lede is not None and m.sent_start == lede.start_char
        if (in_lede or m.sent_start == after_lede) and not m.codes and not m.persons and len(lede_codes) >= 2:
            m.codes = list(lede_codes)
        host_event = bool(re.search(r"(?:margins|sidelines)\s+of\s+(?:the\s+)?$", text[max(0, m.start - 40) : m.start]))
        if in_lede and m.date is None and not m.official and not host_event:
            days = {
                d.day: d
                for d in all_dates
                if max(lede.start_char, dl) <= d.start < lede.end_char
                and d.day
                and not (d.start <= m.start < d.end)
                and not _date_of_saying(ctx, d)
            }
            if len(days) == 1:
                m.date = next(iter(days.values()))
                m.strong = m.strong or not m.anaphoric  # the lede's own event, now dated
        if not (city or code) or m.type == "call" or m.city:
            continue
        if m.country_code and (m.country_code != code or not city):
            continue  # "in Fiji's capital" under "SUVA, Fiji": the dateline names the city
        here = bool(_HERE_RE.search(text, m.sent_start, m.sent_end))
        recent = m.date is None or (m.date.day is not None and pub is not None and -7 <= (m.date.day - pub).days <= 1)
        # the story's first event, told in its opening sentences, happened where the dateline says
        first = m is first_body and m.sent_start in opening and not m.country_code and not host_event
        if here or ((in_lede or first) and recent):
            m.city, m.country_code = city, code
            m.strong = m.strong or (in_lede and not m.anaphoric)


# --- the title --------------------------------------------------------------------------------
_TITLE_RE = re.compile(
    r"^(?:Joint\s+)?(?:Readout|Statement|Read-?out|Leaders[’']?\s+Statement|Press\s+Statement|Declaration)"
    r"\s+(?:of|on|from|following|after)\s+(?P<rest>.+)$",
    re.I,
)
_TITLE_KIND = re.compile(
    r"\b(Phone Call|Video Call|Virtual Meeting|Call|Calls|Meeting|Meetings|Bilateral Meeting|Trilateral Meeting|"
    r"Summit|Talks|Visit|Trip|Engagement|Conversation|Dialogue|Consultations|Roundtable|Round Table|Audience|"
    r"Pull-Aside|Working Lunch|Working Dinner|Lunch|Dinner|Convening|Ministerial)\b"
)
_TITLE_KIND_TYPE: dict[str, EventType] = {
    "calls": "call",
    "conversation": "call",
    "engagement": "meeting",
    "meetings": "meeting",
    "trip": "visit",
    "roundtable": "meeting",
    "table": "meeting",
    "audience": "meeting",
    "pull-aside": "meeting",
    "lunch": "meeting",
    "dinner": "meeting",
    "convening": "meeting",
    "ministerial": "meeting",
}


def _title_mention(ctx: DocContext, persons: list[actors.Person]) -> _Mention | None:
    title = ctx.title.strip()
    m = _TITLE_RE.match(title)
    if not m:
        return None
    rest = m.group("rest")
    k = _TITLE_KIND.search(rest)
    if not k:
        return None
    word = k.group(1).lower().split()[-1]
    typ: EventType = _TITLE_KIND_TYPE.get(word, NOUN_TYPES.get(word, "meeting"))  # type: ignore[assignment]
    if k.group(1).lower() == "virtual meeting":
        typ = "call"
    t0 = ctx.text.find(title)
    end_title = t0 + len(title)
    # the subtitle (if any) continues the title: "Between Secretary X, ... and the Ukrainian Delegation"
    head_end = ctx.body_start if ctx.body_start > end_title else end_title
    head = ctx.text[t0:head_end]
    codes = actors.codes_in_span(ctx, persons, t0, head_end)
    in_title = actors.people_in(persons, t0, head_end)
    us_readout = not re.match(r"^(?:Joint|Statement)", title) and not any(c == "US" for c in codes)
    if us_readout and re.match(r"(?:Readout|Read-?out)", title, re.I) and codes[:1] != ["US"]:
        codes = ["US", *codes]  # White House style readouts: the first party is the US side
    mention = _Mention(
        typ,
        t0 + m.start("rest") + k.start(),
        t0 + m.start("rest") + k.end(),
        t0,
        head_end,
        strong=True,
        from_title=True,
    )
    if codes[:1] == ["US"] and re.match(r"(?:Readout|Read-?out)", title, re.I):
        for p in in_title:
            if p.code is None and ctx.text.find(p.surname, t0, head_end) < t0 + m.start("rest") + k.start():
                p.code = "US"  # the readout's own side
    mention.codes = codes
    mention.persons = in_title
    after = head[m.start("rest") + k.end() :]
    pm = re.search(r"\b(?:in|to) +((?:[A-Z][\w'’.-]*(?: (?=[A-Z]))?)+)(?:, *([A-Z][\w.]*(?: [A-Z][\w.]*)?))?", after)
    if pm:
        city, code = places.resolve_place(pm.group(1), "," + (pm.group(2) or "") if pm.group(2) else "")
        if code or (city and _looks_like_place(ctx, city)):
            mention.city, mention.country_code = city, code
    mention.phrase = _title_phrase(rest[: k.end()], typ)
    if not re.match(r"(?:Readout|Read-?out)", title, re.I):
        # "Joint Statement of the Ministers ... from the Counter Ransomware Initiative Meeting October 2021"
        for nm in _NAME_RE.finditer(rest):
            name = _clean_name(nm.group(1).strip())
            if nm.start(1) <= k.start() < nm.end(1) + 1 and len(name.split()) >= 2 and not re.search(r"[’']s\b", name):
                mention.official = name
                break
    mention.spans.append((mention.start, mention.end))
    return mention


def _title_phrase(text: str, typ: EventType) -> str:
    words = text.split()
    head = _TYPE_WORD[typ] if typ == "call" else words[-1].lower()
    mods = [w for w in words[-3:-1] if w.lower() in _KEEP_MOD and w.lower() not in head.split()]
    return " ".join([*(w.lower() for w in mods), head])


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


def _looks_like_place(ctx: DocContext, name: str) -> bool:
    if name.split()[-1:] and name.split()[-1] in _NOT_PLACE_HEADS:
        return False  # "in the Biden-Harris Administration"
    return any(e.text == name and e.label_ in ("GPE", "LOC", "FAC") for e in ctx.ents)


# --- sentences --------------------------------------------------------------------------------
def _sentence_mentions(ctx: DocContext, sent, persons: list[actors.Person], all_dates) -> list[_Mention]:
    out: list[_Mention] = []
    text = ctx.text
    covered: list[tuple[int, int]] = []
    # named events
    for rx in (_NAME_RE, _COP_RE):
        for m in rx.finditer(text, sent.start_char, sent.end_char):
            name = m.group(1).strip()
            first = name.split()[0]
            if first in _GENERIC_NAME:
                name = name.split(None, 1)[1] if len(name.split()) > 1 else name
            if len(name.split()) < 2 and not _COP_RE.fullmatch(name):
                continue
            if name.split()[0] in _GENERIC_NAME or name.split()[0][0].islower():
                continue
            full = _clean_name(m.group(0).strip())
            if len(full.split()) < 2 and not _COP_RE.fullmatch(full):
                continue
            head = next((h for h in NAMED_HEADS if re.search(rf"\b{h}\b", name)), "Conference")
            typ = NAMED_HEADS.get(head, "conference")
            s = m.start(0) + m.group(0).find(full)
            e = s + len(full)
            if sent.start_char < ctx.body_start and s < ctx.body_start and sent.start_char == 0:
                continue  # title case is not a name
            mm = _Mention(typ, s, e, sent.start_char, sent.end_char, official=full)
            _fill(ctx, mm, sent, persons, all_dates, _tok_at(sent, s, e))
            if not mm.city and not mm.country_code:
                mm.city, mm.country_code = _city_in_name(full)  # "the Vilnius Summit", "New Delhi Leaders' Summit"
            # a named summit/conference is an event; named talks/meetings only with evidence
            mm.strong = (
                typ in ("summit", "conference") or bool(mm.date or mm.city or mm.venue) or _occurs(_tok_at(sent, s, e))
            )
            if _negated(_tok_at(sent, s, e)):
                continue
            if mm.strong:
                out.append(mm)
            covered.append((s, e))
    for tok in ctx.tokens[sent.start : sent.end]:
        if any(a <= tok.idx < b for a, b in covered):
            continue
        mm = _token_mention(ctx, tok, sent, persons, all_dates)
        if mm is not None:
            out.append(mm)
    return out


def _city_in_name(name: str) -> tuple[str | None, str | None]:
    words = re.sub(r"^the\s+", "", name, flags=re.I).split()
    for n in (3, 2, 1):
        if len(words) > n and all(w[:1].isupper() for w in words[:n]):
            hit = gazetteer.lookup_city(" ".join(words[:n]))
            if hit is not None:
                return hit[0], hit[1].code
    return None, None


_NAME_PREFIX = re.compile(
    r"^(?:(?:At|In|On|During|After|Before|Following|Ahead\s+of|Since|From|For|To|By|With|Under|Of|And)\s+)?"
    r"(?:(?:The|This|That|These|A|An|Last|Next|This\s+Year[’']s|Last\s+Year[’']s)\s+)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)[’']?s?,?\s+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?:\s+\d{1,2}(?:st|nd|rd|th)?(?:[-–]\d{1,2})?)?,?[’']?s?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?=[A-Z]))?",
    re.I,
)


def _clean_name(name: str) -> str:
    """'At the 2021 Quad Leaders' Summit' -> '2021 Quad Leaders' Summit'; 'May 12 Summit' -> 'Summit';
    'March Quad Foreign Ministers' Meeting' -> 'Quad Foreign Ministers' Meeting'."""
    prev = None
    while prev != name:
        prev = name
        m = _NAME_PREFIX.match(name)
        if m and m.end() and m.end() < len(name):
            name = name[m.end() :].lstrip()
    return name


def _tok_at(sent, s: int, e: int):
    span = sent.doc.char_span(s, e, alignment_mode="expand")
    if span is not None and len(span):
        return span.root
    best = None
    for t in sent:
        if s <= t.idx < e:
            best = t
            if t.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "ROOT", "attr", "appos", "conj"):
                return t
    return best


def _occurs(tok) -> bool:
    """The noun is held/attended/hosted/during/at/after/ahead of... (an occurrence, not a mechanism)."""
    if tok is None:
        return False
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in (
        "at",
        "during",
        "after",
        "before",
        "ahead",
        "on",
        "following",
        "for",
        "to",
    ):
        return True
    return _lemma(head) in _ATTEND_VERBS


def _negated(tok) -> bool:
    if tok is None:
        return False
    for t in (tok, tok.head):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no",)) for c in t.children):
            return True
    return False


def _token_mention(ctx: DocContext, tok, sent, persons, all_dates) -> _Mention | None:
    low = tok.lower_
    typ: EventType | None = None
    verb = False
    if tok.pos_ in ("NOUN", "PROPN") and low in NOUN_TYPES:
        prev = tok.nbor(-1).lower_ if tok.i > 0 else ""
        if prev in _SKIP_PRE or (low in ("bilateral", "trilateral") and tok.pos_ != "NOUN"):
            return None
        if (
            low == "call"
            and prev not in ("phone", "telephone", "video")
            and not any(c.lower_ in ("with", "between") for c in tok.children)
        ):
            return None
        if low == "call" and prev == "video":
            pass
        if low in ("talks", "visit", "trip", "meeting", "meetings") and tok.tag_ in ("VBZ", "VB", "VBG"):
            return None
        typ = NOUN_TYPES[low]
        if low == "forum" and tok.pos_ != "PROPN" and not _occurs(tok):
            return None  # "a regional forum ... opened" is one; "a forum for dialogue" is not
    elif tok.pos_ == "NOUN" and low == "round" and any(c.lower_ in _ROUND_MODS for c in tok.children):
        # "the next round was scheduled for June 18 in Geneva": a round of talks
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return None  # "the next round of talks": the talks are the mention
        typ = "talks"
    elif tok.pos_ == "VERB":
        lemma = _lemma(tok)
        if lemma in ("meet",) and _has_actor_arg(tok, persons):
            typ, verb = "meeting", True
        elif lemma in ("speak", "talk") and any(
            c.dep_ == "prep" and c.lower_ in ("with", "to", "by") and _prep_actor(c, persons) for c in tok.children
        ):
            typ, verb = "call", True
        elif lemma in ("speak", "talk") and _conj_actor_subject(tok, persons):
            typ, verb = "call", True  # "Macron and Biden spoke on September 22"
        elif lemma in _VISIT_VERBS and _has_place_arg(tok):
            typ, verb = "visit", True
        elif (
            lemma == "host"
            and _has_actor_arg(tok, persons)
            and not any(c.dep_ == "dobj" and c.lower_ in NOUN_TYPES for c in tok.children)
        ):  # "Cairo would host a meeting": the noun is the mention, the subject its host
            typ, verb = "meeting", True
        elif (
            lemma == "call"
            and any(c.dep_ in ("dobj", "oprd") and _is_actor(c, persons) for c in tok.children)
            and not any(
                c.dep_ in ("prep", "prt", "oprd") and c.lower_ in ("on", "for", "off", "upon") for c in tok.children
            )
        ):
            typ, verb = "call", True  # "Biden called President Sheinbaum today"
        elif lemma in ("receive", "welcome", "convene", "gather") and (
            _has_actor_arg(tok, persons) or (lemma == "gather" and any(c.dep_ == "nsubj" for c in tok.children))
        ):
            a, b = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
            if (
                _has_place_arg(tok, venue=True)
                or any(a <= d.start < b and d.day for d in all_dates)
                or lemma in ("convene", "gather")
            ):
                typ, verb = "meeting", True
    if typ is None:
        return None
    if verb and tok.dep_ == "xcomp" and _lemma(tok.head) in _WISH_VERBS:
        return None  # "Wang invited Wong to visit Beijing": an invitation, not a scheduled visit
    if tok.tag_ == "VBG" and verb and tok.dep_ in ("pcomp", "advcl", "xcomp", "acl") and _lemma(tok) != "gather":
        return None
    if _negated(tok) or _hypothetical(tok) or _cancelled(tok):
        return None
    s, e = tok.idx, tok.idx + len(tok.text)
    mm = _Mention(typ, s, e, sent.start_char, sent.end_char)
    _fill(ctx, mm, sent, persons, all_dates, tok, verb=verb)
    if low == "round" and not mm.codes:
        mm.collective = True  # "the next round": the same parties as the story's talks
    if verb:
        mm.strong = bool(mm.codes or mm.persons) and (typ != "visit" or bool(mm.city or mm.country_code))
        if not mm.strong and typ != "visit" and _collective_subject(tok):
            # "the leaders will meet again in Kampala next week"
            mm.collective = True
            mm.strong = bool(mm.city or mm.country_code or mm.venue or (mm.date and mm.date.day))
    else:
        dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
        mm.anaphoric = bool(dets) and dets[0] in ("the", "this", "that", "its", "their", "his", "her")
        specific = bool(
            mm.city or mm.country_code or mm.venue or (mm.date and mm.date.precision in ("day", "week", "month"))
        )
        mm.strong = specific and (tok.lower_ not in ("meetings", "consultations") or bool(mm.date))
        if low in ("talks", "negotiations") and (mm.codes or _occurs(tok)) and not mm.anaphoric:
            mm.strong = mm.strong or bool(mm.codes and (mm.city or mm.country_code or mm.date))
        if not mm.anaphoric and _collective_subject(tok):
            mm.collective = True  # "The two leaders also agreed to hold a trilateral summit ..."
        if not mm.strong and sent.start_char < ctx.body_start and not mm.anaphoric:
            # a news headline announcing the event: "Japan, South Korea leaders ... in phone call"
            head_codes = actors.codes_in_span(ctx, persons, sent.start_char, min(sent.end_char, ctx.body_start))
            if len(head_codes) >= 2:
                mm.codes = [*mm.codes, *(c for c in head_codes if c not in mm.codes)]
                mm.strong = True
        if (
            not mm.codes
            and not mm.persons
            and "their" in dets
            and tok.i > sent.start
            and any(c.dep_ == "poss" and c.lower_ == "their" for c in tok.children)
        ):
            # "... refused to meet Vucic since their meeting in Ohrid": the sentence's actors
            mm.codes = actors.codes_in_span(ctx, persons, sent.start_char, tok.idx)
            mm.persons = actors.people_in(persons, sent.start_char, tok.idx)
    return mm


_EVENT_VERBS = {
    "hold",
    "attend",
    "host",
    "convene",
    "chair",
    "open",
    "join",
    "conclude",
    "begin",
    "start",
    "have",
    "end",
    "take",
    "participate",
    "co-host",
    "cohost",
    "organize",
    "organise",
    "resume",
}


def _lemma(tok) -> str:
    return tok.lemma_.lower() or tok.lower_


# Verbs whose object is an event that happens: "held talks", "attended the summit".
_ATTEND_VERBS = frozenset(
    {
        "hold",
        "attend",
        "host",
        "convene",
        "chair",
        "open",
        "join",
        "end",
        "conclude",
        "begin",
        "start",
        "take",
        "participate",
        "organize",
        "organise",
        "co-host",
        "cohost",
    }
)


def _hypothetical(tok) -> bool:
    head = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in head.children):
            return True
        if head.head is head:
            break
        head = head.head
    return False


def _is_actor(tok, persons) -> bool:
    if tok.ent_type_ in ("PERSON", "GPE", "NORP") or tok.lower_ in _ACTOR_WORDS:
        return True
    return bool(actors._codes_for(tok.text)) if tok.text[:1].isupper() else False


def _conj_actor_subject(tok, persons) -> bool:
    """Two or more actors joined in the subject: "Macron and Biden spoke", also when the parser
    hangs the names under a title ("President [appos Joe Biden] and [conj Angela Merkel]")."""
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj:
        return False
    heads, stack = [], [subj[0]]
    while stack:
        t = stack.pop()
        heads.append(t)
        stack.extend(c for c in t.children if c.dep_ in ("conj", "appos"))
    conj = [t for t in heads if t.dep_ == "conj"]
    return any(_is_actor(t, persons) for t in heads if t.dep_ != "conj") and any(_is_actor(t, persons) for t in conj)


def _prep_actor(prep, persons) -> bool:
    """'with Prime Minister Bennett', 'by phone': an actor or a telephone right after the preposition
    (the parser may hang the name under a following purpose clause)."""
    if any(_is_actor(g, persons) or g.lower_ in ("phone", "telephone") for g in prep.children):
        return True
    doc = prep.doc
    for t in doc[prep.i + 1 : min(prep.i + 6, len(doc))]:
        if t.ent_type_ == "PERSON":
            return True
        if t.pos_ in ("VERB", "PUNCT") or t.is_sent_start:
            break
    return False


def _collective_subject(tok) -> bool:
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    t = tok
    for _ in range(3):  # "the two leaders agreed to hold a summit": the subject of the governing verb
        if subj or t.dep_ not in ("xcomp", "dobj", "conj", "ccomp") or t.head is t:
            break
        t = t.head
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return False
    words = {t.lower_ for t in subj[0].subtree}
    return subj[0].lower_ in _COLLECTIVE_ACTORS or bool(words & {"two", "both"} and subj[0].lower_ in _ACTOR_WORDS)


def _cancelled(tok) -> bool:
    """'talks ... were cancelled', 'called off the summit', 'the meeting did not take place'."""
    head = tok.head
    if tok.dep_ in ("nsubjpass", "dobj", "nsubj") and _lemma(head) in _CANCEL_VERBS:
        return True
    if tok.dep_ == "dobj" and _lemma(head) == "call" and any(c.lower_ == "off" for c in head.children):
        return True
    if tok.dep_ == "nsubjpass" and _lemma(head) == "call" and any(c.lower_ == "off" for c in head.children):
        return True
    # "the talks ... were cancelled": the noun may hang off a relative clause's head
    return bool(tok.dep_ == "nsubj" and _lemma(head) == "take" and any(c.dep_ == "neg" for c in head.children))


def _has_actor_arg(tok, persons) -> bool:
    # "Delegates agreed to meet again": the governing verb's subject
    if (
        tok.dep_ == "xcomp"
        and not any(c.dep_ == "nsubj" for c in tok.children)
        and any(c.dep_ == "nsubj" and _is_actor(c, persons) for c in tok.head.children)
    ):
        return True
    for c in tok.children:
        if c.dep_ in ("nsubj", "dobj", "nsubjpass") and _is_actor(c, persons):
            return True
        if c.dep_ == "prep" and c.lower_ == "with" and any(_is_actor(g, persons) for g in c.children):
            return True
    return False


def _has_place_arg(tok, venue: bool = False) -> bool:
    preps = ("to", "in", "at") if venue else ("to", "in")
    kinds = ("GPE", "LOC", "FAC", "ORG") if venue else ("GPE", "LOC", "FAC")
    for c in tok.children:
        if c.dep_ == "dobj" and c.ent_type_ in ("GPE", "LOC", "FAC"):
            return True
        if c.dep_ == "prep" and c.lower_ in preps and any(g.ent_type_ in kinds for g in c.children):
            return True
        if c.dep_ == "advmod" and c.lower_ in ("there",):
            return False
    return False


# --- reading a mention's attributes -------------------------------------------------------------
def _fill(ctx: DocContext, mm: _Mention, sent, persons, all_dates, tok, verb: bool = False) -> None:
    text = ctx.text
    mm.spans.append((mm.start, mm.end))
    anchor = tok
    scope = [tok] if tok is not None else []
    if (
        tok is not None
        and not verb
        and tok.head.pos_ in ("VERB", "AUX")
        and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
    ):
        scope.append(tok.head)  # "held a Summit ... in Woodside"; "talks ended"
    via = None  # "arrived in Kyiv on Tuesday on an unannounced visit": the verb the noun completes
    if (
        tok is not None
        and not verb
        and tok.dep_ == "pobj"
        and tok.head.lower_ in ("on", "for")
        and tok.head.head.pos_ == "VERB"
        and _lemma(tok.head.head) in _VISIT_VERBS
    ):
        via = tok.head.head
        scope.append(via)
    if tok is not None and not verb:
        scope.extend(c for c in tok.children if c.dep_ in ("acl", "relcl"))  # "the summit held in Paris"
    # place and venue from prepositions attached to the trigger or its verb
    for t in scope:
        for c in t.children:
            if c.dep_ != "prep" or c.lower_ not in ("in", "at", "to", "near"):
                continue
            if c.lower_ == "to" and mm.type != "visit" and not verb:
                continue
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                _read_place(ctx, mm, g)
    # "summit in Paris" where the parser attaches "in" to the noun's noun
    if anchor is not None and not mm.city and not mm.country_code:
        m = re.match(r"\s+(?:in|to)\s+((?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)", text[mm.end : sent.end_char])
        if m:
            city, code = places.resolve_place(m.group(1), text[mm.end + m.end() : mm.end + m.end() + 30])
            if code or (city and _looks_like_place(ctx, city)):
                mm.city, mm.country_code = city, code
    if verb and tok is not None and not mm.city and not mm.country_code:
        # "met X in Canberra on Wednesday": "in" hangs off the object
        heads = [tok, *(c for c in tok.children if c.dep_ in ("dobj",))]
        heads += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
        for h in heads[1:]:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                    for g in c.children:
                        if g.dep_ != "pobj" or mm.city:
                            continue
                        if g.ent_type_ in ("GPE", "FAC") or (c.lower_ == "at" and g.text[:1].isupper()):
                            _read_place(ctx, mm, g)
    if not mm.city and not mm.country_code:
        # "on the margins of the U.S.-Africa Leaders Summit in Washington": the host event's place
        mg = re.search(r"\b(?:on|at)\s+the\s+(?:margins|sidelines)\s+of\s+", text[sent.start_char : sent.end_char])
        if mg:
            rest = text[sent.start_char + mg.end() : sent.end_char]
            m3 = re.search(r"\bin\s+((?:the\s+)?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*)", rest[:120])
            if m3:
                tail = rest[m3.end() : m3.end() + 30]
                city, code = places.resolve_place(m3.group(1), tail)
                if code or (city and _looks_like_place(ctx, city)):
                    mm.city, mm.country_code = city, code
                    mm.inherited_place = True
    if verb and tok is not None and mm.type == "visit" and not mm.city and not mm.country_code:
        for c in tok.children:  # "is scheduled to visit Chile in May"
            if c.dep_ == "dobj" and c.ent_type_ in ("GPE", "LOC"):
                _read_place(ctx, mm, c)
    if not verb and tok is not None and not mm.city and not mm.country_code:
        for c in tok.children:  # "Geneva border talks", "the New Delhi summit": a known city as modifier
            if c.dep_ == "compound" and c.i < tok.i and c.ent_type_ == "GPE":
                words = [t for t in c.subtree if t.dep_ == "compound" or t is c]
                name = c.doc[words[0].i : c.i + 1].text if words[-1] is c else c.text
                if gazetteer.lookup_city(name):
                    mm.city, mm.country_code = places.resolve_place(name)
                    break
    if not mm.city:
        _described_place(ctx, mm, sent)
    if (verb or mm.type in ("summit", "meeting")) and not mm.city and not mm.country_code:
        m2 = re.search(r",\s+in\s+((?:the\s+)?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*)", text[mm.end : sent.end_char])
        if m2 and m2.start() < 160:
            tail = text[mm.end + m2.end() : mm.end + m2.end() + 30]
            city, code = places.resolve_place(m2.group(1), tail)
            if code or (city and _looks_like_place(ctx, city)):
                mm.city, mm.country_code = city, code
    if verb and mm.type != "call" and not mm.city and not mm.country_code:
        # "met today with the Prime Minister of X in Sal, Cabo Verde": "City, Country" anywhere after
        # the verb is the meeting's place, wherever the parser attached it
        for m4 in _CITY_COUNTRY_RE.finditer(text, mm.end, sent.end_char):
            city, code = places.resolve_place(m4.group(1), text[m4.end(1) : m4.end(1) + 30])
            if code and city:
                mm.city, mm.country_code = city, code
                break
    # date: a date in the trigger's clause, else the nearest date in the sentence
    cands = [d for d in all_dates if sent.start_char <= d.start < sent.end_char]
    if tok is not None:
        cands = [d for d in cands if not _date_of_other(ctx.text, tok, sent, d.start, d.end)]
    if cands:
        sub = set()
        for t in scope:
            sub.update(range(t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)))
            if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
                # "received Lula on Monday ..., and the two leaders held talks": the first verb's when
                for c in t.head.children:
                    if c.dep_ in ("prep", "npadvmod") and c.i < t.i:
                        sub.update(range(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)))
        inside = [d for d in cands if d.start in sub]
        if not verb and tok is not None:
            # "their April 2, 2024, telephone call": a date written right before the noun
            inside += [
                d
                for d in cands
                if 0 <= tok.left_edge.idx - d.end <= 20
                and tok.left_edge.lower_ not in ("the", "a", "an", "this", "that", "its", "their", "his", "her")
                and re.fullmatch(_PRE_NOUN_GAP, text[d.end : tok.left_edge.idx])
            ]
        pool = inside or ([d for d in cands if abs(d.start - mm.end) < 25] if not verb else [])
        if pool:
            mm.date = min(pool, key=lambda d: abs(d.start - mm.start))
    if mm.date is not None and mm.date.day and not mm.date.end_date and tok is not None and not verb:
        mm.date = _first_day(ctx, tok, mm.date)
        if mm.date.date == mm.date.day and tok.dep_ == "nsubj" and _lemma(tok.head) in _END_VERBS:
            mm.date = None  # "The summit closes on Sunday": the last day, not the day it began
    # convenors
    window = text[mm.end : min(sent.end_char, mm.end + 160)]
    cm = re.search(
        r"\b(?:called|hosted|convened|organi[sz]ed|chaired|co-chaired|led|initiated|proposed)\s+by\s+(.+?)(?:\s+(?:at|in|on|to|followed|and\s+(?:the|a)\b)\b|[,.;]|$)",
        window,
    )
    if cm:
        conv_text = window[cm.start(1) : _end_of_actor_list(window, cm.start(1))]
        c_start = mm.end + cm.start(1)
        ps = actors.people_in(persons, c_start, c_start + len(conv_text))
        mm.convenors = [f"person:{p.name}" for p in ps] or actors.places_in(conv_text)
    pre = text[max(sent.start_char, mm.start - 40) : mm.start]
    led = re.search(r"([A-Z][\w.]*(?:[-–][A-Z][\w.]*)*)[-–](?:led|hosted|brokered|mediated)\s+(?:\w+\s+){0,2}$", pre)
    if led:
        mm.convenors = actors.places_in(led.group(1)) or mm.convenors
    if tok is not None and not verb and tok.dep_ == "dobj" and _lemma(tok.head) in ("host", "convene", "chair"):
        subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
        if subj and not mm.convenors:
            a, b = subj[0].left_edge.idx, subj[0].right_edge.idx + len(subj[0].right_edge.text)
            ps = actors.people_in(persons, a, b)
            mm.convenors = [f"person:{p.name}" for p in ps] or actors.codes_in_span(ctx, persons, a, b, capitals=True)
            hit = gazetteer.lookup_city(subj[0].text) if subj[0].ent_type_ == "GPE" else None
            if hit and not mm.city and not mm.country_code:
                mm.city, mm.country_code = hit[0], hit[1].code  # the host city: "Cairo would host a meeting"
    if tok is not None and tok.pos_ == "VERB" and _lemma(tok) == "host":
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if subj:
            a, b = subj[0].left_edge.idx, subj[0].right_edge.idx + len(subj[0].right_edge.text)
            ps = actors.people_in(persons, a, b)
            mm.convenors = [f"person:{p.name}" for p in ps] or actors.codes_in_span(ctx, persons, a, b)
    # participants: the trigger's phrase, its verb's subject and objects ("with X", "between X and Y")
    spans: list[tuple[int, int]] = []
    if tok is not None:
        spans.append((tok.left_edge.idx, tok.idx + len(tok.text)))
        verb_tok = (
            tok
            if verb
            else (
                tok.head
                if tok.head.pos_ in ("VERB", "AUX")
                and _lemma(tok.head) in _EVENT_VERBS
                and tok.dep_ in ("dobj", "nsubj", "nsubjpass")
                else None
            )
        )
        if verb_tok is None and via is not None:
            verb_tok = via
        if verb_tok is not None:
            for c in verb_tok.children:
                if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c is not tok:
                    spans.append((c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)))
                if c.dep_ == "prep" and c.lower_ in ("with", "between", "among"):
                    spans.append((c.idx, c.right_edge.idx + len(c.right_edge.text)))
                if c.dep_ in ("prep", "dobj") and mm.type == "visit" and c.lower_ in ("to",):
                    spans.append((c.idx, c.right_edge.idx + len(c.right_edge.text)))
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "between", "among", "of"):
                spans.append((c.idx, c.right_edge.idx + len(c.right_edge.text)))
    codes: list[str] = []
    ppl: list[actors.Person] = []
    for a, b in spans:
        for c in actors.codes_in_span(ctx, persons, a, b):
            if c not in codes:
                codes.append(c)
        for p in actors.people_in(persons, a, b):
            if p not in ppl:
                ppl.append(p)
    if mm.country_code and mm.type == "visit" and mm.country_code not in codes:
        codes.append(mm.country_code)
    mm.codes = codes
    mm.persons = ppl
    # visit: the visiting side convenes
    if mm.type == "visit" and not mm.convenors and tok is not None:
        subj_span = spans[1] if verb and len(spans) > 1 else spans[0] if spans else None
        subj = []
        if verb or via is not None:
            vt = tok if verb else via
            subj = [c for c in vt.children if c.dep_ == "nsubj"][-1:]  # not a dateline parsed as subject
            if not subj and vt.dep_ == "xcomp":  # "X is scheduled to visit Chile": the governing verb's subject
                subj = [c for c in vt.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            subj_span = (subj[0].left_edge.idx, subj[0].right_edge.idx + len(subj[0].right_edge.text)) if subj else None
        if subj_span:
            ps = actors.people_in(persons, *subj_span)
            mm.convenors = [f"person:{p.name}" for p in ps] or [
                c for c in actors.codes_in_span(ctx, persons, *subj_span) if c != mm.country_code
            ]
            if verb and subj:
                mm.phrase = _visitor(ctx, persons, subj[0]) + " visit"
            if subj:
                a, b = subj[0].left_edge.idx, subj[0].right_edge.idx + len(subj[0].right_edge.text)
                for c in actors.codes_in_span(ctx, persons, a, b):
                    if c not in mm.codes:
                        mm.codes.append(c)
    if mm.phrase is None and tok is not None:
        mm.phrase = _np_phrase(tok) if not verb else _TYPE_WORD[mm.type]
        if tok.lower_ == "round":
            mm.phrase = f"{mm.phrase} of talks"


_CITY_COUNTRY_RE = re.compile(r"\b(?:in|at)\s+([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})(?=,\s*[A-Z])")
_CAPITAL_RE = re.compile(r"\b(?:in|to|at)\s+(?:the\s+)?([A-Z][\w'’-]+?)(?:[’']s)?\s+capital\b")
_CITY_OF_RE = re.compile(
    r"\b(?:in|to|at)\s+the\s+(?:[A-Z][\w'’-]+\s+)?(?:city|town|port|capital|resort)\s+of\s+"
    r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)"
)


def _described_place(ctx: DocContext, mm: _Mention, sent) -> None:
    """Places written as descriptions right after the trigger: "in the Saudi capital", "in Fiji's
    capital", "in the Tanzanian city of Arusha"."""
    window = ctx.text[mm.end : min(sent.end_char, mm.end + 60)]
    m = _CITY_OF_RE.match(window.lstrip()) or _CITY_OF_RE.search(window[:30])
    if m:
        city, code = places.resolve_place(m.group(1))
        if code is None:
            dem = re.search(r"the\s+([A-Z][\w'’-]+)\s+(?:city|town|port|capital|resort)", m.group(0))
            place = gazetteer.lookup(dem.group(1)) if dem else None
            code = place.code if place is not None and place.kind == "country" else None
        if city and (code or _looks_like_place(ctx, city)):
            mm.city, mm.country_code = city, code
            return
    m = _CAPITAL_RE.search(window[:30])
    if m:
        place = gazetteer.lookup(m.group(1))
        cap = gazetteer.capital_of(place.code) if place is not None and place.kind == "country" else None
        if cap and place is not None:
            mm.city, mm.country_code = cap, place.code


def _first_day(ctx: DocContext, tok, d: dates.DateMention) -> dates.DateMention:
    """ "ended two days of talks on Wednesday", "wrapped up a three-day conference on Friday": the event
    began N-1 days before the day it ended."""
    a = tok.left_edge.idx
    pre = ctx.text[max(0, a - 20) : tok.idx]
    m = re.search(r"\b(two|three|four|five|six|seven|\d)[- ]day\b", pre) or re.search(
        r"\b(two|three|four|five|six|seven|\d)\s+days\s+of\s+(?:[a-z-]+\s+)?$", pre
    )
    if not m or d.day is None:
        return d
    w = m.group(1).lower()
    n = int(w) if w.isdigit() else _NUMBER_WORDS[w]
    head = tok.head
    for _ in range(3):  # "ended two days of talks": talks <- of <- days <- ended
        if head.pos_ in ("VERB", "AUX") or head.head is head:
            break
        head = head.head
    if _lemma(head) not in _END_VERBS or not 2 <= n <= 7:
        return d
    return dataclasses.replace(d, date=d.day - dt.timedelta(days=n - 1), end_date=d.day)


# between a date and the event noun it dates: "April 2, 2024, telephone call" (not ", the first visit")
_PRE_NOUN_GAP = re.compile(r"[\s,]*(?!(?:the|a|an|this|that|its|their)\s)(?:[a-z-]+\s+)?")


def _date_of_other(text: str, tok, sent, pos: int, end: int | None = None) -> bool:
    """A date that belongs to another event noun of the sentence ("follows their April 2 telephone call");
    ``text`` is the document's text."""
    for t in sent:
        if t is tok or t.lower_ not in NOUN_TYPES or t.pos_ not in ("NOUN", "PROPN"):
            continue
        if (
            end is not None
            and 0 <= t.idx - end <= 20
            and re.fullmatch(_PRE_NOUN_GAP, text[end : t.idx])
            and not (end < tok.idx <= t.idx)
        ):
            return True  # "their April 2, 2024, telephone call"
        a, b = t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)
        if a <= pos < b and not (a <= tok.idx < b):
            return True
    return False


def _end_of_actor_list(window: str, i: int) -> int:
    m = re.search(r"\s+(?:at|in|on|followed|to|for|after|before)\s|[,.;](?!\s*(?:and\s+)?[A-Z])|$", window[i:])
    return i + (m.start() if m else len(window) - i)


def _read_place(ctx: DocContext, mm: _Mention, g) -> None:
    text = ctx.text
    ent = next((e for e in ctx.ents if e.start <= g.i < e.end), None)
    if (ent is not None and ent.label_ in ("FAC", "ORG")) or (ent is None and g.text[:1].isupper()):
        phrase = ent.text if ent is not None else text[g.left_edge.idx : g.idx + len(g.text)]
        v = places.find_venue(phrase if phrase.lower().startswith("the ") else "the " + phrase)
        if v and not mm.venue:
            mm.venue = v[0]
            seat = places.seat(v[0])
            if seat and not mm.city:
                mm.city, mm.country_code = seat
            # "at the Elysee Palace in Paris"
            for c in g.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    for gg in c.children:
                        if gg.dep_ == "pobj":
                            _read_place(ctx, mm, gg)
            return
    if ent is not None and ent.label_ in ("GPE", "LOC", "FAC"):
        if ent.text.split()[-1] in _NOT_PLACE_HEADS:
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


def _visitor(ctx: DocContext, persons, subj) -> str:
    """Who visits, for the event's name: a person's surname, else the side ('Franco-British delegation')."""
    a, b = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
    ps = actors.people_in(persons, a, b)
    if ps:
        return " and ".join(p.surname for p in ps[:2])
    phrase = _np_phrase(subj, keep_all=True)
    if len(phrase.split()) <= 4:
        return phrase
    codes = actors.codes_in_span(ctx, persons, a, b)
    return "-".join(actors.short_name(c) for c in codes[:2]) or subj.text


def _np_phrase(tok, keep_all: bool = False) -> str:
    """'three days of US-led talks' -> 'US-led talks'; 'a warm and productive working meeting' ->
    'working meeting'."""
    if not keep_all:
        doc = tok.doc
        i = tok.i - 1
        hy = ("-", "–")
        while i >= max(0, tok.i - 6):
            t = doc[i]
            glued = t.text in hy or (i + 1 < len(doc) and doc[i + 1].text in hy) or (i > 0 and doc[i - 1].text in hy)
            if glued or t.pos_ == "PROPN" or t.lower_ in _KEEP_MOD or t.ent_type_ in ("GPE", "NORP"):
                i -= 1
                continue
            break
        if i + 1 < tok.i:
            return doc[i + 1 : tok.i].text_with_ws + tok.lower_
        return tok.lower_
    if keep_all:
        toks = [t for t in tok.subtree if t.i <= tok.i]
        while toks and (toks[0].pos_ in ("DET", "NUM", "PRON") or toks[0].dep_ in ("det", "poss", "nummod", "punct")):
            toks = toks[1:]
        if toks:
            return tok.doc[toks[0].i : tok.i + 1].text
        return tok.text
    words: list[str] = []
    for t in tok.subtree:
        if t.i >= tok.i:
            break
        if t.head is not tok and t.head.head is not tok:
            continue
        if t.dep_ in ("det", "poss", "nummod", "cc", "punct", "case") or t.pos_ in ("DET", "NUM", "CCONJ"):
            continue
        if keep_all or t.pos_ == "PROPN" or "-" in t.text or t.lower_ in _KEEP_MOD or t.ent_type_ in ("GPE", "NORP"):
            words.append(t.text)
    return " ".join([*words, tok.text if keep_all else tok.lower_])


# --- clustering ---------------------------------------------------------------------------------
def _conflict(a: _Mention, b: _Mention) -> bool:
    if b.type not in _COMPATIBLE.get(a.type, set()):
        return True
    if a.official and b.official and a.official.lower() != b.official.lower():
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
    if a.city and b.city and a.city != b.city:
        return True
    return bool(a.country_code and b.country_code and a.country_code != b.country_code)


def _side_apart(m: _Mention, s: _Mention) -> bool:
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


def _same_head(m: _Mention, s: _Mention) -> bool:
    """ "a regional forum ... opened" and then "the Pacific Islands Forum": one named, one not, same head."""
    for x, y in ((m, s), (s, m)):
        if (
            x.official
            and not y.official
            and y.phrase
            and x.type == y.type
            and not y.from_title
            and x.official.split()[-1].lower() == y.phrase.split()[-1].lower()
        ):
            return True
    return False


def _within(rng: dates.DateMention, d: dates.DateMention) -> bool:
    """The day of ``d`` falls inside the range ``rng`` ("June 14-16" and "on Sunday" = June 16)."""
    return bool(rng.end_date and rng.date and d.date and rng.date <= d.date <= rng.end_date)


def _cluster(mentions: list[_Mention]) -> list[list[_Mention]]:
    clusters: list[list[_Mention]] = []
    merged: list[_Mention] = []  # a running summary per cluster
    for m in mentions:
        target = None
        # official name seen before: same event
        for i, s in enumerate(merged):
            if m.official and s.official and m.official.lower() == s.official.lower():
                target = i
                break
        specific = bool(m.city or m.country_code or m.venue or (m.date and m.date.precision != "week"))
        if target is None and m.anaphoric and not m.official and not specific:
            same = [i for i, s in enumerate(merged) if s.type == m.type and not _conflict(s, m)]
            if same:
                target = same[-1]
            elif merged and not _conflict(merged[0], m):
                target = 0
        elif target is None and m.anaphoric and not m.official and not (m.city or m.country_code or m.venue):
            # "the summit on Wednesday": the summit already told, when it says nothing against it
            same = [i for i, s in enumerate(merged) if s.type == m.type]
            if same and not _conflict(merged[same[-1]], m) and not _side_apart(m, merged[same[-1]]):
                target = same[-1]
        if target is None:
            for i in range(len(merged) - 1, -1, -1):
                s = merged[i]
                if _conflict(s, m):
                    continue
                shares = (
                    (m.city and m.city == s.city and not m.inherited_place)
                    or (m.country_code and m.country_code == s.country_code and not m.inherited_place)
                    or (m.date and s.date and m.date.day and m.date.day == s.date.day)
                    or (m.date and s.date and (_within(m.date, s.date) or _within(s.date, m.date)))
                    or (len(set(m.codes) & set(s.codes)) >= 2)
                    or ({p.name for p in m.persons} & {p.name for p in s.persons} and m.type == s.type)
                    or _same_head(m, s)
                )
                generic = not (m.city or m.country_code or m.venue or m.official) and not (m.date and m.date.day)
                if s.official and m.type != s.type and not shares:
                    continue
                if _side_apart(m, s):
                    continue
                if (
                    shares
                    or (m.anaphoric and not specific)
                    or (generic and (s.from_title or i == 0))
                    or (s.from_title and not m.official and len(clusters) == 1 and m.type in _COMPATIBLE[s.type])
                ):
                    target = i
                    break
        if target is None:
            if not m.strong:
                continue
            clusters.append([m])
            merged.append(_copy(m))
        else:
            clusters[target].append(m)
            _absorb(merged[target], m)
    return clusters


def _copy(m: _Mention) -> _Mention:
    c = _Mention(**{k: getattr(m, k) for k in m.__dataclass_fields__})
    c.codes = list(m.codes)
    c.persons = list(m.persons)
    c.convenors = list(m.convenors)
    c.spans = list(m.spans)
    return c


def _absorb(s: _Mention, m: _Mention) -> None:
    s.official = s.official or m.official
    if m.date and (s.date is None or (m.date.day and not s.date.day) or (s.date.day and _within(m.date, s.date))):
        s.date = m.date
    if m.city and not s.city:
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


# --- records ------------------------------------------------------------------------------------
def _to_record(
    ctx: DocContext, cluster: list[_Mention], persons, is_main: bool, first: _Mention | None
) -> EventRecord | None:
    s = _copy(cluster[0])
    for m in cluster[1:]:
        _absorb(s, m)
    typ: EventType = s.type
    types = [m.type for m in cluster]
    if "summit" in types and typ in ("meeting", "other"):
        typ = "summit"
    if s.official:
        typ = next((m.type for m in cluster if m.official), typ)
    elif typ == "meeting" and cluster[0].phrase == _TYPE_WORD["meeting"]:
        # "Chile would host a regional conference": the noun names the kind, the verb only the host
        noun = next((m for m in cluster[1:] if m.type in ("conference", "summit", "talks")), None)
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
    if s.phrase and s.phrase in _TYPE_WORD.values():
        # a bare type word: a more descriptive phrase from another mention of the same event
        better = [m.phrase for m in cluster if m.phrase and m.phrase.split()[-1] == _TYPE_WORD[typ].split()[-1]]
        better = [b for b in better if len(b.split()) > 1 and len(b.split()) <= 5]
        if better:
            s.phrase = better[0]
    if s.phrase and s.phrase.split()[-1] in ("meeting", "meetings") and typ == "summit":
        s.phrase = s.phrase.rsplit(" ", 1)[0] + " summit" if " " in s.phrase else "summit"
    name = s.official or _describe(s, typ, codes, city, country, persons)
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


def _convenors(s: _Mention, typ: EventType, persons, codes: list[str]) -> list[ActorRef]:
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
    s: _Mention, typ: EventType, codes: list[str], city: str | None, country, persons: list[actors.Person] | None = None
) -> str:
    phrase = s.phrase or _TYPE_WORD[typ]
    if typ == "call" and "call" not in phrase:
        phrase = "phone call"
    has_actor = bool(re.search(r"[A-Z]", phrase))
    who = ""
    if not has_actor:
        leaders = [p.surname for p in s.persons if p.code or p.side][:3]
        if s.from_title and len(s.persons) != 2:
            leaders = []
        if len(leaders) < 2 and len(s.persons) == 2 and not s.from_title:
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
        if len(leaders) >= 2:
            who = "-".join(leaders)
        elif codes and len(codes) >= 2:
            who = "-".join(actors.short_name(c) for c in codes[:3])
    place = ""
    if typ != "call":
        if s.venue and places.seat(s.venue) and not city:
            place = f" at the {s.venue}"
        elif city:
            place = f" in {city}"
        elif country is not None:
            place = f" {'to' if typ == 'visit' else 'in'} {country.name}"
        if s.venue and (places.seat(s.venue) or not place):
            place = f" at the {s.venue}"
    return f"{who} {phrase}{place}".strip()


# --- linking statements and agreements ---------------------------------------------------------------
def link_to_events(
    ctx: DocContext,
    events: list[EventRecord],
    statements: list[StatementRecord],
    agreements: list[AgreementRecord],
) -> None:
    """Set ``.event`` (an index into ``events``) on the statements and agreements made at or about one."""
    if not events:
        return
    try:
        sents = [(s.start_char, s.end_char) for s in ctx.sents]

        def sent_of(pos: int) -> tuple[int, int]:
            for a, b in sents:
                if a <= pos < b:
                    return a, b
            return pos, pos + 1

        spans = [getattr(e, "_spans", [(e.start, e.end)]) for e in events]
        main = 0 if _has_main(ctx, events) else None

        def pick(start: int, end: int) -> int | None:
            a, b = sent_of(start)
            a2, b2 = sent_of(max(start, end - 1))
            for i, sp in enumerate(spans):
                if any(min(a, a2) <= x < max(b, b2) for x, _ in sp):
                    return i
            return main

        for st in statements:
            st.event = pick(st.sentence_start if st.sentence_start is not None else st.start, st.end)
        for ag in agreements:
            if ag.event is None:
                ag.event = pick(ag.start, ag.end)
    except Exception:
        return


def _has_main(ctx: DocContext, events: list[EventRecord]) -> bool:
    if len(events) == 1:
        return True
    first = getattr(events[0], "_spans", [(events[0].start, events[0].end)])
    return any(x < ctx.body_start + 400 for x, _ in first)


__all__ = ["find_events", "link_to_events"]
