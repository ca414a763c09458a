"""The PostgreSQL branch of full-text search (a tsquery built from the same tokens as the SQLite
FTS5 query: plainto_/phraseto_tsquery, to_tsquery for prefixes; ts_rank_cd, ts_headline), run
for real against the fixture corpus on a PostgreSQL server.

Skipped on SQLite: ``make test`` (scripts/test.sh) runs the database tests again with
``SUMMITRY_TEST_POSTGRES_URL`` pointing at a throwaway cluster.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser

from app.web import queries as q
from app.web.filters import SearchParams
from tests.dbutil import on_postgres
from tests.web_fixtures import Corpus

pytestmark = [pytest.mark.db, pytest.mark.skipif(not on_postgres(), reason="needs SUMMITRY_TEST_POSTGRES_URL")]


def _search(client: TestClient, query: str, page: int = 1) -> q.SearchResults:
    with client.app.state.sessionmaker() as session:  # type: ignore[attr-defined]
        return q.search(session, params=SearchParams(q=query, page=page))


def test_runs_on_postgres(client: TestClient) -> None:
    assert client.app.state.engine.dialect.name == "postgresql"  # type: ignore[attr-defined]


def test_words_find_events_statements_and_documents(client: TestClient, corpus: Corpus) -> None:
    results = _search(client, "Lisbon")
    assert results.error is None
    urls = [h.url for h in results.hits.items]
    assert f"/events/{corpus.events['summit']}" in urls
    assert {h.kind for h in results.hits.items} >= {"event", "document"}
    assert results.hits.total == len(results.hits.items)


def test_ranked_best_first(client: TestClient) -> None:
    hits = _search(client, "fisheries").hits.items
    assert len(hits) >= 2
    ranks = [h.rank for h in hits]
    assert ranks == sorted(ranks), "rows come best first (rank is minus ts_rank_cd)"
    assert ranks[0] < 0


def test_phrase_or_and_negation(client: TestClient, corpus: Corpus) -> None:
    phrase = _search(client, '"bridge across the ocean"').hits.items
    assert f"/statements/{corpus.statements['ferreira_bridge']}" in [h.url for h in phrase]
    assert len(_search(client, "ocean OR quotas").hits.items) >= 2
    both = {h.url for h in _search(client, "fisheries").hits.items}
    without = {h.url for h in _search(client, "fisheries -ceasefire").hits.items}
    assert without < both


def test_headline_marks_the_match_and_escapes_the_rest(client: TestClient) -> None:
    hits = _search(client, "negotiable").hits.items
    assert hits
    for hit in hits:
        tree = LexborHTMLParser(f"<div>{hit.snippet}</div>")
        marks = tree.css("mark")
        assert marks and all(m.text().lower().startswith("negotiable") for m in marks)
        assert {n.tag for n in tree.css("div *")} <= {"mark"}, hit.snippet  # no markup from the text
        assert "\x02" not in hit.snippet and "\x03" not in hit.snippet


def test_pages_of_hits(client: TestClient) -> None:
    first = _search(client, "fisheries")
    assert first.hits.page == 1
    beyond = _search(client, "fisheries", page=50)
    assert beyond.error is None and beyond.hits.items == [] and beyond.hits.total == first.hits.total


def test_prefix(client: TestClient) -> None:
    hits = _search(client, "fisher*").hits.items
    assert hits
    assert any("<mark>" in h.snippet for h in hits)
    # a prefix inside a phrase, and one that is only punctuation, never reach to_tsquery raw
    assert _search(client, '"fisheries quot"*').error is None
    assert _search(client, "fisher* OR ocean").hits.total >= len(hits)


@pytest.mark.parametrize("query", ['"unclosed', "-", "-fisheries", "***", 'a "b'])
def test_same_syntax_errors_as_sqlite(client: TestClient, query: str) -> None:
    """The query is tokenised once, by the same code on both databases: the same queries are refused."""
    try:
        q.fts5_query(query)
        sqlite_error = None
    except q.SearchSyntaxError as exc:
        sqlite_error = str(exc)
    assert _search(client, query).error == sqlite_error


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "'",
        "\\",
        ":*",
        "a & b | c",
        "!!!",
        "(",
        "NEAR(",
        '"unclosed',
        "it's",
        "-",
        "--",
        "fisheries & !",
        "'; DROP TABLE search_entries; --",
        "%_%",
        "Ελλάδα 北京 😀",
        "x" * 200,
        " ".join(["or"] * 60),
    ],
)
def test_hostile_queries_never_500(client: TestClient, query: str) -> None:
    for url in ("/search", "/api/search", "/search.json", "/search.csv"):
        r = client.get(url, params={"q": query})
        assert r.status_code in (200, 400, 404), (url, query, r.status_code, r.text[:300])
    r = client.get("/statements", params={"q": query}, follow_redirects=True)
    assert r.status_code in (200, 400), (query, r.status_code)


def test_nul_never_reaches_postgres(client: TestClient) -> None:
    # psycopg cannot send a NUL byte in a text parameter: the request is refused before any query.
    for url in ("/search?q=a%00b", "/api/search?q=a%00b", "/api/statements?q=%00", "/events/a%00b"):
        r = client.get(url)
        assert r.status_code == 400, url


def test_like_wildcards_in_statement_text_filter_are_literal(client: TestClient) -> None:
    assert client.get("/api/statements?q=%25").json()["total"] == 0  # "%" matches no statement text
    assert client.get("/api/statements?q=_").json()["total"] == 0
    assert client.get("/api/statements?q=ocean").json()["total"] >= 1
