"""Engines and sessions for SQLite (default) and PostgreSQL, through the same code."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine with the settings Summitry relies on.

    SQLite: WAL (readers never block the writer, so ingest can run while the site serves),
    foreign keys on, a busy timeout; ``read_only`` opens the file with ``mode=ro`` so the web
    side cannot write. PostgreSQL: psycopg 3 with a small pool.
    """
    if is_sqlite(url):
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        if read_only and url.startswith("sqlite:///") and ":memory:" not in url:
            path = url.removeprefix("sqlite:///")
            url = f"sqlite:///file:{path}?mode=ro&uri=true"
            # The web process: one connection per request thread (app.web.main.worker_threads() run at
            # once, plus the streamed exports, which hold theirs between chunks): 8 kept warm (their
            # page caches), up to 64 in all so no request waits for a connection.
            kwargs.update(pool_size=8, max_overflow=56, pool_timeout=30)
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            if not read_only:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    if read_only:  # the web process: as many connections as FastAPI has worker threads (40)
        return create_engine(url, pool_size=10, max_overflow=30, pool_timeout=30, pool_pre_ping=True)
    return create_engine(url, pool_size=5, max_overflow=10, pool_pre_ping=True)


@lru_cache(maxsize=8)
def cached_engine(url: str, read_only: bool = False) -> Engine:
    return make_engine(url, read_only=read_only)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
