"""Crash safety: SIGKILL mid-ingest leaves no partial document, and a resumed ingest ends
with exactly the documents of an uninterrupted one."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from dateline.batch import ingest
from dateline.models import Document
from dateline.settings import Settings
from dateline.store import Store
from tests.badinput import write_good_articles

ARTICLES = 70  # nlp.pipe batches of 32, 32 and 6: a kill lands mid-batch
# Write-ahead log growth (bytes) at which the ingest is killed: about 15 documents into
# the first batch of 32, so some are committed and the rest of the batch is not.
KILL_AT_WAL_GROWTH = 300_000
CHILD_TABLES = ("sources", "entities", "mentions", "places", "times", "quotes", "event_mentions")
# Columns that differ between two runs by design (when the row was written).
RUN_COLUMNS = {"articles": "ingested_at", "events": "first_seen"}


def _ingest_command(articles: Path, db: Path) -> list[str]:
    code = "from dateline.cli import main; main()"
    return [sys.executable, "-c", code, "ingest", str(articles), "--db", str(db)]


def _kill_mid_batch(articles: Path, db: Path, wal_growth: int) -> None:
    """Start an ingest and SIGKILL it once its write-ahead log has grown by `wal_growth`
    bytes past the schema, i.e. while it is committing documents."""
    wal = Path(f"{db}.wal")
    quiet = subprocess.DEVNULL
    proc = subprocess.Popen(_ingest_command(articles, db), stdout=quiet, stderr=quiet)
    try:
        baseline = None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            size = wal.stat().st_size if wal.exists() else None
            if size is not None and baseline is None:
                baseline = size
            if size is not None and baseline is not None and size - baseline >= wal_growth:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "ingest finished before it could be killed; use more articles"
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def _assert_whole_documents(db: Path) -> set[str]:
    """Every stored document has exactly its rows in every table; nothing else is stored."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = set()
        for doc_id, stored in con.execute("SELECT id, document FROM articles").fetchall():
            doc = Document.from_json(stored)
            assert doc.id == doc_id
            expected = {
                "sources": 1,
                "entities": len(doc.entities),
                "mentions": sum(len(e.mentions) for e in doc.entities),
                "places": len(doc.places),
                "times": len(doc.times),
                "quotes": len(doc.quotes),
                "event_mentions": len(doc.events),
            }
            for table in CHILD_TABLES:
                # Table names come from the fixed tuple above.
                (count,) = con.execute(f"SELECT count(*) FROM {table} WHERE doc_id = ?", [doc_id]).fetchone()
                assert count == expected[table], (doc_id, table, count, expected[table])
            ids.add(doc_id)
        for table in CHILD_TABLES:
            orphans = con.execute(
                f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM articles)"
            ).fetchone()
            assert orphans == (0,), table
        # Merged events: one row per key in event_mentions, and counts that match them.
        mismatched = con.execute(
            """SELECT count(*) FROM events e FULL JOIN (
                 SELECT event_key, count(*) AS n, count(DISTINCT doc_id) AS d,
                        count(DISTINCT source_name) AS s
                 FROM event_mentions GROUP BY event_key) m USING (event_key)
               WHERE m.n IS DISTINCT FROM e.num_mentions OR m.d IS DISTINCT FROM e.num_articles
                  OR m.s IS DISTINCT FROM e.num_sources"""
        ).fetchone()
        assert mismatched == (0,)
        return ids
    finally:
        con.close()


def _contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {"articles", "events", *CHILD_TABLES}
        result = {}
        for table in sorted(tables):
            exclude = f" EXCLUDE ({RUN_COLUMNS[table]})" if table in RUN_COLUMNS else ""
            rows = con.execute(f"SELECT *{exclude} FROM {table}").fetchall()
            result[table] = sorted(rows, key=repr)
        return result
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    articles = root / "articles"
    write_good_articles(articles, ARTICLES)
    reference = root / "reference.duckdb"
    with Store(reference) as store:
        summary = ingest([articles], store, Settings())
    assert summary.stored == ARTICLES and not summary.failed
    return articles, reference


@pytest.mark.slow
def test_sigkill_then_resume_loses_nothing(corpus, tmp_path):
    articles, reference = corpus
    db = tmp_path / "killed.duckdb"
    _kill_mid_batch(articles, db, KILL_AT_WAL_GROWTH)

    survived = _assert_whole_documents(db)
    assert 0 < len(survived) < ARTICLES, "the kill should land mid-batch"

    resumed = subprocess.run(
        _ingest_command(articles, db), capture_output=True, text=True, timeout=600, check=False
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"skipped (already stored) {len(survived)}" in resumed.stderr
    assert f"stored {ARTICLES - len(survived)}" in resumed.stderr

    assert _assert_whole_documents(db) == _assert_whole_documents(reference)
    assert _contents(db) == _contents(reference)
