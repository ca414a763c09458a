import datetime as dt

from app.ingest.extract import agreements, events
from tests.extract_helpers import make_ctx


def run(text: str):
    ctx = make_ctx(text, dt.date(2024, 3, 1))
    evs = events.find_events(ctx, [])
    return agreements.find_agreements(ctx, [], evs)


def test_joint_agreement_takes_event_parties():
    text = (
        "Readout of President Lee's Meeting with Prime Minister Sato of Japan\n\n"
        "President Lee met today with Prime Minister Sato of Japan in Tokyo. "
        "The two leaders agreed to expand cooperation on semiconductors."
    )
    found = run(text)
    assert len(found) == 1
    a = found[0]
    assert a.status == "agreed"
    assert a.text == "The two leaders agreed to expand cooperation on semiconductors"
    assert "Japan" in {p.name for p in a.parties}


def test_statuses():
    text = (
        "Ministers meet\n\n"
        "France announced 500 million euros of new aid for Moldova. "
        "Germany proposed a joint naval mission in the Baltic. "
        "Hungary rejected the plan to expand sanctions."
    )
    got = {a.status: a for a in run(text)}
    assert set(got) == {"announced", "proposed", "rejected"}
    assert [p.name for p in got["announced"].parties] == ["France"]
    assert got["rejected"].parties[0].name == "Hungary"


def test_unilateral_welcome_is_not_an_agreement():
    text = "Call\n\nThe President welcomed the progress. He did not agree to new talks."
    assert run(text) == []


def test_never_raises():
    assert run("") == []
    assert isinstance(run("agreed agreed that that to to ,,,"), list)
