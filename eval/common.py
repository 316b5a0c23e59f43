"""Shared helpers of the evaluation scripts: scores, floors and the printed report.

Each `eval/score_<area>.py` scores one stage against gold data and returns a dict
of named scores; `check_floors` compares them with the floors pinned in
`eval/floors/<area>.json`, which CI enforces through `tests/test_eval_<area>.py`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

EVAL = Path(__file__).resolve().parent
ROOT = EVAL.parent
GOLD = EVAL / "gold"
FLOORS = EVAL / "floors"
SHARED = ROOT.parent / "shared"


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1; an empty side counts as perfect, as in the usual convention."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def floors(area: str) -> dict[str, float]:
    path = FLOORS / f"{area}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def check_floors(area: str, scores: Mapping[str, float]) -> list[str]:
    """One message for each score below its pinned floor (empty when all hold)."""
    return [
        f"{area}: {name} = {scores.get(name, float('nan')):.3f}, below the floor {floor:.3f}"
        for name, floor in floors(area).items()
        if not scores.get(name, float("-inf")) >= floor
    ]


def report(title: str, scores: Mapping[str, float | int | str]) -> None:
    print(title)
    width = max((len(k) for k in scores), default=0)
    for name, value in scores.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"  {name:<{width}}  {shown}")
