"""Full-text search (FTS5 on SQLite, tsvector on PostgreSQL) and the people matcher."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import bindparam, select, text
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
    Lru,
    PageOf,
    SearchHit,
    SearchResults,
    _actor_ref,
    _cached,
    _doc_cols,
    _doc_ref,
    data_version,
    run,
)
from app.web.queries.prepared import Prepared

_OPEN, _CLOSE = "\x02", "\x03"


class SearchSyntaxError(ValueError):
    pass


_TOKEN = re.compile(r'"([^"]*)"(\*?)|(\S+)')

RANK_CANDIDATES = 10_000  # a query matching more than this ranks only the newest this many matches
_PAGES = Lru(256)  # result pages by (database version, query, page): popular queries are asked again


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # the words, punctuation other than ' ’ . - removed
    prefix: bool  # ``word*`` or ``"a phrase"*``
    phrase: bool  # given in double quotes


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A user's query, tokenised once for both databases: OR-ed groups of AND-ed terms, minus ``exclude``."""

    groups: list[list[Term]]
    exclude: list[Term]


def parse_query(q: str) -> ParsedQuery:
    """Words are ANDed; ``"a phrase"`` stays a phrase; ``word*`` is a prefix; ``OR`` between two
    terms is kept (AND binds tighter, as in FTS5 and tsquery); ``-word`` excludes a word."""
    if q.count('"') % 2:
        raise SearchSyntaxError("A quotation mark is not closed: phrases go between two double quotes.")
    groups: list[list[Term]] = [[]]
    exclude: list[Term] = []
    for m in _TOKEN.finditer(q):
        phrase, star, word = m.group(1), m.group(2), m.group(3)
        if word is not None and word == "OR":
            if groups[-1]:
                groups.append([])
            continue
        negated = False
        if phrase is not None:
            raw, prefix = phrase.strip(), bool(star)
        else:
            negated = word.startswith("-") and len(word) > 1
            prefix = word.endswith("*")
            raw = word.lstrip("-") if negated else word
            raw = raw.rstrip("*")
        term = " ".join(re.sub(r"[^\w\s'’.-]", " ", raw).replace('"', "").split())
        if not re.search(r"\w", term):
            continue
        (exclude if negated else groups[-1]).append(Term(term, prefix, phrase is not None))
    groups = [g for g in groups if g]
    if not groups:
        if exclude:
            raise SearchSyntaxError("A search needs a word that must match: a minus sign before a word leaves it out.")
        raise SearchSyntaxError('There is nothing to search for: type a word, a "phrase" or a prefix such as summ*.')
    return ParsedQuery(groups, exclude)


def _fts5_term(t: Term) -> str:
    return '"' + t.text + '"' + ("*" if t.prefix else "")


def fts5_query(q: str) -> str:
    """A user's query as a safe FTS5 expression: every term is quoted, so punctuation cannot break
    the FTS5 syntax."""
    parsed = parse_query(q)
    expr = " OR ".join(" ".join(_fts5_term(t) for t in g) for g in parsed.groups)
    if parsed.exclude:
        expr = f"({expr})" + "".join(f" NOT {_fts5_term(t)}" for t in parsed.exclude)
    return expr


_TS_WORD = re.compile(r"[^\W_]+")


def tsquery_sql(q: str) -> tuple[str, dict[str, str]]:
    """The same query as a PostgreSQL tsquery expression (SQL with bound parameters).

    Phrases go through ``phraseto_tsquery``, words through ``plainto_tsquery``, prefixes through
    ``to_tsquery('english', 'w1 <-> w2:*')`` with only letters and digits left in the words (so the
    tsquery syntax cannot be injected); they are joined with ``&&``, ``||`` and ``!!``.
    """
    parsed = parse_query(q)
    params: dict[str, str] = {}

    def piece(t: Term) -> str:
        name = f"tq{len(params)}"
        if t.prefix:
            words = _TS_WORD.findall(t.text.lower())
            if not words:
                params[name] = t.text
                return f"plainto_tsquery('english', :{name})"
            params[name] = " <-> ".join(words) + ":*"
            return f"to_tsquery('english', :{name})"
        params[name] = t.text
        fn = "phraseto_tsquery" if t.phrase or " " in t.text else "plainto_tsquery"
        return f"{fn}('english', :{name})"

    expr = " || ".join("(" + " && ".join(piece(t) for t in g) + ")" for g in parsed.groups)
    if parsed.exclude:
        expr = f"({expr})" + "".join(f" && !!{piece(t)}" for t in parsed.exclude)
    return f"({expr})", params


def _snippet(raw: str | None) -> Markup:
    return Markup(str(escape(raw or ""))).replace(_OPEN, Markup("<mark>")).replace(_CLOSE, Markup("</mark>"))


def _search_rows(session: Session, q: str, limit: int, offset: int) -> tuple[int, bool, list[Any]]:
    """(matches up to RANK_CANDIDATES, whether there were more, the page's rows best first).

    The one place that knows each dialect's full-text syntax. Ranking costs one score per match,
    so a query matching more than ``RANK_CANDIDATES`` entries ranks only the newest that many;
    snippets and headlines are made for the page's rows only.
    """
    cap = RANK_CANDIDATES
    if session.get_bind().dialect.name == "sqlite":
        match = fts5_query(q)
        params: dict[str, Any] = {"q": match, "cap": cap, "cap1": cap + 1, "limit": limit, "offset": offset}
        n = int(_FTS_COUNT.scalar(session, params) or 0)
        ranked = (_FTS_TOP_CAPPED if n > cap else _FTS_TOP).all(session, params)
        ids = [r[0] for r in ranked]
        if not ids:
            return min(n, cap), n > cap, []
        found = {r.id: r for r in _FTS_ROWS.all(session, {"q": match, "ids": ids})}
    else:
        tsq, tparams = tsquery_sql(q)
        params = {**tparams, "cap": cap, "cap1": cap + 1, "limit": limit, "offset": offset}
        count = f"SELECT count(*) FROM (SELECT 1 FROM search_entries WHERE tsv @@ {tsq} LIMIT :cap1) m"
        n = int(_scalar(session, text(count), params))
        rank = f"-ts_rank_cd(tsv, {tsq})"
        if n > cap:
            top = (
                f"SELECT id, rank FROM (SELECT id, {rank} AS rank FROM search_entries WHERE tsv @@ {tsq} "
                "ORDER BY id DESC LIMIT :cap) c ORDER BY rank, id LIMIT :limit OFFSET :offset"
            )
        else:
            top = (
                f"SELECT id, {rank} AS rank FROM search_entries WHERE tsv @@ {tsq} "
                "ORDER BY rank, id LIMIT :limit OFFSET :offset"
            )
        ranked = run(session, text(top), params).all()
        ids = [r[0] for r in ranked]
        if not ids:
            return min(n, cap), n > cap, []
        rows_sql = text(
            "SELECT id, kind, ref_id, document_id, title, "
            f"ts_headline('english', body, {tsq}, "
            f"'StartSel={_OPEN}, StopSel={_CLOSE}, MaxWords=40, MinWords=15, MaxFragments=2') AS snip "
            "FROM search_entries WHERE id IN :ids"
        ).bindparams(bindparam("ids", expanding=True))
        found = {r.id: r for r in run(session, rows_sql, {**tparams, "ids": ids})}
    rows = [(found[i], rank) for i, rank in ranked if i in found]
    return min(n, cap), n > cap, rows


def _scalar(session: Session, stmt: Any, params: dict[str, Any]) -> Any:
    return run(session, stmt, params).scalar() or 0


# SQLite's FTS5 (PostgreSQL's tsquery statements depend on the query's shape: built per query above)
_FTS_COUNT = Prepared(text("SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH :q LIMIT :cap1)"))
_FTS_TOP = Prepared(
    text(
        "SELECT rowid, bm25(search_fts, 4.0, 1.0) AS rank FROM search_fts WHERE search_fts MATCH :q "
        "ORDER BY rank, rowid LIMIT :limit OFFSET :offset"
    )
)
_FTS_TOP_CAPPED = Prepared(
    text(
        "SELECT rowid, rank FROM (SELECT rowid, bm25(search_fts, 4.0, 1.0) AS rank FROM search_fts "
        "WHERE search_fts MATCH :q ORDER BY rowid DESC LIMIT :cap) ORDER BY rank, rowid LIMIT :limit OFFSET :offset"
    )
)
_FTS_ROWS = Prepared(
    text(
        "SELECT se.id, se.kind, se.ref_id, se.document_id, se.title, "
        f"snippet(search_fts, -1, '{_OPEN}', '{_CLOSE}', '…', 24) AS snip "
        "FROM search_fts JOIN search_entries se ON se.id = search_fts.rowid "
        "WHERE search_fts MATCH :q AND search_fts.rowid IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
)


def search(session: Session, *, params: SearchParams, per_page: int | None = None) -> SearchResults:
    """Ranked hits for ``params.q`` (a page of them), and on the first page the matching actors.

    Pages are kept in a small LRU keyed on the database version, so a popular query costs its
    ranking once per change of the data."""
    per = per_page or params.PER_PAGE
    if not params.q:
        return SearchResults(None, PageOf([], 0, 1, per))
    key = (*data_version(session), params.q, params.page, per)
    cached: SearchResults | None = _PAGES.get(key)
    if cached is not None:
        return cached
    try:
        total, capped, rows = _search_rows(session, params.q, per, (params.page - 1) * per)
    except SearchSyntaxError as exc:
        return SearchResults(params.q, PageOf([], 0, params.page, per), str(exc))
    except DBAPIError as exc:
        session.rollback()
        msg = str(getattr(exc, "orig", exc)).split("\n")[0]
        return SearchResults(
            params.q, PageOf([], 0, params.page, per), f"The search engine could not read that query ({msg})."
        )

    event_ids = [r.ref_id for r, _ in rows if r.kind == "event"]
    slugs = dict(_EVENT_SLUGS.all(session, {"ids": event_ids})) if event_ids else {}
    doc_ids = sorted({r.document_id for r, _ in rows if r.document_id is not None})
    docs = {r[0]: _doc_ref(r) for r in _DOCS.all(session, {"ids": doc_ids})} if doc_ids else {}
    actors = match_actors(session, params.q) if params.page == 1 else []
    hits = []
    for r, rank in rows:
        if r.kind == "statement":
            url = urls.statement(r.ref_id)
        elif r.kind == "event":
            if r.ref_id not in slugs:
                continue
            url = urls.event(slugs[r.ref_id])
        else:
            url = urls.document(r.ref_id)
        hits.append(SearchHit(r.kind, r.title, _snippet(r.snip), url, docs.get(r.document_id), float(rank or 0)))
    results = SearchResults(params.q, PageOf(hits, total, params.page, per), actors=actors, capped=capped)
    _PAGES.put(key, results)
    return results


_EVENT_SLUGS = Prepared(select(Event.id, Event.slug).where(Event.id.in_(bindparam("ids", expanding=True))))
_DOCS = Prepared(select(*_doc_cols()).where(Document.id.in_(bindparam("ids", expanding=True))))


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
    try:
        parsed = parse_query(q)
    except SearchSyntaxError:
        return [], False
    terms = [(_fold(t.text), t.prefix) for g in parsed.groups for t in g]
    return terms, len(parsed.groups) > 1


def _spans(folded: str, patterns: list[re.Pattern[str]], any_of: bool) -> list[tuple[int, int]] | None:
    found: list[tuple[int, int]] = []
    hit_any = False
    for pattern in patterns:
        spans = [(m.start(), m.end()) for m in pattern.finditer(folded)]
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


ActorIndex = list[tuple[ActorRef, str, list[tuple[str, str]]]]


def _actor_index(session: Session) -> ActorIndex:
    """Every actor with its name and aliases folded once (the matcher reads it per query)."""
    rows = session.execute(select(Actor).order_by(Actor.kind, Actor.name)).scalars()
    return [(_actor_ref(a), _fold(a.name), [(str(x), _fold(str(x))) for x in (a.aliases or []) if x]) for a in rows]


def match_actors(session: Session, q: str, *, limit: int = 8) -> list[ActorHit]:
    """People, countries and organisations whose name or an alias contains the query's words
    (whole words; ``word*`` as a prefix). The actor list is read once per database version."""
    terms, any_of = query_terms(q)
    if not terms:
        return []
    index: ActorIndex = _cached(session, "actor-index", _actor_index)
    patterns = [re.compile(r"(?<!\w)" + re.escape(term) + (r"\w*" if prefix else r"(?!\w)")) for term, prefix in terms]
    # a cheap first pass: the names holding the (first, or any) term's text at all
    needles = [term for term, _ in terms]
    scored: list[tuple[tuple[int, int, str], ActorHit]] = []
    whole = " ".join(needles)
    kind_rank = {"person": 0, "country": 1, "organisation": 2}
    for ref, folded, aliases in index:
        if not _may_match(folded, needles, any_of) and not any(_may_match(fa, needles, any_of) for _, fa in aliases):
            continue
        spans = _spans(folded, patterns, any_of)
        if spans is not None:
            exact = 0 if folded == whole else 1
            scored.append(
                ((exact, kind_rank.get(ref.kind, 3), ref.name), ActorHit(ref, _marked(ref.name, spans), None))
            )
            continue
        for alias, folded_alias in aliases:
            spans = _spans(folded_alias, patterns, any_of)
            if spans is not None:
                exact = 0 if folded_alias == whole else 1
                hit = ActorHit(ref, escape(ref.name), _marked(alias, spans))
                scored.append(((exact + 1, kind_rank.get(ref.kind, 3), ref.name), hit))
                break
    scored.sort(key=lambda p: p[0])
    return [hit for _, hit in scored[:limit]]


def _may_match(folded: str, needles: list[str], any_of: bool) -> bool:
    if any_of:
        return any(n in folded for n in needles)
    return all(n in folded for n in needles)
