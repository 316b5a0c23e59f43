"""A benchmark corpus: news articles generated from our own templates, at realistic lengths.

    python bench/corpus.py OUT_DIR [--count 200] [--words 600] [--html-share 0.25] [--seed 1]
                                   [--jsonl] [--shared-pages]

Each article is a different fill of the templates in bench/data/corpus.json (fictional
people, real places), so the store never skips one as a duplicate and spaCy sees varied
text. Plain-text articles imitate scraped pages (headline, timestamp line, byline,
copyright line); the HTML share wraps the same kind of article in site chrome (navigation,
related links, footer) so trafilatura has real work. `--shared-pages` adds the pages of the
shared extraction benchmark (../shared/eval/article-extraction-benchmark/html, gzipped),
decompressed into OUT_DIR/shared/, when that folder exists; they are read, never copied
into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import random
import string
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "data" / "corpus.json"
SHARED_PAGES = ROOT.parent / "shared" / "eval" / "article-extraction-benchmark" / "html"


def _person(rng: random.Random, t: dict[str, Any]) -> tuple[str, str]:
    first, last = rng.choice(t["first_names"]), rng.choice(t["last_names"])
    return f"{first} {last}", last


def _slots(rng: random.Random, t: dict[str, Any], outlet: dict[str, str]) -> dict[str, str]:
    a, b, c = rng.sample(t["countries"], 3)
    slots: dict[str, str] = {}
    for key, country in (("A", a), ("B", b), ("C", c)):
        slots[f"{key}_country"] = country["name"]
        slots[f"{key}_adj"] = country["adj"]
        slots[f"{key}_capital"] = country["capital"]
    for key in ("A", "B", "C", "D"):
        slots[f"{key}_full"], slots[f"{key}_last"] = _person(rng, t)
    slots["A_title"], slots["B_title"] = rng.sample(t["titles"], 2)
    org = rng.choice(t["orgs"])
    topic, topic2 = rng.sample(t["topics"], 2)
    slots.update(
        city=rng.choice(a["cities"] + b["cities"]),
        org=org,
        org_cap=org[0].upper() + org[1:],
        topic=topic,
        topic2=topic2,
        weekday=rng.choice(t["weekdays"]),
        month=rng.choice(t["months"]),
        n_small=str(rng.randint(2, 9)),
        n_big=str(rng.randint(120, 9800)),
        year=str(rng.randint(2019, 2025)),
        outlet=outlet["name"],
    )
    return slots


def article(rng: random.Random, t: dict[str, Any], words: int) -> dict[str, Any]:
    """One article as a record: title, published, authors, publisher, paragraphs."""
    outlet = rng.choice(t["outlets"])
    s = _slots(rng, t, outlet)
    fill = string.Formatter().vformat
    title = fill(rng.choice(t["headlines"]), (), s)
    paragraphs = [fill(rng.choice(t["leads"]), (), s)]
    pool = list(t["paragraphs"])
    rng.shuffle(pool)
    while sum(len(p.split()) for p in paragraphs) < words:
        if not pool:  # long articles reuse paragraphs with fresh numbers and names
            pool = list(t["paragraphs"])
            rng.shuffle(pool)
            s = {**s, **{k: v for k, v in _slots(rng, t, outlet).items() if k.startswith(("C_", "D_", "n_"))}}
        paragraphs.append(fill(pool.pop(), (), s))
    paragraphs.append(fill(rng.choice(t["kickers"]), (), s))
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    published = f"{s['year']}-{month:02d}-{day:02d}T{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:00"
    return {
        "title": title,
        "published": published,
        "authors": [_person(rng, t)[0]],
        "publisher": outlet["name"],
        "style": outlet["style"],
        "paragraphs": paragraphs,
    }


def as_text(a: dict[str, Any]) -> str:
    stamp = a["published"].replace("-", ".").replace("T", " ")
    head = [a["title"], "", stamp, "", f"By {a['authors'][0]}", ""]
    return "\n".join(head) + "\n" + "\n\n".join(a["paragraphs"]) + "\n"


def as_html(a: dict[str, Any]) -> str:
    e = html.escape
    body = "\n".join(f"<p>{e(p)}</p>" for p in a["paragraphs"])
    nav = "".join(f'<li><a href="/section/{w.lower()}">{w}</a></li>' for w in ("World", "Business", "Sport"))
    more = e(a["publisher"])
    related = "".join(f'<li><a href="/story/{i}">More from {more} #{i}</a></li>' for i in range(6))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(a["title"])} | {e(a["publisher"])}</title>
<meta property="og:title" content="{e(a["title"])}">
<meta property="article:published_time" content="{a["published"]}">
<meta name="author" content="{e(a["authors"][0])}"></head>
<body><header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{e(a["title"])}</h1>
<p class="byline">By {e(a["authors"][0])}</p><time datetime="{a["published"]}">{a["published"]}</time>
{body}
</article><aside><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>© {e(a["publisher"])}. Subscribe to our newsletter.</p></footer></body></html>
"""


def generate(
    out: Path,
    count: int,
    words: int = 600,
    html_share: float = 0.25,
    seed: int = 1,
    jsonl: bool = False,
) -> list[Path]:
    """Write `count` articles under `out` (files, or one JSONL file); return the paths written."""
    t = json.loads(TEMPLATES.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    records = [article(rng, t, words) for _ in range(count)]
    if jsonl:
        path = out / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in records:
                fields = {k: r[k] for k in ("title", "published", "authors", "publisher")}
                fh.write(json.dumps({**fields, "text": "\n\n".join(r["paragraphs"])}) + "\n")
        return [path]
    paths = []
    for i, r in enumerate(records):
        is_html = rng.random() < html_share
        path = out / f"article-{i:06d}.{'html' if is_html else 'txt'}"
        path.write_text(as_html(r) if is_html else as_text(r), encoding="utf-8")
        paths.append(path)
    return paths


def shared_pages(out: Path, limit: int | None = None) -> list[Path]:
    """Decompress the shared benchmark pages into `out`; [] when they are absent."""
    if not SHARED_PAGES.is_dir():
        return []
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for src in sorted(SHARED_PAGES.glob("*.html.gz"))[:limit]:
        dest = out / src.name.removesuffix(".gz")
        dest.write_bytes(gzip.decompress(src.read_bytes()))
        paths.append(dest)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--html-share", type=float, default=0.25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jsonl", action="store_true", help="one JSONL file of text records instead")
    parser.add_argument("--shared-pages", action="store_true", help="add the shared benchmark pages")
    args = parser.parse_args()
    paths = generate(args.out, args.count, args.words, args.html_share, args.seed, args.jsonl)
    if args.shared_pages:
        paths += shared_pages(args.out / "shared")
    print(f"wrote {len(paths)} files under {args.out}")


if __name__ == "__main__":
    main()
