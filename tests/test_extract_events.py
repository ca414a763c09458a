import datetime as dt

from app.ingest.extract import events, extract
from tests.extract_helpers import make_ctx


def run(text: str, published: dt.date):
    # a text with a blank line after its first line brings its own title line
    if "\n\n" in text:
        title, _, body = text.partition("\n\n")
        return events.find_events(make_ctx(body.lstrip("\n"), published, title=title), [])
    return events.find_events(make_ctx(text, published), [])


def run_with_people(text: str, published: dt.date):
    """The whole extraction, so events see the people found (their countries, their surnames)."""
    title, _, body = text.partition("\n\n")
    return extract(make_ctx(body, published, title=title)).events


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
        "Stalemate\n\nThe six-party talks have not been held for years. Officials said meetings are useful in general."
    )
    assert run(text, dt.date(2020, 1, 1)) == []


def test_never_raises():
    assert run("", dt.date(2020, 1, 1)) == []
    assert isinstance(run("Summit\n\n)))) summit ((( met met in in , ,", None), list)


# --- generalisation rules (wire style, joint statements) -----------------------------------------------
def test_named_event_drops_leading_preposition_and_date():
    text = (
        "Allies meet\n\n"
        "At the 2021 Harbour Leaders' Summit in Lisbon, the allies agreed on a plan. "
        "They will meet again at the May 12 Summit in Oslo."
    )
    names = [e.name for e in run(text, dt.date(2024, 5, 1))]
    assert "2021 Harbour Leaders' Summit" in names
    assert not any(n.startswith(("At ", "May ")) for n in names)


def test_cancelled_talks_are_not_an_event():
    text = (
        "Talks called off\n\n"
        "Talks between Ghana and Togo that had been scheduled for last month in Accra were cancelled. "
        "A ministerial meeting in Lome did not take place."
    )
    assert run(text, dt.date(2024, 5, 1)) == []


def test_collective_subject_schedules_a_new_event_with_the_same_parties():
    text = (
        "Leaders meet in Nairobi\n\n"
        "Kenya and Uganda held a security summit in Nairobi on Thursday. "
        "The leaders will meet again in Kampala next week, officials said."
    )
    evs = run(text, dt.date(2024, 10, 18))
    assert len(evs) == 2
    later = evs[1]
    assert later.location == "Kampala, Uganda" and later.date is None  # "next week" pins no day
    assert {p.name for p in later.participants} >= {"Kenya", "Uganda"}


def test_meeting_on_the_margins_takes_the_host_event_place_but_stays_separate():
    text = (
        "Readout of Foreign Minister Lena Dahl's Meeting with President Ali Musa of Djibouti\n\n"
        "Foreign Minister Lena Dahl met December 13 with President Ali Musa of Djibouti on the margins of "
        "the Africa Leaders Summit in Washington, DC."
    )
    evs = run(text, dt.date(2022, 12, 15))
    meeting = next(e for e in evs if e.type == "meeting")
    assert meeting.date == dt.date(2022, 12, 13)
    assert meeting.city == "Washington"
    assert any(e.type == "summit" and e.date is None for e in evs)


def test_date_range_and_end_day_are_one_conference():
    text = (
        "Water talks end\n\n"
        "Ministers wrapped up the Global Water Security Conference at the Palais des Nations on Sunday. "
        "The conference, held June 14-16 and co-hosted by Switzerland and Tajikistan, drew 60 countries."
    )
    evs = run(text, dt.date(2024, 6, 17))
    assert len(evs) == 1
    e = evs[0]
    assert e.date == dt.date(2024, 6, 14) and e.venue == "Palais des Nations"
    assert {p.name for p in e.participants} >= {"Switzerland", "Tajikistan"}


def test_called_someone_is_a_call_with_its_date():
    text = (
        "Readout of President Anna Berg's Call with President Luis Soto of Chile\n\n"
        "President Anna Berg called President Luis Soto of Chile today to congratulate him on his inauguration."
    )
    evs = run(text, dt.date(2024, 10, 4))
    assert len(evs) == 1 and evs[0].type == "call" and evs[0].date == dt.date(2024, 10, 4)


def test_joint_statement_title_names_the_call():
    text = (
        "Joint Statement on the Phone Call between President Anna Berg and President Marc Roux of France\n\n"
        "President Marc Roux of France and President Anna Berg of the United States spoke on September 22."
    )
    evs = run(text, dt.date(2021, 9, 22))
    assert len(evs) == 1
    e = evs[0]
    assert e.type == "call" and "phone phone" not in e.name
    assert {p.name for p in e.participants} >= {"France", "United States"}


def test_welcomed_to_the_white_house_is_a_meeting_at_the_venue():
    text = (
        "Readout of President Anna Berg's Meeting with Prime Minister Ole Lund of Denmark\n\n"
        "President Anna Berg welcomed Prime Minister Ole Lund of Denmark to the White House to discuss trade."
    )
    e = run(text, dt.date(2025, 1, 6))[0]
    assert e.venue == "White House" and e.location == "Washington, United States"


def test_date_of_another_event_noun_is_not_taken():
    text = (
        "Readout of President Anna Berg's Meeting with President Xi Jinping of China\n\n"
        "President Anna Berg met with President Xi Jinping of China in Lima, Peru today. "
        "This meeting follows their April 2, 2024, telephone call."
    )
    evs = run(text, dt.date(2024, 11, 16))
    main = evs[0]
    assert main.date == dt.date(2024, 11, 16)
    assert not any(e.type == "meeting" and e.date == dt.date(2024, 4, 2) for e in evs)


def test_cancel_verbs_and_place_heads_are_not_places():
    text = "UAE visit\n\nThe leaders held their fourth bilateral meeting in the Biden-Harris Administration on Monday."
    assert all(e.city != "Biden-Harris Administration" for e in run(text, dt.date(2024, 9, 24)))


# --- wire-news rules ----------------------------------------------------------------------------
WED = dt.date(2025, 5, 14)  # a Wednesday


def test_dateline_city_and_lede_date_for_a_meeting_without_its_own():
    text = (
        "Ministers agree on shipping cell\n\n"
        "OSLO, May 14 (Reuters) - Nordic foreign ministers agreed on Tuesday to share radar data, "
        "after a meeting that officials called frank."
    )
    e = run(text, WED)[0]
    assert e.date == dt.date(2025, 5, 13)
    assert e.location == "Oslo, Norway"


def test_dateline_is_not_the_place_of_a_future_event_elsewhere():
    text = (
        "Talks planned\n\n"
        "OSLO (AP) — Sweden and Finland will hold talks in Helsinki on Friday, officials said on Wednesday."
    )
    e = run(text, WED)[0]
    assert e.location == "Helsinki, Finland"


def test_described_capital_and_city_of():
    text = "Talks\n\nSweden and Denmark held talks in the Danish capital on Monday."
    assert run(text, WED)[0].location == "Copenhagen, Denmark"
    text = "Talks\n\nKenya and Uganda held talks in the Tanzanian city of Arusha on Monday."
    assert run(text, WED)[0].city == "Arusha"


def test_days_of_talks_that_ended_start_earlier():
    text = "Border talks end\n\nArmenian and Azerbaijani negotiators ended two days of talks in Geneva on Wednesday."
    e = run(text, WED)[0]
    assert e.date == dt.date(2025, 5, 13)
    text = "Conference ends\n\nMinisters wrapped up a three-day conference in Nairobi on Wednesday."
    assert run(text, WED)[0].date == dt.date(2025, 5, 12)


def test_headline_event_merges_with_the_lede():
    text = (
        "Armenia, Azerbaijan end Geneva border talks\n\n"
        "GENEVA, May 14 (Reuters) - Armenian and Azerbaijani negotiators ended talks in Geneva on Wednesday."
    )
    evs = run(text, WED)
    assert len(evs) == 1
    assert evs[0].location == "Geneva, Switzerland" and evs[0].date == WED
    assert {p.name for p in evs[0].participants} >= {"Armenia", "Azerbaijan"}


def test_next_round_is_a_scheduled_event_with_the_same_parties():
    text = (
        "Border talks\n\n"
        "Armenia and Azerbaijan held talks in Geneva on Tuesday. "
        "A spokesman said the next round was scheduled for June 18 in Geneva."
    )
    evs = run(text, WED)
    nxt = [e for e in evs if e.date == dt.date(2025, 6, 18)]
    assert nxt and nxt[0].type == "talks"
    assert {p.name for p in nxt[0].participants} >= {"Armenia", "Azerbaijan"}


def test_visit_noun_after_arrival_verb():
    text = (
        "Visit\n\n"
        "KYIV, Dec 3 (Reuters) - Finnish President Helena Virtanen arrived in Kyiv on Tuesday on an unannounced visit."
    )
    e = run(text, dt.date(2024, 12, 3))[0]
    assert e.type == "visit" and e.date == dt.date(2024, 12, 3)
    assert e.location == "Kyiv, Ukraine"
    assert {p.name for p in e.participants} >= {"Finland"}


def test_scheduled_visit_with_country_object_and_invitation_is_not_an_event():
    text = "Visit\n\nArgentine President Luis Ferraro is scheduled to visit Chile in May."
    e = run(text, WED)[0]
    assert e.type == "visit" and e.country == "Chile"
    assert {p.name for p in e.participants} >= {"Argentina", "Chile"}
    assert run("Invitation\n\nWang invited Wong to visit Beijing next year.", WED) == []


def test_host_city_as_subject_and_named_forum_merge():
    text = "Neighbours\n\nThe spokesman added that Cairo would host a meeting of Sudan's neighbours next week."
    evs = run(text, WED)
    assert len(evs) == 1 and evs[0].location == "Cairo, Egypt"
    assert [c.name for c in evs[0].convenors] == ["Egypt"]
    text = (
        "Forum\n\nSUVA, Fiji (AP) — Pacific leaders on Thursday demanded climate finance, as a regional forum "
        "opened in the capital. Fiji chairs the Pacific Islands Forum this year."
    )
    evs = run(text, dt.date(2025, 8, 28))
    assert len(evs) == 1 and evs[0].date == dt.date(2025, 8, 28) and evs[0].city == "Suva"


def test_unknown_city_takes_the_hosts_country_and_noun_type():
    text = "Conference\n\nRojas said Chile would host a regional conference on tourism in Punta Arenas in November."
    e = run(text, WED)[0]
    assert e.type == "conference" and e.location == "Punta Arenas, Chile"


def test_a_known_seat_keeps_its_full_venue_name():
    from app.ingest.extract.places import find_venue

    assert find_venue("talks at the Elysee Palace in Paris")[0] == "Elysee Palace"
    assert find_venue("met at the White House on Monday")[0] == "White House"
    assert find_venue("a call from the Kremlin")[0] == "Kremlin"


def test_sidelines_meeting_is_its_own_event():
    text = (
        "African leaders meet in Nairobi\n\n"
        "The African Union summit opened in Nairobi on Tuesday. "
        "On the sidelines of the summit in Nairobi on Tuesday, the foreign ministers of Kenya and Ethiopia held talks."
    )
    evs = run(text, dt.date(2024, 6, 13))  # a Thursday
    summit = next(e for e in evs if e.type == "summit")
    talks = next(e for e in evs if e.type == "talks")
    assert summit.date == talks.date == dt.date(2024, 6, 11)
    assert talks.location == "Nairobi, Kenya"
    assert {p.name for p in talks.participants} == {"Kenya", "Ethiopia"}
    assert "African Union" not in {p.name for p in talks.participants}


def test_margins_meeting_inherits_day_and_place_and_summit_re_mention_joins():
    text = (
        "Ministers gather\n\n"
        "Foreign ministers from Brazil, Argentina, Chile and Peru attended a regional conference in Lima on Monday. "
        "On the margins of the conference, the ministers of Brazil and Chile met to discuss trade."
    )
    evs = run(text, dt.date(2024, 6, 13))
    assert len(evs) == 2
    conf = next(e for e in evs if e.type == "conference")
    side = next(e for e in evs if e.type != "conference")
    assert {p.name for p in side.participants} == {"Brazil", "Chile"}
    assert side.date == conf.date == dt.date(2024, 6, 10)
    assert side.location == conf.location == "Lima, Peru"
    assert "sidelines" in side.name


def test_bilateral_talks_among_conference_participants_stay_apart():
    text = (
        "Ministers gather\n\n"
        "The Pacific Energy Conference opened in Suva on Monday with delegates from Fiji, Samoa, Tonga and Australia. "
        "On Monday, the prime ministers of Fiji and Samoa also held bilateral talks in Suva."
    )
    evs = run(text, dt.date(2024, 6, 13))
    assert len(evs) == 2
    talks = next(e for e in evs if e.type == "talks")
    assert {p.name for p in talks.participants} == {"Fiji", "Samoa"}


def test_call_dated_when_titled_names_are_joined_in_the_subject():
    text = (
        "Readout of President Joseph R. Biden, Jr. Call with Chancellor Olaf Weber of Austria\n\n"
        "President Joe Biden and Chancellor Olaf Weber spoke today about the situation in the Balkans. "
        "They discussed the need for close coordination on humanitarian aid."
    )
    evs = run(text, dt.date(2021, 8, 18))
    assert len(evs) == 1
    assert evs[0].type == "call" and evs[0].date == dt.date(2021, 8, 18)


def test_call_dated_when_the_counterpart_precedes_a_purpose_clause():
    text = (
        "Readout of President Joseph R. Biden, Jr.'s Call with Prime Minister Lars Holm of Denmark\n\n"
        "President Joseph R. Biden, Jr. spoke today with Prime Minister Lars Holm of Denmark to reaffirm "
        "the warm and historic partnership between the United States and Denmark. "
        "The leaders discussed Arctic security."
    )
    evs = run(text, dt.date(2022, 2, 6))
    assert len(evs) == 1
    assert evs[0].type == "call" and evs[0].date == dt.date(2022, 2, 6)


def test_summit_told_again_with_a_closing_day_stays_one_event_in_the_dateline_city():
    text = (
        "Leaders reach consensus on first day of Lisbon summit\n\n"
        "LISBON (AP) — Leaders of the group on Saturday reached a consensus declaration on trade at a summit "
        "overshadowed by divisions.\n"
        "Prime Minister Rui Costa announced the breakthrough on the first day of the two-day summit at the "
        "Tagus convention center.\n"
        "The summit closes on Sunday with a handover of the presidency to Chile, which will host next year's "
        "summit in Santiago."
    )
    evs = run(text, dt.date(2023, 9, 9))
    lisbon = [e for e in evs if e.city == "Lisbon"]
    assert len(lisbon) == 1 and lisbon[0].date == dt.date(2023, 9, 9)
    assert [e.city for e in evs if e is not lisbon[0]] == ["Santiago"]


def test_ordinal_in_a_summit_name_is_not_its_date():
    text = (
        "EU and Japan hold summit\n\n"
        "TOKYO (AP) — European Union leaders met Japanese Prime Minister Kenji Mori on Thursday, before "
        "holding the 29th EU-Japan summit in the afternoon."
    )
    evs = run(text, dt.date(2023, 12, 7))
    assert all(e.date in (None, dt.date(2023, 12, 7)) for e in evs)


def test_bilateral_meeting_on_the_sidelines_is_its_own_event():
    text = (
        "Allies gather in Riga\n\n"
        "RIGA (AP) — NATO leaders opened a two-day summit in Riga on Tuesday.\n"
        "President Biden met Turkish President Recep Tayyip Erdogan on the sidelines on Tuesday."
    )
    evs = run(text, dt.date(2023, 7, 11))
    assert sorted(e.type for e in evs) == ["meeting", "summit"]


def test_afp_dateline_and_the_day_it_was_said():
    text = (
        "Sudan rivals sign pledge\n\n"
        "Jeddah (Saudi Arabia) (AFP) - The two sides have signed a commitment to protect civilians after nearly "
        "a week of talks in Saudi Arabia, mediators said Friday.\n"
        "Envoys signed the declaration late Thursday in the Red Sea city, where the talks brokered by Riyadh "
        "and Washington opened on Saturday."
    )
    evs = run(text, dt.date(2023, 5, 12))
    assert len(evs) == 1
    assert evs[0].type == "talks" and evs[0].city == "Jeddah" and evs[0].date == dt.date(2023, 5, 6)


def test_colon_dateline_and_an_ordinal_summit_of_a_named_body():
    text = (
        "Regional summit ends with energy pact\n\n"
        "KATHMANDU, November 27: The 18th summit of the South Asian Association for Regional Cooperation "
        "ended here on Thursday with an energy agreement, after the two-day meeting nearly closed without one.\n"
        "Pakistan will host the next summit in Islamabad."
    )
    evs = run(text, dt.date(2014, 11, 27))
    by_city = {e.city: e for e in evs}
    assert set(by_city) == {"Kathmandu", "Islamabad"}
    assert by_city["Kathmandu"].type == "summit" and by_city["Kathmandu"].date == dt.date(2014, 11, 26)


def test_summit_of_the_americas_is_a_name_and_not_dated_by_the_call():
    text = (
        "Readout of President Joseph R. Biden Jr.'s Call with President Ana Ruiz of Uruguay\n\n"
        "President Joseph R. Biden, Jr. spoke today with President Ana Ruiz of Uruguay in advance of the "
        "Summit of the Americas. The leaders discussed trade."
    )
    evs = run(text, dt.date(2022, 6, 1))
    summit = next(e for e in evs if e.type == "summit")
    assert summit.name == "Summit of the Americas" and summit.date is None
    assert next(e for e in evs if e.type == "call").date == dt.date(2022, 6, 1)


def test_meeting_in_a_relative_clause_keeps_its_own_day_place_and_people():
    text = (
        "Leaders hail summit\n\n"
        "SINGAPORE (Reuters) - The two leaders met in Singapore on Tuesday.\n"
        "President Moon Jae-in, who met Kim Jong Un at the border truce village of Panmunjom on April 27, "
        "hailed the Singapore meeting as historic."
    )
    evs = run(text, dt.date(2018, 6, 13))
    earlier = next(e for e in evs if e.date == dt.date(2018, 4, 27))
    assert earlier.city == "Panmunjom"
    assert {p.name for p in earlier.people} == {"Moon Jae-in", "Kim Jong Un"}
    assert all(e.date != dt.date(2018, 4, 27) for e in evs if e is not earlier)


def test_a_signing_between_two_sides_is_its_own_event():
    text = (
        "Neighbours sign accord\n\n"
        "On Sunday, the foreign ministers of Greece and Albania signed an agreement on their maritime border.\n"
        "Foreign Minister Nikos Dendias and his Albanian counterpart Olta Xhacka signed the document in the "
        "lakeside village of Psarades, and the two prime ministers held talks afterwards.\n"
        "Albania will not sign any deal that cedes territory, the prime minister said."
    )
    evs = run(text, dt.date(2018, 6, 18))
    signing = [e for e in evs if e.type == "other"]
    assert len(signing) == 1
    assert signing[0].date == dt.date(2018, 6, 17) and signing[0].city == "Psarades"
    assert "signing" in signing[0].name


def test_a_visit_by_he_is_by_the_person_last_named():
    text = (
        "Minister tours the Pacific\n\n"
        "SUVA, Fiji (AP) — Chinese Foreign Minister Wang Yi held talks in Suva on Monday.\n"
        "He travelled to Tonga on Tuesday for a one-day visit."
    )
    evs = run(text, dt.date(2022, 5, 31))
    visit = next(e for e in evs if e.type == "visit")
    assert "He" not in visit.name.split() and visit.country == "Tonga"
    assert [c.name for c in visit.convenors] == ["Wang Yi"]


def test_the_story_place_goes_to_its_dated_events_that_name_none():
    text = (
        "Rivals sign truce\n\n"
        "On Wednesday, envoys of the Kalvarian government and the rebel front signed an agreement in Nairobi, "
        "Kenya, ending two years of fighting. The deal was reached after ten days of talks, which began on "
        "October 25.\n"
        "The two sides will hold a follow-up meeting next year, a mediator said."
    )
    evs = run(text, dt.date(2022, 11, 4))
    talks = next(e for e in evs if e.type == "talks")
    assert talks.date == dt.date(2022, 10, 25) and talks.location == "Nairobi, Kenya"
    assert "Nairobi" in talks.name
    assert all(e.location is None for e in evs if e.date is None)  # an undated event is not placed


def test_the_story_place_does_not_go_to_an_event_told_elsewhere():
    text = (
        "Minister visits\n\n"
        "CANBERRA (Reuters) - Indian Foreign Minister Ravi Mehta held talks with his Australian counterpart "
        "Anne Dunmore in Canberra on Tuesday.\n"
        "Mehta is due to fly to Wellington on Wednesday for talks with New Zealand officials."
    )
    evs = run(text, dt.date(2025, 3, 4))
    assert all(e.city != "Canberra" for e in evs if e.date == dt.date(2025, 3, 5))


def test_meeting_again_is_a_later_event_of_the_same_kind():
    text = (
        "Water talks end\n\n"
        "Ministers from 40 countries met in Geneva on Tuesday for a conference on water security.\n"
        "Delegates agreed to meet again in Dushanbe in 2026.\n"
        "The leaders of Guyana and Venezuela met in Kingstown on Thursday. They agreed to meet again in Brazil."
    )
    evs = run(text, dt.date(2025, 3, 27))
    by_city = {e.city or e.country: e for e in evs}
    assert by_city["Dushanbe"].type == "conference" and by_city["Dushanbe"].date is None
    assert by_city["Brazil"].date is None  # not the Thursday meeting moved to Brazil
    assert by_city["Geneva"].date == dt.date(2025, 3, 25)


def test_talks_scheduled_and_postponed_did_not_take_place():
    text = "Talks had originally been scheduled for October 8 but were postponed after a dispute over the venue."
    assert run(text, dt.date(2022, 11, 4)) == []


def test_a_visit_is_named_for_its_visitor_and_destination():
    text = (
        "Leader visits neighbour\n\n"
        "Prime Minister Lena Korhonen of Finland arrived in Tallinn on Sunday for a two-day visit, "
        "and was greeted by Estonian President Mart Tamm."
    )
    evs = run(text, dt.date(2024, 5, 13))
    visit = next(e for e in evs if e.type == "visit")
    assert visit.name.endswith("visit to Tallinn") and "Korhonen" in visit.name


def test_separate_calls_with_two_partners_are_two_events():
    text = (
        "Envoy steps up diplomacy\n\n"
        "US Secretary of State Antony Blinken held separate telephone calls with Sudanese army chief Abdel "
        "Fattah al-Burhan and RSF commander Mohamed Hamdan Daglo on Tuesday.\n"
        "Blinken later held phone calls with the foreign ministers of Egypt and Qatar."
    )
    evs = run_with_people(text, dt.date(2023, 5, 12))
    calls = [e for e in evs if e.type == "call"]
    assert len(calls) == 4
    assert all(e.name.endswith("call") for e in calls)
    assert {"Egypt", "Qatar"} <= {p.name for e in calls for p in e.participants}
    assert sum(1 for e in calls if "Daglo" in e.name) == 1


def test_talks_in_a_described_lede_city_with_the_first_verbs_subject():
    text = (
        "Leader makes surprise stop\n\n"
        "Indian Prime Minister Ravi Mehta made an unannounced stopover in the Pakistani city of Lahore yesterday "
        "and held talks with Pakistani Prime Minister Imran Qureshi."
    )
    evs = run_with_people(text, dt.date(2015, 12, 26))
    talks = next(e for e in evs if e.type == "talks")
    assert talks.location == "Lahore, Pakistan" and talks.date == dt.date(2015, 12, 25)
    assert {p.name for p in talks.participants} == {"India", "Pakistan"}


def test_the_capital_described_by_a_demonym_is_the_place_not_the_demonym():
    evs = run(
        "The leaders of Kenya and Uganda agreed on Wednesday to a truce after talks in the Angolan capital.",
        dt.date(2022, 7, 6),
    )
    assert evs and evs[0].location == "Luanda, Angola"


def test_calling_someone_something_is_not_a_phone_call():
    evs = run('Castro called Obama "an honest man" on Saturday.', dt.date(2015, 4, 11))
    assert [e for e in evs if e.type == "call"] == []


def test_spoke_with_one_and_then_with_another_is_two_calls():
    text = (
        "Calls\n\n"
        "President Anna Berg of Norway spoke by phone on Saturday with Prime Minister Lars Lund of Denmark "
        "and then with President Mart Tamm of Estonia."
    )
    calls = [e for e in run_with_people(text, dt.date(2025, 7, 28)) if e.type == "call"]
    assert sorted(e.name for e in calls) == ["Berg-Lund phone call", "Berg-Tamm phone call"]
    assert all(e.date == dt.date(2025, 7, 26) for e in calls)


def test_south_american_leaders_are_not_american_ones():
    evs = run(
        "BRASILIA (AFP) - South American leaders agreed on Tuesday to revive regional integration at a summit "
        "hosted by Brazil.",
        dt.date(2023, 5, 30),
    )
    assert evs and "United States" not in {p.name for e in evs for p in e.participants}


def test_the_next_summit_with_a_place_is_a_scheduled_event_of_its_own():
    evs = run(
        "Leaders met in Brasilia on Tuesday for a summit. They agreed that the next summit would be held in "
        "Quito. The next round of talks will take place in Geneva. Asked about the next summit, he declined "
        "to comment.",
        dt.date(2023, 5, 31),
    )
    by_city = {e.city: e for e in evs}
    assert by_city["Brasília"].date == dt.date(2023, 5, 30)
    assert by_city["Quito"].name == "next summit in Quito" and by_city["Quito"].date is None
    assert by_city["Quito"].country == "Ecuador"
    assert by_city["Geneva"].name == "next round of talks in Geneva" and by_city["Geneva"].type == "talks"
    assert len(evs) == 3  # "the next summit" told with nothing of its own is no event


def test_story_people_met_by_surname_even_when_the_tagger_misses_them():
    text = (
        "Rivals sign deal\n\n"
        "South Sudan's President Salva Kiir and rebel leader Riek Machar signed a deal in Khartoum yesterday.\n"
        "The agreement came a week after Kiir and Machar met face to face for the first time in two years, "
        "in Addis Ababa on June 20."
    )
    evs = run_with_people(text, dt.date(2018, 6, 28))
    met = next(e for e in evs if e.date == dt.date(2018, 6, 20))
    assert met.city == "Addis Ababa" and "Kiir" in met.name


def test_a_visit_is_not_merged_into_another_pairs_meeting_in_the_same_city():
    text = (
        "Ministers meet\n\n"
        "US Secretary of State Antony Blinken met Palestinian President Mahmoud Abbas in Ramallah on Sunday.\n"
        "Jordan's King Abdullah travelled to Ramallah on Monday for talks with Abbas."
    )
    evs = run_with_people(text, dt.date(2022, 3, 28))
    met = next(e for e in evs if e.date == dt.date(2022, 3, 27))
    assert "Blinken" in met.name and {p.name for p in met.participants} == {"United States", "Palestine"}
    assert any(e.type == "visit" and e.date != dt.date(2022, 3, 27) for e in evs)


def test_a_meeting_told_with_its_own_place_during_a_visit_is_its_own_event():
    text = (
        "Envoy travels\n\n"
        "Deputy adviser Jon Finer of the United States travelled to Guyana and Colombia on February 4.\n"
        "In Guyana, Mr. Finer met with President Irfaan Ali of Guyana to discuss security.\n"
        "Finnish President Helena Virtanen arrived in Kyiv on Tuesday. Virtanen met Ukrainian Prime Minister "
        "Taras Hnatyuk."
    )
    evs = run_with_people(text, dt.date(2024, 2, 6))
    assert any(e.type == "meeting" and "Ali" in e.name for e in evs)
    assert not any(e.type == "meeting" and "Hnatyuk" in e.name for e in evs)  # told again as her visit


def test_an_event_of_an_organisation_is_named_for_it_and_placed_past_the_complement():
    evs = run(
        "Several of the leaders will meet again at a summit of the Mercosur trade bloc in Argentina in early July.",
        dt.date(2023, 5, 31),
    )
    summit = next(e for e in evs if e.type == "summit")
    assert summit.name.startswith("Mercosur summit") and summit.country == "Argentina"


def test_a_named_building_is_a_venue_not_a_city():
    evs = run(
        "MINSK (Reuters) - The leaders of Russia and Ukraine held all-night talks in the Palace of Independence "
        "on Wednesday.",
        dt.date(2015, 2, 12),
    )
    talks = next(e for e in evs if e.type == "talks")
    assert talks.city == "Minsk" and talks.venue == "Palace of Independence"


def test_a_bodys_next_meeting_is_named_for_the_body():
    evs = run(
        "Collaboration will continue in the coming weeks, and the Steering Committee will hold its next "
        "meeting in March.",
        dt.date(2023, 1, 27),
    )
    assert [e.name for e in evs] == ["next meeting of the Steering Committee (March 2023)"]


def test_a_summit_told_after_a_lede_without_an_event_takes_its_day_and_the_signers():
    text = (
        "Caspian deal signed\n\n"
        "AKTAU, Kazakhstan (AFP) - The leaders of the five countries bordering the Caspian Sea on Sunday signed "
        "a landmark convention on its legal status.\n"
        "Presidents Vladimir Putin of Russia, Hassan Rouhani of Iran and Ilham Aliyev of Azerbaijan put their "
        "names to the document at a summit hosted by Kazakh President Nursultan Nazarbayev in the port city of Aktau."
    )
    summit = next(e for e in run_with_people(text, dt.date(2018, 8, 12)) if e.type == "summit")
    assert summit.date == dt.date(2018, 8, 12) and summit.location == "Aktau, Kazakhstan"
    assert {"Russia", "Iran", "Azerbaijan"} <= {p.name for p in summit.participants}


def test_a_bare_summit_with_nothing_to_place_it_is_no_event():
    evs = run_with_people(
        "Summit held\n\nSINGAPORE (AP) - President Donald Trump and Kim Jong Un met at a summit in Singapore on "
        "Tuesday.\nThe summit had been thrown into doubt last month when Trump cancelled it in a letter to Kim.",
        dt.date(2018, 6, 12),
    )
    assert [e.name for e in evs] == ["Trump-Kim summit in Singapore"]
    assert "United Nations" not in {p.name for p in evs[0].participants}  # the "Un" of Kim Jong Un


def test_a_bare_meeting_with_no_place_and_one_party_is_no_event():
    evs = run_with_people(
        "Ports deal agreed\n\nLISBON (Reuters) - Portugal and Morocco agreed on Monday to build a ferry link, "
        "after two days of talks in Lisbon.\nOfficials said the two sides had held a meeting with the Spanish side "
        "in March, without result.",
        dt.date(2024, 5, 14),
    )
    assert [e.name for e in evs] == ["talks in Lisbon"]


def test_a_readouts_trilateral_meeting_is_named_for_its_three_leaders():
    text = (
        "Readout of President Biden's Meeting with Prime Minister Andersson of Sweden and President Niinisto "
        "of Finland\n\n"
        "President Joseph R. Biden, Jr. met today with Prime Minister Magdalena Andersson of Sweden and "
        "President Sauli Niinisto of Finland."
    )
    evs = run_with_people(text, dt.date(2022, 5, 19))
    assert [e.name for e in evs] == ["Biden-Andersson-Niinisto meeting"]


def test_a_stadium_is_a_venue_and_a_capital_a_little_further_is_the_place():
    text = (
        "Peace signed\n\n"
        "NAIROBI, Kenya (AFP) - Sudanese Vice President Ali Osman Taha and rebel leader John Garang signed a "
        "peace agreement at the Nyayo National Stadium on Sunday.\n"
        "Envoy Zalmay Khalilzad and Mullah Abdul Ghani Baradar signed the accord at a ceremony in the Qatari "
        "capital on Saturday."
    )
    evs = [e for e in run_with_people(text, dt.date(2005, 1, 9)) if e.type == "other"]
    assert {(e.city, e.venue) for e in evs} >= {("Nairobi", "Nyayo National Stadium"), ("Doha", None)}


def test_a_deal_signed_with_an_armed_movement_is_a_signing():
    evs = run_with_people(
        "Deal signed\n\nDOHA (Reuters) - The United States signed an agreement with the Taliban on Saturday.",
        dt.date(2020, 2, 29),
    )
    signing = next(e for e in evs if e.type == "other")
    assert signing.date == dt.date(2020, 2, 29) and signing.city == "Doha"
    assert {"United States", "Taliban"} <= {p.name for p in signing.participants}


def test_called_someone_on_a_weekday_is_a_call_but_called_on_someone_is_not():
    evs = run_with_people(
        "Calls\n\nPresident Anna Berg of Norway called Chancellor Otto Vogel on Tuesday.", dt.date(2024, 5, 9)
    )
    calls = [e for e in evs if e.type == "call"]
    assert len(calls) == 1 and calls[0].date == dt.date(2024, 5, 7)
    evs = run_with_people(
        "Calls\n\nPresident Anna Berg of Norway called on Chancellor Otto Vogel to resign.", dt.date(2024, 5, 9)
    )
    assert [e for e in evs if e.type == "call"] == []


def test_telephoned_someone_is_a_call():
    text = "Calls\n\nPrime Minister Ivo Marek of Slovakia telephoned President Ana Lopes of Portugal late on Monday."
    calls = [e for e in run_with_people(text, dt.date(2024, 5, 9)) if e.type == "call"]
    assert len(calls) == 1 and calls[0].date == dt.date(2024, 5, 6)
    assert {p.name for p in calls[0].participants} >= {"Slovakia", "Portugal"}


def test_an_earlier_meeting_of_the_same_two_men_in_another_year_is_its_own_event():
    text = (
        "Berg and Vogel hold summit\n\n"
        "President Anna Berg of Norway and Chancellor Otto Vogel of Germany met on Wednesday in Oslo.\n\n"
        "The two men last met in person in Lisbon in 2011, when Berg was foreign minister."
    )
    evs = run_with_people(text, dt.date(2021, 6, 17))
    lisbon = [e for e in evs if e.location and e.location.startswith("Lisbon")]
    assert len(lisbon) == 1 and lisbon[0].date is None
    assert {p.name for p in lisbon[0].participants} >= {"Norway", "Germany"}
    assert any(e.location and e.location.startswith("Oslo") and e.date == dt.date(2021, 6, 16) for e in evs)


def test_two_pairs_meeting_in_one_sentence_are_two_events():
    text = (
        "Summit\n\n"
        "On Wednesday, President Anna Berg of Norway held talks with Prime Minister Lars Lund of Denmark, "
        "while President Mart Tamm of Estonia met Prime Minister Ivo Marek of Slovakia."
    )
    evs = [e for e in run_with_people(text, dt.date(2024, 5, 9)) if e.type in ("talks", "meeting")]
    pairs = sorted(sorted(p.name for p in e.participants) for e in evs)
    assert pairs == [["Denmark", "Norway"], ["Estonia", "Slovakia"]]


def test_separate_talks_right_after_a_dated_lede_are_each_dated():
    text = (
        "Leaders unveil plan\n\n"
        "President Anna Berg of Norway, Prime Minister Lars Lund of Denmark and Prime Minister Mart Tamm "
        "of Estonia on Monday unveiled a plan in San Diego.\n\n"
        "After the announcement, Berg held separate talks with Lund and Tamm."
    )
    talks = [e for e in run_with_people(text, dt.date(2023, 3, 14)) if e.type == "talks"]
    assert sorted(e.name for e in talks) == ["Berg-Lund talks", "Berg-Tamm talks"]
    assert {e.date for e in talks} == {dt.date(2023, 3, 13)}


def test_leaders_of_several_countries_acting_together_under_a_dateline_met_there():
    text = (
        "Three nations unveil fisheries plan\n\n"
        "Tromso (AFP) - Norwegian Prime Minister Anna Berg, Danish Prime Minister Lars Lund and Estonian "
        "Prime Minister Mart Tamm on Monday unveiled a joint fisheries plan.\n\n"
        "After the announcement, Berg held separate talks with Lund and Tamm."
    )
    evs = run_with_people(text, dt.date(2023, 3, 14))
    joint = [e for e in evs if e.type == "meeting"]
    assert len(joint) == 1 and joint[0].date == dt.date(2023, 3, 13) and joint[0].location.startswith("Tromsø")
    assert {p.name for p in joint[0].participants} == {"Norway", "Denmark", "Estonia"}
    assert sorted(e.name for e in evs if e.type == "talks") == ["Berg-Lund talks", "Berg-Tamm talks"]


def test_one_side_acting_or_a_headline_event_makes_no_joint_meeting():
    one_side = (
        "Norway unveils plan\n\nTromso (AFP) - Norwegian Prime Minister Anna Berg and Foreign Minister "
        "Per Dahl on Monday unveiled a fisheries plan."
    )
    assert run_with_people(one_side, dt.date(2023, 3, 14)) == []


def test_a_stopover_is_a_visit():
    text = "Visit\n\nPrime Minister Anna Berg of Norway made a stopover in Reykjavik on Friday."
    evs = run_with_people(text, dt.date(2023, 3, 14))
    assert [e.type for e in evs] == ["visit"] and evs[0].location.startswith("Reykjavik")


def test_sat_down_together_or_with_someone_is_a_meeting():
    evs = run("Ministers meet\n\nThe four leaders last sat down together in Lisbon in October.", dt.date(2015, 2, 12))
    assert [(e.type, e.location) for e in evs] == [("meeting", "Lisbon, Portugal")]
    assert run("Crowds\n\nThe crowd sat down on the grass in Lisbon on Monday.", dt.date(2015, 2, 12)) == []


def test_an_ordinal_stays_in_the_event_s_name():
    evs = run(
        "Summit\n\nThe 12th summit of the Association of Southeast Asian Nations (ASEAN) opened in Cebu on Monday. "
        "Singapore will host the 13th summit in November.",
        dt.date(2007, 1, 15),
    )
    assert [e.name for e in evs] == ["12th ASEAN summit in Cebu", "13th ASEAN summit in Singapore (November 2007)"]


def test_a_meeting_of_a_named_body_is_named_for_the_body():
    text = (
        "Readout of the Joint Fisheries Council\n\n"
        "On May 3, 2024, Minister Anna Berg of Norway hosted Minister Luis Soto of Chile for the second meeting "
        "of the Norway-Chile Joint Fisheries Council."
    )
    names = [e.name for e in run(text, dt.date(2024, 5, 4))]
    assert "second Norway-Chile Joint Fisheries Council meeting" in names


def test_a_named_summit_on_a_day_is_dated_by_the_day_and_the_day_is_not_its_name():
    evs = run(
        "Call\n\nThe leaders discussed a successful outcome at this year's Climate Leaders' Summit on April 22nd.",
        dt.date(2021, 3, 1),
    )
    assert [(e.name, e.date) for e in evs] == [("Climate Leaders' Summit", dt.date(2021, 4, 22))]


def test_a_numbered_assembly_is_a_conference_but_a_standing_assembly_is_a_body():
    evs = run(
        "Assembly\n\nThe 61st World Fisheries Assembly opened in Geneva on Monday. "
        "The National Assembly voted on Tuesday. The UN General Assembly meets in New York.",
        dt.date(2025, 5, 21),
    )
    assert [(e.name, e.type) for e in evs] == [("61st World Fisheries Assembly", "conference")]


def test_an_assembly_others_meet_on_the_margins_of_is_its_session():
    evs = run(
        "Ministers meet\n\nThe foreign ministers of Chile and Peru met in New York on Tuesday on the "
        "margins of the UN General Assembly. The National Assembly of Peru voted on Wednesday.",
        dt.date(2025, 9, 24),
    )
    assert "UN General Assembly" in [e.name for e in evs if e.type == "conference"]
    assert not any("National Assembly" in e.name for e in evs)


def test_a_treaty_signed_by_two_sides_in_the_passive_is_a_signing():
    text = (
        "Treaty\n\nMURMANSK, Russia — Yesterday they drew a line.\n"
        "The treaty was signed by Foreign Minister Anna Berg of Norway and his Russian counterpart, Ivan Petrov."
    )
    evs = run_with_people(text, dt.date(2010, 9, 16))
    assert [(e.type, e.date, e.location) for e in evs] == [("other", dt.date(2010, 9, 15), "Murmansk, Russia")]
    assert {p.name for p in evs[0].participants} == {"Norway", "Russia"}


def test_a_prisoner_exchange_is_an_event():
    text = (
        "Swap\n\nANKARA, Turkey (AP) — Russia and Western countries carried out their largest prisoner "
        "exchange since the Cold War on Thursday. Currency exchange rates were stable on Thursday."
    )
    evs = run_with_people(text, dt.date(2024, 8, 1))
    assert [(e.type, e.date, e.location) for e in evs] == [("other", dt.date(2024, 8, 1), "Ankara, Turkey")]
    assert "prisoner exchange" in evs[0].name


def test_a_past_summit_named_by_its_year_and_city_is_an_event_of_that_year():
    evs = run(
        "Deal\n\nThe deal comes six years after the failure of the 2009 Copenhagen climate summit.",
        dt.date(2015, 12, 12),
    )
    assert [(e.name, e.location, e.date) for e in evs] == [
        ("Copenhagen climate summit (2009)", "Copenhagen, Denmark", None)
    ]


def test_talks_between_two_named_sides_are_an_event_even_undated():
    text = (
        "Deal\n\nThe deal came after months of talks between Foreign Minister Anna Berg of Norway and "
        "Foreign Minister Luis Soto of Chile. Norway wants more talks."
    )
    evs = run_with_people(text, dt.date(2018, 6, 18))
    assert [(e.type, e.name) for e in evs] == [("talks", "Berg-Soto talks")]


def test_signings_by_two_sides_told_in_other_ways():
    text = (
        "Peace\n\nThe leaders of Norway and Chile declared an end to the dispute, signing a joint declaration in "
        "Valparaiso on Monday. The two sides signed the final protocols on a permanent ceasefire in Naivasha "
        "on December 31."
    )
    evs = [e for e in run_with_people(text, dt.date(2018, 7, 10)) if e.type == "other"]
    assert [(e.location, e.date) for e in evs] == [
        ("Valparaíso, Chile", dt.date(2018, 7, 9)),
        ("Naivasha, Kenya", dt.date(2017, 12, 31)),
    ]


def test_a_referendum_is_held_across_the_country_that_holds_it():
    text = (
        "Talks\n\nARGYLE, St Vincent (Reuters) - The leaders met on Thursday.\n"
        "Tensions rose after Venezuela held a referendum on December 3. Colombians must still approve the "
        "accord in a plebiscite on Sunday."
    )
    evs = {e.name: e for e in run_with_people(text, dt.date(2023, 12, 15)) if e.type == "other"}
    assert evs["referendum in Venezuela"].date == dt.date(2023, 12, 3)
    assert evs["plebiscite"].date == dt.date(2023, 12, 17)  # "must still approve it on Sunday": ahead


def test_a_visit_placed_by_the_verb_it_completes():
    evs = run_with_people(
        "Visit\n\nPrime Minister Anna Berg of Norway arrived in the Chilean capital on Sunday for a two-day visit.",
        dt.date(2018, 7, 9),
    )
    assert [(e.type, e.location) for e in evs] == [("visit", "Santiago, Chile")]


def test_cop_numbers_and_the_conference_of_the_parties_are_one_event():
    text = (
        "Climate deal adopted\n\nLE BOURGET, France (AFP) - Nearly 200 nations adopted a climate accord on Saturday "
        "at the COP21 talks. The 21st Conference of the Parties opened on November 30. Delegates of the "
        "Conference of the Parties cheered. The COP22 will meet in Marrakesh."
    )
    evs = run_with_people(text, dt.date(2015, 12, 12))
    assert [e.name for e in evs] == ["21st Conference of the Parties", "COP22 in Marrakesh"]


def test_he_held_a_summit_where_the_story_just_was():
    text = (
        "Trip\n\nPrime Minister Anna Berg of Norway ended a trip that began in Lisbon, where she held an annual "
        "summit with Portuguese President Rui Costa on Thursday."
    )
    evs = [e for e in run_with_people(text, dt.date(2015, 12, 26)) if e.type == "summit"]
    assert [(e.name, e.location) for e in evs] == [("Berg-Costa summit in Lisbon", "Lisbon, Portugal")]


def test_a_group_of_seven_summit_under_a_provincial_dateline():
    text = (
        "Summit ends\n\nLA MALBAIE, Quebec (AP) — A Group of Seven summit that ended with a joint statement "
        "unraveled within hours."
    )
    evs = run_with_people(text, dt.date(2018, 6, 10))
    assert [(e.name, e.location) for e in evs] == [("G7 summit in La Malbaie", "La Malbaie, Canada")]


def test_six_party_talks_are_not_a_party_meeting_and_cop_may_be_hyphenated():
    text = (
        "Talks\n\nBEIJING, Sept 19 (Reuters) - North Korea agreed on Monday to abandon its weapons, in a joint "
        "statement that closed the fourth round of six-party talks in Beijing. Egypt will host COP-27."
    )
    names = [e.name for e in run_with_people(text, dt.date(2005, 9, 19))]
    assert names == ["six-party talks in Beijing", "COP-27 in Egypt"]


def test_a_named_body_that_met_is_a_meeting_named_for_it():
    evs = run(
        "Statement\n\nOn April 28, the Norway-Chile Task Force on Fisheries met in person in Oslo to review quotas.",
        dt.date(2022, 4, 29),
    )
    assert [(e.name, e.date) for e in evs] == [
        ("Norway-Chile Task Force on Fisheries meeting in Oslo", dt.date(2022, 4, 28))
    ]


def test_a_summit_is_nobodys_side_event_and_party_leaders_signing_is_a_signing():
    text = (
        "Accord\n\nThe leaders of the four main parties signed a peace agreement in Skopje on Monday. "
        "Berg met Soto on the sidelines of the NATO summit in Madrid, and spoke at the G7 summit in Hiroshima in May."
    )
    names = [e.name for e in run(text, dt.date(2001, 8, 14))]
    assert "G7 summit in Hiroshima (May 2001)" in names
    assert "signing of the peace agreement in Skopje" in names


def test_a_video_call_is_a_call_a_video_message_is_not():
    text = (
        "Ceasefire announced\n\n"
        "President Elena Voss of Austria and Prime Minister Karel Dvorak of the Czech Republic announced the deal "
        "during a video call on Monday. The chancellor sent a video message to the assembly."
    )
    evs = run_with_people(text, dt.date(2020, 11, 10))
    assert [(e.type, e.date) for e in evs] == [("call", dt.date(2020, 11, 9))]
    assert {p.name for p in evs[0].participants} == {"Austria", "Czech Republic"}


def test_a_features_headline_event_takes_the_ledes_day_and_place():
    headline = "Two rivals shake hands\nPetrov and Ivanova sealed a truce at the first Balkan peace summit in a decade."
    body = (
        "At dawn yesterday, President Nikola Petrov of Serbia walked into a tent in the border village of "
        "Kapitan Andreevo, Bulgaria, and shook hands with President Maria Ivanova of Bulgaria. "
        "The summit lasted six hours."
    )
    evs = extract(make_ctx(body, dt.date(2019, 5, 4), title=headline)).events
    assert [(e.type, e.date) for e in evs] == [("summit", dt.date(2019, 5, 3))]


def test_a_headline_event_does_not_displace_the_ledes_own_event():
    text = (
        "Leaders hold summit\n\n"
        "PARIS (Reuters) - The presidents of France and Chile held talks in Paris on Monday. "
        "They discussed trade."
    )
    evs = run_with_people(text, dt.date(2019, 5, 7))
    assert [(e.type, e.date, e.city) for e in evs] == [("talks", dt.date(2019, 5, 6), "Paris")]


def test_two_people_meeting_with_a_newcomer_stand_apart_from_the_story_event():
    text = (
        "Summit ends\n\n"
        "SEOUL (AP) - President Lee Min-ho of South Korea and Prime Minister Sato Kenji of Japan held a summit "
        "in Seoul on Friday. The real test will come when Lee meets Donald Trump of the United States."
    )
    evs = run_with_people(text, dt.date(2019, 5, 4))
    assert [e.type for e in evs] == ["summit", "meeting"]
    assert {p.name for p in evs[1].participants} >= {"United States"}


def test_welcoming_a_summit_from_elsewhere_is_no_meeting_and_no_place():
    text = (
        "Summit praised\n\n"
        "The leaders of Peru and Chile held a summit on Friday. In Tokyo, Prime Minister Sato Kenji "
        "welcomed the summit as a positive step."
    )
    evs = run_with_people(text, dt.date(2019, 5, 4))
    assert [(e.type, e.city) for e in evs] == [("summit", None)]


def test_a_when_clause_meeting_takes_the_day_it_hangs_on():
    text = (
        "Grain talks\n\n"
        "The signing capped weeks of diplomacy. The breakthrough came on 13 July, when military delegations "
        "from Peru, Chile and Bolivia met officials in Lima."
    )
    evs = run_with_people(text, dt.date(2022, 7, 23))
    assert [(e.type, e.date, e.city) for e in evs] == [("meeting", dt.date(2022, 7, 13), "Lima")]


def test_a_signing_is_named_for_the_document_signed():
    text = (
        "Deal signed\n\n"
        "LIMA (AP) - Chile's foreign minister, Ana Soto, signed the Pacific Fisheries Initiative with Peru's "
        "foreign minister, Luis Vega, on Friday. In Quito, the two sides signed a comprehensive border agreement "
        "on Monday. They later signed an identical text with Bolivia on Sunday."
    )
    evs = run_with_people(text, dt.date(2022, 7, 23))
    names = [e.name for e in evs]
    assert "signing of the Pacific Fisheries Initiative in Lima" in names
    assert any(n.endswith("signing of the comprehensive border agreement in Quito") for n in names)
    assert not any("identical" in n for n in names)


def test_a_since_date_is_when_a_process_began_not_a_new_event():
    text = (
        "Peace deal\n\n"
        "BELFAST (Reuters) - The parties reached a deal at talks in Belfast on Friday. "
        "Senator Jon Reed of the United States, who has chaired the talks since June 1996, praised them."
    )
    evs = run_with_people(text, dt.date(1998, 4, 11))
    assert [(e.type, e.date) for e in evs] == [("talks", dt.date(1998, 4, 10))]


def test_a_call_with_three_people_of_unknown_sides_is_named_for_them():
    text = (
        "Calls\n\n"
        "Party leaders David Trimm and Gerald Addams struck a deal on Friday.\n\n"
        "U.S. President Bill Carter, who telephoned Trimm, Addams and other party leaders in the early hours of "
        "Friday to urge them to close the deal, welcomed the agreement in Washington."
    )
    evs = run_with_people(text, dt.date(1998, 4, 11))
    assert [e.name for e in evs if e.type == "call"] == ["Carter-Trimm-Addams phone call"]


def test_an_event_of_another_time_keeps_its_month_or_year_in_its_name():
    text = (
        "Group meets\n\n"
        "TOKYO (AP) - The leaders of the Pacific Four held a summit in Tokyo on Tuesday. "
        "Their ministers first met in Suva in March last year and held a video summit in Manila in 2019."
    )
    names = [e.name for e in run_with_people(text, dt.date(2022, 5, 25))]
    assert names[0] == "summit in Tokyo"
    assert any(n.endswith("(March 2021)") for n in names)
    assert any(n.endswith("(2019)") and "Manila" in n for n in names)


def test_an_undated_story_event_does_not_absorb_another_years_event():
    text = (
        "Summit ends\n\n"
        "A summit of the Group of Seven ended in disarray on Saturday in Ottawa. France will host the group's "
        "2019 summit in Biarritz."
    )
    evs = run_with_people(text, dt.date(2018, 6, 10))
    assert [e.name for e in evs] == ["G7 summit in Ottawa", "summit in Biarritz (2019)"]


def test_a_later_visit_with_its_own_time_does_not_take_the_first_verbs_year():
    text = (
        "Ties\n\nThe talks ended.\n\n"
        "Chancellor Olaf Berg of Austria visited Peru in 2014, and President Ana Soto of Peru visited Austria "
        "the following year."
    )
    evs = run_with_people(text, dt.date(2018, 4, 28))
    visits = {e.name: e.date_precision for e in evs if e.type == "visit"}
    assert any(n.endswith("(2014)") for n in visits)
    assert any("Austria" in n and "(2014)" not in n for n in visits)


def test_a_meeting_said_of_the_summit_is_the_summit_and_a_gathering_is_an_event():
    text = (
        "Quad meets\n\n"
        "TOKYO (AP) - The summit, hosted by Prime Minister Kenji Sato of Japan on Tuesday, was the second "
        "in-person meeting of the group's leaders after a gathering at the White House in September."
    )
    evs = run_with_people(text, dt.date(2022, 5, 25))
    assert [e.type for e in evs] == ["summit", "meeting"]
    assert evs[1].city == "Washington" and evs[1].name.endswith("(September 2021)")


def test_separate_talks_with_a_partner_are_not_earlier_talks_without_them():
    text = (
        "Talks\n\n"
        "TOKYO (AP) - President Joe Baker of the United States held talks with Prime Minister Kenji Sato of Japan "
        "on Monday. Baker later held separate talks with Prime Minister Raj Mehta of India and Prime Minister "
        "Tom Hale of Australia."
    )
    evs = run_with_people(text, dt.date(2022, 5, 25))
    assert not any("Mehta" in e.name and "Sato" in e.name for e in evs)
    assert sum(1 for e in evs if e.type == "talks") == 3


def test_a_meeting_that_ended_keeps_the_date_of_its_own_phrase():
    text = (
        "Talks\n\nThe war went on.\n\n"
        "A meeting between Foreign Ministers Ivan Petrov of Russia and Olena Koval of Ukraine, hosted by Turkey in "
        "the Turkish resort of Antalya on March 10, ended without agreement."
    )
    evs = run_with_people(text, dt.date(2022, 3, 30))
    assert [(e.date, e.city) for e in evs] == [(dt.date(2022, 3, 10), "Antalya")]


def test_a_statement_on_a_meeting_names_the_meeting():
    text = (
        "Leaders meet\n\n"
        "JAKARTA (AP) - The ASEAN Leaders' Meeting opened in Jakarta on Saturday.\n"
        "\"Chairman's Statement on the ASEAN Leaders' Meeting\" - ASEAN Secretariat, April 24, 2021"
    )
    evs = run_with_people(text, dt.date(2021, 4, 25))
    assert [e.name for e in evs] == ["ASEAN Leaders' Meeting"]


def test_a_named_group_that_held_an_event_names_it():
    text = (
        "Crisis\n\nDiplomacy went on.\n\n"
        "ASEAN foreign ministers held an informal video conference on the crisis on March 2. "
        "The two leaders held talks in Hanoi on Monday."
    )
    names = [e.name for e in run_with_people(text, dt.date(2021, 4, 25))]
    assert "ASEAN foreign ministers' video conference" in names
    assert not any("leaders'" in n for n in names)


def test_welcoming_a_delegation_to_a_venue_places_the_meeting_there():
    text = (
        "Readout of Deputy Adviser Jon Fenner's Meeting with Foreign Minister Alvaro Leyes of Colombia\n\n"
        "Deputy Adviser Jon Fenner and Secretary Ana Mays welcomed Foreign Minister Alvaro Leyes of Colombia, "
        "Ambassador Luis Morales, and their delegation to the White House on June 10, 2023."
    )
    evs = run_with_people(text, dt.date(2023, 6, 11))
    assert [(e.date, e.city, e.venue) for e in evs] == [(dt.date(2023, 6, 10), "Washington", "White House")]


def test_two_venues_on_one_day_are_two_events():
    text = (
        "Summit\n\n"
        "BEIJING (AP) - President Ana Berg of the European Commission met President Wu Lin of China at the "
        "Diaoyutai State Guesthouse on Thursday, before holding the 24th EU-China summit with Premier Li Qiang "
        "at the Great Hall of the People."
    )
    evs = run_with_people(text, dt.date(2023, 12, 8))
    assert len(evs) == 2
    assert {e.venue for e in evs} == {"Diaoyutai State Guesthouse", "Great Hall of the People"}


def test_a_later_clause_with_its_own_date_and_a_commanders_meeting():
    text = (
        "Truce\n\n"
        "Prime Minister Ana Soto of Peru and President Luis Vega of Chile met in Lima on Monday.\n\n"
        "Military commanders from both sides will hold an informal meeting on Tuesday morning, and a meeting of "
        "the General Border Committee will be hosted by Chile on Aug. 4."
    )
    evs = run_with_people(text, dt.date(2025, 7, 28))
    assert [(e.name, e.date) for e in evs] == [
        ("Soto-Vega meeting in Lima", dt.date(2025, 7, 28)),
        ("military commanders' meeting", dt.date(2025, 7, 29)),
        ("General Border Committee meeting", dt.date(2025, 8, 4)),
    ]


def test_spoke_to_names_the_partner_and_two_calls_with_different_partners_stay_apart():
    text = (
        "Ceasefire\n\nIsrael agreed to a ceasefire.\n\n"
        "U.S. President Joe Biden spoke to Israeli Prime Minister Benjamin Netanyahu on Thursday, and then "
        "spoke with Egyptian President Abdel Fattah al-Sisi on Thursday evening."
    )
    calls = [e for e in run_with_people(text, dt.date(2021, 5, 21)) if e.type == "call"]
    assert sorted(e.name for e in calls) == ["Biden-Netanyahu phone call", "Biden-al-Sisi phone call"]


def test_an_official_name_of_another_time_stays_as_it_is():
    text = (
        "Summit\n\nWASHINGTON (AP) - President Ana Soto of Chile met President Luis Vega of Peru in Washington on "
        "Monday. They first met at the U.S.-Africa Leaders Summit in December 2022."
    )
    names = [e.name for e in run_with_people(text, dt.date(2024, 5, 7))]
    assert "U.S.-Africa Leaders Summit" in names


def test_a_named_summit_with_a_curly_possessive_keeps_its_date():
    # the parser may hang "Leaders" and "Summit" both on "At": the name's head is its last word
    evs = run_with_people(
        "Statement\n\nAt the Andean Leaders’ Summit on January 9, the three presidents instructed their "
        "ministers to act.",
        dt.date(2023, 3, 10),
    )
    assert [(e.name, e.date) for e in evs] == [("Andean Leaders’ Summit", dt.date(2023, 1, 9))]


def test_a_building_owned_by_a_country_is_the_venue_in_that_country():
    evs = run_with_people(
        "Statement\n\nAt the high-level meeting hosted by President Ana Ruiz that took place on March 9, 2023 in "
        "Chile’s La Moneda Palace, the two delegations committed to a plan.",
        dt.date(2023, 3, 10),
    )
    assert [(e.venue, e.country, e.date) for e in evs] == [("La Moneda Palace", "Chile", dt.date(2023, 3, 9))]


def test_each_stop_of_a_trip_is_a_visit_of_the_traveller():
    evs = run_with_people(
        "Trip\n\nOSLO (AFP) - Chilean President Ana Ruiz addressed the Storting on Monday.\n"
        "Ruiz will fly to Bergen on Tuesday before travelling on to Denmark and Iceland.",
        dt.date(2024, 5, 13),
    )
    visits = {e.location: e for e in evs if e.type == "visit"}
    assert set(visits) == {"Bergen, Norway", "Denmark", "Iceland"}
    assert visits["Bergen, Norway"].date == dt.date(2024, 5, 14)
    assert {p.name for p in visits["Iceland"].participants} == {"Chile", "Iceland"}


def test_also_speaking_with_someone_else_is_a_second_call():
    evs = run_with_people(
        "Calls\n\nOSLO (AP) - Norway's Foreign Minister Anna Berg spoke by telephone with Chilean "
        "Foreign Minister Tomas Vik on Saturday. Berg also spoke with Peruvian Foreign Minister Luis Salas, Oslo said.",
        dt.date(2025, 5, 11),
    )
    assert sorted(e.name for e in evs if e.type == "call") == ["Berg-Salas phone call", "Berg-Vik phone call"]


def test_an_exchange_of_instruments_of_ratification_is_an_event_named_for_the_treaty():
    evs = run_with_people(
        "Border deal\n\nLIMA - Chile and Peru yesterday exchanged the instruments of ratification of the 1929 Tacna "
        "Boundary Treaty, ending a long dispute.",
        dt.date(2024, 6, 7),
    )
    assert [(e.type, e.name, e.date) for e in evs] == [
        (
            "other",
            "exchange of instruments of ratification of the 1929 Tacna Boundary Treaty in Lima",
            dt.date(2024, 6, 6),
        )
    ]


def test_speaking_with_someone_at_a_gathering_is_a_meeting_and_by_phone_a_call():
    def kinds(sentence):
        return [(e.type, e.location) for e in run_with_people("Talks\n\n" + sentence, dt.date(2021, 6, 12))]

    assert kinds("President Anna Berg spoke today with President Tom Vik of Chile at the G7 to discuss trade.") == [
        ("meeting", None)  # the G7 is a gathering, not a town
    ]
    side = kinds("President Anna Berg spoke with President Tom Vik of Chile on the sidelines of the Arctic Forum.")
    assert ("meeting", None) in side and ("call", None) not in side
    assert kinds("President Anna Berg spoke by phone with President Tom Vik of Chile on Monday.") == [("call", None)]


def test_being_honored_to_welcome_a_leader_to_a_venue_is_a_meeting_of_both():
    evs = run_with_people(
        "Joint Statement\n\nPresident Tom Marlow is honored to welcome Prime Minister Anna Berg of Aotearoa New "
        "Zealand to the White House.",
        dt.date(2022, 5, 31),
    )
    assert [(e.type, e.name, e.location) for e in evs] == [
        ("meeting", "Marlow-Berg meeting at the White House", "Washington, United States")
    ]
    assert "New Zealand" in {p.name for p in evs[0].participants}


def test_what_preceded_the_summit_on_a_day_gives_the_summit_no_such_day():
    evs = run_with_people(
        "Summit\n\nSEOUL (Reuters) - The leaders of Chile, Peru and Bolivia met for a summit in Seoul on Monday.\n"
        "The summit was preceded on Sunday by a round of bilateral meetings.",
        dt.date(2024, 5, 27),
    )
    assert [(e.type, e.date) for e in evs] == [("summit", dt.date(2024, 5, 27))]


def test_a_visit_told_after_a_meeting_is_named_for_the_one_who_travelled():
    evs = run_with_people(
        "Diplomacy\n\nChile's foreign minister, Ana Ruiz, met Peru's foreign minister in Lima on Thursday and flew "
        "on to Bolivia on Friday.",
        dt.date(2025, 5, 11),
    )
    assert "Ruiz visit to Bolivia" in {e.name for e in evs if e.type == "visit"}


def test_a_readouts_meeting_stays_a_meeting_and_is_placed_after_a_long_list_of_titles():
    text = (
        "Readout of National Security Advisor Tom Marlow’s Meeting with Chinese Politburo Member, Director of the "
        "Office of the Foreign Affairs Commission, and Foreign Minister Li Wen\n\n"
        "National Security Advisor Tom Marlow met on September 16-17 with Chinese Politburo Member, Director of the "
        "Office of the Foreign Affairs Commission, and Foreign Minister Li Wen in Malta. The two sides committed to "
        "pursue additional high-level engagement and consultations in key areas."
    )
    evs = run_with_people(text, dt.date(2023, 9, 17))
    assert [(e.type, e.location, e.date) for e in evs] == [("meeting", "Malta", dt.date(2023, 9, 16))]
    assert "European Commission" not in {p.name for p in evs[0].participants}


def test_a_summit_between_two_blocs_is_placed_where_it_will_be_held():
    evs = run_with_people(
        "Summit\n\nLIMA - Leaders met yesterday in Lima for the seventh summit of Mercosur.\n"
        "Leaders also agreed to hold a summit between Mercosur and the European Union in Brussels in "
        "July, the first such meeting in eight years.",
        dt.date(2023, 1, 25),
    )
    later = next(e for e in evs if "European Union" in {p.name for p in e.participants})
    assert (later.location, later.name.endswith("(July 2023)")) == ("Brussels, Belgium", True)


def test_a_one_word_official_name_says_where_it_was_held():
    evs = run_with_people(
        "Climate\n\nAustralia will host COP31 in Adelaide next year, officials said.",
        dt.date(2025, 6, 1),
    )
    assert "COP31 in Adelaide" in {e.name for e in evs}


def test_spoke_by_telephone_with_is_a_call_whatever_the_parser_calls_by():
    evs = run_with_people(
        "Talks\n\nOn September 27, Farid Kazemi, Iran's newly elected president, spoke by telephone with "
        "President Tom Miller as Kazemi was being driven to the airport in New York.",
        dt.date(2025, 10, 2),
    )
    assert [(e.type, e.date) for e in evs] == [("call", dt.date(2025, 9, 27))]


def test_a_country_that_hosts_a_gathering_is_where_it_takes_place():
    evs = run_with_people(
        "Climate\n\nThe United Arab Emirates will host COP28 in 2023. Egypt will host the next water conference in "
        "2024, officials said.",
        dt.date(2022, 11, 25),
    )
    assert sorted((e.name, e.location) for e in evs) == [
        ("COP28 in United Arab Emirates", "United Arab Emirates"),
        ("next conference in Egypt (2024)", "Egypt"),
    ]


def test_ones_first_call_held_is_told_not_pointed_back_to():
    evs = run_with_people(
        "Truce\n\nPresident Omar Haddad of Egypt sent envoys to Gaza. Joe Biden spoke to Netanyahu on Thursday for "
        "the sixth time, and held his first phone call as president with Haddad the same day.",
        dt.date(2021, 5, 21),
    )
    assert sorted((e.name, e.date) for e in evs) == [
        ("Biden-Haddad phone call", dt.date(2021, 5, 20)),
        ("Biden-Netanyahu phone call", dt.date(2021, 5, 20)),
    ]


def test_where_the_swap_took_place_corrects_the_datelines_default():
    evs = run_with_people(
        "Swap\n\nWASHINGTON (AP) - Freedonia released a jailed American athlete on Thursday in a prisoner exchange "
        "that saw the United States free a Freedonian arms dealer. The swap took place at an airport in Abu Dhabi, "
        "officials said.",
        dt.date(2022, 12, 8),
    )
    assert [(e.type, e.location, e.date) for e in evs] == [
        ("other", "Abu Dhabi, United Arab Emirates", dt.date(2022, 12, 8))
    ]


def test_a_numbered_round_of_a_named_dialogue_is_one_held():
    evs = run_with_people(
        "Dialogue\n\nOver hours of talks with Foreign Minister Li Wen at the sixth round of the Norway-China "
        "Foreign and Strategic Dialogue, Kari Lund raised the detention of Norwegian citizens.",
        dt.date(2022, 12, 22),
    )
    assert [e.name for e in evs] == ["Norway-China Foreign and Strategic Dialogue"]


def test_when_the_two_met_is_a_meeting_of_the_two_named_before():
    evs = run_with_people(
        "Talks\n\nPrime Minister Ana Silva of Portugal urged President Li Wen to call Kyiv when the two met in "
        "Beijing on March 31.",
        dt.date(2023, 4, 27),
    )
    assert [(e.name, e.date) for e in evs] == [("Silva-Li meeting in Beijing", dt.date(2023, 3, 31))]


def test_the_sentence_that_places_the_storys_meeting_is_that_meeting():
    evs = run_with_people(
        "Rivers\n\nLao and Vietnamese ministers held a meeting of the Mekong Joint Commission on Thursday to "
        "finalise a water deal. The 38th meeting of the commission was held in Hanoi, with ministers from both "
        "sides.",
        dt.date(2022, 8, 26),
    )
    assert [(e.date, e.location) for e in evs] == [(dt.date(2022, 8, 25), "Hanoi, Vietnam")]


def test_a_trip_one_departs_for_is_dated_by_the_departure():
    evs = run_with_people(
        "Allies\n\nPresident Ana Berg of Norway spoke to reporters on Monday. Berg is scheduled to depart on "
        "Wednesday for a ten-day trip to Chile and Peru, two close partners.",
        dt.date(2023, 3, 27),
    )
    assert [(e.type, e.date) for e in evs if e.type == "visit"] == [("visit", dt.date(2023, 3, 29))]


def test_a_readouts_meeting_is_not_the_summit_of_others_it_welcomed():
    evs = run_with_people(
        "Readout of President Anna Berg's Meeting with King Omar of Jordan\n\n"
        "President Anna Berg met today with King Omar of Jordan. President Berg welcomed the recent trilateral "
        "summit in Baghdad between Iraq, Jordan, and Egypt.",
        dt.date(2021, 7, 19),
    )
    assert sorted((e.type, e.location) for e in evs) == [("meeting", None), ("summit", "Baghdad, Iraq")]


def test_an_event_is_named_for_the_surname_not_the_given_name_of_sir_x():
    evs = run_with_people(
        "Visit\n\nPrime Minister Sir Tom Ashby met President Ana Berg at the White House on Thursday. Sir Tom "
        "pressed the case for guarantees. Ashby arrived in Washington on Wednesday.",
        dt.date(2025, 2, 28),
    )
    assert all("Tom" not in e.name for e in evs) and any("Ashby" in e.name for e in evs)


def test_members_listed_in_apposition_who_met_are_its_parties():
    evs = run_with_people(
        "Statement\n\nThe members of the Andean Water Initiative (AWI)— Chile, Peru, Bolivia, and Ecuador—met in "
        "Lima on March 3. Previously participating states welcome Ecuador as a new member.",
        dt.date(2022, 3, 4),
    )
    assert [(e.location, sorted(p.name for p in e.participants)) for e in evs] == [
        ("Lima, Peru", ["Bolivia", "Chile", "Ecuador", "Peru"])
    ]


def test_a_summit_still_being_prepared_is_not_the_meeting_that_prepared_it():
    evs = run_with_people(
        "Ministers agree to speed up plans for leaders' summit\n\n"
        "LIMA, Peru, May 4 - The foreign ministers of Chile, Peru and Ecuador agreed on Sunday to accelerate "
        "preparations for a three-way leaders' summit. Peruvian Foreign Minister Ana Soto hosted Chilean "
        "Foreign Minister Luis Vera and Ecuadorean Foreign Minister Rosa Mena at the Torre Tagle Palace. "
        "Senior diplomats met in Quito in March and agreed to work toward a ministers' meeting and a summit.",
        dt.date(2025, 5, 4),
    )
    held = [e for e in evs if e.date == dt.date(2025, 5, 4)]
    assert [(e.type, e.location) for e in held] == [("meeting", "Lima, Peru")]
    assert not any(e.type == "summit" and e.location == "Lima, Peru" for e in evs)


def test_the_meeting_in_a_new_paragraph_is_the_storys_not_one_told_in_passing_before():
    ex = extract(
        make_ctx(
            "LIMA, Peru (AP) - Foreign ministers of Peru and Ecuador ended a two-day meeting in Lima on Tuesday "
            "with a joint statement on border trade.\n"
            "Before that, Peruvian Foreign Minister Ana Soto met Bolivian President Luis Arce in La Paz on Saturday.\n"
            "At the meeting, Chilean Foreign Minister Rosa Mena said her country backed the border deal.",
            dt.date(2025, 3, 5),
            title="Ministers meet in Lima",
        )
    )
    said = next(s for s in ex.statements if s.speaker.name == "Rosa Mena")
    assert ex.events[said.event].location == "Lima, Peru"


def test_a_summit_hosted_in_a_leaders_hometown_is_placed_there():
    evs = run(
        "Quad\n\nNEW YORK (Reuters) - Beijing has been irritated by last weekend's summit of the Quad grouping, "
        "which the president hosted in his hometown of Wilmington, Delaware.",
        dt.date(2024, 9, 27),
    )
    assert [(e.type, e.location) for e in evs] == [("summit", "Wilmington, United States")]


def test_a_venue_named_for_its_city_places_the_event():
    evs = run(
        "Trade talks\n\nThe 13th Ministerial Conference opened on February 26 at the Abu Dhabi National "
        "Exhibition Centre with a burst of optimism.",
        dt.date(2024, 3, 3),
    )
    assert [(e.name, e.location, e.venue) for e in evs] == [
        ("13th Ministerial Conference", "Abu Dhabi, United Arab Emirates", "Abu Dhabi National Exhibition Centre")
    ]


def test_the_place_one_went_to_for_an_event_is_the_events():
    evs = run(
        "Trade\n\nWhile in Lima, Peru, for the APEC Leaders' Summit, the premier met business leaders. "
        "Ministers later flew to Quito for the Andean summit.",
        dt.date(2024, 11, 16),
    )
    placed = {e.name: e.location for e in evs if e.type == "summit"}
    assert placed == {"APEC Leaders' Summit": "Lima, Peru", "Andean summit in Quito": "Quito, Ecuador"}
    evs = run(
        "Readout\n\nThe adviser hosted a senior delegation at the White House on March 6 for a meeting of the "
        "Joint Strategic Group.",
        dt.date(2023, 3, 6),
    )
    assert [e.location for e in evs] == ["Washington, United States"]


def test_a_day_told_after_the_events_city_and_country_is_its_day():
    evs = run(
        "Alliance\n\nThe secretary general hoped leaders would endorse the plan at their next summit in Ulaanbaatar, "
        "Mongolia, on July 11 and 12.",
        dt.date(2026, 4, 5),
    )
    assert [(e.type, e.date, e.location) for e in evs] == [("summit", dt.date(2026, 7, 11), "Ulaanbaatar, Mongolia")]


def test_a_named_event_of_another_year_keeps_apart_and_an_alliance_is_no_town():
    evs = run(
        "Readout\n\nThe president met today with the Secretary General of NATO to prepare for the July 11-12, "
        "2027 NATO Summit in Riga. They discussed the need for Allies to build on the 2014 Wales Summit defense "
        "investment pledge. They underscored their desire to welcome Austria to the Alliance. The president "
        "conveyed that he is looking forward to hosting NATO Allies in Washington, D.C. July 9-11, 2028 for "
        "NATO's 80th anniversary summit.",
        dt.date(2027, 6, 13),
    )
    wales = next(e for e in evs if "Wales" in e.name)
    assert (wales.date, wales.location) == (None, None)
    assert (dt.date(2028, 7, 9), "Washington, United States") in [(e.date, e.location) for e in evs]
    assert not any(e.location and "Alliance" in e.location for e in evs)
