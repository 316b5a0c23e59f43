"""Quotes on small texts: marks, indirect and mixed speech, speakers, events, the store."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dateline
from dateline.attribution import EntityIndex
from dateline.models import Entity, Event, Evidence, Mention, Quote
from dateline.nlp import load
from dateline.quotes import find_quotes, link_events, marked_spans
from dateline.store import Store


def _quotes(body: str) -> tuple[dateline.Document, list[Quote]]:
    doc = dateline.process("Test headline\n\n" + body, format="text")
    return doc, doc.quotes


def _speaker(doc: dateline.Document, quote: Quote) -> str | None:
    names = {e.id: e.name for e in doc.entities}
    return names.get(quote.speaker or "") or quote.speaker_text


def _inner(text: str) -> list[str]:
    return [text[s:e] for s, e in marked_spans(text)]


def test_marks_of_every_style():
    text = (
        "“One two,” A. ‘Three four,’ B. «Five six» C. 「Seven eight」 D. \"Nine ten\" E. 'Eleven twelve' F."
    )
    assert _inner(text) == ["One two,", "Three four,", "Five six", "Seven eight", "Nine ten", "Eleven twelve"]


def test_apostrophes_are_not_quotes():
    assert _inner("The union’s chair met Delhi's officials and the members’ union.") == []


def test_quote_running_over_paragraphs_is_one_span():
    text = "She said: ‘We came in good faith.\n\n‘We will not accept less.’ Then she left."
    assert _inner(text) == ["We came in good faith.\n\n‘We will not accept less."]


def test_unclosed_quote_is_dropped():
    assert _inner("He said “this never closes.\n\nA new paragraph.") == []


def test_named_terms_are_not_quotes():
    _, quotes = _quotes(
        'Turkey\'s plan, dubbed "the Black Sea corridor" by local media, would route ships south.'
    )
    assert quotes == []


def test_indirect_speech_with_content_span():
    doc, quotes = _quotes(
        "Interior Minister Kipchumba Murkomen told parliament that the government had released funds."
    )
    (quote,) = quotes
    assert quote.kind == "indirect" and not quote.direct
    assert quote.text == "the government had released funds"
    assert quote.cue == "told" and _speaker(doc, quote) == "Kipchumba Murkomen"


def test_attribution_after_the_clause_and_according_to():
    _doc, quotes = _quotes(
        "The bridge at Tana was closed on Monday, the Kenya Red Cross said. "
        "According to the Kenya Meteorological Department, more rain is expected on Friday."
    )
    assert [q.text for q in quotes] == [
        "The bridge at Tana was closed on Monday",
        "more rain is expected on Friday",
    ]
    assert [q.cue for q in quotes] == ["said", "according to"]


def test_mixed_quote_keeps_the_fragment_inside_the_clause():
    doc, quotes = _quotes(
        "Senator Risa Hontiveros said China had shown “utter disregard for international law.”"
    )
    (quote,) = quotes
    assert quote.kind == "mixed"
    assert quote.text.startswith("China had shown “utter disregard")
    assert _speaker(doc, quote) == "Risa Hontiveros"


def test_split_quote_is_two_quotes_with_one_speaker():
    doc, quotes = _quotes(
        '"This was a deliberate attempt," Halushchenko said, "to leave a city without heat."'
    )
    assert [q.kind for q in quotes] == ["direct", "direct"]
    assert {_speaker(doc, q) for q in quotes} == {"Halushchenko"}


def test_pronoun_goes_to_the_latest_speaker_not_the_latest_name():
    _doc, quotes = _quotes(
        "Leader Kim Jong-un inspected a drone unit, state media said.\n\n"
        "A senior government official said the drones carried cameras.\n\n"
        "“They are testing how fast we react,” he said."
    )
    assert quotes[-1].speaker is None and quotes[-1].speaker_text == "A senior government official"


def test_title_only_reference_resolves_to_the_titled_person():
    doc, quotes = _quotes(
        "Defense Minister Ahn Gyu-back ordered more patrols on Monday.\n\n"
        "“We will respond firmly to any violation,” the minister told lawmakers."
    )
    assert _speaker(doc, quotes[-1]) == "Ahn Gyu-back"


def test_continuation_without_cue_keeps_the_speaker():
    doc, quotes = _quotes("“Crews worked all night,” Governor Oleh Synehubov said. “Power is back.”")
    assert [_speaker(doc, q) for q in quotes] == ["Oleh Synehubov", "Oleh Synehubov"]
    assert quotes[1].cue is None


def _event(eid: str, trigger: str, start: int, end: int, text: str, reported_by: list[str]) -> Event:
    return Event(
        id=eid,
        type="ASSAULT",
        actors=["ent1"],
        evidence=Evidence(text=text[start:end], start=start, end=end),
        trigger=trigger,
        reported_by=reported_by,
        confidence=0.5,
        quad_class=4,
    )


def test_link_events_lists_carried_events_and_reports_them():
    text = "Troops shelled the port, the ministry said. Rebels shelled a town."
    quote = Quote(
        id="q1", text=text[:23], start=0, end=23, kind="indirect", speaker=None, speaker_text="the ministry"
    )
    inside = _event("evt1", "shelled", 0, 43, text, [])
    outside = _event("evt2", "shelled", 44, len(text), text, [])
    already = _event("evt3", "shelled", 0, 43, text, ["ent9"])
    quotes, events = link_events([quote], [inside, outside, already], text)
    assert quotes[0].events == ["evt1", "evt3"]
    assert events[0].reported_by == ["the ministry"] and events[0].modality == "reported"
    assert events[1].reported_by == [] and events[1].modality == "asserted"
    assert events[2].reported_by == ["ent9"]


@pytest.fixture
def store_with_quotes():
    doc = dateline.process(
        "Doctors strike\n\n"
        "The health secretary, Martin Ashcombe, said the offer was fair. "
        "‘I would urge the union to put this offer to its members,’ Ashcombe told the radio. "
        "‘They deserve a say.’\n\n"
        "A senior hospital manager, who did not want to be named, said operations were cancelled.",
        format="text",
    )
    with Store(":memory:") as store:
        store.add(doc)
        yield store


def test_store_finds_quotes_by_speaker_name_and_description(store_with_quotes):
    by_name = store_with_quotes.quotes(speaker="ashcombe")
    assert {q["text"] for q in by_name} >= {"They deserve a say.", "the offer was fair"}
    by_words = store_with_quotes.quotes(speaker="hospital manager")
    assert [q["text"] for q in by_words] == ["operations were cancelled"]


_PIECES = [
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "«",
    "»",
    "「",
    "」",
    "\n\n",
    " said ",
    " he said ",
    "according to ",
    "the minister ",
    "that ",
    "Kim ",
    ", ",
    ". ",
    "We will go",
    " told reporters ",
    "—",
    "GENEVA ",
    "The army attacked the town",
    " was said to have informed ",
    "A senior official ",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_text_gives_quotes_that_point_into_it(pieces):
    text = "".join(pieces)
    for quote in find_quotes(load(dateline.Settings().model)(text), []):
        assert 0 <= quote.start < quote.end <= len(text) and text[quote.start : quote.end] == quote.text


def test_no_quote_without_attribution():
    _, quotes = _quotes(
        "Kim Jong-un toured the bombers during his trip to highlight military cooperation. "
        "The ministry condemned the sanctions, promising what it described as a proportionate response."
    )
    assert quotes == []


@given(
    mentions=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 60), st.integers(0, 12)), max_size=12),
    offset=st.integers(-2, 80),
)
def test_entity_index_finds_the_first_mention_holding_an_offset(mentions, offset):
    """The binary search gives what a walk over the mentions in start order gives, also
    when mentions overlap or are empty."""
    by_entity: dict[int, list[Mention]] = {}
    for owner, start, length in mentions:
        by_entity.setdefault(owner, []).append(Mention(text="x", start=start, end=start + length))
    entities = [
        Entity(id=f"ent{k}", name=f"Name {k}", type="PERSON", mentions=ms) for k, ms in by_entity.items()
    ]
    index = EntityIndex(entities)
    ordered = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda s: s[0])
    walked = next((e for start, end, e in ordered if start <= offset < end), None)
    assert index.at(SimpleNamespace(idx=offset)) is walked  # type: ignore[arg-type]
