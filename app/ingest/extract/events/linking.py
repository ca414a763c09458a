"""Linking statements and agreements to the event they were made at or about."""

from __future__ import annotations

from app.ingest.extract.context import DocContext
from app.ingest.extract.records import AgreementRecord, EventRecord, StatementRecord


def link_to_events(
    ctx: DocContext,
    events: list[EventRecord],
    statements: list[StatementRecord],
    agreements: list[AgreementRecord],
) -> None:
    """Set ``.event`` (an index into ``events``) on the statements and agreements made at or about one."""
    if not events:
        return
    try:
        sents = [(s.start_char, s.end_char) for s in ctx.sents]

        def sent_of(pos: int) -> tuple[int, int]:
            for a, b in sents:
                if a <= pos < b:
                    return a, b
            return pos, pos + 1

        spans = [getattr(e, "_spans", [(e.start, e.end)]) for e in events]
        main = 0 if _has_main(ctx, events) else None

        def pick(start: int, end: int) -> int | None:
            a, b = sent_of(start)
            a2, b2 = sent_of(max(start, end - 1))
            for i, sp in enumerate(spans):
                if any(min(a, a2) <= x < max(b, b2) for x, _ in sp):
                    return i
            return main

        for st in statements:
            st.event = pick(st.sentence_start if st.sentence_start is not None else st.start, st.end)
        for ag in agreements:
            if ag.event is None:
                ag.event = pick(ag.start, ag.end)
    except Exception:
        return


def _has_main(ctx: DocContext, events: list[EventRecord]) -> bool:
    if len(events) == 1:
        return True
    first = getattr(events[0], "_spans", [(events[0].start, events[0].end)])
    return any(x < ctx.body_start + 400 for x, _ in first)
