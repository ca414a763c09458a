"""A real browser against a real server: filters and search with htmx, URL pushing, back and forward,
the keyboard alone, and the same forms without JavaScript.

Runs by default (``make test`` installs Chromium). If Chromium is missing the tests FAIL with a
message saying how to install it; they never skip.
"""

from __future__ import annotations

import pytest

from tests.browser_fixtures import browser, server  # noqa: F401  (fixtures)
from tests.web_fixtures import Corpus

pytestmark = pytest.mark.browser


def test_filter_statements_by_speaker_with_htmx_push_and_back(
    server: str,  # noqa: F811
    browser: object,  # noqa: F811
    corpus: Corpus,
) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto(f"{server}/events/{corpus.events['summit']}")
        expect(page.locator("h1")).to_have_text("Atlantic Partnership Summit")
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Statements").click()
        page.wait_for_url(f"{server}/statements")
        expect(page.locator("#result-count")).to_contain_text("7 statements")
        page.wait_for_function("() => window.htmx && window.htmx.version === '4.0.1'")
        # mark the document: if the page reloads instead of swapping, the marker disappears
        page.evaluate("() => { window.__summitryMarker = 'kept' }")

        page.get_by_label("Tom Baker").check()
        page.get_by_role("button", name="Show statements").click()
        page.wait_for_url("**/statements?speaker=tom-baker")
        expect(page.locator("#result-count")).to_contain_text("3 statements")
        expect(page.locator("#results li.statement")).to_have_count(3)
        speakers = page.locator("#results li.statement .speaker a").all_inner_texts()
        assert set(speakers) == {"Tom Baker"}
        expect(page.locator("h1")).to_have_text("Statements by Tom Baker")
        expect(page).to_have_title("Statements by Tom Baker · Summitry")
        assert page.evaluate("() => window.__summitryMarker") == "kept", (
            "the form reloaded the page instead of swapping"
        )
        assert page.locator("form#statement-filters").count() == 1

        page.go_back()
        page.wait_for_url(f"{server}/statements")
        expect(page.locator("#result-count")).to_contain_text("7 statements")
        expect(page.locator("#results li.statement")).to_have_count(7)
        expect(page.get_by_label("Tom Baker")).not_to_be_checked()

        page.go_forward()
        page.wait_for_url("**/statements?speaker=tom-baker")
        expect(page.locator("#results li.statement")).to_have_count(3)
        assert not problems, problems  # no CSP violations, no script errors
    finally:
        context.close()


def test_statements_form_works_without_javascript(server: str, browser: object) -> None:  # noqa: F811
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server}/statements")
        page.get_by_label("Giulia Rossi").check()
        page.get_by_label("Kind of statement").select_option("direct")
        page.get_by_role("button", name="Show statements").click()
        page.wait_for_url("**/statements?speaker=giulia-rossi&type=direct")  # empty fields dropped by redirect
        expect(page.locator("#results li.statement")).to_have_count(1)
        expect(page.locator("h1")).to_have_text("Direct quotes by Giulia Rossi")
    finally:
        context.close()


def _page(b: object, **kw: object) -> tuple[object, object, list[str]]:
    from playwright.sync_api import Browser

    assert isinstance(b, Browser)
    context = b.new_context(viewport={"width": 1280, "height": 900}, **kw)  # type: ignore[arg-type]
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return context, page, problems


def test_search_while_typing_replaces_the_url_and_enter_pushes(server: str, browser: object) -> None:  # noqa: F811
    from playwright.sync_api import expect

    context, page, problems = _page(browser)
    try:
        page.goto(f"{server}/search")
        page.wait_for_function("() => window.htmx && window.htmx.version === '4.0.1'")
        before = page.evaluate("() => history.length")
        page.locator("#search-q").press_sequentially("ferr*", delay=40)
        page.wait_for_url("**/search?q=ferr*")
        expect(page.locator(".actor-hits a.actor")).to_have_text("Ana Ferreira")
        expect(page.locator("#result-count")).to_contain_text("1 name")
        assert page.evaluate("() => history.length") == before, "typing must replace the URL, not push"
        page.locator("#search-q").fill("ceasefire")
        page.locator("#search-q").press("Enter")
        page.wait_for_url("**/search?q=ceasefire")
        expect(page.locator("h1")).to_have_text("Search results for “ceasefire”")
        expect(page.locator(".hit").first).to_be_visible()
        assert page.locator(".snippet mark").first.inner_text().lower() == "ceasefire"
        page.go_back()
        page.wait_for_url("**/search?q=ferr*")
        expect(page.locator(".actor-hits a.actor")).to_have_text("Ana Ferreira")
        page.locator("#search-q").fill('"unclosed')
        page.locator("#search-q").press("Enter")
        expect(page.locator("#results .notice.error")).to_contain_text("quotation mark")
        assert not [p for p in problems if "400" not in p], problems
    finally:
        context.close()  # type: ignore[attr-defined]


def test_facet_click_pushes_url_and_back_forward_restore(server: str, browser: object) -> None:  # noqa: F811
    from playwright.sync_api import expect

    context, page, problems = _page(browser)
    try:
        page.goto(f"{server}/statements")
        page.wait_for_function("() => window.htmx && window.htmx.version === '4.0.1'")
        page.locator("#f-type").select_option("direct")  # a change: results, counts and URL follow
        page.wait_for_url("**/statements?type=direct")
        expect(page.locator("#result-count")).to_contain_text("4 statements")
        expect(page.locator("label[for='sp-tom-baker'] .n")).to_have_text("(1)")
        page.locator("#sp-tom-baker").check()  # a facet click: no submit needed
        page.wait_for_url("**/statements?speaker=tom-baker&type=direct")
        expect(page.locator("#results li.statement")).to_have_count(1)
        expect(page.locator("h1")).to_have_text("Direct quotes by Tom Baker")
        page.go_back()
        page.wait_for_url("**/statements?type=direct")
        expect(page.locator("#results li.statement")).to_have_count(4)
        expect(page.locator("#sp-tom-baker")).not_to_be_checked()
        page.go_back()
        page.wait_for_url(f"{server}/statements")
        expect(page.locator("#results li.statement")).to_have_count(7)
        page.go_forward()
        page.go_forward()
        page.wait_for_url("**/statements?speaker=tom-baker&type=direct")
        expect(page.locator("#results li.statement")).to_have_count(1)
        expect(page.locator("#sp-tom-baker")).to_be_checked()
        assert not problems, problems
    finally:
        context.close()  # type: ignore[attr-defined]


def test_keyboard_only_filtering(server: str, browser: object) -> None:  # noqa: F811
    from playwright.sync_api import expect

    context, page, problems = _page(browser)
    try:
        page.goto(f"{server}/statements")
        page.wait_for_function("() => window.htmx && window.htmx.version === '4.0.1'")
        page.locator("#f-q").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == "sp-tom-baker"  # the busiest speaker first
        page.keyboard.press("Space")
        expect(page.locator("#sp-tom-baker")).to_be_checked()
        page.wait_for_url("**/statements?speaker=tom-baker")
        # the facet was redrawn around the focused checkbox: focus stays put
        assert page.evaluate("() => document.activeElement.id") == "sp-tom-baker"
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.type === 'submit'"):
                break
        else:
            pytest.fail("Tab never reached the submit button")
        page.keyboard.press("Enter")
        page.wait_for_url("**/statements?speaker=tom-baker")
        expect(page.locator("#results li.statement")).to_have_count(3)
        expect(page.locator("h1")).to_have_text("Statements by Tom Baker")
        assert not problems, problems
    finally:
        context.close()  # type: ignore[attr-defined]
