"""What autogenerate compares: everything but the hand-made full-text objects."""

from __future__ import annotations

from typing import Any

# Full-text objects are created by hand in the migrations (FTS5 on SQLite, tsvector on
# PostgreSQL); autogenerate must not try to drop them.
_FTS_TABLE_PREFIX = "search_fts"
_FTS_COLUMNS = {("search_entries", "tsv")}


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    if type_ == "table" and name and name.startswith(_FTS_TABLE_PREFIX):
        return False
    if type_ == "column" and (getattr(obj, "table", None) is not None) and (obj.table.name, name) in _FTS_COLUMNS:
        return False
    return not (type_ == "index" and name and name.startswith("ix_search_entries_tsv"))
