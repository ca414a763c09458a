"""Full-text search (FTS5 on SQLite, tsvector on PostgreSQL) and the people matcher."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.db.models import (
    Actor,
    Document,
    Event,
)
from app.web import urls
from app.web.filters import SearchParams
from app.web.queries.common import (
    ActorHit,
    ActorRef,
    PageOf,
    SearchHit,
    SearchResults,
    _actor_ref,
    _cached,
    _doc_cols,
    _doc_ref,
)

_OPEN, _CLOSE = "\x02", "\x03"


class SearchSyntaxError(ValueError):
    pass


_TOKEN = re.compile(r'"([^"]*)"(\*?)|(\S+)')


def fts5_query(q: str) -> str:
    """A user's query as a safe FTS5 expression.

    Words are ANDed; ``"a phrase"`` stays a phrase; ``word*`` is a prefix; ``OR`` between two
    terms is kept. Every term is quoted, so punctuation cannot break the FTS5 syntax.
    """
    if q.count('"') % 2:
        raise SearchSyntaxError("A quotation mark is not closed: phrases go between two double quotes.")
    parts: list[str] = []
    for m in _TOKEN.finditer(q):
        phrase, star, word = m.group(1), m.group(2), m.group(3)
        if word is not None and word == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        if phrase is not None:
            term, prefix = phrase.strip(), bool(star)
        else:
            prefix = word.endswith("*")
            term = word.rstrip("*")
        term = re.sub(r"[^\w\s'’.-]", " ", term).strip()
        if not re.search(r"\w", term):
            continue
        parts.append('"' + term.replace('"', "") + '"' + ("*" if prefix else ""))
    while parts and parts[-1] == "OR":
        parts.pop()
    if parts and parts[0] == "OR":
        parts.pop(0)
    if not parts:
        raise SearchSyntaxError('There is nothing to search for: type a word, a "phrase" or a prefix such as summ*.')
    return " ".join(parts)


def _snippet(raw: str | None) -> Markup:
    return Markup(str(escape(raw or ""))).replace(_OPEN, Markup("<mark>")).replace(_CLOSE, Markup("</mark>"))


def _search_rows(session: Session, q: str, limit: int, offset: int) -> tuple[int, list[Any]]:
    """The one place that knows each dialect's full-text syntax."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        match = fts5_query(q)
        total = session.execute(
            text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :q"), {"q": match}
        ).scalar()
        rows = session.execute(
            text(
                "SELECT se.kind, se.ref_id, se.document_id, se.title, "
                f"snippet(search_fts, -1, '{_OPEN}', '{_CLOSE}', '…', 24) AS snip, "
                "bm25(search_fts, 4.0, 1.0) AS rank "
                "FROM search_fts JOIN search_entries se ON se.id = search_fts.rowid "
                "WHERE search_fts MATCH :q ORDER BY rank, se.id LIMIT :limit OFFSET :offset"
            ),
            {"q": match, "limit": limit, "offset": offset},
        ).all()
        return int(total or 0), list(rows)
    tsq = "websearch_to_tsquery('english', :q)"
    total = session.execute(text(f"SELECT count(*) FROM search_entries WHERE tsv @@ {tsq}"), {"q": q}).scalar()
    rows = session.execute(
        text(
            "SELECT kind, ref_id, document_id, title, "
            f"ts_headline('english', body, {tsq}, "
            f"'StartSel={_OPEN}, StopSel={_CLOSE}, MaxWords=40, MinWords=15, MaxFragments=2') AS snip, "
            f"-ts_rank_cd(tsv, {tsq}) AS rank "
            f"FROM search_entries WHERE tsv @@ {tsq} ORDER BY rank, id LIMIT :limit OFFSET :offset"
        ),
        {"q": q, "limit": limit, "offset": offset},
    ).all()
    return int(total or 0), list(rows)


def search(session: Session, *, params: SearchParams, per_page: int | None = None) -> SearchResults:
    """Ranked hits for ``params.q`` (a page of them), and on the first page the matching actors."""
    per = per_page or params.PER_PAGE
    if not params.q:
        return SearchResults(None, PageOf([], 0, 1, per))
    try:
        total, rows = _search_rows(session, params.q, per, (params.page - 1) * per)
    except SearchSyntaxError as exc:
        return SearchResults(params.q, PageOf([], 0, params.page, per), str(exc))
    except DBAPIError as exc:
        session.rollback()
        msg = str(getattr(exc, "orig", exc)).split("\n")[0]
        return SearchResults(
            params.q, PageOf([], 0, params.page, per), f"The search engine could not read that query ({msg})."
        )

    event_ids = [r.ref_id for r in rows if r.kind == "event"]
    slugs = (
        dict(session.execute(select(Event.id, Event.slug).where(Event.id.in_(event_ids))).all()) if event_ids else {}
    )
    doc_ids = {r.document_id for r in rows if r.document_id is not None}
    docs = (
        {r[0]: _doc_ref(r) for r in session.execute(select(*_doc_cols()).where(Document.id.in_(doc_ids)))}
        if doc_ids
        else {}
    )
    actors = match_actors(session, params.q) if params.page == 1 else []
    hits = []
    for r in rows:
        if r.kind == "statement":
            url = urls.statement(r.ref_id)
        elif r.kind == "event":
            if r.ref_id not in slugs:
                continue
            url = urls.event(slugs[r.ref_id])
        else:
            url = urls.document(r.ref_id)
        hits.append(SearchHit(r.kind, r.title, _snippet(r.snip), url, docs.get(r.document_id), float(r.rank or 0)))
    return SearchResults(params.q, PageOf(hits, total, params.page, per), actors=actors)


# --------------------------------------------------------------------------- people, countries, organisations


def _fold(value: str) -> str:
    """Lower case without accents, one character for one (so spans in it are spans in ``value``)."""
    out = []
    for ch in value:
        kept = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
        out.append(kept if len(kept) == 1 else ch)
    return "".join(out)


def query_terms(q: str) -> tuple[list[tuple[str, bool]], bool]:
    """The words and phrases of a query as (folded text, is_prefix), and whether they are ORed."""
    terms: list[tuple[str, bool]] = []
    any_of = False
    for m in _TOKEN.finditer(q):
        phrase, star, word = m.group(1), m.group(2), m.group(3)
        if word == "OR":
            any_of = True
            continue
        raw, prefix = (phrase, bool(star)) if phrase is not None else (word.rstrip("*"), word.endswith("*"))
        raw = " ".join(re.sub(r"[^\w\s'’.-]", " ", raw).split())
        if re.search(r"\w", raw):
            terms.append((_fold(raw), prefix))
    return terms, any_of


def _spans(folded: str, terms: list[tuple[str, bool]], any_of: bool) -> list[tuple[int, int]] | None:
    found: list[tuple[int, int]] = []
    hit_any = False
    for term, prefix in terms:
        pattern = r"(?<!\w)" + re.escape(term) + (r"\w*" if prefix else r"(?!\w)")
        spans = [(m.start(), m.end()) for m in re.finditer(pattern, folded)]
        if not spans and not any_of:
            return None
        hit_any = hit_any or bool(spans)
        found += spans
    return sorted(found) if hit_any else None


def _marked(text_: str, spans: list[tuple[int, int]]) -> Markup:
    out, pos = Markup(""), 0
    for a, b in spans:
        if a < pos:
            continue
        out += escape(text_[pos:a]) + Markup("<mark>") + escape(text_[a:b]) + Markup("</mark>")
        pos = b
    return out + escape(text_[pos:])


def _actor_index(session: Session) -> list[tuple[ActorRef, list[str]]]:
    rows = session.execute(select(Actor).order_by(Actor.kind, Actor.name)).scalars()
    return [(_actor_ref(a), [str(x) for x in (a.aliases or []) if x]) for a in rows]


def match_actors(session: Session, q: str, *, limit: int = 8) -> list[ActorHit]:
    """People, countries and organisations whose name or an alias contains the query's words
    (whole words; ``word*`` as a prefix). The actor list is read once per database version."""
    terms, any_of = query_terms(q)
    if not terms:
        return []
    index: list[tuple[ActorRef, list[str]]] = _cached(session, "actor-index", _actor_index)
    scored: list[tuple[tuple[int, int, str], ActorHit]] = []
    whole = " ".join(t for t, _ in terms)
    kind_rank = {"person": 0, "country": 1, "organisation": 2}
    for ref, aliases in index:
        spans = _spans(_fold(ref.name), terms, any_of)
        if spans is not None:
            exact = 0 if _fold(ref.name) == whole else 1
            scored.append(
                ((exact, kind_rank.get(ref.kind, 3), ref.name), ActorHit(ref, _marked(ref.name, spans), None))
            )
            continue
        for alias in aliases:
            spans = _spans(_fold(alias), terms, any_of)
            if spans is not None:
                exact = 0 if _fold(alias) == whole else 1
                hit = ActorHit(ref, escape(ref.name), _marked(alias, spans))
                scored.append(((exact + 1, kind_rank.get(ref.kind, 3), ref.name), hit))
                break
    scored.sort(key=lambda p: p[0])
    return [hit for _, hit in scored[:limit]]
