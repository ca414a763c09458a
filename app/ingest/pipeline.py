"""``summitry ingest``: read -> plan -> parse (batched) -> extract -> store, one transaction a document.

A document that cannot be read, parsed, extracted or stored is reported with its path and
reason; the rest of the batch goes on. Nothing half-written reaches the database: each
document's facts are written in their own transaction, which rolls back on any error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.db.engine import make_engine, session_factory
from app.db.migrate import upgrade
from app.ingest.extract import EXTRACTOR_VERSION
from app.ingest.extract.records import Extraction
from app.ingest.resolve import KnownActors
from app.ingest.sources import SourceDocument, SourceError, discover, read_documents
from app.ingest.store import plan, store
from app.ingest.workers import ExtractionPool

BATCH = 256  # documents planned together; workers parse them in smaller chunks


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    reextracted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, path of the copy kept)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        lines = [f"error: {path}: {reason}" for path, reason in self.failed]
        lines += [f"skipped: {path}: same text as {kept}" for path, kept in self.duplicates]
        counts = [
            f"{len(self.added)} added",
            f"{len(self.replaced)} replaced",
            f"{len(self.reextracted)} re-extracted",
            f"{len(self.unchanged)} unchanged",
            f"{len(self.duplicates)} duplicates skipped",
            f"{len(self.failed)} failed",
        ]
        lines.append("ingest: " + ", ".join(counts))
        return "\n".join(lines)


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    database_url: str,
    progress: bool = False,
    migrate: bool = True,
    workers: int | None = None,
) -> IngestReport:
    if migrate:
        upgrade(database_url)
    engine = make_engine(database_url)
    try:
        files = list(discover(list(paths)))
        return ingest_files(files, engine=engine, progress=progress, workers=workers)
    finally:
        engine.dispose()


def ingest_files(
    files: list[Path], *, engine: Engine, progress: bool = False, workers: int | None = None
) -> IngestReport:
    report = IngestReport()
    Session_ = session_factory(engine)
    bar = _progress(len(files), progress)
    known = KnownActors()
    try:
        with ExtractionPool(workers) as pool:
            for batch in _batches(_read_all(files, report, bar), BATCH):
                todo = _plan_batch(batch, Session_, report)
                for source, result in pool.run(todo):
                    if isinstance(result, str):
                        report.failed.append((source.path, result))
                    else:
                        _store_one(source, result, Session_, report, known)
    finally:
        if bar is not None:
            bar.close()
    return report


def _read_all(files: list[Path], report: IngestReport, bar: object | None) -> Iterator[SourceDocument]:
    for path in files:
        try:
            for item in read_documents(path):
                if isinstance(item, SourceError):
                    report.failed.append((item.path, item.reason))
                else:
                    yield item
        except Exception as exc:  # an unexpected reader bug must not stop the batch
            report.failed.append((str(path), f"could not read: {type(exc).__name__}: {exc}"))
        if bar is not None:
            bar.update(1)  # type: ignore[attr-defined]


def _batches(items: Iterable[SourceDocument], size: int) -> Iterator[list[SourceDocument]]:
    batch: list[SourceDocument] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _plan_batch(
    batch: list[SourceDocument], Session_: sessionmaker[Session], report: IngestReport
) -> list[SourceDocument]:
    """Leave out what needs no parse: unchanged documents and duplicates."""
    todo: list[SourceDocument] = []
    seen_sha: dict[str, str] = {}
    with Session_() as session:
        for source in batch:
            p = plan(session, source, EXTRACTOR_VERSION)
            if source.sha256 in seen_sha:  # the same text twice in one batch
                report.duplicates.append((source.path, seen_sha[source.sha256]))
            elif p.outcome == "unchanged":
                report.unchanged.append(source.path)
            elif p.outcome == "duplicate":
                report.duplicates.append((source.path, p.duplicate_of or "?"))
            else:
                todo.append(source)
                seen_sha[source.sha256] = source.path
    return todo


def _store_one(
    source: SourceDocument,
    extraction: Extraction,
    Session_: sessionmaker[Session],
    report: IngestReport,
    known: KnownActors | None = None,
) -> None:
    """One document, one transaction: all of its facts or none."""
    try:
        with Session_() as session, session.begin():
            # plan again inside the transaction: another process may have stored it meanwhile
            p = plan(session, source, EXTRACTOR_VERSION)
            if p.outcome == "unchanged":
                report.unchanged.append(source.path)
                return
            if p.outcome == "duplicate":
                report.duplicates.append((source.path, p.duplicate_of or "?"))
                return
            store(session, source, extraction, EXTRACTOR_VERSION, p, known)
    except Exception as exc:
        if known is not None:
            known.clear()  # ids handed out in the rolled-back transaction are gone
        report.failed.append((source.path, f"could not store: {type(exc).__name__}: {exc}"))
        return
    getattr(report, p.outcome).append(source.path)


def _progress(total: int, enabled: bool) -> object | None:
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc="ingest", file=sys.stderr)
