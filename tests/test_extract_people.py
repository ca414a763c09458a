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


# --- titles, namesakes, countries and non-persons (readouts review) -------------------------------
WH = "The White House"


def _names(people):
    return {p.name for p in people}


def test_multiword_title_is_the_role_and_never_part_of_a_name():
    ctx = make_ctx(
        "Assistant to the President for Homeland Security Affairs Dana Whitcombe met with Prime Minister "
        "Haruto Sato of Japan. Prime Minister Sato thanked Ms. Whitcombe.",
        outlet=WH,
    )
    people, _ = find_people(ctx)
    dana = _by_surname(people, "Whitcombe")
    assert dana.name == "Dana Whitcombe"
    assert dana.role == "Assistant to the President for Homeland Security Affairs"
    assert not any(a.startswith("Affairs") for a in dana.aliases)
    sato = _by_surname(people, "Sato")
    assert "Prime Minister Sato" in sato.aliases and "Minister Sato" not in sato.aliases
    for p in people:
        for a in [p.name, *p.aliases]:
            assert a in ctx.text


def test_hyphenated_title_is_one_title():
    ctx = make_ctx(
        "President Tom Marlow met with President-elect Rafael Ortiz Mena of Peru today. "
        "President-elect Ortiz Mena thanked the President.",
        outlet=WH,
    )
    people, _ = find_people(ctx)
    ortiz = next(p for p in people if "Ortiz" in p.name)
    assert ortiz.name == "Rafael Ortiz Mena"
    assert ortiz.role == "President-elect" and ortiz.country == "Peru"
    assert not any(a.lower().startswith("elect") for a in ortiz.aliases)
    assert _by_surname(people, "Marlow").country == "United States"


def test_namesakes_with_different_first_names_stay_apart():
    ctx = make_ctx(
        "President Tom Ridley called President Ana Lucero of Chile today. President Ridley thanked her for "
        "welcoming First Lady Anne Ridley to the ceremony. Dr. Ridley also visited a school in Santiago.",
        title="Readout of President Ridley's Call with President Lucero of Chile",
        outlet=WH,
    )
    people, _ = find_people(ctx)
    ridleys = {p.name: p for p in people if p.name.endswith("Ridley")}
    assert set(ridleys) == {"Tom Ridley", "Anne Ridley"}
    tom, anne = ridleys["Tom Ridley"], ridleys["Anne Ridley"]
    assert tom.role == "President" and "President Ridley" in tom.aliases
    assert anne.role == "First Lady" and anne.country == "United States"
    assert len(anne.mentions) == 2  # "First Lady Anne Ridley" and "Dr. Ridley"


def test_first_name_variants_are_one_person():
    ctx = make_ctx(
        "President Joe Ridley met Chancellor Petra Vogel of Germany. President Joseph R. Ridley, Jr. said the "
        "talks were useful. Ridley left for Paris."
    )
    people, _ = find_people(ctx)
    assert [p.name for p in people if "Ridley" in p.name] == ["Joseph R. Ridley"]


def test_outlet_country_not_given_to_foreign_styles_or_second_president():
    ctx = make_ctx(
        "National Security Advisor Dana Whitcombe spoke today with Presidential Advisor Rui Campos to follow "
        "up on last week's call between President Marlow and President Tavares. Prime Minister Okafor "
        "joined the call. Ms. Whitcombe and Mr. Campos agreed to meet again.",
        outlet=WH,
    )
    people, _ = find_people(ctx)
    assert _by_surname(people, "Whitcombe").country == "United States"
    assert _by_surname(people, "Marlow").country == "United States"
    assert _by_surname(people, "Tavares").country is None  # a second "President": not the outlet's own
    assert _by_surname(people, "Okafor").country is None  # a Prime Minister is never a US official


def test_the_title_gives_the_country_of_a_surname_in_the_body():
    ctx = make_ctx(
        "President Marlow spoke today with President Tavares. President Tavares thanked President Marlow.",
        title="Readout of President Marlow's Call with President Tavares of Brazil",
        outlet=WH,
    )
    people, _ = find_people(ctx)
    assert _by_surname(people, "Tavares").country == "Brazil"
    assert _by_surname(people, "Marlow").country == "United States"


def test_a_demonym_spreads_along_a_list_of_officials():
    ctx = make_ctx(
        "Today in Jerusalem, National Security Advisor Dana Whitcombe met with Israeli Minister of Defense "
        "Avi Ronen, Chief of Staff Eli Barak, and War Cabinet members Noa Levin and Dan Shapir. "
        "In her meetings with Mr. Levin, Mr. Shapir and separately with Mr. Ronen, Ms. Whitcombe reiterated "
        "the US commitment.",
        outlet=WH,
    )
    people, _ = find_people(ctx)
    for surname in ("Ronen", "Barak", "Levin", "Shapir"):
        assert _by_surname(people, surname).country == "Israel", surname
    assert _by_surname(people, "Whitcombe").country == "United States"


def test_counterpart_is_not_the_outlets_official():
    ctx = make_ctx(
        "Secretary Holloway met his counterpart, Foreign Secretary Ruth Amadi, in Geneva.",
        outlet=WH,
    )
    people, _ = find_people(ctx)
    assert _by_surname(people, "Holloway").country == "United States"
    assert _by_surname(people, "Amadi").country is None


def test_groups_and_places_are_not_people():
    ctx = make_ctx(
        "President Marlow condemned the attacks by the Houthis on shipping. He discussed the need to reopen "
        "the Kefar Dalun crossing and to open crossings including Kefar Dalun, Zerin West and Zerin East. "
        "The Houthis did not respond.",
        outlet=WH,
    )
    people, _ = find_people(ctx)
    names = _names(people)
    assert "Houthis" not in names
    assert not any(n.endswith(("West", "East")) for n in names)
    assert "Kefar Dalun" not in names
    assert any(n.endswith("Marlow") for n in names)


def test_platforms_regions_and_honorifics_are_not_people():
    ctx = make_ctx(
        "After an audience with His Holiness Pope Leo, Prime Minister Ana Duarte said on Twitter that support "
        "for operations in the Sahel would continue. Duarte also wrote on Twitter that she was pleased."
    )
    names = {p.name for p in find_people(ctx)[0]}
    assert "Ana Duarte" in names
    assert not names & {"Twitter", "Sahel", "Holiness"}


def test_country_from_a_seat_or_organisation_inside_the_role():
    ctx = make_ctx(
        "Dmitri Volkov, the Kremlin spokesman, said the talks were useful. "
        "Kofi Mensah, the AU High Representative for the Horn of Africa, led the mediation."
    )
    people = find_people(ctx)[0]
    assert _by_surname(people, "Volkov").country == "Russia"
    assert _by_surname(people, "Mensah").country == "African Union"


def test_a_king_is_not_the_minister_who_shares_his_given_name():
    ctx = make_ctx(
        "The UAE's Foreign Minister Sheikh Abdullah bin Zayed al-Nahyan attended. Sheikh Abdullah said the UAE "
        "was changing. Jordan's King Abdullah instead travelled to Ramallah for talks."
    )
    people, _ = find_people(ctx)
    king = next(p for p in people if "King Abdullah" in p.aliases)
    assert king.country == "Jordan" and "bin Zayed" not in king.name
    sheikh = next(p for p in people if "bin Zayed" in p.name)
    assert "King Abdullah" not in sheikh.aliases


def test_al_prefixed_surname_and_places_and_accords_are_not_new_people():
    ctx = make_ctx(
        "Bahraini Foreign Minister Abdullatif al-Zayani joined the meeting at the Kedma hotel in Sde Boker, "
        "the desert kibbutz where the founder is buried. Zayani said ties would grow under the Abraham Accords."
    )
    people, _ = find_people(ctx)
    names = {p.name for p in people}
    assert "Sde Boker" not in names and "Abraham Accords" not in names and "Zayani" not in names
    assert "Zayani" in _by_surname(people, "al-Zayani").aliases


def test_a_title_of_a_country_before_the_name_is_the_readouts_way():
    people, _ = find_people(make_ctx("The President met today with President of Finland Aino Virtanen in Oslo."))
    p = _by_surname(people, "Virtanen")
    assert p is not None and p.country == "Finland" and p.role == "President"


def test_a_region_made_with_a_country_s_combining_form_gives_no_country():
    people, _ = find_people(make_ctx("The delegation was led by Indo-Pacific Coordinator Mark Hale."))
    assert _by_surname(people, "Hale").country is None


def test_the_rest_of_a_country_s_name_after_a_title_of_is_no_person():
    people, _ = find_people(make_ctx("The foreign ministers of Saudi Arabia and Iran would meet in Beijing."))
    assert [p.name for p in people] == []


def test_a_lone_given_name_as_a_partner_is_the_person_named_before():
    ctx = make_ctx(
        "Acting Prime Minister Phumtham Wechayachai of Thailand met Prime Minister Hun Manet of Cambodia. "
        "President Donald Trump spoke by phone with Hun Manet and then with Phumtham. Trump later met Jordan."
    )
    people, _ = find_people(ctx)
    phumtham = next(p for p in people if p.name == "Phumtham Wechayachai")
    assert sum(1 for a, _ in phumtham.mentions) == 2
    assert not any(p.name == "Jordan" for p in people)


def test_a_delegation_listed_after_its_country_belongs_to_that_country():
    ctx = make_ctx(
        "The Peruvian delegation included Foreign Minister Elena Quispe; Minister of Defense Jorge Salas; and "
        "Chief Officer for North America, Mario Rivas.",
        title="Joint Statement from Peru and the United States",
        outlet=WH,
    )
    people, _ = find_people(ctx)
    assert {p.name: p.country for p in people} == {
        "Elena Quispe": "Peru",
        "Jorge Salas": "Peru",
        "Mario Rivas": "Peru",  # "North America" in his title is a region, not the United States
    }


def test_the_rest_of_an_office_name_is_no_person():
    ctx = make_ctx(
        "The U.S. delegation included Director of National Water Policy Dr. Anna Berg and Deputy Assistant "
        "Secretary of State for International Fisheries Affairs Tom Reed.",
        outlet=WH,
    )
    people, _ = find_people(ctx)
    assert {p.name for p in people} == {"Anna Berg", "Tom Reed"}


def test_a_title_word_opening_the_name_of_a_body_or_a_dam_makes_no_person():
    ctx = make_ctx(
        "The General Border Committee met in Oslo. Work on the Grand Northern Renaissance Dam resumed. "
        "General Anna Berg attended."
    )
    people, _ = find_people(ctx)
    assert {p.name for p in people} == {"Anna Berg"}


def test_a_country_told_around_a_plain_word_or_a_second_title():
    people, _ = find_people(
        make_ctx(
            "Norway's new prime minister, Kari Lund, backed the idea. \"We are close,\" Japan's chief negotiator, "
            "Vice Foreign Minister Ken Sato, told reporters. The French president, Prime Minister Ana Silva of "
            "Portugal and others came. Tom Reed met his Tuvaluan counterpart, Pita Taufa, in Suva."
        )
    )
    countries = {p.name: p.country for p in people}
    assert countries["Kari Lund"] == "Norway"
    assert countries["Ken Sato"] == "Japan"
    assert countries["Ana Silva"] == "Portugal"  # her own "of Portugal", not the description before her
    assert countries["Pita Taufa"] == "Tuvalu"


def test_a_lone_word_without_title_or_part_is_no_person_but_one_who_speaks_is():
    from app.ingest.extract import extract

    ctx = make_ctx(
        "Farmers near Fukushima protested on Monday. Merkel said the plan was sound. "
        "Officials in Tigray declined to comment."
    )
    names = {p.name for p in extract(ctx).people}
    assert "Merkel" in names  # she speaks
    assert not names & {"Fukushima", "Tigray"}


def test_an_editors_insertion_gives_the_title_and_the_person_is_the_name_after_it():
    people, _ = find_people(
        make_ctx(
            '"Now, (Russia\'s President Viktor) Orlov needs to show he is serious," she said. '
            '"We told [Prime Minister Avi] Levin that," he said.'
        )
    )
    by_name = {p.name: (p.role, p.country) for p in people}
    assert by_name == {"Orlov": ("President", "Russia"), "Levin": ("Prime Minister", None)}


def test_a_news_agency_and_a_state_councillor_are_no_people():
    people, _ = find_people(
        make_ctx(
            "Over talks with State Councillor and Foreign Minister Li Wen, Ana Berg pressed her case, "
            "Li said in remarks carried by the official Xinhua news agency."
        )
    )
    assert {p.name for p in people} == {"Li Wen", "Ana Berg"}


def test_shaikh_is_a_title_and_his_royal_highness_no_name():
    people, _ = find_people(
        make_ctx(
            "The delegation was headed by Dr Shaikh Hamid bin Saleh Al Nuri. After the meeting, Dr Shaikh Hamid "
            "said the talks were positive. A call followed between His Royal Highness the Crown Prince and "
            "Sheikh Omar bin Ali Al Rami."
        )
    )
    assert sorted(p.name for p in people) == ["Hamid bin Saleh Al Nuri", "Omar bin Ali Al Rami"]


def test_a_name_the_tagger_misses_is_one_when_a_title_follows_in_apposition():
    people, _ = find_people(
        make_ctx(
            "The round broke up after Laurent Fabius, the French foreign minister, objected to the draft. "
            "Acme Holdings, the largest firm in the sector, said nothing."
        )
    )
    assert [(p.name, p.country) for p in people] == [("Laurent Fabius", "France")]


def test_a_name_the_tagger_misses_is_one_before_a_countrys_title_in_apposition():
    people, _ = find_people(
        make_ctx(
            "Siti Marsudi, Malaysia's foreign minister, set the tone on Tuesday. "
            "Banda Marsudi, Indonesia's foreign minister, spoke next."
        )
    )
    assert sorted((p.name, p.country) for p in people) == [("Banda Marsudi", "Indonesia"), ("Siti Marsudi", "Malaysia")]


def test_titles_joined_by_and_are_one_role_with_one_country():
    people, _ = find_people(
        make_ctx(
            "Mexico hosted Canada’s Deputy Clerk and National Security Advisor Marie Roy in the fourth meeting. "
            "CARICOM Chairman and Guyana's President Tom Reed spoke. Norway’s Crown Prince and Prime Minister "
            "Hakon Lund spoke."
        )
    )
    got = {p.name: (p.role, p.country) for p in people}
    assert got["Marie Roy"] == ("Deputy Clerk and National Security Advisor", "Canada")
    assert got["Tom Reed"] == ("President", "Guyana")  # his own country, nearest his name
    assert got["Hakon Lund"] == ("Crown Prince and Prime Minister", "Norway")
