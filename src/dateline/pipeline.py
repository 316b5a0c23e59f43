"""The pipeline: RawInput → extract → spaCy → annotate → Document.

`process_raw` is a pure function of its input and the loaded model; `process_many`
runs the same steps over many inputs with spaCy's `nlp.pipe` batching.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from spacy.tokens import Doc

from . import registry
from .errors import DatelineError, InputError, LimitError
from .extract import extract
from .groups import find_groups
from .ingest import RawInput, from_value
from .limits import time_limit
from .models import Article, Document, Source
from .nlp import load, remember_text
from .quotes import link_events
from .settings import Settings


def annotate(doc: Doc, article: Article, settings: Settings) -> dict[str, Any]:
    """All annotations of one article, each stage by its registered name."""
    remember_text(doc, article.text)
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
    containers = {"json": "json", "jsonl": "json", "parquet": "json", "warc": "warc", "feed": "feed"}
    fmt = containers.get(raw.container, raw.format)
    return Source(path=raw.path, url=raw.url, format=fmt, encoding=raw.encoding, record=raw.record)  # type: ignore[arg-type]


def _prepare(raw: RawInput, settings: Settings) -> Article:
    with time_limit(settings.timeout, raw.label, "extraction"):
        article = extract(raw)
    if len(article.text) > settings.max_chars:
        raise LimitError(
            raw.label,
            f"article text is {len(article.text):,} characters, over max_chars={settings.max_chars:,}",
        )
    return article


def _document(raw: RawInput, article: Article, doc: Doc, settings: Settings) -> Document:
    with time_limit(settings.timeout, raw.label, "annotation"):
        annotations = annotate(doc, article, settings)
    return Document(id=raw.id, source=_source(raw), article=article, **annotations)


_WARM_BODY = "The mayor of Lima met dock workers in Callao on Monday, officials said."


@cache
def _warm_up(settings: Settings) -> None:
    """Run a small article of each format through every stage, untimed, once per process.

    Stages load their lexicons, gazetteer and language model on first use. Under a time
    limit that first load would count against one document and, if interrupted, be
    started again (and interrupted again) by every document after it.
    """
    nlp = load(settings.model)
    # Long enough (over 100 words) for extraction's fast path alone: the fallbacks a page
    # rarely needs load their stop lists on first use, not in every start-up.
    paragraphs = "".join(f"<p>{_WARM_BODY}</p>" for _ in range(10))
    html = f"<html><body><article>{paragraphs}</article></body></html>"
    for raw in (RawInput(f"Talks\n\n{_WARM_BODY}", "text"), RawInput(html, "html")):
        try:
            article = extract(raw)
            annotate(nlp(article.text), article, settings)
        except Exception:  # best effort: a real fault shows up again per document, named
            pass


def extract_only(raw: RawInput, settings: Settings | None = None) -> Document:
    """A document with only `source` and `article` filled: extraction without NLP.

    For metadata work over large collections, where loading spaCy and annotating every
    body would cost a hundred times more than reading titles, dates and authors.
    """
    settings = settings or Settings()
    return Document(id=raw.id, source=_source(raw), article=_prepare(raw, settings))


def process_raw(raw: RawInput, settings: Settings | None = None) -> Document:
    settings = settings or Settings()
    if settings.timeout:
        _warm_up(settings)
    article = _prepare(raw, settings)
    return _document(raw, article, load(settings.model)(article.text), settings)


def process_many(
    raws: Iterable[RawInput], settings: Settings | None = None
) -> Iterator[tuple[RawInput, Document | DatelineError]]:
    """(input, document or error) for each input, in order; errors never stop the run."""
    settings = settings or Settings()
    nlp = load(settings.model)
    if settings.timeout:
        _warm_up(settings)
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
