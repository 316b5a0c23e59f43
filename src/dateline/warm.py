"""Imported once by the local engine's fork server (see engines.py).

Importing this module loads the default spaCy model, the gazetteer and the language
identifier by processing one short article. Workers are forked from the warm server, so
they start at once instead of each spending seconds loading, and they share those
read-only pages with the server instead of each holding its own copy.
"""

from __future__ import annotations

from contextlib import suppress

from .pipeline import process

# A server that cannot warm (the default model is not installed) must still fork workers:
# each one's initializer loads the model it was asked for and, if it cannot, answers with
# the reason (engines._init_worker) instead of the fork server dying on this import.
with suppress(Exception):
    process(
        "Warm-up\n\nThe mayor of Lima met the governor of Cusco in Arequipa on Monday, officials said.",
        format="text",
    )
