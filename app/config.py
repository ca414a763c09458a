"""Settings, from the environment. One place, read when asked (tests may change the environment)."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the checkout: templates/, static/, seeds/, migrations/
TEMPLATES_DIR = ROOT / "templates"
STATIC_DIR = ROOT / "static"
MIGRATIONS_DIR = ROOT / "migrations"
SEEDS_DIR = ROOT / "seeds"
DEFAULT_DB = ROOT / "data" / "summitry.db"


def database_url() -> str:
    """``SUMMITRY_DATABASE_URL``, or a SQLite file under ``data/``."""
    url = os.environ.get("SUMMITRY_DATABASE_URL", "").strip()
    if url:
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", url)
        return url
    DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DB}"


def redacted(url: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


PAGE_CACHE_MB_DEFAULT = 64.0
PAGE_CACHE_RECHECK_DEFAULT = 1.0


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {raw!r}") from None
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be 0 or more, not {raw!r}")
    return value


def page_cache_bytes() -> int:
    """``SUMMITRY_PAGE_CACHE_MB`` (MiB, default 64) as bytes: the web process's rendered-page cache
    bound. 0 turns the cache off entirely (no generation reads, no ETags)."""
    return int(_number("SUMMITRY_PAGE_CACHE_MB", PAGE_CACHE_MB_DEFAULT) * 1024 * 1024)


def page_cache_recheck() -> float:
    """``SUMMITRY_PAGE_CACHE_RECHECK`` (seconds, default 1): how often the web process reads the data's
    generation, so how stale a cached page can be after an ingest. 0 reads it on every request."""
    return _number("SUMMITRY_PAGE_CACHE_RECHECK", PAGE_CACHE_RECHECK_DEFAULT)
