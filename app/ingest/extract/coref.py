"""Who a subject noun phrase stands for: a person (by name, surname, bare title or pronoun),
a country or organisation, an unnamed group ("Indian officials"), or two actors jointly
("the two leaders", "Presidents A and B").

``Resolver.observe`` is fed every clause subject in document order, so pronouns resolve to
the most recent compatible subject: "he said" after "A met B" is A.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from app.ingest.extract import gazetteer
from app.ingest.extract.context import DocContext
from app.ingest.extract.records import ActorRef, PersonRecord
from app.ingest.extract.titles import TITLE_HEADS

Kind = Literal["person", "place", "group", "joint", "none"]

# Nouns that name a speaking body or a group of people.
GROUP_NOUNS: frozenset[str] = frozenset(
    {
        "official", "officials", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "ministry",
        "government", "office", "delegation", "delegations", "representatives", "representative",
        "diplomat", "diplomats", "mediator", "mediators", "negotiator", "negotiators", "source",
        "sources", "embassy", "administration", "cabinet", "aides", "aide", "lawmakers", "senators",
        "military", "army", "commission", "council", "presidency", "department", "secretariat",
        "envoy", "envoys", "minister", "ministers", "leadership", "authorities", "agency", "team",
        "kremlin", "palace", "parliament", "committee", "mission", "regime", "junta", "party",
        "observers", "monitors", "organisers", "organizers", "participants", "allies", "delegates",
        "advisers", "advisors", "staff", "police", "prosecutors", "court", "bloc", "alliance",
    }
)
# Plural or paired subjects that make a statement joint (recorded as agreements, not statements).
_JOINT_HEADS = frozenset(
    {"leaders", "presidents", "sides", "parties", "countries", "nations", "governments", "ministers",
     "heads", "counterparts", "both", "two", "leaders'", "premiers", "states"}
)
_JOINT_DETS = frozenset({"both", "two", "all", "three", "each", "the two", "several"})
_TEAM = frozenset({"team", "delegation", "government", "administration", "staff", "aides", "officials", "colleagues"})
_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
_DETS = {"the", "a", "an", "this", "that", "these", "those"}


@dataclass
class Actor:
    kind: Kind
    ref: ActorRef | None = None
    person: PersonRecord | None = None
    plural: bool = False


_NONE = Actor("none")
_JOINT = Actor("joint")


def _surface(toks: list[Token]) -> str:
    words = [t for t in toks]
    while words and words[0].text.lower() in _DETS:
        words = words[1:]
    if not words:
        return ""
    doc = words[0].doc
    return doc[words[0].i : words[-1].i + 1].text


class Resolver:
    def __init__(self, ctx: DocContext, people: list[PersonRecord]) -> None:
        self.doc: Doc = ctx.doc
        self.people = people
        self.home = gazetteer.outlet_country(ctx.outlet)
        self.token_person: dict[int, PersonRecord] = {}
        starts: dict[int, tuple[int, PersonRecord]] = {}
        for p in people:
            for s, e in p.mentions:
                starts[s] = (e, p)
        for tok in self.doc:
            hit = starts.get(tok.idx)
            if hit is None:
                continue
            j = tok.i
            while j < len(self.doc) and self.doc[j].idx < hit[0]:
                self.token_person[j] = hit[1]
                j += 1
        self.genders: dict[str, str] = {p.name: p.gender for p in people if p.gender}
        self.history: list[PersonRecord] = []
        self.plural: Actor = _NONE
        self.thing: Actor = _NONE
        self.speaker_thing: Actor = _NONE  # the last country/organisation/office that spoke

    # -- classification -------------------------------------------------------------
    def phrase(self, head: Token) -> list[Token]:
        """The subject's words up to its head, plus compound/flat parts after it."""
        toks = [t for t in self.doc[head.left_edge.i : head.i + 1]]
        for t in head.rights:
            if t.dep_ in {"compound", "flat", "appos"} and t.i == toks[-1].i + 1:
                toks.extend(self.doc[t.i : t.right_edge.i + 1])
            else:
                break
        return toks

    def _by_title(self, words: list[str]) -> PersonRecord | None:
        heads = [w for w in words if w in TITLE_HEADS or w in {"majesty", "highness", "excellency"}]
        if not heads:
            return None
        head = heads[-1]
        cands = []
        for p in self.people:
            role = (p.role or "").lower()
            if head in {"majesty", "highness"}:
                ok = any(w in role for w in ("king", "queen", "emir", "sultan", "prince"))
            else:
                ok = head in role.split() and not ("vice" in role and "vice" not in words)
            if ok:
                cands.append(p)
        if not cands:
            return None
        if self.home is not None:
            for p in cands:
                if p.country_code == self.home.code:
                    return p
        return cands[0]

    def classify(self, head: Token, speaking: bool = False) -> Actor:
        """What the subject ``head`` stands for; ``speaking``: it is a reporting verb's subject
        ("it said" then prefers the last body that spoke over the last one mentioned)."""
        low = head.text.lower()
        if low == "it" and speaking and self.speaker_thing.kind != "none":
            return self.speaker_thing
        if low in _PRONOUNS:
            return self._pronoun_person(_PRONOUNS[low])
        if low in {"they", "them"}:
            return self.plural
        if low == "it":
            return self.thing
        if head.pos_ == "PRON" or low in {"who", "which", "that", "this", "i", "we", "you"}:
            return _NONE
        conjs = [c for c in head.children if c.dep_ == "conj"]
        person = self.token_person.get(head.i)
        if conjs:
            plain = self._classify_plain(head)
            first = person or plain.person
            if first is not None and all(c.text.lower() in _TEAM for c in conjs):
                return Actor("person", ActorRef("person", first.name), first, plural=True)
            if first is not None or plain.kind in {"place", "group"} or any(c.i in self.token_person for c in conjs):
                return _JOINT
            return _NONE  # "sovereignty, security and prosperity remain ...": not actors
        if person is not None:
            return Actor("person", ActorRef("person", person.name), person)
        return self._classify_plain(head)

    def _classify_plain(self, head: Token) -> Actor:
        toks = self.phrase(head)
        words = [t.text.lower() for t in toks]
        low = head.text.lower()
        paired = any(w in _JOINT_DETS for w in words[:2])
        if paired or (low in _JOINT_HEADS and low not in GROUP_NOUNS):
            return _JOINT
        for t in toks:
            if t.i in self.token_person and t.i == head.i:
                p = self.token_person[t.i]
                return Actor("person", ActorRef("person", p.name), p)
        text = _surface(toks)
        if not text:
            return _NONE
        place = gazetteer.lookup(text)
        if (place is not None and place.how != "demonym") or (place is not None and text.endswith("s")):
            kind = "organisation" if place.kind == "organisation" else "country"
            return Actor("place", ActorRef(kind, place.name, place.code))
        if low in TITLE_HEADS or low in {"majesty", "highness", "excellency"}:
            p = self._by_title(words)
            if p is not None:
                return Actor("person", ActorRef("person", p.name), p)
        if low in GROUP_NOUNS or (head.tag_ == "NNPS") or gazetteer.seat(text) is not None:
            plural = head.tag_ in {"NNS", "NNPS"} or low in {"delegation", "team"}
            return Actor("group", ActorRef("group", text), plural=plural)
        return _NONE

    def _pronoun_person(self, gender: str) -> Actor:
        for p in reversed(self.history):
            g = self.genders.get(p.name)
            if g is None or g == gender:
                self.genders.setdefault(p.name, gender)
                return Actor("person", ActorRef("person", p.name), p)
        return _NONE

    # -- state ----------------------------------------------------------------------
    def observe(self, actor: Actor, speaking: bool = False) -> None:
        if speaking and actor.kind in {"place", "group"} and not actor.plural:
            self.speaker_thing = actor
        if actor.kind == "person" and actor.person is not None:
            if self.history and self.history[-1] is actor.person:
                pass
            else:
                self.history.append(actor.person)
            if actor.plural:
                self.plural = actor
        elif actor.kind == "joint":
            self.plural = _JOINT
        elif actor.kind == "group":
            if actor.plural:
                self.plural = actor
            else:
                self.thing = actor
        elif actor.kind == "place":
            self.thing = actor
