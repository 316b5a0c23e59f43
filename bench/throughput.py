"""End-to-end throughput on the demo articles next to spaCy alone on the same texts.

    python bench/throughput.py [--runs 5] [--copies 8]

Both sides run in this process, one after the other, in each run; the figures are
medians over the runs, and the ratio is dateline's articles/s over spaCy's.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from dateline.batch import documents
from dateline.extract import extract
from dateline.ingest import iter_inputs
from dateline.nlp import load
from dateline.settings import Settings
from dateline.store import Store

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=8, help="repeat the demo set this many times")
    parser.add_argument("--path", default=str(ROOT / "demo" / "articles"))
    args = parser.parse_args()

    raws = [r for r in iter_inputs([args.path]) if not isinstance(r, Exception)]
    texts = [extract(r).text for r in raws]
    n = len(raws) * args.copies
    nlp = load(Settings().model)
    list(nlp.pipe(texts))  # warm both sides up
    ours, theirs = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            list(nlp.pipe(texts * args.copies, batch_size=32))
            theirs.append(n / (time.perf_counter() - t0))

            copies = Path(tmp) / "in"
            copies.mkdir()
            for i in range(args.copies):
                for src in Path(args.path).iterdir():
                    # A marker line makes each copy distinct so the store does not skip it.
                    data = src.read_bytes()
                    if src.suffix == ".jsonl":
                        lines = [
                            line.replace(b'"title": "', f'"title": "{i} '.encode(), 1)
                            for line in data.splitlines()
                        ]
                        data = b"\n".join(lines)
                    else:
                        data = (
                            data + f"\n<!-- copy {i} -->\n".encode()
                            if src.suffix == ".html"
                            else data + f"\n\ncopy {i}".encode()
                        )
                    (copies / f"{i}-{src.name}").write_bytes(data)
            t0 = time.perf_counter()
            with Store(Path(tmp) / "b.duckdb") as store:
                stored = 0
                for doc in documents([copies]):
                    stored += store.add(doc)
            ours.append(stored / (time.perf_counter() - t0))
    o, t = statistics.median(ours), statistics.median(theirs)
    print(f"articles per run: {n}  runs: {args.runs}")
    print(f"spaCy alone (nlp.pipe):            {t:8.2f} articles/s")
    print(f"dateline end to end (+ store):     {o:8.2f} articles/s")
    print(f"ratio dateline / spaCy:            {o / t:8.2f}")


if __name__ == "__main__":
    main()
