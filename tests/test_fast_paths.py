"""The shortcuts the hot pages take give exactly what the plain way gives.

* ``Prepared`` (a statement compiled once, run on the DBAPI cursor) returns the rows SQLAlchemy's
  own execution returns, with the same types (dates, booleans), for every prepared statement of the
  pages, including expanding ``IN`` lists and the shapes of the statements filters; on SQLite and,
  in ``make test``'s second pass, on PostgreSQL.
* ``render.esc`` escapes exactly as ``markupsafe.escape``.
* ``locate_near``, which lower-cases only the window it searches, finds what lower-casing the whole
  text found.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape
from sqlalchemy import bindparam, select
from sqlalchemy.exc import DBAPIError

from app.db.engine import make_engine, session_factory
from app.db.models import Statement
from app.web import queries as q
from app.web.filters import StatementFilters
from app.web.queries import common, events, statements
from app.web.queries.common import locate_near
from app.web.queries.prepared import Prepared
from app.web.render import esc
from tests.web_fixtures import Corpus

# the package re-exports a function named ``search``: the module by its full name
search_queries = importlib.import_module("app.web.queries.search")


@pytest.fixture(scope="module")
def session(corpus: Corpus) -> Any:
    engine = make_engine(corpus.url, read_only=True)
    with session_factory(engine)() as s:
        yield s
    engine.dispose()


def _both(session: Any, prepared: Prepared, params: dict[str, Any] | None = None) -> tuple[list[Any], list[Any]]:
    fast = [tuple(r) for r in prepared.all(session, params)]
    plain = [tuple(r) for r in session.execute(prepared.stmt, params or {}).all()]
    return fast, plain


def test_prepared_rows_equal_sqlalchemy_rows(session: Any, corpus: Corpus) -> None:
    conn = session.connection()
    event_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM events ORDER BY id").all()]
    doc_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM documents ORDER BY id").all()]
    agreement_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM agreements ORDER BY id").all()]
    slugs = [r[0] for r in conn.exec_driver_sql("SELECT slug FROM actors ORDER BY id").all()]
    assert event_ids and doc_ids and agreement_ids and slugs
    cases: list[tuple[Prepared, dict[str, Any] | None]] = [(common._DATA_VERSION, None)]
    for eid in event_ids:
        for p in (events._PARTS, events._SOURCES, events._EVENT_STATEMENTS, common.EVENT_AGREEMENTS):
            cases.append((p, {"eid": eid}))
    for slug in corpus.events.values():
        cases.append((events._EVENT, {"slug": slug}))
    cases += [
        (common._TEXTS, {"ids": doc_ids}),
        (common._TEXTS, {"ids": doc_ids[:1]}),
        (common._AGREEMENT_PARTIES, {"ids": agreement_ids}),
        (statements._ACTOR_NAMES, {"slugs": slugs}),
        (statements._EVENT_NAMES, {"slugs": list(corpus.events.values())}),
        (search_queries._EVENT_SLUGS, {"ids": event_ids}),
        (search_queries._DOCS, {"ids": doc_ids}),
        (statements._GET_STATEMENT, {"statement_id": next(iter(corpus.statements.values()))}),
    ]
    checked = 0
    for prepared, params in cases:
        fast, plain = _both(session, prepared, params)
        assert fast == plain, prepared
        checked += bool(fast)
    assert checked > len(cases) // 2  # most cases found rows: the comparison compared something


def test_prepared_values_have_the_column_types(session: Any, corpus: Corpus) -> None:
    rows = statements._GET_STATEMENT.all(session, {"statement_id": next(iter(corpus.statements.values()))})
    (row,) = rows
    assert isinstance(row.direct, bool)
    assert row.said_on is None or isinstance(row.said_on, dt.date)
    assert isinstance(row.published, dt.date)
    assert row.slug == row[8]  # named and positional access, like SQLAlchemy's Row


def test_prepared_empty_in_list_falls_back(session: Any) -> None:
    assert common._TEXTS.all(session, {"ids": []}) == []
    assert statements._ACTOR_NAMES.all(session, {"slugs": []}) == []


def test_prepared_binds_dates_and_reports_missing_parameters(session: Any) -> None:
    stmt = Prepared(select(Statement.id).where(Statement.said_on >= bindparam("d")).order_by(Statement.id))
    fast, plain = _both(session, stmt, {"d": dt.date(2000, 1, 1)})
    assert fast == plain and fast
    with pytest.raises(Exception, match="required"):
        stmt.all(session, {})


def test_prepared_raises_sqlalchemy_errors(session: Any) -> None:
    from sqlalchemy import text

    broken = Prepared(text("SELECT no_such_column FROM documents"))
    with pytest.raises(DBAPIError):
        broken.all(session)
    session.rollback()


def _filter_cases(corpus: Corpus) -> list[StatementFilters]:
    speakers = sorted({meta[0] for meta in corpus.statement_meta.values()})
    event = next(iter(corpus.events.values()))
    return [
        StatementFilters(),
        StatementFilters(speakers=(speakers[0],)),
        StatementFilters(speakers=tuple(speakers[:2])),
        StatementFilters(event=event),
        StatementFilters(type="direct"),
        StatementFilters(type="reported", sort="date"),
        StatementFilters(q="the"),
        StatementFilters(q="100%_/"),
        StatementFilters(date_from=dt.date(2000, 1, 1), date_to=dt.date(2100, 1, 1)),
        StatementFilters(date_to=dt.date(1990, 1, 1)),
        StatementFilters(country="fr"),
    ]


def test_statement_filter_shapes_match_the_filters(session: Any, corpus: Corpus) -> None:
    """Each filter shape, run prepared, gives the rows a plain SQLAlchemy execute of the same
    statement gives, and counts agree with the rows."""
    for filters in _filter_cases(corpus):
        for dated in (True, False):
            for down in (True, False):
                prepared, values = statements._segment(filters, dated=dated, down=down, bound=None)
                values.update(limit=1000, offset=0)
                fast, plain = _both(session, prepared, values)
                assert fast == plain, filters
        page = q.list_statements(session, filters=filters, per_page=1000)
        assert page.total == len(page.items), filters
        ids = {s.id for s in page.items}
        assert len(ids) == len(page.items)


def test_like_filter_is_literal(session: Any, corpus: Corpus) -> None:
    """``%`` and ``_`` in the text filter match themselves, as with ``icontains(autoescape=True)``."""
    assert statements._like_escaped("a%b_c/d") == "a/%b/_c//d"
    page = q.list_statements(session, filters=StatementFilters(q="%"), per_page=1000)
    assert all("%" in s.text for s in page.items)


# --------------------------------------------------------------------------- escaping and search windows


@settings(max_examples=300)
@given(st.text())
def test_esc_is_markupsafe_escape(value: str) -> None:
    assert esc(value) == str(escape(value))


def test_esc_keeps_markup_and_other_types() -> None:
    assert esc(Markup("<b>x</b>")) == "<b>x</b>"
    assert esc(None) == "None"
    assert esc(12) == "12"
    assert esc("<'\"&>") == "&lt;&#39;&#34;&amp;&gt;"


def _locate_near_reference(text_: str, needle: str | None, near: int, *, within: int = 600) -> Any:
    """The implementation before the window: lower-case the whole text."""
    if not needle or not needle.strip():
        return None
    hay, pin = text_.lower(), needle.strip().lower()
    lo = max(0, near - within)
    hi = min(len(text_), near + within + len(pin))
    best = None
    i = hay.find(pin, lo, hi)
    while i >= 0:
        if best is None or abs(i - near) < abs(best[0] - near):
            best = (i, i + len(pin))
        i = hay.find(pin, i + 1, hi)
    return best


_ALPHABET = st.sampled_from([*"abcAB .\nİiı", "Paris", "paris", "PARIS"])


@settings(max_examples=400)
@given(
    st.lists(_ALPHABET, max_size=120).map("".join),
    st.sampled_from(["paris", "Paris", "a", "b c", "i", "İ", " ", "", "ab"]),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=50),
)
def test_locate_near_matches_the_whole_text_search(text_: str, needle: str, near: int, within: int) -> None:
    assert locate_near(text_, needle, near, within=within) == _locate_near_reference(text_, needle, near, within=within)
