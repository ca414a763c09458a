"""axe-core in headless Chromium on every page type: no serious or critical violations.

axe-core comes from the npm registry (``package.json`` / ``package-lock.json``; ``make test``
runs ``npm ci`` when ``node_modules`` is missing). The site's CSP allows only its own scripts,
so axe is evaluated through the DevTools protocol (``page.evaluate``), which CSP does not govern.
Light and dark colour schemes are both checked (colour contrast differs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser_fixtures import browser, server  # noqa: F401  (fixtures)
from tests.web_fixtures import Corpus

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

pytestmark = pytest.mark.browser


def page_types(corpus: Corpus) -> dict[str, str]:
    return {
        "home": "/",
        "events": "/events",
        "event": f"/events/{corpus.events['summit']}",
        "statements": "/statements?speaker=tom-baker",
        "statement": f"/statements/{corpus.statements['rossi_peace']}",
        "person": "/people/tom-baker",
        "country": "/countries/it",
        "organisation": "/organisations/european-union",
        "document": f"/documents/{corpus.docs['doc1']}#statement-{corpus.statements['ferreira_bridge']}",
        "search": "/search?q=ferr*+OR+ceasefire",
        "404": "/no/such/page",
        "400": "/statements?from=yesterday",
    }


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing ({AXE}): run make test (npm ci) to install it from package-lock.json")
    return AXE.read_text(encoding="utf-8")


def _summary(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['impact']}: {v['id']} — {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v.get("impact") in BLOCKING
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations(
    server: str,  # noqa: F811
    browser: object,  # noqa: F811
    corpus: Corpus,
    axe_source: str,
    scheme: str,
) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    failures: dict[str, list[str]] = {}
    try:
        for name, path in page_types(corpus).items():
            page.goto(server + path)
            page.evaluate(axe_source)
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations'],"
                " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
            )
            problems = _summary(result["violations"])
            if problems:
                failures[name] = problems
    finally:
        context.close()
    assert not failures, failures


def test_narrow_screen_has_no_horizontal_scroll(server: str, browser: object, corpus: Corpus) -> None:  # noqa: F811
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        wide = {}
        for name, path in page_types(corpus).items():
            page.goto(server + path)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > 375:
                wide[name] = width
        assert not wide, wide
    finally:
        context.close()
