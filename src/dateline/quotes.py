"""Quotes: who said what, in direct, indirect and mixed speech, with cue and speaker.

- Direct: words between quotation marks (“…”, "…", ‘…’, '…', «…», 「…」) of two
  words or more; a quote whose paragraph ends open goes on when the next paragraph
  opens with the same mark, as news style writes long quotes. Quoted names and terms
  ("a plan dubbed “…”", data/quote_terms.txt) are not quotes.
- Indirect: the clausal complement of a speech verb ("X said (that) …", "X told
  reporters …", "was said to have informed … that …"), a clause with "…, X said"
  hung on it, or a clause with "according to X".
- Mixed: indirect speech holding a quoted fragment (Shoigu told Kim one aircraft
  could “fly from Moscow to Japan …”); the fragment is part of the quote, not a
  quote of its own.

The cue of a direct quote is the speech verb (or "according to") nearest to it in its
sentences; a direct quote without one continues the previous quote's speaker when it
follows it in the same or the next paragraph. Speakers are resolved in reading order by
`attribution.SpeakerResolver` (pronouns, title-only references, anonymous sources kept
as words). `link_events` then lists the events each quote carries and gives those
events the quote's speaker as `reported_by` when they have none.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from .attribution import (
    EntityIndex,
    Speaker,
    SpeakerResolver,
    according_object,
    speech_verbs,
    subject_of,
)
from .lexicon import lines
from .models import Article, Entity, Event, Quote
from .nlp import text_of
from .registry import register

_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"), ("「", "」"), ("‘", "’"), ("'", "'"))
_OPENING_CONTEXT = set(' \t\n([{—–-"“«')
_CLAUSE_DEPS = {"ccomp"}
_TRIM = {"punct", "mark", "cc"}


@cache
def _terms() -> frozenset[str]:
    return frozenset(lines("quote_terms.txt"))


# ---------------------------------------------------------------- quotation marks


def _opens(text: str, i: int, mark: str) -> bool:
    if i + 1 >= len(text) or text[i + 1].isspace():
        return False
    # A single mark opens only after a space or opening punctuation (not "union’s").
    return mark not in "‘'" or i == 0 or text[i - 1] in _OPENING_CONTEXT


def _closes(text: str, j: int, mark: str) -> bool:
    if text[j - 1].isspace():
        return False
    return mark not in "’'" or j + 1 == len(text) or not text[j + 1].isalnum()


def _closing(text: str, i: int, opener: str, closer: str) -> int | None:
    """Offset of the mark that closes the quote opened at `i`, across paragraphs that
    reopen with the same mark; None when it never closes."""
    k = i + 1
    while True:
        j = text.find(closer, k)
        while j != -1 and not _closes(text, j, closer):
            j = text.find(closer, j + 1)
        brk = text.find("\n\n", k)
        if j != -1 and (brk == -1 or j < brk):
            return j
        if brk == -1:
            return None
        nxt = brk
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if not text.startswith(opener, nxt):
            return None
        k = nxt + 1


def marked_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside quotation marks, outermost quotes only."""
    spans: list[tuple[int, int]] = []
    for opener, closer in _PAIRS:
        i = text.find(opener)
        while i != -1:
            j = _closing(text, i, opener, closer) if _opens(text, i, opener) else None
            if j is None:
                i = text.find(opener, i + 1)
                continue
            spans.append((i + 1, j))
            i = text.find(opener, j + 1)
    spans.sort(key=lambda s: (s[0], -s[1]))
    outer: list[tuple[int, int]] = []
    for s in spans:
        if not outer or s[0] >= outer[-1][1]:
            outer.append(s)
    return outer


def _is_term(text: str, start: int) -> bool:
    words = re.findall(r"[\w-]+", text[max(0, start - 30) : start].lower())
    return bool(words) and (words[-1] in _terms() or " ".join(words[-2:]) in _terms())


def _embedded(text: str, start: int) -> bool:
    """True when the opening mark follows a word: a fragment inside a sentence."""
    before = text[: start - 1].rstrip()
    return bool(before) and before[-1].isalnum()


# ---------------------------------------------------------------- candidates


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    cue: Token | None = None
    cue_text: str | None = None
    source: Token | None = None
    speaker: Speaker | None = None
    inner: list[tuple[int, int]] = field(default_factory=list)


def _inside(tok: Token, spans: list[tuple[int, int]]) -> bool:
    """Whether the token starts inside one of `spans`, which marked_spans gives sorted
    and disjoint: a binary search, since this is asked of nearly every token."""
    i = bisect_right(spans, (tok.idx, math.inf)) - 1
    return i >= 0 and spans[i][0] <= tok.idx < spans[i][1]


def _is_cue(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in speech_verbs()


def _cue_tokens(doc: Doc) -> Iterator[Token]:
    """The tokens that may open a report, in order: verbs (a speech verb is one) and
    "according". Found from arrays of the parse's tags, so that a Token object is made
    for these only, not for every word of the article."""
    if not len(doc):
        return
    tags = doc.to_array(["POS", "LOWER"])
    verbal = (tags[:, 0] == VERB) | (tags[:, 0] == AUX)
    for i in (verbal | (tags[:, 1] == doc.vocab.strings["according"])).nonzero()[0]:
        yield doc[int(i)]


def _clause_root(tok: Token) -> Token:
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _content(head: Token, cut: set[int]) -> tuple[int, int] | None:
    """Character span of `head`'s subtree without the tokens in `cut`, trimmed of
    punctuation, "that" and conjunctions at its edges; None when nothing is left."""
    toks = [t for t in head.subtree if t.i not in cut]
    # Keep the run that holds the head: a cut in the middle ends the content.
    pos = next((k for k, t in enumerate(toks) if t.i == head.i), None)
    if pos is None:
        return None  # the head itself was cut ("according" parsed as the clause's verb)
    lo = hi = pos
    while lo > 0 and toks[lo - 1].i == toks[lo].i - 1:
        lo -= 1
    while hi + 1 < len(toks) and toks[hi + 1].i == toks[hi].i + 1:
        hi += 1
    run = _after_dateline(toks[lo : hi + 1])
    while run and (run[0].dep_ in _TRIM or run[0].is_punct or run[0].is_space or _complementizer(run)):
        run = run[1:]
    while run and (run[-1].dep_ in {"punct", "cc"} or run[-1].is_punct or run[-1].is_space):
        run = run[:-1]
    if not run:
        return None
    return run[0].idx, run[-1].idx + len(run[-1].text)


def _complementizer(run: list[Token]) -> bool:
    """A leading "that" the parser did not label as a marker ("told media that land …")."""
    return run[0].lower_ == "that" and len(run) > 2 and run[1].pos_ not in {"VERB", "AUX", "ADP", "PUNCT"}


def _after_dateline(run: list[Token]) -> list[Token]:
    """Drops a wire dateline the extractor left at the start of a paragraph
    ("GENEVA, 21 June — Three days of talks …"): capitals, then a dash."""
    if not run or not (run[0].text.isupper() and len(run[0].text) > 2):
        return run
    for k, tok in enumerate(run[:8]):
        if tok.text in {"—", "--", "–"}:
            return run[k + 1 :]
    return run


def _subtree_ids(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def _said_clause(verb: Token, subj: Token) -> Token | None:
    """The clause a speech verb reports: its complement; the complement of a phrase
    like "in a statement posted online that …"; or, under a root verb, a clause before
    the subject set off by a comma that the parser left unattached ("…, his office said")."""
    for child in verb.children:
        if child.dep_ in _CLAUSE_DEPS:
            return child
    for child in verb.children:
        if child.dep_ == "prep":
            for tok in child.subtree:
                # "in a statement posted online that …", "in a statement that …"
                if (tok.dep_ in _CLAUSE_DEPS and tok.head.dep_ in {"acl", "relcl"}) or (
                    tok.dep_ == "acl" and any(c.lower_ == "that" and c.dep_ == "mark" for c in tok.children)
                ):
                    return tok
    if verb.dep_ == "ROOT":
        for child in verb.lefts:
            comma = verb.doc[subj.left_edge.i - 1] if subj.left_edge.i > 0 else None
            if child.dep_ == "dep" and child.i < subj.i and comma is not None and comma.text == ",":
                return child
    return None


def _speech_candidate(verb: Token, marks: list[tuple[int, int]], text: str) -> _Candidate | None:
    """Indirect or mixed speech governed by a speech verb."""
    subj = subject_of(verb)
    if subj is None or _inside(subj, marks):
        return None
    cut: set[int] = set()
    head = _said_clause(verb, subj)
    if head is None and verb.dep_ in {"parataxis", "ccomp", "advcl"} and verb.head.i < verb.i:
        # "…, the ministry said": the clause the verb hangs on is what was said. The
        # verb must have its own subject ("toured …, to highlight …" says nothing) and
        # a comma before it ("promising what it described as …" is not attribution).
        before = verb.left_edge.i - 1
        if _is_cue(verb.head) or subj.head.i != verb.i or before < 0 or verb.doc[before].text != ",":
            return None
        head, cut = verb.head, _subtree_ids(verb)
    if head is None:
        return None
    for tok in head.subtree:
        if tok.lower_ == "according" or (tok.dep_ == "conj" and _is_cue(tok) and tok.i != head.i):
            cut |= _subtree_ids(tok)
    cand = _clause_candidate(head, cut, marks, text, verb, verb.text, subj)
    lead = _object_subject(verb, head)
    if cand is not None and lead is not None:
        cand.start = lead.idx
    return cand


def _object_subject(verb: Token, head: Token) -> Token | None:
    """First word of the subject of a subjectless reported clause that the parser
    made the verb's object: "told reporters several ships would sail …" → "several"."""
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in head.children):
        return None
    adjacent = head.left_edge.i - 1
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.right_edge.i == adjacent), None)
    if obj is None:
        return None
    # The person told ("Kim") may be parsed into the object; the subject follows it.
    told = [c for c in obj.lefts if c.dep_ in {"nmod", "dative"}]
    return obj.doc[told[-1].right_edge.i + 1] if told else obj.left_edge


def _according_candidate(according: Token, marks: list[tuple[int, int]], text: str) -> _Candidate | None:
    """ "According to X, …" / "…, according to X": the clause is X's."""
    obj = according_object(according)
    if obj is None or _inside(according, marks):
        return None
    head = _clause_root(according.head)
    if _is_cue(head):
        return None  # "Y said, according to X": Y's speech verb governs
    return _clause_candidate(head, _subtree_ids(according), marks, text, according, "according to", obj)


def _clause_candidate(
    head: Token,
    cut: set[int],
    marks: list[tuple[int, int]],
    text: str,
    cue: Token,
    cue_text: str,
    source: Token,
) -> _Candidate | None:
    if head.pos_ not in {"VERB", "AUX"}:
        return None  # "described it as promising": a word, not a reported clause
    span = _content(head, cut)
    if span is None or len(text[span[0] : span[1]].split()) < 2:
        return None
    start, end = span
    inner = [(s, e) for s, e in marks if s < end and e > start]
    if any(s < start for s, _e in inner):
        return None  # the clause begins inside a direct quote: that quote is the speech
    outside = re.sub(r"\W+", "", _without(text, start, end, inner))
    if inner and not outside:
        return None  # all in quotation marks: a direct quote
    for _s, e in inner:
        end = max(end, e)
    kind = "mixed" if inner else "indirect"
    return _Candidate(start, end, kind, cue, cue_text, source, inner=inner)


def _without(text: str, start: int, end: int, holes: list[tuple[int, int]]) -> str:
    parts, last = [], start
    for s, e in holes:
        parts.append(text[last : max(last, s - 1)])
        last = e + 1
    parts.append(text[last:end])
    return "".join(parts)


def _direct_cue(
    doc: Doc, span: tuple[int, int], marks: list[tuple[int, int]], used: set[int], sentences: list[Span]
) -> Any:
    """(cue token, cue words, source head) nearest to a direct quote in its sentences
    (`sentences`: the doc's, in order)."""
    start, end = span
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or not len(first):
        return None
    # The sentences of the quote's first and last tokens and all between, found by a
    # binary search over sentence starts rather than by asking each token for its own.
    starts = [s.start for s in sentences]
    sents = sentences[bisect_right(starts, first.start) - 1 : bisect_right(starts, first.end - 1)]
    best: tuple[int, Token, str, Token] | None = None
    for sent in sents:
        for tok in sent:
            if _inside(tok, marks) or tok.i in used:
                continue
            found: tuple[str, Token | None] | None = None
            if tok.lower_ == "according":
                found = ("according to", according_object(tok))
            elif _is_cue(tok):
                found = (tok.text, subject_of(tok))
            if found is None or found[1] is None or _inside(found[1], marks):
                continue
            distance = start - tok.idx if tok.idx < start else tok.idx - end
            if best is None or distance < best[0]:
                best = (distance, tok, found[0], found[1])
    return best[1:] if best else None


def _paragraph(text: str, offset: int) -> int:
    return text.count("\n\n", 0, offset)


def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    text = text_of(doc)
    marks = marked_spans(text)
    speech: list[_Candidate] = []
    for tok in _cue_tokens(doc):
        if _inside(tok, marks):
            continue
        cand = None
        if _is_cue(tok):
            cand = _speech_candidate(tok, marks, text)
        elif tok.lower_ == "according":
            cand = _according_candidate(tok, marks, text)
        if cand is not None:
            speech.append(cand)
    # A report inside another report's content is part of it, not a second quote.
    # The same clause found twice ("He said …, according to his office") is the first
    # cue's, which comes first in the sentence.
    speech = [
        c
        for k, c in enumerate(speech)
        if not any(
            o.start <= c.start and c.end <= o.end and ((o.start, o.end) != (c.start, c.end) or j < k)
            for j, o in enumerate(speech)
            if j != k
        )
    ]
    absorbed = {m for c in speech for m in c.inner}
    used = {c.cue.i for c in speech if c.cue is not None}
    cands = list(speech)
    sentences = list(doc.sents) if marks else []
    for span in marks:
        if span in absorbed or len(text[span[0] : span[1]].split()) < 2 or _is_term(text, span[0]):
            continue
        cand = _Candidate(span[0], span[1], "direct")
        found = _direct_cue(doc, span, marks, used, sentences)
        if found is not None:
            cand.cue, cand.cue_text, cand.source = found
        cands.append(cand)
    return _resolve(text, sorted(cands, key=lambda c: c.start), SpeakerResolver(EntityIndex(entities), doc))


def _resolve(text: str, cands: list[_Candidate], resolver: SpeakerResolver) -> list[Quote]:
    quotes: list[Quote] = []
    previous: _Candidate | None = None
    for cand in cands:
        if cand.source is not None:
            cand.speaker = resolver.resolve(cand.source)
        elif previous is not None and previous.speaker is not None and _continues(text, previous, cand):
            cand.speaker = previous.speaker
        speaker = cand.speaker
        quotes.append(
            Quote(
                id=f"q{len(quotes) + 1}",
                text=text[cand.start : cand.end],
                start=cand.start,
                end=cand.end,
                direct=cand.kind == "direct",
                cue=cand.cue_text,
                speaker=speaker.entity.id if speaker and speaker.entity else None,
                speaker_text=speaker.text if speaker else None,
                kind=cand.kind,  # type: ignore[arg-type]
            )
        )
        previous = cand
    return quotes


def _continues(text: str, previous: _Candidate, cand: _Candidate) -> bool:
    """A direct quote with no cue of its own goes on from the quote before it: in the
    same paragraph, or opening the next one."""
    if cand.kind != "direct":
        return False
    gap = _paragraph(text, cand.start) - _paragraph(text, previous.end)
    if gap == 0:
        return True
    para_start = text.rfind("\n\n", 0, cand.start) + 2
    return gap == 1 and not text[para_start : cand.start - 1].strip()


def link_events(quotes: list[Quote], events: list[Event], text: str) -> tuple[list[Quote], list[Event]]:
    """Each quote lists the events whose trigger lies inside it; such events with no
    `reported_by` of their own are reported by the quote's speaker."""
    carried: dict[str, list[str]] = {q.id: [] for q in quotes}
    linked: list[Event] = []
    for event in events:
        ev = event.evidence
        hits = [
            ev.start + m.start()
            for m in re.finditer(rf"(?<!\w){re.escape(event.trigger)}(?!\w)", text[ev.start : ev.end])
        ]
        owner = next((q for q in quotes if any(q.start <= h < q.end for h in hits)), None)
        if owner is not None:
            carried[owner.id].append(event.id)
            source = owner.speaker or owner.speaker_text
            if not event.reported_by and source:
                update: dict[str, Any] = {"reported_by": [source]}
                if event.modality == "asserted":
                    update["modality"] = "reported"
                event = event.model_copy(update=update)
        linked.append(event)
    return [q.model_copy(update={"events": carried[q.id]}) for q in quotes], linked


@register("quotes", "quotes.rules.v2")
def annotate_quotes(doc: Doc, article: Article, *, entities: list[Entity], **_: Any) -> list[Quote]:
    """Direct, indirect and mixed quotations with cue and speaker."""
    return find_quotes(doc, entities)
