"""The Ray engine: the same pure pipeline on a Ray cluster (or a local Ray).

The driver only lists the files. Ray Data reads them on the workers, one task per file
with our own readers (`read_path`: the same per-file and per-record errors, the same
inputs, for every format, Parquet included), giving one row per input keyed by the
file's position in the listing and the input's position in the file. The driver asks
the store which of those content hashes it holds already (only the ids travel), and a
pool of actors, each holding the spaCy model once, runs `process_many` over batches of
the rest. Results are written as Parquet shards (one row per input: its key, and the
document as dateline/1 JSON, the failure's source and reason, or "already stored"),
which the driver reads back in input order for the single writer.

On a cluster of several machines the paths must name the same files on every node, because
the workers open them, and the temporary directory (TMPDIR) that receives the shards must
be shared too; results the driver cannot read are an error, never a silent loss.
`address` joins an existing cluster (`ray://…` or `auto`); without it a local Ray is
started and stopped (`ray_session`).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError, DatelineError, InputError
from .ingest import RawInput, iter_paths, read_path
from .models import Document
from .pipeline import process_many
from .settings import Settings

_FIELDS = ("text", "format", "path", "url", "encoding", "record", "container", "metadata")
# Ray Data starts one read task per block of listed files. A few blocks per CPU keep every
# CPU reading; a block per file would pay a task's scheduling for each small file (measured
# on 120 files and 2 CPUs: 6.5 s to read with 120 blocks, 2.4 s with 4).
_READ_BLOCKS_PER_CPU = 4
# Ids asked of the store per query.
_ID_QUERY = 10_000


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


@contextmanager
def ray_session(address: str | None = None, processes: int = 1) -> Iterator[None]:
    """Ray for the block: joins `address`, or starts a local Ray with `processes` CPUs and
    stops it at the end. Inside an already started Ray it does nothing, so a watcher holds
    one Ray for all its polls."""
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
    try:
        yield
    finally:
        if started:
            ray.shutdown()


# Rows between the stages hold only non-null ints and strings: Ray's columnar batches
# would turn a missing value into NaN. `kind` says what `data` holds: "input" (a RawInput
# as JSON), "error" (JSON [source, reason]), "document" (dateline/1 JSON), "skipped" (an id).


def _row(file: int, item: int, kind: str, data: str, doc_id: str = "") -> dict[str, Any]:
    return {"file": file, "item": item, "kind": kind, "data": data, "id": doc_id}


def _input_row(file: int, item: int, result: RawInput | DatelineError) -> dict[str, Any]:
    if isinstance(result, RawInput):
        fields = {name: getattr(result, name) for name in _FIELDS}
        return _row(file, item, "input", json.dumps(fields, ensure_ascii=False), result.id)
    return _error_row(file, item, result)


def _error_row(file: int, item: int, error: BaseException, label: str = "<input>") -> dict[str, Any]:
    source = getattr(error, "source", None) or label
    reason = getattr(error, "reason", None) or f"cannot read: {error!r}"
    return _row(file, item, "error", json.dumps([source, reason], ensure_ascii=False))


def _read_file(row: dict[str, Any], max_bytes: int) -> Iterator[dict[str, Any]]:
    """Ray Data flat_map, on a worker: one listed file → a row per input in it (or error).

    A generator, so that Ray cuts a large JSONL, Parquet or WARC file into blocks as it is
    read instead of holding all its inputs at once."""
    file, path = int(row["file"]), str(row["path"])
    if row["error"]:
        yield _row(file, 0, "error", str(row["error"]))
        return
    item = 0
    try:
        for item, result in enumerate(read_path(Path(path), max_bytes)):
            yield _input_row(file, item, result)
    except Exception as exc:  # a reader bug on one file must not fail the whole dataset
        yield _error_row(file, item + 1, exc, path)


class _Annotator:
    """A Ray actor: loads the model once, then processes batches of input rows."""

    def __init__(self, settings: Settings, stored: frozenset[str]) -> None:
        from .nlp import load

        self.settings = settings
        self.stored = stored
        load(settings.model)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        rows = [{key: batch[key][i] for key in batch} for i in range(len(batch["file"]))]
        todo = [i for i, r in enumerate(rows) if r["kind"] == "input" and str(r["id"]) not in self.stored]
        raws = [RawInput(**json.loads(str(rows[i]["data"]))) for i in todo]
        results = dict(zip(todo, process_many(raws, self.settings), strict=True))
        out: dict[str, list[Any]] = {key: [] for key in ("file", "item", "kind", "data", "id")}
        for i, r in enumerate(rows):
            file, item = int(r["file"]), int(r["item"])
            if r["kind"] != "input":
                new = _row(file, item, str(r["kind"]), str(r["data"]))
            elif i not in results:
                new = _row(file, item, "skipped", str(r["id"]))
            else:
                raw, result = results[i]
                if isinstance(result, Document):
                    new = _row(file, item, "document", result.to_json())
                else:
                    new = _error_row(file, item, result, raw.label)
            for key, value in new.items():
                out[key].append(value)
        return out


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
    files: list[dict[str, Any]] = []
    for number, item in enumerate(iter_paths(paths)):
        if isinstance(item, InputError):
            error = json.dumps([item.source, item.reason], ensure_ascii=False)
            files.append({"file": number, "path": "", "error": error})
        else:
            files.append({"file": number, "path": str(item), "error": ""})
    if not files:
        return
    with ray_session(address, processes):
        ray = _ray()
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        blocks = min(len(files), _READ_BLOCKS_PER_CPU * cpus)
        inputs = ray.data.from_items(files, override_num_blocks=blocks).flat_map(
            _read_file, fn_kwargs={"max_bytes": settings.max_bytes}
        )
        yield from _execute(inputs.materialize(), settings, processes, stored)


def run_ray(
    raws: Iterable[RawInput], settings: Settings, processes: int = 1, address: str | None = None
) -> Iterator[tuple[RawInput, Document | DatelineError]]:
    """(input, document or error) for inputs already read on the driver (the Python API's
    `engines.run`), in order, computed by `processes` Ray actors."""
    inputs = list(raws)
    if not inputs:
        return
    with ray_session(address, processes):
        rows = [_input_row(0, item, raw) for item, raw in enumerate(inputs)]
        dataset = _ray().data.from_items(rows)
        for raw, outcome in zip(inputs, _execute(dataset, settings, processes, None), strict=True):
            assert not isinstance(outcome, Skipped)  # nothing is skipped without `stored`
            yield raw, outcome


def _execute(
    inputs: Any, settings: Settings, processes: int, stored: Callable[[Sequence[str]], set[str]] | None
) -> Iterator[Outcome]:
    ray = _ray()
    held: set[str] = set()
    if stored is not None:
        batches = inputs.select_columns(["id"]).iter_batches(batch_format="numpy")
        ids = sorted({str(i) for batch in batches for i in batch["id"] if i})
        for start in range(0, len(ids), _ID_QUERY):
            held |= stored(ids[start : start + _ID_QUERY])
    expected = inputs.count()
    with tempfile.TemporaryDirectory(prefix="dateline-ray-") as shards:
        dataset = inputs.map_batches(
            _Annotator,
            fn_constructor_args=(settings, frozenset(held)),
            batch_size=settings.batch_size,
            compute=ray.data.ActorPoolStrategy(size=processes),
            batch_format="numpy",
        )
        dataset.write_parquet(shards)
        yield from _read_shards(Path(shards), expected)


def _read_shards(shards: Path, expected: int) -> Iterator[Outcome]:
    """The outcomes in the shards, in input order; ConfigError, before any outcome, when
    fewer than `expected` rows are readable here (shards written on other machines)."""
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for shard in sorted(shards.glob("*.parquet")):
        rows.extend(pq.read_table(shard).to_pylist())
    if len(rows) != expected:
        raise ConfigError(
            f"Ray wrote {expected:,} results but {len(rows):,} are readable in {shards}: on a cluster of "
            "several machines, set TMPDIR to a directory every node shares"
        )
    rows.sort(key=lambda row: (int(row["file"]), int(row["item"])))
    for row in rows:
        if row["kind"] == "document":
            yield Document.from_json(row["data"])
        elif row["kind"] == "skipped":
            yield Skipped(row["id"])
        else:
            yield InputError(*json.loads(row["data"]))
