"""Watching folders: ingest what is there, then each new or changed file as it arrives.

A file is taken once its size and modification time have stayed the same over two
scans, so a file still being written is not read half-way. Re-reading a file whose
content is already stored is a no-op (documents are keyed by content hash), so a
watcher restarted after a crash simply catches up. With the Ray engine, Ray is started
(or the cluster joined), and its actors load the model, once for the whole watch, not once
per scan.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from .batch import Failure, Summary, ingest
from .errors import InputError
from .ingest import iter_paths
from .settings import Settings
from .store import Store

Signature = tuple[float, int]


def _scan(paths: list[str | os.PathLike[str]], failed: dict[str, str]) -> dict[str, Signature]:
    found: dict[str, Signature] = {}
    for item in iter_paths(paths):
        if isinstance(item, InputError):
            failed.setdefault(item.source, item.reason)
            continue
        try:
            stat = item.stat()
        except OSError:
            continue  # removed between listing and stat; the next scan decides
        found[str(item)] = (stat.st_mtime, stat.st_size)
    return found


def _add(total: Summary, part: Summary) -> None:
    total.read += part.read
    total.stored += part.stored
    total.skipped += part.skipped
    total.failed.extend(part.failed)


def watch(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    settings: Settings | None = None,
    *,
    processes: int = 1,
    poll: float = 1.0,
    max_idle: float | None = None,
    on_document: Callable[[Summary], None] | None = None,
    engine: str = "local",
    ray_address: str | None = None,
) -> Summary:
    """Ingest everything under `paths`, then keep ingesting new files until `max_idle`
    seconds pass without one (None: until interrupted), with `processes` workers of the
    named engine (local or ray). Returns the running summary."""
    session: AbstractContextManager[None] = nullcontext()
    if engine == "ray":
        from .engine_ray import ray_session

        session = ray_session(ray_address, processes)
    with session:
        return _watch(
            list(paths), store, settings, processes, poll, max_idle, on_document, engine, ray_address
        )


def _watch(
    roots: list[str | os.PathLike[str]],
    store: Store,
    settings: Settings | None,
    processes: int,
    poll: float,
    max_idle: float | None,
    on_document: Callable[[Summary], None] | None,
    engine: str,
    ray_address: str | None,
) -> Summary:
    total = Summary()
    taken: dict[str, Signature] = {}
    previous: dict[str, Signature] = {}
    reported: dict[str, str] = {}
    idle_since = time.monotonic()
    while True:
        errors: dict[str, str] = {}
        current = _scan(roots, errors)
        for source, reason in errors.items():
            if source not in reported:
                reported[source] = reason
                total.failed.append(Failure(source, reason))
        ready = sorted(p for p, sig in current.items() if previous.get(p) == sig and taken.get(p) != sig)
        previous = current
        if ready:
            part = ingest([Path(p) for p in ready], store, settings, None, processes, engine, ray_address)
            _add(total, part)
            taken.update((p, current[p]) for p in ready)
            idle_since = time.monotonic()
            if on_document is not None:
                on_document(total)
        elif max_idle is not None and time.monotonic() - idle_since >= max_idle:
            return total
        time.sleep(poll)
