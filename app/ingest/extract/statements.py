"""Statements: direct quotes and reported speech, attributed to the right speaker."""

from __future__ import annotations

from app.ingest.extract.context import DocContext
from app.ingest.extract.records import PersonRecord, StatementRecord


def find_statements(ctx: DocContext, people: list[PersonRecord]) -> list[StatementRecord]:
    return []
