"""Quality gates for event coding: our gold set always, the PLOVER records when ../shared is there."""

from __future__ import annotations

import pytest
import score_events
import score_plover
from common import check_floors


def test_event_scores_hold_their_floors():
    assert check_floors("events", score_events.score()) == []


def test_gold_files_annotate_every_sentence():
    gold = score_events.load_gold()
    assert len(gold) >= 10
    events = sum(len(s.events) for a in gold for s in a.sentences)
    assert events >= 50
    assert any(not s.events for a in gold for s in a.sentences), "gold needs no-event sentences"


def test_plover_scores_hold_their_floors():
    if not score_plover.GSR.exists():
        pytest.skip(f"{score_plover.GSR} not present (shared reference data)")
    assert check_floors("plover", score_plover.score()) == []


def test_every_gsr_label_maps_to_a_current_type():
    table = score_plover.label_map()
    assert {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT"} <= {old for old, _ in table}
    assert set(table.values()) <= set(score_plover.QUAD) | {"-"}


def test_plover_split_halves_are_disjoint_and_cover_all_records():
    if not score_plover.GSR.exists():
        pytest.skip(f"{score_plover.GSR} not present (shared reference data)")
    gold = score_plover.load_gold()
    dev, test = score_plover.split(gold, "dev"), score_plover.split(gold, "test")
    assert {id(g) for g in dev}.isdisjoint({id(g) for g in test})  # the file repeats one record id
    assert len(dev) + len(test) == len(gold) and abs(len(dev) - len(test)) <= 1
    assert score_plover.split(gold, "all") == gold
    with pytest.raises(ValueError):
        score_plover.split(gold, "train")
