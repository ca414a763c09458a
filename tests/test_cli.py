"""The ``summitry`` command as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dbutil import fresh_database_url

ARTICLE = (
    "Ministers meet in Vienna\n\n\n"
    "Foreign ministers of Austria and Italy met in Vienna on Wednesday.\n"
    '"We agreed to work together," the Austrian minister Karl Gruber said.\n'
)


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_extract_prints_one_json_object_per_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2024-03-14", "outlet": "Example"}))
    (tmp_path / "b.txt").write_text(ARTICLE.replace("Italy", "Spain"), encoding="utf-8")
    res = _run("extract", "--format", "jsonl", str(tmp_path))
    assert res.returncode == 0, res.stderr
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [Path(obj["document"]["path"]).name for obj in lines] == ["a.txt", "b.txt"]
    assert lines[0]["document"]["published"] == "2024-03-14"
    for obj in lines:
        assert set(obj) >= {"document", "events", "people", "statements", "agreements"}
        text = (tmp_path / Path(obj["document"]["path"]).name).read_text(encoding="utf-8")
        for st in obj["statements"]:
            assert text[st["start"] : st["end"]] == st["text"]


@pytest.mark.db
def test_ingest_exit_code_and_errors_name_the_file(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (docs / "empty.txt").write_text("")
    url = fresh_database_url(tmp_path)
    res = _run("ingest", "--quiet", str(docs), env={"SUMMITRY_DATABASE_URL": url})
    assert res.returncode == 1
    assert f"error: {docs / 'empty.txt'}: empty file" in res.stderr
    assert "1 added" in res.stderr and "1 failed" in res.stderr
    (docs / "empty.txt").unlink()
    res = _run("ingest", "--quiet", str(docs), env={"SUMMITRY_DATABASE_URL": url})
    assert res.returncode == 0, res.stderr
    assert "0 added" in res.stderr and "1 unchanged" in res.stderr


def test_unknown_command_is_a_usage_error() -> None:
    res = _run("frobnicate")
    assert res.returncode == 2 and "invalid choice" in res.stderr
