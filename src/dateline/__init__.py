"""dateline: news articles to sourced, time-resolved, geolocated event data.

>>> import dateline
>>> doc = dateline.process("Headline\\n\\nBody text ...")
>>> doc.to_json()
"""

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
from .pipeline import process
from .registry import register
from .settings import Settings
from .store import Store

__version__ = "0.1.0"

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
