"""Build a DocContext from a short text, the way the ingest does (title line, blank lines, body)."""

from __future__ import annotations

import datetime as dt

from app.ingest import nlp
from app.ingest.extract.context import DocContext


def make_ctx(
    body: str,
    published: dt.date | None = None,
    *,
    title: str = "Test document",
    outlet: str | None = None,
) -> DocContext:
    text = f"{title}\n\n\n{body}" if title else body
    body_start = len(title) + 3 if title else 0
    return DocContext(
        doc=nlp.parse(text),
        published=published or dt.date(2025, 3, 27),
        title=title,
        body_start=body_start,
        outlet=outlet,
    )
