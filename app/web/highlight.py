"""Document text with every extracted span highlighted, built safely in Python.

The text is never marked safe as it stands: every segment between span boundaries is escaped
with markupsafe and only the tags written here are added. Spans may nest or cross; crossing
spans are split into pieces so the HTML stays well formed (the anchor ``id`` goes on the first
piece, the link marker after the last). Mentions render as links to the actor's page unless
they sit inside another link.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from markupsafe import Markup, escape

KIND_ORDER = {
    "statement": 0,
    "agreement": 1,
    "event": 2,
    "event-date": 2,
    "event-place": 2,
    "participation": 3,
    "mention": 4,
}


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # statement | agreement | event | participation | mention
    label: str  # what the highlight is, in words (title attribute and link text)
    anchor: str | None = None  # element id, e.g. statement-12 or span-10-24
    href: str | None = None  # the record this span was extracted into


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    html: Markup
    is_title: bool = False


@dataclass(slots=True)
class _Open:
    span: Span
    tag: str
    index: int


@dataclass(slots=True)
class _State:
    used_ids: set[str] = field(default_factory=set)
    started: set[int] = field(default_factory=set)


def _open_tag(span: Span, tag: str, first: bool, state: _State) -> str:
    attrs = [f'class="hl hl-{escape(span.kind)}"', f'title="{escape(span.label)}"']
    if first and span.anchor and span.anchor not in state.used_ids:
        state.used_ids.add(span.anchor)
        attrs.insert(0, f'id="{escape(span.anchor)}"')
    if tag == "a" and span.href:
        attrs.append(f'href="{escape(span.href)}"')
    if not first:
        attrs.append('data-continued="true"')
    return f"<{tag} {' '.join(attrs)}>"


def render_paragraph(text: str, start: int, end: int, spans: list[tuple[int, Span]], state: _State) -> Markup:
    """``text[start:end]`` as HTML with the (index, span) pairs that overlap it highlighted."""
    inside = [(i, s) for i, s in spans if s.start < end and s.end > start and s.end > s.start]
    cuts = {start, end}
    for _, s in inside:
        cuts.add(max(s.start, start))
        cuts.add(min(s.end, end))
    points = sorted(cuts)
    out: list[str] = []
    stack: list[_Open] = []

    def close_to(depth: int) -> None:
        while len(stack) > depth:
            top = stack.pop()
            out.append(f"</{top.tag}>")
            ends_here = top.span.end <= seg_start and top.span.kind != "mention"
            # where the span ends: a small link back to its record, unless inside a link
            if ends_here and top.span.href and not any(o.tag == "a" for o in stack):
                out.append(
                    f'<a class="ref" href="{escape(top.span.href)}" '
                    f'aria-label="{escape(top.span.label)}">{escape(_ref_mark(top.span.kind))}</a>'
                )

    seg_start = start
    for a, b in itertools.pairwise(points):
        seg_start = a
        covering = [(i, s) for i, s in inside if s.start <= a and s.end >= b]
        covering.sort(key=lambda p: (p[1].start, -p[1].end, KIND_ORDER.get(p[1].kind, 9), p[0]))
        depth = 0
        while depth < len(stack) and depth < len(covering) and stack[depth].index == covering[depth][0]:
            depth += 1
        close_to(depth)
        for i, s in covering[depth:]:
            in_link = any(o.tag == "a" for o in stack)
            tag = "a" if s.kind == "mention" and s.href and not in_link else "mark"
            first = i not in state.started
            state.started.add(i)
            out.append(_open_tag(s, tag, first, state))
            stack.append(_Open(s, tag, i))
        out.append(str(escape(text[a:b])))
    seg_start = end
    close_to(0)
    return Markup("".join(out))


def _ref_mark(kind: str) -> str:
    marks = {
        "statement": "❝",
        "agreement": "§",
        "event": "◆",
        "participation": "●",
        "event-date": "◷",
        "event-place": "◈",
    }
    return marks.get(kind, "↗")


def _merge_same(spans: list[Span]) -> list[Span]:
    """Spans of one kind over the same characters linking to the same record become one.

    (Several participants found at one phrase: one highlight, labels joined, one marker.)
    """
    merged: dict[tuple[int, int, str, str | None], Span] = {}
    for s in spans:
        key = (s.start, s.end, s.kind, s.href)
        prev = merged.get(key)
        if prev is None:
            merged[key] = s
        elif s.label not in prev.label.split("; "):
            merged[key] = Span(prev.start, prev.end, prev.kind, f"{prev.label}; {s.label}", prev.anchor, prev.href)
    return list(merged.values())


def paragraphs(text: str, spans: list[Span], *, title_lines: int = 1) -> list[Paragraph]:
    """One paragraph per non-blank line of ``text`` (as Document.text is laid out)."""
    indexed = sorted(enumerate(_merge_same(spans)), key=lambda p: (p[1].start, -p[1].end))
    state = _State()
    result: list[Paragraph] = []
    pos = 0
    line_no = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        result.append(Paragraph(start, end, render_paragraph(text, start, end, indexed, state), line_no < title_lines))
        line_no += 1
    return result
