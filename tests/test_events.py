"""Event coding rules on small texts: arguments, the manual's conventions, modality, date."""

from __future__ import annotations

import pytest

import dateline
from dateline.models import Document, Event

HEAD = "Wire\n\n2025.03.12 10:00:00\n\n"


def _doc(body: str) -> Document:
    return dateline.process(HEAD + body, format="text")


def _events(doc: Document) -> list[tuple[str, list[str], list[str], str]]:
    names = {e.id: e.name for e in doc.entities}
    return [
        (e.type, sorted(names[a] for a in e.actors), sorted(names[r] for r in e.recipients), e.modality)
        for e in doc.events
    ]


def _one(doc: Document, kind: str) -> Event:
    found = [e for e in doc.events if e.type == kind]
    assert len(found) == 1, _events(doc)
    return found[0]


def test_passive_agent_is_actor_and_subject_is_recipient():
    doc = _doc("A Russian cargo ship was attacked by Ukrainian drones in the Black Sea on Monday.")
    assert _events(doc) == [("ASSAULT", ["Ukrainian"], ["Russian"], "asserted")]


def test_host_guests_are_actors():
    doc = _doc("Kenyan President William Otieno hosted Somali President Hassan Nur in Nairobi on Tuesday.")
    assert _events(doc) == [("CONSULT", ["Hassan Nur"], ["William Otieno"], "asserted")]


def test_hosting_refugees_is_no_visit():
    assert _doc("Chad is hosting more than 600,000 Sudanese refugees.").events == []


def test_joint_drills_between_three_countries_cooperate():
    doc = _doc("North Korea condemned the drills between South Korea, the United States and Japan.")
    coop = _one(doc, "COOPERATE")
    names = {e.id: e.name for e in doc.entities}
    assert sorted(names[a] for a in coop.actors) == ["Japan", "South Korea", "United States"]
    assert _one(doc, "ACCUSE").quad_class == 3


def test_summons_is_accuse_and_its_purpose_is_not_a_protest():
    doc = _doc("Manila summoned the Chinese ambassador to protest the incident.")
    assert [e[0] for e in _events(doc)] == ["ACCUSE"]


def test_future_meeting_is_agree_and_complement_not_coded_twice():
    doc = _doc("Ethiopian Prime Minister Abiy Tesfaye and Somali President Hassan Nur will meet in Cairo.")
    assert _events(doc) == [("AGREE", ["Abiy Tesfaye", "Hassan Nur"], [], "future")]


@pytest.mark.parametrize(
    ("body", "modality"),
    [
        ("Japan did not send warships to the shoal.", "negated"),
        ("Warsaw could reopen the border if Minsk stops the flow of migrants.", "hypothetical"),
        ("Hezbollah fired rockets at Israel, according to the NNA news agency.", "reported"),
    ],
)
def test_modality(body, modality):
    doc = _doc(body)
    assert doc.events and doc.events[0].modality == modality, _events(doc)


def test_reported_by_names_the_source():
    doc = _doc("Hezbollah fired rockets at Israel, according to the NNA news agency.")
    ev = _one(doc, "ASSAULT")
    names = {e.id: e.name for e in doc.entities}
    assert [names.get(r, r) for r in ev.reported_by] == ["NNA"] or ev.reported_by == ["the NNA news agency"]


def test_own_threat_and_forecast():
    doc = _doc("Minsk said it would close the border with Poland. Seoul warned that the transfer would fail.")
    assert [e[0] for e in _events(doc)] == ["THREATEN"]


def test_date_is_the_clauses_own_time():
    doc = _doc("South Korean President Park met Ellison in Seoul on Tuesday, a week after a 2016 ruling.")
    ev = _one(doc, "CONSULT")
    assert ev.date.basis == "clause" and ev.date.value == "2025-03-11"


def test_no_event_sentences():
    doc = _doc(
        "Samsung Electronics reported a rise in operating profit. "
        "Shares of Samsung closed higher on the Korea Exchange. "
        "Kia delivered 140,000 vehicles to customers in the United States in July."
    )
    assert doc.events == []


def test_refusing_to_accept_is_reject_and_reported_would_is_future():
    doc = _doc("Rahimi told reporters that Tehran would not accept new restrictions on its program.")
    assert _events(doc) == [("REJECT", ["Tehran"], [], "future")]


def test_release_needs_someone_released():
    assert _doc("The Kenyan government released a statement on Monday.").events == []


@pytest.mark.parametrize(
    ("body", "place"),
    [
        # The clause names a country and a town in it: the event is at the town.
        ("Russian forces shelled the city of Kharkiv in Ukraine on Tuesday, the governor said.", "Kharkiv"),
        # A nominal event after a light verb takes the verb's locative.
        ("South Korea and the United States held joint drills at the port of Pohang on Monday.", "Pohang"),
    ],
)
def test_event_takes_the_finest_place_of_its_clause(body: str, place: str):
    doc = _doc(body)
    names = {e.id: e.name for e in doc.entities}
    (event,) = doc.events
    assert event.place is not None and names[event.place] == place


def test_place_of_another_clause_is_not_taken():
    doc = _doc("Kenyan President William Otieno met Somali President Hassan Nur, who later flew to Mombasa.")
    consult = _one(doc, "CONSULT")
    assert consult.place is None


def _groups(doc: Document) -> dict[str, tuple[str | None, str | None]]:
    return {e.name: (e.actor.country, e.actor.sector) for e in doc.entities if e.type == "GROUP"}


def test_unnamed_groups_are_actors_and_recipients_with_sector_and_country():
    doc = _doc("Sudanese riot police fired tear gas at protesters in Omdurman on Monday.")
    assert _groups(doc) == {"Sudanese riot police": ("SDN", "COP"), "protesters": (None, "CVL")}
    assert _events(doc) == [("ASSAULT", ["Sudanese riot police"], ["protesters"], "asserted")]


def test_group_country_from_possessor_else_unknown():
    doc = _doc("Israel's army shelled the town of Rafah on Monday. Gunmen killed five villagers on Friday.")
    assert _groups(doc) == {
        "Israel's army": ("ISR", "MIL"),
        "gunmen": (None, "UAF"),
        "villagers": (None, "CVL"),
    }
    assert [e[:2] for e in _events(doc)] == [("ASSAULT", ["Israel's army"]), ("ASSAULT", ["gunmen"])]


def test_a_group_name_stops_at_a_line_break():
    # a byline or section label above the paragraph is not part of the group's name
    doc = _doc("Metro Desk\nPolice arrested six people in Quito on Monday.")
    groups = {name.lower(): coded for name, coded in _groups(doc).items()}
    assert groups == {"police": (None, "COP"), "people": (None, "CVL")}  # counted people: a crowd


def test_group_named_ids_follow_named_entities():
    doc = _doc("The junta expelled the French ambassador on Monday.")
    types = [e.type for e in doc.entities]
    assert types.index("GROUP") > max(i for i, t in enumerate(types) if t != "GROUP")
    assert _events(doc) == [("SANCTION", ["junta"], ["French"], "asserted")]


def test_police_said_is_a_source_not_an_actor():
    doc = _doc("Police said rebels attacked a convoy near Goma on Sunday.")
    (event,) = doc.events
    names = {e.id: e.name for e in doc.entities}
    assert [names[a] for a in event.actors] == ["rebels"]
    assert [names[r] for r in event.reported_by] == ["police"] and event.modality == "reported"


@pytest.mark.parametrize(
    "body",
    [
        # a group word inside a quote: the quote speaks of it
        "“Soldiers will attack the town,” the mayor said on Monday.",
        # a habit or rule in the simple present, and a generic quantifier
        "Police routinely arrest protesters in the capital.",
        "All soldiers must obey the ceasefire.",
        # a group word modifying another noun, and a pronoun's own group
        "The police station in Goma was attacked on Sunday.",
        "Hamid said his forces attacked the base on Monday.",
        # what is deployed is not a recipient; a host of refugees receives no visit
        "Kenya will host 600,000 Sudanese refugees.",
    ],
)
def test_group_words_that_code_no_group_event(body: str):
    doc = _doc(body)
    names = {e.id: e for e in doc.entities}
    assert not [e for e in doc.events if any(names[i].type == "GROUP" for i in e.actors + e.recipients)]


def test_named_organisation_beats_the_group_noun_after_it():
    doc = _doc("Hamas militants fired rockets at Israel on Monday.")
    assert _groups(doc) == {}
    assert _events(doc) == [("ASSAULT", ["Hamas"], ["Israel"], "asserted")]


def test_deployed_troops_are_not_recipients():
    doc = _doc("The Lebanese army deployed additional troops along the border on Thursday.")
    assert [(t, r) for t, _, r, _ in _events(doc)] == [("MOBILIZE", [])]


def test_previous_coder_ignores_groups():
    from dateline.settings import Settings

    text = HEAD + "Gunmen killed five villagers in Zamfara on Friday."
    new = dateline.process(text, format="text")
    old = dateline.process(text, format="text", settings=Settings(events="events.rules.v2"))
    assert len(new.events) == 1 and old.events == []
    assert [e.type for e in old.entities] == [e.type for e in new.entities]


def test_a_country_named_beside_its_group_stays_an_actor():
    doc = _doc("Israel and Israeli troops attacked the camp on Monday.")
    assert _events(doc) == [("ASSAULT", ["Israel", "Israeli troops"], [], "asserted")]


def test_must_clause_of_a_named_speaker_is_a_demand_whatever_its_verb():
    doc = _doc("The African Union said Ethiopia and Eritrea must guarantee safe passage for civilians.")
    # The quotes stage then names the speaker as the source, as for "must" with a trigger verb.
    assert _events(doc) == [("REQUEST", ["African Union"], ["Eritrea", "Ethiopia"], "reported")]


def test_must_clause_without_named_speaker_or_subject_is_no_event():
    assert _doc("The treaty must still be ratified, officials said.").events == []
    assert _doc("Farmers said prices must come down before the harvest.").events == []


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Egypt rebuffed a Sudanese proposal on the dam on Monday.", "REJECT"),
        ("Kenya commended Somalia for holding the vote on time.", "SUPPORT"),
        ("Chile froze Peru's assets on Friday.", "SANCTION"),
        ("Bolivian troops stormed a rebel camp near Santa Cruz.", "ASSAULT"),
        ("Turkey telephoned Greece about the migrants on Sunday.", "CONSULT"),
        ("Jordan completed the withdrawal of its troops from Syria on Monday.", "RETREAT"),
    ],
)
def test_cameo_category_verbs_from_the_lexicon(body: str, kind: str):
    assert kind in [e[0] for e in _events(_doc(body))]


def test_praise_without_a_named_recipient_is_no_event():
    assert _doc("Critics hailed the film as a triumph.").events == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Germany suspended talks with Iran on Monday.", [("SANCTION", ["Germany"], ["Iran"], "asserted")]),
        ("Kenya cancelled the summit with Uganda.", [("REJECT", ["Kenya"], ["Uganda"], "asserted")]),
    ],
)
def test_halting_a_cooperative_event_is_coded_once_as_the_halting(body: str, expected: list[object]):
    assert _events(_doc(body)) == expected


def test_condemned_drills_between_named_countries_stay_an_event():
    doc = _doc("North Korea condemned the drills between South Korea and Japan.")
    assert sorted(e[0] for e in _events(doc)) == ["ACCUSE", "COOPERATE"]


def _nobody(doc: Document) -> list[str]:
    return [e.id for e in doc.entities if e.actor.sector == "UNK" and not e.mentions]


@pytest.mark.parametrize(
    ("body", "victims"),
    [
        ("Four Malian soldiers were killed in a roadside bombing near Gao on Monday.", ["Malian soldiers"]),
        ("A landmine explosion killed three villagers near the border on Friday.", ["villagers"]),
        ("Two journalists were detained in Minsk on Sunday.", ["journalists"]),
        ("Kyiv was shelled overnight.", ["Kyiv"]),
    ],
)
def test_violence_by_no_one_named_has_the_unidentified_actor(body: str, victims: list[str]):
    doc = _doc(body)
    (nobody,) = _nobody(doc)
    entity = next(e for e in doc.entities if e.id == nobody)
    assert (entity.name, entity.type, entity.actor.country) == ("unidentified actor", "GROUP", None)
    assert doc.entities[-1].id == nobody  # listed last; the other ids are unchanged
    ((kind, actors, recipients, _),) = _events(doc)
    assert kind in {"ASSAULT", "COERCE"} and actors == ["unidentified actor"] and recipients == victims
    assert doc.events[0].actors == [nobody]


@pytest.mark.parametrize(
    "body",
    [
        # an accident, a named cause, a doer we cannot name, no victim, a place via a locative
        "Two villagers were killed in a car crash near Kano on Monday.",
        "Four soldiers were killed on Sunday.",
        "Three farmers were killed by a falling tree.",
        "They killed three villagers near Gao.",
        "The police station in Goma was attacked on Sunday.",
        "The ministers met in Paris on Friday.",
    ],
)
def test_no_unidentified_actor_without_an_attack_and_its_victim(body: str):
    doc = _doc(body)
    assert _nobody(doc) == []
    assert all("unidentified actor" not in e[1] for e in _events(doc))


def test_attack_noun_names_the_attacker_of_a_passive_killing():
    doc = _doc("Five Palestinians were killed in an Israeli airstrike on Gaza on Monday.")
    assert _events(doc) == [("ASSAULT", ["Israeli"], ["Palestinians"], "asserted")]
    assert _nobody(doc) == []


def test_coder_v3_has_no_unidentified_actor():
    body = "Four Malian soldiers were killed in a roadside bombing near Gao on Monday."
    settings = dateline.Settings(events="events.rules.v3")
    doc = dateline.process(HEAD + body, format="text", settings=settings)
    assert doc.events == [] and _nobody(doc) == []


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        # a light verb that announces its object noun
        ("Canada announced sanctions on Belarus on Monday.", "SANCTION"),
        # a measure noun carrying the event through "of"
        ("Peru and Chile launched three days of naval drills on Monday.", "COOPERATE"),
        # those who travel for talks hold them
        ("Greek and Turkish negotiators returned to Geneva for talks on Monday.", "CONSULT"),
        # the issuer of a statement says what its participle says
        ("The Kenyan government issued a statement condemning Uganda on Monday.", "ACCUSE"),
        # a promise of violence is a threat
        ("The rebels vowed to attack Goma.", "THREATEN"),
        # an action hung on the other side's compliance is an ultimatum
        ("Chad said it will withdraw its troops from Niger unless Niger pays the debt.", "THREATEN"),
        # an own conditional offer of cooperation is an agreement
        ("Peru said it would meet Chile if Chile dropped the case.", "AGREE"),
        # failing to agree is a rejection
        ("Egypt and Ethiopia failed to reach agreement on the dam on Sunday.", "REJECT"),
        # the object of a giving verb reached through "of"
        ("Germany gave Kenya five million euros of aid on Monday.", "AID"),
        ("The European Union sent Uganda a shipment of aid on Friday.", "AID"),
    ],
)
def test_issue_5d_rules(body: str, kind: str):
    assert kind in [e[0] for e in _events(_doc(body))], _events(_doc(body))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # willingness to cooperate or concede is an agreement, said by the one willing
        ("Peru says it is willing to withdraw its troops from Chile.", ("AGREE", ["Peru"], ["Chile"])),
        ("Kenya is ready to release the Ugandan prisoners.", ("AGREE", ["Kenya"], [])),
        # willingness to fight stays a threat
        ("The rebels said they are ready to attack Goma.", ("THREATEN", ["rebels"], [])),
        # a permission an authority gives is a concession to the one permitted
        (
            "The Supreme Court of Peru decided to allow Maria Quispe to run in the election.",
            ("CONCEDE", ["Supreme Court"], ["Maria Quispe"]),
        ),
        # letting another country's army use one's ground is military assistance
        (
            "In 2022 Minsk allowed Russian troops to use its territory.",
            ("AID", ["Minsk"], ["Russian troops"]),
        ),
        # allowing inspectors in is a retreat, however the permitted clause is parsed
        (
            "Iran allowed inspectors from the International Atomic Energy Agency to return to the site.",
            ("RETREAT", ["Iran"], ["International Atomic Energy Agency"]),
        ),
        # "sworn to fight", parsed as a clause of purpose, is still a promise of violence
        ("Ethnic Serbs have sworn to fight until they hold the valley.", ("THREATEN", ["Serbs"], [])),
        # taking ground is fighting; taking goods stays a seizure
        ("Chadian troops captured a strategic village near the border.", ("ASSAULT", ["Chadian troops"], [])),
        ("Chadian troops seized weapons from Boko Haram.", ("COERCE", ["Chadian troops"], ["Boko Haram"])),
        # a hearing opened into something is an investigation
        ("Kenya's High Court opened a hearing into the police killings.", ("ACCUSE", ["High Court"], [])),
        # the other side of what is suspended, reached through "of"
        ("Italy announced a suspension of air links with Serbia.", ("SANCTION", ["Italy"], ["Serbia"])),
        # a part of what is suspended, reached through "of"
        (
            "Canada suspended part of its aid program for Haiti.",
            ("SANCTION", ["Canada"], ["Haiti"]),
        ),
        # a country the small model leaves untagged is still an actor
        ("Uzbekistan opened the border with Afghanistan.", ("RETREAT", ["Uzbekistan"], ["Afghanistan"])),
    ],
)
def test_issue_5e_rules(body: str, expected: tuple[str, list[str], list[str]]):
    found = [e[:3] for e in _events(_doc(body))]
    assert expected in found, found


@pytest.mark.parametrize(
    "body",
    [
        # a thing's flexibility permits nothing that is a concession
        "The new platform is flexible, allowing Volkswagen to change the length of its cars.",
        # taking a transcript of a call with someone does not release them
        "Once Trump released the transcript of his call with Zelensky, the debate moved on.",
    ],
)
def test_issue_5e_rules_code_nothing_here(body: str):
    kinds = [e for e in _events(_doc(body)) if e[0] in {"CONCEDE", "RETREAT"}]
    assert kinds == []


def test_what_someone_wants_done_is_hypothetical():
    doc = _doc("The pressure must continue for Syria to allow the United Nations to deliver aid.")
    assert [e.modality for e in doc.events if e.type == "CONCEDE"] == ["hypothetical"]


@pytest.mark.parametrize(
    ("body", "modality"),
    [
        # talks held out as a prospect have not been held
        (
            "Kenya said the release gave hope for the success of peace negotiations between Sudan and Chad.",
            "hypothetical",
        ),
        ("The swap would pave the way for direct talks between Sudan and Chad, Kenya said.", "hypothetical"),
        ("The talks between Sudan and Chad ended in success on Monday.", "asserted"),
        # an act striven for is not done
        ("Chad's efforts to get Sudan to investigate Ali Musa failed on Monday.", "hypothetical"),
    ],
)
def test_an_event_held_out_as_a_prospect_is_hypothetical(body: str, modality: str):
    assert [e.modality for e in _doc(body).events if e.type in {"CONSULT", "ACCUSE"}] == [modality]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Israel said its troops killed five militants in Jenin.", ("ASSAULT", ["Israel"], ["militants"])),
        ("The rebels said their fighters had withdrawn from the town.", ("RETREAT", ["rebels"], [])),
    ],
)
def test_a_speakers_own_forces_are_the_speakers(body: str, expected: tuple[str, list[str], list[str]]):
    found = [e[:3] for e in _events(_doc(body))]
    assert expected in found, found


def test_own_forces_without_a_named_speaker_code_nothing():
    assert _doc("Its troops killed five militants in Jenin.").events == []


@pytest.mark.parametrize(
    "body",
    [
        # a company's offer to its customers
        "Northwind Motors is offering buyers a free charging cable with every car.",
        # sport: a player beats another, a team rallies
        "Maria Lopez beat Anna Kovac 6-4, 6-2 in the final.",
        # people named with no role, in a story where no one holds office
        "Dana Whitfield agreed to play the lead role in the new film.",
    ],
)
def test_events_without_a_political_participant_are_not_coded(body: str):
    assert _events(_doc(body)) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a company's dealings with a state are political
        ("Northwind Motors agreed to pay a fine to Kenya.", "AGREE"),
        # a person named without a role, in a story where someone holds office
        (
            "Kenyan Foreign Minister Esther Korir met reporters. Later Dana Whitfield visited Kenya.",
            "CONSULT",
        ),
    ],
)
def test_political_participants_keep_the_event(body: str, expected: str):
    assert expected in [e[0] for e in _events(_doc(body))], _events(_doc(body))


def test_content_clause_names_the_recipient():
    doc = _doc("Peru offered to negotiate with Chile on Monday.")
    assert ("AGREE", ["Peru"], ["Chile"]) in [e[:3] for e in _events(doc)]


@pytest.mark.parametrize(
    "body",
    [
        "Switzerland beat Gibraltar 6-0 to win the group.",
        "Kenya beat Uganda 2-1 in the final on Sunday.",
        "Blue Jackets 5, Canadiens 2: Dubois scored twice, and Columbus beat Montreal.",
        # blocking without a road, a street or access is no obstruction
        "Kenyan defender Otieno blocked a shot in the final minute.",
        # "on" of something else than what one goes on
        "On behalf of the Peruvian government, the mayor of Lima went in search of investors.",
    ],
)
def test_games_and_stray_prepositions_are_no_events(body: str):
    assert _events(_doc(body)) == []


def test_going_on_strike_is_a_protest_even_for_a_nationality():
    assert [e[0] for e in _events(_doc("Chilean teachers went on strike on Monday."))] == ["PROTEST"]


@pytest.mark.parametrize(
    "body",
    [
        "Kenyan opposition leader Raila Otieno pleaded guilty to the charges on Monday.",
        "A Kenyan man pleaded guilty Monday to threatening Kenyan President William Ruto, prosecutors said.",
        "The Kenyan foreign ministry declined to comment on the report.",
        "Kenyan President William Ruto asked again.",
        # measures, questions, prospects and showing
        "Kenya's Nairobi index declined 0.4% on Monday while Uganda's fell 0.2%.",
        "Shares of the Kenyan carrier hit a record high in Nairobi on Monday.",
        "Kenyan President William Ruto smiled when asked about the election on Monday.",
        "Kenyan President William Ruto recognized that the deal was poor for Kenya.",
        "Kenya's new rail deals with Uganda promise to be cheaper than road freight.",
        "Kenya's resolve, as demonstrated by its new budget, impressed Uganda.",
    ],
)
def test_requests_and_refusals_that_are_something_else(body: str):
    assert _events(_doc(body)) == []


def test_refusing_to_discuss_stays_a_rejection():
    assert [e[0] for e in _events(_doc("Kenya refused to discuss the border with Uganda."))] == ["REJECT"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a headline's passive without its auxiliary: the subject underwent it
        ("Three soldiers killed in ambush near Mosul.", ("ASSAULT", ["unidentified actor"], ["soldiers"])),
        (
            "Five opposition activists arrested in Kampala.",
            ("COERCE", ["unidentified actor"], ["opposition activists"]),
        ),
        # "shoot down" takes an object: without one, whatever the tag, it is a passive
        ("Russian jet shot down over Syria on Monday.", ("ASSAULT", ["unidentified actor"], ["Russian"])),
    ],
)
def test_headline_passives_make_the_subject_the_victim(body: str, expected: tuple[str, list[str], list[str]]):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


def test_headline_passive_without_an_attack_is_no_event():
    assert _events(_doc("More than 100 protesters killed in the unrest in Iran.")) == []


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        # the writer's forecast: hypothetical, and no threat of the actor's own
        ("Chinese President Xi Jinping is likely to deploy troops to Hong Kong.", "MOBILIZE"),
        ("Reuters said Russia is unlikely to agree to cut its oil output.", "AGREE"),
    ],
)
def test_forecasts_are_hypothetical(body: str, kind: str):
    assert [(e[0], e[3]) for e in _events(_doc(body))] == [(kind, "hypothetical")]


def test_an_order_is_a_request_unless_it_goes_to_the_actors_own_forces():
    doc = _doc("The Tanzanian government ordered the newspaper Mwanga Leo to publish a correction on Monday.")
    assert [e[:3] for e in _events(doc)] == [("REQUEST", ["Tanzanian government"], ["Mwanga Leo"])]
    # An order to cease is coercion (issue 5g): censorship when it closes the press.
    doc = _doc("The Tanzanian government ordered the newspaper Mwanga Leo to close its offices on Monday.")
    assert [(e.type, e.mode) for e in doc.events] == [("COERCE", "censor")]
    # A commander's order to their own troops is not a request between two actors.
    assert _events(_doc("President Ochieng Adongo ordered troops to the northern border on Monday.")) == []
    # What an authority orders is itself the event.
    doc = _doc("The governor of Kisumu ordered patrols by police after protests on Monday.")
    assert [e[0] for e in _events(doc)] == ["MOBILIZE"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # what is offered, proposed or refused has not happened: one event, the offer
        (
            "Norway proposed a truce between Chad and Sudan on Monday.",
            [("AGREE", ["Norway"], ["Chad", "Sudan"])],
        ),
        ("Chad rejected a truce with Sudan on Monday.", [("REJECT", ["Chad"], ["Sudan"])]),
        ("Chad offered talks with Sudan on Monday.", [("AGREE", ["Chad"], ["Sudan"])]),
    ],
)
def test_an_offered_or_refused_event_is_not_coded_as_held(body: str, expected: list[tuple[str, list, list]]):
    assert [e[:3] for e in _events(_doc(body))] == expected


def test_a_people_named_by_nationality_is_an_actor():
    doc = _doc("Bosnian Croats said their fighters had completed a withdrawal from Mostar on Tuesday.")
    people = next(e for e in doc.entities if e.name == "Bosnian Croats")
    assert (people.type, people.actor.country) == ("NORP", "BIH")
    assert [e[:2] for e in _events(doc)] == [("RETREAT", ["Bosnian Croats"])]


def test_an_aid_agency_operating_somewhere_is_the_speaker_of_its_demand():
    doc = _doc("The Red Cross operating in Yemen said Saudi forces must let food convoys pass on Monday.")
    assert ("REQUEST", ["Red Cross"], ["Saudi forces"]) in [e[:3] for e in _events(doc)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # courts, judges, prosecutors, ministries and embassies are actors of their country
        (
            "A Nairobi court sentenced the activist Wanjiru Kamau to two years in prison on Monday.",
            ("COERCE", ["Nairobi court"], ["Wanjiru Kamau"]),
        ),
        # what is arrested, shelled or invaded "of" someone is done to them; whoever
        # ordered it did it
        (
            "A judge in Mombasa ordered the arrest of five Kenyan activists on Monday.",
            ("COERCE", ["judge"], ["Kenyan activists"]),
        ),
        # the accused of "alleged that …" is the content's subject
        ("Turkey alleged on Monday that Greece had armed the militants.", ("ACCUSE", ["Turkey"], ["Greece"])),
    ],
)
def test_legal_actors_and_their_targets(body: str, expected: tuple[str, list[str], list[str]]):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


def test_the_possessor_of_an_arrest_is_the_one_arrested():
    doc = _doc("Police announced Wanjiru Kamau's arrest in Nairobi on Monday.")
    assert [e[:3] for e in _events(doc)] == [("COERCE", ["police"], ["Wanjiru Kamau"])]


def test_people_of_unstated_role_are_actors_only_in_a_paragraph_that_names_an_office():
    doc = _doc(
        "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi on Monday. "
        "Wanjiku Otieno accused Peter Kamau of lying about the talks.\n\n"
        "Later, at a football match, Mary Achieng accused John Mwangi of cheating."
    )
    assert [e[:3] for e in _events(doc)] == [
        ("CONSULT", ["William Ruto", "Yoweri Museveni"], []),
        ("ACCUSE", ["Wanjiku Otieno"], ["Peter Kamau"]),
    ]


def test_a_meeting_that_was_called_off_is_negated():
    doc = _doc("A summit between Kenya and Uganda that was postponed last week drew criticism in Nairobi.")
    assert _events(doc) == [("CONSULT", ["Kenya", "Uganda"], [], "negated")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Kenya thanked Japan for its aid on Monday.", ("SUPPORT", ["Kenya"], ["Japan"])),
        (
            "The African Union assisted Somalia with food deliveries on Monday.",
            ("AID", ["African Union"], ["Somalia"]),
        ),
        (
            "Ethiopian jets destroyed Tigrayan positions near Mekelle on Monday.",
            ("ASSAULT", ["Ethiopian"], ["Tigrayan"]),
        ),
        ("Sudanese troops besieged El Fasher on Monday.", ("COERCE", ["Sudanese troops"], [])),
    ],
)
def test_issue_5f_lexicon_rows(body: str, expected: tuple[str, list[str], list[str]]):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


def test_destroying_something_of_no_one_named_is_no_attack():
    assert _events(_doc("Workers destroyed the old bridge in Mombasa on Monday.")) == []


def test_a_city_is_no_political_party_to_a_companys_offer():
    assert _events(_doc("Kenya Airways offered to fly the injured dog to Mombasa on Monday.")) == []
    # a country is
    assert [
        e[0] for e in _events(_doc("Kenya Airways offered to fly the injured dog to Uganda on Monday."))
    ] == ["AGREE"]


@pytest.mark.parametrize(
    "body",
    [
        # a contest between named sides, not an attack
        "Peru beat Chile in Lima on Monday.",
        "Senate Democrats beat Governor Alan Marsh in the state election on Tuesday.",
        # an object that makes the trigger word something else
        "Chile's copper exports beat forecasts on Monday, the Chilean finance ministry said.",
        "Peruvian exports met expectations in March, the Peruvian government said.",
        "The Chilean government has been fighting corruption since 2019, President Ana Soto said.",
        "Chilean President Ana Soto attacked the opposition's pension plan on Monday.",
        "The Peruvian government offered an example of the reform in Lima on Monday.",
        "The Peruvian embassy did not provide Reuters with further information on Monday.",
        # an inquiry dropped is news of its end
        "Chile has dropped its investigation into the Peruvian envoy on Monday.",
        # people in a market or an audience are no actors, whatever place or nation they have
        "Small investors in Peru welcomed the deal on Monday.",
        "Some Chilean fans boycotted the final in Lima on Monday.",
        # nor are the figures they move, as subjects or as agents
        "The peso was supported by strong Chilean export figures on Monday.",
        "Chilean exports welcomed the new trade rules on Monday.",
    ],
)
def test_a_trigger_word_in_another_sense_codes_no_event(body: str):
    assert _events(_doc(body)) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # groups beating someone, or what marks a beating, are an assault
        ("Police beat protesters in Lima on Monday.", ("ASSAULT", ["police"], ["protesters"])),
        (
            "Chilean soldiers beat Pedro Rojas with batons on Monday.",
            ("ASSAULT", ["Chilean soldiers"], ["Pedro Rojas"]),
        ),
        # ... but they can be attacked
        ("Gunmen attacked Chilean tourists in Lima on Monday.", ("ASSAULT", ["gunmen"], ["Chilean"])),
        # what "with" names is what is provided
        ("Japan provided Peru with food aid on Monday.", ("AID", ["Japan"], ["Peru"])),
        # parties and legislatures attack with words: criticism, not force
        ("The Dems attacked Peruvian President Ana Soto on Monday.", ("ACCUSE", ["Dems"], ["Ana Soto"])),
        # the kin of someone named are not that someone
        (
            "The son of Kenyan President Samuel Kiptoo was arrested by police in Nairobi on Monday.",
            ("COERCE", ["police"], []),
        ),
        # an unnamed group's countries of origin are the actors
        (
            "Warships from Peru, Chile and Japan began joint exercises off Lima on Monday.",
            ("COOPERATE", ["Chile", "Japan", "Peru"], []),
        ),
        # a promise of retaliation is a threat
        ("Peru vowed revenge for the attack on Monday.", ("THREATEN", ["Peru"], [])),
        # a deal struck is an agreement
        ("Peru and Chile struck a deal on fishing rights on Monday.", ("AGREE", ["Chile", "Peru"], [])),
    ],
)
def test_a_beating_and_a_struck_deal_are_coded(body: str, expected: tuple[str, list[str], list[str]]):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


_MATCH_REPORT = (
    "Peru's football team played Chile in the league match at the national stadium in Lima. "
    "The coach said the players had prepared all season for the game. Two goals in the first "
    "half put the home team ahead, and the goalkeeper saved a penalty before halftime. "
    "The teams meet again in the tournament next month, when the championship is decided. "
    "{}"
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # in a sports story the countries are teams: their "talks" are no diplomacy
        ("Peru held talks with Chile on Monday about the match schedule.", []),
        # office-holders are still actors there: the police, a government
        ("Police arrested twelve fans outside the stadium on Monday.", [("COERCE", ["police"])]),
    ],
)
def test_a_sports_story_codes_only_office_holders(sentence: str, expected: list[tuple[str, list[str]]]):
    doc = _doc(_MATCH_REPORT.format(sentence))
    assert [(kind, [a.lower() for a in actors]) for kind, actors, _, _ in _events(doc)] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Uganda lauded Kenya for its mediation on Monday.", ("SUPPORT", ["Uganda"], ["Kenya"])),
        ("A truce between Ethiopia and the rebels began on Monday.", ("RETREAT", ["Ethiopia", "rebels"], [])),
        ("Kenya ruled out a transfer of the detainees to Uganda.", ("REJECT", ["Kenya"], ["Uganda"])),
        ("Kenya severed relations with Uganda on Monday.", ("SANCTION", ["Kenya"], ["Uganda"])),
        ("Rebels hijacked a Kenyan airliner on Monday.", ("ASSAULT", ["rebels"], ["Kenyan"])),
        ("Sudan deplored the violence in Darfur on Monday.", ("ACCUSE", ["Sudan"], [])),
        ("Ethiopia massed troops on the border on Monday.", ("MOBILIZE", ["Ethiopia"], [])),
    ],
)
def test_issue_5g_lexicon_rows(body: str, expected: tuple[str, list[str], list[str]]):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


def test_a_particle_parsed_as_an_adverb_still_makes_a_phrase():
    doc = _doc("Kenyan Interior Minister Paul Otieno stepped down on Monday.")
    assert [e[:3] for e in _events(doc)] == [("RETREAT", ["Paul Otieno"], [])]


def test_an_event_avoided_or_feared_has_not_happened():
    assert _events(_doc("Kenya delayed the vote to avoid criticism from Uganda.")) == []


def test_forces_a_participle_says_were_stationed_are_the_actor():
    doc = _doc("Kenyan troops stationed in Somalia returned home on Monday.")
    assert [e[:3] for e in _events(doc)] == [("MOBILIZE", ["Kenyan troops"], [])]


def test_warships_of_two_countries_hold_joint_drills():
    doc = _doc("Kenyan and Ugandan warships began naval drills on Lake Victoria on Monday.")
    assert [e[:3] for e in _events(doc)] == [("COOPERATE", ["Kenyan and Ugandan warships"], [])]


def test_leaving_something_for_later_talks_is_not_going_to_talks():
    assert _events(_doc("The administration left the border question for later talks.")) == []


def test_a_participle_with_a_direct_object_is_active_not_a_headline_passive():
    doc = _doc("President Paul Otieno on Monday shortened by two hours the curfew in Nairobi.")
    assert [e[:3] for e in _events(doc)] == [("CONCEDE", ["Paul Otieno"], [])]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Uganda took part in the talks with Kenya on Monday.", ("CONSULT", ["Kenya", "Uganda"], [])),
        ("Kenya attended the summit in Addis Ababa on Monday.", ("CONSULT", ["Kenya"], [])),
    ],
)
def test_whoever_takes_part_in_a_nominal_event_is_a_participant(body: str, expected: tuple):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


def test_a_possessive_pronoun_on_an_event_noun_is_the_clauses_subject():
    doc = _doc("Ethiopia said on Monday that its offensive in Tigray was over.")
    assert [e[:3] for e in _events(doc)] == [("ASSAULT", ["Ethiopia"], [])]


def test_where_aid_stops_receives_it_but_a_venue_of_talks_does_not():
    doc = _doc("The Red Cross suspended aid deliveries in Mogadishu on Monday.")
    assert [e[:3] for e in _events(doc)] == [("SANCTION", ["Red Cross"], ["Mogadishu"])]
    assert _events(_doc("Kenya and Uganda suspended the talks in Arusha on Monday.")) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("An armed group attacked a police post in Ituri on Monday.", ("ASSAULT", ["armed group"], [])),
        ("Rioters attacked a police post in Ituri on Monday.", ("ASSAULT", ["rioters"], [])),
        ("Kenyan warplanes bombed a base in Somalia on Monday.", ("ASSAULT", ["Kenyan warplanes"], [])),
    ],
)
def test_issue_5g_group_nouns_act(body: str, expected: tuple):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Sanctions imposed on Iran by the EU took effect on Monday.", ("SANCTION", ["EU"], ["Iran"])),
        ("Kenyan troops sent to Somalia arrived on Monday.", ("MOBILIZE", ["Kenyan troops"], ["Somalia"])),
    ],
)
def test_a_phrase_object_can_be_a_passive_subject_or_a_participles_noun(body: str, expected: tuple):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


def test_preparing_to_attack_is_mobilizing():
    doc = _doc("The Kenyan army prepared to resume shelling rebel positions on Monday.")
    assert _events(doc) == [("MOBILIZE", ["Kenyan army"], [], "asserted")]


def test_cutting_off_talks_is_halting_them():
    doc = _doc("Kenya cut off talks with Uganda on Monday.")
    assert _events(doc) == [("SANCTION", ["Kenya"], ["Uganda"], "asserted")]


def test_a_document_says_what_its_author_says():
    doc = _doc("A statement issued by Uganda accused Kenya of aiding the rebels.")
    assert [e[:3] for e in _events(doc)] == [("ACCUSE", ["Uganda"], ["Kenya"])]


def test_participants_of_an_event_that_breaks_out_are_on_its_verb():
    doc = _doc("Clashes broke out between police and protesters in Nairobi on Monday.")
    assert [e[:3] for e in _events(doc)] == [("ASSAULT", ["police", "protesters"], [])]


def test_unknown_attackers_named_by_what_they_do_are_actors():
    doc = _doc("Bandits killed five villagers in Zamfara on Monday.")
    assert [e[:3] for e in _events(doc)] == [("ASSAULT", ["bandits"], ["villagers"])]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Uganda is ready for talks with Kenya.", ("AGREE", ["Uganda"], ["Kenya"], "future")),
        ("Uganda is not ready for talks with Kenya.", ("AGREE", ["Uganda"], ["Kenya"], "negated")),
        ("Kenya is open to negotiations with the rebels.", ("AGREE", ["Kenya"], ["rebels"], "future")),
    ],
)
def test_being_ready_for_an_event_is_agreeing_to_it(body: str, expected: tuple):
    assert _events(_doc(body)) == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Kenya deployed peacekeepers to Somalia on Monday.", ("AID", ["Kenya"], ["Somalia"])),
        ("A deployment of UN peacekeeping troops arrived in Mali on Monday.", ("AID", ["UN"], ["Mali"])),
        ("Kenya deployed troops to Somalia on Monday.", ("MOBILIZE", ["Kenya"], ["Somalia"])),
    ],
)
def test_sending_peacekeepers_is_aid(body: str, expected: tuple):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


def test_opening_a_border_to_refugees_is_asylum():
    doc = _doc("Kenya opened its border to Somali refugees on Monday.")
    assert [e[:3] for e in _events(doc)] == [("AID", ["Kenya"], ["Somali refugees"])]


def test_an_order_to_cease_is_coercion():
    doc = _doc("The Kenyan government ordered the newspaper Daily Nation to suspend publication.")
    assert [e[:3] for e in _events(doc)] == [("COERCE", ["Kenyan government"], ["Daily Nation"])]
    assert _one(doc, "COERCE").mode == "censor"


def test_a_sum_of_money_pledged_is_no_measure():
    doc = _doc("Kenya pledged $50 million in aid to Somalia on Monday.")
    assert [e[:3] for e in _events(doc)] == [("AGREE", ["Kenya"], ["Somalia"])]


@pytest.mark.parametrize(
    "body",
    [
        "Two civilians were killed when a mortar round hit a market in Kismayo.",
        "Two civilians were killed by a rocket in Kismayo.",
    ],
)
def test_a_weapon_that_killed_names_no_one_and_its_place_is_no_attacker(body: str):
    assert [e[:3] for e in _events(_doc(body))] == [("ASSAULT", ["unidentified actor"], ["civilians"])]


def test_an_accident_when_someone_was_killed_is_no_attack():
    assert _events(_doc("Two workers were killed when a crane collapsed in Kismayo.")) == []


def test_firing_on_someone_is_an_assault_and_firing_staff_is_not():
    doc = _doc("Security forces fired on protesters in Kisumu on Monday.")
    assert [e[:3] for e in _events(doc)] == [("ASSAULT", ["security forces"], ["protesters"])]
    assert _events(_doc("The Kenyan company fired 200 workers on Monday.")) == []


def test_the_noun_a_passive_participle_with_an_agent_modifies_underwent_it():
    doc = _doc("Aid workers kidnapped by gunmen in Garissa were freed on Sunday.")
    assert [e[:3] for e in _events(doc)] == [("ASSAULT", ["gunmen"], ["workers"])]


def test_a_cyber_attack_is_coercion_and_a_tariff_hits_no_one():
    doc = _doc("Kenyan hackers launched a cyberattack on Uganda on Monday.")
    assert [(e[0], e[2]) for e in _events(doc)] == [("COERCE", ["Uganda"])]
    assert _one(doc, "COERCE").mode == "cyber"
    assert _events(_doc("Growers hit by new Kenyan duties were paid on Monday.")) == []


def test_whoever_claims_an_attack_did_it_unless_the_claim_is_denied():
    doc = _doc("Al-Shabaab claimed responsibility for the bombing in Mogadishu on Monday.")
    assert [e[:2] for e in _events(doc)] == [("ASSAULT", ["Al-Shabaab"])]
    doc = _doc("Al-Shabaab has not claimed responsibility for the bombing in Mogadishu.")
    assert [e[:2] for e in _events(doc)] == []


def test_a_question_asked_of_no_one_named_is_no_request():
    assert _events(_doc("The Kenyan senator demanded how the funds had been spent.")) == []
    assert _events(_doc("“What is the plan for Somalia?” the Kenyan foreign minister asked.")) == []
    doc = _doc("Kenya demanded that Uganda reopen the border on Monday.")
    assert [e[:3] for e in _events(doc)] == [("REQUEST", ["Kenya"], ["Uganda"])]


def test_a_person_in_apposition_acts_not_the_party_describing_the_noun():
    doc = _doc("The Democratic candidate, Amina Odhiambo, promised to visit Uganda.")
    assert [e[:2] for e in _events(doc)] == [("AGREE", ["Amina Odhiambo"])]


@pytest.mark.parametrize(
    "body",
    [
        "The Kenyan president did not offer a response to the report on Monday.",
        "Kenya will invite engineers to bid for a new museum.",
        "The Kenya Border Security Act would impose sanctions on Uganda.",
        "The US lawyers urged Kenya to release the editor.",
    ],
)
def test_no_event_from_answers_bare_invitations_laws_or_private_professions(body: str):
    assert _events(_doc(body)) == []


def test_rockets_fired_at_homes_in_a_town_are_an_attack_on_no_one_named():
    doc = _doc("Kenyan soldiers fired rockets at homes in Kismayo.")
    assert [e[:3] for e in _events(doc)] == [("ASSAULT", ["Kenyan soldiers"], [])]
    doc = _doc("Kenya fired two missiles on Monday.")
    assert [e[:2] for e in _events(doc)] == [("MOBILIZE", ["Kenya"])]


def test_a_crowd_or_dozens_of_a_group_as_object_are_that_group():
    doc = _doc("Police in Nairobi dispersed a crowd of protesters on Monday.")
    assert [e[:3] for e in _events(doc)] == [("COERCE", ["police"], ["protesters"])]


def test_a_checkpoint_in_a_city_is_no_recipient():
    doc = _doc("Two suicide bombers blew themselves up at a checkpoint in Mogadishu on Monday.")
    assert [e[:3] for e in _events(doc)] == [("ASSAULT", ["suicide bombers"], [])]


def test_each_coordinated_phrase_keeps_its_nationality():
    doc = _doc("Clashes broke out in Kisumu between Kenyan police and Ugandan traders.")
    assert [e[:2] for e in _events(doc)] == [("ASSAULT", ["Kenyan police", "Ugandan"])]


def test_a_vetoed_resolution_condemns_no_one_for_the_veto():
    doc = _doc("Russia vetoed a Security Council resolution condemning the coup in Mali.")
    assert [e[0] for e in _events(doc)] == ["REJECT"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Opposition lawmakers walked out of parliament in protest.", ["opposition lawmakers"]),
        ("Kenyan police fired tear gas at students protesting the fee rise.", ["students"]),
        ("Students protested in Nairobi.", ["students"]),
    ],
)
def test_protesters_of_a_phrase_a_participle_or_a_misread_past_tense(body: str, expected: list[str]):
    assert [e[1] for e in _events(_doc(body)) if e[0] == "PROTEST"] == [expected]


def test_a_trade_or_profession_offering_a_service_is_no_agreement():
    assert _events(_doc("The doctors offering to run the clinic in Garissa noted the conditions.")) == []
    assert [e[:2] for e in _events(_doc("Doctors went on strike in Nairobi."))] == [("PROTEST", ["doctors"])]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Kenya gave Uganda a 48-hour ultimatum to withdraw.", ("THREATEN", ["Kenya"], ["Uganda"])),
        ("Kenya delivered a stern warning to Uganda.", ("THREATEN", ["Kenya"], ["Uganda"])),
        ("Kenya said it would not hesitate to attack Uganda.", ("THREATEN", ["Kenya"], ["Uganda"])),
    ],
)
def test_ultimatums_warnings_given_and_no_hesitation_are_threats(body: str, expected: tuple):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "Kenya returned the bodies of three Ugandan soldiers on Monday.",
        "Kenyan forces pulled back from the disputed area.",
    ],
)
def test_returning_the_dead_and_pulling_back_are_retreats(body: str):
    assert [e[0] for e in _events(_doc(body))] == ["RETREAT"]


def test_a_suicide_bomber_is_an_attacker():
    doc = _doc("A suicide bomber blew himself up at a market in Mogadishu on Monday.")
    assert [e[:2] for e in _events(doc)] == [("ASSAULT", ["suicide bomber"])]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Thousands of people marched in Nairobi on Monday.", ("PROTEST", ["people"], [])),
        ("Kenyan police arrested 300 people in Nairobi.", ("COERCE", ["Kenyan police"], ["people"])),
    ],
)
def test_counted_people_are_a_crowd(body: str, expected: tuple):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


def test_people_not_counted_are_no_group():
    assert _events(_doc("Many people protested on Monday.")) == []


def test_a_persons_title_names_no_second_actor():
    doc = _doc("U.S. envoy Amina Odhiambo accused Uganda of aggression.")
    assert [e[:3] for e in _events(doc)] == [("ACCUSE", ["Amina Odhiambo"], ["Uganda"])]


def test_coordinated_nationality_modifiers_are_both_sides():
    doc = _doc("Kenyan and Ugandan negotiators met in Arusha on Monday.")
    assert [e[:2] for e in _events(doc)] == [("CONSULT", ["Kenyan", "Ugandan"])]
    doc = _doc("U.S. and Ugandan negotiators met in Arusha on Monday.")
    assert [(e[0], sorted(e[1])) for e in _events(doc)] == [("CONSULT", ["Ugandan", "United States"])]


def test_a_diplomatic_protest_is_an_accusation_and_a_street_protest_is_not():
    doc = _doc("Kenya protested to Uganda over the arrests on Monday.")
    assert [e[:3] for e in _events(doc)] == [("ACCUSE", ["Kenya"], ["Uganda"])]
    assert _one(doc, "ACCUSE").mode == "disapprove"
    doc = _doc("Thousands of Kenyans protested in Nairobi against the tax on Monday.")
    assert [e[0] for e in _events(doc)] == ["PROTEST"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Uganda was suspended from the African Union on Monday.",
            ("SANCTION", ["African Union"], ["Uganda"]),
        ),
        ("Three Kenyan diplomats were expelled from Uganda.", ("SANCTION", ["Uganda"], ["Kenyan diplomats"])),
    ],
)
def test_whom_one_is_suspended_or_expelled_from_acts(body: str, expected: tuple):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


@pytest.mark.parametrize(
    "body",
    ["The World Bank approved a $300 million loan to Kenya.", "The UN airlifted food to Somalia on Monday."],
)
def test_approved_loans_and_airlifts_are_aid(body: str):
    assert [e[0] for e in _events(_doc(body))] == ["AID"]


def test_ready_to_resume_talks_with_someone_is_an_offer_to_them():
    doc = _doc("Kenya said it was ready to resume peace talks with Uganda.")
    assert [e[:3] for e in _events(doc)] == [("AGREE", ["Kenya"], ["Uganda"])]


def test_forces_put_on_alert_are_mobilized_and_hospitals_are_not():
    doc = _doc("Kenya put its army on high alert along the border with Somalia.")
    assert [e[:2] for e in _events(doc)] == [("MOBILIZE", ["Kenya"])]
    assert _events(_doc("Hospitals in Nairobi are on high alert.")) == []


def test_a_boycotted_event_is_not_held():
    doc = _doc("The Kenyan opposition boycotted talks with the government on Monday.")
    assert [e[0] for e in _events(doc)] == ["PROTEST"]


def test_leaders_of_a_group_are_that_group():
    doc = _doc("Kenyan opposition leaders demanded the release of the editor.")
    assert [e[:2] for e in _events(doc)] == [("REQUEST", ["Kenyan opposition leaders"])]


def test_fighting_as_a_subject_is_a_nominal_event_with_its_participants():
    doc = _doc("Fighting between rival militias killed 50 people in Kismayo.")
    assert [e[:2] for e in _events(doc)][:1] == [("ASSAULT", ["rival militias"])]


def test_a_weapon_used_in_a_place_names_no_recipient():
    doc = _doc("Kenyan police beat protesters with batons in Kisumu on Monday.")
    assert [e[:3] for e in _events(doc)] == [("ASSAULT", ["Kenyan police"], ["protesters"])]


def test_being_committed_to_something_is_agreeing_but_committing_to_nothing_is_not():
    doc = _doc("Kenya is committed to the defence of Somalia.")
    assert [e[:3] for e in _events(doc)] == [("AGREE", ["Kenya"], ["Somalia"])]
    assert _events(_doc("Kenya has not committed to any cuts in spending.")) == []


def test_evacuating_settlements_is_a_withdrawal():
    doc = _doc("Kenya evacuated its military bases in Somalia on Monday.")
    assert [e[:2] for e in _events(doc)] == [("RETREAT", ["Kenya"])]


def test_wishing_to_see_someone_act_is_hypothetical():
    doc = _doc("Kenyan officials would like to see Uganda agree to the deal.")
    assert [(e[0], e[3]) for e in _events(doc)] == [("AGREE", "hypothetical")]


def test_withdrawing_inspectors_halts_involvement_and_threatens_when_announced():
    doc = _doc("The African Union withdrew its observers and aid workers from Burundi on Monday.")
    assert [e[:3] for e in _events(doc)] == [("SANCTION", ["African Union"], ["Burundi"])]
    doc = _doc("The UN said it will withdraw its inspectors from Somalia.")
    assert [e[:2] for e in _events(doc)] == [("THREATEN", ["UN"])]


def test_a_title_with_a_name_in_apposition_is_that_person():
    doc = _doc(
        "The Minister for Interior, Amina Odhiambo, allowed the opposition to hold a rally in Nairobi."
    )
    assert [e[:2] for e in _events(doc)][:1] == [("CONCEDE", ["Amina Odhiambo"])]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Three Kenyan soldiers died in an attack on their convoy.", [("ASSAULT", ["unidentified actor"])]),
        ("Two civilians died in a Kenyan airstrike near Kismayo.", [("ASSAULT", ["Kenyan"])]),
        ("Four workers died in a car crash near Kismayo.", []),
        ("The former Kenyan president died on Monday.", []),
    ],
)
def test_dying_is_an_attack_only_in_an_attack(body: str, expected: list):
    assert [e[:2] for e in _events(_doc(body))] == expected


def test_exchanging_fire_and_firing_into_a_country_are_attacks():
    doc = _doc("Kenyan troops and Somali militants exchanged fire near the border.")
    assert [e[:2] for e in _events(doc)] == [("ASSAULT", ["Kenyan troops", "Somali militants"])]
    doc = _doc("Militants fired rockets into northern Kenya on Monday.")
    assert [e[:3] for e in _events(doc)] == [("ASSAULT", ["militants"], ["Kenya"])]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The Kenyan government acceded to the opposition's demand for early elections.", "CONCEDE"),
        ("Uganda granted amnesty to the rebels on Monday.", "CONCEDE"),
        ("Kenya sent peacekeepers to Somalia on Monday.", "AID"),
        ("Kenya provided military training to Somali troops.", "AID"),
    ],
)
def test_accession_amnesty_peacekeepers_and_training(body: str, expected: str):
    assert [e[0] for e in _events(_doc(body))] == [expected]


def test_documents_provided_and_goods_for_customers_are_no_aid():
    assert _events(_doc("The text messages Kenya provided to Ugandan lawmakers were published.")) == []
    assert _events(_doc("Kenya Airways delivered 40 aircraft seats to customers in Uganda.")) == []


@pytest.mark.parametrize(
    "body", ["The Kenyan army lifted the siege of Kismayo.", "Uganda ended its blockade of the port."]
)
def test_lifting_a_siege_or_ending_a_blockade_is_a_retreat(body: str):
    assert [e[0] for e in _events(_doc(body))] == ["RETREAT"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "A sniper shot two Kenyan soldiers in Mandera on Monday.",
            ("ASSAULT", ["sniper"], ["Kenyan soldiers"]),
        ),
        (
            "A journalist was detained in Kampala on Monday.",
            ("COERCE", ["unidentified actor"], ["journalist"]),
        ),
    ],
)
def test_one_attacker_or_one_victim_is_a_group_of_one(body: str, expected: tuple):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Kenya vowed to retaliate against the militants.", ("THREATEN", ["Kenya"])),
        ("The Kenyan junta warned that protesters would be shot.", ("THREATEN", ["Kenyan junta"])),
    ],
)
def test_vowed_retaliation_and_warned_shootings_are_threats(body: str, expected: tuple):
    assert [e[:2] for e in _events(_doc(body))] == [expected]


def test_any_attack_is_hypothetical():
    doc = _doc("Kenya said any attack by Somali militants would be met with force.")
    assert [(e[0], e[3]) for e in _events(doc)] == [("ASSAULT", "hypothetical")]


def test_expressed_willingness_is_the_holders_offer():
    doc = _doc("Kenya expressed willingness to negotiate with the rebels.")
    assert [e[:3] for e in _events(doc)] == [("AGREE", ["Kenya"], ["rebels"])]


def test_market_figures_misparsed_as_a_meeting_make_no_event():
    body = "The shilling was supported by Kenyan economic data meeting lowered forecasts."
    assert _events(_doc(body)) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Uganda shut down the internet during the election.", ("COERCE", "withhold")),
        ("Uganda declared a state of emergency in the north.", ("COERCE", "martial-law")),
        ("Kenyan soldiers torched houses in the village.", ("ASSAULT", "destroy")),
    ],
)
def test_withheld_services_emergencies_and_torched_houses(body: str, expected: tuple):
    doc = _doc(body)
    assert [(e.type, e.mode) for e in doc.events] == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "After talks in Nairobi, the Ugandan government and the rebels agreed to a ceasefire.",
            ("AGREE", ["Ugandan government", "rebels"], []),
        ),
        (
            "With the signing of the accord in Arusha, Kenya and Uganda have agreed to reopen the border.",
            ("AGREE", ["Kenya", "Uganda"], []),
        ),
    ],
)
def test_a_subject_parsed_into_the_opening_phrase_is_the_verbs(body: str, expected: tuple):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


def test_an_opening_with_phrase_names_no_recipient():
    doc = _doc("With the backing of the African Union, Kenya has deployed troops to Somalia.")
    assert [e[:3] for e in _events(doc)] == [("MOBILIZE", ["Kenya"], ["Somalia"])]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Kenya dismantled roadblocks along the Ugandan border on Tuesday.", ("RETREAT", ["Kenya"], [])),
        ("Kenya called up 5,000 reservists on Monday.", ("MOBILIZE", ["Kenya"], [])),
        ("Ugandan police stepped up security in Kampala.", ("MOBILIZE", ["Ugandan police"], [])),
        ("The army raised the alert after the attack.", ("MOBILIZE", ["army"], [])),
        ("Kenya froze the assets of five Ugandan businessmen.", ("SANCTION", ["Kenya"], ["Ugandan"])),
        ("Uganda stopped military aid to the rebels.", ("SANCTION", ["Uganda"], ["rebels"])),
    ],
)
def test_roadblocks_reservists_security_frozen_assets_and_stopped_aid(body: str, expected: tuple):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Kenya did not rule out sanctions against Uganda.", ("THREATEN", ["Kenya"], ["Uganda"])),
        ("Uganda has not ruled out the use of force.", ("THREATEN", ["Uganda"], [])),
        ("Kenya ruled out military action against Uganda.", ("REJECT", ["Kenya"], ["Uganda"])),
        ("Kenya did not rule out talks with the rebels.", ("REJECT", ["Kenya"], ["rebels"])),
    ],
)
def test_force_not_ruled_out_is_a_threat(body: str, expected: tuple):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


def test_a_release_or_expulsion_as_a_noun_is_done_to_its_of():
    doc = _doc("The release of 50 political prisoners by the Sudanese government was welcomed.")
    assert ("RETREAT", ["Sudanese government"], ["political prisoners"]) in [e[:3] for e in _events(doc)]
    doc = _doc("The expulsion of two Kenyan diplomats by Uganda was condemned in Nairobi.")
    assert [e[:3] for e in _events(doc)] == [("SANCTION", ["Uganda"], ["Kenyan diplomats"])]
    assert _events(_doc("The release of the report by the Kenyan commission was delayed.")) == []
    assert _events(_doc("The ministry said in a press release that it would appeal.")) == []


def test_the_doer_named_by_on_what_was_bombed_did_it():
    doc = _doc("The bombing of rebel positions by Ethiopian jets continued on Tuesday.")
    assert [e[:2] for e in _events(doc)] == [("ASSAULT", ["Ethiopian"])]


def test_a_postponed_summit_or_visit_was_not_held():
    doc = _doc("A visit by the Kenyan president to Kampala has been postponed.")
    assert [(e[0], e[3]) for e in _events(doc)] == [("CONSULT", "negated")]
    assert _events(_doc("Kenya postponed the summit with Uganda.")) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Soldiers burned down the market in Gulu.", ("ASSAULT", "destroy", ["soldiers"], [])),
        ("Rebels looted shops in the town.", ("COERCE", "seize", ["rebels"], [])),
        (
            "Police bulldozed the opposition leader's house.",
            ("ASSAULT", "destroy", ["police"], ["opposition leader"]),
        ),
    ],
)
def test_property_burned_looted_or_bulldozed(body: str, expected: tuple):
    doc = _doc(body)
    assert [(e.type, e.mode, *_events(doc)[0][1:3]) for e in doc.events] == [expected]


def test_what_a_request_or_invitation_is_for_is_not_held():
    doc = _doc("Uganda turned down a request for a meeting with the Kenyan president.")
    assert [e[0] for e in _events(doc)] == ["REJECT"]


def test_talks_someone_refused_to_take_part_in_are_negated():
    doc = _doc("The opposition refused to take part in the negotiations with the government.")
    assert [(e[0], e[3]) for e in _events(doc)] == [("REJECT", "asserted"), ("CONSULT", "negated")]


def test_leaving_talks_halts_negotiations():
    doc = _doc("Kenya withdrew from the talks with Uganda.")
    assert [e[:3] for e in _events(doc)] == [("SANCTION", ["Kenya"], ["Uganda"])]
    doc = _doc("The rebels threatened to pull out of the peace talks with the government.")
    assert [e[:2] for e in _events(doc)] == [("THREATEN", ["rebels"])]
    doc = _doc("Kenya withdrew its troops from Somalia.")
    assert [e[:3] for e in _events(doc)] == [("RETREAT", ["Kenya"], ["Somalia"])]


def test_the_countries_of_an_unnamed_group_of_officials_are_its_actors():
    doc = _doc("The foreign ministers of Kenya and Uganda met in Arusha on Monday.")
    assert [e[:2] for e in _events(doc)] == [("CONSULT", ["Kenya", "Uganda"])]


def test_walking_out_is_a_protest_and_out_of_talks_with_someone_a_halt():
    doc = _doc("Opposition lawmakers walked out of parliament on Tuesday.")
    assert [e[:2] for e in _events(doc)] == [("PROTEST", ["opposition lawmakers"])]
    doc = _doc("The Kenyan delegation walked out of the talks with Uganda.")
    assert [e[:3] for e in _events(doc)] == [("SANCTION", ["Kenyan"], ["Uganda"])]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The Kivu Resistance Movement declared a unilateral ceasefire on Sunday.", "RETREAT"),
        ("The Al-Nour Brigades claimed responsibility for the bombing.", "ASSAULT"),
    ],
)
def test_an_armed_movement_named_alone_is_a_political_actor(body: str, expected: str):
    assert [e[0] for e in _events(_doc(body))] == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Kenya issued a warning to Uganda over the border incursions.", ("THREATEN", ["Kenya"], ["Uganda"])),
        (
            "Uganda set a deadline of Friday for the rebels to lay down their arms.",
            ("THREATEN", ["Uganda"], []),
        ),
        ("Police crushed the protests in Kampala.", ("ASSAULT", ["police"], [])),
        ("Uganda vowed to crush the rebellion.", ("THREATEN", ["Uganda"], [])),
    ],
)
def test_warnings_deadlines_and_crushed_protests(body: str, expected: tuple):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


def test_a_travel_warning_is_no_threat():
    assert _events(_doc("The US issued a travel warning for Kenya.")) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Kenya handed over three Ugandan fugitives to the Ugandan police.", "COOPERATE"),
        ("The rebels handed over 300 weapons to African Union peacekeepers.", "RETREAT"),
        ("Kenya handed over aid to Uganda.", "AID"),
        ("Uganda ignored calls to release the opposition leader.", "REJECT"),
        ("Kenyan students staged a sit-in outside the parliament.", "PROTEST"),
    ],
)
def test_what_is_handed_over_ignored_calls_and_sit_ins(body: str, expected: str):
    assert [e[0] for e in _events(_doc(body))] == [expected]


def test_joint_patrols_need_two_sides_not_two_forces_of_one_state():
    doc = _doc("The Kenyan and Ugandan armies will conduct joint patrols along the border.")
    assert [e[0] for e in _events(doc)] == ["AGREE"]
    doc = _doc("Police and soldiers patrolled the streets of Kisumu after the riots.")
    assert [e[:2] for e in _events(doc)] == [("MOBILIZE", ["police", "soldiers"])]


def test_every_lexicon_word_is_one_token():
    # A word the tokenizer splits ("sit-in" → sit, -, in) can never match a token.
    from dateline.events import lexicon
    from dateline.nlp import load
    from dateline.settings import Settings

    tokenizer = load(Settings().model).tokenizer
    split = [trigger for trigger, _ in lexicon() for word in trigger.split() if len(tokenizer(word)) > 1]
    assert split == []


def test_training_anothers_forces_is_aid_to_them():
    doc = _doc("Britain trained Kenyan soldiers in counter-insurgency.")
    assert [e[:3] for e in _events(doc)] == [("AID", ["United Kingdom"], ["Kenyan soldiers"])]
    doc = _doc("Uganda has been training the rebels to fight against the Kenyan army.")
    assert [e[:3] for e in _events(doc)] == [("AID", ["Uganda"], ["rebels"])]


def test_a_nationality_the_ner_missed_still_gives_a_group_its_country():
    doc = _doc("Ugandan troops, backed by helicopter gunships, attacked rebel bases in the north.")
    troops = [e for e in doc.entities if e.name == "Ugandan troops"]
    assert [e.actor.country for e in troops] == ["UGA"]
    # firepower in support of an attack is no political support
    assert [e[:2] for e in _events(doc)] == [("ASSAULT", ["Ugandan troops"])]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Uganda vowed a swift and firm response to the attack.", ("THREATEN", "asserted")),
        ("Kenya promised what it called a proportionate response.", ("THREATEN", "asserted")),
        ("The ministry promised a response to the petition by Friday.", ("AGREE", "asserted")),
    ],
)
def test_a_promised_forceful_response_is_a_threat(body: str, expected: tuple):
    assert [(e[0], e[3]) for e in _events(_doc(body))] == [expected]


def test_a_present_tense_no_is_commentary_not_a_refusal():
    assert _events(_doc("Kenya offers no solution of its own.")) == []
    doc = _doc("Uganda has offered no concessions to the rebels.")
    assert [(e[0], e[3]) for e in _events(doc)] == [("AGREE", "negated")]


def test_a_present_perfect_of_how_often_is_a_pattern_not_an_event():
    assert _events(_doc("Herders and farmers have clashed repeatedly in the region.")) == []
    doc = _doc("Soldiers routinely beat up detainees in the camp.")
    assert [e[0] for e in _events(doc)] == ["ASSAULT"]


def test_a_dateline_is_no_actor():
    body = "Kisumu – Several thousand students wearing red surrounded the county assembly on Tuesday."
    doc = _doc(body[:-1] + " to call for lower fees from the governor.")
    assert [e[:2] for e in _events(doc)] == [("REQUEST", ["students"])]


def test_delivered_aid_is_one_event_and_deliver_alone_none():
    assert [e[0] for e in _events(_doc("Kenya delivered food aid to Uganda."))] == ["AID"]
    assert _events(_doc("Kenyan officials said they would need to deliver.")) == []
    assert _events(_doc("The president will hand over the reins to his deputy.")) == []


def test_what_talks_discuss_is_their_topic():
    doc = _doc("Kenya discussed the investigation with Ugandan officials.")
    assert [e[:2] for e in _events(doc)] == [("CONSULT", ["Kenya", "Ugandan"])]


def test_a_whether_clause_is_a_question_not_an_announcement():
    doc = _doc("It is unclear whether Uganda attacked the convoy.")
    assert [(e[0], e[3]) for e in _events(doc)] == [("ASSAULT", "hypothetical")]


def test_a_warning_that_something_is_so_is_no_threat():
    assert _events(_doc("Kenya warned that there is no chance of a deal.")) == []
    doc = _doc("Kenya warned that there would be consequences.")
    assert [e[0] for e in _events(doc)] == ["THREATEN"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Kenyan police placed the activist under house arrest.",
            ("COERCE", ["Kenyan police"], ["activist"]),
        ),
        ("Uganda put the town under curfew.", ("COERCE", ["Uganda"], [])),
        (
            "A US national has been put under investigation in Uganda for his role in the riots.",
            ("ACCUSE", ["unidentified actor"], ["United States"]),
        ),
        ("A US journalist was detained in Kampala.", ("COERCE", ["unidentified actor"], ["US journalist"])),
    ],
)
def test_put_under_arrest_or_investigation(body: str, expected: tuple):
    assert [e[:3] for e in _events(_doc(body))] == [expected]


def test_violating_needs_an_agreement_a_ban_a_law_or_a_border():
    assert _events(_doc("Kenyans violated the terms of their visas, officials said.")) == []
    assert [e[0] for e in _events(_doc("Uganda violated the ceasefire on Monday."))] == ["REJECT"]


def test_an_inverted_condition_is_hypothetical_not_negated():
    doc = _doc("The talks will resume should Uganda not accede to the rebels' terms.")
    assert [(e[0], e[3]) for e in _events(doc)] == [("CONCEDE", "hypothetical")]


def test_inspected_weapons_receive_nothing():
    doc = _doc("Kim inspected strategic bombers that can carry nuclear weapons.")
    assert [e[:3] for e in _events(doc)] == [("CONSULT", ["Kim"], [])]


def test_a_time_in_another_clause_does_not_date_the_event():
    body = "The decision was adopted at a meeting of the Council, after ambassadors reached an agreement"
    doc = _doc(body + " on May 24.")
    meeting = _one(doc, "CONSULT")
    assert (meeting.date.value, meeting.date.basis) == ("2025-03-12", "published")
