"""Time of each annotation stage next to spaCy's own pipeline on the same texts.

    python bench/stages.py [--runs 5] [--copies 4] [--path demo/articles]

Each run parses the texts with `nlp.pipe`, then runs every registered stage of the
default settings over the parsed docs, timing each stage separately. The figures are
medians over the runs; each stage's cost is printed as a fraction of spaCy's time,
which is what the issues' cost targets ("adds at most 10%") are stated against.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from dateline import registry
from dateline.extract import extract
from dateline.ingest import iter_inputs
from dateline.nlp import load
from dateline.quotes import link_events
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("entities", "times", "places", "quotes", "events")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=4, help="repeat the article set this many times")
    parser.add_argument("--path", default=str(ROOT / "demo" / "articles"))
    args = parser.parse_args()

    settings = Settings()
    articles = [extract(r) for r in iter_inputs([args.path]) if not isinstance(r, Exception)] * args.copies
    nlp = load(settings.model)
    list(nlp.pipe(a.text for a in articles[:4]))  # warm up
    timings: dict[str, list[float]] = defaultdict(list)
    for run in range(args.runs + 1):
        t0 = time.perf_counter()
        docs = list(nlp.pipe((a.text for a in articles), batch_size=32))
        spent = {"spacy": time.perf_counter() - t0}
        spent.update(dict.fromkeys(STAGES, 0.0))
        for doc, article in zip(docs, articles, strict=True):
            t = time.perf_counter()
            entities = registry.get("entities", settings.entities)(doc, article)
            spent["entities"] += time.perf_counter() - t
            t = time.perf_counter()
            times = registry.get("times", settings.times)(doc, article)
            spent["times"] += time.perf_counter() - t
            t = time.perf_counter()
            places = registry.get("places", settings.places)(doc, article, entities=entities)
            spent["places"] += time.perf_counter() - t
            t = time.perf_counter()
            quotes = registry.get("quotes", settings.quotes)(doc, article, entities=entities)
            spent["quotes"] += time.perf_counter() - t
            t = time.perf_counter()
            events = registry.get("events", settings.events)(
                doc, article, entities=entities, times=times, quotes=quotes, places=places
            )
            spent["events"] += time.perf_counter() - t
            t = time.perf_counter()
            link_events(quotes, events, article.text)  # the quotes stage's post-pass over events
            spent["quotes"] += time.perf_counter() - t
        if run:  # the first run loads data files and the gazetteer; it is not counted
            for name, seconds in spent.items():
                timings[name].append(seconds)
    spacy = statistics.median(timings["spacy"])
    print(f"articles per run: {len(articles)}  runs: {args.runs}")
    print(f"{'stage':<10} {'ms/article':>10} {'x spaCy':>8}")
    print(f"{'spacy':<10} {1000 * spacy / len(articles):10.2f} {1.0:8.3f}")
    for name in STAGES:
        med = statistics.median(timings[name])
        print(f"{name:<10} {1000 * med / len(articles):10.2f} {med / spacy:8.3f}")


if __name__ == "__main__":
    main()
