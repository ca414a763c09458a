"""Commitments set out as a list: a lead-in that ends in a colon and commits its speakers, then one
paragraph per item.

    Over the next year, we will pursue criminal networks through the following actions:
    1. Expand our investment in public health institutions.
    2. Sign a memorandum of understanding to exchange information.

    To advance these interests, we commit to:
    working within our respective systems to establish robust guardrails;
    preventing the export of software to end-users who are likely to misuse it; and

Joint statements and fact sheets put their outcomes this way. Each item is one outcome of the
lead-in's subject (``agreements`` tells its parties and status).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.ingest import nlp
from app.ingest.extract.context import DocContext


@dataclass(frozen=True)
class ListItem:
    start: int  # the item, without its numbering and closing punctuation
    end: int
    subject: tuple[int, int]  # the lead-in's words before its cue: who commits
    colon: int  # where the lead-in ends


# the lead-in commits its subject to what follows
_LEAD_IN = re.compile(
    r"\b(?:commit(?:s|ted)?(?:\s+ourselves|\s+themselves)?\s+to|will|shall|agree[sd]?\s+(?:to|on)|"
    r"pledge[sd]?\s+to|resolve[sd]?\s+to|decided\s+to|intend\s+to|plan\s+to|"
    r"(?:the\s+)?following\s+(?:actions|steps|commitments|measures|priorities|areas|initiatives|deliverables))\b",
    re.I,
)
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.)]|\([a-z0-9]{1,3}\)|[a-z][.)]|[-•*–·▪])\s+")
_MAX_ITEMS = 30


def list_items(ctx: DocContext) -> list[ListItem]:
    """Items of the document's commitment lists."""
    text = ctx.text
    paras = _paragraphs(text, ctx.body_start)
    out: list[ListItem] = []
    i = 0
    while i < len(paras):
        a, b = paras[i]
        lead = text[a:b]
        last = _last_sentence(lead)
        cue = _LEAD_IN.search(last)
        if not lead.endswith(":") or cue is None:
            i += 1
            continue
        subject = (b - len(last), b - len(last) + cue.start())
        items: list[tuple[int, int]] = []
        j = i + 1
        while j < len(paras) and len(items) < _MAX_ITEMS and _is_item(ctx, *paras[j]):
            items.append(paras[j])
            j += 1
        for s, e in items:
            span = _item_span(text, s, e)
            if span is not None:
                out.append(ListItem(span[0], span[1], subject, b - 1))
        i = j if items else i + 1
    return out


def _paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for line in text[start:].split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return out


def _last_sentence(lead: str) -> str:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z])", lead)
    return parts[-1]


def _is_item(ctx: DocContext, s: int, e: int) -> bool:
    """A list item: a fragment that goes on the lead-in's sentence, numbered or not. It opens in lower
    case ("working within our respective systems ...;") or with a verb's bare or -ing form ("Expand our
    investment ...", "1. Strengthen ..."). A whole sentence with its own subject is no item: the
    sentence rules read it."""
    line = ctx.text[s:e]
    if len(line.split()) < 3 or len(line) > 800:
        return False
    m = _NUMBERED.match(line)
    if m:
        s += m.end()
        line = line[m.end() :]
    if line[:1].islower():
        return True
    span = ctx.doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return False
    first = span[0]
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in first.sent.root.children):
        return False  # "Beginning in 2023, the personnel will embed ...": a sentence of its own
    if first.tag_ in ("VB", "VBG") and first.pos_ == "VERB":
        return True
    # a capitalised verb opening a paragraph is often tagged as a name ("Protect our people by ..."):
    # read the words again as what the lead-in says "we will" do
    words = line.split()
    if not words[0].isalpha() or not words[1][:1].islower() or first.ent_type_:
        return False
    again = nlp.parse("We will " + words[0].lower() + " " + " ".join(words[1:8]))
    return len(again) > 2 and again[2].tag_ == "VB"


def _item_span(text: str, s: int, e: int) -> tuple[int, int] | None:
    m = _NUMBERED.match(text[s:e])
    if m:
        s += m.end()
    tail = re.search(r"(?:[;,.]\s*(?:and|or)?|\s+(?:and|or))\s*$", text[s:e])
    if tail:
        e = s + tail.start()
    return (s, e) if len(text[s:e].split()) >= 3 else None
