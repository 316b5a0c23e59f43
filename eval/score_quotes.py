"""Score the quotes stage against gold quotes in short articles we wrote ourselves.

    .venv/bin/python eval/score_quotes.py [--show]

Gold: `eval/gold/quotes/*.txt` (articles) with `gold.jsonl` (development set) and
`heldout.jsonl` (written after the rules, never tuned on): one quote a line, giving
the article, the quote's content as written, its speaker, cue and kind (see the
README there). Figures, for each set:

- span precision / recall / F1 with *overlap* matching (a predicted quote matches a
  gold quote when they share characters; one-to-one, largest overlap first) and with
  *exact* matching (the same span once quotation marks, spaces and punctuation at the
  edges are set aside);
- speaker accuracy over the overlap-matched quotes: right when the gold speaker is the
  predicted entity's name or one of its mentions, or the words kept in `speaker_text`
  (so an anonymous "a senior government official" counts when those words are kept);
  `speaker_accuracy_all` divides by every gold quote instead, so misses count wrong;
- cue and kind accuracy over matched quotes, and recall per kind.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass

from common import GOLD, check_floors, prf, report

import dateline
from dateline.models import Document, Quote

GOLD_DIR = GOLD / "quotes"
_EDGE = " \t\n,.;:!?\"'“”‘’«»「」—–-"
_DETERMINERS = re.compile(r"^(the|a|an)\s+")


@dataclass
class GoldQuote:
    article: str
    start: int
    end: int
    speakers: list[str]
    cue: str | None
    kind: str


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without quotation marks, spaces and punctuation at its edges."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def norm(name: str) -> str:
    folded = " ".join(name.replace("’", "'").casefold().split()).strip(_EDGE)
    return _DETERMINERS.sub("", folded)


def load_gold(name: str) -> tuple[dict[str, Document], dict[str, list[GoldQuote]]]:
    docs: dict[str, Document] = {}
    gold: dict[str, list[GoldQuote]] = defaultdict(list)
    for line in (GOLD_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        name = row["article"]
        if name not in docs:
            path = GOLD_DIR / name
            docs[name] = dateline.process(path.read_text(encoding="utf-8"), format="text", path=str(path))
        text = docs[name].article.text
        if text.count(row["text"]) != 1:
            raise SystemExit(f"{name}: gold quote found {text.count(row['text'])} times: {row['text']!r}")
        start = text.index(row["text"])
        speakers = row["speaker"] if isinstance(row["speaker"], list) else [row["speaker"]]
        gold[name].append(GoldQuote(name, start, start + len(row["text"]), speakers, row["cue"], row["kind"]))
    return docs, gold


def match(golds: list[GoldQuote], preds: list[Quote]) -> list[tuple[GoldQuote, Quote]]:
    """One-to-one pairs of overlapping spans, the largest overlaps first."""
    candidates = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                candidates.append((overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _overlap, gi, pi in sorted(candidates, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((golds[gi], preds[pi]))
    return pairs


def speaker_right(gold: GoldQuote, pred: Quote, doc: Document) -> bool:
    wanted = {norm(s) for s in gold.speakers}
    said = {norm(pred.speaker_text)} if pred.speaker_text else set()
    entity = next((e for e in doc.entities if e.id == pred.speaker), None)
    if entity is not None:
        said |= {norm(entity.name)} | {norm(m.text) for m in entity.mentions}
    return bool(wanted & said)


def score(show: bool = False) -> dict[str, float]:
    """Figures on the development set (`gold.jsonl`, written while the rules were
    written) and, prefixed `heldout_`, on `heldout.jsonl`, written afterwards and not
    tuned on."""
    scores = score_set("gold.jsonl", show)
    scores.update({f"heldout_{k}": v for k, v in score_set("heldout.jsonl", show).items()})
    return scores


def score_set(gold_file: str, show: bool = False) -> dict[str, float]:
    docs, gold = load_gold(gold_file)
    tp = fp = fn = exact_tp = 0
    speaker_ok = cue_ok = cue_n = kind_ok = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, doc in docs.items():
        text, golds, preds = doc.article.text, gold[name], doc.quotes
        pairs = match(golds, preds)
        tp += len(pairs)
        fp += len(preds) - len(pairs)
        fn += len(golds) - len(pairs)
        exact_gold = {trimmed(text, g.start, g.end) for g in golds}
        exact_tp += len(exact_gold & {trimmed(text, p.start, p.end) for p in preds})
        for g in golds:
            by_kind[g.kind][1] += 1
        for g, p in pairs:
            by_kind[g.kind][0] += 1
            right = speaker_right(g, p, doc)
            speaker_ok += right
            kind_ok += g.kind == p.kind
            if g.cue is not None:
                cue_n += 1
                cue_ok += (p.cue or "").casefold() == g.cue.casefold()
                if show and (p.cue or "").casefold() != g.cue.casefold():
                    print(f"{name}: cue {g.cue!r} predicted {p.cue!r} for {p.text[:50]!r}")
            if show and (not right or trimmed(text, g.start, g.end) != trimmed(text, p.start, p.end)):
                print(f"{name}: gold {text[g.start : g.end]!r} / {g.speakers[0]}")
                print(f"{' ' * len(name)}  pred {p.text!r} / {p.speaker} {p.speaker_text!r} [{p.kind}]")
        if show:
            matched_g = {id(g) for g, _ in pairs}
            matched_p = {id(p) for _, p in pairs}
            for g in golds:
                if id(g) not in matched_g:
                    print(f"{name}: MISSED {text[g.start : g.end]!r}")
            for p in preds:
                if id(p) not in matched_p:
                    print(f"{name}: SPURIOUS {p.text!r}")
    total_gold = tp + fn
    overlap = prf(tp, fp, fn)
    exact = prf(exact_tp, tp + fp - exact_tp, total_gold - exact_tp)
    scores = {
        "overlap_precision": overlap["precision"],
        "overlap_recall": overlap["recall"],
        "overlap_f1": overlap["f1"],
        "exact_precision": exact["precision"],
        "exact_recall": exact["recall"],
        "exact_f1": exact["f1"],
        "speaker_accuracy": speaker_ok / tp if tp else 0.0,
        "speaker_accuracy_all": speaker_ok / total_gold if total_gold else 0.0,
        "cue_accuracy": cue_ok / cue_n if cue_n else 0.0,
        "kind_accuracy": kind_ok / tp if tp else 0.0,
    }
    for kind, (found, count) in sorted(by_kind.items()):
        scores[f"recall_{kind}"] = found / count
    scores["gold_quotes"] = float(total_gold)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each miss and mismatch")
    args = parser.parse_args()
    scores = score(show=args.show)
    dev = {k: v for k, v in scores.items() if not k.startswith("heldout_")}
    held = {k.removeprefix("heldout_"): v for k, v in scores.items() if k.startswith("heldout_")}
    report(f"quotes, development set: {int(dev['gold_quotes'])} gold quotes", dev)
    report(f"quotes, held-out set: {int(held['gold_quotes'])} gold quotes", held)
    problems = check_floors("quotes", scores)
    for problem in problems:
        print(problem, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
