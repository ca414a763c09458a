"""Finding the mentions of a sentence: named events ("the G20 Summit", "COP 28"), event nouns
(summit, talks, phone call, visit) and event verbs (met, spoke with, visited, hosted)."""

from __future__ import annotations

import re

from app.ingest.extract import actors, cues, dates, gazetteer
from app.ingest.extract.context import DocContext
from app.ingest.extract.events.attributes import body_subject, fill
from app.ingest.extract.events.clustering import copy_mention
from app.ingest.extract.events.location import city_in_name, read_place
from app.ingest.extract.events.mention import NATIONWIDE, NOUN_TYPES, ORDINAL, VISIT_VERBS, Mention
from app.ingest.extract.events.syntax import (
    cancelled,
    collective_subject,
    conj_actor_subject,
    has_actor_arg,
    has_place_arg,
    hypothetical,
    is_actor,
    lemma_of,
    negated,
    occurs,
    prep_actor,
    tok_at,
)
from app.ingest.extract.records import EventType

NAMED_HEADS: dict[str, EventType] = {
    "Summit": "summit",
    "Conference": "conference",
    "Forum": "conference",
    "Meeting": "meeting",
    "Talks": "talks",
    "Dialogue": "talks",
    "Ministerial": "meeting",
    "Negotiations": "talks",
    "Assembly": "conference",  # only a numbered one ("the 78th World Health Assembly"): see _NUMBERED
}


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# "the Climate Summit on April 22": a day, not the summit's subject
_WHEN = rf"(?:{_MONTHS}|{_WEEKDAYS})\b"


NAME_RE = re.compile(
    r"(?<![\w-])((?:[A-Z][\w'’.&-]*|\d{4}|" + ORDINAL + r"|G\d+|[A-Z]{2,}\d*)(?:\s+(?:(?:of|for|on|and|the|de|in)\s+)*"
    r"(?:[A-Z][\w'’.&-]*|\d+))*\s+(?:"
    + "|".join(NAMED_HEADS)
    + r"))(?![\w-])(?:\s+(?:on|for|of)\s+(?:the\s+)?(?!"
    + _WHEN
    + r")[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*)?"
)


_NUMBERED = re.compile(rf"\b(?:{ORDINAL}|(?:19|20)\d\d)\b")


_NAME_YEAR = re.compile(r"\b(?:19|20)\d\d\b")

# "met on the margins of the UN General Assembly": a body's session that others meet beside
_SIDELINES_OF = re.compile(r"\b(?:margins|sidelines)\s+of\s+(?:the\s+)?$")

_NTH_ROUND_OF = re.compile(
    rf"\b(?:{ORDINAL}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|next)\s+"
    r"(?:round|session|edition)\s+of\s+(?:the\s+)?$",
    re.I,
)
_COP_RE = re.compile(r"\b(COP[\s-]?\d{1,2})\b")
# a capitalised head with its complement: "the Summit of the Americas", "the Conference on Disarmament"
_HEAD_OF_RE = re.compile(
    r"(?<![\w-])((?:Summit|Conference|Forum|Dialogue)\s+(?:of|on|for)\s+(?:the\s+)?(?!" + _WHEN + r")[A-Z][\w'’-]*"
    r"(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*)"
)


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


_GENERIC_NAME = {"Readout", "The", "This", "A", "An", "Our", "Their", "His", "Her", "Its", "Next", "First"}


_WISH_VERBS = {"invite", "urge", "ask", "encourage", "want", "hope", "wish", "seek", "offer", "press", "call"}


_CALL_VERBS = frozenset({"call", "telephone", "phone", "ring"})


_ROUND_MODS = {"next", "new", "fresh", "latest", "second", "third", "fourth", "fifth", "sixth", "final"}


def sentence_mentions(ctx: DocContext, sent, persons: list[actors.Person], all_dates) -> list[Mention]:
    out: list[Mention] = []
    text = ctx.text
    covered: list[tuple[int, int]] = []
    # named events
    for rx in (NAME_RE, _COP_RE, _HEAD_OF_RE):
        for m in rx.finditer(text, sent.start_char, sent.end_char):
            name = m.group(1).strip()
            first = name.split()[0]
            if first in _GENERIC_NAME:
                name = name.split(None, 1)[1] if len(name.split()) > 1 else name
            if len(name.split()) < 2 and not _COP_RE.fullmatch(name):
                continue
            if name.split()[0] in _GENERIC_NAME or name.split()[0][0].islower():
                continue
            full = clean_name(m.group(0).strip())
            if len(full.split()) < 2 and not _COP_RE.fullmatch(full):
                continue
            head = next((h for h in NAMED_HEADS if re.search(rf"\b{h}\b", name)), "Conference")
            typ = NAMED_HEADS.get(head, "conference")
            s = m.start(0) + m.group(0).find(full)
            e = s + len(full)
            if sent.start_char < ctx.body_start and s < ctx.body_start and sent.start_char == 0:
                continue  # title case is not a name
            mm = Mention(typ, s, e, sent.start_char, sent.end_char, official=full)
            fill(ctx, mm, sent, persons, all_dates, tok_at(sent, s, e))
            if not mm.city and not mm.country_code:
                mm.city, mm.country_code = city_in_name(full)  # "the Vilnius Summit", "New Delhi Leaders' Summit"
            if mm.date is None and (year := _NAME_YEAR.search(full)) is not None:
                # "the 2014 Wales Summit": dated by its year, never one told of another year
                mm.date = dates.DateMention.year(s + year.start(), year.group(0))
            # a named summit/conference is an event; named talks/meetings only with evidence
            mm.strong = (
                typ in ("summit", "conference")
                or bool(mm.date or mm.city or mm.venue)
                or occurs(tok_at(sent, s, e))
                or bool(
                    _NTH_ROUND_OF.search(text, max(sent.start_char, s - 40), s)
                )  # "the sixth round of the X Dialogue"
            )
            if head == "Assembly" and not (_NUMBERED.search(full) or _SIDELINES_OF.search(text, max(0, s - 40), s)):
                mm.strong = False  # "the General Assembly", "the National Assembly": a body, not a session
            if negated(tok_at(sent, s, e)):
                continue
            if mm.strong:
                out.append(mm)
            covered.append((s, e))
    for tok in ctx.tokens[sent.start : sent.end]:
        if any(a <= tok.idx < b for a, b in covered):
            continue
        mm = _token_mention(ctx, tok, sent, persons, all_dates)
        if mm is not None:
            for m in _one_per_partner(ctx, mm, tok, persons):
                out.extend(_one_per_destination(ctx, m, tok))
    return out


def _one_per_partner(ctx: DocContext, mm: Mention, tok, persons) -> list[Mention]:
    """'held separate telephone calls with Burhan and Daglo', 'calls with the leaders of Egypt and
    Qatar' (plural calls, or 'separate' meetings), 'spoke with X and then with Y': one event with
    each partner."""
    spans = _partner_spans(tok, mm.type)
    if not spans:
        return [mm]
    side = [p for p in mm.persons if not any(spans[0][0] <= a < spans[-1][1] for a, _ in p.mentions)]
    side_codes = [p.code for p in side if p.code]
    out = []
    for a, b in spans:
        people = actors.people_in(persons, a, b)
        codes = actors.codes_in_span(ctx, persons, a, b) or [p.code for p in people if p.code]
        if not people and not codes:
            return [mm]
        m = copy_mention(mm)
        m.persons = [*side, *people]
        m.codes = list(dict.fromkeys([*side_codes, *codes]))
        m.partner = ctx.text[a:b]
        if m.phrase:
            m.phrase = re.sub(r"\b(call|meeting)s$", r"\1", m.phrase)  # one call each
        out.append(m)
    return out


def _spoke_in_person(tok) -> bool:
    """ "spoke with X at the G7 summit", "talked with Y in Geneva": a place or a gathering where they
    spoke, and no telephone or video link."""
    words = {t.lower_ for t in tok.subtree}
    if words & {"phone", "telephone", "video", "virtually", "videoconference", "call", "secure"}:
        return False
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in ("at", "in", "on"):
            continue
        for g in c.children:
            if g.dep_ != "pobj":
                continue
            if c.lower_ == "on" and g.lower_ in ("sidelines", "margins"):
                return True  # "spoke with X on the sidelines of the summit"
            if c.lower_ != "on" and (g.ent_type_ in ("GPE", "FAC", "EVENT") or g.lower_ in NOUN_TYPES):
                return True
            if c.lower_ == "at" and g.ent_type_ == "ORG" and re.fullmatch(r"G\d+|[A-Z]{3,}", g.text):
                return True  # "at the G7", "at APEC"
    return False


def _one_per_destination(ctx: DocContext, mm: Mention, tok) -> list[Mention]:
    """'before travelling on to New Zealand and Fiji': a visit to each place."""
    if mm.type != "visit" or tok.pos_ != "VERB":
        return [mm]
    to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    first = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    if first is None:
        return [mm]
    out = [mm]
    for g in sorted(first.conjuncts, key=lambda t: t.i):
        if g.ent_type_ not in ("GPE", "LOC") and not (g.pos_ == "PROPN" and gazetteer.lookup_city(g.text)):
            continue
        m = copy_mention(mm)
        m.city = m.country_code = m.venue = None
        read_place(ctx, m, g)
        if m.city or m.country_code:
            m.start, m.end = g.idx, g.idx + len(g.text)
            out.append(m)
    # each visit's parties: the visitor and its own stop, not the other stops
    stops = {m.country_code for m in out if m.country_code}
    for m in out:
        m.codes = [c for c in m.codes if c == m.country_code or c not in stops]
    return out


def _partner_spans(tok, typ: str) -> list[tuple[int, int]] | None:
    """Character spans of the partners of a call or meeting held with several one by one."""
    # the parser hangs a second "with" off the first, off the verb, or as the verb's conjunct
    withs = [c for c in tok.children if c.dep_ in ("prep", "conj") and c.lower_ == "with"]
    if not withs or withs[0].dep_ != "prep":
        return None
    prep = withs[0]
    preps = sorted({*withs, *(c for w in withs for c in w.conjuncts if c.lower_ == "with")}, key=lambda t: t.i)
    if len(preps) >= 2 and typ == "call":  # "spoke with Hun Manet and then with Phumtham"
        spans = [(p.idx + len(p.text), p.right_edge.idx + len(p.right_edge.text)) for p in preps]
        # a partner ends where the next "with" begins, however the parser nested them
        return [(a, min(b, nxt.idx)) for (a, b), nxt in zip(spans, preps[1:], strict=False)] + spans[-1:]
    plural = tok.lower_ == "calls" or (
        tok.lower_ in ("meetings", "talks") and any(c.lower_ == "separate" for c in tok.children)
    )
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if not plural or obj is None:
        return None
    head = next((t for t in obj.subtree if any(c.dep_ == "conj" for c in t.children)), None)
    if head is None:
        return None
    rest = sorted(head.conjuncts, key=lambda t: t.i)
    # each partner runs up to the next one ("Sudanese army chief Burhan and RSF commander Daglo")
    starts = [obj.left_edge.idx, *(g.left_edge.idx for g in rest)]
    ends = [*starts[1:], prep.right_edge.idx + len(prep.right_edge.text)]
    return list(zip(starts, ends, strict=True))


_NAME_PREFIX = re.compile(
    r"^(?:(?:At|In|On|During|After|Before|Following|Ahead\s+of|Since|From|For|To|By|With|Under|Of|And)\s+)?"
    r"(?:(?:The|This|That|These|A|An|Last|Next|This\s+Year[’']s|Last\s+Year[’']s)\s+)?"
    rf"(?:(?:{_WEEKDAYS})[’']?s?,?\s+)?"
    rf"(?:(?:{_MONTHS}"
    r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?:\s+\d{1,2}(?:st|nd|rd|th)?(?:[-–]\d{1,2})?)?,?[’']?s?\s+)?"
    r"(?:\d{1,2}\s+(?=[A-Z]))?",  # "May 12 Summit"; an ordinal ("the 24th EU-China Summit") stays
    re.I,
)


_DOCUMENT_OF = re.compile(
    r"^.*?\b(?:Statement|Declaration|Communiqu[ée]|Report|Readout|Summary|Resolution|Conclusions)\s+"
    r"(?:on|of|from|at|after)\s+(?:the\s+)?"
)


def clean_name(name: str) -> str:
    """'At the 2021 Quad Leaders' Summit' -> '2021 Quad Leaders' Summit'; 'May 12 Summit' -> 'Summit';
    'March Quad Foreign Ministers' Meeting' -> 'Quad Foreign Ministers' Meeting'."""
    doc_of = _DOCUMENT_OF.match(name)
    if doc_of and doc_of.end() < len(name):
        name = name[doc_of.end() :]  # "Chairman's Statement on the ASEAN Leaders' Meeting": the meeting
    prev = None
    while prev != name:
        prev = name
        m = _NAME_PREFIX.match(name)
        if m and m.end() and m.end() < len(name):
            name = name[m.end() :].lstrip()
    return name


def _token_mention(ctx: DocContext, tok, sent, persons, all_dates) -> Mention | None:
    low = tok.lower_
    typ: EventType | None = None
    verb = False
    if tok.pos_ in ("NOUN", "PROPN") and low in NOUN_TYPES:
        prev = tok.nbor(-1).lower_ if tok.i > 0 else ""
        glued = tok.i >= 2 and tok.nbor(-2).text in ("-", "–")  # "six-party talks" are not a party's meeting
        virtual = prev == "video" and low in ("call", "calls", "conference", "summit", "meeting")
        if (prev in _SKIP_PRE and not glued and not virtual) or (
            low in ("bilateral", "trilateral") and tok.pos_ != "NOUN"
        ):
            return None  # "a news conference", "a party meeting"; "a video call" is one
        if (
            low in ("call", "calls")
            and prev not in ("phone", "telephone", "video")
            and not any(c.lower_ in ("with", "between") for c in tok.children)
        ):
            return None
        if low in ("talks", "visit", "trip", "meeting", "meetings") and tok.tag_ in ("VBZ", "VB", "VBG"):
            return None
        typ = NOUN_TYPES[low]
        if tok.dep_ == "attr" and lemma_of(tok.head) == "be":
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ in NOUN_TYPES:
                return None  # "The summit ... was the second in-person meeting of the group": said of the summit
        if low == "gathering" and not occurs(tok) and not any(c.lower_ in ("at", "in") for c in tok.children):
            return None  # "a gathering at the White House in September" is one; "a gathering storm" is not
        if low == "forum" and tok.pos_ != "PROPN" and not occurs(tok):
            return None  # "a regional forum ... opened" is one; "a forum for dialogue" is not
    elif (
        tok.pos_ == "NOUN"
        and low == "ceremony"
        and any(
            c.lower_ == "signing" or (c.dep_ == "prep" and any(g.lower_ == "signing" for g in c.children))
            for c in tok.children
        )
    ):
        typ = "other"  # "the signing ceremony", "the ceremony for the signing of ..."
    elif (
        tok.pos_ == "NOUN"
        and low in ("exchange", "swap")
        and any(c.dep_ in ("compound", "amod") and c.lemma_.lower() == "prisoner" for c in tok.children)
    ):
        typ = "other"  # "carried out their largest prisoner exchange on Thursday"
    elif (
        tok.pos_ == "NOUN"
        and low in ("exchange", "swap")
        and tok.dep_ == "nsubj"
        and lemma_of(tok.head) in ("take", "happen", "occur")
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
        and re.search(r"\bprisoner (?:exchange|swap)|\bswap\b", ctx.text[: tok.idx], re.I)
    ):
        typ = "other"  # "The swap took place at an airport in Abu Dhabi": the exchange told before
    elif tok.pos_ == "NOUN" and low in NATIONWIDE:
        typ = "other"  # "must still approve the accord in a plebiscite on Sunday"
    elif tok.pos_ == "NOUN" and low == "round" and any(c.lower_ in _ROUND_MODS for c in tok.children):
        # "the next round was scheduled for June 18 in Geneva": a round of talks
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return None  # "the next round of talks": the talks are the mention
        typ = "talks"
    elif tok.pos_ == "VERB":
        lemma = lemma_of(tok)
        if lemma in ("meet",) and (has_actor_arg(tok, persons) or conj_actor_subject(tok, persons)):
            typ, verb = "meeting", True  # also "The members of the X — A, B, ... and C — met in Washington"
        elif lemma == "meet" and tok.tag_ == "VBD" and body_subject(tok) is not None:
            typ, verb = "meeting", True  # "the U.S.-EU Task Force on Energy Security met in Washington"
        elif lemma == "meet" and tok.tag_ == "VBD" and collective_subject(tok) and not has_actor_arg(tok, persons):
            typ, verb = "meeting", True  # "when the two met in Beijing on March 31"
        elif (
            lemma == "sit"
            and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children)
            and (has_actor_arg(tok, persons) or collective_subject(tok))
            and any(c.lower_ in ("together", "with") for c in tok.children)
        ):
            typ, verb = "meeting", True  # "the four leaders last sat down together in Milan"
        elif lemma in ("speak", "talk") and any(
            # "spoke by telephone with X": the parser may label that "by" an agent
            c.dep_ in ("prep", "agent") and c.lower_ in ("with", "to", "by") and prep_actor(c, persons)
            for c in tok.children
        ):
            # "spoke today with X at the G7", "spoke with X in Paris": face to face, unless by phone
            typ, verb = ("meeting" if _spoke_in_person(tok) else "call"), True
        elif lemma in ("speak", "talk") and conj_actor_subject(tok, persons):
            typ, verb = "call", True  # "Macron and Biden spoke on September 22"
        elif lemma in VISIT_VERBS and has_place_arg(tok):
            typ, verb = "visit", True
        elif (
            lemma == "host"
            and has_actor_arg(tok, persons)
            and not any(
                c.dep_ == "dobj" and (c.lower_ in NOUN_TYPES or _COP_RE.fullmatch(c.text)) for c in tok.children
            )
        ):  # "Cairo would host a meeting", "Egypt will host COP27": the noun is the mention, the subject its host
            typ, verb = "meeting", True
        elif (
            lemma in _CALL_VERBS
            and any(c.dep_ in ("dobj", "oprd") and is_actor(c, persons) for c in tok.children)
            # "called on X to", "called for talks", "called off"; "called X on Tuesday" is a call
            and not any(
                c.dep_ in ("prep", "prt", "oprd") and c.lower_ in ("on", "for", "off", "upon") and c.i == tok.i + 1
                for c in tok.children
            )
            # called X "an honest man": a second complement (the parser may make X itself an oprd)
            and not any(
                c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "oprd" and not is_actor(c, persons)) for c in tok.children
            )
        ):
            typ, verb = "call", True  # "Biden called President Sheinbaum today", "Abe telephoned Park"
        elif lemma == "sign" and _signed_between_parties(ctx, tok, persons):
            typ, verb = "other", True  # "Santos and Londoño signed a peace agreement on Monday": a signing
        elif lemma == "exchange" and cues.ratification_instruments(tok) and _signed_between_parties(ctx, tok, persons):
            typ, verb = "other", True  # "X and Y exchanged the instruments of ratification of the treaty"
        elif (
            lemma in ("receive", "welcome", "convene", "gather")
            and (has_actor_arg(tok, persons) or (lemma == "gather" and any(c.dep_ == "nsubj" for c in tok.children)))
            # "welcomed the summit", "received the proposal": a thing received is no meeting
            and not any(c.dep_ == "dobj" and not is_actor(c, persons) for c in tok.children)
        ):
            a, b = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
            if (
                has_place_arg(tok, venue=True)
                or any(a <= d.start < b and d.day for d in all_dates)
                or lemma in ("convene", "gather")
            ):
                typ, verb = "meeting", True
    if typ is None:
        return None
    if verb and tok.dep_ == "xcomp" and lemma_of(tok.head) in _WISH_VERBS:
        return None  # "Wang invited Wong to visit Beijing": an invitation, not a scheduled visit
    if (
        tok.tag_ == "VBG"
        and verb
        and tok.dep_ in ("pcomp", "advcl", "xcomp", "acl")
        and lemma_of(tok) != "gather"
        and not (typ == "other" and tok.dep_ == "advcl")  # "..., signing a joint declaration in Asmara"
        # "will fly to Hobart before travelling on to Fiji": the next stop of the trip
        and not (typ == "visit" and tok.dep_ == "pcomp" and tok.head.lower_ == "before")
    ):
        return None
    if negated(tok) or hypothetical(tok) or cancelled(tok):
        return None
    s, e = tok.idx, tok.idx + len(tok.text)
    mm = Mention(typ, s, e, sent.start_char, sent.end_char)
    fill(ctx, mm, sent, persons, all_dates, tok, verb=verb)
    # "agreed to meet again", "will meet again": a later event ("met again over dinner" is the same day's)
    mm.again = verb and tok.tag_ == "VB" and any(c.dep_ == "advmod" and c.lower_ == "again" for c in tok.children)
    mm.another = verb and any(c.dep_ == "advmod" and c.lower_ in ("also", "separately") for c in tok.children)
    if verb and typ == "meeting" and not mm.persons and _the_two(tok):
        # "Sanchez urged Xi to ... when the two met in Beijing": the last two people named before
        told = sorted(
            (
                (max(a for a, _ in p.mentions if sent.start_char <= a < tok.idx), p)
                for p in actors.people_in(persons, sent.start_char, tok.idx)
            ),
            key=lambda x: x[0],
        )
        if len(told) >= 2:
            mm.persons = [p for _, p in told[-2:]]
            mm.codes = list(dict.fromkeys([*mm.codes, *(p.code for p in mm.persons if p.code)]))
    if low == "round" and not mm.codes:
        mm.collective = True  # "the next round": the same parties as the story's talks
    if typ == "other" and verb and lemma_of(tok) == "exchange":
        ratified = next((_ratified_document(o) for o in tok.children if o.dep_ in ("dobj", "nsubjpass")), None)
        mm.phrase = "exchange of instruments of ratification" + (f" of the {ratified}" if ratified else "")
    elif typ == "other" and verb:
        signed = _signed_document(tok)
        mm.phrase = f"signing of the {signed}" if signed else "signing ceremony"
    if typ == "meeting" and verb and lemma_of(tok) == "meet" and (body := body_subject(tok)) is not None:
        mm.phrase = f"{body} meeting"
        mm.strong = mm.strong or bool(mm.city or mm.country_code or (mm.date and mm.date.day))
    if low == "ceremony":
        of = next((g for c in tok.children if c.lower_ == "signing" for g in c.children if g.dep_ == "prep"), None)
        signings = (s for c in tok.children if c.dep_ == "prep" for s in c.children if s.lower_ == "signing")
        of = of or next((g for s in signings for g in s.children), None)  # "the ceremony for the signing of ..."
        signed = _signed_document(of) if of is not None and of.lower_ == "of" else None
        mm.phrase = f"signing of the {signed}" if signed else "signing ceremony"
    if low in ("exchange", "swap"):
        mm.phrase = "prisoner exchange"
    if low in NATIONWIDE:
        mm.phrase = low
        if not (mm.city or mm.country_code) and len(mm.codes) == 1:
            mm.country_code = mm.codes[0]  # "Venezuela held a referendum": across Venezuela
    if verb:
        mm.strong = bool(mm.codes or mm.persons) and (typ != "visit" or bool(mm.city or mm.country_code))
        if typ == "other":  # a signing is an event when the story says when or where
            mm.strong = mm.strong and bool(mm.city or mm.country_code or mm.venue or (mm.date and mm.date.day))
        if not mm.strong and typ != "visit" and collective_subject(tok):
            # "the leaders will meet again in Kampala next week"
            mm.collective = True
            mm.strong = bool(
                mm.city or mm.country_code or mm.venue or (mm.date and (mm.date.day or mm.date.precision == "month"))
            )  # "they first met virtually in March last year"
    else:
        dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
        mm.anaphoric = (
            bool(dets)
            and dets[0] in ("the", "this", "that", "its", "their", "his", "her")
            and not _specific(tok)  # "the 18th summit of SAARC" names one, it does not point back
            and not _first_held(tok)
        )
        specific = bool(
            mm.city or mm.country_code or mm.venue or (mm.date and mm.date.precision in ("day", "week", "month"))
        )
        mm.strong = specific and (tok.lower_ not in ("meetings", "consultations") or bool(mm.date))
        if low in ("call", "calls") and occurs(tok) and not mm.anaphoric and mm.persons and mm.codes:
            mm.strong = True  # "Blinken held phone calls with the ministers of Egypt and Qatar"
        if low in ("talks", "negotiations") and (mm.codes or occurs(tok)) and not mm.anaphoric:
            mm.strong = mm.strong or bool(mm.codes and (mm.city or mm.country_code or mm.date))
            # "negotiations between Norway and Russia", "the Russia-China gas talks": two sides named with
            # the noun itself make a process of its own, dated or not
            a, b = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
            mm.strong = mm.strong or len(actors.codes_in_span(ctx, persons, a, b)) >= 2
        if low in ("talks", "meeting", "meetings") and not mm.anaphoric and tok.dep_ == "dobj" and occurs(tok):
            # "Biden held separate talks with Albanese and Sunak": named people of two countries met
            mm.strong = mm.strong or (len(mm.persons) >= 2 and len({p.code for p in mm.persons if p.code}) >= 2)
        if not mm.anaphoric and collective_subject(tok):
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
    if not verb and (_next_one(tok) or _prepared_for(tok)):
        # "the next round of talks", "the next summit in Brussels": a scheduled later event of its own
        mm.again, mm.anaphoric = True, False
        mm.collective = mm.collective or not mm.codes
        if mm.phrase and not mm.phrase.startswith("next"):
            mm.phrase = f"next {mm.phrase}"
        rnd = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
        if rnd is not None and rnd.lower_ == "round":
            mm.phrase = f"next round of {tok.lower_}"
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None) if tok.dep_ == "dobj" else None
        if subj is not None and subj.pos_ in ("NOUN", "PROPN") and lemma_of(tok.head) in ("hold", "host", "convene"):
            body = tok.doc[subj.left_edge.i : subj.right_edge.i + 1].text
            if len(body.split()) <= 5:  # "the Steering Committee will hold its next meeting in March"
                mm.phrase = f"next {tok.lower_} of {body}" if body.lower().startswith("the ") else mm.phrase
        if rnd is not None and rnd.lower_ == "round" and not (mm.city or mm.country_code):
            # "the next round of talks will take place in Geneva": the place hangs off the round's verb
            for c in rnd.head.children if rnd.dep_ in ("nsubj", "nsubjpass") else ():
                if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                    for g in c.children:
                        if g.dep_ == "pobj":
                            read_place(ctx, mm, g)
        # told with a place, a day or month, or a host of its own ("the next summit" alone is not enough)
        mm.strong = bool(mm.city or mm.country_code or mm.convenors or (mm.date and mm.date.precision != "year"))
    return mm


_NEXT = frozenset({"next", "upcoming"})


def _next_one(tok) -> bool:
    """ "the next summit", "the upcoming meeting", "the next round of talks" (the modifier sits on
    "round"); not "next year's summit", which is dated by its year."""
    mods = [c for c in tok.children if c.dep_ in ("amod", "det", "compound") and c.lower_ in _NEXT]
    if not mods and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "round":
        mods = [c for c in tok.head.head.children if c.dep_ in ("amod", "det") and c.lower_ in _NEXT]
    return bool(mods)


def _prepared_for(tok) -> bool:
    """ "agreed to speed up preparations for a leaders' summit", "plans for a summit": one still
    to come, not the meeting that made the plans."""
    return (
        tok.dep_ == "pobj"
        and tok.head.lower_ == "for"
        and tok.head.head.pos_ == "NOUN"
        and tok.head.head.lemma_.lower() in ("preparation", "plan")
    )


def _first_held(tok) -> bool:
    """ "held his first phone call as president with X", "had their first meeting": one's first of a
    kind, held, is told for the first time, not pointed back to."""
    return (
        tok.dep_ == "dobj"
        and lemma_of(tok.head) in ("hold", "have")
        and any(c.dep_ == "poss" for c in tok.children)
        and any(c.dep_ == "amod" and c.lower_ == "first" for c in tok.children)
    )


def _specific(tok) -> bool:
    """An ordinal ("the 18th summit") or an "of <Name>" complement ("the summit of the South Asian
    Association") makes a definite event noun a first mention, not a pointer back."""
    back = any(  # "the 38th meeting of the commission": the commission already told, and so its meeting
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(
            g.dep_ == "pobj" and g.pos_ == "NOUN" and any(d.lower_ == "the" for d in g.children) for g in c.children
        )
        for c in tok.children
    )
    for c in tok.children:
        if c.ent_type_ == "ORDINAL" and c.i < tok.i and c.lower_ not in ("first", "next", "last") and not back:
            return True
        named = any(
            g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_ in ("ORG", "GPE", "NORP")) for g in c.children
        )
        if c.dep_ == "prep" and c.lower_ == "of" and c.i > tok.i and named:
            return True
    return False


_SIGNED = frozenset(
    {
        "agreement",
        "accord",
        "deal",
        "declaration",
        "treaty",
        "memorandum",
        "pact",
        "armistice",
        "ceasefire",
        "document",
        "protocol",
        "convention",
        "charter",
        "communique",
        "communiqué",
        "roadmap",
    }
)


_GENERIC_DOCUMENTS = frozenset({"text", "document", "documents", "deal", "agreement", "it", "them"})


def _signed_document(tok) -> str | None:
    """The name of what was signed ("signed the Black Sea Grain Initiative", "signing of a comprehensive peace
    agreement"): the object's head with its modifiers, without its article; None for a bare "the deal"."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "pobj")), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    mods = [t for t in obj.subtree if t.i <= obj.i and t.dep_ in ("compound", "amod", "nmod", "npadvmod", "nummod")]
    mods = [t for t in mods if t.head.i <= obj.i and t.i >= obj.left_edge.i]
    if not mods and obj.lower_ in _GENERIC_DOCUMENTS:
        return None
    start = min([t.i for t in mods] + [obj.i])
    words = obj.doc[start : obj.i + 1]
    if any(t.dep_ in ("det", "poss") or t.is_punct for t in words) or len(words) > 7:
        return None
    if len(words) == 1 and obj.lower_ in _GENERIC_DOCUMENTS:
        return None
    if all(t.lower_ in ("identical", "same", "new", "final", "joint") or t.lower_ in _GENERIC_DOCUMENTS for t in words):
        return None  # "an identical text": the same one as before, nothing to name
    return words.text


def _ratified_document(instruments) -> str | None:
    """ "the instruments of ratification of the 1974 Land Boundary Agreement": the treaty's name."""
    for t in instruments.subtree:
        if t.dep_ == "prep" and t.lower_ == "of" and t.head.lemma_.lower() in ("ratification", "accession"):
            return _signed_document(t)
    return None


def _signed_between_parties(ctx: DocContext, tok, persons) -> bool:
    """ "X and Y signed a peace agreement", "X signed the accord with Y": a document between two sides,
    in the past (not "will sign", "refused to sign")."""
    if (tok.tag_ not in ("VBD", "VBN") and not (tok.tag_ == "VBG" and tok.dep_ == "advcl")) or any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "could") for c in tok.children
    ):
        return False
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if not any(
        o.lemma_.lower() in _SIGNED
        or any(g.lemma_.lower() in _SIGNED for g in o.subtree)
        or (o.pos_ == "PROPN" and o.ent_type_ not in ("PERSON", "GPE", "NORP"))  # "the Black Sea Grain Initiative"
        for o in objs
    ):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None and tok.dep_ == "advcl" and tok.tag_ == "VBG":
        # "The leaders of X and Y have declared peace, signing a joint declaration in Asmara"
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    sides = 0
    if subj is not None:  # "the foreign ministers of Greece and Albania signed"
        sides = sum(1 for t in subj.subtree if t.ent_type_ in ("GPE", "NORP", "PERSON") and t.dep_ in ("pobj", "conj"))
        a, b = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
        # "representatives of the Ethiopian government and the TPLF", "the two sides"
        sides = max(sides, len(actors.codes_in_span(ctx, persons, a, b)))
        if _collective_signers(subj):
            return True
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    if agent is not None:  # "the treaty was signed by X of Norway and his Russian counterpart, Y"
        a, b = agent.idx, agent.right_edge.idx + len(agent.right_edge.text)
        people = actors.people_in(persons, a, b)
        if len({p.code or p.name for p in people}) >= 2:
            return True
    return (
        sides >= 2
        or conj_actor_subject(tok, persons)
        or any(
            c.dep_ == "prep" and c.lower_ in ("with", "between") and prep_actor(c, persons)
            for c in (*tok.children, *(g for o in objs for g in o.children))  # "signed an agreement with X"
        )
    )


def _collective_signers(subj) -> bool:
    """ "The two sides signed", "The leaders of the four main parties signed": more than one signatory."""
    if subj.tag_ != "NNS":
        return False
    if subj.lower_ == "sides":
        return any(c.lower_ in ("two", "both") for c in subj.children)
    return subj.lower_ in ("leaders", "parties", "delegations")


def _the_two(tok) -> bool:
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lower_ in ("two", "pair") and any(c.lower_ == "the" for c in subj.children)
