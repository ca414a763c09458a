from app.ingest.extract import places


def test_wire_datelines():
    cases = {
        "TOKYO, March 4 (Reuters) - Japan said": ("Tokyo", "JP"),
        "RIYADH, Saudi Arabia (AP) — The kingdom": ("Riyadh", "SA"),
        "Jeddah (Saudi Arabia) (AFP) - Sudan's army": ("Jeddah", "SA"),
        "Kyiv (AFP) - Ukraine said": ("Kyiv", "UA"),
        "ARGYLE, St Vincent and the Grenadines, Dec 15 (Reuters) - Guyana": ("Argyle", "VC"),
    }
    for text, want in cases.items():
        assert places.dateline_place(text, 0) == want, text
        assert text[places.dateline_end(text, 0) :][:1].isupper()


def test_not_datelines():
    for text in ("Ministers met in Paris (France) on Monday - a first.", "Talks (round two) - resumed"):
        assert places.dateline_end(text, 0) == 0, text
        assert places.dateline_place(text, 0) == (None, None)


def test_city_then_a_long_country_name():
    assert places.resolve_place("Argyle", ", St Vincent and the Grenadines, on") == ("Argyle", "VC")
    assert places.resolve_place("Sal", ", Cabo Verde.") == ("Sal", "CV")
    assert places.resolve_place("Woodside", ", California, on") == ("Woodside", "US")


def test_a_town_outside_our_own_table_gets_its_country_from_the_world_gazetteer():
    assert places.resolve_place("Naivasha", " on Friday") == ("Naivasha", "KE")
    assert places.resolve_place("Murmansk") == ("Murmansk", "RU")
    # a town named like a month, or a town's name before a building, is not the place
    assert places.resolve_place("March") == ("March", None)
    assert places.resolve_place("Planalto", " presidential palace") == ("Planalto", None)


def test_a_title_case_dateline_with_an_agency_names_a_town_outside_our_own_table():
    assert places.dateline_place("Fairbanks (AP) - Ministers met on Monday.", 0) == ("Fairbanks", "US")


def test_short_names_and_continents_are_not_world_towns():
    assert places.resolve_place("Un") == ("Un", None)  # a town in India; mostly Kim Jong Un's name
    assert places.resolve_place("Asia") == ("Asia", None)


def test_washington_dc_tagged_as_one_place_is_washington():
    for written in ("Washington, D.C.", "Washington D.C.", "Washington, DC", "Washington DC"):
        assert places.resolve_place(written) == ("Washington", "US"), written
