"""Settings, from the environment. One place, read when asked (tests may change the environment)."""

from __future__ import annotations

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
