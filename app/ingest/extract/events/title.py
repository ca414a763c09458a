"""The mention a readout's or joint statement's title makes ("Readout of President X's Call with
Prime Minister Y of Z")."""

from __future__ import annotations

import re

from app.ingest.extract import actors, places
from app.ingest.extract.context import DocContext
from app.ingest.extract.events.location import looks_like_place
from app.ingest.extract.events.mention import KEEP_MOD, NOUN_TYPES, TYPE_WORD, Mention
from app.ingest.extract.events.triggers import NAME_RE, clean_name
from app.ingest.extract.records import EventType

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


def title_mention(ctx: DocContext, persons: list[actors.Person]) -> Mention | None:
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
    mention = Mention(
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
        if code or (city and looks_like_place(ctx, city)):
            mention.city, mention.country_code = city, code
    mention.phrase = _title_phrase(rest[: k.end()], typ)
    if not re.match(r"(?:Readout|Read-?out)", title, re.I):
        # "Joint Statement of the Ministers ... from the Counter Ransomware Initiative Meeting October 2021"
        for nm in NAME_RE.finditer(rest):
            name = clean_name(nm.group(1).strip())
            if nm.start(1) <= k.start() < nm.end(1) + 1 and len(name.split()) >= 2 and not re.search(r"[’']s\b", name):
                mention.official = name
                break
    mention.spans.append((mention.start, mention.end))
    return mention


def _title_phrase(text: str, typ: EventType) -> str:
    words = text.split()
    head = TYPE_WORD[typ] if typ == "call" else words[-1].lower()
    mods = [w for w in words[-3:-1] if w.lower() in KEEP_MOD and w.lower() not in head.split()]
    return " ".join([*(w.lower() for w in mods), head])
