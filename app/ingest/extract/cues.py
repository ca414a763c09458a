"""Reporting verbs ("said", "stressed", "called on") and what they report.

The lemmatizer is not in the pipeline, so verb forms are generated here from base forms.
"""

from __future__ import annotations

from spacy.tokens import Token

# Verbs that report speech or a stated position of one speaker. Deliberately not here:
# "agree", "announce", "sign", "pledge", "commit", "propose" (outcomes: agreements) and
# "discuss", "meet" (events).
REPORTING_VERBS: frozenset[str] = frozenset(
    {
        "say",
        "tell",
        "add",
        "stress",
        "warn",
        "accuse",
        "call",
        "urge",
        "reiterate",
        "note",
        "emphasize",
        "emphasise",
        "raise",
        "thank",
        "underscore",
        "underline",
        "affirm",
        "reaffirm",
        "express",
        "welcome",
        "highlight",
        "state",
        "declare",
        "explain",
        "insist",
        "argue",
        "claim",
        "assert",
        "acknowledge",
        "admit",
        "confirm",
        "deny",
        "suggest",
        "predict",
        "vow",
        "promise",
        "praise",
        "commend",
        "condemn",
        "criticize",
        "criticise",
        "denounce",
        "applaud",
        "congratulate",
        "recognize",
        "recognise",
        "ask",
        "demand",
        "appeal",
        "recall",
        "voice",
        "convey",
        "caution",
        "tweet",
        "write",
        "post",
        "reply",
        "respond",
        "comment",
        "observe",
        "point",
        "make",
        "describe",
        "signal",
        "indicate",
        "repeat",
        "reassert",
        "restate",
        "complain",
        "lament",
        "regret",
        "hail",
        "blame",
        "question",
        "inform",
        "assure",
        "reassure",
        "remind",
        "mention",
        "threaten",
        "outline",
        "reinforce",
    }
)

# Verbs that judge a thing or an event rather than report words about it: "welcomed the agreement",
# "condemned the strikes". Statements and events each add the verbs of their own concern.
JUDGING_VERBS: frozenset[str] = frozenset(
    {"welcome", "condemn", "denounce", "criticise", "criticize", "describe", "hail", "praise", "applaud", "slam"}
)
# Phrasal cues: the particle that must follow, and whether the particle belongs to the cue.
PHRASAL: dict[str, frozenset[str]] = {
    "call": frozenset({"on", "for", "upon"}),
    "point": frozenset({"out"}),
    "make": frozenset({"clear"}),
    "appeal": frozenset({"to", "for"}),
}


# Outcome verbs that also report a stated position when a clause follows: "announced that India
# would launch a satellite", "pledged that Iran would honor its commitments" (with an object,
# "announced 2 billion euros of aid", they state an outcome only: an agreement, not a statement).
CLAUSE_REPORTING_VERBS: frozenset[str] = frozenset({"announce", "pledge"})


def cue_lemma(tok: Token) -> str | None:
    """The reporting verb's base form if ``tok`` is one used as a verb, else None."""
    if not tok.tag_.startswith("VB"):
        return None
    base = tok.lemma_.lower()
    if base in CLAUSE_REPORTING_VERBS:
        that = any(
            c.dep_ == "ccomp" and c.i > tok.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in tok.children
        )
        return base if that else None
    if base not in REPORTING_VERBS:
        return None
    if base in PHRASAL and not any(c.text.lower() in PHRASAL[base] for c in tok.children if c.i > tok.i):
        return None
    if base == "welcome" and tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children):
        return None
    if base == "welcome" and any(_is_guest(c) for c in tok.children if c.dep_ == "dobj"):
        return None  # "welcomed 2,000 refugees", "welcomed President X to Paris": hosting, not saying
    return base


_GUESTS = frozenset(
    {"refugees", "migrants", "guests", "visitors", "delegation", "delegations", "leaders", "leader", "students"}
)


def _is_guest(obj: Token) -> bool:
    return (
        obj.ent_type_ == "PERSON"
        or obj.text.lower() in _GUESTS
        or any(c.dep_ == "nummod" for c in obj.children)
        or any(c.dep_ == "prep" and c.text.lower() == "to" for c in obj.head.children)
    )


def particle(tok: Token) -> Token | None:
    """The particle of a phrasal cue ("on" of "called on")."""
    base = tok.lemma_.lower()
    if base not in PHRASAL:
        return None
    for c in tok.children:
        if c.i > tok.i and c.text.lower() in PHRASAL[base]:
            return c
    return None


def ratification_instruments(verb) -> bool:
    """ "exchanged the instruments of ratification": the object of the exchange seals a treaty."""
    return any(
        c.dep_ in ("dobj", "nsubjpass")
        and c.lemma_.lower() == "instrument"
        and any(g.lemma_.lower() in ("ratification", "accession") for g in c.subtree)
        for c in verb.children
    )
