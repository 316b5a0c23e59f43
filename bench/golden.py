"""Snapshot of dateline's whole output on a fixed input, to prove a speed-up changed nothing.

    python bench/golden.py save DIR      # before the change
    python bench/golden.py compare DIR   # after it: exit 1 if any byte differs

The input is demo/articles, tests/data and a corpus generated into DIR/corpus on save
(bench/corpus.py, seed 1, 200 articles) and read again on compare. The snapshot holds
every document's JSON from one process and from two worker processes, and every row of
every store table after an ingest with two workers (less the ingest timestamps). Only
output is compared: a change that moves a single offset, score or row shows up as a
difference.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

from dateline.batch import documents, ingest
from dateline.settings import Settings
from dateline.store import Store

ROOT = Path(__file__).resolve().parent.parent
FILES = ("docs-p1.jsonl", "docs-p2.jsonl", "tables.txt")
TABLES = (
    "articles",
    "sources",
    "entities",
    "mentions",
    "places",
    "times",
    "quotes",
    "event_mentions",
    "events",
    "entity_canon",
)
TIMESTAMPS = {"ingested_at", "first_seen"}


def snapshot(out: Path, corpus: Path) -> None:
    """Write the snapshot files into `out`; source paths are relative to the repository
    (the corpus's are under `corpus`), so two checkouts give comparable snapshots."""
    out.mkdir(parents=True, exist_ok=True)
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory(prefix="dateline-golden-") as tmp:
        paths = [Path("demo/articles"), Path("tests/data"), corpus]
        for p in (1, 2):
            with (out / f"docs-p{p}.jsonl").open("w", encoding="utf-8") as fh:
                for doc in documents(paths, Settings(), processes=p):
                    fh.write(doc.to_json() + "\n")
        with Store(Path(tmp) / "golden.duckdb") as store:
            ingest(paths, store, Settings(), processes=2)
            with (out / "tables.txt").open("w", encoding="utf-8") as fh:
                for table in TABLES:
                    # Table names come from the fixed tuple above.
                    described = store.con.execute(f"DESCRIBE {table}").fetchall()
                    columns = [row[0] for row in described if row[0] not in TIMESTAMPS]
                    query = f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL"
                    rows = store.con.execute(query).fetchall()
                    fh.write(f"## {table} {len(rows)}\n")
                    fh.writelines(repr(row) + "\n" for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("dir", type=Path)
    args = parser.parse_args()
    snap = args.dir.resolve()
    corpus = snap / "corpus"  # generated once, on save; compare reads the same files
    if args.action == "save":
        if not corpus.exists():
            generate(corpus, 200, 600, 0.25, seed=1)
        snapshot(snap, corpus)
        print(f"snapshot written to {snap}")
        return
    with tempfile.TemporaryDirectory(prefix="dateline-golden-now-") as now:
        snapshot(Path(now), corpus)
        differ = [name for name in FILES if not filecmp.cmp(args.dir / name, Path(now) / name, shallow=False)]
    for name in FILES:
        print(f"{'DIFFERENT' if name in differ else 'same':<10} {name}")
    if differ:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
