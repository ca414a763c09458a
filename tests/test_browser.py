"""A real browser against a real server: the statements filter with htmx, URL pushing and back.

Runs by default (``make test`` installs Chromium). If Chromium is missing the test FAILS with a
message saying how to install it; it never skips.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tests.web_fixtures import Corpus

CHROMIUM = os.environ.get("SUMMITRY_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(corpus: Corpus) -> Iterator[str]:
    from app.web.main import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(corpus.url), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: the browser tests need it. "
            "Install it with `make browser-deps` (Debian package `chromium`), "
            "or point SUMMITRY_CHROMIUM at a Chromium binary."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


def test_filter_statements_by_speaker_with_htmx_push_and_back(server: str, browser: object, corpus: Corpus) -> None:
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


def test_statements_form_works_without_javascript(server: str, browser: object) -> None:
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
