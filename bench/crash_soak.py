"""Crash soak: SIGKILL `dateline ingest` again and again at random points, then let it finish.

    python bench/crash_soak.py [--kills 5] [--articles 70] [--seed 1]

After every kill the store must hold only whole documents (tests/test_crash.py's
check); after the last, uninterrupted run it must hold exactly what one uninterrupted
ingest stores, table by table. Prints each kill and the documents lost (must be 0).
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.batch import ingest  # noqa: E402  (after the path set-up above)
from dateline.settings import Settings  # noqa: E402
from dateline.store import Store  # noqa: E402
from tests.badinput import write_good_articles  # noqa: E402
from tests.test_crash import _assert_whole_documents, _contents, _ingest_command  # noqa: E402


def kill_at(articles: Path, db: Path, wal_growth: int) -> bool:
    """Run an ingest and SIGKILL it after `wal_growth` bytes of log; False if it finished first."""
    wal = Path(f"{db}.wal")
    quiet = subprocess.DEVNULL
    proc = subprocess.Popen(_ingest_command(articles, db), stdout=quiet, stderr=quiet)
    baseline = None
    while proc.poll() is None:
        size = wal.stat().st_size if wal.exists() else None
        if size is not None and baseline is None:
            baseline = size
        if size is not None and baseline is not None and size - baseline >= wal_growth:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait()
    return proc.returncode == -signal.SIGKILL


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--articles", type=int, default=70)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        articles = work / "articles"
        write_good_articles(articles, args.articles)
        reference = work / "reference.duckdb"
        with Store(reference) as store:
            ingest([articles], store, Settings())
        db = work / "killed.duckdb"
        for kill in range(1, args.kills + 1):
            growth = rng.randrange(5_000, 600_000)
            killed = kill_at(articles, db, growth)
            stored = len(_assert_whole_documents(db))
            print(
                f"kill {kill}: SIGKILL after {growth:,} bytes of log: {'killed' if killed else 'finished'}; "
                f"{stored} whole documents stored, no partial ones"
            )
            if not killed:
                break
        subprocess.run(_ingest_command(articles, db), check=True, capture_output=True)
        final, expected = _assert_whole_documents(db), _assert_whole_documents(reference)
        same = _contents(db) == _contents(reference)
        print(
            f"after resuming: {len(final)} documents, uninterrupted run: {len(expected)}; "
            f"documents lost: {len(expected - final)}; extra: {len(final - expected)}; "
            f"every table identical: {same}"
        )
        if final != expected or not same:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
