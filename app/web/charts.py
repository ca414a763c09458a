"""Small server-rendered SVG charts: no JavaScript, escaped, accessible.

``timeline`` turns event counts per month into marks (months when the span is short, years
when it is long), ``timeline_chart`` draws them as columns, and ``bar_chart`` draws labelled
horizontal bars (statements by speaker). Each chart is a ``Chart``: the picture (an ``<svg
role="img">`` with ``<title>`` and ``<desc>``), an optional layer of links over the marks for
pointer users (hidden from assistive technology and out of the tab order, since links may not
sit inside an image), and the marks themselves, which the template lists as the text
alternative with real, focusable links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

MONTHS_MAX = 36  # a span longer than this many months is drawn by year


@dataclass(frozen=True, slots=True)
class Mark:
    label: str  # in words: "March 2025", "2024", "Ana Ferreira"
    tick: str  # the axis label, possibly empty
    value: int
    href: str | None = None
    current: bool = False


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    title: str
    desc: str
    unit: str  # "event", "statement": for the text alternative
    marks: list[Mark]
    svg: Markup
    links: Markup  # the pointer-only link layer ("" when the marks have no links)

    @property
    def total(self) -> int:
        return sum(m.value for m in self.marks)


def _month_add(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def timeline(
    counts: Mapping[tuple[int, int], int],
    *,
    month_href: Callable[[int, int], str] | None = None,
    year_href: Callable[[int], str] | None = None,
    by: str = "auto",
    current: tuple[int, int | None] | None = None,
) -> list[Mark]:
    """Counts per (year, month) as marks, gaps filled with zeros.

    ``by`` is ``month``, ``year`` or ``auto`` (months for spans up to ``MONTHS_MAX`` months).
    ``current`` marks the selected (year, month or None).
    """
    if not counts:
        return []
    first, last = min(counts), max(counts)
    span = (last[0] - first[0]) * 12 + (last[1] - first[1]) + 1
    if by == "auto":
        by = "month" if span <= MONTHS_MAX else "year"
    marks: list[Mark] = []
    if by == "year":
        per_year: dict[int, int] = {}
        for (y, _m), n in counts.items():
            per_year[y] = per_year.get(y, 0) + n
        for y in range(first[0], last[0] + 1):
            n = per_year.get(y, 0)
            is_current = current is not None and current[0] == y and current[1] is None
            marks.append(Mark(str(y), str(y), n, year_href(y) if year_href and n else None, is_current))
        return marks
    y, m = first
    for _ in range(span):
        n = counts.get((y, m), 0)
        day = dt.date(y, m, 1)
        tick = f"{day:%b}" if span <= 12 else (f"{day:%Y}" if m == 1 or not marks else "")
        is_current = current is not None and current == (y, m)
        marks.append(Mark(f"{day:%B %Y}", tick, n, month_href(y, m) if month_href and n else None, is_current))
        y, m = _month_add(y, m, 1)
    return marks


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _svg_open(
    chart_id: str, width: int, height: int, *, role_img: bool, title: str = "", desc: str = "", kind: str = "columns"
) -> str:
    if role_img:
        return (
            f'<svg class="chart chart-{kind}" id="{escape(chart_id)}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" preserveAspectRatio="xMidYMid meet">'
            f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
            f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>'
        )
    return (
        f'<svg class="chart chart-links" viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false" '
        'preserveAspectRatio="xMidYMid meet">'
    )


def timeline_chart(
    marks: Sequence[Mark], *, chart_id: str, title: str, unit: str = "event", width: int = 720, height: int = 150
) -> Chart:
    """Columns, one per mark, with a baseline, the tallest value and the ticks."""
    marks = list(marks)
    top, bottom, left, right = 16, 22, 4, 4
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(1, len(marks))
    slot = plot_w / n
    gap = min(6.0, slot * 0.2)
    peak = max((mk.value for mk in marks), default=0) or 1
    total = sum(mk.value for mk in marks)
    busiest = max(marks, key=lambda mk: mk.value) if marks else None
    desc = f"{total} dated {unit}{'' if total == 1 else 's'}"
    if marks:
        desc += f" from {marks[0].label} to {marks[-1].label}"
    if busiest and busiest.value:
        desc += f"; the most in {busiest.label} ({busiest.value})"
    desc += "."
    out = [_svg_open(chart_id, width, height, role_img=True, title=title, desc=desc)]
    base_y = top + plot_h
    out.append(f'<line class="axis" x1="{left}" y1="{base_y}" x2="{width - right}" y2="{base_y}"/>')
    out.append(f'<text class="peak" x="{left}" y="{top - 4}">{peak} max</text>')
    links = [_svg_open(chart_id, width, height, role_img=False)]
    for i, mk in enumerate(marks):
        x = left + i * slot + gap / 2
        w = max(1.0, slot - gap)
        h = 0.0 if mk.value == 0 else max(2.0, plot_h * mk.value / peak)
        cls = "bar current" if mk.current else "bar"
        out.append(f'<rect class="{cls}" x="{_fmt(x)}" y="{_fmt(base_y - h)}" width="{_fmt(w)}" height="{_fmt(h)}"/>')
        if mk.tick:
            out.append(f'<text class="tick" x="{_fmt(x)}" y="{height - 6}">{escape(mk.tick)}</text>')
        if mk.href:
            links.append(
                f'<a href="{escape(mk.href)}" tabindex="-1"><title>{escape(mk.label)}: {mk.value}</title>'
                f'<rect class="hit" x="{_fmt(left + i * slot)}" y="{top}" width="{_fmt(slot)}" height="{plot_h}"/></a>'
            )
    out.append("</svg>")
    links.append("</svg>")
    has_links = any(mk.href for mk in marks)
    return Chart(chart_id, title, desc, unit, marks, Markup("".join(out)), Markup("".join(links) if has_links else ""))


def bar_chart(
    items: Sequence[tuple[str, int]] | Sequence[Mark],
    *,
    chart_id: str,
    title: str,
    unit: str = "statement",
    width: int = 560,
    row: int = 22,
    label_w: int = 190,
) -> Chart:
    """Horizontal bars with their labels and values (labels cut to fit, in full in the text alternative)."""
    marks = [i if isinstance(i, Mark) else Mark(i[0], i[0], i[1]) for i in items]
    height = max(row, row * len(marks)) + 4
    peak = max((mk.value for mk in marks), default=0) or 1
    bar_w = width - label_w - 40
    desc = "; ".join(f"{mk.label}: {mk.value}" for mk in marks) + "."
    out = [_svg_open(chart_id, width, height, role_img=True, title=title, desc=desc, kind="bars")]
    for i, mk in enumerate(marks):
        y = 2 + i * row
        label = mk.label if len(mk.label) <= 26 else mk.label[:25] + "…"
        w = max(2.0, bar_w * mk.value / peak)
        out.append(f'<text class="label" x="{label_w - 6}" y="{y + row * 0.68:.1f}">{escape(label)}</text>')
        out.append(f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{_fmt(w)}" height="{row - 7}"/>')
        out.append(f'<text class="value" x="{_fmt(label_w + w + 5)}" y="{y + row * 0.68:.1f}">{mk.value}</text>')
    out.append("</svg>")
    return Chart(chart_id, title, desc, unit, marks, Markup("".join(out)), Markup(""))
