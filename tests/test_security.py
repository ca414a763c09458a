"""Hostile text stays inert everywhere it is shown; every response carries the security headers.

The fixture corpus gets extra rows here (through a fresh database of this module's own): a
document, a person, an event, statements and an agreement whose text is HTML, script or a
spreadsheet formula. Each page, the JSON API and the CSV export must show them as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser

from app.db.engine import make_engine, session_factory
from app.db.models import (
    Actor,
    Agreement,
    AgreementParty,
    Document,
    Event,
    EventSource,
    Mention,
    Participation,
    SearchEntry,
    Statement,
)
from app.web.csv_export import csv_lines, csv_safe
from app.web.main import CSP
from tests.dbutil import fresh_database_url
from tests.web_fixtures import build_corpus

pytestmark = pytest.mark.db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://evil")'


@dataclass
class Hostile:
    doc_id: int
    statement_ids: list[int]
    event_slug: str
    person_slug: str


def _add_hostile_rows(url: str) -> Hostile:
    title = f"{IMG} Harbour dispatch"
    paragraphs = [
        f"{SCRIPT} Mallory Quill opened the Quayside summit in Lisbon.",
        f'"{FORMULA}" Quill said.',
        f'Quill told reporters that "{SCRIPT}" was the plan, and "+1-555-0100" the number.',
        f"The delegations agreed to {IMG} nothing at all.",
        "@everyone -minus sign and\ttab",
    ]
    text = title + "\n\n" + "\n".join(paragraphs)
    body_start = len(title) + 2

    def span(needle: str) -> tuple[int, int]:
        start = text.index(needle)
        return start, start + len(needle)

    engine = make_engine(url)
    try:
        with session_factory(engine)() as session, session.begin():
            doc = Document(
                sha256=hashlib.sha256(text.encode()).hexdigest(),
                path="fixtures/hostile.txt",
                source_url='https://news.example.org/x?a=1&b="><script>alert(1)</script>',
                outlet=f"{SCRIPT} Gazette",
                title=title,
                subtitle=None,
                published=dt.date(2025, 5, 2),
                text=text,
                body_start=body_start,
                ingested_at=dt.datetime(2025, 5, 3, 12, 0),
                extractor_version="test-1",
            )
            person = Actor(
                slug="mallory-quill",
                kind="person",
                name=f"Mallory Quill {SCRIPT}",
                role=IMG,
                country_code="PT",
                aliases=[FORMULA],
            )
            event = Event(
                slug="2025-05-01-quayside-summit",
                name=f"Quayside summit {SCRIPT}",
                kind="summit",
                start_date=dt.date(2025, 5, 1),
                date_precision="day",
                city=IMG,
                country_code="PT",
                venue=FORMULA,
                summary=SCRIPT,
            )
            session.add_all([doc, person, event])
            session.flush()
            s, e = span("Quayside summit")
            session.add(EventSource(event_id=event.id, document_id=doc.id, start=s, end=e, name=SCRIPT))
            s, e = span("Mallory Quill")
            session.add(
                Participation(
                    event_id=event.id, actor_id=person.id, role="convenor", document_id=doc.id, start=s, end=e
                )
            )
            session.add(Mention(document_id=doc.id, actor_id=person.id, start=s, end=e))
            ids = []
            for quote, direct, cue in (
                (FORMULA, True, "@said"),
                (SCRIPT, False, "told reporters"),
                ("+1-555-0100", False, "-said"),
            ):
                s, e = span(quote)
                st = Statement(
                    speaker_id=person.id,
                    event_id=event.id,
                    document_id=doc.id,
                    text=quote,
                    direct=direct,
                    cue=cue,
                    said_on=dt.date(2025, 5, 1),
                    start=s,
                    end=e,
                    sentence_start=s,
                    sentence_end=e,
                )
                session.add(st)
                session.flush()
                ids.append(st.id)
                session.add(
                    SearchEntry(
                        kind="statement",
                        ref_id=st.id,
                        document_id=doc.id,
                        title=f"{person.name}: {quote}",
                        body=f"quayside {quote}",
                    )
                )
            s, e = span(f"agreed to {IMG}")
            ag = Agreement(
                event_id=event.id, document_id=doc.id, text=f"agreed to {IMG}", status="agreed", start=s, end=e
            )
            session.add(ag)
            session.flush()
            session.add(AgreementParty(agreement_id=ag.id, actor_id=person.id))
            session.add(
                SearchEntry(
                    kind="event",
                    ref_id=event.id,
                    document_id=doc.id,
                    title=event.name,
                    body=f"quayside {event.name} {IMG}",
                )
            )
            session.add(
                SearchEntry(kind="document", ref_id=doc.id, document_id=doc.id, title=doc.title, body=text[body_start:])
            )
            return Hostile(doc.id, ids, event.slug, person.slug)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Hostile]]:
    from app.web.main import create_app

    path: Path = tmp_path_factory.mktemp("hostile")
    corpus = build_corpus(fresh_database_url(path, migrate=False))
    rows = _add_hostile_rows(corpus.url)
    with TestClient(create_app(corpus.url), raise_server_exceptions=False) as client:
        yield client, rows


def _assert_inert(html: str) -> None:
    """No markup from the data became markup on the page."""
    tree = LexborHTMLParser(html)
    for node in tree.css("script"):
        assert (node.attributes.get("src") or "").startswith("/static/"), node.html
        assert not (node.text() or "").strip(), node.html
    assert not tree.css("img[onerror], [onerror], [onload]")
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            assert not name.lower().startswith("on"), (name, node.html)
            if name in ("href", "src", "action"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:")), value
    assert "<script>alert" not in html and "<img src=x" not in html


def _hostile_urls(h: Hostile) -> list[str]:
    return [
        "/",
        "/events",
        "/events?country=pt",
        f"/events/{h.event_slug}",
        "/statements",
        f"/statements?speaker={h.person_slug}",
        f"/statements/{h.statement_ids[0]}",
        f"/statements/{h.statement_ids[1]}",
        f"/people/{h.person_slug}",
        "/countries/pt",
        f"/documents/{h.doc_id}",
        "/search?q=quayside",
        "/search?q=alert",
        "/search?q=HYPERLINK",
        "/search?q=script",
    ]


def test_hostile_text_is_escaped_on_every_page(hostile_client: tuple[TestClient, Hostile]) -> None:
    client, h = hostile_client
    for url in _hostile_urls(h):
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code, r.text[:300])
        _assert_inert(r.text)
    # the text is there, shown as text
    page = client.get(f"/events/{h.event_slug}").text
    assert "Quayside summit &lt;script&gt;alert(1)&lt;/script&gt;" in page
    doc = client.get(f"/documents/{h.doc_id}").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in doc
    assert "HYPERLINK(&#34;http://evil&#34;)" in doc or "HYPERLINK(&quot;http://evil&quot;)" in doc


def test_htmx_fragments_escape_too(hostile_client: tuple[TestClient, Hostile]) -> None:
    client, h = hostile_client
    partial = {"HX-Request": "true", "HX-Request-Type": "partial"}
    for url in ("/statements", f"/statements?speaker={h.person_slug}", "/events", "/search?q=quayside"):
        r = client.get(url, headers=partial)
        assert r.status_code == 200 and "<html" not in r.text
        _assert_inert(r.text)


def test_search_snippets_mark_only_the_match(hostile_client: tuple[TestClient, Hostile]) -> None:
    client, _ = hostile_client
    tree = LexborHTMLParser(client.get("/search?q=quayside").text)
    marks = tree.css("li.hit mark")
    assert marks, "the search should highlight its matches"
    assert all(not list(m.iter()) for m in marks), "a highlight holds text only"


def test_hostile_params_are_escaped_in_error_pages(hostile_client: tuple[TestClient, Hostile]) -> None:
    client, _ = hostile_client
    for url in (
        f"/statements?speaker={SCRIPT}",
        f"/statements?event={IMG}",
        f"/events?kind={SCRIPT}",
        f"/statements?from={SCRIPT}",
        f"/events/{SCRIPT}",
        f"/people/{IMG}",
    ):
        r = client.get(url)
        assert r.status_code in (400, 404), (url, r.status_code)
        _assert_inert(r.text)


def test_json_keeps_the_text_as_text(hostile_client: tuple[TestClient, Hostile]) -> None:
    client, h = hostile_client
    r = client.get(f"/api/events/{h.event_slug}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.json()["event"]["name"] == f"Quayside summit {SCRIPT}"
    doc = client.get(f"/api/documents/{h.doc_id}").json()
    assert doc["document"]["title"].startswith(IMG)
    hits = client.get("/api/search?q=quayside").json()["items"]
    assert hits and all("<script>" not in hit["snippet"] for hit in hits)


def test_csv_neutralises_formulas(hostile_client: tuple[TestClient, Hostile]) -> None:
    client, h = hostile_client
    r = client.get(f"/statements.csv?speaker={h.person_slug}")
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.text)))
    by_id = {int(row["id"]): row for row in rows}
    assert set(by_id) == set(h.statement_ids)
    formula, script, phone = (by_id[i] for i in h.statement_ids)
    assert formula["text"] == "'" + FORMULA
    assert formula["cue"] == "'@said"
    assert script["text"] == SCRIPT  # not a formula: left as it is (CSV is not HTML)
    assert phone["text"] == "'+1-555-0100" and phone["cue"] == "'-said"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("", ""),
        ("a=b", "a=b"),
        (5, 5),
        (-5, -5),  # numbers are numbers, not text a spreadsheet could run
        (None, None),
    ],
)
def test_csv_safe(value: object, expected: object) -> None:
    assert csv_safe(value) == expected


def test_csv_lines_applies_csv_safe_to_every_cell() -> None:
    text = "".join(csv_lines(["=h"], [["=a"], ["b"], ["@c"]], chunk_rows=1))
    assert list(csv.reader(io.StringIO(text))) == [["'=h"], ["'=a"], ["b"], ["'@c"]]


# --------------------------------------------------------------------------- security headers

EXPECTED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)


def _assert_security_headers(r: object, what: str) -> None:
    headers = r.headers  # type: ignore[attr-defined]
    assert headers.get("content-security-policy") == EXPECTED_CSP, what
    assert headers.get("x-content-type-options") == "nosniff", what
    assert headers.get("x-frame-options") == "DENY", what
    assert headers.get("referrer-policy") == "strict-origin-when-cross-origin", what


def test_csp_is_the_documented_one() -> None:
    assert CSP == EXPECTED_CSP


@pytest.mark.parametrize(
    ("url", "status", "kind"),
    [
        ("/", 200, "text/html"),
        ("/statements?speaker=tom-baker", 200, "text/html"),
        ("/api/statements", 200, "application/json"),
        ("/api/openapi.json", 200, "application/json"),
        ("/statements.csv", 200, "text/csv"),
        ("/static/css/site.css", 200, "text/css"),
        ("/static/favicon.svg", 200, "image/svg+xml"),
        ("/static/nope.css", 404, ""),
        ("/no/such/page", 404, "text/html"),
        ("/api/events/nope", 404, "application/json"),
        ("/statements?page=abc", 400, "text/html"),
        ("/api/statements?page=abc", 400, "application/json"),
        ("/statements?page=1", 302, ""),
        ("/favicon.ico", 301, ""),
        ("/countries/PT", 301, ""),
        ("/events/%00", 400, "text/html"),
    ],
)
def test_every_response_type_has_security_headers(client: TestClient, url: str, status: int, kind: str) -> None:
    r = client.get(url, follow_redirects=False)
    assert r.status_code == status, (url, r.text[:300])
    assert r.headers.get("content-type", "").startswith(kind)
    _assert_security_headers(r, url)


def test_head_has_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/counts", "/statements.csv", "/static/css/site.css"):
        r = client.head(url)
        assert r.status_code == 200 and r.content == b"", url
        _assert_security_headers(r, f"HEAD {url}")


def test_a_crash_is_a_plain_500_with_headers_and_no_traceback(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from app.web import queries

    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(queries, "counts", boom)
    if (cache := client.app.state.page_cache) is not None:  # type: ignore[attr-defined]
        cache.clear()  # what earlier tests had these pages answer: the routes must run under the patch
    for url, kind in (("/", "text/html"), ("/api/counts", "application/json")):
        r = client.get(url)
        assert r.status_code == 500
        assert r.headers["content-type"].startswith(kind)
        assert "secret internals" not in r.text and "Traceback" not in r.text
        _assert_security_headers(r, f"500 on {url}")
    assert "secret internals" in caplog.text  # logged for the operator, not shown to the visitor
