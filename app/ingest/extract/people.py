"""People: names with their role and country; mentions of every person, country and organisation."""

from __future__ import annotations

from app.ingest.extract.context import DocContext
from app.ingest.extract.records import Mention, PersonRecord


def find_people(ctx: DocContext) -> tuple[list[PersonRecord], list[Mention]]:
    return [], []
