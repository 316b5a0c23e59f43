"""Event coding on the PLOVER gold-standard records (../shared/reference/plover/PLOVER_GSR_CAMEO.txt).

    .venv/bin/python eval/score_plover.py [--errors] [--split dev|test|all]

The records are single sentences from the CAMEO manual, coded with PLOVER 0.5b1; their
labels are mapped to the current types by `eval/gold/plover/labels.tsv` (explained in
docs/events.md). Each sentence is parsed on its own and annotated by the default
settings. For each record one predicted event is chosen: the one whose trigger lies
inside a span the gold markup marks as the event (EVT), else the most confident one.

Scores:
- `type_accuracy`: chosen event's type equals the gold type, over all records (a record
  with no predicted event counts as wrong).
- `type_accuracy_coded`: the same over the records where we coded an event.
- `coverage`: share of records where we coded an event.
- `actor_*` / `recipient_*`: an entity we name matches a gold actor (recipient) when one
  of its mentions overlaps the gold actor's words in the sentence; precision over our
  chosen events' arguments, recall over all gold arguments.

Splits: the records are numbered in file order (after dropping the non-events); the even
ones are the development half (`--split dev`), the odd ones the test half (`--split test`).
Tune on the development half only and look only at its errors; the test half is the
out-of-sample figure. `--split all` (the default) scores every record, and the floors in
eval/floors/plover.json apply to it.

The shared data is not part of the project: without it the script says so and scores nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import GOLD, SHARED, check_floors, prf, report

from dateline.events import QUAD  # noqa: F401  (the current types, for tests)
from dateline.models import Article, Entity, Event
from dateline.nlp import load
from dateline.pipeline import annotate
from dateline.settings import Settings

GSR = SHARED / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"
LABELS = GOLD / "plover" / "labels.tsv"
AREA = "plover"
SPLITS = ("all", "dev", "test")
_MARK = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC|[A-Z/]+):\s*([^()]*)\)")


def label_map(path: Path = LABELS) -> dict[tuple[str, str], str]:
    """(old type, old mode or "") → current type ("-" for records that are not events)."""
    table: dict[tuple[str, str], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        old, mode, new = (cell.strip() for cell in line.split("\t"))
        table[(old, mode)] = new
    return table


def current_type(record: dict[str, Any], table: dict[tuple[str, str], str]) -> str:
    old, mode = record["event"], (record.get("mode") or "").strip()
    new = table.get((old, mode)) or table.get((old, ""))
    if new is None:
        raise ValueError(f"{record['id']}: no mapping for label {old!r} in {LABELS}")
    return new


@dataclass
class Gold:
    id: str
    text: str
    type: str
    events: list[tuple[int, int]] = field(default_factory=list)
    actors: list[tuple[int, int]] = field(default_factory=list)
    recipients: list[tuple[int, int]] = field(default_factory=list)
    # The record's actor is unidentified: none is given, or one of sector UNK / UAF
    # ("A roadside bombing … killed"); `unidentified_spans` are the words of the latter.
    unidentified: bool = False
    unidentified_spans: list[tuple[int, int]] = field(default_factory=list)


def _spans(markup: str, text: str) -> dict[str, list[tuple[int, int]]]:
    """Character spans of each markup tag in the plain sentence (markup stripped)."""
    out: dict[str, list[tuple[int, int]]] = {}
    plain, pos = [], 0
    for m in _MARK.finditer(markup):
        plain.append(markup[pos : m.start()])
        start = sum(len(p) for p in plain)
        words = m.group(2)
        plain.append(words)
        out.setdefault(m.group(1), []).append((start, start + len(words)))
        pos = m.end()
    plain.append(markup[pos:])
    if "".join(plain) != text:  # markup that drifted from the text: find each span by its words
        out = {}
        for m in _MARK.finditer(markup):
            at = text.find(m.group(2))
            if at >= 0:
                out.setdefault(m.group(1), []).append((at, at + len(m.group(2))))
    return out


def _find(text: str, words: str) -> tuple[int, int] | None:
    words = words.strip()
    at = text.lower().find(words.lower()) if words else -1
    return (at, at + len(words)) if at >= 0 else None


def _arguments(value: Any, text: str, tagged: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for item in value if isinstance(value, list) else []:
        span = _find(text, item.get("actorText", ""))
        if span is None:
            words = item.get("actorText", "").strip().lower()
            span = next((s for s in tagged if words and words in text[s[0] : s[1]].lower()), None)
        if span is not None:
            spans.append(span)
    return spans


_UNIDENTIFIED = {"UNK", "UAF"}


def _unidentified(value: Any, text: str) -> tuple[bool, list[tuple[int, int]]]:
    items = value if isinstance(value, list) else []
    unknown = [item for item in items if str(item.get("sector", "")).upper() in _UNIDENTIFIED]
    spans = [span for item in unknown if (span := _find(text, item.get("actorText", ""))) is not None]
    return (not items or bool(unknown)), spans


def load_gold(path: Path = GSR) -> list[Gold]:
    table = label_map()
    records = json.loads(path.read_text(encoding="utf-8"))
    gold = []
    for record in records:
        kind = current_type(record, table)
        if kind == "-" or not record.get("text"):
            continue
        text = record["text"]
        info = record.get("textInfo")
        spans = _spans(info.get("markup", "") if isinstance(info, dict) else "", text)
        unidentified, unidentified_spans = _unidentified(record.get("source"), text)
        gold.append(
            Gold(
                id=record["id"],
                text=text,
                type=kind,
                events=spans.get("EVT", []),
                actors=_arguments(
                    record.get("source"), text, spans.get("SRC", []) + spans.get("SRC/TAR", [])
                ),
                recipients=_arguments(record.get("target"), text, spans.get("TAR", [])),
                unidentified=unidentified,
                unidentified_spans=unidentified_spans,
            )
        )
    return gold


def split(gold: list[Gold], name: str) -> list[Gold]:
    """The development half (even positions), the test half (odd) or all records."""
    if name not in SPLITS:
        raise ValueError(f"unknown split {name!r}; one of {', '.join(SPLITS)}")
    if name == "all":
        return gold
    return gold[0 if name == "dev" else 1 :: 2]


def _overlaps(entity: Entity, span: tuple[int, int]) -> bool:
    return any(m.start < span[1] and span[0] < m.end for m in entity.mentions)


def choose(events: list[Event], gold: Gold, text: str) -> Event | None:
    """Our event for this record: trigger inside a gold EVT span, else the most confident."""
    if not events:
        return None
    for ev in events:
        for start, end in gold.events:
            if re.search(rf"\b{re.escape(ev.trigger)}\b", text[start:end]):
                return ev
    return max(events, key=lambda e: e.confidence)


def _match(
    ids: list[str], spans: list[tuple[int, int]], entities: dict[str, Entity], gold: Gold | None = None
) -> tuple[int, int, int]:
    """(tp, fp, fn) of predicted entity ids against gold spans. For actors (`gold` given),
    our unidentified actor (an entity no words name) is right where the record's actor
    is unidentified, and then stands for the words the record gives it, if any."""
    found = [entities[i] for i in ids if i in entities]
    nobody = gold is not None and gold.unidentified and any(not e.mentions for e in found)
    tp_pred = sum(1 for e in found if any(_overlaps(e, s) for s in spans) or (nobody and not e.mentions))
    hit = sum(
        1
        for s in spans
        if any(_overlaps(e, s) for e in found) or (nobody and s in (gold.unidentified_spans if gold else []))
    )
    return hit, len(found) - tp_pred, len(spans) - hit


def score(show_errors: bool = False, part: str = "all") -> dict[str, float]:
    if not GSR.exists():
        print(f"skipped: {GSR} not found (the shared reference data is not part of the project)")
        return {}
    gold = split(load_gold(), part)
    settings = Settings()
    nlp = load(settings.model)
    correct = coded = 0
    counts = Counter[str]()
    confusion = Counter[tuple[str, str]]()
    for g, doc in zip(gold, nlp.pipe(g.text for g in gold), strict=True):
        article = Article(text=g.text, published="2000-01-01T00:00:00")
        result = annotate(doc, article, settings)
        ev = choose(result["events"], g, g.text)
        entities = {e.id: e for e in result["entities"]}
        predicted = ev.type if ev else "NONE"
        confusion[(g.type, predicted)] += 1
        if ev is not None:
            coded += 1
            correct += ev.type == g.type
        for role, ids, spans, about in (
            ("actor", ev.actors if ev else [], g.actors, g),
            ("recipient", ev.recipients if ev else [], g.recipients, None),
        ):
            tp, fp, fn = _match(ids, spans, entities, about)
            counts[f"{role}_tp"] += tp
            counts[f"{role}_fp"] += fp
            counts[f"{role}_fn"] += fn
        if show_errors and predicted != g.type:
            print(f"{g.id}\tgold {g.type}\tours {predicted} ({ev.trigger if ev else ''})\t{g.text}")
    scores: dict[str, float] = {
        "type_accuracy": correct / len(gold),
        "type_accuracy_coded": correct / coded if coded else 0.0,
        "coverage": coded / len(gold),
    }
    for role in ("actor", "recipient"):
        p = prf(counts[f"{role}_tp"], counts[f"{role}_fp"], counts[f"{role}_fn"])
        scores[f"{role}_precision"] = p["precision"]
        scores[f"{role}_recall"] = p["recall"]
    if show_errors:
        print("most frequent confusions (gold → ours):")
        for (want, got), n in confusion.most_common(15):
            if want != got:
                print(f"  {want:>9} → {got:<9} {n}")
    title = f"PLOVER gold-standard records, split {part} ({len(gold)} sentences, labels mapped to PLOVER 0.8)"
    report(title, scores)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print each wrongly typed record")
    parser.add_argument(
        "--split", choices=SPLITS, default="all", help="development half, test half or all (floors: all)"
    )
    args = parser.parse_args()
    scores = score(args.errors, args.split)
    failures = check_floors(AREA, scores) if scores and args.split == "all" else []
    for failure in failures:
        print(failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
