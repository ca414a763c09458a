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

from app.ingest.extract import agreements, events, people, statements
from app.ingest.extract.context import DocContext
from app.ingest.extract.records import Extraction

# Bump when the rules change: a re-ingest re-extracts documents extracted by an older version.
EXTRACTOR_VERSION = "1"


def extract(ctx: DocContext) -> Extraction:
    found_people, mentions = people.find_people(ctx)
    found_statements = statements.find_statements(ctx, found_people)
    found_events = events.find_events(ctx, found_people)
    found_agreements = agreements.find_agreements(ctx, found_people, found_events)
    events.link_to_events(ctx, found_events, found_statements, found_agreements)
    return Extraction(
        events=found_events,
        people=found_people,
        statements=found_statements,
        agreements=found_agreements,
        mentions=mentions,
    )
