"""The JSON form of an extraction: what ``summitry extract --format jsonl`` prints.

The shape follows ``shared/eval/README.md`` (names rather than ids), plus spans and cues.
"""

from __future__ import annotations

from typing import Any

from app.ingest.extract.records import ActorRef, Extraction
from app.ingest.sources import SourceDocument


def _names(refs: list[ActorRef]) -> list[str]:
    return [r.name for r in refs]


def to_json(source: SourceDocument, ex: Extraction) -> dict[str, Any]:
    def event_name(i: int | None) -> str | None:
        return ex.events[i].name if i is not None and 0 <= i < len(ex.events) else None

    return {
        "document": {
            "path": source.path,
            "title": source.title,
            "published": source.published.isoformat() if source.published else None,
            "sha256": source.sha256,
        },
        "events": [
            {
                "name": e.name,
                "type": e.type,
                "date": e.date.isoformat() if e.date else None,
                "end_date": e.end_date.isoformat() if e.end_date else None,
                "date_precision": e.date_precision,
                "date_text": e.date_text,
                "location": e.location,
                "venue": e.venue,
                "convenors": _names(e.convenors),
                "participants": _names(e.participants),
                "people": _names(e.people),
                "start": e.start,
                "end": e.end,
            }
            for e in ex.events
        ],
        "people": [{"name": p.name, "aliases": p.aliases, "role": p.role, "country": p.country} for p in ex.people],
        "statements": [
            {
                "speaker": s.speaker.name,
                "speaker_kind": s.speaker.kind,
                "text": s.text,
                "direct": s.direct,
                "cue": s.cue,
                "event": event_name(s.event),
                "start": s.start,
                "end": s.end,
            }
            for s in ex.statements
        ],
        "agreements": [
            {
                "text": a.text,
                "status": a.status,
                "parties": _names(a.parties),
                "event": event_name(a.event),
                "start": a.start,
                "end": a.end,
            }
            for a in ex.agreements
        ],
    }
