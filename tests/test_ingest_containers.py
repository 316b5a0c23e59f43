"""WARC files, RSS/Atom feeds and the encodings pages come in: fixtures generated here."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.extract import extract
from dateline.ingest import RawInput, iter_inputs

PAGE = (
    "<html><head><meta charset='{charset}'><title>{title} | Harbour Post</title>"
    "<meta property='og:site_name' content='Harbour Post'></head><body><article><h1>{title}</h1>"
    "<p>{para}</p><p>The harbour authority said it would publish a full report next month, after "
    "inspectors finish checking the breakwater and the two container berths on the eastern side.</p>"
    "</article></body></html>"
)


def page(title: str, para: str, charset: str = "utf-8") -> str:
    return PAGE.format(title=title, para=para, charset=charset)


def warc_record(number: int, url: str, content_type: str, body: bytes) -> bytes:
    http = (
        f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2023-09-18T10:34:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def write_warc(path: Path, records: list[tuple[str, str, bytes]], gzip: bool = True) -> None:
    """A WARC file as crawlers write it: one gzip member per record when compressed."""
    import gzip as gz

    blocks = [warc_record(n, *r) for n, r in enumerate(records, start=1)]
    path.write_bytes(b"".join(gz.compress(b) for b in blocks) if gzip else b"".join(blocks))


def read_all(path: Path) -> tuple[list[RawInput], list[InputError]]:
    items = list(iter_inputs([path]))
    return [i for i in items if isinstance(i, RawInput)], [i for i in items if isinstance(i, InputError)]


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_html_responses_become_numbered_inputs(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    korean = page(
        "부산항 파업 타결", "부산항 부두 노동자들의 파업이 목요일 끝났다. 선박 40여 척이 대기했다.", "euc-kr"
    )
    write_warc(
        path,
        [
            (
                "https://news.example/a",
                "text/html; charset=utf-8",
                page("Port strike ends", "Dock workers returned.").encode(),
            ),
            ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
            ("https://news.example/k", "text/html; charset=EUC-KR", korean.encode("cp949")),
        ],
        gzip=gzip,
    )
    inputs, errors = read_all(path)
    assert errors == []
    assert [(i.url, i.record, i.container, i.format) for i in inputs] == [
        ("https://news.example/a", 1, "warc", "html"),
        ("https://news.example/k", 3, "warc", "html"),
    ]
    assert inputs[1].label == f"{path}:3"
    assert extract(inputs[1]).title == "부산항 파업 타결"


def test_truncated_warc_keeps_earlier_records_and_names_the_broken_one(tmp_path):
    path = tmp_path / "cut.warc.gz"
    body = page("Port strike ends", " ".join(f"Dock {n} workers returned." for n in range(300))).encode()
    write_warc(path, [("https://n.example/1", "text/html", body), ("https://n.example/2", "text/html", body)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    inputs, errors = read_all(path)
    assert [i.record for i in inputs] == [1]
    assert len(errors) == 1 and errors[0].source == f"{path}:2"
    assert "WARC" in errors[0].reason or "truncated" in errors[0].reason


def test_garbage_warc_is_one_clear_error(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a web archive at all\n" * 10)
    inputs, errors = read_all(path)
    assert inputs == [] and len(errors) == 1 and str(path) in str(errors[0])


RSS = """<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Post</title>
<item><title>Ferry service resumes</title><link>https://harbour.example/ferry</link>
<pubDate>Mon, 18 Sep 2023 10:34:00 +0900</pubDate><dc:creator>Hana Sato</dc:creator>
<content:encoded><![CDATA[<p>The ferry to Jeju resumed on Monday after a typhoon.</p>
<figure><img src="x.jpg"><figcaption>Passengers wait.</figcaption></figure>
<p>Officials said all routes would reopen by Wednesday.</p>]]></content:encoded></item>
<item><title>Café owners protest rent rises</title><link>https://harbour.example/cafe</link>
<description>Café owners in Orléans marched on Tuesday against rent rises.</description></item>
<item><title>Empty item</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Evening Ledger</title>
<entry><title>Wheat forecast cut after frost</title>
<link rel="alternate" href="https://ledger.example/wheat"/>
<published>2023-09-21T06:00:00+02:00</published><updated>2023-09-21T11:45:00+02:00</updated>
<author><name>Lucas Ferreira</name></author>
<summary>The grains exchange cut its forecast for the wheat harvest after late frosts.</summary>
</entry></feed>"""


@pytest.mark.parametrize("encoding", ["utf-8", "iso-8859-1"])
def test_rss_items_with_content_summary_title_date_link(tmp_path, encoding):
    path = tmp_path / "news.rss"
    path.write_bytes(RSS.format(encoding=encoding).encode(encoding))
    inputs, errors = read_all(path)
    assert [i.record for i in inputs] == [1, 2]
    assert len(errors) == 1 and errors[0].source == f"{path}:3" and "content" in errors[0].reason
    first = extract(inputs[0])
    assert first.title == "Ferry service resumes"
    assert first.published == "2023-09-18T10:34:00+09:00"
    assert first.authors == ["Hana Sato"]
    assert first.text == (
        "The ferry to Jeju resumed on Monday after a typhoon.\n\n"
        "Officials said all routes would reopen by Wednesday."
    )
    assert inputs[0].url == "https://harbour.example/ferry" and inputs[0].container == "feed"
    assert extract(inputs[1]).title == "Café owners protest rent rises"


def test_atom_entry(tmp_path):
    path = tmp_path / "ledger.xml"
    path.write_text(ATOM, encoding="utf-8")
    [raw], errors = read_all(path)
    assert errors == []
    article = extract(raw)
    assert (article.title, article.published, article.updated) == (
        "Wheat forecast cut after frost",
        "2023-09-21T06:00:00+02:00",
        "2023-09-21T11:45:00+02:00",
    )
    assert article.authors == ["Lucas Ferreira"] and raw.url == "https://ledger.example/wheat"


BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rss><channel><item><title>&d;</title><description>&d;&d;&d;</description></item></channel></rss>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "http://attacker.example/evil.dtd">
<rss><channel><item><title>t</title>
<description>Some text of the item here.</description></item></channel></rss>"""


def test_entity_bomb_is_refused_per_file(tmp_path):
    path = tmp_path / "bomb.rss"
    path.write_text(BOMB, encoding="utf-8")
    inputs, errors = read_all(path)
    assert inputs == [] and len(errors) == 1 and "entit" in errors[0].reason


def test_external_dtd_is_never_fetched(tmp_path):
    path = tmp_path / "ext.rss"
    path.write_text(EXTERNAL, encoding="utf-8")
    [raw], errors = read_all(path)
    assert errors == [] and raw.text == "Some text of the item here."


def test_malformed_feed_and_non_feed_xml(tmp_path):
    (tmp_path / "broken.rss").write_text("<rss><channel><item><title>x</ti", encoding="utf-8")
    inputs, errors = read_all(tmp_path / "broken.rss")
    assert inputs == [] and "malformed feed" in errors[0].reason
    (tmp_path / "page.xml").write_text(
        "<?xml version='1.0'?><html><body><p>Hello there, a page.</p></body></html>"
    )
    [raw], errors = read_all(tmp_path / "page.xml")
    assert errors == [] and raw.format == "html"


TEXT = "Café owners in Orléans and Zürich marched on Tuesday, «enough», they said."
KOREAN = "부산항 부두 노동자들의 파업이 사흘 만에 끝났다. 노조는 임금 인상안을 받아들였다."
JAPANESE = "北海道では記録的な大雪となり、新千歳空港を発着する便に欠航が相次いだ。"
CHINESE = "广西沿海多地启动台风应急响应，渔船全部回港避风，部分学校停课一天。"


@pytest.mark.parametrize(
    ("text", "codec", "declared"),
    [
        (TEXT, "utf-8", None),
        (TEXT, "utf-8-sig", None),
        (TEXT, "utf-16", None),
        (TEXT, "utf-16-be", "utf-16be"),  # no byte-order mark
        (TEXT, "utf-16-le", None),
        (KOREAN, "cp949", "euc-kr"),
        (KOREAN, "euc-kr", None),
        (JAPANESE, "shift_jis", "Shift_JIS"),
        (JAPANESE, "shift_jis", None),
        (CHINESE, "gb18030", "gb2312"),
        (CHINESE, "gb18030", None),
        (TEXT, "cp1252", "windows-1252"),
        (TEXT, "cp1252", "utf-8"),  # wrong declaration
        (TEXT, "latin-1", "iso-8859-1"),
        (TEXT, "utf-8", "iso-8859-1"),  # UTF-8 under a stale legacy declaration
        (KOREAN, "utf-8", "euc-kr"),
    ],
)
def test_encodings_are_detected(tmp_path, text, codec, declared):
    meta = f"<meta charset='{declared}'>" if declared else ""
    html = f"<html><head>{meta}<title>t</title></head><body><p>{text}</p><p>{text}</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(html.encode(codec))
    [raw], errors = read_all(path)
    assert errors == []
    assert text in raw.text
