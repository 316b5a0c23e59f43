"""The API under load: 50 concurrent clients for 30 seconds against `dateline serve` on
loopback, reporting throughput, latency percentiles and errors (target: zero errors).

    python bench/api_load.py --db bench.duckdb [--clients 50] [--seconds 30]

Each client loops over a mix an analyst's page makes: event filters (50%), actor
profiles (15%), timeline (10%), stats (5%), search (10%), one article (10%). Requests
go to 127.0.0.1 only; the run is bounded by --seconds and stops by itself. An error is
any response other than 200, or a request that fails or takes longer than --timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from collections import Counter
from typing import Any

import httpx2 as httpx
from served import actor_path, event_query, server, vocabulary


def request_for(
    rng: random.Random, vocab: dict[str, Any], doc_ids: list[str]
) -> tuple[str, str, dict[str, Any]]:
    roll = rng.random()
    if roll < 0.50:
        return "events", "/api/events", event_query(rng, vocab)
    if roll < 0.65:
        return "actor", actor_path(rng, vocab), {}
    if roll < 0.75:
        q = event_query(rng, vocab)
        return (
            "timeline",
            "/api/timeline",
            {k: v for k, v in q.items() if k not in ("sort", "offset", "limit")},
        )
    if roll < 0.80:
        return "stats", "/api/stats", {}
    if roll < 0.90:
        return "search", "/api/search", {"q": rng.choice(vocab["actors"]).split()[-1]}
    return "article", "/api/articles/" + rng.choice(doc_ids), {}


async def client_loop(
    n: int,
    base: str,
    vocab: dict[str, Any],
    doc_ids: list[str],
    stop: float,
    timeout: float,
    results: list[tuple[str, float, str]],
) -> None:
    rng = random.Random(n)
    async with httpx.AsyncClient(base_url=base, timeout=timeout) as client:
        while time.monotonic() < stop:
            kind, path, params = request_for(rng, vocab, doc_ids)
            t0 = time.perf_counter()
            try:
                response = await client.get(path, params=params)
                outcome = "ok" if response.status_code == 200 else f"HTTP {response.status_code}"
            except httpx.HTTPError as exc:
                outcome = type(exc).__name__
            results.append((kind, (time.perf_counter() - t0) * 1000, outcome))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def run(base: str, clients: int, seconds: float, timeout: float) -> list[tuple[str, float, str]]:
    vocab = vocabulary(base)
    found = httpx.get(base + "/api/events", params={"limit": 200}, timeout=60).json()["items"]
    doc_ids = sorted({e["evidence"]["doc_id"] for e in found if e["evidence"]}) or ["000000"]
    results: list[tuple[str, float, str]] = []
    stop = time.monotonic() + seconds
    await asyncio.gather(
        *(client_loop(i, base, vocab, doc_ids, stop, timeout, results) for i in range(clients))
    )
    return results


def report(results: list[tuple[str, float, str]], seconds: float, clients: int) -> None:
    ms = [r[1] for r in results]
    errors = Counter(r[2] for r in results if r[2] != "ok")
    print(
        f"{clients} clients · {seconds:.0f} s · {len(results)} requests · "
        f"{len(results) / seconds:.1f} req/s · errors {sum(errors.values())}"
        + (f" ({dict(errors)})" if errors else "")
    )
    print(
        f"latency all: p50 {statistics.median(ms):.0f} ms · p95 {pct(ms, 95):.0f} ms · "
        f"p99 {pct(ms, 99):.0f} ms · max {max(ms):.0f} ms"
    )
    for kind in sorted({r[0] for r in results}):
        k = [r[1] for r in results if r[0] == kind]
        print(f"  {kind:9s} n={len(k):5d}  p50 {statistics.median(k):6.0f} ms  p99 {pct(k, 99):6.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--timeout", type=float, default=30, help="seconds before a request counts as failed")
    args = parser.parse_args()
    with server(args.db) as base:
        started = time.monotonic()
        results = asyncio.run(run(base, args.clients, args.seconds, args.timeout))
        report(results, time.monotonic() - started, args.clients)


if __name__ == "__main__":
    main()
