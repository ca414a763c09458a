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
        with pytest.MonkeyPatch.context() as env:
            # every request rendered (no page cache): these tests read the SQL each page sends
            env.setenv("SUMMITRY_PAGE_CACHE_MB", "0")
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
        # every page reads the database version at least: nothing captured means a query path the
        # listener cannot see (``Prepared`` calls the engine's cursor-execute listeners itself)
        assert self.sent, f"no statement was captured for {url}"
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
    """LIMITed queries whose every matching row is sorted before the page is cut (RIGHT PART is fine;
    so is a facet's top-N, which sorts its groups, not rows)."""
    return [
        f"{line}  <=  {_short(sql)}"
        for sql, lines in plans
        if re.search(r"\bLIMIT\b", sql) and not re.search(r"\bGROUP BY\b", sql)
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


def bounded_scans_only(plans: list[tuple[str, list[str]]]) -> list[str]:
    """Full scans, except an index walked in order under a LIMIT (the unfiltered list's first page,
    a count that stops at its cap): those read a bounded number of rows whatever the table's size."""
    out = []
    for sql, lines in plans:
        bounded = re.search(r"\bLIMIT\b", sql) is not None and "USE TEMP B-TREE FOR ORDER BY" not in lines
        for line in lines:
            if _FULL_SCAN.match(line) and not (bounded and "INDEX" in line):
                out.append(f"{line}  <=  {_short(sql)}")
    return out


def test_unfiltered_statements_page_reads_a_bounded_number_of_rows(pages: Pages) -> None:
    pages.plans("/statements")  # the facet and option lists are built once per database version: warm them
    plans = pages.plans("/statements")
    assert bounded_scans_only(plans) == []
    assert whole_sorts(plans) == []


def test_statements_filtered_by_country_and_dates_use_indexes(pages: Pages) -> None:
    code = pages.one(
        "SELECT lower(a.country_code) FROM actors a JOIN statements s ON s.speaker_id = a.id "
        "WHERE a.country_code IS NOT NULL GROUP BY a.country_code ORDER BY count(*) DESC"
    )
    # speakers of a country: their statements by ix_statements_speaker_id_said_on_id, then sorted (a
    # country's statements, not the table's)
    assert full_scans(pages.plans(f"/statements?country={code}")) == []
    url = f"/statements?speaker={_top_speaker(pages)}&from=2000-01-01&to=2030-12-31"
    plans = pages.plans(url)
    assert full_scans(plans) == [], url
    assert whole_sorts(plans) == [], url


def test_statement_and_document_pages_use_indexes(pages: Pages) -> None:
    sid, doc = pages.raw.execute("SELECT id, document_id FROM statements ORDER BY id LIMIT 1 OFFSET 40").fetchone()
    assert full_scans(pages.plans(f"/statements/{sid}")) == []
    assert full_scans(pages.plans(f"/documents/{doc}")) == []


def test_search_counts_and_ranks_a_bounded_number_of_matches(pages: Pages, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    search_module = importlib.import_module("app.web.queries.search")

    monkeypatch.setattr(search_module, "RANK_CANDIDATES", 5)
    search_module._PAGES.clear()
    pages.plans("/search?q=warm")
    plans = pages.plans("/search?q=security")
    assert full_scans(plans) == []
    ranked = [sql for sql, _ in plans if "bm25" in sql]
    assert ranked and all("LIMIT" in sql for sql in ranked)
    snippets = [sql for sql, _ in plans if "snippet(" in sql]
    assert snippets and all("rowid IN" in sql for sql in snippets), "snippets only for the page's rows"
    body = pages.client.get("/search?q=security").text
    assert "More than 5 results" in body
    search_module._PAGES.clear()


def test_home_and_event_list_pages_use_indexes(pages: Pages) -> None:
    pages.plans("/")  # whole-table counts and the timeline: once per database version
    pages.plans("/events")
    for url in ("/", "/events", "/events?kind=summit", "/events?page=3", "/events?sort=date"):
        plans = pages.plans(url)
        assert bounded_scans_only(plans) == [], url
        assert whole_sorts(plans) == [], url
