"""The Ray engine: the same pure pipeline on a Ray cluster (or a local Ray).

The driver only lists the files. Ray Data reads them on the workers, one task per block
of files with our own readers (`read_path`: the same per-file and per-record errors, the
same inputs, for every format, Parquet included), and streams the inputs back in input
order: reading, NLP and storing overlap, and Ray Data's back-pressure together with a
bounded number of batches in flight keep memory bounded on any corpus size. The driver
asks the store, batch by batch, which content hashes it holds already (only the ids
travel); the rest go to a pool of plain Ray actors, each holding the spaCy model once and
running `process_many` over a batch. Outcomes come back through Ray's object store in
input order to the single writer. An actor that dies (killed outright, out of memory) is
replaced and the batch it held is run again one input at a time, so that only an input
that kills an actor by itself fails, as in the local pool.

The actors live as long as the outermost `ray_session`: a watcher holds one session, so
its actors load the model once for the whole watch instead of once per scan. (Ray Data's
own actor pools, `map_batches(..., compute=ActorPoolStrategy)`, are built anew for every
dataset run, which cost 6–9 s per scan on this machine; so the actors are ours.)

On a cluster of several machines the paths must name the same files on every node,
because the workers open them, and the actors are placed on the nodes in proportion to
their CPUs (tested with a two-node cluster on one machine, `ray.cluster_utils.Cluster`).
`address` joins an existing cluster (`ray://…` or `auto`);
without it a local Ray is started and stopped (`ray_session`).
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from .engines import Outcome as WorkerOutcome
from .engines import settled, start_worker, work_chunk
from .errors import ConfigError, DatelineError, InputError
from .ingest import RawInput, iter_paths, read_path
from .models import Document
from .settings import Settings

_FIELDS = ("text", "format", "path", "url", "encoding", "record", "container", "metadata")
# Ray Data starts one read task per block of listed files. A few blocks per CPU keep every
# CPU reading; a block per file would pay a task's scheduling for each small file (measured
# on 120 files and 2 CPUs: 6.5 s to read with 120 blocks, 2.4 s with 4).
_READ_BLOCKS_PER_CPU = 4
# Batches sent to the actors and not yet returned, per actor: one being processed, one
# waiting, so an actor never idles while the writer stores.
_BATCHES_PER_ACTOR = 2


@dataclass
class Skipped:
    """An input whose document is already stored: counted, not processed."""

    id: str


Outcome = Document | DatelineError | Skipped


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ConfigError("--engine ray needs Ray Data: pip install 'dateline[ray]'") from None
    return ray


@dataclass
class _Session:
    """The actors of the outermost `ray_session`, by the settings they were started with."""

    depth: int = 0
    actors: dict[tuple[Settings, int], list[Any]] = field(default_factory=dict)


_session = _Session()


@contextmanager
def ray_session(address: str | None = None, processes: int = 1) -> Iterator[None]:
    """Ray for the block: joins `address`, or starts a local Ray with `processes` CPUs and
    stops it at the end. Nested sessions share the outermost one, its Ray and its actors,
    so a watcher loads the model once for all its scans."""
    ray = _ray()
    started = not ray.is_initialized()
    if started:
        ray.init(
            address=address,
            num_cpus=None if address else processes,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
    _session.depth += 1
    try:
        yield
    finally:
        _session.depth -= 1
        if _session.depth == 0:
            for actors in _session.actors.values():
                for actor in actors:
                    ray.kill(actor)
            _session.actors.clear()
        if started:
            ray.shutdown()


class _Annotator:
    """A Ray actor: loads the model once, then processes batches of inputs."""

    def __init__(self, settings: Settings, kill_marker: str | None = None) -> None:
        self.settings = settings
        self.kill_marker = kill_marker  # tests only: see engines._TEST_KILL_MARKER
        self.failure = start_worker(settings)

    def node(self) -> str:
        """The id of the Ray node this actor runs on."""
        return str(_ray().get_runtime_context().get_node_id())

    def work(self, raws: list[RawInput]) -> list[WorkerOutcome] | str:
        if self.failure is not None:
            return self.failure
        return work_chunk(raws, self.settings, self.kill_marker)


def _nodes() -> list[str]:
    """One entry per CPU of the cluster's live nodes, taken a CPU of each node in turn
    ([a, b, a, b, a] for nodes of 3 and 2 CPUs): actor i goes to entry i."""
    nodes = sorted(
        (n for n in _ray().nodes() if n.get("Alive") and n.get("Resources", {}).get("CPU", 0) >= 1),
        key=lambda n: str(n["NodeID"]),
    )
    cpus = {str(n["NodeID"]): int(n["Resources"]["CPU"]) for n in nodes}
    return [node for r in range(max(cpus.values(), default=0)) for node, c in cpus.items() if r < c]


def _start_actor(settings: Settings, slot: int = 0) -> Any:
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    from . import engines

    # An actor holds no CPU once started (Ray's default), which leaves the CPUs to Ray
    # Data's read tasks; so Ray would place every actor on one node ("SPREAD" does not
    # prevent it: measured on a two-node cluster). Each actor is pinned to its own slot,
    # the nodes in proportion to their CPUs; soft, so that an actor whose node has gone
    # starts elsewhere.
    nodes = _nodes()
    strategy: Any = "SPREAD"
    if nodes:
        strategy = NodeAffinitySchedulingStrategy(node_id=nodes[slot % len(nodes)], soft=True)
    remote = _ray().remote(_Annotator).options(scheduling_strategy=strategy)
    return remote.remote(settings, engines._TEST_KILL_MARKER)


def _actors(settings: Settings, processes: int) -> list[Any]:
    """The session's actors for these settings, started on first use; a dead one is
    replaced in this list."""
    key = (settings, processes)
    if key not in _session.actors:
        _session.actors[key] = [_start_actor(settings, slot) for slot in range(processes)]
    return _session.actors[key]


# Rows of the read stage hold only non-null strings: Ray's columnar batches would turn a
# missing value into NaN. `kind` says what `data` holds: "input" (a RawInput as JSON) or
# "error" (JSON [source, reason]).


def _input_row(result: RawInput | DatelineError) -> dict[str, str]:
    if isinstance(result, RawInput):
        fields = {name: getattr(result, name) for name in _FIELDS}
        return {"kind": "input", "data": json.dumps(fields, ensure_ascii=False)}
    return _error_row(result)


def _error_row(error: BaseException, label: str = "<input>") -> dict[str, str]:
    source = getattr(error, "source", None) or label
    reason = getattr(error, "reason", None) or f"cannot read: {error!r}"
    return {"kind": "error", "data": json.dumps([source, reason], ensure_ascii=False)}


def _from_row(row: dict[str, Any]) -> RawInput | DatelineError:
    data = json.loads(str(row["data"]))
    return RawInput(**data) if row["kind"] == "input" else InputError(*data)


def _read_file(row: dict[str, Any], max_bytes: int) -> Iterator[dict[str, str]]:
    """Ray Data flat_map, on a worker: one listed file → a row per input in it (or error).

    A generator, so that Ray cuts a large JSONL, Parquet or WARC file into blocks as it is
    read instead of holding all its inputs at once."""
    path = str(row["path"])
    if row["error"]:
        yield {"kind": "error", "data": str(row["error"])}
        return
    try:
        for result in read_path(Path(path), max_bytes):
            yield _input_row(result)
    except Exception as exc:  # a reader bug on one file must not fail the whole dataset
        yield _error_row(exc, path)


def run_ray_paths(
    paths: Iterable[str | os.PathLike[str]],
    settings: Settings,
    processes: int = 1,
    address: str | None = None,
    stored: Callable[[Sequence[str]], set[str]] | None = None,
) -> Iterator[Outcome]:
    """The outcome of every input under `paths`, in input order: files read on the Ray
    workers, documents computed by `processes` actors. `stored` tells which content
    hashes the store holds already; those inputs come back as Skipped, unprocessed."""
    files: list[dict[str, str]] = []
    for item in iter_paths(paths):
        if isinstance(item, InputError):
            error = json.dumps([item.source, item.reason], ensure_ascii=False)
            files.append({"path": "", "error": error})
        else:
            files.append({"path": str(item), "error": ""})
    if not files:
        return
    with ray_session(address, processes):
        ray = _ray()
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        blocks = min(len(files), _READ_BLOCKS_PER_CPU * cpus)
        inputs = ray.data.from_items(files, override_num_blocks=blocks).flat_map(
            _read_file, fn_kwargs={"max_bytes": settings.max_bytes}
        )
        # In input order, streamed: the first batches reach the actors while later files
        # are still being read.
        inputs.context.execution_options.preserve_order = True
        items = (_from_row(row) for row in inputs.iter_rows())
        yield from _execute(items, settings, processes, stored)


def run_ray(
    raws: Iterable[RawInput], settings: Settings, processes: int = 1, address: str | None = None
) -> Iterator[tuple[RawInput, Document | DatelineError]]:
    """(input, document or error) for inputs already read on the driver (the Python API's
    `engines.run`), in order, computed by `processes` Ray actors."""
    sent: deque[RawInput] = deque()

    def inputs() -> Iterator[RawInput]:
        for raw in raws:
            sent.append(raw)
            yield raw

    with ray_session(address, processes):
        for outcome in _execute(inputs(), settings, processes, None):
            assert not isinstance(outcome, Skipped)  # nothing is skipped without `stored`
            yield sent.popleft(), outcome


def _started(result: list[WorkerOutcome] | str) -> list[WorkerOutcome]:
    """An actor's answer; ConfigError when it is the reason the actor could not start."""
    if isinstance(result, str):
        raise ConfigError(f"a Ray actor could not start: {result}")
    return result


def _execute(
    items: Iterator[RawInput | DatelineError],
    settings: Settings,
    processes: int,
    stored: Callable[[Sequence[str]], set[str]] | None,
) -> Iterator[Outcome]:
    """Outcomes of `items` in order; inputs the store holds are skipped, the rest go to the
    session's actors a batch at a time, in turn (an actor runs its calls in order)."""
    ray = _ray()
    actors = _actors(settings, processes)
    # Per batch: its outcomes so far, the inputs sent to an actor and their places, and
    # the call: which actor (its place and handle) and the result's reference.
    window: deque[tuple[list[Outcome | None], list[RawInput], list[int], int, Any, Any]] = deque()
    turn = 0

    def answer(raws: list[RawInput], slot: int, actor: Any, ref: Any) -> list[WorkerOutcome]:
        try:
            result = ray.get(ref)
        except ray.exceptions.RayActorError as exc:
            if actors[slot] is not actor:
                # Queued on an actor that died on an earlier batch: not started; run it whole.
                actor = actors[slot]
                return answer(raws, slot, actor, actor.work.remote(raws))
            # The batch it died on: which input killed it is unknown, so each goes alone.
            actors[slot] = _start_actor(settings, slot)
            return [alone(raw, slot, exc) for raw in raws]
        return _started(result)

    def alone(raw: RawInput, slot: int, cause: Exception) -> WorkerOutcome:
        try:
            result = ray.get(actors[slot].work.remote([raw]))
        except ray.exceptions.RayActorError:
            actors[slot] = _start_actor(settings, slot)
            return (raw.label, f"the Ray actor processing it died ({type(cause).__name__})")
        return _started(result)[0]

    def oldest() -> Iterator[Outcome]:
        outcomes, raws, sent, slot, actor, ref = window.popleft()
        if raws:
            for place, answered in zip(sent, answer(raws, slot, actor, ref), strict=True):
                outcomes[place] = settled(answered)
        for outcome in outcomes:
            assert outcome is not None
            yield outcome

    while batch := list(islice(items, settings.batch_size)):
        ids = sorted({item.id for item in batch if isinstance(item, RawInput)})
        held = stored(ids) if stored is not None and ids else set()
        outcomes: list[Outcome | None] = []
        raws: list[RawInput] = []
        sent: list[int] = []
        for place, item in enumerate(batch):
            if isinstance(item, DatelineError):
                outcomes.append(item)
            elif item.id in held:
                outcomes.append(Skipped(item.id))
            else:
                outcomes.append(None)
                raws.append(item)
                sent.append(place)
        slot, actor, ref = turn % processes, None, None
        if raws:
            actor = actors[slot]
            ref = actor.work.remote(raws)
            turn += 1
        window.append((outcomes, raws, sent, slot, actor, ref))
        while len(window) > _BATCHES_PER_ACTOR * processes:
            yield from oldest()
    while window:
        yield from oldest()
