"""The hot read queries, compiled once per dialect and run straight on the DBAPI cursor.

SQLAlchemy Core spends ~50 µs on each execute of an already-cached statement (the compiled-cache
lookup, an execution context, result metadata) and a few µs on each row (``Row`` objects): on the
event page, seven small indexed queries, that is more than the SQL itself. A ``Prepared`` is an
ordinary Core ``select()`` (or ``text()``) with named ``bindparam``s, written once for SQLite and
PostgreSQL alike. The first time a dialect runs it, it is compiled (SQLAlchemy's own SQL, in the
dialect's paramstyle, with its casts); after that each call is one ``cursor.execute`` and
``fetchall`` on the session's connection, in the session's transaction, with

* the bind parameters' and the result columns' type processors applied, so values are what
  SQLAlchemy would give (SQLite's dates come back as ``date``, its booleans as ``bool``);
* ``expanding`` parameters (``IN :ids``) expanded as SQLAlchemy does (an empty list falls back to
  SQLAlchemy's own execution, which renders the empty set);
* the engine's ``before_cursor_execute`` and ``after_cursor_execute`` listeners called (the
  query-plan tests and ``bench.profile_pages`` read every statement from them; ``retval=True``
  listeners are not supported here);
* DBAPI errors raised as SQLAlchemy's ``DBAPIError`` (with the connection invalidated on a
  disconnect), as any execute would.

Rows are named tuples: ``row.slug`` and ``row[1]`` both work, like SQLAlchemy's ``Row``.
"""

from __future__ import annotations

import re
import threading
from collections import namedtuple
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import Connection, Dialect
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler

_POSTCOMPILE = re.compile(r"__\[POSTCOMPILE_(\w+)\]")
Processor = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    positional: bool
    order: tuple[str, ...]  # positional: the parameters' names in the order of the placeholders
    defaults: dict[str, Any]  # parameters with a value in the statement (LIMIT 50, a literal)
    required: frozenset[str]
    expanding: frozenset[str]
    bind_processors: dict[str, Processor]
    result_processors: tuple[tuple[int, Processor], ...] | None  # None: a text() statement, no types
    placeholder: str  # the dialect's placeholder for one value: ``?`` or ``%(name)s``


class Prepared:
    """A read-only statement compiled once per dialect; see the module's docstring."""

    __slots__ = ("_compiled", "_lock", "_row_types", "stmt")

    def __init__(self, stmt: Any) -> None:
        self.stmt = stmt
        self._compiled: dict[str, _Compiled] = {}
        self._row_types: dict[tuple[str, tuple[str, ...]], Callable[[Sequence[Any]], Any]] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Prepared({str(self.stmt)[:60]!r}…)"

    # ------------------------------------------------------------------------------ compile

    def _for(self, dialect: Dialect) -> _Compiled:
        found = self._compiled.get(dialect.name)
        if found is None:
            with self._lock:
                found = self._compiled.get(dialect.name) or self._compile(dialect)
                self._compiled[dialect.name] = found
        return found

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.stmt.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        sql = compiled.string
        if "~~" in sql:  # a bind expression around an expanding parameter: not handled here
            raise NotImplementedError(f"Prepared cannot expand this parameter: {sql}")
        defaults: dict[str, Any] = {}
        required: set[str] = set()
        expanding: set[str] = set()
        bind_processors: dict[str, Processor] = {}
        for bind, name in compiled.bind_names.items():
            if bind.required:
                required.add(name)
            else:
                defaults[name] = bind.effective_value
            if bind.expanding:
                expanding.add(name)
            proc = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if proc is not None:
                bind_processors[name] = proc
        columns = getattr(self.stmt, "selected_columns", None)
        result_processors = None
        if columns is not None:
            procs = [(i, c.type.dialect_impl(dialect).result_processor(dialect, None)) for i, c in enumerate(columns)]
            result_processors = tuple((i, p) for i, p in procs if p is not None)
        placeholder = "?" if compiled.positional else "%(NAME)s"
        if compiled.positional and dialect.paramstyle != "qmark":
            raise NotImplementedError(f"Prepared handles qmark and pyformat, not {dialect.paramstyle}")
        if not compiled.positional and dialect.paramstyle != "pyformat":
            raise NotImplementedError(f"Prepared handles qmark and pyformat, not {dialect.paramstyle}")
        return _Compiled(
            sql,
            compiled.positional,
            tuple(compiled.positiontup or ()),
            defaults,
            frozenset(required),
            frozenset(expanding),
            bind_processors,
            result_processors,
            placeholder,
        )

    # ------------------------------------------------------------------------------ bind

    @staticmethod
    def _bind(c: _Compiled, params: dict[str, Any] | None) -> tuple[str, Any]:
        values = {**c.defaults, **params} if params else dict(c.defaults)
        missing = c.required - values.keys()
        if missing:
            raise ArgumentError(f"A value is required for bind parameter(s) {', '.join(sorted(missing))}")
        procs = c.bind_processors
        if c.expanding:
            return Prepared._bind_expanding(c, values)
        if c.positional:
            if procs:
                return c.sql, [procs[n](values[n]) if n in procs else values[n] for n in c.order]
            return c.sql, [values[n] for n in c.order]
        for name, proc in procs.items():
            values[name] = proc(values[name])
        return c.sql, values

    @staticmethod
    def _bind_expanding(c: _Compiled, values: dict[str, Any]) -> tuple[str, Any]:
        procs = c.bind_processors
        named: dict[str, Any] = {}

        def expand(m: re.Match[str]) -> str:
            name = m.group(1)
            items = list(values[name])
            proc = procs.get(name)
            if proc is not None:
                items = [proc(v) for v in items]
            if c.positional:
                return ", ".join("?" * len(items))
            keys = [f"{name}_{i}" for i in range(1, len(items) + 1)]
            named.update(zip(keys, items, strict=True))
            return ", ".join(f"%({k})s" for k in keys)

        sql = _POSTCOMPILE.sub(expand, c.sql)
        if c.positional:
            args: list[Any] = []
            for n in c.order:
                proc = procs.get(n)
                if n in c.expanding:
                    args.extend([proc(v) for v in values[n]] if proc else values[n])
                else:
                    args.append(proc(values[n]) if proc else values[n])
            return sql, args
        out = {n: (procs[n](v) if n in procs else v) for n, v in values.items() if n not in c.expanding}
        out.update(named)
        return sql, out

    # ------------------------------------------------------------------------------ rows

    def _row_type(self, c: _Compiled, dialect: Dialect, description: Any) -> Callable[[Sequence[Any]], Any]:
        names = tuple(d[0] for d in description)
        key = (dialect.name, names)
        make = self._row_types.get(key)
        if make is None:
            row = namedtuple("Row", names, rename=True)  # type: ignore[misc]
            procs = c.result_processors or ()
            if c.result_processors is not None and len(self.stmt.selected_columns) != len(names):
                raise RuntimeError(f"{self!r}: {len(names)} columns came back, the statement selects otherwise")
            if not procs:
                make = row._make
            else:  # one tuple display per row, the processors inlined: a loop over a list costs twice as much
                by_index = dict(procs)
                cells = ", ".join(f"p{i}(r[{i}])" if i in by_index else f"r[{i}]" for i in range(len(names)))
                scope: dict[str, Any] = {f"p{i}": p for i, p in by_index.items()}
                scope.update(_new=tuple.__new__, _row=row)
                exec(f"def make(r):\n    return _new(_row, ({cells},))", scope)
                make = scope["make"]
            self._row_types[key] = make
        return make

    # ------------------------------------------------------------------------------ run

    def all(self, on: Session | Connection, params: dict[str, Any] | None = None) -> list[Any]:
        """Every row, as named tuples, run on the session's connection (or on ``on`` itself: a caller
        running several statements may take ``session.connection()`` once)."""
        conn = on if isinstance(on, Connection) else on.connection()
        dialect = conn.dialect
        c = self._for(dialect)
        if c.expanding and params and any(not params.get(n, ()) for n in c.expanding):
            return list(conn.execute(self.stmt, params).all())  # an empty IN list: SQLAlchemy's empty set
        sql, args = self._bind(c, params)
        fairy = conn.connection
        cursor = fairy.cursor()
        try:
            dispatch = conn.dispatch
            if dispatch.before_cursor_execute:
                dispatch.before_cursor_execute(conn, cursor, sql, args, None, False)
            try:
                cursor.execute(sql, args)
                rows = cursor.fetchall()
            except dialect.loaded_dbapi.Error as exc:
                _raise(conn, dialect, cursor, sql, args, exc)
            if dispatch.after_cursor_execute:
                dispatch.after_cursor_execute(conn, cursor, sql, args, None, False)
            make = self._row_type(c, dialect, cursor.description) if cursor.description else None
        finally:
            cursor.close()
        if make is None:
            return []
        return [make(r) for r in rows]

    def one_or_none(self, on: Session | Connection, params: dict[str, Any] | None = None) -> Any | None:
        rows = self.all(on, params)
        if len(rows) > 1:
            raise RuntimeError(f"{self!r} returned {len(rows)} rows where one or none was expected")
        return rows[0] if rows else None

    def scalar(self, on: Session | Connection, params: dict[str, Any] | None = None) -> Any:
        """The first column of the first row (None when there is no row)."""
        rows = self.all(on, params)
        return rows[0][0] if rows else None


def _raise(conn: Connection, dialect: Dialect, cursor: Any, sql: str, args: Any, exc: Exception) -> NoReturn:
    dbapi_conn = conn.connection.dbapi_connection
    disconnect = dialect.is_disconnect(exc, dbapi_conn, cursor)  # type: ignore[arg-type]
    if disconnect:
        conn.invalidate(exc)
    raise DBAPIError.instance(
        sql,
        args,
        exc,
        dialect.loaded_dbapi.Error,
        hide_parameters=conn.engine.hide_parameters,
        dialect=dialect,
        connection_invalidated=disconnect,
    ) from exc
