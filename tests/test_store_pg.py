"""The PostgreSQL store holds and answers exactly what the DuckDB store does."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

import dateline
from dateline.batch import ingest
from dateline.cli import app
from dateline.errors import StoreError
from dateline.store import MIGRATIONS, Store
from dateline.store_pg import PostgresStore, open_store
from tests.conftest import DATA
from tests.pg import throwaway_cluster

psycopg = pytest.importorskip("psycopg", reason="psycopg 3 is needed for the PostgreSQL store")


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with throwaway_cluster() as url:
        yield url


@pytest.fixture
def pg_url(cluster: str) -> str:
    """A fresh, empty database in the throwaway cluster for each test."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(cluster, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return cluster.replace("/postgres?", f"/{name}?")


def _sorted(rows: list[dict]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)


def test_same_answers_as_duckdb(pg_url, tmp_path):
    with Store(tmp_path / "d.duckdb") as duck, open_store(pg_url) as pg:
        assert isinstance(pg, PostgresStore)
        first = ingest([DATA], pg)
        ingest([DATA], duck)
        again = ingest([DATA], pg)
        assert first.stored == 6 and again.skipped == 6 and not first.failed
        assert pg.counts() == duck.counts()
        assert pg.schema_version() == duck.schema_version() == MIGRATIONS[-1][0]
        for query in ("articles", "events", "quotes", "places"):
            assert _sorted(getattr(pg, query)(limit=1000)) == _sorted(getattr(duck, query)(limit=1000)), query
        assert _sorted(pg.entities(type="PERSON", limit=1000)) == _sorted(
            duck.entities(type="PERSON", limit=1000)
        )
        assert pg.events(actor="ssekandi") == duck.events(actor="ssekandi")
        assert pg.quotes(speaker="Siregar") == duck.quotes(speaker="Siregar")
        for row in duck.articles(limit=1000):
            assert pg.get(row["id"][:8]) == duck.get(row["id"])


def test_events_merge_and_batches_are_atomic(pg_url):
    text = (
        "Envoys meet\n\n2024.06.03 09:00:00\n\n"
        "Brazilian President Lucas Moreira met Argentine President Sofia Ibarra in Brasilia on Saturday."
    )
    a = dateline.process(text, format="text", metadata={"publisher": "Paper A"})
    b = dateline.process(
        text + " The talks lasted two hours.", format="text", metadata={"publisher": "Paper B"}
    )
    with open_store(pg_url) as store:
        assert store.add_many([a, b, a]) == [True, True, False]
        (row,) = store.events(type="CONSULT")
        assert (row["num_mentions"], row["num_articles"], row["num_sources"]) == (2, 2, 2)
        assert store.migrate() == []


def test_cli_ingests_into_postgres(pg_url):
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(DATA), "--db", pg_url])
    assert result.exit_code == 0, result.output
    assert "stored 6" in result.output
    listed = runner.invoke(app, ["events", "--db", pg_url, "--json"])
    assert listed.exit_code == 0 and json.loads(listed.stdout)


def test_unreachable_server_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot connect"):
        open_store(f"postgresql://nobody@/none?host={tmp_path}")
