"""The one exception hierarchy of dateline. Every error a user can meet is here.

DatelineError
├── InputError        a file or record could not be read or decoded (per file; a batch goes on)
│   ├── ExtractionError   readable input held no article text
│   └── LimitError        an input went over a limit the user set (bytes, characters, seconds)
├── ConfigError       an unknown setting or component name
└── StoreError        the store cannot be opened, migrated or written
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base class of every error dateline raises on purpose."""


class InputError(DatelineError):
    """A file or record could not be read: empty, binary, undecodable, malformed."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ExtractionError(InputError):
    """The input was read, but no article text could be found in it."""


class LimitError(InputError):
    """An input went over a limit the user set: `max_bytes`, `max_chars` or `timeout`.

    Its own class so that a caller can tell "this page is pathological or huge; raise the
    limit if you really want it" from "this page is broken".
    """


class ConfigError(DatelineError):
    """A setting or a registered component name is unknown or invalid."""


class StoreError(DatelineError):
    """The store could not be opened, migrated or written."""
