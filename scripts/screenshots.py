"""Screenshots of the main pages from a running server, for the README and for looking at.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 [OUT_DIR] [--all]

Writes OUT_DIR/{home,event,statements,document}.png (default docs/screenshots/): desktop,
1280 wide, cropped to one 1280×800 viewport, which is what a README shows. Also writes
``{name}-full.png`` (the whole page). With ``--all`` it adds the events, search, person and
country pages, phone-width (375) and dark-mode versions. Finds an event and a document to
show through the JSON API, so it works on any database. Uses the system Chromium
(``SUMMITRY_CHROMIUM``, default /usr/bin/chromium); never downloads a browser.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

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
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
README_PAGES = ("home", "event", "statements", "document")


def _json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.load(resp)


def pages(base: str) -> dict[str, str]:
    """Which URL to show for each picture: the busiest event, its best-documented source, …"""
    found = {"home": "/", "events": "/events", "statements": "/statements", "search": "/search?q=ceasefire"}
    events = _json(base + "/events.json")["items"]
    # an event with many participants, sources and statements makes the best picture
    events.sort(key=lambda e: (-(e["n_participants"] + 2 * e["n_sources"] + min(e["n_statements"], 12)), e["slug"]))
    if events:
        event = events[0]
        found["event"] = event["url"]
        detail = _json(base + "/api" + event["url"])
        if detail["documents"]:
            found["document"] = detail["documents"][0]["url"]
        speakers = [g["speaker"] for g in detail["speakers"]]
        people = [s for s in speakers if s["kind"] == "person"]
        if people:
            found["person"] = people[0]["url"]
            found["statements"] = f"/statements?speaker={people[0]['slug']}"
        if event.get("country_code"):
            found["country"] = "/countries/" + event["country_code"].lower()
    return found


def shoot(page: Page, url: str, target: Path, *, full: bool) -> None:
    page.goto(url, wait_until="networkidle")
    page.screenshot(path=str(target), full_page=full)
    print(target)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    every = "--all" in argv
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    base = args[0].rstrip("/")
    out = Path(args[1]) if len(args) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    if not Path(CHROMIUM).exists():
        print(f"screenshots: Chromium not found at {CHROMIUM} (install it: make browser-deps)", file=sys.stderr)
        return 1
    targets = pages(base)
    names = list(targets) if every else [n for n in README_PAGES if n in targets]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            ctx = browser.new_context(viewport=DESKTOP, color_scheme="light", device_scale_factor=1)
            page = ctx.new_page()
            for name in names:
                shoot(page, base + targets[name], out / f"{name}.png", full=False)
                shoot(page, base + targets[name], out / f"{name}-full.png", full=True)
            ctx.close()
            if every:
                for suffix, options in (
                    ("375", {"viewport": PHONE, "color_scheme": "light"}),
                    ("dark", {"viewport": DESKTOP, "color_scheme": "dark"}),
                ):
                    ctx = browser.new_context(device_scale_factor=1, **options)  # type: ignore[arg-type]
                    page = ctx.new_page()
                    for name in names:
                        shoot(page, base + targets[name], out / f"{name}-{suffix}.png", full=suffix == "375")
                    ctx.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
