"""Rules of the time and place stages that the gold articles do not pin one by one."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from dateline.datetimes import time_of_day, zone_offset
from dateline.models import Article
from dateline.times import month_first


def test_clock_forms_and_zones():
    text = "at 6 a.m. KST, by 1030 GMT, 5.30 pm IST, at 14:00, at noon, a 2:1 win"
    found = {text[s:e]: clock for s, e, clock in time_of_day(text, "2024-01-23T21:40:00+05:30")}
    assert found["6 a.m. KST"] == (6, None, "+09:00")
    assert found["1030 GMT"] == (10, 30, "+00:00")
    assert found["5.30 pm IST"] == (17, 30, "+05:30")  # IST read by the Indian paper's own offset
    assert found["14:00"] == (14, 0, None)
    assert found["noon"] == (12, None, None)
    assert "2:1" not in found  # a score, not a time


def test_ambiguous_zone_needs_the_articles_own_offset():
    assert zone_offset("IST", "2024-01-23T21:40:00+05:30") == "+05:30"
    assert zone_offset("IST", "2024-01-23T21:40:00-05:00") is None
    assert zone_offset("KST") == "+09:00"


def test_month_first_by_dateline_then_offset():
    assert month_first(Article(text="MANILA, Philippines — The Senate met on 7/2.", published=None))
    assert month_first(Article(text="WASHINGTON (AP) — Lawmakers met on 9/30."))
    assert not month_first(Article(text="NEW DELHI: Officials met on 7/2."))
    assert month_first(Article(text="Officials met on 7/2.", published="2024-07-03T10:00:00-05:00"))
    assert not month_first(Article(text="Officials met on 7/2.", published="2024-07-03T10:00:00+01:00"))


@pytest.mark.slow
def test_gazetteer_index_is_cached_and_survives_an_unwritable_cache(tmp_path):
    probe = "from dateline import gazetteer as gz; print(gz.cities_named('Lahore')[0].country2)"
    cache = tmp_path / "cache"
    env = {**os.environ, "DATELINE_CACHE": str(cache)}
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "PK"
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 1
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    env["DATELINE_CACHE"] = str(blocked)
    again = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert again.stdout.strip() == "PK"


def test_a_publication_date_at_the_calendars_edge_leaves_relative_days_unresolved():
    import dateline

    text = "The ministers met in Paris on Friday and will meet again next Friday."
    late = dateline.process(text, metadata={"published": "9999-12-31T10:00:00"})
    assert [(t.text, t.value) for t in late.times] == [("Friday", "9999-12-31"), ("next Friday", None)]
    early = dateline.process(text, metadata={"published": "0001-01-01"})
    assert [(t.text, t.value) for t in early.times] == [("Friday", None), ("next Friday", "0001-01-05")]
    assert late.places and early.places  # the article is annotated all the same
