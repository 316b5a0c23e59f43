"""Who said it: shared by quotes and events. Maps parse tokens to entities and finds
the source a clause is attributed to ("X said that …", "according to X")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from .lexicon import lines
from .models import Entity

PRONOUNS = {"he", "she", "him", "her"}


@cache
def speech_verbs() -> frozenset[str]:
    return frozenset(lines("speech_verbs.txt"))


class EntityIndex:
    """Finds the entity a token belongs to, through its mentions' character offsets."""

    def __init__(self, entities: list[Entity]) -> None:
        self._spans = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda s: s[0])

    def at(self, token: Token) -> Entity | None:
        for start, end, entity in self._spans:
            if start <= token.idx < end:
                return entity
            if start > token.idx:
                break
        return None

    def of_phrase(self, head: Token) -> Entity | None:
        """The entity a noun phrase names: its head, else a name inside it
        ("North Korean state media" → North Korean; "Kim's train" is not Kim)."""
        found = self.at(head)
        if found is not None:
            return found
        for child in head.children:
            if child.dep_ in {"compound", "amod", "nmod"}:
                found = self.at(child)
                if found is not None:
                    return found
        return None

    def last_person_before(self, offset: int) -> Entity | None:
        best = None
        for start, _end, entity in self._spans:
            if start >= offset:
                break
            if entity.type == "PERSON":
                best = entity
        return best


@dataclass
class Source:
    cue: str
    entity: Entity | None
    text: str
    verb: Token


def phrase_text(head: Token) -> str:
    sub = list(head.subtree)
    # Relative clauses and appositions describe the source; they are not its name.
    cut = [t for t in sub if t.dep_ in {"relcl", "appos", "acl"} and t.head == head]
    end = min((c.left_edge.i for c in cut), default=sub[-1].i + 1)
    return head.doc[sub[0].i : end].text.strip(" ,")


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    # "was said to have informed": the subject sits on the governing verb.
    if verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head.i != verb.i:
        return subject_of(verb.head)
    return None


def according_object(according: Token) -> Token | None:
    """X in "according to X", given the token "according"."""
    for to in according.children:
        if to.lower_ == "to":
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def according_to(token: Token) -> Token | None:
    """The object of an "according to" attached to this token."""
    for child in token.children:
        if child.lower_ == "according":
            return according_object(child)
    return None


def source_of(token: Token, index: EntityIndex) -> Source | None:
    """The nearest source this token's clause is attributed to, walking up the parse:
    a speech verb whose complement holds the token, or an "according to" phrase."""
    node = token
    while True:
        obj = according_to(node)
        if obj is not None:
            return make_source("according to", obj, node, index)
        head = node.head
        if head.i == node.i:
            break
        if head.lemma_.lower() in speech_verbs() and node.dep_ in {
            "ccomp",
            "xcomp",
            "advcl",
            "parataxis",
            "conj",
        }:
            subj = subject_of(head)
            if subj is not None:
                return make_source(head.text, subj, head, index)
        node = head
    # "According to X, …" may hang off a sentence's root in another clause.
    for tok in token.sent:
        if tok.lower_ == "according":
            obj = according_object(tok)
            if obj is not None:
                return make_source("according to", obj, tok, index)
    return None


def make_source(cue: str, head: Token, verb: Token, index: EntityIndex) -> Source:
    entity = index.of_phrase(head)
    if entity is None and head.lower_ in PRONOUNS:
        entity = index.last_person_before(head.idx)
    return Source(cue=cue, entity=entity, text=phrase_text(head), verb=verb)
