"""The data's generation: every stored document bumps it once, in its own transaction; nothing else
does; concurrent writers each add one; a database without the row or table reads as 0."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.db import data_state
from app.db.engine import make_engine, session_factory
from app.db.migrate import downgrade
from app.db.models import DataState, Document
from app.ingest import store
from app.ingest.pipeline import ingest_paths
from tests.dbutil import fresh_database_url
from tests.store_fixtures import FR, source, summit_extraction

pytestmark = pytest.mark.db


def generation(url: str) -> int | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return data_state.read(conn)
    finally:
        engine.dispose()


def _store(session: Session, path: str, quote: str) -> str:
    src = source(path, f'Jean Alpha said: "{quote}"', published=None)
    with session.begin():
        plan = store.plan(session, src, "test-1")
        if plan.outcome not in ("unchanged", "duplicate"):
            store.store(session, src, summit_extraction(src, "Jean Alpha", "Lyon Summit", quote, [FR]), "test-1", plan)
    return plan.outcome


def test_each_stored_document_bumps_the_generation_once(tmp_path: Path) -> None:
    url = fresh_database_url(tmp_path)
    assert generation(url) == 1  # the migration's seed
    engine = make_engine(url)
    with session_factory(engine)() as session:
        assert _store(session, "a.txt", "We will meet again.") == "added"
        assert generation(url) == 2
        assert _store(session, "a.txt", "We will meet again.") == "unchanged"
        assert generation(url) == 2
        assert _store(session, "b.txt", "We will meet once more.") == "added"
        assert _store(session, "a.txt", "We will not meet again.") == "replaced"
        assert generation(url) == 4
        with pytest.raises(RuntimeError), session.begin():  # a document whose transaction fails
            src = source("c.txt", 'Jean Alpha said: "Never."', published=None)
            plan = store.plan(session, src, "test-1")
            store.store(
                session, src, summit_extraction(src, "Jean Alpha", "Lyon Summit", "Never.", [FR]), "test-1", plan
            )
            raise RuntimeError("the commit never comes")
        assert generation(url) == 4
        assert session.scalar(select(Document.id).where(Document.path == "c.txt")) is None
    engine.dispose()


def test_summitry_ingest_bumps_it_per_document(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, leader in (("one.txt", "Anna Berg"), ("two.txt", "Otto Vogel")):
        (docs / name).write_text(
            f"Leaders meet in Oslo\n\n\nPresident {leader} of Norway met the Swedish prime minister in Oslo on "
            f'Tuesday. "We agreed on a lot," {leader} told reporters.\n',
            encoding="utf-8",
        )
    url = fresh_database_url(tmp_path)
    report = ingest_paths([docs], database_url=url, workers=1)
    assert report.ok and len(report.added) == 2
    assert generation(url) == 3
    again = ingest_paths([docs], database_url=url, workers=1)
    assert len(again.unchanged) == 2
    assert generation(url) == 3  # nothing stored, nothing bumped


def test_concurrent_writers_each_add_one(tmp_path: Path) -> None:
    url = fresh_database_url(tmp_path)
    first, second = make_engine(url), make_engine(url)
    done = threading.Event()
    errors: list[BaseException] = []

    def other_writer() -> None:
        try:
            with second.begin() as conn:
                data_state.bump(conn)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            done.set()

    with first.begin() as conn:
        data_state.bump(conn)
        thread = threading.Thread(target=other_writer)
        thread.start()
        time.sleep(0.3)
        assert not done.is_set()  # it waits for this transaction (the row lock; SQLite's write lock)
    thread.join(timeout=30)
    assert done.is_set() and not errors
    assert generation(url) == 3
    first.dispose()
    second.dispose()


def test_a_missing_row_reads_as_zero_and_the_next_bump_creates_it(tmp_path: Path) -> None:
    url = fresh_database_url(tmp_path)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(delete(DataState))
    assert generation(url) == 0
    with engine.begin() as conn:
        data_state.bump(conn)
    assert generation(url) == 1
    with engine.begin() as conn:
        data_state.bump(conn)
    assert generation(url) == 2
    engine.dispose()


def test_a_database_without_the_table_reads_as_zero(tmp_path: Path) -> None:
    url = fresh_database_url(tmp_path)
    downgrade(url, "0001")
    assert generation(url) == 0
