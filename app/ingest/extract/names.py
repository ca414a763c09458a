"""Person-name spans in a parsed document: spaCy PERSON entities, completed and cleaned, plus
names that follow a title ("Special Envoy Witkoff") which the small model often misses.

Each hit is a token span ``[start, end)`` holding only the name (no title, no honorific).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.ingest.extract import gazetteer
from app.ingest.extract.titles import (
    HONORIFICS,
    MEDIA_ROLES,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_NAMES,
    TITLE_HEADS,
    is_title_word,
)

_INITIAL = re.compile(r"^[A-Z]\.(?:[A-Z]\.)?$")
_WORD = re.compile(r"^[A-Z\u00C0-\u024F][\w'’\-\u00C0-\u024F]*$")
_OUTLET_NOUNS = frozenset({"news", "agency", "newspaper", "broadcaster", "television", "tv", "radio", "newswire"})
_MEDIA_MARKERS = ("reporting by", "editing by", "writing by", "additional reporting", "compiled by")
_MAX_NAME = 6


@dataclass(frozen=True)
class NameSpan:
    start: int  # token index
    end: int  # token index, exclusive
    titled: bool  # preceded by a title or honorific


def _is_name_word(tok: Token) -> bool:
    t = tok.text
    if t.lower() in NOT_NAMES or tok.like_num:
        return False
    if _INITIAL.match(t):
        return True
    if not _WORD.match(t) or (t.isupper() and len(t) > 3):
        return False
    low = t.lower()
    return not (low in HONORIFICS or is_title_word(low) or _plural_title(low))


def _is_suffix(doc: Doc, i: int) -> int:
    """Length of a name suffix starting at token i (", Jr." -> 2, "II" -> 1), else 0."""
    if i < len(doc) and doc[i].text.lower() in NAME_SUFFIXES and doc[i].text[0].isupper():
        return 1
    if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].text.lower() in {"jr.", "jr", "sr.", "sr"}:
        return 2
    return 0


def name_run(doc: Doc, i: int) -> int:
    """End (exclusive) of the name that starts at token i; i if there is none."""
    j = i
    while j < len(doc) and j - i < _MAX_NAME:
        tok = doc[j]
        if "\n" in tok.text or (j > i and "\n" in doc[j - 1].whitespace_):
            break
        if _is_name_word(tok):
            j += 1
            continue
        low = tok.text.lower()
        if j > i and low == "may" and tok.tag_ == "NNP" and not (j + 1 < len(doc) and doc[j + 1].like_num):
            j += 1  # "Theresa May", not "May 14"
            continue
        if j > i and low in NAME_PARTICLES and tok.text.islower():
            k = j + 1  # "von der Leyen", "van der Linden": particles in a row, then the surname
            while k < len(doc) and k - j < 3 and doc[k].text in NAME_PARTICLES:
                k += 1
            if k < len(doc) and _is_name_word(doc[k]):
                j = k
                continue
        if j > i and low in {"al-", "el-"}:
            j += 1
            continue
        if (
            j > i
            and low in {"al", "el"}
            and j + 2 < len(doc)
            and doc[j + 1].text in {"-", "‐"}
            and not tok.whitespace_
            and not doc[j + 1].whitespace_
            and _is_name_word(doc[j + 2])
        ):
            j += 3  # "al-Harbi" is split into "al", "-", "Harbi"
            continue
        if (
            j > i
            and tok.text in {"-", "‐"}
            and not doc[j - 1].whitespace_
            and not tok.whitespace_
            and j + 1 < len(doc)
            and doc[j + 1].is_alpha
        ):
            j += 2  # "Jae-myung" is split by the tokenizer
            continue
        break
    if j > i:
        # a trailing initial is not a name ending ("Joseph R.") unless a surname follows
        j += _is_suffix(doc, j)
    return j


def _country_before(doc: Doc, i: int) -> int | None:
    """Where "of <Country>" starts when it ends just before token i ("President of Finland Sauli")."""
    if doc[i].ent_type_ in ("GPE", "LOC"):
        return None
    for n in (1, 2, 3):
        s = i - n
        if s < 2 or not all(t.text[:1].isupper() and "\n" not in t.whitespace_ for t in doc[s:i]):
            continue
        place = gazetteer.lookup(doc[s:i].text)
        if place is None or place.kind != "country" or place.how not in ("name", "alias"):
            continue
        if gazetteer.lookup(doc[s : i + 1].text) is not None:
            return None  # "of Saudi Arabia": the word goes on with the country's name
        k = s - 1
        if doc[k].lower_ == "the" and k > 0:
            k -= 1
        if doc[k].lower_ == "of":
            return k
    return None


def _preceded_by_title(doc: Doc, i: int) -> bool:
    """A title word (with a head somewhere in the run) or an honorific just before token i; also
    "President of Finland Sauli Niinistö", the readouts' way."""
    if _title_run_before(doc, i):
        return True
    of = _country_before(doc, i)
    return of is not None and of >= 1 and _title_run_before(doc, of)


def _title_run_before(doc: Doc, i: int) -> bool:
    k = i - 1
    seen_head = False
    steps = 0
    if k >= 0 and doc[k].text.lower() in {"the", "of", "for", "a", "an", "and", "to", "on", "in"}:
        return False  # "special representative for the South Caucasus": a place, not a name
    while k >= 0 and steps < 6:
        low = doc[k].text.lower()
        if "\n" in doc[k].whitespace_:
            break
        if low in HONORIFICS and doc[k].text[0].isupper():
            return True
        if low in TITLE_HEADS or (low.endswith("s") and low[:-1] in TITLE_HEADS and k == i - 1):
            seen_head = True
        elif not is_title_word(low):
            break
        k -= 1
        steps += 1
    return seen_head


def _is_media(doc: Doc, start: int, end: int) -> bool:
    lo, hi = max(0, start - 4), min(len(doc), end + 5)
    # the role noun next to the name ("CNN host Jake Tapper", "Tapper, a CNN host"), not a verb of the
    # same spelling ("Chile would host a conference") nor a word across a quote ("a wonderful host," Trump)
    # ... never across a line break ("Political Reporter" byline above "Prime Minister X says")
    before = [
        t
        for t in doc[lo:start]
        if not any(u.is_quote or u.text in {",", ".", ";"} or "\n" in u.text + u.whitespace_ for u in doc[t.i : start])
    ]
    after = list(doc[end + 1 : hi]) if end < len(doc) and doc[end].text == "," else []
    if any(t.text.lower() in MEDIA_ROLES and t.pos_ in {"NOUN", "PROPN"} for t in before + after):
        return True
    if end < len(doc) and doc[end].text.lower() in _OUTLET_NOUNS:
        return True  # "the official Xinhua news agency", "the Yonhap agency": an outlet, no person
    sent = doc[start].sent.text.lower()
    return any(m in sent for m in _MEDIA_MARKERS) or sent.startswith("by ")


def bracket_opening(doc: Doc, close: int, floor: int) -> int | None:
    """The "(" or "[" that the bracket at ``close`` ends, at most ten tokens back and not before ``floor``."""
    opening = "(" if doc[close].text == ")" else "["
    return next((k for k in range(close - 1, max(floor, close - 10) - 1, -1) if doc[k].text == opening), None)


def _titled_after(doc: Doc, start: int, end: int) -> bool:
    """Two or three name words followed by ", the <...> <title>," ("X Y, the French foreign minister,")
    or by ", <Place>'s <...> <title>," ("X Y, Indonesia's foreign minister,")."""
    if not 2 <= end - start <= 3 or end + 3 >= len(doc) or doc[end].text != ",":
        return False
    if doc[end + 1].lower_ == "the":
        after = end + 2
    elif doc[end + 1].ent_type_ == "GPE" and doc[end + 2].tag_ == "POS":
        after = end + 3
    else:
        return False
    for t in doc[after : min(len(doc), after + 5)]:
        if t.text in {",", ".", ";"}:
            return False
        if t.lower_ in TITLE_HEADS and t.i + 1 < len(doc) and doc[t.i + 1].text in {",", ".", ";"}:
            return True
    return False


def _plural_title(low: str) -> bool:
    """ "Ministers", "Presidents": a title written for two people ("Prime Ministers Marin and ...")."""
    return low.endswith("s") and low[:-1] in TITLE_HEADS


def _first_name_after_title(doc: Doc, s: int) -> bool:
    """The word before token ``s`` is a first name the model left out of the entity: a name word
    written right after a title or honorific."""
    if s < 2 or "\n" in doc[s - 1].whitespace_ or "\n" in doc[s - 2].whitespace_:
        return False
    prev, title = doc[s - 1], doc[s - 2]
    low = title.text.lower()
    return (
        prev.tag_ == "NNP"
        and _is_name_word(prev)
        and title.text[:1].isupper()
        and (low in HONORIFICS or low in TITLE_HEADS)
    )


def _clean(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading titles/honorifics/determiners and a trailing possessive."""
    while start < end and (
        doc[start].text.lower() in HONORIFICS
        or doc[start].text.lower() in TITLE_HEADS
        or doc[start].text.lower() in NOT_NAMES
        or is_title_word(doc[start].text.lower())
        or _plural_title(doc[start].text.lower())
    ):
        start += 1
    while end > start and doc[end - 1].text in {"'s", "’s", "'", "’", ",", "."}:
        end -= 1
    return start, end


def _plausible(doc: Doc, start: int, end: int, lower_words: frozenset[str], titled: bool) -> bool:
    if end <= start:
        return False
    core_low = [t.text.lower() for t in doc[start:end] if t.text[:1].isupper() and not _INITIAL.match(t.text)]
    # words the document also writes in lower case are common nouns, not names
    common = [w for w in core_low if w in lower_words]
    if core_low and (len(common) == len(core_low) or (common and not titled)):
        return False
    text = doc[start:end].text
    if gazetteer.lookup(text) is not None or gazetteer.lookup_city(text) is not None:
        return False
    words = [t.text for t in doc[start:end]]
    if all(w.lower() in NOT_NAMES or w.lower() in NAME_SUFFIXES for w in words):
        return False
    # every core word must look like a name word; at least one non-initial word
    core = [
        t
        for t in doc[start:end]
        if t.text.lower() not in NAME_PARTICLES
        and t.text not in {",", "-", "‐"}
        and not (t.i > start and doc[t.i - 1].text in {"-", "‐"})
    ]
    if not any(not _INITIAL.match(t.text) for t in core):
        return False
    if len(core) == 1 and gazetteer.lookup(core[0].text) is not None:
        return False
    return all(t.text[:1].isupper() for t in core)


def find_name_spans(
    doc: Doc, tokens: list[Token] | None = None, lower_words: frozenset[str] | None = None
) -> list[NameSpan]:
    """All person-name spans, left to right, without overlaps (``tokens`` and ``lower_words``: the
    document's token list and lower-case words when the caller already has them)."""
    taken: set[int] = set()
    out: list[NameSpan] = []
    if tokens is None:
        tokens = list(doc)
    if lower_words is None:
        lower_words = frozenset(t.text for t in tokens if t.text.islower())

    def add(start: int, end: int, titled: bool) -> None:
        if any(k in taken for k in range(start, end)):
            return
        if not _plausible(doc, start, end, lower_words, titled) or _is_media(doc, start, end):
            return
        taken.update(range(start, end))
        out.append(NameSpan(start, end, titled))

    for i in range(1, len(tokens) - 1):
        # "(Russia's President Vladimir) Putin", "[Prime Minister Benjamin] Netanyahu": an editor's
        # insertion in a quotation; the person is the name after it, the words inside are its title
        if tokens[i].text in (")", "]") and _is_name_word(tokens[i + 1]):
            k = bracket_opening(doc, i, 0)
            if k is not None and any(t.text.lower() in TITLE_HEADS for t in tokens[k + 1 : i]):
                taken.update(range(k, i + 1))
                add(i + 1, name_run(doc, i + 1), True)
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        s, e = _clean(doc, ent.start, ent.end)
        if s >= e:
            continue
        if doc[s].text in NAME_PARTICLES and s > 0 and _is_name_word(doc[s - 1]) and "\n" not in doc[s - 1].whitespace_:
            s -= 1  # "Khalid bin Nasser al-Harbi" tagged from "bin" on
        elif _first_name_after_title(doc, s):
            s -= 1  # "Cardinal Matteo Maria Zuppi" tagged from "Maria" on
        e2 = name_run(doc, s)
        if e2 > e:
            e = e2
        elif e2 > s:
            e = max(e2, e) if all(_is_name_word(t) or t.text.lower() in NAME_PARTICLES for t in doc[s:e]) else e2
        s, e = _clean(doc, s, e)
        add(s, e, _preceded_by_title(doc, s))
    for i in range(1, len(tokens)):
        if i in taken:
            continue
        tok = tokens[i]
        if (
            tok.text in NAME_PARTICLES
            and i + 1 < len(tokens)
            and _is_name_word(tokens[i + 1])
            and tokens[i - 1].text.lower() in HONORIFICS
        ):
            add(i, name_run(doc, i + 1), True)  # "Ms. de Backer", "Mr. van der Linden"
            continue
        if not _is_name_word(tok):
            continue
        if _preceded_by_title(doc, i):
            e = name_run(doc, i)
            s, e = _clean(doc, i, e)
            add(s, e, True)
        elif i >= 2 and tokens[i - 1].text == "," and tokens[i - 2].text.lower() in TITLE_HEADS:
            e = name_run(doc, i)
            if e - i >= 2:
                add(i, e, True)  # "Belgium's foreign minister, Sophie de Backer, said"
        elif (i == 0 or not _is_name_word(tokens[i - 1])) and _titled_after(doc, i, e := name_run(doc, i)):
            add(i, e, True)  # "Laurent Fabius, the French foreign minister, objected" (the tagger: an ORG)
    # a lone surname of a person already found ("Scholz" after "Olaf Scholz")
    surnames = {tokens[n.end - 1].text for n in out if n.end - n.start > 1 and tokens[n.end - 1].text[:1].isupper()}
    for i in range(len(tokens)):
        if i not in taken and tokens[i].text in surnames and _is_name_word(tokens[i]):
            e = name_run(doc, i)
            if e == i + 1:
                add(i, e, _preceded_by_title(doc, i))
    # a lone given name used as a subject where that is the custom ("Abiy said", "Getachew said":
    # Ethiopian and Eritrean names have no family name), when it is nobody's surname
    firsts = {tokens[n.start].text for n in out if n.end - n.start > 1} - surnames
    for i in range(len(tokens)):
        tok = tokens[i]
        if (
            i not in taken
            and tok.text in firsts
            and _is_name_word(tok)
            and (
                (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB")
                # "spoke with Hun Manet and then with Phumtham", "met Anwar": a partner named the same way
                or (tok.dep_ == "pobj" and tok.head.lower_ in ("with", "by", "between"))
                or (tok.dep_ == "dobj" and tok.head.pos_ == "VERB")
            )
            and name_run(doc, i) == i + 1
            and gazetteer.lookup(tok.text) is None
        ):
            add(i, i + 1, False)
    out.sort(key=lambda n: n.start)
    return out


# Common English short forms of given names (general knowledge): "Joe Biden" is "Joseph R. Biden".
_NICKNAMES: dict[str, frozenset[str]] = {
    k: frozenset(v.split())
    for k, v in {
        "joe": "joseph",
        "bill": "william",
        "will": "william",
        "bob": "robert",
        "rob": "robert",
        "mike": "michael",
        "jim": "james",
        "jimmy": "james",
        "tony": "anthony antony",
        "tom": "thomas",
        "dick": "richard",
        "rick": "richard",
        "ted": "edward theodore",
        "ed": "edward",
        "liz": "elizabeth",
        "beth": "elizabeth",
        "kate": "katherine catherine kathryn",
        "chris": "christopher christine",
        "dan": "daniel",
        "steve": "steven stephen",
        "dave": "david",
        "jake": "jacob",
        "jeff": "jeffrey",
        "greg": "gregory",
        "ron": "ronald",
        "don": "donald",
        "jon": "jonathan",
        "tim": "timothy",
        "ken": "kenneth",
        "larry": "lawrence",
        "pat": "patrick patricia",
        "nick": "nicholas",
        "pete": "peter",
        "matt": "matthew",
        "andy": "andrew",
        "sam": "samuel samantha",
        "ben": "benjamin",
        "alex": "alexander alexandra",
        "vlad": "vladimir",
        "bibi": "benjamin",
    }.items()
}


def first_names_compatible(a: str, b: str) -> bool:
    """Two given names can be the same person's: equal, an initial of the other ("J." / "Joseph"),
    a short form the other begins with ("Alex" / "Alexander"), a one-letter transliteration variant,
    or a common short form ("Joe" / "Joseph"). Different names ("Jill" / "Joe") are different people."""
    a, b = a.lower().rstrip(".,"), b.lower().rstrip(".,")
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if 3 <= len(short) <= 5 and long_.startswith(short) and 2 <= len(long_) - len(short) <= 5:
        return True  # "Alex" / "Alexander", not "Paul" / "Paula" nor "Joseph" / "Josephine"
    if len(short) >= 6 and _one_edit(short, long_):
        return True  # a transliteration variant: "Mohammed" / "Mohammad" / "Mohamed"
    return long_ in _NICKNAMES.get(short, frozenset()) or short in _NICKNAMES.get(long_, frozenset())


def _one_edit(a: str, b: str) -> bool:
    """At most one substitution, insertion or deletion apart (``len(a) <= len(b)``)."""
    if len(b) - len(a) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i:] == b[i + 1 :]
