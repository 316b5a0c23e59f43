"""Unnamed group actors: "riot police", "rebels", "Israeli troops", "the junta".

Event coders (CAMEO, PLOVER, GDELT) code a group named by a common noun as an actor with
a sector ("police" COP, "rebels" REB, "protesters" CVL) and a country when the phrase
says it ("Sudanese police", "Israel's army"). Such groups become entities of type GROUP,
listed after the named entities (so the named entities keep their ids), one entity per
phrase as written in the article. The noun lexicon is `data/group_nouns.tsv`; the
conventions are in docs/actors.md.

What is left out, because it would put an actor where an analyst sees none:
- a group word inside quotation marks (the quote speaks about it; it does not act);
- a word that modifies another noun ("police station", "army chief", "rebel commanders");
- a phrase with a named organisation or person in it ("Hamas militants", "NATO troops"):
  the named entity is the actor;
- a group possessed by a pronoun ("his forces", "their fighters"): the possessor's own;
- a phrase quantified as a generalisation ("all soldiers", "any protesters", "no troops").
- words across a line break (a byline or section label above "Police arrested …").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from .attribution import EntityIndex
from .gazetteer import demonym_country
from .lexicon import rows
from .models import Actor, Entity, Mention
from .nlp import hashes, text_of, tokens_with
from .quotes import marked_spans

# Premodifiers that give a group its country.
_COUNTRY_TYPES = {"GPE", "NORP"}
# Determiners and quantifiers of a generic statement, not of a particular group.
_GENERIC = {"all", "any", "every", "no", "each"}
_MODIFIERS = {"compound", "amod", "nmod"}
# Participles that describe a group ("armed rebels"); others before a group noun are
# more often a verb the parser misread.
_PARTICIPLES = {"armed", "masked", "unidentified", "retired", "displaced", "detained", "striking"}
# How many, not who: "several soldiers" is named "soldiers".
_QUANTITY = {"several", "many", "some", "other", "few", "more", "most", "numerous"} | {
    "dozens",
    "hundreds",
    "thousands",
}


@cache
def group_nouns() -> dict[str, str]:
    """Word or two-word phrase (lower case, as written) → PLOVER sector."""
    return {row[0]: row[1] for row in rows("group_nouns.tsv")}


@cache
def group_heads() -> frozenset[str]:
    """The last word of every group noun or phrase: a token that is none of them is no
    group head, which one set lookup tells before any look at the parse."""
    return frozenset(key.split()[-1] for key in group_nouns())


@cache
def _group_head_hashes() -> frozenset[int]:
    return hashes(group_heads())


@cache
def _crowd_hashes() -> frozenset[int]:
    return hashes(_CROWD_NOUNS)


def _sector(head: Token) -> tuple[str, Token | None] | None:
    """(sector, modifier) for a group head noun; the modifier when a two-word phrase matched."""
    table = group_nouns()
    word = head.lower_
    for child in head.lefts:
        if child.dep_ in _MODIFIERS and child.i == head.i - 1:
            phrase = table.get(f"{child.lower_} {word}")
            if phrase:
                return phrase, child
    sector = table.get(word)
    return (sector, None) if sector else None


# A crowd: "people" counted ("300 people", "thousands of people") is a group of civilians.
_CROWD_NOUNS = {"people", "persons"}
_CROWD_COUNTS = {"dozens", "hundreds", "thousands", "tens", "scores", "millions"}


def _crowd(tok: Token) -> str | None:
    """CVL for counted people ("five people were killed", "tens of thousands of people
    marched"); people not counted ("people say", "many people") are no group."""
    if tok.lower_ not in _CROWD_NOUNS:
        return None
    if any(c.dep_ == "nummod" for c in tok.children):
        return "CVL"
    of = tok.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    return "CVL" if of is not None and of.head.lower_ in _CROWD_COUNTS else None


def _is_head(tok: Token) -> bool:
    """A noun that is the head of its own phrase (not "police" in "police station")."""
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ in {"compound", "amod", "nmod"}:
        return False
    return not any(c.dep_ in {"det", "amod", "predet"} and c.lower_ in _GENERIC for c in tok.children)


def _hyphenated(tok: Token) -> bool:
    """ "Vietnamese-led": the participle is joined to the word before it."""
    return tok.i > 0 and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 1].whitespace_


def _phrase(head: Token, lexical: Token | None, index: EntityIndex) -> tuple[list[Token], str | None] | None:
    """The phrase's words (adjacent premodifiers and head) and its country; None when a
    named organisation or person in the phrase is the actor instead. `lexical` is the
    modifier of a two-word lexicon phrase, never a name ("Riot police" opening a sentence,
    which the NER may tag)."""
    words = [head]
    country: str | None = None
    for child in reversed(list(head.lefts)):
        contiguous = child.right_edge.i == words[0].i - 1
        if child.dep_ == "poss" and child.pos_ == "PRON":
            return None  # "his forces": someone's own, which only coreference could name
        if child.dep_ not in _MODIFIERS | {"poss"} or not contiguous or child.lower_ in _QUANTITY:
            break
        if any(t.is_space for t in child.subtree):
            break  # a line break between: "Staff Reports" above "Police arrested …"
        if child.pos_ == "VERB" and child.lower_ not in _PARTICIPLES and not _hyphenated(child):
            break  # "the raid targeted militants": a verb the parser read as a modifier
        for tok in child.subtree:
            entity = None if lexical is not None and tok.i == lexical.i else index.at(tok)
            if entity is not None and entity.type not in _COUNTRY_TYPES:
                return None
            if entity is not None and entity.actor.country:
                country = country or entity.actor.country
            elif entity is None and (nationality := _nationality(tok)):
                # "Ugandan troops" opening a sentence, which the NER may leave untagged
                country = country or nationality
        words[:0] = list(child.subtree)
    return words, country


def _nationality(tok: Token) -> str | None:
    """The country of a capitalised nationality adjective ("Ugandan" → UGA), tagged by the
    NER or not; None for any other word."""
    return demonym_country(tok.text) if tok.text[:1].isupper() else None


def _group_name(words: Span) -> str:
    """The group's name in lower case but for names and nationality words, so that
    "Police" opening a sentence and "police" later are stored as one actor."""
    return "".join(
        (t.text if t.pos_ == "PROPN" or t.ent_type_ in {"NORP", "GPE"} or _nationality(t) else t.lower_)
        + t.whitespace_
        for t in words
    ).strip()


def find_groups(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """GROUP entities for the unnamed group actors of the article, ids after `entities`."""
    index = EntityIndex(entities)
    quoted = marked_spans(text_of(doc))
    found: dict[str, Entity] = {}
    for tok in tokens_with(doc, _group_head_hashes() | _crowd_hashes(), "lower"):
        if not _is_head(tok) or index.at(tok) is not None:
            continue
        if any(c.dep_ == "appos" and c.i > tok.i and index.at(c) is not None for c in tok.children):
            continue  # "the newspaper Mwanga Leo": the name that follows is the actor
        if any(start <= tok.idx < end for start, end in quoted):
            continue
        crowd = _crowd(tok)
        coded = _sector(tok) or ((crowd, None) if crowd else None)
        if coded is None:
            continue
        phrase = _phrase(tok, coded[1], index)
        if phrase is None:
            continue
        words, country = phrase
        start, end = words[0].idx, tok.idx + len(tok.text)
        text = text_of(doc)[start:end]
        key = text.lower()
        if key not in found:
            found[key] = Entity(
                id=f"ent{len(entities) + len(found) + 1}",
                name=_group_name(doc[words[0].i : tok.i + 1]),
                type="GROUP",
                actor=Actor(country=country, sector=coded[0]),
            )
        found[key].mentions.append(Mention(text=text, start=start, end=end))
    return list(found.values())
