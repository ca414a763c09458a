"""A joint appearance told without an event word: "US President X, Australian Prime Minister Y and
British Prime Minister Z on Monday unveiled a plan" (a wire lede under a dateline). Leaders of
several countries acting together on one day, where the dateline says, met there: the story's
event, even when the text never calls it a meeting."""

from __future__ import annotations

from app.ingest.extract import actors, dates
from app.ingest.extract.context import DocContext
from app.ingest.extract.cues import cue_lemma
from app.ingest.extract.events.lede import dateline
from app.ingest.extract.events.mention import Mention
from app.ingest.extract.events.syntax import lemma_of
from app.ingest.extract.titles import is_title_head

# acts that need the actors together; reporting ("said"), travel and feelings do not
_JOINT_ACTS = frozenset(
    {
        "unveil",
        "announce",
        "sign",
        "launch",
        "agree",
        "adopt",
        "endorse",
        "issue",
        "pledge",
        "vow",
        "open",
        "inaugurate",
        "commit",
        "seal",
        "reach",
        "conclude",
        "initial",
        "hail",
        "set",
    }
)

# a treaty signed is an event of its own (a signing), read where the signing is told
_SIGNING = frozenset({"sign", "initial", "seal"})


def joint_lede_mention(
    ctx: DocContext, mentions: list[Mention], persons: list[actors.Person], all_dates: list[dates.DateMention]
) -> Mention | None:
    """The lede's joint act as a meeting, when the lede tells no event of its own."""
    lede, dl, city, code = dateline(ctx)
    if lede is None or not city:
        return None
    if any((m.from_title or m.sent_start == lede.start_char) and not m.again for m in mentions):
        return None  # the headline or the lede names the story's event (not one still to come)
    root = lede.root
    if root.pos_ != "VERB" or root.tag_ != "VBD" or lemma_of(root) not in _JOINT_ACTS or cue_lemma(root):
        return None
    # the parser may make each name of "X, Y and Z" a subject of its own, or the dateline the subject
    # with the names hung under it: the subject is what lies after the dateline
    subjects = [c for c in root.children if c.dep_ == "nsubj" and c.right_edge.idx >= dl]
    if not subjects:
        return None
    a = max(dl, subjects[0].left_edge.idx)
    b = subjects[-1].right_edge.idx + len(subjects[-1].right_edge.text)
    people = actors.people_in(persons, a, b)
    codes = list(dict.fromkeys(p.code for p in people if p.code))
    if len(people) < 2 and lemma_of(root) not in _SIGNING and _officials_of_several(subjects, dl):
        # "The foreign ministers of Chile, Peru and Ecuador agreed on Sunday ...": officials unnamed
        codes = actors.codes_in_span(ctx, persons, a, b)
    elif len(people) < 2:
        return None  # one person's act
    if len(codes) < 2:
        return None  # one side's act, or people of one country
    days = [d for d in all_dates if lede.start_char <= d.start < lede.end_char and d.day and not (a <= d.start < b)]
    if len({d.day for d in days}) != 1:
        return None  # (the dateline's day and "on Sunday" are one day)
    m = Mention("meeting", root.idx, root.idx + len(root.text), lede.start_char, lede.end_char)
    m.spans.append((m.start, m.end))
    m.date, m.city, m.country_code = days[0], city, code
    m.codes, m.persons, m.strong = codes, people, True
    return m


def _officials_of_several(subjects, dl: int) -> bool:
    """ "The foreign ministers of X, Y and Z", "the leaders of X and Y": officials told by their title
    (the subject itself, or hung under a dateline the parser took for it)."""
    if len(subjects) != 1:
        return False
    head = subjects[0]
    if head.idx < dl:
        head = next((c for c in head.children if c.dep_ == "appos" and c.idx >= dl), head)
    return (
        head.tag_ == "NNS"
        and is_title_head(head.lemma_)
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
    )
