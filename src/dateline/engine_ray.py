"""The Ray engine: the same pure pipeline on a Ray cluster (or a local Ray).

The driver reads the inputs (the same readers, so the same per-file errors), hands them
to Ray Data, and a pool of actors, each holding the spaCy model once, runs
`process_many` over batches. Results are written as Parquet shards (one row per input:
its index, the document as dateline/1 JSON or the failure's source and reason), which the
driver then reads back in input order for the single writer. `address` joins an existing
cluster (`ray://…` or `auto`); without it a local Ray is started and stopped.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import ConfigError, DatelineError, InputError
from .ingest import RawInput
from .models import Document
from .pipeline import process_many
from .settings import Settings

_FIELDS = ("text", "format", "path", "url", "encoding", "record", "container", "metadata")


def _row(index: int, raw: RawInput) -> dict[str, Any]:
    # One JSON column rather than a column per field: Ray's columnar batches would turn a
    # missing url or record into NaN.
    fields = {name: getattr(raw, name) for name in _FIELDS}
    return {"index": index, "raw": json.dumps(fields, ensure_ascii=False)}


def _raw(row: dict[str, Any]) -> RawInput:
    return RawInput(**json.loads(str(row["raw"])))


class _Annotator:
    """A Ray actor: loads the model once, then processes batches of input rows."""

    def __init__(self, settings: Settings) -> None:
        from .nlp import load

        self.settings = settings
        load(settings.model)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        n = len(batch["index"])
        rows = [{key: batch[key][i] for key in batch} for i in range(n)]
        raws = [_raw(row) for row in rows]
        out: dict[str, list[Any]] = {"index": [], "document": [], "source": [], "reason": []}
        for row, (raw, result) in zip(rows, process_many(raws, self.settings), strict=True):
            out["index"].append(int(row["index"]))
            if isinstance(result, Document):
                out["document"].append(result.to_json())
                out["source"].append(None)
                out["reason"].append(None)
            else:
                out["document"].append(None)
                out["source"].append(getattr(result, "source", None) or raw.label)
                out["reason"].append(getattr(result, "reason", None) or str(result))
        return out


def run_ray(
    raws: Iterable[RawInput], settings: Settings, processes: int = 1, address: str | None = None
) -> Iterator[tuple[RawInput, Document | DatelineError]]:
    """(input, document or error) for each input, in order, computed by `processes` Ray actors."""
    try:
        import pyarrow.parquet as pq
        import ray
    except ImportError:
        raise ConfigError("--engine ray needs Ray Data: pip install 'dateline[ray]'") from None
    inputs = list(raws)
    if not inputs:
        return
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
        with tempfile.TemporaryDirectory(prefix="dateline-ray-") as shards:
            items = ray.data.from_items([_row(i, raw) for i, raw in enumerate(inputs)])
            dataset = items.map_batches(
                _Annotator,
                fn_constructor_args=(settings,),
                batch_size=settings.batch_size,
                compute=ray.data.ActorPoolStrategy(size=processes),
                batch_format="numpy",
            )
            dataset.write_parquet(shards)
            outcomes: dict[int, dict[str, Any]] = {}
            for shard in sorted(Path(shards).glob("*.parquet")):
                for row in pq.read_table(shard).to_pylist():
                    outcomes[int(row["index"])] = row
            for i, raw in enumerate(inputs):
                row = outcomes[i]
                if row["document"] is not None:
                    yield raw, Document.from_json(row["document"])
                else:
                    yield raw, InputError(row["source"], row["reason"])
    finally:
        if started:
            ray.shutdown()
