"""The ``summitry`` command."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app import config


def _cmd_extract(args: argparse.Namespace) -> int:
    from app.ingest.extract.serialize import to_json
    from app.ingest.extract_only import extract_many
    from app.ingest.sources import SourceError, discover, read_documents

    docs = []
    failed = 0
    for path in discover(args.paths):
        for item in read_documents(path):
            if isinstance(item, SourceError):
                print(f"error: {item.path}: {item.reason}", file=sys.stderr)
                failed += 1
            else:
                docs.append(item)
    out = sys.stdout
    for source, ex in extract_many(docs):
        if args.format == "jsonl":
            out.write(json.dumps(to_json(source, ex), ensure_ascii=False) + "\n")
        else:
            out.write(json.dumps(to_json(source, ex), ensure_ascii=False, indent=2) + "\n")
    return 1 if failed else 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    from app.ingest.pipeline import ingest_paths

    report = ingest_paths(args.paths, database_url=config.database_url(), progress=not args.quiet, workers=args.workers)
    print(report.summary(), file=sys.stderr)
    return 0 if report.ok else 1


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    from app.db.migrate import upgrade

    upgrade(config.database_url())
    print(f"database at {config.redacted(config.database_url())} is up to date", file=sys.stderr)
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    uvicorn.run("app.web.main:create_app", factory=True, host=args.host, port=args.port, log_level="info")
    return 0


def _cmd_up(args: argparse.Namespace) -> int:
    from app.db.migrate import upgrade
    from app.ingest.pipeline import ingest_paths

    url = config.database_url()
    upgrade(url)
    report = ingest_paths([config.SEEDS_DIR], database_url=url, progress=not args.quiet)
    print(report.summary(), file=sys.stderr)
    return _cmd_serve(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="summitry", description="Diplomatic events extracted from news, to explore.")
    sub = p.add_subparsers(dest="command", required=True)

    ing = sub.add_parser("ingest", help="extract documents (files or folders) into the database")
    ing.add_argument("paths", nargs="+", type=Path)
    ing.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    ing.add_argument(
        "--workers", type=int, default=None, help="parse in N processes (default: up to 2, or SUMMITRY_INGEST_WORKERS)"
    )
    ing.set_defaults(func=_cmd_ingest)

    ext = sub.add_parser("extract", help="extract documents and print the records (no database)")
    ext.add_argument("paths", nargs="+", type=Path)
    ext.add_argument("--format", choices=["jsonl", "json"], default="jsonl")
    ext.set_defaults(func=_cmd_extract)

    srv = sub.add_parser("serve", help="serve the site")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=8000)
    srv.set_defaults(func=_cmd_serve)

    db = sub.add_parser("db", help="database maintenance")
    dbsub = db.add_subparsers(dest="db_command", required=True)
    upg = dbsub.add_parser("upgrade", help="apply migrations")
    upg.set_defaults(func=_cmd_db_upgrade)

    up = sub.add_parser("up", help="migrate, ingest seeds/ (idempotent) and serve")
    up.add_argument("--host", default="127.0.0.1")
    up.add_argument("--port", type=int, default=8000)
    up.add_argument("-q", "--quiet", action="store_true")
    up.set_defaults(func=_cmd_up)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
