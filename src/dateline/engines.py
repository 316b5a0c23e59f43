"""Engines: how the pure pipeline is mapped over many inputs.

`ray` (engine_ray.py) does the same with Ray actors, fed by Ray Data, on a cluster.
`local` runs `process_many` in this process (one process) or in a pool of worker
processes, each loading the spaCy model once and feeding its chunks of inputs through
`nlp.pipe`. Results come back in input order to a single writer (the caller), so a store
sees the same documents in the same order whatever the process count.

The pool is our own rather than multiprocessing.Pool: a Pool whose worker is killed
outright (SIGKILL, the kernel's out-of-memory killer) starts another and waits for ever on
the lost chunk, and concurrent.futures' pool breaks as a whole without saying which
worker died or how. Here each worker has its own pipe, so the parent knows which chunk a
dead worker held and its exit signal. A lost chunk is run again one input at a time on a
fresh worker, so that only an input that kills a worker by itself fails (with an error
naming it and the signal); the other inputs, and what was already stored, are kept.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection, wait
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

# Tests only: a worker given an input whose text holds this string kills itself with
# SIGKILL, as the out-of-memory killer would. None (always, outside tests) disables it; it
# is passed to workers as an argument, so no article and no setting can turn it on.
_TEST_KILL_MARKER: str | None = None
# Tests only: the first this many workers a pool starts SIGKILL themselves before they
# report, as one killed by the out-of-memory killer while loading the model would.
_TEST_START_DEATHS = 0
# Workers that may be killed while starting (not failing to load: that ends the run at
# once, with the reason) before the run gives up: memory is tightest while models load.
_START_RETRIES = 3
# Chunks sent to a worker before it has answered the first: one being worked on, one
# waiting, so a worker never idles while the writer stores the previous chunk.
_CHUNKS_PER_WORKER = 2
# Chunks drawn but not yet written, per worker: results wait in order for the writer, and
# one slow chunk must not stop the others from being given new work (each waiting chunk is
# about a megabyte of documents).
_UNWRITTEN_PER_WORKER = 4


def settled(outcome: Outcome) -> Document | InputError:
    """A worker's outcome as the writer takes it: the document, or the input's error."""
    return outcome if isinstance(outcome, Document) else InputError(*outcome)


def start_worker(settings: Settings) -> str | None:
    """Load the model in a new worker (a process or a Ray actor); why it cannot, or None."""
    try:
        from .nlp import load

        load(settings.model)
    except Exception as exc:
        return str(exc) if isinstance(exc, DatelineError) else repr(exc)
    return None


def _die_as_if_out_of_memory() -> None:
    """Tests only: end this worker with SIGKILL, as the out-of-memory killer would."""
    os.kill(os.getpid(), signal.SIGKILL)


def work_chunk(chunk: list[RawInput], settings: Settings, kill_marker: str | None = None) -> list[Outcome]:
    """A worker's outcomes for a chunk of inputs, in order, through `nlp.pipe`."""
    from .pipeline import process_many

    if kill_marker is not None and any(kill_marker in raw.text for raw in chunk):
        _die_as_if_out_of_memory()
    outcomes: list[Outcome] = []
    for raw, result in process_many(chunk, settings):
        if isinstance(result, Document):
            outcomes.append(result)
        else:
            source = getattr(result, "source", None) or raw.label
            outcomes.append((source, getattr(result, "reason", None) or str(result)))
    return outcomes


def _serve(conn: Connection, settings: Settings, kill_marker: str | None, die_at_start: bool = False) -> None:
    """A worker: say whether it could start, then answer (key, chunk) with (key, outcomes)
    until it receives None or its parent goes away."""
    if die_at_start:
        _die_as_if_out_of_memory()
    failure = start_worker(settings)
    conn.send(failure)
    if failure is not None:
        return
    # A thread keeps taking chunks while this one works, so the parent's send never waits
    # on a worker that is itself waiting to send a result (both pipes full: a deadlock).
    tasks: queue.SimpleQueue[tuple[int, list[RawInput]] | None] = queue.SimpleQueue()

    def receive() -> None:
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                task = None
            tasks.put(task)
            if task is None:
                return

    threading.Thread(target=receive, daemon=True).start()
    while (task := tasks.get()) is not None:
        key, chunk = task
        conn.send((key, work_chunk(chunk, settings, kill_marker)))


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
    pool = _Pool(settings, processes)
    try:
        yield from pool.map(iter(raws))
    finally:
        pool.close()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


@dataclass
class _Chunk:
    """Consecutive inputs, `batch_size` of them, or one input of a chunk being re-run."""

    inputs: list[RawInput]
    outcomes: list[Document | DatelineError | None]
    left: int  # inputs not yet answered


class _Feed:
    """Chunks of the inputs, in order: `batch_size` inputs while more than one chunk per
    worker is left, then a worker's share of what is left (guided self-scheduling).

    With whole chunks to the end, one worker can spend seconds on a last chunk while the
    others have nothing left to do; shares that halve down to single inputs let the
    workers finish together. Reading one chunk per worker ahead tells when the end is near.
    """

    def __init__(self, inputs: Iterator[RawInput], batch_size: int, workers: int) -> None:
        self.inputs = inputs
        self.batch_size = max(1, batch_size)
        self.workers = max(1, workers)
        self.ahead: deque[RawInput] = deque()  # read but not yet in a chunk
        self.ended = False  # the inputs hold nothing beyond `ahead`

    def chunk(self) -> list[RawInput]:
        """The next chunk; empty when every input has been given out."""
        wanted = self.batch_size * self.workers
        if not self.ended and len(self.ahead) < wanted:
            self.ahead.extend(islice(self.inputs, wanted - len(self.ahead)))
            self.ended = len(self.ahead) < wanted
        size = self.batch_size
        if self.ended:
            size = min(size, -(-len(self.ahead) // self.workers))
        return [self.ahead.popleft() for _ in range(min(size, len(self.ahead)))]


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    # Tasks sent, oldest first: a worker answers in order, so the first is the one it is on.
    # A task is (chunk number, index of the single input, or -1 for the whole chunk).
    tasks: deque[tuple[int, int]] = field(default_factory=deque)


class _Pool:
    def __init__(self, settings: Settings, processes: int) -> None:
        self.settings = settings
        self.processes = processes
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.chunks: dict[int, _Chunk] = {}
        self.retry: deque[tuple[int, int]] = deque()  # single inputs of lost chunks
        self.finished = False
        self.feed = _Feed(iter(()), settings.batch_size, processes)
        self.drawn = 0  # chunks read from the inputs
        self.done = 0  # chunks yielded
        self.exhausted = False
        self.spawned = 0
        self.start_deaths = 0  # workers killed before they were ready
        for _ in range(processes):
            self._spawn()

    def _spawn(self) -> None:
        parent, child = self.ctx.Pipe()
        args = (child, self.settings, _TEST_KILL_MARKER, self.spawned < _TEST_START_DEATHS)
        self.spawned += 1
        process = self.ctx.Process(target=_serve, args=args, daemon=True)
        process.start()
        child.close()
        self.workers.append(_Worker(process, parent))

    def map(self, inputs: Iterator[RawInput]) -> Iterator[tuple[RawInput, Document | DatelineError]]:
        self.feed = _Feed(inputs, self.settings.batch_size, self.processes)
        while True:
            # Breadth first: every idle worker gets a chunk before any gets a second. Near
            # the end (the last, shrinking chunks) only an idle worker gets one, so that no
            # chunk waits behind another while a worker that could take it has none.
            for depth in range(1, 2 if self.feed.ended else _CHUNKS_PER_WORKER + 1):
                for worker in self.workers:
                    task = self._next_task() if worker.ready and len(worker.tasks) < depth else None
                    if task is not None:
                        self._send(worker, task)
            written = False
            while self.done in self.chunks and self.chunks[self.done].left == 0:
                finished = self.chunks.pop(self.done)
                self.done += 1
                written = True
                for raw, outcome in zip(finished.inputs, finished.outcomes, strict=True):
                    assert outcome is not None
                    yield raw, outcome
            if written:
                # Writing them made room for more chunks: send those before waiting, or a
                # worker that finished out of turn idles until another one answers.
                continue
            if self.exhausted and self.done == self.drawn:
                self.finished = True
                return
            self._wait()

    def _next_task(self) -> tuple[int, int] | None:
        """An input of a lost chunk to run again, else the next chunk of input if fewer
        than four per worker wait to be written, else None."""
        if self.retry:
            return self.retry.popleft()
        if self.exhausted or self.drawn - self.done >= _UNWRITTEN_PER_WORKER * self.processes:
            return None
        chunk = self.feed.chunk()
        if not chunk:
            self.exhausted = True
            return None
        self.chunks[self.drawn] = _Chunk(chunk, [None] * len(chunk), len(chunk))
        self.drawn += 1
        return (self.drawn - 1, -1)

    def _send(self, worker: _Worker, task: tuple[int, int]) -> None:
        number, single = task
        inputs = self.chunks[number].inputs
        worker.tasks.append(task)
        # If the worker has died, its sentinel says so in _wait, which re-runs the task.
        with suppress(OSError):
            worker.conn.send((task, inputs if single < 0 else [inputs[single]]))

    def _wait(self) -> None:
        events = {w.conn: w for w in self.workers} | {w.process.sentinel: w for w in self.workers}
        for ready in wait(list(events)):
            worker = events[ready]
            if worker not in self.workers:
                continue  # its pipe and its sentinel were both ready
            try:
                while worker.conn.poll():  # a dying worker's last answers are still good
                    self._receive(worker, worker.conn.recv())
            except (EOFError, OSError):
                pass
            if not worker.process.is_alive():
                self._lost(worker)

    def _receive(self, worker: _Worker, message: Any) -> None:
        if not worker.ready:
            if message is not None:
                raise ConfigError(f"a worker process could not start: {message}")
            worker.ready = True
            return
        (number, single), outcomes = message
        worker.tasks.popleft()
        chunk = self.chunks[number]
        start = 0 if single < 0 else single
        for offset, outcome in enumerate(outcomes):
            chunk.outcomes[start + offset] = settled(outcome)
        chunk.left -= len(outcomes)

    def _lost(self, worker: _Worker) -> None:
        """A worker died: re-run what it held on a new one; an input that killed it alone
        fails, naming the signal."""
        worker.process.join()
        worker.conn.close()
        self.workers.remove(worker)
        why = _death(worker.process.exitcode)
        if not worker.ready:
            # Killed by a signal (the out-of-memory killer) it may start next time; an exit
            # of its own (an import that fails) it will not.
            self.start_deaths += 1
            if (worker.process.exitcode or 0) >= 0 or self.start_deaths > _START_RETRIES:
                deaths = "it" if self.start_deaths == 1 else f"{self.start_deaths} in a row"
                raise ConfigError(f"a worker process could not start: {deaths} died while starting ({why})")
            self._spawn()  # it held no work; another takes its place
            return
        tasks = list(worker.tasks)
        if tasks:
            number, single = tasks[0]
            chunk = self.chunks[number]
            if single < 0 and len(chunk.inputs) > 1:
                # Which input killed it is unknown: each goes again alone.
                tasks[:1] = [(number, i) for i in range(len(chunk.inputs))]
            else:
                index = max(single, 0)
                if why.endswith("SIGKILL"):
                    why += ", as by the out-of-memory killer"
                reason = f"the worker process died while processing it ({why})"
                chunk.outcomes[index] = InputError(chunk.inputs[index].label, reason)
                chunk.left -= 1
                tasks.pop(0)
        self.retry.extendleft(reversed(tasks))
        self._spawn()

    def close(self) -> None:
        """Let idle workers exit after a complete run; stop them at once after an error or
        an interrupted one (their work would be thrown away)."""
        for worker in self.workers:
            with suppress(OSError):
                worker.conn.send(None)
        for worker in self.workers:
            if self.finished:
                worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join()
            worker.conn.close()
        self.workers.clear()
