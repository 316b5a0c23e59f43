"""Read queries behind the REST API and the web page.

Kept apart from `store.py` (which owns the schema and the single writer) so that the
serving side can grow without touching ingestion. Each function takes a cursor on the
read side (`open_read_side`): the store's tables plus an event index built when the
server starts. SQL text is built only from the constant fragments in this module; every
value a user gives travels as a query parameter.
"""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, get_args

import duckdb

from .models import EventType, Modality
from .store import canonical

MAX_PAGE = 500
MAX_TERMS = 8
SNIPPET_CHARS = 90
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
MODALITIES: tuple[str, ...] = get_args(Modality)
# Sort keys a client may ask for, each mapped to a fixed ORDER BY; the event key breaks
# ties so that pages never overlap or skip rows.
EVENT_SORTS = {
    "day": "e.day ASC NULLS LAST, e.event_key",
    "-day": "e.day DESC NULLS LAST, e.event_key",
    "mentions": "e.num_mentions ASC, e.day DESC NULLS LAST, e.event_key",
    "-mentions": "e.num_mentions DESC, e.day DESC NULLS LAST, e.event_key",
    "sources": "e.num_sources ASC, e.day DESC NULLS LAST, e.event_key",
    "-sources": "e.num_sources DESC, e.day DESC NULLS LAST, e.event_key",
    "type": "e.type ASC, e.day DESC NULLS LAST, e.event_key",
    "-type": "e.type DESC, e.day DESC NULLS LAST, e.event_key",
}


class Cursor(Protocol):
    description: Any

    def execute(self, sql: str, params: Any = ..., /) -> Any: ...

    def fetchall(self) -> list[Any]: ...


@dataclass(frozen=True)
class EventFilter:
    """What an analyst can narrow events by; every field is optional.

    `country` is where the event took place (its place's ISO 3166 alpha-3 code);
    `actor_country` is the country of any actor or recipient. `bbox` is
    (west, south, east, north) in degrees; west > east crosses the antimeridian.
    `until` may be a year or month ("2024", "2024-03") and then covers all of it.
    """

    types: tuple[str, ...] = ()
    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    actor_country: str | None = None
    since: str | None = None
    until: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    modality: str | None = None
    quad_class: int | None = None


# The read side: an in-memory DuckDB database holding a copy of the store's tables, taken
# through a read-only attachment that is detached again at once, so the server never holds
# DuckDB's file lock and an ingest can write while it serves (`ReadSide` refreshes the copy
# when the file changes). `event_index` holds one row per merged event with what the event
# filters and tables need (its place, modalities, the countries of its actors, its first
# mention's evidence), so that a filter is one scan of one narrow table instead of joins
# over mentions, places and entities on every request.
EVENT_INDEX = """
CREATE TABLE event_index AS
WITH ranked AS (
    SELECT m.event_key, m.doc_id, m.id AS event_id, m.evidence, m.evidence_start, m.evidence_end,
           m.source_name, m.place_name, p.lat, p.lon, p.country, a.title, a.published,
           row_number() OVER (PARTITION BY m.event_key
                              ORDER BY a.published NULLS LAST, m.doc_id, m.id) AS nth,
           row_number() OVER (PARTITION BY m.event_key
                              ORDER BY p.lat IS NULL, a.published NULLS LAST, m.doc_id, m.id) AS nth_placed
    FROM event_mentions m
    JOIN articles a ON a.id = m.doc_id
    LEFT JOIN places p ON p.doc_id = m.doc_id AND p.entity_id = m.place
),
modal AS (
    SELECT event_key, list(DISTINCT modality ORDER BY modality) AS modalities
    FROM event_mentions WHERE modality IS NOT NULL GROUP BY event_key
),
countries AS (
    SELECT x.event_key, list(DISTINCT en.country ORDER BY en.country) AS actor_countries
    FROM (SELECT doc_id, event_key, unnest(actors || recipients) AS eid FROM event_mentions) x
    JOIN entities en ON en.doc_id = x.doc_id AND en.id = x.eid
    WHERE en.country IS NOT NULL GROUP BY x.event_key
)
SELECT e.event_key, e.type, e.quad_class, e.day, e.actor_names, e.recipient_names,
       e.num_mentions, e.num_articles, e.num_sources,
       lower(array_to_string(e.actor_names, chr(31))) AS actors_lc,
       lower(array_to_string(e.recipient_names, chr(31))) AS recipients_lc,
       chr(31) || lower(array_to_string(e.actor_names || e.recipient_names, chr(31))) || chr(31)
           AS participants_lc,
       coalesce(modal.modalities, []) AS modalities,
       coalesce(countries.actor_countries, []) AS actor_countries,
       pl.place_name, pl.lat, pl.lon, pl.country,
       f.doc_id, f.event_id, f.evidence, f.evidence_start, f.evidence_end, f.title, f.published,
       f.source_name
FROM events e
LEFT JOIN ranked f ON f.event_key = e.event_key AND f.nth = 1
LEFT JOIN ranked pl ON pl.event_key = e.event_key AND pl.nth_placed = 1 AND pl.lat IS NOT NULL
LEFT JOIN modal ON modal.event_key = e.event_key
LEFT JOIN countries ON countries.event_key = e.event_key
ORDER BY e.day DESC NULLS LAST
"""


# Quotes with the canonical name of their speaker and of every other entity named inside
# them, so "quotes by" and "quotes about" an actor are lookups rather than range joins.
QUOTE_INDEX = """
CREATE TABLE quote_index AS
WITH about AS (
    SELECT q.doc_id, q.id, list(DISTINCT en.canonical) AS about_keys
    FROM quotes q
    JOIN mentions mn ON mn.doc_id = q.doc_id AND mn.start_char >= q.start_char AND mn.end_char <= q.end_char
    JOIN entities en ON en.doc_id = mn.doc_id AND en.id = mn.entity_id
    WHERE q.speaker IS DISTINCT FROM en.id
    GROUP BY q.doc_id, q.id
)
SELECT q.doc_id, q.id, q.text, q.start_char AS start, q.end_char AS "end", q.speaker_name AS speaker,
       q.speaker_text, a.title, a.published, sp.canonical AS speaker_key,
       coalesce(about.about_keys, []) AS about_keys
FROM quotes q
JOIN articles a ON a.id = q.doc_id
LEFT JOIN entities sp ON sp.doc_id = q.doc_id AND sp.id = q.speaker
LEFT JOIN about ON about.doc_id = q.doc_id AND about.id = q.id
ORDER BY a.published DESC NULLS LAST, q.doc_id, q.start_char
"""
# Each actor's events, keyed as `store.canonical` keys names (lower case, ’ as '), sorted
# by key so that DuckDB's zone maps read only the row groups of the actor asked for.
ACTOR_EVENTS = """
CREATE TABLE actor_events AS
SELECT DISTINCT lower(replace(x.n, '’', chr(39))) AS key, x.event_key, x.day, x.names
FROM (SELECT event_key, day, actor_names || recipient_names AS names,
             unnest(actor_names || recipient_names) AS n FROM event_index) x
ORDER BY key
"""
# One row per entity name and type across the store, for actor search and profiles.
ACTOR_INDEX = """
CREATE TABLE actor_index AS
SELECT canonical, type, any_value(name ORDER BY length(name) DESC) AS name, any_value(country) AS country,
       any_value(sector) AS sector, count(DISTINCT doc_id) AS articles
FROM entities WHERE role = 'subject' GROUP BY canonical, type
"""


def open_read_side(path: str) -> duckdb.DuckDBPyConnection:
    """An in-memory copy of the store at `path` with its indexes.

    The copy is read in one transaction of a read-only attachment, so it holds only
    committed documents, whole; the attachment is then detached, releasing the file for
    a writer. Raises duckdb.IOException while a writer holds the file."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("ATTACH ? AS store (READ_ONLY)", [path])
        con.execute("BEGIN TRANSACTION")
        tables = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'store' ORDER BY 1"
        ).fetchall()
        for (table,) in tables:
            # Names come from the store's own catalogue, quoted as identifiers.
            name = '"' + table.replace('"', '""') + '"'
            con.execute(f"CREATE TABLE memory.main.{name} AS SELECT * FROM store.{name}")
        con.execute("COMMIT")
        con.execute("DETACH store")
        for statement in (EVENT_INDEX, ACTOR_EVENTS, QUOTE_INDEX, ACTOR_INDEX):
            con.execute(statement)
    except BaseException:
        con.close()
        raise
    return con


def _signature(path: str) -> tuple[tuple[int, int], ...]:
    """What changes when a writer commits: size and modification time of the file and its WAL."""
    found = []
    for name in (path, path + ".wal"):
        try:
            info = os.stat(name)
            found.append((info.st_mtime_ns, info.st_size))
        except OSError:
            found.append((0, 0))
    return tuple(found)


@dataclass
class Copy:
    """One copy of the store and what was computed from it (`memo`, e.g. the statistics)."""

    con: duckdb.DuckDBPyConnection
    memo: dict[str, Any]


class ReadSide:
    """The served copy of a store, refreshed when the store file changes.

    `refresh()` builds a new copy when the file's signature has changed and swaps it in;
    requests already running keep the copy they started with (it is closed at the next
    swap, long after). While a writer holds the file the old copy is served and the
    refresh is tried again later, so every response reflects one committed state.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._signature = _signature(path)
        self.copy = Copy(open_read_side(path), {})
        self._retired: Copy | None = None
        self._lock = threading.Lock()
        self.generation = 1

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.copy.con.cursor()

    def refresh(self) -> bool:
        """Rebuild the copy if the store changed; True when a new copy was swapped in."""
        with self._lock:
            signature = _signature(self.path)
            if signature == self._signature:
                return False
            try:
                fresh = open_read_side(self.path)
            except duckdb.Error:
                return False  # a writer holds the file: serve the old copy, try again later
            if self._retired is not None:
                self._retired.con.close()
            self._retired, self.copy = self.copy, Copy(fresh, {})
            self._signature = signature
            self.generation += 1
            return True

    def close(self) -> None:
        with self._lock:
            for copy in (self.copy, self._retired):
                if copy is not None:
                    copy.con.close()


def rows(cur: Cursor, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    cur.execute(sql, list(params))
    columns = [d[0] for d in cur.description]
    return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with the user's % and _ taken literally."""
    text = "".join(c for c in text if c >= " ")
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.casefold()}%"


def placeholders(n: int) -> str:
    return ", ".join(["?"] * n)


def end_of_period(until: str) -> str:
    """ "2024" → "2024-12-31", "2024-02" → "2024-02-31": string order then covers the period."""
    return until + ("-12-31" if len(until) == 4 else "-31" if len(until) == 7 else "")


def event_conditions(f: EventFilter) -> tuple[list[str], list[Any]]:
    """WHERE conditions on `event_index e` (constant SQL) and their parameters, in order."""
    where: list[str] = []
    params: list[Any] = []
    if f.types:
        where.append(f"e.type IN ({placeholders(len(f.types))})")
        params += [t.upper() for t in f.types]
    if f.quad_class is not None:
        where.append("e.quad_class = ?")
        params.append(f.quad_class)
    if f.since:
        where.append("e.day >= ?")
        params.append(f.since)
    if f.until:
        where.append("e.day <= ?")
        params.append(end_of_period(f.until))
    if f.actor:
        where.append("e.actors_lc LIKE ? ESCAPE '\\'")
        params.append(like_pattern(f.actor))
    if f.recipient:
        where.append("e.recipients_lc LIKE ? ESCAPE '\\'")
        params.append(like_pattern(f.recipient))
    if f.actor_country:
        where.append("list_contains(e.actor_countries, ?)")
        params.append(f.actor_country.upper())
    if f.modality:
        where.append("list_contains(e.modalities, ?)")
        params.append(f.modality)
    if f.country:
        where.append("e.country = ?")
        params.append(f.country.upper())
    if f.bbox:
        west, south, east, north = f.bbox
        where.append("e.lat BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            where.append("e.lon BETWEEN ? AND ?")
            params += [west, east]
        else:
            where.append("(e.lon >= ? OR e.lon <= ?)")
            params += [west, east]
    return where, params


def _where(f: EventFilter) -> tuple[str, list[Any]]:
    where, params = event_conditions(f)
    return (" WHERE " + " AND ".join(where)) if where else "", params


def events(
    cur: Cursor, f: EventFilter, *, sort: str = "-day", limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """One page of merged events with the total, each with a place and its evidence sentence."""
    where, params = _where(f)
    page = rows(
        cur,
        f"SELECT {EVENT_COLUMNS} FROM event_index e{where} ORDER BY {EVENT_SORTS[sort]} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    # A short first page is the whole answer; otherwise counting is a second, cheaper pass
    # than a window count, which would carry every column of every match to the sort.
    total = len(page) if offset == 0 and len(page) < limit else _count(cur, where, params)
    return {"total": total, "limit": limit, "offset": offset, "sort": sort, "items": [shape(r) for r in page]}


EVENT_COLUMNS = (
    "e.event_key, e.type, e.quad_class, e.day, e.actor_names AS actors, e.recipient_names AS recipients, "
    "e.num_mentions, e.num_articles, e.num_sources, e.modalities, e.place_name, e.lat, e.lon, e.country, "
    "e.doc_id, e.event_id, e.evidence, e.evidence_start, e.evidence_end, e.title, e.published, e.source_name"
)


def shape(row: dict[str, Any]) -> dict[str, Any]:
    """An event row as the API gives it: its place and evidence as nested objects."""
    names = (("name", "place_name"), ("lat", "lat"), ("lon", "lon"), ("country", "country"))
    place = {k: row.pop(c) for k, c in names} if row["lat"] is not None else None
    evidence = {
        "doc_id": row.pop("doc_id"),
        "event_id": row.pop("event_id"),
        "text": row.pop("evidence"),
        "start": row.pop("evidence_start"),
        "end": row.pop("evidence_end"),
        "title": row.pop("title"),
        "published": row.pop("published"),
        "source": row.pop("source_name"),
    }
    for key in ("place_name", "lat", "lon", "country"):
        row.pop(key, None)
    return {**row, "place": place, "evidence": evidence if evidence["doc_id"] else None}


def _count(cur: Cursor, where: str, params: list[Any]) -> int:
    found = rows(cur, f"SELECT count(*) AS n FROM event_index e{where}", params)
    return int(found[0]["n"])


def timeline(cur: Cursor, f: EventFilter) -> dict[str, Any]:
    """Events per day, or per month when they span more than about a year, by quad class."""
    where, params = _where(f)
    extra = " AND " if where else " WHERE "
    found = rows(
        cur,
        f"SELECT e.day, e.quad_class, count(*) AS n FROM event_index e{where}{extra}e.day IS NOT NULL "
        "GROUP BY e.day, e.quad_class ORDER BY e.day",
        params,
    )
    days = sorted({r["day"][:10] for r in found if len(r["day"]) >= 10})
    monthly = len(days) > 1 and _days_between(days[0], days[-1]) > 370
    width = 7 if monthly else 10
    buckets: dict[str, dict[str, Any]] = {}
    for r in found:
        if len(r["day"]) < width:  # a year-only date has no place on a daily axis
            continue
        period = r["day"][:width]
        bucket = buckets.setdefault(
            period, {"period": period, "total": 0, "by_quad": {"1": 0, "2": 0, "3": 0, "4": 0}}
        )
        bucket["total"] += r["n"]
        key = str(r["quad_class"])
        if key in bucket["by_quad"]:
            bucket["by_quad"][key] += r["n"]
    return {"granularity": "month" if monthly else "day", "buckets": list(buckets.values())}


def _days_between(first: str, last: str) -> int:
    try:
        return (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days
    except ValueError:
        return 0


def graph(cur: Cursor, f: EventFilter, *, limit: int = 150) -> dict[str, Any]:
    """Actors linked by the events they share (as actor or recipient), heaviest links first."""
    where, params = _where(f)
    edges = rows(
        cur,
        "WITH ev AS (SELECT e.event_key, e.actor_names || e.recipient_names AS names "
        f"FROM event_index e{where}), "
        "p AS (SELECT DISTINCT event_key, unnest(names) AS n FROM ev) "
        "SELECT a.n AS source, b.n AS target, count(*) AS weight FROM p a JOIN p b "
        "ON a.event_key = b.event_key AND a.n < b.n GROUP BY a.n, b.n "
        "ORDER BY weight DESC, source, target LIMIT ?",
        [*params, limit],
    )
    weight: dict[str, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            weight[end] = weight.get(end, 0) + int(edge["weight"])
    nodes = [{"id": name, "weight": w} for name, w in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}


def places(cur: Cursor, f: EventFilter, *, limit: int = 500) -> list[dict[str, Any]]:
    """Places of the filtered events with how many events each saw, for the map."""
    where, params = _where(f)
    extra = " AND " if where else " WHERE "
    return rows(
        cur,
        "SELECT e.place_name AS name, e.country, round(e.lat, 3) AS lat, round(e.lon, 3) AS lon, "
        f"count(*) AS events FROM event_index e{where}{extra}e.lat IS NOT NULL "
        "GROUP BY e.place_name, e.country, round(e.lat, 3), round(e.lon, 3) "
        "ORDER BY events DESC, name LIMIT ?",
        [*params, limit],
    )


def actors(
    cur: Cursor, *, q: str | None = None, type: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Entities across the store, one row per canonical name and type, most reported first."""
    sql = "SELECT name, type, country, sector, articles FROM actor_index WHERE 1 = 1"
    params: list[Any] = []
    if q:
        sql += " AND canonical LIKE ? ESCAPE '\\'"
        params.append(like_pattern(canonical(q)))
    if type:
        sql += " AND type = ?"
        params.append(type.upper())
    sql += " ORDER BY articles DESC, name LIMIT ?"
    return rows(cur, sql, [*params, limit])


def actor_profile(cur: Cursor, name: str, *, limit: int = 50) -> dict[str, Any] | None:
    """An actor's events over time, who it acts with, and the quotes by and about it."""
    key = canonical(name)
    found = rows(
        cur,
        "SELECT name, type, country, sector, articles FROM actor_index WHERE canonical = ? "
        "ORDER BY articles DESC, type",
        [key],
    )
    if not found:
        return None
    events_page = rows(
        cur,
        f"SELECT {EVENT_COLUMNS} FROM event_index e "
        "JOIN (SELECT event_key FROM actor_events WHERE key = ?) a ON a.event_key = e.event_key "
        "ORDER BY e.day DESC NULLS LAST, e.event_key LIMIT ?",
        [key, limit],
    )
    # Months and co-actors from one pass over the actor's events.
    spread = rows(
        cur,
        "WITH inv AS MATERIALIZED (SELECT day, names FROM actor_events WHERE key = ?) "
        "SELECT 'month' AS kind, substr(day, 1, 7) AS k, count(*) AS n FROM inv GROUP BY substr(day, 1, 7) "
        "UNION ALL SELECT 'actor' AS kind, x.n AS k, count(*) AS n "
        "FROM (SELECT unnest(names) AS n FROM inv) x "
        "WHERE lower(x.n) <> ? GROUP BY x.n",
        [key, key],
    )
    months = sorted((r for r in spread if r["kind"] == "month"), key=lambda r: r["k"] or "")
    co = sorted((r for r in spread if r["kind"] == "actor"), key=lambda r: (-r["n"], r["k"]))[:25]
    return {
        "name": found[0]["name"],
        "kinds": found,
        "events_total": sum(int(r["n"]) for r in months),
        "events": [shape(r) for r in events_page],
        "by_month": [{"period": r["k"], "events": r["n"]} for r in months if r["k"] and len(r["k"]) == 7],
        "co_actors": [{"name": r["k"], "events": r["n"]} for r in co],
        "quotes_by": quotes_by(cur, key),
        "quotes_about": quotes_about(cur, key),
    }


QUOTE_COLUMNS = 'doc_id, id, text, start, "end", speaker, speaker_text, title, published'


def quotes_by(cur: Cursor, key: str, limit: int = 50) -> list[dict[str, Any]]:
    return rows(cur, f"SELECT {QUOTE_COLUMNS} FROM quote_index WHERE speaker_key = ? LIMIT ?", [key, limit])


def quotes_about(cur: Cursor, key: str, limit: int = 50) -> list[dict[str, Any]]:
    """Quotes whose words name the actor, said by someone else."""
    sql = f"SELECT {QUOTE_COLUMNS} FROM quote_index WHERE list_contains(about_keys, ?) LIMIT ?"
    return rows(cur, sql, [key, limit])


def article(cur: Cursor, doc_id: str) -> dict[str, Any] | None:
    """A stored document whole (every annotation with its offsets) and its merged event keys."""
    if len(doc_id) < 6:
        return None
    found = rows(
        cur, "SELECT id, document FROM articles WHERE id = ? OR starts_with(id, ?) LIMIT 2", [doc_id, doc_id]
    )
    if len(found) != 1:
        return None
    full_id = found[0]["id"]
    keys = rows(cur, "SELECT id, event_key FROM event_mentions WHERE doc_id = ?", [full_id])
    return {
        "document": json.loads(found[0]["document"]),
        "event_keys": {k["id"]: k["event_key"] for k in keys},
    }


TERM = re.compile(r'"([^"]+)"|(\S+)')


def search_terms(q: str) -> list[str]:
    """Words of a query, "quoted phrases" kept whole, at most MAX_TERMS of them."""
    terms = [(m.group(1) or m.group(2)).strip() for m in TERM.finditer(q)]
    return [t for t in terms if t][:MAX_TERMS]


def search(cur: Cursor, q: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Articles whose title or text holds every term (case-insensitive), title hits first."""
    terms = search_terms(q)
    if not terms:
        return {"total": 0, "limit": limit, "offset": offset, "terms": [], "items": []}
    where = " AND ".join(
        ["(lower(a.title) LIKE ? ESCAPE '\\' OR lower(a.text) LIKE ? ESCAPE '\\')"] * len(terms)
    )
    params: list[Any] = [p for t in terms for p in (like_pattern(t), like_pattern(t))]
    found = rows(
        cur,
        "SELECT a.id, a.title, a.published, a.publisher, a.text, count(*) OVER () AS total FROM articles a "
        f"WHERE {where} ORDER BY CASE WHEN lower(a.title) LIKE ? ESCAPE '\\' THEN 0 ELSE 1 END, "
        "a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
        [*params, like_pattern(terms[0]), limit, offset],
    )
    total = int(found[0]["total"]) if found else 0
    for item in found:
        item.pop("total")
        item["snippet"] = snippet(item.pop("text") or "", terms)
    return {"total": total, "limit": limit, "offset": offset, "terms": terms, "items": found}


def snippet(text: str, terms: list[str]) -> dict[str, Any]:
    """A window of the text around the first hit, with the offsets of every term inside it."""
    folded = text.casefold()
    hits = [i for i in (folded.find(t.casefold()) for t in terms) if i >= 0]
    centre = min(hits) if hits else 0
    start = max(0, centre - SNIPPET_CHARS)
    end = min(len(text), centre + SNIPPET_CHARS * 2)
    window = text[start:end]
    marks = []
    low = window.casefold()
    for term in terms:
        t = term.casefold()
        i = low.find(t)
        while i >= 0 and t:
            marks.append([i, i + len(t)])
            i = low.find(t, i + len(t))
    return {"text": window, "start": start, "marks": sorted(marks)}


def stats(cur: Cursor) -> dict[str, Any]:
    """Counts, the spread of events over types, classes, time, actors and countries."""
    counts = rows(
        cur,
        "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM events) AS events, "
        "(SELECT count(*) FROM event_mentions) AS event_mentions, "
        "(SELECT count(DISTINCT canonical) FROM entities) AS entities, "
        "(SELECT count(*) FROM quotes) AS quotes, "
        "(SELECT count(*) FROM places) AS places, (SELECT count(*) FROM times) AS times, "
        "(SELECT count(DISTINCT source_name) FROM event_mentions) AS sources, "
        "(SELECT min(day) FROM events) AS first_day, (SELECT max(day) FROM events) AS last_day",
    )[0]
    by_type = rows(
        cur, "SELECT type, count(*) AS events FROM events GROUP BY type ORDER BY events DESC, type"
    )
    by_quad = rows(
        cur, "SELECT quad_class, count(*) AS events FROM events GROUP BY quad_class ORDER BY quad_class"
    )
    by_modality = rows(
        cur,
        "SELECT modality, count(*) AS mentions FROM event_mentions GROUP BY modality ORDER BY mentions DESC",
    )
    top_actors = rows(
        cur,
        "SELECT n AS name, count(*) AS events FROM (SELECT unnest(actor_names || recipient_names) AS n "
        "FROM events) x GROUP BY n ORDER BY events DESC, name LIMIT 20",
    )
    top_countries = rows(
        cur,
        "SELECT p.country, count(DISTINCT m.event_key) AS events FROM event_mentions m "
        "JOIN places p ON p.doc_id = m.doc_id AND p.entity_id = m.place WHERE p.country IS NOT NULL "
        "GROUP BY p.country ORDER BY events DESC, p.country LIMIT 20",
    )
    return {
        "counts": counts,
        "by_type": by_type,
        "by_quad_class": by_quad,
        "by_modality": by_modality,
        "top_actors": top_actors,
        "top_countries": top_countries,
    }
