"""The hot pages' SQL stays on indexes: no full-table SCAN, no sorting a whole result to show 50.

Each page is requested against a small database from ``bench/generate_db.py`` (the real
migrations, no ANALYZE, like a database ``summitry ingest`` made). Every statement it sends is
captured and its ``EXPLAIN QUERY PLAN`` read: a ``SCAN`` of a data table means the page's cost
grows with the whole database, not with what it shows (see ``bench/load.py`` for the numbers).
SQLite plans only; the PostgreSQL pass skips this module.
"""

from __future__ import annotations

import re
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from tests.dbutil import on_postgres

pytestmark = [
    pytest.mark.db,
    pytest.mark.skipif(on_postgres(), reason="EXPLAIN QUERY PLAN is SQLite's; the plans on PostgreSQL differ"),
]

DATA_TABLES = (
    "statements",
    "events",
    "participations",
    "actors",
    "documents",
    "mentions",
    "event_sources",
    "agreements",
    "agreement_parties",
    "search_entries",
)
# "SCAN statements", "SCAN statements_1" (an SQLAlchemy alias), "SCAN events USING COVERING INDEX …"
_FULL_SCAN = re.compile(rf"^SCAN ({'|'.join(DATA_TABLES)})(_\d+)?\b")


class Pages:
    def __init__(self, db: Path) -> None:
        warnings.filterwarnings("ignore", message=".*httpx.*")
        from starlette.testclient import TestClient

        from app.web.main import create_app

        self.db = db
        self.app = create_app(f"sqlite:///{db}")
        self.sent: list[tuple[str, Any]] = []
        event.listen(self.app.state.engine, "before_cursor_execute", self._capture)
        self.client = TestClient(self.app)
        self.raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

    def _capture(self, _conn: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        self.sent.append((statement, params))

    def plans(self, url: str) -> list[tuple[str, list[str]]]:
        """(SQL, plan lines) for every statement the page sends."""
        self.sent.clear()
        response = self.client.get(url, follow_redirects=False)
        assert response.status_code == 200, (url, response.status_code)
        return [
            (sql, [row[3] for row in self.raw.execute("EXPLAIN QUERY PLAN " + sql, params)])
            for sql, params in self.sent
        ]

    def one(self, sql: str) -> Any:
        return self.raw.execute(sql).fetchone()[0]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pages]:
    from bench.generate_db import generate

    db = tmp_path_factory.mktemp("plans") / "bench.db"
    generate(str(db), 200, seed=3, quiet=True)
    p = Pages(db)
    yield p
    p.client.close()
    p.raw.close()
    p.app.state.engine.dispose()


def _short(sql: str) -> str:
    return re.sub(r"\s+", " ", sql)[:300]


def full_scans(plans: list[tuple[str, list[str]]]) -> list[str]:
    return [f"{line}  <=  {_short(sql)}" for sql, lines in plans for line in lines if _FULL_SCAN.match(line)]


def whole_sorts(plans: list[tuple[str, list[str]]]) -> list[str]:
    """LIMITed queries whose every matching row is sorted before the page is cut (RIGHT PART is fine)."""
    return [
        f"{line}  <=  {_short(sql)}"
        for sql, lines in plans
        if re.search(r"\bLIMIT\b", sql)
        for line in lines
        if line == "USE TEMP B-TREE FOR ORDER BY"
    ]


def test_event_page_uses_indexes(pages: Pages) -> None:
    slug = pages.one("SELECT slug FROM events ORDER BY id LIMIT 1 OFFSET 17")
    assert full_scans(pages.plans(f"/events/{slug}")) == []


def test_statements_by_speaker_uses_indexes(pages: Pages) -> None:
    top = pages.one(
        "SELECT a.slug FROM actors a JOIN statements s ON s.speaker_id = a.id GROUP BY a.id ORDER BY count(*) DESC"
    )
    assert full_scans(pages.plans(f"/statements?speaker={top}")) == []


def test_statements_page_does_not_sort_everything(pages: Pages) -> None:
    top = pages.one(
        "SELECT a.slug FROM actors a JOIN statements s ON s.speaker_id = a.id GROUP BY a.id ORDER BY count(*) DESC"
    )
    assert whole_sorts(pages.plans(f"/statements?speaker={top}")) == []


@pytest.mark.parametrize("q", ["security", "geothermal", '"nuclear talks"'])
def test_search_page_uses_indexes(pages: Pages, q: str) -> None:
    from urllib.parse import quote

    # The name matcher reads the actors once per database version (like the facet counts): warm it.
    pages.plans("/search?q=warm")
    assert full_scans(pages.plans(f"/search?q={quote(q)}")) == []


def _top_speaker(pages: Pages) -> str:
    return str(
        pages.one(
            "SELECT a.slug FROM actors a JOIN statements s ON s.speaker_id = a.id GROUP BY a.id ORDER BY count(*) DESC"
        )
    )


def test_statements_next_page_by_cursor_uses_indexes(pages: Pages) -> None:
    top = _top_speaker(pages)
    said_on, sid = pages.raw.execute(
        "SELECT s.said_on, s.id FROM statements s JOIN actors a ON a.id = s.speaker_id "
        "WHERE a.slug = ? AND s.said_on IS NOT NULL ORDER BY s.said_on DESC, s.id DESC LIMIT 1 OFFSET 5",
        (top,),
    ).fetchone()
    for url in (
        f"/statements?speaker={top}&after={said_on},{sid}",
        f"/statements?speaker={top}&before={said_on},{sid}",
        f"/statements?speaker={top}&sort=date",
    ):
        plans = pages.plans(url)
        assert full_scans(plans) == [], url
        assert whole_sorts(plans) == [], url


def test_statements_facet_under_an_event_uses_indexes(pages: Pages) -> None:
    slug = pages.one("SELECT e.slug FROM events e JOIN statements s ON s.event_id = e.id GROUP BY e.id LIMIT 1")
    assert full_scans(pages.plans(f"/statements?event={slug}")) == []


def test_person_and_country_pages_use_indexes(pages: Pages) -> None:
    top = _top_speaker(pages)
    kind = pages.one(f"SELECT kind FROM actors WHERE slug = '{top}'")
    if kind == "person":
        assert full_scans(pages.plans(f"/people/{top}")) == []
    code = pages.one("SELECT lower(country_code) FROM actors WHERE kind = 'country' AND country_code IS NOT NULL")
    assert full_scans(pages.plans(f"/countries/{code}")) == []
