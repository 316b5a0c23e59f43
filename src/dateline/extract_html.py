"""Extraction from HTML pages: trafilatura for the body, our own layer for metadata.

Metadata comes from the page's own declarations, most precise first: JSON-LD
(NewsArticle and kin), OpenGraph / article:* meta tags, `<time>` elements, visible
bylines and figure captions; trafilatura's guesses fill what is still missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import trafilatura
from lxml import html as lxml_html

from .datetimes import find_stamps, normalise_iso
from .extract import (
    caption_from,
    clean_authors,
    is_copyright,
    parse_byline,
    publisher_from_copyright,
    strip_ui,
)
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
    for obj in _json_ld_objects(tree):
        types = obj.get("@type", [])
        # Pages in the wild put numbers, objects or null here as well as names.
        types = [types] if isinstance(types, str) else (types if isinstance(types, list) else [])
        if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types) and (
            "headline" in obj or "datePublished" in obj
        ):
            return obj
    return {}


def _meta(tree: Any, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            values = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
            for value in values:
                if value and value.strip():
                    return str(value).strip()
    return None


def _text(node: Any) -> str:
    return re.sub(r"\s+", " ", node.text_content() or "").strip()


def _strip_site(title: str, site: str | None) -> str:
    """A title without its site-name prefix or suffix ("Headline | Site" → "Headline")."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title.strip()
    if site:
        folded = site.casefold()
        kept = [p for p in parts if p.strip().casefold() != folded]
        if len(kept) < len(parts):
            return " - ".join(kept).strip()
    # Without a known site name, the longest part is the headline.
    return max(parts, key=len).strip()


def _choose_title(tree: Any, ld: dict[str, Any], site: str | None) -> str | None:
    og = _meta(tree, "og:title", "twitter:title")
    headline = ld.get("headline") if isinstance(ld.get("headline"), str) else None
    h1s = [_text(h) for h in tree.xpath("//h1")]
    titles = [_text(t) for t in tree.xpath("//head/title")]
    candidates = [c for c in (headline, og, *(h1s[:1]), *(titles[:1])) if c]
    stripped = [_strip_site(c, site) for c in candidates]
    # Agreement first: a title two sources give is the title.
    for i, candidate in enumerate(stripped):
        if any(candidate.casefold() == other.casefold() for other in stripped[i + 1 :]):
            return candidate
    return stripped[0] if stripped else None


def _publisher(tree: Any, ld: dict[str, Any]) -> str | None:
    site = _meta(tree, "og:site_name", "application-name")
    if site:
        return site
    pub = ld.get("publisher")
    if isinstance(pub, list) and pub:
        pub = pub[0]
    if isinstance(pub, dict) and isinstance(pub.get("name"), str):
        return str(pub["name"]).strip()
    if isinstance(pub, str):
        return pub.strip()
    return None


def _dates(tree: Any, ld: dict[str, Any]) -> tuple[str | None, str | None]:
    published = normalise_iso(ld.get("datePublished")) or normalise_iso(
        _meta(
            tree,
            "article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "og:published_time",
            "date",
            "dc.date",
            "DC.date.issued",
        )
    )
    updated = normalise_iso(ld.get("dateModified")) or normalise_iso(
        _meta(tree, "article:modified_time", "dateModified", "og:updated_time", "lastmod")
    )
    if published is None:
        for value in tree.xpath("//time/@datetime"):
            published = normalise_iso(value)
            if published:
                break
    if updated is None:
        for node in tree.xpath("//*[self::p or self::span or self::div or self::time]"):
            text = _text(node)
            if len(text) < 120 and re.match(r"^\s*(?:updated|last updated|modified)\b", text, re.I):
                stamps = find_stamps(text)
                if stamps:
                    updated = stamps[0][2]
                    break
    return published, updated


def _authors(tree: Any, ld: dict[str, Any]) -> list[str]:
    authors = clean_authors(ld.get("author", []))
    if authors:
        return authors
    meta = _meta(tree, "author", "article:author", "byl", "dc.creator")
    if meta and not meta.startswith("http"):
        authors = clean_authors([meta])
        if authors:
            return authors
    selectors = (
        '//*[@rel="author"]',
        '//*[@itemprop="author"]',
        '//*[contains(concat(" ", normalize-space(@class), " "), " byline ")]',
        '//*[contains(@class, "author-name")]',
        '//*[contains(@class, "byline")]',
    )
    for selector in selectors:
        for node in tree.xpath(selector):
            text = _text(node)
            found = parse_byline(text) or clean_authors([text])
            if found:
                return found
    return []


def _captions(tree: Any) -> list[Caption]:
    captions: list[Caption] = []
    for node in tree.xpath("//figcaption | //*[contains(@class, 'caption')][not(ancestor::figcaption)]"):
        text = _text(node)
        if not text or len(text) > 600:
            continue
        caption = caption_from(text)
        if caption is None:
            continue
        if caption.credit is None:
            credit_nodes = node.xpath(".//*[contains(@class, 'credit')]")
            if credit_nodes:
                credit = _text(credit_nodes[0])
                caption = Caption(text=caption.text.replace(credit, "").strip(), credit=credit)
        if all(c.text != caption.text for c in captions):
            captions.append(caption)
    return captions


def _body(html: str, url: str | None, captions: list[Caption]) -> tuple[str, Any]:
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    if result is None:
        return "", None
    text = getattr(result, "text", None) or ""
    caption_texts = {c.text for c in captions}
    paragraphs: list[str] = []
    for line in text.split("\n"):
        line = strip_ui(line)
        caption = caption_from(line) if line else None
        if caption is None or line in caption_texts or caption.text in caption_texts:
            continue
        if parse_byline(line) or (is_copyright(line) and len(line) < 160):
            continue
        paragraphs.append(line)
    return "\n\n".join(paragraphs), result


def extract_html(html: str, url: str | None = None) -> Article:
    """An Article from an HTML page."""
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        tree = None
    if tree is None:
        text, result = _body(html, url, [])
        return Article(text=text, title=getattr(result, "title", None))
    ld = _article_ld(tree)
    publisher = _publisher(tree, ld)
    captions = _captions(tree)
    text, result = _body(html, url, captions)
    published, updated = _dates(tree, ld)
    if published is None and result is not None and result.date:
        published = normalise_iso(result.date)
    authors = _authors(tree, ld)
    if not authors and result is not None and result.author:
        authors = clean_authors([result.author])
    if publisher is None:
        for node in tree.xpath("//footer//*[self::p or self::small or self::div or self::span]"):
            line = _text(node)
            if is_copyright(line):
                publisher = publisher_from_copyright(line)
                if publisher:
                    break
    if publisher is None and result is not None and result.sitename:
        publisher = result.sitename
    lang = tree.xpath("/html/@lang")
    return Article(
        title=_choose_title(tree, ld, publisher) or (result.title if result is not None else None),
        published=published,
        updated=updated,
        authors=authors,
        publisher=publisher,
        language=lang[0][:2].lower() if lang and lang[0][:2].isalpha() else None,
        captions=captions,
        text=text,
    )
