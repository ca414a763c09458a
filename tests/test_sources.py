"""Reading documents: layouts, sidecars, and every kind of bad input reported with a reason."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from app.ingest.sources import SourceDocument, SourceError, discover, read_documents


def _read(path: Path) -> list[SourceDocument | SourceError]:
    return list(read_documents(path))


def test_plain_text_layout_with_subtitle_and_sidecar(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Leaders meet in Oslo\nA subtitle line\n\n\nFirst paragraph.\nSecond paragraph.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(
        json.dumps({"published": "2024-05-02", "outlet": "Example Times", "source_url": "https://example.org/a"})
    )
    [doc] = _read(f)
    assert isinstance(doc, SourceDocument)
    assert doc.title == "Leaders meet in Oslo"
    assert doc.subtitle == "A subtitle line"
    assert doc.body == "First paragraph.\nSecond paragraph.\n"
    assert doc.text[doc.body_start :].startswith("First paragraph.")
    assert doc.published == dt.date(2024, 5, 2)
    assert doc.outlet == "Example Times"


def test_plain_text_without_subtitle(tmp_path: Path) -> None:
    f = tmp_path / "b.txt"
    f.write_text("Title only\n\n\nBody here.\n", encoding="utf-8")
    [doc] = _read(f)
    assert isinstance(doc, SourceDocument)
    assert doc.subtitle is None and doc.body == "Body here.\n"


def test_crlf_and_bom_are_normalised(tmp_path: Path) -> None:
    f = tmp_path / "c.txt"
    f.write_bytes(b"\xef\xbb\xbfTitle\r\n\r\nBody one.\r\n")
    [doc] = _read(f)
    assert isinstance(doc, SourceDocument)
    assert doc.text == "Title\n\nBody one.\n"


def test_bad_inputs_are_reported_with_path_and_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 summit\n\nLeaders met.\n".encode("latin-1"))
    (tmp_path / "meta.txt").write_text("Title\n\nBody.\n")
    (tmp_path / "meta.meta.json").write_text("{not json")
    (tmp_path / "baddate.txt").write_text("Title\n\nBody.\n")
    (tmp_path / "baddate.meta.json").write_text(json.dumps({"published": "last week"}))
    reasons = {}
    for path in discover([tmp_path]):
        for item in read_documents(path):
            assert isinstance(item, SourceError), path
            reasons[Path(item.path).name] = item.reason
    assert reasons["empty.txt"] == "empty file"
    assert "white space" in reasons["blank.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "malformed metadata sidecar meta.meta.json" in reasons["meta.txt"]
    assert "'published' is not a date" in reasons["baddate.txt"]


def test_missing_file_and_unsupported_type(tmp_path: Path) -> None:
    [err] = _read(tmp_path / "nope.txt")
    assert isinstance(err, SourceError) and err.reason == "no such file"
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    [err] = _read(tmp_path / "x.pdf")
    assert isinstance(err, SourceError) and "unsupported file type .pdf" in err.reason


def test_html_drops_scripts_and_furniture(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(
        "<html><head><title>Site | Talks</title><meta property='article:published_time' content='2023-01-05T10:00'>"
        "<script>alert(1)</script></head><body><nav>Home News</nav><article><h1>Talks in Rome</h1>"
        "<p>Ministers met in Rome on Monday.</p><p>They agreed to meet again.</p></article>"
        "<footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    [doc] = _read(f)
    assert isinstance(doc, SourceDocument)
    assert doc.title == "Talks in Rome"
    assert doc.body == "Ministers met in Rome on Monday.\nThey agreed to meet again.\n"
    assert "alert" not in doc.text and "Home News" not in doc.text and "Copyright" not in doc.text
    assert doc.published == dt.date(2023, 1, 5)


def test_jsonl_one_document_per_line_and_bad_lines_reported(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    f.write_text(
        json.dumps({"title": "One", "text": "First body.", "published": "2022-02-02"})
        + "\n{broken\n"
        + json.dumps({"title": "No text"})
        + "\n"
        + json.dumps({"title": "Two", "body": "Second body.\nMore."})
        + "\n",
        encoding="utf-8",
    )
    items = _read(f)
    docs = [i for i in items if isinstance(i, SourceDocument)]
    errors = [i for i in items if isinstance(i, SourceError)]
    assert [d.title for d in docs] == ["One", "Two"]
    assert docs[0].path.endswith("feed.jsonl#1") and docs[0].published == dt.date(2022, 2, 2)
    assert docs[1].body == "Second body.\nMore.\n"
    assert [e.path.rsplit("#", 1)[1] for e in errors] == ["2", "3"]
    assert "malformed JSON" in errors[0].reason and "no 'text'" in errors[1].reason


def test_discover_walks_folders_in_order_and_skips_sidecars(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.html", "sub/c.jsonl", "a.meta.json", "notes.md"):
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a.html", "b.txt", "sub/c.jsonl"]
