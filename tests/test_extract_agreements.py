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


def test_unilateral_welcome_is_not_an_agreement_and_a_refusal_is_a_rejection():
    text = "Call\n\nThe President welcomed the progress. He did not agree to new talks."
    assert [(a.status, a.text) for a in run(text)] == [("rejected", "He did not agree to new talks")]


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
    # the clause starts after the dateline (at the verb: a subject of two named leaders is left out)
    assert found and found[0].text == "agreed on Monday to expand the sharing of missile data"
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


def _texts(text: str) -> dict[str, str]:
    return {a.text: a.status for a in run(text)}


def test_joint_statement_positions_with_we():
    text = (
        "Joint Statement of the Leaders of Chile and Peru on Water Security\n\n"
        "We affirm that access to clean water is a human right. "
        "We remain committed to our obligations under the Andean water charter. "
        "We each intend to double our investment in desalination by 2030. "
        "We are resolved to pursue dialogue on shared aquifers. "
        "We reaffirm the importance of regional cooperation."
    )
    got = _texts(text)
    assert got.get("We affirm that access to clean water is a human right") == "agreed"
    assert any(t.startswith("We remain committed to our obligations") and s == "agreed" for t, s in got.items())
    assert any(t.startswith("We each intend to double") and s == "agreed" for t, s in got.items())
    assert any(t.startswith("We are resolved to pursue dialogue") and s == "agreed" for t, s in got.items())
    assert not any("importance" in t for t in got)  # restating an importance is not an outcome


def test_decisions_and_commitments_one_side_or_both():
    text = (
        "Leaders talk\n\n"
        "The two leaders decided to open a process of consultations on trade. "
        "The President has decided that the ambassador will return to Lima next week. "
        "Canada commits to reinforcing its support for mine clearance in the region."
    )
    got = _texts(text)
    assert got.get("The two leaders decided to open a process of consultations on trade") == "agreed"
    assert got.get("The President has decided that the ambassador will return to Lima next week") == "announced"
    assert any(t.startswith("Canada commits to reinforcing") and s == "announced" for t, s in got.items())


def test_future_plans_are_announced_but_conditions_and_negations_are_not():
    text = (
        "Aid conference\n\n"
        "Norway would contribute $50 million to a new fund for coastal cities, the minister said. "
        "Cairo will host a meeting of Sudan's neighbours next week. "
        "If talks fail, Brazil would send observers to the border. "
        "Japan will not send troops to the region."
    )
    got = _texts(text)
    assert any(t.startswith("Norway would contribute $50 million") and s == "announced" for t, s in got.items())
    assert any(t.startswith("Cairo will host a meeting") and s == "announced" for t, s in got.items())
    assert not any("Brazil" in t or "Japan" in t for t in got)


def test_each_coordinated_outcome_is_its_own_and_welcoming_talk_is_none():
    text = (
        "Readout of the President's Meeting with the Prime Minister of Norway\n\n"
        "The leaders affirmed their commitment to Arctic research and agreed on the importance of "
        "working with allies on polar shipping. "
        "They welcomed recent discussions between their envoys for climate."
    )
    got = _texts(text)
    assert any(t.startswith("The leaders affirmed their commitment to Arctic research") for t in got)
    assert any(t.startswith("agreed on the importance of working with allies") for t in got)
    assert not any("and agreed" in t for t in got)
    assert not any("welcomed recent discussions" in t for t in got)


def test_refusals_readiness_and_questions():
    text = (
        "Talks in Ohrid\n\n"
        "Serbia would not agree to the territory's membership of the United Nations. "
        "The general has previously ruled out any negotiations with the militia leader. "
        "President Lula was ready to host the next meeting between the two presidents. "
        "Asked whether Beijing had offered any commitment on the war, the envoy declined to say more. "
        "Peru takes over the chair in January and will host next year's summit in Cusco. "
        "Japan said it would withdraw its complaint at the World Trade Organization."
    )
    got = _texts(text)
    assert any("would not agree to the territory's membership" in t and s == "rejected" for t, s in got.items())
    assert any("ruled out any negotiations" in t and s == "rejected" for t, s in got.items())
    assert any("ready to host the next meeting" in t and s == "proposed" for t, s in got.items())
    assert not any("offered any commitment" in t or "declined to say" in t for t in got)
    assert any("will host next year's summit in Cusco" in t and s == "announced" for t, s in got.items())
    assert any("it would withdraw its complaint" in t and s == "announced" for t, s in got.items())


def test_numbered_collectives_are_joint_and_relative_clauses_announce_nothing():
    text = (
        "Trilateral meeting\n\n"
        "The three countries committed to continue working together on synthetic drugs. "
        "They adopted a framework, which commits to bold action on methane."
    )
    got = _texts(text)
    assert any(t.startswith("The three countries committed") and s == "agreed" for t, s in got.items())
    assert not any(t.startswith("which commits") for t in got)


def test_joint_plans_directives_and_refusals_to_sign():
    text = (
        "Leaders meet\n\n"
        "The United States and Canada plan to expand clean electricity across the border. "
        "The leaders directed their transport ministers to meet within three months. "
        "President Ivo Marin has said he will not sign the agreement. "
        "New Delhi called off the talks with Islamabad in August. "
        "Moscow stood ready to help Tehran dispose of its enriched uranium. "
        "The summit would seek to find common ground on trade."
    )
    got = _texts(text)
    assert any(t.startswith("The United States and Canada plan to expand") and s == "agreed" for t, s in got.items())
    assert any("directed their transport ministers" in t and s == "agreed" for t, s in got.items())
    assert any("will not sign the agreement" in t and s == "rejected" for t, s in got.items())
    assert any("called off the talks" in t and s == "rejected" for t, s in got.items())
    assert any("ready to help Tehran" in t and s == "proposed" for t, s in got.items())
    assert not any("seek to find common ground" in t for t in got)


def test_a_long_subject_of_named_leaders_and_a_trailing_comment_are_left_out():
    text = (
        "Leaders meet\n\n"
        "President Anna Berg of Norway and Prime Minister Lars Lund of Denmark agreed on Thursday to resume "
        "annual visits between their leaders, a practice that had lapsed for a decade. "
        "Talks between Norway and Denmark that had been planned for May in Oslo were cancelled."
    )
    texts = [a.text for a in run(text)]
    assert "agreed on Thursday to resume annual visits between their leaders" in texts
    # a subject that is the outcome itself stays
    assert any(t.startswith("Talks between Norway and Denmark") for t in texts)


def test_a_reporting_frame_after_the_outcome_is_left_out_even_after_a_dateline():
    found = run_titled(
        "Ceasefire agreed",
        'KUALA LUMPUR, July 28 (Reuters) - Laos and Vietnam agreed on Monday to an "immediate" ceasefire '
        "starting at midnight, Malaysian Prime Minister Anwar Ibrahim said, after talks in the capital.",
        dt.date(2025, 7, 28),
    )
    assert found and found[0].text.endswith("ceasefire starting at midnight")


def test_what_a_relative_clause_rejected_is_its_antecedent():
    found = run(
        "Riyadh presented a list of 13 demands, including the closure of a television network and of a "
        "military base, which Doha rejected."
    )
    rejected = [a for a in found if a.status == "rejected"]
    assert rejected and rejected[0].text.startswith("a list of 13 demands")
    assert rejected[0].text.endswith("which Doha rejected")


def test_a_conjoined_verb_that_is_no_cue_stays_in_the_outcome_and_a_consequence_is_cut():
    found = run(
        "The two Presidents welcomed the momentum in relations and reviewed new initiatives on energy. "
        "Both leaders signed a declaration committing their forces to a ceasefire, raising hopes of peace."
    )
    texts = [a.text for a in found]
    assert "The two Presidents welcomed the momentum in relations and reviewed new initiatives on energy" in texts
    assert any(t.endswith("committing their forces to a ceasefire") for t in texts)


def test_a_body_or_round_scheduled_to_meet_is_an_announced_plan():
    found = run(
        "The commission will hold its first session in Nairobi on July 12. "
        "The next round of talks would be held in Geneva in the coming weeks. "
        "The report would be read widely."
    )
    texts = {a.text: a.status for a in found}
    assert texts.get("The commission will hold its first session in Nairobi on July 12") == "announced"
    assert texts.get("The next round of talks would be held in Geneva in the coming weeks") == "announced"
    assert not any("report" in t for t in texts)


def test_terms_told_under_the_deal_or_as_is_to_are_agreed():
    found = run(
        "Under the agreement, Seoul will set up a foundation to support the victims. "
        "Leaders signed a ceasefire deal on Thursday. The withdrawal is to start no later than the second day. "
        "The aim is to end the war. Under the circumstances, the talks went well."
    )
    texts = {a.text: a.status for a in found}
    assert texts.get("Seoul will set up a foundation to support the victims") == "agreed"  # the frame is cut
    assert texts.get("The withdrawal is to start no later than the second day") == "agreed"
    assert not any(t.startswith(("The aim", "Under the circumstances")) for t in texts)


def test_an_announcement_or_a_deal_still_to_come_in_an_infinitive_is_no_outcome():
    found = run(
        "The leaders were expected to announce the outcome later. Uribe urged voters to reject the deal. "
        "The two sides agreed to reach a deal by May."
    )
    texts = [a.text for a in found]
    assert not any("announce the outcome" in t or "reject the deal" in t for t in texts)
    assert any(t.startswith("The two sides agreed to reach a deal by May") for t in texts)


def test_what_the_deal_itself_lays_down_is_agreed_with_the_deal_s_parties():
    found = run_titled(
        "Norway and Chile sign fisheries pact",
        "President Anna Berg of Norway and President Luis Soto of Chile met in Valparaiso on Thursday. "
        "The pact adopted in Valparaiso calls for a joint inspection service. "
        "The accord also allows research vessels to enter both zones. "
        "A deal requires trust. The plan could give Chile more quotas.",
    )
    texts = {a.text: a for a in found}
    terms = texts["The pact adopted in Valparaiso calls for a joint inspection service"]
    assert terms.status == "agreed" and {p.name for p in terms.parties} == {"Norway", "Chile"}
    assert texts["The accord also allows research vessels to enter both zones"].status == "agreed"
    assert not any(t.startswith(("A deal", "The plan")) for t in texts)


def test_a_plan_under_which_and_the_future_sentences_that_follow_a_deal_s_terms_are_agreed():
    found = run_titled(
        "Leaders unveil submarine plan",
        "The three leaders set out a plan under which Norway will buy four submarines from Chile. "
        "Chilean crews will also train in Bergen from 2030. "
        "Berg will travel to Santiago next week.\n"
        "The accord provides for a ten-year transition. "
        "A joint fund will pay for the new harbour.\n"
        "Analysts will watch closely.",
    )
    texts = {a.text: a.status for a in found}
    assert texts.get("Norway will buy four submarines from Chile") == "agreed"
    assert texts.get("Chilean crews will also train in Bergen from 2030") == "agreed"
    assert texts.get("A joint fund will pay for the new harbour") == "agreed"
    assert not any(t.startswith("Analysts") for t in texts)  # not right after a term
    assert texts.get("Berg will travel to Santiago next week") != "agreed"  # someone's plans


def test_jointly_underscoring_confirming_or_recommitting_to_a_commitment_is_agreed():
    found = run_titled(
        "Readout",
        "President Anna Berg of Norway and President Luis Soto of Chile underscored their commitment to "
        "international law at sea. They also recommitted to deepening cooperation on fisheries. "
        "They reiterated the close ties between their nations.",
    )
    texts = {a.text: a.status for a in found}
    assert texts.get("They also recommitted to deepening cooperation on fisheries") == "agreed"
    assert any(t.endswith("underscored their commitment to international law at sea") for t in texts)
    assert not any("close ties" in t for t in texts)  # restating a relationship is a statement


def test_one_side_and_its_team_restating_a_commitment_is_no_joint_outcome():
    found = run_titled(
        "Readout",
        "Minister Anna Berg of Norway and her team reiterated Norway's firm commitment to the fisheries pact. "
        "They underscored that the pact would hold.",
    )
    assert found == []


def test_what_it_divides_after_a_signed_treaty_is_a_term():
    found = run_titled(
        "Treaty",
        "Norway and Chile signed the treaty in Oslo on Wednesday. It divides the disputed zone into two equal parts.",
    )
    texts = {a.text: a.status for a in found}
    assert texts.get("It divides the disputed zone into two equal parts") == "agreed"


def test_invitations_accepted_settling_on_and_refusing_to_support():
    found = run_titled(
        "Talks",
        "Minister Anna Berg of Norway has accepted an invitation to visit Santiago next month. "
        "The leaders settled on opening a joint fund. "
        "Chile said it would not support the text. "
        "Peru declined to sign the agreement after its president pulled out of the trip. "
        "The treaty must still be ratified by both parliaments. The parliament approved the treaty on Friday.",
    )
    texts = {a.text: a.status for a in found}
    assert (
        texts.get("Minister Anna Berg of Norway has accepted an invitation to visit Santiago next month") == "announced"
    )
    assert texts.get("The leaders settled on opening a joint fund") == "agreed"
    assert texts.get("it would not support the text") == "rejected"
    assert texts.get("Peru declined to sign the agreement") == "rejected"  # why it declined is not part of it
    assert texts.get("The parliament approved the treaty on Friday") == "agreed"
    assert not any(t.startswith("The treaty must") for t in texts)  # not ratified yet


def test_no_deal_reached_is_not_an_agreement():
    found = run_titled("Talks", "Norway and Chile met in Oslo on Monday, but no deal was reached on fishing quotas.")
    assert not any("no deal" in a.text for a in found)


def test_never_recognising_a_treaty_is_a_rejection_and_undertaking_to_is_a_commitment():
    found = run_titled(
        "Dam",
        "Chile has never recognised that treaty. Norway undertook to give Chile priority in buying electricity.",
    )
    texts = {a.text: a.status for a in found}
    assert texts.get("Chile has never recognised that treaty") == "rejected"
    assert texts.get("Norway undertook to give Chile priority in buying electricity") in ("announced", "agreed")


def test_terms_under_a_compromise_or_a_plan():
    found = run_titled(
        "Talks",
        "Under a compromise reached on Friday, poorer countries will be shielded from legal challenges. "
        "Under the circumstances, the talks went well.",
    )
    texts = {a.text: a.status for a in found}
    assert texts.get("poorer countries will be shielded from legal challenges") == "agreed"
    assert not any("talks went well" in t for t in texts)


def test_one_sides_plan_told_as_it_stands_is_announced():
    found = run_titled(
        "Embassy to reopen",
        "The government now plans to reopen its consulate in Lagos and to restore direct flights. "
        "Analysts said the ministry was planning to open talks.",
    )
    assert [(a.status, a.text) for a in found] == [
        ("announced", "The government now plans to reopen its consulate in Lagos and to restore direct flights")
    ]


def test_phrasal_and_move_to_plans_are_announced():
    found = run_titled(
        "Forces",
        "Norway will set up a training centre in Tromso, the minister said. "
        "Chile and Peru would move to restore full diplomatic ties, officials said.",
    )
    assert [a.status for a in found] == ["announced", "announced"]
    assert found[0].text == "Norway will set up a training centre in Tromso"
    assert found[1].text == "Chile and Peru would move to restore full diplomatic ties"


def test_adopting_a_named_text_is_agreed_but_not_a_stance():
    found = run_titled(
        "Alliance summit",
        "The ministers adopted a new Maritime Doctrine on Friday. The bloc adopted three documents. "
        "The party adopted a tougher stance on migration.",
    )
    assert [(a.status, a.text) for a in found] == [
        ("agreed", "The ministers adopted a new Maritime Doctrine on Friday"),
        ("agreed", "The bloc adopted three documents"),
    ]


def test_a_signing_fixed_ahead_is_announced_a_hoped_one_is_not():
    found = run_titled(
        "Accession",
        "The protocols are due to be signed in Vienna next week. Diplomats hope to sign a deal one day.",
    )
    assert [(a.status, a.text) for a in found] == [
        ("announced", "The protocols are due to be signed in Vienna next week")
    ]


def test_a_collective_with_a_participle_is_joint():
    found = run_titled(
        "Gulf rift",
        "The mediator said the three feuding states would restore full relations with Oman. "
        "The United States would restore the embassy, officials said.",
    )
    assert [a.text for a in found] == [
        "the three feuding states would restore full relations with Oman",
        "The United States would restore the embassy",
    ]


def test_a_texts_future_publication_is_announced():
    found = run_titled(
        "Trade pact",
        "Ministers met on Monday.\n\nThe full text of the agreement would be published in the coming weeks. "
        "The weather would be published nowhere.",
    )
    assert [(a.status, a.text) for a in found] == [
        ("announced", "The full text of the agreement would be published in the coming weeks")
    ]


def test_due_to_travel_is_announced_due_to_meet_is_an_event():
    found = run_titled(
        "Tour",
        "Ministers met on Monday.\n\nThe prime minister is due to travel to Lima in May. "
        "She is due to meet the king on Sunday. He planned to travel to Quito next month.",
    )
    assert [(a.status, a.text) for a in found] == [
        ("announced", "The prime minister is due to travel to Lima in May"),
        ("announced", "He planned to travel to Quito next month"),
    ]


def test_initialling_a_deal_and_approving_a_text_are_agreed():
    found = run_titled(
        "Accord",
        "Ministers met on Monday.\n\nThe negotiators initialled a border agreement. "
        "A committee of the assembly had approved the text by 98 votes.",
    )
    assert [a.status for a in found] == ["agreed", "agreed"]
    assert found[0].text == "The negotiators initialled a border agreement"
    assert found[1].text == "A committee of the assembly had approved the text by 98 votes"


def test_a_named_document_or_a_text_signed_with_a_party_is_agreed():
    found = run_titled(
        "Grain",
        "Ministers met on Monday.\n\nThe defence minister signed the Baltic Fisheries Initiative with Guterres. "
        "Minutes later his rival signed an identical text with Akar. He signed the guest book.",
    )
    assert [(a.status, a.text) for a in found] == [
        ("agreed", "The defence minister signed the Baltic Fisheries Initiative with Guterres"),
        ("agreed", "Minutes later his rival signed an identical text with Akar"),
    ]


def test_what_a_deal_is_meant_to_do_and_how_long_it_runs_are_its_terms():
    found = run_titled(
        "Grain",
        "Ministers met on Monday.\n\nThe deal is meant to reopen three ports. The arrangement runs for 120 days. "
        "The talks ran into trouble.",
    )
    assert [a.text for a in found] == ["The deal is meant to reopen three ports", "The arrangement runs for 120 days"]


def test_one_sides_promise_and_directive_are_announced():
    found = run_titled(
        "Pledges",
        "Ministers met on Monday.\n\nRussia promised on Tuesday to reduce military activity around the city. "
        "The President has directed his team to deploy all available assets. What was promised never came.",
    )
    assert [(a.status, a.text) for a in found] == [
        ("announced", "Russia promised on Tuesday to reduce military activity around the city"),
        ("announced", "The President has directed his team to deploy all available assets"),
    ]


def test_walking_out_and_denouncing_a_deal_are_rejections():
    found = run_titled(
        "Walkout",
        "Ministers met on Monday.\n\nThe party walked out of the negotiations last year. "
        "Its leader denounced the deal as a sellout. Critics denounced the weather.",
    )
    assert [a.status for a in found] == ["rejected", "rejected"]


def test_both_sides_will_do_is_agreed_but_not_what_they_face():
    found = run_titled(
        "Border",
        "Ministers met on Monday.\n\nFrom May 1, both sides will stop all hostile acts along the border. "
        "Both sides will face pressure at home. The two Koreas confirmed the common goal of a nuclear-free peninsula.",
    )
    assert [(a.status, a.text) for a in found][:1] == [
        ("agreed", "both sides will stop all hostile acts along the border")
    ]
    assert not any("pressure" in a.text for a in found)


def test_measures_taken_are_one_announced_outcome_but_background_ones_are_not():
    found = run_titled(
        "Sanctions",
        "Ministers met on Monday.\n\nThe leaders ordered the closure of the borders with Togo, imposed a no-fly zone "
        "and froze the country's assets. Trade fell when Beijing imposed tariffs on wine. "
        "The court suspended Prime Minister Sato.",
    )
    assert [(a.status, a.text) for a in found] == [
        (
            "announced",
            "The leaders ordered the closure of the borders with Togo, imposed a no-fly zone "
            "and froze the country's assets",
        )
    ]


def test_a_named_partys_announcement_or_plan_is_its_outcome():
    found = run_titled(
        "Readout",
        "The leaders met on Monday.\n\nThey discussed President Reyes's plan to dispatch a trade mission to Chile. "
        "Analysts doubted Peru's long-stalled plan to build a port.",
    )
    assert [(a.status, a.text) for a in found] == [
        ("announced", "President Reyes's plan to dispatch a trade mission to Chile")
    ]


def test_terms_under_the_document_and_whose_promise_counts():
    found = run_titled(
        "Peace deal",
        "The parties met on Friday.\n\nUnder the 65-page document, a new assembly will be elected by proportional "
        "representation. Kim promised that this agreement would be different. "
        "The leaders promised that the talks would resume in June.",
    )
    assert [(a.status, a.text) for a in found] == [
        ("agreed", "a new assembly will be elected by proportional representation"),
        ("announced", "The leaders promised that the talks would resume in June"),
    ]


def test_the_occasion_after_a_comma_is_cut_from_the_outcome():
    found = run_titled(
        "Summit",
        "The leaders met on Tuesday.\n\nPresident Ana Soto pledged security guarantees for Lima, at the first-ever "
        "meeting between the two leaders.",
    )
    assert [a.text for a in found] == ["President Ana Soto pledged security guarantees for Lima"]


def test_denials_and_announced_events_are_not_outcomes():
    found = run_titled(
        "Talks",
        "The ministers met on Monday.\n\nRojas rejected the criticism. Mr Vik rejected suggestions that either side "
        "had lost. Modi announced the trip on Twitter. The summit was announced by the two foreign ministers. "
        "President Ali pulled out of the trip at the last minute. Chile rejected the draft treaty.",
    )
    assert [(a.status, a.text) for a in found] == [
        ("announced", "The summit was announced by the two foreign ministers"),
        ("rejected", "Chile rejected the draft treaty"),
    ]


def test_a_technology_adopted_or_a_building_walked_out_of_is_no_outcome():
    found = run_titled(
        "Ozone",
        "The parties met on Friday.\n\nHFCs were widely adopted as their replacement. "
        "The leaders walked out of Hofdi House with nothing to sign. The delegation walked out of the talks.",
    )
    assert [(a.status, a.text) for a in found] == [("rejected", "The delegation walked out of the talks")]


def _with_title(title: str, body: str):
    ctx = make_ctx(body, dt.date(2024, 3, 1), title=title)
    return agreements.find_agreements(ctx, [], events.find_events(ctx, []))


def test_each_item_of_a_joint_commitment_list_is_an_agreed_outcome():
    found = _with_title(
        "Joint Statement on the Norway-Chile Fisheries Dialogue",
        "Overfishing threatens both our coasts.\n"
        "Over the next year, we will protect our waters through the following actions:\n"
        "1. Expand our investment in port inspections.\n"
        "2. Share catch data between the two fisheries agencies every month.\n"
        "Building on this work, ministers will review progress in Santiago.",
    )
    items = [a for a in found if a.text.startswith(("Expand", "Share"))]
    assert [a.text for a in items] == [
        "Expand our investment in port inspections",
        "Share catch data between the two fisheries agencies every month",
    ]
    assert all(a.status == "agreed" and {p.name for p in a.parties} == {"Norway", "Chile"} for a in items)


def test_a_list_after_a_colon_goes_on_the_sentence_and_one_sides_list_is_announced():
    found = _with_title(
        "Statement on Coastal Protection",
        "To advance these interests, the Chilean government commits to:\n"
        "working with fishing communities to set catch limits;\n"
        "preventing the export of nets to vessels that fish illegally; and\n"
        "Beginning next year, inspectors will board every foreign trawler.",
    )
    got = {a.text: a for a in found}
    assert got["working with fishing communities to set catch limits"].status == "announced"
    assert [p.name for p in got["preventing the export of nets to vessels that fish illegally"].parties] == ["Chile"]
    assert len(got) == 2  # "Beginning next year, inspectors will ...": a sentence of its own ends the list


def test_exchanging_instruments_of_ratification_is_agreed_and_a_short_subject_keeps_its_day():
    found = _with_title(
        "Border deal",
        "LIMA - Chile and Peru yesterday exchanged the instruments of ratification of the 1929 Tacna Boundary "
        "Treaty, ending a long dispute.",
    )
    assert [(a.status, a.text) for a in found] == [
        (
            "agreed",
            "Chile and Peru yesterday exchanged the instruments of ratification of the 1929 Tacna Boundary Treaty",
        )
    ]


def test_blocking_a_text_is_a_rejection_but_blocking_accounts_is_not():
    found = run(
        "Sanctions\n\nThe Treasury and Chile's financial intelligence unit blocked thousands of accounts linked to "
        "smugglers.\nHungary blocked the sanctions package on Monday."
    )
    assert [(a.status, a.text) for a in found] == [("rejected", "Hungary blocked the sanctions package on Monday")]


def test_withdrawing_from_talks_or_a_pact_is_a_rejection_but_leaving_a_town_is_not():
    found = run(
        "Trade\n\nChile withdrew from the talks at a summit in Lima last year.\n"
        "Peru withdrew from the Pacific Fisheries Partnership in 2019.\nThe army withdrew from Arica."
    )
    assert [(a.status, [p.name for p in a.parties]) for a in found] == [("rejected", ["Chile"]), ("rejected", ["Peru"])]


def test_an_outcome_keeps_what_it_includes_and_its_purpose():
    found = run(
        "Readout\n\nThe leaders committed to continue close coordination, including with key partners in the region, "
        "to prevent the conflict from spreading."
    )
    assert [a.text for a in found] == [  # what it includes and its purpose after a comma
        "The leaders committed to continue close coordination, including with key partners in the region, to prevent "
        "the conflict from spreading"
    ]


def test_a_deal_taking_effect_balking_and_calling_for_a_step():
    found = run(
        "Truce\n\nA ceasefire between Chile and Peru took effect at midnight on Friday.\n"
        "The memorandum will take effect in January.\n"
        "President Ana Ruiz balked at freeing the last prisoners.\n"
        "Bolivia called for a humanitarian truce.\n"
        "The minister called for calm."
    )
    assert [(a.status, a.text) for a in found] == [
        ("agreed", "A ceasefire between Chile and Peru took effect at midnight on Friday"),
        ("rejected", "President Ana Ruiz balked at freeing the last prisoners"),
        ("proposed", "Bolivia called for a humanitarian truce"),
    ]


def test_offering_a_verdict_or_a_chance_is_no_proposal():
    found = run(
        "Talks\n\nChile offered a different verdict on the talks.\nThe plan offered the best chance of peace.\n"
        "Peru offered 500 troops for the mission."
    )
    assert [(a.status, a.text) for a in found] == [("proposed", "Peru offered 500 troops for the mission")]


def test_saying_a_deal_will_not_be_renegotiated_is_a_rejection():
    found = run("Climate\n\nChile will not renegotiate the Santiago accord, the minister said.")
    assert [(a.status, [p.name for p in a.parties]) for a in found] == [("rejected", ["Chile"])]


def test_relations_made_a_proposal_tabled_and_an_inquiry_called_for():
    found = run_titled(
        "Ties",
        "Laos and Chile established diplomatic relations on Sunday. Peru restored ties with Quito in December. "
        'Ottawa had put a "substantial proposal" on the table, officials said. Canberra called for an independent '
        "inquiry into the crash. Relations were restored in 2015, before the war. Oslo will restore ties soon. "
        "Ghana and Togo agreed on Tuesday to restore diplomatic relations, ending a rift that began in May.",
    )
    assert [(a.status, a.text) for a in found] == [
        ("agreed", "Laos and Chile established diplomatic relations on Sunday"),
        ("agreed", "Peru restored ties with Quito in December"),
        ("proposed", 'Ottawa had put a "substantial proposal" on the table'),
        ("proposed", "Canberra called for an independent inquiry into the crash"),
        ("announced", "Oslo will restore ties soon"),  # a plan, not yet made
        ("agreed", "Ghana and Togo agreed on Tuesday to restore diplomatic relations"),
    ]


def test_refusals_that_refuse_nothing_told_in_the_story():
    found = run_titled(
        "Talks",
        "Kim, who had refused to hold a summit with Sato for two years, met him on Friday. Laos, whose government "
        "has declined to condemn the coup, abstained. The parliament could still refuse to ratify the accession if "
        "the two countries failed to keep their promises. He refused to call the meeting a failure. Li declined to "
        "predict when the code might be concluded. Chile refused to sign the agreement.",
    )
    assert [(a.status, a.text) for a in found] == [("rejected", "Chile refused to sign the agreement")]


def test_announcing_the_deal_is_no_outcome_of_its_own():
    found = run_titled(
        "Deal",
        "The two sides agreed on a ceasefire in the port. The UN chief announced the deal on Thursday at the castle. "
        "The result was announced in a brief statement. The envoy announced a new fund for the port.",
    )
    assert [(a.status, a.text) for a in found] == [
        ("agreed", "The two sides agreed on a ceasefire in the port"),
        ("announced", "The envoy announced a new fund for the port"),
    ]


def test_turning_down_a_request_is_a_rejection():
    found = run_titled("Ties", "Taipei had turned down the request. The band turned down the volume.")
    assert [(a.status, a.text) for a in found] == [("rejected", "Taipei had turned down the request")]


def test_a_resolution_passed_is_agreed_and_a_vote_against_it_is_a_rejection():
    found = run_titled(
        "Board censures Oslandia",
        "The board passed a resolution censuring Oslandia on Thursday. Vetria and Corland voted against. "
        "The chairman passed the agreement to his aides. The deadline passed without a deal.",
    )
    assert [(a.status, a.text) for a in found] == [
        ("agreed", "The board passed a resolution censuring Oslandia on Thursday"),
        ("rejected", "Vetria and Corland voted against"),
    ]
