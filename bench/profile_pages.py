"""Where the time goes on Summitry's hot pages: SQL vs ORM vs templates vs framework.

    .venv/bin/python -m bench.profile_pages [--events 10000] [--requests 20]

In process (httpx's ASGI transport on one event loop, no network, with FastAPI's thread pool
replaced by direct calls so that one thread runs everything and cProfile sees it all), over the
same sample of URLs as ``bench.load``:

1. wall time per request, unprofiled;
2. pure SQL: every statement the request sent, captured from SQLAlchemy and replayed on a plain
   ``sqlite3`` connection (execute + fetchall), and the costliest statements;
3. a cProfile of the same requests, own time grouped by where the code lives (sqlite3 C calls,
   SQLAlchemy, Jinja2/markupsafe and the compiled templates, app/web, Starlette/FastAPI/anyio/
   httpx). cProfile inflates Python-heavy parts relative to C calls: read the shares, not ms.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import re
import sqlite3
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import httpx
from sqlalchemy import event

from bench.load import PAGES, ensure_db, pick_samples

CATEGORIES: list[tuple[str, re.Pattern[str]]] = [
    ("SQL (sqlite3 C calls)", re.compile(r"method '(execute|executemany|fetchall|fetchone|fetchmany)' of 'sqlite3")),
    ("SQLAlchemy (Core+ORM)", re.compile(r"/sqlalchemy/")),
    ("templates (Jinja2, markupsafe)", re.compile(r"/jinja2/|/markupsafe/|jinja2_fragments|templates/|<template>")),
    ("app/web (queries, filters, …)", re.compile(r"/app/web/|/app/")),
    (
        "framework (Starlette, FastAPI, anyio, httpx)",
        re.compile(r"/starlette/|/fastapi/|/anyio/|/httpx|/pydantic|/h11/"),
    ),
]


def category(func: tuple[str, int, str]) -> str:
    filename, _line, name = func
    key = f"{filename}:{name}"
    for label, pattern in CATEGORIES:
        if pattern.search(key):
            return label
    return "other (stdlib, threads, …)"


T = TypeVar("T")


async def _inline(func: Any, *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)


def _run_sync_endpoints_inline() -> None:
    """FastAPI runs sync endpoints and dependencies in worker threads, out of cProfile's sight."""
    import fastapi.concurrency
    import fastapi.dependencies.utils
    import fastapi.routing
    import starlette.routing  # the event page is a plain Starlette route

    for module in (fastapi.routing, fastapi.dependencies.utils, fastapi.concurrency, starlette.routing):
        module.run_in_threadpool = _inline  # type: ignore[attr-defined]


def _normalise(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--events", type=int, default=10000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--requests", type=int, default=20, help="URLs per page (from bench.load's sample)")
    ap.add_argument("--top", type=int, default=6)
    args = ap.parse_args(argv)

    warnings.filterwarnings("ignore")
    _run_sync_endpoints_inline()
    from app.web.main import create_app

    db = args.db.resolve() if args.db else ensure_db(args.events)
    samples = pick_samples(db).summitry
    app = create_app(f"sqlite:///{db}")
    captured: list[tuple[str, Any]] = []

    @event.listens_for(app.state.engine, "before_cursor_execute")
    def _capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        captured.append((statement, parameters))

    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    loop = asyncio.new_event_loop()
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench")

    def get(url: str) -> httpx.Response:
        return loop.run_until_complete(client.get(url))

    for page in PAGES:
        urls = samples[page][: args.requests]
        for u in urls:  # warm the caches and the templates
            assert get(u).status_code == 200, u
        t0 = time.perf_counter()
        sizes = 0
        for u in urls:
            sizes += len(get(u).content)
        wall = (time.perf_counter() - t0) / len(urls) * 1000

        captured.clear()
        for u in urls:
            get(u)
        per_sql: dict[str, list[float]] = defaultdict(list)
        for statement, params in captured:
            t = time.perf_counter()
            raw.execute(statement, params).fetchall()
            per_sql[_normalise(statement)].append((time.perf_counter() - t) * 1000)
        sql_ms = sum(sum(v) for v in per_sql.values()) / len(urls)
        n_statements = len(captured) / len(urls)  # before the profiled run below adds its own

        prof = cProfile.Profile()
        prof.enable()
        for u in urls:
            get(u)
        prof.disable()
        stats = pstats.Stats(prof)
        by_cat: dict[str, float] = defaultdict(float)
        total = 0.0
        for func, (_cc, _nc, tt, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
            by_cat[category(func)] += tt
            total += tt

        kib = sizes / len(urls) / 1024
        print(f"\n## {page}: {len(urls)} URLs, {wall:.1f} ms/request wall (unprofiled), {kib:.0f} KiB/page")
        print(
            f"pure SQL replayed on sqlite3: {sql_ms:.1f} ms/request ({100 * sql_ms / wall:.0f}% of wall), "
            f"{n_statements:.1f} statements/request"
        )
        print("cProfile own time by layer:")
        for label, secs in sorted(by_cat.items(), key=lambda kv: -kv[1]):
            print(f"  {100 * secs / total:5.1f}%  {label}")
        print("costliest statements (ms per request, calls per request):")
        ranked = sorted(per_sql.items(), key=lambda kv: -sum(kv[1]))[: args.top]
        for sql, times in ranked:
            print(f"  {sum(times) / len(urls):7.2f} ms  x{len(times) / len(urls):.1f}  {sql[:220]}")
        print("costliest functions outside the framework (cumulative, profiled ms per request):")
        funcs = [
            (ct, func)
            for func, (_cc, _nc, _tt, ct, _callers) in stats.stats.items()  # type: ignore[attr-defined]
            if "/app/" in func[0] or "template" in func[0] or "jinja2/environment" in func[0]
        ]
        for ct, func in sorted(funcs, reverse=True)[: args.top * 2]:
            print(f"  {1000 * ct / len(urls):8.1f} ms  {Path(func[0]).name}:{func[1]} {func[2]}")
        print("top functions by own time (profiled ms per request):")
        own = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[: args.top * 2]  # type: ignore[attr-defined]
        for func, (_cc, nc, tt, _ct, _callers) in own:
            where = f"{Path(func[0]).parent.name}/{Path(func[0]).name}:{func[1]}" if func[0] != "~" else ""
            print(f"  {1000 * tt / len(urls):8.1f} ms  x{nc / len(urls):<7.0f} {where} {func[2]}")
        sys.stdout.flush()
    loop.run_until_complete(client.aclose())
    loop.close()
    raw.close()


if __name__ == "__main__":
    main()
