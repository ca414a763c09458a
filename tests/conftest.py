"""Shared fixtures: one small invented corpus per session, built through the real migrations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.dbutil import fresh_database_url
from tests.web_fixtures import Corpus, build_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    path: Path = tmp_path_factory.mktemp("web")
    return build_corpus(fresh_database_url(path, migrate=False))


@pytest.fixture(scope="session")
def web_app(corpus: Corpus) -> FastAPI:
    from app.web.main import create_app

    return create_app(corpus.url)


@pytest.fixture(scope="session")
def client(web_app: FastAPI) -> Iterator[TestClient]:
    # raise_server_exceptions=False: a 500 must show up as a 500 response the tests can assert on
    with TestClient(web_app, raise_server_exceptions=False) as c:
        yield c


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the fixture corpus touches the database: mark it ``db`` so that
    ``make test`` runs it again on PostgreSQL."""
    for item in items:
        if "corpus" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)
