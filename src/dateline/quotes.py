"""Quotes: direct quotations with their cue verb and speaker.

A quotation is text between matching quotation marks (straight, curly, «», 「」) of at
least two words. Its speaker is the subject of a speech verb in the same sentence
outside the quote, or the object of "according to"; pronouns go to the last person
named before the quote. Anonymous speakers keep their words in `speaker_text`.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from .attribution import EntityIndex, according_object, make_source, speech_verbs, subject_of
from .models import Article, Entity, Quote
from .registry import register

_QUOTE = re.compile(r"“([^”]{3,2000}?)”|\"([^\"\n]{3,2000}?)\"|«([^»]{3,2000}?)»|「([^」]{3,2000}?)」")


def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    text = doc.text
    index = EntityIndex(entities)
    quotes: list[Quote] = []
    for m in _QUOTE.finditer(text):
        group = next(g for g in range(1, 5) if m.group(g) is not None)
        inner = m.group(group)
        if len(inner.split()) < 2:
            continue  # a quoted word is a term, not a quotation
        start, end = m.start(group), m.end(group)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent_tokens = [t for sent in {t.sent for t in span} for t in sent]
        outside = [t for t in sent_tokens if not (m.start() <= t.idx < m.end())]
        cue, speaker, speaker_text = None, None, None
        for tok in outside:
            source_head = None
            if tok.lower_ == "according":
                source_head, cue_word = according_object(tok), "according to"
            elif tok.lemma_.lower() in speech_verbs() and tok.pos_ in {"VERB", "AUX"}:
                subj = subject_of(tok)
                if subj is not None and not (m.start() <= subj.idx < m.end()):
                    source_head, cue_word = subj, tok.text
            if source_head is not None:
                src = make_source(cue_word, source_head, tok, index)
                cue, speaker, speaker_text = src.cue, src.entity, src.text
                break
        quotes.append(
            Quote(
                id=f"q{len(quotes) + 1}",
                text=inner,
                start=start,
                end=end,
                direct=True,
                cue=cue,
                speaker=speaker.id if speaker else None,
                speaker_text=speaker_text,
            )
        )
    return quotes


@register("quotes", "quotes.rules.v1")
def annotate_quotes(doc: Doc, article: Article, *, entities: list[Entity], **_: Any) -> list[Quote]:
    """Direct quotations with cue and speaker."""
    return find_quotes(doc, entities)
