"""The data model: SQLAlchemy 2.0 typed models, one module.

Every extracted fact points back at the document and character span it came from. Actors
(people, countries, organisations and unnamed groups) share one table so that participants and
speakers can mix leaders, states and bodies such as NATO.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(String(1024), unique=True)  # where it was read from
    source_url: Mapped[str | None] = mapped_column(String(2048))
    outlet: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(500))
    subtitle: Mapped[str | None] = mapped_column(String(500))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text)
    body_start: Mapped[int] = mapped_column(Integer, default=0)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_utcnow)
    extractor_version: Mapped[str] = mapped_column(String(20))

    statements: Mapped[list[Statement]] = relationship(back_populates="document", passive_deletes=True)

    @property
    def body_text(self) -> str:
        return self.text[self.body_start :]


class Actor(Base):
    __tablename__ = "actors"
    __table_args__ = (
        Index("ix_actors_kind_name", "kind", "name"),
        Index("ix_actors_country_code", "country_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # person | country | organisation | group
    name: Mapped[str] = mapped_column(String(300))
    role: Mapped[str | None] = mapped_column(String(300))  # people: title as written
    country_code: Mapped[str | None] = mapped_column(String(20))  # ISO alpha-2 / org code
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_start_date_id", "start_date", "id"),
        Index("ix_events_kind_start_date", "kind", "start_date"),
        Index("ix_events_country_code", "country_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))  # summit | meeting | talks | call | visit | conference | other
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(10), default="unknown")  # day | week | month | year | unknown
    city: Mapped[str | None] = mapped_column(String(200))
    country_code: Mapped[str | None] = mapped_column(String(20))
    venue: Mapped[str | None] = mapped_column(String(300))
    summary: Mapped[str | None] = mapped_column(Text)

    sources: Mapped[list[EventSource]] = relationship(back_populates="event", passive_deletes=True)
    participations: Mapped[list[Participation]] = relationship(back_populates="event", passive_deletes=True)


class EventSource(Base):
    """A document that reports an event, with the span that names or describes it there."""

    __tablename__ = "event_sources"
    __table_args__ = (
        UniqueConstraint("event_id", "document_id", "start"),
        Index("ix_event_sources_document_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(500))  # the event's name as this document gives it
    date_text: Mapped[str | None] = mapped_column(String(200))

    event: Mapped[Event] = relationship(back_populates="sources")
    document: Mapped[Document] = relationship()


class Participation(Base):
    __tablename__ = "participations"
    __table_args__ = (
        Index("ix_participations_actor_id_event_id", "actor_id", "event_id"),
        Index("ix_participations_event_id", "event_id"),
        Index("ix_participations_document_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))  # convenor | participant | attendee
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    event: Mapped[Event] = relationship(back_populates="participations")
    actor: Mapped[Actor] = relationship()


class Statement(Base):
    __tablename__ = "statements"
    __table_args__ = (
        Index("ix_statements_speaker_id_said_on_id", "speaker_id", "said_on", "id"),
        Index("ix_statements_event_id", "event_id"),
        Index("ix_statements_document_id", "document_id"),
        Index("ix_statements_said_on_id", "said_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    direct: Mapped[bool] = mapped_column(Boolean)
    cue: Mapped[str | None] = mapped_column(String(200))
    said_on: Mapped[dt.date | None] = mapped_column(Date)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence_start: Mapped[int | None] = mapped_column(Integer)
    sentence_end: Mapped[int | None] = mapped_column(Integer)

    speaker: Mapped[Actor] = relationship()
    event: Mapped[Event | None] = relationship()
    document: Mapped[Document] = relationship(back_populates="statements")


class Agreement(Base):
    __tablename__ = "agreements"
    __table_args__ = (Index("ix_agreements_event_id", "event_id"), Index("ix_agreements_document_id", "document_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))  # agreed | proposed | announced | rejected | disputed
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    parties: Mapped[list[AgreementParty]] = relationship(back_populates="agreement", passive_deletes=True)
    event: Mapped[Event | None] = relationship()
    document: Mapped[Document] = relationship()


class AgreementParty(Base):
    __tablename__ = "agreement_parties"
    __table_args__ = (Index("ix_agreement_parties_actor_id", "actor_id"),)

    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)

    agreement: Mapped[Agreement] = relationship(back_populates="parties")
    actor: Mapped[Actor] = relationship()


class Mention(Base):
    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_document_id", "document_id"),
        Index("ix_mentions_actor_id_document_id", "actor_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class SearchEntry(Base):
    """What full-text search reads: one row per statement, event and document.

    The store keeps it in step. On SQLite an FTS5 index (``search_fts``, external content) and
    its triggers mirror it; on PostgreSQL a generated ``tsvector`` column with a GIN index does.
    Both are created by the migrations, outside these models.
    """

    __tablename__ = "search_entries"
    __table_args__ = (
        UniqueConstraint("kind", "ref_id"),
        Index("ix_search_entries_document_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # statement | event | document
    ref_id: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)


class DataState(Base):
    """One row: the data's generation, bumped by every transaction that changes what the site shows
    (``app.db.data_state.bump``). The web process's page cache keeps a rendered page only as long as
    the generation it was rendered under (``app.web.page_cache``)."""

    __tablename__ = "data_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    generation: Mapped[int] = mapped_column(BigInteger)
