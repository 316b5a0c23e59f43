"""Quality gate: quote spans, speakers and cues on our gold articles stay above their floors."""

from __future__ import annotations

import pytest
from common import check_floors, floors

score_quotes = pytest.importorskip("score_quotes")


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    return score_quotes.score()


def test_floors_hold(scores):
    assert floors("quotes"), "eval/floors/quotes.json is missing"
    assert check_floors("quotes", scores) == []


def test_issue_targets_met(scores):
    # The targets the issue set: overlap F1 ≥ 0.9, exact F1 ≥ 0.75, speaker accuracy ≥ 0.85.
    for prefix in ("", "heldout_"):
        assert scores[f"{prefix}overlap_f1"] >= 0.9
        assert scores[f"{prefix}exact_f1"] >= 0.75
        assert scores[f"{prefix}speaker_accuracy"] >= 0.85


def test_gold_covers_every_kind(scores):
    assert scores["gold_quotes"] >= 60
    for kind in ("direct", "indirect", "mixed"):
        assert f"recall_{kind}" in scores
