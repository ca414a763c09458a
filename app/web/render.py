"""Templates, and the one function that decides between a whole page and its htmx fragment.

htmx 4 sends ``HX-Request: true`` with ``HX-Request-Type: partial`` when it will swap part of
the page, and ``full`` when it wants a whole document (history restore). A partial request gets
only the template's ``results`` block (jinja2-fragments); everything else gets the page. The
URL is the same either way, and the response says so with ``Vary``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2_fragments.fastapi import Jinja2Blocks
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import Response

from app.config import TEMPLATES_DIR
from app.web import urls

VARY = "HX-Request, HX-Request-Type"
RESULTS_BLOCK = "results"


@lru_cache(maxsize=8192)  # strftime is slow and a page shows the same few dates many times
def fmt_date(value: dt.date | None, precision: str = "day") -> str:
    if value is None:
        return "date unknown"
    if precision == "year":
        return f"{value:%Y}"
    if precision == "month":
        return f"{value:%B %Y}"
    if precision == "week":
        return f"week of {value:%-d %B %Y}"
    return f"{value:%-d %B %Y}"


def fmt_event_date(start: dt.date | None, end: dt.date | None, precision: str = "day") -> str:
    """``27 March 2025``, ``27–28 March 2025``, ``March 2025``; ``date unknown`` when it is."""
    if start is None or precision == "unknown":
        return "date unknown" if start is None else fmt_date(start, "day")
    if end is None or end == start or precision != "day":
        return fmt_date(start, precision)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end:%-d %B %Y}"
    if start.year == end.year:
        return f"{start:%-d %B}–{end:%-d %B %Y}"
    return f"{start:%-d %B %Y}–{end:%-d %B %Y}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def statement_list(items: Sequence[Any], show_speaker: bool = True, show_event: bool = True) -> Markup:
    """The ``<ol>`` of statements (the ``statement_list`` macro's body), built in Python.

    The hottest markup on the site (50 a page on /statements, every statement of an event on its
    page): written as a template it cost a Jinja call and a dozen escapes per item, several times
    what the string building below costs. Everything from the data is escaped; the result is Markup.
    """
    out = ['<ol class="statements">\n']
    for s in items:
        ev, sid = s.evidence, s.id
        quote = (
            f"{escape(ev.before)}<mark>{escape(ev.marked)}</mark>{escape(ev.after)}" if ev.marked else escape(s.text)
        )
        meta = []
        if show_speaker:
            a = s.speaker
            role = f' <span class="role">{escape(a.role)}</span>' if a.role else ""
            meta.append(
                f'<span class="speaker"><a class="actor actor-{escape(a.kind)}" href="{escape(a.url)}">'
                f"{escape(a.name)}</a></span>{role} · "
            )
        meta.append(
            '<span class="badge badge-direct">direct quote</span>'
            if s.direct
            else '<span class="badge badge-reported">reported</span>'
        )
        if s.date:
            meta.append(f' · <time datetime="{s.date.isoformat()}">{escape(fmt_date(s.date))}</time>')
        if show_event and s.event:
            meta.append(f' · at <a href="{escape(s.event.url)}">{escape(s.event.name)}</a>')
        meta.append(
            f' · <a class="evidence-link src" href="{escape(ev.url)}" title="{escape(ev.link_title)}">'
            f"{escape(s.document.source_line)}</a>"
            f' · <a class="permalink" href="{s.url}" aria-label="Permalink to statement {sid}">#{sid}</a>'
        )
        out.append(
            f'<li class="statement" id="statement-{sid}">\n'
            f'  <blockquote class="quote{" direct" if s.direct else ""}">\n    <p>{quote}</p>\n  </blockquote>\n'
            f'  <p class="meta">\n    {"".join(meta)}\n  </p>\n</li>\n'
        )
    out.append("</ol>\n")
    return Markup("".join(out))


def option_list(options: Sequence[Any], current: str | None) -> Markup:
    """``<option value="fr">France (12)</option>``… for a ``<select>`` of a few hundred choices (the
    countries), built in Python: a Jinja loop costs several times more per option."""
    out = []
    for o in options:
        selected = " selected" if o.value == current else ""
        out.append(f'<option value="{escape(o.value)}"{selected}>{escape(o.label)} ({o.count})</option>\n')
    return Markup("".join(out))


def make_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # everything is escaped; highlights are built in Python with markupsafe
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the code: no os.stat of each template on every render
    )
    from app.web.queries import country_name

    env.globals.update(
        urls=urls, country_name=country_name, statement_list_html=statement_list, option_list=option_list
    )
    env.filters.update(date=fmt_date, event_date=fmt_event_date, plural=plural)
    return env


templates = Jinja2Blocks(env=make_env())


def is_partial(request: Request) -> bool:
    """An htmx request that will swap part of the page (not a history restore)."""
    if request.headers.get("HX-Request") != "true":
        return False
    return request.headers.get("HX-Request-Type", "partial").lower() != "full"


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    partial = is_partial(request)
    ctx = {"partial": partial, **context}
    template = templates.get_template(name)
    if partial and RESULTS_BLOCK in template.blocks:
        response = templates.TemplateResponse(
            request, name, ctx, status_code=status_code, headers=headers, block_name=RESULTS_BLOCK
        )
    else:
        response = templates.TemplateResponse(request, name, ctx, status_code=status_code, headers=headers)
    response.headers["Vary"] = VARY
    if partial and _same_url(request):
        # A second request for the URL already shown (a checkbox's change, then its submit)
        # must not push a duplicate history entry, or Back would seem to do nothing.
        response.headers["HX-Push-Url"] = "false"
    return response


def _same_url(request: Request) -> bool:
    current = request.headers.get("HX-Current-URL")
    if not current:
        return False
    here = urlsplit(current)
    return (here.path, here.query) == (request.url.path, request.url.query)
