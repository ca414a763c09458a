"""Whole-database counts for the home page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.db.models import (
    Actor,
    Agreement,
    Document,
    Event,
    Statement,
)
from app.web.queries.common import (
    Counts,
    _cached,
)


def counts(session: Session) -> Counts:
    """Whole-table counts (each a scan of an index): once per database version, not per request."""
    return _cached(session, "counts", _counts)  # type: ignore[no-any-return]


def _counts(session: Session) -> Counts:
    def n(model: Any, *where: ColumnElement[bool]) -> Any:
        return select(func.count()).select_from(model).where(*where).scalar_subquery()

    row = session.execute(
        select(
            n(Document),
            n(Event),
            n(Statement),
            n(Actor, Actor.kind == "person"),
            n(Actor, Actor.kind == "country"),
            n(Actor, Actor.kind == "organisation"),
            n(Agreement),
        )
    ).one()
    return Counts(*(int(v or 0) for v in row))


def is_empty(session: Session) -> bool:
    return session.scalar(select(Document.id).limit(1)) is None
