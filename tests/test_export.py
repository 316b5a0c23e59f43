"""Event export: every format from the same merged events, GDELT columns in order."""

from __future__ import annotations

import csv
import io
import json

import duckdb
from typer.testing import CliRunner

import dateline
from dateline.cli import app
from dateline.export import GDELT_COLUMNS, export_text, merged_columns, merged_events
from dateline.store import Store

TEXT = (
    "Envoys meet\n\n2024.06.03 09:00:00\n\n"
    "Brazilian President Lucas Moreira met Argentine President Sofia Ibarra in Brasilia on Saturday."
)


def _store(tmp_path):
    store = Store(tmp_path / "x.duckdb")
    store.add(dateline.process(TEXT, format="text", url="https://a.example/1"))
    store.add(dateline.process(TEXT + " It rained.", format="text", url="https://b.example/2"))
    return store


def test_merged_event_fields(tmp_path):
    with _store(tmp_path) as store:
        rows = merged_events(store)
    assert len(rows) == 1
    ev = rows[0]
    assert list(ev) == list(merged_columns())
    assert ev["type"] == "CONSULT" and ev["day"] == "2024-06-01"
    assert ev["actors"] == ["Lucas Moreira", "Sofia Ibarra"]
    assert ev["num_mentions"] == 2 and ev["num_articles"] == 2
    assert ev["sources"] == ["https://a.example/1", "https://b.example/2"]
    assert ev["place"] == "Brasília" and ev["place_country"] == "BRA"


def test_text_formats(tmp_path):
    with _store(tmp_path) as store:
        rows = merged_events(store)
    assert json.loads(export_text(rows, "jsonl"))["event_key"] == rows[0]["event_key"]
    table = list(csv.reader(io.StringIO(export_text(rows, "csv"))))
    assert table[0] == list(merged_columns()) and table[1][5] == "Lucas Moreira; Sofia Ibarra"
    gdelt = list(csv.reader(io.StringIO(export_text(rows, "gdelt")), delimiter="\t"))
    assert tuple(gdelt[0]) == GDELT_COLUMNS
    row = dict(zip(GDELT_COLUMNS, gdelt[1], strict=True))
    assert row["Day"] == "20240601" and row["EventCode"] == "CONSULT" and row["QuadClass"] == "1"
    assert row["Actor1Code"].startswith("BRA") and row["NumArticles"] == "2"
    assert row["SOURCEURL"] == "https://a.example/1" and row["ActionGeo_CountryCode"] == "BRA"


def test_cli_parquet_and_filters(tmp_path):
    _store(tmp_path).close()
    db, out = str(tmp_path / "x.duckdb"), tmp_path / "e.parquet"
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--format", "parquet", "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    got = duckdb.sql(f"SELECT type, actors, num_sources FROM read_parquet('{out}')").fetchall()
    assert got == [("CONSULT", ["Lucas Moreira", "Sofia Ibarra"], 2)]
    none = runner.invoke(app, ["export", "--type", "ASSAULT", "--db", db])
    assert none.exit_code == 0 and none.stdout == ""
    bad = runner.invoke(app, ["export", "--format", "parquet", "--db", db])
    assert bad.exit_code == 2


def test_gdelt_actor_code_split_knows_sector_only_codes():
    from dateline.export import _split_code

    assert _split_code("RUSGOV") == ("RUS", "GOV")
    assert _split_code("USA") == ("USA", "")
    assert _split_code("JRN") == ("", "JRN")
    assert _split_code("UNK") == ("", "UNK")
    assert _split_code("") == ("", "")
