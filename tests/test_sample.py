"""The canonical sample article from ../shared/samples (skipped where it is absent)."""

from __future__ import annotations

import pytest

import dateline
from tests.conftest import SAMPLE, entity_by_name

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/samples not present")


@pytest.fixture(scope="module")
def doc() -> dateline.Document:
    return dateline.process(SAMPLE.read_bytes(), path=str(SAMPLE))


def test_article_metadata(doc):
    a = doc.article
    assert a.title == "Kim Jong-un inspects Russian strategic military assets during Moscow trip"
    assert a.published == "2023-09-18T10:34:01"
    assert a.updated == "2023-09-18T13:40:11"
    assert a.authors == ["Kim Sung-hoon", "Han Yubin"]
    assert a.publisher == "Pulse by Maeil Business Newspaper"
    assert len(a.captions) == 1 and a.captions[0].credit == "Yonhap"
    assert a.language == "en"


def test_body_is_clean(doc):
    text = doc.article.text
    assert "이미지 확대" not in text
    assert "All rights reserved" not in text and "ⓒ" not in text
    assert "[Photo by Yonhap]" not in text
    assert not text.rstrip().endswith("Han Yubin")


def test_people(doc):
    kim = entity_by_name(doc, "Kim Jong-un")
    shoigu = entity_by_name(doc, "Sergei Shoigu")
    assert kim.type == shoigu.type == "PERSON"
    kim_mentions = [m.text for m in kim.mentions]
    assert kim_mentions.count("Kim") >= 5
    assert "North Korean leader" in kim.titles and kim.actor.country == "PRK"
    assert shoigu.actor.country == "RUS" and shoigu.actor.sector == "MIL"
    assert "Russian defense chief" in [m.text for m in shoigu.mentions]
    author = entity_by_name(doc, "Kim Sung-hoon")
    assert author.id != kim.id and author.role == "author" and not author.mentions


def test_model_mistakes_repaired(doc):
    types = {m.text: e.type for e in doc.entities for m in e.mentions}
    assert "hypersonic missiles" not in types
    assert types["Kh-47M2"] == "EQUIPMENT" and types["Kinzhal"] == "EQUIPMENT"
    assert types["ICBMs"] == "EQUIPMENT"


def test_saturday_resolved(doc):
    saturday = next(t for t in doc.times if t.text == "Saturday")
    assert saturday.value == "2023-09-16" and saturday.granularity == "day"
    same_day = next(t for t in doc.times if t.text == "the same day")
    assert same_day.value == "2023-09-16"


def test_visit_event(doc):
    names = {e.id: e.name for e in doc.entities}
    visit = next(e for e in doc.events if e.trigger == "visited")
    assert visit.type == "CONSULT"
    assert sorted(names[a] for a in visit.actors) == ["Kim Jong-un", "Sergei Shoigu"]
    assert visit.date.value == "2023-09-16"
    assert names[visit.place or ""] == "Knevichi airfield"
    airfield = next(p for p in doc.places if p.entity == visit.place)
    assert airfield.precision == "city" and airfield.country == "RUS"


def test_quotes(doc):
    names = {e.id: e.name for e in doc.entities}
    fly = next(q for q in doc.quotes if "fly from Moscow" in q.text)
    assert names[fly.speaker or ""] == "Sergei Shoigu"
    assert fly.kind == "mixed" and fly.text.startswith("one aircraft could")
    cheong = next(q for q in doc.quotes if q.text.startswith("After the summit"))
    assert names[cheong.speaker or ""] == "Cheong Seong-chang"
