"""The pipeline: RawInput → extract → spaCy → annotate → Document.

`process_raw` is a pure function of its input and the loaded model; `process_many`
runs the same steps over many inputs with spaCy's `nlp.pipe` batching.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc

from . import registry
from .errors import DatelineError, ExtractionError, InputError
from .extract import extract
from .groups import find_groups
from .ingest import RawInput, from_value
from .models import Article, Document, Source
from .nlp import load
from .quotes import link_events
from .settings import Settings


def annotate(doc: Doc, article: Article, settings: Settings) -> dict[str, Any]:
    """All annotations of one article, each stage by its registered name."""
    entities = registry.get("entities", settings.entities)(doc, article)
    times = registry.get("times", settings.times)(doc, article)
    places = registry.get("places", settings.places)(doc, article, entities=entities)
    quotes = registry.get("quotes", settings.quotes)(doc, article, entities=entities)
    # Unnamed groups ("riot police", "rebels") come after the named entities, which keep
    # their ids; only the event coder reads them (docs/actors.md, "Unnamed groups").
    entities = entities + find_groups(doc, entities)
    events = registry.get("events", settings.events)(
        doc, article, entities=entities, times=times, quotes=quotes, places=places
    )
    quotes, events = link_events(quotes, events, article.text)
    return {"entities": entities, "times": times, "places": places, "quotes": quotes, "events": events}


def _source(raw: RawInput) -> Source:
    fmt = "json" if raw.container in {"json", "jsonl"} else raw.format
    return Source(path=raw.path, url=raw.url, format=fmt, encoding=raw.encoding, record=raw.record)  # type: ignore[arg-type]


def _prepare(raw: RawInput, settings: Settings) -> Article:
    article = extract(raw)
    if len(article.text) > settings.max_chars:
        raise ExtractionError(
            raw.label,
            f"article text is {len(article.text):,} characters, over max_chars={settings.max_chars:,}",
        )
    return article


def _document(raw: RawInput, article: Article, doc: Doc, settings: Settings) -> Document:
    return Document(id=raw.id, source=_source(raw), article=article, **annotate(doc, article, settings))


def process_raw(raw: RawInput, settings: Settings | None = None) -> Document:
    settings = settings or Settings()
    article = _prepare(raw, settings)
    return _document(raw, article, load(settings.model)(article.text), settings)


def process_many(
    raws: Iterable[RawInput], settings: Settings | None = None
) -> Iterator[tuple[RawInput, Document | DatelineError]]:
    """(input, document or error) for each input, in order; errors never stop the run."""
    settings = settings or Settings()
    nlp = load(settings.model)
    batch: list[tuple[RawInput, Article]] = []

    def flush() -> Iterator[tuple[RawInput, Document | DatelineError]]:
        texts = (article.text for _, article in batch)
        for (raw, article), doc in zip(batch, nlp.pipe(texts, batch_size=settings.batch_size), strict=True):
            try:
                yield raw, _document(raw, article, doc, settings)
            except DatelineError as exc:
                yield raw, exc
            except Exception as exc:  # an annotator bug on one article must not end the batch
                yield raw, DatelineError(f"{raw.label}: internal error while annotating: {exc!r}")
        batch.clear()

    for raw in raws:
        try:
            batch.append((raw, _prepare(raw, settings)))
        except InputError as exc:
            yield raw, exc
            continue
        except Exception as exc:  # a parser bug on one page must not end the batch
            yield raw, InputError(raw.label, f"extraction failed: {exc!r}")
            continue
        if len(batch) >= settings.batch_size:
            yield from flush()
    if batch:
        yield from flush()


def process(
    value: str | bytes,
    *,
    format: str | None = None,
    path: str | None = None,
    url: str | None = None,
    metadata: dict[str, Any] | None = None,
    settings: Settings | None = None,
) -> Document:
    """Process one article given as text or bytes (plain text or HTML) into a Document.

    `format` is "text" or "html" (sniffed when omitted); `metadata` may give title,
    published, updated, authors, publisher or language, which win over extraction.
    """
    raw = from_value(value, format=format, path=path, url=url, metadata=metadata)
    return process_raw(raw, settings)
