"""Times: time expressions found in the body and resolved against the publication date.

Resolution rules (docs/times.md): weekday names point to the most recent such day on or
before the publication date, or the next one on or after it when their clause is in the
future ("will meet on Friday"); a day-month without a year takes the year that puts it
nearest the publication date; "the same day" takes the last day resolved before it.
Expressions that cannot be resolved are kept with `value: null`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc

from .datetimes import MONTH_RE, MONTHS, find_stamps, to_date
from .models import Article, TimeExpression
from .registry import register

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(
    r"\b(?:(?P<rel>last|next|this|on|since|until|by|from)\s+)?(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?P<part>\s+(?:morning|afternoon|evening|night))?\b"
)
_MONTH_DAY = re.compile(
    r"\b(?:(?P<m1>"
    + MONTH_RE
    + r")\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>"
    + MONTH_RE
    + r"))"
    r"(?!\s*,?\s*(?:19|20)\d{2})(?P<local>\s*\(local(?: time)?\))?",
)
_MONTH_YEAR = re.compile(
    r"\b(?P<mod>(?:early|mid|late)-?\s*)?(?P<m>" + MONTH_RE + r")\s+(?P<y>(?:19|20)\d{2})\b"
)
_RELATIVE = re.compile(
    r"\b(?P<word>yesterday|today|tonight|tomorrow)\b"
    r"|\b(?P<rel>last|next|this|earlier this|later this)\s+(?P<unit>week|month|year)\b"
    r"|\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit2>day|week|month|year)s?\s+ago\b"
    r"|\b(?P<ana>the same day|that day|the following day|the next day|the day before|the previous day)\b",
    re.I,
)
_MONTH_ONLY = re.compile(
    r"\b(?:in|since|until|by|from|early|mid|late|mid-|end of|beginning of)\s+(?:early\s+|late\s+|mid-)?(?P<m>"
    + MONTH_RE
    + r")(?![\w.]|\s*\d)"
)
_YEAR = re.compile(r"\b(?P<mod>(?:early|mid|late)-?\s*)?(?P<y>(?:19|20)\d{2})(?P<s>s)?\b")
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_FUTURE_LEMMAS = {"will", "shall", "schedule", "expect", "plan", "set", "due", "going"}


@dataclass
class Found:
    start: int
    end: int
    kind: str
    match: re.Match[str] | None = None
    value: str | None = None
    granularity: str | None = None


def _is_future(doc: Doc, start: int) -> bool:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    verb = tok
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    words = {c.lemma_.lower() for c in verb.children} | {verb.lemma_.lower()}
    return bool(words & _FUTURE_LEMMAS) or (
        verb.tag_ == "VB" and any(c.lower_ in {"to"} for c in verb.children)
    )


def _nearest_year(month: int, day: int, ref: date | None) -> date | None:
    if ref is None:
        return None
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - ref).days) < abs((best - ref).days):
            best = candidate
    return best


def _find(text: str) -> list[Found]:
    found: list[Found] = []

    def add(item: Found) -> None:
        if all(item.end <= f.start or item.start >= f.end for f in found):
            found.append(item)

    for start, end, iso in find_stamps(text):
        add(Found(start, end, "absolute", value=iso, granularity="second" if "T" in iso else "day"))
    for regex, kind in (
        (_MONTH_YEAR, "month_year"),
        (_MONTH_DAY, "month_day"),
        (_RELATIVE, "relative"),
        (_WEEKDAY, "weekday"),
        (_MONTH_ONLY, "month"),
        (_YEAR, "year"),
    ):
        for m in regex.finditer(text):
            start = m.start()
            if kind == "weekday" and m["rel"] in {"on", "since", "until", "by", "from"}:
                start = m.start("day")  # "on Saturday" → the expression is "Saturday"
            elif kind == "month":
                start = m.start("m")
            add(Found(start, m.end(), kind, m))
    return sorted(found, key=lambda f: f.start)


def _resolve(item: Found, ref: date | None, doc: Doc, last_day: date | None) -> None:
    m = item.match
    if m is None:
        return
    if item.kind == "month_year":
        item.value, item.granularity = f"{int(m['y']):04d}-{MONTHS[m['m'].rstrip('.').lower()]:02d}", "month"
    elif item.kind == "month_day":
        month = MONTHS[(m["m1"] or m["m2"]).rstrip(".").lower()]
        resolved = _nearest_year(month, int(m["d1"] or m["d2"]), ref)
        item.granularity = "day"
        item.value = resolved.isoformat() if resolved else None
    elif item.kind == "month":
        item.granularity = "month"
        resolved = _nearest_year(MONTHS[m["m"].rstrip(".").lower()], 1, ref)
        item.value = resolved.isoformat()[:7] if resolved else None
    elif item.kind == "year":
        # ISO 8601 writes a decade by its first three digits: the 1990s → "199".
        item.value = m["y"][:3] if m["s"] else m["y"]
        item.granularity = "decade" if m["s"] else "year"
    elif item.kind == "weekday":
        item.granularity = "day"
        if ref is None:
            return
        target = WEEKDAYS.index(m["day"].lower())
        rel = (m["rel"] or "").lower()
        future = rel == "next" or (rel != "last" and _is_future(doc, item.start))
        if future:
            delta = (target - ref.weekday()) % 7
            if rel == "next" and delta == 0:
                delta = 7
        else:
            delta = -((ref.weekday() - target) % 7)
            if rel == "last" and delta == 0:
                delta = -7
        item.value = (ref + timedelta(days=delta)).isoformat()
    elif item.kind == "relative":
        _resolve_relative(item, m, ref, last_day)


def _resolve_relative(item: Found, m: re.Match[str], ref: date | None, last_day: date | None) -> None:
    if m["ana"]:
        item.granularity = "day"
        phrase = m["ana"].lower()
        if last_day is None:
            return
        shift = (
            1
            if phrase in {"the following day", "the next day"}
            else (-1 if phrase in {"the day before", "the previous day"} else 0)
        )
        item.value = (last_day + timedelta(days=shift)).isoformat()
        return
    if ref is None:
        item.granularity = "day" if m["word"] else (m["unit"] or m["unit2"] or "day").lower()
        return
    if m["word"]:
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m["word"].lower()]
        item.value, item.granularity = (ref + timedelta(days=shift)).isoformat(), "day"
        return
    unit = (m["unit"] or m["unit2"]).lower()
    if m["unit2"]:
        n = _NUMBERS.get(m["n"].lower()) or int(m["n"])
        step = -n
    else:
        rel = m["rel"].lower()
        step = -1 if rel == "last" else (1 if rel == "next" else 0)
    item.granularity = unit
    if unit == "day":
        item.value = (ref + timedelta(days=step)).isoformat()
    elif unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
        iso = monday.isocalendar()
        item.value = f"{iso.year:04d}-W{iso.week:02d}"
    elif unit == "month":
        index = ref.year * 12 + ref.month - 1 + step
        item.value = f"{index // 12:04d}-{index % 12 + 1:02d}"
    else:
        item.value = f"{ref.year + step:04d}"


def resolve_times(doc: Doc, article: Article) -> list[TimeExpression]:
    text = doc.text
    ref = to_date(article.published)
    found = _find(text)
    # spaCy's DATE/TIME spans that no rule covers are kept, unresolved.
    for ent in doc.ents:
        if ent.label_ in {"DATE", "TIME"} and all(
            ent.end_char <= f.start or ent.start_char >= f.end for f in found
        ):
            found.append(Found(ent.start_char, ent.end_char, "model"))
    found.sort(key=lambda f: f.start)
    last_day: date | None = None
    result: list[TimeExpression] = []
    for item in found:
        _resolve(item, ref, doc, last_day)
        if item.granularity in {"day", "second"} and item.value:
            last_day = date.fromisoformat(item.value[:10])
        result.append(
            TimeExpression(
                text=text[item.start : item.end],
                start=item.start,
                end=item.end,
                value=item.value,
                granularity=item.granularity,  # type: ignore[arg-type]
            )
        )
    return result


@register("times", "times.rules.v1")
def annotate_times(doc: Doc, article: Article, **_: Any) -> list[TimeExpression]:
    """Time expressions of the body, resolved against `article.published`."""
    return resolve_times(doc, article)
