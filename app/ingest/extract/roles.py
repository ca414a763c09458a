"""Role and country of one person mention, read from the words around the name.

Patterns: "UK Prime Minister Keir Starmer", "France's President Emmanuel Macron", "President
Xi Jinping of the People's Republic of China", "Maria Zakharova, Russia's Foreign Ministry
spokeswoman", "the Secretary-General of NATO, Jens Stoltenberg", "President of France
Emmanuel Macron".
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.ingest.extract import gazetteer
from app.ingest.extract.gazetteer import Place
from app.ingest.extract.names import bracket_opening
from app.ingest.extract.titles import (
    HONORIFICS,
    TITLE_HEADS,
    honorific_gender,
    is_title_word,
    title_gender,
)

_POSS = {"'s", "’s", "'", "’"}
_DETS = {"the", "a", "an", "his", "her"}
_WRAPPERS = {"majesty", "highness", "excellency", "royal"}
_MAX_CTX = 10
# plain words inside a description: "Italy's new prime minister", "China's chief negotiator"
_ROLE_MODIFIERS = frozenset({"new", "chief", "top", "acting", "interim", "outgoing", "incoming", "newly", "senior"})


@dataclass
class RoleInfo:
    role: str | None = None
    place: Place | None = None
    gender: str | None = None
    titled: bool = False  # any title or honorific at all
    title_start: int | None = None  # token where a title written just before the name starts
    place_left: bool = False  # the place was read from the words just before the name ("Israeli ...")
    qualified: bool = False  # a body's name before the title ("Central Bank President"): not the head of state


def _cap(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _ctx_word(tok: Token) -> bool:
    low = tok.text.lower()
    return (
        is_title_word(low)
        or low in HONORIFICS
        or low in _POSS
        or low in _DETS
        or low in _WRAPPERS
        or low in {"-", "–"}
        or low in _ROLE_MODIFIERS
        or (_cap(tok) and tok.pos_ in {"PROPN", "ADJ", "NOUN"})
    )


def _longest_place(words: list[str]) -> tuple[int, Place | None]:
    """Longest prefix of ``words`` that the gazetteer knows (possessive allowed)."""
    for k in range(min(len(words), 6), 0, -1):
        place = gazetteer.lookup(" ".join(words[:k]).replace(" 's", "'s").replace(" ’s", "’s"))
        if place is not None:
            return k, place
    return 0, None


def _render(toks: list[Token]) -> str:
    """The words as written: tokens the text glues together stay glued ("President-elect")."""
    out = ""
    for a, b in itertools.pairwise(toks):
        out += a.text + (a.whitespace_ if b.i == a.i + 1 else " ")
    return out + toks[-1].text if toks else out


def _first_lady(toks: list[Token], k: int) -> bool:
    """ "First Lady": the honorific "Lady" is the head of a title here."""
    return toks[k].text.lower() == "lady" and k > 0 and toks[k - 1].text.lower() == "first"


def _parse_run(toks: list[Token]) -> RoleInfo:
    """Split a run like "Russia 's Foreign Ministry spokeswoman" into place and role."""
    info = RoleInfo()
    while toks and (toks[0].text.lower() in _DETS or toks[0].text in {"-", "–", "—"}):
        toks = toks[1:]  # a dateline's dash: "KYIV (Reuters) - Finnish President ..."
    for t in toks:
        g = honorific_gender(t.text) if t.text.lower() in HONORIFICS else None
        if g:
            info.gender = info.gender or g
    if any(t.text.lower() in HONORIFICS for t in toks):
        info.titled = True
    toks = [
        t
        for k, t in enumerate(toks)
        if (t.text.lower() not in HONORIFICS or _first_lady(toks, k)) and t.text.lower() not in _WRAPPERS
    ]
    k, place = _longest_place([t.text for t in toks])
    if place is not None:
        info.place = place
        info.place_left = True
        toks = toks[k:]
    while toks and (toks[0].text in _POSS or toks[0].text.lower() in _DETS):
        toks = toks[1:]
    low = [t.text.lower() for t in toks]
    if "of" in low:
        i = low.index("of")
        rest = [t for t in toks[i + 1 :] if t.text.lower() != "the"]
        k2, place2 = _longest_place([t.text for t in rest])
        if place2 is not None:
            info.place = info.place or place2
            toks = toks[:i] + rest[k2:]
    while toks and toks[-1].text.lower() in {"of", "the", "and", "-", "–"} | _POSS:
        toks = toks[:-1]
    # the role starts at its first title word
    qualified = False
    while toks and not is_title_word(toks[0].text.lower()):
        qualified = toks[0].pos_ == "PROPN" and len(toks) > 1 and is_title_word(toks[1].text.lower())
        toks = toks[1:]
    while toks and toks[0].text.lower() in {"of", "the", "and", "for", "to"}:
        toks = toks[1:]
    words = [t.text.lower() for t in toks]
    if words and any(w.rstrip("s") in TITLE_HEADS or w in TITLE_HEADS or w == "lady" for w in words):
        info.role = _render(toks)
        info.titled = True
        info.gender = info.gender or title_gender(info.role)
        if words[-1] == "lady":
            info.gender = info.gender or "f"
        info.title_start = toks[0].i
        info.qualified = qualified
    return info


def _left_run(doc: Doc, end: int, sent_start: int, names: set[int]) -> list[Token]:
    toks: list[Token] = []
    k = end - 1
    while k >= sent_start and len(toks) < _MAX_CTX:
        tok = doc[k]
        if "\n" in tok.text or "\n" in tok.whitespace_ or k in names:
            break
        low = tok.text.lower()
        if low == "to" and _title_to(doc, k, sent_start, toks):
            toks.insert(0, tok)  # "Assistant to the President for ..."
            k -= 1
            continue
        joined = low == "and" and k - 1 >= sent_start and _cap(doc[k - 1]) and is_title_word(doc[k - 1].text.lower())
        if joined and toks and _cap(toks[0]) and not _names_place(toks):  # "X Chairman and Guyana's President"
            toks.insert(0, tok)  # "Deputy Clerk and National Security Advisor", "Crown Prince and Prime Minister"
            k -= 1
            continue
        if low in {"and", "or", ","} or (not _ctx_word(tok) and low != "of"):
            break
        toks.insert(0, tok)
        k -= 1
    # a run must not start with "of" or end mid-phrase
    while toks and toks[0].text.lower() in {"of", "and", "for", "to"}:
        toks = toks[1:]
    return toks


def _names_place(toks: list[Token]) -> bool:
    """The title already says whose it is ("Guyana's President")."""
    return any(t.text in _POSS for t in toks) or _longest_place([t.text for t in toks])[1] is not None


def _bracketed(doc: Doc, close: int, sent_start: int) -> RoleInfo | None:
    """ "(Russia's President Vladimir) Putin", "[Prime Minister Benjamin] Netanyahu": an editor's
    insertion in a quotation, the title and given name the speaker left out."""
    k = bracket_opening(doc, close, sent_start)
    if k is None:
        return None
    toks = list(doc[k + 1 : close])
    while toks and _cap(toks[-1]) and toks[-1].pos_ == "PROPN" and not is_title_word(toks[-1].text.lower()):
        toks = toks[:-1]  # the given name
    info = _parse_run(toks) if toks and all(_ctx_word(t) for t in toks) else None
    return info if info is not None and info.role is not None else None


def _title_to(doc: Doc, k: int, sent_start: int, right: list[Token]) -> bool:
    """ "to" inside a title: a capitalised title word before it and a capitalised word after it
    ("Special Assistant to the President", "Ambassador to the United Nations")."""
    if k - 1 < sent_start or not is_title_word(doc[k - 1].text.lower()) or not _cap(doc[k - 1]):
        return False
    after = right[1:2] if right[:1] and right[0].text.lower() == "the" else right[:1]
    return bool(after) and _cap(after[0])


def _right_place_of(doc: Doc, end: int, sent_end: int) -> Place | None:
    """ "... of Russia", "... of the People's Republic of China"."""
    if end >= sent_end or doc[end].text.lower() != "of":
        return None
    words: list[str] = []
    for tok in doc[end + 1 : min(sent_end, end + 8)]:
        if tok.text in {",", ".", "(", ";", ":"} or "\n" in tok.text:
            break
        words.append(tok.text)
    while words and words[0].lower() == "the":
        words = words[1:]
    return _longest_place(words)[1]


def _right_apposition(doc: Doc, end: int, sent_end: int, names: set[int]) -> RoleInfo:
    """ "Maria Zakharova, Russia's Foreign Ministry spokeswoman," -> role and place."""
    if end >= sent_end or doc[end].text != ",":
        return RoleInfo()
    toks: list[Token] = []
    for tok in doc[end + 1 : min(sent_end, end + 1 + _MAX_CTX)]:
        if tok.text in {",", ".", ";", ":", "(", ")"} or "\n" in tok.text:
            break
        if tok.i in names or (not toks and tok.text.lower() in {"and", "or"}):
            return RoleInfo()
        if not _ctx_word(tok) and tok.text.lower() not in {"of", "and"}:
            return RoleInfo()
        toks.append(tok)
    return _parse_run(toks) if toks else RoleInfo()


def role_of(doc: Doc, start: int, end: int, names: set[int] | None = None) -> RoleInfo:
    """Role, country and gender cues for the name at tokens ``[start, end)``; ``names`` holds
    the token indices of other person names (a context run never crosses them)."""
    names = names or set()
    sent = doc[start].sent
    info = _parse_run(_left_run(doc, start, sent.start, names))
    if info.role is None and start - 1 > sent.start and doc[start - 1].text in (")", "]"):
        info = _bracketed(doc, start - 1, sent.start) or info
    if info.role is None and start - 1 > sent.start and doc[start - 1].text == ",":
        left = _parse_run(_left_run(doc, start - 1, sent.start, names))
        if left.role is not None:
            info = left
    right_place = _right_place_of(doc, end, sent.end)
    if right_place is not None and info.place is None:
        info.place = right_place
    if info.role is None or info.place is None:
        app = _right_apposition(doc, end, sent.end, names)
        if app.role is not None:
            # "Prince Khalid ..., the Saudi foreign minister," gives the country
            info.place = info.place or app.place
            if info.role is None:
                info.role = app.role
                info.gender = info.gender or app.gender
            info.titled = True
    t0 = info.title_start
    if info.place is None and t0 is not None and t0 - 1 > sent.start and doc[t0 - 1].text == ",":
        before = _parse_run(_left_run(doc, t0 - 1, sent.start, names))
        if before.role is not None and before.place is not None:
            info.place = before.place  # "China's chief negotiator, Vice Foreign Minister Wu Dawei"
    if info.place is None:
        info.place = _counterpart_place(doc, start, sent.start)
    if info.place is None and info.role:
        info.place = _place_inside_role(info.role)
    return info


_REGION_WORDS = frozenset({"north", "south", "east", "west", "central", "latin", "southeast", "northeast"})


def _place_inside_role(role: str) -> Place | None:
    """ "White House national security adviser", "Kremlin spokesman", "AU High Representative":
    a seat of government or a country/organisation named inside the role itself."""
    words = role.split()
    for i, w in enumerate(words):
        if not w[:1].isupper() or (i and words[i - 1].lower() in _REGION_WORDS):
            continue  # "Chief Officer for North America": a region, not the country "America"
        for n in (2, 1):
            hit = gazetteer.seat(" ".join(words[i : i + n]))
            if hit is not None:
                return hit
        _, place = _longest_place(words[i:])
        if place is not None and place.how in ("name", "alias", "demonym"):
            return place
    return None


def _counterpart_place(doc: Doc, start: int, sent_start: int) -> Place | None:
    """ "his Tanzanian counterpart Grace Mushi", "Her Azerbaijani counterpart, Deputy Foreign
    Minister Rauf Mammadli": the counterpart's country precedes the word "counterpart"."""
    for k in range(start - 1, max(sent_start, start - 8) - 1, -1):
        low = doc[k].text.lower()
        if low in {"counterpart", "counterparts"}:
            if k - 1 >= sent_start:
                place = gazetteer.lookup(doc[k - 1].text)
                if place is not None and place.kind == "country":
                    return place
            return None
        if low in {".", ";", "and", "with", "met", "said"}:
            return None
    return None
