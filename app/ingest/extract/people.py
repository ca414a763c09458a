"""People: names with their role and country; mentions of every person, country and organisation.

One linear pass finds name spans (``names``), reads the title around each (``roles``), then
mentions are grouped into people by surname: "Macron" joins "Emmanuel Macron", "Xi" joins
"Xi Jinping", "President López Obrador" joins "Andrés Manuel López Obrador".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from app.ingest.extract import gazetteer
from app.ingest.extract.context import DocContext
from app.ingest.extract.gazetteer import Place
from app.ingest.extract.names import NameSpan, find_name_spans
from app.ingest.extract.records import ActorRef, Mention, PersonRecord
from app.ingest.extract.roles import RoleInfo, role_of
from app.ingest.extract.titles import NAME_PARTICLES, NAME_SUFFIXES

_SUFFIX_RE = re.compile(r",?\s+(?:Jr|Sr)\.?$")


@dataclass
class _Cluster:
    variants: list[str] = field(default_factory=list)  # name surfaces, in order of appearance
    surfaces: list[str] = field(default_factory=list)  # surfaces incl. titles, for aliases
    spans: list[tuple[int, int]] = field(default_factory=list)
    infos: list[RoleInfo] = field(default_factory=list)


def _core_words(name: str) -> list[str]:
    words = [w for w in _SUFFIX_RE.sub("", name).split() if w.lower() not in NAME_PARTICLES]
    return [w for w in words if w.lower().rstrip(",") not in NAME_SUFFIXES] or words


def _key_words(name: str) -> list[str]:
    return [w.lower().strip(",") for w in _core_words(name)]


def _compatible(a: str, b: str) -> bool:
    """Two multi-word names can be one person: same surname and compatible first names."""
    ka, kb = _key_words(a), _key_words(b)
    if not ka or not kb or ka[-1] != kb[-1]:
        return False
    if len(ka) == 1 or len(kb) == 1:
        return True
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    if long_[-len(short) :] == short:
        return True
    return ka[0][0] == kb[0][0]


def _join(clusters: list[_Cluster], name: str) -> _Cluster | None:
    keys = _key_words(name)
    if not keys:
        return None
    if len(keys) == 1:
        # a lone word: the person whose surname it is, else one of whose names it is
        for c in clusters:
            if any(_key_words(v)[-1:] == keys for v in c.variants):
                return c
        for c in clusters:
            if any(keys[0] in _key_words(v) for v in c.variants):
                return c
        return None
    for c in clusters:
        if any(_compatible(name, v) for v in c.variants):
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
    """'President Biden' / 'Mr. Kushner' when the name follows a title directly."""
    if span.start == 0 or not info.titled:
        return None
    prev = doc[span.start - 1]
    if prev.text[:1].isupper() and prev.text not in {",", "'s", "’s"}:
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
    for ent in ctx.doc.ents:
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


def find_people(ctx: DocContext) -> tuple[list[PersonRecord], list[Mention]]:
    doc = ctx.doc
    if len(doc) == 0:
        return [], []
    clusters: list[_Cluster] = []
    spans = _drop_headline_only(ctx, find_name_spans(doc))
    person_tokens: set[int] = {i for s in spans for i in range(s.start, s.end)}
    for span in spans:
        name = doc[span.start : span.end].text
        info = role_of(doc, span.start, span.end, person_tokens)
        info.titled = info.titled or span.titled
        cluster = _join(clusters, name)
        if cluster is None:
            cluster = _Cluster()
            clusters.append(cluster)
        cluster.variants.append(name)
        titled_surface = _surface_with_title(doc, span, info)
        if titled_surface:
            cluster.surfaces.append(titled_surface)
        cluster.spans.append((doc[span.start].idx, doc[span.end - 1].idx + len(doc[span.end - 1].text)))
        cluster.infos.append(info)

    home = gazetteer.outlet_country(ctx.outlet)
    people: list[PersonRecord] = []
    mentions: list[Mention] = []
    for c in clusters:
        name = _canonical(c.variants)
        role, place, gender, titled = _merge_infos(c.infos)
        if place is None and home is not None and titled:
            place = home
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
