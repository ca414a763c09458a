"""The load benchmark's floor: Summitry's three hot pages as raw SQL + f-strings on Starlette.

    BENCH_DB=bench/out/summitry-10000.db .venv/bin/uvicorn bench.raw_sql_app:create_app --factory

The same data and the same queries as ``app/web/queries.py`` (event by slug with its counts,
participants, sources, statements and agreements; a speaker's statements, counted and paged by
50 with their sentences; full-text search counted and ranked by bm25 with snippets), written with
``sqlite3`` and rendered with f-strings and ``html.escape``. No ORM, no templates, no filter
parsing, no dropdown options: what any implementation of these pages has to pay at least.
"""

from __future__ import annotations

import html
import os
import queue
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")
_POOL: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
_POOL_SIZE = 5  # like SQLAlchemy's default QueuePool: few connections, so their page caches stay warm
_created = 0
_lock = threading.Lock()


@contextmanager
def _db() -> Iterator[sqlite3.Connection]:
    global _created
    try:
        con = _POOL.get_nowait()
    except queue.Empty:
        with _lock:
            grow = _created < _POOL_SIZE
            _created += grow
        if grow:
            con = sqlite3.connect(f"file:{os.environ['BENCH_DB']}?mode=ro", uri=True, check_same_thread=False)
            con.row_factory = sqlite3.Row
        else:
            con = _POOL.get()
    try:
        yield con
    finally:
        _POOL.put(con)


def e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title></head>'
        f"<body><main>{body}</main></body></html>"
    )


def _window(text: str, start: int, end: int, width: int = 200) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - width) : start]
    cuts = list(_SENTENCE_END.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    line_end = text.find("\n", end)
    after = text[end : min(line_end if line_end >= 0 else len(text), end + width)]
    m = _SENTENCE_END.search(after)
    if m:
        after = after[: m.start() + 1]
    return f"{e(before)}<mark>{e(text[start:end])}</mark>{e(after)}"


_STATEMENT_COLS = """s.id, s.text, s.direct, s.cue, s.start, s."end",
    a.slug, a.name, a.role, ev.slug, ev.name, d.id, d.title, d.outlet, d.published,
    substr(d.text, coalesce(s.sentence_start, s.start) + 1,
           coalesce(s.sentence_end, s."end") - coalesce(s.sentence_start, s.start)) AS sentence,
    coalesce(s.sentence_start, s.start) AS sentence_start, coalesce(s.said_on, d.published) AS said
FROM statements s JOIN actors a ON a.id = s.speaker_id JOIN documents d ON d.id = s.document_id
LEFT JOIN events ev ON ev.id = s.event_id"""


def _statement_li(r: sqlite3.Row) -> str:
    sentence, s0 = r["sentence"] or "", r["sentence_start"]
    a, b = r["start"] - s0, r["end"] - s0
    event = f' at <a href="/events/{e(r[9])}">{e(r[10])}</a>' if r[9] else ""
    return (
        f'<li id="statement-{r["id"]}"><a href="/people/{e(r["slug"])}">{e(r["name"])}</a> ({e(r["role"])}) '
        f"{e(r['cue'])}{event} on {e(r['said'])}: "
        f"<q>{e(sentence[:a])}<mark>{e(sentence[a:b])}</mark>{e(sentence[b:])}</q> "
        f'<a href="/documents/{r[11]}#statement-{r["id"]}">{e(r[12])}</a> ({e(r["outlet"])}, {e(r["published"])})</li>'
    )


def event_page(request: Request) -> HTMLResponse:
    with _db() as con:
        return _event_page(con, request)


def _event_page(con: sqlite3.Connection, request: Request) -> HTMLResponse:
    ev = con.execute(
        """SELECT e.*,
          (SELECT count(DISTINCT document_id) FROM event_sources WHERE event_id = e.id) AS n_sources,
          (SELECT count(*) FROM statements WHERE event_id = e.id) AS n_statements,
          (SELECT count(DISTINCT actor_id) FROM participations WHERE event_id = e.id) AS n_participants
        FROM events e WHERE e.slug = ?""",
        (request.path_params["slug"],),
    ).fetchone()
    if ev is None:
        return HTMLResponse("not found", status_code=404)
    eid = ev["id"]
    parts = con.execute(
        """SELECT p.role, p.document_id, p.start, p."end", a.id, a.slug, a.kind, a.name, a.role AS title
        FROM participations p JOIN actors a ON a.id = p.actor_id WHERE p.event_id = ?
        ORDER BY a.name, p.document_id, p.start""",
        (eid,),
    ).fetchall()
    sources = con.execute(
        'SELECT document_id, start, "end", name, date_text FROM event_sources WHERE event_id = ? '
        "ORDER BY document_id, start",
        (eid,),
    ).fetchall()
    agreements = con.execute(
        'SELECT id, document_id, text, status, start, "end" FROM agreements WHERE event_id = ? '
        "ORDER BY document_id, start",
        (eid,),
    ).fetchall()
    doc_ids = sorted({r["document_id"] for r in [*parts, *sources, *agreements]})
    marks = ",".join("?" * len(doc_ids))
    docs = {
        r["id"]: r
        for r in con.execute(
            f"SELECT id, title, outlet, published, source_url, text FROM documents WHERE id IN ({marks})", doc_ids
        )
    }
    parties: dict[int, list[str]] = {}
    if agreements:
        ids = [r["id"] for r in agreements]
        for agreement_id, name in con.execute(
            f"SELECT ap.agreement_id, a.name FROM agreement_parties ap JOIN actors a ON a.id = ap.actor_id "
            f"WHERE ap.agreement_id IN ({','.join('?' * len(ids))}) ORDER BY a.name",
            ids,
        ):
            parties.setdefault(agreement_id, []).append(name)
    statements = con.execute(
        f"SELECT {_STATEMENT_COLS} WHERE s.event_id = ? ORDER BY a.name, said, s.document_id, s.start", (eid,)
    ).fetchall()

    out = [
        f"<h1>{e(ev['name'])}</h1><p>{e(ev['kind'])} · {e(ev['start_date'])} · {e(ev['city'])}, "
        f"{e(ev['country_code'])} · {ev['n_sources']} sources · {ev['n_statements']} statements · "
        f"{ev['n_participants']} participants</p><h2>Participants</h2><ul>"
    ]
    for p in parts:
        d = docs[p["document_id"]]
        out.append(
            f'<li><a href="/actors/{e(p["slug"])}">{e(p["name"])}</a> {e(p["role"])} '
            f"<q>{_window(d['text'], p['start'], p['end'])}</q></li>"
        )
    out.append("</ul><h2>Statements</h2><ul>")
    out.extend(_statement_li(r) for r in statements)
    out.append("</ul><h2>Agreements</h2><ul>")
    for a in agreements:
        d = docs[a["document_id"]]
        out.append(
            f"<li>{e(a['status'])}: {e(', '.join(parties.get(a['id'], [])))} "
            f"<q>{_window(d['text'], a['start'], a['end'])}</q></li>"
        )
    out.append("</ul><h2>Sources</h2><ul>")
    for s in sources:
        d = docs[s["document_id"]]
        out.append(
            f'<li><a href="/documents/{d["id"]}">{e(d["title"])}</a> ({e(d["outlet"])}, {e(d["published"])}) '
            f"<q>{_window(d['text'], s['start'], s['end'])}</q></li>"
        )
    out.append("</ul>")
    return _page(ev["name"], "".join(out))


def statements_page(request: Request) -> HTMLResponse:
    with _db() as con:
        return _statements_page(con, request)


def _statements_page(con: sqlite3.Connection, request: Request) -> HTMLResponse:
    slug = request.query_params.get("speaker", "")
    page = max(1, int(request.query_params.get("page", "1")))
    speaker = con.execute("SELECT id, name FROM actors WHERE slug = ?", (slug,)).fetchone()
    if speaker is None:
        return HTMLResponse("no such speaker", status_code=400)
    total = con.execute("SELECT count(*) FROM statements WHERE speaker_id = ?", (speaker["id"],)).fetchone()[0]
    rows = con.execute(
        f"SELECT {_STATEMENT_COLS} WHERE s.speaker_id = ? "
        "ORDER BY said IS NULL, said DESC, s.document_id DESC, s.start, s.id LIMIT 50 OFFSET ?",
        (speaker["id"], (page - 1) * 50),
    ).fetchall()
    body = (
        f"<h1>Statements by {e(speaker['name'])}</h1><p>{total} statements</p><ol>"
        + "".join(_statement_li(r) for r in rows)
        + "</ol>"
    )
    return _page(f"Statements by {speaker['name']}", body)


def _fts(q: str) -> str:
    return " ".join('"' + w.replace('"', "") + '"' for w in q.split())


def search_page(request: Request) -> HTMLResponse:
    with _db() as con:
        return _search_page(con, request)


def _search_page(con: sqlite3.Connection, request: Request) -> HTMLResponse:
    q = request.query_params.get("q", "")
    match = _fts(q)
    total = con.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (match,)).fetchone()[0]
    rows = con.execute(
        "SELECT se.kind, se.ref_id, se.document_id, se.title, "
        "snippet(search_fts, -1, '<mark>', '</mark>', '…', 24) AS snip, bm25(search_fts, 4.0, 1.0) AS rank "
        "FROM search_fts JOIN search_entries se ON se.id = search_fts.rowid "
        "WHERE search_fts MATCH ? ORDER BY rank, se.id LIMIT 20",
        (match,),
    ).fetchall()
    event_ids = [r["ref_id"] for r in rows if r["kind"] == "event"]
    slugs = dict(
        con.execute(f"SELECT id, slug FROM events WHERE id IN ({','.join('?' * len(event_ids))})", event_ids).fetchall()
    )
    doc_ids = sorted({r["document_id"] for r in rows if r["document_id"] is not None})
    docs = {
        r["id"]: r
        for r in con.execute(
            f"SELECT id, title, outlet, published FROM documents WHERE id IN ({','.join('?' * len(doc_ids))})", doc_ids
        )
    }
    out = [f"<h1>Search: {e(q)}</h1><p>{total} results</p><ol>"]
    for r in rows:
        if r["kind"] == "statement":
            url = f"/statements/{r['ref_id']}"
        elif r["kind"] == "event":
            url = f"/events/{e(slugs.get(r['ref_id'], ''))}"
        else:
            url = f"/documents/{r['ref_id']}"
        d = docs.get(r["document_id"])
        src = f" — {e(d['title'])} ({e(d['outlet'])}, {e(d['published'])})" if d else ""
        snip = e(r["snip"]).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
        out.append(f'<li>{e(r["kind"])}: <a href="{url}">{e(r["title"])}</a> <p>{snip}</p>{src}</li>')
    out.append("</ol>")
    return _page(f"Search: {q}", "".join(out))


def create_app() -> Starlette:
    return Starlette(
        routes=[
            Route("/events/{slug}", event_page),
            Route("/statements", statements_page),
            Route("/search", search_page),
        ]
    )
