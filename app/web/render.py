"""Templates, and the one function that decides between a whole page and its htmx fragment.

htmx 4 sends ``HX-Request: true`` with ``HX-Request-Type: partial`` when it will swap part of
the page, and ``full`` when it wants a whole document (history restore). A partial request gets
only the template's ``results`` block (jinja2-fragments); everything else gets the page. The
URL is the same either way, and the response says so with ``Vary``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2_fragments.fastapi import Jinja2Blocks
from starlette.requests import Request
from starlette.responses import Response

from app.config import TEMPLATES_DIR
from app.web import urls

VARY = "HX-Request, HX-Request-Type"
RESULTS_BLOCK = "results"


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


def make_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # everything is escaped; highlights are built in Python with markupsafe
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from app.web.queries import country_name

    env.globals.update(urls=urls, country_name=country_name)
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
