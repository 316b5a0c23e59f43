"""p95 latency of the event filter and actor profile endpoints, and the page's time to
first render in headless Chromium, against `dateline serve` on loopback.

    python bench/gen_events.py --db bench.duckdb          # once: 200,000 events
    python bench/api_latency.py --db bench.duckdb [--requests 200] [--loads 10]

Requests go one at a time (keep-alive), so each figure is the server's own latency.
Event requests combine zero to three filters (type, actor, recipient, country, actor
country, dates, bounding box, modality) with a sort and a page offset, drawn from the
store's own actors and countries; profiles are of actors drawn from the 300 most
reported. First render: a fresh browser context per load (empty cache), from navigation
start until the page has drawn its first view (events table and timeline) from the API.
Targets: p95 <= 100 ms; first render <= 1 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import httpx2 as httpx
from served import actor_path, event_query, server, vocabulary

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser import CHROMIUM, launch


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def line(label: str, ms: list[float], target: float | None = None) -> str:
    p95 = pct(ms, 95)
    verdict = "" if target is None else ("  target met" if p95 <= target else "  TARGET MISSED")
    return (
        f"{label:28s} n={len(ms):4d}  p50 {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  "
        f"max {max(ms):7.1f} ms{verdict}"
    )


def timed(client: httpx.Client, path: str, params: dict[str, object] | None = None) -> float:
    t0 = time.perf_counter()
    response = client.get(path, params=params)
    elapsed = (time.perf_counter() - t0) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} {params}: HTTP {response.status_code} {response.text[:200]}")
    return elapsed


def api_latency(base: str, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    vocab = vocabulary(base)
    out = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for _ in range(10):  # warm caches the way a running server has them
            timed(client, "/api/events", event_query(rng, vocab))
            timed(client, actor_path(rng, vocab))
        events = [timed(client, "/api/events", event_query(rng, vocab)) for _ in range(n)]
        profiles = [timed(client, actor_path(rng, vocab)) for _ in range(n)]
        unfiltered = [timed(client, "/api/events") for _ in range(max(10, n // 10))]
        stats = [timed(client, "/api/stats") for _ in range(max(10, n // 10))]
        search = [
            timed(client, "/api/search", {"q": rng.choice(vocab["actors"]).split()[-1]})
            for _ in range(max(10, n // 10))
        ]
    out.append(line("GET /api/events (filters)", events, 100))
    out.append(line("GET /api/actors/{name}", profiles, 100))
    out.append(line("GET /api/events (none)", unfiltered))
    out.append(line("GET /api/stats", stats))
    out.append(line("GET /api/search", search))
    return out


def first_render(base: str, loads: int) -> list[str]:
    if not CHROMIUM.exists():
        return ["first render: skipped (no /usr/bin/chromium)"]
    from playwright.sync_api import sync_playwright

    drawn, paint = [], []
    with sync_playwright() as p:
        browser = launch(p)
        for _ in range(loads + 1):
            context = browser.new_context(viewport={"width": 1400, "height": 950})
            page = context.new_page()
            page.goto(base + "/")
            page.wait_for_selector("body[data-ready]", state="attached", timeout=60000)
            marks = page.evaluate(
                "() => [performance.getEntriesByName('dateline-first-render')[0].startTime,"
                " (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: -1}).startTime]"
            )
            drawn.append(marks[0])
            paint.append(marks[1])
            context.close()
        browser.close()
    drawn, paint = drawn[1:], paint[1:]  # the first load also starts the browser's own caches
    return [line("page: first contentful paint", paint), line("page: first view drawn", drawn, 1000)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    parser.add_argument("--loads", type=int, default=10, help="page loads for first render")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with server(args.db) as base:
        stats = httpx.get(base + "/api/stats", timeout=60).json()["counts"]
        print(
            f"store: {stats['events']:,} events, {stats['event_mentions']:,} mentions, "
            f"{stats['articles']:,} articles"
        )
        for text in api_latency(base, args.requests, args.seed) + first_render(base, args.loads):
            print(text)


if __name__ == "__main__":
    main()
