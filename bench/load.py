"""Load benchmark: Summitry's three hot pages under wrk, against raw SQL and Datasette.

    .venv/bin/python -m bench.load [--events 10000] [--duration 30] [--connections 8,64] [--pages event]

Generates (or reuses, migrated to the current schema) ``bench/out/summitry-<events>.db`` with
``bench.generate_db``, then serves it four ways, one at a time, each one process on 127.0.0.1:

* Summitry as configured by default: ``uvicorn app.web.main:create_app --factory`` (one worker), its
  page cache on (``summitry``): after the warm-up every sampled URL is answered from the cache, the
  steady state of a read-mostly site between ingests;
* Summitry with ``SUMMITRY_PAGE_CACHE_MB=0`` (``summitry-uncached``): every request rendered;
* raw SQL: ``bench/raw_sql_app.py`` (Starlette, sqlite3, f-strings), the floor;
* Datasette (``datasette -i``): an events row page, statements filtered by ``speaker_id`` 50 a
  page, and ``search_entries?_search=`` through the FTS5 table (configured by metadata, since
  Datasette does not detect single-quoted ``content=``). Datasette's search orders by id and has
  no snippets, so that row is a rough reference, not an equivalent.

Each page is driven by ``wrk`` (Debian package ``wrk``) for ``--duration`` seconds at each
connection count, rotating through a spread of real event slugs, speakers (from the most quoted
to the least) and search words (from the commonest to rare ones) so caches don't flatter.
Errors are non-2xx responses plus socket errors. The web process's RSS is read from /proc.
Prints a table per Summitry run and ends with two lines: the p99 at 8 connections of both Summitry
runs against the issue's targets, then ``min ratio vs raw-SQL: X; min ratio vs Datasette: Y`` (the
lowest Summitry/other throughput ratio over the pages and connection counts, from the uncached run:
raw SQL and Datasette render every request too).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from app.db.migrate import upgrade
from bench.generate_db import TOPICS, generate

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
VENV_BIN = Path(sys.executable).parent
PAGES = ("event", "statements", "search")
TARGETS = ("summitry", "summitry-uncached", "raw", "datasette")
# the two Summitry runs: the default configuration, and every request rendered
SUMMITRY_RUNS = {
    "summitry": "Summitry, default configuration (page cache on)",
    "summitry-uncached": "Summitry, every request rendered (SUMMITRY_PAGE_CACHE_MB=0)",
}
UNCACHED = "summitry-uncached"  # the run the min-ratio line is computed from
# the targets: p99 at 8 connections, one worker on 2 cores
P99_TARGET_MS = {"event": 15.0, "statements": 25.0, "search": 50.0}

WRK_LUA = r"""
local paths = {%(paths)s}
local counter = 0
local non2xx = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  counter = (tid or 1) * 7919
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, "max_us": %%d, ' ..
    '"non2xx": %%d, "socket_errors": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    bad, e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass
class Result:
    target: str
    page: str
    connections: int
    rps: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    requests: int
    rss_mb: float


@dataclass
class Samples:
    """Per page, the same requests in each target's own URL scheme."""

    summitry: dict[str, list[str]]
    raw: dict[str, list[str]]
    datasette: dict[str, list[str]]


# ------------------------------------------------------------------------------------ database


def ensure_db(n_events: int, seed: int = 1) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"summitry-{n_events}.db"
    if path.exists():
        upgrade(f"sqlite:///{path}")  # generated before a migration: add what it lacks (no-op when current)
        return path
    tmp = OUT / f".building-{n_events}.db"
    for p in OUT.glob(f".building-{n_events}.db*"):
        p.unlink()
    print(f"generating {path.name} ({n_events} events)…", file=sys.stderr, flush=True)
    counts = generate(str(tmp), n_events, seed)
    print(json.dumps(counts), file=sys.stderr)
    tmp.rename(path)
    for p in OUT.glob(f".building-{n_events}.db-*"):  # the emptied -wal and -shm
        p.unlink()
    return path


def pick_samples(db: Path, n: int = 200, seed: int = 7) -> Samples:
    """A deterministic spread of real slugs and words, shuffled so consecutive requests differ."""
    rng = random.Random(seed)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        events = con.execute("SELECT id, slug FROM events ORDER BY id").fetchall()
        events = rng.sample(events, min(n, len(events)))
        speakers = con.execute(
            "SELECT a.id, a.slug, count(*) AS n FROM statements s JOIN actors a ON a.id = s.speaker_id "
            "WHERE a.kind = 'person' GROUP BY a.id ORDER BY n DESC, a.id"
        ).fetchall()
        k = min(50, len(speakers))
        # evenly over the popularity ranks, from the most quoted to the least
        spread = [speakers[round(i * (len(speakers) - 1) / max(1, k - 1))] for i in range(k)]
        surnames = [
            r[0].split()[-1]
            for r in con.execute("SELECT name FROM actors WHERE kind = 'person' ORDER BY id LIMIT 2000").fetchall()
        ]
    finally:
        con.close()
    words = [*TOPICS, *rng.sample(surnames, min(15, len(surnames))), "nuclear talks", "climate summit"]
    rng.shuffle(spread)
    rng.shuffle(words)
    dbname = db.stem

    def q(w: str) -> str:
        return urllib.request.quote(w)

    return Samples(
        summitry={
            "event": [f"/events/{slug}" for _, slug in events],
            "statements": [f"/statements?speaker={slug}" for _, slug, _ in spread],
            "search": [f"/search?q={q(w)}" for w in words],
        },
        raw={
            "event": [f"/events/{slug}" for _, slug in events],
            "statements": [f"/statements?speaker={slug}" for _, slug, _ in spread],
            "search": [f"/search?q={q(w)}" for w in words],
        },
        datasette={
            "event": [f"/{dbname}/events/{eid}" for eid, _ in events],
            "statements": [f"/{dbname}/statements?speaker_id={sid}&_size=50" for sid, _, _ in spread],
            "search": [f"/{dbname}/search_entries?_search={q(w)}&_size=20" for w in words],
        },
    )


# ------------------------------------------------------------------------------------ servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of ``pid`` in MiB."""
    fields: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


def server_stack() -> str:
    """What uvicorn runs on here (``--loop auto --http auto``): the same for Summitry and raw SQL."""
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    loop = f"uvloop {v('uvloop')}" if v("uvloop") else "asyncio"
    http = f"httptools {v('httptools')}" if v("httptools") else "h11"
    return f"uvicorn {v('uvicorn')}, loop {loop}, HTTP parser {http}"


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _command(target: str, db: Path, port: int, workdir: Path) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    common = ["--host", "127.0.0.1", "--port", str(port)]
    uvicorn = [str(VENV_BIN / "uvicorn"), "--factory", "--no-access-log", "--log-level", "warning", *common]
    if target in SUMMITRY_RUNS:
        env["SUMMITRY_DATABASE_URL"] = f"sqlite:///{db}"
        env.pop("SUMMITRY_PAGE_CACHE_MB", None)  # the defaults, whatever this shell has set
        env.pop("SUMMITRY_PAGE_CACHE_RECHECK", None)
        if target == UNCACHED:
            env["SUMMITRY_PAGE_CACHE_MB"] = "0"
        return [*uvicorn, "app.web.main:create_app"], env
    if target == "raw":
        env["BENCH_DB"] = str(db)
        return [*uvicorn, "bench.raw_sql_app:create_app"], env
    meta = workdir / "datasette-metadata.json"
    meta.write_text(
        json.dumps(
            {"databases": {db.stem: {"tables": {"search_entries": {"fts_table": "search_fts", "fts_pk": "id"}}}}}
        )
    )
    datasette = shutil.which("datasette", path=str(VENV_BIN)) or "datasette"
    cmd = [datasette, "serve", "-i", str(db), *common, "-m", str(meta), "--setting", "suggest_facets", "off"]
    return cmd, env


@contextmanager
def serve(target: str, db: Path, workdir: Path) -> Iterator[tuple[str, int]]:
    """Start one server on a free 127.0.0.1 port; yield (base URL, pid); always stop it."""
    port = free_port()
    cmd, env = _command(target, db, port, workdir)
    log = (workdir / f"{target}.log").open("w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{target} exited with {proc.returncode}; see {workdir / (target + '.log')}")
            try:
                with urllib.request.urlopen(base + "/", timeout=2):
                    break
            except urllib.error.HTTPError:
                break  # it answers (a 404 for / is fine)
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{target} did not start in 60 s") from None
                time.sleep(0.2)
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def check(base: str, paths: Sequence[str]) -> None:
    """Every page answers 200 (no redirects) before wrk hammers it."""
    for path in paths[:5]:
        req = urllib.request.Request(base + path)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                status = resp.status
                final = resp.geturl()
        except urllib.error.HTTPError as exc:
            status, final = exc.code, base + path
        if status != 200 or final != base + path:
            raise RuntimeError(f"GET {path} → {status} {final}: fix the sample before benchmarking")


# ------------------------------------------------------------------------------------ wrk


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is not installed: apt-get install -y wrk (Debian package)")
    return found


def run_wrk(base: str, paths: Sequence[str], connections: int, duration: float, workdir: Path) -> dict[str, int]:
    script = workdir / "rotate.lua"
    script.write_text(WRK_LUA % {"paths": ", ".join(json.dumps(p) for p in paths)})
    threads = 1 if connections < 16 else 2
    cmd = [
        wrk_binary(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        base,
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60, check=True).stdout
    line = next((ln for ln in out.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    return dict(json.loads(line.removeprefix("WRKJSON ")))


def bench_target(
    target: str,
    db: Path,
    paths: dict[str, list[str]],
    conns: Sequence[int],
    duration: float,
    warmup: float,
    pages: Sequence[str] = PAGES,
) -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix=f"bench-{target}-") as tmp, serve(target, db, Path(tmp)) as (base, pid):
        workdir = Path(tmp)
        for page in pages:
            check(base, paths[page])
            if warmup > 0:
                run_wrk(base, paths[page], 4, warmup, workdir)
            for c in conns:
                w = run_wrk(base, paths[page], c, duration, workdir)
                rss, _hwm = rss_mb(pid)
                secs = w["duration_us"] / 1e6
                results.append(
                    Result(
                        target,
                        page,
                        c,
                        w["requests"] / secs if secs else 0.0,
                        w["p50_us"] / 1000,
                        w["p99_us"] / 1000,
                        w["max_us"] / 1000,
                        w["non2xx"] + w["socket_errors"],
                        w["requests"],
                        rss,
                    )
                )
                r = results[-1]
                print(
                    f"  {target:17} {page:10} c={c:<3} {r.rps:8.1f} req/s  p50 {r.p50_ms:7.1f} ms  "
                    f"p99 {r.p99_ms:7.1f} ms  errors {r.errors}  rss {r.rss_mb:.0f} MiB",
                    file=sys.stderr,
                    flush=True,
                )
        _rss, hwm = rss_mb(pid)
        PEAK_RSS[target] = hwm
        print(f"  {target}: peak RSS {hwm:.0f} MiB", file=sys.stderr)
    return results


PEAK_RSS: dict[str, float] = {}  # target -> the web process's peak RSS (VmHWM), MiB


# ------------------------------------------------------------------------------------ report


def report(results: Sequence[Result], n_events: int, duration: float) -> tuple[float | None, float | None]:
    """Print the tables; return the uncached run's lowest throughput ratios (vs raw SQL, vs Datasette)."""
    conns = sorted({r.connections for r in results})
    print(f"\n## Load benchmark: {n_events} events, {duration:g} s per cell, one worker, 127.0.0.1")
    print(f"(load average now: {loadavg()}; wrk shares the machine's {os.cpu_count()} cores with the server)")
    print(f"(Summitry and raw SQL each on {server_stack()}; Datasette on its own uvicorn)\n")
    print("| target | page | conns | req/s | p50 ms | p99 ms | errors | RSS MiB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r.target} | {r.page} | {r.connections} | {r.rps:.1f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} "
            f"| {r.errors} | {r.rss_mb:.0f} |"
        )
    if PEAK_RSS:
        print("\nPeak RSS of each server (MiB): " + ", ".join(f"{t} {v:.0f}" for t, v in PEAK_RSS.items()))
    ratios: dict[str, dict[str, list[float]]] = {}
    for run, title in SUMMITRY_RUNS.items():
        if any(r.target == run for r in results):
            ratios[run] = _ratio_table(results, run, title, conns)
    print(
        "\nNotes: raw SQL and Datasette render every request, so the ratios of the page-cache run are not like "
        "for like (it answers the sampled URLs from memory after the warm-up); the min-ratio line below is the "
        "uncached run's. Datasette's search orders matches by id and renders no snippets (Summitry and raw SQL "
        "rank by bm25 and build snippets), so the search row against Datasette is not like for like either. "
        "The statements ratio vs raw SQL compares against the page's content only: raw SQL does not build the "
        "filter dropdowns."
    )
    uncached = ratios.get(UNCACHED, {"raw": [], "datasette": []})
    min_raw = min(uncached["raw"]) if uncached["raw"] else None
    min_ds = min(uncached["datasette"]) if uncached["datasette"] else None
    return min_raw, min_ds


def _ratio_table(results: Sequence[Result], run: str, title: str, conns: Sequence[int]) -> dict[str, list[float]]:
    by = {(r.target, r.page, r.connections): r for r in results}
    print(f"\n### {title}\n")
    print("| page | conns | req/s (p50 / p99 ms) | vs raw SQL | vs Datasette | p99 target (8 conns) |")
    print("|---|---:|---|---:|---:|---|")
    ratios: dict[str, list[float]] = {"raw": [], "datasette": []}
    for page in PAGES:
        for c in conns:
            s = by.get((run, page, c))
            if s is None:
                continue
            cells = []
            for other in ("raw", "datasette"):
                o = by.get((other, page, c))
                if o is None or o.rps <= 0:
                    cells.append("–")
                    continue
                ratio = s.rps / o.rps
                ratios[other].append(ratio)
                cells.append(f"{ratio:.2f}")
            target = ""
            if c == 8:
                limit = P99_TARGET_MS[page]
                target = f"{s.p99_ms:.1f} ≤ {limit:g}: {'ok' if s.p99_ms <= limit else 'MISSED'}"
            measured = f"{s.rps:.0f} ({s.p50_ms:.1f} / {s.p99_ms:.1f})"
            print(f"| {page} | {c} | {measured} | {cells[0]} | {cells[1]} | {target} |")
    return ratios


def p99_line(results: Sequence[Result]) -> str:
    """The p99 at 8 connections of each Summitry run against the issue's targets, on one line."""
    by = {(r.target, r.page, r.connections): r for r in results}
    runs = []
    for run, label in (("summitry", "page cache on"), (UNCACHED, "every request rendered")):
        cells = []
        for page in PAGES:
            r = by.get((run, page, 8))
            if r is not None:
                limit = P99_TARGET_MS[page]
                cells.append(f"{page} {r.p99_ms:.1f} (≤ {limit:g}: {'ok' if r.p99_ms <= limit else 'MISSED'})")
        if cells:
            runs.append(f"{label}: " + ", ".join(cells))
    return "p99 ms at 8 connections vs targets: " + ("; ".join(runs) if runs else "n/a (no run at 8 connections)")


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Load benchmark of Summitry's event, statements and search pages.")
    ap.add_argument("--events", type=int, default=10000, help="scale of the generated database (1000, 10000, 100000)")
    ap.add_argument("--db", type=Path, help="use this SQLite file instead of generating one")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of wrk per page and connection count")
    ap.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up per page (0: none)")
    ap.add_argument("--connections", default="8,64", help="comma-separated connection counts")
    ap.add_argument("--targets", default=",".join(TARGETS), help="comma-separated subset of " + ",".join(TARGETS))
    ap.add_argument("--pages", default=",".join(PAGES), help="comma-separated subset of " + ",".join(PAGES))
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args(argv)

    wrk_binary()
    conns = [int(c) for c in args.connections.split(",") if c.strip()]
    targets = [t for t in args.targets.split(",") if t]
    unknown = set(targets) - set(TARGETS)
    if unknown:
        raise SystemExit(f"unknown targets: {', '.join(sorted(unknown))}")
    pages = [p for p in args.pages.split(",") if p]
    if set(pages) - set(PAGES):
        raise SystemExit(f"unknown pages: {', '.join(sorted(set(pages) - set(PAGES)))}")
    db = args.db.resolve() if args.db else ensure_db(args.events)
    samples = pick_samples(db)
    results: list[Result] = []
    for target in targets:
        urls = samples.summitry if target in SUMMITRY_RUNS else getattr(samples, target)
        results += bench_target(target, db, urls, conns, args.duration, args.warmup, pages)
    min_raw, min_ds = report(results, args.events, args.duration)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1))
    print(p99_line(results))
    print(f"min ratio vs raw-SQL: {_fmt(min_raw)}; min ratio vs Datasette: {_fmt(min_ds)}")


if __name__ == "__main__":
    main()
