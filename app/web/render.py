"""Templates, and the one function that decides between a whole page and its htmx fragment.

htmx 4 sends ``HX-Request: true`` with ``HX-Request-Type: partial`` when it will swap part of
the page, and ``full`` when it wants a whole document (history restore). A partial request gets
only the template's ``results`` block (jinja2-fragments); everything else gets the page. The
URL is the same either way, and the response says so with ``Vary``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2_fragments import render_block
from jinja2_fragments.fastapi import Jinja2Blocks
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

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


# --------------------------------------------------------------------------- rows built in Python
# The hottest markup on the site is a list of rows: 50 statements a page on /statements, every
# participant, speaker and statement of an event on its page. Written as Jinja macros each row cost
# several macro calls and a dozen escapes through Jinja's runtime, several times what the string
# building below costs. Everything from the data is escaped, with ``esc`` (markupsafe's escaping);
# each public function returns ``Markup``, and the macros of the same name in ``_macros.html`` call
# these, so there is one definition of each piece of markup.

try:  # markupsafe's C escaper, without the Markup object escape() wraps around its result
    from markupsafe._speedups import _escape_inner as _escape_str
except ImportError:  # pragma: no cover - markupsafe without its speedups

    def _escape_str(s: str) -> str:
        return (
            s.replace("&", "&amp;")
            .replace(">", "&gt;")
            .replace("<", "&lt;")
            .replace("'", "&#39;")
            .replace('"', "&#34;")
        )


def esc(value: Any) -> str:
    """``str(markupsafe.escape(value))``: the same five entities (``& < > ' "``), Markup left as it
    is, ``None`` as ``"None"``; for plain strings (nearly every call) several times faster."""
    if type(value) is str:
        return _escape_str(value)  # type: ignore[no-any-return]
    return str(escape(value))


def _actor_link(a: Any) -> str:
    return f'<a class="actor actor-{esc(a.kind)}" href="{esc(a.url)}">{esc(a.name)}</a>'


def actor_link(a: Any) -> Markup:
    return Markup(_actor_link(a))


def _evidence_link(ev: Any, text: str) -> str:
    return f'<a class="evidence-link src" href="{esc(ev.url)}" title="{esc(ev.link_title)}">{text}</a>'


def _evidence_links(evs: Sequence[Any], noun: str = "source") -> str:
    if len(evs) == 1:
        return _evidence_link(evs[0], esc(noun))
    links = " ".join(_evidence_link(ev, str(i)) for i, ev in enumerate(evs, 1))
    return f'<span class="evidence-run">{len(evs)} {esc(noun)}s: {links}</span>'


def evidence_links(evs: Sequence[Any], noun: str = "source") -> Markup:
    """One "source" link, or "3 sources: 1 2 3" when a fact has several."""
    return Markup(_evidence_links(evs, noun))


def _evidence_quote(ev: Any, label: str | None = None) -> str:
    return (
        '<figure class="evidence">\n'
        f"  <blockquote><p>{esc(ev.before)}<mark>{esc(ev.marked)}</mark>{esc(ev.after)}</p></blockquote>\n"
        f'  <figcaption><a class="evidence-link" href="{esc(ev.url)}">{esc(label or ev.document.source_line)}</a>'
        "</figcaption>\n</figure>\n"
    )


def evidence_quote(ev: Any, label: str | None = None) -> Markup:
    """The sentence with the span marked, and a link to that span in its document."""
    return Markup(_evidence_quote(ev, label))


def support(fs: Any) -> Markup:
    """How many of an event's sources state a field (its date, its place), with a link to each."""
    if not fs:
        return Markup("")
    partial = " partial" if fs.n_documents < fs.of else ""
    links = "".join(f" {_evidence_link(ev, f'[{i}]')}" for i, ev in enumerate(fs.evidence, 1))
    return Markup(
        f'<span class="support{partial}">{esc(fs.field)}: {fs.n_documents} of {esc(plural(fs.of, "source"))}'
        f"{links}</span>"
    )


def agreement_item(a: Any, show_event: bool = False) -> Markup:
    """An agreement: its status and text, its parties, its event (``show_event``), its sentence."""
    out = [
        f'<li class="agreement" id="agreement-{a.id}">\n'
        f'  <p><span class="badge badge-status badge-{esc(a.status)}">{esc(a.status)}</span> {esc(a.text)}</p>\n'
    ]
    if a.parties:
        out.append(f'<p class="meta">Parties: {", ".join(_actor_link(p) for p in a.parties)}</p>\n')
    if show_event and a.event:
        out.append(f'<p class="meta">At <a href="{esc(a.event.url)}">{esc(a.event.name)}</a></p>\n')
    out.append(_evidence_quote(a.evidence))
    out.append("</li>\n")
    return Markup("".join(out))


def _role(a: Any) -> str:
    return f' <span class="role">{esc(a.role)}</span>' if a.role else ""


def participant_list(people: Sequence[Any], *, attended: bool = False) -> Markup:
    """The ``<li>`` of each participant: who, their title, ``attended`` for attendees, the sources."""
    out = []
    for p in people:
        badge = ' <span class="badge">attended</span>' if attended and p.role == "attendee" else ""
        out.append(f"<li>{_actor_link(p.actor)}{_role(p.actor)}{badge} {_evidence_links(p.evidence)}</li>\n")
    return Markup("".join(out))


def speaker_groups(groups: Sequence[Any]) -> Markup:
    """An event's statements, one section per speaker (the list without speaker or event)."""
    out = []
    for g in groups:
        a, sid = g.speaker, g.speaker.id
        out.append(
            f'<section class="speaker-group" aria-labelledby="speaker-{sid}">\n'
            f'  <h3 id="speaker-{sid}">{_actor_link(a)}{_role(a)} '
            f'<span class="n">{esc(plural(len(g.statements), "statement"))}</span></h3>\n'
        )
        _statement_items(out, g.statements, show_speaker=False, show_event=False)
        out.append("</section>\n")
    return Markup("".join(out))


def source_list(sources: Sequence[Any]) -> Markup:
    """An event's sources: each document, and the sentence that names the event in it."""
    out = []
    for s in sources:
        doc = s.document
        label = f"Named here as “{s.name}”" + (f", {s.date_text}" if s.date_text else "")
        out.append(
            f'<li>\n  <p><a href="{esc(doc.url)}">{esc(doc.title)}</a> '
            f'<span class="meta">— {esc(doc.source_line)}</span></p>\n'
            f"  {_evidence_quote(s.evidence, label)}</li>\n"
        )
    return Markup("".join(out))


def _statement_items(out: list[str], items: Sequence[Any], *, show_speaker: bool, show_event: bool) -> None:
    out.append('<ol class="statements">\n')
    # The speaker, the event and the source recur row after row (one speaker's statements, one
    # event's): their markup is built once per list.
    speakers: dict[Any, str] = {}
    events: dict[Any, str] = {}
    sources: dict[Any, str] = {}
    for s in items:
        ev, sid = s.evidence, s.id
        quote = f"{esc(ev.before)}<mark>{esc(ev.marked)}</mark>{esc(ev.after)}" if ev.marked else esc(s.text)
        meta = []
        if show_speaker:
            a = s.speaker
            html = speakers.get(a)
            if html is None:
                html = speakers[a] = (
                    f'<span class="speaker"><a class="actor actor-{esc(a.kind)}" href="{esc(a.url)}">'
                    f"{esc(a.name)}</a></span>{_role(a)} · "
                )
            meta.append(html)
        meta.append(
            '<span class="badge badge-direct">direct quote</span>'
            if s.direct
            else '<span class="badge badge-reported">reported</span>'
        )
        if s.date:
            meta.append(f' · <time datetime="{s.date.isoformat()}">{esc(fmt_date(s.date))}</time>')
        if show_event and s.event:
            html = events.get(s.event)
            if html is None:
                html = events[s.event] = f' · at <a href="{esc(s.event.url)}">{esc(s.event.name)}</a>'
            meta.append(html)
        doc = s.document
        line = sources.get(doc)
        if line is None:
            line = sources[doc] = esc(doc.source_line)
        meta.append(
            f" · {_evidence_link(ev, line)}"
            f' · <a class="permalink" href="{s.url}" aria-label="Permalink to statement {sid}">#{sid}</a>'
        )
        out.append(
            f'<li class="statement" id="statement-{sid}">\n'
            f'  <blockquote class="quote{" direct" if s.direct else ""}">\n    <p>{quote}</p>\n  </blockquote>\n'
            f'  <p class="meta">\n    {"".join(meta)}\n  </p>\n</li>\n'
        )
    out.append("</ol>\n")


def statement_list(items: Sequence[Any], show_speaker: bool = True, show_event: bool = True) -> Markup:
    """The ``<ol>`` of statements (the ``statement_list`` macro)."""
    out: list[str] = []
    _statement_items(out, items, show_speaker=show_speaker, show_event=show_event)
    return Markup("".join(out))


def speaker_checklist(facet: Any, chosen: Sequence[str]) -> Markup:
    """The speaker facet's checkboxes (the ``speaker_facet`` macro's list)."""
    out = []
    for o in facet.options:
        v = esc(o.value)
        checked = " checked" if o.value in chosen else ""
        n = f' <span class="n">({o.count})</span>' if facet.counted else ""
        out.append(
            f'<label for="sp-{v}"><input type="checkbox" id="sp-{v}" name="speaker" value="{v}"{checked}> '
            f"{esc(o.label)}{n}</label>\n"
        )
    return Markup("".join(out))


def chart_figure(c: Any) -> Markup:
    """A ``charts.Chart`` in its figure: the picture, its caption, and the figures as a list (the text
    alternative, with real links); nothing for no chart (the ``chart`` macro)."""
    if not c:
        return Markup("")
    items = []
    for mk in c.marks:
        if not mk.value:
            continue
        label = f'<a href="{esc(mk.href)}">{esc(mk.label)}</a>' if mk.href else esc(mk.label)
        shown = " (shown)" if mk.current else ""
        items.append(f"      <li>{label}: {esc(plural(mk.value, c.unit))}{shown}</li>\n")
    cid = esc(c.id)
    return Markup(
        f'<figure class="chart-figure" aria-labelledby="{cid}-caption">\n'
        f'  <div class="chart-box">{c.svg}{c.links}</div>\n'
        f'  <figcaption id="{cid}-caption">{esc(c.title)} <span class="meta">— {esc(c.desc)}</span></figcaption>\n'
        '  <details class="chart-data">\n'
        f"    <summary>The figures{', with links' if c.links else ''}</summary>\n"
        f"    <ul>\n{''.join(items)}    </ul>\n"
        "  </details>\n"
        "</figure>\n"
    )


def cite_box(c: Any) -> Markup:
    """The "cite this view" box of a ``pages.Cite`` (the ``cite_box`` macro)."""
    url = esc(c.url)
    return Markup(
        '<aside class="cite" aria-labelledby="cite-h">\n'
        '  <h2 id="cite-h">Cite this view</h2>\n'
        f'  <p class="cite-text">Summitry, “{esc(c.description)}”, <a href="{url}">{url}</a> '
        f'(accessed <time datetime="{c.accessed.isoformat()}">{esc(fmt_date(c.accessed))}</time>).</p>\n'
        "</aside>\n"
    )


def downloads(csv_url: str, json_url: str, what: str = "this list") -> Markup:
    """ "Download these statements: CSV · JSON" (the ``downloads`` macro)."""
    return Markup(
        f'<span class="downloads">Download {esc(what)}: <a href="{esc(csv_url)}" download>CSV</a> · '
        f'<a href="{esc(json_url)}">JSON</a></span>'
    )


def event_place(e: Any) -> Markup:
    """ "Venue, City, <a>Country</a>": whichever of the three an event has (the ``event_place`` macro)."""
    html = ", ".join(esc(b) for b in (e.venue, e.city) if b)
    if e.country_code:
        link = f'<a href="{esc(urls.country(e.country_code))}">{esc(e.country_name)}</a>'
        html = f"{html}, {link}" if html else link
    return Markup(html)


_OPTION_LISTS: OrderedDict[int, tuple[Sequence[Any], str]] = OrderedDict()
_OPTION_LISTS_LOCK = threading.Lock()


def option_list(options: Sequence[Any], current: str | None) -> Markup:
    """``<option value="fr">France (12)</option>``… for a ``<select>`` or ``<datalist>`` of up to a few
    hundred choices (the countries), built in Python: a Jinja loop costs several times more per option.

    The choices are the facet lists cached per database version (``queries._cached``), the same list
    object on every request: its markup is kept beside it (a few dozen lists at most) and the current
    choice marked ``selected`` in a copy. The entry holds the list itself, so its ``id`` stays its own.
    """
    key = id(options)
    with _OPTION_LISTS_LOCK:
        entry = _OPTION_LISTS.get(key)
        if entry is not None and entry[0] is options:
            _OPTION_LISTS.move_to_end(key)
            html = entry[1]
        else:
            entry = None
    if entry is None:
        html = "".join(f'<option value="{esc(o.value)}">{esc(o.label)} ({o.count})</option>\n' for o in options)
        with _OPTION_LISTS_LOCK:
            _OPTION_LISTS[key] = (options, html)
            while len(_OPTION_LISTS) > 64:
                _OPTION_LISTS.popitem(last=False)
    if current is not None and any(o.value == current for o in options):
        mark = f'<option value="{esc(current)}">'
        html = html.replace(mark, mark[:-1] + " selected>", 1)
    return Markup(html)


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
        urls=urls,
        country_name=country_name,
        statement_list_html=statement_list,
        option_list=option_list,
        actor_link_html=actor_link,
        evidence_links_html=evidence_links,
        evidence_quote_html=evidence_quote,
        participant_list=participant_list,
        speaker_groups=speaker_groups,
        source_list=source_list,
        speaker_checklist=speaker_checklist,
        support_html=support,
        agreement_item_html=agreement_item,
        chart_html=chart_figure,
        cite_box_html=cite_box,
        downloads_html=downloads,
        event_place_html=event_place,
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
    ctx = {"partial": partial, **context, "request": request}
    template = templates.get_template(name)
    # rendered here rather than through Jinja2Blocks.TemplateResponse: the same template and context,
    # without its argument parsing and the per-response debug hook (a tenth of a millisecond)
    if partial and RESULTS_BLOCK in template.blocks:
        content = render_block(templates.env, name, RESULTS_BLOCK, ctx)
    else:
        content = template.render(ctx)
    response = HTMLResponse(content, status_code=status_code, headers=headers)
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
