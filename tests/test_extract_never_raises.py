"""The extractor never raises, whatever the text: Hypothesis feeds it arbitrary Unicode and
news-shaped text with unbalanced quotes, stray titles and odd dates."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.ingest import nlp
from app.ingest.extract import extract
from app.ingest.extract.context import DocContext

WORDS = [
    '"',
    "“",
    "”",
    "'",
    "‘",
    "’",
    ":",
    ",",
    ".",
    "\n",
    "\n\n",
    "said",
    "told",
    "according to",
    "he",
    "she",
    "they",
    "President",
    "Prime Minister",
    "Macron",
    "Ms.",
    "Mr.",
    "of",
    "France",
    "NATO",
    "Russia's",
    "summit",
    "talks",
    "met",
    "in",
    "Paris",
    "on",
    "Thursday",
    "March 27",
    "next week",
    "agreed to",
    "rejected",
    "announced",
    "the",
    "leaders",
    "A spokesman said:",
    "—",
    "(",
    ")",
    "2025",
    "31st",
    "é",
    "🙂",
]


def _run(text: str, published: dt.date | None) -> None:
    doc = nlp.parse(text)
    ex = extract(DocContext(doc=doc, published=published, title=text.split("\n", 1)[0], body_start=0))
    for rec in [*ex.statements, *ex.agreements, *ex.events]:
        assert 0 <= rec.start <= rec.end <= len(text)
    for s in ex.statements:
        assert text[s.start : s.end] == s.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))))
def test_arbitrary_unicode(text: str, published: dt.date | None) -> None:
    _run(text, published)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=80), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))
def test_news_shaped_noise(words: list[str], published: dt.date) -> None:
    _run(" ".join(words), published)
