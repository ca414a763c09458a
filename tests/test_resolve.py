"""Cross-document person resolution (``ActorResolver``): surnames, first-name variants, namesakes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import make_engine, session_factory
from app.db.models import Actor
from app.ingest.extract.names import first_names_compatible
from app.ingest.extract.records import ActorRef, PersonRecord
from app.ingest.resolve import ActorResolver, KnownActors
from tests.dbutil import fresh_database_url

pytestmark = pytest.mark.db


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    engine = make_engine(fresh_database_url(tmp_path))
    with session_factory(engine)() as s:
        yield s
    engine.dispose()


def _person(session: Session, name: str, country: str | None = "US") -> int:
    """Resolve one person as one document's transaction would, with a fresh cache each time."""
    session.commit()  # end the read transaction a query may have begun
    with session.begin():
        rec = PersonRecord(name=name, country_code=country, country="X" if country else None)
        return ActorResolver(session, KnownActors()).get(ActorRef("person", name), rec).id


def _names(session: Session) -> list[str]:
    return sorted(a.name for a in session.scalars(select(Actor).where(Actor.kind == "person")))


def test_surname_joins_the_only_full_name(session: Session) -> None:
    full = _person(session, "Jane Harrow")
    assert _person(session, "Harrow") == full
    assert _names(session) == ["Jane Harrow"]


def test_initial_and_middle_name_variants_are_one_person(session: Session) -> None:
    first = _person(session, "Thomas Kell")
    assert _person(session, "Thomas Q. Kell") == first
    assert _person(session, "Tom Kell") == first
    assert _person(session, "T. Kell") == first


def test_lone_surname_joins_a_family_of_variants(session: Session) -> None:
    # two rows that are variants of one person (written by older versions): a lone surname still joins
    with session.begin():
        session.add_all(
            [
                Actor(kind="person", name="Joseph Marsh", slug="joseph-marsh", country_code="US", aliases=[]),
                Actor(kind="person", name="Joe Marsh", slug="joe-marsh", country_code="US", aliases=[]),
            ]
        )
    oldest = session.scalar(select(Actor.id).where(Actor.name == "Joseph Marsh"))
    assert _person(session, "Marsh") == oldest


def test_namesakes_with_different_first_names_stay_apart(session: Session) -> None:
    joe = _person(session, "Joe Marsh")
    jill = _person(session, "Jill Marsh")
    assert jill != joe
    assert _names(session) == ["Jill Marsh", "Joe Marsh"]
    # a lone surname is ambiguous between them: a new actor, never one of the two
    lone = _person(session, "Marsh")
    assert lone not in {joe, jill}


def test_full_name_does_not_upgrade_an_ambiguous_surname(session: Session) -> None:
    bare = _person(session, "Marsh")
    joe = _person(session, "Joe Marsh")
    assert joe == bare  # "Joe Marsh" upgrades the actor known only as "Marsh"
    jill = _person(session, "Jill Marsh")
    assert jill != joe
    assert _names(session) == ["Jill Marsh", "Joe Marsh"]


def test_other_country_is_another_person(session: Session) -> None:
    us = _person(session, "Anna Lind", "US")
    se = _person(session, "Lind", "SE")
    assert se != us


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Joe", "Joseph", True),
        ("J.", "Joseph", True),
        ("Alex", "Alexander", True),
        ("Mohammed", "Mohamed", True),
        ("Jill", "Joe", False),
        ("Paul", "Paula", False),
        ("Joseph", "Josephine", False),
        ("Maria", "Matteo", False),
    ],
)
def test_first_names_compatible(a: str, b: str, same: bool) -> None:
    assert first_names_compatible(a, b) is same
    assert first_names_compatible(b, a) is same
