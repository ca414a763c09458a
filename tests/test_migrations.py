"""The migrations build exactly the models' schema, and go down and up again cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from app.db.migrate import downgrade, upgrade
from app.db.models import Base
from tests.dbutil import fresh_database_url, on_postgres

pytestmark = pytest.mark.db


def _diff(url: str) -> list[object]:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "summitry_env_filters", Path(__file__).resolve().parent.parent / "migrations" / "env_filters.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    engine = create_engine(url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": mod.include_object, "compare_type": True, "render_as_batch": True}
        )
        diff = compare_metadata(ctx, Base.metadata)
    engine.dispose()
    return list(diff)


def test_upgrade_downgrade_upgrade_and_no_autogenerate_diff(tmp_path: Path) -> None:
    url = fresh_database_url(tmp_path, migrate=False)
    upgrade(url)
    engine = create_engine(url)
    tables = set(inspect(engine).get_table_names())
    assert {"documents", "actors", "events", "statements", "agreements", "mentions", "search_entries"} <= tables
    downgrade(url)
    remaining = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert remaining == set()
    upgrade(url)
    assert _diff(url) == []
    engine.dispose()


def test_full_text_index_is_kept_in_step(tmp_path: Path) -> None:
    url = fresh_database_url(tmp_path)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO search_entries (kind, ref_id, title, body) "
                "VALUES ('event', 1, 'Alpha summit', 'ceasefire')"
            )
        )
        if on_postgres():
            q = "SELECT ref_id FROM search_entries WHERE tsv @@ websearch_to_tsquery('english', 'ceasefires')"
        else:
            q = "SELECT rowid FROM search_fts WHERE search_fts MATCH 'ceasefires'"
        assert conn.execute(text(q)).fetchall() != []
        conn.execute(text("DELETE FROM search_entries"))
        if not on_postgres():
            assert (
                conn.execute(text("SELECT rowid FROM search_fts WHERE search_fts MATCH 'ceasefire'")).fetchall() == []
            )
    engine.dispose()


def test_data_state_is_one_row_seeded_at_generation_one(tmp_path: Path) -> None:
    from sqlalchemy.exc import IntegrityError

    url = fresh_database_url(tmp_path)
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, generation FROM data_state")).all() == [(1, 1)]
    with pytest.raises(IntegrityError), engine.begin() as conn:  # the CHECK keeps it to one row
        conn.execute(text("INSERT INTO data_state (id, generation) VALUES (2, 1)"))
    with engine.begin() as conn:
        conn.execute(text("UPDATE data_state SET generation = 7"))
    downgrade(url, "0001")
    assert "data_state" not in inspect(engine).get_table_names()
    upgrade(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, generation FROM data_state")).all() == [(1, 1)]
    engine.dispose()
