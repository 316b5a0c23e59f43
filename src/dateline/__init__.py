"""dateline: news articles to sourced, time-resolved, geolocated event data.

>>> import dateline
>>> doc = dateline.process("Headline\\n\\nBody text ...")
>>> doc.to_json()
"""

from typing import TYPE_CHECKING, Any

from .batch import Summary, documents, ingest
from .errors import ConfigError, DatelineError, ExtractionError, InputError, StoreError
from .models import (
    Actor,
    Article,
    Caption,
    Document,
    Entity,
    Event,
    EventDate,
    Evidence,
    Mention,
    Place,
    Quote,
    Source,
    TimeExpression,
    json_schema,
)
from .registry import register
from .settings import Settings
from .store import Store

if TYPE_CHECKING:
    from .pipeline import process

__version__ = "0.1.0"

# Imported on first use (PEP 562): the pipeline imports spaCy, which a process that only
# writes (the parent of a worker pool), reads the store or serves the CLI's help need not pay.
_LAZY = {"process": ".pipeline"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "Actor",
    "Article",
    "Caption",
    "ConfigError",
    "DatelineError",
    "Document",
    "Entity",
    "Event",
    "EventDate",
    "Evidence",
    "ExtractionError",
    "InputError",
    "Mention",
    "Place",
    "Quote",
    "Settings",
    "Source",
    "Store",
    "StoreError",
    "Summary",
    "TimeExpression",
    "__version__",
    "documents",
    "ingest",
    "json_schema",
    "process",
    "register",
]
