"""Documents and extractions written by hand, for tests that store facts without running the
extractor: one summit in Lyon with one quoted speaker."""

from __future__ import annotations

import datetime as dt

from app.ingest.extract.records import ActorRef, EventRecord, Extraction, PersonRecord, StatementRecord
from app.ingest.sources import SourceDocument

FR = ActorRef("country", "France", "FR")
DE = ActorRef("country", "Germany", "DE")


def source(path: str, body: str, published: dt.date | None = dt.date(2024, 6, 6)) -> SourceDocument:
    """A document at ``path`` whose body is ``body`` under a title line."""
    text = f"Title of {path}\n\n\n{body}\n"
    return SourceDocument(
        path=path,
        text=text,
        title=f"Title of {path}",
        subtitle=None,
        body_start=len(text) - len(body) - 1,
        published=published,
    )


def summit_extraction(
    src: SourceDocument, person: str, event_name: str, quote: str, participants: list[ActorRef]
) -> Extraction:
    """The summit ``event_name`` in Lyon on 5 June 2024, and ``person`` saying ``quote`` there."""
    start = src.text.index(quote)
    return Extraction(
        events=[
            EventRecord(
                name=event_name,
                type="summit",
                start=0,
                end=10,
                date=dt.date(2024, 6, 5),
                date_precision="day",
                city="Lyon",
                country_code="FR",
                country="France",
                convenors=[FR],
                participants=list(participants),
            )
        ],
        people=[PersonRecord(name=person, role="President", country="France", country_code="FR", mentions=[(0, 5)])],
        statements=[
            StatementRecord(ActorRef("person", person), quote, True, start, start + len(quote), cue="said", event=0)
        ],
    )
