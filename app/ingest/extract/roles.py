"""Role and country of one person mention, read from the words around the name.

Patterns: "UK Prime Minister Keir Starmer", "France's President Emmanuel Macron", "President
Xi Jinping of the People's Republic of China", "Maria Zakharova, Russia's Foreign Ministry
spokeswoman", "the Secretary-General of NATO, Jens Stoltenberg", "President of France
Emmanuel Macron".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.ingest.extract import gazetteer
from app.ingest.extract.gazetteer import Place
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


@dataclass
class RoleInfo:
    role: str | None = None
    place: Place | None = None
    gender: str | None = None
    titled: bool = False  # any title or honorific at all


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
        or (_cap(tok) and tok.pos_ in {"PROPN", "ADJ", "NOUN"})
    )


def _longest_place(words: list[str]) -> tuple[int, Place | None]:
    """Longest prefix of ``words`` that the gazetteer knows (possessive allowed)."""
    for k in range(min(len(words), 6), 0, -1):
        place = gazetteer.lookup(" ".join(words[:k]).replace(" 's", "'s").replace(" ’s", "’s"))
        if place is not None:
            return k, place
    return 0, None


def _parse_run(toks: list[Token]) -> RoleInfo:
    """Split a run like "Russia 's Foreign Ministry spokeswoman" into place and role."""
    info = RoleInfo()
    words = [t.text for t in toks]
    while words and (words[0].lower() in _DETS or words[0] in {"-", "–", "—"}):
        words = words[1:]  # a dateline's dash: "KYIV (Reuters) - Finnish President ..."
    for w in words:
        g = honorific_gender(w) if w.lower() in HONORIFICS else None
        if g:
            info.gender = info.gender or g
    if any(w.lower() in HONORIFICS for w in words):
        info.titled = True
    words = [w for w in words if w.lower() not in HONORIFICS and w.lower() not in _WRAPPERS]
    k, place = _longest_place(words)
    if place is not None:
        info.place = place
        words = words[k:]
    while words and (words[0] in _POSS or words[0].lower() in _DETS):
        words = words[1:]
    if "of" in words:
        i = words.index("of")
        rest = [w for w in words[i + 1 :] if w.lower() != "the"]
        k2, place2 = _longest_place(rest)
        if place2 is not None:
            info.place = info.place or place2
            words = words[:i] + rest[k2:]
    while words and words[-1].lower() in {"of", "the", "and", "-", "–"} | _POSS:
        words = words[:-1]
    # the role starts at its first title word
    while words and not is_title_word(words[0].lower()):
        words = words[1:]
    while words and words[0].lower() in {"of", "the", "and", "for"}:
        words = words[1:]
    if words and any(w.lower().rstrip("s") in TITLE_HEADS or w.lower() in TITLE_HEADS for w in words):
        info.role = " ".join(words)
        info.titled = True
        info.gender = info.gender or title_gender(info.role)
    return info


def _left_run(doc: Doc, end: int, sent_start: int, names: set[int]) -> list[Token]:
    toks: list[Token] = []
    k = end - 1
    while k >= sent_start and len(toks) < _MAX_CTX:
        tok = doc[k]
        if "\n" in tok.text or "\n" in tok.whitespace_ or k in names:
            break
        if tok.text.lower() in {"and", "or", ","} or (not _ctx_word(tok) and tok.text.lower() != "of"):
            break
        toks.insert(0, tok)
        k -= 1
    # a run must not start with "of" or end mid-phrase
    while toks and toks[0].text.lower() in {"of", "and", "for", "to"}:
        toks = toks[1:]
    return toks


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
    if info.place is None:
        info.place = _counterpart_place(doc, start, sent.start)
    return info


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
