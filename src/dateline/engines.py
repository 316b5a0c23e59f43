"""Engines: how the pure pipeline is mapped over many inputs.

`ray` (engine_ray.py) does the same with Ray Data actors on a cluster.
`local` runs `process_many` in this process (one process) or in a pool of worker
processes, each loading the spaCy model once and feeding its chunk of inputs through
`nlp.pipe`. Results come back in input order to a single writer (the caller), so a store
sees the same documents in the same order whatever the process count.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from typing import Any

from .errors import ConfigError, DatelineError, InputError
from .ingest import RawInput
from .models import Document
from .settings import Settings

# The pipeline (and with it spaCy) is imported where it runs: in this process only when it
# processes inputs itself; with a pool the writer never needs it, and importing it would
# add a second or more to every start-up before the fork server loads it again.

ENGINES = ("local", "ray")

# What a worker sends back for one input: the document, or the failure's source and reason.
# Exceptions are flattened because InputError's constructor does not survive pickling.
Outcome = Document | tuple[str, str]

_worker_settings: Settings | None = None
# Why this worker could not start, if it could not: sent back in place of its first chunk.
_worker_failure: str | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings, _worker_failure
    _worker_settings = settings
    try:
        from .nlp import load

        load(settings.model)
    except Exception as exc:
        # An initializer that raises kills the worker, the pool starts another that dies
        # the same way, and the parent waits for ever on a chunk no one will answer. A live
        # worker that answers with the reason ends the run instead.
        _worker_failure = str(exc) if isinstance(exc, DatelineError) else repr(exc)


def _work(chunk: list[RawInput]) -> list[Outcome] | str:
    if _worker_failure is not None:
        return _worker_failure
    from .pipeline import process_many

    settings = _worker_settings or Settings()
    outcomes: list[Outcome] = []
    for raw, result in process_many(chunk, settings):
        if isinstance(result, Document):
            outcomes.append(result)
        else:
            source = getattr(result, "source", None) or raw.label
            outcomes.append((source, getattr(result, "reason", None) or str(result)))
    return outcomes


def _context() -> Any:
    # forkserver: workers are forked from a clean server process that has loaded the
    # default model once (dateline.warm), not from a parent holding database connections
    # and threads; they start warm and share the model's pages.
    if sys.platform == "linux":
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["dateline.warm"])
        return ctx
    return multiprocessing.get_context("spawn")


def run(
    raws: Iterable[RawInput],
    settings: Settings,
    processes: int = 1,
    engine: str = "local",
    ray_address: str | None = None,
) -> Iterator[tuple[RawInput, Document | DatelineError]]:
    """(input, document or error) for each input, in order, by the named engine."""
    if engine == "ray":
        from .engine_ray import run_ray

        return run_ray(raws, settings, processes, ray_address)
    if engine != "local":
        raise ConfigError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    return run_local(raws, settings, processes)


def run_local(
    raws: Iterable[RawInput], settings: Settings, processes: int = 1
) -> Iterator[tuple[RawInput, Document | DatelineError]]:
    """(input, document or error) for each input, in order, using `processes` processes."""
    if processes <= 1:
        from .pipeline import process_many

        yield from process_many(raws, settings)
        return
    inputs = iter(raws)
    # At most two chunks per worker in flight: memory stays bounded on any corpus size.
    in_flight: deque[tuple[list[RawInput], AsyncResult[list[Outcome] | str]]] = deque()
    pool: Pool = _context().Pool(processes, initializer=_init_worker, initargs=(settings,))
    try:
        while True:
            while len(in_flight) < 2 * processes:
                chunk = list(islice(inputs, settings.batch_size))
                if not chunk:
                    break
                in_flight.append((chunk, pool.apply_async(_work, (chunk,))))
            if not in_flight:
                break
            chunk, pending = in_flight.popleft()
            outcomes = pending.get()
            if isinstance(outcomes, str):
                raise ConfigError(f"a worker process could not start: {outcomes}")
            for raw, outcome in zip(chunk, outcomes, strict=True):
                yield raw, outcome if isinstance(outcome, Document) else InputError(*outcome)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
