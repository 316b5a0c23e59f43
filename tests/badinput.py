"""Hostile and broken inputs, written at test time into a temporary directory.

Nothing here is committed as a big file: the 100 MB text, the nested markup and the
entity bombs are built on the fly. `write_bad_inputs` returns, for each bad file, a
regular expression its failure reason must match; `write_good_articles` writes
well-formed articles (our own fiction in several sites' styles) to mix in.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

# --- good articles -------------------------------------------------------------------

_PLACES = [
    ("Valparaíso", "Chile", "the transport ministry"),
    ("Mombasa", "Kenya", "the ports authority"),
    ("Gdańsk", "Poland", "the maritime office"),
    ("Busan", "South Korea", "the oceans ministry"),
    ("Durban", "South Africa", "the transport department"),
    ("Chittagong", "Bangladesh", "the shipping ministry"),
    ("Santos", "Brazil", "the ports secretariat"),
    ("Izmir", "Turkey", "the trade ministry"),
]
_PEOPLE = [
    ("Mariela Fuentes", "union leader"),
    ("Joseph Otieno", "port director"),
    ("Tomasz Wierzbicki", "deputy minister"),
    ("Park Ji-hoon", "labour minister"),
    ("Thandiwe Nkosi", "provincial premier"),
    ("Rafiqul Islam", "shipping secretary"),
    ("Ana Beatriz Lima", "mayor"),
    ("Emre Kaya", "governor"),
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _story(i: int) -> tuple[str, str, str]:
    """(title, published ISO date, body) of the i-th generated article; all distinct."""
    city, country, office = _PLACES[i % len(_PLACES)]
    person, role = _PEOPLE[(i * 3) % len(_PEOPLE)]
    other, other_role = _PEOPLE[(i * 3 + 1) % len(_PEOPLE)]
    day = _WEEKDAYS[i % 7]
    ships = 12 + i
    published = f"2024-03-{1 + i % 28:02d}"
    title = f"{city} dock talks: {person} meets {office} (report {i})"
    body = (
        f"{city}, {country} — {person}, the {role}, met officials of {office} on {day} to end a "
        f"strike that has left {ships} container ships waiting outside the harbour.\n\n"
        f"“We will not accept a deal that cuts night-shift pay,” {person} told reporters after "
        f"the meeting, adding that talks would resume next week.\n\n"
        f"{other}, the {other_role}, accused the employers of delaying the talks and warned that "
        f"workers in {city} could protest again on {day} if no agreement was signed.\n\n"
        f"The government of {country} said it would send mediators to {city}."
    )
    return title, published, body


def write_good_articles(root: Path, count: int, start: int = 0) -> list[Path]:
    """`count` distinct articles as plain-text scrapes, HTML pages and JSONL records."""
    root.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    records: list[str] = []
    for i in range(start, start + count):
        title, published, body = _story(i)
        if i % 3 == 0:
            path = root / f"article-{i:04d}.txt"
            stamp = published.replace("-", ".")
            path.write_text(f"{title}\n\n{stamp} 09:30:00\n\n{body}\n", encoding="utf-8")
            written.append(path)
        elif i % 3 == 1:
            paragraphs = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
            path = root / f"article-{i:04d}.html"
            path.write_text(
                f"<!doctype html><html lang='en'><head><title>{title}</title>"
                f"<meta property='article:published_time' content='{published}T08:00:00+00:00'>"
                f"</head><body><article><h1>{title}</h1>\n{paragraphs}</article></body></html>",
                encoding="utf-8",
            )
            written.append(path)
        else:
            records.append(json.dumps({"title": title, "published": published, "text": body}))
    if records:
        path = root / f"wire-{start:04d}.jsonl"
        path.write_text("\n".join(records) + "\n", encoding="utf-8")
        written.append(path)
    return written


# --- bad inputs ----------------------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    """A bad input: the source label its failure names (relative to the root) and the
    pattern its reason must match."""

    source: str
    reason: str


_BOMB_ENTITIES = "".join(
    f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "lol") * 10}">\n' for i in range(1, 10)
)
ENTITY_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE html [\n' + _BOMB_ENTITIES + "]>\n"
    "<html><head><title>&lol9;</title></head><body><p>&lol9;</p></body></html>\n"
)
# One large entity referenced many times: no nesting, still a blow-up if expanded.
QUADRATIC_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY big "' + "x" * 50_000 + '">]>\n'
    "<html><body><p>" + "&big;" * 50_000 + "</p></body></html>\n"
)
NO_TEXT = r"no article text"
BOMB = r"declares XML entities in its DOCTYPE \(a possible entity-expansion bomb\)"


def write_bad_inputs(root: Path, huge_bytes: int = 100 * 1024 * 1024) -> list[Bad]:
    """Every kind of broken or hostile input under `root`; returns what each must fail with."""
    root.mkdir(parents=True, exist_ok=True)
    bad: list[Bad] = []

    def put(name: str, data: bytes, reason: str) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        bad.append(Bad(name, reason))

    article = _story(999)[2].encode()
    put("empty.txt", b"", r"^empty file$")
    put("blank.html", b" \n\t\r\n   \n", r"only whitespace")
    put("binary.txt", bytes(range(256)) * 64, r"binary file")
    put("noext-binary", b"\x89PNG\r\n\x1a\n" + bytes(4096), r"binary file")
    put("gzip.html", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 8, r"binary file")
    # A download cut in the middle of a multibyte character.
    put("truncated-utf8.txt", article + " Café".encode()[:-1], r"invalid UTF-8 at byte \d+")
    put(
        "mixed-encodings.txt",
        article + "\n\nLe ministre a déclaré".encode("cp1252") + " à Paris: « non ».".encode(),
        r"invalid UTF-8 .*mixed encodings",
    )
    put("bad-bom.txt", b"\xff\xfe" + b"\x00\xd8" + "text".encode("utf-16-le"), r"byte-order mark says utf-16")
    with (root / "huge.txt").open("wb") as handle:
        line = b"The harbour authority published another page of its annual tonnage report.\n"
        handle.write(line * (huge_bytes // len(line) + 1))
    bad.append(Bad("huge.txt", r"over the limit max_bytes="))
    n = 100_000
    put(
        "nested-100k.html",
        ("<html><body>" + "<div>" * n + "<p>Deep.</p>" + "</div>" * n + "</body></html>").encode(),
        NO_TEXT,
    )
    put("unclosed-100k.html", ("<html><body>" + "<span><b>" * n + "x").encode(), NO_TEXT)
    put("entity-bomb.xhtml", ENTITY_BOMB.encode(), BOMB)
    put("entity-bomb-noext", ENTITY_BOMB.encode(), BOMB)
    put("quadratic-bomb.html", QUADRATIC_BOMB.encode(), BOMB)
    put("broken.json", b'{"title": "Port strike", "text": "cut off', r"malformed JSON")
    (root / "not-records.json").write_bytes(b'[1, "two"]')
    bad += [
        Bad("not-records.json:1", r"record is a JSON int, expected an object"),
        Bad("not-records.json:2", r"record is a JSON str, expected an object"),
    ]
    put("deep.json", b'{"a":' * n + b"1" + b"}" * n, r"JSON nested too deeply")
    lines = [
        json.dumps({"title": "JSONL good", "text": _story(1000)[2]}),
        "{not json}",
        '{"title": "cut", "text": "The min',
        "[1, 2, 3]",
        json.dumps({"title": "no body", "published": "2024-03-01"}),
        '{"text": "Officials in Lima said \\ud800 the talks failed on Monday."}',
        json.dumps({"html": ENTITY_BOMB}),
        "[" * n + "]" * n,
        json.dumps({"title": "JSONL good too", "text": _story(1001)[2]}),
    ]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad += [
        Bad("feed.jsonl:2", r"malformed JSON line: .* at column \d+"),
        Bad("feed.jsonl:3", r"malformed JSON line"),
        Bad("feed.jsonl:4", r"record is a JSON list, expected an object"),
        Bad("feed.jsonl:5", r"no non-empty text field"),
        Bad("feed.jsonl:6", r"unpaired UTF-16 surrogate escape \(\\ud800\)"),
        Bad("feed.jsonl:7", BOMB),
        Bad("feed.jsonl:8", r"JSON nested too deeply"),
    ]
    # Names that break naive printing: a newline, non-Latin scripts, rich markup ("[/red]").
    put("bad\nname.txt", b"", r"^empty file$")
    put("пустой 空 ملف.txt", b"   ", r"only whitespace")
    put("[/red] markup.txt", b"", r"^empty file$")
    os.symlink("loop-b.txt", root / "loop-a.txt")
    os.symlink("loop-a.txt", root / "loop-b.txt")
    os.symlink("self.txt", root / "self.txt")
    bad += [Bad(n, r"symbolic link loop") for n in ("loop-a.txt", "loop-b.txt", "self.txt")]
    os.symlink("missing-target.txt", root / "dangling.txt")
    bad.append(Bad("dangling.txt", r"broken symbolic link"))
    # A directory link back up the tree must not make the walk go round forever.
    (root / "sub").mkdir(exist_ok=True)
    os.symlink("..", root / "sub" / "up")
    return bad


def write_hostile_articles(root: Path) -> list[str]:
    """Good articles with hostile parts a parser must survive; returns their titles.

    Each must be stored: the hostile part is dropped, the article is kept.
    """
    root.mkdir(parents=True, exist_ok=True)
    titles = []
    for i, (name, extra) in enumerate(
        [
            ("deep-json-ld.html", '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000),
            ("surrogate-json-ld.html", '<script type="application/ld+json">{"headline": "\\ud800"}'),
            (
                "odd-json-ld.html",
                '<script type="application/ld+json">{"@type": 7, "author": {"@type": null}}',
            ),
        ]
    ):
        title, _, body = _story(3000 + i)
        paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        page = f"<html><head><title>{title}</title>{extra}</script></head><body>{paragraphs}</body></html>"
        (root / name).write_text(page, encoding="utf-8")
        titles.append(title)
    title, _, body = _story(3008)  # Valparaíso: every character exists in cp1252
    (root / "legacy-cp1252.txt").write_bytes(f"{title}\n\n{body} Café crème.\n".encode("cp1252"))
    titles.append(title)
    title, _, body = _story(3011)
    record = {"title": title, "text": body.replace("\n\n", "\u0000\n\n", 1)}
    (root / "nul-in-text.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    titles.append(title)
    return titles


def write_unreadable(root: Path) -> tuple[Path, bool]:
    """A good article made unreadable with chmod 000; True when that blocks reading here.

    Under root (CI containers often run as root) permissions do not block reading, so
    the file is then an ordinary good article, and the caller must expect it stored.
    """
    path = root / "unreadable.txt"
    title, published, body = _story(2000)
    path.write_text(f"{title}\n\n{published} 10:00\n\n{body}\n", encoding="utf-8")
    path.chmod(0)
    try:
        path.read_bytes()
    except PermissionError:
        return path, True
    return path, False


def write_slow_page(root: Path, paragraphs: int = 20_000) -> Path:
    """A legitimate but very long HTML page: extraction takes seconds, not milliseconds."""
    rows = "".join(
        f"<p>Paragraph {i}: the port authority of Valparaíso said on day {i} that {i % 97} dock "
        f"workers returned to terminal {i % 13} after talks with the transport ministry.</p>\n"
        for i in range(paragraphs)
    )
    path = root / "slow-page.html"
    path.write_text(f"<html><body><article>{rows}</article></body></html>", encoding="utf-8")
    return path
