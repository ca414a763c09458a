"""Build a large, realistic Summitry database, deterministically, for the load and scale benchmarks.

    .venv/bin/python -m bench.generate_db OUT.db [--events 10000] [--seed 1]
    .venv/bin/python -m bench.generate_db postgresql+psycopg://... --events 1000

``OUT`` is a SQLite file path or any SQLAlchemy URL. The real migrations create the schema
(with the FTS5 index and its triggers on SQLite), then SQLAlchemy Core ``executemany`` fills it
in large transactions. At ``--events N``: N events, 30·N statements, N/2 people, ~250 countries
and 60 organisations, one document per 1–3 events whose text really contains the statements (so
every span points at the quoted words), participations, event sources, agreements and their
parties, mentions, and search entries for statements, events and documents.

Speakers are drawn from a Zipf-like distribution (a few people speak thousands of times, most a
handful), as are the topic words, so the benchmark can pick popular and rare slugs and words.
The same seed and scale give the same database, byte for byte in content.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from sqlalchemy import Connection, Engine, Table, create_engine, event, func, select, text

from app.db.migrate import upgrade
from app.db.models import Base
from app.slugs import slugify

STATEMENTS_PER_EVENT = 30
PEOPLE_PER_EVENT = 0.5
BATCH_DOCS = 1500  # documents generated and written per transaction
EXTRACTOR_VERSION = "bench-1"


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words(
    """
Aiko Alejandro Amara Anders Ana Andrzej Anil Annalena Antonio Arif Astrid Ayodele Bao Beatriz Boris Carlos
Catherine Chen Chiara Claude Daniel Dmitri Elena Emmanuel Emre Erik Fatima Felipe Fumio Gabriel Giorgia Hakan
Hana Hassan Helga Ibrahim Ingrid Isabel Ivan Jacinda Jakob Jamal Javier Jin Joao Jonas Jorge Julia Justin
Kamala Karin Keir Kenji Khalid Kim Kwame Lars Leila Li Lorenzo Luis Magda Mahmoud Maria Mark Marta Mateus Mei
Mette Miguel Mikhail Min Mohammed Nadia Naledi Narendra Nguyen Nikos Nina Olaf Olena Omar Pablo Paolo Pedro
Petra Pierre Priya Rafael Ravi Recep Rishi Rosa Ruth Sanna Sara Sergei Shinzo Sofia Sven Tamar Tanaka Teresa
Thabo Tomas Ursula Valentina Viktor Vladimir Wang Xavier Yasmin Yoon Yusuf Zainab Zoran
"""
)
SURNAME_PARTS_A = _words(
    """
Al Ba Ber Bo Ca Cha Da De Di Do Fer Ga Gon Ha Her Hu I Ja Ka Ki Ko La Le Li Lo Ma Me Mo Na Ni No O Pa Pe Po Ra
Re Ro Sa Se Sho Ta Te To U Va Ve Vo Wa We Ya Yo Za Zo
"""
)
SURNAME_PARTS_B = _words(
    """
ba bert ch da dez din dov ga gan go ka kov lan ler li lo man mi mov na nen nez ni no ra ren ri ro sa sen shi
son ta ti to va vic wa yev zi
"""
)
SURNAME_PARTS_C = ["", "", "", "ez", "ova", "sson", "ski", "ato", "elli", "ou", "ani", "berg", "ović"]

ROLES = [
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Minister of Foreign Affairs",
    "Secretary of State",
    "Defence Minister",
    "Trade Minister",
    "National Security Adviser",
    "Chancellor",
    "Ambassador",
    "Secretary-General",
    "Spokesperson",
    "Finance Minister",
    "Deputy Prime Minister",
]

ORGANISATIONS = [
    ("NATO", "NATO"),
    ("European Union", "EU"),
    ("United Nations", "UN"),
    ("African Union", "AU"),
    ("ASEAN", "ASEAN"),
    ("G7", "G7"),
    ("G20", "G20"),
    ("World Trade Organization", "WTO"),
    ("International Monetary Fund", "IMF"),
    ("World Bank", "WB"),
    ("OPEC", "OPEC"),
    ("Organization of American States", "OAS"),
    ("Arab League", "AL"),
    ("Shanghai Cooperation Organisation", "SCO"),
    ("BRICS", "BRICS"),
    ("OSCE", "OSCE"),
    ("Council of Europe", "COE"),
    ("Commonwealth of Nations", "CW"),
    ("Gulf Cooperation Council", "GCC"),
    ("Pacific Islands Forum", "PIF"),
    ("Mercosur", "MERCOSUR"),
    ("ECOWAS", "ECOWAS"),
    ("IAEA", "IAEA"),
    ("World Health Organization", "WHO"),
    ("UNESCO", "UNESCO"),
    ("Quad", "QUAD"),
    ("AUKUS", "AUKUS"),
    ("Nordic Council", "NC"),
    ("Visegrad Group", "V4"),
    ("Caricom", "CARICOM"),
]

EVENT_KINDS = ["summit", "meeting", "talks", "call", "visit", "conference", "other"]
EVENT_KIND_WEIGHTS = [8, 30, 15, 20, 15, 8, 4]
EVENT_NAME_PATTERNS = {
    "summit": ["{org} Summit", "{country} Summit", "{city} Summit on {topic}"],
    "meeting": ["meeting of {org} foreign ministers", "bilateral meeting in {city}", "{org} ministerial meeting"],
    "talks": ["talks on {topic} in {city}", "{country} {topic} talks", "{topic} negotiations"],
    "call": ["call between leaders of {country} and {country2}", "phone call on {topic}"],
    "visit": ["state visit to {country}", "official visit to {city}", "working visit to {country}"],
    "conference": ["{city} Conference on {topic}", "international conference on {topic}"],
    "other": ["{topic} forum in {city}", "signing ceremony in {city}"],
}

# topic words in falling order of frequency: the benchmark's search picks from the whole range
TOPICS = _words(
    """
security trade climate energy sanctions ceasefire investment migration nuclear cooperation infrastructure
defence health semiconductors fisheries vaccines humanitarian reconstruction drought hydrogen cybersecurity
shipping refugees tariffs biodiversity pipelines desalination microfinance antimicrobial geothermal
"""
)
VERBS = _words(
    """
welcomed stressed reaffirmed underlined discussed condemned praised urged expressed announced highlighted
noted agreed emphasised called
"""
)
OBJECTS = [
    "the partnership",
    "the agreement",
    "the region",
    "our people",
    "the alliance",
    "the talks",
    "the framework",
    "the process",
    "the commitments",
    "the initiative",
    "the negotiations",
    "the dialogue",
    "the roadmap",
    "the support",
    "the relationship",
]
ADJECTIVES = _words(
    """
strong lasting durable constructive frank productive important historic shared mutual comprehensive practical
concrete regional global bilateral strategic
"""
)
FILLER = """The leaders met for several hours behind closed doors. Officials said the discussions covered a wide
range of issues. Delegations exchanged views on regional developments. The two sides agreed to stay in close
contact. A joint communique was expected later in the day. Protesters gathered outside the venue. Both governments
described the atmosphere as cordial. The meeting took place amid heightened tensions. Diplomats cautioned against
expecting a breakthrough. Further rounds of talks are planned for the coming months.""".replace("\n", " ").split(". ")
CUES = ["said", "told reporters", "said in a statement", "added", "stressed", "warned", "noted"]
AGREEMENT_STATUS = ["agreed", "agreed", "agreed", "proposed", "announced", "rejected", "disputed"]
OUTLETS = ["Reuters", "AP", "AFP", "BBC", "Al Jazeera", "DW", "Kyodo", "The Guardian", "Le Monde", "TASS"]


def zipf_weights(n: int, s: float = 1.0) -> list[float]:
    """Cumulative weights for ``random.choices``: item i has weight 1/(i+1)^s."""
    return list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))


@dataclass
class Actors:
    people: list[tuple[int, str, str, str | None]] = field(default_factory=list)  # id, name, role, country code
    countries: list[tuple[int, str, str]] = field(default_factory=list)  # id, name, code
    orgs: list[tuple[int, str, str]] = field(default_factory=list)
    cities: list[tuple[str, str]] = field(default_factory=list)  # city, country code


@dataclass
class Rows:
    documents: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    event_sources: list[dict[str, Any]] = field(default_factory=list)
    participations: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    agreements: list[dict[str, Any]] = field(default_factory=list)
    agreement_parties: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    search_entries: list[dict[str, Any]] = field(default_factory=list)

    def tables(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        # parents first, so the foreign keys hold even when enforced
        for name in (
            "documents",
            "events",
            "event_sources",
            "participations",
            "statements",
            "agreements",
            "agreement_parties",
            "mentions",
            "search_entries",
        ):
            yield name, getattr(self, name)


class Generator:
    def __init__(self, n_events: int, seed: int = 1, statements_per_event: int = STATEMENTS_PER_EVENT) -> None:
        self.n_events = n_events
        self.statements_per_event = statements_per_event
        self.rng = random.Random(seed)
        self.actors = Actors()
        self.ids: dict[str, itertools.count[int]] = {}
        self.event_slugs: set[str] = set()
        self.topic_cum = zipf_weights(len(TOPICS), 0.9)
        self.person_cum: list[float] = []

    def next_id(self, table: str) -> int:
        return next(self.ids.setdefault(table, itertools.count(1)))

    # -- actors ---------------------------------------------------------------------------------
    def actor_rows(self) -> list[dict[str, Any]]:
        rng = self.rng
        rows: list[dict[str, Any]] = []
        slugs: set[str] = set()
        for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
            name = getattr(c, "common_name", None) or c.name
            aid = self.next_id("actors")
            slug = c.alpha_2.lower()
            slugs.add(slug)
            rows.append(
                dict(id=aid, slug=slug, kind="country", name=name, role=None, country_code=c.alpha_2, aliases=[])
            )
            self.actors.countries.append((aid, name, c.alpha_2))
            for i in range(2):
                self.actors.cities.append((f"{name.split(',')[0].split()[0]}{['ville', 'burg'][i]}", c.alpha_2))
        for name, code in ORGANISATIONS:
            aid = self.next_id("actors")
            slug = slugify(name)
            slugs.add(slug)
            rows.append(
                dict(id=aid, slug=slug, kind="organisation", name=name, role=None, country_code=code, aliases=[])
            )
            self.actors.orgs.append((aid, name, code))
        n_people = max(50, int(self.n_events * PEOPLE_PER_EVENT))
        names: set[str] = set()
        while len(self.actors.people) < n_people:
            surname = rng.choice(SURNAME_PARTS_A) + rng.choice(SURNAME_PARTS_B) + rng.choice(SURNAME_PARTS_C)
            name = f"{rng.choice(FIRST_NAMES)} {surname}"
            if name in names:
                name = f"{name.split()[0]} {rng.choice('ABCDEFGHJKLMNPRSTVW')}. {surname}"
                if name in names:
                    continue
            names.add(name)
            slug = slugify(name)
            base, n = slug, 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            aid = self.next_id("actors")
            country = rng.choice(self.actors.countries)[2] if rng.random() < 0.9 else None
            role = rng.choice(ROLES)
            aliases = [surname] if rng.random() < 0.3 else []
            rows.append(
                dict(id=aid, slug=slug, kind="person", name=name, role=role, country_code=country, aliases=aliases)
            )
            self.actors.people.append((aid, name, role, country))
        self.person_cum = zipf_weights(len(self.actors.people), 0.8)
        return rows

    # -- documents and their facts ----------------------------------------------------------------
    def topic(self) -> str:
        return self.rng.choices(TOPICS, cum_weights=self.topic_cum)[0]

    def quote(self) -> str:
        rng = self.rng
        parts = [
            f"We {rng.choice(VERBS)} {rng.choice(OBJECTS)} on {self.topic()}",
            f"this is a {rng.choice(ADJECTIVES)} step for {self.topic()} and {self.topic()}",
        ]
        if rng.random() < 0.6:
            parts.append(f"and we will keep working on {rng.choice(OBJECTS)} with {rng.choice(ADJECTIVES)} resolve")
        return ", ".join(parts)

    def event_row(self, day: dt.date) -> tuple[dict[str, Any], list[tuple[int, str]]]:
        rng = self.rng
        kind = rng.choices(EVENT_KINDS, weights=EVENT_KIND_WEIGHTS)[0]
        city, cc = rng.choice(self.actors.cities)
        c1 = rng.choice(self.actors.countries)
        c2 = rng.choice(self.actors.countries)
        org = rng.choice(self.actors.orgs)
        name = rng.choice(EVENT_NAME_PATTERNS[kind]).format(
            org=org[1], country=c1[1], country2=c2[1], city=city, topic=self.topic()
        )
        name = name[0].upper() + name[1:]
        base = slugify(f"{day.isoformat()} {name}")
        slug, n = base, 2
        while slug in self.event_slugs:
            slug, n = f"{base}-{n}", n + 1
        self.event_slugs.add(slug)
        eid = self.next_id("events")
        multi_day = kind in ("summit", "conference") and rng.random() < 0.6
        row = dict(
            id=eid,
            slug=slug,
            name=name,
            kind=kind,
            start_date=day,
            end_date=day + dt.timedelta(days=rng.randint(1, 3)) if multi_day else None,
            date_precision=rng.choices(["day", "month", "week", "unknown"], weights=[85, 8, 4, 3])[0],
            city=city,
            country_code=cc,
            venue=f"{city} Palace of Nations" if rng.random() < 0.3 else None,
            summary=None,
        )
        # participants: a convenor, 1–5 states or bodies, 1–6 people
        parts: list[tuple[int, str]] = [(c1[0], "convenor")]
        for _ in range(rng.randint(1, 5)):
            a = rng.choice(self.actors.orgs) if rng.random() < 0.2 else rng.choice(self.actors.countries)
            parts.append((a[0], "participant"))
        return row, parts

    def document(self, rows: Rows) -> None:
        """One document reporting 1–3 events, with its statements, participations and the rest."""
        rng = self.rng
        doc_id = self.next_id("documents")
        published = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(365 * 25))
        outlet = rng.choice(OUTLETS)
        n_events = min(rng.choice((1, 2, 2, 3)), self.n_events - self.events_made)
        pieces: list[str] = []
        pos = 0

        def add(s: str) -> tuple[int, int]:
            nonlocal pos
            start = pos
            pieces.append(s)
            pos += len(s)
            return start, pos

        title_events: list[str] = []
        body_start = 0
        ev_info: list[tuple[dict[str, Any], list[tuple[int, str]]]] = []
        for i in range(n_events):
            day = published - dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 7)) + i)
            ev, parts = self.event_row(day)
            self.events_made += 1
            ev_info.append((ev, parts))
            title_events.append(ev["name"])
        title = f"{outlet}: {title_events[0]}" + (f" and {len(title_events) - 1} more" if n_events > 1 else "")
        add(title + "\n\n")
        body_start = pos
        mention_people: set[int] = set()
        doc_statements: list[dict[str, Any]] = []
        for ev, parts in ev_info:
            rows.events.append(ev)
            # the event's people: mostly the often-quoted, some anyone
            n_people = rng.randint(1, 6)
            people = rng.choices(self.actors.people, cum_weights=self.person_cum, k=n_people)
            people = list({p[0]: p for p in people}.values())
            date_text = ev["start_date"].strftime("%-d %B %Y")
            intro = f"{ev['name']} took place in {ev['city']} on {date_text}. "
            s, _ = add(intro)
            ev_start, ev_end = s, s + len(ev["name"])
            rows.event_sources.append(
                dict(
                    id=self.next_id("event_sources"),
                    event_id=ev["id"],
                    document_id=doc_id,
                    start=ev_start,
                    end=ev_end,
                    name=ev["name"],
                    date_text=date_text,
                )
            )
            seen: set[tuple[int, str]] = set()
            for aid, role in parts + [(p[0], "attendee") for p in people]:
                if (aid, role) in seen:
                    continue
                seen.add((aid, role))
                rows.participations.append(
                    dict(
                        id=self.next_id("participations"),
                        event_id=ev["id"],
                        actor_id=aid,
                        role=role,
                        document_id=doc_id,
                        start=ev_start,
                        end=ev_end,
                    )
                )
            n_statements = rng.randint(1, 2 * self.statements_per_event - 1)
            for _ in range(n_statements):
                if rng.random() < 0.3:
                    add(rng.choice(FILLER) + ". ")
                if rng.random() < 0.75:
                    speaker = rng.choice(people)
                else:
                    speaker = rng.choices(self.actors.people, cum_weights=self.person_cum)[0]
                words = self.quote()
                cue = rng.choice(CUES)
                direct = rng.random() < 0.7
                if direct:
                    sent_start = pos
                    add('"')
                    q_start, q_end = add(words[0].upper() + words[1:])
                    add(f'," {speaker[2]} {speaker[1]} {cue}. ')
                    n_start = q_end + len(f'," {speaker[2]} ')
                else:
                    sent_start = pos
                    lead = f"{speaker[2]} {speaker[1]} {cue} that "
                    add(lead)
                    n_start = sent_start + len(speaker[2]) + 1
                    q_start, q_end = add(words)
                    add(". ")
                sent_end = pos - 1
                mention_people.add(speaker[0])
                rows.mentions.append(
                    dict(
                        id=self.next_id("mentions"),
                        document_id=doc_id,
                        actor_id=speaker[0],
                        start=n_start,
                        end=n_start + len(speaker[1]),
                    )
                )
                sid = self.next_id("statements")
                doc_statements.append(
                    dict(
                        id=sid,
                        speaker_id=speaker[0],
                        event_id=ev["id"] if rng.random() < 0.92 else None,
                        document_id=doc_id,
                        text=words if not direct else words[0].upper() + words[1:],
                        direct=direct,
                        cue=cue,
                        said_on=ev["start_date"],
                        start=q_start,
                        end=q_end,
                        sentence_start=sent_start,
                        sentence_end=sent_end,
                    )
                )
            rows.search_entries.append(
                dict(
                    id=self.next_id("search_entries"),
                    kind="event",
                    ref_id=ev["id"],
                    document_id=None,
                    title=ev["name"],
                    body=" ".join([ev["name"], ev["kind"], ev["city"]] + [p[1] for p in people]),
                )
            )
            if rng.random() < 0.5:
                words = f"to cooperate on {self.topic()} and {self.topic()} over the next {rng.randint(2, 10)} years"
                add("The parties agreed ")
                a_start, a_end = add(words)
                add(". ")
                agr_id = self.next_id("agreements")
                rows.agreements.append(
                    dict(
                        id=agr_id,
                        event_id=ev["id"],
                        document_id=doc_id,
                        text=words,
                        status=rng.choice(AGREEMENT_STATUS),
                        start=a_start,
                        end=a_end,
                    )
                )
                party_ids = {a for a, role in parts if role != "attendee"}
                for aid in sorted(party_ids):
                    rows.agreement_parties.append(dict(agreement_id=agr_id, actor_id=aid))
            add("\n\n")
        text_ = "".join(pieces)
        for st in doc_statements:
            assert text_[st["start"] : st["end"]] == st["text"], (st, text_[st["start"] : st["end"]])
            rows.search_entries.append(
                dict(
                    id=self.next_id("search_entries"),
                    kind="statement",
                    ref_id=st["id"],
                    document_id=doc_id,
                    title=self.person_name(st["speaker_id"]),
                    body=st["text"],
                )
            )
        rows.statements.extend(doc_statements)
        rows.documents.append(
            dict(
                id=doc_id,
                sha256=f"{doc_id:064x}",
                path=f"bench/{doc_id:08d}.txt",
                source_url=f"https://example.org/{outlet.lower().replace(' ', '-')}/{doc_id}",
                outlet=outlet,
                title=title,
                subtitle=None,
                published=published,
                text=text_,
                body_start=body_start,
                ingested_at=dt.datetime(2025, 1, 1),
                extractor_version=EXTRACTOR_VERSION,
            )
        )
        rows.search_entries.append(
            dict(
                id=self.next_id("search_entries"),
                kind="document",
                ref_id=doc_id,
                document_id=doc_id,
                title=title,
                body=text_[body_start:],
            )
        )

    def person_name(self, actor_id: int) -> str:
        first = self.actors.people[0][0]
        return self.actors.people[actor_id - first][1]

    def batches(self) -> Iterator[Rows]:
        self.events_made = 0
        while self.events_made < self.n_events:
            rows = Rows()
            for _ in range(BATCH_DOCS):
                if self.events_made >= self.n_events:
                    break
                self.document(rows)
            yield rows


def sqlite_url(target: str) -> str:
    return target if "://" in target else f"sqlite:///{Path(target).resolve()}"


def _bulk_engine(url: str) -> Engine:
    engine = create_engine(url)
    if url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA foreign_keys=OFF")
            cur.execute("PRAGMA cache_size=-262144")  # 256 MiB
            cur.execute("PRAGMA temp_store=MEMORY")
            cur.close()

    return engine


def _insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]], chunk: int = 20000) -> None:
    for i in range(0, len(rows), chunk):
        conn.execute(table.insert(), list(rows[i : i + chunk]))


def generate(
    target: str, n_events: int = 10000, seed: int = 1, *, analyze: bool = False, quiet: bool = False
) -> dict[str, int]:
    """Create the schema at ``target`` (a path or URL; must be empty) and fill it. Returns row counts."""
    url = sqlite_url(target)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if path.exists():
            raise SystemExit(f"{path} exists; remove it first")
        path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    upgrade(url)
    engine = _bulk_engine(url)
    tables = Base.metadata.tables
    gen = Generator(n_events, seed)
    is_sqlite = url.startswith("sqlite")
    deferred: list[str] = []
    if is_sqlite:
        # bulk-load trick: drop the secondary indexes and the FTS triggers the migrations made,
        # load, then recreate them from their own saved SQL and rebuild the FTS index in one pass
        with engine.begin() as conn:
            found = conn.execute(
                text("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL")
            ).all()
            for kind, name, sql in found:
                deferred.append(sql)
                conn.execute(text(f'DROP {kind.upper()} "{name}"'))
    with engine.begin() as conn:
        _insert(conn, tables["actors"], gen.actor_rows())
    for batch in gen.batches():
        with engine.begin() as conn:
            for name, rows in batch.tables():
                _insert(conn, tables[name], rows)
        if not quiet:
            print(f"  {gen.events_made:>8} events  {time.perf_counter() - t0:7.1f} s", file=sys.stderr, flush=True)
    with engine.begin() as conn:
        if is_sqlite:
            for sql in deferred:
                conn.execute(text(sql))
            conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"))
            conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))
            if analyze:
                conn.execute(text("ANALYZE"))
        elif url.startswith("postgresql"):
            for name in tables:
                if "id" in tables[name].c and name != "agreement_parties":
                    conn.execute(
                        text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
                    )
            if analyze:
                conn.execute(text("ANALYZE"))
        counts = {name: conn.scalar(select(func.count()).select_from(tables[name])) or 0 for name in tables}
        for kind in ("person", "country", "organisation"):
            counts[f"actors.{kind}"] = (
                conn.scalar(select(func.count()).select_from(tables["actors"]).where(tables["actors"].c.kind == kind))
                or 0
            )
    if url.startswith("sqlite"):
        with engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
    counts["seconds"] = round(time.perf_counter() - t0)
    return counts


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Build a large deterministic Summitry database for benchmarks.")
    ap.add_argument("target", help="a SQLite file path (must not exist) or a SQLAlchemy URL of an empty database")
    ap.add_argument("--events", type=int, default=10000, help="events to generate (statements: 30 per event)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--analyze", action="store_true", help="run ANALYZE at the end (off: like a database `summitry ingest` made)"
    )
    args = ap.parse_args(argv)
    counts = generate(args.target, args.events, args.seed, analyze=args.analyze)
    print(json.dumps(counts, indent=1))


if __name__ == "__main__":
    main()
