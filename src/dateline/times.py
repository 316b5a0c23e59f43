"""Times: time expressions found in the body and resolved against the publication date.

Resolution rules (docs/times.md): weekday names point to the most recent such day on or
before the publication date, or the next one on or after it when their clause is in the
future ("will meet on Friday"); a day-month without a year takes the year that puts it
on the side of the reference its clause's tense says, or nearest it; "the same day"
takes the last day resolved before it; a time of day takes the day named in its
sentence or the one before, else the publication date. Expressions that cannot be
resolved are kept with `value: null`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from .datetimes import MONTH_RE, MONTHS, find_stamps, time_of_day, to_date
from .lexicon import lines
from .models import Article, TimeExpression
from .nlp import text_of
from .registry import register

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"
_YEAR_REL = r"(?P<yrel>\s+(?:last|next|this)\s+year)?"
_WEEKDAY = re.compile(
    r"\b(?:(?P<rel>(?i:last|next|this|on|since|until|by|from))\s+)?"
    r"(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?P<part>\s+(?:morning|afternoon|evening|night))?\b"
)
_MONTH_DAY = re.compile(
    r"\b(?:(?P<m1>"
    + MONTH_RE
    + r")\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>"
    + MONTH_RE
    + r"))(?!\d)"
    r"(?!\s*,?\s*(?:19|20)\d{2})(?P<local>\s*\(local(?: time)?\))?" + _YEAR_REL,
)
_MONTH_YEAR = re.compile(
    r"\b(?P<mod>(?:early|mid|late)-?\s*)?(?P<m>" + MONTH_RE + r")\s+(?P<y>(?:19|20)\d{2})\b"
)
_NUMERIC = re.compile(
    r"(?<![\w/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?:(?P=sep)(?P<y>(?:19|20)\d{2}|\d{2}))?(?![\w/]|\.\d)"
)
_NUMERIC_CUE = re.compile(r"(?i:\b(?:on|since|until|till|by|from|before|after|of|through)\s+)$")
_RELATIVE = re.compile(
    r"\b(?P<word>yesterday|today|tonight|tomorrow|this (?:morning|afternoon|evening)|last night)\b"
    r"|\b(?P<mod>(?:early|earlier|late|later|mid)[- ]?)?(?P<rel>last|next|this)\s+(?P<unit>week|month|year)\b"
    r"|\b(?P<n>" + _NUM + r")\s+(?P<unit2>day|week|month|year)s?\s+ago\b"
    r"|\bin\s+(?P<n3>" + _NUM + r")\s+(?P<unit3>day|week|month|year)s?\b"
    r"|\bthe\s+(?:end|beginning|start|middle)\s+of\s+(?:the|this\s|(?P<rel4>last|next)\s)?\s*(?P<unit4>week|month|year)\b",
    re.I,
)
_ANAPHORA = re.compile(
    r"\b(?P<same>the same day|that day|the following day|the next day|the day before|the previous day)\b"
    r"|\b(?P<n>"
    + _NUM
    + r")\s+days?\s+(?P<dir>later|earlier|after|before)\b(?P<of>\s+(?:the\s+)?(?P<noun>[a-z]+))?"
    r"|\bthe\s+day\s+(?P<dir2>after|before)\s+(?:the\s+)?(?P<noun2>[a-z]+)",
    re.I,
)
_MONTH_ONLY = re.compile(
    r"\b(?i:in|since|until|by|from|early|mid|late|mid-|end of|beginning of)\s+"
    r"(?:early\s+|late\s+|mid-)?(?P<m>" + MONTH_RE + r")(?![\w.]|\s*\d)" + _YEAR_REL
)
_SEASON = re.compile(
    r"\b(?:the\s+)?(?:spring|summer|autumn|fall|winter)\s+of\s+(?P<y>(?:19|20)\d{2})\b", re.I
)
_YEAR = re.compile(r"\b(?P<mod>(?:early|mid|late)-?\s*)?(?P<y>(?:19|20)\d{2})(?P<s>s)?\b")
_DAY_JOIN = re.compile(r"\s*(?:,\s*)?(?:on\s+|at\s+|of\s+)?$", re.I)
_NUMBERS = {
    "a": 1,
    "an": 1,
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
    "eleven": 11,
    "twelve": 12,
}
_FUTURE_LEMMAS = {"will", "shall", "would", "schedule", "expect", "plan", "set", "due", "going"}
_PAST_TAGS = {"VBD"}
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z.'’ -]{2,30}?)(?:,\s*(?P<region>[A-Z][\w.' ]{1,30}?))?\s*(?:\(|—|–|--|-|:|,)"
)


@dataclass
class Found:
    start: int
    end: int
    kind: str
    match: re.Match[str] | None = None
    value: str | None = None
    granularity: str | None = None
    clock: tuple[int, int | None, str | None] | None = None  # hour, minute, offset


def _number(word: str) -> int:
    return _NUMBERS.get(word.lower()) or int(word)


def _tense(doc: Doc, start: int) -> str:
    """ "future", "past" or "present" for the clause around a character offset."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return "present"
    verb: Token = span[0]
    for _ in range(8):  # climb to the verb that carries the tense
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"} and span[0].i > 0 and verb.i != span[0].i - 1:
            # A verbless fragment ("… at 12:01 a.m. | Saturday.", split by the parser)
            # belongs to the clause before it.
            verb = span[0].doc[span[0].i - 1]
            continue
        words = {c.lemma_.lower() for c in verb.children if c.dep_ in {"aux", "auxpass", "acomp"}}
        words.add(verb.lemma_.lower())
        if words & _FUTURE_LEMMAS or (verb.tag_ == "VB" and any(c.lower_ == "to" for c in verb.children)):
            return "future"
        tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        if tags & _PAST_TAGS:
            return "past"
        if tags & {"VBZ", "VBP", "MD"}:
            return "present"
        if verb.head.i == verb.i or verb.dep_ not in {"xcomp", "advcl", "acl", "relcl", "conj", "pcomp"}:
            break
        verb = verb.head  # a non-finite verb ("expected to begin entering") takes its head's tense
    return "past" if verb.tag_ == "VBN" else "present"


def _pick_year(month: int, day: int, ref: date, tense: str) -> date | None:
    """The date with this month and day on the side of `ref` the tense points to, else nearest."""
    options = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if tense == "past" and any(d <= ref for d in options):
        return max(d for d in options if d <= ref)
    if tense == "future" and any(d >= ref for d in options):
        return min(d for d in options if d >= ref)
    return min(options, key=lambda d: abs((d - ref).days)) if options else None


def _year_shift(m: re.Match[str]) -> int | None:
    rel = (m["yrel"] or "").split()
    return {"last": -1, "this": 0, "next": 1}[rel[0].lower()] if rel else None


@cache
def _month_first_countries() -> frozenset[str]:
    return frozenset(lines("month_first.txt"))


def month_first(article: Article) -> bool:
    """Whether "9/10" is month-first for this article: by its dateline's country, else its offset."""
    opener = article.dateline or article.text[:80]
    m = _DATELINE.match(opener + " -")
    if m:
        from . import gazetteer as gz

        region = (m["region"] or "").strip()
        code = gz.country_code(region) if region else None
        if code is None:
            cities = gz.cities_named(m["city"].strip().title())
            code = gz.alpha2_to_alpha3().get(cities[0].country2) if cities else None
        if code is None and region:
            code = "USA" if any(f.country == "USA" for f in gz.regions().get(gz.norm(region), ())) else None
        if code is not None:
            return code in _month_first_countries()
    offset = re.search(r"([+-])(\d{2}):?\d{2}$", article.published or "")
    return bool(offset and offset[1] == "-" and 4 <= int(offset[2]) <= 10)  # the Americas' US-style zones


def _find(text: str, published: str | None) -> list[Found]:
    found: list[Found] = []

    def add(item: Found) -> None:
        if all(item.end <= f.start or item.start >= f.end for f in found):
            found.append(item)

    for start, end, iso in find_stamps(text):
        gran = "day" if "T" not in iso else ("second" if iso[17:19] != "00" else "minute")
        add(Found(start, end, "absolute", value=iso, granularity=gran))
    for m in _NUMERIC.finditer(text):
        if m["y"] or _NUMERIC_CUE.search(text, max(0, m.start() - 12), m.start()):
            if m["sep"] == "." and not m["y"]:
                continue  # "5.6" is a number, "23.02.2024" a date
            add(Found(m.start(), m.end(), "numeric", m))
    for start, end, clock in time_of_day(text, published):
        add(Found(start, end, "clock", clock=clock))
    for regex, kind in (
        (_MONTH_YEAR, "month_year"),
        (_SEASON, "season"),
        (_MONTH_DAY, "month_day"),
        (_ANAPHORA, "anaphora"),
        (_MONTH_ONLY, "month"),
        (_RELATIVE, "relative"),
        (_WEEKDAY, "weekday"),
        (_YEAR, "year"),
    ):
        for m in regex.finditer(text):
            start = m.start()
            if kind == "weekday" and m["rel"] and m["rel"].lower() in {"on", "since", "until", "by", "from"}:
                start = m.start("day")  # "on Saturday" → the expression is "Saturday"
            elif kind == "month":
                start = m.start("m")
            add(Found(start, m.end(), kind, m))
    return sorted(found, key=lambda f: f.start)


def _resolve_numeric(item: Found, m: re.Match[str], ref: date | None, mf: bool, tense: str) -> None:
    a, b = int(m["a"]), int(m["b"])
    month, day = (a, b) if (mf and a <= 12) or b > 12 else (b, a)
    item.granularity = "day"
    if m["y"]:
        year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
        try:
            item.value = date(year, month, day).isoformat()
        except ValueError:
            item.value = None
        return
    resolved = _pick_year(month, day, ref, tense) if ref and 1 <= month <= 12 else None
    item.value = resolved.isoformat() if resolved else None


def _resolve(item: Found, ref: date | None, doc: Doc, mf: bool) -> None:
    m = item.match
    if m is None:
        return
    if item.kind == "numeric":
        _resolve_numeric(item, m, ref, mf, _tense(doc, item.start))
    elif item.kind == "month_year":
        item.value, item.granularity = f"{int(m['y']):04d}-{MONTHS[m['m'].rstrip('.').lower()]:02d}", "month"
    elif item.kind == "season":
        item.value, item.granularity = m["y"], "year"
    elif item.kind == "month_day":
        month = MONTHS[(m["m1"] or m["m2"]).rstrip(".").lower()]
        day = int(m["d1"] or m["d2"])
        shift = _year_shift(m)
        item.granularity = "day"
        if ref is None:
            return
        if shift is not None:
            try:
                item.value = date(ref.year + shift, month, day).isoformat()
            except ValueError:
                item.value = None
            return
        resolved = _pick_year(month, day, ref, _tense(doc, item.start))
        item.value = resolved.isoformat() if resolved else None
    elif item.kind == "month":
        item.granularity = "month"
        month = MONTHS[m["m"].rstrip(".").lower()]
        shift = _year_shift(m)
        if ref is None:
            return
        if shift is not None:
            item.value = f"{ref.year + shift:04d}-{month:02d}"
            return
        resolved = _pick_year(month, 1, ref.replace(day=1), "present")
        item.value = resolved.isoformat()[:7] if resolved else None
    elif item.kind == "year":
        # ISO 8601 writes a decade by its first three digits: the 1990s → "199".
        item.value = m["y"][:3] if m["s"] else m["y"]
        item.granularity = "decade" if m["s"] else "year"
    elif item.kind == "weekday":
        _resolve_weekday(item, m, ref, doc)
    elif item.kind == "relative":
        _resolve_relative(item, m, ref, doc)


def _resolve_weekday(item: Found, m: re.Match[str], ref: date | None, doc: Doc) -> None:
    item.granularity = "day"
    if ref is None:
        return
    target = WEEKDAYS.index(m["day"].lower())
    rel = (m["rel"] or "").lower()
    future = rel == "next" or (rel != "last" and _tense(doc, m.start("day")) == "future")
    if future:
        delta = (target - ref.weekday()) % 7
        if rel == "next" and delta == 0:
            delta = 7
    else:
        delta = -((ref.weekday() - target) % 7)
        if rel == "last" and delta == 0:
            delta = -7
    item.value = (ref + timedelta(days=delta)).isoformat()


def _shifted(ref: date, unit: str, step: int) -> str:
    if unit == "day":
        return (ref + timedelta(days=step)).isoformat()
    if unit == "week":
        iso = (ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{ref.year + step:04d}"


def _resolve_relative(item: Found, m: re.Match[str], ref: date | None, doc: Doc) -> None:
    unit = (m["unit"] or m["unit2"] or m["unit3"] or m["unit4"] or "day").lower()
    item.granularity = "day" if m["word"] else unit
    if ref is None:
        return
    if m["word"]:
        word = m["word"].lower()
        shift = -1 if word in {"yesterday", "last night"} else (1 if word == "tomorrow" else 0)
        item.value = (ref + timedelta(days=shift)).isoformat()
        return
    if m["unit2"]:
        step = -_number(m["n"])
    elif m["unit3"]:
        if _tense(doc, item.start) != "future":
            item.granularity = None  # "fell 5% in 18 months": a duration, not a time
            return
        step = _number(m["n3"])
    elif m["unit4"]:
        step = {"last": -1, "next": 1}.get((m["rel4"] or "").lower(), 0)
    else:
        step = {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    item.value = _shifted(ref, unit, step)


def _anchor_of(noun: str, before: int, doc: Doc, days: list[tuple[int, date]]) -> date | None:
    """The day of "the summit": a day resolved in the last earlier sentence naming it."""
    for sent in reversed(list(doc.sents)):
        if sent.start_char >= before:
            continue
        if any(t.idx < before and noun in {t.lemma_.lower(), t.lower_} for t in sent):  # "voted" → the vote
            in_sent = [d for s, d in days if sent.start_char <= s < sent.end_char]
            if in_sent:
                return in_sent[-1]
    return None


def _resolve_anaphora(item: Found, doc: Doc, last_day: date | None, days: list[tuple[int, date]]) -> None:
    m = item.match
    assert m is not None
    item.granularity = "day"
    if m["same"]:
        phrase = m["same"].lower()
        shift = 1 if phrase in {"the following day", "the next day"} else 0
        shift = -1 if phrase in {"the day before", "the previous day"} else shift
        anchor = last_day
    else:
        direction = (m["dir"] or m["dir2"]).lower()
        shift = (_number(m["n"]) if m["n"] else 1) * (1 if direction in {"later", "after"} else -1)
        noun = m["noun2"] or (m["noun"] if m["of"] and direction in {"after", "before"} else None)
        noun = noun.lower() if noun else None
        anchor = _anchor_of(noun, item.start, doc, days) if noun else last_day
    item.value = (anchor + timedelta(days=shift)).isoformat() if anchor else None


def _merge_clocks(found: list[Found], text: str) -> list[Found]:
    """Join a time of day to the day right before or after it ("4:10 p.m. on Monday")."""
    merged: list[Found] = []
    for item in found:
        prev = merged[-1] if merged else None
        joined = prev is not None and prev.kind != "clock" and prev.clock is not None  # one clock a day
        if prev is not None and not joined and _joinable(prev, item, text):
            clock, day = (prev, item) if prev.kind == "clock" else (item, prev)
            day.start, day.end = prev.start, item.end
            day.clock = clock.clock
            merged[-1] = day
            continue
        merged.append(item)
    return merged


def _joinable(a: Found, b: Found, text: str) -> bool:
    kinds = {a.kind, b.kind}
    if "clock" not in kinds or len(kinds) == 1:
        return False
    other = b if a.kind == "clock" else a
    if other.kind not in {"weekday", "month_day", "numeric", "absolute"} and not (
        other.kind == "relative" and other.match is not None and other.match["word"]
    ):
        return False
    return b.start - a.end <= 6 and bool(_DAY_JOIN.fullmatch(text[a.end : b.start]))


def _with_clock(day_iso: str, clock: tuple[int, int | None, str | None]) -> tuple[str, str]:
    hour, minute, offset = clock
    value = f"{day_iso[:10]}T{hour:02d}:{minute or 0:02d}:00{offset or ''}"
    return value, "hour" if minute is None else "minute"


def _resolve_clocks(found: list[Found], doc: Doc, ref: date | None) -> None:
    """A lone time of day takes the last day named in its sentence or the one before."""
    sents = [(s.start_char, s.end_char) for s in doc.sents]

    def sentence(offset: int) -> int:
        return next((i for i, (s, e) in enumerate(sents) if s <= offset < e), -1)

    for i, item in enumerate(found):
        if item.clock is None:
            continue
        if item.kind != "clock":
            if item.value and item.granularity == "day":
                item.value, item.granularity = _with_clock(item.value, item.clock)
            continue
        here = sentence(item.start)
        earlier = [
            f
            for f in found[:i]
            if f.granularity == "day" and f.value and sentence(f.start) in {here, here - 1}
        ]
        anchor = date.fromisoformat(earlier[-1].value[:10]) if earlier and earlier[-1].value else ref
        if anchor is not None:
            item.value, item.granularity = _with_clock(anchor.isoformat(), item.clock)
        else:
            item.granularity = "hour" if item.clock[1] is None else "minute"


def resolve_times(doc: Doc, article: Article) -> list[TimeExpression]:
    text = text_of(doc)
    ref = to_date(article.published)
    found = _find(text, article.published)
    mf = month_first(article)
    # spaCy's DATE/TIME spans that no rule covers are kept, unresolved.
    for ent in doc.ents:
        if ent.label_ in {"DATE", "TIME"} and all(
            ent.end_char <= f.start or ent.start_char >= f.end for f in found
        ):
            found.append(Found(ent.start_char, ent.end_char, "model"))
    found.sort(key=lambda f: f.start)
    last_day: date | None = None
    days: list[tuple[int, date]] = []
    for item in found:
        try:
            if item.kind == "anaphora":
                _resolve_anaphora(item, doc, last_day, days)
            else:
                _resolve(item, ref, doc, mf)
        except OverflowError:
            # A reference date at the calendar's edge (a page dated year 1 or 9999): the
            # expression is kept, unresolved, rather than losing the article.
            item.value = None
        if item.granularity in {"day", "second", "minute"} and item.value:
            last_day = date.fromisoformat(item.value[:10])
            days.append((item.start, last_day))
    found = _merge_clocks(found, text)
    _resolve_clocks(found, doc, ref)
    return [
        TimeExpression(
            text=text[item.start : item.end],
            start=item.start,
            end=item.end,
            value=item.value,
            granularity=item.granularity,  # type: ignore[arg-type]
        )
        for item in found
    ]


@register("times", "times.rules.v2")
def annotate_times(doc: Doc, article: Article, **_: Any) -> list[TimeExpression]:
    """Time expressions of the body, resolved against `article.published`."""
    return resolve_times(doc, article)
