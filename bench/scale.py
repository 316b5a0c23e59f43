"""Throughput, per-stage time and peak memory of `dateline ingest` against its baselines.

    python bench/scale.py [--count 120] [--words 600] [--html-share 0.25] [--processes 1 2]
                          [--runs 3] [--shared-pages] [--stages] [--ray]

One run generates a corpus (bench/corpus.py), then for each process count P measures,
one after the other on the same texts:

- spaCy alone: `nlp.pipe` over the extracted article texts, same model, `n_process=P`;
- dateline end to end: `batch.ingest` (read → extract → NLP → annotate → store) into a
  fresh DuckDB file with P worker processes;
- trafilatura alone (P=1): `trafilatura.extract` over the HTML inputs, next to dateline's
  own extraction of the same pages.

Figures are medians over the runs; ratios are against the baseline measured in the same
run. Peak memory is the largest sum of proportional set size (PSS: physical memory, shared
pages split between their processes) over this process and all its children, sampled
every 50 ms. `--ray` also times `ingest --engine ray` (a local Ray started by the command).
`--stages` adds a one-process breakdown of dateline's time
by stage (read, extract, spaCy, annotate, build the document, store).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate, shared_pages

import dateline
from dateline.errors import DatelineError
from dateline.extract import extract
from dateline.ingest import RawInput, iter_inputs
from dateline.models import Document
from dateline.nlp import load
from dateline.pipeline import _source, annotate
from dateline.settings import Settings
from dateline.store import Store


def _pss(pid: int) -> int:
    # Proportional set size: pages shared between processes (a model forked from one
    # server) are split between them instead of counted once per process as RSS would.
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_pss(root: int) -> int:
    """Physical memory (PSS) of `root` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children[int(fields[1])].append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss(pid)
        stack.extend(children.get(pid, ()))
    return total


def run_measured(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak physical memory (bytes) of a command's whole process tree."""
    t0 = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    peak = 0
    while child.poll() is None:
        peak = max(peak, _tree_pss(child.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - t0
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} failed with exit code {child.returncode}")
    return seconds, peak


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def spacy_alone(texts_file: str, processes: int) -> None:
    """The baseline: the same model over the same texts with nlp.pipe and n_process."""
    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    nlp = load(Settings().model)
    for _ in nlp.pipe(texts, batch_size=Settings().batch_size, n_process=processes):
        pass


def stage_times(raws: list[RawInput], settings: Settings, db: Path) -> dict[str, float]:
    """Seconds per stage for one process over `raws` (read time measured by the caller)."""
    nlp = load(settings.model)
    spent: dict[str, float] = defaultdict(float)
    t = time.perf_counter()
    articles = [extract(r) for r in raws]
    spent["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=settings.batch_size))
    spent["spacy"] = time.perf_counter() - t
    built = []
    for raw, article, doc in zip(raws, articles, docs, strict=True):
        t = time.perf_counter()
        annotations = annotate(doc, article, settings)
        spent["annotate"] += time.perf_counter() - t
        t = time.perf_counter()
        built.append(Document(id=raw.id, source=_source(raw), article=article, **annotations))
        spent["document"] += time.perf_counter() - t
    t = time.perf_counter()
    with Store(db) as store:
        for i in range(0, len(built), settings.batch_size):
            store.add_many(built[i : i + settings.batch_size])
    spent["store"] = time.perf_counter() - t
    return spent


def trafilatura_alone(pages: list[RawInput]) -> None:
    import trafilatura

    for raw in pages:
        trafilatura.extract(raw.text)


def one_run(args: argparse.Namespace, run: int, results: dict[str, list[float]]) -> None:
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        generate(corpus, args.count, args.words, args.html_share, seed=run + 1)
        if args.shared_pages:
            shared_pages(corpus / "shared")
        t = time.perf_counter()
        raws = [r for r in iter_inputs([corpus]) if not isinstance(r, DatelineError)]
        results["stage read"].append(time.perf_counter() - t)
        n = len(raws)
        texts = [extract(r).text for r in raws]
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        pages = [r for r in raws if r.format == "html"]
        if pages:
            results["trafilatura alone, HTML pages/s"].append(
                len(pages) / timed(lambda: trafilatura_alone(pages))
            )
            results["dateline extract, HTML pages/s"].append(
                len(pages) / timed(lambda: [extract(r) for r in pages])
            )
        for p in args.processes:
            # Each side runs as its own fresh process tree, start-up and model loading included.
            command = [sys.executable, __file__, "--spacy-alone", str(texts_file), str(p)]
            seconds, mem = run_measured(command)
            results[f"spaCy alone P={p}, articles/s"].append(n / seconds)
            results[f"spaCy alone P={p}, peak MB"].append(mem / 1e6)
            db = Path(tmp) / f"p{p}.duckdb"
            command = [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db", str(db)]
            seconds, mem = run_measured([*command, "--processes", str(p)])
            with Store(db, read_only=True) as store:
                assert store.counts()["articles"] == n
            results[f"dateline ingest P={p}, articles/s"].append(n / seconds)
            results[f"dateline ingest P={p}, peak MB"].append(mem / 1e6)
            if args.ray:
                db = Path(tmp) / f"ray{p}.duckdb"
                command = [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db", str(db)]
                seconds, mem = run_measured([*command, "--processes", str(p), "--engine", "ray"])
                results[f"dateline ingest --engine ray P={p}, articles/s"].append(n / seconds)
                results[f"dateline ingest --engine ray P={p}, peak MB"].append(mem / 1e6)
        if args.stages:
            for name, seconds in stage_times(raws, settings, Path(tmp) / "stages.duckdb").items():
                results[f"stage {name}"].append(seconds)
        results["articles"].append(n)
        results["words per article"].append(statistics.mean(len(t.split()) for t in texts))


def report(results: dict[str, list[float]], processes: list[int]) -> None:
    med = {k: statistics.median(v) for k, v in results.items()}
    n = med.pop("articles")
    print(
        f"articles per run: {n:.0f}  words per article: {med.pop('words per article'):.0f}  "
        f"runs: {len(results['articles'])}  cores: {os.cpu_count()}"
    )
    for key, value in med.items():
        if not key.startswith("stage "):
            print(f"{key:<40} {value:10.2f}")
    for p in processes:
        ratio = med[f"dateline ingest P={p}, articles/s"] / med[f"spaCy alone P={p}, articles/s"]
        print(f"{f'ratio dateline / spaCy alone, P={p}':<40} {ratio:10.2f}")
    if len(processes) > 1 and 1 in processes:
        one = med["dateline ingest P=1, articles/s"]
        for p in processes:
            if p > 1:
                eff = med[f"dateline ingest P={p}, articles/s"] / (p * one)
                print(f"{f'scaling efficiency 1→{p} (dateline)':<40} {eff:10.2f}")
    for p in processes:
        if f"dateline ingest --engine ray P={p}, articles/s" in med:
            ray = med[f"dateline ingest --engine ray P={p}, articles/s"]
            overhead = med[f"dateline ingest P={p}, articles/s"] / ray - 1
            print(f"{f'Ray engine time over local, P={p}':<40} {overhead:+10.0%}")
    if "trafilatura alone, HTML pages/s" in med:
        r = med["dateline extract, HTML pages/s"] / med["trafilatura alone, HTML pages/s"]
        print(f"{'ratio dateline extract / trafilatura':<40} {r:10.2f}")
    stages = {k[6:]: v for k, v in med.items() if k.startswith("stage ")}
    if len(stages) > 1:
        total = sum(stages.values())
        print(f"\none process, by stage ({total / n * 1000:.0f} ms/article in all):")
        for name, seconds in stages.items():
            print(f"  {name:<10} {seconds / n * 1000:8.1f} ms/article {seconds / total:7.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--html-share", type=float, default=0.25)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shared-pages", action="store_true")
    parser.add_argument("--stages", action="store_true")
    parser.add_argument("--ray", action="store_true", help="also time --engine ray (a local Ray)")
    parser.add_argument("--spacy-alone", nargs=2, metavar=("TEXTS_JSON", "P"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.spacy_alone:
        spacy_alone(args.spacy_alone[0], int(args.spacy_alone[1]))
        return
    # Loads the model, gazetteer and language identifier here, as a long ingest would have.
    dateline.process("Warm-up\n\nThe mayor of Lima met reporters in Cusco on Monday.", format="text")
    results: dict[str, list[float]] = defaultdict(list)
    for run in range(args.runs):
        one_run(args, run, results)
    report(results, args.processes)


if __name__ == "__main__":
    main()
