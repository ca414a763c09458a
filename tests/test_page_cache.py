"""The web process's page cache: a second identical request is answered without running the page, an
ingest makes the next request (after the recheck interval) show the new data, and nothing that must
not be kept (errors, redirects, streams, cookies, no-store, POST) is kept.

"Served from the cache" is proven by counting the SQL statements the request sent (the generation
read aside): every page reads the database, a cached answer does not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, event
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from app.db.engine import make_engine, session_factory
from app.db.migrate import downgrade
from app.db.models import DataState
from app.ingest import store
from app.ingest.extract.records import Extraction
from app.ingest.sources import SourceDocument
from app.web import page_cache
from app.web.main import SECURITY_HEADERS, create_app
from app.web.page_cache import PageCache, cacheable, etag_matches
from tests.dbutil import fresh_database_url
from tests.store_fixtures import FR, source, summit_extraction
from tests.web_fixtures import Corpus, build_corpus

pytestmark = pytest.mark.db


class SqlCounter:
    """The statements the app's engine sent, leaving out the generation read."""

    def __init__(self, engine: Engine) -> None:
        self.statements: list[str] = []
        self.generation_reads = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        # the cache's own read, or looking for its table (a page's data-version query, which reads the
        # generation next to the highest ids, is the page's)
        own = ("data_state" in statement and "max(" not in statement.lower()) or "data_state" in str(params)
        if own:
            self.generation_reads += 1
        else:
            self.statements.append(statement)

    def during(self, call: Callable[[], Any]) -> int:
        """How many statements ``call`` made the app send."""
        before = len(self.statements)
        call()
        return len(self.statements) - before


class Site:
    """A running app over one test database, with its SQL counted."""

    def __init__(self, app: FastAPI, client: TestClient) -> None:
        self.app = app
        self.client = client
        self.sql = SqlCounter(app.state.engine)

    @property
    def cache(self) -> PageCache:
        found: PageCache | None = self.app.state.page_cache
        assert found is not None, "the page cache is off"
        return found

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, **kwargs)

    def statements_for(self, url: str, method: str = "GET", **kwargs: Any) -> tuple[int, Any]:
        response: list[Any] = []
        n = self.sql.during(lambda: response.append(self.client.request(method, url, **kwargs)))
        return n, response[0]


@pytest.fixture
def corpus_db(tmp_path: Path) -> Corpus:
    """A database of its own for each test (some write to it)."""
    return build_corpus(fresh_database_url(tmp_path, migrate=False))


@pytest.fixture
def site_for(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Site]]:
    """``site_for(url, mb=64, recheck=0)``: the app as ``create_app`` builds it from the environment."""
    with ExitStack() as stack:

        def make(url: str, *, mb: float | None = 64, recheck: float | None = 0, routes: Any = None) -> Site:
            for name, value in (("SUMMITRY_PAGE_CACHE_MB", mb), ("SUMMITRY_PAGE_CACHE_RECHECK", recheck)):
                if value is None:
                    monkeypatch.delenv(name, raising=False)
                else:
                    monkeypatch.setenv(name, str(value))
            app = create_app(url)
            if routes:
                routes(app)
            client = stack.enter_context(TestClient(app, raise_server_exceptions=False))
            return Site(app, client)

        yield make


# ----------------------------------------------------------------------------------------- writes


def _extraction(src: SourceDocument, person: str, event_name: str, quote: str) -> Extraction:
    return summit_extraction(src, person, event_name, quote, [FR])


def ingest(url: str, path: str, person: str, event_name: str, quote: str) -> tuple[str, int]:
    """Store one document the way ``summitry ingest`` does (plan and store in one transaction);
    returns the outcome and the document's id."""
    engine = make_engine(url)
    try:
        src = source(path, f'{person} said: "{quote}"', published=None)
        with session_factory(engine)() as session, session.begin():
            plan = store.plan(session, src, "test-1")
            doc_id = store.store(session, src, _extraction(src, person, event_name, quote), "test-1", plan)
        return plan.outcome, doc_id
    finally:
        engine.dispose()


LYON = "/events/2024-06-05-lyon-summit"


def words(response: Any) -> str:
    """The page's text without its tags (search marks the matched words)."""
    return re.sub(r"<[^>]+>", "", response.text)


# ----------------------------------------------------------------------------------------- hits


@pytest.mark.parametrize(
    "path",
    [
        "/events/{summit}",  # the plain Starlette route
        "/statements?speaker=tom-baker",
        "/search?q=fisheries",
        "/",
        "/api/events/{summit}",
    ],
)
def test_second_identical_request_is_served_from_the_cache(
    corpus_db: Corpus, site_for: Callable[..., Site], path: str
) -> None:
    site = site_for(corpus_db.url)
    url = path.format(summit=corpus_db.events["summit"])
    rendered, first = site.statements_for(url)
    assert first.status_code == 200 and rendered > 0
    served, second = site.statements_for(url)
    assert served == 0  # not one query: the route did not run
    assert second.content == first.content
    assert second.headers.raw == first.headers.raw  # security headers and ETag included, in order
    for name, value in SECURITY_HEADERS:
        assert second.headers[name.decode()] == value.decode()
    assert site.cache.hits == 1


def test_ingest_shows_on_the_next_request_with_recheck_zero(corpus_db: Corpus, site_for: Callable[..., Site]) -> None:
    site = site_for(corpus_db.url, recheck=0)
    assert site.get(LYON).status_code == 404
    assert "Zephyrine" not in words(site.get("/search?q=zephyrine"))
    assert site.statements_for("/search?q=zephyrine")[0] == 0  # cached

    outcome, doc_id = ingest(corpus_db.url, "new.txt", "Jean Alpha", "Lyon Summit", "Zephyrine winds will blow.")
    assert outcome == "added"
    assert "Zephyrine winds" in words(site.get("/search?q=zephyrine"))
    assert site.get(LYON).status_code == 200
    assert site.statements_for("/search?q=zephyrine")[0] == 0  # and cached again, under the new generation
    document = f"/documents/{doc_id}"
    assert "Zephyrine winds" in words(site.get(document))
    assert site.statements_for(document)[0] == 0

    # a changed document at the same path replaces its facts: the next request shows the change
    outcome, _ = ingest(corpus_db.url, "new.txt", "Jean Alpha", "Lyon Summit", "Marigold fields are wide.")
    assert outcome == "replaced"
    changed = words(site.get(document))
    assert "Marigold fields" in changed and "Zephyrine" not in changed
    assert "Marigold fields" in words(site.get(LYON))
    assert "Marigold fields" in words(site.get("/search?q=marigold"))
    # the search already run for the old text (its results cached on the data's version) finds it no more
    assert "Zephyrine winds" not in words(site.get("/search?q=zephyrine"))


def test_a_page_is_stale_for_at_most_the_recheck_interval(
    corpus_db: Corpus, site_for: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: now[0])
    site = site_for(corpus_db.url, recheck=30)
    assert site.get(LYON).status_code == 404  # not kept: a 404
    before = site.get("/events").text
    reads = site.sql.generation_reads
    ingest(corpus_db.url, "new.txt", "Jean Alpha", "Lyon Summit", "Zephyrine winds will blow.")

    now[0] += 29
    assert site.get("/events").text == before  # within the interval: the page rendered before
    assert site.sql.generation_reads == reads  # and the generation was not read again
    assert site.get(LYON).status_code == 200  # a 404 was never kept, so this one is rendered afresh

    now[0] += 2
    after = site.get("/events").text
    assert after != before and "Lyon Summit" in after
    assert site.sql.generation_reads == reads + 1


# ----------------------------------------------------------------------------------------- keys


def test_htmx_and_full_requests_get_their_own_entries(corpus_db: Corpus, site_for: Callable[..., Site]) -> None:
    site = site_for(corpus_db.url)
    url = "/statements?speaker=tom-baker"
    hx = {"HX-Request": "true"}
    history = {"HX-Request": "true", "HX-Request-Type": "full"}
    full = site.get(url)
    partial = site.get(url, headers=hx)
    restore = site.get(url, headers=history)
    assert "<html" in full.text and "<html" not in partial.text and "<html" in restore.text
    assert full.headers["etag"] != partial.headers["etag"]
    for headers, expected in ((None, full), (hx, partial), (history, restore)):
        n, again = site.statements_for(url, headers=headers)
        assert n == 0 and again.content == expected.content
        assert again.headers["vary"] == "HX-Request, HX-Request-Type"
    # the page the request came from decides whether htmx pushes a history entry: keyed too
    same = {**hx, "HX-Current-URL": f"http://testserver{url}"}
    n, pushed_not = site.statements_for(url, headers=same)
    assert n > 0 and pushed_not.headers["hx-push-url"] == "false"
    assert "hx-push-url" not in site.get(url, headers=hx).headers
    assert site.get(url, headers=same).headers["hx-push-url"] == "false"


def test_the_host_is_part_of_the_key(corpus_db: Corpus, site_for: Callable[..., Site]) -> None:
    site = site_for(corpus_db.url)
    url = f"/events/{corpus_db.events['summit']}"
    one = site.get(url, headers={"Host": "one.example"})
    n, two = site.statements_for(url, headers={"Host": "two.example"})
    assert n > 0  # the cite box shows the absolute URL: another host is another page
    assert "http://two.example/" in two.text and "http://one.example/" not in two.text
    n, again = site.statements_for(url, headers={"Host": "one.example"})
    assert n == 0 and again.content == one.content


# ----------------------------------------------------------------------------------------- never kept


def test_errors_are_not_cached(corpus_db: Corpus, site_for: Callable[..., Site]) -> None:
    # recheck far away: a change shows only if the earlier answer was not kept
    site = site_for(corpus_db.url, recheck=3600)
    bad_speaker = "/statements?speaker=jean-alpha"
    assert site.get(LYON).status_code == 404
    assert site.get(bad_speaker).status_code == 400
    assert site.get("/statements?page=0").status_code == 400
    assert len(site.cache) == 0
    ingest(corpus_db.url, "new.txt", "Jean Alpha", "Lyon Summit", "Zephyrine winds will blow.")
    assert site.get(LYON).status_code == 200
    assert site.get(bad_speaker).status_code == 200
    assert len(site.cache) == 2


def test_redirects_and_streams_are_not_cached(corpus_db: Corpus, site_for: Callable[..., Site]) -> None:
    site = site_for(corpus_db.url)
    for url in ("/countries/PT", "/statements?speaker=tom-baker&unknown=1", "/favicon.ico"):
        for _ in range(2):
            response = site.get(url, follow_redirects=False)
            assert response.status_code in (301, 302)
    for _ in range(2):
        n, csv = site.statements_for("/statements.csv?speaker=tom-baker")
        assert csv.status_code == 200 and "tom-baker" in csv.text and n > 0  # streamed: rendered each time
    assert len(site.cache) == 0 and site.cache.stores == 0
    site.get("/statements?speaker=tom-baker")
    assert len(site.cache) == 1  # the cache is on


def _odd_routes(calls: list[str]) -> Callable[[FastAPI], None]:
    def install(app: FastAPI) -> None:
        def cookie(request: Request) -> Response:
            calls.append("cookie")
            response = PlainTextResponse("hello")
            response.set_cookie("seen", "1")
            return response

        def no_store(request: Request) -> Response:
            calls.append("no-store")
            return PlainTextResponse("hello", headers={"Cache-Control": "no-store"})

        def either(request: Request) -> Response:
            calls.append(request.method)
            return PlainTextResponse("hello")

        app.router.add_route("/test/cookie", cookie, methods=["GET"])
        app.router.add_route("/test/no-store", no_store, methods=["GET"])
        app.router.add_route("/test/either", either, methods=["GET", "POST"])

    return install


def test_cookies_no_store_and_posts_are_not_cached(corpus_db: Corpus, site_for: Callable[..., Site]) -> None:
    calls: list[str] = []
    site = site_for(corpus_db.url, routes=_odd_routes(calls))
    for _ in range(2):
        assert site.get("/test/cookie").status_code == 200
        assert site.get("/test/no-store").status_code == 200
        assert site.client.post("/test/either").status_code == 200
    assert calls == ["cookie", "no-store", "POST"] * 2
    site.get("/test/either")
    site.get("/test/either")
    assert calls[6:] == ["GET"]  # the control: a plain GET is run once, then kept
    assert site.get("/test/cookie").headers.get("etag") is None


def test_cacheable_rules() -> None:
    ok = [(b"content-length", b"5"), (b"content-type", b"text/plain"), (b"vary", b"HX-Request, HX-Request-Type")]
    assert cacheable(200, ok, b"hello")
    assert not cacheable(404, ok, b"hello")
    assert not cacheable(302, ok, b"hello")
    assert not cacheable(200, ok, b"hell")  # not the whole body
    assert not cacheable(200, ok[1:], b"hello")  # no length: streamed
    for extra in (
        (b"set-cookie", b"a=1"),
        (b"cache-control", b"no-store"),
        (b"cache-control", b"max-age=0, private"),
        (b"etag", b'"abc"'),
        (b"last-modified", b"Mon, 01 Jan 2024 00:00:00 GMT"),
        (b"vary", b"Accept-Encoding"),
        (b"vary", b"*"),
    ):
        assert not cacheable(200, [*ok, extra], b"hello"), extra
    assert cacheable(200, [*ok, (b"cache-control", b"max-age=60")], b"hello")


# ----------------------------------------------------------------------------------------- bounds


def test_the_byte_bound_evicts_the_least_recently_used(corpus_db: Corpus, site_for: Callable[..., Site]) -> None:
    urls = [f"/events/{corpus_db.events[k]}" for k in ("summit", "talks", "call")]
    sizes = []
    measure = site_for(corpus_db.url)
    for url in urls:
        before = measure.cache.bytes
        measure.get(url)
        sizes.append(measure.cache.bytes - before)
    a, b, c = sizes
    bound = max(a + b, a + c) + 64
    assert bound < a + b + c
    site = site_for(corpus_db.url, mb=bound / (1024 * 1024) + 1e-9)
    assert site.cache.max_bytes in (bound, bound - 1)
    site.get(urls[0])
    site.get(urls[1])
    assert site.statements_for(urls[0])[0] == 0  # a hit: now the most recently used
    site.get(urls[2])  # over the bound: out goes the least recently used, the second
    assert site.cache.bytes <= site.cache.max_bytes and site.cache.evictions == 1
    assert site.statements_for(urls[0])[0] == 0
    assert site.statements_for(urls[2])[0] == 0
    assert site.statements_for(urls[1])[0] > 0


def test_zero_mb_turns_it_off(corpus_db: Corpus, site_for: Callable[..., Site]) -> None:
    site = site_for(corpus_db.url, mb=0)
    assert site.app.state.page_cache is None
    url = f"/events/{corpus_db.events['summit']}"
    first = site.get(url)
    assert "etag" not in first.headers
    assert site.statements_for(url)[0] > 0
    assert site.statements_for(url, headers={"If-None-Match": "*"})[1].status_code == 200
    assert site.sql.generation_reads == 0


def test_the_default_is_on_with_a_one_second_recheck(corpus_db: Corpus, site_for: Callable[..., Site]) -> None:
    site = site_for(corpus_db.url, mb=None, recheck=None)
    assert site.cache.max_bytes == 64 * 1024 * 1024 and site.cache.recheck == 1.0
    url = f"/events/{corpus_db.events['summit']}"
    site.get(url)
    assert site.statements_for(url)[0] == 0


# ----------------------------------------------------------------------------------------- ETag, HEAD


def test_if_none_match_gets_a_304(corpus_db: Corpus, site_for: Callable[..., Site]) -> None:
    site = site_for(corpus_db.url)
    url = f"/events/{corpus_db.events['summit']}"
    first = site.get(url)
    etag = first.headers["etag"]
    assert etag.startswith('W/"1-')  # weak; generation 1, the migration's seed
    for header in (etag, f'W/"nope", {etag}', etag.removeprefix("W/"), "*"):
        n, not_modified = site.statements_for(url, headers={"If-None-Match": header})
        assert n == 0 and not_modified.status_code == 304 and not_modified.content == b""
        assert not_modified.headers["etag"] == etag
        assert not_modified.headers["vary"] == "HX-Request, HX-Request-Type"
        assert "content-type" not in not_modified.headers and "content-length" not in not_modified.headers
        for name, value in SECURITY_HEADERS:
            assert not_modified.headers[name.decode()] == value.decode()
    other = site.get(url, headers={"If-None-Match": 'W/"1-0000"'})
    assert other.status_code == 200 and other.content == first.content

    # another worker (another cache) renders the same bytes under the same generation: the same tag
    fresh = site_for(corpus_db.url)
    n, not_modified = fresh.statements_for(url, headers={"If-None-Match": etag})
    assert n > 0 and not_modified.status_code == 304

    # a new generation: the old tag no longer matches
    ingest(corpus_db.url, "new.txt", "Jean Alpha", "Lyon Summit", "Zephyrine winds will blow.")
    after = site.get(url, headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["etag"].startswith('W/"2-')


def test_head_from_the_cache_has_no_body(corpus_db: Corpus, site_for: Callable[..., Site]) -> None:
    site = site_for(corpus_db.url)
    url = f"/events/{corpus_db.events['summit']}"
    got = site.get(url)
    n, head = site.statements_for(url, method="HEAD")
    assert n == 0 and head.status_code == 200 and head.content == b""
    assert head.headers.raw == got.headers.raw  # Content-Length of the GET's body, ETag, security headers

    # a HEAD first renders and keeps the page; the GET after it gets the whole body from the cache
    other = f"/events/{corpus_db.events['talks']}"
    n, head = site.statements_for(other, method="HEAD")
    assert n > 0 and head.content == b""
    n, got = site.statements_for(other)
    assert n == 0 and len(got.content) == int(head.headers["content-length"]) > 0
    assert got.headers.raw == head.headers.raw


def test_etag_matching() -> None:
    tag = b'W/"3-abc"'
    assert etag_matches(b'W/"3-abc"', tag)
    assert etag_matches(b'"3-abc"', tag)
    assert etag_matches(b'"x", W/"3-abc"', tag)
    assert etag_matches(b"*", tag)
    assert not etag_matches(b'W/"3-abd"', tag)
    assert not etag_matches(b"", tag)


# ----------------------------------------------------------------------------------------- generations


def test_a_database_without_the_row_or_the_table_is_generation_zero(
    corpus_db: Corpus, site_for: Callable[..., Site]
) -> None:
    engine = make_engine(corpus_db.url)
    with engine.begin() as conn:
        conn.execute(delete(DataState))
    engine.dispose()
    site = site_for(corpus_db.url)
    url = "/search?q=zephyrine"
    assert site.get(url).headers["etag"].startswith('W/"0-')
    assert site.statements_for(url)[0] == 0
    ingest(corpus_db.url, "new.txt", "Jean Alpha", "Lyon Summit", "Zephyrine winds will blow.")  # creates the row
    page = site.get(url)
    assert "Zephyrine winds" in words(page) and page.headers["etag"].startswith('W/"1-')

    downgrade(corpus_db.url, "0001")  # a database from before the generation existed
    site = site_for(corpus_db.url)
    page = site.get(url)
    assert page.status_code == 200 and page.headers["etag"].startswith('W/"0-')
    assert site.statements_for(url)[0] == 0


def test_an_unreadable_database_turns_the_cache_off_until_it_reads(tmp_path: Path) -> None:
    import asyncio

    from sqlalchemy import create_engine

    target = tmp_path / "later.db"
    engine = create_engine(f"sqlite:///file:{target}?mode=ro&uri=true")  # no such file yet
    cache = PageCache(engine, 1024 * 1024, recheck=0)
    assert asyncio.run(cache.state()) is None  # unknown: nothing is served from or put in the cache
    build_corpus(f"sqlite:///{target}")
    assert asyncio.run(cache.state()) == (1, dt.date.today())
    engine.dispose()
