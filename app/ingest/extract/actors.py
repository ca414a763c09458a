"""Countries, organisations and people named in a stretch of text, for events and agreements.

Uses the people extractor's records when there are any (name, aliases, country); otherwise a
light fallback reads PERSON entities and "President X of Country" / "France's President X".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.ingest.extract import gazetteer
from app.ingest.extract.context import DocContext
from app.ingest.extract.records import ActorRef, PersonRecord

SHORT = {"US": "US", "GB": "UK", "EU": "EU", "UN": "UN"}
_TITLE_WORDS = {
    "president",
    "prime",
    "minister",
    "secretary",
    "foreign",
    "chancellor",
    "king",
    "queen",
    "premier",
    "his",
    "her",
    "majesty",
    "highness",
    "state",
    "of",
    "defense",
    "defence",
    "vice",
    "special",
    "envoy",
    "crown",
    "prince",
    "sheikh",
    "shaikh",
    "shaykh",
    "emir",
    "amir",
    "general",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "national",
    "security",
    "advisor",
    "adviser",
    "spokesperson",
    "spokeswoman",
    "spokesman",
    "leader",
    "senior",
    "deputy",
    "ambassador",
    "the",
}
_ROLE_NOUNS = {
    "president",
    "leader",
    "leaders",
    "minister",
    "delegation",
    "officials",
    "counterpart",
    "chancellor",
    "king",
    "premier",
    "prime",
    "secretary",
    "envoy",
    "government",
    "presidents",
}


@dataclass
class Person:
    name: str
    surname: str
    code: str | None  # country/organisation code
    mentions: list[tuple[int, int]]
    # a side of the event even without a known country: an official named in a government's own
    # readout ("King Charles III" in a White House readout is a counterpart, not a bystander)
    side: bool = False


def surname(name: str) -> str:
    name = re.sub(r",?\s+(?:Jr|Sr)\.?$", "", name.strip())
    parts = [p for p in name.split() if p.lower() not in _TITLE_WORDS]
    if not parts:
        return name
    if len(parts) >= 2 and re.fullmatch(r"[IVX]+", parts[-1]):
        return " ".join(parts[-2:])
    return parts[-1]


def country_ref(code: str) -> ActorRef | None:
    place = gazetteer.country(code)
    if place is None:
        return None
    kind = "organisation" if place.kind == "organisation" else "country"
    return ActorRef(kind, place.name, place.code)


def short_name(code: str) -> str:
    return SHORT.get(code) or gazetteer.display_name(code)


def places_in(text: str) -> list[str]:
    """Country/organisation codes named in a short text (names, demonyms, compounds)."""
    out: list[str] = []
    for _, chunk in _name_chunks(text):
        codes = _codes_for(chunk)
        for c in codes:
            if c not in out:
                out.append(c)
    return out


_NAME_CHUNK = re.compile(r"[A-Z][\w.'’]*(?:[-–][A-Z]?[\w.'’]+)*(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][\w.'’]*)*")


def _name_chunks(text: str) -> Iterator[tuple[int, str]]:
    """Runs of capitalised words, each with its offset."""
    for m in _NAME_CHUNK.finditer(text):
        if m.group(0).lower() in _BODY_WORDS and re.search(
            r"[A-Z][\w'’]*\s+and\s+$", text[max(0, m.start() - 40) : m.start()]
        ):
            continue  # "the Peace and Security Council": the rest of another body's name
        yield m.start(), m.group(0)


# regions named like a demonym: "South American leaders" are not American (United States) ones
_REGIONS = re.compile(r"\b(?:South|Latin|Central|North|Pan)[- ]Americans?\b")


# names a body shares with others when another name comes before them: "the Foreign Affairs
# Commission", "the Atlantic Alliance", "the National Security Council", "Russia's Security Council"
_BODY_WORDS = frozenset({"commission", "alliance", "security council"})


def _another_bodys(words: list[str], i: int) -> bool:
    """The generic body name at ``words[i]`` follows another name, so it is that one's body."""
    if i == 0 or not words[i - 1][:1].isupper() or words[i - 1].lower() == "the":
        return False
    before = gazetteer.lookup(re.sub(r"[’']s$", "", words[i - 1]))
    return before is None or before.code != "UN"  # "U.N. Security Council" is the UN's


def _codes_for(chunk: str, capitals: bool = False) -> list[str]:
    chunk = _REGIONS.sub(" ", chunk).strip(" .,'’")
    if not chunk:
        return []
    place = gazetteer.lookup(chunk)
    if place is not None and (capitals or place.how != "capital"):
        return [place.code]
    if re.search(r"[-–]", chunk):
        parts = gazetteer.split_compound(chunk.split()[0])
        if parts:
            return [p.code for p in parts]
        head = re.split(r"[-–]", chunk)[0]
        p = gazetteer.lookup(head)
        if p is not None and p.how != "capital":
            return [p.code]
    words = chunk.split()
    # longest sub-span that is a place ("the People's Republic of China", "United Kingdom Prime")
    for n in range(len(words), 0, -1):
        for i in range(0, len(words) - n + 1):
            sub = " ".join(words[i : i + n])
            p = gazetteer.lookup(sub)
            if sub.lower() in _BODY_WORDS and _another_bodys(words, i):
                continue  # "the Foreign Affairs Commission", "the Atlantic Alliance": another body's name
            if p is not None and p.how != "capital" and sub.lower() not in _TITLE_WORDS:
                after = words[i + n :]
                for k in (2, 1):  # "Russia's Security Council": Russia's own body, not the UN's
                    if p.code != "UN" and " ".join(after[:k]).lower() in _BODY_WORDS:
                        after = after[k:]
                        break
                rest = words[:i] + after
                return [p.code, *_codes_for(" ".join(rest), capitals)] if rest else [p.code]
    return []


def doc_people(ctx: DocContext, people: list[PersonRecord]) -> list[Person]:
    if people:
        official = gazetteer.outlet_country(ctx.outlet) is not None
        out = []
        for p in people:
            code = _code_before(ctx.text, p.mentions) or p.country_code
            side = code is not None or (official and p.role is not None)
            out.append(Person(p.name, _short_form(p), code, list(p.mentions), side))
        return out
    return _fallback_people(ctx)


_PRE_TITLE = re.compile(
    r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)\s+(?:(?:Prime|Foreign|Defen[cs]e|Vice|Deputy|Crown|"
    r"National|Security|Finance|Trade|Interior)\s+)*(?:President|Minister|Chancellor|King|Queen|Prince|Premier|"
    r"Secretary|Envoy|Leader|Advisor|Adviser|Ambassador|Spokesperson|Spokesman|Spokeswoman|Emir|Amir|Sheikh)"
    r"(?:\s+[A-Z][\w'’.-]*)*\s*$"
)


def _code_before(text: str, mentions: list[tuple[int, int]]) -> str | None:
    """'Japanese Prime Minister Shigeru Ishiba': the demonym before the title gives the country."""
    for a, _ in mentions:
        line_start = text.rfind("\n", 0, a) + 1
        m = _PRE_TITLE.search(text[max(line_start, a - 60) : a])
        if m and not (m.group(1).endswith(".") and m.group(1).count(".") == 1):  # not "... Taiwan Strait. President"
            codes = _codes_for(m.group(1))
            if codes:
                return codes[-1]
    return None


# Family names written first in Chinese, Korean and Vietnamese names ("Xi Jinping", "Yoon Suk Yeol").
_FAMILY_FIRST_NAMES = (
    "Xi Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin Guo Ma Luo Liang Song Zheng Xie "
    "Tang Feng Dong Xiao Cao Yuan Deng Fu Shen Zeng Peng Su Jiang Cai Jia Ding Wei Ye Yan Pan Du Dai Xia "
    "Zhong Tian Ren Fan Fang Shi Yao Tan Qin Kong Bai Cui Mao Qiu Qian Hou Shao Meng Duan Lei Hao "
    "Kim Lee Park Yoon Moon Choi Chung Jung Cho Lim Shin Ahn Kwon Hwang Yoo Oh Seo Han Ban Ko "
    "Nguyen Tran Pham Vo Ho Phan Tsai Lai"
)
_FAMILY_FIRST = frozenset(_FAMILY_FIRST_NAMES.split())


def _family_first(words: list[str], aliases: list[str]) -> bool:
    if len(words) < 2 or len(words) > 3 or words[0] not in _FAMILY_FIRST:
        return False
    if any(a.split()[-1:] == [words[-1]] and len(a.split()) == 1 for a in aliases):
        return False  # the text itself uses the last word alone
    return not (len(words) == 2 and words[1] in _FAMILY_FIRST and words[1] in ("Lee", "Kim", "Park", "Han"))


def _short_form(p: PersonRecord) -> str:
    """The surname as the text uses it: the shortest alias made of the name's own words
    ("Xi" for Xi Jinping, "López Obrador"), else the last word of the name."""
    words = p.name.replace(",", " ").split()
    if _family_first(words, list(p.aliases)):
        return words[0]
    best = None
    best_key: tuple[bool, int] | None = None
    for a in p.aliases:
        aw = a.replace(",", " ").split()
        if not aw or any(w.lower() in _TITLE_WORDS for w in aw):
            continue
        n = len(aw)
        inside = any(words[i : i + n] == aw for i in range(len(words) - n + 1)) and n < len(words)
        # the surname the text also uses: "Starmer", not the "Keir" of "Sir Keir" ("Abiy" when alone)
        key = (words[-n:] != aw, len(a))
        if inside and (best_key is None or key < best_key):
            best, best_key = a, key
    return best or surname(p.name)


def _fallback_people(ctx: DocContext) -> list[Person]:
    text = ctx.text
    found: dict[str, Person] = {}
    for ent in ctx.ents:
        if ent.label_ != "PERSON":
            continue
        name = re.sub(r"[’']s$", "", ent.text).strip()
        if len(name) < 3 or gazetteer.lookup(name) is not None:
            continue
        sur = surname(name)
        code = None
        after = text[ent.end_char : ent.end_char + 60]
        m = re.match(r",?\s+of\s+(?:the\s+)?([A-Z][\w'’]*(?:\s+(?:of\s+)?[A-Z][\w'’]*)*)", after)
        if m and not (m.group(1).endswith(".") and m.group(1).count(".") == 1):  # not "... Taiwan Strait. President"
            codes = _codes_for(m.group(1))
            code = codes[0] if codes else None
        if code is None:
            before = text[max(0, ent.start_char - 60) : ent.start_char]
            codes = places_in(before.split(".")[-1])
            code = codes[-1] if codes else None
        key = sur.lower()
        if key in found:
            found[key].mentions.append((ent.start_char, ent.end_char))
            if found[key].code is None:
                found[key].code = code
            if len(name) > len(found[key].name):
                found[key].name = name
        else:
            found[key] = Person(name, sur, code, [(ent.start_char, ent.end_char)])
    return list(found.values())


def people_in(persons: list[Person], start: int, end: int) -> list[Person]:
    out = []
    for p in persons:
        if any(start <= a < end for a, _ in p.mentions) and p not in out:
            out.append(p)
    return out


def codes_in_span(ctx: DocContext, persons: list[Person], start: int, end: int, capitals: bool = False) -> list[str]:
    """Countries/organisations in [start, end): named ones first, then people's countries, in order."""
    items: list[tuple[int, str]] = []
    text = ctx.text[start:end]
    for at, chunk in _name_chunks(text):
        for c in _codes_for(chunk, capitals):
            items.append((start + at, c))
    for p in persons:
        for a, _ in p.mentions:
            if start <= a < end and p.code:
                items.append((a, p.code))
    items.sort()
    out: list[str] = []
    for _, c in items:
        if c not in out:
            out.append(c)
    return out
