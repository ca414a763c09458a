from app.ingest.extract.people import find_people
from tests.extract_helpers import make_ctx


def _by_surname(people, surname):
    return next(p for p in people if p.name.split()[-1] == surname)


def test_titles_countries_and_surname_merge():
    ctx = make_ctx(
        "German Chancellor Olaf Scholz met Spain's Prime Minister Pedro Sanchez in Berlin. "
        "Scholz said the talks went well.\n"
        "Hakan Fidan, Turkey's Foreign Minister, joined later."
    )
    people, mentions = find_people(ctx)
    scholz = _by_surname(people, "Scholz")
    assert scholz.name == "Olaf Scholz" and "Scholz" in scholz.aliases
    assert scholz.role == "Chancellor" and scholz.country == "Germany"
    sanchez = _by_surname(people, "Sanchez")
    assert sanchez.role == "Prime Minister" and sanchez.country == "Spain"
    fidan = _by_surname(people, "Fidan")
    assert fidan.role == "Foreign Minister" and fidan.country == "Turkey"
    assert any(m.actor.kind == "country" for m in mentions)
    for p in people:
        for s, e in p.mentions:
            assert ctx.text[s:e] in [p.name, *p.aliases] or ctx.text[s:e].startswith(p.name)


def test_of_country_initials_and_suffix():
    ctx = make_ctx("President Ramon B. Torres, Jr. spoke today with President Lee Jae-myung of South Korea.")
    people, _ = find_people(ctx)
    torres = _by_surname(people, "Torres")
    assert torres.name == "Ramon B. Torres"
    lee = next(p for p in people if "Lee" in p.name)
    assert lee.country == "South Korea"


def test_outlet_country_for_titled_people():
    ctx = make_ctx("Secretary Holloway met Mr. Jonas Varga in Geneva.", outlet="The White House")
    people, _ = find_people(ctx)
    assert _by_surname(people, "Holloway").country == "United States"


def test_journalists_are_skipped():
    ctx = make_ctx("Reporting by Anna Kowalska; Editing by Tom Briggs.\nPresident Ana Duarte of Portugal spoke.")
    people, _ = find_people(ctx)
    names = {p.name for p in people}
    assert "Anna Kowalska" not in names and "Tom Briggs" not in names
    assert "Ana Duarte" in names


def test_never_raises():
    for body in ["", " ", "\n\n", '"""', "Mr. . President", "ÿ\u200b\u2028 “ ”"]:
        find_people(make_ctx(body, title=""))
