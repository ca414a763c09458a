"""HTML pages: structure and content, parsed (selectolax), against the invented corpus."""

from __future__ import annotations

import csv
import io
import re

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser

from tests.web_fixtures import HOSTILE, Corpus

PARTIAL = {"HX-Request": "true", "HX-Request-Type": "partial"}


def html(client: TestClient, url: str, status: int = 200, **kw: object) -> LexborHTMLParser:
    r = client.get(url, **kw)  # type: ignore[arg-type]
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    return LexborHTMLParser(r.text)


def texts(tree: LexborHTMLParser, selector: str) -> list[str]:
    return [n.text(separator=" ", strip=True) for n in tree.css(selector)]


def statement_ids(tree: LexborHTMLParser) -> list[int]:
    return [int(n.attributes["id"].removeprefix("statement-")) for n in tree.css("li.statement")]


# --------------------------------------------------------------------------- layout


@pytest.mark.parametrize("url", ["/", "/events", "/statements", "/search", "/api"])
def test_pages_have_landmarks_skip_link_and_local_assets(client: TestClient, url: str) -> None:
    tree = html(client, url)
    assert tree.css_first("html").attributes["lang"] == "en"
    assert tree.css_first("a.skip-link").attributes["href"] == "#main"
    assert tree.css_first("main#main") is not None
    assert tree.css_first("header nav[aria-label]") is not None
    assert len(tree.css("h1")) == 1
    for node in tree.css("script[src], link[rel=stylesheet]"):
        src = node.attributes.get("src") or node.attributes.get("href") or ""
        assert src.startswith("/static/"), src
    assert tree.css_first('script[src="/static/vendor/htmx-4.0.1.min.js"]') is not None


def test_security_headers(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "style-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "referrer-policy" in r.headers
    assert "HX-Request-Type" in r.headers["vary"]


def test_static_files_served(client: TestClient) -> None:
    assert client.get("/static/css/site.css").status_code == 200
    js = client.get("/static/vendor/htmx-4.0.1.min.js")
    assert js.status_code == 200 and "4.0.1" in js.text


def test_no_cdn_docs(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    assert client.get("/api/openapi.json").status_code == 200


# --------------------------------------------------------------------------- home and events


def test_home_counts_and_recent_events(client: TestClient, corpus: Corpus) -> None:
    tree = html(client, "/")
    counts = " ".join(texts(tree, ".counts li"))
    assert "3 events" in counts and "7 statements" in counts and "3 articles" in counts
    names = texts(tree, ".event-name a")
    assert names[0] == "Atlantic Partnership Summit"  # newest first, undated last
    assert names[-1] == "Fisheries call"
    assert tree.css_first('form[action="/search"] input[name="q"]') is not None


def test_events_filter_kind_and_title_in_words(client: TestClient) -> None:
    tree = html(client, "/events?kind=talks")
    assert texts(tree, ".event-name a") == ["Rome talks on fisheries"]
    assert tree.css_first("h1").text(strip=True) == "Talks"
    tree = html(client, "/events?country=pt&year=2025")
    assert texts(tree, ".event-name a") == ["Atlantic Partnership Summit"]
    assert "in Portugal in 2025" in tree.css_first("title").text()


def test_events_sort_oldest_first(client: TestClient) -> None:
    tree = html(client, "/events?sort=date")
    assert texts(tree, ".event-name a")[:2] == ["Rome talks on fisheries", "Atlantic Partnership Summit"]


def test_events_participant_filter(client: TestClient) -> None:
    tree = html(client, "/events?participant=tom-baker")
    assert sorted(texts(tree, ".event-name a")) == ["Atlantic Partnership Summit", "Rome talks on fisheries"]


def test_event_page_lists_everything_with_sources(client: TestClient, corpus: Corpus) -> None:
    tree = html(client, f"/events/{corpus.events['summit']}")
    assert tree.css_first("h1").text(strip=True) == "Atlantic Partnership Summit"
    facts = tree.css_first(".facts").text()
    assert "10–11 April 2025" in facts and "Belém Palace" in facts and "Lisbon" in facts
    assert "Reported by 2 sources" in facts
    assert texts(tree, ".convenors a.actor") == ["Ana Ferreira"]
    assert set(texts(tree, ".participants a.actor")) == {"Tom Baker", "Niamh Walsh", "Portugal"}
    # statements grouped by speaker, each with its anchor and a link to its span in the document
    groups = {g.css_first("h3 a").text(strip=True): statement_ids(g) for g in tree.css(".speaker-group")}
    assert groups == {
        "Ana Ferreira": [corpus.statements["ferreira_bridge"], corpus.statements["ferreira_expectations"]],
        "Niamh Walsh": [corpus.statements["walsh_ready"]],
        "Tom Baker": [corpus.statements["baker_funding"]],
    }
    sid = corpus.statements["ferreira_bridge"]
    item = tree.css_first(f"#statement-{sid}")
    assert item.css_first("mark").text() == "We are building a bridge across the ocean,"
    assert item.css_first(f'a[href="/documents/{corpus.docs["doc1"]}#statement-{sid}"]') is not None
    # agreements with status and parties, linked to their span
    ag = tree.css_first(f"#agreement-{corpus.agreements['fisheries']}")
    assert ag.css_first(".badge-status").text(strip=True) == "agreed"
    assert texts(ag, "a.actor") == ["Canada", "Ireland", "Portugal"]
    assert ag.css_first(f'a[href^="/documents/{corpus.docs["doc1"]}#agreement-"]') is not None
    # sources: both documents, each with a link to the span naming the event
    assert len(tree.css("ul.sources > li")) == 2
    for link in tree.css(".convenors a.src, .participants a.src, .sources figcaption a"):
        assert link.attributes["href"].startswith("/documents/")
        assert "#span-" in link.attributes["href"]


def test_event_source_links_resolve_to_anchors(client: TestClient, corpus: Corpus) -> None:
    tree = html(client, f"/events/{corpus.events['summit']}")
    hrefs = {a.attributes["href"] for a in tree.css("a[href^='/documents/']") if "#" in a.attributes["href"]}
    assert hrefs
    pages: dict[str, LexborHTMLParser] = {}
    for href in hrefs:
        path, anchor = href.split("#")
        pages.setdefault(path, html(client, path))
        assert pages[path].css_first(f"#{anchor}") is not None, href


def test_undated_event(client: TestClient, corpus: Corpus) -> None:
    tree = html(client, f"/events/{corpus.events['call']}")
    assert "date unknown" in tree.css_first(".facts").text()
    assert "No statements" in tree.css_first("#statements").text()


# --------------------------------------------------------------------------- statements


def test_statements_form_is_plain_get_with_labels_and_htmx(client: TestClient) -> None:
    tree = html(client, "/statements")
    form = tree.css_first("form#statement-filters")
    assert form.attributes["method"] == "get" and form.attributes["action"] == "/statements"
    assert form.attributes["hx-get"] == "/statements"
    assert form.attributes["hx-target"] == "#results"
    assert form.attributes["hx-push-url"] == "true"
    assert form.attributes["hx-sync"] == "this:replace"  # the latest filter state wins; one history entry
    assert form.css_first("button[type=submit]") is not None
    for control in form.css("select, input[type=date], input[type=search]"):
        assert form.css_first(f'label[for="{control.attributes["id"]}"]') is not None
    for box in form.css("input[type=checkbox]"):
        assert box.parent is not None and box.parent.tag == "label"
    # the form is outside the swapped region, which holds the count (live), rows and pagination
    results = tree.css_first("#results")
    assert results.css_first("form") is None
    assert results.css_first("[aria-live]").text(strip=True).startswith("7 statements")


def test_speaker_filter_returns_only_that_speaker(client: TestClient, corpus: Corpus) -> None:
    tree = html(client, "/statements?speaker=tom-baker")
    assert set(statement_ids(tree)) == {
        corpus.statements[k] for k in ("baker_funding", "baker_pressure", "baker_talking")
    }
    assert set(texts(tree, "li.statement .speaker a")) == {"Tom Baker"}
    assert tree.css_first("h1").text(strip=True) == "Statements by Tom Baker"
    assert "checked" in tree.css_first('input[name=speaker][value="tom-baker"]').attributes
    assert "checked" not in tree.css_first('input[name=speaker][value="ana-ferreira"]').attributes


def test_several_speakers_and_other_filters(client: TestClient, corpus: Corpus) -> None:
    tree = html(client, "/statements?speaker=ana-ferreira&speaker=niamh-walsh&type=direct")
    assert set(statement_ids(tree)) == {corpus.statements["ferreira_bridge"], corpus.statements["walsh_ready"]}
    assert tree.css_first("h1").text(strip=True) == "Direct quotes by Ana Ferreira and Niamh Walsh"
    tree = html(client, f"/statements?event={corpus.events['talks']}")
    assert set(statement_ids(tree)) == {corpus.statements["rossi_peace"], corpus.statements["baker_pressure"]}
    tree = html(client, "/statements?country=it")
    assert statement_ids(tree) == [corpus.statements["rossi_peace"]]
    tree = html(client, "/statements?from=2025-04-01&to=2025-04-10")
    assert set(statement_ids(tree)) == {corpus.statements["ferreira_bridge"], corpus.statements["baker_funding"]}
    tree = html(client, "/statements?q=Ocean")
    assert statement_ids(tree) == [corpus.statements["ferreira_bridge"]]
    tree = html(client, "/statements?q=100%25")
    assert statement_ids(tree) == []
    assert "No statements match" in tree.css_first("#results").text()


def test_non_canonical_query_redirects(client: TestClient) -> None:
    r = client.get("/statements?speaker=tom-baker&speaker=ana-ferreira&event=&q=&page=1", follow_redirects=False)
    assert r.status_code == 302
    assert r.headers["location"] == "/statements?speaker=ana-ferreira&speaker=tom-baker"
    r = client.get("/events?year=2025&kind=summit", follow_redirects=False)
    assert r.headers["location"] == "/events?kind=summit&year=2025"


def test_htmx_partial_is_fragment_and_plain_is_page(client: TestClient) -> None:
    url = "/statements?speaker=tom-baker"
    full = client.get(url)
    part = client.get(url, headers=PARTIAL)
    assert "<html" in full.text and "<html" not in part.text
    assert "<form" not in part.text
    frag = LexborHTMLParser(part.text)
    assert len(frag.css("li.statement")) == 3
    assert "Statements by Tom Baker" in frag.css_first("title").text()
    assert frag.css_first('h1[hx-swap-oob="true"]') is not None
    assert part.headers["vary"] == full.headers["vary"] == "HX-Request, HX-Request-Type"
    # history restore asks for the whole page
    restore = client.get(url, headers={"HX-Request": "true", "HX-Request-Type": "full"})
    assert "<html" in restore.text


def test_partial_error_is_a_fragment(client: TestClient) -> None:
    r = client.get("/statements?from=yesterday", headers=PARTIAL)
    assert r.status_code == 400
    assert "<html" not in r.text and "YYYY-MM-DD" in r.text


def test_statement_permalink(client: TestClient, corpus: Corpus) -> None:
    sid = corpus.statements["walsh_ready"]
    tree = html(client, f"/statements/{sid}")
    assert "Niamh Walsh" in tree.css_first("h1").text()
    assert tree.css_first(f"#statement-{sid} mark").text() == "Ireland stands ready to help our Atlantic neighbours,"


def test_pagination_links_keep_filters(client: TestClient, corpus: Corpus) -> None:
    from app.web import urls
    from app.web.filters import StatementFilters

    f = StatementFilters.parse([("speaker", "tom-baker"), ("page", "2")])
    assert urls.statements(f) == "/statements?speaker=tom-baker&page=2"
    tree = html(client, "/statements?speaker=tom-baker&page=2")
    assert statement_ids(tree) == []  # past the end: an empty page, not an error


# --------------------------------------------------------------------------- CSV and JSON


def _csv(client: TestClient, url: str) -> list[dict[str, str]]:
    r = client.get(url)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(r.text)))


@pytest.mark.parametrize(
    "query",
    ["", "speaker=tom-baker", "speaker=ana-ferreira&speaker=niamh-walsh", "type=reported", "country=ca&q=would"],
)
def test_csv_has_the_same_rows_as_the_html_list(client: TestClient, query: str) -> None:
    tree = html(client, f"/statements?{query}" if query else "/statements")
    rows = _csv(client, f"/statements.csv?{query}")
    assert [int(r["id"]) for r in rows] == statement_ids(tree)
    api = client.get(f"/api/statements?{query}").json()
    assert [i["id"] for i in api["items"]] == statement_ids(tree)


def test_csv_link_carries_the_filters(client: TestClient) -> None:
    tree = html(client, "/statements?speaker=tom-baker&type=direct")
    assert (
        tree.css_first('a[href^="/statements.csv"]').attributes["href"]
        == "/statements.csv?speaker=tom-baker&type=direct"
    )


def test_api_mirrors_pages(client: TestClient, corpus: Corpus) -> None:
    ev = client.get(f"/api/events/{corpus.events['summit']}").json()
    assert ev["event"]["name"] == "Atlantic Partnership Summit"
    assert {g["speaker"]["slug"] for g in ev["speakers"]} == {"ana-ferreira", "niamh-walsh", "tom-baker"}
    assert client.get("/api/people/tom-baker").json()["actor"]["name"] == "Tom Baker"
    assert client.get("/api/countries/it").json()["name"] == "Italy"
    doc = client.get(f"/api/documents/{corpus.docs['doc3']}").json()
    assert doc["document"]["title"].startswith(HOSTILE)
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/statements?type=sideways").status_code == 400


# --------------------------------------------------------------------------- actors


def test_person_page(client: TestClient, corpus: Corpus) -> None:
    tree = html(client, "/people/tom-baker")
    assert tree.css_first("h1").text(strip=True) == "Tom Baker"
    assert "Prime Minister of Canada" in tree.css_first(".facts").text()
    assert tree.css_first('.facts a[href="/countries/ca"]') is not None
    assert sorted(texts(tree, ".event-name a")) == ["Atlantic Partnership Summit", "Rome talks on fisheries"]
    assert len(tree.css("li.statement")) == 3
    assert tree.css_first('a[href="/statements?speaker=tom-baker"]') is not None


def test_country_page(client: TestClient) -> None:
    tree = html(client, "/countries/it")
    assert tree.css_first("h1").text(strip=True) == "Italy"
    assert "Rome talks on fisheries" in texts(tree, ".event-name a")
    assert "Giulia Rossi" in texts(tree, "ul.people a.actor")
    assert "proposed" in texts(tree, ".badge-status")
    r = client.get("/countries/IT", follow_redirects=False)
    assert r.status_code == 301 and r.headers["location"] == "/countries/it"


def test_organisation_page(client: TestClient) -> None:
    tree = html(client, "/organisations/european-union")
    assert tree.css_first("h1").text(strip=True) == "European Union"
    assert "proposed a ceasefire" in tree.css_first(".agreements").text()


# --------------------------------------------------------------------------- documents


def test_document_page_highlights_spans_and_links_back(client: TestClient, corpus: Corpus) -> None:
    doc_id = corpus.docs["doc1"]
    tree = html(client, f"/documents/{doc_id}")
    text = tree.css_first("article.doc-text")
    assert len(text.css("p.para")) == 5
    sid = corpus.statements["ferreira_bridge"]
    mark = text.css_first(f"mark#statement-{sid}")
    assert mark.text() == "We are building a bridge across the ocean,"
    assert text.css_first(f'a.ref[href="/statements/{sid}"]') is not None
    ag = text.css_first(f"mark#agreement-{corpus.agreements['fisheries']}")
    assert ag.text() == "agreed to launch a joint fisheries monitoring programme"
    ev = text.css_first("mark.hl-event")
    assert ev.text() == "Atlantic Partnership Summit" and ev.attributes["id"].startswith("span-")
    mentions = {a.text(): a.attributes["href"] for a in text.css("a.hl-mention")}
    assert mentions["Tom Baker"] == "/people/tom-baker"
    assert mentions["Canadian"] == "/countries/ca"
    # no nested links, every id unique
    assert not text.css("a a")
    ids = [n.attributes["id"] for n in tree.css("[id]")]
    assert len(ids) == len(set(ids))


def test_document_page_escapes_hostile_text(client: TestClient, corpus: Corpus) -> None:
    r = client.get(f"/documents/{corpus.docs['doc3']}")
    assert r.status_code == 200
    assert HOSTILE not in r.text
    assert "&lt;script&gt;" in r.text
    assert "<b>negotiable</b>" not in r.text
    tree = LexborHTMLParser(r.text)
    assert not tree.css("main script") and not tree.css("main b")
    mark = tree.css_first(f"mark#statement-{corpus.statements['rossi_peace']}")
    assert mark.text() == "Peace is not <b>negotiable</b> & never will be,"
    assert "Daily <Sample>" in tree.css_first(".facts").text()
    # the statement list and event page escape it too
    assert "<b>negotiable</b>" not in client.get("/statements").text
    assert HOSTILE not in client.get(f"/events/{corpus.events['talks']}").text


# --------------------------------------------------------------------------- search


def test_search_finds_and_highlights(client: TestClient, corpus: Corpus) -> None:
    tree = html(client, "/search?q=ceasefire")
    hits = tree.css("li.hit")
    assert hits
    assert any("ceasefire" in (m.text().lower()) for m in tree.css(".snippet mark"))
    kinds = {h.css_first(".badge-kind").text() for h in hits}
    assert "document" in kinds


def test_search_phrase_prefix_and_or(client: TestClient, corpus: Corpus) -> None:
    tree = html(client, "/search?q=%22bridge+across+the+ocean%22")
    urls_ = [a.attributes["href"] for a in tree.css(".hit-title a")]
    assert f"/statements/{corpus.statements['ferreira_bridge']}" in urls_
    tree = html(client, "/search?q=fisher*")
    assert any(m.text().lower().startswith("fisher") for m in tree.css(".snippet mark"))
    tree = html(client, "/search?q=Lisbon")
    assert f"/events/{corpus.events['summit']}" in [a.attributes["href"] for a in tree.css(".hit-title a")]
    tree = html(client, "/search?q=ocean+OR+quotas")
    assert len(tree.css("li.hit")) >= 2


@pytest.mark.parametrize("q", ['"unclosed', "***", "(", "AND", "NEAR(", "it's"])
def test_search_bad_query_is_a_message_not_a_500(client: TestClient, q: str) -> None:
    r = client.get("/search", params={"q": q})
    assert r.status_code in (200, 400), r.text[:300]
    if r.status_code == 400:
        assert LexborHTMLParser(r.text).css_first(".notice.error") is not None


def test_search_escapes_hostile_snippets(client: TestClient) -> None:
    r = client.get("/search?q=negotiable")
    assert r.status_code == 200
    assert "<b>negotiable</b>" not in r.text
    assert "&lt;b&gt;" in r.text


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "url",
    [
        "/events/no-such-event",
        "/people/no-one",
        "/people/portugal",
        "/countries/zz",
        "/countries/123",
        "/organisations/nope",
        "/documents/999",
        "/documents/abc",
        "/statements/999",
        "/no/such/page",
    ],
)
def test_unknown_things_are_404_pages(client: TestClient, url: str) -> None:
    tree = html(client, url, status=404)
    assert tree.css_first("h1").text(strip=True) == "Not found"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/statements?page=abc", "whole number"),
        ("/statements?page=0", "whole number"),
        ("/statements?from=2025-13-01", "YYYY-MM-DD"),
        ("/statements?from=2025-05-01&to=2025-01-01", "back to front"),
        ("/statements?type=sideways", "direct, reported"),
        ("/statements?speaker=%3Cscript%3E", "short name"),
        ("/statements?speaker=nobody-at-all", "nobody-at-all"),
        ("/statements?event=no-such-event", "no-such-event"),
        ("/statements?country=france", "two-letter"),
        ("/statements?event=a&event=b", "more than once"),
        ("/events?year=99", "whole number"),
        ("/events?kind=party", "summit"),
        ("/events?sort=name", "-date"),
        ("/search?page=-1", "whole number"),
    ],
)
def test_bad_params_are_400_pages_that_say_why(client: TestClient, url: str, words: str) -> None:
    tree = html(client, url, status=400)
    assert words in tree.css_first(".notice.error").text()
    assert "<script>" not in tree.html


def test_csv_bad_params_are_400(client: TestClient) -> None:
    assert client.get("/statements.csv?page=abc").status_code == 400


def test_repeated_request_for_the_shown_url_does_not_push_history(client: TestClient) -> None:
    url = "/statements?speaker=tom-baker"
    same = client.get(url, headers={**PARTIAL, "HX-Current-URL": f"http://testserver{url}"})
    assert same.headers["HX-Push-Url"] == "false"
    other = client.get(url, headers={**PARTIAL, "HX-Current-URL": "http://testserver/statements"})
    assert "HX-Push-Url" not in other.headers


# --------------------------------------------------------------------------- the explorer (issue 4)


def test_statement_keyset_pages_walk_forward_and_back(web_app: object, corpus: Corpus) -> None:
    from dataclasses import replace

    from app.web import queries as q
    from app.web.filters import StatementFilters

    with web_app.state.sessionmaker() as session:  # type: ignore[attr-defined]
        for sort in ("-date", "date"):
            f = StatementFilters(sort=sort)  # type: ignore[arg-type]
            everything = [s.id for s in q.iter_statements(session, filters=f)]
            assert sorted(everything) == sorted(corpus.statements.values())
            seen: list[int] = []
            page = q.statements_page(session, filters=f, per_page=3)
            assert not page.has_prev
            pages = [page]
            while True:
                seen += [s.id for s in page.items]
                if not page.next_cursor:
                    break
                page = q.statements_page(session, filters=replace(f, after=page.next_cursor), per_page=3)
                assert page.has_prev
                pages.append(page)
            assert seen == everything and len(pages) == 3
            # and back again from the last page, by the "before" cursors
            back = pages[-1]
            for expected in reversed(pages[:-1]):
                assert back.prev_cursor is not None
                back = q.statements_page(session, filters=replace(f, before=back.prev_cursor), per_page=3)
                assert [s.id for s in back.items] == [s.id for s in expected.items]
            assert not back.has_prev
        # undated statements come last in both orders
        newest = [s.said_on for s in q.iter_statements(session, filters=StatementFilters())]
        oldest = [s.said_on for s in q.iter_statements(session, filters=StatementFilters(sort="date"))]
        assert newest[-1] is None and oldest[-1] is None and oldest[0] is not None


def test_statements_cursor_in_the_url(client: TestClient, corpus: Corpus) -> None:
    full = statement_ids(html(client, "/statements"))
    ids = statement_ids(html(client, f"/statements?after=2025-04-10,{corpus.statements['baker_funding']}"))
    assert ids == full[full.index(corpus.statements["baker_funding"]) + 1 :]
    tree = html(client, "/statements?sort=date")
    assert tree.css_first("h1").text(strip=True) == "Statements, oldest first"
    assert statement_ids(tree)[0] == corpus.statements["rossi_peace"] or statement_ids(tree)[0] == min(
        corpus.statements["rossi_peace"], corpus.statements["baker_pressure"]
    )
    assert "“after” should be a date" in html(client, "/statements?after=yesterday", status=400).text()


def test_speaker_facet_counts_follow_the_other_filters(client: TestClient) -> None:
    def counts(tree: LexborHTMLParser) -> dict[str, str]:
        return {
            n.css_first("input").attributes["value"]: n.css_first(".n").text(strip=True)
            for n in tree.css("#speaker-facet label")
        }

    everything = counts(html(client, "/statements"))
    assert everything["tom-baker"] == "(3)" and everything["ana-ferreira"] == "(2)"
    direct = counts(html(client, "/statements?type=direct"))
    assert direct["tom-baker"] == "(1)" and direct["giulia-rossi"] == "(1)"
    # the speaker's own selection does not change its counts, and a selected speaker stays listed
    chosen = counts(html(client, "/statements?speaker=tom-baker&type=direct"))
    assert chosen == direct
    at_talks = counts(html(client, "/statements?event=2025-02-03-rome-talks&speaker=niamh-walsh"))
    assert at_talks == {"tom-baker": "(1)", "giulia-rossi": "(1)", "niamh-walsh": "(0)"}
    # the partial carries the facet out of band, so the checkboxes agree with the results
    frag = LexborHTMLParser(client.get("/statements?type=direct", headers=PARTIAL).text)
    assert frag.css_first('#speaker-facet[hx-swap-oob] input[value="tom-baker"]') is not None


def test_statements_text_box_updates_while_typing_without_history_spam(client: TestClient) -> None:
    box = html(client, "/statements").css_first("input#f-q")
    assert box.attributes["hx-trigger"] == "input changed delay:300ms"
    assert box.attributes["hx-replace-url"] == "true" and "hx-push-url" not in box.attributes
    assert box.attributes["hx-include"] == "closest form"
    box = html(client, "/search").css_first("input#search-q")
    assert box.attributes["hx-trigger"] == "input changed delay:300ms" and box.attributes["hx-replace-url"] == "true"


@pytest.mark.parametrize(
    "query", ["", "kind=summit", "participant=tom-baker", "sort=date", "country=it", "year=2025&month=4"]
)
def test_events_json_and_csv_have_the_same_rows_as_the_html_list(client: TestClient, query: str) -> None:
    tree = html(client, f"/events?{query}" if query else "/events")
    shown = [a.attributes["href"].rsplit("/", 1)[1] for a in tree.css(".event-name a")]
    rows = _csv(client, f"/events.csv?{query}")
    assert [r["slug"] for r in rows] == shown
    data = client.get(f"/events.json?{query}").json()
    assert [e["slug"] for e in data["items"]] == shown
    assert data["total"] == len(shown)
    tools = tree.css_first(".list-tools")
    assert tools.css_first('a[href^="/events.csv"]').attributes["href"] == f"/events.csv?{query}".rstrip("?")
    assert tools.css_first('a[href^="/events.json"]').attributes["href"] == f"/events.json?{query}".rstrip("?")


@pytest.mark.parametrize("query", ["", "speaker=tom-baker", "type=direct&sort=date", "country=ca&q=would"])
def test_statements_json_twin_matches_the_page(client: TestClient, query: str) -> None:
    tree = html(client, f"/statements?{query}" if query else "/statements")
    data = client.get(f"/statements.json?{query}").json()
    assert [s["id"] for s in data["items"]] == statement_ids(tree)
    assert [int(r["id"]) for r in _csv(client, f"/statements.csv?{query}")] == statement_ids(tree)
    assert tree.css_first('.list-tools a[href^="/statements.json"]').attributes["href"].startswith("/statements.json")


def test_search_twins_match_the_page(client: TestClient) -> None:
    tree = html(client, "/search?q=ceasefire")
    hrefs = [a.attributes["href"] for a in tree.css(".hit-title a")]
    data = client.get("/search.json?q=ceasefire").json()
    assert [h["url"] for h in data["items"]] == hrefs
    rows = _csv(client, "/search.csv?q=ceasefire")
    assert [r["url"].removeprefix("http://testserver") for r in rows] == hrefs
    people = client.get("/search.json?q=baker").json()["actors"]
    assert [a["actor"]["slug"] for a in people] == ["tom-baker"]
    assert client.get("/search.json?q=%22open").status_code == 400


def test_search_finds_people_by_name_alias_and_prefix(client: TestClient) -> None:
    tree = html(client, "/search?q=ferr*")
    hit = tree.css_first(".actor-hits a.actor")
    assert hit.attributes["href"] == "/people/ana-ferreira"
    assert hit.css_first("mark").text() == "Ferreira"
    live = tree.css_first("#result-count")
    assert live.attributes["aria-live"] == "polite" and "1 name" in live.text()
    tree = html(client, "/search?q=%22giulia+rossi%22")
    assert [a.attributes["href"] for a in tree.css(".actor-hits a")] == ["/people/giulia-rossi"]
    assert html(client, "/search?q=nobodyhere").css_first(".actor-hits") is None


def test_events_month_filter_and_its_words(client: TestClient) -> None:
    tree = html(client, "/events?year=2025&month=4")
    assert texts(tree, ".event-name a") == ["Atlantic Partnership Summit"]
    assert tree.css_first("h1").text(strip=True) == "Events in April 2025"
    assert "needs a “year”" in html(client, "/events?month=4", status=400).text()


def test_events_timeline_is_an_accessible_svg_with_links(client: TestClient) -> None:
    tree = html(client, "/events")
    fig = tree.css_first("#results figure.chart-figure")
    svg = fig.css_first('svg[role="img"]')
    title_id, desc_id = svg.attributes["aria-labelledby"].split()
    assert "Events" in svg.css_first(f"title#{title_id}").text() and svg.css_first(f"desc#{desc_id}") is not None
    assert not svg.css("a")
    layer = fig.css_first('svg[aria-hidden="true"]')
    hrefs = {a.attributes["href"] for a in layer.css("a")}
    assert hrefs == {"/events?year=2025&month=2", "/events?year=2025&month=4"}
    assert {a.attributes["href"] for a in fig.css(".chart-data a")} == hrefs  # the text alternative links too
    # a chosen year shows its months, the chosen one marked
    fig = html(client, "/events?year=2025&month=2").css_first("figure.chart-figure")
    assert fig.css_first("rect.bar.current") is not None
    assert "(shown)" in fig.css_first(".chart-data").text()


def test_event_page_counts_sources_per_field_and_links_evidence(client: TestClient, corpus: Corpus) -> None:
    tree = html(client, f"/events/{corpus.events['summit']}")
    support = texts(tree, ".facts .support")
    assert support[0].startswith("date: 1 of 2 sources") and support[1].startswith("place: 2 of 2 sources")
    for a in tree.css(".facts .support a"):
        assert re.fullmatch(r"/documents/\d+#span-\d+-\d+", a.attributes["href"])
    # every participant has its sources, several numbered
    walsh = next(li for li in tree.css(".participants li") if "Niamh Walsh" in li.text())
    assert len(walsh.css("a.evidence-link")) == 2
    chart = tree.css_first('#statements svg[role="img"]')
    assert "Statements by speaker" in chart.css_first("title").text()
    assert "Ana Ferreira: 2" in chart.css_first("desc").text()
    # the speaker chart's text alternative
    assert "Ana Ferreira: 2 statements" in tree.css_first("#statements .chart-data").text(separator=" ")


def test_document_highlights_event_date_and_place(client: TestClient, corpus: Corpus) -> None:
    tree = html(client, f"/documents/{corpus.docs['doc1']}")
    date = tree.css_first("mark.hl-event-date")
    assert date.text() == "on Thursday" and date.attributes["id"].startswith("span-")
    assert tree.css_first("mark.hl-event-place") is not None


def test_cite_box_on_lists_and_entities(client: TestClient, corpus: Corpus) -> None:
    for url, words in [
        ("/statements?speaker=tom-baker&type=direct", "Direct quotes by Tom Baker"),
        ("/events?kind=summit", "Summits"),
        ("/people/tom-baker", "Tom Baker"),
        ("/countries/it", "Italy"),
        ("/search?q=ceasefire", "ceasefire"),
        (f"/events/{corpus.events['summit']}", "Atlantic Partnership Summit"),
    ]:
        box = html(client, url).css_first("aside.cite")
        assert box is not None, url
        assert box.css_first("a").attributes["href"] == "http://testserver" + url
        assert words in box.text() and box.css_first("time[datetime]") is not None


def test_person_page_timeline_co_participants_and_evidence(client: TestClient) -> None:
    tree = html(client, "/people/tom-baker")
    assert tree.css_first('#timeline-h ~ figure svg[role="img"]') is not None
    chips = {li.css_first("a").text(): li.css_first(".n").text() for li in tree.css("ul.chips li")}
    assert chips == {"Ana Ferreira": "1", "Giulia Rossi": "1", "Niamh Walsh": "1", "Portugal": "1"}
    for row in tree.css("ol.events .event-row"):
        link = row.css_first("a.evidence-link")
        assert re.fullmatch(r"/documents/\d+#span-\d+-\d+", link.attributes["href"])
    tools = tree.css_first("#statements-h").parent
    assert tools.css_first('a[href="/statements.csv?speaker=tom-baker"]') is not None
    assert tools.css_first('a[href="/statements.json?speaker=tom-baker"]') is not None


def test_country_page_statements_about_it(client: TestClient, corpus: Corpus) -> None:
    tree = html(client, "/countries/ca")
    about = tree.css_first("#about-h").parent
    assert statement_ids(about) == [corpus.statements["baker_pressure"]]
    tree = html(client, "/countries/pt")
    assert tree.css_first('figure svg[role="img"]') is not None  # events held in Portugal over time
    assert "Atlantic Partnership Summit" in texts(tree, "#held-h ~ ol .event-name a")


def test_api_index_lists_the_twins(client: TestClient) -> None:
    listed = texts(html(client, "/api"), "table.api code")
    for path in ("/events.csv", "/events.json", "/statements.json", "/search.json", "/search.csv", "/statements.csv"):
        assert path in listed
