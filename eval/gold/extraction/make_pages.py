# ruff: noqa: E501  (HTML templates read best with each element on one line)
"""Write the metadata gold pages and gold.json from the stories (stories.py).

Each template imitates how one kind of real news site prints its metadata: wire
services with JSON-LD, OpenGraph-only pages, visible "Published/Updated" lines, AP-style
all-caps bylines, WordPress blogs, microdata, Yoast-style JSON-LD graphs, and pages in
legacy encodings (CP949, Shift_JIS, GB18030, Windows-1252, Latin-1, UTF-16), some with a
wrong declared charset. The gold records the facts each page was built from, never
what the extractor returns. Run it again after editing a story or a template:

    .venv/bin/python eval/gold/extraction/make_pages.py
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stories import STORIES

HERE = Path(__file__).resolve().parent
PEOPLE = [
    "Anna Berg",
    "Tomas Lund",
    "Lee Min-ji",
    "Park Jae-won",
    "Kwame Mensah",
    "Priya Nair",
    "Maria Santos",
    "Jane Mwangi",
    "Oliver Grant",
    "Sofia Ricci",
    "Daniel Okafor",
    "Hana Sato",
    "Lucas Ferreira",
    "Nadia Rahman",
    "Erik Holm",
    "Chloe Martin",
    "Rahul Mehta",
    "Grace Wanjiru",
]
PHOTOGRAPHERS = ["Kim Hong-ji", "Ahn Young-joon", "Luis Ortega", "Amara Diallo", "Ben Carter", "Yuki Mori"]
ZONES = {"Z": "+00:00", "+09:00": "+09:00", "+01:00": "+01:00", "+02:00": "+02:00", "-04:00": "-04:00"}

Page = tuple[str, str, dict[str, Any]]  # html, encoding, gold


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def stamp(i: int, hour_shift: int = 0, zone: str = "") -> tuple[str, str]:
    """(ISO stamp as the page declares it, gold value) for page i."""
    month, day = 1 + i % 12, 1 + (i * 7) % 27
    hour, minute = (6 + i % 12 + hour_shift) % 24, (i * 13) % 60
    base = f"2023-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{(i * 17) % 60:02d}"
    declared = base + ("Z" if zone == "Z" else zone)
    return declared, base + ZONES.get(zone, "") if zone else base


def paras(story: dict[str, Any]) -> str:
    return "\n".join(f"<p>{esc(p)}</p>" for p in story["paras"])


def head(title: str, extra: str = "", charset: str = "utf-8", lang: str = "en") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="{charset}">\n'
        f"<title>{esc(title)}</title>\n{extra}\n</head>\n"
    )


def nav(site: str) -> str:
    return (
        f'<header><a class="logo" href="/">{esc(site)}</a><nav><ul><li><a href="/world">World</a></li>'
        '<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>\n'
    )


def related() -> str:
    return (
        '<aside class="related"><h3>Related stories</h3><ul>'
        '<li><a href="/a/1">Markets steady ahead of central bank decisions</a></li>'
        '<li><a href="/a/2">Opinion: what the new budget means for households</a></li></ul></aside>\n'
        '<div class="newsletter">Sign up for our newsletter <button>Subscribe</button></div>\n'
    )


def ld(obj: dict[str, Any]) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


def gold(story: dict[str, Any], **fields: Any) -> dict[str, Any]:
    base = {
        "title": story["title"],
        "language": story["lang"],
        "updated": None,
        "authors": [],
        "captions": [],
    }
    return base | fields


# --- English templates ------------------------------------------------------------------------


def wire_jsonld(i: int, s: dict[str, Any]) -> Page:
    site, a, b = "Meridian Wire", PEOPLE[i % 18], PEOPLE[(i + 5) % 18]
    pub, pub_gold = stamp(i, zone="Z")
    upd, upd_gold = stamp(i, hour_shift=2, zone="Z")
    photo = PHOTOGRAPHERS[i % 6]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s["title"],
        "datePublished": pub,
        "dateModified": upd,
        "author": [{"@type": "Person", "name": a}, {"@type": "Person", "name": b}],
        "publisher": {"@type": "Organization", "name": site},
    }
    extra = f'<meta property="og:site_name" content="{site}">\n' + ld(data)
    body = (
        f"<body>{nav(site)}<main><article><h1>{esc(s['title'])}</h1>"
        f'<div class="article-byline">By {a} and {b}</div>'
        f"<figure><img src='/p/{i}.jpg'><figcaption>{esc(s['caption'])} MERIDIAN/{photo}</figcaption></figure>"
        f"{paras(s)}<p class='trust'>Our Standards: The Meridian Trust Principles.</p></article>"
        f"</main>{related()}</body></html>"
    )
    page = head(f"{s['title']} | {site}", extra) + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=pub_gold,
            updated=upd_gold,
            authors=[a, b],
            publisher=site,
            captions=[{"text": s["caption"], "credit": f"MERIDIAN/{photo}"}],
        ),
    )


def og_only(i: int, s: dict[str, Any]) -> Page:
    site, a = "Northern Chronicle", PEOPLE[(i + 2) % 18]
    pub, pub_gold = stamp(i, zone="+01:00")
    extra = (
        f'<meta property="og:title" content="{esc(s["title"])}">\n'
        f'<meta property="og:site_name" content="{site}">\n'
        f'<meta property="article:published_time" content="{pub}">'
    )
    body = (
        f"<body>{nav(site)}<div id='main-content'><h1 class='story-headline'>{esc(s['title'])}</h1>"
        f"<div class='byline-block'><span class='byline'>By {a}, Asia correspondent</span></div>"
        f"<div class='story-body'><figure><img src='/i/{i}.jpg'><figcaption>{esc(s['caption'])} "
        f"(Reuters)</figcaption></figure>{paras(s)}</div></div>{related()}</body></html>"
    )
    page = head(f"{site} - {s['title']}", extra) + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=pub_gold,
            authors=[a],
            publisher=site,
            captions=[{"text": s["caption"], "credit": "Reuters"}],
        ),
    )


MONTH_ABBR = [
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]


def visible_stamps(i: int, s: dict[str, Any]) -> Page:
    site, a = "The Han River Times", PEOPLE[(i + 3) % 18]
    month, day, hour, minute = 1 + i % 12, 1 + (i * 5) % 27, 8 + i % 10, (i * 11) % 60
    shown = f"{MONTH_ABBR[month - 1]} {day}, 2023 - {hour:02d}:{minute:02d}"
    shown_upd = f"{MONTH_ABBR[month - 1]} {day}, 2023 - {hour + 3:02d}:{minute:02d}"
    email = a.lower().replace(" ", ".").replace("-", "") + "@hanrivertimes.example"
    body = (
        f"<body>{nav(site)}<div class='view_top'><h1 class='view_tit'>{esc(s['title'])}</h1>"
        f"<div class='view_info'><p>Published : {shown}</p><p>Updated : {shown_upd}</p></div></div>"
        f"<div class='view_con'><div class='img_caption'>{esc(s['caption'])} [Photo by Yonhap]이미지 확대</div>"
        f"{paras(s)}<p>By {a} ({email})</p></div>"
        f"<footer><p>© {site}. All rights reserved.</p></footer></body></html>"
    )
    page = head(f"{s['title']} - {site}") + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=f"2023-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00",
            updated=f"2023-{month:02d}-{day:02d}T{hour + 3:02d}:{minute:02d}:00",
            authors=[a],
            publisher=site,
            captions=[{"text": s["caption"], "credit": "Yonhap"}],
        ),
    )


def ap_allcaps(i: int, s: dict[str, Any]) -> Page:
    site, a, b = "Continental Press", PEOPLE[(i + 4) % 18], PEOPLE[(i + 9) % 18]
    pub, pub_gold = stamp(i, zone="-04:00")
    upd, upd_gold = stamp(i, hour_shift=1, zone="-04:00")
    photo = PHOTOGRAPHERS[(i + 1) % 6]
    extra = f'<meta property="og:title" content="{esc(s["title"])}">\n<meta property="og:site_name" content="{site}">'
    body = (
        f"<body>{nav(site)}<div class='Page-content'><h1>{esc(s['title'])}</h1>"
        f"<div class='Page-authors'>By <a href='/a'>{a.upper()}</a> and <a href='/b'>{b.upper()}</a></div>"
        f"<div class='Page-dateline'><time class='published' datetime='{pub}'>Published</time> "
        f"<time class='updated' datetime='{upd}'>Updated</time></div>"
        f"<div class='RichTextStoryBody'><figure><img src='/x.jpg'><figcaption>{esc(s['caption'])} "
        f"(CP Photo/{photo})</figcaption></figure>{paras(s)}</div></div>{related()}</body></html>"
    )
    page = head(f"{s['title']} | {site}", extra) + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=pub_gold,
            updated=upd_gold,
            authors=[a, b],
            publisher=site,
            captions=[{"text": s["caption"], "credit": f"CP Photo/{photo}"}],
        ),
    )


def located_byline(i: int, s: dict[str, Any]) -> Page:
    site, a, b = "The Evening Ledger", PEOPLE[(i + 6) % 18], PEOPLE[(i + 11) % 18]
    pub, pub_gold = stamp(i, zone="Z")
    upd, upd_gold = stamp(i, hour_shift=5, zone="Z")
    photo = PHOTOGRAPHERS[(i + 2) % 6]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s["title"],
        "datePublished": pub,
        "dateModified": upd,
    }
    extra = f'<meta property="og:site_name" content="{site}">\n<meta property="og:title" content="{esc(s["title"])}">'
    body = (
        f"<body>{nav(site)}<article><h1>{esc(s['title'])}</h1>"
        f"<address class='byline'>{a} in Seoul and {b} in Tokyo</address>"
        f"<figure><img src='/g.jpg'><figcaption>{esc(s['caption'])} Photograph: {photo}/AFP</figcaption></figure>"
        f"{paras(s)}</article>{related()}{ld(data)}</body></html>"
    )
    page = head(f"{s['title']} | {site}", extra) + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=pub_gold,
            updated=upd_gold,
            authors=[a, b],
            publisher=site,
            captions=[{"text": s["caption"], "credit": f"{photo}/AFP"}],
        ),
    )


def wordpress(i: int, s: dict[str, Any]) -> Page:
    site, a = "Lagos Ledger", PEOPLE[(i + 7) % 18]
    pub, pub_gold = stamp(i, zone="+01:00")
    upd, upd_gold = stamp(i, hour_shift=4, zone="+01:00")
    photo = PHOTOGRAPHERS[(i + 3) % 6]
    body = (
        f"<body class='single-post'>{nav(site)}<div id='primary'><article class='post'>"
        f"<header class='entry-header'><h1 class='entry-title'>{esc(s['title'])}</h1>"
        f"<div class='entry-meta'><span class='posted-on'><time class='entry-date published' datetime='{pub}'>"
        f"x</time><time class='updated' datetime='{upd}'>y</time></span> <span class='byline'>"
        f"<span class='author vcard'><a class='url fn n' rel='author' title='View all posts by {a}' "
        f"href='/author/x'>{a}</a></span></span></div></header><div class='entry-content'>"
        f"<figure class='wp-block-image'><img src='/w.jpg'><figcaption class='wp-element-caption'>"
        f"{esc(s['caption'])} Photo: {photo}</figcaption></figure>{paras(s)}</div></article></div>"
        f"<footer class='site-footer'><div class='site-info'>Copyright © 2023 {site}. All Rights Reserved."
        f"</div></footer></body></html>"
    )
    page = head(f"{s['title']} – {site}") + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=pub_gold,
            updated=upd_gold,
            authors=[a],
            publisher=site,
            captions=[{"text": s["caption"], "credit": photo}],
        ),
    )


def microdata(i: int, s: dict[str, Any]) -> Page:
    site, a = "Pacific Review", PEOPLE[(i + 8) % 18]
    pub, pub_gold = stamp(i, zone="+09:00")
    upd, upd_gold = stamp(i, hour_shift=6, zone="+09:00")
    photo = PHOTOGRAPHERS[(i + 4) % 6]
    extra = f'<meta name="application-name" content="{site}">'
    body = (
        f"<body>{nav(site)}<div itemscope itemtype='https://schema.org/NewsArticle'>"
        f"<h1 itemprop='headline'>{esc(s['title'])}</h1><meta itemprop='datePublished' content='{pub}'>"
        f"<meta itemprop='dateModified' content='{upd}'>"
        f"<div class='meta'><span itemprop='author' itemscope itemtype='https://schema.org/Person'>"
        f"<span itemprop='name'>{a}</span></span></div><div itemprop='articleBody'>"
        f"<div class='image-caption'>{esc(s['caption'])} <span class='credit'>{photo}/Getty Images</span></div>"
        f"{paras(s)}</div></div></body></html>"
    )
    page = head(f"{s['title']} :: {site}", extra) + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=pub_gold,
            updated=upd_gold,
            authors=[a],
            publisher=site,
            captions=[{"text": s["caption"], "credit": f"{photo}/Getty Images"}],
        ),
    )


def staff_noise(i: int, s: dict[str, Any]) -> Page:
    site, a = "Gold Coast Herald", PEOPLE[(i + 10) % 18]
    pub, pub_gold = stamp(i, zone="Z")
    handle = "@" + a.split()[0].lower() + "_reports"
    month, day, hour, minute = int(pub[5:7]), int(pub[8:10]), int(pub[11:13]), int(pub[14:16])
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    upd_hour = (hour + 3) % 24 if hour < 21 else hour
    extra = (
        f'<meta name="author" content="{a}, Staff Writer">\n<meta property="og:site_name" content="{site}">\n'
        f'<meta property="og:title" content="{esc(s["title"])}">\n'
        f'<meta property="article:published_time" content="{pub}">'
    )
    body = (
        f"<body>{nav(site)}<div class='article'><h1>{esc(s['title'])}</h1>"
        f"<div class='author-box'>By {a} | {handle} | Staff Writer</div>"
        f"<p class='updated-line'>Last updated: {day} {months[month - 1]} 2023 {upd_hour:02d}:{minute:02d} GMT</p>"
        f"<div class='content'>{paras(s)}</div></div>{related()}</body></html>"
    )
    page = head(f"{s['title']} | {site}", extra) + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=pub_gold,
            updated=f"2023-{month:02d}-{day:02d}T{upd_hour:02d}:{minute:02d}:00+00:00",
            authors=[a],
            publisher=site,
            captions=[],
        ),
    )


def yoast_graph(i: int, s: dict[str, Any]) -> Page:
    site, a = "Deccan Courier", PEOPLE[(i + 12) % 18]
    pub = f"2023-{1 + i % 12:02d}-{1 + i % 27:02d}T09:{i % 60:02d}:00+05:30"
    upd = f"2023-{1 + i % 12:02d}-{1 + i % 27:02d}T11:{i % 60:02d}:00+05:30"
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": "https://x.example/#webpage", "name": f"{s['title']} - {site}"},
            {
                "@type": "Article",
                "@id": "https://x.example/#article",
                "headline": s["title"],
                "datePublished": pub,
                "dateModified": upd,
                "author": {"@id": "https://x.example/#/person/1"},
                "publisher": {"@id": "https://x.example/#organization"},
            },
            {"@type": "Person", "@id": "https://x.example/#/person/1", "name": a},
            {"@type": "Organization", "@id": "https://x.example/#organization", "name": site},
        ],
    }
    extra = f'<meta property="og:title" content="{esc(s["title"])} - {site}">\n{ld(data)}'
    body = (
        f"<body>{nav(site)}<main><h1>{esc(s['title'])}</h1><div class='story-meta'>{a} / DCN</div>"
        f"<figure><img src='/y.jpg'><figcaption>{esc(s['caption'])}</figcaption></figure>{paras(s)}</main>"
        f"<footer><p>© 2023 {site}</p></footer></body></html>"
    )
    page = head(f"{s['title']} - {site}", extra) + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=pub,
            updated=upd,
            authors=[a],
            publisher=site,
            captions=[{"text": s["caption"], "credit": None}],
        ),
    )


def utf16(i: int, s: dict[str, Any]) -> Page:
    site, a = "Harbour Post", PEOPLE[(i + 13) % 18]
    pub, pub_gold = stamp(i, zone="+09:00")
    extra = (
        f'<meta property="og:site_name" content="{site}">\n'
        f'<meta property="article:published_time" content="{pub}">'
    )
    body = f"<body><h1>{esc(s['title'])}</h1><p class='byline'>By {a}</p>{paras(s)}</body></html>"
    page = head(f"{s['title']} | {site}", extra, charset="utf-16") + body
    return page, "utf-16", gold(s, published=pub_gold, authors=[a], publisher=site)


def utf8_declared_latin1(i: int, s: dict[str, Any]) -> Page:
    """A UTF-8 page whose meta tag wrongly says ISO-8859-1 (a common CMS misconfiguration)."""
    site, a = "Café Société Weekly", "Zoë Lefèvre"
    pub, pub_gold = stamp(i, zone="+02:00")
    extra = (
        f'<meta property="og:site_name" content="{site}">\n<meta name="author" content="{a}">\n'
        f'<meta property="article:published_time" content="{pub}">'
    )
    body = f"<body><h1>{esc(s['title'])}</h1>{paras(s)}<p>Reporting from Orléans and Zürich — ça va.</p></body></html>"
    page = head(f"{s['title']} | {site}", extra, charset="iso-8859-1") + body
    return page, "utf-8", gold(s, published=pub_gold, authors=[a], publisher=site)


# --- other languages and encodings --------------------------------------------------------------


def korean(i: int, s: dict[str, Any]) -> Page:
    site, name = "한빛일보", ["김민수", "이서연"][i % 2]
    day, hour, minute = 10 + i % 15, 9 + i % 8, (i * 7) % 60
    extra = f'<meta property="og:site_name" content="{site}">\n<meta property="og:title" content="{esc(s["title"])}">'
    body = (
        f"<body>{nav(site)}<div class='article_head'><h1>{esc(s['title'])}</h1>"
        f"<div class='date'>입력 2023.08.{day:02d} {hour:02d}:{minute:02d} | 수정 2023.08.{day:02d} "
        f"{hour + 2:02d}:{minute:02d}</div></div><div class='article_body'>"
        f"<figure><img src='/k.jpg'><figcaption>{esc(s['caption'])} [사진=연합뉴스]</figcaption></figure>"
        f"{paras(s)}<div class='byline'>{name} 기자 reporter{i}@hanbit.example</div></div></body></html>"
    )
    page = head(f"{s['title']} | {site}", extra, charset="euc-kr", lang="ko") + body
    return (
        page,
        "cp949",
        gold(
            s,
            published=f"2023-08-{day:02d}T{hour:02d}:{minute:02d}:00",
            updated=f"2023-08-{day:02d}T{hour + 2:02d}:{minute:02d}:00",
            authors=[name],
            publisher=site,
            captions=[{"text": s["caption"], "credit": "연합뉴스"}],
        ),
    )


def japanese(i: int, s: dict[str, Any]) -> Page:
    site = "東都新聞"
    pub, pub_gold = stamp(i, zone="+09:00")
    extra = f'<meta property="og:site_name" content="{site}">'
    body = (
        f"<body>{nav(site)}<article><h1>{esc(s['title'])}</h1><time datetime='{pub}'>{pub[:10]}</time>"
        f"<figure><img src='/j.jpg'><figcaption>{esc(s['caption'])}<span class='credit'>共同</span>"
        f"</figcaption></figure>{paras(s)}</article></body></html>"
    )
    page = head(f"{s['title']} | {site}", extra, charset="Shift_JIS", lang="ja") + body
    return (
        page,
        "shift_jis",
        gold(s, published=pub_gold, publisher=site, captions=[{"text": s["caption"], "credit": "共同"}]),
    )


def chinese(i: int, s: dict[str, Any]) -> Page:
    site, name = "南方时报", ["王伟", "陈静"][i % 2]
    day, hour, minute, sec = 10 + i % 15, 8 + i % 9, (i * 9) % 60, (i * 3) % 60
    shown = f"2023-09-{day:02d} {hour:02d}:{minute:02d}:{sec:02d}"
    extra = (
        f'<meta name="publishdate" content="{shown}">\n<meta name="author" content="{name}">\n'
        f'<meta property="og:site_name" content="{site}">'
    )
    body = (
        f"<body>{nav(site)}<div class='main'><h1>{esc(s['title'])}</h1><div class='info'>{shown} 来源：{site}"
        f"</div><div class='content'>{paras(s)}<p class='pic-caption'>{esc(s['caption'])}</p></div></div>"
        f"</body></html>"
    )
    page = head(f"{s['title']}_{site}", extra, charset="gb18030", lang="zh-CN") + body
    return (
        page,
        "gb18030",
        gold(
            s,
            title=s["title"],
            published=f"2023-09-{day:02d}T{hour:02d}:{minute:02d}:{sec:02d}",
            authors=[name],
            publisher=site,
            captions=[{"text": s["caption"], "credit": None}],
        ),
    )


def french(i: int, s: dict[str, Any]) -> Page:
    site, a, b = "Le Quotidien du Sud", "Claire Dubois", "Julien Moreau"
    pub, pub_gold = stamp(i, zone="+02:00")
    upd, upd_gold = stamp(i, hour_shift=5, zone="+02:00")
    photo = ["JEAN DUPONT", "MARIE LEBLANC"][i % 2]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s["title"],
        "datePublished": pub,
        "dateModified": upd,
        "author": [{"@type": "Person", "name": a}, {"@type": "Person", "name": b}],
        "publisher": {"@type": "Organization", "name": site},
    }
    body = (
        f"<body>{nav(site)}<article class='article'><h1 class='article__title'>{esc(s['title'])}</h1>"
        f"<figure class='article__media'><img src='/f.jpg'><figcaption class='article__legend'>"
        f"{esc(s['caption'])} {photo} / AFP</figcaption></figure>{paras(s)}</article>{ld(data)}</body></html>"
    )
    page = head(f"{s['title']} – {site}", charset="windows-1252", lang="fr") + body
    return (
        page,
        "cp1252",
        gold(
            s,
            published=pub_gold,
            updated=upd_gold,
            authors=[a, b],
            publisher=site,
            captions=[{"text": s["caption"], "credit": f"{photo} / AFP"}],
        ),
    )


def spanish(i: int, s: dict[str, Any]) -> Page:
    site, a = "Diario del Ebro", "Javier Núñez"
    pub, pub_gold = stamp(i, zone="+02:00")
    extra = (
        f'<meta property="og:site_name" content="{site}">\n<meta property="og:title" content="{esc(s["title"])}">\n'
        f'<meta property="article:published_time" content="{pub}">'
    )
    body = (
        f"<body>{nav(site)}<article><h1>{esc(s['title'])}</h1><div class='firma'><a rel='author' "
        f"href='/autor/jn'>{a}</a></div><figure><img src='/e.jpg'><figcaption>{esc(s['caption'])} (EFE)"
        f"</figcaption></figure>{paras(s)}</article></body></html>"
    )
    page = head(f"{s['title']} | {site}", extra, charset="iso-8859-1", lang="es") + body
    return (
        page,
        "latin-1",
        gold(
            s,
            published=pub_gold,
            authors=[a],
            publisher=site,
            captions=[{"text": s["caption"], "credit": "EFE"}],
        ),
    )


def german_wrong_charset(i: int, s: dict[str, Any]) -> Page:
    """Windows-1252 bytes under a meta tag that says UTF-8."""
    site, a = "Süddeutscher Anzeiger", "Lena Vogt"
    pub, pub_gold = stamp(i, zone="+02:00")
    extra = (
        f'<meta property="og:site_name" content="{site}">\n<meta name="author" content="Von {a}">\n'
        f'<meta property="article:published_time" content="{pub}">'
    )
    body = (
        f"<body>{nav(site)}<article><h1>{esc(s['title'])}</h1><figure><img src='/d.jpg'><figcaption>"
        f"{esc(s['caption'])} Foto: dpa</figcaption></figure>{paras(s)}</article></body></html>"
    )
    page = head(f"{s['title']} | {site}", extra, charset="utf-8", lang="de") + body
    return (
        page,
        "cp1252",
        gold(
            s,
            published=pub_gold,
            authors=[a],
            publisher=site,
            captions=[{"text": s["caption"], "credit": "dpa"}],
        ),
    )


# --- held out: written after the extractor's rules were set, scored as they came ----------------


def multi_suffix(i: int, s: dict[str, Any]) -> Page:
    """Section and site in the <title>; JSON-LD names both authors in one string."""
    site, a, b = "The Evening Ledger", PEOPLE[(i + 1) % 18], PEOPLE[(i + 14) % 18]
    pub, pub_gold = stamp(i, zone="Z")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s["title"],
        "datePublished": pub,
        "author": f"{a} and {b}",
    }
    extra = f'<meta property="og:site_name" content="{site}">\n{ld(data)}'
    body = (
        f"<body>{nav(site)}<article><h1>{esc(s['title'])}</h1>{paras(s)}</article>{related()}</body></html>"
    )
    page = head(f"{s['title']} | World news | {site}", extra) + body
    return page, "utf-8", gold(s, published=pub_gold, authors=[a, b], publisher=site)


def byl_meta(i: int, s: dict[str, Any]) -> Page:
    """A 'byl' meta tag, a credit span after the caption, modified time in a meta tag."""
    site, a, b = "The Daily Planet", PEOPLE[(i + 3) % 18], PEOPLE[(i + 8) % 18]
    pub, pub_gold = stamp(i, zone="-04:00")
    upd, upd_gold = stamp(i, hour_shift=7, zone="-04:00")
    photo = PHOTOGRAPHERS[(i + 5) % 6]
    extra = (
        f'<meta name="byl" content="By {a} and {b}">\n<meta property="og:site_name" content="{site}">\n'
        f'<meta property="article:published_time" content="{pub}">\n'
        f'<meta property="article:modified_time" content="{upd}">'
    )
    body = (
        f"<body>{nav(site)}<article><h1>{esc(s['title'])}</h1><figure><img src='/n.jpg'><figcaption>"
        f"<span class='caption-text'>{esc(s['caption'])}</span> <span class='credit'>{photo}/Reuters</span>"
        f"</figcaption></figure>{paras(s)}</article></body></html>"
    )
    page = head(f"{s['title']} - {site}", extra) + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=pub_gold,
            updated=upd_gold,
            authors=[a, b],
            publisher=site,
            captions=[{"text": s["caption"], "credit": f"{photo}/Reuters"}],
        ),
    )


def french_visible(i: int, s: dict[str, Any]) -> Page:
    """ "Par …" byline and day-first "Publié le 18/09/2023 à 10h34" stamps, no meta dates."""
    site, a = "L'Écho de Lyon", "Claire Dubois"
    day, month, hour, minute = 1 + i % 27, 1 + i % 12, 7 + i % 10, (i * 7) % 60
    body = (
        f"<body>{nav(site)}<article><h1>{esc(s['title'])}</h1><p class='auteur'>Par {a}</p>"
        f"<p class='date'>Publié le {day:02d}/{month:02d}/2023 à {hour:02d}h{minute:02d}</p>{paras(s)}</article>"
        f"<footer>© {site} 2023</footer></body></html>"
    )
    page = head(f"{s['title']} - {site}", lang="fr") + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=f"2023-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00",
            authors=[a],
            publisher=site,
        ),
    )


def german_visible(i: int, s: dict[str, Any]) -> Page:
    """German day-first stamps "18.09.2023, 10.34 Uhr" and a "Von A und B" byline."""
    site, a, b = "Rheinische Rundschau", "Lena Vogt", "Jonas Weber"
    day, month, hour, minute = 1 + i % 27, 1 + i % 12, 8 + i % 10, (i * 11) % 60
    extra = f'<meta property="og:site_name" content="{site}">'
    body = (
        f"<body>{nav(site)}<article><h1>{esc(s['title'])}</h1><div class='byline'>Von {a} und {b}</div>"
        f"<time>{day:02d}.{month:02d}.2023, {hour:02d}.{minute:02d} Uhr</time>{paras(s)}</article></body></html>"
    )
    page = head(f"{s['title']} | {site}", extra, lang="de") + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=f"2023-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00",
            authors=[a, b],
            publisher=site,
        ),
    )


def india_updated(i: int, s: dict[str, Any]) -> Page:
    """ "Updated: Sep 18, 2023, 10:34 IST" with the published time only in JSON-LD."""
    site, a = "Deccan Courier", PEOPLE[(i + 5) % 18]
    month, day = 1 + i % 12, 1 + i % 27
    pub = f"2023-{month:02d}-{day:02d}T08:05:00+05:30"
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s["title"],
        "datePublished": pub,
        "author": {"@type": "Person", "name": a},
    }
    shown = f"{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1]} {day}, 2023"
    extra = f'<meta property="og:site_name" content="{site}">\n{ld(data)}'
    body = (
        f"<body>{nav(site)}<div class='story'><h1>{esc(s['title'])}</h1>"
        f"<div class='meta'>{a} / TNN / Updated: {shown}, 10:34 IST</div>{paras(s)}</div></body></html>"
    )
    page = head(f"{s['title']} - {site}", extra) + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=pub,
            updated=f"2023-{month:02d}-{day:02d}T10:34:00+05:30",
            authors=[a],
            publisher=site,
        ),
    )


def korean_english_reporter(i: int, s: dict[str, Any]) -> Page:
    """English page of a Korean outlet: "Kim Min-su Reporter" byline, "Input 2023-09-18 10:34" stamps."""
    site, a = "Seoul Economic Review", "Kim Min-su"
    day, hour, minute = 1 + i % 27, 9 + i % 9, (i * 3) % 60
    extra = f'<meta property="og:site_name" content="{site}">\n<meta property="og:title" content="{esc(s["title"])}">'
    body = (
        f"<body>{nav(site)}<div class='article'><h1>{esc(s['title'])}</h1>"
        f"<ul class='info'><li>{a} Reporter</li><li>Input 2023-10-{day:02d} {hour:02d}:{minute:02d}</li>"
        f"<li>Modified 2023-10-{day:02d} {hour + 1:02d}:{minute:02d}</li></ul>"
        f"<figure><img src='/s.jpg'><figcaption>{esc(s['caption'])} [Photo by Yonhap]</figcaption></figure>"
        f"{paras(s)}</div></body></html>"
    )
    page = head(f"{site} - {s['title']}", extra) + body
    return (
        page,
        "utf-8",
        gold(
            s,
            published=f"2023-10-{day:02d}T{hour:02d}:{minute:02d}:00",
            updated=f"2023-10-{day:02d}T{hour + 1:02d}:{minute:02d}:00",
            authors=[a],
            publisher=site,
            captions=[{"text": s["caption"], "credit": "Yonhap"}],
        ),
    )


HELD_OUT = [multi_suffix, byl_meta, french_visible, german_visible, india_updated, korean_english_reporter]


ENGLISH: list[Callable[[int, dict[str, Any]], Page]] = [
    wire_jsonld,
    og_only,
    visible_stamps,
    ap_allcaps,
    located_byline,
    wordpress,
    microdata,
    staff_noise,
    yoast_graph,
]
BY_LANGUAGE: dict[str, Callable[[int, dict[str, Any]], Page]] = {
    "ko": korean,
    "ja": japanese,
    "zh": chinese,
    "fr": french,
    "es": spanish,
    "de": german_wrong_charset,
}


def pages() -> dict[str, Page]:
    english = [s for s in STORIES if s["lang"] == "en"]
    out: dict[str, Page] = {}
    n = 0
    for round_ in range(3):
        for t, template in enumerate(ENGLISH):
            story = english[(t + round_ * 5) % len(english)]
            out[f"{n:02d}-{template.__name__}.html"] = template(n, story)
            n += 1
    for extra in (utf16, utf16, utf8_declared_latin1, utf8_declared_latin1):
        out[f"{n:02d}-{extra.__name__}.html"] = extra(n, english[n % len(english)])
        n += 1
    for story in STORIES:
        if story["lang"] in BY_LANGUAGE:
            template = BY_LANGUAGE[str(story["lang"])]
            out[f"{n:02d}-{template.__name__}.html"] = template(n, story)
            n += 1
    native = {french_visible: "fr", german_visible: "de"}
    for t, template in enumerate(HELD_OUT * 2):
        pool = [x for x in STORIES if x["lang"] == native.get(template, "en")]
        out[f"{n:02d}-{template.__name__}.html"] = template(n, pool[(t * 3 + 1) % len(pool)])
        n += 1
    return out


def main() -> None:
    for old in HERE.glob("*.html"):
        old.unlink()
    golds = {}
    for name, (text, encoding, expected) in pages().items():
        (HERE / name).write_bytes(text.encode(encoding))
        golds[name] = expected
    (HERE / "gold.json").write_text(json.dumps(golds, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(golds)} pages written to {HERE}")


if __name__ == "__main__":
    main()
