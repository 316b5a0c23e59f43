"""The API serves while `dateline ingest` writes to the same DuckDB store.

The server reads an in-memory copy and never holds the store's file lock, so a writer in
another process can open it; the copy is refreshed when the file changes. Every response
must reflect one committed state (whole documents only), the counts may only grow, and
once the ingest ends the server shows everything it stored.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from badinput import write_good_articles
from fastapi.testclient import TestClient

import dateline
from dateline.serve import create_app

pytestmark = pytest.mark.slow


def _consistent(client: TestClient) -> dict[str, int]:
    read = client.app.state.read  # type: ignore[attr-defined]
    while True:
        copy = read.generation
        stats = client.get("/api/stats")
        assert stats.status_code == 200, stats.text
        counts = stats.json()["counts"]
        listed = client.get("/api/events", params={"limit": 1})
        assert listed.status_code == 200, listed.text
        if read.generation == copy:
            break  # both answers came from one copy; else ask again
    # Within one copy the merged events and the event list agree, and the store's whole
    # documents are all there (each article has its merged events counted).
    assert listed.json()["total"] == counts["events"]
    return counts


def test_api_reads_while_ingest_writes(tmp_path: Path):
    first, second = tmp_path / "first", tmp_path / "second"
    write_good_articles(first, 3)
    write_good_articles(second, 24, start=3)
    db = tmp_path / "live.duckdb"
    with dateline.Store(db) as store:
        dateline.ingest([first], store)

    with TestClient(create_app(db, refresh=0.2)) as client:
        seen = [_consistent(client)["articles"]]
        assert seen == [3]
        writer = subprocess.Popen(
            [str(Path(sys.executable).parent / "dateline"), "ingest", str(second), "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        while writer.poll() is None:
            seen.append(_consistent(client)["articles"])
            time.sleep(0.05)
        _, err = writer.communicate()
        assert writer.returncode == 0, err
        deadline = time.monotonic() + 30
        while seen[-1] != 27 and time.monotonic() < deadline:
            time.sleep(0.2)
            seen.append(_consistent(client)["articles"])
    print("articles seen by the API:", sorted(set(seen)), "requests:", len(seen))
    assert seen == sorted(seen), "counts went backwards"
    assert seen[-1] == 27
    with dateline.Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 27
