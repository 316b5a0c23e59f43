"""Quality gate: toponym detection and resolution on our gold articles stay above their floors."""

from __future__ import annotations

import pytest
from common import check_floors
from score_places import distance_km, gold_articles, score
from score_times import locate


def test_gold_toponyms_are_in_their_articles():
    for item in gold_articles():
        for gold in item["places"] + item["not_places"]:
            start, end = locate(item["text"], gold["text"], gold.get("n", 1))
            assert item["text"][start:end] == gold["text"]


def test_distance_is_great_circle():
    # Paris, France to Paris, Texas is about 7,800 km; a point is 0 km from itself.
    assert 7700 < distance_km(48.85, 2.35, 33.66, -95.56) < 7900
    assert distance_km(10.0, 10.0, 10.0, 10.0) == 0.0


@pytest.mark.slow
def test_places_above_floors():
    assert check_floors("places", score()) == []
