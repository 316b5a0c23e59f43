"""Batches: many paths in, documents out (or into the store), failures reported per file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import DatelineError
from .ingest import RawInput, iter_inputs
from .models import Document
from .pipeline import extract_only, process_many
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


def documents(
    paths: Iterable[str | os.PathLike[str]],
    settings: Settings | None = None,
    summary: Summary | None = None,
    skip: Callable[[RawInput], bool] | None = None,
) -> Iterator[Document]:
    """Documents for every readable input under `paths`; failures go to `summary.failed`."""
    settings = settings or Settings()
    summary = summary if summary is not None else Summary()

    def readable() -> Iterator[RawInput]:
        for item in iter_inputs(paths, settings.max_bytes):
            summary.read += 1
            if isinstance(item, DatelineError):
                summary.failed.append(_failure(item))
            elif skip is not None and skip(item):
                summary.skipped += 1
            else:
                yield item

    for raw, result in process_many(readable(), settings):
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
) -> Summary:
    """Process and store everything under `paths`; the store is the single writer.

    Inputs whose content hash is already stored are skipped before any NLP runs. The
    settings' aliases file, if any, is loaded first, so that it also re-files what is
    already stored.
    """
    summary = Summary()
    if settings is not None and settings.aliases:
        store.load_aliases(settings.aliases)
    for doc in documents(paths, settings, summary, skip=lambda raw: store.has(raw.id)):
        try:
            if store.add(doc):
                summary.stored += 1
            else:
                summary.skipped += 1
        except DatelineError as exc:
            summary.failed.append(Failure(doc.source.path or doc.id, str(exc)))
        if on_document is not None:
            on_document(summary)
    return summary
