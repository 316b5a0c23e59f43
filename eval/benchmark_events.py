"""The events the default coder finds on the shared benchmark pages, for reading by hand.

    .venv/bin/python eval/benchmark_events.py [--sample 40] [--seed 42] [--jsonl OUT]

The pages of ../shared/eval/article-extraction-benchmark/html (news of every kind: sport,
business, gadgets, politics) have no event gold. This prints how many events the default
settings code on them and, with `--sample`, a random draw of them (type, trigger, actors,
recipients, modality and the sentence) for an analyst to judge: the false-positive figure
of docs/events.md comes from such a draw. `--jsonl` writes every event, one per line, so
that two versions of the coder can be compared with `diff`. The pages are read by path and
never copied; without them the script says so and prints nothing else.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys

from common import SHARED

from dateline.extract import extract
from dateline.ingest import RawInput
from dateline.nlp import load
from dateline.pipeline import annotate
from dateline.settings import Settings

PAGES = SHARED / "eval" / "article-extraction-benchmark" / "html"


def events() -> list[list]:
    """[page, type, trigger, evidence start, actor names, recipient names, modality, sentence]."""
    settings = Settings()
    nlp = load(settings.model)
    articles = []
    for page in sorted(PAGES.iterdir()):
        data = page.read_bytes()
        if page.suffix == ".gz":
            data = gzip.decompress(data)
        try:
            articles.append((page.name, extract(RawInput(data.decode("utf-8", "replace"), "html"))))
        except Exception:  # a page trafilatura cannot read has no events to judge
            continue
    found = []
    for (name, article), doc in zip(articles, nlp.pipe(a.text for _, a in articles), strict=True):
        coded = annotate(doc, article, settings)
        names = {e.id: e.name for e in coded["entities"]}
        for ev in coded["events"]:
            found.append(
                [
                    name,
                    ev.type,
                    ev.trigger,
                    ev.evidence.start,
                    sorted(names[a] for a in ev.actors),
                    sorted(names[r] for r in ev.recipients),
                    ev.modality,
                    ev.evidence.text,
                ]
            )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="print this many events drawn at random")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--jsonl", help="write every event to this file")
    args = parser.parse_args()
    if not PAGES.is_dir():
        print(f"{PAGES} not present: nothing to code")
        sys.exit(0)
    found = events()
    print(f"{len(found)} events on the benchmark pages")
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(row) + "\n" for row in found)
    random.seed(args.seed)
    for number, row in enumerate(random.sample(found, min(args.sample, len(found))), 1):
        _, kind, trigger, _, actors, recipients, modality, text = row
        sentence = " ".join(text.split())[:230]
        print(f"{number:3} {kind} {trigger} A={actors} R={recipients} {modality} | {sentence}")


if __name__ == "__main__":
    main()
