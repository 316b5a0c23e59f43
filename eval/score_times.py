"""Score the time annotator against gold time expressions we wrote ourselves.

    .venv/bin/python eval/score_times.py

Gold: `eval/gold/times/*.json`, articles with their publication stamp and every time
expression in them (text, occurrence, ISO value, granularity; `value: null` for what
cannot be resolved). A gold expression is found when a predicted expression overlaps
it; its value is right when the overlapping prediction that covers most of it has the
same value (timestamps compared as instants when both carry an offset). Missed
expressions count as wrong, so value accuracy is end to end.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from common import GOLD, check_floors, report

from dateline.models import Article, TimeExpression
from dateline.nlp import load
from dateline.settings import Settings
from dateline.times import resolve_times


def gold_articles(part: str = "*", area: str = "times") -> list[dict[str, Any]]:
    """Gold articles of one part ("articles": the set the rules were tuned on,
    "heldout": written afterwards and not tuned on) or of all parts ("*")."""
    articles: list[dict[str, Any]] = []
    for path in sorted((GOLD / area).glob(f"{part}.json")):
        articles.extend(json.loads(path.read_text(encoding="utf-8"))["articles"])
    return articles


def locate(text: str, phrase: str, n: int = 1) -> tuple[int, int]:
    """Offsets of the n-th occurrence of `phrase`; a gold error if it is not there."""
    found = list(re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text))
    if len(found) < n:
        raise ValueError(f"gold phrase {phrase!r} (occurrence {n}) not in the article")
    return found[n - 1].span()


def same_value(gold: str | None, got: str | None) -> bool:
    if gold is None or got is None:
        return gold is got
    if "T" in gold and "T" in got:
        try:
            a = datetime.fromisoformat(gold.replace("Z", "+00:00"))
            b = datetime.fromisoformat(got.replace("Z", "+00:00"))
        except ValueError:
            return gold == got
        if (a.tzinfo is None) != (b.tzinfo is None):
            return False
        return a == b
    return gold == got


def best_match(start: int, end: int, predicted: list[TimeExpression]) -> TimeExpression | None:
    overlap = [
        (min(end, p.end) - max(start, p.start), p) for p in predicted if p.start < end and start < p.end
    ]
    return max(overlap, key=lambda x: x[0])[1] if overlap else None


def score(verbose: bool = False, part: str = "*") -> dict[str, float]:
    nlp = load(Settings().model)
    total = found = right_value = right_gran = gran_total = 0
    for item in gold_articles(part):
        article = Article(text=item["text"], published=item["published"])
        predicted = resolve_times(nlp(item["text"]), article)
        for gold in item["times"]:
            start, end = locate(item["text"], gold["text"], gold.get("n", 1))
            got = best_match(start, end, predicted)
            total += 1
            if got is None:
                if verbose:
                    print(f"  MISSED  {item['id']}: {gold['text']!r} -> {gold['value']}")
                continue
            found += 1
            ok = same_value(gold["value"], got.value)
            right_value += ok
            if gold["value"] is not None:
                gran_total += 1
                right_gran += got.granularity == gold["granularity"]
            if verbose and not ok:
                shown = f"{got.text!r} = {got.value}"
                print(f"  WRONG   {item['id']}: {gold['text']!r} -> {shown}, gold {gold['value']}")
    return {
        "expressions": float(total),
        "detection_recall": found / total,
        "value_accuracy": right_value / total,
        "granularity_accuracy": right_gran / gran_total if gran_total else 1.0,
    }


def print_parts(area: str, score_fn: Callable[..., dict[str, float]]) -> None:
    """Figures on all gold, then on the tuned and the held-out parts apart, then floors."""
    scores = score_fn(verbose=True)
    report(f"{area} (eval/gold/{area}, all parts)", scores)
    for part in ("articles", "heldout"):
        report(f"{area}: {part}.json only", score_fn(part=part))
    for problem in check_floors(area, scores):
        print("BELOW FLOOR:", problem)


def main() -> None:
    print_parts("times", score)


if __name__ == "__main__":
    main()
