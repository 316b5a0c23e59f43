"""Parquet input: one article per row, the same documents as the same records in JSONL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dateline.batch import Summary, count_inputs, documents
from dateline.errors import InputError, LimitError
from dateline.ingest import RawInput, iter_inputs
from tests.conftest import DATA

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

BODY = "The mayor of Valparaíso met port workers on Monday, officials said."


def records() -> list[dict]:
    lines = (DATA / "records.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def write_records(path: Path, rows: list[dict], **options) -> Path:
    """Rows as a Parquet table; keys a row lacks become nulls, as a JSONL line leaves them out."""
    keys = list(dict.fromkeys(key for row in rows for key in row))
    pq.write_table(pa.table({k: [r.get(k) for r in rows] for k in keys}), path, **options)
    return path


def without_path(doc) -> dict:
    data = doc.to_dict()
    data["source"].pop("path")
    return data


def test_parquet_rows_give_the_same_documents_as_the_jsonl_records(tmp_path):
    table = write_records(tmp_path / "records.parquet", records(), row_group_size=2)
    from_jsonl = [without_path(d) for d in documents([DATA / "records.jsonl"])]
    summary = Summary()
    from_parquet = [without_path(d) for d in documents([table], summary=summary)]
    assert len(from_jsonl) == 3 and not summary.failed
    assert from_parquet == from_jsonl
    assert [d["source"]["record"] for d in from_parquet] == [1, 2, 3]
    assert {d["source"]["format"] for d in from_parquet} == {"json"}
    assert count_inputs([table]) == 3


def test_parquet_values_json_cannot_hold_become_what_a_record_would_hold(tmp_path):
    stamp = dt.datetime(2024, 5, 6, 7, 8, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    table = pa.table(
        {
            "content": pa.array([BODY.encode("utf-8"), ("café " * 20).encode() + b"\xff"], pa.binary()),
            "published": pa.array([stamp, stamp], pa.timestamp("s", tz="+02:00")),
            "authors": [["Ana Ruiz", "Luis Soto"], None],
            "embedding": [[0.1, 0.2], [0.3, 0.4]],  # not a record key: never read
        }
    )
    pq.write_table(table, tmp_path / "typed.parquet")
    first, second = list(iter_inputs([tmp_path / "typed.parquet"]))
    assert isinstance(first, RawInput) and first.text == BODY and first.container == "parquet"
    assert first.metadata == {"published": "2024-05-06T07:08:00+02:00", "authors": ["Ana Ruiz", "Luis Soto"]}
    assert isinstance(second, InputError) and second.source.endswith("typed.parquet:2")
    assert "mixed encodings" in second.reason


def test_bad_parquet_files_and_rows_are_reported_by_name_and_the_batch_goes_on(tmp_path):
    good = write_records(tmp_path / "a-good.parquet", [{"title": "Port talks", "text": BODY}])
    whole = write_records(tmp_path / "full.parquet", records()).read_bytes()
    (tmp_path / "b-truncated.parquet").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "c-not-parquet.parquet").write_bytes(b"PAR1 this is not a table")
    (tmp_path / "d-empty.parquet").write_bytes(b"")
    write_records(
        tmp_path / "e-rows.parquet", [{"title": "no body", "text": None}, {"text": BODY + " Again."}]
    )
    pq.write_table(pa.table({"title": ["A", "B"]}), tmp_path / "f-no-text.parquet")
    (tmp_path / "full.parquet").unlink()
    summary = Summary()
    docs = list(documents([tmp_path], summary=summary))
    assert [Path(d.source.path).name for d in docs] == [good.name, "e-rows.parquet"]
    reasons = {Path(f.source).name: f.reason for f in summary.failed}
    assert reasons["b-truncated.parquet"].startswith("not a readable Parquet file:")
    assert reasons["c-not-parquet.parquet"].startswith("not a readable Parquet file:")
    assert reasons["d-empty.parquet"].startswith("not a readable Parquet file:")
    assert reasons["e-rows.parquet:1"].startswith("record has no non-empty text field")
    assert reasons["f-no-text.parquet"].startswith("Parquet file has no text column")
    assert summary.read == 7


def test_a_parquet_row_over_max_bytes_is_refused_alone(tmp_path):
    table = write_records(tmp_path / "big.parquet", [{"text": BODY * 50}, {"text": BODY}])
    items = list(iter_inputs([table], max_bytes=1000))
    assert isinstance(items[0], LimitError) and items[0].source.endswith("big.parquet:1")
    assert "over the limit max_bytes=1,000" in items[0].reason
    assert isinstance(items[1], RawInput) and items[1].record == 2
