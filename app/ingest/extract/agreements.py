"""Agreements and outcomes: what was agreed, proposed, announced or rejected, and by whom."""

from __future__ import annotations

from app.ingest.extract.context import DocContext
from app.ingest.extract.records import AgreementRecord, EventRecord, PersonRecord


def find_agreements(
    ctx: DocContext, people: list[PersonRecord], events: list[EventRecord]
) -> list[AgreementRecord]:
    return []
