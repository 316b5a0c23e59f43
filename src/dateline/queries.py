"""Read queries behind the REST API and the web page, over one database cursor.

Kept apart from `store.py` (which owns the schema and the single writer) so that the
serving side can grow without touching ingestion. Every function takes a DB-API style
connection or cursor (`execute(sql, params)`, `description`, `fetchall()`) and returns
plain JSON-ready data. SQL text is built only from the constant fragments in this module;
every value a user gives travels as a query parameter. The SQL sticks to what DuckDB and
PostgreSQL share (`unnest` in a select list, `IN` semi-joins, `count(*) OVER ()`, `LIKE ...
ESCAPE`) rather than DuckDB's list lambdas, so a PostgreSQL store can serve the same queries.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, get_args

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
    """WHERE conditions on `events e` (constant SQL) and their parameters, in order."""
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
    for side, value in (("actor_names", f.actor), ("recipient_names", f.recipient)):
        if value:
            # Names joined by a control character that no pattern holds: as fast as a list
            # lambda in DuckDB, and valid PostgreSQL as well.
            where.append(f"lower(array_to_string(e.{side}, chr(31))) LIKE ? ESCAPE '\\'")
            params.append(like_pattern(value))
    if f.actor_country:
        where.append(
            "e.event_key IN (SELECT x.event_key FROM (SELECT doc_id, event_key, "
            "unnest(actors || recipients) AS eid FROM event_mentions) x JOIN entities en "
            "ON en.doc_id = x.doc_id AND en.id = x.eid WHERE en.country = ?)"
        )
        params.append(f.actor_country.upper())
    mention_where, mention_params = _mention_conditions(f)
    if mention_where:
        where.append(
            "e.event_key IN (SELECT m.event_key FROM event_mentions m LEFT JOIN places p "
            "ON p.doc_id = m.doc_id AND p.entity_id = m.place WHERE " + " AND ".join(mention_where) + ")"
        )
        params += mention_params
    return where, params


def _mention_conditions(f: EventFilter) -> tuple[list[str], list[Any]]:
    """Conditions one mention must meet together (its modality and its place)."""
    where: list[str] = []
    params: list[Any] = []
    if f.modality:
        where.append("m.modality = ?")
        params.append(f.modality)
    if f.country:
        where.append("p.country = ?")
        params.append(f.country.upper())
    if f.bbox:
        west, south, east, north = f.bbox
        where.append("p.lat BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            where.append("p.lon BETWEEN ? AND ?")
            params += [west, east]
        else:
            where.append("(p.lon >= ? OR p.lon <= ?)")
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
        f"SELECT {EVENT_COLUMNS} FROM events e{where} ORDER BY {EVENT_SORTS[sort]} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    # A short first page is the whole answer; otherwise counting is a second, cheaper pass
    # than a window count, which would carry every column of every match to the sort.
    total = len(page) if offset == 0 and len(page) < limit else _count(cur, where, params)
    attach_mentions(cur, page)
    return {"total": total, "limit": limit, "offset": offset, "sort": sort, "items": page}


EVENT_COLUMNS = (
    "e.event_key, e.type, e.quad_class, e.day, e.actor_names AS actors, e.recipient_names AS recipients, "
    "e.num_mentions, e.num_articles, e.num_sources"
)


def _count(cur: Cursor, where: str, params: list[Any]) -> int:
    found = rows(cur, f"SELECT count(*) AS n FROM events e{where}", params)
    return int(found[0]["n"])


def attach_mentions(cur: Cursor, items: list[dict[str, Any]]) -> None:
    """Give each event its modalities, a place and the evidence of its earliest mention.

    Three point lookups (event key, document id, article id: all indexed) rather than one
    join, which would scan the places and articles tables whole on every page.
    """
    if not items:
        return
    keys = [item["event_key"] for item in items]
    mentions = rows(
        cur,
        "SELECT event_key, doc_id, id AS event_id, modality, evidence, evidence_start, evidence_end, "
        f"source_name, place, place_name FROM event_mentions WHERE event_key IN ({placeholders(len(keys))})",
        keys,
    )
    docs = sorted({m["doc_id"] for m in mentions})
    spots = {
        (p["doc_id"], p["entity_id"]): p
        for p in _in(cur, "SELECT doc_id, entity_id, lat, lon, country FROM places WHERE doc_id IN", docs)
    }
    titles = {a["id"]: a for a in _in(cur, "SELECT id, title, published FROM articles WHERE id IN", docs)}
    mentions.sort(key=lambda m: (titles[m["doc_id"]]["published"] or "~", m["doc_id"], m["event_id"]))
    by_key: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        by_key.setdefault(m["event_key"], []).append(m)
    for item in items:
        found = by_key.get(item["event_key"], [])
        item["modalities"] = sorted({m["modality"] for m in found if m["modality"]})
        placed = [(m, spots[(m["doc_id"], m["place"])]) for m in found if (m["doc_id"], m["place"]) in spots]
        item["place"] = (
            {
                "name": placed[0][0]["place_name"],
                "lat": placed[0][1]["lat"],
                "lon": placed[0][1]["lon"],
                "country": placed[0][1]["country"],
            }
            if placed
            else None
        )
        first = found[0] if found else None
        item["evidence"] = (
            {
                "doc_id": first["doc_id"],
                "event_id": first["event_id"],
                "text": first["evidence"],
                "start": first["evidence_start"],
                "end": first["evidence_end"],
                "title": titles[first["doc_id"]]["title"],
                "published": titles[first["doc_id"]]["published"],
                "source": first["source_name"],
            }
            if first
            else None
        )


def _in(cur: Cursor, sql: str, values: list[Any]) -> list[dict[str, Any]]:
    """`sql` followed by an IN list of placeholders for `values` (none: no query)."""
    return rows(cur, f"{sql} ({placeholders(len(values))})", values) if values else []


def timeline(cur: Cursor, f: EventFilter) -> dict[str, Any]:
    """Events per day, or per month when they span more than about a year, by quad class."""
    where, params = _where(f)
    extra = " AND " if where else " WHERE "
    found = rows(
        cur,
        f"SELECT e.day, e.quad_class, count(*) AS n FROM events e{where}{extra}e.day IS NOT NULL "
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
        f"WITH ev AS (SELECT e.event_key, e.actor_names || e.recipient_names AS names FROM events e{where}), "
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
    return rows(
        cur,
        "SELECT p.name, p.country, round(p.lat, 3) AS lat, round(p.lon, 3) AS lon, "
        "count(DISTINCT m.event_key) AS events FROM event_mentions m "
        "JOIN places p ON p.doc_id = m.doc_id AND p.entity_id = m.place "
        f"WHERE m.event_key IN (SELECT e.event_key FROM events e{where}) "
        "GROUP BY p.name, p.country, round(p.lat, 3), round(p.lon, 3) ORDER BY events DESC, p.name LIMIT ?",
        [*params, limit],
    )


def actors(
    cur: Cursor, *, q: str | None = None, type: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Entities across the store, one row per canonical name and type, most reported first."""
    sql = (
        "SELECT any_value(name) AS name, type, any_value(country) AS country, any_value(sector) AS sector, "
        "count(DISTINCT doc_id) AS articles FROM entities WHERE role = 'subject'"
    )
    params: list[Any] = []
    if q:
        sql += " AND canonical LIKE ? ESCAPE '\\'"
        params.append(like_pattern(canonical(q)))
    if type:
        sql += " AND type = ?"
        params.append(type.upper())
    sql += " GROUP BY canonical, type ORDER BY articles DESC, name LIMIT ?"
    return rows(cur, sql, [*params, limit])


# An actor's events: its name among the event's actors and recipients, matched on the
# names joined by a control character (one scan of the events table, no join).
INVOLVED = (
    "chr(31) || lower(array_to_string(e.actor_names || e.recipient_names, chr(31))) || chr(31) "
    "LIKE ? ESCAPE '\\'"
)


def actor_profile(cur: Cursor, name: str, *, limit: int = 50) -> dict[str, Any] | None:
    """An actor's events over time, who it acts with, and the quotes by and about it."""
    key = canonical(name)
    found = rows(
        cur,
        "SELECT any_value(name) AS name, type, any_value(country) AS country, any_value(sector) AS sector, "
        "count(DISTINCT doc_id) AS articles FROM entities WHERE canonical = ? GROUP BY type "
        "ORDER BY articles DESC",
        [key],
    )
    if not found:
        return None
    pattern = "%\x1f" + like_pattern(key)[1:-1] + "\x1f%"
    events_page = rows(
        cur,
        f"SELECT {EVENT_COLUMNS} FROM events e WHERE {INVOLVED} "
        "ORDER BY e.day DESC NULLS LAST, e.event_key LIMIT ?",
        [pattern, limit],
    )
    attach_mentions(cur, events_page)
    # Months and co-actors from one pass over the actor's events.
    spread = rows(
        cur,
        f"WITH inv AS MATERIALIZED (SELECT e.day, e.actor_names || e.recipient_names AS names FROM events e "
        f"WHERE {INVOLVED}) "
        "SELECT 'month' AS kind, substr(day, 1, 7) AS k, count(*) AS n FROM inv GROUP BY substr(day, 1, 7) "
        "UNION ALL SELECT 'actor' AS kind, x.n AS k, count(*) AS n "
        "FROM (SELECT unnest(names) AS n FROM inv) x "
        "WHERE lower(x.n) <> ? GROUP BY x.n",
        [pattern, key],
    )
    months = sorted((r for r in spread if r["kind"] == "month"), key=lambda r: r["k"] or "")
    co = sorted((r for r in spread if r["kind"] == "actor"), key=lambda r: (-r["n"], r["k"]))[:25]
    return {
        "name": found[0]["name"],
        "kinds": found,
        "events_total": sum(int(r["n"]) for r in months),
        "events": events_page,
        "by_month": [{"period": r["k"], "events": r["n"]} for r in months if r["k"] and len(r["k"]) == 7],
        "co_actors": [{"name": r["k"], "events": r["n"]} for r in co],
        "quotes_by": quotes_by(cur, key),
        "quotes_about": quotes_about(cur, key),
    }


QUOTE_COLUMNS = (
    "q.doc_id, q.id, q.text, q.start_char AS start, q.end_char AS end, q.speaker_name AS speaker, "
    "q.speaker_text, a.title, a.published"
)


def quotes_by(cur: Cursor, key: str, limit: int = 50) -> list[dict[str, Any]]:
    return rows(
        cur,
        f"SELECT {QUOTE_COLUMNS} FROM quotes q "
        "JOIN entities en ON en.doc_id = q.doc_id AND en.id = q.speaker "
        "JOIN articles a ON a.id = q.doc_id WHERE en.canonical = ? "
        "ORDER BY a.published DESC NULLS LAST, q.doc_id, q.start_char LIMIT ?",
        [key, limit],
    )


def quotes_about(cur: Cursor, key: str, limit: int = 50) -> list[dict[str, Any]]:
    """Quotes whose words mention the actor, said by someone else."""
    return rows(
        cur,
        f"SELECT DISTINCT {QUOTE_COLUMNS} FROM quotes q "
        "JOIN mentions mn ON mn.doc_id = q.doc_id "
        "AND mn.start_char >= q.start_char AND mn.end_char <= q.end_char "
        "JOIN entities en ON en.doc_id = mn.doc_id AND en.id = mn.entity_id "
        "JOIN articles a ON a.id = q.doc_id "
        "WHERE en.canonical = ? AND (q.speaker IS NULL OR q.speaker <> en.id) "
        "ORDER BY a.published DESC NULLS LAST, q.doc_id, start LIMIT ?",
        [key, limit],
    )


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
