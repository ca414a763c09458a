"""Agreements and outcomes: what was agreed, proposed, announced or rejected, and by whom.

A pass over the parsed tokens finds cue verbs and nouns:

* agreed: agree (to/that/on), reach/sign/conclude/strike an agreement/deal, achieve, commit,
  "jointly launched"; and, with a joint subject ("the two leaders", "they", "both sides",
  "X and Y"), welcome / affirm / encourage / resume
* proposed: propose, offer, request, "willing to sign", "persuade X to agree to", "the proposed
  X", "draft agreement(s)"
* announced: announce, pledge, launch (one party), "would head to"
* rejected: refuse, reject, cancel, boycott, "pull out of", "decline to"

The text is the cue's clause (its subject, the verb and its complements), trimmed of leading
adverbial clauses, reporting frames and trailing ", including ..." elaborations. Parties are
the countries/organisations of the subject; a collective subject ("the leaders", "they",
"both sides", "the summit") takes the participants of the event in that sentence or the
document's main event.
"""

from __future__ import annotations

import re

from app.ingest.extract import action_lists, actors, cues, places
from app.ingest.extract.context import DocContext
from app.ingest.extract.records import (
    ActorRef,
    AgreementRecord,
    AgreementStatus,
    EventRecord,
    PersonRecord,
)
from app.ingest.extract.titles import is_title_head

STRONG_AGREED = {"agree"}
DEAL_VERBS = {
    "reach",
    "initial",
    "initialle",
    "sign",
    "conclude",
    "strike",
    "achieve",
    "finalize",
    "finalise",
    "seal",
    "adopt",
    "pass",  # "the board passed a resolution"
    "endorse",
    "approve",
    "ratify",
}
DEAL_NOUNS = {
    "agreement",
    "agreements",
    "deal",
    "accord",
    "treaty",
    "memorandum",
    "ceasefire",
    "truce",
    "understanding",
    "declaration",
    "pact",
    "framework",
    "arrangement",
    "deals",
    "resolution",
    "communique",
    "communiqué",
    "charter",
    "roadmap",
    "protocol",
    "convention",
    "settlement",
}
JOINT_AGREED = {
    "welcome",
    "affirm",
    "encourage",
    "resume",
    "reaffirm",
    "underscore",
    "confirm",
    "reiterate",
    "recommit",
}
# jointly restating, which is a joint position only for a commitment, a need or a "that" clause
# ("underscored their commitment to", "recommitted to deepening"; not "reaffirmed the relationship")
_RESTATE = frozenset({"affirm", "reaffirm", "underscore", "confirm", "reiterate", "recommit"})
_RESTATED = frozenset(
    {"need", "commitment", "commitments", "pledge", "determination", "resolve", "support", "goal", "aim"}
)
PROPOSED = {"propose", "offer", "request", "invite"}
ANNOUNCED = {"announce", "pledge", "launch", "unveil", "promise"}
# things a party says it will do: "X will host / contribute / send ..." is an announced plan
PLAN_VERBS = {
    "host", "hold", "meet", "contribute", "add", "provide", "give", "co-chair", "chair", "send", "deploy",
    "donate", "allocate", "head", "travel", "visit", "open", "establish", "create", "fund", "supply",
    "deliver", "lift", "release", "return", "withdraw", "resume", "extend", "convene", "join", "restore",
    "put", "publish", "submit", "launch", "begin", "start", "reopen",
}  # fmt: skip
_TALK_NOUNS = frozenset(
    {
        "discussions",
        "discussion",
        "progress",
        "talks",
        "conversations",
        "conversation",
        "dialogue",
        "efforts",
        "engagement",
    }
)
# phrasal plans: "will set up a headquarters", "will pull out its troops"
_PLAN_PHRASALS = {"set": "up", "pull": "out", "phase": "out"}
# what a body adopts that is a text of its own: "adopted a new Strategic Concept", "adopted three documents"
_ADOPTED_TEXTS = frozenset(
    {
        "document", "documents", "text", "texts", "plan", "strategy", "programme", "program", "package",
        "principles", "statement", "agenda", "concept", "measures", "rules", "guidelines", "roadmap", "road",
        "mechanism", "code", "blueprint", "pact", "framework", "declaration", "conclusions", "amendment",
        "amendments", "proposal", "proposals", "recommendations",
    }
)  # fmt: skip
# what is rejected in a denial, not a refusal of a deal
_WORDS_NOT_DEALS = frozenset(
    {
        "criticism", "criticisms", "accusation", "accusations", "allegation", "allegations", "claim", "claims",
        "suggestion", "suggestions", "charge", "charges", "report", "reports", "notion", "characterization",
        "characterisation", "comparison", "comparisons", "assertion", "assertions", "speculation",
    }
)  # fmt: skip
_EVENT_WORDS = frozenset({"trip", "visit", "meeting", "summit", "talks", "tour", "call", "conference", "date"})
# "due to be signed next week", "scheduled to sign", "set to sign": a signing already fixed
_FIXED_AHEAD = frozenset({"due", "scheduled", "set"})
_OFFERS = frozenset({"help", "assist", "mediate", "negotiate", "talk", "discuss", "consider", "facilitate"})
_FUTURE_AUX = frozenset({"will", "would", "'ll", "shall"})
RESOLVE_VERBS = {"decide", "commit", "intend", "resolve", "undertake"}
# what one "offers" without proposing anything
_NOT_OFFERS = frozenset(
    {"verdict", "vision", "visions", "chance", "answer", "answers", "glimmer", "hope", "view", "views", "assessment",
     "explanation", "nothing", "apology", "apologies", "thanks", "praise", "condolences", "insight", "opinion",
     "perspective", "account", "reassurance", "reassurances", "words", "comment", "comments", "warning", "glimpse",
     "prayers", "sympathy", "congratulations", "details", "clues", "hint"}
)  # fmt: skip
# what a party says it "will not" do to a deal: a refusal
_REFUSABLE = frozenset({"sign", "accept", "ratify", "endorse", "support", "back", "approve", "renegotiate", "reopen"})
REJECTED = {"refuse", "reject", "cancel", "boycott", "decline", "block", "veto"}
# what a party blocks when it refuses: a text or a step put to it ("blocked the resolution")
_BLOCKABLE = frozenset(
    {"resolution", "proposal", "plan", "bid", "motion", "draft", "text", "statement", "declaration", "membership",
     "invitation", "accession", "move", "measure", "package", "sanctions", "decision", "consensus", "communique",
     "nomination"}
)  # fmt: skip
# joint plans: "we plan to convene a forum", "they will work to reduce emissions"
JOINT_PLANS = {"plan", "work", "build", "pledge", "vow"}
DIRECTIVES = {"direct", "instruct", "task", "mandate", "charge"}
_COLLECTIVE = re.compile(
    r"^(?:the\s+)?(?:two\s+|both\s+|three\s+|four\s+|five\s+|six\s+|seven\s+|eight\s+|nine\s+|ten\s+|\d+\s+)?"
    r"(?!united\s)(?:[a-z][\w-]*ing\s+)?"  # "the four boycotting states", "the negotiating parties"
    r"(?:leaders|sides|presidents|parties|countries|nations|governments|states|powers|partners|"
    r"delegations|delegates|negotiators|ministers|summit|meeting|conference|allies|they|we|both|participants|"
    r"members|signatories)\b",
    re.I,
)
# bodies and meetings whose future sittings are scheduled outcomes
_SCHEDULED_BODIES = frozenset(
    {
        "commission", "committee", "council", "secretary", "official", "minister", "delegation", "envoy",
        "negotiator", "team", "round", "talk", "talks", "meeting", "summit", "session", "conference",
    }
)  # fmt: skip
_TRIM_AT = re.compile(
    r",\s+(?:in parallel with|particularly|such as|which|while|"
    # a comment on the outcome's consequence: ", raising cautious hopes of ..."
    r"raising|prompting|sparking|paving the way|marking|bringing|capping|drawing|ending)\b"
)


def find_agreements(ctx: DocContext, people: list[PersonRecord], events: list[EventRecord]) -> list[AgreementRecord]:
    try:
        return _find(ctx, people, events)
    except Exception:
        return []


def _lemma(tok) -> str:
    return tok.lemma_.lower() or tok.lower_


def _find(ctx: DocContext, people: list[PersonRecord], events: list[EventRecord]) -> list[AgreementRecord]:
    persons = actors.doc_people(ctx, people)
    out: list[AgreementRecord] = []
    taken: list[tuple[int, int]] = []
    floor = places.dateline_end(ctx.text, ctx.body_start)
    principals = _principals(ctx, persons, events)
    # the sentence before told a deal's terms: "stated" in so many words, or "followed" on from them
    terms_before: str | None = None
    prev_end = 0
    for sent in ctx.sents:
        if sent.end_char <= ctx.body_start:
            continue
        # terms go on past a paragraph break only right after the deal's own words
        go_on = terms_before == "stated" or (
            terms_before == "followed" and "\n" not in ctx.text[prev_end : sent.start_char]
        )
        terms_here: str | None = None
        for tok in ctx.tokens[sent.start : sent.end]:
            stated = _is_term(tok)
            hit = ("agreed", tok) if stated else _classify_cue(tok)
            followed = False
            if hit is None and go_on and tok.i == sent.root.i and (nxt := _next_term(sent)) is not None:
                hit, followed = ("agreed", nxt), True
            if hit is None:
                continue
            status, root = hit
            if stated:
                terms_here = "stated"
            elif followed and terms_here is None:
                terms_here = "followed"
            span = _antecedent_clause(root, floor) or _clause(root, tok, ctx.text, floor)
            if span is None:
                continue
            s, e = span
            if any(a <= s and e <= b for a, b in taken):
                continue
            text = ctx.text[s:e]
            if len(text.split()) < 3:
                continue
            parties = _parties(ctx, persons, events, root, tok, s, e, principals)
            # an announced/launched act by two parties jointly is agreed
            if status == "announced" and len(parties) >= 2 and re.search(r"\bjointly\b", text):
                status = "agreed"
            out = [a for a in out if not (s <= a.start and a.end <= e)]
            taken = [(a, b) for a, b in taken if not (s <= a and b <= e)]
            taken.append((s, e))
            out.append(AgreementRecord(text=text, status=status, start=s, end=e, parties=parties))
        terms_before, prev_end = terms_here, sent.end_char
    out = _with_list_items(ctx, persons, out, principals)
    out.sort(key=lambda a: a.start)
    return out


def _with_list_items(
    ctx: DocContext, persons, out: list[AgreementRecord], principals: list[str]
) -> list[AgreementRecord]:
    """Each item of a commitment list ("... through the following actions:" then "1. Expand ...") is an
    outcome of the lead-in's subject (the issuers for "we"), agreed when two or more commit; it replaces
    what the sentence rules read inside it."""
    for item in action_lists.list_items(ctx):
        s, e = item.start, item.end
        if any(a.start <= s and e <= a.end for a in out):
            continue
        a, b = item.subject
        codes = actors.codes_in_span(ctx, persons, a, b, capitals=True)
        if not codes or re.search(r"\b(?:we|our)\b", ctx.text[a:b], re.I):
            codes = list(principals) or codes
        parties = [r for c in codes if (r := actors.country_ref(c)) is not None]
        # two or more parties commit together; one side lists its own plans
        status: AgreementStatus = "agreed" if len(parties) >= 2 else "announced"
        # what the rules read inside the item, and the lead-in cut at its colon ("the government commits to")
        out = [x for x in out if not (s <= x.start and x.end <= e) and not (0 <= item.colon - x.end <= 1)]
        out.append(AgreementRecord(text=ctx.text[s:e], status=status, start=s, end=e, parties=parties))
    return out


_STEPS = frozenset(
    {"ceasefire", "truce", "negotiations", "talks", "dialogue", "lifting", "release", "resumption",
     "withdrawal", "exchange", "referendum", "elections", "election", "summit", "conference", "inquiry",
     "investigation", "moratorium"}
)  # fmt: skip


# "established diplomatic relations", "restored ties with Beijing": relations made, agreed by both
_TIES_MADE = frozenset({"establish", "restore", "normalise", "normalize", "re-establish", "reestablish", "resume"})


def _ties_made(tok) -> bool:
    if _lemma(tok) not in _TIES_MADE or tok.pos_ != "VERB" or _negated(tok) or _in_question(tok):
        return False
    if tok.tag_ != "VBD" and not (
        tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in tok.children)
    ):
        return False  # "agreed to restore relations" is the agreement; "will restore" a plan
    if any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "after", "since", "before") for c in tok.children):
        return False
    subj = _subject(tok)
    return (
        subj is not None
        and (subj.ent_type_ in ("GPE", "ORG", "NORP") or subj.pos_ == "PROPN")
        and any(c.dep_ == "dobj" and _lemma(c) in ("relation", "tie") for c in tok.children)
    )


def _proposal_tabled(tok) -> bool:
    """ "put a substantial proposal on the table", "put forward a plan": a proposal made."""
    return (
        _lemma(tok) == "put"
        and tok.tag_ in ("VBD", "VBN", "VBZ", "VBP")
        and not _negated(tok)
        and any(c.dep_ == "dobj" and _lemma(c) in ("proposal", "offer", "plan", "initiative") for c in tok.children)
        and any(
            (c.dep_ == "prt" and c.lower_ == "forward")
            or (c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ == "table" for g in c.children))
            for c in tok.children
        )
    )


# what one declines to do that refuses nothing: "declined to say", "refused to call it a failure"
_NO_COMMENT = frozenset(
    {"say", "comment", "elaborate", "give", "answer", "speak", "discuss", "predict", "speculate", "confirm",
     "disclose", "specify", "name", "call", "characterise", "characterize", "describe", "detail", "identify",
     "estimate", "guess"}
)  # fmt: skip


# what an announcement only tells: the deal or its result is the outcome, not its announcement
_TOLD_OUTCOMES = frozenset({"deal", "result", "outcome", "breakthrough", "agreement", "accord", "news", "expansion"})


_REQUESTS = frozenset({"request", "offer", "proposal", "invitation", "plan", "bid", "demand", "appeal", "call"})


def _about_someone(tok) -> bool:
    """A refusal told in a relative clause about a person or a government ("X, who had refused ...",
    "whose government has declined ..."): a description, not an outcome of the story."""
    clause = tok
    if clause.dep_ == "xcomp":
        clause = clause.head
    if clause.dep_ != "relcl":
        return False
    return any(
        (c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "who")
        or (c.dep_ in ("nsubj", "nsubjpass") and any(g.lower_ == "whose" for g in c.children))
        for c in clause.children
    )


def _only_if(tok) -> bool:
    """ "could refuse ... if the two countries failed": a refusal on a condition."""
    modal = any(c.dep_ == "aux" and c.lower_ in ("could", "might", "may", "would") for c in tok.children)
    cond = any(t.dep_ == "mark" and t.lower_ in ("if", "unless") and t.head.dep_ == "advcl" for t in tok.subtree)
    return modal and cond


def _in_force(tok) -> bool:
    """ "The ceasefire took effect", "the treaty entered into force": a deal named as the subject."""
    lem = _lemma(tok)
    if tok.tag_ not in ("VBD", "VBN") or any(c.dep_ == "aux" for c in tok.children):
        return False  # "will take effect in January": a term of the deal, not its coming into force
    took = lem == "take" and any(c.dep_ == "dobj" and c.lower_ == "effect" for c in tok.children)
    entered = lem in ("enter", "come") and any(
        c.dep_ == "prep" and c.lower_ == "into" and any(g.lower_ == "force" for g in c.children) for c in tok.children
    )
    return (took or entered) and any(c.dep_ in ("nsubj", "nsubjpass") and _names_a_deal(c) for c in tok.children)


def _calls_for_a_step(tok) -> bool:
    """ "called for a humanitarian ceasefire", "called for the lifting of sanctions": a step proposed
    (not "welcomed X and called for Y", one outcome)."""
    return (
        tok.dep_ != "conj"
        and any(
            c.dep_ == "prep"
            and c.lower_ == "for"
            and c.i == tok.i + 1
            and any(
                g.dep_ == "pobj"
                # "cease-fire" is three tokens, the last one "fire"
                and (g.lower_ in _STEPS or _names_a_deal(g) or g.doc[g.i - 2 : g.i + 1].text == "cease-fire")
                for g in c.children
            )
            for c in tok.children
        )
    )


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _joint_subject(tok) -> bool:
    subj = _subject(tok)
    if subj is None:
        return False
    if any(
        c.dep_ == "conj" and any(g.dep_ == "poss" and g.lower_ in ("his", "her") for g in c.children)
        for c in subj.children
    ):
        return False  # "Secretary Rubio and his team": one side
    text = subj.doc[subj.left_edge.i : subj.right_edge.i + 1].text
    if _COLLECTIVE.match(text):
        return True
    return any(c.dep_ == "conj" for c in subj.subtree)


def _future_plan(tok) -> bool:
    """A main-clause verb in the future with an actor subject: not a condition, a purpose or a relative."""
    if tok.dep_ not in ("ROOT", "ccomp", "conj") or _negated(tok):
        return False
    if not any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in tok.children):
        return False
    for c in (tok, *(c for c in tok.children if c.dep_ == "advcl")):  # "If talks fail, Brazil would send ..."
        if any(m.dep_ == "mark" and m.lower_ in ("if", "unless", "whether") for m in c.children):
            return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None and tok.lemma_.lower() in ("hold", "host", "convene"):
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)  # "the next round would be held"
    if subj is None:
        text = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if text is not None and (_names_a_deal(text) or text.lower_ in _ADOPTED_TEXTS):
            return True  # "the full text of the agreement would be published in the coming weeks"
    if subj is None and tok.dep_ == "conj":  # "Russia takes over the chair and will host next year's summit"
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in ("this", "that", "which", "there", "what", "who"):
        return False
    if subj.lower_ == "it":  # "Japan said it would withdraw the complaint": only as a reported body
        return tok.dep_ == "ccomp" and tok.head.lemma_.lower() in ("say", "announce", "confirm", "state")
    return (
        subj.pos_ in ("PROPN", "PRON")
        or subj.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
        or subj.lemma_.lower() in _SCHEDULED_BODIES  # "The commission will hold its first session"
        or bool(_COLLECTIVE.match(subj.doc[subj.left_edge.i : subj.i + 1].text))
        or bool(_COLLECTIVE.match(subj.text))  # "NATO leaders", "the foreign ministers of X and Y"
    )


def _with_party(tok) -> bool:
    """ "signed ... with Akar and Guterres": a party named after "with"."""
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    return any(
        c.dep_ == "prep" and c.lower_ == "with" and any(g.text[:1].isupper() or g.ent_type_ for g in c.children)
        for c in (*tok.children, *(g for o in objs for g in o.children))  # "signed [a text with X]"
    )


def _plan_verb(tok) -> bool:
    """A verb of a plan: "host", "send", "set up", or "move to" one of them ("would move to restore
    relations")."""
    lem = _lemma(tok)
    if lem in PLAN_VERBS:
        return True
    if lem in _PLAN_PHRASALS:
        return any(c.dep_ == "prt" and c.lower_ == _PLAN_PHRASALS[lem] for c in tok.children)
    if lem == "move":
        return any(c.dep_ in ("xcomp", "advcl") and c.i > tok.i and _lemma(c) in PLAN_VERBS for c in tok.children)
    return False


_NOT_DEEDS = frozenset(
    {
        "be",
        "have",
        "face",
        "need",
        "remain",
        "see",
        "find",
        "struggle",
        "want",
        "hope",
        "say",
        "meet",
        "discuss",
        "talk",
    }
)


# measures a government or a bloc takes against another: announced when taken
_MEASURES = frozenset({"impose", "suspend", "freeze", "order", "expel", "sever", "close", "recall"})
_BODIES = frozenset({"leader", "bloc", "government", "minister", "council", "union", "alliance", "administration"})


def _measure_taken(tok) -> bool:
    """ "ECOWAS imposed a no-fly zone", "The leaders ordered the closure of the borders": a measure taken."""
    if _lemma(tok) not in _MEASURES or tok.pos_ != "VERB" or _negated(tok) or _in_question(tok):
        return False
    if tok.tag_ != "VBD" and not (
        tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in tok.children)
    ):
        return False
    if not any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and c.ent_type_ != "PERSON" for c in tok.children):
        return False  # "the court suspended Prime Minister X": a ruling on a person, not a measure
    if any(
        c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "after", "since", "as", "because") for c in tok.children
    ):
        return False  # "when Beijing imposed tariffs on wine": background
    subj = _subject(tok)
    return subj is not None and (
        subj.ent_type_ in ("GPE", "ORG", "NORP")
        or subj.pos_ == "PROPN"
        or subj.lemma_.lower() in _BODIES
        or is_title_head(subj.lemma_)
    )


# an act owned by a named party: "X's announcement of ...", "X's plan to ...", "X's offer to ..."
_OWNED_ACTS: dict[str, AgreementStatus] = {
    "announcement": "announced",
    "plan": "announced",
    "pledge": "announced",
    "offer": "proposed",
    "proposal": "proposed",
}


def _owned_act(tok) -> bool:
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None or (owner.pos_ != "PROPN" and owner.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP")):
        return False  # "its plan", "the plan": no party named with the act
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in ("fail", "collapse", "stall"):
        return False
    if any(c.dep_ == "amod" and re.search(r"stall|fail|abandon|shelv|scrap|collaps", c.lower_) for c in tok.children):
        return False  # "Turkmenistan's long-stalled plan to pipe gas": not an outcome
    return any(
        (c.dep_ == "prep" and c.lower_ in ("of", "for", "on") and c.i > tok.i)
        or (c.dep_ in ("acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
        for c in tok.children
    )


def _joint_future(tok) -> bool:
    """ "both sides will stop all hostile acts": what two parties together will do, told as it stands."""
    if _lemma(tok) in _NOT_DEEDS or tok.pos_ != "VERB" or tok.dep_ not in ("ROOT", "ccomp") or _negated(tok):
        return False
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in tok.children):
        return False
    if not any(c.dep_ == "dobj" for c in tok.children) or _in_question(tok):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in ("we", "they"):
        return False
    return bool(
        re.match(
            r"^(?:both|the two|all)\s+(?:sides|countries|governments|parties|nations|leaders)$",
            subj.doc[subj.left_edge.i : subj.i + 1].text,
            re.I,
        )
    )


def _actor_plan(tok) -> bool:
    """ "The administration plans to open an embassy": one actor's plan, told as it stands."""
    if _lemma(tok) != "plan" or tok.tag_ == "VBG" or _negated(tok) or tok.dep_ not in ("ROOT", "ccomp", "conj"):
        return False
    if not any(c.dep_ == "xcomp" and _plan_verb(c) for c in tok.children):
        return False
    subj = _subject(tok)
    return subj is not None and (
        subj.pos_ == "PROPN"
        or subj.lower_ in ("he", "she", "they")
        or subj.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
        or subj.lemma_.lower() in ("administration", "government", "ministry", "alliance", "bloc", "union")
    )


def _in_question(tok) -> bool:
    t = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in t.children):
            return True
        if t.head is t:
            return False
        t = t.head
    return False


def _plan_form(tok) -> bool:
    """ "plan to", "pledge to" as they stand; "work", "build" only as a future or progressive ("will work to",
    "are working to strengthen", "will build on")."""
    if tok.lemma_.lower() in ("plan", "pledge", "vow"):
        return True
    return tok.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in tok.children)


def _has_complement(tok) -> bool:
    """'decided to open', 'decided that the ambassador will return', 'commits to reinforcing'."""
    return any(
        c.dep_ in ("xcomp", "ccomp", "advcl") or (c.dep_ in ("prep", "aux") and c.lower_ in ("to", "on"))
        for c in tok.children
        if c.i > tok.i
    )


def _subject(tok):
    t = tok
    for _ in range(3):
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0]
        if (t.dep_ in ("conj", "xcomp") or (t.dep_ == "advcl" and t.tag_ == "VBG")) and t.head is not t:
            t = t.head
            continue
        break
    return None


def _under_the_deal(tok) -> bool:
    """ "Under the agreement, Seoul will set up a foundation": a term of the deal the story reports."""
    return tok.dep_ == "ROOT" and any(
        c.dep_ == "prep"
        and c.lower_ == "under"
        and c.i < tok.i
        and any(
            g.dep_ == "pobj" and g.lower_ in (_TERM_SUBJECTS | {"document", "terms"}) - {"text", "resolution"}
            for g in c.children
        )  # "Under the agreement", "Under a compromise reached on Friday", "Under the plan"
        for c in tok.children
    )


# what a deal's text does: "The deal provides for ...", "the roadmap calls for ...", "The convention allows ..."
_TERM_VERBS = frozenset(
    {
        "provide",
        "call",
        "allow",
        "require",
        "envisage",
        "envision",
        "stipulate",
        "oblige",
        "grant",
        "give",
        "establish",
        "create",
        "guarantee",
        "commit",
        "set",
        "foresee",
        "mandate",
        "include",
        "bar",
        "ban",
        "cap",
        "limit",
        "restore",
        "recognise",
        "recognize",
        "demand",
        "outline",
        "lay",
        "divide",
        "cover",
        "fix",
        "open",
        "mean",
        "run",
        "last",
    }
)
_TERM_SUBJECTS = DEAL_NOUNS | {"compromise", "text", "package", "plan", "initiative"}
_TERM_PARTICLES = {"call": {"for", "on"}, "set": {"out", "up"}, "lay": {"out", "down"}, "provide": {"for"}}


def _deal_terms(tok) -> bool:
    """ "The deal provides for a six-year interim period", "the roadmap adopted in Luanda calls for a
    ceasefire", "The declaration called on all states to ...": what the deal's own text lays down."""
    lem = _lemma(tok)
    if lem not in _TERM_VERBS or tok.dep_ not in ("ROOT", "conj") or tok.pos_ not in ("VERB", "AUX"):
        return False
    if _negated(tok) or any(c.dep_ == "aux" and c.lower_ in ("could", "might", "may", "should") for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if lem == "mean":  # "The deal is meant to reopen three ports"
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if subj is None or not any(c.dep_ == "xcomp" for c in tok.children):
            return False
    elif lem in ("run", "last") and not any(
        c.dep_ == "prep" and c.lower_ in ("for", "until", "through") for c in tok.children
    ):
        return False  # "The arrangement runs for 120 days"; not "the deal runs into trouble"
    if subj is not None and subj.lower_ == "it" and tok.dep_ == "ROOT" and _deal_before(tok):
        return any(c.dep_ == "dobj" for c in tok.children)  # "The treaty was signed ... It divides the area"
    if subj is None or subj.lemma_.lower() not in _TERM_SUBJECTS or subj.lower_ == "agreements":
        return False
    if not any(
        c.dep_ in ("det", "poss", "compound", "amod") and c.lower_ not in ("a", "an", "any", "every", "no")
        for c in subj.children
    ):
        return False  # "a deal requires trust" is a general remark; "the deal", "Tuesday's accord" name one
    particles = _TERM_PARTICLES.get(lem)
    if particles is not None and not any(
        c.dep_ in ("prep", "prt") and c.lower_ in particles and c.i > tok.i for c in tok.children
    ):
        return lem in ("provide", "set", "lay") and any(c.dep_ == "dobj" for c in tok.children)
    return any(c.dep_ in ("dobj", "prep", "prt", "xcomp", "ccomp") and c.i > tok.i for c in tok.children)


def _deal_before(tok) -> bool:
    """The sentence before names a deal as its subject or object (what a following "it" stands for)."""
    sent = tok.sent
    if sent.start == 0:
        return False
    prev = tok.doc[sent.start - 1].sent
    return any(t.lower_ in DEAL_NOUNS and t.dep_ in ("nsubj", "nsubjpass", "dobj") for t in prev)


def _under_which(tok) -> bool:
    """ "a plan under which Australia will buy three submarines": the relative clause is a term."""
    if tok.dep_ != "relcl" or tok.head.lemma_.lower() not in _TERM_SUBJECTS:
        return False
    return any(
        c.dep_ == "prep" and c.lower_ == "under" and any(g.lower_ == "which" for g in c.children) for c in tok.children
    )


def _is_term(tok) -> bool:
    return _under_the_deal(tok) or _term_to_be(tok) or _deal_terms(tok) or _under_which(tok)


def _next_term(sent) -> object | None:
    """The sentence right after a deal's terms that goes on in the future with no one reporting it:
    "Sarajevo will be reunited under federation control", "A U.N. arms embargo will stay in place"."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or _negated(root) or re.search(r"[\"“”]", sent.text):
        return None
    if _lemma(root) in cues.REPORTING_VERBS or any(c.dep_ in ("ccomp", "parataxis") for c in root.children):
        return None
    if not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "shall") for c in root.children):
        return None
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ == "PRON" or _lemma(root) in _MOVES or subj.lemma_.lower() in _ONLOOKERS:
        return None  # "He will ...", "Garang will travel to Washington": someone's plans, not terms
    return root


_NOT_YET = frozenset({"must", "would", "will", "could", "should", "may", "might", "to", "can", "shall"})
_BACKGROUND_MARKS = frozenset({"after", "because", "since", "although", "though"})
_ONLOOKERS = frozenset({"analyst", "expert", "observer", "critic", "investor", "market", "diplomat", "official"})
_MOVES = frozenset({"travel", "visit", "fly", "attend", "meet", "speak", "address", "arrive", "head", "go", "tour"})


_NOT_TERMS = frozenset({"aim", "goal", "plan", "idea", "purpose", "task", "challenge", "priority", "hope", "question"})


def _term_to_be(tok) -> bool:
    """ "The withdrawal is to start no later than ...", "Ukraine is to regain control": a term of a deal
    told in the same or the previous sentence (not "the aim is to ...")."""
    if _lemma(tok) != "be" or tok.dep_ != "ROOT":
        return False
    to_verb = (c for c in tok.children if c.dep_ == "xcomp")
    if not any(any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in to_verb):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lemma_.lower() in _NOT_TERMS or subj.pos_ == "PRON":
        return False
    sent = tok.sent
    doc = tok.doc
    prev = doc[sent.start - 1].sent if sent.start > 0 else sent
    return any(
        t.lower_ in DEAL_NOUNS or (t.lemma_.lower() == "agree" and t.pos_ == "VERB") for t in doc[prev.start : sent.end]
    )


_INTENT_HEADS = frozenset({"agree", "decide", "commit", "pledge", "vow", "plan", "intend", "resolve", "promise"})


def _not_an_outcome(tok) -> bool:
    """An announcement, a deal or a refusal still to come in an infinitive: "expected to announce the
    outcome", "urged voters to reject the deal", "the courage to reach a deal" ("agreed to" and
    "decided to" are outcomes)."""
    if _lemma(tok) not in ANNOUNCED | REJECTED | DEAL_VERBS:
        return False
    return (
        tok.dep_ in ("xcomp", "advcl", "acl", "ccomp")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and _lemma(tok.head) not in _INTENT_HEADS
        and tok.head.lower_ not in _FIXED_AHEAD
    )


def _classify(tok) -> tuple[AgreementStatus, object] | None:
    """(status, clause root) when ``tok`` is an outcome cue: a deal's terms, or a cue of its own."""
    return ("agreed", tok) if _is_term(tok) else _classify_cue(tok)


def _names_a_deal(tok) -> bool:
    """ "the treaty", "a framework agreement on energy": a deal is named in the phrase."""
    return any(g.lower_ in DEAL_NOUNS for g in tok.subtree)


def _classify_cue(tok) -> tuple[AgreementStatus, object] | None:
    """(status, clause root) when ``tok`` is an outcome cue other than a deal's terms."""
    low = tok.lower_
    lem = _lemma(tok)
    if (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")) and _not_an_outcome(tok):
        return None
    predicate = tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children)  # "We affirm" tagged JJ
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or predicate:
        if _negated(tok):
            if lem == "agree" and any(c.lower_ in ("to", "on") for c in tok.children if c.i > tok.i):
                return "rejected", tok  # "would not agree to Kosovo's membership"
            if lem in _REFUSABLE and any(
                c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX | {"could", "can", "did", "does"}
                for c in tok.children
            ):
                return "rejected", tok  # "he will not sign the agreement", "could not be signed"
            if lem in ("recognise", "recognize", "accept") and any(
                c.dep_ == "dobj" and _names_a_deal(c) for c in tok.children
            ):
                return "rejected", tok  # "Ethiopia has never recognised that treaty"
            return None
        if _in_question(tok):
            return None  # "Asked whether Xi had offered any commitment"
        if lem == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
            return "rejected", tok  # "has ruled out any negotiations"
        if lem in STRONG_AGREED:
            head = tok.head
            if tok.dep_ == "pcomp":
                return None  # "conditions placed on agreeing to a deal"
            if tok.dep_ == "xcomp" and _lemma(head) in ("persuade", "urge", "ask", "press", "push", "convince"):
                return "proposed", head
            if tok.tag_ == "VB" and any(c.lower_ == "to" for c in tok.children) and tok.dep_ == "xcomp":
                return None
            if any(c.lower_ in ("to", "that", "on", "upon") or c.dep_ in ("xcomp", "ccomp") for c in tok.children):
                return "agreed", tok
            return None
        if lem == "exchange" and tok.tag_ in ("VBD", "VBN", "VBZ") and cues.ratification_instruments(tok):
            return "agreed", tok  # "exchanged the instruments of ratification of the treaty"
        if lem in ("approve", "ratify") and (
            tok.tag_ not in ("VBD", "VBN")
            or any(c.dep_ in ("aux", "auxpass") and c.lower_ in _NOT_YET for c in tok.children)
        ):
            return None  # "must still be ratified", "Congress would approve": not done yet
        if lem in DEAL_VERBS:
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            if any(g.dep_ == "det" and g.lower_ == "no" for o in objs for g in o.children):
                return None  # "no deal was reached": nothing agreed
            if lem == "pass" and any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in tok.children):
                return None  # "passed the agreement to his aides": handed on, not adopted
            if lem == "sign" and tok.dep_ == "xcomp" and tok.head.lower_ in _FIXED_AHEAD:
                due = tok.head
                return "announced", due.head if due.dep_ == "acomp" else due  # "the protocols are due to be signed"
            if any(_names_a_deal(o) for o in objs):
                return "agreed", tok
            if (
                lem in ("sign", "initial")
                and tok.tag_ in ("VBD", "VBN")
                and any(
                    (o.pos_ == "PROPN" and o.ent_type_ not in ("PERSON", "GPE", "NORP"))
                    or (o.lower_ in ("text", "document", "documents") and _with_party(tok))
                    for o in objs
                )
            ):
                return "agreed", tok  # "signed the Black Sea Grain Initiative", "signed an identical text with X"
            if (
                lem in ("adopt", "approve")
                and tok.tag_ in ("VBD", "VBN")
                and any(
                    o.lower_ in _ADOPTED_TEXTS
                    or (  # "adopted a new Strategic Concept": a named text (not "HFCs were adopted")
                        o.dep_ == "dobj"
                        and o.pos_ == "PROPN"
                        and o.ent_type_ == ""
                        and any(c.dep_ == "compound" and c.text[:1].isupper() for c in o.children)
                    )
                    for o in objs
                )
            ):
                return "agreed", tok  # "the allies adopted a new Strategic Concept"
            if (lem == "sign" and tok.head.lower_ == "to") or (
                lem == "sign" and tok.dep_ == "xcomp" and tok.head.lower_ in ("willing", "ready")
            ):
                return "proposed", tok.head if tok.head.pos_ != "AUX" else tok
            return None
        if (
            lem == "resume"
            and _joint_subject(tok)
            and any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in tok.children)
        ):
            return "announced", tok  # "negotiators from X and Y will resume talks on Friday"
        if lem in JOINT_AGREED and _joint_subject(tok):
            if lem in _RESTATE and not any(
                (c.dep_ == "dobj" and c.lower_ in _RESTATED)
                or (
                    c.dep_ == "ccomp"
                    and lem in ("affirm", "reaffirm")
                    and any(m.lower_ == "that" for m in c.children if m.dep_ == "mark")
                )
                or (lem == "recommit" and c.dep_ in ("prep", "xcomp") and c.i > tok.i)
                for c in tok.children
            ):
                return None  # "reaffirmed the relationship" is a statement; "affirm that ..." a joint position
            if lem == "welcome" and any(c.dep_ == "dobj" and c.lower_ in _TALK_NOUNS for c in tok.children):
                return None  # welcoming discussions or progress is not an outcome; welcoming a resumption is
            return "agreed", tok
        if lem in JOINT_PLANS and _joint_subject(tok) and _has_complement(tok) and _plan_form(tok):
            return "agreed", tok  # "We will build on ...", "The United States and Canada plan to expand ..."
        if (
            lem in DIRECTIVES
            and any(c.dep_ == "dobj" for c in tok.children)
            and any(
                c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("to", "with")) for c in tok.children
            )
        ):
            if _joint_subject(tok):
                return "agreed", tok  # "The leaders directed their ministers to meet within three months"
            subj = _subject(tok)
            if subj is not None and (subj.pos_ == "PROPN" or is_title_head(subj.lemma_)):
                return "announced", tok  # "The President has directed his team to deploy all assets"
        if lem in RESOLVE_VERBS and _has_complement(tok):
            # "the two leaders decided to open consultations", "We each intend to maintain ...";
            # one side's decision or commitment is announced: "the United States commits to reinforcing"
            if _joint_subject(tok):
                return "agreed", tok
            subj = _subject(tok)
            if lem != "intend" and subj is not None and subj.lower_ not in ("which", "that", "who", "it"):
                return "announced", tok
            return None
        if lem in ("launch",) and re.search(r"\bjointly\b", " ".join(c.lower_ for c in tok.children)):
            return "agreed", tok
        if (
            lem in PROPOSED
            and tok.dep_ != "amod"
            and (tok.tag_ != "VBN" or any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in tok.children))
        ):
            if lem == "invite" and not any(c.dep_ == "dobj" for c in tok.children):
                return None
            if lem == "offer" and any(c.dep_ == "dobj" and c.lower_ in _NOT_OFFERS for c in tok.children):
                return None  # "offered a different verdict", "offered the best chance": words, not a proposal
            return "proposed", tok
        if lem == "accept" and any(c.dep_ == "dobj" and c.lower_ in ("invitation", "offer") for c in tok.children):
            return "announced", tok  # "has accepted an invitation to visit Dhaka next month"
        if lem == "settle" and any(c.dep_ == "prep" and c.lower_ == "on" and c.i == tok.i + 1 for c in tok.children):
            return "agreed", tok  # "Leaders settled on opening a single chapter"
        if lem == "promise" and (
            tok.tag_ == "VBN"
            # one side's "promised that ..." is talk; the leaders' is a joint undertaking
            or not any(
                (c.dep_ == "xcomp" or (c.dep_ == "ccomp" and _joint_subject(tok))) and c.i > tok.i for c in tok.children
            )
            or not any(c.dep_ == "nsubj" for c in tok.children)
        ):
            return None  # "what was promised", "promising to ..."; "Russia promised to reduce ..." is one
        if (
            lem == "announce"
            and any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in _EVENT_WORDS for c in tok.children)
            and not any(c.dep_ == "agent" for c in tok.children)  # "was announced by the two ministers" stays
        ):
            return None  # "announced the trip on Twitter", "The meeting was announced": an event, not an outcome
        if lem in ANNOUNCED and tok.dep_ != "amod":
            if lem in ("announce", "unveil") and any(
                c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in _TOLD_OUTCOMES for c in tok.children
            ):
                return None  # "Guterres announced the deal on Thursday": the telling of an outcome told as such
            if lem == "launch" and not any(
                (c.dep_ == "dobj" and c.pos_ == "PROPN")
                or (c.dep_ == "dobj" and any(g.pos_ == "PROPN" for g in c.subtree))
                for c in tok.children
            ):
                return None
            return "announced", tok
        if (
            tok.dep_ == "xcomp"
            and tok.head.lower_ in _FIXED_AHEAD
            and tok.head.dep_ == "acomp"
            and _plan_verb(tok)
            and lem not in ("meet", "hold")  # "is due to meet X on Sunday": an event, not an outcome
        ):
            be = tok.head.head
            subj = next((c for c in be.children if c.dep_ == "nsubj"), None)
            if subj is not None and (
                subj.pos_ in ("PROPN", "PRON")
                or subj.ent_type_ in ("GPE", "ORG", "PERSON")
                or subj.lemma_.lower() in _SCHEDULED_BODIES
                or is_title_head(subj.lemma_)
            ):
                return "announced", be  # "Biden is due to travel to Sydney in May"
        if _ties_made(tok):
            return "agreed", tok  # "Honduras and China established diplomatic relations on Sunday"
        if _proposal_tabled(tok):
            return "proposed", tok  # "Washington had put a substantial proposal on the table"
        if _measure_taken(tok):
            return "announced", tok  # "The leaders ordered the closure of land and air borders with Niger"
        if _joint_future(tok):
            return "agreed", tok  # "From May 1, both sides will stop all hostile acts along the border"
        if _actor_plan(tok):
            return "announced", tok  # "The administration plans to open an embassy in Havana"
        if _plan_verb(tok) and _future_plan(tok):
            return "announced", tok  # "Norway would contribute $50 million", "Cairo will host a meeting"
        if lem in ("decline", "refuse") and any(c.dep_ == "xcomp" and _lemma(c) in _NO_COMMENT for c in tok.children):
            return None  # "declined to say more", "refused to call the meeting a failure": no refusal of anything
        if lem in REJECTED and _about_someone(tok):
            return None  # "Kim, who had refused to hold a summit with Abe", "whose government has declined to ..."
        if lem in REJECTED and _only_if(tok):
            return None  # "parliament could still refuse to ratify the accession if ...": a threat, not a refusal
        if lem == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children):
            return "rejected", tok  # "New Delhi called off the talks"
        if _in_force(tok):
            return "agreed", tok  # "A ceasefire between X and Y took effect on Friday", "entered into force"
        if lem == "balk" and any(c.dep_ == "prep" and c.lower_ == "at" for c in tok.children):
            return "rejected", tok  # "Ghani balked at freeing the last prisoners"
        if lem == "call" and _calls_for_a_step(tok):
            return "proposed", tok  # "Kabul called for a humanitarian ceasefire"
        if (
            lem == "turn"
            and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children)
            and any(
                c.dep_ in ("dobj", "nsubjpass") and (_lemma(c) in _REQUESTS or _names_a_deal(c)) for c in tok.children
            )
        ):
            return "rejected", tok  # "Taipei had turned down the request"
        if lem in REJECTED and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lower_ in _WORDS_NOT_DEALS for c in tok.children
        ):
            return None  # "Rojas rejected the criticism", "rejected suggestions that ...": a denial, not a refusal
        if lem in ("pull", "walk") and any(
            g.dep_ == "pobj" and g.lower_ in ("trip", "visit", "race", "election", "tour")
            for c in tok.children
            for g in c.subtree
        ):
            return None  # "pulled out of the trip at the last minute"
        if lem == "walk" and not any(
            g.dep_ == "pobj" and g.lower_ in _TALK_NOUNS | {"negotiations", "meeting", "summit", "session", "process"}
            for c in tok.children
            for g in c.subtree
        ):
            return None  # "walked out of Hofdi House": a building, not the talks
        if lem == "block" and not any(
            c.dep_ in ("dobj", "nsubjpass") and (_names_a_deal(c) or c.lemma_.lower() in _BLOCKABLE)
            for c in tok.children
        ):
            return None  # "blocked thousands of accounts": an act of enforcement, not a refusal
        if lem in REJECTED or (lem in ("pull", "walk") and any(c.lower_ == "out" for c in tok.children)):
            return "rejected", tok  # "pulled out of the talks", "walked out of the negotiations"
        if (
            lem == "withdraw"
            and tok.tag_ in ("VBD", "VBN")
            and any(
                c.dep_ == "prep"
                and c.lower_ == "from"
                and any(
                    g.dep_ == "pobj"
                    and (
                        g.lower_ in _TALK_NOUNS | {"negotiations", "process", "partnership", "pact", "convention"}
                        or _names_a_deal(g)
                    )
                    for g in c.children
                )
                for c in tok.children
            )
        ):
            return "rejected", tok  # "withdrew from the talks", "withdrew from the Trans-Pacific Partnership"
        if lem == "denounce" and any(c.dep_ == "dobj" and _names_a_deal(c) for c in tok.children):
            return "rejected", tok  # "denounced the deal"
        if lem == "vote" and tok.tag_ == "VBD" and any(c.lower_ == "against" for c in tok.children):
            return "rejected", tok  # "Russia and China voted against (the resolution)"
    if (
        low in ("committed", "resolved", "determined")
        and tok.dep_ == "acomp"
        and any(c.dep_ in ("prep", "xcomp") for c in tok.children)
        and _joint_subject(tok.head)
    ):
        return "agreed", tok.head  # "We remain committed to our obligations", "are resolved to pursue dialogue"
    if tok.pos_ == "NOUN" and low in _OWNED_ACTS and _owned_act(tok):
        return _OWNED_ACTS[low], tok  # "President Marcos' announcement of four new sites", "Biden's plan to dispatch"
    if tok.dep_ == "amod" and lem == "propose" and tok.head.pos_ == "NOUN":
        return "proposed", tok.head
    if low in ("draft",) and tok.head.lower_ in DEAL_NOUNS:
        return "proposed", tok.head
    if low in ("proposition", "proposal") and tok.dep_ == "attr":
        return "proposed", tok.head
    if low in ("willing", "ready") and any(
        c.dep_ == "xcomp" and (_lemma(c) in DEAL_VERBS or _lemma(c) in PLAN_VERBS or _lemma(c) in _OFFERS)
        for c in tok.children
    ):  # "willing to sign a deal", "ready to host the next meeting"
        return "proposed", tok.head if tok.head.pos_ in ("AUX", "VERB") else tok
    return None


def _antecedent_clause(root, floor: int) -> tuple[int, int] | None:
    """ "a list of 13 demands, including ..., which Qatar rejected": what was rejected (or agreed) is
    the relative clause's antecedent; the outcome runs from it to the end of the clause."""
    head = root.head
    if root.dep_ != "relcl" or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if not any(c.tag_ in ("WDT", "WP") and c.dep_ in ("dobj", "nsubjpass") for c in root.children):
        return None
    if root.left_edge.i > 0 and root.doc[root.left_edge.i - 1].text == ",":
        # after a comma the antecedent is the whole phrase, however deep the parser hung the clause
        # ("a list of demands, including the closure of a base, which Qatar rejected")
        while head.dep_ in ("pobj", "conj", "appos") or (head.dep_ == "prep" and head.head.pos_ != "VERB"):
            nxt = head.head
            if nxt.pos_ == "VERB" and nxt.tag_ != "VBG":
                break
            head = nxt
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
    end = root.right_edge
    while end.i > root.i and (end.is_punct or end.is_space):
        end = end.nbor(-1)
    s = head.left_edge.idx
    return (s, end.idx + len(end.text)) if s >= floor else None


def _clause(root, cue, doc_text: str, floor: int = 0) -> tuple[int, int] | None:
    """Character span of the cue's clause: subject + verb + complements, trimmed (never before ``floor``,
    the end of a wire dateline)."""
    doc = root.doc
    if root.pos_ in ("NOUN", "PROPN"):
        toks = list(root.subtree)
        toks = [t for t in toks if not (t.i > root.i and t.dep_ == "relcl" and t.head is root)] or toks
    else:
        toks = []
        exclude: set[int] = set()
        # the subject nearest the verb (the parser may make a dateline a second subject)
        subj0 = next((c for c in reversed(list(root.lefts)) if c.dep_ in ("nsubj", "nsubjpass")), None)
        for c in root.children:
            if (
                subj0 is not None
                and 1 <= sum(1 for t in subj0.subtree if t.idx >= floor) <= 4
                and c.dep_ in ("prep", "npadvmod")
                and subj0.right_edge.i < c.left_edge.i
                and c.right_edge.i < root.i
                and not any(t.is_punct for t in root.doc[subj0.right_edge.i + 1 : root.i])
            ):
                continue  # "Chile and Peru yesterday exchanged", "X and Y on Friday agreed": a short subject stays
            if (
                c.i < root.i
                and c.dep_ in ("advcl", "prep", "npadvmod", "mark", "punct", "cc", "intj")
                and c.dep_ != "nsubj"
            ):
                exclude.update(t.i for t in c.subtree)
            if (
                c.i > root.i
                and c.dep_ == "conj"
                and c.pos_ in ("VERB", "AUX")
                and _classify(c) is not None
                and not (_measure_taken(root) and _measure_taken(c))  # one list of measures stays one
            ):
                # a cue there is its own outcome ("welcomed X and reviewed Y" stays one)
                exclude.update(t.i for t in c.subtree)
                exclude.update(t.i for t in root.children if t.dep_ == "cc" and t.i > root.i)
            if c.i > root.i and c.dep_ == "parataxis":
                exclude.update(t.i for t in c.subtree)  # "..., Malaysian Prime Minister Anwar Ibrahim said"
            if (
                c.i > root.i
                and c.dep_ in ("advcl",)
                and doc[c.left_edge.i - 1].text == ","
                and doc[c.left_edge.i].lower_ != "to"  # ", to prevent the conflict from spreading": its purpose
            ):
                exclude.update(t.i for t in c.subtree)
            if (
                c.i > root.i
                and c.dep_ == "prep"
                and c.lower_ in ("at", "during", "after", "following", "on")
                and doc[c.i - 1].text == ","
            ):
                exclude.update(t.i for t in c.subtree)  # "..., at the first-ever meeting between ...": the occasion
        for t in root.subtree:
            if (
                t.i > root.i
                and t.dep_ == "advcl"
                and any(m.dep_ == "mark" and m.lower_ in _BACKGROUND_MARKS for m in t.children)
            ):
                exclude.update(g.i for g in t.subtree)  # "declined to sign after Buhari pulled out": why, not what
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < root.i), None)
        if (
            subj is not None
            and subj.right_edge.i - subj.left_edge.i >= 10
            and len({t.ent_iob_ == "B" and t.i for t in subj.subtree if t.ent_type_ == "PERSON"} - {False}) >= 2
        ):
            # "President X of Y and Prime Minister Z of W agreed to ...": the outcome starts at the verb
            exclude.update(t.i for t in subj.subtree)
        for t in root.subtree:
            if (
                t.dep_ in ("appos", "npadvmod")
                and t.i > root.i
                and doc[t.left_edge.i - 1].text == ","
                and doc[t.left_edge.i].lower_ in ("a", "an")
                and t.i not in exclude
            ):
                exclude.update(x.i for x in t.subtree)  # "..., a practice frozen for a decade": a comment
        toks = [t for t in root.subtree if t.i not in exclude]
    toks = [t for t in toks if t.idx >= floor]
    if not toks:
        return None
    # contiguous from the first kept token to the last before a gap
    start_i = toks[0].i
    end_i = start_i
    kept = {t.i for t in toks}
    while end_i + 1 in kept:
        end_i += 1
    if root.i > end_i:  # the gap was before the verb: start at the subject
        start_i = min(t.i for t in toks if t.i >= start_i and (t.dep_ in ("nsubj", "nsubjpass") or t.i == root.i))
        start_i = doc[start_i].left_edge.i if doc[start_i].dep_ in ("nsubj", "nsubjpass") else start_i
        end_i = start_i
        while end_i + 1 in kept:
            end_i += 1
        if root.i > end_i:  # "X, hosting the summit, announced ...": the subject is cut off; start at the verb
            start_i = end_i = root.i
            while end_i + 1 in kept:
                end_i += 1
    while start_i <= end_i and (
        doc[start_i].is_punct or doc[start_i].lower_ in ("that", "and", "but", "while", "whereas")
    ):
        start_i += 1
    while end_i >= start_i and (
        doc[end_i].is_space or (doc[end_i].is_punct and doc[end_i].text not in (")", "”", '"'))
    ):
        end_i -= 1
    if end_i < start_i:
        return None
    s = doc[start_i].idx
    e = doc[end_i].idx + len(doc[end_i].text)
    text = doc_text[s:e]
    m = _TRIM_AT.search(text)
    if m and m.start() > 20:
        e = s + m.start()
    # a stray unmatched closing quote/paren at the end
    text = doc_text[s:e]
    if text.endswith(('"', "”")) and text.count('"') + text.count("“") + text.count("”") % 2 == 1:
        e -= 1
    return s, e


_JOINT_TITLE = re.compile(r"\bJoint\b|\bStatement\b|\bDeclaration\b|\bCommuniqu", re.I)


def _principals(ctx: DocContext, persons, events: list[EventRecord]) -> list[str]:
    """The document's own parties: the issuers of a joint statement (named in its title), else the
    participants of the main event."""
    title = ctx.title or ""
    t0 = ctx.text.find(title) if title else -1
    if title and t0 >= 0 and _JOINT_TITLE.search(title) and not re.match(r"(?:Readout|Read-?out)\b", title, re.I):
        codes = actors.codes_in_span(ctx, persons, t0, t0 + len(title))
        if len(codes) == 1 and events:  # "Quad Leaders' Joint Statement": the members named in the text
            codes += [p.code for p in events[0].participants if p.code and p.code not in codes]
        if codes:
            return codes
    if events:
        return [p.code for p in events[0].participants if p.code]
    return []


def _parties(
    ctx: DocContext,
    persons,
    events: list[EventRecord],
    root,
    cue,
    s: int,
    e: int,
    principals: list[str] | None = None,
) -> list[ActorRef]:
    subj = _subject(root) if root.pos_ in ("VERB", "AUX") else _subject(cue) if cue.pos_ in ("VERB", "AUX") else None
    codes: list[str] = []
    collective = False
    if subj is not None:
        a, b = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
        stext = ctx.text[a:b]
        codes = actors.codes_in_span(ctx, persons, a, b, capitals=True)
        collective = bool(_COLLECTIVE.match(stext))
        if subj.lemma_.lower() in _TERM_SUBJECTS and subj.dep_ == "nsubj":
            codes, collective = [], True  # "the roadmap adopted in Luanda calls for": the deal's own parties
        if not codes and subj.lower_ in ("he", "she", "it"):
            codes = _previous_actor(ctx, persons, a)
    elif cue.dep_ in ("amod", "compound") or root.pos_ == "NOUN":
        codes = _previous_actor(ctx, persons, s)
    if not codes or collective:
        ev = _event_for(ctx, events, s, before=cue.idx)
        if ev is not None:
            codes = [p.code for p in ev.participants if p.code] or codes
        elif principals:
            codes = list(principals)
    if not codes:
        codes = actors.codes_in_span(ctx, persons, s, e)[:1]
    return [r for c in codes if (r := actors.country_ref(c)) is not None]


def _previous_actor(ctx: DocContext, persons, pos: int) -> list[str]:
    sent = ctx.sentence_at(pos)
    if sent is not None and sent.start_char < pos:
        here = actors.codes_in_span(ctx, [], sent.start_char, pos, capitals=True)
        if here:
            return [here[0]]
    best: tuple[int, str] | None = None
    for p in persons:
        for a, _ in p.mentions:
            if a < pos and p.code and (best is None or a > best[0]):
                best = (a, p.code)
    return [best[1]] if best and pos - best[0] < 400 else []


def _event_for(ctx: DocContext, events: list[EventRecord], pos: int, before: int | None = None) -> EventRecord | None:
    """The event named in the sentence at ``pos`` (only before ``before``: "At the summit, the leaders
    agreed ..." but not "the leaders agreed to hold a summit"); None when there is none."""
    if not events:
        return None
    sent = ctx.sentence_at(pos)
    if sent is not None:
        for ev in events:
            for a, _ in getattr(ev, "_spans", [(ev.start, ev.end)]):
                if sent.start_char <= a < sent.end_char and (before is None or a < before):
                    return ev
    return None
