from app.ingest.extract import gazetteer


def test_lookup_names_demonyms_capitals():
    assert gazetteer.lookup("France").code == "FR"
    assert gazetteer.lookup("Russian").code == "RU"
    assert gazetteer.lookup("Washington").code == "US"
    assert gazetteer.lookup("NATO").kind == "organisation"
    assert gazetteer.lookup("Reuters") is None


def test_outlet_country():
    assert gazetteer.outlet_country("The White House").code == "US"
    assert gazetteer.outlet_country("Reuters") is None
    assert gazetteer.outlet_country(None) is None
    assert gazetteer.outlet_country("Ministry of Foreign Affairs of Japan").code == "JP"


def test_seat():
    assert gazetteer.seat("the Kremlin").code == "RU"
    assert gazetteer.seat("Paris") is None


def test_country_and_organisation_codes_do_not_clash() -> None:
    from app.ingest.extract import gazetteer as g

    australia = g.country("AU")
    assert australia is not None and australia.name == "Australia" and australia.kind == "country"
    au = g.lookup("African Union")
    assert au is not None and au.kind == "organisation" and au.code != "AU"


def test_bare_congo_is_the_democratic_republic_and_the_republic_is_named_in_full():
    assert gazetteer.lookup("Congo").code == "CD"
    assert gazetteer.lookup("Congolese").code == "CD"
    assert gazetteer.lookup("Democratic Republic of Congo").code == "CD"
    for name in ("Republic of Congo", "Republic of the Congo", "Congo Republic", "Congo-Brazzaville"):
        assert gazetteer.lookup(name).code == "CG", name


def test_organisation_keys_never_shadow_a_country_code():
    import pycountry

    iso = {c.alpha_2 for c in pycountry.countries}
    assert not iso & set(gazetteer._ORGS)
    assert gazetteer.country("EC").name == "Ecuador"
    assert gazetteer.lookup("European Commission").kind == "organisation"


def test_regional_organisations():
    for name, code in (
        ("Mercosur", "MERCOSUR"),
        ("IGAD", "IGAD"),
        ("SAARC", "SAARC"),
        ("Arctic Council", "ARCTIC_COUNCIL"),
        ("Commonwealth of Independent States", "CIS"),  # not the Commonwealth of Nations
        ("CSTO", "CSTO"),
        ("Eurasian Economic Union", "EAEU"),
    ):
        place = gazetteer.lookup(name)
        assert place is not None and place.code == code and place.kind == "organisation"


def test_short_names_match_only_as_acronyms_in_capitals():
    assert gazetteer.lookup("Un") is None and gazetteer.lookup("Us") is None
    assert gazetteer.lookup("UN").code == "UN" and gazetteer.lookup("US").code == "US"


def test_combining_forms_count_only_inside_a_compound():
    assert [p.code for p in gazetteer.split_compound("Sino-Japanese")] == ["CN", "JP"]
    assert [p.code for p in gazetteer.split_compound("Indo-Pakistani")] == ["IN", "PK"]
    assert gazetteer.split_compound("Indo-Pacific") == []
    assert gazetteer.lookup("Franco") is None and gazetteer.lookup("Indo") is None


def test_a_body_named_after_another_name_is_that_ones_own():
    from app.ingest.extract.actors import places_in

    assert places_in("The African Union Peace and Security Council met") == ["AFRICAN_UNION"]
    assert places_in("Russia's Security Council met") == ["RU"]
    assert places_in("The National Security Council met") == []
    assert places_in("the African Union Commission said") == ["AFRICAN_UNION"]
    # the UN's own council, named alone or after the UN
    assert places_in("The Security Council voted") == ["UNSC"]
    assert "UNSC" in places_in("The U.N. Security Council voted")
    assert "UNSC" in places_in("The United Nations Security Council voted")
