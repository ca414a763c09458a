"""Ingest throughput on the readouts corpus, as a ratio to spaCy's parse alone.

    .venv/bin/python -m bench.ingest_throughput [--limit N] [--corpus DIR]

Measures, in one run and on the same texts: (1) ``nlp.pipe`` alone, (2) parse + extraction,
(3) the whole ``summitry ingest`` into a fresh SQLite file. Prints documents per second and the
ratios to (1). Timings are noisy on a shared 2-core machine: compare the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from app.ingest import nlp
from app.ingest.extract_only import extract_many
from app.ingest.pipeline import ingest_paths
from app.ingest.sources import SourceDocument, discover, read_documents

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "wh-readouts" / "docs"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=300, help="documents to use (0: all)")
    args = ap.parse_args()

    files = list(discover([args.corpus]))
    if args.limit:
        step = max(1, len(files) // args.limit)
        files = files[::step][: args.limit]
    docs = [d for f in files for d in read_documents(f) if isinstance(d, SourceDocument)]
    n = len(docs)
    nlp.load()  # load the model outside the timings
    list(nlp.parse_many([d.text for d in docs[:8]]))  # warm up

    t0 = time.perf_counter()
    for _ in nlp.parse_many([d.text for d in docs], batch_size=32):
        pass
    parse_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for _ in extract_many(docs, batch_size=32):
        pass
    extract_s = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for f in files:
            (folder / f.name).write_bytes(f.read_bytes())
            side = f.with_name(f.stem + ".meta.json")
            if side.exists():
                (folder / side.name).write_bytes(side.read_bytes())
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        t0 = time.perf_counter()
        report = ingest_paths([folder], database_url=url)
        ingest_s = time.perf_counter() - t0

    print(f"documents: {n} ({sum(len(d.text) for d in docs) / 1e6:.2f} M characters)")
    print(f"{'stage':28} {'seconds':>8} {'docs/s':>8} {'x parse':>8}")
    for name, secs in (
        ("spaCy nlp.pipe alone", parse_s),
        ("parse + extract", extract_s),
        ("whole ingest (SQLite)", ingest_s),
    ):
        print(f"{name:28} {secs:8.2f} {n / secs:8.1f} {secs / parse_s:8.2f}")
    print(f"ingest report: {len(report.added)} added, {len(report.failed)} failed")
    print(f"ratio ingest/parse: {ingest_s / parse_s:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
