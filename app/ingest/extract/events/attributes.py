"""Filling a mention from its sentence: place and venue, date, convenors, participants and the
descriptive phrase ("US-led talks", "Franco-British delegation visit")."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from app.ingest.extract import actors, dates, gazetteer, places, world_cities
from app.ingest.extract.context import DocContext
from app.ingest.extract.cues import JUDGING_VERBS
from app.ingest.extract.events.location import (
    PLACE_NOUNS,
    described_city,
    described_place,
    looks_like_place,
    read_place,
)
from app.ingest.extract.events.mention import KEEP_MOD, NOUN_TYPES, ORDINAL, TYPE_WORD, VISIT_VERBS, Mention
from app.ingest.extract.events.syntax import ATTEND_VERBS, lemma_of

_END_VERBS = {"end", "conclude", "wrap", "close", "finish", "wind"}


_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


# verbs whose subject or object is the event's actor or the event itself: "held talks", "talks resumed"
_EVENT_VERBS = ATTEND_VERBS | {"have", "resume"}
# verbs that judge or report an event from elsewhere: their place is the speaker's, not the event's
_JUDGING_VERBS = JUDGING_VERBS | {
    "call", "dismiss", "reject", "support", "back", "celebrate", "watch", "follow", "laud", "mock", "greet",
    "endorse", "question",
}  # fmt: skip


def fill(ctx: DocContext, mm: Mention, sent, persons, all_dates, tok, verb: bool = False) -> None:
    text = ctx.text
    mm.spans.append((mm.start, mm.end))
    anchor = tok
    scope = [tok] if tok is not None else []
    # "The summit was preceded on Sunday by bilateral meetings": the verb's day and place are the other event's
    before_other = (
        tok is not None
        and not verb
        and tok.dep_ in ("nsubj", "nsubjpass")
        and lemma_of(tok.head) in ("precede", "follow")
    )
    if (
        tok is not None
        and not verb
        and tok.head.pos_ in ("VERB", "AUX")
        and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
        and lemma_of(tok.head) not in _JUDGING_VERBS  # "In Tokyo, Abe welcomed the summit": where he spoke
        and not before_other
    ):
        scope.append(tok.head)  # "held a Summit ... in Woodside"; "talks ended"
    via = None  # "arrived in Kyiv on Tuesday on an unannounced visit": the verb the noun completes
    if (
        tok is not None
        and not verb
        and tok.dep_ == "pobj"
        and tok.head.lower_ in ("on", "for")
        and tok.head.head.pos_ == "VERB"
        # "arrived in Kyiv on a visit", "is due to depart on Wednesday for a ten-day trip"
        and lemma_of(tok.head.head) in VISIT_VERBS | {"depart", "leave", "embark", "set"}
    ):
        via = tok.head.head
        scope.append(via)
    if tok is not None and not verb:
        scope.extend(c for c in tok.children if c.dep_ in ("acl", "relcl"))  # "the summit held in Paris"
        # "a meeting between X and Y, hosted by Z in Antalya on March 10": the parser may hang the
        # participle on the last name, but hosting is said of the meeting
        scope.extend(
            t
            for t in tok.subtree
            if t.dep_ == "acl" and t.head is not tok and t.tag_ == "VBN" and lemma_of(t) in _HOSTING
        )
        # "the summit of the Quad grouping, which Biden hosted in Wilmington": one hosts the summit
        scope.extend(
            r
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
            for r in g.children
            if r.dep_ == "relcl" and lemma_of(r) in _HOSTING
        )
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
                if g.lower_ in PLACE_NOUNS and not mm.city:
                    # "hosted by X in the Turkish resort of Antalya": the place the noun describes
                    found = described_city(text[c.idx : g.right_edge.idx + len(g.right_edge.text)])
                    if found is not None:
                        mm.city, mm.country_code = found
                        continue
                if g.pos_ == "NOUN" and g.text.islower() and not mm.city and t is not tok and _took_place(tok):
                    # "took place at an airport in Abu Dhabi": the town the building is in
                    g = next(
                        (
                            w
                            for p in g.children
                            if p.dep_ == "prep" and p.lower_ == "in"
                            for w in p.children
                            if w.dep_ == "pobj" and w.ent_type_ == "GPE"
                        ),
                        g,
                    )
                read_place(ctx, mm, g)
    if tok is not None and not verb and not (mm.city or mm.country_code) and tok.dep_ == "pobj":
        _place_before_for(ctx, mm, tok)
    # "summit in Paris" where the parser attaches "in" to the noun's noun
    if anchor is not None and not mm.city and not mm.country_code:
        # "summit in Paris", also past an "of" or "between" complement: "a summit of the Mercosur trade bloc
        # in Argentina", "a summit between CELAC and the European Union in Brussels"
        m = re.match(
            r"(?:\s+(?:of\s+(?:the\s+)?(?:[\w'’-]+\s+){1,5}?|between\s+(?:the\s+)?(?:[\w'’-]+\s+){1,7}?))?"
            r"\s*(?:in|to)\s+((?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)",
            text[mm.end : sent.end_char],
        )
        if m:
            city, code = places.resolve_place(m.group(1), text[mm.end + m.end() : mm.end + m.end() + 30])
            if code or (city and looks_like_place(ctx, city)):
                mm.city, mm.country_code = city, code
    if verb and tok is not None and lemma_of(tok) in ("welcome", "receive") and not (mm.city or mm.venue):
        # "welcomed X, Y and their delegation to the White House": wherever the parser hung the "to"
        for t in tok.subtree:
            if t.dep_ in ("prep", "dative") and t.lower_ == "to" and t.i > tok.i and not mm.city and not mm.venue:
                for g in t.children:
                    if g.dep_ == "pobj" and (g.ent_type_ in ("GPE", "FAC", "ORG") or g.text[:1].isupper()):
                        read_place(ctx, mm, g)
    if verb and tok is not None and not mm.city and not mm.country_code:
        # "met X in Canberra on Wednesday": "in" hangs off the object
        heads = [tok, *(c for c in tok.children if c.dep_ in ("dobj",))]
        heads += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
        # "with A, B, and C in Malta", the parser hanging C on A or on the verb itself
        heads += [k for h in heads[1:] for k in h.conjuncts if k.i > h.i]
        heads += [c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]
        for h in heads[1:]:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                    for g in c.children:
                        if g.dep_ != "pobj" or mm.city:
                            continue
                        if g.ent_type_ in ("GPE", "FAC") or (c.lower_ == "at" and g.text[:1].isupper()):
                            read_place(ctx, mm, g)
    if not mm.city and not mm.country_code:
        # "on the margins of the U.S.-Africa Leaders Summit in Washington": the host event's place
        mg = re.search(r"\b(?:on|at)\s+the\s+(?:margins|sidelines)\s+of\s+", text[sent.start_char : sent.end_char])
        if mg:
            rest = text[sent.start_char + mg.end() : sent.end_char]
            m3 = re.search(r"\bin\s+((?:the\s+)?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*)", rest[:120])
            if m3:
                tail = rest[m3.end() : m3.end() + 30]
                city, code = places.resolve_place(m3.group(1), tail)
                if code or (city and looks_like_place(ctx, city)):
                    mm.city, mm.country_code = city, code
                    mm.inherited_place = True
    if verb and tok is not None and mm.type == "other" and not mm.city and not mm.country_code:
        for t in tok.subtree:  # "signed the protocols on a ceasefire in Naivasha": deeper in the clause
            if t.i > tok.i and t.dep_ == "pobj" and t.head.lower_ in ("in", "at") and t.ent_type_ == "GPE":
                read_place(ctx, mm, t)
                break
    if verb and tok is not None and mm.type == "visit" and not mm.city and not mm.country_code:
        for c in tok.children:  # "is scheduled to visit Chile in May"
            if c.dep_ == "dobj" and c.ent_type_ in ("GPE", "LOC"):
                read_place(ctx, mm, c)
    if not verb and tok is not None and not mm.city and not mm.country_code:
        for c in tok.children:  # "Geneva border talks", "the New Delhi summit": a known city as modifier
            # (the tagger may call it an organisation: "the 2009 Copenhagen climate summit")
            if c.dep_ == "compound" and c.i < tok.i and (c.ent_type_ in ("GPE", "ORG") or c.pos_ == "PROPN"):
                words = [t for t in c.subtree if t.dep_ == "compound" or t is c]
                name = c.doc[words[0].i : c.i + 1].text if words[-1] is c else c.text
                if gazetteer.lookup_city(name) or (c.ent_type_ == "GPE" and world_cities.lookup(name)):
                    mm.city, mm.country_code = places.resolve_place(name)
                    break
    if tok is not None and not mm.city and not mm.country_code:
        holder = tok if verb else tok.head
        where = holder.dep_ == "relcl" and any(c.lower_ == "where" and c.dep_ == "advmod" for c in holder.children)
        if where and holder.head.ent_type_ == "GPE":  # "a trip that began in Moscow, where he held a summit"
            read_place(ctx, mm, holder.head)
    if not mm.city:
        described_place(ctx, mm, sent)
    if not mm.city and not mm.country_code and via is not None and via.i < tok.i:
        described_place(ctx, mm, sent, start=via.idx + len(via.text))
    if (verb or mm.type in ("summit", "meeting")) and not mm.city and not mm.country_code:
        m2 = re.search(r",\s+in\s+((?:the\s+)?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*)", text[mm.end : sent.end_char])
        if m2 and m2.start() < 160:
            tail = text[mm.end + m2.end() : mm.end + m2.end() + 30]
            city, code = places.resolve_place(m2.group(1), tail)
            if code or (city and looks_like_place(ctx, city)):
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
    # "who has chaired the talks since June 1996": when something began, not the event's date
    cands = [
        d
        for d in cands
        if not re.search(r"\b(?:since|until|till)\s+(?:early\s+|late\s+|mid-?)?$", text[max(0, d.start - 12) : d.start])
    ]
    if cands:
        sub = set()
        for t in scope:
            sub.update(range(t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)))
            own_time = any(
                c.dep_ in ("npadvmod", "advmod") and c.lemma_.lower() in ("year", "month", "week", "day", "later")
                for c in t.children
            ) or any(  # "and Modi visited China the following year", "and a meeting will be hosted on Aug. 4"
                t.left_edge.idx <= d.start < t.right_edge.idx + len(t.right_edge.text) for d in cands
            )
            if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX") and not own_time:
                # "received Lula on Monday ..., and the two leaders held talks": the first verb's when
                for c in t.head.children:
                    if c.dep_ in ("prep", "npadvmod") and c.i < t.i:
                        sub.update(range(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)))
        inside = [d for d in cands if d.start in sub]
        if not inside and tok is not None and (head := _when_clause(tok)) is not None:
            # "The breakthrough came on 13 July, when the delegations met": the day the clause hangs on
            lo, hi = head.left_edge.idx, tok.left_edge.idx
            inside = [d for d in cands if lo <= d.start < hi and d.day]
        if not verb and tok is not None:
            # "their April 2, 2024, telephone call": a date written right before the noun
            inside += [
                d
                for d in cands
                if 0 <= tok.left_edge.idx - d.end <= 20
                and tok.left_edge.lower_ not in ("the", "a", "an", "this", "that", "its", "their", "his", "her")
                and re.fullmatch(_PRE_NOUN_GAP, text[d.end : tok.left_edge.idx])
            ]
        # (a date near the noun of "The summit was preceded on Sunday by ..." is the other event's too)
        pool = inside or (
            [d for d in cands if abs(d.start - mm.end) < 25 or _PLACE_THEN_DAY.fullmatch(text, mm.end, d.start)]
            if not (verb or before_other)
            else []
        )
        if pool:
            # the nearest day, before a coarser span ("this year's Climate Summit on April 22")
            mm.date = min(pool, key=lambda d: (d.day is None, abs(d.start - mm.start)))
    if mm.date is None and tok is not None and not verb:
        for c in tok.children:  # "the 2009 Copenhagen climate summit": its year
            if c.dep_ == "nummod" and c.i < tok.i and re.fullmatch(r"(?:19|20)\d\d", c.text):
                mm.date = dates.DateMention.year(c.idx, c.text)
    if tok is not None and not verb and tok.dep_ == "nsubj" and lemma_of(tok.head) in _END_VERBS:
        mm.lasted_days = _days_in_sentence(ctx.text[sent.start_char : sent.end_char])
    if mm.date is not None and mm.date.day and not mm.date.end_date and tok is not None and not verb:
        mm.date = _first_day(ctx, tok, mm.date)
        if mm.date.date == mm.date.day and mm.lasted_days:
            mm.date = ended_on(mm.date, mm.lasted_days)
        elif (
            mm.date.date == mm.date.day
            and tok.dep_ == "nsubj"
            and lemma_of(tok.head) in _END_VERBS
            # "A meeting ..., hosted by X on March 10, ended without agreement": the noun's own date stays
            and not (tok.left_edge.idx <= mm.date.start < tok.right_edge.idx)
        ):
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
    if tok is not None and not verb and tok.dep_ == "dobj" and lemma_of(tok.head) in ("host", "convene", "chair"):
        subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
        if subj and not mm.convenors:
            a, b = subj[0].left_edge.idx, subj[0].right_edge.idx + len(subj[0].right_edge.text)
            ps = actors.people_in(persons, a, b)
            mm.convenors = [f"person:{p.name}" for p in ps] or actors.codes_in_span(ctx, persons, a, b, capitals=True)
            hit = gazetteer.lookup_city(subj[0].text) if subj[0].ent_type_ == "GPE" else None
            if hit and not mm.city and not mm.country_code:
                mm.city, mm.country_code = hit[0], hit[1].code  # the host city: "Cairo would host a meeting"
            elif not mm.city and not mm.country_code and (host := _named_country(text[a:b])) is not None:
                mm.country_code = host  # the host country: "The United Arab Emirates will host COP28"
    if tok is not None and tok.pos_ == "VERB" and lemma_of(tok) == "host":
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if subj:
            a, b = subj[0].left_edge.idx, subj[0].right_edge.idx + len(subj[0].right_edge.text)
            ps = actors.people_in(persons, a, b)
            mm.convenors = [f"person:{p.name}" for p in ps] or actors.codes_in_span(ctx, persons, a, b)
    # participants: the trigger's phrase, its verb's subject and objects ("with X", "between X and Y")
    spans: list[tuple[int, int]] = []
    if tok is not None:
        # a noun's own modifiers ("US-led talks"); a verb's left side is its subject and adjuncts
        # ("After an audience with the Pope, Biden met Parolin"), read from its subject below
        spans.append((tok.idx if verb else tok.left_edge.idx, tok.idx + len(tok.text)))
        verb_tok = (
            tok
            if verb
            else (
                tok.head
                if tok.head.pos_ in ("VERB", "AUX")
                and lemma_of(tok.head) in _EVENT_VERBS
                and tok.dep_ in ("dobj", "nsubj", "nsubjpass")
                else None
            )
        )
        if verb_tok is None and via is not None:
            verb_tok = via
        if (
            verb_tok is not None
            and (
                verb_tok.dep_ == "conj"
                or (verb_tok.dep_ == "advcl" and verb_tok.tag_ == "VBG")
                or (verb_tok.dep_ == "pcomp" and verb_tok.tag_ == "VBG" and verb_tok.head.lower_ == "before")
                # "X is honored to welcome Y": X welcomes
                or (verb_tok.dep_ == "xcomp" and lemma_of(verb_tok) in ("welcome", "receive", "host"))
            )
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb_tok.children)
        ):
            # "Modi made a stopover in Lahore and held talks with Sharif", "will fly to Hobart before
            # travelling on to Fiji": the first verb's subject
            first_verb = verb_tok.head.head if verb_tok.dep_ == "pcomp" else verb_tok.head
            spans.extend(
                (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
                for c in first_verb.children
                if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and verb_tok.dep_ == "xcomp")
            )
        if verb_tok is not None:
            for c in verb_tok.children:
                relative = c.lower_ in ("who", "which", "that") and verb_tok.dep_ == "relcl"
                if c.dep_ in ("nsubj", "nsubjpass") and relative:
                    h = verb_tok.head  # "President Moon, who met Kim": the relative clause's antecedent
                    spans.append((h.left_edge.idx, h.idx + len(h.text)))
                elif c.dep_ in ("nsubj", "nsubjpass", "dobj") and c is not tok:
                    spans.append((c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)))
                if (
                    (c.dep_ == "prep" and c.lower_ in ("with", "between", "among"))
                    or c.dep_ == "agent"
                    or (c.dep_ == "prep" and c.lower_ == "to" and mm.type == "call")  # "spoke to Netanyahu"
                ):
                    spans.append((c.idx, c.right_edge.idx + len(c.right_edge.text)))  # also "signed by X and Y"
                if c.dep_ in ("prep", "dobj") and mm.type == "visit" and c.lower_ in ("to",):
                    spans.append((c.idx, c.right_edge.idx + len(c.right_edge.text)))
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "between", "among", "of"):
                spans.append((c.idx, c.right_edge.idx + len(c.right_edge.text)))
        if (
            not verb
            and tok.dep_ == "pobj"
            and tok.head.lower_ in ("at", "during")
            and tok.head.head.pos_ == "VERB"
            and verb_tok is None
        ):
            # "Presidents Putin of Russia and Rouhani of Iran signed the document at a summit": its parties
            spans.extend(
                (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
                for c in tok.head.head.children
                if c.dep_ == "nsubj"
            )
    codes: list[str] = []
    ppl: list[actors.Person] = []
    for a, b in spans:
        for c in actors.codes_in_span(ctx, persons, a, b):
            if c not in codes:
                codes.append(c)
        for p in actors.people_in(persons, a, b):
            if p not in ppl:
                ppl.append(p)
    if tok is not None and mm.type != "visit":
        holder = tok if verb else (tok.head if tok.dep_ in ("dobj", "nsubjpass") else None)
        subj = next((c for c in holder.children if c.dep_ == "nsubj"), None) if holder is not None else None
        if subj is not None and subj.lower_ in ("he", "she"):
            prior = _nearest_person_before(persons, subj.idx)
            if prior is not None and prior not in ppl:  # "where he held a summit with Putin": the one just named
                ppl.insert(0, prior)
                if prior.code and prior.code not in codes:
                    codes.insert(0, prior.code)
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
            if subj and subj[0].tag_ in ("WP", "WDT") and vt.dep_ == "relcl":
                subj = [vt.head]  # "Kushner, who visited Doha": the relative clause's antecedent
            subj_span = (subj[0].left_edge.idx, subj[0].right_edge.idx + len(subj[0].right_edge.text)) if subj else None
        if subj and subj[0].lower_ in ("he", "she"):
            prior = _nearest_person_before(persons, subj[0].idx)
            if prior is not None:  # "He then flew to Tonga": the visitor last named
                mm.convenors = [f"person:{prior.name}"]
                if prior.code and prior.code not in mm.codes:
                    mm.codes.append(prior.code)
                if verb:
                    mm.phrase = f"{prior.surname} visit"
                subj_span = None
        if subj_span:
            ps = actors.people_in(persons, *subj_span)
            mm.convenors = [f"person:{p.name}" for p in ps] or [
                c for c in actors.codes_in_span(ctx, persons, *subj_span) if c != mm.country_code
            ]
            if verb and subj:
                mm.phrase = (_visitor(ctx, persons, subj[0]) + " visit").strip()
            if subj:
                a, b = subj[0].left_edge.idx, subj[0].right_edge.idx + len(subj[0].right_edge.text)
                for c in actors.codes_in_span(ctx, persons, a, b):
                    if c not in mm.codes:
                        mm.codes.append(c)
    if mm.phrase is None and tok is not None:
        mm.phrase = _np_phrase(tok) if not verb else TYPE_WORD[mm.type]
        if tok.lower_ == "round":
            mm.phrase = f"{mm.phrase} of talks"
        org = _of_organisation(ctx, persons, tok) if not verb else None
        body = _of_body(tok) if not verb and not org else None
        if body and not re.search(r"[A-Z]", mm.phrase):
            # "a meeting of the U.S.-Israel Strategic Consultative Group": that group's meeting
            mm.phrase = f"{body} {tok.lower_}"
            mm.phrase = (
                f"{tok.doc[tok.i - 1].lower_} {mm.phrase}"
                if _ORDINAL_WORD.match(tok.doc[tok.i - 1].lower_)
                else mm.phrase
            )
        if org and not re.search(r"[A-Z]", mm.phrase):
            # "a summit of the Mercosur trade bloc": a Mercosur summit; "the 18th summit of SAARC": 18th SAARC summit
            nth = _ORDINAL.match(mm.phrase.split()[0])
            mm.phrase = f"{nth.group(0)} {org} {mm.phrase.split(None, 1)[1]}" if nth else f"{org} {mm.phrase}"
        group = _group_holding(tok) if not verb and not org and not body else None
        if group and not re.search(r"[A-Z]", mm.phrase):
            mm.phrase = f"{group}' {mm.phrase}"  # "ASEAN foreign ministers held a video conference"


_HOSTING = frozenset({"host", "hold", "chair", "convene", "organise", "organize", "broker", "mediate"})
_GROUP_HEADS = frozenset(
    {"leaders", "ministers", "officials", "chiefs", "envoys", "negotiators", "delegates", "heads", "commanders"}
)


def _group_holding(tok) -> str | None:
    """The named group that held the event: "ASEAN foreign ministers held an informal video conference"
    -> "ASEAN foreign ministers" (a group named by a body or country, not "the two leaders")."""
    if tok.dep_ != "dobj" or lemma_of(tok.head) not in ("hold", "have", "convene", "stage"):
        return None
    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ not in _GROUP_HEADS:
        return None
    words = [t for t in subj.subtree if t.i <= subj.i and t.dep_ not in ("det", "predet", "nummod")]
    if len(words) < 2 or len(words) > 5 or words[0].lower_ in ("two", "both", "all", "their", "his", "her"):
        return None  # "the two leaders" name no group; "military commanders", "ASEAN foreign ministers" do
    group = subj.doc[words[0].i : subj.i + 1].text
    if words[0].is_sent_start and words[0].pos_ != "PROPN":
        group = group[:1].lower() + group[1:]  # "Military commanders ... will hold": not a name
    return group


def _of_organisation(ctx: DocContext, persons, tok) -> str | None:
    """The organisation an event noun is "of": "a summit of the Mercosur trade bloc" -> "Mercosur"."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            a, b = c.idx, c.right_edge.idx + len(c.right_edge.text)
            for code in actors.codes_in_span(ctx, persons, a, b):
                place = gazetteer.country(code)
                if place is not None and place.kind == "organisation":
                    return actors.short_name(code)
    return None


_BODY_HEADS = frozenset(
    {"Group", "Committee", "Council", "Commission", "Board", "Forum", "Dialogue", "Mechanism", "Assembly", "Force"}
)
_ORDINAL_WORD = re.compile(rf"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|{ORDINAL})$")


def body_subject(verb) -> str | None:
    """ "The U.S.-EU Task Force on Energy Security met in Washington": the named body that met."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.text not in _BODY_HEADS or subj.pos_ != "PROPN":
        return None
    doc = verb.doc
    start = subj.left_edge.i + (doc[subj.left_edge.i].lower_ == "the")
    tail = doc[subj.i + 1 : subj.right_edge.i + 1]
    named_tail = all(
        t.text[:1].isupper() or not t.is_alpha or t.lower_ in ("on", "for", "of", "the", "and") for t in tail
    )
    name = doc[start : (subj.right_edge.i if named_tail else subj.i) + 1].text
    return name if len(name.split()) >= 2 else None


def _of_body(tok) -> str | None:
    """The named body a meeting or session is "of": "the fourth meeting of the Trilateral Fentanyl
    Committee" -> "Trilateral Fentanyl Committee"."""
    if tok.lower_ not in ("meeting", "session", "meetings", "sessions"):
        return None
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ != "of" or c.i != tok.i + 1:
            continue
        obj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if obj is None or obj.text not in _BODY_HEADS:
            return None
        words = [t for t in tok.doc[c.i + 1 : obj.i + 1] if t.lower_ != "the"]
        if 2 <= len(words) <= 8 and all(t.text[:1].isupper() or t.text in ("-", "–") for t in words if t.is_alpha):
            return tok.doc[words[0].i : obj.i + 1].text
    return None


_CITY_COUNTRY_RE = re.compile(r"\b(?:in|at)\s+([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})(?=,\s*[A-Z])")


_N = r"(two|three|four|five|six|seven|\d)"
_N_DAY = re.compile(rf"\b{_N}[- ]day\b", re.I)  # "a three-day summit"
_N_DAYS_OF = re.compile(rf"\b{_N}\s+days\s+of\s+(?:[a-z-]+\s+)?$")  # "two days of talks"


def _when_clause(tok):
    """The phrase a "when" clause of the trigger hangs on ("on 13 July, when they met": "July"), if any."""
    clause = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if clause.dep_ not in ("relcl", "advcl") or not any(
        c.dep_ == "advmod" and c.lower_ == "when" and c.i < clause.i for c in clause.children
    ):
        return None
    return clause.head


def _day_count(m: re.Match[str] | None) -> int | None:
    """The number of days a matched "N-day" / "N days of" says, when it is 2 to 7."""
    if m is None:
        return None
    w = m.group(1).lower()
    n = int(w) if w.isdigit() else _NUMBER_WORDS[w]
    return n if 2 <= n <= 7 else None


def _days_in_sentence(text: str) -> int | None:
    return _day_count(_N_DAY.search(text))


# "their next summit in Vilnius, Lithuania, on July 11": the noun's place, then its day
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
_PLACE_THEN_DAY = re.compile(rf"\s+(?:in|at)\s+(?:the\s+)?{_NAME}(?:,\s+{_NAME})?,?\s+(?:on|from)\s+")


def ended_on(d: dates.DateMention, days: int) -> dates.DateMention:
    """The range of an event that lasted ``days`` and ended on ``d``."""
    assert d.day is not None
    return dataclasses.replace(d, date=d.day - dt.timedelta(days=days - 1), end_date=d.day)


def _first_day(ctx: DocContext, tok, d: dates.DateMention) -> dates.DateMention:
    """ "ended two days of talks on Wednesday", "wrapped up a three-day conference on Friday": the event
    began N-1 days before the day it ended."""
    pre = ctx.text[max(0, tok.left_edge.idx - 20) : tok.idx]
    n = _day_count(_N_DAY.search(pre) or _N_DAYS_OF.search(pre))
    if n is None or d.day is None:
        return d
    head = tok.head
    for _ in range(3):  # "ended two days of talks": talks <- of <- days <- ended
        if head.pos_ in ("VERB", "AUX") or head.head is head:
            break
        head = head.head
    return ended_on(d, n) if lemma_of(head) in _END_VERBS else d


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
    for t in sent:
        # "Moon, who met Kim at Panmunjom on April 27, hailed the Singapore meeting": the date is the
        # relative clause's meeting, not the noun's
        if t is tok or t.dep_ not in ("relcl", "advcl") or lemma_of(t) not in ("meet", "visit", "talk", "speak"):
            continue
        a, b = t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)
        if a <= pos < b and not (a <= tok.idx < b):
            return True
    return False


def _end_of_actor_list(window: str, i: int) -> int:
    m = re.search(r"\s+(?:at|in|on|followed|to|for|after|before)\s|[,.;](?!\s*(?:and\s+)?[A-Z])|$", window[i:])
    return i + (m.start() if m else len(window) - i)


def _nearest_person_before(persons, at: int, window: int = 600):
    """The person mentioned last before offset ``at`` (within ``window`` characters), for "he"/"she"."""
    best, best_end = None, -1
    for p in persons:
        for _, e in p.mentions:
            if e <= at and at - e <= window and e > best_end:
                best, best_end = p, e
    return best


def _visitor(ctx: DocContext, persons, subj) -> str:
    """Who visits, for the event's name: a person's surname, else the side ('Franco-British delegation')."""
    a, b = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
    ps = actors.people_in(persons, a, b)
    if ps:
        return " and ".join(p.surname for p in ps[:2])
    phrase = _np_phrase(subj, keep_all=True)
    if len(phrase.split()) <= 4 and re.search(r"[A-Z]", phrase):
        return phrase  # "Franco-British delegation"
    codes = actors.codes_in_span(ctx, persons, a, b)
    # "the two leaders", "the president": no name to give the visit
    named = "-".join(actors.short_name(c) for c in codes[:2])
    return named or (phrase if len(phrase.split()) <= 4 and re.search(r"delegation|mission", phrase) else "")


_GROUPS = {"seven": "G7", "eight": "G8", "twenty": "G20"}
_GROUP_OF = re.compile(r"\bGroup of (Seven|Eight|Twenty)\b", re.I)
_ORDINAL = re.compile(ORDINAL)


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
            if glued or t.pos_ == "PROPN" or t.lower_ in KEEP_MOD or t.ent_type_ in ("GPE", "NORP"):
                i -= 1
                continue
            if t.lower_ == "of" and i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i + 1].pos_ == "PROPN":
                i -= 1  # "a Group of Seven summit"
                continue
            if _ORDINAL.fullmatch(t.text):
                i -= 1  # "the 18th summit": the ordinal tells which one
            break
        if i + 1 < tok.i:
            return _GROUP_OF.sub(lambda m: _GROUPS[m.group(1).lower()], doc[i + 1 : tok.i].text_with_ws) + tok.lower_
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
        if keep_all or t.pos_ == "PROPN" or "-" in t.text or t.lower_ in KEEP_MOD or t.ent_type_ in ("GPE", "NORP"):
            words.append(t.text)
    return " ".join([*words, tok.text if keep_all else tok.lower_])


def _named_country(span: str) -> str | None:
    """The country a subject names outright ("Egypt", "the United Arab Emirates"), not a demonym,
    a capital or a person of that country."""
    place = gazetteer.lookup(re.sub(r"^the\s+", "", span.strip(), flags=re.I))
    return place.code if place is not None and place.kind == "country" and place.how in ("name", "alias") else None


def _took_place(tok) -> bool:
    """ "The swap took place at an airport in Abu Dhabi": the noun is what happened there."""
    return tok is not None and tok.dep_ == "nsubj" and lemma_of(tok.head) in ("take", "happen", "occur")


def _place_before_for(ctx: DocContext, mm: Mention, tok) -> None:
    """ "traveled to Lima for the APEC summit", "while in New Delhi for the G20 summit": the place one
    went to or was in for the event is the event's."""
    prep = tok.head
    if prep.lower_ != "for":
        return
    head = prep.head
    # the verb's own phrases, or its object's ("hosted a delegation at the White House ... for a meeting")
    near = [*head.children, *(g for o in head.children if o.dep_ == "dobj" for g in o.children)]
    for c in near:
        if c.dep_ != "prep" or c.i >= prep.i:
            continue
        # "in New Delhi", "to Quito", "at the White House"; "while in New Delhi" (its "in")
        inner = (
            [c] if c.lower_ in ("in", "to", "at") else [g for g in c.children if g.dep_ == "prep" and g.lower_ == "in"]
        )
        for p in inner:
            for g in p.children:
                if g.dep_ == "pobj" and not (mm.city or mm.country_code):
                    read_place(ctx, mm, g)
