"""What every extractor gets: the parsed document and its metadata."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class DocContext:
    doc: Doc  # spaCy parse of the full text (title, subtitle, body); offsets index into doc.text
    published: dt.date | None  # publication date, the anchor for relative dates
    title: str
    body_start: int  # character offset where the body starts (after title and subtitle)
    outlet: str | None = None  # publisher ("The White House", "Reuters"); optional

    @cached_property
    def text(self) -> str:
        # spaCy rebuilds Doc.text from its tokens on every access: read it once per document
        return self.doc.text
