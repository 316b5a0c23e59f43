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

# Day first, as Europe and most of the world print it: "18.09.2023, 10.34 Uhr",
# "18/09/2023 à 10h34". A "/" date whose second number is over 12 is month first (US).
DMY_STAMP = re.compile(
    r"(?<![\d.\/])(?P<first>\d{1,2})(?P<sep>[./])(?P<second>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d{2})(?!\d|\.\d)"
    r"(?:(?:\s*,|\s+à|\s+um|\s+at|\s+-)?\s+(?P<hour>\d{1,2})(?:[:h](?P<minute>\d{2})(?::(?P<second_>\d{2}))?"
    r"|\.(?P<minute2>\d{2})(?=\s*Uhr))(?:\s*Uhr)?)?" + _ZONE
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


_CLOCK = re.compile(
    r"(?<![\d:.])(?:(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m\b\.?"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![:\d])"
    r"|(?P<hm>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?=\s+(?:GMT|UTC|Z)\b)"
    r"|(?P<named>\b(?:noon|midnight)\b))"
    r"(?P<tail>\s+(?:local time|[A-Z]{1,5}\b))?"
)
_CLOCK_CUE = re.compile(r"(?i:\b(?:at|by|from|until|till|around|about|before|after)\s+)$")


@cache
def _ambiguous_zones() -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(row[1].split("|")) for row in rows("ambiguous_zones.tsv")}


def zone_offset(zone: str | None, published: str | None = None) -> str | None:
    """UTC offset of a zone abbreviation; an ambiguous one (IST, CST) only when the
    publication stamp's own offset is one of its readings."""
    if not zone:
        return None
    offset = _offset(zone)
    if offset:
        return offset
    readings = _ambiguous_zones().get(zone.upper(), ())
    own = re.search(r"([+-]\d{2}:\d{2}|Z)$", published or "")
    own_offset = "+00:00" if own and own[1] == "Z" else (own[1] if own else None)
    return own_offset if own_offset in readings else None


def time_of_day(
    text: str, published: str | None = None
) -> list[tuple[int, int, tuple[int, int | None, str | None]]]:
    """Times of day ("6 a.m. KST", "14:00 GMT", "1030 GMT", "5.30 pm IST") as
    (start, end, (hour, minute or None, UTC offset or None)). A 24-hour time needs a zone
    or a cue word ("at 14:00") so that scores and ratios are not read as times."""
    found = []
    for m in _CLOCK.finditer(text):
        tail = (m["tail"] or "").strip()
        known = tail == "local time" or bool(_offset(tail)) or tail.upper() in _ambiguous_zones()
        end = m.end() if known else m.end() - len(m["tail"] or "")
        if m["named"]:
            hour, minute = (12 if m["named"] == "noon" else 0), None
        elif m["ampm"]:
            hour = int(m["h"])
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if m["ampm"].lower() == "p" else 0)
            minute = int(m["m"]) if m["m"] else None
        else:
            if not known and not (m["h24"] and _CLOCK_CUE.search(text, max(0, m.start() - 10), m.start())):
                continue
            hour = int(m["h24"] or m["hm"])
            minute = int(m["m24"] or m["mm"])
        offset = zone_offset(tail, published) if known and tail != "local time" else None
        found.append((m.start(), end, (hour, minute, offset)))
    return found


def _compose(
    year: int,
    month: int,
    day: int,
    hour: str | None,
    minute: str | None,
    second: str | None,
    ampm: str | None,
    zone: str | None,
    guess: bool = False,
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
    if offset is None and guess and zone:
        # A page's own stamp gives nothing to check an ambiguous zone against: take the
        # reading listed first in ambiguous_zones.tsv, the one most common in news.
        offset = next(iter(_ambiguous_zones().get(zone.upper(), ())), None)
    return stamp + offset if offset else stamp


# The fields of a timestamp as each form writes them:
# (year, month, day, hour, minute, second, am/pm).
_Fields = tuple[int, int, int, str | None, str | None, str | None, str | None]


def _numeric_fields(m: re.Match[str]) -> _Fields:
    return int(m["year"]), int(m["month"]), int(m["day"]), m["hour"], m["minute"], m["second"], m["ampm"]


def _named_fields(m: re.Match[str]) -> _Fields:
    month = MONTHS[(m["month1"] or m["month2"]).rstrip(".").lower()]
    return int(m["year"]), month, int(m["day1"] or m["day2"]), m["hour"], m["minute"], m["second"], m["ampm"]


def _dmy_fields(m: re.Match[str]) -> _Fields:
    first, second = int(m["first"]), int(m["second"])
    day, month = (second, first) if m["sep"] == "/" and second > 12 else (first, second)
    return int(m["year"]), month, day, m["hour"], m["minute"] or m["minute2"], m["second_"], None


# In order of precedence: a later form is not read where an earlier one matched.
_STAMP_FORMS = (
    (NUMERIC_STAMP, _numeric_fields),
    (NAMED_STAMP, _named_fields),
    (DMY_STAMP, _dmy_fields),
)


def find_stamps(text: str, *, guess_zones: bool = False) -> list[tuple[int, int, str]]:
    """Absolute timestamps in `text` as (start, end, iso), in order of appearance.

    `guess_zones` (for a page's own published/updated stamps) reads an ambiguous zone
    abbreviation with its most common reading; in article text such a zone is left
    unresolved unless the publication offset settles it (`zone_offset`)."""
    found: list[tuple[int, int, str]] = []
    for pattern, fields in _STAMP_FORMS:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e, _ in found):
                continue
            iso = _compose(*fields(m), m["zone"], guess_zones)
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
        stamps = find_stamps(value, guess_zones=True)
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


__all__ = ["find_stamps", "normalise_iso", "time_of_day", "timezone", "to_date", "zone_offset"]
