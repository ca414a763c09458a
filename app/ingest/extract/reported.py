"""Reported speech from the dependency parse: the speaker token of a reporting verb and the
span of what it reports ("said (that) X", "reaffirmed X", "called on X to Y", "X, she said").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from app.ingest.extract.cues import JUDGING_VERBS, cue_lemma, particle

_SUBJ = {"nsubj", "nsubjpass"}
_CONTENT_DEPS = {"dobj", "dative", "prep", "xcomp", "attr", "oprd", "acomp", "ccomp", "pcomp", "obj", "advcl"}
_LEAD_JUNK = {"that", ",", ":", "—", "–", "-", '"', "“", "”", "'", "‘", "’"}
_TAIL_JUNK = {",", ".", ";", ":", "—", "–", "-", '"', "“", "”", "'", "‘", "’", "and", "but", "or", "(", "\n"}


# verbs whose object does the next verb ("prompted Ali to accuse"), unlike "urged X to say"
_CAUSATIVES = frozenset({"prompt", "lead", "spur", "cause", "force", "compel", "drive", "provoke", "move"})


_CONTACT_VERBS = frozenset({"speak", "meet", "call", "talk", "write", "visit", "travel", "telephone"})


def subject_of(verb: Token) -> Token | None:
    """The subject of a reporting verb, following conjunctions and participles upwards.

    "Reuters quoted him as saying" -> "him"; "responded by saying" -> the subject of
    "responded"; "and emphasized" -> the subject of the first verb.
    """
    tok = verb
    for _ in range(5):
        quoted = tok.text.lower().startswith("quot")
        if quoted:
            for c in tok.children:
                if c.dep_ == "dobj":
                    return c
        if (
            tok.dep_ == "pcomp"
            and tok.head.lower_ == "with"
            and tok.head.head.lemma_.lower() in _CONTACT_VERBS
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            # "met with Prime Minister X of Italy to affirm ...": the parser makes X the subject of
            # the purpose clause, but the one who met is the one who affirmed
            tok = tok.head.head
            continue
        for c in tok.children:
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and quoted):
                return c
            if c.dep_ == "nsubjpass":
                return None  # "Iran had been informed of the plan": told, not telling
        head = tok.head
        if head.i == tok.i:
            return _subject_of_left_clause(verb) if tok.i == verb.i else None
        if tok.dep_ == "xcomp" and head.lemma_.lower() in _CAUSATIVES:
            obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < tok.i), None)
            if obj is not None:
                return obj  # "..., prompting Ali to accuse Caracas": Ali accused
        if tok.dep_ == "conj" and head.dep_ == "ccomp" and cue_lemma(head) is None and cue_lemma(head.head):
            tok = head.head  # "reiterated that X must ..., and asked for ...": the outer speaker
            continue
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i < head.i:
            return None  # "Recognizing X, the President ...": background, not a statement
        if (
            tok.dep_ == "advcl"
            and tok.i > head.i
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            and head.lemma_.lower() in _CONTACT_VERBS
        ):
            tok = head  # "spoke today with the Amir to express his appreciation": the caller expressed it
            continue
        if tok.dep_ in {"conj", "xcomp"} or (tok.tag_ == "VBG" and tok.dep_ in {"advcl", "pcomp", "acl", "conj"}):
            tok = head
            if tok.pos_ == "ADP":  # "by saying", "as saying"
                tok = tok.head
            continue
        return None
    return None


def _subject_of_left_clause(verb: Token) -> Token | None:
    """ "The minister, Name, who co-chaired the meeting, said X": a mis-parse hangs the speaker on
    the relative clause as a clause of its own left of the verb; the verb itself reports a clause
    to its right. The left clause's subject at the sentence start is the speaker."""
    left = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    if not left or not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        return None
    subj = next((c for c in left[0].children if c.dep_ == "nsubj"), None)
    if subj is None or subj.left_edge.i != verb.sent.start:
        return None
    return subj


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].text.lower() in _LEAD_JUNK or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text.lower() in _TAIL_JUNK or doc[end - 1].is_space):
        end -= 1
    return start, end


def _cut_nested(doc: Doc, verb: Token, start: int, end: int) -> int:
    """End the content before another reporting clause inside it ("..., but he warned ...")."""
    for tok in doc[start + 1 : end]:
        if (
            tok.lower_ == "as"
            and tok.dep_ == "mark"
            and doc[tok.i - 1].text == ","
            and tok.i > start + 2
            and any(c.dep_ in _SUBJ for c in tok.head.children)
        ):
            return tok.i - 1  # "..., as a regional forum opened in Suva": the story's setting, not the report
        if tok.i == verb.i or cue_lemma(tok) is None:
            continue
        if any(c.dep_ in _SUBJ for c in tok.children) or tok.tag_ == "VBG" or tok.dep_ == "conj":
            cut = min(tok.left_edge.i, tok.i)
            if cut > start + 2 and doc[cut - 1].text in {",", ";", "and", "but"} | {"—"}:
                return cut
            if cut > start + 2 and doc[cut - 1].dep_ == "cc" and doc[cut - 2].text == ",":
                return cut - 1
    return end


_OCCASIONS = frozenset(
    {
        "conference",
        "meeting",
        "summit",
        "briefing",
        "interview",
        "ceremony",
        "rally",
        "session",
        "speech",
        "address",
        "talks",
        "event",
        "dinner",
        "forum",
        "gathering",
        "hearing",
        "signing",
    }
)


def _occasion(c: Token) -> bool:
    """ "at a joint news conference", "during the signing ceremony": the occasion, not what was said."""
    if c.dep_ != "prep" or c.lower_ not in {"at", "in", "during", "after", "before", "on", "following"}:
        return False
    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
    return obj is not None and obj.lemma_.lower() in _OCCASIONS


def content_of(verb: Token) -> tuple[int, int] | None:
    """Token span ``[start, end)`` of what ``verb`` reports, or None."""
    doc = verb.doc
    sent = verb.sent
    comp = [c for c in verb.children if c.dep_ == "ccomp" and c.text.lower() != "clear"]
    if any(c.i > verb.i for c in comp):
        comp = [c for c in comp if c.i > verb.i]  # a clause on each side: the left one is the speaker's
    if (
        verb.dep_ == "relcl"
        and not comp
        and any(c.dep_ in {"dobj", "nsubjpass"} and c.tag_ in {"WDT", "WP"} for c in verb.children)
    ):
        return None  # "a meeting that participants described as frank": the object is the antecedent
    if not comp:
        for c in verb.children:
            if c.text.lower() == "clear":
                comp = [g for g in c.children if g.dep_ == "ccomp"]
    if not comp:
        comp = _misattached_that(verb)
    if comp:
        # "noted that X "include ..., they belong to ..."": several clauses on one side are one report
        start, end = min(c.left_edge.i for c in comp), max(c.right_edge.i for c in comp) + 1
    else:
        part = particle(verb)
        rights = [
            c
            for c in verb.rights
            if (
                (c.dep_ in _CONTENT_DEPS and not (c.dep_ == "advcl" and (c.tag_ == "VBG" or cue_lemma(c))))
                or (
                    c.dep_ == "conj"
                    and cue_lemma(c) is None
                    and c.tag_ not in {"VBD", "VBN", "MD"}
                    and not any(g.dep_ in _SUBJ for g in c.children)
                )
            )
            and c.i < sent.end
        ]
        if rights and rights[0].dep_ == "prep" and any(cue_lemma(g) for g in rights[0].children if g.dep_ == "pcomp"):
            return None  # "responded by saying X": the statement is the inner verb's
        if part is not None and part.text.lower() == "clear":
            rights = [c for c in rights if c is not part]
        # "..., Anwar said, after talks in the capital": an adjunct set off by a comma is not what was said
        rights = [c for c in rights if not (c.dep_ in {"prep", "advcl"} and doc[c.left_edge.i - 1].text == ",")]
        # "said through an interpreter", "said via a spokesman": how it was said
        rights = [c for c in rights if not (c.dep_ == "prep" and c.text.lower() in {"through", "via"})]
        # "told a joint news conference", "told Reuters": who heard it; "said at a briefing": where
        if verb.lemma_.lower() == "tell":
            rights = [c for c in rights if c.dep_ not in {"dobj", "dative"}]
        rights = [c for c in rights if not _occasion(c)]
        if not rights:
            return _left_content(verb)
        start = rights[0].left_edge.i
        end = max(c.right_edge.i for c in rights) + 1
        if part is not None and start <= part.i:
            start = part.i + 1
    start = max(start, sent.start)
    end = min(end, sent.end)
    if doc[start : start + 3].text.lower() == "not to be":
        return None  # "asked not to be named": the anonymity formula, not a statement
    end = _cut_nested(doc, verb, start, end)
    start, end = _trim(doc, start, end)
    if end - start < 2:
        return None
    if all(t.ent_type_ in {"DATE", "TIME"} or t.is_punct for t in doc[start:end]):
        return None  # "spoke April 13": a day, not something said
    if _no_statement(verb, doc[start:end]):
        return None
    return start, end


# verbs that judge a thing: with a bare short object they name it, they do not report speech
_JUDGING = JUDGING_VERBS | {"repeat", "mention", "recognise", "recognize", "observe"}


def _no_statement(verb: Token, content) -> bool:
    """ "wrote on Twitter", "insisted on signatures" (only a phrase of place or manner); "welcomed the
    agreement", "condemned the strikes" (a judgement on a thing named, not words reported); "declined to
    say what was discussed" (a refusal to speak)."""
    if content[0].lower_ in ("himself", "herself", "itself", "themselves"):
        return True  # "declared himself head of a new government": a title taken, not words reported
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in content)
    if not has_verb and content[0].dep_ == "prep" and content[0].head.i == verb.i:
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decline", "refuse"):
        return True
    words = [t for t in content if not t.is_punct]
    return (
        verb.lemma_.lower() in _JUDGING
        and not has_verb
        and len(words) <= 4
        and not any(t.lower_ == "as" for t in content)
    )


def _misattached_that(verb: Token) -> list[Token]:
    """ "said ahead of the summit that he hoped ...": the small model hangs the "that" clause
    on the noun of a preceding prepositional phrase as a relative clause."""
    for tok in verb.doc[verb.i + 1 : min(verb.sent.end, verb.i + 12)]:
        if tok.text.lower() != "that":
            continue
        if any(c.dep_ == "dobj" and c.i < tok.i for c in verb.children):
            return []
        clause = tok.head if tok.dep_ in {"dobj", "mark", "nsubj"} else None
        if clause is None or clause.dep_ != "relcl" or clause.head.dep_ != "pobj":
            return []
        if verb.i in {clause.head.head.head.i, clause.head.head.head.head.i}:
            return [clause]
        return []
    return []


def _left_content(verb: Token) -> tuple[int, int] | None:
    """'X, Macron said.' parsed with "said" under X: the words before the subject."""
    doc = verb.doc
    sent = verb.sent
    subj = subject_of(verb)
    if subj is None or subj.i < sent.start:
        return None
    cut = subj.left_edge.i
    if cut - 1 <= sent.start or doc[cut - 1].text not in {",", "”", '"'}:
        return None
    if verb.dep_ not in {"ccomp", "parataxis", "advcl", "conj", "ROOT"}:
        return None
    start, end = _trim(doc, sent.start, cut)
    if end - start < 3 or not any(t.pos_ in {"VERB", "AUX"} for t in doc[start:end]):
        return None  # "In a later briefing, the spokesman said:" is a setting, not what was said
    return start, end
