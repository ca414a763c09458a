"""Events: summits, meetings, talks, calls, visits, conferences."""

from __future__ import annotations

from app.ingest.extract.context import DocContext
from app.ingest.extract.records import AgreementRecord, EventRecord, PersonRecord, StatementRecord


def find_events(ctx: DocContext, people: list[PersonRecord]) -> list[EventRecord]:
    return []


def link_to_events(
    ctx: DocContext,
    events: list[EventRecord],
    statements: list[StatementRecord],
    agreements: list[AgreementRecord],
) -> None:
    """Set ``.event`` (an index into ``events``) on the statements and agreements made at or about one."""
