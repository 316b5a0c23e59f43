"""Entity scores on our gold set stay above the floors pinned in eval/floors/entities.json."""

from __future__ import annotations

import score_entities
from common import check_floors


def test_entity_scores_hold_their_floors():
    scores = score_entities.score()
    assert check_floors("entities", scores) == []
    # dateline must stay ahead of the model it corrects.
    assert scores["ner_f1"] > scores["spacy_ner_f1"]
    assert scores["cluster_f1"] > scores["spacy_cluster_f1"]
    assert scores["heldout_ner_f1"] > scores["heldout_spacy_ner_f1"]


def test_gold_markup_parses_to_offsets():
    for gold in score_entities.gold_docs() + score_entities.gold_docs(score_entities.HELD_OUT):
        text = gold.article.text
        for (start, end), ident in gold.mentions.items():
            assert "[" not in text[start:end] and "](" not in text[start:end], (gold.name, ident)
            assert text[start:end].strip() == text[start:end], (gold.name, text[start:end])
        assert len(gold.entities) >= 5, gold.name


def test_cluster_metrics_on_a_known_case():
    gold = [{(0, 0, 1), (0, 2, 3)}, {(0, 4, 5)}]
    perfect = score_entities.b_cubed(gold, gold)
    assert perfect["f1"] == 1.0
    merged = score_entities.b_cubed(gold, [{(0, 0, 1), (0, 2, 3), (0, 4, 5)}])
    # Precision per mention: 2/3, 2/3, 1/3 → 5/9; recall 1.
    assert abs(merged["precision"] - 5 / 9) < 1e-9 and merged["recall"] == 1.0
    assert score_entities.muc(gold, [{(0, 0, 1)}, {(0, 2, 3)}, {(0, 4, 5)}])["recall"] == 0.0
