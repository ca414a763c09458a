"""One small, invented, deterministic corpus for the web tests (and for a demo database).

Built through the real migrations and plain ORM inserts, independent of the extractors: three
articles about two invented events, four invented people, their countries, one organisation,
statements (direct and reported), agreements, participations, mentions and search entries.
Document 3 carries hostile markup to prove the pages escape it.

    python -m tests.web_fixtures /tmp/demo.db   # writes a demo database
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.db.engine import make_engine, session_factory
from app.db.migrate import upgrade
from app.db.models import (
    Actor,
    Agreement,
    AgreementParty,
    Document,
    Event,
    EventSource,
    Mention,
    Participation,
    SearchEntry,
    Statement,
)

HOSTILE = '<script>alert("pwned")</script>'


@dataclass
class Corpus:
    """Ids and slugs the tests refer to."""

    url: str
    docs: dict[str, int] = field(default_factory=dict)
    statements: dict[str, int] = field(default_factory=dict)
    agreements: dict[str, int] = field(default_factory=dict)
    events: dict[str, str] = field(default_factory=dict)  # key -> slug
    # statement key -> (speaker slug, event key or None, direct)
    statement_meta: dict[str, tuple[str, str | None, bool]] = field(default_factory=dict)


class _Doc:
    """A document's text laid out as the ingest lays it out, with span lookup by substring."""

    def __init__(self, title: str, subtitle: str | None, paragraphs: list[str]) -> None:
        head = title + "\n" + (subtitle + "\n" if subtitle else "") + "\n"
        self.body_start = len(head)
        self.text = head + "\n".join(paragraphs)

    def span(self, needle: str, occurrence: int = 1, after: int = 0) -> tuple[int, int]:
        pos = after - 1
        for _ in range(occurrence):
            pos = self.text.index(needle, pos + 1)
        return pos, pos + len(needle)

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        s = self.text.rfind("\n", 0, start) + 1
        e = self.text.find("\n", end)
        return s, (len(self.text) if e < 0 else e)


DOC1 = _Doc(
    "Leaders meet in Lisbon for Atlantic summit",
    "Talks focus on fisheries and shipping",
    [
        "Portuguese Prime Minister Ana Ferreira hosted the Atlantic Partnership Summit in Lisbon on Thursday.",
        "Canadian Prime Minister Tom Baker and Irish Taoiseach Niamh Walsh attended the meeting at Belém Palace.",
        '"We are building a bridge across the ocean," Ferreira told reporters.',
        "Baker said the two countries would double research funding for coastal towns.",
        "The leaders agreed to launch a joint fisheries monitoring programme, according to a statement.",
    ],
)

DOC2 = _Doc(
    "Ireland pledges support at Atlantic Partnership Summit",
    None,
    [
        "Irish Taoiseach Niamh Walsh told the Atlantic Partnership Summit in Lisbon that her country would help.",
        '"Ireland stands ready to help our Atlantic neighbours," Walsh said.',
        "Ana Ferreira said the summit had exceeded expectations.",
    ],
)

DOC3 = _Doc(
    f"{HOSTILE} Rome talks end without a deal",
    None,
    [
        "Italian Foreign Minister Giulia Rossi convened talks in Rome on Monday on the fisheries dispute.",
        '"Peace is not <b>negotiable</b> & never will be," Rossi said.',
        "Tom Baker said Canada would not bow to pressure over quotas.",
        "The sides proposed a ceasefire on the contested fishing grounds.",
        '"We will keep talking," Baker told reporters after the meeting.',
    ],
)


def build_corpus(url: str) -> Corpus:
    """Migrate ``url`` to head and fill it with the corpus; returns the ids the tests need."""
    upgrade(url)
    engine = make_engine(url)
    corpus = Corpus(url)
    try:
        with session_factory(engine)() as session, session.begin():
            _fill(session, corpus)
    finally:
        engine.dispose()
    return corpus


def _doc(session: Session, key: str, d: _Doc, *, outlet: str, published: dt.date, corpus: Corpus) -> Document:
    title, _, rest = d.text.partition("\n")
    subtitle = rest.split("\n")[0] or None
    doc = Document(
        sha256=hashlib.sha256(d.text.encode()).hexdigest(),
        path=f"fixtures/{key}.txt",
        source_url=f"https://news.example.org/{key}",
        outlet=outlet,
        title=title,
        subtitle=subtitle,
        published=published,
        text=d.text,
        body_start=d.body_start,
        ingested_at=dt.datetime(2025, 5, 1, 12, 0),
        extractor_version="test-1",
    )
    session.add(doc)
    session.flush()
    corpus.docs[key] = doc.id
    return doc


def _fill(session: Session, corpus: Corpus) -> None:
    def actor(slug: str, kind: str, name: str, role: str | None = None, cc: str | None = None) -> Actor:
        a = Actor(slug=slug, kind=kind, name=name, role=role, country_code=cc, aliases=[])
        session.add(a)
        return a

    ferreira = actor("ana-ferreira", "person", "Ana Ferreira", "Prime Minister of Portugal", "PT")
    baker = actor("tom-baker", "person", "Tom Baker", "Prime Minister of Canada", "CA")
    walsh = actor("niamh-walsh", "person", "Niamh Walsh", "Taoiseach", "IE")
    rossi = actor("giulia-rossi", "person", "Giulia Rossi", "Foreign Minister of Italy", "IT")
    portugal = actor("portugal", "country", "Portugal", cc="PT")
    canada = actor("canada", "country", "Canada", cc="CA")
    ireland = actor("ireland", "country", "Ireland", cc="IE")
    italy = actor("italy", "country", "Italy", cc="IT")
    eu = actor("european-union", "organisation", "European Union", cc="EU")
    baker.aliases = ["Baker"]
    session.flush()

    summit = Event(
        slug="2025-04-10-atlantic-partnership-summit",
        name="Atlantic Partnership Summit",
        kind="summit",
        start_date=dt.date(2025, 4, 10),
        end_date=dt.date(2025, 4, 11),
        date_precision="day",
        city="Lisbon",
        country_code="PT",
        venue="Belém Palace",
    )
    talks = Event(
        slug="2025-02-03-rome-talks",
        name="Rome talks on fisheries",
        kind="talks",
        start_date=dt.date(2025, 2, 3),
        end_date=None,
        date_precision="day",
        city="Rome",
        country_code="IT",
    )
    call = Event(slug="undated-fisheries-call", name="Fisheries call", kind="call", date_precision="unknown")
    session.add_all([summit, talks, call])
    session.flush()
    corpus.events = {"summit": summit.slug, "talks": talks.slug, "call": call.slug}

    d1 = _doc(session, "doc1", DOC1, outlet="The Example Times", published=dt.date(2025, 4, 11), corpus=corpus)
    d2 = _doc(session, "doc2", DOC2, outlet="Harbour Herald", published=dt.date(2025, 4, 12), corpus=corpus)
    d3 = _doc(session, "doc3", DOC3, outlet="Daily <Sample>", published=dt.date(2025, 2, 4), corpus=corpus)
    texts = {d1.id: DOC1, d2.id: DOC2, d3.id: DOC3}

    def source(ev: Event, doc: Document, needle: str, date_text: str | None = None) -> None:
        s, e = texts[doc.id].span(needle)
        session.add(EventSource(event_id=ev.id, document_id=doc.id, start=s, end=e, name=needle, date_text=date_text))

    source(summit, d1, "Atlantic Partnership Summit", "on Thursday")
    source(summit, d2, "Atlantic Partnership Summit")
    source(talks, d3, "talks in Rome", "on Monday")

    def part(ev: Event, a: Actor, role: str, doc: Document, needle: str) -> None:
        s, e = texts[doc.id].span(needle)
        session.add(Participation(event_id=ev.id, actor_id=a.id, role=role, document_id=doc.id, start=s, end=e))

    part(summit, ferreira, "convenor", d1, "Ana Ferreira")
    part(summit, baker, "participant", d1, "Tom Baker")
    part(summit, walsh, "attendee", d1, "Niamh Walsh")
    part(summit, walsh, "participant", d2, "Niamh Walsh")
    part(summit, portugal, "participant", d1, "Portuguese")
    part(talks, rossi, "convenor", d3, "Giulia Rossi")
    part(talks, baker, "participant", d3, "Tom Baker")

    def mention(a: Actor, doc: Document, needle: str, occurrence: int = 1) -> None:
        s, e = texts[doc.id].span(needle, occurrence)
        session.add(Mention(document_id=doc.id, actor_id=a.id, start=s, end=e))

    mention(ferreira, d1, "Ana Ferreira")
    mention(ferreira, d1, "Ferreira", 2)
    mention(baker, d1, "Tom Baker")
    mention(baker, d1, "Baker", 2)
    mention(walsh, d1, "Niamh Walsh")
    mention(portugal, d1, "Portuguese")
    mention(canada, d1, "Canadian")
    mention(ireland, d1, "Irish")
    mention(walsh, d2, "Niamh Walsh")
    mention(walsh, d2, "Walsh", 2)
    mention(ireland, d2, "Ireland", 2)
    mention(ferreira, d2, "Ana Ferreira")
    mention(rossi, d3, "Giulia Rossi")
    mention(rossi, d3, "Rossi", 2)
    mention(italy, d3, "Italian")
    mention(baker, d3, "Tom Baker")
    mention(canada, d3, "Canada")
    mention(baker, d3, "Baker", 2)

    def statement(
        key: str,
        speaker: Actor,
        doc: Document,
        quote: str,
        *,
        direct: bool,
        cue: str,
        ev: Event | None,
        said_on: dt.date | None,
    ) -> None:
        d = texts[doc.id]
        s, e = d.span(quote)
        ss, se = d.sentence(s, e)
        st = Statement(
            speaker_id=speaker.id,
            event_id=ev.id if ev else None,
            document_id=doc.id,
            text=quote,
            direct=direct,
            cue=cue,
            said_on=said_on,
            start=s,
            end=e,
            sentence_start=ss,
            sentence_end=se,
        )
        session.add(st)
        session.flush()
        corpus.statements[key] = st.id
        corpus.statement_meta[key] = (
            speaker.slug,
            next((k for k, v in corpus.events.items() if ev and v == ev.slug), None),
            direct,
        )

    statement(
        "ferreira_bridge",
        ferreira,
        d1,
        "We are building a bridge across the ocean,",
        direct=True,
        cue="told reporters",
        ev=summit,
        said_on=dt.date(2025, 4, 10),
    )
    statement(
        "baker_funding",
        baker,
        d1,
        "the two countries would double research funding for coastal towns",
        direct=False,
        cue="said",
        ev=summit,
        said_on=dt.date(2025, 4, 10),
    )
    statement(
        "walsh_ready",
        walsh,
        d2,
        "Ireland stands ready to help our Atlantic neighbours,",
        direct=True,
        cue="said",
        ev=summit,
        said_on=None,
    )
    statement(
        "ferreira_expectations",
        ferreira,
        d2,
        "the summit had exceeded expectations",
        direct=False,
        cue="said",
        ev=summit,
        said_on=dt.date(2025, 4, 11),
    )
    statement(
        "rossi_peace",
        rossi,
        d3,
        "Peace is not <b>negotiable</b> & never will be,",
        direct=True,
        cue="said",
        ev=talks,
        said_on=dt.date(2025, 2, 3),
    )
    statement(
        "baker_pressure",
        baker,
        d3,
        "Canada would not bow to pressure over quotas",
        direct=False,
        cue="said",
        ev=talks,
        said_on=dt.date(2025, 2, 3),
    )
    statement(
        "baker_talking", baker, d3, "We will keep talking,", direct=True, cue="told reporters", ev=None, said_on=None
    )

    def agreement(key: str, ev: Event, doc: Document, needle: str, status: str, parties: list[Actor]) -> None:
        s, e = texts[doc.id].span(needle)
        ag = Agreement(event_id=ev.id, document_id=doc.id, text=needle, status=status, start=s, end=e)
        session.add(ag)
        session.flush()
        for p in parties:
            session.add(AgreementParty(agreement_id=ag.id, actor_id=p.id))
        corpus.agreements[key] = ag.id

    agreement(
        "fisheries",
        summit,
        d1,
        "agreed to launch a joint fisheries monitoring programme",
        "agreed",
        [portugal, canada, ireland],
    )
    agreement("ceasefire", talks, d3, "proposed a ceasefire on the contested fishing grounds", "proposed", [italy, eu])
    session.flush()

    # Search entries (the store keeps these in step in the real pipeline).
    speakers = {a.id: a.name for a in (ferreira, baker, walsh, rossi)}
    for st in session.query(Statement).order_by(Statement.id):
        session.add(
            SearchEntry(
                kind="statement",
                ref_id=st.id,
                document_id=st.document_id,
                title=f"{speakers[st.speaker_id]}: {st.text[:60]}",
                body=st.text,
            )
        )
    for ev, doc_id in ((summit, d1.id), (talks, d3.id), (call, None)):
        body = " ".join(x for x in (ev.name, ev.kind, ev.city, ev.venue) if x)
        session.add(SearchEntry(kind="event", ref_id=ev.id, document_id=doc_id, title=ev.name, body=body))
    for doc in (d1, d2, d3):
        session.add(
            SearchEntry(
                kind="document", ref_id=doc.id, document_id=doc.id, title=doc.title, body=doc.text[doc.body_start :]
            )
        )


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "/tmp/summitry-demo.db"
    c = build_corpus(f"sqlite:///{target}")
    print(f"wrote {target}: {len(c.docs)} documents, {len(c.statements)} statements")
