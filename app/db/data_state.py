"""The data's generation: one number that every write transaction bumps, so readers can tell cheaply
whether anything changed since they last looked (``app.web.page_cache`` keys its pages on it).

The writer bumps it as the last statement of its transaction (``bump``). On PostgreSQL that takes the
row's lock until the commit, so concurrent ingests (from several machines too) queue only for that
last moment and each adds exactly one; on SQLite there is one writer at a time anyway.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, inspect, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.db.models import DataState

MISSING = 0  # the generation of a database without the row (or the table: not migrated to 0002 yet)

_READ = select(DataState.generation).where(DataState.id == 1)


def bump(session: Session | Connection) -> None:
    """Add one to the generation in the caller's transaction; create the row if it is missing.

    An upsert (``INSERT … ON CONFLICT (id) DO UPDATE SET generation = generation + 1``) on SQLite and
    PostgreSQL: one statement, atomic under concurrent writers on either database."""
    dialect = session.get_bind().dialect.name if isinstance(session, Session) else session.dialect.name
    insert: Any
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        session.execute(update(DataState).where(DataState.id == 1).values(generation=DataState.generation + 1))
        return
    stmt = insert(DataState).values(id=1, generation=MISSING + 1)
    session.execute(
        stmt.on_conflict_do_update(index_elements=[DataState.id], set_={"generation": DataState.generation + 1})
    )


def read(conn: Connection) -> int | None:
    """The generation: ``MISSING`` (0) when the database has no row or no table yet; ``None`` when it
    cannot be read at all (the database is unreachable: the caller must not trust anything it kept)."""
    try:
        found = conn.execute(_READ).scalar()
    except SQLAlchemyError:
        conn.rollback()  # PostgreSQL: the failed statement aborted the transaction
        try:
            has_table = inspect(conn).has_table(DataState.__tablename__)
        except SQLAlchemyError:
            return None
        return None if has_table else MISSING
    return MISSING if found is None else int(found)
