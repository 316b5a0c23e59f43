"""Extraction from plain-text scrapes: the text a copy-paste or a naive scraper leaves.

Such scrapes put one paragraph per line and carry page furniture into the text: a
headline line, a timestamp line ("2023.09.18 10:34:01 | 2023.09.18 13:40:11"),
photo captions printed twice with a credit, UI strings, a byline, a copyright line.
Each line is classified; what is left is the body.
"""

from __future__ import annotations

import re

from .datetimes import find_stamps
from .extract import (
    caption_from,
    has_credit,
    is_copyright,
    parse_byline,
    publisher_from_copyright,
    strip_ui,
)
from .models import Article, Caption

_UPDATED_LABEL = re.compile(r"updat|modif|edit|revis|수정|更新", re.I)
# Characters a timestamp line may hold besides its stamps: labels and separators.
_STAMP_FILLER = re.compile(
    r"^[\s|/,:·•()\-–—]*(?:(?:published|posted|updated|modified|input|edited|last updated|"
    r"first published|입력|수정|date|time|on|at)[\s|/,:·•()\-–—]*)*$",
    re.I,
)
_MAX_TITLE = 250
# How far from each end of the text bylines and stamps are looked for, in lines.
_EDGE = 6


def _timestamp_line(line: str) -> tuple[str | None, str | None] | None:
    """(published, updated) when the whole line is a timestamp line, else None."""
    stamps = find_stamps(line, guess_zones=True)
    if not stamps:
        return None
    rest, last = [], 0
    for start, end, _ in stamps:
        rest.append(line[last:start])
        last = end
    rest.append(line[last:])
    if not all(_STAMP_FILLER.match(part) for part in rest):
        return None
    published, updated = None, None
    for (_start, _end, iso), before in zip(stamps, rest, strict=False):
        if _UPDATED_LABEL.search(before) or (published is not None and updated is None):
            updated = iso
        elif published is None:
            published = iso
    return published, updated


def extract_text(text: str) -> Article:
    """An Article from a plain-text scrape."""
    raw_lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    units = [strip_ui(line) for line in raw_lines]
    indexed = [(i, line) for i, line in enumerate(units) if line]
    article = Article()
    captions: list[Caption] = []
    seen_captions: set[str] = set()
    body: list[str] = []
    seen_body: set[str] = set()
    n = len(indexed)

    for position, (_, line) in enumerate(indexed):
        near_start, near_end = position < _EDGE, position >= n - _EDGE

        if (near_start or near_end) and article.published is None:
            stamps = _timestamp_line(line)
            if stamps is not None:
                article.published, article.updated = stamps
                continue
        if is_copyright(line) and (near_end or near_start):
            article.publisher = article.publisher or publisher_from_copyright(line)
            continue
        if near_start or near_end:
            authors = parse_byline(line)
            if authors:
                article.authors = article.authors or authors
                continue
        if has_credit(line):
            caption = caption_from(line)
            if caption and caption.text not in seen_captions:
                seen_captions.add(caption.text)
                captions.append(caption)
            continue
        if position == 0 and n > 1 and len(line) <= _MAX_TITLE and not line.endswith((".", "”", '"')):
            article.title = line
            continue
        if line in seen_body:
            continue  # scrapes print some blocks twice
        seen_body.add(line)
        body.append(line)

    # A caption's text printed again without its credit is the same caption.
    body = [line for line in body if line not in seen_captions]
    article.captions = captions
    article.text = "\n\n".join(body)
    return article
