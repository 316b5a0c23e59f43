"""Parsing absolute timestamps as news pages print them, to ISO 8601.

Shared by extraction (publication stamps) and the time annotator. Offsets are kept
when the source gives them (numeric or an unambiguous zone abbreviation) and never
invented when it does not.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from functools import cache

from .lexicon import rows

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TIME = (
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?"
)
# "UTC+5:30" before the bare abbreviation, or "UTC" alone would match and drop the offset.
_ZONE = r"(?:\s*(?P<zone>(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?|[A-Z]{1,5}|[+-]\d{2}:?\d{2}))?"

NUMERIC_STAMP = re.compile(
    r"(?P<year>(?:19|20)\d{2})[./-](?P<month>\d{1,2})[./-](?P<day>\d{1,2})\.?"
    r"(?:[ T,]+" + _TIME.replace("(?::(?P<minute>", "(?::(?P<minute>") + r")?" + _ZONE,
)
NAMED_STAMP = re.compile(
    r"(?:(?P<day1>\d{1,2})\s+(?P<month1>" + MONTH_RE + r")|(?P<month2>" + MONTH_RE + r")\s+(?P<day2>\d{1,2}))"
    r"(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})"
    r"(?:(?:,|\s+at|\s*-)?\s+" + _TIME + r")?" + _ZONE,
    re.I,
)


@cache
def zone_offsets() -> dict[str, str]:
    return {row[0]: row[1] for row in rows("zones.tsv")}


_NUMERIC_OFFSET = re.compile(r"^(?:UTC|GMT)?(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$", re.I)


def _offset(zone: str | None) -> str | None:
    if not zone:
        return None
    m = _NUMERIC_OFFSET.match(zone)
    if m is None:
        return zone_offsets().get(zone.upper())
    hours, minutes = int(m["h"]), int(m["m"] or 0)
    if hours > 14 or minutes > 59:
        return None  # no zone on Earth is that far from UTC: a number, not an offset
    return f"{m['sign']}{hours:02d}:{minutes:02d}"


def _compose(
    year: int,
    month: int,
    day: int,
    hour: str | None,
    minute: str | None,
    second: str | None,
    ampm: str | None,
    zone: str | None,
) -> str | None:
    try:
        date(year, month, day)
    except ValueError:
        return None
    if hour is None or (minute is None and ampm is None):
        return f"{year:04d}-{month:02d}-{day:02d}"
    h = int(hour)
    if ampm:
        if h > 12:
            return f"{year:04d}-{month:02d}-{day:02d}"
        pm = ampm.lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    m, s = int(minute or 0), int(second or 0)
    if h > 23 or m > 59 or s > 59:
        return f"{year:04d}-{month:02d}-{day:02d}"
    stamp = f"{year:04d}-{month:02d}-{day:02d}T{h:02d}:{m:02d}:{s:02d}"
    offset = _offset(zone)
    return stamp + offset if offset else stamp


def find_stamps(text: str) -> list[tuple[int, int, str]]:
    """Absolute timestamps in `text` as (start, end, iso), in order of appearance."""
    found: list[tuple[int, int, str]] = []
    for m in NUMERIC_STAMP.finditer(text):
        iso = _compose(
            int(m["year"]),
            int(m["month"]),
            int(m["day"]),
            m["hour"],
            m["minute"],
            m["second"],
            m["ampm"],
            m["zone"],
        )
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in NAMED_STAMP.finditer(text):
        if any(s <= m.start() < e for s, e, _ in found):
            continue
        month_word = (m["month1"] or m["month2"]).rstrip(".").lower()
        iso = _compose(
            int(m["year"]),
            MONTHS[month_word],
            int(m["day1"] or m["day2"]),
            m["hour"],
            m["minute"],
            m["second"],
            m["ampm"],
            m["zone"],
        )
        if iso:
            found.append((m.start(), m.end(), iso))
    return sorted(found)


def normalise_iso(value: str | None) -> str | None:
    """An ISO 8601 string from metadata (JSON-LD, meta tags) cleaned; None if unparseable."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        stamps = find_stamps(value)
        return stamps[0][2] if stamps else None
    if len(value) <= 10:
        return parsed.date().isoformat()
    text = parsed.isoformat()
    if parsed.tzinfo is not None and parsed.utcoffset() == timedelta(0):
        text = text.replace("+00:00", "Z") if value.endswith("Z") else text
    return text


def to_date(iso: str | None) -> date | None:
    """The calendar date of an ISO timestamp, in the timestamp's own zone."""
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(iso[:10])
        except ValueError:
            return None


__all__ = ["find_stamps", "normalise_iso", "timezone", "to_date"]
