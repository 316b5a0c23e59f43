"""The DuckDB store: one writer, one transaction per document, migrations recorded.

Tables: sources, articles, entities, mentions, places, times, quotes, event_mentions
(one row per coded event in a document) and events (the same event merged across
mentions and documents by type, actors, recipients and day, with GDELT-style counts);
entity_canon (each stored entity's cross-document key) and entity_aliases (a user's
aliases file, loaded with `load_aliases`).
Every value goes in through query parameters, never through SQL text.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from .canon import canonical_name, normalise, read_aliases, surname
from .errors import StoreError
from .models import Document

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "initial schema",
        [
            """CREATE TABLE articles (
                id VARCHAR PRIMARY KEY, title VARCHAR, published VARCHAR, updated VARCHAR,
                authors VARCHAR[], publisher VARCHAR, language VARCHAR, captions JSON,
                text VARCHAR, ingested_at TIMESTAMP, document JSON)""",
            """CREATE TABLE sources (
                doc_id VARCHAR, path VARCHAR, url VARCHAR, format VARCHAR, encoding VARCHAR,
                record INTEGER)""",
            """CREATE TABLE entities (
                doc_id VARCHAR, id VARCHAR, name VARCHAR, type VARCHAR, titles VARCHAR[],
                affiliation VARCHAR, country VARCHAR, sector VARCHAR, kb_id VARCHAR,
                role VARCHAR, canonical VARCHAR)""",
            """CREATE TABLE mentions (
                doc_id VARCHAR, entity_id VARCHAR, text VARCHAR, start_char INTEGER,
                end_char INTEGER)""",
            """CREATE TABLE places (
                doc_id VARCHAR, entity_id VARCHAR, name VARCHAR, lat DOUBLE, lon DOUBLE,
                country VARCHAR, admin1 VARCHAR, geonameid BIGINT, precision VARCHAR)""",
            """CREATE TABLE times (
                doc_id VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER,
                value VARCHAR, granularity VARCHAR)""",
            """CREATE TABLE quotes (
                doc_id VARCHAR, id VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER,
                direct BOOLEAN, cue VARCHAR, speaker VARCHAR, speaker_name VARCHAR,
                speaker_text VARCHAR)""",
            """CREATE TABLE event_mentions (
                doc_id VARCHAR, id VARCHAR, event_key VARCHAR, type VARCHAR, mode VARCHAR,
                actors VARCHAR[], recipients VARCHAR[], actor_names VARCHAR[],
                recipient_names VARCHAR[], date_value VARCHAR, date_basis VARCHAR,
                place VARCHAR, place_name VARCHAR, modality VARCHAR, reported_by VARCHAR[],
                evidence VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
                confidence DOUBLE, quad_class INTEGER, source_name VARCHAR)""",
            """CREATE TABLE events (
                event_key VARCHAR PRIMARY KEY, type VARCHAR, actor_names VARCHAR[],
                recipient_names VARCHAR[], day VARCHAR, quad_class INTEGER,
                num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER,
                first_seen TIMESTAMP)""",
        ],
    ),
    (
        2,
        "canonical entities across documents, user aliases",
        [
            # One row per stored entity: the key that files it with the same referent in
            # other documents (see canon.py). Existing rows are keyed by their old name key.
            """CREATE TABLE entity_canon (
                doc_id VARCHAR, entity_id VARCHAR, type VARCHAR, norm VARCHAR, surname VARCHAR,
                canon_key VARCHAR, canon_name VARCHAR)""",
            """INSERT INTO entity_canon
                SELECT doc_id, id, type, canonical, NULL, type || ':' || canonical, name FROM entities""",
            """CREATE TABLE entity_aliases (
                alias VARCHAR PRIMARY KEY, canonical VARCHAR, source VARCHAR)""",
        ],
    ),
]


def canonical(name: str) -> str:
    """Cross-document key of an entity name: case-folded, spacing collapsed."""
    return " ".join(name.replace("’", "'").split()).casefold()


def event_key(kind: str, actors: list[str], recipients: list[str], day: str | None) -> str:
    raw = json.dumps([kind, sorted(map(canonical, actors)), sorted(map(canonical, recipients)), day])
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


# How long opening a store waits for another process's lock: `dateline serve` holds the
# file for the moment it copies it, and a writer takes it for a whole ingest.
LOCK_WAIT_SECONDS = 10.0


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


INSERT_ORDER = ("articles", "sources", "entities", "mentions", "places", "times", "quotes", "event_mentions")


def document_rows(doc: Document, now: datetime) -> dict[str, list[list[Any]]]:
    """The rows one document adds to each table, in each table's column order."""
    a, s, did = doc.article, doc.source, doc.id
    names = {e.id: e.name for e in doc.entities}
    captions = json.dumps([c.model_dump() for c in a.captions], ensure_ascii=False)
    rows: dict[str, list[list[Any]]] = {
        "articles": [
            [
                did,
                a.title,
                a.published,
                a.updated,
                a.authors,
                a.publisher,
                a.language,
                captions,
                a.text,
                now,
                doc.to_json(),
            ]
        ],
        "sources": [[did, s.path, s.url, s.format, s.encoding, s.record]],
        "entities": [
            [
                did,
                e.id,
                e.name,
                e.type,
                e.titles,
                e.affiliation,
                e.actor.country,
                e.actor.sector,
                e.kb_id,
                e.role,
                canonical(e.name),
            ]
            for e in doc.entities
        ],
        "mentions": [[did, e.id, m.text, m.start, m.end] for e in doc.entities for m in e.mentions],
        "places": [
            [did, p.entity, p.name, p.lat, p.lon, p.country, p.admin1, p.geonameid, p.precision]
            for p in doc.places
        ],
        "times": [[did, t.text, t.start, t.end, t.value, t.granularity] for t in doc.times],
        "quotes": [
            [
                did,
                q.id,
                q.text,
                q.start,
                q.end,
                q.direct,
                q.cue,
                q.speaker,
                names.get(q.speaker or ""),
                q.speaker_text,
            ]
            for q in doc.quotes
        ],
        "event_mentions": [],
    }
    source_name = a.publisher or s.url or s.path
    for ev in doc.events:
        actor_names = [names[i] for i in ev.actors if i in names]
        recipient_names = [names[i] for i in ev.recipients if i in names]
        day = ev.date.value[:10] if ev.date.value else None
        rows["event_mentions"].append(
            [
                did,
                ev.id,
                event_key(ev.type, actor_names, recipient_names, day),
                ev.type,
                ev.mode,
                ev.actors,
                ev.recipients,
                actor_names,
                recipient_names,
                ev.date.value,
                ev.date.basis,
                ev.place,
                names.get(ev.place or ""),
                ev.modality,
                [names.get(r, r) for r in ev.reported_by],
                ev.evidence.text,
                ev.evidence.start,
                ev.evidence.end,
                ev.confidence,
                ev.quad_class,
                source_name,
            ]
        )
    return rows


class Store:
    """A dateline store in a DuckDB file (":memory:" for a throwaway one).

    store_pg.PostgresStore subclasses it for a PostgreSQL server: the SQL here is written
    once, and the subclass overrides only what the dialects do differently.
    """

    # The driver's errors that mean "this write failed" (rolled back, reported per document).
    db_errors: tuple[type[Exception], ...] = (duckdb.Error,)

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            if read_only and self.path != ":memory:" and not Path(self.path).exists():
                raise StoreError(f"no store at {self.path}; run `dateline ingest` first")
            self.con = _connect(self.path, read_only)
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open store {self.path}: {exc}. Another dateline process may be "
                "writing to it; DuckDB allows one writer at a time."
            ) from None
        if not read_only:
            self.migrate()
        elif not self._has_table("schema_migrations"):
            raise StoreError(f"{self.path} is not a dateline store")
        elif self.schema_version() < MIGRATIONS[-1][0]:
            raise StoreError(
                f"{self.path} has schema version {self.schema_version()}, this dateline needs "
                f"{MIGRATIONS[-1][0]}; open it once for writing to upgrade it (any `dateline ingest "
                f"--db {self.path} ...` does)"
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _has_table(self, name: str) -> bool:
        row = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchone()
        return bool(row and row[0])

    def migrate(self) -> list[int]:
        """Apply the migrations not yet recorded in `schema_migrations`; return their versions."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "description VARCHAR, applied_at TIMESTAMP)"
        )
        done = {row[0] for row in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for version, description, statements in MIGRATIONS:
            if version in done:
                continue
            with self._transaction():
                for statement in statements:
                    self.con.execute(statement)
                self.con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    [version, description, datetime.now(UTC).replace(tzinfo=None)],
                )
            applied.append(version)
        return applied

    def schema_version(self) -> int:
        row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def has(self, doc_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [doc_id]).fetchone() is not None

    def stored_ids(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of these ids are already stored (one query for a whole batch)."""
        if not doc_ids:
            return set()
        if len(doc_ids) == 1:  # the equality lookup: a third of the list query's time in DuckDB
            return set(doc_ids) if self.has(doc_ids[0]) else set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE " + self._any_of("id"), [list(doc_ids)]
        ).fetchall()
        return {row[0] for row in rows}

    def add(self, doc: Document) -> bool:
        """Store a document whole, in one transaction. False if it was already stored."""
        if self.has(doc.id):
            return False
        try:
            with self._transaction():
                self._insert(doc)
        except self.db_errors as exc:
            raise StoreError(f"cannot store document {doc.id}: {exc}") from None
        return True

    def add_many(self, docs: Sequence[Document]) -> list[bool | StoreError]:
        """Store a batch in one transaction; for each document True (stored), False (already
        stored, or a repeat earlier in the batch) or the StoreError that kept it out.

        One transaction per batch is what makes bulk ingest fast (a commit and a set of
        column-wise inserts per batch instead of per row). Each document stays atomic: if
        the batch cannot be written, it is rolled back and retried one document per
        transaction, so one bad document costs only itself.
        """
        stored = self.stored_ids([d.id for d in docs])
        first: dict[str, int] = {}  # id → index of its first occurrence, if not yet stored
        for i, doc in enumerate(docs):
            if doc.id not in stored:
                first.setdefault(doc.id, i)
        fresh = [i for i in range(len(docs)) if first.get(docs[i].id) == i]
        try:
            with self._transaction():
                self._insert_batch([docs[i] for i in fresh])
        except self.db_errors:
            alone = {i: self._add_alone(docs[i]) for i in fresh}
            return [alone.get(i, False) for i in range(len(docs))]
        chosen = set(fresh)
        return [i in chosen for i in range(len(docs))]

    def _add_alone(self, doc: Document) -> bool | StoreError:
        try:
            return self.add(doc)
        except StoreError as exc:
            return exc

    def _insert(self, doc: Document) -> None:
        self._insert_batch([doc])

    def _insert_batch(self, docs: list[Document]) -> None:
        if not docs:
            return
        now = datetime.now(UTC).replace(tzinfo=None)
        tables: dict[str, list[list[Any]]] = {}
        for doc in docs:
            for table, rows in document_rows(doc, now).items():
                tables.setdefault(table, []).extend(rows)
        for table in INSERT_ORDER:
            self._insert_rows(table, tables.get(table, []))
        # Each entity's cross-document key, which depends on what is stored already.
        self._insert_canon(docs)
        events: dict[str, list[Any]] = {}
        for row in tables.get("event_mentions", []):
            # key, type, actor names, recipient names, day, quad class: the first mention's
            day = row[9][:10] if row[9] else None
            events.setdefault(row[2], [row[2], row[3], sorted(row[7]), sorted(row[8]), day, row[19], now])
        if not events:
            return
        self._insert_events(list(events.values()))
        # Counts are recomputed once per batch for the merged events it touched, after all
        # of its mentions are in: one grouped scan instead of one per event.
        self._update_event_counts(sorted(events))

    def _update_event_counts(self, keys: list[str]) -> None:
        self.con.execute(
            """UPDATE events SET num_mentions = c.n_mentions, num_articles = c.n_articles,
                                 num_sources = c.n_sources
               FROM (SELECT event_key, count(*) AS n_mentions, count(DISTINCT doc_id) AS n_articles,
                            count(DISTINCT source_name) AS n_sources
                     FROM event_mentions WHERE """
            + self._any_of("event_key")
            + """ GROUP BY event_key) c
               WHERE events.event_key = c.event_key""",
            [keys],
        )

    def _insert_events(self, rows: list[list[Any]]) -> None:
        self.con.execute(
            """INSERT INTO events SELECT unnest(?), unnest(?), unnest(?), unnest(?), unnest(?),
                                         unnest(?), 0, 0, 0, unnest(?)
               ON CONFLICT (event_key) DO NOTHING""",
            [list(column) for column in zip(*rows, strict=True)],
        )

    def _insert_rows(self, table: str, rows: list[list[Any]]) -> None:
        """Insert rows column-wise: one statement whose parameters are whole columns.

        DuckDB runs `executemany` row by row; unnesting column lists is about 40x faster.
        Table names come from INSERT_ORDER, never from input.
        """
        if not rows:
            return
        width = len(rows[0])
        unnests = ", ".join(["unnest(?)"] * width)
        self.con.execute(
            f"INSERT INTO {table} SELECT {unnests}", [list(column) for column in zip(*rows, strict=True)]
        )

    # --- one entity across documents ----------------------------------------------------

    def _aliases(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT alias, canonical FROM entity_aliases").fetchall())

    def _any_of(self, column: str) -> str:
        """SQL: `column` is one of the values of a list parameter (PostgreSQL spells it apart)."""
        return f"{column} IN (SELECT unnest(?))"

    def _insert_canon(self, docs: list[Document]) -> None:
        """File each entity of a batch under its cross-document key. A lone surname
        ("Shoigu") joins the one stored person of that surname; a full name takes over the
        rows of its lone surname when no other stored person has that surname.

        What is stored already is read in two queries for the whole batch, and the batch's
        own rows join it as they are made, so documents see each other in input order."""
        aliases = self._aliases()
        people = [e for d in docs for e in d.entities if e.type == "PERSON"]
        if people:
            names = (canonical_name(e, aliases) for e in people)
            wanted = sorted({surname(n) or normalise(n) for n in names})
            found = self.con.execute(
                "SELECT surname, canon_key, canon_name FROM entity_canon WHERE type = 'PERSON' AND "
                + self._any_of("surname"),
                [wanted],
            ).fetchall()
            lone_found = self.con.execute(
                "SELECT DISTINCT canon_key FROM entity_canon WHERE " + self._any_of("canon_key"),
                [[f"PERSON:{w}" for w in wanted]],
            ).fetchall()
        else:
            found, lone_found = [], []
        owners: dict[str, dict[str, str]] = {}  # surname → {canon key: canon name}
        for last, key, name in found:
            owners.setdefault(last, {})[key] = name
        lone = {row[0] for row in lone_found}  # keys of lone-surname rows with no owner yet
        rows: list[list[Any]] = []
        for doc in docs:
            for e in doc.entities:
                name = canonical_name(e, aliases)
                key = f"{e.type}:{normalise(e.kb_id or name)}"
                last = surname(name) if e.type == "PERSON" else None
                if e.type == "PERSON" and last is None:
                    mine = owners.get(normalise(name), {})
                    if len(mine) == 1:
                        key, name = next(iter(mine.items()))
                    else:
                        lone.add(key)
                elif last is not None:
                    orphan = f"{e.type}:{last}"
                    if orphan in lone and not set(owners.get(last, {})) - {key}:
                        self.con.execute(
                            "UPDATE entity_canon SET canon_key = ?, canon_name = ? WHERE canon_key = ?",
                            [key, name, orphan],
                        )
                        for row in rows:
                            if row[5] == orphan:
                                row[5], row[6] = key, name
                        lone.discard(orphan)
                    owners.setdefault(last, {})[key] = name
                rows.append([doc.id, e.id, e.type, normalise(e.name), last, key, name])
        self._insert_rows("entity_canon", rows)

    def load_aliases(self, path: str | Path) -> int:
        """Read a user's aliases file (canon.read_aliases) into the store and re-file the
        entities already stored under those names; returns the number of aliases."""
        aliases = read_aliases(path)
        with self._transaction():
            for alias, name in aliases.items():
                self.con.execute("DELETE FROM entity_aliases WHERE alias = ?", [alias])
                self.con.execute("INSERT INTO entity_aliases VALUES (?, ?, ?)", [alias, name, str(path)])
                self.con.execute(
                    "UPDATE entity_canon SET canon_key = type || ':' || ?, canon_name = ? WHERE norm = ?",
                    [normalise(name), name, alias],
                )
        return len(aliases)

    # --- queries ---------------------------------------------------------------------

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params)
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def get(self, doc_id: str) -> Document | None:
        """The stored document whose id is or starts with `doc_id` (at least 6 characters)."""
        if len(doc_id) < 6:
            return None
        rows = self.con.execute(
            "SELECT document FROM articles WHERE id = ? OR starts_with(id, ?) LIMIT 2", [doc_id, doc_id]
        ).fetchall()
        if len(rows) != 1:
            return None
        return Document.from_json(rows[0][0])

    def articles(
        self,
        *,
        search: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
    ) -> list[dict[str, Any]]:
        sql = "SELECT id, title, published, publisher, authors, language FROM articles WHERE 1=1"
        params: list[Any] = []
        if search:
            sql += " AND (title ILIKE ? OR text ILIKE ?)"
            params += [f"%{search}%", f"%{search}%"]
        if since:
            sql += " AND published >= ?"
            params.append(since)
        if until:
            sql += " AND substr(published, 1, 10) <= ?"
            params.append(until)
        sql += " ORDER BY published DESC NULLS LAST, id LIMIT ?"
        return self._rows(sql, [*params, limit])

    def entities(
        self, *, name: str | None = None, type: str | None = None, limit: int = 50
    ) -> list[dict[str, Any]]:
        """Entities across documents, one row per canonical entity (canon.py): `name`
        matches any name it was stored under, so "Shoigu" finds "Sergei Shoigu"."""
        # Portable SQL (min and array_agg rather than DuckDB's any_value and list), so the
        # PostgreSQL store runs the same query.
        sql = """SELECT min(c.canon_name) AS name, c.type,
                        max(e.country) AS country, max(e.sector) AS sector,
                        count(DISTINCT e.doc_id) AS articles,
                        (SELECT count(*) FROM mentions m JOIN entity_canon c2
                           ON m.doc_id = c2.doc_id AND m.entity_id = c2.entity_id
                         WHERE c2.canon_key = c.canon_key) AS mentions,
                        array_agg(DISTINCT e.name ORDER BY e.name) AS names,
                        array_agg(DISTINCT e.doc_id ORDER BY e.doc_id) AS doc_ids
                 FROM entities e JOIN entity_canon c ON c.doc_id = e.doc_id AND c.entity_id = e.id
                 WHERE e.role = 'subject'"""
        params: list[Any] = []
        if name:
            sql += """ AND c.canon_key IN (
                         SELECT c3.canon_key FROM entity_canon c3 JOIN entities e3
                           ON c3.doc_id = e3.doc_id AND c3.entity_id = e3.id
                         WHERE e3.name ILIKE ? OR c3.canon_name ILIKE ?)"""
            params += [f"%{name}%", f"%{name}%"]
        if type:
            sql += " AND c.type = ?"
            params.append(type.upper())
        sql += " GROUP BY c.canon_key, c.type ORDER BY mentions DESC, name LIMIT ?"
        return self._rows(sql, [*params, limit])

    def events(
        self,
        *,
        type: str | None = None,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
    ) -> list[dict[str, Any]]:
        sql = """SELECT e.event_key, e.type, e.actor_names AS actors, e.recipient_names AS recipients,
                        e.day, e.quad_class, e.num_mentions, e.num_articles, e.num_sources,
                        min(m.place_name) AS place, min(m.modality) AS modality,
                        min(m.evidence) AS evidence
                 FROM events e JOIN event_mentions m USING (event_key) WHERE 1=1"""
        params: list[Any] = []
        if type:
            sql += " AND e.type = ?"
            params.append(type.upper())
        if actor:
            sql += (
                # DuckDB 2 refuses the `x -> ...` lambda; joining the names works in every
                # version and in PostgreSQL alike.
                " AND (lower(array_to_string(e.actor_names, '|')) LIKE ?"
                " OR lower(array_to_string(e.recipient_names, '|')) LIKE ?)"
            )
            params += [f"%{actor.lower()}%", f"%{actor.lower()}%"]
        if since:
            sql += " AND e.day >= ?"
            params.append(since)
        if until:
            sql += " AND e.day <= ?"
            params.append(until)
        # Standard SQL (min, and every grouped column named rather than GROUP BY ALL), so
        # the PostgreSQL store runs the same query.
        sql += """ GROUP BY e.event_key, e.type, e.actor_names, e.recipient_names, e.day, e.quad_class,
                            e.num_mentions, e.num_articles, e.num_sources
                   ORDER BY e.day DESC NULLS LAST, e.num_mentions DESC LIMIT ?"""
        return self._rows(sql, [*params, limit])

    def quotes(self, *, speaker: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        sql = """SELECT q.doc_id, q.text, q.cue, q.speaker_name AS speaker, q.speaker_text,
                        a.title, a.published
                 FROM quotes q JOIN articles a ON a.id = q.doc_id WHERE 1=1"""
        params: list[Any] = []
        if speaker:
            sql += " AND (q.speaker_name ILIKE ? OR q.speaker_text ILIKE ?)"
            params += [f"%{speaker}%", f"%{speaker}%"]
        sql += " ORDER BY a.published DESC NULLS LAST LIMIT ?"
        return self._rows(sql, [*params, limit])

    def places(self, *, country: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        sql = """SELECT name, country, precision, min(lat) AS lat, min(lon) AS lon,
                        count(DISTINCT doc_id) AS articles
                 FROM places WHERE 1=1"""
        params: list[Any] = []
        if country:
            sql += " AND country = ?"
            params.append(country.upper())
        sql += " GROUP BY name, country, precision ORDER BY articles DESC, name LIMIT ?"
        return self._rows(sql, [*params, limit])

    def counts(self) -> dict[str, int]:
        tables = ("articles", "entities", "mentions", "places", "times", "quotes", "event_mentions", "events")
        result = {}
        # Table names come from the fixed tuple above, never from input.
        for table in tables:
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            result[table] = int(row[0]) if row else 0
        return result
