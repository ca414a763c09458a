"""Screenshots of the main pages from a running server, at phone and desktop widths.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 [OUT_DIR]

Writes OUT_DIR/{page}-{width}.png (default docs/screenshots/). Finds an event and a document
to show through the JSON API, so it works on any database. Uses the system Chromium
(``SUMMITRY_CHROMIUM``, default /usr/bin/chromium); never downloads a browser.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
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
WIDTHS = (375, 1280)


def _json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.load(resp)


def pages(base: str) -> dict[str, str]:
    found = {"home": "/", "events": "/events", "statements": "/statements", "search": "/search?q=summit"}
    events = _json(base + "/api/events")["items"]
    # the event with the most statements makes the best picture
    events.sort(key=lambda e: (-e["n_statements"], -e["n_sources"]))
    if events:
        found["event"] = events[0]["url"]
        detail = _json(base + "/api" + events[0]["url"])
        if detail["documents"]:
            found["document"] = detail["documents"][0]["url"]
    return found


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    base = argv[0].rstrip("/")
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    if not Path(CHROMIUM).exists():
        print(f"screenshots: Chromium not found at {CHROMIUM} (install it: make browser-deps)", file=sys.stderr)
        return 1
    targets = pages(base)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            for width in WIDTHS:
                for scheme in ("light", "dark") if width == 1280 else ("light",):
                    ctx = browser.new_context(
                        viewport={"width": width, "height": 900}, color_scheme=scheme, device_scale_factor=1
                    )
                    page = ctx.new_page()
                    for name, path in targets.items():
                        page.goto(base + path, wait_until="networkidle")
                        suffix = "" if scheme == "light" else "-dark"
                        target = out / f"{name}-{width}{suffix}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(target)
                    ctx.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
