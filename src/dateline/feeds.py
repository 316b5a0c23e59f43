"""RSS and Atom feed files → one `RawInput` per item (its content or summary, title, date, link).

Feeds come from outside, so the XML is parsed defensively: no network access, no DTD
loading, no entity expansion and no huge-tree mode in lxml, and a document that declares
its own entities (the shape of "billion laughs" bombs) is refused outright. A bad feed is
an `InputError` for that file; a bad item is an error for that item; the rest go on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from typing import Any

from lxml import etree

from .errors import InputError
from .ingest import RawInput

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC = "{http://purl.org/dc/elements/1.1/}"
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_TAG = re.compile(r"<(?:p|div|br|a|img|figure|span|h\d|ul|li|strong|em|b|i)\b", re.I)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
    )


def is_feed(data: bytes) -> bool:
    """Whether the bytes look like an RSS or Atom document (for .xml files of unknown kind)."""
    head = data[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def read_feed(data: bytes, label: str) -> Iterator[RawInput | InputError]:
    """Each item of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, numbered from 1."""
    if _ENTITY_DECL.search(data[:65536]):
        yield InputError(label, "feed declares XML entities (the shape of an entity bomb); refused")
        return
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        yield InputError(label, f"malformed feed XML: {exc.msg or exc}")
        return
    if root is None:
        yield InputError(label, "empty feed")
        return
    items = root.findall(".//item") + root.findall(f".//{_ATOM}entry")
    items += root.findall(".//{http://purl.org/rss/1.0/}item")
    if not items:
        yield InputError(label, f"no RSS items or Atom entries in a <{etree.QName(root).localname}> document")
        return
    encoding = (root.getroottree().docinfo.encoding or "utf-8").lower()
    for number, item in enumerate(items, start=1):
        try:
            yield _item_input(item, label, number, encoding)
        except InputError as exc:
            yield exc


def _first(item: Any, *tags: str) -> str | None:
    for tag in tags:
        node = item.find(tag)
        if node is not None:
            text = "".join(node.itertext()).strip()
            if text:
                return text
    return None


def _link(item: Any) -> str | None:
    for node in item.findall(f"{_ATOM}link"):
        if node.get("rel", "alternate") == "alternate" and node.get("href"):
            return str(node.get("href"))
    return _first(item, "link", "{http://purl.org/rss/1.0/}link", "guid")


def _date(value: str | None) -> str | None:
    """RFC 822 dates of RSS ("Mon, 18 Sep 2023 10:34:00 +0900") as ISO 8601; ISO passes through."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value


def fragment_text(fragment: str) -> str:
    """The paragraphs of an HTML fragment (a feed item's content) as plain text.

    A fragment is the article body already, without page furniture: page-level
    extraction would only drop short items, so blocks are simply read in order.
    """
    from lxml import html

    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for node in list(root.iter("figure", "script", "style")):
        if node.getparent() is not None:
            node.drop_tree()
    blocks = root.xpath(".//p | .//li | .//h1 | .//h2 | .//h3 | .//blockquote")
    texts = [re.sub(r"\s+", " ", b.text_content()).strip() for b in blocks] or [root.text_content().strip()]
    return "\n\n".join(t for t in texts if t)


def _item_input(item: Any, label: str, number: int, encoding: str) -> RawInput:
    where = f"{label}:{number}"
    body = _first(
        item,
        _CONTENT,
        f"{_ATOM}content",
        "description",
        f"{_ATOM}summary",
        "{http://purl.org/rss/1.0/}description",
    )
    if not body:
        raise InputError(where, "feed item has neither content nor summary")
    metadata: dict[str, Any] = {}
    title = _first(item, "title", f"{_ATOM}title", "{http://purl.org/rss/1.0/}title")
    if title:
        metadata["title"] = title
    published = _date(_first(item, "pubDate", f"{_ATOM}published", f"{_DC}date", f"{_ATOM}updated"))
    if published:
        metadata["published"] = published
    updated = _first(item, f"{_ATOM}updated")
    if updated and item.find(f"{_ATOM}published") is not None:
        metadata["updated"] = updated
    authors = [
        a
        for a in (
            _first(node, f"{_ATOM}name") or "".join(node.itertext()).strip()
            for node in item.findall(f"{_ATOM}author")
            + item.findall(f"{_DC}creator")
            + item.findall("author")
        )
        if a
    ]
    if authors:
        metadata["authors"] = authors
    if _TAG.search(body):
        body = fragment_text(body)
    if not body.strip():
        raise InputError(where, "feed item content holds no text")
    return RawInput(
        text=body,
        format="text",
        path=label,
        url=_link(item),
        encoding=encoding,
        record=number,
        container="feed",
        metadata=metadata,
    )
