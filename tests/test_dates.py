import datetime as dt

from app.ingest import nlp
from app.ingest.extract.dates import find_dates, tense_at

THU = dt.date(2025, 3, 27)  # a Thursday


def one(text: str, published: dt.date | None = THU, future: bool = False):
    found = find_dates(text, published, tense=(lambda _o: "future") if future else None)
    assert found, text
    return found[0]


def test_weekday_past_and_same_day():
    assert one("They met on Thursday.").date == THU
    assert one("They met on Wednesday.").date == dt.date(2025, 3, 26)
    assert one("They met on Friday.").date == dt.date(2025, 3, 21)


def test_weekday_future():
    assert one("They will meet on Thursday.", future=True).date == THU
    assert one("They will meet on Monday.", future=True).date == dt.date(2025, 3, 31)
    assert one("next Monday").date == dt.date(2025, 3, 31)
    assert one("last Thursday").date == dt.date(2025, 3, 20)


def test_weekday_tense_from_parse():
    text = "The leaders will meet on Monday in Paris."
    doc = nlp.parse(text)
    found = find_dates(text, THU, tense=lambda o: tense_at(doc, o))
    assert found[0].date == dt.date(2025, 3, 31)
    text = "The leaders met on Monday in Paris."
    doc = nlp.parse(text)
    found = find_dates(text, THU, tense=lambda o: tense_at(doc, o))
    assert found[0].date == dt.date(2025, 3, 24)


def test_relative_days_across_month_boundary():
    pub = dt.date(2025, 3, 1)
    assert one("yesterday", pub).date == dt.date(2025, 2, 28)
    assert one("tomorrow", dt.date(2024, 12, 31)).date == dt.date(2025, 1, 1)
    assert one("spoke today", pub).date == pub


def test_explicit_dates_and_ranges():
    assert one("on March 27").date == THU
    assert one("27 March 2025").date == THU
    d = one("on March 27-28")
    assert (d.date, d.end_date) == (THU, dt.date(2025, 3, 28))
    d = one("from March 30-April 2")
    assert (d.date, d.end_date) == (dt.date(2025, 3, 30), dt.date(2025, 4, 2))
    assert one("on Sept. 3, 2021").date == dt.date(2021, 9, 3)
    assert one("Thursday, March 27, 2025").date == THU


def test_month_without_year_takes_nearest_year():
    assert one("on December 30", dt.date(2025, 1, 3)).date == dt.date(2024, 12, 30)
    assert one("on January 2", dt.date(2024, 12, 28)).date == dt.date(2025, 1, 2)


def test_ordinal_day():
    assert one("on the 27th").date == THU
    assert one("on the 30th", dt.date(2025, 4, 2)).date == dt.date(2025, 3, 30)


def test_coarse_precision():
    d = one("talks in Saudi Arabia this week")
    assert d.precision == "week" and d.day is None
    d = one("the November 2022 meeting in Bali")
    assert d.precision == "month" and d.day is None and d.date == dt.date(2022, 11, 1)
    assert one("next week").precision == "week"


def test_shift():
    d = one("three days before March 27")
    assert d.date == dt.date(2025, 3, 24)
    assert d.text.startswith("three days")


def test_traps():
    assert find_dates("We may meet again, we said.", THU) == []
    assert find_dates("Wed to the idea, we agreed in principle.", THU) == []
    assert find_dates("", THU) == []
    assert find_dates("on Thursday", None) == []
    assert find_dates("in May 2024", THU)[0].precision == "month"
    assert find_dates("the 2nd round of talks", THU) == []


def test_day_pair_joined_by_and_is_a_range():
    d = one("They gathered virtually on October 13 and 14 to discuss ransomware.", dt.date(2021, 10, 14))
    assert d.date == dt.date(2021, 10, 13) and d.end_date == dt.date(2021, 10, 14)
    d = one("on 13 and 14 October", dt.date(2021, 10, 14))
    assert d.date == dt.date(2021, 10, 13) and d.end_date == dt.date(2021, 10, 14)
    # a count after "and" is not a day
    d = one("They met on March 27 and 2,000 troops left.", dt.date(2025, 3, 28))
    assert d.date == dt.date(2025, 3, 27) and d.end_date is None


def test_scheduled_for_a_day_is_the_nearest_such_day():
    text = "A spokesman said the next round was tentatively scheduled for June 18 in Geneva."
    doc = nlp.parse(text)
    found = find_dates(text, dt.date(2025, 5, 14), tense=lambda o: tense_at(doc, o))
    assert found[0].date == dt.date(2025, 6, 18)


def test_ordinals_that_number_things_are_not_days():
    pub = dt.date(2023, 12, 7)
    assert [d.text for d in find_dates("before holding the 24th EU-China summit in Beijing", pub)] == []
    assert [d.text for d in find_dates("the 15th BRICS summit, the 5th round of talks", pub)] == []
    got = find_dates("talks resume on the 27th, officials said", pub)
    assert [(d.text, d.date) for d in got] == [("on the 27th", dt.date(2023, 11, 27))]
    got = find_dates("the leaders met on the 3rd of May", dt.date(2023, 6, 1))
    assert [d.date for d in got] == [dt.date(2023, 5, 3)]


def test_a_year_after_a_preposition_is_a_year_but_not_a_range_or_an_amount():
    found = find_dates("They last met in 2011. Since 2014 no talks. In 2011-12 it grew; in 2013 and 2015 too.", THU)
    assert [(d.text, d.date, d.precision) for d in found] == [
        ("2011", dt.date(2011, 1, 1), "year"),
        ("2013", dt.date(2013, 1, 1), "year"),  # two years: the first (see below)
    ]


def test_this_year_s_event_on_a_day_is_in_this_year_whatever_the_tense():
    text = "They discussed the outcome at this year's Climate Summit on April 22nd."
    doc = nlp.parse(text)
    found = find_dates(text, dt.date(2021, 3, 1), tense=lambda o: tense_at(doc, o))
    assert [d.date for d in found if d.precision == "day"] == [dt.date(2021, 4, 22)]


def test_a_month_alone_follows_the_tense_and_a_relative_year():
    def first(text: str, published: dt.date):
        doc = nlp.parse(text)
        return find_dates(text, published, tense=lambda o: tense_at(doc, o))[0]

    may = dt.date(2022, 5, 24)
    assert first("They met after a gathering at the White House in September.", may).date == dt.date(2021, 9, 1)
    assert first("They will meet again in March.", may).date == dt.date(2023, 3, 1)
    assert first("The talks opened in June.", may).date == dt.date(2021, 6, 1)
    assert first("Talks in June are likely.", may).date == dt.date(2022, 6, 1)  # the nearest when unclear
    found = first("The leaders first met virtually in March last year.", may)
    assert (found.date, found.precision, found.text) == (dt.date(2021, 3, 1), "month", "March last year")
    assert first("They held a video summit in March this year.", may).date == dt.date(2022, 3, 1)


def test_last_or_next_month_by_name_is_its_nearest_occurrence_on_that_side():
    may = dt.date(2024, 5, 27)
    got = {d.text: (d.date, d.precision) for d in find_dates("They met last November and last March.", may)}
    assert got == {"last November": (dt.date(2023, 11, 1), "month"), "last March": (dt.date(2024, 3, 1), "month")}
    got = {d.text: d.date for d in find_dates("They meet next May, then next June.", may)}
    assert got == {"next May": dt.date(2025, 5, 1), "next June": dt.date(2024, 6, 1)}


def test_in_two_years_takes_the_first_but_a_year_and_a_clause_is_no_date():
    found = find_dates("Oman hosted rounds of talks in 2021 and 2022. He came in 2014 and left.", THU)
    assert [(d.text, d.date, d.precision) for d in found] == [("2021", dt.date(2021, 1, 1), "year")]


def test_a_month_one_agrees_to_meet_in_lies_ahead():
    text = "The two leaders also agreed to meet again in Lima in August to review progress."
    doc = nlp.parse(text)
    found = find_dates(text, dt.date(2025, 1, 17), tense=lambda o: tense_at(doc, o))
    assert [(d.text, d.date) for d in found] == [("August", dt.date(2025, 8, 1))]


def test_a_day_told_from_the_day_before_it():
    def told(text: str) -> list[tuple[str, dt.date | None]]:
        return [(d.text, d.date) for d in find_dates(text, THU)]

    assert told("Ana met Ben on Tuesday and held a call with Cai the same day.") == [
        ("Tuesday", dt.date(2025, 3, 25)),
        ("the same day", dt.date(2025, 3, 25)),
    ]
    assert told("She saw Ben in Rome on 28 February and Cai in Oslo two days later.")[1] == (
        "two days later",
        dt.date(2025, 3, 2),  # across the month's end
    )
    assert told("The talks ended on March 3. The next day the delegations flew home.")[1][1] == dt.date(2025, 3, 4)
    assert told("A week earlier, on March 20, the envoys had met.") == [("March 20", dt.date(2025, 3, 20))]
    # nothing to count from, or too far back to trust
    assert told("Two days later the ministers met again.") == []
    far = "They met on March 3. " + "The agenda was long and the mood was tense. " * 8 + "The next day they left."
    assert told(far) == [("March 3", dt.date(2025, 3, 3))]


def test_a_day_inside_an_after_phrase_is_not_what_was_agreed_ahead():
    text = (
        "In April, he agreed not to terminate the agreement after telephone calls with Prime Minister Ana Berg and "
        "President Tom Vik on April 26, opting instead to renegotiate it. They agreed to meet again on August 30."
    )
    doc = nlp.parse(text)
    found = find_dates(text, dt.date(2017, 8, 21), tense=lambda o: tense_at(doc, o))
    days = {d.text: d.date for d in found}
    assert days["April 26"] == dt.date(2017, 4, 26)
    assert days["August 30"] == dt.date(2017, 8, 30)  # what they agreed to do still lies ahead


def test_a_range_of_days_with_its_year_after_a_comma():
    found = find_dates("Allies meet in Vilnius July 11-12, 2027, and in Ankara July 7-8, 2028.", dt.date(2026, 6, 13))
    assert [(d.text, d.date, d.end_date) for d in found] == [
        ("July 11-12, 2027", dt.date(2027, 7, 11), dt.date(2027, 7, 12)),
        ("July 7-8, 2028", dt.date(2028, 7, 7), dt.date(2028, 7, 8)),
    ]
