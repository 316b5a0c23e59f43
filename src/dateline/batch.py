"""Batches: many paths in, documents out (or into the store), failures reported per file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .engines import run
from .errors import DatelineError
from .ingest import JSONL_SUFFIXES, PARQUET_SUFFIXES, RawInput, iter_inputs, iter_paths
from .models import Document
from .settings import Settings
from .store import Store


@dataclass
class Failure:
    source: str
    reason: str


@dataclass
class Summary:
    read: int = 0
    stored: int = 0
    skipped: int = 0
    failed: list[Failure] = field(default_factory=list)


def _failure(item: DatelineError, raw: RawInput | None = None) -> Failure:
    source = getattr(item, "source", None) or (raw.label if raw else "<input>")
    reason = getattr(item, "reason", None) or str(item)
    return Failure(source, reason)


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many inputs `paths` hold (a JSONL file counts its non-empty lines, a Parquet file
    its rows), for progress bars."""
    total = 0
    for item in iter_paths(paths):
        if isinstance(item, Path) and item.suffix.lower() in PARQUET_SUFFIXES:
            from .parquet import count_rows

            total += count_rows(item)
        elif isinstance(item, Path) and item.suffix.lower() in JSONL_SUFFIXES:
            try:
                with item.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def documents(
    paths: Iterable[str | os.PathLike[str]],
    settings: Settings | None = None,
    summary: Summary | None = None,
    stored: Callable[[Sequence[str]], set[str]] | None = None,
    processes: int = 1,
    engine: str = "local",
    ray_address: str | None = None,
) -> Iterator[Document]:
    """Documents for every readable input under `paths`, in input order, computed by
    `processes` workers of the named engine (local or ray); failures go to `summary.failed`.
    `stored` says which of some content hashes are stored already: those inputs are
    counted in `summary.skipped` and not processed."""
    settings = settings or Settings()
    summary = summary if summary is not None else Summary()
    if engine == "ray":
        from .engine_ray import Skipped, run_ray_paths

        # Ray reads the files on its workers; only outcomes come back, in input order.
        for outcome in run_ray_paths(paths, settings, processes, ray_address, stored):
            summary.read += 1
            if isinstance(outcome, Document):
                yield outcome
            elif isinstance(outcome, Skipped):
                summary.skipped += 1
            else:
                summary.failed.append(_failure(outcome))
        return

    def unstored(group: list[RawInput]) -> Iterator[RawInput]:
        known = stored([raw.id for raw in group]) if stored is not None and group else set()
        for raw in group:
            if raw.id in known:
                summary.skipped += 1
            else:
                yield raw

    def readable() -> Iterator[RawInput]:
        # The store is asked once per batch of inputs, not once per input.
        group: list[RawInput] = []
        for item in iter_inputs(paths, settings.max_bytes):
            summary.read += 1
            if isinstance(item, DatelineError):
                summary.failed.append(_failure(item))
                continue
            group.append(item)
            if len(group) >= settings.batch_size:
                yield from unstored(group)
                group = []
        yield from unstored(group)

    for raw, result in run(readable(), settings, processes, engine, ray_address):
        if isinstance(result, Document):
            yield result
        else:
            summary.failed.append(_failure(result, raw))


def extracted(
    paths: Iterable[str | os.PathLike[str]],
    settings: Settings | None = None,
    summary: Summary | None = None,
) -> Iterator[Document]:
    """Documents with only `source` and `article` for every input under `paths` (no NLP)."""
    from .pipeline import extract_only  # not at the top: a pool's writer needs no spaCy

    settings = settings or Settings()
    summary = summary if summary is not None else Summary()
    for item in iter_inputs(paths, settings.max_bytes):
        summary.read += 1
        if isinstance(item, DatelineError):
            summary.failed.append(_failure(item))
            continue
        try:
            yield extract_only(item, settings)
        except DatelineError as exc:
            summary.failed.append(_failure(exc, item))
        except Exception as exc:  # a parser bug on one page must not end the batch
            summary.failed.append(Failure(item.label, f"extraction failed: {exc!r}"))


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    settings: Settings | None = None,
    on_document: Callable[[Summary], None] | None = None,
    processes: int = 1,
    engine: str = "local",
    ray_address: str | None = None,
) -> Summary:
    """Process and store everything under `paths`; the store is the single writer.

    Inputs whose content hash is already stored are skipped before any NLP runs.
    Documents are written `settings.batch_size` at a time, one transaction per batch
    (each document still all-or-nothing), so an interrupted ingest loses at most the
    batch in flight and a second run picks up where the first stopped.
    `on_document` is called with the running summary after each written batch. The
    settings' aliases file, if any, is loaded first, so that it also re-files what is
    already stored.
    """
    settings = settings or Settings()
    summary = Summary()
    if settings.aliases:
        store.load_aliases(settings.aliases)
    pending: list[Document] = []

    def write() -> None:
        for doc, result in zip(pending, store.add_many(pending), strict=True):
            if result is True:
                summary.stored += 1
            elif result is False:
                summary.skipped += 1
            else:
                summary.failed.append(Failure(doc.source.path or doc.id, str(result)))
        pending.clear()
        if on_document is not None:
            on_document(summary)

    for doc in documents(paths, settings, summary, store.stored_ids, processes, engine, ray_address):
        pending.append(doc)
        if len(pending) >= settings.batch_size:
            write()
    write()
    return summary
