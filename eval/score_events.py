"""Event coding on our own gold articles (eval/gold/events/*.txt, format in its README).

    .venv/bin/python eval/score_events.py [--errors]

Each gold file is one article whose every sentence is annotated with the events an
analyst would code (or none). The article is annotated by the default settings; each
predicted event belongs to the gold sentence holding the start of its evidence.
Predicted events of one sentence with the same type, actors and recipients count once,
as the store merges them.

A predicted event matches a gold event of its sentence when the types are equal and at
least one actor matches (an entity name and a gold name match when one contains the
other, case-folded). Matching is one-to-one.

Scores: `precision`, `recall`, `f1` of events; `modality_accuracy` over matched pairs;
`recipient_precision` / `recipient_recall` over matched pairs; `no_event_precision`:
share of the gold no-event sentences where we coded nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from common import GOLD, check_floors, prf, report

from dateline.models import Article, Event
from dateline.nlp import load
from dateline.pipeline import annotate
from dateline.settings import Settings

AREA = "events"
DIR = GOLD / "events"


@dataclass
class GoldEvent:
    type: str
    actors: list[str]
    recipients: list[str]
    modality: str


@dataclass
class Sentence:
    text: str
    start: int
    events: list[GoldEvent] = field(default_factory=list)
    annotated: bool = False


@dataclass
class GoldArticle:
    name: str
    article: Article
    sentences: list[Sentence]
    split: str = "dev"


def _names(cell: str) -> list[str]:
    return [n.strip() for n in cell.split(";") if n.strip()]


def parse(path: Path) -> GoldArticle:
    """One gold file → the article text (paragraphs of sentences) and its annotations."""
    meta: dict[str, str] = {}
    paragraphs: list[list[Sentence]] = [[]]
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# "):
            key, _, value = line[2:].partition(":")
            meta[key.strip()] = value.strip()
        elif not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
        elif line.startswith("  ="):
            if not paragraphs[-1]:
                raise ValueError(f"{path}:{number}: annotation before any sentence")
            sentence = paragraphs[-1][-1]
            sentence.annotated = True
            body = line.strip()[1:].strip()
            if body == "none":
                continue
            cells = [c.strip() for c in body.split("|")]
            if len(cells) != 4:
                raise ValueError(f"{path}:{number}: want TYPE | actors | recipients | modality")
            sentence.events.append(GoldEvent(cells[0], _names(cells[1]), _names(cells[2]), cells[3]))
        else:
            paragraphs[-1].append(Sentence(text=line.strip(), start=0))
    text, sentences = "", []
    for paragraph in (p for p in paragraphs if p):
        if text:
            text += "\n\n"
        for i, sentence in enumerate(paragraph):
            if i:
                text += " "
            sentence.start = len(text)
            text += sentence.text
            if not sentence.annotated:
                raise ValueError(f"{path}: sentence without annotation: {sentence.text[:60]!r}")
            sentences.append(sentence)
    article = Article(
        title=meta.get("title"), published=meta.get("published"), publisher=meta.get("publisher"), text=text
    )
    return GoldArticle(path.name, article, sentences, meta.get("split", "dev"))


def load_gold(directory: Path = DIR) -> list[GoldArticle]:
    return [parse(p) for p in sorted(directory.glob("*.txt"))]


def same_name(ours: str, gold: str) -> bool:
    a, b = ours.casefold(), gold.casefold()
    return a in b or b in a


@dataclass
class Predicted:
    type: str
    actors: list[str]
    recipients: list[str]
    modality: str
    trigger: str


def _predicted(events: list[Event], names: dict[str, str]) -> list[Predicted]:
    seen, out = set(), []
    for ev in events:
        actors = [names[i] for i in ev.actors if i in names]
        recipients = [names[i] for i in ev.recipients if i in names]
        key = (ev.type, frozenset(actors), frozenset(recipients))
        if key not in seen:
            seen.add(key)
            out.append(Predicted(ev.type, actors, recipients, ev.modality, ev.trigger))
    return out


def _matches(p: Predicted, g: GoldEvent) -> bool:
    return p.type == g.type and any(same_name(a, b) for a in p.actors for b in g.actors)


def predictions(gold: list[GoldArticle]) -> list[tuple[GoldArticle, Sentence, list[Predicted]]]:
    """Each gold sentence with the (merged) events we code in it."""
    settings = Settings()
    nlp = load(settings.model)
    out = []
    for g, doc in zip(gold, nlp.pipe(a.article.text for a in gold), strict=True):
        result = annotate(doc, g.article, settings)
        names = {e.id: e.name for e in result["entities"]}
        for i, sentence in enumerate(g.sentences):
            end = g.sentences[i + 1].start if i + 1 < len(g.sentences) else len(g.article.text)
            inside = [e for e in result["events"] if sentence.start <= e.evidence.start < end]
            out.append((g, sentence, _predicted(inside, names)))
    return out


def tally(
    rows: list[tuple[GoldArticle, Sentence, list[Predicted]]], show_errors: bool = False
) -> tuple[dict[str, float], Counter[str]]:
    """Scores and raw counts over these sentences."""
    n = Counter[str]()
    for article, sentence, predicted in rows:
        free = list(predicted)
        if not sentence.events:
            n["empty"] += 1
            n["empty_clean"] += not predicted
        for g in sentence.events:
            match = next((p for p in free if _matches(p, g)), None)
            if match is None:
                n["fn"] += 1
                if show_errors:
                    print(f"MISS {article.name}: {g.type} {g.actors} | {sentence.text}")
                continue
            free.remove(match)
            n["tp"] += 1
            n["modality_ok"] += match.modality == g.modality
            if show_errors and match.modality != g.modality:
                print(f"MODALITY {article.name}: {match.modality} for {g.modality} ({match.trigger})", end="")
                print(f" | {sentence.text}")
            hits = sum(1 for r in match.recipients if any(same_name(r, x) for x in g.recipients))
            n["rec_tp"] += hits
            n["rec_fp"] += len(match.recipients) - hits
            n["rec_fn"] += sum(1 for x in g.recipients if not any(same_name(r, x) for r in match.recipients))
        n["fp"] += len(free)
        if show_errors:
            for p in free:
                print(f"FALSE {article.name}: {p.type} {p.actors}→{p.recipients} ({p.trigger})", end="")
                print(f" | {sentence.text}")
    events = prf(n["tp"], n["fp"], n["fn"])
    recipients = prf(n["rec_tp"], n["rec_fp"], n["rec_fn"])
    scores = {
        "precision": events["precision"],
        "recall": events["recall"],
        "f1": events["f1"],
        "modality_accuracy": n["modality_ok"] / n["tp"] if n["tp"] else 0.0,
        "recipient_precision": recipients["precision"],
        "recipient_recall": recipients["recall"],
        "no_event_precision": n["empty_clean"] / n["empty"] if n["empty"] else 1.0,
    }
    return scores, n


def score(show_errors: bool = False) -> dict[str, float]:
    """All gold articles; `heldout_*` repeats the event scores on the articles marked
    `# split: heldout`, written after the rules were last changed and not used to tune them."""
    gold = load_gold()
    rows = predictions(gold)
    scores, n = tally(rows, show_errors)
    held, m = tally([r for r in rows if r[0].split == "heldout"])
    for name in ("precision", "recall", "modality_accuracy"):
        scores[f"heldout_{name}"] = held[name]
    sentences = sum(len(a.sentences) for a in gold)
    report(
        f"events on our gold set ({len(gold)} articles, {sentences} sentences, {n['tp'] + n['fn']} gold "
        f"events; tp {n['tp']} fp {n['fp']} fn {n['fn']}; held-out part tp {m['tp']} fp {m['fp']} "
        f"fn {m['fn']})",
        scores,
    )
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--errors", action="store_true", help="print misses, false events and modality errors"
    )
    args = parser.parse_args()
    failures = check_floors(AREA, score(args.errors))
    for failure in failures:
        print(failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
