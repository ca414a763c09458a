import datetime as dt

from app.ingest.extract import events
from tests.extract_helpers import make_ctx


def run(text: str, published: dt.date):
    # a text with a blank line after its first line brings its own title line
    if "\n\n" in text:
        title, _, body = text.partition("\n\n")
        return events.find_events(make_ctx(body.lstrip("\n"), published, title=title), [])
    return events.find_events(make_ctx(text, published), [])


def test_readout_title_call():
    text = (
        "Readout of President Anna Berg's Call with Prime Minister Tomas Vik of Norway\n\n"
        "President Anna Berg spoke today with Prime Minister Tomas Vik of Norway. "
        "The leaders discussed energy security."
    )
    evs = run(text, dt.date(2022, 5, 4))
    assert len(evs) == 1
    e = evs[0]
    assert e.type == "call" and e.date == dt.date(2022, 5, 4)
    assert {p.name for p in e.participants} >= {"United States", "Norway"}
    assert e.location is None and e.convenors == []


def test_named_summit_with_venue_and_weekday():
    text = (
        "Leaders gather in Rome\n\n"
        "The Mediterranean Energy Summit hosted by Italy at the Quirinal Palace in Rome opened on Tuesday. "
        "After the summit, ministers left."
    )
    evs = run(text, dt.date(2024, 6, 13))  # a Thursday
    assert len(evs) == 1
    e = evs[0]
    assert e.name == "Mediterranean Energy Summit"
    assert e.date == dt.date(2024, 6, 11)
    assert e.location == "Rome, Italy"
    assert e.venue == "Quirinal Palace"


def test_city_state_and_separate_meetings():
    text = (
        "Talks in the United States\n\n"
        "The two ministers met on Monday in Austin, Texas, to discuss trade. "
        "Building on the March 2021 meeting in Hanoi, they pledged to keep talking."
    )
    evs = run(text, dt.date(2023, 9, 6))
    locs = sorted(e.location or "" for e in evs)
    assert "Austin, United States" in locs
    assert any(e.location == "Hanoi, Vietnam" and e.date is None for e in evs)


def test_negated_and_generic_mentions_are_not_events():
    text = (
        "Stalemate\n\n"
        "The six-party talks have not been held for years. "
        "Officials said meetings are useful in general."
    )
    assert run(text, dt.date(2020, 1, 1)) == []


def test_never_raises():
    assert run("", dt.date(2020, 1, 1)) == []
    assert isinstance(run("Summit\n\n)))) summit ((( met met in in , ,", None), list)
