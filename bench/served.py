"""What the API benchmarks share: a `dateline serve` child process on loopback and
request mixes drawn from the store itself (its types, actors, countries and dates)."""

from __future__ import annotations

import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import httpx2 as httpx

TYPES = ["CONSULT", "ASSAULT", "ACCUSE", "SUPPORT", "AID", "PROTEST", "SANCTION", "COERCE"]
MODALITIES = ["asserted", "reported", "future", "negated"]
SORTS = ["-day", "day", "-mentions", "-sources", "type"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(db: str, port: int | None = None) -> Iterator[str]:
    """`dateline serve --db DB` on 127.0.0.1; yields its base URL; stops it afterwards."""
    port = port or free_port()
    cmd = [
        sys.executable,
        "-c",
        "from dateline.cli import main; main()",
        "serve",
        "--db",
        db,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"dateline serve exited: {proc.stderr.read() if proc.stderr else ''}")
            try:
                if httpx.get(base + "/api/stats", timeout=60).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("dateline serve did not answer within 120 s")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def vocabulary(base: str) -> dict[str, Any]:
    """Actor names, countries and the date range of the store, to draw requests from."""
    stats = httpx.get(base + "/api/stats", timeout=60).json()
    actors = [a["name"] for a in httpx.get(base + "/api/actors", params={"limit": 300}, timeout=60).json()]
    countries = [c["country"] for c in stats["top_countries"]] or ["USA"]
    first = (stats["counts"]["first_day"] or "2020-01-01")[:4]
    last = (stats["counts"]["last_day"] or "2024-12-31")[:4]
    return {
        "actors": actors or ["nobody"],
        "countries": countries,
        "years": list(range(int(first), int(last) + 1)),
    }


def event_query(rng: random.Random, vocab: dict[str, Any]) -> dict[str, Any]:
    """One event-table request as an analyst would make it: one to three filters, a sort, a page."""
    year = rng.choice(vocab["years"])
    month = rng.randint(1, 12)
    lat, lon = rng.uniform(-50, 60), rng.uniform(-170, 150)
    filters = {
        "type": lambda: rng.choice(TYPES),
        "actor": lambda: rng.choice(vocab["actors"]).split()[-1][:8],
        "recipient": lambda: rng.choice(vocab["actors"]).split()[0][:8],
        "country": lambda: rng.choice(vocab["countries"]),
        "actor_country": lambda: rng.choice(vocab["countries"]),
        "since": lambda: f"{year}-{month:02d}-01",
        "until": lambda: f"{year}",
        "bbox": lambda: f"{lon:.1f},{lat:.1f},{lon + 25:.1f},{lat + 20:.1f}",
        "modality": lambda: rng.choice(MODALITIES),
    }
    chosen = rng.sample(sorted(filters), rng.choice([0, 1, 1, 2, 2, 3]))
    params: dict[str, Any] = {name: filters[name]() for name in chosen}
    params["sort"] = rng.choice(SORTS)
    params["offset"] = rng.choice([0, 0, 0, 50, 100, 500])
    params["limit"] = 50
    return params


def actor_path(rng: random.Random, vocab: dict[str, Any]) -> str:
    return "/api/actors/" + quote(rng.choice(vocab["actors"]), safe="")
