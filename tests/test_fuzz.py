"""Property-based fuzzing of the stages that meet raw web text, and of the JSON contract.

Each property is time-bounded (max_examples, deadline) so the suite stays quick in CI.
The rule checked everywhere: a stage returns its typed records or raises one of the
documented errors (dateline.errors); anything else is a bug.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta, timezone

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import dateline
from dateline import models
from dateline.datetimes import find_stamps, normalise_iso, to_date
from dateline.errors import DatelineError
from dateline.extract import extract
from dateline.ingest import RawInput
from dateline.models import Article, Document
from dateline.nlp import load
from dateline.quotes import find_quotes
from dateline.times import resolve_times
from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))


def _bounded(examples: int, seconds: float) -> settings:
    # No example database: CI starts clean each run, and a failure prints its example anyway.
    return settings(
        max_examples=examples,
        deadline=timedelta(seconds=seconds),
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


QUICK = _bounded(100, 2)
NLP = _bounded(30, 10)
STORE = _bounded(40, 10)


@pytest.fixture(scope="module")
def nlp():
    return load(dateline.Settings().model)


# --- text that looks like scraped news, broken in the ways the web breaks it ----------

_FRAGMENTS = [
    "2023.09.18 10:34:01",
    "Updated: Sept. 18, 2023, 4:05 p.m. KST",
    "Published 18 September 2023 at 09:00 UTC+5:30",
    "By Ana Lima and Joseph Otieno",
    "[Photo by Yonhap]",
    "(AP Photo/Ahn Young-joon)",
    "© 2024 The Harbour Times. All rights reserved.",
    "이미지 확대",
    "Share this article",
    "SEOUL, Sept. 18 (Yonhap) --",
    "“We will not sign,” the minister said on Monday.",
    '"Talks will resume next week," according to a senior official.',
    "«Non», a déclaré le ministre.",
    "「交渉は続く」と外相は述べた。",
    "The mayor of Busan met union leaders on Saturday.",
    "last Tuesday",
    "the following day",
    "in the 1990s",
    "March 2024",
    "3 days ago",
    "by",
    "“",
    '"',
    "(",
    "[",
    "—",
]
_line = st.one_of(
    st.sampled_from(_FRAGMENTS),
    st.text(max_size=80),
    st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=4).map(" ".join),
)
news_text = st.lists(_line, min_size=0, max_size=25).map(lambda lines: "\n".join(lines))


def _check_extraction(raw: RawInput) -> None:
    """Extraction gives an article with text and valid dates, or a documented error."""
    try:
        article = extract(raw)
    except DatelineError:
        return
    assert article.text.strip()
    for name in ("published", "updated"):
        value = getattr(article, name)
        if value is not None:
            datetime.fromisoformat(value.replace("Z", "+00:00"))


@QUICK
@given(news_text)
def test_text_extractor(text):
    _check_extraction(RawInput(text=text, format="text"))


# --- HTML: random trees of the tags our metadata layer reads --------------------------

_attr_value = st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=30))
_json_ld = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.sampled_from(_FRAGMENTS),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["@type", "@graph", "headline", "author", "name", "datePublished", "publisher"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=12,
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    def node(depth: int) -> str:
        kind = draw(st.sampled_from(["p", "div", "figure", "time", "meta", "ld", "raw", "text", "a"]))
        if kind == "text" or depth > 4:
            return _escape(draw(_line))
        if kind == "raw":  # unescaped fragments: broken markup on purpose
            return draw(
                st.sampled_from(["<p", "</div>", "<![CDATA[", "&", "&#x0;", "&bogus;", "<!--", "<br/>"])
            )
        if kind == "meta":
            prop = draw(st.sampled_from(["og:title", "article:published_time", "author", "og:site_name"]))
            return f'<meta property="{prop}" name="{prop}" content="{_escape(draw(_attr_value))}">'
        if kind == "ld":
            return f'<script type="application/ld+json">{json.dumps(draw(_json_ld))}</script>'
        if kind == "time":
            return f'<time datetime="{_escape(draw(_attr_value))}">{_escape(draw(_line))}</time>'
        if kind == "figure":
            return f"<figure><img src=x.jpg><figcaption>{_escape(draw(_line))}</figcaption></figure>"
        children = "".join(node(depth + 1) for _ in range(draw(st.integers(0, 4))))
        return f"<{kind}>{children}</{kind}>"

    body = "".join(node(0) for _ in range(draw(st.integers(0, 6))))
    lang = draw(st.sampled_from(["", ' lang="en"', ' lang="ko-KR"', ' lang=""', ' lang="1"']))
    head = f"<head><title>{_escape(draw(_line))}</title></head>"
    return f"<!doctype html><html{lang}>{head}<body>{body}</body></html>"


@NLP  # trafilatura is slower than the other stages; same bounds as the NLP properties
@given(html_pages())
def test_html_extractor(html):
    _check_extraction(RawInput(text=html, format="html"))


# --- dates: absolute stamps round-trip; relative expressions resolve to valid ISO -----

_stamp_formats = st.sampled_from(
    [
        ("%Y.%m.%d %H:%M:%S", True),
        ("%Y-%m-%d %H:%M", True),
        ("%Y/%m/%d", False),
        ("%B %d, %Y", False),
        ("%d %B %Y", False),
        ("%b. %d, %Y %H:%M", True),
    ]
)


@QUICK
@given(st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2099, 12, 31)), _stamp_formats)
def test_printed_stamps_round_trip(moment, fmt_and_time):
    fmt, has_time = fmt_and_time
    printed = moment.strftime(fmt)
    stamps = find_stamps(f"Posted {printed} | Seoul")
    assert stamps, printed
    iso = stamps[0][2]
    assert iso[:10] == moment.date().isoformat()
    if has_time:
        assert iso[11:16] == moment.strftime("%H:%M")
    assert normalise_iso(printed) == iso


@QUICK
@given(
    st.datetimes(
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=9)), timezone(-timedelta(hours=5))])
    )
)
def test_iso_metadata_keeps_its_instant(moment):
    moment = moment.replace(microsecond=0)
    value = normalise_iso(moment.isoformat())
    assert value is not None
    assert datetime.fromisoformat(value.replace("Z", "+00:00")) == moment
    assert to_date(value) == moment.date()


@QUICK
@given(
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2099, 12, 31)),
    st.integers(-12, 14),
    st.sampled_from([0, 30, 45]),
    st.sampled_from(
        ["UTC{sign}{h}:{m:02d}", "GMT{sign}{h:02d}{m:02d}", "{sign}{h:02d}{m:02d}", "{sign}{h:02d}:{m:02d}"]
    ),
)
def test_printed_offsets_are_kept(moment, hours, minutes, style):
    sign = "-" if hours < 0 else "+"
    zone = style.format(sign=sign, h=abs(hours), m=minutes)
    (stamp,) = find_stamps(f"{moment:%Y.%m.%d %H:%M} {zone}")
    parsed = datetime.fromisoformat(stamp[2])
    assert parsed.replace(tzinfo=None) == moment.replace(second=0, microsecond=0)
    assert parsed.utcoffset() == (1 if hours >= 0 else -1) * timedelta(hours=abs(hours), minutes=minutes)


@QUICK
@given(st.text(max_size=60) | news_text)
def test_stamps_in_any_text_are_valid_iso(text):
    for start, end, iso in find_stamps(text):
        assert 0 <= start < end <= len(text)
        datetime.fromisoformat(iso)
    value = normalise_iso(text)
    if value is not None:
        datetime.fromisoformat(value.replace("Z", "+00:00"))


_time_text = st.lists(
    st.sampled_from(
        [
            "on Saturday",
            "last Tuesday",
            "next Friday",
            "yesterday",
            "tomorrow",
            "the following day",
            "three days ago",
            "last week",
            "next month",
            "Sept. 17",
            "17 September",
            "March 2024",
            "in the 1990s",
            "in 2023",
            "Feb. 30",
            "2023.09.18",
            "The minister met officials",
            "and said talks would resume",
            ".",
        ]
    ),
    min_size=1,
    max_size=15,
).map(" ".join)


@NLP
@given(_time_text, st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)) | st.none())
def test_time_resolver(nlp, text, published):
    article = Article(text=text, published=published.isoformat() if published else None)
    for t in resolve_times(nlp(text), article):
        assert text[t.start : t.end] == t.text
        if t.value is not None:
            assert t.value[:4].isdigit()
            if t.granularity == "day":
                resolved = date.fromisoformat(t.value[:10])
                if published is not None and not re.search(r"\d{4}", text):
                    # Without an absolute date to anchor on, days resolve near the article's date.
                    assert abs((resolved - published).days) <= 366


# --- quotes ---------------------------------------------------------------------------

_quote_text = st.lists(
    st.sampled_from(
        ["“", "”", '"', "«", "»", "「", "」", "said", "the minister", "Kim", "told", "we will not"]
    )
    | st.text(max_size=12),
    max_size=30,
).map(" ".join)


@NLP
@given(_quote_text)
def test_quote_finder(nlp, text):
    for quote in find_quotes(nlp(text), []):
        assert text[quote.start : quote.end] == quote.text
        assert len(quote.text.split()) >= 2
        assert quote.speaker is None  # no entities given, so no entity can be the speaker


# --- the contract: Document → JSON → Document, valid against docs/schema.json --------

_text = st.text(max_size=40)
_opt = st.none() | _text
_offsets = st.tuples(st.integers(0, 10_000), st.integers(0, 10_000)).map(sorted)


def _spanned(cls: type, **fields: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(lambda se, **kw: cls(start=se[0], end=se[1], **kw), _offsets, **fields)


def _literal(name: str) -> st.SearchStrategy:
    return st.sampled_from(list(getattr(models, name).__args__))


_granularity = st.none() | _literal("Granularity")
documents = st.builds(
    Document,
    id=st.text("0123456789abcdef", min_size=32, max_size=32),
    source=st.builds(
        models.Source,
        path=_opt,
        url=_opt,
        format=_literal("SourceFormat"),
        encoding=_opt,
        record=st.none() | st.integers(1, 10**6),
    ),
    article=st.builds(
        Article,
        title=_opt,
        published=_opt,
        updated=_opt,
        authors=st.lists(_text, max_size=3),
        publisher=_opt,
        language=_opt,
        captions=st.lists(st.builds(models.Caption, text=_text, credit=_opt), max_size=2),
        dateline=_opt,
        text=st.text(max_size=300),
    ),
    entities=st.lists(
        st.builds(
            models.Entity,
            id=_text,
            name=_text,
            type=_literal("EntityType"),
            mentions=st.lists(_spanned(models.Mention, text=_text), max_size=3),
            titles=st.lists(_text, max_size=2),
            affiliation=_opt,
            actor=st.builds(models.Actor, country=_opt, sector=_opt),
            kb_id=_opt,
            role=st.sampled_from(["subject", "author"]),
        ),
        max_size=3,
    ),
    times=st.lists(
        _spanned(models.TimeExpression, text=_text, value=_opt, granularity=_granularity), max_size=3
    ),
    places=st.lists(
        st.builds(
            models.Place,
            entity=_text,
            name=_text,
            lat=st.floats(-90, 90),
            lon=st.floats(-180, 180),
            country=_opt,
            admin1=_opt,
            geonameid=st.none() | st.integers(1, 2**40),
            precision=_literal("Precision"),
        ),
        max_size=2,
    ),
    quotes=st.lists(
        _spanned(
            models.Quote,
            id=_text,
            text=_text,
            direct=st.booleans(),
            cue=_opt,
            speaker=_opt,
            speaker_text=_opt,
        ),
        max_size=2,
    ),
    events=st.lists(
        st.builds(
            models.Event,
            id=_text,
            type=_literal("EventType"),
            mode=_opt,
            contexts=st.lists(_text, max_size=2),
            actors=st.lists(_text, max_size=2),
            recipients=st.lists(_text, max_size=2),
            date=st.builds(
                models.EventDate, value=_opt, granularity=_granularity, text=_opt, basis=_literal("DateBasis")
            ),
            place=_opt,
            modality=_literal("Modality"),
            reported_by=st.lists(_text, max_size=2),
            evidence=_spanned(models.Evidence, text=_text),
            trigger=_text,
            confidence=st.floats(0, 1),
            quad_class=st.sampled_from([1, 2, 3, 4]),
        ),
        max_size=2,
    ),
)


@QUICK
@given(documents)
def test_contract_round_trip(doc):
    data = doc.to_json()
    again = Document.from_json(data)
    assert again == doc
    assert Document.from_json(json.loads(data)) == doc
    assert Document.from_json(doc.to_json(indent=2).encode("utf-8")) == doc
    jsonschema.validate(json.loads(data), SCHEMA)


@NLP
@given(news_text)
def test_whole_pipeline_output_round_trips(text):
    assume(text.strip())
    try:
        doc = dateline.process(text, format="text")
    except DatelineError:
        return
    data = doc.to_json()
    data.encode("utf-8")  # printable and storable: no lone surrogates
    assert Document.from_json(data) == doc
    jsonschema.validate(json.loads(data), SCHEMA)
    body = doc.article.text
    for entity in doc.entities:
        for mention in entity.mentions:
            assert body[mention.start : mention.end] == mention.text
    for item in (*doc.times, *doc.quotes):
        assert body[item.start : item.end] == item.text
    for event in doc.events:
        assert body[event.evidence.start : event.evidence.end] == event.evidence.text


@STORE
@given(documents)
def test_store_gives_back_what_it_was_given(doc):
    with dateline.Store(":memory:") as store:
        assert store.add(doc)
        assert store.get(doc.id) == doc
        assert not store.add(doc)  # the same content again is a no-op
        assert store.counts()["articles"] == 1
