"""Extract: RawInput → Article (title, dates, authors, publisher, language, captions, body).

HTML goes through `extract_html` (trafilatura for the body, our own metadata layer);
plain-text scrapes through `extract_text`. Both share the cleaning rules below:
bylines, photo credits, copyright lines and UI strings, all driven by data files.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from .datetimes import normalise_iso
from .errors import ExtractionError
from .gazetteer import cached
from .ingest import RawInput
from .lexicon import lines
from .limits import refuse_entity_declarations
from .models import Article, Caption

# --- UI strings --------------------------------------------------------------------


@cache
def _ui_strings() -> tuple[str, ...]:
    # Longest first so that "Share this article" wins over "Share".
    return tuple(sorted({s.casefold() for s in lines("ui_strings.txt")}, key=len, reverse=True))


@cache
def _ui_tail() -> re.Pattern[str]:
    """Any UI string at the end of a line: one search rules out most lines at once."""
    return re.compile("(?:" + "|".join(re.escape(ui) for ui in _ui_strings()) + r")\s*$")


@cache
def _ui_longest() -> int:
    return max((len(ui) for ui in _ui_strings()), default=0)


def strip_ui(line: str) -> str:
    """The line without UI strings glued to its end; empty if the line is only UI."""
    text = line.strip()
    folded = text.casefold()
    changed = True
    # Only the tail can hold a UI string: searching it alone keeps long paragraphs cheap.
    while text and changed and _ui_tail().search(folded[-_ui_longest() - 2 :]):
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

_PHOTO = r"(?:photo(?:graph)?|image|picture|graphic|foto|사진|写真|图片|图)s?"
_CREDIT_PATTERNS = (
    # "[Photo by Yonhap]", "[사진=연합뉴스]"
    re.compile(r"\s*\[\s*" + _PHOTO + r"\s*(?:by|:|=|courtesy of)?\s*(?P<credit>[^\]]{2,80})\]\s*$", re.I),
    # "(Photo: Jane Roe)"
    re.compile(r"\s*\(\s*" + _PHOTO + r"\s*(?:by|:|=|courtesy of)\s*(?P<credit>[^)]{2,80})\)\s*$", re.I),
    # "(Reuters)", "(AP Photo/Ahn Young-joon)": checked below
    re.compile(r"\s*\(\s*(?P<credit>[^()]{2,40})\)\s*$"),
    # "Photo: AFP", "Photograph: Jane Roe/AFP", "Foto: dpa"
    re.compile(r"\s*(?i:" + _PHOTO + r")\s*(?:by|:|/)\s*(?P<credit>\w[^.()\[\]]{1,60})\.?\s*$"),
    # "JEAN DUPONT / AFP", "MERIDIAN/Kim Hong-ji": a photographer and an agency
    re.compile(
        r"\s+(?P<credit>(?:[A-Z][A-Z'’.-]+\s+){1,3}/\s*[A-Z][\w.&-]{1,30}"
        r"|[A-Z]{2,}(?:\s[A-Z]{2,})?/[A-Z][\w.'’ -]{2,40})$"
    ),
    # "… / Reuters": checked below
    re.compile(r"\s*/\s*(?P<credit>[A-Z][\w .&-]{1,40})$"),
)
# Patterns that match ordinary text too: a credit only when it names an agency or a photo credit.
_CHECKED = {2, 5}


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
        if number in _CHECKED and not (is_media_org(credit) or "/" in credit or "photo" in credit.lower()):
            continue
        # "a photo by the lake" is prose: a credit names someone (capital) or an agency.
        if number == 3 and not (credit[:1].isupper() or is_media_org(credit)):
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
    r"^\s*(?:by|written by|words by|reporting by|story by|reporters?:|by:|von|par|por)\s+(?P<names>.+?)\s*$",
    re.I,
)
_ROLE_WORDS = re.compile(
    r"\b(?:staff\s+(?:writer|reporter|correspondent)|senior\s+\w+\s+(?:writer|reporter|correspondent)|"
    r"(?:chief\s+)?correspondent|reporter|columnist|editor|contributor|special to [\w ]+|"
    r"news\s+desk|contributing writer|writer)\b|기자|특파원|記者|记者|特派員|特派员",
    re.I,
)
_EMAIL = re.compile(r"\S+@\S+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
# A name in Hangul or Han characters is written as one token ("김민수", "王伟").
_CJK_NAME = re.compile(r"^[\uac00-\ud7a3\u4e00-\u9fff]{2,4}$")
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
        value = re.sub(r"^\s*(?:by|by:|von|par|por)\s+", "", value, flags=re.I)
        # "Reporting by A; editing by B": editors are not authors.
        value = re.sub(r"[;,]?\s*(?:editing|edited|compiled)\s+by\b.*$", "", value, flags=re.I)
        value = re.sub(r"view all (?:posts|articles|stories) by", " ", value, flags=re.I)
        for part in re.split(r"\s*(?:,|;|&|\|)\s*|\s+(?:and|und|et|y|e|và|dan)\s+", value):
            part = _ROLE_WORDS.sub(" ", part)
            # "Name in Seoul": a reporter's location is not part of the name.
            part = re.sub(r"\s+(?:in|from|at)\s+[A-Z][\w .'-]*$", "", part.strip())
            part = re.sub(r"\s+", " ", part).strip(" .-–—:|")
            if not part or is_media_org(part):
                continue
            tokens = part.split()
            if len(tokens) == 1 and _CJK_NAME.match(part):
                if part not in names:
                    names.append(part)
                continue
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
    # A thousand characters decide the language of a news article; more only costs time.
    sample = text[:1000]
    if len(sample.strip()) < 20:
        return None
    code, _score = _language_identifier().classify(sample)
    return str(code) if code else None


@cache
def _language_identifier() -> Any:
    """py3langid's identifier, its model read from an uncompressed copy in the dateline
    cache (written on first use) instead of from the LZMA file it ships.

    Unpacking that file costs about 0.4 s of CPU in every process that starts (each
    ingest, and the fork server the workers start from): a sizeable part of a short
    ingest. The copy holds the very arrays py3langid unpacks, so results are the same.
    Any surprise in py3langid's layout falls back to its own loader.
    """
    import py3langid

    try:
        from py3langid import langid

        model = Path(langid.MODEL_DIR) / langid.MODEL_FILE
        version = getattr(py3langid, "__version__", "0")
        name = f"langid-{version}-{model.stat().st_size}.pickle"
        ptc, pc, classes, nextmove, row, output = cached(name, lambda: langid._load_model_file(model))
        identifier = langid.LanguageIdentifier
        return identifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output, tk_row=row)
    except (AttributeError, ImportError, OSError, TypeError, ValueError):
        return py3langid


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


# Bounds that keep extraction time per page bounded (a few seconds at most): the largest
# real article pages are 1-2 MB of HTML, most of it scripts, styles and inline images.
MAX_HTML_CHARS = 5_000_000
MAX_TEXT_CHARS = 2_000_000
_INLINE_DATA = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")


def _without_heavy_blocks(html: str) -> str:
    """The page without script/style/svg blocks and inline base64 data, in linear time.

    (A regular expression with a lazy body would rescan the rest of the page for every
    unclosed <script>, quadratic on hostile input.)
    """
    folded = html.lower()
    tags = ("script", "style", "svg")
    following = {tag: folded.find(f"<{tag}") for tag in tags}  # next opening of each, -1 if none
    kept: list[str] = []
    position = 0
    while True:
        for tag in tags:
            if 0 <= following[tag] < position:
                following[tag] = folded.find(f"<{tag}", position)
        open_ = [(i, tag) for tag, i in following.items() if i >= 0]
        if not open_:
            kept.append(html[position:])
            break
        start, tag = min(open_)
        kept.append(html[position:start])
        end = folded.find(f"</{tag}", start)
        if end < 0:
            break  # unclosed to the end of the page: nothing after it is article text
        position = folded.find(">", end) + 1 or len(html)
    return _INLINE_DATA.sub("", "".join(kept))


def _bounded(raw: RawInput) -> str:
    text = raw.text
    if raw.format == "html" and MAX_HTML_CHARS < len(text) <= 4 * MAX_HTML_CHARS:
        text = _without_heavy_blocks(text)
    limit = MAX_HTML_CHARS if raw.format == "html" else MAX_TEXT_CHARS
    if len(text) > limit:
        raise ExtractionError(
            raw.label,
            f"{raw.format} input is {len(text):,} characters (scripts and styles aside), over the "
            f"{limit:,} the extractor reads; is it one article?",
        )
    return text


_MIN_UNTITLED_CHARS = 20


def extract(raw: RawInput) -> Article:
    """The article in `raw`; metadata given with the input (JSON records) wins."""
    text = _bounded(raw)
    if raw.format == "html":
        from .extract_html import extract_html

        refuse_entity_declarations(raw.text, raw.label)
        article = extract_html(text, url=raw.url)
    else:
        from .extract_text import extract_text

        article = extract_text(text)
    article = _apply_metadata(article, raw.metadata)
    if article.dateline is None:
        article.dateline, article.text = split_dateline(article.text)
    if not article.text.strip():
        raise ExtractionError(raw.label, "no article text found in the input")
    # A few characters and no headline is a menu or a button the extractor fell back on.
    if len(article.text.strip()) < _MIN_UNTITLED_CHARS and not article.title:
        raise ExtractionError(raw.label, f"no article text found (only {article.text.strip()!r})")
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
