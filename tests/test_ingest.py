"""Ingest into the database: one transaction per document, idempotent, replaces changed documents,
merges the same person and event across documents, and reports bad input without losing the rest."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import make_engine, session_factory
from app.db.models import Actor, Agreement, Document, Event, EventSource, Mention, SearchEntry, Statement
from app.ingest import pipeline, store
from app.ingest.extract.records import (
    ActorRef,
    AgreementRecord,
    EventRecord,
    Extraction,
    PersonRecord,
)
from app.ingest.pipeline import ingest_paths
from app.ingest.sources import SourceDocument
from tests.dbutil import fresh_database_url
from tests.store_fixtures import DE, FR, source, summit_extraction

pytestmark = pytest.mark.db


def _source(path: str, body: str, published: dt.date = dt.date(2024, 6, 6)) -> SourceDocument:
    return source(path, body, published)


def _extraction(src: SourceDocument, person: str, event_name: str) -> Extraction:
    quote = "We will meet again."
    ex = summit_extraction(src, person, event_name, quote, [FR, DE])
    start = src.text.index(quote)
    ex.agreements = [AgreementRecord("to meet again", "agreed", start, start + 5, parties=[FR, DE], event=0)]
    return ex


@pytest.fixture
def session(tmp_path: Path) -> Session:
    engine = make_engine(fresh_database_url(tmp_path))
    with session_factory(engine)() as s:
        yield s
    engine.dispose()


def _count(s: Session, model: type) -> int:
    return s.scalar(select(func.count()).select_from(model)) or 0


def _store(s: Session, src: SourceDocument, ex: Extraction, version: str = "1") -> store.Plan:
    s.commit()  # end the read transaction a count may have begun
    with s.begin():
        p = store.plan(s, src, version)
        if p.outcome not in ("unchanged", "duplicate"):
            store.store(s, src, ex, version, p)
    return p


def test_store_writes_facts_with_spans_and_search_entries(session: Session) -> None:
    src = _source("a.txt", 'Alpha said: "We will meet again."')
    _store(session, src, _extraction(src, "Jean Alpha", "Lyon Summit"))
    doc = session.scalar(select(Document))
    st = session.scalar(select(Statement))
    assert doc is not None and st is not None
    assert doc.text[st.start : st.end] == "We will meet again."
    assert st.speaker.name == "Jean Alpha" and st.event is not None and st.event.name == "Lyon Summit"
    assert st.said_on == dt.date(2024, 6, 5)
    ev = session.scalar(select(Event))
    assert ev is not None and ev.slug == "2024-06-05-lyon-summit"
    assert {p.actor.name for p in ev.participations} == {"France", "Germany"}
    agr = session.scalar(select(Agreement))
    assert agr is not None and {p.actor.name for p in agr.parties} == {"France", "Germany"}
    kinds = sorted(session.scalars(select(SearchEntry.kind)))
    assert kinds == ["document", "event", "statement"]


def test_same_text_again_changes_nothing(session: Session) -> None:
    src = _source("a.txt", 'Alpha said: "We will meet again."')
    _store(session, src, _extraction(src, "Jean Alpha", "Lyon Summit"))
    before = [_count(session, m) for m in (Document, Actor, Event, Statement, Agreement, Mention, SearchEntry)]
    assert _store(session, src, _extraction(src, "Jean Alpha", "Lyon Summit")).outcome == "unchanged"
    after = [_count(session, m) for m in (Document, Actor, Event, Statement, Agreement, Mention, SearchEntry)]
    assert before == after


def test_changed_document_replaces_only_its_own_facts(session: Session) -> None:
    a = _source("a.txt", 'Alpha said: "We will meet again."')
    b = _source("b.txt", 'Beta said: "We will meet again." Later.')
    _store(session, a, _extraction(a, "Jean Alpha", "Lyon Summit"))
    _store(session, b, _extraction(b, "Karl Beta", "Lyon Summit"))
    ev = session.scalar(select(Event))
    assert ev is not None and _count(session, Event) == 1  # one event, two sources
    assert _count(session, EventSource) == 2
    a2 = _source("a.txt", 'Alpha said today: "We will meet again."')
    assert _store(session, a2, _extraction(a2, "Jean Alpha", "Lyon Summit")).outcome == "replaced"
    assert _count(session, Document) == 2
    speakers = sorted(s.speaker.name for s in session.scalars(select(Statement)))
    assert speakers == ["Jean Alpha", "Karl Beta"]
    doc_a = session.scalar(select(Document).where(Document.path == "a.txt"))
    assert doc_a is not None and "today" in doc_a.text


def test_new_extractor_version_reextracts(session: Session) -> None:
    src = _source("a.txt", 'Alpha said: "We will meet again."')
    _store(session, src, _extraction(src, "Jean Alpha", "Lyon Summit"), version="1")
    p = _store(session, src, _extraction(src, "Jean Alpha", "Lyon Summit"), version="2")
    assert p.outcome == "reextracted"
    assert _count(session, Statement) == 1 and _count(session, Document) == 1


def test_duplicate_text_at_another_path_is_skipped(session: Session) -> None:
    src = _source("a.txt", 'Alpha said: "We will meet again."')
    _store(session, src, _extraction(src, "Jean Alpha", "Lyon Summit"))
    copy = SourceDocument(**{**src.__dict__, "path": "copy.txt"})
    p = _store(session, copy, _extraction(copy, "Jean Alpha", "Lyon Summit"))
    assert p.outcome == "duplicate" and p.duplicate_of == "a.txt"
    assert _count(session, Document) == 1


def test_surname_joins_the_full_name_across_documents(session: Session) -> None:
    a = _source("a.txt", 'Alpha said: "We will meet again."')
    b = _source("b.txt", 'Beta said: "We will meet again." Again.')
    _store(session, a, _extraction(a, "Alpha", "Lyon Summit"))
    _store(session, b, _extraction(b, "Jean Alpha", "Lyon Summit"))
    people = list(session.scalars(select(Actor).where(Actor.kind == "person")))
    assert [p.name for p in people] == ["Jean Alpha"]
    assert "Alpha" in people[0].aliases and people[0].slug == "alpha"


def test_removing_the_last_source_removes_the_event(session: Session) -> None:
    a = _source("a.txt", 'Alpha said: "We will meet again."')
    _store(session, a, _extraction(a, "Jean Alpha", "Lyon Summit"))
    a2 = _source("a.txt", 'Alpha said: "We will meet again." Nothing else.')
    _store(session, a2, Extraction())
    assert _count(session, Event) == 0
    assert _count(session, Statement) == 0
    assert _count(session, Actor) == 0


# --- the whole pipeline, with the real spaCy model -------------------------------------------------


def _write(folder: Path, name: str, text: str, published: str | None = "2024-03-14") -> Path:
    p = folder / name
    p.write_text(text, encoding="utf-8")
    if published:
        (folder / (p.stem + ".meta.json")).write_text(json.dumps({"published": published}))
    return p


GOOD = "Ministers meet in Vienna\n\n\nForeign ministers of Austria and Italy met in Vienna on Wednesday.\n"


def test_pipeline_reports_bad_files_and_stores_the_good_ones(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, "good.txt", GOOD)
    _write(docs, "good2.txt", GOOD.replace("Italy", "Spain"))
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.html").write_bytes(bytes(range(256)) * 4)
    (docs / "latin1.txt").write_bytes("Caf\xe9\n\nText.\n".encode("latin-1"))
    _write(docs, "dup.txt", GOOD)
    url = fresh_database_url(tmp_path)
    report = ingest_paths([docs], database_url=url)
    assert not report.ok
    failed = {Path(p).name: r for p, r in report.failed}
    assert set(failed) == {"empty.txt", "binary.html", "latin1.txt"}
    assert sorted(Path(p).name for p in report.added) == ["dup.txt", "good2.txt"] or sorted(
        Path(p).name for p in report.added
    ) == ["good.txt", "good2.txt"]
    assert len(report.duplicates) == 1
    engine = make_engine(url)
    with session_factory(engine)() as s:
        assert _count(s, Document) == 2
    again = ingest_paths([docs], database_url=url)
    assert len(again.unchanged) == 2 and not again.added and len(again.failed) == 3
    engine.dispose()


def test_a_failure_while_storing_rolls_back_that_document_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, "a.txt", GOOD)
    _write(docs, "b.txt", GOOD.replace("Italy", "Spain"))
    real = store._write_facts

    def flaky(session: Session, doc: Document, ex: Extraction, known: object = None) -> None:
        real(session, doc, ex, known)  # type: ignore[arg-type]
        if doc.path.endswith("a.txt"):
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_write_facts", flaky)
    url = fresh_database_url(tmp_path)
    report = pipeline.ingest_paths([docs], database_url=url)
    assert [(Path(p).name, r) for p, r in report.failed] == [("a.txt", "could not store: RuntimeError: disk on fire")]
    engine = make_engine(url)
    with session_factory(engine)() as s:
        assert [d.path for d in s.scalars(select(Document))] == [str(docs / "b.txt")]
        doc_ids = set(s.scalars(select(SearchEntry.document_id).where(SearchEntry.document_id.is_not(None))))
        assert len(doc_ids) == 1
    engine.dispose()


def _call(src: SourceDocument, counterpart: ActorRef, name: str) -> Extraction:
    us = ActorRef("country", "United States", "US")
    ev = EventRecord(
        name=name,
        type="call",
        start=0,
        end=5,
        date=dt.date(2024, 6, 5),
        date_precision="day",
        convenors=[us],
        participants=[us, counterpart],
    )
    return Extraction(events=[ev])


def test_two_calls_on_one_day_with_different_counterparts_stay_two_events(session: Session) -> None:
    a = _source("a.txt", "The Vice President spoke with the Chancellor.")
    b = _source("b.txt", "The Vice President spoke with the President.")
    _store(session, a, _call(a, DE, "Lee-Weber phone call"))
    _store(session, b, _call(b, ActorRef("country", "Guatemala", "GT"), "Lee-Ortiz phone call"))
    assert sorted(session.scalars(select(Event.name))) == ["Lee-Ortiz phone call", "Lee-Weber phone call"]


def test_the_same_summit_from_two_outlets_is_one_event_with_two_sources(session: Session) -> None:
    a = _source("a.txt", 'Alpha said: "We will meet again."')
    b = _source("b.txt", 'Beta said: "We will meet again." Indeed.')
    ex_a, ex_b = _extraction(a, "Jean Alpha", "Lyon Summit"), _extraction(b, "Karl Beta", "summit in Lyon")
    ex_b.events[0].type = "meeting"  # another outlet calls it a meeting; one more participant
    ex_b.events[0].participants.append(ActorRef("country", "Italy", "IT"))
    _store(session, a, ex_a)
    _store(session, b, ex_b)
    [ev] = session.scalars(select(Event))
    assert ev.name == "Lyon Summit" and len(ev.sources) == 2


def _meeting(src: SourceDocument, counterpart: ActorRef, person: str) -> Extraction:
    us, ae = ActorRef("country", "United States", "US"), ActorRef("country", "United Arab Emirates", "AE")
    ev = EventRecord(
        name=f"Harris-{person.split()[-1]} meeting in Dubai",
        type="meeting",
        start=0,
        end=5,
        date=dt.date(2023, 12, 2),
        date_precision="day",
        city="Dubai",
        country_code="AE",
        country="United Arab Emirates",
        participants=[us, counterpart, ae],
        people=[ActorRef("person", "Kamala Harris"), ActorRef("person", person)],
    )
    return Extraction(events=[ev])


def test_two_bilateral_meetings_the_same_day_in_one_city_stay_two_events(session: Session) -> None:
    a = _source("a.txt", "The Vice President met the President of Egypt.")
    b = _source("b.txt", "The Vice President met the President of the UAE.")
    c = _source("c.txt", "The Vice President met the Egyptian leader in Dubai.")
    _store(session, a, _meeting(a, ActorRef("country", "Egypt", "EG"), "Abdel Fattah al-Sisi"))
    _store(session, b, _meeting(b, ActorRef("country", "United Arab Emirates", "AE"), "Mohamed bin Zayed"))
    _store(session, c, _meeting(c, ActorRef("country", "Egypt", "EG"), "Abdel Fattah al-Sisi"))
    names = sorted(session.scalars(select(Event.name)))
    assert names == ["Harris-Zayed meeting in Dubai", "Harris-al-Sisi meeting in Dubai"]
    sisi = session.scalars(select(Event).where(Event.name == "Harris-al-Sisi meeting in Dubai")).one()
    assert len(sisi.sources) == 2  # the same meeting from a second source still joins


def test_undated_events_with_a_generic_name_never_merge(session: Session) -> None:
    def undated(src: SourceDocument, name: str) -> Extraction:
        return Extraction(events=[EventRecord(name=name, type="visit", start=0, end=5, participants=[FR])])

    a, b = _source("a.txt", "He will visit soon."), _source("b.txt", "She will visit later.")
    c, d = _source("c.txt", "The Woodside Summit."), _source("d.txt", "The Woodside Summit again.")
    _store(session, a, undated(a, "visit"))
    _store(session, b, undated(b, "visit"))
    _store(session, c, undated(c, "Woodside Summit"))
    _store(session, d, undated(d, "Woodside Summit"))
    names = sorted(session.scalars(select(Event.name)))
    assert names == ["Woodside Summit", "visit", "visit"]


def test_a_persons_two_letter_organisation_is_no_country(session: Session) -> None:
    src = _source("un.txt", 'Alpha said: "We will meet again." Secretary-General Ana Lima agreed.')
    ex = _extraction(src, "Jean Alpha", "Lyon Summit")
    at = src.text.index("Ana Lima")
    lima = PersonRecord("Ana Lima", role="Secretary-General", country="United Nations", country_code="UN")
    lima.mentions = [(at, at + 8)]
    ex.people.append(lima)
    _store(session, src, ex)
    kinds = {a.kind for a in session.scalars(select(Actor).where(Actor.name == "United Nations"))}
    assert kinds == {"organisation"}
