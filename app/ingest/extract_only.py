"""Extraction without a database: sources -> spaCy -> records (used by ``summitry extract`` and ingest)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from app.ingest import nlp
from app.ingest.extract import extract
from app.ingest.extract.context import DocContext
from app.ingest.extract.records import Extraction
from app.ingest.sources import SourceDocument

if TYPE_CHECKING:
    from spacy.tokens import Doc


def context_for(source: SourceDocument, parsed: Doc) -> DocContext:
    return DocContext(
        doc=parsed,
        published=source.published,
        title=source.title,
        body_start=source.body_start,
        outlet=source.outlet,
    )


def extract_many(docs: Iterable[SourceDocument], batch_size: int = 16) -> Iterator[tuple[SourceDocument, Extraction]]:
    """Parse with ``nlp.pipe`` in batches and run the extractors on each parsed document."""
    pending = list(docs)
    parsed = nlp.parse_many((d.text for d in pending), batch_size=batch_size)
    for source, doc in zip(pending, parsed, strict=True):
        yield source, extract(context_for(source, doc))
