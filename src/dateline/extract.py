"""Extract: RawInput → Article (title, dates, authors, publisher, language, captions, body).

HTML goes through `extract_html` (trafilatura for the body, our own metadata layer);
plain-text scrapes through `extract_text`. Both share the cleaning rules below:
bylines, photo credits, copyright lines and UI strings, all driven by data files.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .datetimes import normalise_iso
from .errors import ExtractionError
from .ingest import RawInput
from .lexicon import lines
from .limits import refuse_entity_declarations
from .models import Article, Caption

# --- UI strings --------------------------------------------------------------------


@cache
def _ui_strings() -> tuple[str, ...]:
    # Longest first so that "Share this article" wins over "Share".
    return tuple(sorted({s.casefold() for s in lines("ui_strings.txt")}, key=len, reverse=True))


def strip_ui(line: str) -> str:
    """The line without UI strings glued to its end; empty if the line is only UI."""
    text = line.strip()
    folded = text.casefold()
    changed = True
    while text and changed:
        changed = False
        for ui in _ui_strings():
            if folded == ui:
                return ""
            # Only strip a UI string glued to the end when it cannot be a real word
            # of the sentence: non-Latin script, or the line ends with a credit bracket.
            if folded.endswith(ui) and (not ui.isascii() or folded[: -len(ui)].rstrip().endswith("]")):
                text = text[: len(text) - len(ui)].rstrip()
                folded = text.casefold()
                changed = True
                break
    return text


# --- photo credits and captions ------------------------------------------------------

_CREDIT_PATTERNS = (
    re.compile(
        r"\s*\[\s*(?:photo|image|picture|photograph|graphic)s?\s*(?:by|:|=|courtesy of)?\s*"
        r"(?P<credit>[^\]]{2,80})\]\s*$",
        re.I,
    ),
    re.compile(
        r"\s*\(\s*(?:photo|image|picture)s?\s*(?:by|:|=|courtesy of)\s*(?P<credit>[^)]{2,80})\)\s*$", re.I
    ),
    re.compile(r"\s*(?i:photo|image|picture)s?\s*(?:by|:|/)\s*(?P<credit>[A-Z][^.]{1,60})\.?\s*$"),
    re.compile(r"\s*\(\s*(?P<credit>[^()]{2,40})\)\s*$"),
    re.compile(r"\s*/\s*(?P<credit>[A-Z][\w .&-]{1,40})$"),
)


@cache
def _media_orgs() -> frozenset[str]:
    return frozenset(s.casefold() for s in lines("media_orgs.txt"))


def is_media_org(name: str) -> bool:
    return name.strip().strip(".").casefold() in _media_orgs()


def split_credit(text: str) -> tuple[str, str | None]:
    """A caption's text and its credit ("[Photo by Yonhap]" → "Yonhap"), or None."""
    for number, pattern in enumerate(_CREDIT_PATTERNS):
        m = pattern.search(text)
        if not m:
            continue
        credit = m["credit"].strip().strip(".")
        # A bare "(…)" or "/ …" at the end is a credit only when it names an agency
        # or a photographer credit ("AP Photo/Ahn Young-joon").
        if number >= 3 and not (is_media_org(credit) or "/" in credit or "photo" in credit.lower()):
            continue
        return text[: m.start()].strip(), credit
    return text.strip(), None


def has_credit(text: str) -> bool:
    return split_credit(text)[1] is not None


def caption_from(text: str) -> Caption | None:
    body, credit = split_credit(strip_ui(text))
    return Caption(text=body, credit=credit) if body else None


# --- bylines -----------------------------------------------------------------------

_BYLINE = re.compile(
    r"^\s*(?:by|written by|words by|reporting by|story by|reporters?:|by:)\s+(?P<names>.+?)\s*$",
    re.I,
)
_ROLE_WORDS = re.compile(
    r"\b(?:staff\s+(?:writer|reporter|correspondent)|senior\s+\w+\s+(?:writer|reporter|correspondent)|"
    r"(?:chief\s+)?correspondent|reporter|columnist|editor|contributor|special to [\w ]+|"
    r"news\s+desk|contributing writer|writer)\b",
    re.I,
)
_EMAIL = re.compile(r"\S+@\S+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$|^(?:van|von|de|da|del|der|la|le|bin|al|el|ibn)$")


def parse_byline(line: str) -> list[str] | None:
    """Author names from a byline ("By A and B", "A, B and C", "A in Seoul and B in Tokyo").

    Returns None when the line is not a byline.
    """
    m = _BYLINE.match(line)
    if not m:
        return None
    names = clean_authors([m["names"]])
    return names or None


def clean_authors(values: Any) -> list[str]:
    """A clean list of person names from author strings or JSON-LD author objects."""
    raw: list[str] = []
    for value in values if isinstance(values, list) else [values]:
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str):
            raw.append(value)
    names: list[str] = []
    for value in raw:
        value = _EMAIL.sub(" ", value)
        value = _HANDLE.sub(" ", value)
        value = re.sub(r"^\s*(?:by|by:)\s+", "", value, flags=re.I)
        value = re.sub(r"view all (?:posts|articles|stories) by", " ", value, flags=re.I)
        for part in re.split(r"\s*(?:,|;|&|\band\b|\|)\s*", value):
            part = _ROLE_WORDS.sub(" ", part)
            # "Name in Seoul": a reporter's location is not part of the name.
            part = re.sub(r"\s+(?:in|from|at)\s+[A-Z][\w .'-]*$", "", part.strip())
            part = re.sub(r"\s+", " ", part).strip(" .-–—:|")
            if not part or is_media_org(part):
                continue
            tokens = part.split()
            if not 1 < len(tokens) <= 5 and not (len(tokens) == 1 and "-" in part):
                continue
            if part.isupper():
                part = " ".join(
                    t.capitalize() if "-" not in t else "-".join(x.capitalize() for x in t.split("-"))
                    for t in tokens
                )
                tokens = part.split()
            if not all(_NAME_TOKEN.match(t) for t in tokens):
                continue
            if part not in names:
                names.append(part)
    return names


# --- copyright / publisher -----------------------------------------------------------

_COPYRIGHT = re.compile(r"ⓒ|©|\(c\)|copyright|all rights reserved", re.I)


def is_copyright(line: str) -> bool:
    return bool(_COPYRIGHT.search(line)) and len(line) < 300


def publisher_from_copyright(line: str) -> str | None:
    """ "[ⓒ Example Daily, All rights reserved]" → "Example Daily"."""
    text = line.strip().strip("[]()")
    text = re.sub(r"all rights reserved\.?", " ", text, flags=re.I)
    text = re.sub(r"ⓒ|©|\(c\)|copyright", " ", text, flags=re.I)
    text = re.sub(r"\b(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\b", " ", text)
    text = re.sub(r"unauthorized .*$|reproduction .*$|redistribution .*$", " ", text, flags=re.I)
    text = re.sub(r"\s+", " ", text).strip(" ,.&;:-|")
    return text or None


# --- language ------------------------------------------------------------------------


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, detected offline (py3langid)."""
    sample = text[:3000]
    if len(sample.strip()) < 20:
        return None
    import py3langid

    code, _score = py3langid.classify(sample)
    return str(code) if code else None


# --- datelines ------------------------------------------------------------------------

_DATELINE = re.compile(
    r"^(?P<dl>[A-Z]{2}[A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"  # SEOUL, NEW YORK, ADRE
    r"(?:,\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2})?"  # , Chad  / , Sept
    r"(?:,?\s+\d{1,2})?"  # 18
    r"(?:\s*\([^)]{2,30}\))?"  # (Yonhap)
    r")\s*(?:--|—|–|-|:)\s+"
)


def split_dateline(text: str) -> tuple[str | None, str]:
    """("SEOUL, Sept. 18 (Yonhap)", rest) when the body opens with a wire dateline."""
    m = _DATELINE.match(text)
    if not m or len(m["dl"]) > 80:
        return None, text
    return m["dl"].strip(), text[m.end() :]


# --- dispatch ------------------------------------------------------------------------


def extract(raw: RawInput) -> Article:
    """The article in `raw`; metadata given with the input (JSON records) wins."""
    if raw.format == "html":
        from .extract_html import extract_html

        refuse_entity_declarations(raw.text, raw.label)
        article = extract_html(raw.text, url=raw.url)
    else:
        from .extract_text import extract_text

        article = extract_text(raw.text)
    article = _apply_metadata(article, raw.metadata)
    if article.dateline is None:
        article.dateline, article.text = split_dateline(article.text)
    if not article.text.strip():
        raise ExtractionError(raw.label, "no article text found in the input")
    if article.language is None:
        article.language = detect_language(article.text)
    return article


def _apply_metadata(article: Article, meta: dict[str, Any]) -> Article:
    if not meta:
        return article
    if isinstance(meta.get("title"), str):
        article.title = meta["title"].strip()
    for key in ("published", "updated"):
        if key in meta:
            value = normalise_iso(str(meta[key]))
            if value:
                setattr(article, key, value)
    if "authors" in meta:
        authors = clean_authors(meta["authors"])
        if authors:
            article.authors = authors
    if isinstance(meta.get("publisher"), str | dict):
        pub = meta["publisher"]
        article.publisher = pub.get("name") if isinstance(pub, dict) else pub
    if isinstance(meta.get("language"), str):
        article.language = meta["language"][:2].lower()
    return article
