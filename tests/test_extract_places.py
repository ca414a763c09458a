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
