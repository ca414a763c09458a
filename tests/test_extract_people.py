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


def test_name_particles_and_split_al_prefix():
    ctx = make_ctx(
        "Prince Khalid bin Nasser al-Harbi, the Saudi foreign minister, spoke first. Oman's deputy foreign "
        "minister, Salim al-Harthy, followed. Belgium's foreign minister, Sophie de Backer, spoke last.\n"
        '"We want Europe in the room," Ms. de Backer said. Prince Khalid agreed.'
    )
    people, _ = find_people(ctx)
    names = {p.name for p in people}
    assert {"Khalid bin Nasser al-Harbi", "Salim al-Harthy", "Sophie de Backer"} <= names
    assert len(people) == 3
    assert _by_surname(people, "al-Harbi").country == "Saudi Arabia"
    assert _by_surname(people, "Backer").country == "Belgium"


def test_counterpart_country_and_dateline_dash():
    ctx = make_ctx(
        "KYIV, Dec 3 (Reuters) - Finnish President Helena Virtanen arrived on Tuesday.\n"
        "Her Azerbaijani counterpart, Deputy Foreign Minister Rauf Mammadli, said little. "
        "President Daniel Mwangi met his Tanzanian counterpart Grace Mushi."
    )
    people, _ = find_people(ctx)
    assert _by_surname(people, "Virtanen").country == "Finland"
    assert _by_surname(people, "Mammadli").country == "Azerbaijan"
    assert _by_surname(people, "Mushi").country == "Tanzania"
    assert not any(p.name in {"Oct", "Dec"} for p in people)


def test_place_after_a_title_is_not_a_name_and_verbs_are_not_media_roles():
    ctx = make_ctx(
        "The European Union's special representative for the South Caucasus, Tomas Lindqvist, spoke.\n"
        "Foreign Minister Valentina Rojas met the press. Rojas said Chile would host a conference."
    )
    people, _ = find_people(ctx)
    names = {p.name for p in people}
    assert "South Caucasus" not in names and "Tomas Lindqvist" in names
    assert "Valentina Rojas" in names


def test_title_case_headline_words_are_not_people():
    ctx = make_ctx(
        "Foreign ministers agreed on Sunday to set up a shipping cell.",
        title="Gulf and European Ministers Agree on Cell",
    )
    people, _ = find_people(ctx)
    assert people == []


def test_theresa_may_is_a_name_but_may_14_is_not():
    ctx = make_ctx("Prime Minister Theresa May spoke on May 14 in London.")
    people, _ = find_people(ctx)
    assert [p.name for p in people] == ["Theresa May"]
