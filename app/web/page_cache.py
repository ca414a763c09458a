"""Whole responses kept in the web process and served again until the data change.

The data change only when a write transaction commits (``summitry ingest``), and each of those bumps
the data's generation (``app.db.data_state``). This cache keys every stored response on its request
and keeps it only while the generation it was rendered under is current:

* **What is stored:** answers to ``GET`` and ``HEAD`` (a HEAD is keyed as its GET) that are ``200``, not
  streamed (one body message matching its ``Content-Length``), without ``Set-Cookie``, without
  ``Cache-Control: no-store``/``private``, without validators of their own (static files have theirs),
  and that ``Vary`` on no request header outside the key. Status, headers (the security headers
  included, exactly as sent) and body, plus a weak ``ETag`` (the generation and a hash of the headers
  and body) that lets a client revalidate with ``If-None-Match`` and get a ``304``.
* **The key:** scheme, host, root path, the raw path and raw query string, and the request headers the
  pages read (``HX-Request``, ``HX-Request-Type``, ``HX-Current-URL``), each as sent.
* **Freshness:** the generation is read from the database at most once every ``recheck`` seconds (0:
  on every request), off the event loop, so a page is at most that stale after an ingest. When it (or
  the date, which the pages' "cite this view" box shows) differs from the last one seen, the cache is
  emptied. A database without the generation's row reads as generation 0; one that cannot be read at
  all turns the cache off until it can.
* **Memory:** bounded by bytes (bodies, headers, keys and a fixed overhead per entry), least recently
  used out first; a response bigger than the whole bound is not stored.

All of it runs on the event loop, with no lock: each operation is a dict lookup, insert or pop.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import Message, Scope

from app.db import data_state

log = logging.getLogger(__name__)

Headers = list[tuple[bytes, bytes]]
Key = tuple[Any, ...]
State = tuple[int, dt.date]  # (generation, today: the pages show the day they were read)
Send = Callable[[Message], Awaitable[None]]

# Request headers a response may depend on: part of the key, each with every value as sent.
KEYED_HEADERS = frozenset({b"host", b"hx-request", b"hx-request-type", b"hx-current-url"})
# A response that says it varies on anything else is not stored (the key would not tell them apart).
_VARY_OK = frozenset(name.decode() for name in KEYED_HEADERS)
# Representation metadata a 304 leaves out (it has no body); the rest, ETag and Vary first, it repeats.
_NOT_IN_304 = frozenset(
    {b"content-length", b"content-type", b"content-encoding", b"content-language", b"content-disposition"}
)
ENTRY_OVERHEAD = 512  # bytes an entry costs beyond its body, headers and key: the objects and dict slot


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored response, ready to send again."""

    status: int
    headers: Headers  # as sent, the ETag included
    body: bytes
    etag: bytes
    not_modified_headers: Headers
    size: int

    async def send(self, send: Send, *, head: bool, if_none_match: bytes | None) -> None:
        """Send it (its headers only for a HEAD), or a 304 if the client already has it."""
        if if_none_match is not None and etag_matches(if_none_match, self.etag):
            await send({"type": "http.response.start", "status": 304, "headers": self.not_modified_headers})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": b"" if head else self.body})


def request_key(scope: Scope) -> tuple[Key, bytes | None]:
    """The cache key of an HTTP request (GET and HEAD share it), and its ``If-None-Match`` if any."""
    keyed: list[tuple[bytes, bytes]] = []
    if_none_match: list[bytes] = []
    for name, value in scope["headers"]:
        if name in KEYED_HEADERS:
            keyed.append((name, value))
        elif name == b"if-none-match":
            if_none_match.append(value)
    server = scope.get("server")
    key = (
        scope.get("scheme", "http"),
        tuple(server) if server else None,  # where base_url points when there is no Host header
        scope.get("root_path", ""),
        scope.get("raw_path") or scope["path"],
        scope.get("query_string", b""),
        tuple(keyed),
    )
    return key, (b", ".join(if_none_match) if if_none_match else None)


def etag_matches(if_none_match: bytes, etag: bytes) -> bool:
    """``If-None-Match``'s weak comparison: any listed tag with the same opaque part, or ``*``."""
    opaque = etag.removeprefix(b"W/")
    for candidate in if_none_match.split(b","):
        tag = candidate.strip()
        if tag == b"*" or tag.removeprefix(b"W/") == opaque:
            return True
    return False


def cacheable(status: int, headers: Headers, body: bytes) -> bool:
    """A complete 200 that says nothing against being kept and shown to the next client."""
    if status != 200:
        return False
    length: bytes | None = None
    for raw_name, value in headers:
        name = raw_name.lower()
        if name == b"content-length":
            length = value
        elif name in (b"set-cookie", b"etag", b"last-modified"):
            return False
        elif name == b"cache-control":
            directives = {d.strip().split(b"=", 1)[0].lower() for d in value.split(b",")}
            if directives & {b"no-store", b"private"}:
                return False
        elif name == b"vary":
            varies = {v.strip().lower() for v in value.decode("latin-1").split(",")} - {""}
            if not varies <= _VARY_OK:
                return False
    return length is not None and length.strip() == str(len(body)).encode()


def make_entry(state: State, status: int, headers: Headers, body: bytes, key: Key) -> Entry:
    digest = hashlib.blake2b(digest_size=12)
    for name, value in headers:
        digest.update(b"%b:%b\n" % (name, value))
    digest.update(b"\n")
    digest.update(body)
    etag = b'W/"%d-%s"' % (state[0], digest.hexdigest().encode())
    sent = [*headers, (b"etag", etag)]
    size = len(body) + sum(len(n) + len(v) for n, v in sent) + _key_size(key) + ENTRY_OVERHEAD
    not_modified = [(n, v) for n, v in sent if n.lower() not in _NOT_IN_304]
    return Entry(status, sent, body, etag, not_modified, size)


def _key_size(key: Key) -> int:
    *_, path, query, keyed = key
    return len(path) + len(query) + sum(len(n) + len(v) for n, v in keyed)


class PageCache:
    """Responses by request key, for the current generation only, within ``max_bytes``."""

    def __init__(self, engine: Engine, max_bytes: int, recheck: float) -> None:
        self.engine = engine
        self.max_bytes = max_bytes
        self.recheck = recheck
        self.bytes = 0
        self.hits = self.misses = self.stores = self.evictions = self.clears = self.checks = 0
        self._entries: OrderedDict[Key, Entry] = OrderedDict()
        self._state: State | None = None
        self._next_check = float("-inf")
        self._checking = False
        self._issued = 0  # reads started
        self._applied = 0  # the latest read whose answer was taken

    def __len__(self) -> int:
        return len(self._entries)

    async def state(self) -> State | None:
        """The current (generation, date), read again once ``recheck`` seconds have passed; ``None``
        when the database cannot be read (then nothing is served from or put in the cache)."""
        now = time.monotonic()
        if self.recheck > 0 and (self._checking or now < self._next_check):
            return self._state  # read recently, or being read right now: this one is fresh enough
        self._checking = True
        self._next_check = now + self.recheck
        self._issued += 1
        ticket = self._issued
        try:
            # in a thread of the loop's own executor: a network round trip on PostgreSQL must not
            # stall the loop, and anyio's threads are the page handlers' (one on SQLite)
            generation = await asyncio.get_running_loop().run_in_executor(None, self._read_generation)
        finally:
            self._checking = False
        if ticket > self._applied:  # with recheck 0, reads overlap: an older answer must not win
            self._applied = ticket
            self.checks += 1
            self._set_state(None if generation is None else (generation, dt.date.today()))
        return self._state

    def _read_generation(self) -> int | None:
        try:
            with self.engine.connect() as conn:
                return data_state.read(conn)
        except SQLAlchemyError as exc:
            if self._state is not None:  # said once when it starts failing, not on every recheck
                log.warning("page cache off: cannot read the data generation: %s", exc)
            return None

    def _set_state(self, state: State | None) -> None:
        if state != self._state:
            self.clear()
            self._state = state

    def get(self, key: Key) -> Entry | None:
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry

    def store(self, key: Key, state: State, status: int, headers: Headers, body: bytes) -> Entry:
        """The response as an entry (with its ETag), kept if it was rendered under the current
        state and fits; evicts the least recently used entries to stay within the bound."""
        entry = make_entry(state, status, headers, body, key)
        if state != self._state or entry.size > self.max_bytes:
            return entry  # the data changed while it was rendered, or it is too big: send, don't keep
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= old.size
        self._entries[key] = entry
        self.bytes += entry.size
        self.stores += 1
        while self.bytes > self.max_bytes:
            _, evicted = self._entries.popitem(last=False)
            self.bytes -= evicted.size
            self.evictions += 1
        return entry

    def clear(self) -> None:
        if self._entries:
            self.clears += 1
        self._entries.clear()
        self.bytes = 0
