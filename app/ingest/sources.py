"""Read documents from disk: decode, split title/subtitle/body, read metadata sidecars.

Supported inputs:

* ``NAME.txt`` in the seed layout: a title line, an optional subtitle line, blank lines,
  then one body paragraph per line.
* ``NAME.html`` / ``NAME.htm``: the title from ``<h1>`` or ``<title>``, the body from the
  article's paragraphs; scripts, styles and page furniture are dropped.
* ``NAME.jsonl``: one document per line, ``{"title", "text"|"body", "subtitle"?,
  "published"?, "outlet"?, "source_url"?, "id"?}``.

An optional ``NAME.meta.json`` sidecar gives ``published``, ``outlet`` and ``source_url``.
Anything that cannot be read becomes a :class:`SourceError` with the path and a plain reason;
the caller decides whether to go on with the rest of the batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
MAX_BYTES = 10 * 1024 * 1024  # a news article is a few KB; 10 MB is surely not one


class SourceError(Exception):
    """A document that cannot be ingested, with the path and a reason a person can act on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class SourceDocument:
    path: str  # as given on the command line (plus "#N" for a line of a .jsonl file)
    text: str  # the full text: title, subtitle, blank lines, body; all spans index into it
    title: str
    subtitle: str | None
    body_start: int  # offset of the first body character in ``text``
    published: dt.date | None = None
    outlet: str | None = None
    source_url: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


def discover(paths: list[str | Path]) -> Iterator[Path]:
    """Yield every document file under ``paths`` (files as given, folders recursively, sorted)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and _is_document(child):
                    yield child
        else:
            yield p  # a missing or odd file is reported by read_documents, not skipped silently


def _is_document(p: Path) -> bool:
    return p.suffix.lower() in SUFFIXES and not p.name.startswith(".")


def read_documents(path: Path) -> Iterator[SourceDocument | SourceError]:
    """Read one file into documents (a .jsonl file may hold many); errors are yielded, not raised."""
    where = str(path)
    try:
        if not path.exists():
            yield SourceError(where, "no such file")
            return
        if path.suffix.lower() not in SUFFIXES:
            yield SourceError(where, f"unsupported file type {path.suffix or '(none)'}; expected .txt, .html or .jsonl")
            return
        size = path.stat().st_size
        if size == 0:
            yield SourceError(where, "empty file")
            return
        if size > MAX_BYTES and path.suffix.lower() != ".jsonl":
            yield SourceError(where, f"file too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MiB)")
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield SourceError(where, f"cannot read file ({exc.strerror or exc})")
        return
    try:
        meta = read_sidecar(path)
    except SourceError as exc:
        yield exc
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, raw, meta)
        return
    try:
        text = decode(raw, where)
        doc = from_plain_text(where, text, meta) if suffix == ".txt" else from_html(where, text, meta)
    except SourceError as exc:
        yield exc
        return
    yield doc


def decode(raw: bytes, where: str) -> str:
    if b"\x00" in raw[:8192]:
        raise SourceError(where, "binary file (contains NUL bytes), not a text document")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            where, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); re-save the file as UTF-8"
        ) from None
    bad = sum(1 for ch in text[:4096] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    if bad > 8:
        raise SourceError(where, "binary file (control characters), not a text document")
    return text


def read_sidecar(path: Path) -> dict[str, object]:
    """Read ``NAME.meta.json`` beside ``path`` if there is one."""
    side = path.with_name(path.stem + ".meta.json")
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(str(path), f"malformed metadata sidecar {side.name}: {exc}") from None
    if not isinstance(data, dict):
        raise SourceError(str(path), f"malformed metadata sidecar {side.name}: expected a JSON object")
    return _clean_meta(data, str(path), side.name)


def _clean_meta(data: dict[str, object], where: str, label: str) -> dict[str, object]:
    out: dict[str, object] = {}
    pub = data.get("published")
    if pub not in (None, ""):
        parsed = parse_date(pub)
        if parsed is None:
            raise SourceError(where, f"{label}: 'published' is not a date (got {pub!r}; expected YYYY-MM-DD)")
        out["published"] = parsed
    for key in ("outlet", "source_url", "title", "subtitle"):
        val = data.get(key)
        if val is not None and not isinstance(val, str):
            raise SourceError(where, f"{label}: {key!r} must be a string")
        if val:
            out[key] = val.strip()
    return out


def parse_date(value: object) -> dt.date | None:
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n"


def from_plain_text(where: str, text: str, meta: dict[str, object]) -> SourceDocument:
    text = _normalise(text)
    if not text.strip():
        raise SourceError(where, "no text (the file holds only white space)")
    lines = text.split("\n")
    title = lines[0].strip()
    subtitle: str | None = None
    body_line = 1
    # a second line before the first blank line is a subtitle, if a blank line follows it
    if len(lines) > 1 and lines[1].strip() and any(not ln.strip() for ln in lines[2:4]):
        subtitle = lines[1].strip()
        body_line = 2
    while body_line < len(lines) and not lines[body_line].strip():
        body_line += 1
    body_start = sum(len(ln) + 1 for ln in lines[:body_line])
    if body_start >= len(text.rstrip("\n")):
        # a single paragraph with no title: treat the first line as both title and body
        body_start = 0
    return SourceDocument(
        path=where,
        text=text,
        title=str(meta.get("title") or title)[:500],
        subtitle=str(meta["subtitle"]) if meta.get("subtitle") else subtitle,
        body_start=body_start,
        published=meta.get("published"),  # type: ignore[arg-type]
        outlet=meta.get("outlet"),  # type: ignore[arg-type]
        source_url=meta.get("source_url"),  # type: ignore[arg-type]
    )


def compose(title: str, subtitle: str | None, paragraphs: list[str]) -> tuple[str, int]:
    """Lay out a document in the seed layout; return the text and the body offset."""
    head = title.strip() + "\n" + (subtitle.strip() + "\n" if subtitle else "") + "\n\n"
    body = "\n".join(p.strip() for p in paragraphs if p.strip()) + "\n"
    return head + body, len(head)


_BLOCKS = "p, h2, h3, h4, li, blockquote"
_DROP = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, template"


def from_html(where: str, html: str, meta: dict[str, object]) -> SourceDocument:
    tree = HTMLParser(html)
    for node in tree.css(_DROP):
        node.decompose()
    h1 = tree.css_first("h1")
    head_title = tree.css_first("title")
    title = (h1.text(strip=True) if h1 else "") or (head_title.text(strip=True) if head_title else "")
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    if root is None:
        raise SourceError(where, "HTML without a body")
    paragraphs = [" ".join(n.text(separator=" ").split()) for n in root.css(_BLOCKS)]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        text = " ".join(root.text(separator=" ").split())
        paragraphs = [text] if text else []
    if not paragraphs:
        raise SourceError(where, "HTML page with no readable text")
    if not title:
        title = paragraphs[0][:120]
    published = meta.get("published")
    if published is None:
        for sel in (
            'meta[property="article:published_time"]',
            'meta[name="date"]',
            'meta[name="pubdate"]',
            "time[datetime]",
        ):
            node = tree.css_first(sel)
            if node is not None:
                published = parse_date(node.attributes.get("content") or node.attributes.get("datetime") or "")
                if published:
                    break
    text, body_start = compose(str(meta.get("title") or title), meta.get("subtitle"), paragraphs)  # type: ignore[arg-type]
    return SourceDocument(
        path=where,
        text=text,
        title=str(meta.get("title") or title)[:500],
        subtitle=meta.get("subtitle"),  # type: ignore[arg-type]
        body_start=body_start,
        published=published,  # type: ignore[arg-type]
        outlet=meta.get("outlet"),  # type: ignore[arg-type]
        source_url=meta.get("source_url"),  # type: ignore[arg-type]
    )


def _read_jsonl(path: Path, raw: bytes, file_meta: dict[str, object]) -> Iterator[SourceDocument | SourceError]:
    try:
        text = decode(raw, str(path))
    except SourceError as exc:
        yield exc
        return
    seen = 0
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}#{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield SourceError(where, f"malformed JSON on line {n}: {exc.msg}")
            continue
        if not isinstance(obj, dict):
            yield SourceError(where, f"line {n} is not a JSON object")
            continue
        body = obj.get("text") or obj.get("body")
        if not isinstance(body, str) or not body.strip():
            yield SourceError(where, f"line {n} has no 'text' (or 'body') string")
            continue
        try:
            meta = {**file_meta, **_clean_meta(obj, where, f"line {n}")}
        except SourceError as exc:
            yield exc
            continue
        title = str(meta.get("title") or "").strip()
        paragraphs = [p for p in _normalise(body).split("\n") if p.strip()]
        if not title:
            title = paragraphs[0][:120]
        doc_text, body_start = compose(title, meta.get("subtitle"), paragraphs)  # type: ignore[arg-type]
        seen += 1
        yield SourceDocument(
            path=where,
            text=doc_text,
            title=title,
            subtitle=meta.get("subtitle"),  # type: ignore[arg-type]
            body_start=body_start,
            published=meta.get("published"),  # type: ignore[arg-type]
            outlet=meta.get("outlet"),  # type: ignore[arg-type]
            source_url=meta.get("source_url"),  # type: ignore[arg-type]
        )
    if seen == 0 and not text.strip():
        yield SourceError(str(path), "empty file")
