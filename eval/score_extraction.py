"""Score article extraction: the body on the Zyte benchmark, metadata on our gold pages.

Body: every page of `../shared/eval/article-extraction-benchmark/` goes through
dateline's extractor and through trafilatura alone (`trafilatura.extract`, as the
benchmark runs it) in the same run; both are scored with the benchmark's metric
(eval/shingles.py) and timed, median milliseconds per page. The part is skipped,
saying so, when ../shared is absent.

Metadata: the pages under `eval/gold/extraction/` (written by us, imitating real
news-site templates, some in legacy encodings) are read through ingest and
extraction, and compared with `gold.json`: exact title, published (same minute
when the gold gives a time, same day otherwise), updated, authors (exact set),
captions (text and credit, exact list) and language.

    .venv/bin/python eval/score_extraction.py [--body-only | --metadata-only]
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from common import GOLD, SHARED, check_floors, floors, report
from shingles import aggregate, page_counts

from dateline.errors import DatelineError
from dateline.extract import extract
from dateline.ingest import RawInput, iter_inputs

AREA = "extraction"
BENCHMARK = SHARED / "eval" / "article-extraction-benchmark"
GOLD_DIR = GOLD / AREA


# --- body: the Zyte benchmark ------------------------------------------------------------


def _dateline_body(html: str) -> str:
    try:
        return extract(RawInput(text=html, format="html")).text
    except DatelineError:
        return ""


def _trafilatura_body(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def _benchmark_pages(limit: int | None = None) -> list[tuple[str, str, str]]:
    truth = json.loads((BENCHMARK / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        with gzip.open(BENCHMARK / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            pages.append((key, f.read(), truth[key].get("articleBody") or ""))
    return pages


def _timed(fn: Callable[[str], str], html: str) -> tuple[str, float]:
    start = time.perf_counter()
    text = fn(html)
    return text, (time.perf_counter() - start) * 1000


def _run(pages: list[tuple[str, str, str]]) -> dict[str, float]:
    """Both extractors page by page, one right after the other, so that load from other
    processes on the machine falls on both alike and the speed ratio stays fair."""
    counts: dict[str, list[tuple[float, float, float]]] = {"body": [], "trafilatura": []}
    times: dict[str, list[float]] = {"body": [], "trafilatura": []}
    for _key, html, true in pages:
        for name, fn in (("body", _dateline_body), ("trafilatura", _trafilatura_body)):
            pred, ms = _timed(fn, html)
            counts[name].append(page_counts(true, pred))
            times[name].append(ms)
    scores: dict[str, float] = {}
    for name in counts:
        scores |= {f"{name}_{k}": v for k, v in aggregate(counts[name]).items()}
        scores[f"{name}_ms_median"] = statistics.median(times[name])
    return scores


def score_body(limit: int | None = None) -> dict[str, float]:
    """Benchmark scores of dateline and of trafilatura alone, with median ms per page."""
    if not (BENCHMARK / "ground-truth.json").exists():
        return {}
    pages = _benchmark_pages(limit)
    _dateline_body(pages[0][1])  # warm-up: lazy data files and imports are not per-page cost
    _trafilatura_body(pages[0][1])
    scores: dict[str, float] = {"pages": float(len(pages))}
    scores |= _run(pages)
    scores["speed_ratio"] = scores["body_ms_median"] / scores["trafilatura_ms_median"]
    return scores


# --- metadata: our gold pages --------------------------------------------------------------


def _same_time(gold: str | None, got: str | None) -> bool:
    """Same minute (and offset) when the gold has a time of day, same day otherwise."""
    if gold is None or got is None:
        return gold is got
    if "T" not in gold:
        return got[:10] == gold
    return got[:16] == gold[:16] and got[19:].replace("Z", "+00:00") == gold[19:].replace("Z", "+00:00")


def _captions(items: list[Any]) -> list[tuple[str, str | None]]:
    return [(c["text"], c.get("credit")) for c in items]


FIELDS: dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]] = {
    "title": lambda g, a: g.get("title") == a["title"],
    "published": lambda g, a: _same_time(g.get("published"), a["published"]),
    "updated": lambda g, a: _same_time(g.get("updated"), a["updated"]),
    "authors": lambda g, a: set(g.get("authors", [])) == set(a["authors"]),
    "publisher": lambda g, a: g.get("publisher") == a["publisher"],
    "captions": lambda g, a: _captions(g.get("captions", [])) == _captions(a["captions"]),
    "language": lambda g, a: g.get("language") == a["language"],
}


def metadata_results() -> tuple[dict[str, float], list[str]]:
    """Per-field accuracy over the gold pages, and one line per miss (for debugging)."""
    gold = json.loads((GOLD_DIR / "gold.json").read_text(encoding="utf-8"))
    hits = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    for name, expected in sorted(gold.items()):
        got: dict[str, Any] | None = None
        for raw in iter_inputs([GOLD_DIR / name]):
            if not isinstance(raw, RawInput):
                misses.append(f"{name}: {raw}")
                continue
            try:
                got = extract(raw).model_dump()
            except DatelineError as exc:
                misses.append(f"{name}: {exc}")
        for field_name, same in FIELDS.items():
            if got is not None and same(expected, got):
                hits[field_name] += 1
            else:
                shown = None if got is None else got[field_name]
                misses.append(f"{name}: {field_name} {expected.get(field_name)!r} != {shown!r}")
    scores = {f"meta_{k}": v / len(gold) for k, v in hits.items()}
    scores["meta_pages"] = float(len(gold))
    return scores, misses


def score(body: bool = True, metadata: bool = True) -> dict[str, float]:
    scores: dict[str, float] = {}
    if metadata:
        scores |= metadata_results()[0]
    if body:
        scores |= score_body()
    return scores


def floor_failures(scores: dict[str, float]) -> list[str]:
    """Floors broken by the scores measured (the body's are absent without ../shared)."""
    measured = {name for name in floors(AREA) if name in scores}
    return [f for f in check_floors(AREA, scores) if f.split()[1] in measured]


def main(argv: list[str]) -> int:
    body, metadata = "--metadata-only" not in argv, "--body-only" not in argv
    if body and not (BENCHMARK / "ground-truth.json").exists():
        print(f"body benchmark skipped: {BENCHMARK} is absent")
    scores = score(body=body, metadata=metadata)
    if metadata and "--verbose" in argv:
        for line in metadata_results()[1]:
            print("  miss", line)
    report("extraction", scores)
    failures = floor_failures(scores)
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
