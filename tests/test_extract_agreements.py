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


def run_titled(title: str, body: str, published: dt.date = dt.date(2024, 3, 1)):
    ctx = make_ctx(body, published, title=title)
    evs = events.find_events(ctx, [])
    return agreements.find_agreements(ctx, [], evs)


def test_has_proposed_and_invited_are_proposals():
    found = run_titled(
        "Talks resume",
        "The EU has proposed a new timetable for both sides. Wang invited Wong to visit Beijing next year.",
    )
    assert [a.status for a in found] == ["proposed", "proposed"]
    assert found[0].text.startswith("The EU has proposed a new timetable")
    assert found[1].text == "Wang invited Wong to visit Beijing next year"


def test_adopting_a_declaration_is_agreed():
    found = run_titled(
        "Conference ends",
        "Ministers wrapped up the conference on Sunday, adopting a declaration that calls for river monitoring.",
    )
    assert any(a.status == "agreed" and a.text.startswith("adopting a declaration") for a in found)


def test_joint_subject_will_resume_is_announced():
    found = run_titled(
        "Talks to resume",
        "Negotiators from Serbia and Kosovo will resume talks in Brussels on Friday, the EU said on Tuesday.",
        dt.date(2025, 1, 22),
    )
    assert found and found[0].status == "announced"
    assert {p.name for p in found[0].parties} >= {"Serbia", "Kosovo"}


def test_wire_dateline_is_not_part_of_the_clause():
    found = run_titled(
        "Leaders agree in phone call",
        "TOKYO, March 4 - Japanese Prime Minister Ken Mori and South Korean President Park Min agreed on Monday "
        "to expand the sharing of missile data, Mori's office said.",
        dt.date(2025, 3, 4),
    )
    assert found and found[0].text.startswith("Japanese Prime Minister Ken Mori")
    assert found[0].status == "agreed"


def test_joint_statement_we_are_the_issuers():
    found = run_titled(
        "Joint Statement from Mexico, Canada, and the United States on Synthetic Drugs",
        "We commit to developing a trilateral report on firearms trafficking.",
    )
    assert found and {p.name for p in found[0].parties} == {"Mexico", "Canada", "United States"}


def test_collective_agreement_to_hold_an_event_keeps_the_main_parties():
    found = run_titled(
        "Japan, South Korea leaders agree in phone call",
        "Japan and South Korea held a phone call on Monday. "
        "The two leaders also agreed to hold a trilateral summit with the United States in Tokyo later this year.",
        dt.date(2025, 3, 4),
    )
    last = found[-1]
    assert last.status == "agreed" and {"Japan", "South Korea"} <= {p.name for p in last.parties}
