"""What every extractor gets: the parsed document, its metadata, and per-document indexes.

spaCy rebuilds ``Doc.text`` from its tokens on every access and creates a new ``Token``/``Span``
object on every iteration or index; the cached properties below do that once per document, so
the extractors can share them instead of walking the ``Doc`` again.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


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

    @cached_property
    def tokens(self) -> list[Token]:
        """Every token, created once (``tokens[i]`` is ``doc[i]`` without a new object)."""
        return list(self.doc)

    @cached_property
    def sents(self) -> list[Span]:
        return list(self.doc.sents)

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        return tuple(self.doc.ents)

    @cached_property
    def lower_words(self) -> frozenset[str]:
        """Words the document writes in lower case somewhere (common nouns, not names)."""
        return frozenset(t.text for t in self.tokens if t.text.islower())

    @cached_property
    def line_starts(self) -> list[int]:
        """Where each line (a paragraph of the seed layout) starts."""
        starts = [0]
        i = self.text.find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = self.text.find("\n", i + 1)
        return starts

    def paragraph_of(self, pos: int) -> int:
        """The number of the line that holds ``pos``."""
        return bisect.bisect_right(self.line_starts, pos) - 1

    @cached_property
    def _sent_starts(self) -> list[int]:
        return [s.start_char for s in self.sents]

    def sentence_at(self, pos: int) -> Span | None:
        """The sentence whose characters ``[start_char, end_char)`` hold ``pos``, else None."""
        k = bisect.bisect_right(self._sent_starts, pos) - 1
        if k < 0:
            return None
        sent = self.sents[k]
        return sent if pos < sent.end_char else None
