"""Entities, times, quotes, places and events on our fixtures and small texts."""

from __future__ import annotations

import pytest

import dateline
from tests.conftest import entity_by_name

KEYS = ["scrape.txt", "page.html", "og-only.html", "records.jsonl#1", "records.jsonl#2", "records.jsonl#3"]


@pytest.mark.parametrize("key", KEYS)
def test_people_found(key, fixture_docs, expected):
    doc = fixture_docs[key]
    people = {e.name for e in doc.entities if e.type == "PERSON" and e.role == "subject"}
    for name in expected[key]["people"]:
        assert name in people, f"{name} missing from {people}"
    authors = {e.name for e in doc.entities if e.role == "author"}
    assert authors == set(expected[key]["authors"])


@pytest.mark.parametrize("key", KEYS)
def test_weekdays_resolved(key, fixture_docs, expected):
    doc = fixture_docs[key]
    values = {t.text: t.value for t in doc.times}
    for phrase, iso in expected[key]["weekday_dates"].items():
        weekday = phrase.split()[-1]
        assert values.get(weekday) == iso


@pytest.mark.parametrize("key", KEYS)
def test_quote_speakers(key, fixture_docs, expected):
    doc = fixture_docs[key]
    names = {e.id: e.name for e in doc.entities}
    for gold in expected[key]["quotes"]:
        quote = next(q for q in doc.quotes if q.text.startswith(gold["starts_with"]))
        assert names.get(quote.speaker or "") == gold["speaker"]


def test_offsets_point_into_text(fixture_docs):
    for doc in fixture_docs.values():
        text = doc.article.text
        for entity in doc.entities:
            for m in entity.mentions:
                assert text[m.start : m.end] == m.text
        for t in doc.times:
            assert text[t.start : t.end] == t.text
        for q in doc.quotes:
            assert text[q.start : q.end] == q.text
        for ev in doc.events:
            assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.text
            ids = {e.id for e in doc.entities}
            assert set(ev.actors) <= ids and set(ev.recipients) <= ids
            assert ev.actors, "an event without a named actor is invented"


def test_same_surname_kept_apart():
    text = (
        "Busan port minister unveils plan\n\n2024.04.17 09:00:00\n\n"
        "Oceans Minister Choi Dong-hyuk met union leaders in Busan on Tuesday. "
        "Choi said the talks would continue.\n\nBy Choi Ha-eun"
    )
    doc = dateline.process(text, format="text")
    minister = entity_by_name(doc, "Choi Dong-hyuk")
    author = entity_by_name(doc, "Choi Ha-eun")
    assert minister.id != author.id and author.role == "author" and not author.mentions
    assert [m.text for m in minister.mentions] == ["Choi Dong-hyuk", "Choi"]
    assert minister.titles == ["Oceans Minister"]


def test_weekday_future_and_past():
    doc = dateline.process(
        "Talks\n\n2024.03.06 10:00:00\n\nThe envoys met on Monday. They will meet again on Friday.",
        format="text",
    )
    values = {t.text: t.value for t in doc.times}
    assert values == {"Monday": "2024-03-04", "Friday": "2024-03-08"}


def test_consult_event_with_two_actors_date_and_place():
    doc = dateline.process(
        "Visit\n\n2024.05.20 08:00:00\n\n"
        "Indian Prime Minister Arjun Mehta and Japanese Prime Minister Kenji Sato met in Tokyo on Saturday.",
        format="text",
    )
    names = {e.id: e.name for e in doc.entities}
    consult = [e for e in doc.events if e.type == "CONSULT"]
    assert len(consult) == 1
    ev = consult[0]
    assert sorted(names[a] for a in ev.actors) == ["Arjun Mehta", "Kenji Sato"]
    assert ev.date.value == "2024-05-18" and ev.date.basis == "clause"
    assert names[ev.place or ""] == "Tokyo"
    assert ev.quad_class == 1 and ev.modality == "asserted"
    tokyo = next(p for p in doc.places if p.name == "Tokyo")
    assert tokyo.country == "JPN" and abs(tokyo.lat - 35.69) < 0.2


def test_modality_and_reporting():
    doc = dateline.process(
        "Report\n\n2024.05.20 08:00:00\n\n"
        "State media reported that Russian President Pavel Orlov visited Minsk. "
        "Orlov will visit Beijing next month. Orlov did not meet Chinese President Wei Lan.",
        format="text",
    )
    by_trigger = {(e.trigger, e.evidence.start): e for e in doc.events}
    modalities = [e.modality for _, e in sorted(by_trigger.items(), key=lambda kv: kv[0][1])]
    assert modalities == ["reported", "future", "negated"]
    reported = next(e for e in doc.events if e.modality == "reported")
    assert reported.reported_by == ["State media"]


def test_no_event_without_a_named_actor():
    doc = dateline.process(
        "Note\n\n2024.05.20 08:00:00\n\nSomeone visited the museum and met friends.", format="text"
    )
    assert doc.events == []


def test_countries_and_equipment_typed():
    doc = dateline.process(
        "Arms\n\n2024.05.20 08:00:00\n\n"
        "The United States sent HIMARS launchers and F-16 jets to Ukraine, officials in the U.S. said.",
        format="text",
    )
    usa = [e for e in doc.entities if e.actor.country == "USA" and e.type == "GPE"]
    assert len(usa) == 1 and {m.text for m in usa[0].mentions} >= {"United States", "U.S."}
    equipment = {e.name for e in doc.entities if e.type == "EQUIPMENT"}
    assert {"HIMARS", "F-16"} <= equipment


def test_token_lookup_by_hash_matches_a_scan_of_every_token():
    # The annotators find their few candidate words from the doc's hash arrays instead of
    # asking every token; the result must be what a full scan finds, in any casing.
    from dateline.nlp import hashes, load, remember_text, text_of, tokens_with

    nlp = load()
    text = "ATTACK on Monday. Rebels attacked the port; the Attack was repelled. They must leave."
    doc = nlp(text)
    lemmas = tokens_with(doc, hashes(["attack"]))
    assert [t.i for t in lemmas] == [t.i for t in doc if t.lemma_.lower() == "attack"]
    assert len(lemmas) >= 2
    assert [t.text for t in tokens_with(doc, hashes(["must"]), "lower")] == ["must"]
    assert tokens_with(doc, hashes(["ceasefire"])) == []
    remember_text(doc, text)
    assert text_of(doc) == doc.text == text
