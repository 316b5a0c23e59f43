"""Extraction from HTML pages: trafilatura for the body, our own layer for metadata.

Metadata comes from the page's own declarations, most precise first: JSON-LD
(NewsArticle and kin), OpenGraph / article:* meta tags, `<time>` elements, visible
bylines and figure captions; trafilatura's guesses fill what is still missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import trafilatura
from lxml import etree

from .datetimes import find_stamps, normalise_iso
from .extract import (
    caption_from,
    clean_authors,
    is_copyright,
    parse_byline,
    publisher_from_copyright,
    strip_ui,
)
from .lexicon import rows
from .models import Article, Caption

_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "livebloposting",
    "report",
    "webpage",
}
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
            # "\ud800" escapes decode to lone surrogates, which no output can encode.
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except (json.JSONDecodeError, ValueError, RecursionError):
            continue  # UnicodeEncodeError is a ValueError
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _article_ld(tree: Any) -> dict[str, Any]:
    """The page's article object, its author and publisher references resolved.

    Yoast-style graphs name the author only by "@id", pointing at a Person node elsewhere.
    """
    objects = list(_json_ld_objects(tree))
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    for obj in objects:
        types = obj.get("@type", [])
        # Pages in the wild put numbers, objects or null here as well as names.
        types = [types] if isinstance(types, str) else (types if isinstance(types, list) else [])
        if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types) and (
            "headline" in obj or "datePublished" in obj
        ):
            return {key: _resolve(value, by_id) for key, value in obj.items()}
    return {}


def _resolve(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, list):
        return [_resolve(v, by_id) for v in value]
    if isinstance(value, dict) and set(value) == {"@id"}:
        return by_id.get(value["@id"], value)
    return value


class _Page:
    """One parsed page and the declarations read from it once (JSON-LD, meta tags)."""

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        self.ld = _article_ld(tree)
        self.metas: dict[str, str] = {}
        self._body_text: str | None = None
        for node in tree.iter("meta"):
            content = (node.get("content") or "").strip()
            if not content:
                continue
            for attr in ("property", "name", "itemprop"):
                key = (node.get(attr) or "").strip().casefold()
                if key and key not in self.metas:
                    self.metas[key] = content

    @property
    def body_text(self) -> str:
        """The body's text nodes, one per line (block elements glued together hide labels)."""
        if self._body_text is None:
            self._body_text = "\n".join(_VISIBLE_TEXT(self.tree))
        return self._body_text

    def meta(self, *names: str) -> str | None:
        for name in names:
            value = self.metas.get(name.casefold())
            if value:
                return value
        return None


def _text(node: Any) -> str:
    return re.sub(r"\s+", " ", node.text_content() or "").strip()


def _variants(title: str, sites: set[str]) -> list[str]:
    """A title and its forms without a site-name part, without its last part, without its first."""
    parts = _TITLE_SEPARATORS.split(title)
    seps = _TITLE_SEPARATORS.findall(title)
    found = [title.strip()]
    if len(parts) < 2:
        return found
    without_site = [p for p in parts if p.strip().casefold() not in sites]
    if 0 < len(without_site) < len(parts):
        found.insert(0, " - ".join(p.strip() for p in without_site))
    found.append(_join(parts[:-1], seps[:-1]))
    found.append(_join(parts[1:], seps[1:]))
    return [f.strip() for f in found if f.strip()]


def _join(parts: list[str], seps: list[str]) -> str:
    return "".join(p + s for p, s in zip(parts, seps, strict=False)) + parts[-1]


def _site_names(page: _Page, publisher: str | None) -> set[str]:
    names = {publisher or "", page.meta("og:site_name", "application-name", "twitter:site") or ""}
    pub = page.ld.get("publisher")
    if isinstance(pub, dict) and isinstance(pub.get("name"), str):
        names.add(pub["name"])
    return {n.strip().lstrip("@").casefold() for n in names if n.strip()}


def _choose_title(page: _Page, publisher: str | None) -> tuple[str | None, set[str]]:
    """The headline, and every title candidate (the body must not repeat them).

    Each source (JSON-LD headline, og:title, the first h1, <title>) proposes its title
    and its forms without a site-name part; the form most sources agree on wins, the
    more authoritative source breaking ties. A title no other source confirms loses a
    part that names the site, or else a short last part ("Headline | Daily Planet").
    """
    headline = page.ld.get("headline") if isinstance(page.ld.get("headline"), str) else None
    h1s = [_text(h) for h in page.tree.iter("h1")][:1]
    titles = [_text(t) for t in page.tree.iter("title")][:1]
    candidates = [c for c in (headline, page.meta("og:title", "twitter:title"), *h1s, *titles) if c]
    if not candidates:
        return None, set()
    sites = _site_names(page, publisher)
    variants = [_variants(c, sites) for c in candidates]
    best, best_votes = variants[0][0], 1
    for forms in variants:
        for form in forms:
            votes = sum(any(form.casefold() == f.casefold() for f in other) for other in variants)
            if votes > best_votes:
                best, best_votes = form, votes
    if best_votes < 2 and best == candidates[0]:
        parts = _TITLE_SEPARATORS.split(best)
        if len(parts) > 1 and len(parts[-1].split()) <= 4 < len(" ".join(parts[:-1]).split()):
            best = _join(parts[:-1], _TITLE_SEPARATORS.findall(best)[:-1])
    headings = {f for forms in variants for f in forms}
    return best, headings


def _publisher(page: _Page) -> str | None:
    site = page.meta("og:site_name", "application-name")
    if site:
        return site
    pub = page.ld.get("publisher")
    if isinstance(pub, list) and pub:
        pub = pub[0]
    if isinstance(pub, dict) and isinstance(pub.get("name"), str):
        return str(pub["name"]).strip()
    if isinstance(pub, str):
        return pub.strip()
    return None


_RE_NS = {"re": "http://exslt.org/regular-expressions"}


def _date_labels(kind: str) -> tuple[str, ...]:
    return tuple(label for k, label in rows("date_labels.tsv") if k == kind)


def _precise(*values: Any) -> str | None:
    """The first date given, or a later one on the same day that also gives the time.

    A page that declares only the day in JSON-LD often prints the time elsewhere; the
    date in a URL or a bare day never wins over a stamp with the time of day.
    """
    found = [v for v in (normalise_iso(x) if isinstance(x, str) else None for x in values) if v]
    if not found:
        return None
    first = found[0]
    if "T" not in first:
        for other in found[1:]:
            if "T" in other and other[:10] == first[:10]:
                return other
    return first


def _labelled_stamp(body_text: str, kind: str) -> str | None:
    """The stamp right after a visible label ("Updated Sept. 18, 2023 10:34 a.m.")."""
    for m in _label_pattern(kind).finditer(body_text):
        stamps = find_stamps(body_text[m.end() : m.end() + 80], guess_zones=True)
        if stamps and stamps[0][0] <= 12:
            return stamps[0][2]
    return None


# Text nodes kept apart: block elements glued together ("…coastPublished : …") would
# hide a label's start and run a time zone into the next word ("GMTPakistan").
_VISIBLE_TEXT = etree.XPath("//body//text()[not(parent::script or parent::style)]", smart_strings=False)


@cache
def _label_pattern(kind: str) -> re.Pattern[str]:
    # Capitalised or in capitals, opening a text node or after a "|", "·" or "/" separator:
    # "updated" inside a sentence is prose.
    labels = {form for label in _date_labels(kind) for form in (label.capitalize(), label.upper())}
    alternatives = "|".join(map(re.escape, sorted(labels, key=len, reverse=True)))
    return re.compile(r"(?:^|(?<=\n)|(?<=\|)|(?<=·)|(?<=/))\s*(?:" + alternatives + r")(?!\w)")


def _time_elements(tree: Any, kind: str) -> list[str]:
    """datetime values of <time> elements marked as `kind` by their class or itemprop."""
    return [
        str(v)
        for v in tree.xpath(
            "//time[re:test(concat(@class, ' ', @itemprop, ' ', ../@class), $kind, 'i')]/@datetime",
            kind=kind,
            namespaces=_RE_NS,
        )
    ]


def _time_texts(tree: Any) -> list[str]:
    """Stamps printed inside <time> elements that carry no datetime attribute."""
    for node in tree.xpath("//time[not(@datetime)]")[:3]:
        stamps = find_stamps(_text(node), guess_zones=True)
        if stamps:
            return [stamps[0][2]]
    return []


def _dates(page: _Page) -> tuple[str | None, str | None]:
    tree, ld = page.tree, page.ld
    published = _precise(
        ld.get("datePublished"),
        page.meta(
            "article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "og:published_time",
            "date",
            "dc.date",
            "dc.date.issued",
            "parsely-pub-date",
        ),
        *_time_elements(tree, "publish|pubdate|posted"),
        *tree.xpath("//time/@datetime")[:1],
        *_time_texts(tree),
    )
    body_text = page.body_text
    if published is None:
        published = _labelled_stamp(body_text, "published")
    updated = _precise(
        ld.get("dateModified"),
        page.meta("article:modified_time", "dateModified", "og:updated_time", "lastmod", "dc.date.modified"),
        *_time_elements(tree, "modif|updat"),
    )
    if updated is None:
        updated = _labelled_stamp(body_text, "updated")
    return published, updated


_AUTHOR_SELECTORS = (
    '//*[@rel="author"]',
    '//*[@itemprop="author"]',
    '//*[contains(concat(" ", normalize-space(@class), " "), " byline ")]',
    '//*[contains(@class, "author-name")]',
    '//*[contains(@class, "byline")]',
    '//*[contains(@class, "author")][not(.//p)]',
)


def _authors(page: _Page) -> list[str]:
    authors = clean_authors(page.ld.get("author", []))
    if authors:
        return authors
    meta = page.meta("author", "article:author", "byl", "dc.creator", "parsely-author")
    if meta and not meta.startswith("http"):
        authors = clean_authors([meta])
        if authors:
            return authors
    for selector in _AUTHOR_SELECTORS:
        for node in page.tree.xpath(selector):
            text = _text(node)
            if len(text) > 200:
                continue
            found = parse_byline(text) or clean_authors([text])
            if found:
                return found
    # "Kim Min-su Reporter": a short line that is a name and a reporter's role.
    found = _role_line(page)
    if found:
        return found
    # A byline printed as a paragraph of its own near the top or the end of the article.
    paragraphs = page.tree.xpath("//article//p | //main//p") or page.tree.xpath("//body//p")
    for node in [*paragraphs[:4], *paragraphs[-3:]]:
        byline = parse_byline(_text(node))
        if byline:
            return byline
    return []


_ROLES = ("Reporter", "Correspondent", "Staff Writer", "Writer", "기자", "記者", "记者")
_ROLE_LINE = re.compile(
    r"(?P<name>[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){1,3})[ \t]*,?[ \t]+(?:Staff[ \t]+)?(?:"
    + "|".join(_ROLES)
    + r")"
)


def _role_line(page: _Page) -> list[str]:
    """Names from short lines that end in a reporter's role ("Kim Min-su Reporter")."""
    for line in page.body_text.split("\n"):
        line = line.strip()
        if len(line) > 80 or not line.endswith(_ROLES):
            continue
        m = _ROLE_LINE.fullmatch(line)
        names = clean_authors([m["name"]]) if m else []
        if names:
            return names
    return []


def _captions(tree: Any) -> list[Caption]:
    captions: list[Caption] = []
    for node in tree.xpath("//figcaption | //*[contains(@class, 'caption')][not(ancestor::figcaption)]"):
        text = _text(node)
        if not text or len(text) > 600:
            continue
        # A credit the page marks up as such beats any pattern in the text.
        credit_nodes = node.xpath(".//*[contains(@class, 'credit') or contains(@class, 'copyright')]")
        credit = _text(credit_nodes[0]) if credit_nodes else ""
        if credit and text.endswith(credit):
            caption: Caption | None = Caption(text=strip_ui(text[: -len(credit)]).strip(), credit=credit)
        else:
            caption = caption_from(text)
        if caption is not None and caption.text and all(c.text != caption.text for c in captions):
            captions.append(caption)
    return captions


_ISO_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_EMAIL_LINE = re.compile(r"\S+@\S+\.\w+")
# Shorter lines may repeat legitimately (table headings, list labels); longer ones
# printed twice are the same block scraped twice.
_DEDUP_WORDS = 8


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _is_furniture(line: str) -> bool:
    """Lines that are page furniture wherever they appear: machine stamps, contact lines."""
    if _ISO_ONLY.match(line):
        return True
    # "Write to Jane Roe at jane@example.com": a contact line, not prose.
    return bool(_EMAIL_LINE.search(line)) and len(line.split()) <= 15


def _caption_text(line: str) -> str | None:
    caption = caption_from(line)
    return caption.text if caption else None


def clean_body(text: str, headings: set[str], captions: list[Caption]) -> str:
    """Trafilatura's text without the page furniture it lets through.

    `headings` are the page's title candidates: a paragraph repeating one of them is
    the headline printed above the article, not its first paragraph.
    """
    caption_texts = {c.text for c in captions}
    folded_headings = {_norm(h) for h in headings if h}
    seen: set[str] = set()
    paragraphs: list[str] = []
    for raw_line in text.split("\n"):
        line = strip_ui(raw_line)
        if not line:
            continue
        folded = _norm(line)
        if folded in seen or (folded in folded_headings and len(paragraphs) < 3) or _is_furniture(line):
            continue
        if caption_texts and (line in caption_texts or _caption_text(line) in caption_texts):
            continue
        if parse_byline(line) or (is_copyright(line) and len(line) < 160):
            continue
        if len(line.split()) >= _DEDUP_WORDS:
            seen.add(folded)
        paragraphs.append(line)
    return "\n\n".join(paragraphs)


# Trafilatura's own extractor alone ("fast") matches its full run, which compares it with
# readability and jusText, on most pages at half the cost. Its output is suspect, and the
# full run is worth its cost, when it is short or reads like a menu (mostly short lines).
_SUSPECT_WORDS = 100
_SUSPECT_SHORT_SHARE = 0.6


def _body(tree: Any, url: str | None) -> str:
    text = _trafilatura_text(tree, url, fast=True)
    if _suspect(text):
        text = _trafilatura_text(tree, url, fast=False) or text
    return text


def _suspect(text: str) -> bool:
    lines = [line.split() for line in text.split("\n") if line.strip()]
    if sum(map(len, lines)) < _SUSPECT_WORDS:
        return True
    return sum(len(words) <= 3 for words in lines) >= _SUSPECT_SHORT_SHARE * len(lines)


def _trafilatura_text(tree: Any, url: str | None, fast: bool) -> str:
    result = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
    )
    return (getattr(result, "text", None) or "") if result is not None else ""


def _fallback_date(tree: Any) -> str | None:
    """htmldate's guess, only for pages that declare no date of their own (it is costly)."""
    from htmldate import find_date

    try:
        found = find_date(tree, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None
    return normalise_iso(found) if found else None


def _publisher_from_footer(tree: Any) -> str | None:
    for node in tree.xpath("//footer | //footer//*[self::p or self::small or self::div or self::span]"):
        line = _text(node)
        if is_copyright(line) and len(line) < 200:
            publisher = publisher_from_copyright(line)
            if publisher:
                return publisher
    return None


def extract_html(html: str, url: str | None = None) -> Article:
    """An Article from an HTML page.

    The page is parsed once, by trafilatura's loader; our metadata layer reads the
    tree before trafilatura (which works on its own copy) extracts the body.
    """
    tree = trafilatura.load_html(html)
    if tree is None:
        return Article()
    page = _Page(tree)
    publisher = _publisher(page) or _publisher_from_footer(tree)
    captions = _captions(tree)
    published, updated = _dates(page)
    if published is None:
        published = _fallback_date(tree)
    title, headings = _choose_title(page, publisher)
    lang = tree.xpath("/html/@lang")
    return Article(
        title=title,
        published=published,
        updated=updated,
        authors=_authors(page),
        publisher=publisher,
        language=lang[0][:2].lower() if lang and lang[0][:2].isalpha() else None,
        captions=captions,
        text=clean_body(_body(tree, url), headings, captions),
    )
