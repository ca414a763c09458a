"""Statements: direct quotes and reported speech, attributed to the right speaker.

Passes, each linear in the document:

1. every clause subject is classified in text order (``coref.Resolver``), so pronouns and
   bare titles resolve to the right person;
2. every reporting verb outside quotes yields an indirect statement: its reported clause or
   object (``reported.content_of``) and its subject's actor;
3. every quotation is a direct statement unless it is a short partial quote inside reported
   speech; its speaker comes from a reporting verb in its sentence(s), else from the
   quotation it continues, the colon block it belongs to, or the previous statement;
4. a sentence ending in "said:" opens a block: the following paragraphs are that speaker's.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.ingest.extract.context import DocContext
from app.ingest.extract.coref import Actor, Resolver
from app.ingest.extract.cues import cue_lemma
from app.ingest.extract.quotes import Quote, find_quotes
from app.ingest.extract.records import ActorRef, PersonRecord, StatementRecord
from app.ingest.extract.reported import content_of, subject_of

log = logging.getLogger(__name__)

_SPEAKING = {"person", "place", "group"}
_CLOSE_MARKS = "\u201d\u00bb\"'\u2019"
# A wire dateline opening a paragraph: "GENEVA, May 14 (Reuters) - ", "CAIRO (AP) — ",
# "RIYADH, Saudi Arabia — ". It is never part of what was said.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]{2,}(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][a-z]+)?)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([^()\n]{1,30}\))?\s*[-—–]{1,2}\s+"
)


def _after_dateline(text: str, start: int, end: int) -> int:
    if start > 0 and text[start - 1] != "\n":
        return start
    m = _DATELINE.match(text, start, end)
    return m.end() if m else start


@dataclass
class _Cue:
    verb: Token
    actor: Actor


def _told_by_name(verb: Token) -> bool:
    """ "Xi told Zelenskiy that ...", "Kinshasa accuses Kigali of ...": a finite report by a named
    speaker (not "the council called for", not "plans to raise")."""
    subj = subject_of(verb)
    return verb.tag_ in ("VBD", "VBZ", "VBP") and subj is not None and subj.pos_ == "PROPN"


def _quote_token_map(tokens: list[Token], quotes: list[Quote]) -> dict[int, int]:
    """Token index -> index of the quote whose marks enclose it (linear merge)."""
    out: dict[int, int] = {}
    qi = 0
    for tok in tokens:
        while qi < len(quotes) and quotes[qi].close <= tok.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi].open <= tok.idx < quotes[qi].close:
            out[tok.i] = qi
    return out


def _walk_subjects(tokens: list[Token], resolver: Resolver) -> dict[int, Actor]:
    """Classify every subject (and the speaker slots of "quoted X", "according to X").

    At the end of each sentence its last speaking person becomes the most recent one again: in
    "Kurti, who spoke after Vučić had left, said ...", a later "he said" is Kurti. A subject inside a
    quotation (the resolver's ``quoted`` tokens) is classified but not remembered."""
    actors: dict[int, Actor] = {}
    speaking: set[int] = set()
    for tok in tokens:
        if cue_lemma(tok) is not None:
            subj = subject_of(tok)
            if subj is not None:
                speaking.add(subj.i)
    sent_end = -1
    last_speaker: Actor | None = None
    for tok in tokens:
        if tok.i >= sent_end:
            if last_speaker is not None:
                resolver.observe(last_speaker, True)
                last_speaker = None
            sent_end = tok.sent.end
        dep = tok.dep_
        if dep == "ROOT" and tok.i in resolver.token_person and tok.pos_ != "PROPN":
            dep = "nsubj"  # a name the tagger read as a verb ("Trump surprised allies ..."): still its subject
        if not (
            dep in {"nsubj", "nsubjpass"}
            or (dep == "dobj" and tok.head.text.lower().startswith("quot"))
            or (dep == "pobj" and tok.head.text.lower() == "to" and tok.head.head.text.lower() == "according")
            or (dep == "pobj" and tok.head.text.lower() == "to" and tok.head.head.text.lower() == "attributable")
        ):
            continue
        actor = resolver.classify(tok, tok.i in speaking)
        actors[tok.i] = actor
        if tok.i in resolver.quoted and tok.i not in speaking:
            continue  # '"President Trump did a miracle," he said': the speaker's words, not the story's subject
        if dep == "nsubj" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.head.children):
            continue  # "the need for Allies to build on ...": not who "they" are in the next sentence
        resolver.observe(actor, tok.i in speaking)
        if tok.i in speaking and actor.kind == "person":
            last_speaker = actor
    return actors


def _record(
    doc: Doc, text: str, actor: Actor, start: int, end: int, direct: bool, cue: Token | None
) -> StatementRecord:
    assert actor.ref is not None
    sent = doc.char_span(start, end, alignment_mode="expand")
    s_start = sent.sent.start_char if sent is not None else None
    s_end = sent.sent.end_char if sent is not None else None
    return StatementRecord(
        speaker=actor.ref,
        text=text[start:end],
        direct=direct,
        start=start,
        end=end,
        cue=cue.text if cue is not None else None,
        cue_start=cue.idx if cue is not None else None,
        cue_end=cue.idx + len(cue.text) if cue is not None else None,
        sentence_start=s_start,
        sentence_end=s_end,
    )


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# verbs that name something in the speaker's own words: "called it "a big step"", "hailed it as "historic""
_NAMING_VERBS = frozenset({"call", "term", "dub", "label", "brand", "hail", "deem"})


_VERDICT_NOUNS = frozenset(
    {
        "words", "verdict", "message", "assessment", "view", "quip", "warning", "remark", "comment", "appeal",
        "plea", "admission", "boast", "assurance", "promise", "reaction", "response", "line", "point", "phrase",
    }
)  # fmt: skip
_VERDICT_HEADS = tuple(["the", w] for w in _VERDICT_NOUNS)


_CITED_RE = re.compile(r",?\s+according to\b")


class _Finder:
    def __init__(self, ctx: DocContext, people: list[PersonRecord]) -> None:
        self.ctx = ctx
        self.doc: Doc = ctx.doc
        self.text = ctx.text
        self.tokens = ctx.tokens
        self.body_start = ctx.body_start
        self.quotes = find_quotes(self.text)
        self.in_quote = _quote_token_map(self.tokens, self.quotes)
        self.resolver = Resolver(ctx, people, quoted=self.in_quote)
        self.actors = _walk_subjects(self.tokens, self.resolver)
        self.para = ctx.line_starts
        self.people = people
        # sentences that take up the quote before them as their subject's words ("X repeated that line")
        self.taken_up: list[tuple[int, int, int]] = []

    def para_of(self, offset: int) -> int:
        return self.ctx.paragraph_of(offset)

    def actor_for(self, verb: Token) -> Actor | None:
        subj = subject_of(verb)
        if subj is None:
            return None
        actor = self.actors.get(subj.i) or self.resolver.classify(subj)
        return actor if actor.kind in _SPEAKING and actor.ref is not None else None

    # -- reported speech -------------------------------------------------------------
    def cues(self) -> list[_Cue]:
        out = []
        for tok in self.tokens:
            if tok.idx < self.body_start or tok.i in self.in_quote or cue_lemma(tok) is None:
                continue
            actor = self.actor_for(tok)
            if actor is not None:
                out.append(_Cue(tok, actor))
        return out

    def indirect(self, cues: list[_Cue]) -> list[StatementRecord]:
        out: list[tuple[StatementRecord, Token]] = []
        for cue in cues:
            span = content_of(cue.verb)
            if span is None:
                continue
            start, end = self.tokens[span[0]].idx, self.tokens[span[1] - 1].idx + len(self.tokens[span[1] - 1].text)
            start = _after_dateline(self.text, start, end)
            cited = _CITED_RE.search(self.text, start, end)
            if cited:  # "Li urged the G20 to ..., according to Xinhua": the source is not the words
                end = cited.start()
            if end - start < 3:
                continue
            out.append((_record(self.doc, self.text, cue.actor, start, end, False, cue.verb), cue.verb))
        # "Luxon says he raised human rights with Li": what was said, not a second statement of the
        # reporting verb inside it; but "Xi told Zelenskiy that ..., the foreign ministry said": the
        # ministry only tells what Xi said, so the statement is Xi's
        dropped: set[int] = set()
        for n, (_, verb) in enumerate(out):
            for m, (o, o_verb) in enumerate(out):
                if m != n and o.start <= verb.idx < o.end:
                    dropped.add(m if o_verb.idx >= o.end and _told_by_name(verb) else n)
        return [r for n, (r, _) in enumerate(out) if n not in dropped]

    def according_to(self, cues: list[_Cue]) -> list[StatementRecord]:
        out = []
        cue_sents = {c.verb.sent.start for c in cues}
        for tok in self.tokens:
            if tok.text.lower() != "according" or tok.idx < self.body_start or tok.i in self.in_quote:
                continue
            if tok.sent.start in cue_sents:
                continue  # the sentence has its own speaker; "according to" only cites where it was said
            to = next((c for c in tok.children if c.text.lower() == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is None:
                continue
            actor = self.actors.get(obj.i)
            if actor is None or actor.kind not in _SPEAKING or actor.ref is None:
                continue
            sent = tok.sent
            lo, hi = tok.i, obj.right_edge.i + 1
            before = (sent.start, lo)
            after = (hi, sent.end)
            s, e = before if before[1] - before[0] >= after[1] - after[0] else after
            while s < e and (self.tokens[s].is_punct or self.tokens[s].is_space):
                s += 1
            while e > s and (self.tokens[e - 1].is_punct or self.tokens[e - 1].is_space):
                e -= 1
            if e - s < 3:
                continue
            start, end = self.tokens[s].idx, self.tokens[e - 1].idx + len(self.tokens[e - 1].text)
            start = _after_dateline(self.text, start, end)
            out.append(_record(self.doc, self.text, actor, start, end, False, tok))
        return out

    # -- quotations ------------------------------------------------------------------
    def quote_cue(self, q: Quote, cue_tokens: dict[int, _Cue]) -> _Cue | None:
        a = self.doc.char_span(q.open, q.open + 1, alignment_mode="expand")
        b = self.doc.char_span(max(q.close - 1, q.open), q.close, alignment_mode="expand")
        if a is None or b is None:
            return None
        sa, sb = a.sent, b.sent
        after = [cue_tokens[i] for i in range(b.end, sb.end) if i in cue_tokens]
        if after:
            return after[0]
        if sb.end < len(self.doc) and self.text[q.close - 2 : q.close].rstrip(_CLOSE_MARKS)[-1:] in ("!", "?"):
            # "“The war will end!” he wrote.": the parser ended the sentence at the "!"
            nxt = self.doc[sb.end].sent
            if "\n" not in self.text[q.close : nxt.start_char]:
                near = [cue_tokens[i] for i in range(nxt.start, min(nxt.start + 4, nxt.end)) if i in cue_tokens]
                if near:
                    return near[0]
        before = [cue_tokens[i] for i in range(sa.start, a.start) if i in cue_tokens]
        if before:
            return before[-1]
        return None

    def verdict_after(self, q: Quote) -> Actor | None:
        """ "'The agreement is not perfect.' That was the verdict of China's negotiator Xie", "The words
        were Mr Lavrov's": a quote that is its whole sentence, owned by the next one."""
        b = self.doc.char_span(max(q.close - 1, q.open), q.close, alignment_mode="expand")
        if b is None or self.text[q.close : b.sent.end_char].strip(" .\n") or b.sent.end >= len(self.doc):
            return None
        nxt = self.doc[b.sent.end].sent
        if (owner := self._said_it_again(nxt)) is not None:
            self.taken_up.append((nxt.start_char, nxt.end_char, nxt.root.idx))
            return owner
        words = [t.lower_ for t in nxt[:3]]
        if not words or (words[0] not in ("that", "those", "these", "such") and words[:2] not in _VERDICT_HEADS):
            return None
        if nxt.root.lemma_.lower() not in ("be", "come") or nxt.root.i in self.in_quote:
            return None
        after = nxt.root.idx + len(nxt.root.text)
        named = [(a, p) for p in self.people for a, _ in p.mentions if after <= a < nxt.end_char]
        if named:  # the first person named after "was": "the verdict of China's negotiator Xie Zhenhua"
            person = min(named, key=lambda x: x[0])[1]
            return Actor("person", person.ref, person)
        return None

    def _said_it_again(self, sent) -> Actor | None:
        """ "Blinken repeated that line ...", "Park delivered that message to Wang ...": the subject
        of a sentence that takes up the quote just told as its own words."""
        root = sent.root
        if root.i in self.in_quote or root.pos_ != "VERB":
            return None
        said = any(
            c.dep_ == "dobj"
            and c.lower_ in _VERDICT_NOUNS
            and any(d.dep_ == "det" and d.lower_ in ("that", "this", "the") for d in c.children)
            for c in root.children
        )
        return self.actor_for(root) if said else None

    def opens_sentence(self, q: Quote) -> bool:
        """The quotation starts its sentence (a free-standing quote, not words quoted inside one)."""
        a = self.doc.char_span(q.open, q.open + 1, alignment_mode="expand")
        if a is None:
            return False
        return not self.text[a.sent.start_char : q.open].strip()

    def is_partial(self, q: Quote, indirect: list[StatementRecord]) -> bool:
        """A quote inside reported speech that is only a small part of it stays there."""
        for st in indirect:
            inside = q.start >= st.start - 1 and q.end <= st.end + 2  # the clause may drop a final "."
            if inside and (q.end - q.start) < 0.5 * (st.end - st.start):
                return True
        return self._scare_quote(q)

    def naming_verb(self, q: Quote) -> Token | None:
        """ "Xi called the expansion "historic"", "whom he has called a "traitor"": a verb of naming
        just before the quoted words, whose subject is the one who said them."""
        a = self.doc.char_span(q.open, q.open + 1, alignment_mode="expand")
        if a is None:
            return None
        sent = a.sent
        for t in reversed(self.doc[max(sent.start, a.start - 8) : a.start]):
            if t.text in {".", ";", '"', "“", "”"}:
                return None
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in _NAMING_VERBS:
                return t
        return None

    def _scare_quote(self, q: Quote) -> bool:
        """A few quoted words in running text with no verb: a term, not a statement."""
        if self.naming_verb(q) is not None:
            return False
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return True
        words = [t for t in span if not t.is_punct]
        if len(words) >= 4 or any(t.pos_ in {"VERB", "AUX"} for t in words):
            return False
        before = self.text[: q.open].rstrip()
        if not before or before[-1] in ".!?:\n" or self.text[q.open - 1 : q.open] == "\n":
            return False
        after = self.text[q.close :].lstrip()
        return not (self.text[q.end : q.close].rstrip(' "”').endswith(",") or after.startswith(","))


def _direct_and_indirect(f: _Finder) -> list[StatementRecord]:
    cues = f.cues()
    cue_tokens = {c.verb.i: c for c in cues}
    indirect = f.indirect(cues) + f.according_to(cues)
    blocks = _colon_blocks(f, cue_tokens)
    block_paras = {p for p, _ in blocks.items()}

    direct: list[StatementRecord] = []
    chain_actor: dict[int, Actor] = {}
    pending: list[Quote] = []
    quotes = [q for q in f.quotes if q.start >= f.body_start and not f.is_partial(q, indirect)]
    found: dict[int, tuple[Actor, Token | None]] = {}
    for idx, q in enumerate(quotes):
        para = f.para_of(q.open)
        if para in block_paras and blocks[para][1]:
            continue  # an unquoted block paragraph: the paragraph itself is the statement
        cue = f.quote_cue(q, cue_tokens)
        naming = f.naming_verb(q) if cue is None else None
        named_by = f.actor_for(naming) if naming is not None else None
        if cue is not None:
            found[idx] = (cue.actor, cue.verb)
            chain_actor.setdefault(q.chain, cue.actor)
        elif named_by is not None:
            found[idx] = (named_by, naming)
        else:
            pending.append(q)
    # anchors for continuation: every attributed statement so far, by position
    anchors: list[tuple[int, Actor]] = sorted(
        [(s.start, Actor(_kind(s.speaker), s.speaker)) for s in indirect]
        + [(quotes[i].start, a) for i, (a, _) in found.items()],
        key=lambda x: x[0],
    )
    for idx, q in enumerate(quotes):
        actor: Actor | None
        verb: Token | None = None
        if idx in found:
            actor, verb = found[idx]
        else:
            # "... That was the verdict of X": named right after, over a chain of the speaker before
            actor = f.verdict_after(q) if f.opens_sentence(q) else None
            actor = actor or chain_actor.get(q.chain)
            para = f.para_of(q.open)
            if actor is None and para in blocks:
                actor = blocks[para][0]
            if actor is None and f.opens_sentence(q):
                k = bisect.bisect_left([a[0] for a in anchors], q.start) - 1
                if k >= 0 and para - f.para_of(anchors[k][0]) <= 1:
                    actor = anchors[k][1]
            if actor is not None:
                bisect.insort(anchors, (q.start, actor), key=lambda x: x[0])
        if actor is None or actor.ref is None:
            continue
        direct.append(_record(f.doc, f.text, actor, q.start, q.end, True, verb))
    # unquoted colon blocks
    for para, (actor, unquoted) in blocks.items():
        if not unquoted:
            continue
        s = f.para[para]
        e = f.para[para + 1] - 1 if para + 1 < len(f.para) else len(f.text)
        while s < e and f.text[s].isspace():
            s += 1
        while e > s and f.text[e - 1].isspace():
            e -= 1
        if e > s:
            direct.append(_record(f.doc, f.text, actor, s, e, True, None))

    spans = [(d.start, d.end) for d in direct]
    kept = [
        st
        for st in indirect
        # "X repeated that line", "..., according to his ministry": the quote before is the statement
        if not any(
            a <= st.start < b and (st.cue_start == verb or (st.cue or "").startswith("according"))
            for a, b, verb in f.taken_up
        )
        and not any(_overlap((st.start, st.end), sp) > 0.5 * (st.end - st.start) for sp in spans)
        and not any(_overlap((st.start, st.end), sp) > 0.5 * (sp[1] - sp[0]) for sp in spans)
    ]
    out = sorted(direct + kept, key=lambda s: (s.start, s.end))
    dedup: list[StatementRecord] = []
    for st in out:
        if dedup and dedup[-1].start == st.start and dedup[-1].end == st.end:
            continue
        dedup.append(st)
    return dedup


def _kind(ref: ActorRef) -> str:
    return {"person": "person", "country": "place", "organisation": "place"}.get(ref.kind, "group")


def _colon_blocks(f: _Finder, cue_tokens: dict[int, _Cue]) -> dict[int, tuple[Actor, bool]]:
    """Paragraph index -> (speaker, paragraph is unquoted) for paragraphs that follow a
    paragraph ending in "said:" / "is attributable to X:"."""
    out: dict[int, tuple[Actor, bool]] = {}
    n = len(f.para)
    for p in range(n - 1):
        s = f.para[p]
        e = f.para[p + 1] - 1
        line = f.text[s:e].rstrip()
        if not line.endswith(":") or (s < f.body_start and f.para[p + 1] <= f.body_start):
            continue
        span = f.doc.char_span(s, s + len(line), alignment_mode="expand")
        if span is None:
            continue
        last = span[-1].sent
        actor: Actor | None = None
        framed = False  # "The following is attributable to X:": every paragraph after it is X's
        for tok in last:
            if tok.i in cue_tokens:
                actor = cue_tokens[tok.i].actor
            elif tok.text.lower() == "attributable":
                to = next((c for c in tok.children if c.text.lower() == "to"), None)
                obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
                a = f.actors.get(obj.i) if obj is not None else None
                if a is not None and a.kind in _SPEAKING:
                    actor = a
                    framed = True
        if actor is None:
            continue
        first = f.text[f.para[p + 1] : f.para[p + 2] if p + 2 < n else len(f.text)].lstrip()
        quoted = bool(first) and first[0] in '"“'
        for q in range(p + 1, n):
            qs = f.para[q]
            qe = f.para[q + 1] - 1 if q + 1 < n else len(f.text)
            body = f.text[qs:qe].strip()
            if not body:
                continue
            if quoted and body[0] not in '"“':
                break
            if not quoted:
                if body.endswith(":") or len(body.split()) < 4:
                    break
                other = (
                    []
                    if framed
                    else [
                        c
                        for i, c in cue_tokens.items()
                        if qs <= f.tokens[i].idx < qe and c.actor.ref != actor.ref and f.tokens[i].i not in f.in_quote
                    ]
                )
                if other:
                    break
            out[q] = (actor, not quoted)
    return out


def find_statements(ctx: DocContext, people: list[PersonRecord]) -> list[StatementRecord]:
    if len(ctx.doc) == 0:
        return []
    try:
        return _spelled_out(ctx.text, _direct_and_indirect(_Finder(ctx, people)))
    except Exception:  # a statement extractor must never take an ingest down
        log.exception("statement extraction failed")
        return []


_DEFINED_ACRONYM = re.compile(
    r"\b((?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the)\s+)*){1,6}[A-Z][\w'’-]*)\s+\(([A-Z][A-Z-]{1,7})\)"
)


def _spelled_out(text: str, statements: list[StatementRecord]) -> list[StatementRecord]:
    """ "the paramilitary Rapid Support Forces (RSF) ... the RSF said": a group the story spells out once
    speaks under its full name (an organisation of our own table keeps its code and name)."""
    full: dict[str, str] = {}
    for m in _DEFINED_ACRONYM.finditer(text):
        name, acr = m.group(1).strip(), m.group(2)
        initials = "".join(w[0] for w in name.split() if w[:1].isupper())
        if initials.replace("-", "") == acr.replace("-", "") or len(acr) <= len(initials):
            full.setdefault(acr, name)
    if not full:
        return statements
    for st in statements:
        ref = st.speaker
        if ref is not None and ref.kind != "person" and ref.code in (None, ref.name) and ref.name in full:
            st.speaker = ActorRef(ref.kind, full[ref.name], ref.code)
    return statements
