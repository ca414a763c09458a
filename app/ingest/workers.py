"""Parse and extract in worker processes, so both cores work and the store overlaps the parse.

The main process plans and stores (one writer); ``workers`` processes each load the spaCy
pipeline once and turn chunks of documents into extractions. Small jobs stay in-process:
starting a worker and loading the model costs more than parsing a handful of documents.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterator
from multiprocessing.pool import Pool

from app.ingest import nlp
from app.ingest.extract import extract
from app.ingest.extract.records import Extraction
from app.ingest.extract_only import context_for
from app.ingest.sources import SourceDocument

CHUNK = 8  # documents a worker parses with one nlp.pipe call
MIN_FOR_WORKERS = 48  # below this, parse in-process
Result = Extraction | str  # an extraction, or why it failed


def default_workers() -> int:
    env = os.environ.get("SUMMITRY_INGEST_WORKERS", "").strip()
    if env.isdigit():
        return int(env)
    return min(2, os.cpu_count() or 1)


def _extract_chunk(sources: list[SourceDocument]) -> list[Result]:
    out: list[Result] = []
    for source, parsed in zip(sources, nlp.parse_many([s.text for s in sources], batch_size=CHUNK), strict=True):
        try:
            out.append(extract(context_for(source, parsed)))
        except Exception as exc:  # one bad document must not take its chunk down
            out.append(f"extraction failed: {type(exc).__name__}: {exc}")
    return out


def _init_worker() -> None:
    nlp.load()


class ExtractionPool:
    """Turns documents into extractions, in worker processes once a job is big enough.

    The pool starts at the first large batch and serves every later batch, so each worker
    loads the model once per ingest. Use as a context manager.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else workers
        self._pool: Pool | None = None

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def run(self, sources: list[SourceDocument]) -> Iterator[tuple[SourceDocument, Result]]:
        """Yield ``(source, extraction-or-error)`` in input order."""
        chunks = [sources[i : i + CHUNK] for i in range(0, len(sources), CHUNK)]
        if self._pool is None and (self.workers <= 1 or len(sources) < MIN_FOR_WORKERS):
            for chunk in chunks:
                yield from zip(chunk, _extract_chunk(chunk), strict=True)
            return
        if self._pool is None:
            ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
            self._pool = ctx.Pool(self.workers, initializer=_init_worker)
        for chunk, results in zip(chunks, self._pool.imap(_extract_chunk, chunks), strict=True):
            yield from zip(chunk, results, strict=True)
