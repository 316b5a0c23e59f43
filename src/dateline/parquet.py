"""Parquet input: one article per row, its columns named as the keys of a JSON record.

A row goes through the same `record_input` as a JSONL line, so a table written from a
JSONL file gives the same documents. Values JSON cannot hold are turned into what a
JSON record would carry: timestamps and dates into ISO 8601 strings, decimals into
strings, binary columns decoded as text (with the same charset rules as files).
Only the columns a record may use are read, one row group at a time, so a wide table
(embeddings, raw crawl bytes) costs nothing for its other columns and memory stays
bounded by the row group.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import InputError, LimitError
from .ingest import HTML_KEYS, META_KEYS, TEXT_KEYS, RawInput, decode, record_input
from .limits import open_regular

RECORD_COLUMNS = frozenset((*TEXT_KEYS, *HTML_KEYS, *(key for keys in META_KEYS.values() for key in keys)))
# Rows converted to Python at a time; a row group is read whole by Arrow in any case.
BATCH_ROWS = 64
# A row group is read into memory whole; one over this many times `max_bytes` (its record
# columns, uncompressed) is refused rather than read.
ROW_GROUP_FACTOR = 16


def read_parquet(path: Path, max_bytes: int) -> Iterator[RawInput | InputError]:
    """The rows of a Parquet file as inputs, or the errors naming the file (and row) and why."""
    label = str(path)
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        yield InputError(label, "reading Parquet needs pyarrow: pip install pyarrow")
        return
    try:
        handle, _ = open_regular(path)
    except InputError as exc:
        yield exc
        return
    unreadable = (pa.ArrowException, OSError, ValueError)
    with handle:
        try:
            table = pq.ParquetFile(handle)
            columns = [name for name in table.schema_arrow.names if name in RECORD_COLUMNS]
        except unreadable as exc:
            yield InputError(label, f"not a readable Parquet file: {_reason(exc)}")
            return
        if table.metadata.num_rows == 0:
            yield InputError(label, "Parquet file holds no rows")
            return
        if not set(columns) & {*TEXT_KEYS, *HTML_KEYS}:
            wanted = ", ".join((*TEXT_KEYS, *HTML_KEYS))
            yield InputError(label, f"Parquet file has no text column (one of: {wanted})")
            return
        number = 0
        for group in range(table.metadata.num_row_groups):
            rows = table.metadata.row_group(group).num_rows
            size = _group_bytes(table, group, set(columns))
            if size > ROW_GROUP_FACTOR * max_bytes:
                yield LimitError(
                    f"{label}:{number + 1}-{number + rows}",
                    f"row group of {size:,} bytes (uncompressed) is over {ROW_GROUP_FACTOR} × "
                    f"max_bytes={max_bytes:,}; write the file with smaller row groups",
                )
                number += rows
                continue
            try:
                for batch in table.iter_batches(BATCH_ROWS, row_groups=[group], columns=columns):
                    for row in _rows(batch, label, number):
                        number += 1
                        yield _row_input(row, label, number, max_bytes) if isinstance(row, dict) else row
            except unreadable as exc:
                yield InputError(label, f"Parquet file unreadable after row {number}: {_reason(exc)}")
                return


def count_rows(path: Path) -> int:
    """Rows in a Parquet file, from its footer (1 if it cannot be read: one error)."""
    try:
        import pyarrow.parquet as pq

        return max(int(pq.ParquetFile(path).metadata.num_rows), 1)
    except Exception:  # a progress-bar estimate; reading the file reports the real error
        return 1


def _group_bytes(table: Any, group: int, columns: set[str]) -> int:
    meta = table.metadata.row_group(group)
    return sum(
        meta.column(i).total_uncompressed_size
        for i in range(meta.num_columns)
        if meta.column(i).path_in_schema.split(".")[0] in columns
    )


def _rows(batch: Any, label: str, before: int) -> Iterator[dict[str, Any] | InputError]:
    """A record batch as Python dicts; a row Arrow cannot convert (invalid UTF-8) is its own error."""
    try:
        yield from batch.to_pylist()
        return
    except ValueError:
        pass
    for i in range(batch.num_rows):
        try:
            yield batch.slice(i, 1).to_pylist()[0]
        except ValueError as exc:
            yield InputError(f"{label}:{before + i + 1}", f"row cannot be read: {_reason(exc)}")


def _row_input(row: dict[str, Any], label: str, number: int, max_bytes: int) -> RawInput | InputError:
    where = f"{label}:{number}"
    try:
        record = {key: _json_value(value, where) for key, value in row.items()}
        size = sum(len(v.encode("utf-8", "surrogatepass")) for v in record.values() if isinstance(v, str))
        if size > max_bytes:
            return LimitError(where, f"row is {size:,} bytes of text, over the limit max_bytes={max_bytes:,}")
        return record_input(record, label, number, "utf-8", "parquet")
    except InputError as exc:
        return exc


def _json_value(value: Any, where: str) -> Any:
    """A Parquet value as the JSON value a JSONL record would hold for it."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return decode(value, where)[0] if value.strip() else ""
    if isinstance(value, decimal.Decimal | dt.timedelta):
        return str(value)
    if isinstance(value, list):
        return [_json_value(v, where) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v, where) for k, v in value.items()}
    return value


def _reason(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
