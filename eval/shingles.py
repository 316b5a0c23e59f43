"""The body metric of the Zyte article-extraction benchmark, written for this project.

Each text becomes a multiset of 4-token shingles (tokens are runs of word characters,
so any language works). Per page, true positives, false positives and false negatives
are counted over the shingles and normalised by their sum, so that a long article
weighs no more than a short one. Precision is the mean over pages that predicted
something, recall the mean over pages whose truth is non-empty, and F1 is taken from
those two means (as the benchmark reports it).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"\w+")
N = 4


def shingles(text: str | None, n: int = N) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    # A text shorter than n tokens is one short shingle, so that it still counts.
    count = max(1, len(tokens) - n + 1)
    return Counter(tuple(tokens[i : i + n]) for i in range(count) if tokens[i : i + n])


def page_counts(true: str | None, pred: str | None) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    t, p = shingles(true), shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def aggregate(pages: Iterable[tuple[float, float, float]]) -> dict[str, float]:
    """Benchmark precision, recall and F1 over the per-page counts."""
    counts = list(pages)
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}
