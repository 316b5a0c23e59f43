"""Events: PLOVER coding from the dependency parse, driven by the trigger lexicon
(`data/events.tsv`). Choices and the confidence score are documented in docs/events.md.

An event is coded only when its trigger has at least one actor that is a named entity:
a verb with no named agent is not an event we can source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from .attribution import EntityIndex, source_of
from .datetimes import to_date
from .lexicon import rows
from .models import Article, Entity, Event, EventDate, Evidence, TimeExpression
from .registry import register

QUAD = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}
ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
PLACE_TYPES = {"GPE", "LOC", "FAC"}
RECIPIENT_PREPS = {"with", "to", "against", "on", "for", "between", "toward", "towards"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
HYPOTHETICAL = {"could", "would", "might", "may", "should"}
FUTURE = {"will", "shall"}
FUTURE_HEADS = {"expect", "plan", "schedule", "set", "due", "intend", "aim"}


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    contexts: tuple[str, ...]


@cache
def lexicon() -> dict[tuple[str, str], Trigger]:
    """(trigger, POS) → Trigger; a trigger is a lemma or "verb object" phrase."""
    table: dict[tuple[str, str], Trigger] = {}
    for row in rows("events.tsv"):
        cells = list(row) + [""] * (5 - len(row))
        trigger, pos, kind, mode, contexts = cells[:5]
        table[(trigger, pos)] = Trigger(kind, mode or None, tuple(c for c in contexts.split(";") if c))
    return table


def _trigger(tok: Token) -> Trigger | None:
    table = lexicon()
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        for child in tok.children:
            if child.dep_ in {"dobj", "prt"}:
                phrase = table.get((f"{lemma} {child.lemma_.lower()}", "VERB"))
                if phrase:
                    return phrase
        return table.get((lemma, "VERB"))
    if tok.pos_ == "NOUN":
        return table.get((lemma, "NOUN"))
    return None


def _expand(tok: Token) -> list[Token]:
    """A token and its coordinated siblings ("Kim and Shoigu")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(_expand(child))
    return out


# Parts of a noun phrase that name something else than the phrase's referent.
_PRUNE = {"prep", "relcl", "acl", "appos", "poss", "advcl", "punct", "det", "case"}
# PLOVER types whose manual entry says "Requires recipient: Yes".
NEEDS_RECIPIENT = {"COOPERATE", "AID", "SANCTION"}


def _core(tok: Token) -> list[Token]:
    """The tokens of a noun phrase without its modifiers that name other things."""
    out = [tok]
    for child in tok.children:
        if child.dep_ not in _PRUNE:
            out.extend(_core(child))
    return out


def _entities(tokens: list[Token], index: EntityIndex, types: set[str]) -> list[Entity]:
    """Entities named by these phrases ("Kim and Russian Defense Minister Sergei Shoigu"
    → Kim, Shoigu); nationality words only when the phrase names nothing else."""
    found: list[Entity] = []
    for head in tokens:
        for tok in sorted(_core(head), key=lambda t: t.i):
            entity = index.at(tok)
            if entity is not None and entity.type in types and entity not in found:
                found.append(entity)
    named = [e for e in found if e.type not in {"NORP"}]
    return named or found


def _subject(verb: Token) -> tuple[list[Token], list[Token], bool]:
    """(agents, patients, own) — own is False when the subject was inherited."""
    agents: list[Token] = []
    patients: list[Token] = []
    for child in verb.children:
        if child.dep_ == "nsubj":
            agents.extend(_expand(child))
        elif child.dep_ == "nsubjpass":
            patients.extend(_expand(child))
        elif child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    agents.extend(_expand(obj))
    if agents or patients:
        return agents, patients, True
    # "visited X to inspect Y": the infinitive's subject is the main verb's.
    if verb.dep_ in {"xcomp", "advcl", "conj"} and verb.head.i != verb.i:
        inherited, _, _ = _subject(verb.head)
        return inherited, [], False
    return [], [], False


def _arguments(trigger: Token, index: EntityIndex) -> tuple[list[Entity], list[Entity], str | None, bool]:
    if trigger.pos_ == "NOUN":
        return _nominal_arguments(trigger, index)
    agent_toks, patient_toks, own = _subject(trigger)
    actors = _entities(agent_toks, index, ACTOR_TYPES)
    recipients = _entities(patient_toks, index, ACTOR_TYPES)
    place: str | None = None
    for child in trigger.children:
        if child.dep_ in {"dobj", "dative"}:
            objs = _entities(_expand(child), index, ACTOR_TYPES | PLACE_TYPES)
            for entity in objs:
                if entity.type in {"FAC", "LOC"} or (
                    entity.type == "GPE" and entity.actor.sector != "GOV" and not entity.kb_id
                ):
                    place = place or entity.id
                elif entity not in actors:
                    recipients.append(entity)
        elif child.dep_ == "prep":
            prep = child.lower_
            pobjs = [o for o in child.children if o.dep_ == "pobj"]
            toks = [t for o in pobjs for t in _expand(o)]
            if prep in RECIPIENT_PREPS:
                recipients.extend(
                    e for e in _entities(toks, index, ACTOR_TYPES) if e not in actors + recipients
                )
            elif prep in PLACE_PREPS and place is None:
                found = _entities(toks, index, PLACE_TYPES)
                if found:
                    place = found[0].id
    if place is None:
        place = _place_below(trigger, index)
    return actors, recipients, place, own


def _nominal_arguments(
    noun: Token, index: EntityIndex
) -> tuple[list[Entity], list[Entity], str | None, bool]:
    """ "the summit between X and Y", "trilateral military drills between A, B and C":
    participants are all actors (PLOVER's reciprocal convention)."""
    actors: list[Entity] = []
    place: str | None = None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"between", "among", "of", "by", "with"}:
            toks = [t for o in child.children if o.dep_ == "pobj" for t in _expand(o)]
            actors.extend(e for e in _entities(toks, index, ACTOR_TYPES) if e not in actors)
        elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            found = _entities([o for o in child.children if o.dep_ == "pobj"], index, PLACE_TYPES)
            place = place or (found[0].id if found else None)
    if not actors:
        # "the North Korea-Russia summit": the participants premodify the noun.
        lefts = [
            t
            for child in noun.lefts
            if child.dep_ in {"compound", "nmod", "amod", "poss"}
            for t in child.subtree
        ]
        actors = _entities(lefts, index, ACTOR_TYPES)
    return actors, [], place, True


def _place_below(trigger: Token, index: EntityIndex) -> str | None:
    """A locative one level down ("visited the airfield in Vladivostok")."""
    for child in trigger.children:
        if child.dep_ in {"dobj", "prep"}:
            for tok in child.subtree:
                if tok.dep_ == "prep" and tok.lower_ in PLACE_PREPS:
                    found = _entities([o for o in tok.children if o.dep_ == "pobj"], index, PLACE_TYPES)
                    if found:
                        return found[0].id
    return None


def _modality(trigger: Token) -> str:
    chain = [trigger]
    if trigger.dep_ == "xcomp":
        chain.append(trigger.head)
    for tok in chain:
        children = list(tok.children)
        if any(c.dep_ == "neg" for c in children) or (
            tok.head.lemma_.lower() in {"refuse", "deny", "fail"} and tok.dep_ == "xcomp"
        ):
            return "negated"
        auxes = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
        if auxes & HYPOTHETICAL or any(c.dep_ == "mark" and c.lower_ == "if" for c in children):
            return "hypothetical"
        if auxes & FUTURE or (tok.lemma_.lower() in FUTURE_HEADS and tok.i != trigger.i):
            return "future"
    return "asserted"


def _date(trigger: Token, times: list[TimeExpression], article: Article) -> EventDate:
    clause = trigger if trigger.pos_ == "VERB" else trigger.head
    sub = list(clause.subtree)
    lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
    sent = trigger.sent
    in_clause = [t for t in times if lo <= t.start < hi and t.value]
    if in_clause:
        best = min(in_clause, key=lambda t: abs(t.start - trigger.idx))
        return EventDate(value=best.value, granularity=best.granularity, text=best.text, basis="clause")
    in_sentence = [t for t in times if sent.start_char <= t.start < sent.end_char and t.value]
    if in_sentence:
        best = min(in_sentence, key=lambda t: abs(t.start - trigger.idx))
        return EventDate(value=best.value, granularity=best.granularity, text=best.text, basis="sentence")
    published = to_date(article.published)
    return EventDate(
        value=published.isoformat() if published else None,
        granularity="day" if published else None,
        text=None,
        basis="published",
    )


def confidence(own_subject: bool, recipients: int, basis: str, modality: str) -> float:
    """Documented score in docs/events.md: evidence of a complete, dated, asserted event."""
    score = 0.5
    score += 0.2 if own_subject else 0.0
    score += 0.15 if recipients else 0.0
    score += 0.1 if basis in {"clause", "sentence"} else 0.0
    score -= {"hypothetical": 0.2, "future": 0.1, "negated": 0.1}.get(modality, 0.0)
    return round(max(0.05, min(0.95, score)), 2)


def code_events(
    doc: Doc, article: Article, entities: list[Entity], times: list[TimeExpression]
) -> list[Event]:
    index = EntityIndex(entities)
    events: list[Event] = []
    for tok in doc:
        trig = _trigger(tok)
        if trig is None:
            continue
        actors, recipients, place, own = _arguments(tok, index)
        recipients = [r for r in recipients if r not in actors]
        if not actors or (trig.type in NEEDS_RECIPIENT and not recipients):
            continue
        modality = _modality(tok)
        reported_by: list[str] = []
        source = source_of(tok, index)
        if source is not None and not (
            source.entity is not None and source.entity in actors and source.verb.i == tok.i
        ):
            reported_by = [source.entity.id if source.entity else source.text]
            if modality == "asserted":
                modality = "reported"
        date = _date(tok, times, article)
        sent = tok.sent
        events.append(
            Event(
                id=f"evt{len(events) + 1}",
                type=trig.type,  # type: ignore[arg-type]
                mode=trig.mode,
                contexts=list(trig.contexts),
                actors=[a.id for a in actors],
                recipients=[r.id for r in recipients],
                date=date,
                place=place,
                modality=modality,  # type: ignore[arg-type]
                reported_by=reported_by,
                evidence=Evidence(
                    text=sent.text.strip(),
                    start=sent.start_char,
                    end=sent.start_char + len(sent.text.strip()),
                ),
                trigger=tok.text,
                confidence=confidence(own, len(recipients), date.basis, modality),
                quad_class=QUAD[trig.type],  # type: ignore[arg-type]
            )
        )
    return events


@register("events", "events.rules.v1")
def annotate_events(
    doc: Doc, article: Article, *, entities: list[Entity], times: list[TimeExpression], **_: Any
) -> list[Event]:
    """PLOVER events with actors, recipients, modality, date, place and evidence."""
    return code_events(doc, article, entities, times)
