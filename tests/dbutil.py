"""Fresh, migrated databases for tests: a SQLite file, or, when ``SUMMITRY_TEST_POSTGRES_URL`` is
set (``make test`` sets it on its PostgreSQL pass), a new database on that server."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from app.db.migrate import upgrade

POSTGRES_ENV = "SUMMITRY_TEST_POSTGRES_URL"


def on_postgres() -> bool:
    return bool(os.environ.get(POSTGRES_ENV))


def fresh_database_url(tmp_path: Path, *, migrate: bool = True) -> str:
    server = os.environ.get(POSTGRES_ENV)
    if server:
        name = f"summitry_test_{uuid.uuid4().hex[:12]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        base, _, _ = server.rpartition("/")
        url = f"{base}/{name}"
    else:
        url = f"sqlite:///{tmp_path / 'test.db'}"
    if migrate:
        upgrade(url)
    return url
