"""Quotation spans in raw text: straight and curly double quotes, one linear scan.

A quote never crosses a line break. A paragraph that opens a quote and does not close it
continues in the next paragraph when that paragraph opens with a quote mark (the journalistic
convention); each paragraph's piece is a span of its own, linked by ``chain``.
"""

from __future__ import annotations

from dataclasses import dataclass

_OPEN = {"\u201c", "\u201e", "\u00ab"}  # “ „ «
_CLOSE = {"\u201d", "\u00bb"}  # ” »
_STRAIGHT = '"'
_ANY = _OPEN | _CLOSE | {_STRAIGHT}


@dataclass(frozen=True)
class Quote:
    open: int  # offset of the opening mark (or paragraph start for an unmarked continuation)
    close: int  # offset just after the closing mark (or paragraph end)
    start: int  # the quoted words: text[start:end], trimmed, trailing comma dropped
    end: int
    closed: bool  # a closing mark was found
    chain: int  # quotes of one multi-paragraph quotation share a chain id

    @property
    def inner(self) -> tuple[int, int]:
        return self.start, self.end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _ANY):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _ANY or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _is_opening_straight(text: str, i: int, line_start: int) -> bool:
    """A straight quote with no open quote pending: opening unless it follows a letter and a
    space follows (a stray closing mark)."""
    prev = text[i - 1] if i > line_start else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not (prev.isalnum() and (nxt.isspace() or nxt in ".,;:"))


def find_quotes(text: str) -> list[Quote]:
    out: list[Quote] = []
    chain = 0
    pending: int | None = None  # chain id of a quote left open at the previous paragraph's end
    pos = 0
    n = len(text)
    while pos <= n:
        line_end = text.find("\n", pos)
        if line_end < 0:
            line_end = n
        lead = pos + len(text[pos:line_end]) - len(text[pos:line_end].lstrip())
        if lead >= line_end or text[lead] not in _OPEN | {_STRAIGHT}:
            pending = None
        open_at: int | None = None
        i = pos
        while i < line_end:
            ch = text[i]
            if ch in _OPEN or (ch == _STRAIGHT and open_at is None and _is_opening_straight(text, i, pos)):
                if open_at is None:
                    open_at = i
            elif (ch in _CLOSE or ch == _STRAIGHT) and open_at is not None:
                s, e = _trim(text, open_at + 1, i)
                if e > s:
                    cid = pending if pending is not None and open_at == lead else None
                    if cid is None:
                        chain += 1
                        cid = chain
                    out.append(Quote(open_at, i + 1, s, e, True, cid))
                pending = None
                open_at = None
            i += 1
        next_pending: int | None = None
        if open_at is not None:
            s, e = _trim(text, open_at + 1, line_end)
            if e > s:
                cid = pending if pending is not None and open_at == lead else None
                if cid is None:
                    chain += 1
                    cid = chain
                out.append(Quote(open_at, line_end, s, e, False, cid))
                next_pending = cid
        pending = next_pending
        pos = line_end + 1
    return out
