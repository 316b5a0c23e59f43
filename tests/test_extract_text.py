"""Plain-text scrapes: stamp lines, datelines, bylines at either end, doubled captions, UI strings."""

from __future__ import annotations

import pytest

from dateline.extract import extract
from dateline.ingest import RawInput


def run(text: str):
    return extract(RawInput(text=text, format="text"))


def test_pipe_stamps_dateline_byline_at_end_and_copyright():
    article = run(
        "Rail strike ends after pay deal\n\n2023.09.18 10:34:01 | 2023.09.18 13:40:11\n\n"
        "SEOUL, Sept. 18 (Yonhap) -- Rail workers returned to work on Monday after a deal.\n\n"
        "The union said the deal was fair.\n\nBy Park Jae-won\n\n[ⓒ Han River Daily, All rights reserved]"
    )
    assert (article.published, article.updated) == ("2023-09-18T10:34:01", "2023-09-18T13:40:11")
    assert article.dateline == "SEOUL, Sept. 18 (Yonhap)"
    assert article.authors == ["Park Jae-won"]
    assert article.publisher == "Han River Daily"
    assert article.text.startswith("Rail workers returned")
    assert "Yonhap" not in article.text and "By Park" not in article.text


def test_labelled_published_and_updated_with_zone_and_byline_at_start():
    article = run(
        "Flood waters recede in Sylhet\n\n"
        "Published: 18 September 2023 10:34 BST  Updated: 18 September 2023 13:40 BST\n\n"
        "By Nadia Rahman and Erik Holm\n\n"
        "Flood waters began to recede in Sylhet on Monday, officials said.\n\n"
        "Aid groups said thousands still needed shelter."
    )
    assert article.title == "Flood waters recede in Sylhet"
    assert article.published == "2023-09-18T10:34:00+01:00"
    assert article.updated == "2023-09-18T13:40:00+01:00"
    assert article.authors == ["Nadia Rahman", "Erik Holm"]
    assert article.text.startswith("Flood waters began")


def test_am_pm_stamp_with_zone_dash_dateline_and_reporting_credit():
    article = run(
        "Heatwave grips Tokyo\nSept. 18, 2023 10:34 a.m. KST\n"
        "TOKYO — Temperatures in Tokyo reached 38 degrees on Monday.\n"
        "The weather agency issued a heat warning for the capital.\n"
        "Reporting by Hana Sato; Editing by Oliver Grant"
    )
    assert article.published == "2023-09-18T10:34:00+09:00"
    assert article.dateline == "TOKYO"
    assert article.authors == ["Hana Sato"], "editors are not authors"
    assert "Editing" not in article.text


@pytest.mark.parametrize("ui", ["이미지 확대", "印刷", "크게보기", "공유하기", "シェア", "分享"])
def test_doubled_caption_and_ui_strings_in_other_scripts(ui):
    article = run(
        "Ferry service resumes\n2023-09-18 10:34\n"
        f"Passengers wait at the terminal. [Photo by News1]{ui}\n"
        "Passengers wait at the terminal. [Photo by News1]\n"
        f"The ferry to Jeju resumed on Monday after a typhoon.\n{ui}\n"
        "Officials said all routes would reopen by Wednesday."
    )
    assert [(c.text, c.credit) for c in article.captions] == [("Passengers wait at the terminal.", "News1")]
    assert ui not in article.text
    assert article.text == (
        "The ferry to Jeju resumed on Monday after a typhoon.\n\n"
        "Officials said all routes would reopen by Wednesday."
    )


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Publié le 19/10/2023 à 12h15", "2023-10-19T12:15:00"),
        ("20.11.2023, 14.26 Uhr", "2023-11-20T14:26:00"),
        ("18.09.2023 10:34 CEST", "2023-09-18T10:34:00+02:00"),
        ("09/18/2023 10:34", "2023-09-18T10:34:00"),  # second number over 12: month first
        ("Updated: Sep 18, 2023, 10:34 IST", "2023-09-18T10:34:00+05:30"),
    ],
)
def test_day_first_and_regional_stamps(text, iso):
    from dateline.datetimes import find_stamps

    assert find_stamps(text, guess_zones=True)[0][2] == iso


def test_ambiguous_zone_in_article_text_is_not_guessed():
    from dateline.datetimes import find_stamps

    assert find_stamps("Updated: Sep 18, 2023, 10:34 IST")[0][2] == "2023-09-18T10:34:00"


def test_version_numbers_are_not_dates():
    from dateline.datetimes import find_stamps

    assert find_stamps("firmware 1.2.2023.4 was released") == []
