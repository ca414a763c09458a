"""Ingest under bad input and abrupt ends: every bad file reported, every good one stored, and
the database consistent after a SIGKILL mid-batch (re-running completes it without duplicates)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.db.engine import make_engine, session_factory
from app.db.models import Document, SearchEntry, Statement
from app.ingest.pipeline import ingest_paths
from tests.dbutil import fresh_database_url, on_postgres

pytestmark = pytest.mark.db

ARTICLE = (
    "Talks in {city}\n\n\n"
    "Foreign ministers of Austria and Italy met in {city} on Wednesday, officials said.\n"
    '"We agreed to keep talking about {topic}," Austrian Foreign Minister Karl Gruber said.\n'
    "Italian Foreign Minister Carla Rossi said the two sides would meet again next month.\n"
)


def _article(i: int) -> str:
    return ARTICLE.format(city=["Vienna", "Rome", "Graz", "Milan"][i % 4], topic=f"topic number {i}")


def test_messy_folder(tmp_path: Path) -> None:
    docs = tmp_path / "messy"
    docs.mkdir()
    (docs / "good.txt").write_text(_article(1), encoding="utf-8")
    (docs / "good.meta.json").write_text(json.dumps({"published": "2024-05-02"}))
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(os.urandom(4096).replace(b"\n", b"") + b"\x00")
    (docs / "latin1.txt").write_bytes("Réunion à Genève\n\nLes ministres se sont réunis.\n".encode("latin-1"))
    with open(docs / "huge.txt", "wb") as f:
        f.write(b"Huge\n\n\n" + b"Leaders met again and again. " * 700_000)  # ~20 MB
    (docs / "badmeta.txt").write_text(_article(2), encoding="utf-8")
    (docs / "badmeta.meta.json").write_text('{"published": ')
    (docs / "page.html").write_text(
        "<html><body><article><h1>Talks in Oslo</h1><script>alert('x')</script>"
        "<p>Ministers met in Oslo on Monday.</p></article></body></html>",
        encoding="utf-8",
    )
    (docs / "copy-of-good.txt").write_text(_article(1), encoding="utf-8")
    url = fresh_database_url(tmp_path)
    report = ingest_paths([docs], database_url=url)
    failed = {Path(p).name: reason for p, reason in report.failed}
    assert set(failed) == {"empty.txt", "binary.txt", "latin1.txt", "huge.txt", "badmeta.txt"}
    assert failed["empty.txt"] == "empty file"
    assert "binary" in failed["binary.txt"]
    assert "not valid UTF-8" in failed["latin1.txt"]
    assert "too large" in failed["huge.txt"]
    assert "malformed metadata sidecar" in failed["badmeta.txt"]
    assert sorted(Path(p).name for p in report.added) == ["copy-of-good.txt", "page.html"]
    assert [Path(p).name for p, _ in report.duplicates] == ["good.txt"]
    assert not report.ok
    engine = make_engine(url)
    with session_factory(engine)() as s:
        page = s.scalar(select(Document).where(Document.path.like("%page.html")))
        assert page is not None and "alert" not in page.text
    engine.dispose()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigkill_mid_batch_leaves_a_consistent_database(tmp_path: Path) -> None:
    docs = tmp_path / "many"
    docs.mkdir()
    total = 240
    for i in range(total):
        (docs / f"doc{i:03}.txt").write_text(_article(i) * 3, encoding="utf-8")
    url = fresh_database_url(tmp_path)
    env = {**os.environ, "SUMMITRY_DATABASE_URL": url}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "ingest", "--quiet", str(docs)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    engine = make_engine(url)
    stored = 0
    deadline = time.monotonic() + 600  # a loaded CI machine starts the workers slowly
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            with engine.connect() as conn:
                stored = conn.scalar(text("SELECT count(*) FROM documents")) or 0
            if stored >= 5:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "ingest finished before it could be killed; make the batch larger"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    engine.dispose()

    engine = make_engine(url)
    with session_factory(engine)() as s:
        if not on_postgres():
            assert s.scalar(text("PRAGMA integrity_check")) == "ok"
        n_docs = s.scalar(select(func.count()).select_from(Document)) or 0
        assert 5 <= n_docs < total
        # every stored document is complete: its search entry is written last, in the same transaction
        n_indexed = s.scalar(select(func.count()).select_from(SearchEntry).where(SearchEntry.kind == "document"))
        assert n_indexed == n_docs
    engine.dispose()

    report = ingest_paths([docs], database_url=url)
    assert report.ok
    assert len(report.added) + len(report.unchanged) == total
    assert len(report.unchanged) == n_docs
    engine = make_engine(url)
    with session_factory(engine)() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == total
        paths = list(s.scalars(select(Document.path)))
        assert len(set(paths)) == total
        per_doc = s.execute(select(Statement.document_id, func.count()).group_by(Statement.document_id)).all()
        assert len({n for _, n in per_doc}) <= 1  # the same extraction for every copy of the article
    engine.dispose()


@pytest.mark.skipif(on_postgres(), reason="SQLite-specific: WAL lets a read-only reader run beside the writer")
def test_read_only_engine_reads_while_ingest_writes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(_article(1), encoding="utf-8")
    url = fresh_database_url(tmp_path)
    ingest_paths([docs], database_url=url)
    reader = make_engine(url, read_only=True)
    writer = make_engine(url)
    with writer.connect() as w:
        w.execute(text("BEGIN IMMEDIATE"))
        w.execute(text("UPDATE documents SET title = 'changing'"))
        with reader.connect() as r:  # not blocked by the open write transaction
            assert r.scalar(text("SELECT title FROM documents")) == "Talks in Rome"
            with pytest.raises(Exception, match="readonly"):
                r.execute(text("UPDATE documents SET title = 'nope'"))
        w.execute(text("ROLLBACK"))
    reader.dispose()
    writer.dispose()
