"""The PostgreSQL store: the same tables, migrations and queries as the DuckDB store.

`--db postgresql://user@host/dbname` (or `postgres://…`) selects it. The SQL lives in
store.Store; this subclass translates what the two dialects spell differently:

- parameters: DuckDB's `?` becomes psycopg's `%s` (values still never enter SQL text);
- types: DuckDB's DOUBLE is PostgreSQL's DOUBLE PRECISION;
- bulk inserts: DuckDB is fastest fed whole columns through unnest, which PostgreSQL cannot
  do for array columns (its arrays of arrays must be rectangular); psycopg's pipelined
  executemany is PostgreSQL's fast path;
- lists given as one parameter (`= ANY(?::varchar[])` rather than `IN (SELECT unnest(?))`).
The query methods are shared: store.Store writes them in SQL both databases accept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .errors import StoreError
from .store import Store

PG_SCHEMES = ("postgresql://", "postgres://")
_DOUBLE = re.compile(r"\bDOUBLE\b(?!\s+PRECISION)")


def is_postgres(target: str) -> bool:
    return target.startswith(PG_SCHEMES)


class _Connection:
    """psycopg connection behind the DuckDB connection's execute/executemany/close."""

    def __init__(self, con: Any) -> None:
        self._con = con

    @staticmethod
    def _sql(sql: str) -> str:
        return _DOUBLE.sub("DOUBLE PRECISION", sql.replace("?", "%s"))

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        return self._con.execute(self._sql(sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._con.cursor() as cursor:
            cursor.executemany(self._sql(sql), rows)

    def close(self) -> None:
        self._con.close()


class PostgresStore(Store):
    """A dateline store in a PostgreSQL database (psycopg 3)."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError("a postgresql:// store needs psycopg 3: pip install 'psycopg[binary]'") from None
        self.db_errors = (psycopg.Error,)
        self.path = url
        try:
            raw = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {url}: {exc}".strip()) from None
        self.con = _Connection(raw)  # type: ignore[assignment]
        if read_only:
            raw.read_only = True
            if not self._has_table("schema_migrations"):
                raise StoreError(f"{url} is not a dateline store; run `dateline ingest` first")
        else:
            self.migrate()

    def _has_table(self, name: str) -> bool:
        row = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ? "
            "AND table_schema = current_schema()",
            [name],
        ).fetchone()
        return bool(row and row[0])

    def _any_of(self, column: str) -> str:
        return f"{column} = ANY(?::varchar[])"

    def _insert_rows(self, table: str, rows: list[list[Any]]) -> None:
        if rows:
            # Table names come from store.INSERT_ORDER, never from input.
            marks = ", ".join(["?"] * len(rows[0]))
            self.con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    def _insert_events(self, rows: list[list[Any]]) -> None:
        self.con.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, ?) ON CONFLICT (event_key) DO NOTHING",
            rows,
        )


def open_store(target: str, *, read_only: bool = False) -> Store:
    """A DuckDB store for a file path, a PostgreSQL store for a postgresql:// URL."""
    if is_postgres(target):
        return PostgresStore(target, read_only=read_only)
    return Store(target, read_only=read_only)
