"""Who said it: shared by quotes and events. Maps parse tokens to entities and finds
the source a clause is attributed to ("X said that …", "according to X")."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from spacy.tokens import Doc, Token

from .lexicon import lines, rows
from .models import Entity

PRONOUNS = {"he", "she", "him", "her"}
# Pronouns that stand for an organisation or a group that spoke before ("it said").
GROUP_PRONOUNS = {"it", "they", "we"}


@cache
def speech_verbs() -> frozenset[str]:
    return frozenset(lines("speech_verbs.txt"))


@cache
def source_nouns() -> dict[str, str]:
    """Head noun → "institution" or "document" (data/source_nouns.tsv)."""
    return {row[0]: row[1] for row in rows("source_nouns.tsv")}


class EntityIndex:
    """Finds the entity a token belongs to, through its mentions' character offsets."""

    def __init__(self, entities: list[Entity]) -> None:
        self._spans = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda s: s[0])
        self._starts = [start for start, _end, _entity in self._spans]
        # The largest end among the spans up to each one: the first span holding an offset
        # is the first whose running end passes it, found by a binary search.
        self._reach = list(accumulate((end for _start, end, _entity in self._spans), max))

    def at(self, token: Token) -> Entity | None:
        """The entity of the first mention (in start order) that holds the token's start.

        Asked of nearly every token by the quote, group and event stages: two binary
        searches instead of a walk over the mentions before the token."""
        k = bisect_right(self._reach, token.idx)
        if k < bisect_right(self._starts, token.idx):
            return self._spans[k][2]
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

    def titled_person_near(
        self, noun: str, offset: int, extra: dict[str, set[str]] | None = None
    ) -> Entity | None:
        """The person nearest to `offset` whose titles (or `extra` title nouns by entity
        id) hold `noun` ("the minister" → Defense Minister Ahn Gyu-back), one named
        before preferred at equal distance."""
        best: tuple[int, Entity] | None = None
        for start, _end, entity in self._spans:
            if entity.type != "PERSON":
                continue
            nouns = {w for t in entity.titles for w in t.lower().split()}
            nouns |= (extra or {}).get(entity.id, set())
            if noun not in nouns:
                continue
            distance = abs(offset - start) * (1 if start < offset else 2)
            if best is None or distance < best[0]:
                best = (distance, entity)
        return best[1] if best else None

    def last_person_before(self, offset: int) -> Entity | None:
        found = self.last_person_mention_before(offset)
        return found[1] if found else None

    def last_person_mention_before(self, offset: int) -> tuple[int, Entity] | None:
        """(start, entity) of the last person mention before `offset`."""
        best = None
        for start, _end, entity in self._spans:
            if start >= offset:
                break
            if entity.type == "PERSON":
                best = (start, entity)
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
    # After a comma the phrase goes on only with a name ("Fishermen in Masinloc,
    # Zambales"); anything else describes ("…, the regency where", "…, for his part").
    cut += [t for t in sub if t.text == "," and head.i < t.i < sub[-1].i and t.nbor().pos_ != "PROPN"]
    doc = head.doc
    end = min((c.left_edge.i for c in cut), default=sub[-1].i + 1)
    # Never end inside a hyphenated word the parser split ("al-Arish").
    while end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text != "," and not _is_gap(doc[end]):
        end += 1
    words = list(doc[sub[0].i : end])
    # Quotation marks and brackets the parser hung on the phrase are not its words.
    while words and (words[0].is_punct or words[0].is_space) and words[0].i != head.i:
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].is_space) and words[-1].i != head.i:
        if words[-1].text == ")" and any(w.text == "(" for w in words):
            break  # "University of Mexico (UNAM)" keeps its bracket
        words.pop()
    return head.doc[words[0].i : words[-1].i + 1].text.strip(" ,") if words else head.text


def _is_gap(token: Token) -> bool:
    return token.is_space or (token.is_punct and token.text not in {"-", "‑"})


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.tag_ in {"VBG", "VBN"}:
                # "The Red Cross operating in Iraq said", parsed with the participle as the
                # subject and the name as its own: the name is the subject.
                inner = [g for g in child.children if g.dep_ == "nsubj" and g.i < child.i]
                if inner:
                    return inner[0]
            if not (child.is_punct or child.is_space):
                return child
            # A closing quotation mark parsed as the subject, its apposition the speaker:
            # 「…,」 the farmer said.
            for grand in child.children:
                if grand.dep_ in {"appos", "nsubj"} and not grand.is_punct:
                    return grand
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


@dataclass
class Speaker:
    """Who a quote is attributed to: an entity, or the words kept when none is named."""

    entity: Entity | None
    text: str
    start: int
    noun: str = ""  # head noun of an unnamed source ("official", "ministry")
    end: int = -1  # where the source's words end: names inside them are not later people

    @property
    def person(self) -> bool:
        if self.entity is not None and (self.entity.type == "PERSON" or not self.noun):
            return self.entity.type == "PERSON"
        # An unnamed source, or one named only by a modifier ("a Red Crescent worker").
        return source_nouns().get(self.noun) is None


class SpeakerResolver:
    """Resolves source phrases in reading order, remembering who spoke, so that "he
    said" and "the manager said" can point back to an earlier speaker."""

    def __init__(self, index: EntityIndex, doc: Doc | None = None) -> None:
        self.index = index
        self.recent: list[Speaker] = []
        # Title nouns a name stands in apposition to ("The Minister of Information,
        # Mohammed Idris"), which the entity's own titles may lack.
        self.appositive_titles: dict[str, set[str]] = {}
        # Only appositions matter: their indices come from one array of the parse's labels
        # instead of a Token object made for every word of the article.
        if doc is None or not len(doc):
            return
        for i in (doc.to_array("DEP") == doc.vocab.strings["appos"]).nonzero()[0]:
            tok = doc[int(i)]
            if tok.head.pos_ in {"NOUN", "PROPN"} and index.at(tok.head) is None:
                entity = index.at(tok)
                if entity is not None:
                    self.appositive_titles.setdefault(entity.id, set()).add(tok.head.lower_)

    def resolve(self, head: Token) -> Speaker:
        speaker = self._resolve(head)
        speaker.end = head.right_edge.idx + len(head.right_edge.text)
        self.recent.append(speaker)
        return speaker

    def _resolve(self, head: Token) -> Speaker:
        words = head.lower_
        if words in PRONOUNS or words in GROUP_PRONOUNS:
            return self._antecedent(head)
        entity = self._named(head)
        if entity is not None:
            # The head noun matters only when the name is a modifier of it.
            noun = head.lemma_.lower() if self.index.at(head) is None and head.pos_ == "NOUN" else ""
            return Speaker(entity, phrase_text(head), head.idx, noun)
        if source_nouns().get(head.lemma_.lower()) == "document":
            # "a statement from X", "a report by X": the author speaks.
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}:
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return self._resolve(obj)
        if head.pos_ == "NOUN" and any(c.lower_ == "the" for c in head.children):
            return self._title_only(head)
        return Speaker(None, phrase_text(head), head.idx, head.lemma_.lower())

    def _named(self, head: Token) -> Entity | None:
        entity = self.index.at(head)
        if entity is not None:
            return entity
        # "Its chair, Dr Priya Nandakumar, said", "state news agency TASS": the
        # apposition names the speaker, before any name that only modifies it.
        for child in head.children:
            if child.dep_ == "appos":
                named = self.index.at(child)
                if named is not None:
                    return named
        # "news agency TASS reported" parsed as two subjects: the name right after.
        after = head.right_edge.i + 1
        if after < len(head.doc):
            nxt = head.doc[after]
            if nxt.dep_ == head.dep_ and nxt.head.i == head.head.i and nxt.pos_ == "PROPN":
                named = self.index.at(nxt)
                if named is not None:
                    return named
        return self.index.of_phrase(head)

    def _title_only(self, head: Token) -> Speaker:
        """ "the minister": the nearest person with that title, else an earlier
        unnamed speaker with the same head noun ("a senior hospital manager")."""
        noun = head.lower_
        entity = self.index.titled_person_near(noun, head.idx, self.appositive_titles)
        if entity is not None:
            return Speaker(entity, entity.name, head.idx)
        for earlier in reversed(self.recent):
            if earlier.entity is None and earlier.start < head.idx and noun == earlier.noun:
                return Speaker(None, earlier.text, head.idx, noun)
        return Speaker(None, phrase_text(head), head.idx, head.lemma_.lower())

    def _antecedent(self, pronoun: Token) -> Speaker:
        """The latest earlier speaker of the right kind, or for he/she a person named
        after that speaker ("Kim met Putin. “…,” he said" → Putin)."""
        wants_person = pronoun.lower_ in PRONOUNS
        earlier = next(
            (s for s in reversed(self.recent) if s.start < pronoun.idx and s.person == wants_person), None
        )
        if wants_person:
            named = self.index.last_person_mention_before(pronoun.idx)
            if named is not None and (earlier is None or named[0] >= earlier.end):
                return Speaker(named[1], named[1].name, pronoun.idx)
        if earlier is not None:
            return Speaker(earlier.entity, earlier.text, pronoun.idx, earlier.noun)
        return Speaker(None, pronoun.text, pronoun.idx)
