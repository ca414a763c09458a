"""Extraction quality on held-out-style fixtures (tests/fixtures/quality), scored by the official scorer.

The fixtures are invented articles in the shapes the held-out set uses (wire news with many direct
quotes, a newspaper with honorifics, Wikinews, government statements and readouts), annotated by the
conventions of shared/eval/README.md. The thresholds sit a little below the scores reached when they
were set, so a rule change that loses statements, speakers or people fails here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import importlib.util
import io
import json
import time
from pathlib import Path
from types import ModuleType

import pytest

from app.ingest.extract.serialize import to_json
from app.ingest.extract_only import extract_many
from app.ingest.sources import SourceDocument, read_documents

FIXTURES = Path(__file__).parent / "fixtures" / "quality"
SCORER = Path(__file__).parents[2] / "shared" / "eval" / "score.py"

# measured when set, over the whole folder (180 documents; the hn_*, hw_*, h3_* ... h21_* news were
# written by annotators who never saw the rules and scored before tuning, see README):
# attribution 0.918, statements 0.938, people 0.961, events 0.693, agreements 0.705, overall 0.819
MIN_F1 = {"attribution": 0.90, "statements": 0.92, "people": 0.94, "events": 0.68, "agreements": 0.69}
MIN_OVERALL = 0.80
# real White House readouts from shared/corpora/wh-readouts, annotated without looking at the rules
# (gold only here; the text is read from the corpus), 90 documents: attribution 0.853, events 0.805,
# people 0.936, agreements 0.731, overall 0.831 when set
READOUTS_GOLD = Path(__file__).parent / "fixtures" / "readouts_gold"
CORPUS = Path(__file__).parents[2] / "shared" / "corpora" / "wh-readouts"
READOUTS_MIN_F1 = {"attribution": 0.84, "events": 0.78, "people": 0.92, "agreements": 0.72}
READOUTS_MIN_OVERALL = 0.82


def _scorer() -> ModuleType:
    if not SCORER.exists():
        pytest.skip(f"official scorer not found at {SCORER} (shared/eval is checked out beside the repo in CI)")
    spec = importlib.util.spec_from_file_location("summitry_eval_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sources() -> list[SourceDocument]:
    return [
        _source(txt, json.loads(txt.with_suffix(".json").read_text(encoding="utf-8")))
        for txt in sorted(FIXTURES.glob("*.txt"))
    ]


def _source(text_path: Path, meta: dict) -> SourceDocument:
    """The document as an ingest reads it, with only the metadata an ingest may read: never the gold."""
    doc = next(iter(read_documents(text_path)))
    assert isinstance(doc, SourceDocument), doc
    published = dt.date.fromisoformat(meta["published"]) if meta.get("published") else None
    return dataclasses.replace(doc, published=published, outlet=meta.get("outlet"))


def _gold_texts_are_substrings() -> None:
    for gold_file in FIXTURES.glob("*.json"):
        text = gold_file.with_suffix(".txt").read_text(encoding="utf-8")
        gold = json.loads(gold_file.read_text(encoding="utf-8"))["gold"]
        for item in gold["statements"] + gold["agreements"]:
            assert item["text"] in text, (gold_file.name, item["text"])
        for person in gold["people"]:
            for alias in person.get("aliases", []):
                assert alias in text, (gold_file.name, alias)


@pytest.mark.quality
def test_fixture_gold_is_consistent() -> None:
    assert len(list(FIXTURES.glob("*.json"))) >= 8
    _gold_texts_are_substrings()


def _score(gold_dir: Path, sources: list[SourceDocument], tmp_path: Path) -> dict:
    score = _scorer()
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for source, extraction in extract_many(sources):
            fh.write(json.dumps(to_json(source, extraction), ensure_ascii=False) + "\n")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert score.main([str(gold_dir), str(pred), "--json"]) == 0
    report = json.loads(buf.getvalue())
    assert report["documents"]["predicted"] == report["documents"]["gold"]
    return report


def _check(report: dict, floors: dict[str, float], overall: float) -> None:
    summary = {k: report[k]["f1"] for k in floors} | {"overall": report["overall_f1"]}
    for kind, floor in floors.items():
        assert report[kind]["f1"] >= floor, f"{kind} F1 {report[kind]['f1']} < {floor}: {summary}"
    assert report["overall_f1"] >= overall, summary


@pytest.mark.quality
def test_extraction_quality_on_fixtures(tmp_path: Path) -> None:
    started = time.perf_counter()
    report = _score(FIXTURES, _sources(), tmp_path)
    elapsed = time.perf_counter() - started
    _check(report, MIN_F1, MIN_OVERALL)
    assert elapsed < 60, f"extraction and scoring took {elapsed:.1f} s"


@pytest.mark.quality
def test_extraction_quality_on_real_readouts(tmp_path: Path) -> None:
    if not CORPUS.exists():
        pytest.skip(f"readouts corpus not found at {CORPUS} (shared/ is checked out beside the repo in CI)")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    sources = []
    for gold_file in sorted(READOUTS_GOLD.glob("*.json")):
        meta = json.loads(gold_file.read_text(encoding="utf-8"))
        text_path = gold_dir / f"{gold_file.stem}.txt"
        text_path.write_bytes((CORPUS / meta["corpus_path"]).read_bytes())
        (gold_dir / gold_file.name).write_text(gold_file.read_text(encoding="utf-8"), encoding="utf-8")
        sources.append(_source(text_path, meta))
    assert len(sources) >= 12
    _check(_score(gold_dir, sources, tmp_path), READOUTS_MIN_F1, READOUTS_MIN_OVERALL)
