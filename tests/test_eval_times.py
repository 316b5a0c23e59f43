"""Quality gate: time resolution on our gold articles stays above its pinned floors."""

from __future__ import annotations

import pytest
from common import check_floors
from score_times import gold_articles, locate, same_value, score


def test_gold_phrases_are_in_their_articles():
    for item in gold_articles():
        for gold in item["times"]:
            start, end = locate(item["text"], gold["text"], gold.get("n", 1))
            assert item["text"][start:end] == gold["text"]


def test_instants_compare_across_zone_spellings():
    assert same_value("2024-03-07T10:30:00+00:00", "2024-03-07T10:30:00Z")
    assert not same_value("2024-03-07T10:30:00+00:00", "2024-03-07T10:30:00")
    assert same_value(None, None) and not same_value("2024", None)


@pytest.mark.slow
def test_times_above_floors():
    assert check_floors("times", score()) == []
