"""Typed dependencies for the routes: the session, and each list's parsed filters."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Protocol, Self, TypeVar
from urllib.parse import parse_qsl

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.web import urls
from app.web.filters import EventFilters, SearchParams, StatementFilters


class NotFound(Exception):
    """The page names something that is not there (an unknown slug, id or code)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class Redirect(Exception):
    """Send the client to the canonical URL of the same state."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessionmaker() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


class _Parsable(Protocol):
    @classmethod
    def parse(cls, items: list[tuple[str, str]]) -> Self: ...
    def to_params(self) -> list[tuple[str, str]]: ...


F = TypeVar("F", bound=_Parsable)


def _filters(cls: type[F], *, canonical: bool) -> Callable[[Request], F]:
    def dep(request: Request) -> F:
        items = request.query_params.multi_items()
        filters = cls.parse(items)
        if canonical and parse_qsl(request.url.query, keep_blank_values=True) != filters.to_params():
            raise Redirect(urls.with_query(request.url.path, filters.to_params()))
        return filters

    return dep


StatementFiltersDep = Annotated[StatementFilters, Depends(_filters(StatementFilters, canonical=True))]
EventFiltersDep = Annotated[EventFilters, Depends(_filters(EventFilters, canonical=True))]
SearchParamsDep = Annotated[SearchParams, Depends(_filters(SearchParams, canonical=True))]
# The JSON API and the CSV export accept the same parameters without redirecting.
ApiStatementFiltersDep = Annotated[StatementFilters, Depends(_filters(StatementFilters, canonical=False))]
ApiEventFiltersDep = Annotated[EventFilters, Depends(_filters(EventFilters, canonical=False))]
ApiSearchParamsDep = Annotated[SearchParams, Depends(_filters(SearchParams, canonical=False))]
