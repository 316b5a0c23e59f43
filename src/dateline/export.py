"""Export merged events from a store as JSONL, CSV, Parquet or a GDELT-style table.

One record per merged event (same type, actors, recipients and day; see docs/events.md),
with its counts, the codes of its first actor and recipient, the place of its first
mention and the distinct sources that reported it. The GDELT-style column mapping is
documented in docs/export.md. Every value is read through query parameters; Parquet is
written by DuckDB itself from an in-memory table.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import duckdb

from .errors import DatelineError
from .store import Store

FORMATS = ("jsonl", "csv", "parquet", "gdelt")

_EVENTS = """
SELECT e.event_key, e.type, e.quad_class, e.day, e.actor_names, e.recipient_names,
       e.num_mentions, e.num_articles, e.num_sources, e.first_seen,
       list(DISTINCT coalesce(s.url, s.path) ORDER BY coalesce(s.url, s.path))
           FILTER (WHERE coalesce(s.url, s.path) IS NOT NULL) AS sources,
       max(m.confidence) AS confidence
FROM events e JOIN event_mentions m USING (event_key) JOIN sources s ON s.doc_id = m.doc_id
WHERE (? IS NULL OR e.type = ?) AND (? IS NULL OR e.day >= ?) AND (? IS NULL OR e.day <= ?)
GROUP BY ALL ORDER BY e.day NULLS LAST, e.event_key
"""

# The first mention of each event (earliest ingested article, then position in it).
_FIRST = """
SELECT m.event_key, m.doc_id, m.mode, m.actors, m.recipients, m.place, m.modality,
       m.reported_by, m.evidence, s.url, s.path
FROM event_mentions m JOIN articles a ON a.id = m.doc_id JOIN sources s ON s.doc_id = m.doc_id
QUALIFY row_number() OVER (PARTITION BY m.event_key ORDER BY a.ingested_at, m.doc_id, m.evidence_start) = 1
"""

_ENTITIES = "SELECT doc_id, id, name, country, sector FROM entities"
_PLACES = """SELECT doc_id, entity_id, name, lat, lon, country, admin1, geonameid, precision
             FROM places"""

# GDELT 2.0 event-table columns we fill, in GDELT's order; see docs/export.md.
GDELT_COLUMNS = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
)
# GDELT's ActionGeo_Type: 1 country, 3 US city, 4 world city, 5 world state / region.
_GEO_TYPE = {"country": 1, "region": 5, "city": 4, "place": 4}


def _code(entity: dict[str, Any] | None) -> str:
    """CAMEO-style actor code: ISO alpha-3 country followed by the sector ("RUSGOV")."""
    if entity is None:
        return ""
    return f"{entity.get('country') or ''}{entity.get('sector') or ''}"


# PLOVER sector codes (manual, "Sector Codes", and the IGO / NGO / OPP / REL codes dateline
# uses); none is an ISO 3166 alpha-3 country code.
SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "NGO",
        "IGO",
        "OPP",
        "REL",
        "PRE",
    ]
)


def _split_code(code: str) -> tuple[str, str]:
    """(country, sector) of an actor code: "RUSGOV" → (RUS, GOV), "JRN" → ("", JRN),
    "USA" → (USA, "")."""
    if code in SECTORS:
        return "", code
    return code[:3], code[3:]


def _codes(
    names: list[str], ids: list[str], doc_id: str, entities: dict[tuple[str, str], dict[str, Any]]
) -> list[str]:
    """Actor codes in the order of the merged event's (sorted) names."""
    by_name = {}
    for i in ids:
        entity = entities.get((doc_id, i))
        if entity is not None:
            by_name[entity["name"]] = _code(entity)
    return [by_name.get(name, "") for name in names]


def merged_events(
    store: Store, *, type: str | None = None, since: str | None = None, until: str | None = None
) -> list[dict[str, Any]]:
    """Merged events with counts, actor codes, first-mention place and sources."""
    kind = type.upper() if type else None
    con = store.con
    cursor = con.execute(_EVENTS, [kind, kind, since, since, until, until])
    columns = [d[0] for d in cursor.description]
    events = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    first = {row[0]: row for row in con.execute(_FIRST).fetchall()}
    entities = {
        (r[0], r[1]): {"name": r[2], "country": r[3], "sector": r[4]}
        for r in con.execute(_ENTITIES).fetchall()
    }
    places = {
        (r[0], r[1]): dict(
            zip(("name", "lat", "lon", "country", "admin1", "geonameid", "precision"), r[2:], strict=True)
        )
        for r in con.execute(_PLACES).fetchall()
    }
    out = []
    for ev in events:
        _, doc_id, mode, actors, recipients, place, modality, reported_by, evidence, url, path = first[
            ev["event_key"]
        ]
        geo = places.get((doc_id, place)) if place else None
        out.append(
            {
                "event_key": ev["event_key"],
                "type": ev["type"],
                "mode": mode,
                "quad_class": ev["quad_class"],
                "day": ev["day"],
                "actors": list(ev["actor_names"]),
                "recipients": list(ev["recipient_names"]),
                "actor_codes": _codes(ev["actor_names"], actors, doc_id, entities),
                "recipient_codes": _codes(ev["recipient_names"], recipients, doc_id, entities),
                "modality": modality,
                "reported_by": list(reported_by or []),
                "place": geo["name"] if geo else None,
                "lat": geo["lat"] if geo else None,
                "lon": geo["lon"] if geo else None,
                "place_country": geo["country"] if geo else None,
                "place_admin1": geo["admin1"] if geo else None,
                "place_geonameid": geo["geonameid"] if geo else None,
                "place_precision": geo["precision"] if geo else None,
                "num_mentions": ev["num_mentions"],
                "num_articles": ev["num_articles"],
                "num_sources": ev["num_sources"],
                "confidence": ev["confidence"],
                "first_seen": ev["first_seen"].isoformat() if ev["first_seen"] else None,
                "source_url": url or path,
                "sources": list(ev["sources"] or []),
                "evidence": evidence,
            }
        )
    return out


def gdelt_row(number: int, ev: dict[str, Any]) -> list[Any]:
    """One event as GDELT 2.0 event-table values, in GDELT_COLUMNS order."""
    day = (ev["day"] or "").replace("-", "")
    year = day[:4]
    full_day = day if len(day) == 8 and day.isdigit() else ""
    month = int(day[4:6]) if len(day) >= 6 else 0
    doy = int(day[6:8]) if len(day) == 8 else 0
    fraction = f"{int(year) + ((month - 1) * 30.5 + doy) / 365:.4f}" if year and month else ""

    def actor(names: list[str], codes: list[str]) -> list[str]:
        code = codes[0] if codes else ""
        country, sector = _split_code(code)
        return [code, "; ".join(names), country, sector] if names else ["", "", "", ""]

    added = (ev["first_seen"] or "").replace("-", "").replace("T", "").replace(":", "")[:14]
    return [
        number,
        full_day,
        day[:6] if len(day) >= 6 else "",
        year,
        fraction,
        *actor(ev["actors"], ev["actor_codes"]),
        *actor(ev["recipients"], ev["recipient_codes"]),
        1,
        ev["type"],
        ev["mode"] or "",
        ev["type"],
        ev["quad_class"],
        "",
        ev["num_mentions"],
        ev["num_sources"],
        ev["num_articles"],
        "",
        _GEO_TYPE.get(ev["place_precision"] or "", 0) if ev["place"] else 0,
        ev["place"] or "",
        ev["place_country"] or "",
        ev["place_admin1"] or "",
        "" if ev["lat"] is None else ev["lat"],
        "" if ev["lon"] is None else ev["lon"],
        ev["place_geonameid"] or "",
        added,
        ev["source_url"] or "",
    ]


def _flat(value: Any) -> Any:
    return "; ".join(str(v) for v in value) if isinstance(value, list) else value


def write(events: list[dict[str, Any]], fmt: str, out: IO[str] | None, path: str | None = None) -> None:
    """Write the events in `fmt` to `out` (text formats) or to `path` (Parquet)."""
    if fmt not in FORMATS:
        raise DatelineError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not path:
            raise DatelineError("parquet export needs an output file: -o FILE")
        write_parquet(events, Path(path))
        return
    assert out is not None
    if fmt == "jsonl":
        for ev in events:
            out.write(json.dumps(ev, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        columns = merged_columns()
        _table(out, list(columns), ([_flat(ev[c]) for c in columns] for ev in events), ",")
    else:
        rows = (gdelt_row(n, ev) for n, ev in enumerate(events, 1))
        _table(out, list(GDELT_COLUMNS), rows, "\t")


def _table(out: IO[str], header: list[str], rows: Iterable[list[Any]], delimiter: str) -> None:
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    if header:
        writer.writerow(header)
    writer.writerows(rows)


_PARQUET_TYPES = {
    "quad_class": "INTEGER",
    "num_mentions": "INTEGER",
    "num_articles": "INTEGER",
    "num_sources": "INTEGER",
    "confidence": "DOUBLE",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
    "place_geonameid": "BIGINT",
}
_LISTS = {"actors", "recipients", "actor_codes", "recipient_codes", "reported_by", "sources"}


def write_parquet(events: list[dict[str, Any]], path: Path) -> None:
    """Parquet through an in-memory DuckDB table (lists stay lists)."""
    columns = list(merged_columns())
    con = duckdb.connect(":memory:")
    try:
        # Column names and types come from the fixed tables above, never from input.
        spec = ", ".join(
            f'"{c}" {"VARCHAR[]" if c in _LISTS else _PARQUET_TYPES.get(c, "VARCHAR")}' for c in columns
        )
        con.execute(f"CREATE TABLE events ({spec})")
        if events:
            marks = ", ".join("?" * len(columns))
            con.executemany(
                f"INSERT INTO events VALUES ({marks})", [[ev[c] for c in columns] for ev in events]
            )
        con.table("events").write_parquet(str(path))
    except (duckdb.Error, OSError) as exc:
        raise DatelineError(f"cannot write {path}: {exc}") from None
    finally:
        con.close()


def merged_columns() -> tuple[str, ...]:
    """The fields of one exported event, in order (the JSONL keys and CSV header)."""
    return (
        "event_key",
        "type",
        "mode",
        "quad_class",
        "day",
        "actors",
        "recipients",
        "actor_codes",
        "recipient_codes",
        "modality",
        "reported_by",
        "place",
        "lat",
        "lon",
        "place_country",
        "place_admin1",
        "place_geonameid",
        "place_precision",
        "num_mentions",
        "num_articles",
        "num_sources",
        "confidence",
        "first_seen",
        "source_url",
        "sources",
        "evidence",
    )


def export_text(events: list[dict[str, Any]], fmt: str) -> str:
    """The export as a string (text formats), for tests and the API."""
    buffer = io.StringIO()
    write(events, fmt, buffer)
    return buffer.getvalue()
