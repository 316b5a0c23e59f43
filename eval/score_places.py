"""Score toponym detection and resolution against gold places we wrote ourselves.

    .venv/bin/python eval/score_places.py

Gold: `eval/gold/places/*.json`, articles with every toponym in them (text and
occurrence, the point it names, its country, its GeoNames id when known) and the
words that must not become places (demonyms, capitals standing for governments).
A predicted place counts at every mention of its entity. A gold toponym is detected
when a place mention overlaps it; it is resolved right when the GeoNames ids agree or
the point lies within 161 km (100 miles, the usual geoparsing threshold); its country
is right when the alpha-3 codes agree. Resolution figures are over detected toponyms;
`end_to_end_161km` divides by all of them.
"""

from __future__ import annotations

import math
from typing import Any

from common import prf
from score_times import gold_articles as gold_articles_of
from score_times import locate, print_parts

from dateline import registry
from dateline.models import Article, Place
from dateline.nlp import load
from dateline.settings import Settings

KM = 161.0


def gold_articles(part: str = "*") -> list[dict[str, Any]]:
    return gold_articles_of(part, "places")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def predict(text: str, settings: Settings) -> list[tuple[int, int, Place]]:
    """(start, end, place) for every mention of every geocoded entity."""
    doc = load(settings.model)(text)
    article = Article(text=text)
    entities = registry.get("entities", settings.entities)(doc, article)
    places = registry.get("places", settings.places)(doc, article, entities=entities)
    by_id = {e.id: e for e in entities}
    return [(m.start, m.end, p) for p in places for m in by_id[p.entity].mentions]


def _right(gold: dict[str, Any], place: Place) -> bool:
    if gold.get("geonameid") and gold["geonameid"] == place.geonameid:
        return True
    return distance_km(gold["lat"], gold["lon"], place.lat, place.lon) <= KM


def score(verbose: bool = False, part: str = "*") -> dict[str, float]:
    settings = Settings()
    gold_n = detected = right = country_n = country_right = fp = negatives = negatives_hit = 0
    for item in gold_articles(part):
        text = item["text"]
        mentions = predict(text, settings)
        claimed: set[int] = set()
        for gold in item["places"]:
            start, end = locate(text, gold["text"], gold.get("n", 1))
            gold_n += 1
            hits = [i for i, (s, e, _) in enumerate(mentions) if s < end and start < e]
            if not hits:
                if verbose:
                    print(f"  MISSED    {item['id']}: {gold['text']!r}")
                continue
            claimed.update(hits)
            detected += 1
            place = mentions[hits[0]][2]
            ok = _right(gold, place)
            right += ok
            if gold["country"]:
                country_n += 1
                country_right += place.country == gold["country"]
            if verbose and (not ok or (gold["country"] and place.country != gold["country"])):
                km = distance_km(gold["lat"], gold["lon"], place.lat, place.lon)
                print(
                    f"  WRONG     {item['id']}: {gold['text']!r} -> {place.name} {place.country} {km:.0f} km"
                )
        for neg in item["not_places"]:
            start, end = locate(text, neg["text"], neg.get("n", 1))
            negatives += 1
            if any(s < end and start < e for s, e, _ in mentions):
                negatives_hit += 1
                if verbose:
                    print(f"  NOT-PLACE {item['id']}: {neg['text']!r} ({neg['why']}) was geocoded")
        for i, (s, e, place) in enumerate(mentions):
            if i not in claimed:
                fp += 1
                if verbose:
                    print(f"  EXTRA     {item['id']}: {text[s:e]!r} -> {place.name} {place.country}")
    detection = prf(detected, fp, gold_n - detected)
    return {
        "toponyms": float(gold_n),
        "detection_precision": detection["precision"],
        "detection_recall": detection["recall"],
        "detection_f1": detection["f1"],
        "accuracy_161km": right / detected if detected else 0.0,
        "country_accuracy": country_right / country_n if country_n else 0.0,
        "end_to_end_161km": right / gold_n,
        "not_places_kept_out": 1 - negatives_hit / negatives if negatives else 1.0,
    }


def main() -> None:
    print_parts("places", score)


if __name__ == "__main__":
    main()
