"""Entity recognition, joining and actor codes on short texts written for these tests."""

from __future__ import annotations

import pytest

import dateline
from dateline.models import Document


def run(text: str, **metadata: object) -> Document:
    return dateline.process(text, format="text", metadata={"title": "Test", **metadata})


def by_text(doc: Document, text: str) -> dateline.Entity:
    found = [e for e in doc.entities if any(m.text == text for m in e.mentions)]
    assert found, f"no entity with a mention {text!r}: {[e.name for e in doc.entities]}"
    return found[0]


@pytest.fixture(scope="module")
def summit() -> Document:
    return run(
        "Russian Defense Minister Sergei Shoigu met North Korean leader Kim Jong-un in Vladivostok "
        "on Saturday. Shoigu showed Kim a Tu-95MS bomber and the Kinzhal (Kh-47M2) missile.\n\n"
        "Moscow said the talks were useful. The Russian defense chief later flew to Pyongyang.\n\n"
        "Kim wants Su-35 jets, a North Korean official said.\n\nKim Sung-hoon contributed reporting.",
        authors=["Lee Min-ho"],
    )


def test_full_name_surname_and_title_reference_are_one_person(summit):
    shoigu = by_text(summit, "Sergei Shoigu")
    texts = {m.text for m in shoigu.mentions}
    assert {"Shoigu", "Russian defense chief"} <= texts
    assert (shoigu.actor.country, shoigu.actor.sector) == ("RUS", "MIL")


def test_people_sharing_a_surname_stay_apart(summit):
    leader, reporter = by_text(summit, "Kim Jong-un"), by_text(summit, "Kim Sung-hoon")
    assert leader is not reporter
    kims = [m for m in leader.mentions if m.text == "Kim"]
    assert len(kims) == 2  # "showed Kim" and "Kim wants": the reporter is named after both
    assert (leader.actor.country, leader.actor.sector) == ("PRK", "GOV")


def test_equipment_designations_and_names(summit):
    kinds = {m.text: e.type for e in summit.entities for m in e.mentions}
    assert kinds["Tu-95MS"] == kinds["Kinzhal"] == kinds["Su-35"] == "EQUIPMENT"
    assert by_text(summit, "Kinzhal") is by_text(summit, "Kh-47M2")


def test_capital_that_acts_is_its_government(summit):
    assert (by_text(summit, "Moscow").actor.country, by_text(summit, "Moscow").actor.sector) == ("RUS", "GOV")
    place = by_text(summit, "Vladivostok")
    assert place.type == "GPE" and place.actor.sector is None


def test_acronym_joins_its_expansion_and_known_organisations_are_coded():
    doc = run(
        "The Israel Defense Forces (IDF) said its jets struck targets in Lebanon. Hezbollah fired "
        "rockets in reply, and the International Atomic Energy Agency (IAEA) called for calm."
    )
    idf = by_text(doc, "Israel Defense Forces")
    assert any(m.text == "IDF" for m in idf.mentions)
    assert (idf.actor.country, idf.actor.sector) == ("ISR", "MIL")
    assert (by_text(doc, "Hezbollah").actor.country, by_text(doc, "Hezbollah").actor.sector) == ("LBN", "REB")
    assert by_text(doc, "IAEA").actor.sector == "IGO"


def test_possessive_country_and_domestic_titles():
    doc = run(
        "Niger's General Abdourahamane Tiani met Prime Minister Ali Lamine Zeine in Niamey. "
        "Tiani said Niger would leave the bloc."
    )
    assert by_text(doc, "Abdourahamane Tiani").actor.country == "NER"
    zeine = by_text(doc, "Ali Lamine Zeine")
    assert (zeine.actor.country, zeine.actor.sector) == ("NER", "GOV")


def test_model_errors_are_repaired():
    doc = run(
        "Senior General Min Aung Hlaing met Polish Defense Minister Wladyslaw Kosiniak-Kamysz in "
        "Sanaa. Kosiniak-Kamysz offered Leopard 2A6 tanks, K9 howitzers and hypersonic missiles, "
        "and Saudi Energy Minister Prince Abdulaziz bin Salman joined them."
    )
    people = {e.name for e in doc.entities if e.type == "PERSON"}
    assert {"Min Aung Hlaing", "Wladyslaw Kosiniak-Kamysz", "Abdulaziz bin Salman"} <= people
    assert by_text(doc, "Kosiniak-Kamysz") is by_text(doc, "Wladyslaw Kosiniak-Kamysz")
    kinds = {m.text: e.type for e in doc.entities for m in e.mentions}
    assert kinds["Leopard 2A6"] == kinds["K9"] == "EQUIPMENT"
    assert kinds["Sanaa"] == "GPE"
    assert not any("missiles" in m for m in kinds)
    assert by_text(doc, "Min Aung Hlaing").actor.sector == "MIL"


def test_an_organisation_is_a_city_only_by_the_citys_own_name():
    # Topeka's alternate names in the gazetteer include "Google" (a one-month stunt in 2010)
    doc = run("Google said on Monday it would open an office in Topeka.")
    kinds = {m.text: (e.type, e.actor.country) for e in doc.entities for m in e.mentions}
    assert kinds["Google"] == ("ORG", None)
    assert kinds["Topeka"][0] == "GPE"


@pytest.mark.parametrize(
    ("text", "name", "sector"),
    [
        # an office named "general" that is no general
        ("New York Attorney General Laura Brennan sued the landlord on Monday.", "Laura Brennan", "JUD"),
        # a company officer is no military officer
        ("The firm named Chief Strategy Officer Tom Haskins to its board on Monday.", "Tom Haskins", "BUS"),
        # the director of a company whose sector we do not know is not a government official
        (
            "Paul Okafor, director of games at Brightlane Studios, said the service would launch soon.",
            "Paul Okafor",
            None,
        ),
    ],
)
def test_titles_that_look_like_state_offices(text: str, name: str, sector: str | None):
    assert by_text(run(text), name).actor.sector == sector


def test_a_credit_union_is_a_business_and_a_watch_is_no_ngo():
    doc = run("Riverside Credit Union opened a branch. The Apple Watch went on sale on Friday.")
    assert by_text(doc, "Riverside Credit Union").actor.sector == "BUS"
    assert all(e.actor.sector != "NGO" for e in doc.entities)


def test_a_name_after_a_persons_title_is_a_person_whatever_the_model_says():
    from tests.conftest import entity_by_name

    doc = dateline.process("Wire\n\nVice-President Moody Awori has declined to resign.", format="text")
    person = entity_by_name(doc, "Moody Awori")
    assert (person.type, person.actor.sector) == ("PERSON", "GOV")
    # A country or capital after a title stays a place.
    doc = dateline.process("Wire\n\nThe Prime Minister of Israel spoke in Jerusalem.", format="text")
    assert entity_by_name(doc, "Israel").type == "GPE"


def test_news_media_are_sector_jrn_as_plover_codes_them():
    from tests.conftest import entity_by_name

    doc = dateline.process("Wire\n\nXinhua reported the launch, citing a reporter.", format="text")
    assert entity_by_name(doc, "Xinhua").actor.sector == "JRN"


def test_a_ministry_title_joined_by_and_is_the_persons_title():
    from tests.conftest import entity_by_name

    doc = dateline.process(
        "Wire\n\nMinister of Water and Sanitation Peter Kamau visited Mombasa on Monday.", format="text"
    )
    person = entity_by_name(doc, "Peter Kamau")
    assert person.titles == ["Minister of Water and Sanitation"] and person.actor.sector == "GOV"
