"""Every parameter validated: hostile and malformed input gives a 400/404 that says what was wrong,
never a 500; HEAD works on GET routes; the OpenAPI schema declares what the parser accepts."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any, get_args

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser

from app.web import deps
from app.web.filters import EVENT_KINDS, MAX_PAGE, EventFilters, SearchParams, StatementFilters
from tests.web_fixtures import Corpus

pytestmark = pytest.mark.db

LISTS = {"/statements": StatementFilters, "/events": EventFilters, "/search": SearchParams}

# (query string, the parameter the error must name, words the message must contain)
BAD_QUERIES: list[tuple[str, str, str]] = [
    ("page=" + "9" * 30, "page", ""),
    ("page=-1", "page", ""),
    ("page=abc", "page", ""),
    ("page=1.5", "page", ""),
    ("page=0x10", "page", ""),
    ("page=%00", "page", "control character"),
    ("q=" + "x" * 100_000, "q", ""),
    ("q=" + "%20x" * 300, "q", ""),
    ("q=a%00b", "q", "control character"),
    ("q=%FF%FE", "q", "UTF-8"),
    ("q=%C3%28", "q", "UTF-8"),
    ("page=1&page=2", "page", ""),
]
STATEMENT_QUERIES: list[tuple[str, str, str]] = [
    ("from=2024-13-45", "from", ""),
    ("from=2024-02-30", "from", ""),
    ("to=yesterday", "to", ""),
    ("from=99999-01-01", "from", ""),
    ("from=2025-05-01&to=2025-01-01", "from", "back to front"),
    ("speaker=x%27%20OR%201%3D1%20--", "speaker", ""),
    ("speaker=%3Cb%3Ebold%3C%2Fb%3E", "speaker", ""),
    ("speaker=a;DROP%20TABLE%20actors", "speaker", ""),
    ("speaker=" + "a" * 5000, "speaker", ""),
    ("speaker=%00", "speaker", "control character"),
    ("event=a&event=b", "event", "more than once"),
    ("event=..%2F..%2Fetc%2Fpasswd", "event", ""),
    ("country=fra%27", "country", ""),
    ("country=123", "country", ""),
    ("type=sideways", "type", ""),
    ("sort=name", "sort", ""),
    ("sort=date;DROP", "sort", ""),
    ("after=abc", "after", ""),
    ("after=2025-01-01,1&before=2025-01-01,2", "after", ""),
    ("after=2025-13-01,1", "after", ""),
    ("&".join(f"speaker=s{i}" for i in range(60)), "speaker", ""),
]
EVENT_QUERIES: list[tuple[str, str, str]] = [
    ("year=" + "9" * 30, "year", ""),
    ("year=99", "year", ""),
    ("kind=party", "kind", ""),
    ("kind=summit&kind=talks", "kind", ""),
    ("month=13&year=2025", "month", ""),
    ("month=4", "month", "year"),
    ("sort=name", "sort", ""),
    ("participant=%3Cscript%3E", "participant", ""),
    ("country=%E2%80%AEfr", "country", ""),
]


def _cases() -> list[tuple[str, str, str]]:
    cases = []
    for query, field, words in BAD_QUERIES:
        for path in LISTS:
            if field == "q" and path == "/events":
                continue
            cases.append((f"{path}?{query}", field, words))
    cases += [(f"/statements?{q}", f, w) for q, f, w in STATEMENT_QUERIES]
    cases += [(f"/events?{q}", f, w) for q, f, w in EVENT_QUERIES]
    return cases


def _get(client: TestClient, url: str) -> tuple[int, str, str]:
    """Status, content type and body; URLs longer than httpx allows go to the ASGI app directly."""
    if len(url) < 60_000:
        r = client.get(url, follow_redirects=False)
        return r.status_code, r.headers.get("content-type", ""), r.text
    path, _, query = url.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("testclient", 50000),
        "root_path": "",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(b"host", b"testserver")],
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(client.app(scope, receive, send))  # type: ignore[arg-type]
    start = sent[0]
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in sent[1:]).decode()
    return start["status"], headers.get("content-type", ""), body


def _messages_html(text: str) -> str:
    node = LexborHTMLParser(text).css_first(".notice.error")
    assert node is not None, text[:500]
    return node.text()


@pytest.mark.parametrize(("url", "field", "words"), _cases())
def test_bad_params_say_what_was_wrong(client: TestClient, url: str, field: str, words: str) -> None:
    path, _, query = url.partition("?")
    # the page, the JSON twin and (for statements) the CSV export
    targets = [(url, "html"), (f"/api{path}?{query}", "json")]
    if path == "/statements":
        targets.append((f"/statements.csv?{query}", "json"))
    for target, kind in targets:
        status, content_type, body_text = _get(client, target)
        assert status == 400, (target[:200], status, body_text[:300])
        assert "Traceback" not in body_text
        if kind == "html":
            assert content_type.startswith("text/html")
            text = _messages_html(body_text)
        else:
            assert content_type.startswith("application/json")
            body = json.loads(body_text)
            assert isinstance(body["error"], str) and body["detail"], body
            assert all(isinstance(m, str) for m in body["detail"])
            text = " ".join(body["detail"])
        assert f"“{field}”" in text, (target[:200], text)
        assert words in text, (target[:200], text)
        assert len(text) < 2000, "an error message repeats at most a little of a huge value"


def test_unknown_params_are_errors_on_the_api_and_dropped_by_pages(client: TestClient) -> None:
    r = client.get("/api/statements?limit=1000000000")
    assert r.status_code == 400
    assert "“limit” is not a parameter" in r.json()["detail"][0]
    assert client.get("/api/events?per_page=5").status_code == 400
    assert client.get("/statements.csv?format=xlsx").status_code == 400
    page = client.get("/statements?limit=1000000000", follow_redirects=False)
    assert page.status_code == 302 and page.headers["location"] == "/statements"


def test_page_sizes_are_capped(client: TestClient) -> None:
    for path, cls in LISTS.items():
        body = client.get(f"/api{path}?q=the" if path != "/events" else f"/api{path}").json()
        assert body["per_page"] == cls.PER_PAGE <= 50
        assert len(body["items"]) <= body["per_page"]
    assert client.get(f"/api/statements?page={MAX_PAGE}").json()["items"] == []
    assert client.get(f"/api/statements?page={MAX_PAGE + 1}").status_code == 400


def test_repeated_identical_values_are_one_value(client: TestClient) -> None:
    r = client.get("/api/statements?type=direct&type=direct")
    assert r.status_code == 200
    assert all(item["direct"] for item in r.json()["items"])


WEIRD_SEGMENTS = [
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "x%27%20OR%201%3D1--",
    "%00",
    "%FF",
    "..%2F..%2Fetc%2Fpasswd",
    "a" * 3000,
    "%E2%80%AE",
    "-1",
    "0",
    "1.5",
    "1e3",
    "99999999999999999999",
    str(2**63),
    str(2**63 - 1),
]


@pytest.mark.parametrize("segment", WEIRD_SEGMENTS)
@pytest.mark.parametrize(
    "prefix", ["/events/", "/people/", "/organisations/", "/countries/", "/documents/", "/statements/"]
)
def test_weird_path_params_are_404_or_400(client: TestClient, prefix: str, segment: str) -> None:
    for base in ("", "/api"):
        url = f"{base}{prefix}{segment}"
        r = client.get(url, follow_redirects=False)
        assert r.status_code in (400, 404) or (r.status_code == 301 and prefix == "/countries/"), (
            url,
            r.status_code,
            r.text[:300],
        )
        assert "Traceback" not in r.text
        if base:
            assert r.headers["content-type"].startswith("application/json"), url
            assert r.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/events",
        "/statements",
        "/search?q=summit",
        "/api",
        "/api/counts",
        "/api/events",
        "/api/statements",
        "/api/search?q=summit",
        "/api/openapi.json",
        "/statements.csv",
        "/static/css/site.css",
    ],
)
def test_head_returns_the_get_headers_without_a_body(client: TestClient, url: str) -> None:
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == get.status_code == 200, url
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    if "content-length" in get.headers:
        assert head.headers["content-length"] == get.headers["content-length"]


def test_head_on_detail_routes(client: TestClient, corpus: Corpus) -> None:
    for url in (f"/events/{corpus.events['summit']}", f"/documents/{corpus.docs['doc1']}", "/people/tom-baker"):
        assert client.head(url).status_code == 200
    assert client.head("/events/nope").status_code == 404
    assert client.head("/statements?page=abc").status_code == 400
    assert client.head("/statements?page=1", follow_redirects=False).status_code == 302


def test_other_methods_are_405_not_500(client: TestClient) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        r = client.request(method, "/api/statements")
        assert r.status_code == 405, method


# --------------------------------------------------------------------------- the schema tells the truth


def _operation(client: TestClient, path: str) -> dict[str, Any]:
    return client.get("/api/openapi.json").json()["paths"][path]["get"]


def _param_schema(param: dict[str, Any]) -> dict[str, Any]:
    schema = param["schema"]
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return {**schema, **option}
    return schema


@pytest.mark.parametrize(
    ("path", "cls"),
    [
        ("/api/statements", StatementFilters),
        ("/statements.csv", StatementFilters),
        ("/api/events", EventFilters),
        ("/api/search", SearchParams),
    ],
)
def test_schema_declares_every_parameter_the_parser_reads(
    client: TestClient, path: str, cls: type[StatementFilters | EventFilters | SearchParams]
) -> None:
    params = {p["name"]: _param_schema(p) for p in _operation(client, path)["parameters"]}
    assert set(params) == set(cls.PARAMS)
    assert params["page"]["type"] == "integer"
    assert (params["page"]["minimum"], params["page"]["maximum"]) == (1, MAX_PAGE)
    if "sort" in params:
        assert set(params["sort"]["enum"]) == set(cls.SORTS)  # type: ignore[union-attr]


def test_schema_enums_and_patterns_match_the_parser(client: TestClient) -> None:
    events = {p["name"]: _param_schema(p) for p in _operation(client, "/api/events")["parameters"]}
    assert tuple(events["kind"]["enum"]) == EVENT_KINDS
    assert get_args(deps.EventKind) == EVENT_KINDS
    assert (events["year"]["minimum"], events["year"]["maximum"]) == (1900, 2100)
    statements = {p["name"]: _param_schema(p) for p in _operation(client, "/api/statements")["parameters"]}
    assert set(statements["type"]["enum"]) == set(StatementFilters.TYPES)
    assert statements["from"]["format"] == "date"
    assert statements["q"]["maxLength"] == 200
    slug = re.compile(statements["speaker"]["items"]["pattern"])
    assert slug.match("tom-baker") and not slug.match("<b>")
    docs = _operation(client, "/api/documents/{doc_id}")["parameters"][0]["schema"]
    assert docs["type"] == "integer" and docs["minimum"] == 1
    responses = _operation(client, "/api/statements")["responses"]
    assert "422" not in responses and {"200", "400", "404"} <= set(responses)


def test_json_and_csv_twins_answer_errors_in_json(client: TestClient) -> None:
    for url in ("/events.json?kind=party", "/statements.json?page=0", "/search.json?page=x", "/events.csv?year=1"):
        r = client.get(url)
        assert r.status_code == 400, url
        assert r.headers["content-type"].startswith("application/json"), url
        assert r.json()["detail"], url
