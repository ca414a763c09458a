"""What the lede and its dateline say of the story's event (its day, its place, its parties), and
which mentions are side events "on the sidelines of" another."""

from __future__ import annotations

import re

from spacy.tokens import Span

from app.ingest.extract import actors, dates, places
from app.ingest.extract.context import DocContext
from app.ingest.extract.cues import cue_lemma
from app.ingest.extract.events.attributes import ended_on
from app.ingest.extract.events.location import described_city
from app.ingest.extract.events.mention import NATIONWIDE, Mention

_HERE_RE = re.compile(r"\bhere\b")


_SIDELINES_RE = re.compile(r"\b(?:on|at)\s+the\s+(?:margins|sidelines?)\s+of\s+", re.I)


_BARE_SIDELINES_RE = re.compile(r"\b(?:on|at)\s+the\s+(?:margins|sidelines?)\b(?!\s+of\b)", re.I)


def mark_sidelines(ctx: DocContext, mentions: list[Mention]) -> None:
    """A mention outside the "on the sidelines of <event>" phrase of its sentence is a side event."""
    text = ctx.text
    for m in mentions:
        if m.from_title or m.type in ("summit", "conference"):
            continue  # "..., and spoke at the G7 summit in Hiroshima": a summit is nobody's side event
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


def opening_sentences(ctx: DocContext, n: int = 3) -> list[Span]:
    """The body's first ``n`` sentences (a subtitle may come before the dateline)."""
    return [s for s in ctx.sents if s.start_char >= ctx.body_start - 1][:n]


def dateline(ctx: DocContext) -> tuple[Span | None, int, str | None, str | None]:
    """The sentence a wire dateline opens ("GENEVA, May 14 (Reuters) - ..."), where the dateline ends,
    and its city and country code; ``(None, -1, None, None)`` without one."""
    for s in opening_sentences(ctx):
        end = places.dateline_end(ctx.text, s.start_char)
        if end > s.start_char:
            city, code = places.dateline_place(ctx.text, s.start_char)
            return s, end, city, code
    return None, -1, None, None


def lede_defaults(
    ctx: DocContext, mentions: list[Mention], all_dates: list[dates.DateMention], persons: list[actors.Person]
) -> None:
    """Wire ledes: "GENEVA, May 14 (Reuters) - Negotiators ended talks on Wednesday ..., after a meeting".

    An event noun of the first body sentence without its own date takes the sentence's one day; an
    event of the lede (or one said to be "here") without a place, reported as just held, is in the
    dateline's city. An event of the lede or the sentence after it that names no one is held by the
    countries the lede names ("X and his Y counterpart signed a deal ... The deal, reached after talks").
    """
    text = ctx.text
    body = opening_sentences(ctx)
    lede, dl, city, code = dateline(ctx)
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
    lede_days = _lede_days(ctx, lede, dl, all_dates) if lede is not None else {}
    _headline_event(ctx, mentions, lede, after_lede, lede_days, city, code)
    for m in mentions:
        if m.from_title:
            continue
        # "held separate talks with X and Y": each partner's talks are the story's first event
        is_first = first_body is not None and m.start == first_body.start
        in_lede = lede is not None and m.sent_start == lede.start_char
        if (in_lede or m.sent_start == after_lede) and not m.codes and not m.persons and len(lede_codes) >= 2:
            m.codes = list(lede_codes)
        host_event = bool(re.search(r"(?:margins|sidelines)\s+of\s+(?:the\s+)?$", text[max(0, m.start - 40) : m.start]))
        # the story's first event, told just after a lede that names no event ("The leaders ... on
        # Sunday signed a convention. [They] put their names to it at a summit in Aktau")
        first_after = is_first and m.sent_start == after_lede and not m.again
        if (in_lede or first_after) and m.date is None and not m.official and not host_event and not m.again:
            days = {k: d for k, d in lede_days.items() if not (d.start <= m.start < d.end)}
            if len(days) == 1:
                m.date = next(iter(days.values()))
                if m.lasted_days and m.date.day and not m.date.end_date:
                    m.date = ended_on(m.date, m.lasted_days)
                m.strong = m.strong or not m.anaphoric  # the lede's own event, now dated
        if not (city or code) or m.type == "call" or m.city or m.phrase in NATIONWIDE or m.again:
            continue  # a later event ("preparations for a summit") is not where the story was filed
        if m.country_code and (m.country_code != code or not city):
            continue  # "in Fiji's capital" under "SUVA, Fiji": the dateline names the city
        here = bool(_HERE_RE.search(text, m.sent_start, m.sent_end))
        recent = m.date is None or (m.date.day is not None and pub is not None and -7 <= (m.date.day - pub).days <= 1)
        # the story's first event, told in its opening sentences, happened where the dateline says
        first = is_first and m.sent_start in opening and not m.country_code and not host_event
        if here or ((in_lede or first) and recent):
            m.city, m.country_code, m.dateline_place = city, code, True
            m.strong = m.strong or (in_lede and not m.anaphoric) or (first and bool(m.codes or m.persons))


def _lede_days(ctx: DocContext, lede: Span, dl: int, all_dates: list[dates.DateMention]) -> dict:
    """The days the lede's own clauses name (not the day something was said)."""
    return {
        d.day: d
        for d in all_dates
        if max(lede.start_char, dl) <= d.start < lede.end_char and d.day and not _date_of_saying(ctx, d)
    }


_HEADLINE_KINDS = frozenset({"summit", "meeting", "talks", "conference", "visit"})


def _headline_event(
    ctx: DocContext,
    mentions: list[Mention],
    lede: Span | None,
    after_lede: int,
    lede_days: dict,
    city: str | None,
    code: str | None,
) -> None:
    """A feature's headline names the event ("... at the first inter-Korean summit in a decade") and its
    lede tells the scene, not the event ("At 9.30am yesterday, Kim walked across the line ..."): the
    headline's event is the story's, on the lede's one day, at its dateline or the place it describes."""
    if lede is None or len(lede_days) != 1:
        return
    told = [m for m in mentions if not m.from_title and m.sent_start in (lede.start_char, after_lede)]
    if any(m.strong for m in told):
        return  # the lede tells an event of its own
    head = next(
        (
            m
            for m in mentions
            if m.from_title and not m.strong and not m.again and m.type in _HEADLINE_KINDS and m.date is None
        ),
        None,
    )
    if head is None:
        return
    head.date = next(iter(lede_days.values()))
    head.strong, head.anaphoric = True, False
    if not (head.city or head.country_code):
        if city or code:
            head.city, head.country_code, head.dateline_place = city, code, True
        elif (found := described_city(ctx.text[lede.start_char : lede.end_char])) is not None:
            head.city, head.country_code = found
