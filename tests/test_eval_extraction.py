"""Extraction quality gates: metadata on our gold pages, body on the Zyte benchmark."""

from __future__ import annotations

import pytest
import score_extraction as se
from shingles import aggregate, page_counts


def test_metadata_scores_hold_their_floors():
    scores, misses = se.metadata_results()
    assert scores["meta_pages"] >= 40
    assert se.floor_failures(scores) == [], misses


@pytest.mark.slow
@pytest.mark.skipif(not (se.BENCHMARK / "ground-truth.json").exists(), reason="../shared benchmark absent")
def test_body_scores_hold_their_floors():
    scores = se.score_body()
    assert scores["pages"] == 181
    assert se.floor_failures(scores) == []
    # The point of our layer: better than trafilatura alone on the same pages.
    assert scores["body_f1"] > scores["trafilatura_f1"]


def test_shingle_metric_on_known_cases():
    text = "one two three four five six"
    assert page_counts(text, text) == (1.0, 0.0, 0.0)
    tp, fp, fn = page_counts(text, "")
    assert (tp, fp) == (0.0, 0.0) and fn == 1.0
    # Half of the predicted shingles are extra: precision 0.5, recall 1.
    pred = text + " seven eight nine"
    scores = aggregate([page_counts(text, pred)])
    assert scores["recall"] == 1.0 and scores["precision"] == pytest.approx(0.5)
    # A page that predicted nothing counts for recall only.
    both = aggregate([page_counts(text, text), page_counts(text, "")])
    assert both["precision"] == 1.0 and both["recall"] == pytest.approx(0.5)
