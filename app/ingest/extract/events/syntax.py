"""Tests on the parse around a trigger token: is it negated, hypothetical or cancelled, does it occur
(held, attended), does its verb have an actor or a place as argument."""

from __future__ import annotations

from app.ingest.extract import actors, gazetteer, world_cities

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
    "men",
    "women",
    "governments",
    "commanders",
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


_CANCEL_VERBS = {"cancel", "scrap", "abandon", "scrub", "postpone", "shelve", "delay"}


def tok_at(sent, s: int, e: int):
    span = sent.doc.char_span(s, e, alignment_mode="expand")
    if span is not None and len(span):
        # tokens whose head lies outside the span; the parser may hang two of them on one
        # preposition ("At the North American Leaders ’ Summit": "Leaders" and "Summit"), and then
        # the head of an English name is its last word
        tops = [t for t in span if t.head is t or not (span.start <= t.head.i < span.end)]
        if len(tops) > 1 and all(t.head == tops[0].head for t in tops):
            return tops[-1]
        return span.root
    best = None
    for t in sent:
        if s <= t.idx < e:
            best = t
            if t.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "ROOT", "attr", "appos", "conj"):
                return t
    return best


def occurs(tok) -> bool:
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
    return lemma_of(head) in ATTEND_VERBS


def negated(tok) -> bool:
    if tok is None:
        return False
    for t in (tok, tok.head):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no",)) for c in t.children):
            return True
    return False


def lemma_of(tok) -> str:
    return tok.lemma_.lower() or tok.lower_


# Verbs whose object is an event that happens: "held talks", "attended the summit".
ATTEND_VERBS = frozenset(
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


def hypothetical(tok) -> bool:
    head = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in head.children):
            return True
        if head.head is head:
            break
        head = head.head
    return False


def is_actor(tok, persons) -> bool:
    if tok.ent_type_ in ("PERSON", "GPE", "NORP") or tok.lower_ in _ACTOR_WORDS:
        return True
    if not tok.text[:1].isupper():
        return False
    # a person of the story by surname, whatever the tagger made of it ("Kiir and Machar met")
    return bool(actors._codes_for(tok.text)) or any(tok.text == p.surname for p in persons)


def conj_actor_subject(tok, persons) -> bool:
    """Two or more actors joined in the subject: "Macron and Biden spoke", also when the parser
    hangs the names under a title ("President [appos Joe Biden] and [conj Angela Merkel]")."""
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj:
        return False
    heads, stack = [], [subj[0]]
    while stack:
        t = stack.pop()
        heads.append(t)
        # "members — Chile, Peru, Bolivia, and Ecuador —": the parser may hang a list item as npadvmod
        stack.extend(
            c for c in t.children if c.dep_ in ("conj", "appos") or (c.dep_ == "npadvmod" and t.dep_ == "appos")
        )
    conj = [t for t in heads if t.dep_ in ("conj", "npadvmod")]
    return any(is_actor(t, persons) for t in heads if t.dep_ != "conj") and any(is_actor(t, persons) for t in conj)


def prep_actor(prep, persons) -> bool:
    """'with Prime Minister Bennett', 'by phone': an actor or a telephone right after the preposition
    (the parser may hang the name under a following purpose clause)."""
    if any(is_actor(g, persons) or g.lower_ in ("phone", "telephone") for g in prep.children):
        return True
    doc = prep.doc
    for t in doc[prep.i + 1 : min(prep.i + 6, len(doc))]:
        if t.ent_type_ == "PERSON":
            return True
        if t.pos_ in ("VERB", "PUNCT") or t.is_sent_start:
            break
    return False


def collective_subject(tok) -> bool:
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
    if subj[0].lower_ in ("two", "three", "pair", "both") and (subj[0].lower_ == "both" or "the" in words):
        return True  # "when the two met in Beijing", "both met"
    return subj[0].lower_ in _COLLECTIVE_ACTORS or bool(words & {"two", "both"} and subj[0].lower_ in _ACTOR_WORDS)


def cancelled(tok) -> bool:
    """'talks ... were cancelled', 'called off the summit', 'the meeting did not take place'."""
    head = tok.head
    if tok.dep_ in ("nsubjpass", "dobj", "nsubj") and lemma_of(head) in _CANCEL_VERBS:
        return True
    if tok.dep_ == "dobj" and lemma_of(head) == "call" and any(c.lower_ == "off" for c in head.children):
        return True
    if tok.dep_ == "nsubjpass" and lemma_of(head) == "call" and any(c.lower_ == "off" for c in head.children):
        return True
    if tok.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "conj" and lemma_of(c) in _CANCEL_VERBS for c in head.children
    ):
        return True  # "Talks had been scheduled for October 8 but were postponed"
    # "the talks ... were cancelled": the noun may hang off a relative clause's head
    return bool(tok.dep_ == "nsubj" and lemma_of(head) == "take" and any(c.dep_ == "neg" for c in head.children))


def has_actor_arg(tok, persons) -> bool:
    # "Delegates agreed to meet again": the governing verb's subject
    if (
        tok.dep_ == "xcomp"
        and not any(c.dep_ == "nsubj" for c in tok.children)
        and any(c.dep_ == "nsubj" and is_actor(c, persons) for c in tok.head.children)
    ):
        return True
    for c in tok.children:
        if c.dep_ in ("nsubj", "dobj", "nsubjpass") and is_actor(c, persons):
            return True
        if c.dep_ == "prep" and c.lower_ == "with" and any(is_actor(g, persons) for g in c.children):
            return True
    return False


def _known_town(tok) -> bool:
    return tok.pos_ == "PROPN" and (
        gazetteer.lookup_city(tok.text) is not None or world_cities.lookup(tok.text) is not None
    )


def has_place_arg(tok, venue: bool = False) -> bool:
    preps = ("to", "in", "at") if venue else ("to", "in")
    kinds = ("GPE", "LOC", "FAC", "ORG") if venue else ("GPE", "LOC", "FAC")
    for c in tok.children:
        if c.dep_ == "dobj" and c.ent_type_ in ("GPE", "LOC", "FAC"):
            return True
        if c.dep_ in ("prep", "dative") and c.lower_ in preps and any(g.ent_type_ in kinds for g in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(_known_town(g) for g in c.children if g.dep_ == "pobj"):
            return True  # "fly to Hobart", the tagger calling the town a person
        if c.dep_ == "advmod" and c.lower_ in ("there",):
            return False
    return False
