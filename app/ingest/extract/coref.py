"""Who a subject noun phrase stands for: a person (by name, surname, bare title or pronoun),
a country or organisation, an unnamed group ("Indian officials"), or two actors jointly
("the two leaders", "Presidents A and B").

``Resolver.observe`` is fed every clause subject in document order, so pronouns resolve to
the most recent compatible subject: "he said" after "A met B" is A.
"""

from __future__ import annotations

import re
from collections.abc import Container
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
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "ministry",
        "government",
        "office",
        "delegation",
        "delegations",
        "representatives",
        "representative",
        "diplomat",
        "diplomats",
        "mediator",
        "mediators",
        "negotiator",
        "negotiators",
        "source",
        "sources",
        "embassy",
        "administration",
        "cabinet",
        "aides",
        "aide",
        "lawmakers",
        "senators",
        "military",
        "army",
        "commission",
        "council",
        "presidency",
        "department",
        "secretariat",
        "envoy",
        "envoys",
        "minister",
        "ministers",
        "leadership",
        "authorities",
        "agency",
        "team",
        "kremlin",
        "palace",
        "parliament",
        "committee",
        "mission",
        "regime",
        "junta",
        "party",
        "observers",
        "monitors",
        "organisers",
        "organizers",
        "participants",
        "allies",
        "delegates",
        "advisers",
        "advisors",
        "staff",
        "police",
        "prosecutors",
        "court",
        "bloc",
        "alliance",
        "groups",
        "activists",
        "campaigners",
        "critics",
        "protesters",
        "rebels",
        "militants",
        "insurgents",
        "residents",
        "witnesses",
        "experts",
        "analysts",
        "spokesmen",
        "lawyers",
        "ministries",
        "governments",
        "officers",
        # one unnamed person: "said a Juba-based activist", "an analyst at X said"
        "activist",
        "analyst",
        "expert",
        "witness",
        "resident",
        "lawmaker",
        "campaigner",
        "critic",
        "observer",
        "adviser",
        "advisor",
        "lawyer",
        "officer",
    }
)
# Plural or paired subjects that make a statement joint (recorded as agreements, not statements).
_JOINT_HEADS = frozenset(
    {
        "leaders",
        "presidents",
        "sides",
        "parties",
        "countries",
        "nations",
        "governments",
        "ministers",
        "heads",
        "counterparts",
        "both",
        "two",
        "leaders'",
        "premiers",
        "states",
    }
)
_JOINT_DETS = frozenset({"both", "two", "all", "three", "each", "the two", "several"})
_TEAM = frozenset({"team", "delegation", "government", "administration", "staff", "aides", "officials", "colleagues"})
_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
# A document standing for whoever issued it: "the statement said", "the ministry's statement said".
_DOC_NOUNS = frozenset({"statement", "communique", "communiqué", "readout", "release", "post", "letter", "note"})
# A definite generic noun naming the body that last spoke: "the group said", "the movement said".
_BODY_NOUNS = frozenset({"group", "organisation", "organization", "movement", "militia", "body", "agency"})
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


# an unnamed person a story quotes ("a senior official said", "a Western diplomat told reporters")
_UNNAMED_PEOPLE = frozenset({"official", "diplomat", "source", "negotiator", "aide", "mediator", "commander"})


class Resolver:
    def __init__(self, ctx: DocContext, people: list[PersonRecord], quoted: Container[int] = ()) -> None:
        self.doc: Doc = ctx.doc
        self.ctx = ctx
        self.people = people
        self.home = gazetteer.outlet_country(ctx.outlet)
        # "Joint Statement on U.S.-UK Consultations": its unnamed "officials" speak for both sides
        self.joint_document = bool(re.search(r"\bjoint\s+statement\b", ctx.title or "", re.I))
        self.token_person: dict[int, PersonRecord] = {}
        starts: dict[int, tuple[int, PersonRecord]] = {}
        for p in people:
            for s, e in p.mentions:
                starts[s] = (e, p)
        for tok in ctx.tokens:
            hit = starts.get(tok.idx)
            if hit is None:
                continue
            j = tok.i
            while j < len(self.doc) and self.doc[j].idx < hit[0]:
                self.token_person[j] = hit[1]
                j += 1
        self.mention_at: list[tuple[int, PersonRecord]] = sorted(
            (i, p) for i, p in self.token_person.items() if i == 0 or self.token_person.get(i - 1) is not p
        )
        self.genders: dict[str, str] = {p.name: p.gender for p in people if p.gender}
        self.history: list[PersonRecord] = []
        self.plural: Actor = _NONE
        self.thing: Actor = _NONE
        self.speaker_thing: Actor = _NONE  # the last country/organisation/office that spoke
        # "A spokesman for X told AFP ... '...,' he said": an unnamed person who spoke, until a named
        # person is told again
        self.unnamed_speaker: Actor = _NONE
        # tokens inside quotation marks: a name a speaker says is not the one the story moves on to
        self.quoted = quoted

    # -- classification -------------------------------------------------------------
    def phrase(self, head: Token) -> list[Token]:
        """The subject's words up to its head, plus compound/flat parts after it."""
        toks = [t for t in self.doc[head.left_edge.i : head.i + 1]]
        for t in head.rights:
            if t.dep_ in {"compound", "flat", "appos"} and t.i == toks[-1].i + 1:
                toks.extend(self.doc[t.i : t.right_edge.i + 1])
            else:
                break
        return toks + self._name_rest(head, toks)

    def _name_rest(self, head: Token, toks: list[Token]) -> list[Token]:
        """ "the Intergovernmental Authority on Development", "the Assistance Association for Political
        Prisoners": a body's name goes on past its preposition while its words are capitalised."""
        at = toks[-1].i + 1
        if not head.text[:1].isupper() or at >= len(self.doc):
            return []
        prep = self.doc[at]
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "on", "of") or prep.head.i != head.i:
            return []
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or not obj.text[:1].isupper():
            return []
        tail = list(self.doc[at : obj.right_edge.i + 1])
        if len(tail) > 6 or not all(t.text[:1].isupper() or t.lower_ in ("the", "and", "of") for t in tail[1:]):
            return []
        return tail

    def _by_title(self, words: list[str], at: int | None = None) -> PersonRecord | None:
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
        # "the West Bengal chief minister": the role that shares the most of the description's words
        said = {w for w in words if w not in {"the", "a", "an", "'s", "’s"}}
        shared = [len(said & set((p.role or "").lower().split())) for p in cands]
        cands = [p for p, n in zip(cands, shared, strict=True) if n == max(shared)]
        if self.home is not None:
            # a government's own readout: "the President" is its principal
            for p in cands:
                if p.country_code == self.home.code:
                    return p
        if at is not None:
            # news: "the ambassador said" is the ambassador named last
            for i, p in reversed(self.mention_at):
                if i < at and p in cands:
                    return p
        return cands[0]

    def _with_complement(self, head: Token, toks: list[Token]) -> str:
        """An unnamed speaker with the phrase that says whose it is: "a spokesman for the Chancellor",
        "rebel groups in the region", "Senate leaders of both parties" (a short phrase right after
        the noun, no clause)."""
        prep = next((c for c in head.rights if c.dep_ == "prep"), None)
        if prep is None or prep.i != head.i + 1 or prep.lower_ not in ("for", "of", "in", "from"):
            return _surface(toks)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None:
            return _surface(toks)
        tail = list(self.doc[prep.i : obj.right_edge.i + 1])
        comma = next((k for k, t in enumerate(tail) if t.is_punct), None)
        if comma is not None and tail[comma - 1].i >= obj.i:
            tail = tail[:comma]  # "a spokesman for the Front, the main rebel alliance,": without the apposition
        if len(tail) > 6 or any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in tail):
            return _surface(toks)
        return _surface([*toks, *tail])

    def _appos_person(self, head: Token) -> PersonRecord | None:
        """ "Her counterpart, Deputy Minister A B, said": the person in apposition to the subject."""
        for c in head.subtree:
            if c.dep_ == "appos" and c.i > head.i:
                p = self.token_person.get(c.i)
                closed = self.doc[c.right_edge.i].text == ","  # "X, Y, whose government ..., told": comma kept
                if p is not None and (closed or self.doc[c.right_edge.i + 1 : c.right_edge.i + 2].text in {",", ""}):
                    return p  # also "Australia's minister for the Pacific, Ben Carrick, said"
        return None

    def _document_speaker(self, head: Token) -> Actor:
        """ "the statement said": the issuer ("the ministry's statement", "a statement from X"), else the
        body or person that spoke last."""
        for c in head.children:
            if c.dep_ == "poss" or (c.dep_ == "prep" and c.text.lower() in {"from", "by", "of"}):
                obj = c if c.dep_ == "poss" else next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    actor = self.classify(obj)
                    if actor.kind in {"person", "place", "group"}:
                        return actor
        if self.speaker_thing.kind != "none":
            return self.speaker_thing
        return _NONE

    def classify(self, head: Token, speaking: bool = False) -> Actor:
        """What the subject ``head`` stands for; ``speaking``: it is a reporting verb's subject
        ("it said" then prefers the last body that spoke over the last one mentioned)."""
        low = head.text.lower()
        if low == "it" and speaking and self.speaker_thing.kind != "none":
            return self.speaker_thing
        if low in _PRONOUNS:
            if speaking and self.unnamed_speaker.kind != "none":
                return self.unnamed_speaker
            return self._pronoun_person(_PRONOUNS[low], head.i)
        if low in {"they", "them"}:
            return self.plural
        if low == "it":
            return self.thing
        if low in {"who", "which", "that"} and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            # "A, who said ...": the relative clause's antecedent
            ante = head.head.head
            if ante.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr", "conj", "ROOT"}:
                return self.classify(ante, speaking)
            return _NONE
        if head.pos_ == "PRON" or low in {"who", "which", "that", "this", "i", "we", "you"}:
            return _NONE
        if speaking and low in _DOC_NOUNS:
            return self._document_speaker(head)
        if (
            speaking
            and low in _BODY_NOUNS
            and [t.text.lower() for t in self.doc[head.left_edge.i : head.i]] == ["the"]
            and (
                self.speaker_thing.kind == "group"
                or (self.speaker_thing.kind == "place" and self.speaker_thing.ref.kind == "organisation")
            )
        ):  # "the group said": the body that spoke last, an organisation of the gazetteer too
            return self.speaker_thing
        if head.text.isupper() and len(head.text) > 2 and head.i == head.sent.start:
            # a wire dateline parsed as the subject: "SUVA, Fiji (AP) — Pacific leaders demanded ..."
            dash = next((t for t in head.subtree if t.text in {"-", "—", "–", "--"}), None)
            real = None
            if dash is not None:
                for t in self.doc[dash.i + 1 : min(dash.i + 8, head.sent.end)]:
                    if t.dep_ in {"compound", "amod", "det", "poss", "case", "nummod", "punct", "flat"}:
                        continue
                    real = t if t.pos_ in {"NOUN", "PROPN"} else None
                    break
            if real is not None and real.i != head.i:
                return self.classify(real, speaking)
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
        appos = self._appos_person(head)
        if appos is not None:
            return Actor("person", ActorRef("person", appos.name), appos)
        return self._classify_plain(head, speaking)

    def _classify_plain(self, head: Token, speaking: bool = False) -> Actor:
        toks = self.phrase(head)
        words = [t.text.lower() for t in toks]
        low = head.text.lower()
        paired = any(w in _JOINT_DETS for w in words[:2])
        known = gazetteer.lookup(_surface(toks)) if toks else None
        if known is not None and known.how != "demonym":
            kind = "organisation" if known.kind == "organisation" else "country"
            return Actor("place", ActorRef(kind, known.name, known.code))  # "The United States": not "states"
        if paired and low in GROUP_NOUNS and low not in _JOINT_HEADS:
            # "Two diplomats familiar with the talks said": unnamed sources, not a joint statement
            return Actor("group", ActorRef("group", _surface(toks)), plural=True)
        if (
            not paired
            and low in {"leaders", "ministers", "governments", "countries", "nations"}
            and any(c.dep_ in {"amod", "compound", "nmod"} for c in head.children)
            and not any(w in {"the", "both"} for w in words[:1])
        ):
            # "Pacific island leaders demanded": a collective speaker, not the two leaders of a meeting
            return Actor("group", ActorRef("group", _surface(toks)), plural=True)
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
        # "A party spokesman said": someone not named, never the spokesman named before
        indefinite = words[:1] in (["a"], ["an"], ["another"])
        if indefinite and low in TITLE_HEADS and low not in GROUP_NOUNS:
            return Actor("group", ActorRef("group", self._with_complement(head, toks)))
        if (low in TITLE_HEADS or low in {"majesty", "highness", "excellency"}) and not indefinite:
            p = self._by_title(words, head.i)
            if p is not None:
                return Actor("person", ActorRef("person", p.name), p)
        government = _government_of(text)
        if government is not None:
            return government
        if low in GROUP_NOUNS or (head.tag_ == "NNPS") or gazetteer.seat(text) is not None:
            plural = head.tag_ in {"NNS", "NNPS"} or low in {"delegation", "team"}
            sides = {p.code for t in toks if (p := gazetteer.lookup(t.text)) is not None and p.kind == "country"}
            if plural and (len(sides) >= 2 or (self.joint_document and not sides)):
                # "U.S. and UK officials reaffirmed ...": both sides speaking, a joint statement
                return _JOINT
            prep = next((c for c in head.rights if c.dep_ == "prep" and c.text.lower() in {"from", "of"}), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if obj is not None and obj.i == prep.i + 1 and gazetteer.lookup(obj.text) is not None:
                text = _surface(list(self.doc[toks[0].i : obj.i + 1]))
            elif (
                obj is not None
                and prep.text.lower() == "of"
                and head.pos_ == "PROPN"
                and obj.left_edge.i == prep.i + 1
                and all(
                    t.text[:1].isupper() or t.lower_ in ("and", "for", "&") for t in self.doc[prep.i + 1 : obj.i + 1]
                )
            ):
                # "the Philippine Department of Foreign Affairs": the body's whole name
                text = _surface(list(self.doc[toks[0].i : obj.i + 1]))
            if text == _surface(toks):
                text = self._with_complement(head, toks)
            return Actor("group", ActorRef("group", text), plural=plural)
        if speaking and head.pos_ == "PROPN" and head.ent_type_ not in {"PERSON", "DATE", "TIME"}:
            # an organisation the gazetteer does not know, as a reporting verb's subject ("the RSF said")
            return Actor("group", ActorRef("group", text))
        return _NONE

    def _pronoun_person(self, gender: str, at: int | None = None) -> Actor:
        last = self.history[-1] if self.history else None
        if at is not None and last is not None:
            # "For Erdogan, the memo was a victory. '...,' he said": the story has moved on to a person
            # this paragraph names, though not as a subject; the last subject is not in the paragraph
            para = self.ctx.line_starts[self.ctx.paragraph_of(self.doc[at].idx)]
            here = [(i, p) for i, p in self.mention_at if i < at and self.doc[i].idx >= para and i not in self.quoted]
            if here and all(p is not last for _, p in here):
                i, p = here[-1]
                if self.genders.get(p.name) in (None, gender):
                    self.genders.setdefault(p.name, gender)
                    return Actor("person", ActorRef("person", p.name), p)
        if at is not None and last is not None and self.genders.get(last.name) not in (None, gender):
            # "X (she) turned to Michel. '...,' he said": the last subject is of the other gender, so the
            # nearest person of a compatible gender mentioned since is meant (an object counts)
            for i, p in reversed(self.mention_at):
                if i >= at:
                    continue
                if at - i > 60 or p is last:
                    break
                if self.genders.get(p.name) in (None, gender):
                    self.genders.setdefault(p.name, gender)
                    return Actor("person", ActorRef("person", p.name), p)
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
        if actor.kind == "person" or actor.kind == "joint":
            self.unnamed_speaker = _NONE
        elif speaking and actor.kind == "group" and not actor.plural and actor.ref is not None:
            first = actor.ref.name.split()[0].lower()
            self.unnamed_speaker = actor if first in TITLE_HEADS or first in _UNNAMED_PEOPLE else _NONE
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


_GOVERNMENT_RE = re.compile(r"^(?:the\s+)?(.+?)(?:['’]s)?\s+government$", re.I)
# the seat that stands for a government when it speaks ("the White House said"), not its offices
_GOVERNMENT_SEATS = frozenset({"white house", "kremlin", "downing street", "elysee", "élysée"})


def _government_of(text: str) -> Actor | None:
    """ "the German government", "Fiji's government", "the White House" said: the country, as the
    annotation convention names governments ("governments are given as the country")."""
    m = _GOVERNMENT_RE.match(text)
    place = gazetteer.lookup(m.group(1)) if m else None
    if place is None and re.sub(r"^the\s+", "", text.strip(), flags=re.I).lower() in _GOVERNMENT_SEATS:
        place = gazetteer.seat(text)
    if place is None or place.kind != "country":
        return None
    return Actor("place", ActorRef("country", place.name, place.code))
