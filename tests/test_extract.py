"""Extraction on our fixtures, checked against the facts in tests/expected.json."""

from __future__ import annotations

import pytest

from dateline.extract import clean_authors, parse_byline, publisher_from_copyright, split_credit
from dateline.extract_text import extract_text

KEYS = ["scrape.txt", "page.html", "og-only.html", "records.jsonl#1", "records.jsonl#2", "records.jsonl#3"]


@pytest.mark.parametrize("key", KEYS)
def test_metadata_matches_gold(key, fixture_docs, expected):
    article, gold = fixture_docs[key].article, expected[key]
    assert article.title == gold["title"]
    assert article.published == gold["published"]
    assert article.updated == gold["updated"]
    assert article.authors == gold["authors"]
    assert article.publisher == gold["publisher"]
    assert [c.model_dump() for c in article.captions] == gold["captions"]
    assert article.language == "en"


@pytest.mark.parametrize("key", KEYS)
def test_body_is_clean(key, fixture_docs, expected):
    article = fixture_docs[key].article
    text = article.text
    assert "이미지 확대" not in text
    assert "All rights reserved" not in text and "©" not in text and "ⓒ" not in text
    assert "Accept all" not in text, "cookie banner leaked into the body"
    for caption in article.captions:
        assert caption.text not in text, "caption leaked into the body"
    for author in article.authors:
        assert f"By {author}" not in text
    assert "\n\n" in text, "paragraphs must be separated by a blank line"


def test_doubled_caption_kept_once():
    scrape = (
        "Headline of a story\n\n2024.01.02 03:04:05 | 2024.01.02 06:07:08\n\n"
        "A minister waves. [Photo by Yonhap]이미지 확대\n\nA minister waves. [Photo by Yonhap]\n\n"
        "The minister waved at reporters on Monday in Seoul.\n\nBy Lee Min-ji\n\n"
        "[ⓒ Example Daily, All rights reserved]"
    )
    article = extract_text(scrape)
    assert article.title == "Headline of a story"
    assert article.published == "2024-01-02T03:04:05"
    assert article.updated == "2024-01-02T06:07:08"
    assert [(c.text, c.credit) for c in article.captions] == [("A minister waves.", "Yonhap")]
    assert article.authors == ["Lee Min-ji"]
    assert article.publisher == "Example Daily"
    assert article.text == "The minister waved at reporters on Monday in Seoul."


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Anna Berg and Tomas Lund", ["Anna Berg", "Tomas Lund"]),
        ("By Anna Berg, Tomas Lund and Eva Holm", ["Anna Berg", "Tomas Lund", "Eva Holm"]),
        ("By Anna Berg in Oslo and Tomas Lund in Tokyo", ["Anna Berg", "Tomas Lund"]),
        ("By JANE MWANGI, Staff Writer", ["Jane Mwangi"]),
        ("By Anna Berg (anna@example.org) and Reuters", ["Anna Berg"]),
        ("Paris is a city", None),
    ],
)
def test_bylines(line, names):
    assert parse_byline(line) == names


def test_organisations_are_not_authors():
    assert clean_authors(["Associated Press", "AFP", {"name": "Anna Berg"}]) == ["Anna Berg"]


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("A crowd in the square. [Photo by Yonhap]", "Yonhap"),
        ("A crowd in the square. (Reuters)", "Reuters"),
        ("A crowd in the square. Photo: AFP", "AFP"),
        ("A crowd gathered on Sep. 17 (local).", None),
    ],
)
def test_caption_credits(caption, credit):
    assert split_credit(caption)[1] == credit


def test_publisher_from_copyright_line():
    assert publisher_from_copyright("© 2024 The Harbor Times. All rights reserved.") == "The Harbor Times"
