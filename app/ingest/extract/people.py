"""People: names with their role and country; mentions of every person, country and organisation.

One linear pass finds name spans (``names``), reads the title around each (``roles``), then
mentions are grouped into people by surname: "Macron" joins "Emmanuel Macron", "Xi" joins
"Xi Jinping", "President López Obrador" joins "Andrés Manuel López Obrador".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from app.ingest.extract import gazetteer
from app.ingest.extract.context import DocContext
from app.ingest.extract.gazetteer import Place
from app.ingest.extract.names import NameSpan, find_name_spans, first_names_compatible
from app.ingest.extract.records import ActorRef, Mention, PersonRecord
from app.ingest.extract.roles import RoleInfo, role_of
from app.ingest.extract.titles import HONORIFICS, NAME_PARTICLES, NAME_SUFFIXES, TITLE_HEADS, is_title_word

_SUFFIX_RE = re.compile(r",?\s+(?:Jr|Sr)\.?$")


@dataclass
class _Cluster:
    variants: list[str] = field(default_factory=list)  # name surfaces, in order of appearance
    surfaces: list[str] = field(default_factory=list)  # surfaces incl. titles, for aliases
    spans: list[tuple[int, int]] = field(default_factory=list)
    infos: list[RoleInfo] = field(default_factory=list)
    names: list[NameSpan] = field(default_factory=list)  # token spans of the mentions
    place: Place | None = None
    spread: bool = False  # the place may spread along a list of names ("Israeli A, B and C")

    def roles(self) -> set[str]:
        return {w.lower() for i in self.infos if i.role for w in i.role.replace("-", " ").split()}

    def gender(self) -> str | None:
        return next((i.gender for i in self.infos if i.gender), None)


def _core_words(name: str) -> list[str]:
    words = [w for w in _SUFFIX_RE.sub("", name).split() if w.lower() not in NAME_PARTICLES]
    return [w for w in words if w.lower().rstrip(",") not in NAME_SUFFIXES] or words


_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ash|as|at|an|ar|az)[-‑]")


def _key_words(name: str) -> list[str]:
    # "al-Zayani" and "Zayani" are one surname
    return [_ARABIC_ARTICLE.sub("", w.lower().strip(",")) for w in _core_words(name)]


def _compatible(a: str, b: str) -> bool:
    """Two names can be one person: same surname and compatible first names ("Joe Biden" and
    "Joseph R. Biden", not "Jill Biden")."""
    ka, kb = _key_words(a), _key_words(b)
    if not ka or not kb or ka[-1] != kb[-1]:
        return False
    if len(ka) == 1 or len(kb) == 1:
        return True
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    if long_[-len(short) :] == short:
        return True
    return first_names_compatible(ka[0], kb[0])


def _conflicts(name: str, c: _Cluster) -> bool:
    """The cluster holds a full name with the same surname and another first name."""
    keys = _key_words(name)
    return any(
        len(kv) > 1 and kv[-1] == keys[-1] and not _compatible(name, v) for v in c.variants if (kv := _key_words(v))
    )


def _hint(doc: Doc, span: NameSpan, info: RoleInfo) -> set[str]:
    """Title words of one mention ("President", "First Lady", "Dr."): which of two namesakes it is."""
    words = {w.lower() for w in (info.role or "").replace("-", " ").split()} & (set(TITLE_HEADS) | {"lady"})
    if span.start > 0 and doc[span.start - 1].text.lower() in HONORIFICS:
        words.add(doc[span.start - 1].text.lower().rstrip("."))
    return words


def _hints(doc: Doc, c: _Cluster) -> set[str]:
    return set().union(*(_hint(doc, n, i) for n, i in zip(c.names, c.infos, strict=True))) if c.names else set()


def _pick(doc: Doc, cands: list[_Cluster], span: NameSpan, info: RoleInfo) -> _Cluster | None:
    """The namesake a surname-only mention stands for: the one whose title or gender it shares,
    else the one named last."""
    if info.gender:
        cands = [c for c in cands if c.gender() in (None, info.gender)] or (cands if len(cands) > 1 else [])
    if len(cands) <= 1:
        return cands[0] if cands else None
    hint = _hint(doc, span, info)
    if hint:
        by_title = [c for c in cands if hint & _hints(doc, c)]
        if by_title:
            cands = by_title
    return max(cands, key=lambda c: max(n.start for n in c.names))


_ROYAL = frozenset({"king", "queen", "emir", "amir", "sultan", "emperor"})


def _other_person(c: _Cluster, info: RoleInfo) -> bool:
    """ "Jordan's King Abdullah" is not the UAE's Sheikh Abdullah bin Zayed, whose given name it shares:
    another country, or a monarch's title where the other has none."""
    if info.place is not None and any(i.place is not None and i.place.code != info.place.code for i in c.infos):
        return True
    royal = set((info.role or "").lower().split()) & _ROYAL
    return bool(royal) and not any(set((i.role or "").lower().split()) & _ROYAL for i in c.infos)


def _join(doc: Doc, clusters: list[_Cluster], name: str, span: NameSpan, info: RoleInfo) -> _Cluster | None:
    keys = _key_words(name)
    if not keys:
        return None
    if len(keys) == 1:
        # a lone word: the person whose surname it is, else one of whose names it is
        cands = [
            c for c in clusters if any(_key_words(v)[-1:] == keys for v in c.variants) and not _other_person(c, info)
        ]
        if cands:
            return _pick(doc, cands, span, info)
        for c in clusters:
            if any(keys[0] in _key_words(v) for v in c.variants) and not _other_person(c, info):
                return c
        return None
    for c in clusters:
        if any(_compatible(name, v) for v in c.variants) and not _conflicts(name, c):
            return c
    # a longer form of a lone-word cluster ("Xi" then "Xi Jinping")
    for c in clusters:
        if all(len(_key_words(v)) == 1 for v in c.variants) and any(_key_words(v)[0] in keys for v in c.variants):
            return c
    return None


def _canonical(variants: list[str]) -> str:
    best = max(variants, key=lambda v: (len(_core_words(v)), len(v)))
    return _SUFFIX_RE.sub("", best).strip().rstrip(",")


def _surface_with_title(doc: Doc, span: NameSpan, info: RoleInfo) -> str | None:
    """'President Biden', 'Prime Minister Kishida', 'Mr. Kushner': the name with the whole title
    written just before it (never a fragment such as "Minister Kishida"); None for a title with
    lower-case words in it ("Minister of Defense")."""
    if span.start == 0 or not info.titled:
        return None
    prev = doc[span.start - 1]
    if info.title_start is not None and info.title_start < span.start:
        title = doc[info.title_start : span.start]
        glued = {t.i for t in title if t.text in {"-", "‐"}} | {t.i + 1 for t in title if t.text in {"-", "‐"}}
        if all(t.text[:1].isupper() or t.i in glued or t.text in {"-", "‐"} for t in title):
            return doc[info.title_start : span.end].text
        return None
    if prev.text.lower() in HONORIFICS and prev.text[:1].isupper():
        return doc[span.start - 1 : span.end].text
    return None


def _merge_infos(infos: list[RoleInfo]) -> tuple[str | None, Place | None, str | None, bool]:
    role = place = gender = None
    titled = False
    for info in infos:
        titled = titled or info.titled
        if role is None and info.role:
            role = info.role
        if place is None and info.place is not None:
            place = info.place
        if gender is None and info.gender:
            gender = info.gender
    # the role as written, without a trailing plural from "Presidents Biden and ..."
    if role and role.endswith("s") and " " not in role and role.lower()[:-1] in {"president", "minister", "secretary"}:
        role = role[:-1]
    return role, place, gender, titled


def _place_mentions(ctx: DocContext, person_tokens: set[int]) -> list[Mention]:
    out: list[Mention] = []
    for ent in ctx.ents:
        if ent.label_ not in {"GPE", "NORP", "ORG", "LOC", "FAC"} or ent.start in person_tokens:
            continue
        place = gazetteer.lookup(ent.text) or gazetteer.seat(ent.text)
        if place is None:
            continue
        kind = "organisation" if place.kind == "organisation" else "country"
        out.append(Mention(ActorRef(kind, place.name, place.code), ent.start_char, ent.end_char))
    return out


def _drop_headline_only(ctx: DocContext, spans: list[NameSpan]) -> list[NameSpan]:
    """A name in the title or subtitle whose last word the body never uses is a Title-Case
    artefact ("European Ministers Agree on ..."), not a person."""
    body = ctx.text[ctx.body_start :]
    if not ctx.body_start or not body.strip():
        return spans
    doc = ctx.doc
    return [s for s in spans if doc[s.start].idx >= ctx.body_start or doc[s.end - 1].text in body]


# --- names that are not people -----------------------------------------------------------------
# Last words of place names ("Erez West", "Kerem Shalom Crossing", "Taiwan Strait").
_PLACE_HEADS = frozenset(
    [
        "east",
        "west",
        "north",
        "south",
        "crossing",
        "crossings",
        "exhibition",
        "convention",
        "strait",
        "straits",
        "valley",
        "bank",
        "gate",
        "corridor",
        "border",
        "province",
        "region",
        "district",
        "island",
        "islands",
        "sea",
        "ocean",
        "river",
        "mountains",
        "peninsula",
        "gulf",
        "bay",
        "canal",
        "airport",
        "port",
        "square",
        "street",
        "avenue",
        "palace",
        "hall",
        "centre",
        "center",
        "building",
        "county",
        "oblast",
        "governorate",
        "city",
    ]
)
# Nouns a place name modifies ("the Rafah crossing", "the Donbas region").
_PLACE_NOUNS = frozenset(
    [
        "crossing",
        "crossings",
        "exhibition",
        "convention",
        "border",
        "city",
        "town",
        "village",
        "region",
        "area",
        "province",
        "governorate",
        "district",
        "camp",
        "port",
        "corridor",
        "airport",
        "strait",
        "valley",
        "river",
    ]
)
_LOCATIVE = frozenset({"in", "near", "into", "throughout", "inside", "outside"})
# Heads of named documents and plans that the model tags as people
_THING_HEADS = frozenset(
    {"accords", "accord", "agreement", "treaty", "declaration", "protocol", "doctrine", "initiative"}
)
# Heads of the names of bodies, buildings and works, never of a person even after a title word
_ORG_HEADS = frozenset(
    {"committee", "commission", "council", "secretariat", "institute", "agency", "ministry", "department",
     "community", "front", "party", "union", "alliance", "movement", "association", "organization",
     "organisation", "forum", "fund", "army", "forces", "police", "embassy", "hotel", "dam", "centre", "center",
     "program", "programme", "university", "parliament", "assembly"}
)  # fmt: skip
# A place described in apposition: "in Sde Boker, the desert kibbutz where ..."
_DESCRIBED_PLACE = frozenset(
    {"kibbutz", "town", "village", "city", "resort", "capital", "enclave", "settlement", "island", "port", "region"}
)


# adjectives that open the name of an office's field ("Director of National Intelligence")
_OFFICE_ADJECTIVES = frozenset(
    {"national", "international", "global", "foreign", "public", "economic", "strategic", "political", "civil"}
)


def _not_a_person(ctx: DocContext, c: _Cluster, name: str) -> bool:
    """Group names ("the Houthis"), places ("Rafah", "Erez West") and organisations that the model
    tagged as people. A name with a title or honorific is always kept, unless it is the rest of an
    office's own name ("Director of National Drug Control Policy", "for International Narcotics")."""
    toks = ctx.tokens
    if all(
        n.start >= 2 and toks[n.start - 1].lower_ in _OFFICE_ADJECTIVES and toks[n.start - 2].lower_ in ("of", "for")
        for n in c.names
    ):
        return True
    words = name.split()
    if words[-1].lower() in _ORG_HEADS:
        return True  # "General Border Committee", "Grand Ethiopian Renaissance Dam": a title word opens a name
    if any(i.titled for i in c.infos):
        return False
    if words[-1].lower() in _PLACE_HEADS or words[-1].lower() in _THING_HEADS:
        return True  # "Erez West", "the Abraham Accords"
    texts = set(c.variants)
    full = any(len(_key_words(v)) > 1 for v in texts)
    if not full and any(e.text in texts and e.label_ in {"GPE", "LOC", "FAC"} for e in ctx.ents):
        return True  # a lone word the model reads as a place elsewhere in the text
    if any(gazetteer.lookup(v) is not None or gazetteer.lookup_city(v) is not None for v in texts):
        return True
    for n in c.names:
        prev = toks[n.start - 1].text.lower() if n.start > 0 else ""
        nxt = toks[n.end] if n.end < len(toks) else None
        if n.end - n.start == 1:
            tok = toks[n.start]
            if tok.tag_ == "NNPS" or (prev == "the" and tok.text.endswith("s")):
                return True  # "the Houthis": a group, not a surname
            if all(n2.start > 0 and toks[n2.start - 1].text.lower() == "the" for n2 in c.names):
                return True  # "operations in the Sahel": people are not "the X"
            if prev == "on" and all(toks[m.start - 1].text.lower() == "on" for m in c.names if m.start > 0):
                return True  # "said on Twitter", "wrote on Telegram": a platform
        if n.start >= 2 and prev == "of" and toks[n.start - 2].text.lower() in _PLACE_NOUNS:
            return True  # "the border village of Panmunjom"
        if nxt is not None and nxt.text.lower() in _PLACE_NOUNS:
            j = n.start - 1
            while j > 0 and toks[j].text[:1].isupper() and not toks[j].is_sent_start:
                j -= 1  # "the Kefar Dalun crossing" when only "Dalun" was read as a name
            if j >= 0 and toks[j].text.lower() == "the":
                return True  # "the Rafah crossing"
        if (
            prev in _LOCATIVE
            and nxt is not None
            and nxt.text == ","
            and any(t.lower_ in _DESCRIBED_PLACE for t in toks[n.end + 1 : n.end + 6])
            and toks[n.end + 1].lower_ in ("the", "a")
        ):
            return True  # "at the Kedma hotel in Sde Boker, the desert kibbutz where ..."
        if (
            prev in _LOCATIVE
            and toks[n.start].ent_type_ != "PERSON"
            and not (nxt is not None and nxt.text in {"'s", "’s"})
        ):
            return True  # "fighting in Rafah" (but "confidence in Netanyahu" is tagged as a person)
    return False


# --- countries ---------------------------------------------------------------------------------
# Titles a government does not give its own officials: a person so styled in its readout is a
# foreigner even when the text gives no country.
NOT_OWN_STYLE: dict[str, frozenset[str]] = {
    "US": frozenset(
        [
            "minister",
            "prime",
            "premier",
            "chancellor",
            "king",
            "queen",
            "prince",
            "princess",
            "emir",
            "amir",
            "sheikh",
            "shaikh",
            "shaykh",
            "sultan",
            "crown",
            "taoiseach",
            "monarch",
            "emperor",
            "majesty",
            "highness",
            "excellency",
            "ayatollah",
            "minister-president",
            "grand",
            "duke",
            "pope",
            "cardinal",
            "patriarch",
            "imam",
            "rabbi",
            "archbishop",
            "mp",
            "opposition",
        ]
    ),
}
# Offices one person holds at a time: two people so styled are not both the outlet's own.
_UNIQUE_OFFICES = frozenset({"president", "vice president", "first lady", "prime minister", "chancellor"})


def _office(role: str | None) -> str | None:
    if not role:
        return None
    low = " ".join(role.lower().replace("-", " ").split())
    return low if low in _UNIQUE_OFFICES else None


def _list_neighbour(ctx: DocContext, prev: NameSpan, cur: NameSpan, info: RoleInfo, items: int) -> bool:
    """``cur`` follows ``prev`` in one enumeration of names ("A, Minister B, and War Cabinet members C"):
    only commas, "and" and title-like words between them; a bare "and" only inside a longer list."""
    toks = ctx.tokens
    lo = prev.end
    hi = info.title_start if info.title_start is not None and info.title_start > lo else cur.start
    gap = toks[lo:hi]
    if len(gap) > 8 or any("\n" in t.text or "\n" in t.whitespace_ for t in toks[lo : cur.start]):
        return False
    seps = [t for t in gap if t.text in {",", "and"}]
    if not seps:
        return False
    for t in gap:
        low = t.text.lower()
        if t.text in {",", "and"} or is_title_word(low) or low in HONORIFICS:
            continue
        if t.pos_ in {"PROPN", "NOUN", "ADJ"} and gazetteer.lookup(t.text) is None:
            continue  # "War Cabinet members"
        return False
    return any(t.text == "," for t in gap) or items >= 3


def _spread_places(ctx: DocContext, clusters: list[_Cluster]) -> None:
    """A demonym or possessive country before the first name of a list holds for the names that
    follow it ("Israeli Leader of the Opposition A, Minister of Defense B, and C"): a name joins the
    list when only commas, "and" and title words separate it from the previous one and the parser
    makes it a conjunct or apposition of an earlier item (not "with A, B said"). Only a country
    written in the list itself spreads, never one read about the same person elsewhere."""
    doc = ctx.doc
    order = sorted(
        ((n, i, c) for c in clusters for n, i in zip(c.names, c.infos, strict=True)), key=lambda x: x[0].start
    )
    items: list[tuple[int, int]] = []
    carried: Place | None = None  # the country the current list spreads
    prev: NameSpan | None = None
    for n, info, c in order:
        lo = info.title_start if info.title_start is not None and info.title_start < n.start else n.start
        head = doc[n.start : n.end].root
        linked = head.dep_ in {"conj", "appos"} and any(a <= head.head.i < b for a, b in items)
        if prev is not None and linked and _list_neighbour(ctx, prev, n, info, len(items) + 1):
            items.append((lo, n.end))
            if info.place is not None:
                carried = info.place if info.place_left else None
            elif carried is not None and c.place is None:
                c.place = carried
        else:
            items = [(lo, n.end)]
            carried = info.place if info.place is not None and info.place_left else None
        prev = n


_DELEGATION_NOUNS = frozenset({"delegation", "team", "side", "party"})
_LISTING_VERBS = frozenset({"include", "comprise", "consist"})


def _delegation_members(ctx: DocContext, clusters: list[_Cluster]) -> None:
    """ "The Mexican delegation included Foreign Secretary A; Secretary of Security B; and C": the
    names listed after the verb belong to the delegation's country, unless the text gives their own."""
    doc = ctx.doc
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in _LISTING_VERBS:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.lemma_.lower() in _DELEGATION_NOUNS), None)
        if subj is None:
            continue
        owner = None
        for t in subj.subtree:
            if t.i < subj.i and t.text[:1].isupper() and t.lower_ != "the":
                owner = gazetteer.lookup(re.sub(r"[’']s$", "", t.text))
                if owner is not None:
                    break
        if owner is None:
            continue
        end = tok.i  # the list runs to the end of the paragraph (the parser may cut it into sentences)
        while end < len(doc) and "\n" not in doc[end].text and "\n" not in doc[end].whitespace_:
            end += 1
        for c in clusters:
            if c.place is None and all(tok.i < n.start <= end for n in c.names):
                c.place = owner


def _title_place(ctx: DocContext, c: _Cluster, name: str) -> Place | None:
    """The document title names the person with a country ("Call with President Lula of Brazil",
    "Meeting with Brazilian Presidential Advisor Amorim") though the body only has the surname."""
    title = ctx.title or ""
    keys = _core_words(name)
    if not title or not keys:
        return None
    for m in re.finditer(rf"\b{re.escape(keys[-1])}\b", title):
        after = re.match(r"(?:[’']s)?,?\s+of\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s*(?:of\s+)?)+)", title[m.end() :])
        if after:
            place = _longest(after.group(1).split())
            if place is not None:
                return place
        before = title[: m.start()].split()
        run: list[str] = []
        for w in reversed(before):
            if not w[:1].isupper() or w.lower() in {"with", "and", "between"}:
                break
            run.insert(0, w)
        # "Brazilian Presidential Advisor Celso Amorim": a country word, then a title, then the name
        for k, w in enumerate(run):
            place = gazetteer.lookup(w)
            if place is not None and place.how in {"demonym", "name", "alias"}:
                if k + 1 < len(run) and is_title_word(run[k + 1].lower()):
                    return place
                break
    return None


def _longest(words: list[str]) -> Place | None:
    for k in range(min(len(words), 6), 0, -1):
        place = gazetteer.lookup(" ".join(words[:k]))
        if place is not None:
            return place
    return None


def _counterpart(ctx: DocContext, c: _Cluster) -> bool:
    """Described as someone's counterpart: not the outlet's own official."""
    toks = ctx.tokens
    for n in c.names:
        lo = max(0, n.start - 8)
        for t in toks[lo : n.start]:
            if t.text.lower() in {"counterpart", "counterparts"}:
                between = toks[t.i + 1 : n.start]
                if all(x.text in {","} or _cap(x) or is_title_word(x.text.lower()) for x in between):
                    return True
    return False


def _cap(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _own_style(home: Place, role: str | None) -> bool:
    banned = NOT_OWN_STYLE.get(home.code, frozenset())
    return not (role and any(w in banned for w in role.lower().replace("-", " ").split()))


def _assign_countries(ctx: DocContext, clusters: list[_Cluster], names: list[str]) -> None:
    for c in clusters:
        _, c.place, _, _ = _merge_infos(c.infos)
        c.spread = c.place is not None and any(i.place_left for i in c.infos)
    _spread_places(ctx, clusters)
    _delegation_members(ctx, clusters)
    for c, name in zip(clusters, names, strict=True):
        if c.place is None:
            c.place = _title_place(ctx, c, name)
    home = gazetteer.outlet_country(ctx.outlet)
    if home is None:
        return
    # the outlet government's own officials: its style of title, no country named anywhere, not a
    # counterpart; of two people styled with one office ("President"), only the more prominent
    held = {_office(_merge_infos(c.infos)[0]) for c in clusters if c.place is not None and c.place.code == home.code}
    cands = []
    for c in clusters:
        role, _, _, titled = _merge_infos(c.infos)
        if c.place is None and titled and _own_style(home, role) and not _counterpart(ctx, c):
            qualified = all(i.qualified for i in c.infos if i.role)
            cands.append((c, None if qualified else _office(role)))
    cands.sort(key=lambda x: (_met_with(ctx, x[0]), -len(x[0].names), min(n.start for n in x[0].names)))
    for c, office in cands:
        if office is not None and office in held:
            continue
        c.place = home
        held.add(office)


_MEET_WORDS = frozenset(
    {"meet", "met", "meets", "meeting", "spoke", "speak", "speaks", "call", "called", "calls", "talked", "talks"}
)


def _met_with(ctx: DocContext, c: _Cluster) -> bool:
    """Named as the object of "met with" / "spoke with" / "a call with": the other side of a readout."""
    doc = ctx.doc
    for n in c.names:
        head = doc[n.start : n.end].root
        while head.dep_ in {"conj", "appos"} and head.head.i != head.i:
            head = head.head
        prep = head.head
        if head.dep_ == "pobj" and prep.lower_ == "with" and prep.head.lower_ in _MEET_WORDS:
            return True
    return False


def find_people(ctx: DocContext) -> tuple[list[PersonRecord], list[Mention]]:
    doc = ctx.doc
    if len(doc) == 0:
        return [], []
    clusters: list[_Cluster] = []
    spans = _drop_headline_only(ctx, find_name_spans(doc, ctx.tokens, ctx.lower_words))
    person_tokens: set[int] = {i for s in spans for i in range(s.start, s.end)}
    for span in spans:
        name = doc[span.start : span.end].text
        info = role_of(doc, span.start, span.end, person_tokens)
        info.titled = info.titled or span.titled
        cluster = _join(doc, clusters, name, span, info)
        if cluster is None:
            cluster = _Cluster()
            clusters.append(cluster)
        cluster.variants.append(name)
        titled_surface = _surface_with_title(doc, span, info)
        if titled_surface:
            cluster.surfaces.append(titled_surface)
        cluster.spans.append((doc[span.start].idx, doc[span.end - 1].idx + len(doc[span.end - 1].text)))
        cluster.infos.append(info)
        cluster.names.append(span)

    names = [_canonical(c.variants) for c in clusters]
    kept = [(c, n) for c, n in zip(clusters, names, strict=True) if not _not_a_person(ctx, c, n)]
    clusters, names = [c for c, _ in kept], [n for _, n in kept]
    _assign_countries(ctx, clusters, names)
    people: list[PersonRecord] = []
    mentions: list[Mention] = []
    for c, name in zip(clusters, names, strict=True):
        role, _, gender, _ = _merge_infos(c.infos)
        place = c.place
        aliases: list[str] = []
        for s in [*c.variants, *c.surfaces]:
            if s != name and s not in aliases:
                aliases.append(s)
        person = PersonRecord(
            name=name,
            aliases=aliases,
            role=role,
            country=place.name if place else None,
            country_code=place.code if place else None,
            gender=gender,  # type: ignore[arg-type]
            mentions=sorted(c.spans),
        )
        people.append(person)
        mentions.extend(Mention(person.ref, s, e) for s, e in person.mentions)
    mentions.extend(_place_mentions(ctx, person_tokens))
    mentions.sort(key=lambda m: m.start)
    return people, mentions
