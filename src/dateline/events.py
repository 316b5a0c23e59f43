"""Events: PLOVER coding from the dependency parse, driven by the trigger lexicon
(`data/events.tsv`). Choices and the confidence score are documented in docs/events.md.

An event is coded only when its trigger has at least one actor that is an entity: a
named one, or (from `events.rules.v3`) an unnamed group the groups stage found ("riot
police", "rebels", "Israeli troops"; src/dateline/groups.py). A verb with no such agent
is not an event we can source, with one exception the PLOVER manual makes: violence and
coercion done to someone by no one named ("three civilians were killed in a bombing", "a
roadside bomb killed a soldier") are coded with the document's unidentified actor, a
GROUP entity of sector UNK that no words name (`unidentified_actor`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from .attribution import EntityIndex, source_of, speech_verbs
from .datetimes import to_date
from .entities import title_nouns
from .groups import group_heads, group_nouns
from .lexicon import lines, rows
from .models import Actor, Article, Entity, Event, EventDate, Evidence, Place, TimeExpression
from .nlp import hashes, text_of, tokens_with
from .places import facility_nouns
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
ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP", "GROUP"}
PLACE_TYPES = {"GPE", "LOC", "FAC"}
RECIPIENT_PREPS = {"with", "to", "against", "on", "for", "between", "toward", "towards", "from"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
# How fine a geocoded point is: a facility or town, or a facility placed at its city
# (which names more than the city does), then a region, then a country. An event takes
# the finest place its own clause names.
_FINENESS = {"place": 2, "city": 2, "region": 1, "country": 0}
# "the city of Kharkiv", "the port of Pohang": the place named after "of".
_SETTLEMENTS = {"city", "town", "village", "port", "region", "province", "district", "capital"}
# Children that open another clause, whose places belong to that clause's events.
_OTHER_CLAUSE = {"relcl", "ccomp", "advcl", "xcomp", "conj", "acl", "parataxis"}
PRONOUNS = {"it", "they", "he", "she", "we"}
_POSSESSIVES = {"its", "their", "his", "her", "our"}
# Actor sectors of armed forces (military, police, paramilitary).
_ARMED = {"MIL", "COP", "PRM"}
# "must", as a lower-case hash, for _unmarked_demands.
_MUST = hashes(["must"])
# "must still be ratified": an obligation is not yet an event.
HYPOTHETICAL = {"could", "would", "might", "may", "should", "must"}
FUTURE = {"will", "shall"}
# Verbs of promising: what they promise is the promiser's own word and lies ahead ("vowed
# to fight on" is a threat, "pledged to send aid" an agreement).
PROMISES = {"vow", "pledge", "promise", "swear"}
# Adjectives of willingness: "is willing to withdraw", "is ready to send troops", "said he
# is prepared to lift the ban" offer what follows; for cooperation or concession that is
# AGREE (manual, AGREE: "indicate willingness or commitment to cooperate").
WILLING = {"willing", "ready", "prepared", "committed", "eager"}
# Nouns of willingness whose infinitive is what the holder offers ("expressed willingness
# to negotiate with the rebels", "its readiness to send troops").
_WILLINGNESS = {"willingness", "readiness", "preparedness", "eagerness"}
FUTURE_HEADS = {"expect", "plan", "schedule", "set", "due", "intend", "aim"} | WILLING
_AHEAD = FUTURE_HEADS | PROMISES
_LIKELY = {"likely", "unlikely", "possible", "probable"}
# Nouns that hold an event as a prospect: "hope for talks", "the success of negotiations",
# "pave the way for a summit", "the prospect of a ceasefire".
_PROSPECTS = {"hope", "prospect", "chance", "success", "possibility", "way", "path", "road", "likelihood"}
# Sectors that grant or withhold permissions: government, military, courts, legislatures,
# police, international organisations, rebels holding ground.
_AUTHORITIES = {"GOV", "MIL", "JUD", "LEG", "COP", "IGO", "REB"}
# Sectors whose members' dealings among themselves are no political event: business,
# media (JRN), health (MED), education (a company's offer, a newspaper's, a university's).
_NON_POLITICAL = {"BUS", "JRN", "MED", "EDU"}
# Objects that make taking ("captured", "retook", "seized") a military gain of ground,
# which CAMEO codes as fighting (192, occupy territory) and PLOVER as ASSAULT.
_TERRITORY = {
    "village",
    "town",
    "city",
    "territory",
    "stronghold",
    "base",
    "hill",
    "airport",
    "airfield",
    "outpost",
    "position",
    "enclave",
    "island",
    "checkpoint",
    "garrison",
    "district",
    "province",
    "region",
    "capital",
    "port",
}


# The lexicon's type for a phrase that is not an event ("meet expectations").
NOT_AN_EVENT = "-"


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    # Flags from the lexicon's sixth column, e.g. "reciprocal", "host", "joint=COOPERATE".
    flags: frozenset[str] = frozenset()

    def alternative(self, name: str) -> str | None:
        """The type a "name=TYPE" flag gives, if the trigger has one."""
        return next((f.split("=", 1)[1] for f in self.flags if f.startswith(name + "=")), None)

    def without(self, name: str) -> Trigger:
        """This trigger without its "name=TYPE" flag."""
        flags = frozenset(f for f in self.flags if not f.startswith(name + "="))
        return Trigger(self.type, self.mode, self.contexts, flags)


@cache
def lexicon() -> dict[tuple[str, str], Trigger]:
    """(trigger, POS) → Trigger; a trigger is a lemma or a two-word phrase: "verb object",
    "verb particle/preposition" ("call on") or "modifier noun" ("hunger strike")."""
    table: dict[tuple[str, str], Trigger] = {}
    for row in rows("events.tsv"):
        cells = list(row) + [""] * (6 - len(row))
        trigger, pos, kind, mode, contexts, flags = cells[:6]
        table[(trigger, pos)] = Trigger(
            kind,
            mode or None,
            tuple(c for c in contexts.split(";") if c),
            frozenset(f for f in flags.split(";") if f),
        )
    return table


@cache
def _heads() -> dict[str, frozenset[str]]:
    """The words a trigger can start from: a verb's lemma comes first in its phrases, a
    noun's last. Asked of every token, so most are turned away by one set lookup."""
    heads: dict[str, set[str]] = {"VERB": set(), "NOUN": set()}
    for trigger, pos in lexicon():
        words = trigger.split()
        heads.setdefault(pos, set()).add(words[0] if pos == "VERB" else words[-1])
    return {pos: frozenset(words) for pos, words in heads.items()}


@cache
def _head_hashes() -> frozenset[int]:
    """`_heads`, all parts of speech, as lemma hashes: the tokens worth asking `_trigger`."""
    return hashes(w for words in _heads().values() for w in words)


@cache
def halting_verbs() -> dict[str, str]:
    """Verb (or "verb particle") → the type of halting the cooperative event it governs."""
    return {verb: kind for verb, kind in rows("halting_verbs.tsv")}


# Cooperative event types that a halting verb turns into SANCTION or REJECT.
_HALTABLE = {"CONSULT", "AID", "COOPERATE"}


def _halting(noun: Token, trig: Trigger) -> str | None:
    """The type of "suspended talks", "cancelled the summit": a cooperative nominal event
    that is the object of a halting verb (data/halting_verbs.tsv), else None."""
    if trig.type not in _HALTABLE or noun.pos_ == "VERB" or noun.dep_ != "dobj" or noun.head.i == noun.i:
        return None
    verb = noun.head
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    table = halting_verbs()
    lemma = verb.lemma_.lower()
    return next((table[f"{lemma} {p}"] for p in particles if f"{lemma} {p}" in table), table.get(lemma))


# Verbs that say a planned event did not take place ("a meeting that was canceled").
_CALLED_OFF = {"cancel", "postpone", "scrap", "delay", "abandon"}


def _called_off(noun: Token) -> bool:
    """A nominal event whose own clause says it was called off ("a meeting between Trump
    and Xi that was canceled", "the summit, postponed in May, …"): not held, `negated`."""
    if noun.pos_ == "VERB":
        return False
    if noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.lemma_.lower() in _CALLED_OFF:
        return True  # "A visit by the Kenyan president to Kampala has been postponed"
    return any(c.dep_ in {"relcl", "acl"} and c.lemma_.lower() in _CALLED_OFF for c in noun.children)


@cache
def light_verbs() -> frozenset[str]:
    return frozenset(lines("light_verbs.txt"))


def _is_light(verb: Token) -> bool:
    """A light verb, by lemma or, where the small model's lemmatizer slips ("staged" →
    "stag"), by the word less its inflection."""
    words = light_verbs()
    lower = verb.lower_
    forms = {verb.lemma_.lower(), lower, lower[:-1], lower[:-2], lower[:-3], lower[:-3] + "e"}
    return bool(forms & words)


def _verb_phrase(tok: Token, lemma: str) -> tuple[Trigger, Token] | None:
    """The first "verb word" phrase of the lexicon this verb makes with its object,
    particle or preposition, and that word."""
    table = lexicon()
    # What a passive or a participle modifying a noun acts on is its object too:
    # "troops were sent to", "troops sent to the border", "prisoners released by".
    passive_objects = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in {"NOUN", "PROPN"}:
        passive_objects.append(tok.head)
    if (
        tok.dep_ == "relcl"
        and tok.head.pos_ == "NOUN"
        and not any(c.dep_ in {"dobj", "nsubjpass"} for c in tok.children)
    ):
        # "the documents Kenya provided to the inquiry", "a series of letters …"
        passive_objects.append(tok.head)
        if tok.head.lemma_.lower() in _PARTS:
            passive_objects.extend(_of_objects(tok.head))
    for child in [*tok.children, *passive_objects]:
        if child.dep_ == "prep" and any(o.ent_type_ in {"DATE", "TIME"} for o in child.children):
            continue  # "fired 200 workers on Monday", "called on Friday for talks": a time
        words: list[Token] = []
        # "stepped down" is parsed with the particle as an adverb (advmod), not a prt
        if child.dep_ in {"dobj", "prt", "prep", "advmod"} or child in passive_objects:
            words.append(child)
        if child.dep_ == "prep" and child.lower_ == "with":
            # "provided Kenya with aid": what is provided is the object of "with"
            words.extend(inner for inner in child.children if inner.dep_ == "pobj")
        if child.dep_ == "dobj":
            # "gave the country 5 million dollars of aid", "sent a shipment of arms"
            words.extend(_of_objects(child))
        longer = _three_word_phrase(tok, lemma, child)
        if longer is not None:
            return longer
        for word in words:
            # the lemma, else the singular the lemmatizer missed ("bases" → "basis")
            for form in _forms(word):
                phrase = table.get((f"{lemma} {form}", "VERB"))
                if phrase:
                    return phrase, word
    return None


def _forms(word: Token) -> dict[str, None]:
    """A word's lemma, then the singular the lemmatizer missed ("bases" → "base")."""
    return dict.fromkeys((word.lemma_.lower(), _singular(word.lower_)))


def _three_word_phrase(verb: Token, lemma: str, child: Token) -> tuple[Trigger, Token] | None:
    """A "verb particle object" phrase ("handed over two suspects") or a "verb under noun"
    one ("placed the activist under house arrest"), which wins over "verb particle": the
    noun names the act."""
    if child.dep_ == "prt":
        nouns = [c for c in verb.children if c.dep_ == "dobj"]
    elif child.dep_ == "prep" and child.lower_ == "under":
        nouns = [c for c in child.children if c.dep_ == "pobj"]
    else:
        return None
    for noun in nouns:
        for form in _forms(noun):
            phrase = lexicon().get((f"{lemma} {child.lemma_.lower()} {form}", "VERB"))
            if phrase:
                return phrase, noun
    return None


def _singular(word: str) -> str:
    """A plural's singular by its spelling alone ("bases" → "base", "talks" → "talk")."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _trigger(tok: Token) -> tuple[Trigger, Token | None] | None:
    """The trigger this token starts, and the second word of a phrase trigger, if any."""
    table = lexicon()
    lemma = tok.lemma_.lower()
    if lemma not in _heads()["VERB" if tok.pos_ == "VERB" else "NOUN"]:
        return None
    if tok.pos_ == "VERB":
        found = _verb_phrase(tok, lemma)
        if found is not None:
            # Type "-": the object makes the word something else ("beat forecasts").
            return found if found[0].type != NOT_AN_EVENT else None
        single = table.get((lemma, "VERB"))
        if single and "permit" in single.flags:
            # "allowed inspectors to return", parsed with the inspectors as the subject of
            # the permitted clause: the phrase "allow inspector" still applies.
            for subject in _permitted(tok):
                phrase = table.get((f"{lemma} {subject.lemma_.lower()}", "VERB"))
                if phrase:
                    return phrase, subject
        return (single, None) if single else None
    # "launched a counteroffensive", tagged as an adjective: an argument is a noun use.
    if tok.pos_ in {"NOUN", "PROPN"} or (tok.pos_ == "ADJ" and tok.dep_ in {"dobj", "pobj", "nsubj"}):
        for child in tok.children:
            if child.dep_ in {"compound", "amod"}:
                phrase = table.get((f"{child.lemma_.lower()} {lemma}", "NOUN"))
                if phrase:
                    # Type "-": the modifier makes the noun something else ("press release").
                    return (phrase, child) if phrase.type != NOT_AN_EVENT else None
        single = table.get((lemma, "NOUN"))
        return (single, None) if single else None
    return None


def _permitted(verb: Token) -> list[Token]:
    """The subjects of the clauses a verb of permitting governs ("allowed Ouattara to
    run", parsed with Ouattara as the subject of "run")."""
    return [s for c in verb.children if c.dep_ in {"ccomp", "xcomp"} for s in c.children if s.dep_ == "nsubj"]


def _of_objects(noun: Token) -> list[Token]:
    """The objects of a noun's "of" ("dollars of aid" → aid)."""
    return [
        o
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for o in c.children
        if o.dep_ == "pobj"
    ]


def _prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    """The objects (with their conjuncts) of a token's prepositions among `preps` (also
    "to" parsed as a dative: "provided training to Somali troops")."""
    return [
        t
        for c in tok.children
        if c.dep_ in {"prep", "dative"} and c.lower_ in preps
        for o in c.children
        if o.dep_ == "pobj"
        for t in _expand(o)
    ]


def _prep_objects_of(tokens: list[Token], preps: set[str]) -> list[Token]:
    """`_prep_objects` of each of several tokens."""
    return [t for tok in tokens for t in _prep_objects(tok, preps)]


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
# Cooperation announced for later is AGREE; a retreat announced for later is CONCEDE
# (manual, AGREE and CONCEDE "potential ambiguities").
FUTURE_TYPE = {
    "CONSULT": "AGREE",
    "SUPPORT": "AGREE",
    "COOPERATE": "AGREE",
    "AID": "AGREE",
    "RETREAT": "CONCEDE",
}
# Material conflict announced by its own actor for later, or on a condition, is a threat
# (manual, Auxiliary modes: "THREATEN could be ASSAULT + hypothetical").
THREAT_TYPES = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
# Events whose complement clause is their content, not a second event ("urged X to …",
# "demanded that Y ease …", "threatened to …").
ABOUT_ANOTHER = {"REQUEST", "THREATEN", "REJECT", "AGREE", "ACCUSE"}
# Kin of someone named ("the son of former President X") are not that someone.
_KIN = {"son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "child"} | {
    "children",
    "nephew",
    "niece",
    "widow",
    "relative",
    "family",
    "grandson",
    "granddaughter",
    "cousin",
}
# Nouns a name in apposition identifies ("the rebel group M23", "the party Ennahda").
_NAMED_BODIES = {"group", "party", "movement", "organisation", "organization", "agency", "company"}
# Verbs whose object event has not happened: offered, proposed, demanded, refused, threatened.
_UNDONE = {"REQUEST", "THREATEN", "REJECT", "AGREE"}
_PASSIVE = {"auxpass"}
# Tags of a verb that can head a clause of its own: a past, a present, or a participle
# after its auxiliary ("have agreed").
_FINITE_OR_PERFECT = {"VBD", "VBZ", "VBP", "VBN"}
# Nouns for what someone issues or sends, whose participle clause says what its issuer
# does ("issued a statement condemning …", "sent a letter urging …").
_DOCUMENTS = {
    "statement",
    "declaration",
    "communique",
    "communiqué",
    "letter",
    "message",
    "resolution",
    "note",
}
# Nouns that measure out the event named through their "of" ("launched 10 days of war
# games", "held a round of talks", "a wave of attacks").
_MEASURES = {"day", "week", "month", "hour", "round", "series", "wave", "spate", "string", "bout", "cycle"}
# Objects that are a part of what the event is done to ("suspended part of its aid program
# for Bosnia", "a round of talks with Iran").
_PARTS = _MEASURES | {"part", "portion", "share", "half", "most", "some", "all", "rest", "bulk"}
# Verbs of going or gathering whose "for" names the purpose ("returned to Geneva for talks").
_GOING = {"return", "arrive", "travel", "go", "come", "fly", "head", "gather", "convene", "leave"}
# Head nouns through whose "of" an unnamed group is the referent ("thousands of
# protesters"); "the deaths of 12 civilians" names the deaths, not the civilians.
_GROUP_OF = {"thousands", "hundreds", "dozens", "scores", "group", "groups", "crowd", "crowds"} | {
    "member",
    "members",
    "leader",
    "leaders",
    "units",
    "supporters",
}
# Types whose direct object is what is moved, given or let go ("deployed troops",
# "released prisoners"), never a recipient.
_MOVES_OBJECT = {"MOBILIZE", "AID", "RETREAT"}
# Types whose object may be someone's belongings, whose owner is the recipient.
_TAKING = {"SANCTION", "COERCE"}
# Verbs whose object group is moved out whatever the type ("withdrew its inspectors").
_REMOVING = {"withdraw", "evacuate", "recall", "pull"}
# Types coded with the unidentified actor when the text names no one who did it
# (manual, "Sector Codes": UNK, "actor for 'two civilians were killed by a bomb'").
UNATTRIBUTED_TYPES = {"ASSAULT", "COERCE"}
UNIDENTIFIED = "UNK"
# Verbs that say someone died or was hurt without saying that anyone did it: with no
# attacker named they are an attack only when a weapon or an attack is ("were killed in
# a bombing"); "were killed in a car crash" is no event.
_HARM_ONLY = {"kill", "wound", "injure", "die"}
# Verbs whose subject dies: an attack only when the clause names an attack or a weapon
# ("died in an airstrike", not "died in a crash" or "died on Monday").
_DYING = {"die"}
# Prepositions through which a passive verb names its cause ("killed in a bombing", "by a
# landmine", "during shelling").
_CAUSE_PREPS = {"in", "by", "during", "from"}
# Words that open a clause saying when a passive harm happened ("killed when a shell hit").
_WHEN = {"when", "as", "after"}
# An explosion is an attack when a weapon set it off ("a bomb blast", "a minefield
# explosion", "a suicide blast"), not a gas leak.
_EXPLOSIONS = {"explosion", "blast"}
_EXPLOSIVE_MODIFIERS = {"minefield", "suicide", "roadside"}


@cache
def market_nouns() -> frozenset[str]:
    """Nouns for people and things of markets and audiences ("investors", "fans", "data")."""
    return frozenset(lines("market_nouns.txt"))


def _in_market(head: Token) -> bool:
    """A subject or agent that acts in a market, an audience or a private profession
    ("investors in Nairobi", "Kenyan trade data", "Ugandan lawyers"), or such people
    something goes to ("delivered vehicles to customers in the US"): the place or nation
    around them is no party."""
    if head.pos_ != "NOUN":
        return False
    if head.lemma_.lower() not in market_nouns():
        # "supported by Kenyan economic data meeting …", parsed with "data" as a compound
        # of the word after it: the data still act
        return head.dep_ == "pobj" and head.head.dep_ == "agent" and _market_compound(head)
    if head.dep_ == "pobj" and head.head.lower_ in {"to", "for"}:
        return True  # "delivered 140,000 vehicles to customers in the United States"
    return head.dep_ == "nsubj" or (head.dep_ == "pobj" and head.head.dep_ == "agent")


def _market_compound(tok: Token) -> bool:
    """A compound of the token is a market noun ("economic data meeting")."""
    return any(c.dep_ == "compound" and c.lemma_.lower() in market_nouns() for c in tok.children)


@cache
def sport_words() -> frozenset[str]:
    return frozenset(lines("sport_words.txt"))


# A sports story: sport words make up this share of its words, and at least this many.
_SPORT_SHARE = 0.025
_SPORT_MIN = 10
_WORD = re.compile(r"[A-Za-z]+")


def _sports_story(text: str) -> bool:
    """Whether the article reports sport ("Spain beat Russia", "talks with the club"),
    where countries, clubs and athletes are teams and players, not political actors."""
    words = _WORD.findall(text)
    hits = sum(1 for w in words if w.lower() in sport_words())
    return hits >= _SPORT_MIN and hits >= _SPORT_SHARE * len(words)


@cache
def weapon_nouns() -> frozenset[str]:
    return frozenset(lines("weapon_nouns.txt"))


def _cause(tok: Token) -> bool:
    """A noun naming an attack or a weapon rather than who used it ("bombing", "an
    airstrike", "a roadside bomb", "a mine explosion")."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    found = _trigger(tok)
    if found is not None and found[0].type == "ASSAULT":
        return True
    lemma = tok.lemma_.lower()
    modifiers = {c.lemma_.lower() for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}}
    if lemma in weapon_nouns() or any(f"{m} {lemma}" in weapon_nouns() for m in modifiers):
        return True
    return lemma in _EXPLOSIONS and bool(modifiers & (weapon_nouns() | _EXPLOSIVE_MODIFIERS))


def _causes(verb: Token, agents: list[Token]) -> tuple[list[Token], bool]:
    """(attack or weapon nouns the clause names as what did it, whether it names some
    other cause or doer). "A roadside bombing killed …", "were killed in a bombing" give
    the bombing; "were killed in a car crash" or "by his brother" name another cause or
    doer, and so does a subject we cannot name ("they", "the men")."""
    causes = [a for a in agents if _cause(a)]
    other = len(causes) < len(agents)
    if _passive(verb) or verb.lemma_.lower() in _DYING:
        for child in verb.children:
            if child.dep_ != "prep" or child.lower_ not in _CAUSE_PREPS:
                continue
            for obj in (o for o in child.children if o.dep_ == "pobj"):
                if _cause(obj):
                    causes.append(obj)
                elif child.lower_ == "by" or (child.lower_ in {"in", "during"} and not _circumstance(obj)):
                    other = True
        for clause in verb.children:
            # "were killed when a mortar round hit a market", "… when their car struck a
            # landmine": the weapon of the clause of when it happened.
            if clause.dep_ == "advcl" and any(c.lower_ in _WHEN for c in clause.children):
                causes.extend(c for c in clause.children if c.dep_ in {"nsubj", "dobj"} and _cause(c))
    return causes, other


def _circumstance(tok: Token) -> bool:
    """ "in central Baghdad", "in the town", "in March": where or when, not a cause."""
    return tok.ent_type_ in {"GPE", "LOC", "FAC", "DATE", "TIME", "NORP"} or tok.lemma_.lower() in (
        _SETTLEMENTS | {"area", "camp", "morning", "evening", "night", "afternoon"}
    )


def _attackers(causes: list[Token], index: EntityIndex) -> list[Entity]:
    """Who the attack nouns name as doing it ("an Israeli airstrike", "clashes between X and
    Y", "a bombing by rebels"), if anyone."""
    found: list[Entity] = []
    for noun in causes:
        named, _, _, _ = _nominal_arguments(noun, index, topic=False)
        found.extend(e for e in named if e not in found)
    return found


def unidentified_actor(entities: list[Entity]) -> Entity:
    """The document's unidentified actor (PLOVER sector UNK): a GROUP entity with no
    mentions, numbered after `entities`; the coder adds it to them only when an event
    names it."""
    number = 1 + max((int(e.id[3:]) for e in entities if e.id[3:].isdigit()), default=0)
    return Entity(
        id=f"ent{number}", name="unidentified actor", type="GROUP", actor=Actor(sector=UNIDENTIFIED)
    )


def _core(tok: Token) -> list[Token]:
    """The tokens of a noun phrase without its modifiers that name other things."""
    out = [tok]
    for child in tok.children:
        if child.dep_ not in _PRUNE:
            out.extend(_core(child))
    return out


def _entities(tokens: list[Token], index: EntityIndex, types: set[str]) -> list[Entity]:
    """Entities named by these phrases ("Kim and Russian Defense Minister Sergei Shoigu"
    → Kim, Shoigu); nationality words only when the phrase names nothing else; the
    possessor when the phrase itself names no one ("China's foreign ministry" → China)."""
    found: list[Entity] = []
    for head in tokens:
        if _in_market(head) or _document_name(head):
            continue  # "Hong Kong investors welcomed the deal": a market, not Hong Kong
        here: list[Entity] = []
        core = sorted(_core(head), key=lambda t: t.i)
        groups = _group_spans(core, index)
        for tok in core:
            entity = index.at(tok)
            if entity is not None and entity.type != "GROUP" and any(a <= tok.idx < b for a, b in groups):
                continue  # "Israeli troops", "Sudanese police": the group, which holds the country
            if entity is not None and entity.type in types and entity not in found + here:
                here.append(entity)
        if here and all(e.type == "GROUP" and e.actor.country is None for e in here):
            # "Warships from Australia, India and the United States": the countries they
            # come from are the actors (joint drills of three), not the unnamed group; so
            # are the countries whose group it is ("the foreign ministers of Kenya and Uganda").
            origins = [
                e
                for child in head.children
                if child.dep_ == "prep" and child.lower_ in {"from", "of"}
                for e in _entities([o for o in child.children if o.dep_ == "pobj"], index, types)
                if e.type in {"GPE", "NORP"}
            ]
            here = origins or here
        if not here:
            for child in head.children:
                if child.dep_ == "poss":
                    here.extend(e for e in _entities([child], index, types) if e not in found + here)
        if not here and (
            (head.pos_ == "NOUN" and (head.lower_ in group_heads() or head.lemma_ in _NAMED_BODIES))
            or head.lower_ in title_nouns()  # "The Minister for Interior, Amina Odhiambo"
        ):
            # "the newspaper Mwanga Leo", "the rebel group M23": the name in apposition
            # (an organisation or person; "the capital Kabul" is a place).
            for e in _in_apposition(head, index, types):
                if e.type in {"ORG", "PERSON"} and e not in found + here:
                    here.append(e)
        if here and head.pos_ == "NOUN" and all(e.type == "NORP" for e in here):
            # "the opposition candidate, Amina Odhiambo, promised": the person in apposition,
            # not the party or nation that only describes the noun.
            people = [e for e in _in_apposition(head, index, types) if e.type == "PERSON" and e not in found]
            here = people or here
        if (
            not here
            and (
                head.dep_ in {"nsubj", "nsubjpass", "pobj"}
                or (head.dep_ in {"dobj", "ROOT"} and head.lower_ in _GROUP_OF)
            )
            and head.pos_ in {"NOUN", "PROPN"}
            and head.lemma_.lower() not in _KIN
            and not _cause(head)  # "killed by a rocket in Idlib": a weapon comes from no one there
            and head.lemma_.lower() not in _sites()  # "his homes in Manhattan": a place
        ):
            # "Opposition groups in Zimbabwe", "thousands of Nigerians", "supporters of X":
            # a group named by where or whom it comes from.
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in {"of", "from", "in"}:
                    objs = [o for o in child.children if o.dep_ == "pobj"]
                    here.extend(
                        e
                        for e in _entities(objs, index, types)
                        if e not in found + here and (e.type != "GROUP" or head.lower_ in _GROUP_OF)
                    )
        # A nationality word counts only where its phrase names nothing else; each
        # coordinated phrase on its own ("Israeli police and Palestinian worshippers").
        own = index.at(head)
        if own is not None and own.type == "PERSON" and own in here:
            # "U.N. envoy Amina Odhiambo", "Kenyan Defence Secretary Paul Ochieng": one
            # person, whose title's organisation or country is no second actor
            here = [e for e in here if e.type == "PERSON"]
        # "U.S. and Ugandan negotiators": nationality words coordinated with a name are
        # sides of their own.
        sides = {id(index.at(t)) for m in core if _coordinated(m, here, index) for t in (m, m.head)}
        named = [e for e in here if e.type != "NORP" or id(e) in sides]
        covered = own is not None and own in found  # named with a conjunct
        found.extend(e for e in (named if named or covered else here) if e not in found)
    return found


def _in_apposition(head: Token, index: EntityIndex, types: set[str]) -> list[Entity]:
    """The entities a proper name in apposition after `head` names ("the newspaper Mwanga
    Leo", "the opposition candidate, Amina Odhiambo")."""
    return [
        e
        for child in head.children
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > head.i
        for e in _entities([child], index, types)
    ]


@cache
def _sites() -> frozenset[str]:
    """Dwellings and one-word facility nouns ("home", "office", "checkpoint", "camp"):
    what is "in" a place there is no group from it."""
    return frozenset(_DWELLINGS | {w for w in facility_nouns() if " " not in w})


# Buildings people live or work in (with the facility nouns, _sites).
_DWELLINGS = {"home", "house", "residence", "apartment", "flat", "office", "building", "property", "estate"}
# Last words of the names of laws and documents: "the Hong Kong Human Rights and Democracy
# Act would impose sanctions" is the law's content, and a law is no actor.
_DOCUMENT_NAMES = {
    "act",
    "bill",
    "law",
    "treaty",
    "accord",
    "convention",
    "resolution",
    "protocol",
    "charter",
}


def _document_name(head: Token) -> bool:
    return head.pos_ == "PROPN" and head.lower_ in _DOCUMENT_NAMES


def _coordinated(tok: Token, entities: list[Entity], index: EntityIndex) -> bool:
    """A nationality modifier coordinated with a country or nationality modifier that
    names one of `entities` ("U.S. and Russian" negotiators)."""
    if tok.dep_ != "conj" or tok.head.dep_ not in {"amod", "nmod", "compound"}:
        return False
    this, other = index.at(tok), index.at(tok.head)
    return (
        this is not None
        and this.type == "NORP"
        and other is not None
        and other in entities
        and other.type in {"GPE", "NORP"}
        and this is not other
    )


def _group_spans(tokens: list[Token], index: EntityIndex) -> list[tuple[int, int]]:
    """Character spans of the unnamed-group mentions these tokens fall in."""
    spans = []
    for tok in tokens:
        entity = index.at(tok)
        if entity is not None and entity.type == "GROUP":
            spans += [(m.start, m.end) for m in entity.mentions if m.start <= tok.idx < m.end]
    return spans


def _passive(verb: Token) -> bool:
    return any(c.dep_ in _PASSIVE for c in verb.children) or _reduced_passive(verb)


def _downed(verb: Token) -> bool:
    """ "US helicopter shot down in Logar": "shoot down" and "gun down" always take an object,
    so with a subject and none the headline is a passive, whatever tag the parser gave."""
    children = list(verb.children)
    return (
        verb.lemma_.lower() in {"shoot", "gun"}
        and verb.tag_ in {"VBD", "VBN"}
        and any(c.lower_ == "down" for c in children)
        and any(c.dep_ == "nsubj" for c in children)
        and not any(c.dep_ == "dobj" for c in children)
    )


# Verbs of events done by their subject that have no passive: "Students protested in
# Dhaka" tagged as a participle is still the students' protest.
_INTRANSITIVE = {"protest", "demonstrate", "rally", "march", "riot", "clash", "mutiny", "rebel", "picket"}


def _reduced_passive(verb: Token) -> bool:
    """A headline's passive without its auxiliary ("100 protesters killed in unrest",
    "Three soldiers killed in ambush"): a past participle with a subject and no auxiliary
    heading its own clause; the subject underwent it."""
    if any(c.dep_ in {"aux", "auxpass"} for c in verb.children) or verb.lemma_.lower() in _INTRANSITIVE:
        return False  # "Students protested in Dhaka", tagged as a participle: no passive
    if _downed(verb):
        return True
    if verb.tag_ != "VBN" or any(c.dep_ == "dobj" for c in verb.children):
        # a direct object makes it active: a past tense the tagger read as a participle
        # ("Bashir shortened by one hour the curfew")
        return False
    if verb.dep_ == "acl":
        # "Five activists arrested in Kampala" parsed as one noun phrase
        return verb.head.dep_ == "ROOT" and verb.head.pos_ in {"NOUN", "PROPN"}
    return verb.dep_ in {"ROOT", "conj", "parataxis"} and any(c.dep_ == "nsubj" for c in verb.children)


def _subject(verb: Token) -> tuple[list[Token], list[Token], bool]:
    """(agents, patients, own) — own is False when the subject was inherited."""
    agents: list[Token] = []
    patients: list[Token] = []
    reduced = _reduced_passive(verb)
    by_agent = verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)
    if (reduced or by_agent) and verb.dep_ == "acl":
        # "Five activists arrested in Kampala", "aid workers kidnapped by gunmen": the
        # noun a passive participle modifies underwent it.
        patients.extend(_expand(verb.head))
    for child in verb.children:
        if child.dep_ == "nsubj" and reduced:
            patients.extend(_expand(child))
        elif child.dep_ == "nsubj":
            agents.extend(_expand(child))
        elif child.dep_ == "nsubjpass":
            patients.extend(_expand(child))
        elif child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    agents.extend(_expand(obj))
    # "a statement by the ministry condemned …", "a resolution adopted by the Council
    # demands …": a document says what its author says.
    agents = [t for a in agents for t in (_authors(a) or [a])]
    # "NAIROBI – Several thousand teachers marched …", parsed with the dateline as the
    # subject and the teachers in apposition: the dateline names where, not who.
    agents = [t for a in agents for t in (_after_dateline(a) if _dateline(a) else [a])]
    if agents and all(a.lower_ in PRONOUNS or _own_group(a) for a in agents):
        # "Syria says it will withdraw", "Israel said its troops killed …": the pronoun is
        # the speaker of the governing verb.
        agents = _speaker(verb) or agents
    own = any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    # "After talks in Nairobi, the government …": the opening phrase read as the clause
    # of a subordinator, with "talks" as the main verb's subject.
    opened = verb.dep_ == "ROOT" and any(c.dep_ == "mark" and c.i == c.sent.start for c in verb.children)
    stranded = _stranded_subject(verb) if opened or not (own or agents) else None
    if stranded is not None:
        # "With the accord signed, Kenya and Uganda agreed …" parsed with the subject
        # coordinated to the opening phrase's last noun: it is the verb's own subject.
        agents, patients = ([], _expand(stranded)) if _passive(verb) else (_expand(stranded), [])
        own = True
    if (
        not own
        and not agents
        and verb.dep_ == "acl"
        and (verb.tag_ == "VBG" or verb.lemma_.lower() in _INTRANSITIVE)
        and verb.head.pos_ == "NOUN"
        and (verb.head.lower_ in group_heads() or verb.head.lower_ in _GROUP_OF)
    ):
        # "demonstrators protesting the election results", "troops attacking the town",
        # "Thousands of students protested …" parsed as a noun phrase: the unnamed group a
        # present participle (or a verb with no passive) modifies does it. (Not a named
        # actor's participle: in a long sentence it is more often a side remark.)
        agents = _expand(verb.head)
    if not own and verb.dep_ in {"acl", "xcomp"} and verb.head.lemma_.lower() in _WILLINGNESS:
        # "Kenya expressed its readiness to send troops": the holder of the willingness
        inherited, _, _ = _subject(verb.head.head) if verb.head.head.i != verb.head.i else ([], [], False)
        return agents + inherited, patients, False
    if not own and verb.dep_ == "acl" and verb.head.lemma_.lower() in _DOCUMENTS and verb.head.dep_ == "dobj":
        # "issued a statement condemning …": who issued the statement says it; not who
        # vetoed, rejected or blocked it ("Russia vetoed a resolution condemning the coup").
        issuer = verb.head.head
        found = _trigger(issuer)
        refused = issuer.lemma_.lower() in _NOT_ISSUING or (found is not None and found[0].type == "REJECT")
        if refused or _negated(issuer):
            return agents, patients, False
        inherited, _, _ = _subject(issuer)
        return agents + inherited, patients, False
    if own or verb.dep_ not in {"xcomp", "advcl", "conj"} or verb.head.i == verb.i:
        return agents, patients, own
    # "visited X to inspect Y", "is expected to visit", "arrived and was welcomed by",
    # "is willing to withdraw": the missing subject is the governing verb's (its object
    # for "urged X to …").
    head = verb.head
    if head.dep_ == "acomp" and head.head.i != head.i:
        head = head.head
    objects = [c for c in head.children if c.dep_ == "dobj"] if verb.dep_ == "xcomp" else []
    inherited = [t for c in objects for t in _expand(c)]
    if not inherited:
        inherited, _, _ = _subject(head)
        inherited = inherited or [
            t for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} for t in _expand(c)
        ]
    if _passive(verb):
        return agents, patients + inherited, False
    return agents + inherited, patients, False


# The dashes that end a dateline ("NAIROBI – …").
_DASHES = {"-", "–", "—", "--"}


def _dateline(tok: Token) -> bool:
    """A proper name opening a line or a sentence and followed by a dash ("Kisumu – Several
    thousand students …", "NEW YORK — …"): the story's dateline."""
    doc = tok.doc
    following = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    start = tok.left_edge.i
    opens = start == tok.sent.start or (
        start > 0 and "\n" in doc[start - 1].text + doc[start - 1].whitespace_
    )
    return tok.pos_ == "PROPN" and opens and following is not None and following.text in _DASHES


def _after_dateline(tok: Token) -> list[Token]:
    """What the parser hung on a dateline in apposition: the true subject."""
    return [t for c in tok.children if c.dep_ == "appos" for t in _expand(c)]


# What may stand between a subject and its verb: "Kenya has not yet agreed".
_BEFORE_VERB = {"aux", "auxpass", "neg", "advmod"}


def _stranded_subject(verb: Token) -> Token | None:
    """The subject of a sentence's main verb that the parser attached to the opening
    phrase ("After talks in Nairobi, the government and the rebels agreed …", with "the
    government" in apposition to Nairobi): a main verb with no subject of its own, and
    right before it (and its auxiliaries) a noun phrase that begins after a comma and is
    coordinated or in apposition to a noun before that comma. None when there is none."""
    if verb.dep_ != "ROOT" or verb.tag_ not in _FINITE_OR_PERFECT:
        return None
    start = verb.i
    before = {c.i for c in verb.lefts if c.dep_ in _BEFORE_VERB}
    while start - 1 in before:
        start -= 1
    if start < 2:
        return None
    doc = verb.doc
    node = doc[start - 1]
    while node.head.i != node.i and node.right_edge.i == start - 1:
        if (
            node.dep_ in {"conj", "appos"}
            and node.pos_ in {"NOUN", "PROPN"}
            and node.left_edge.i > 0
            and doc[node.left_edge.i - 1].text == ","
            and node.head.i < node.left_edge.i
        ):
            return node
        node = node.head
    return None


# Verbs by which a document is kept from being issued ("blocked a statement condemning …").
_NOT_ISSUING = {"veto", "block", "reject", "oppose", "scuttle", "withdraw", "delay", "stall", "water"}


def _authors(tok: Token) -> list[Token]:
    """The authors a document noun names through "by", directly or through a participle
    ("a statement by X", "a resolution adopted by X"); none for other nouns."""
    if tok.lemma_.lower() not in _DOCUMENTS:
        return []
    heads = [tok, *(c for c in tok.children if c.dep_ == "acl")]
    return [
        t
        for head in heads
        for c in head.children
        if (c.dep_ == "prep" and c.lower_ == "by") or c.dep_ == "agent"
        for o in c.children
        if o.dep_ == "pobj"
        for t in _expand(o)
    ]


def _own_group(tok: Token) -> bool:
    """ "its troops", "their fighters": a group noun whose possessor is a pronoun."""
    return tok.lower_ in group_heads() and any(
        c.dep_ == "poss" and c.lower_ in _POSSESSIVES for c in tok.children
    )


def _speaker(verb: Token) -> list[Token]:
    """The non-pronoun subject of the verb this clause is the complement of, if any."""
    node = verb
    for _ in range(3):
        if node.dep_ not in {"ccomp", "xcomp", "acomp"} or node.head.i == node.i:
            return []
        node = node.head
        subjects = [c for c in node.children if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS]
        if subjects:
            return [t for c in subjects for t in _expand(c)]
    return []


def _recipient_preps(tok: Token, trig: Trigger) -> list[Token]:
    """Objects of with/to/against/… on the trigger and, one level down, on its object
    ("imposed sanctions on Belarus", "fired a barrage of rockets at Israel"), and on what
    an object that is a part or a measure is of ("suspended part of its aid program for
    Bosnia")."""
    preps = set(RECIPIENT_PREPS) | ({"at", "into"} if QUAD[trig.type] == 4 else set())
    objects = [c for c in tok.children if c.dep_ in {"dobj", "attr"}]
    parts = [o for c in objects if c.lemma_.lower() in _PARTS for o in _of_objects(c)]
    opening = [c for c in tok.children if c.dep_ == "prep" and c.i == c.sent.start]
    return [
        t
        for head in (tok, *objects, *parts)
        for t in _prep_objects(head, preps)
        # "With the accord signed in Arusha, Kenya agreed …", "On Monday, Uganda …": a
        # phrase opening the sentence sets the scene; it names no one the event is done to.
        if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in opening)
    ]


def _arguments(
    trigger: Token, trig: Trigger, index: EntityIndex, nobody: Entity | None
) -> tuple[list[Entity], list[Entity], str | None, bool]:
    if trigger.pos_ != "VERB" or _gerund(trigger):
        # Force and coercion are done to whom their "of" names ("the shelling of Kharkiv");
        # so are expulsions and releases ("the expulsion of two diplomats").
        done_to = trig.type in {"COERCE", "ASSAULT"} or trig.mode in {"expel", "release"}
        return _nominal_arguments(
            trigger, index, done_to=done_to, kept=done_to and trig.mode in {"arrest", "deport"}
        )
    agent_toks, patient_toks, own = _subject(trigger)
    if trigger.lemma_.lower() in _DYING:
        # "three soldiers died in an attack": whoever dies undergoes it
        agent_toks, patient_toks = [], patient_toks + agent_toks
    actors = _entities(agent_toks, index, ACTOR_TYPES)
    recipients = _entities(patient_toks, index, ACTOR_TYPES)
    place: str | None = None
    for child in trigger.children:
        if child.dep_ in {"dobj", "dative"}:
            # "froze the assets of five Ugandan businessmen": whose they are receives it.
            owners = [o for c in _expand(child) for o in _of_objects(c)] if trig.type in _TAKING else []
            for entity in _entities(_expand(child) + owners, index, ACTOR_TYPES | PLACE_TYPES):
                if entity.type in {"FAC", "LOC"} or (
                    entity.type == "GPE" and entity.actor.sector != "GOV" and not entity.kb_id
                ):
                    place = place or entity.id
                elif (
                    entity.type == "GROUP"
                    and (trig.type in _MOVES_OBJECT or trigger.lemma_.lower() in _REMOVING)
                    and "served" not in trig.flags  # "trained Kenyan police officers"
                ):
                    continue  # "deployed troops", "withdrew its inspectors": what is moved, not to whom
                elif entity not in actors:
                    recipients.append(entity)
        elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS and place is None:
            found = _entities([o for o in child.children if o.dep_ == "pobj"], index, PLACE_TYPES)
            if found and not (child.lower_ == "at" and QUAD[trig.type] == 4):
                place = found[0].id
        elif child.dep_ in {"ccomp", "xcomp"} and "permit" in trig.flags:
            # "allowed Ouattara to run": whom the permission is given to is the subject
            # of what is permitted.
            subjects = [t for c in child.children if c.dep_ == "nsubj" for t in _expand(c)]
            recipients.extend(e for e in _entities(subjects, index, ACTOR_TYPES) if e not in actors)
    recipients.extend(
        e
        for e in _entities(_recipient_preps(trigger, trig), index, ACTOR_TYPES)
        if e not in actors + recipients
    )
    if not recipients and trig.type in ABOUT_ANOTHER:
        # "offered to negotiate with Armenia", "threatened to attack Goma": the event's
        # content names whom it is about.
        for content in (c for c in trigger.children if c.dep_ == "xcomp"):
            toks = _recipient_preps(content, trig) + [c for c in content.children if c.dep_ == "dobj"]
            recipients.extend(e for e in _entities(toks, index, ACTOR_TYPES) if e not in actors + recipients)
    if not recipients and trig.type in {"ACCUSE", "REQUEST"}:
        # "alleged that Greece violated its airspace": the accused is the content's subject;
        # "demanded that Uganda open the border": so is whom the demand is made of.
        for content in (c for c in trigger.children if c.dep_ == "ccomp" and not _question(c)):
            toks = [t for c in content.children if c.dep_ in {"nsubj", "nsubjpass"} for t in _expand(c)]
            recipients.extend(e for e in _entities(toks, index, ACTOR_TYPES) if e not in actors + recipients)
    if not actors and trig.type == "MOBILIZE" and trigger.dep_ == "acl" and trigger.tag_ == "VBN":
        # "Russian troops stationed in Belarus", "NATO forces deployed in Kosovo": the
        # forces a participle says were sent are the mobilisation's actor (whose they are).
        actors = [e for e in _entities(_expand(trigger.head), index, ACTOR_TYPES) if e not in recipients]
    if not actors and trig.type == "SANCTION" and _passive(trigger):
        # "Nigeria was suspended from the Commonwealth", "three diplomats were expelled
        # from Kenya": the body or country one is suspended or expelled from did it.
        bodies = _entities(_prep_objects(trigger, {"from"}), index, {"ORG", "GPE"})
        patients = _entities(patient_toks, index, ACTOR_TYPES)
        actors = [e for e in bodies if e not in patients]
        recipients = [e for e in recipients if e not in actors]
    if place is None:
        place = _place_below(trigger, index)
    investigated = trig.type == "ACCUSE" and trig.mode == "investigate" and _passive(trigger)
    unattributed = trig.type in UNATTRIBUTED_TYPES or investigated  # "was put under investigation"
    if not actors and unattributed and _victims(trigger, patient_toks, recipients, index):
        actors, own = _unattributed(trigger, agent_toks, index, nobody), False
    if "stative" in trig.flags and not actors and _stative(trigger):
        # "Kenya is committed to opening its economy": the committed one commits.
        if trigger.dep_ == "acomp":  # "Kenya is committed to …" parsed with "is" as head
            patient_toks = _subject(trigger.head)[0]
        actors = _entities(patient_toks, index, ACTOR_TYPES)
        recipients = [e for e in recipients if e not in actors]
    if "reciprocal" in trig.flags:
        # "X met Y": PLOVER codes every participant of a meeting as an actor.
        actors, recipients = actors + [r for r in recipients if r not in actors], []
    elif "host" in trig.flags and trig.alternative("object") and not recipients:
        pass  # "welcomed the decision": typed by its object in _type
    elif "host" in trig.flags:
        # "X hosted Y": the visitor is the actor and the host the recipient (manual, CONSULT).
        # A host without named guests, or hosting a group of people ("hosting 600,000
        # Sudanese refugees", as NORP or unnamed GROUP), is no visit.
        guests = [r for r in recipients if r.type not in {"NORP", "GROUP"}]
        actors, recipients = (guests, actors) if guests else ([], [])
    return actors, recipients, place, own


def _gerund(tok: Token) -> bool:
    """A verb form used as a noun: "Fighting between rival militias killed 50 people"
    (a subject or an object with no subject or object of its own)."""
    return (
        tok.tag_ == "VBG"
        and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}
        and not any(c.dep_ in {"nsubj", "dobj", "nsubjpass"} for c in tok.children)
    )


def _stative(verb: Token) -> bool:
    """A participle of state: "is committed to", as a passive or as the complement of "is"."""
    return _passive(verb) or (verb.dep_ == "acomp" and verb.tag_ == "VBN")


def _victims(verb: Token, patients: list[Token], recipients: list[Entity], index: EntityIndex) -> bool:
    """Whether the clause names whom the violence or coercion was done to: a person, group
    or organisation, or a place that is itself the object ("Kyiv was shelled") or its
    nationality ("a US national was detained"), not a place
    reached through the object's locative ("the police station in Goma was attacked")."""
    objects = patients + [c for c in verb.children if c.dep_ == "dobj"]
    # "a US national was detained": a country compounded with the object is its nationality
    objects += [c for t in objects for c in t.children if c.dep_ == "compound"]
    direct = {found.id for t in objects if (found := index.at(t)) is not None}
    return any(r.type not in PLACE_TYPES or r.id in direct for r in recipients)


def _unattributed(
    verb: Token, agents: list[Token], index: EntityIndex, nobody: Entity | None
) -> list[Entity]:
    """The actors of violence or coercion whose clause names no doer that is an entity:
    whoever its attack noun names ("were killed in an Israeli airstrike" → Israel), else
    the unidentified actor when the clause says it was an attack and names no other doer
    or cause ("a roadside bomb killed …", "were shot", but not "were killed in a crash")."""
    causes, other = _causes(verb, agents)
    attackers = _attackers(causes, index)
    if attackers:
        return attackers
    if nobody is None or other or not (causes or (_passive(verb) and verb.lemma_.lower() not in _HARM_ONLY)):
        return []
    return [nobody]


def _nominal_arguments(
    noun: Token, index: EntityIndex, topic: bool = True, done_to: bool = False, kept: bool = False
) -> tuple[list[Entity], list[Entity], str | None, bool]:
    """ "the summit between X and Y", "trilateral military drills between A, B and C":
    participants are all actors (PLOVER's reciprocal convention). With `topic`, a noun
    named only by premodifiers that is the object or subject of another trigger is that
    event's topic and gets no actors. With `done_to` (force and coercion), "of" names
    whom it is done to ("the arrest of two journalists", "the shelling of Kharkiv"); with
    `kept` (arrests, detentions, deportations), so does the possessor ("Assange's arrest")."""
    actors: list[Entity] = []
    partners: list[Entity] = []  # named by "with"
    recipients: list[Entity] = []
    place: str | None = None
    children = list(noun.children)
    happening = noun.head
    intransitive = not any(c.dep_ == "dobj" for c in happening.children)
    if noun.dep_ == "nsubj" and happening.pos_ == "VERB" and intransitive:
        # "fighting erupted between X and Y", "talks resumed between X and Y": the
        # participants and place of an event that happens are given on the verb of its
        # happening ("the deployment … arrived in Mali").
        children += [
            c for c in happening.children if c.dep_ == "prep" and c.lower_ in _PARTICIPANT_PREPS | PLACE_PREPS
        ]
    for child in children:
        if child.dep_ != "prep":
            continue
        toks = [t for o in child.children if o.dep_ == "pobj" for t in _expand(o)]
        if done_to and child.lower_ == "of":
            recipients.extend(e for e in _entities(toks, index, ACTOR_TYPES) if e not in recipients)
            # "the bombing of rebel positions by Ethiopian jets", with "by" parsed as a
            # modifier of the positions: who did it.
            doers = _entities(_prep_objects_of(toks, {"by"}), index, ACTOR_TYPES)
            actors.extend(e for e in doers if e not in actors + recipients)
        elif child.lower_ in {"between", "among", "of", "by", "with"}:
            joining = [e for e in _entities(toks, index, ACTOR_TYPES) if e not in actors]
            actors.extend(joining)
            if child.lower_ == "with":
                partners.extend(joining)
            if child.lower_ == "of" and not _entities(toks, index, ACTOR_TYPES):
                # "a suspension of air links with Serbia": the other side of what is
                # suspended is the recipient.
                inner = _prep_objects_of(toks, {"with", "to", "against", "on"})
                recipients.extend(e for e in _entities(inner, index, ACTOR_TYPES) if e not in recipients)
        elif child.lower_ in {"on", "against"}:
            recipients.extend(e for e in _entities(toks, index, ACTOR_TYPES) if e not in recipients)
        elif child.lower_ in PLACE_PREPS:
            found = _entities([o for o in child.children if o.dep_ == "pobj"], index, PLACE_TYPES)
            place = place or (found[0].id if found else None)
    own = True
    if kept:
        # "Assange's arrest", "the journalist's detention": the possessor is held.
        held = [t for child in noun.lefts if child.dep_ == "poss" for t in child.subtree]
        recipients.extend(e for e in _entities(held, index, ACTOR_TYPES) if e not in recipients)
    if not actors:
        # "the North Korea-Russia summit": the participants premodify the noun.
        lefts = [
            t
            for child in noun.lefts
            if child.dep_ in {"compound", "nmod", "amod", "poss"} and not (kept and child.dep_ == "poss")
            for t in child.subtree
        ]
        actors = _entities(lefts, index, ACTOR_TYPES)
        if (
            topic
            and actors
            and noun.dep_ in {"dobj", "nsubj", "nsubjpass"}
            and _trigger(noun.head) is not None
        ):
            # "condemned the Israeli strike": a back-reference named only by its
            # premodifiers, the topic of another event, is not a new event.
            return [], [], place, own
    carrier = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _MEASURES:
        carrier = noun.head.head  # "launched 10 days of war games": the days carry the games
    if actors == partners and carrier.dep_ == "dobj" and _is_light(carrier.head):
        # "X began naval drills", "Y staged a rally": the light verb's subject acts; whom
        # the verb gives or addresses it to receives it ("gave Iraq an ultimatum",
        # "issued a warning to Iran").
        # "resume talks with Israel": the partners of "with" take part too.
        agent_toks, _, own = _subject(carrier.head)
        actors = _entities(agent_toks, index, ACTOR_TYPES)
        actors += [e for e in partners if e not in actors]
        given = [c for c in carrier.head.children if c.dep_ == "dative"]
        given += _prep_objects(carrier.head, {"to", "against"})
        given += _prep_objects(carrier, {"to"})  # "issued a warning to Uganda", on the noun
        recipients.extend(e for e in _entities(given, index, ACTOR_TYPES) if e not in actors + recipients)
    if (
        not actors
        and carrier.dep_ == "pobj"
        and carrier.head.lower_ in {"for", "on"}
        and carrier.head.head.lemma_.lower() in _GOING
        and not any(c.dep_ == "dobj" for c in carrier.head.head.children)
    ):
        # "negotiators returned to Geneva for talks", "teachers went on strike": those who
        # went hold them ("left the subsidies for later talks" is no going).
        agent_toks, _, own = _subject(carrier.head.head)
        actors = _entities(agent_toks, index, ACTOR_TYPES)
    if not actors and any(c.dep_ == "poss" and c.lower_ in _POSSESSIVES for c in noun.children):
        # "during his visit to Beijing, Putin …", "Israel said its offensive …": the
        # possessive pronoun stands for the subject of the clause the noun is in.
        clause = _clause_verb(noun)
        if clause is not None:
            agent_toks, _, _ = _subject(clause)
            named = [t for t in agent_toks if t.lower_ not in PRONOUNS]
            actors = _entities(named, index, ACTOR_TYPES)
            own = False
    willing = _ready_for(noun)
    if willing is not None:
        # "Iran is ready for talks with the US", "Kenya is open to negotiations with the
        # rebels": whoever is ready acts (AGREE, see _willing); the others are recipients.
        agent_toks, patient_toks, own = _subject(willing)
        ready = _entities(agent_toks or patient_toks, index, ACTOR_TYPES)  # "is committed to"
        if ready:
            recipients = [e for e in actors + recipients if e not in ready]
            actors = ready
    if (
        not actors
        and carrier.dep_ == "pobj"
        and carrier.head.lower_ == "in"
        and carrier.lemma_.lower() == "protest"
        and carrier.head.head.pos_ == "VERB"
    ):
        # "walked out of parliament in protest", "took to the streets in protest against
        # …": whoever did what was done in protest protests.
        agent_toks, _, own = _subject(carrier.head.head)
        actors = _entities(agent_toks, index, ACTOR_TYPES)
    if (
        not actors
        and carrier.dep_ == "pobj"
        and carrier.head.lower_ == "on"
        and carrier.lemma_.lower() == "alert"
    ):
        # "India put its army on high alert", "troops were placed on alert", "the army is
        # on full alert": whoever puts the forces on alert, else the forces.
        putting = carrier.head.head
        agent_toks, patient_toks, own = _subject(putting)
        put = [c for c in putting.children if c.dep_ == "dobj"]
        forces = put or patient_toks or agent_toks
        if any(group_nouns().get(t.lower_) in _ARMED for t in forces):  # not "hospitals are on alert"
            actors = _entities(agent_toks if put else forces, index, ACTOR_TYPES)
    claimant = _claimed(carrier)
    if claimant is not None and not actors and done_to:
        # "Hamas claimed responsibility for the bombing": whoever claims force or
        # coercion did it ("took responsibility for the talks" claims no deed).
        agent_toks, _, own = _subject(claimant)
        actors = _entities(agent_toks, index, ACTOR_TYPES)
    verb = _joined(carrier)
    if verb is not None:
        # "Iran took part in the talks with Iraq", "workers joined the strike", "Kenya
        # attended the summit": whoever takes part is a participant too.
        agent_toks, _, own = _subject(verb)
        actors = [e for e in _entities(agent_toks, index, ACTOR_TYPES) if e not in actors] + actors
    return actors, [r for r in recipients if r not in actors], place, own


def _clause_verb(tok: Token) -> Token | None:
    """The nearest verb above a token whose subject the token is not part of ("Israel said
    its offensive would continue" → said)."""
    node = tok
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and not any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.left_edge.i <= tok.i <= c.right_edge.i
            for c in node.children
        ):
            return node
    return None


# Prepositions of a verb of happening that name its subject event's participants.
_PARTICIPANT_PREPS = {"between", "among"}


# Verbs whose subject takes part in the event their object (or "in" phrase) names.
_JOINING = {"attend", "join"}
_PARTAKING = {"participate", "engage", "partake"}


_CLAIMING = {"claim", "accept", "take", "admit", "acknowledge", "assume"}


def _claimed(noun: Token) -> Token | None:
    """The verb by which someone claims this nominal event as their own deed, if any:
    "claimed (took, accepted) responsibility for the bombing"."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return None
    owed = noun.head.head
    if owed.lemma_.lower() not in {"responsibility", "credit"} or owed.dep_ != "dobj":
        return None
    verb = owed.head
    if verb.lemma_.lower() not in _CLAIMING or _negated(verb):
        return None  # "Israel has not claimed responsibility for the attack"
    return verb


def _joined(noun: Token) -> Token | None:
    """The verb by which someone takes part in this nominal event, if any: "attended the
    summit", "joined the strike", "participated / engaged / took part in the talks"."""
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in _JOINING:
        return head
    if noun.dep_ != "pobj" or head.lower_ != "in" or head.head.i == head.i:
        return None
    verb = head.head
    lemma = verb.lemma_.lower()
    if lemma in _PARTAKING:
        return verb
    if verb.lower_ == "part" and verb.head.lemma_.lower() == "take":
        return verb.head  # "took part in", parsed with the "in" on "part"
    if lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children):
        return verb
    return None


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


def _no_object(tok: Token) -> bool:
    """ "offered no help", "no talks were held": the object (or passive subject) is "no" …"""
    return any(
        c.dep_ in {"dobj", "nsubjpass"} and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        for c in tok.children
    )


def _states_none(tok: Token) -> bool:
    """ "Kenya offers no solution of its own": a simple present with a "no" object says how
    things stand, which is commentary, not an event (a refusal is "has offered no …")."""
    return (
        tok.tag_ in {"VBZ", "VBP"}
        and _no_object(tok)
        and not any(c.dep_ in {"aux", "auxpass"} for c in tok.children)
    )


def _negated(tok: Token) -> bool:
    children = list(tok.children)
    return (
        any(c.dep_ == "neg" for c in children)
        or _no_object(tok)
        or (tok.head.lemma_.lower() in {"refuse", "deny", "fail"} and tok.dep_ == "xcomp")
        or _called_off(tok)
        or _refused_to_join(tok)
    )


def _refused_to_join(noun: Token) -> bool:
    """A nominal event someone refuses or fails to take part in ("refused to take part in
    the negotiations", "did not attend the summit"): not held by them."""
    if noun.pos_ == "VERB":
        return False
    verb = _joined(noun)
    return verb is not None and _negated(verb)


# Nouns whose infinitive is striven for, not done: "efforts to get Uganda to investigate".
_ATTEMPTS = {"effort", "attempt", "bid", "push", "drive", "campaign", "pressure", "plan", "plot"}


def _attempted(verb: Token) -> bool:
    """A verb inside the infinitive of an attempt ("efforts to get Uganda to investigate
    Biden", "a bid to topple the government"), reached through its clausal heads."""
    tok = verb
    for _ in range(3):
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return False  # infinitives only: "efforts to establish whether X withheld aid"
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in _ATTEMPTS:
            return True
        if tok.dep_ not in {"xcomp", "ccomp"} or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _prospect(trigger: Token) -> bool:
    """A nominal event held out as a prospect ("hope for the success of peace
    negotiations", "would pave the way for direct talks"), or an act that is only
    attempted ("efforts to get Uganda to investigate"): not held, not yet planned."""
    if trigger.pos_ == "VERB":
        return _attempted(trigger)
    tok = trigger
    for _ in range(2):  # "hope for talks", "hope for the success of talks"
        if tok.dep_ != "pobj" or tok.head.head.i == tok.head.i:
            return False
        holder = tok.head.head
        if holder.pos_ == "VERB":
            # "gave hope for …", the preposition parsed as the verb's: the verb's object
            return any(c.dep_ == "dobj" and c.lemma_.lower() in _PROSPECTS for c in holder.children)
        if holder.lemma_.lower() in _PROSPECTS:
            return True
        tok = holder
    return False


_HESITATING = {"hesitate", "waver"}
_WISHING = {"like", "love", "want", "hope", "wish", "prefer"}


def _wished(trigger: Token) -> bool:
    """ "would like to see Uganda agree to …", "wants to see Iran return": a wish that
    someone else do it."""
    seeing = trigger.head
    return (
        trigger.dep_ in {"ccomp", "xcomp"}
        and seeing.lemma_.lower() == "see"
        and seeing.dep_ == "xcomp"
        and seeing.head.lemma_.lower() in _WISHING
    )


def _modality(trigger: Token, negation: bool = True) -> str:
    """negated > hypothetical > future > asserted, from the trigger's clause (and, for an
    infinitive or a nominal event, the verb governing it). "would" in a clause reported
    by a speech verb, with no "if", is the future of the past ("said it would …")."""
    chain = [trigger]
    ready = _ready_for(trigger)
    if ready is not None:
        chain = [trigger, ready]  # "is not ready for talks": the adjective's clause
    elif trigger.dep_ == "xcomp" or trigger.pos_ != "VERB" or _promise_of(trigger):
        chain.append(trigger.head)
    if _prospect(trigger) or _wished(trigger) or _inverted_condition(trigger):
        return "hypothetical"
    if trigger.pos_ != "VERB" and any(c.dep_ == "det" and c.lower_ == "any" for c in trigger.children):
        return "hypothetical"  # "any attack on Kenya would be met with force"
    for tok in chain:
        # "would not hesitate to use force": a negated hesitation is a resolve
        litotes = tok.i != trigger.i and tok.lemma_.lower() in _HESITATING
        if negation and _negated(tok) and not litotes:
            return "negated"
        children = list(tok.children)
        auxes = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
        conditional = any(
            c.dep_ == "mark" and c.lower_ in {"if", "unless"}
            for child in children
            for c in [child, *child.children]
        )
        reported_would = (
            auxes & HYPOTHETICAL == {"would"}
            and tok.dep_ == "ccomp"
            and tok.head.lemma_.lower() in speech_verbs()
        )
        wanted = "to" in auxes and any(c.dep_ == "mark" and c.lower_ == "for" for c in children)
        forecast = tok.i != trigger.i and _forecast(trigger)
        asked = _asked_whether(tok)
        if (auxes & HYPOTHETICAL and not reported_would) or conditional or wanted or forecast or asked:
            # "pressure for Kampala to allow aid": what someone wants done, not done.
            return "hypothetical"
        is_ready = ready is not None and tok.i == ready.i
        ahead = tok.i != trigger.i and (tok.lemma_.lower() in _AHEAD or is_ready)
        if auxes & FUTURE or reported_would or ahead:
            return "future"
    return "asserted"


def _inverted_condition(verb: Token) -> bool:
    """A condition made by inversion ("should Uganda not accede to the rebels' terms", "were
    Uganda to attack", "had Kenya known"): "should", "were" or "had" before the subject."""
    children = list(verb.children)
    subjects = [c.i for c in children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ in {"should", "were", "had"} and c.i < min(subjects)
        for c in children
    )


def _asked_whether(tok: Token) -> bool:
    """A clause of "whether" ("whether Kenya will agree to reopen the border", "unclear
    whether Uganda attacked"): a question, neither asserted nor anyone's announcement."""
    clause = tok.head if tok.dep_ == "xcomp" else tok
    return any(c.dep_ == "mark" and c.lower_ == "whether" for c in (*tok.children, *clause.children))


# Nouns of force that are no trigger of their own: "military action", "the use of force".
_FORCE = {"force", "action", "option", "intervention", "retaliation", "reprisal"}


# Nouns of paying back, and the adjectives that make a "response" one.
_RETALIATION = {"retaliation", "reprisal", "reprisals", "revenge", "retribution", "countermeasure"} | {
    "countermeasures"
}
_FORCEFUL = {"proportionate", "firm", "strong", "tough", "harsh", "decisive", "swift", "forceful"} | {
    "robust",
    "military",
    "crushing",
    "resolute",
}


def _promised_retaliation(verb: Token) -> bool:
    """A promise (vow, pledge, promise, swear) of retaliation or of a forceful response,
    named anywhere in what follows the verb ("promising what it described as a
    proportionate response", "vowed a swift and firm response"): a threat (CAMEO 13)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in PROMISES:
        return False
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.pos_ != "NOUN":
            continue
        word = tok.lemma_.lower()
        forceful = any(c.dep_ in {"amod", "conj"} and c.lower_ in _FORCEFUL for c in tok.subtree)
        if word in _RETALIATION or (word == "response" and forceful):
            return True
    return False


# Weapons and craft that unnamed groups name ("helicopter gunships"): no political side.
_MATERIEL = {"warplane", "warplanes", "warship", "warships", "gunboats", "gunships", "artillery", "tanks"} | {
    "bombers"
}


def _materiel(actor: Entity) -> bool:
    """An unnamed group of weapons or craft ("helicopter gunships", "strategic bombers")."""
    return actor.type == "GROUP" and actor.name.split()[-1].lower() in _MATERIEL


def _force_kept_open(verb: Token) -> bool:
    """ "rule out" whose object is force or conflict: "would not rule out military action",
    "did not rule out sanctions" (said with a negation, it keeps them open)."""
    if verb.lemma_.lower() != "rule" or not any(c.lower_ == "out" for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for obj in objects + [o for c in objects for o in _of_objects(c)]:  # "the use of force"
        found = _trigger(obj)
        if obj.lemma_.lower() in _FORCE or (found is not None and QUAD[found[0].type] >= 3):
            return True
    return False


def _absorbed(tok: Token, triggers: dict[int, tuple[Trigger, Token | None]]) -> bool:
    """True when this trigger is part of an event another trigger already codes:
    the second word of a phrase ("held talks"), the complement of a trigger verb
    ("agreed to meet", "summoned … to protest", "met … to discuss", "attacked …, killing"),
    or a nominal event in a phrase of a trigger verb ("travel … for talks with")."""
    if any(second is not None and second.i == tok.i for _, second in triggers.values()):
        return True
    head = tok.head
    if head.i == tok.i:
        return False
    if tok.pos_ == "VERB" and tok.dep_ in {"xcomp", "advcl"} and head.i in triggers:
        return not _promised_conflict(head, triggers)
    if tok.dep_ in {"ccomp", "acl"} and head.i in triggers and triggers[head.i][0].type in ABOUT_ANOTHER:
        return True
    if tok.dep_ == "dobj" and head.i in triggers and _halting(tok, triggers[tok.i][0]) is not None:
        return True  # "suspended talks with Iran": the suspension, not the talks
    if tok.pos_ == "VERB":
        return False
    # A nominal event from here on.
    governing = triggers[head.i][0] if head.i in triggers else None
    if tok.dep_ == "dobj" and governing is not None:
        if governing.type == triggers[tok.i][0].type:
            return True  # "delivered food aid to Uganda": one aid event, the verb's
        if "reciprocal" in governing.flags:
            return True  # "discussed the investigation with Ugandan officials": the talks' topic
        if governing.type in _UNDONE:
            # "offered talks", "proposed a ceasefire", "rejected a truce": not yet held; but
            # what an authority orders ("ordered patrols") is the event.
            return "command" not in governing.flags
    if _proposed(tok, triggers):
        return True
    out = head.head if head.dep_ == "prep" and head.head.lower_ == "out" else None
    if out is not None and out.head.i in triggers:
        return True  # "pulled out of the talks": the pulling out is the event
    return head.dep_ == "prep" and head.head.i in triggers and head.head.pos_ == "VERB"


def _talks_left(verb: Token) -> Token | None:
    """The talks (a nominal CONSULT, COOPERATE or AID event, or a peace process) that a
    verb of withdrawing leaves: "withdrew from the talks", "pulled out of the negotiations"."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"from", "of"}]
    outs = [c for c in verb.children if c.lower_ == "out"]
    preps += [p for c in outs for p in c.children if p.dep_ == "prep" and p.lower_ == "of"]
    for obj in (o for p in preps for o in p.children if o.dep_ == "pobj"):
        found = _trigger(obj)
        if (found is not None and found[0].type in _HALTABLE) or obj.lemma_.lower() == "process":
            return obj
    return None


# Nouns whose "for", "of" or "to" is what is asked, offered or planned, not yet held: "a
# request for a meeting", "an invitation to talks", "a proposal for a summit".
_PROPOSALS = {"request", "call", "appeal", "demand", "proposal", "offer", "invitation", "plan", "plea"} | {
    "suggestion",
    "idea",
    "initiative",
    "bid",
}


def _proposed(noun: Token, triggers: dict[int, tuple[Trigger, Token | None]]) -> bool:
    """A nominal event that is what a request, offer, invitation or plan is for ("turned
    down a request for a meeting with the Kenyan president"): its content, not held."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in {"for", "of", "to"} or prep.head.i == prep.i:
        return False
    holder = prep.head
    governing = triggers.get(holder.i)
    return holder.pos_ == "NOUN" and (
        holder.lemma_.lower() in _PROPOSALS or (governing is not None and governing[0].type in _UNDONE)
    )


# Verbs whose object event did not take place (for the subject): it was avoided, only
# feared, or stayed away from ("boycotted talks with the government").
_AVERTED = {"avoid", "avert", "fear", "risk", "escape", "evade", "boycott", "shun", "snub", "skip"} | {
    "postpone",  # "Kenya postponed the summit with Uganda": not (yet) held
    "delay",
    "defer",
}


def _averted(tok: Token) -> bool:
    """A nominal event that is the object of avoid, avert, fear, risk, escape, evade,
    boycott, shun, snub, skip, postpone, delay or defer ("to avoid criticism", "feared a
    crackdown", "boycotted the talks", "postponed the summit"): it has not happened, or
    not with the subject."""
    return tok.pos_ != "VERB" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _AVERTED


# Verbs that close an investigation or a charge their object names.
_DROPPED = {"drop", "close", "shelve", "dismiss", "withdraw"}


def _dropped(tok: Token, trig: Trigger) -> bool:
    """An accusation or inquiry that is dropped, closed or shelved ("Sweden dropped its
    investigation", "prosecutors withdrew the charges"): the news is its end, not it."""
    return (
        trig.type == "ACCUSE"
        and tok.pos_ != "VERB"
        and tok.dep_ == "dobj"
        and tok.head.lemma_.lower() in _DROPPED
    )


def _names_a_group(tok: Token, index: EntityIndex) -> bool:
    """ "riot police", "strike committee members": a trigger word inside an unnamed group's
    name describes the group; it is not an event."""
    found = index.at(tok)
    return found is not None and found.type == "GROUP"


def _generic(tok: Token, actors: list[Entity]) -> bool:
    """An unnamed group in the simple present states a habit or a rule ("Police use tear
    gas at such rallies"), not an event; so does a present perfect that says how often it
    has happened, with no time of its own ("Herders and farmers have clashed repeatedly";
    a past "soldiers routinely beat detainees" reports the acts). A named actor's present
    ("Seoul says") is left to the other rules."""
    if not all(a.type == "GROUP" for a in actors) or tok.pos_ != "VERB":
        return False
    children = list(tok.children)
    perfect = tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in children)
    often = any(c.dep_ == "advmod" and c.lower_ in _FREQUENTLY for c in children)
    phrases = [c for c in children if c.dep_ in {"prep", "npadvmod"}]
    dated = any(t.ent_type_ in {"DATE", "TIME"} for c in phrases for t in c.subtree)
    if perfect and often and not dated:
        return True
    return tok.tag_ in {"VBP", "VBZ"} and not any(c.dep_ in {"aux", "auxpass"} for c in children)


# Adverbs of how often: a verb with one states a pattern, not an event.
_FREQUENTLY = {"repeatedly", "often", "frequently", "regularly", "routinely", "usually", "occasionally"} | {
    "sometimes",
    "periodically",
    "constantly",
    "habitually",
}


@cache
def party_words() -> frozenset[str]:
    return frozenset(lines("party_words.txt"))


def _politician(actor: Entity) -> bool:
    """A party, a legislature or a party's side ("Republican", "Senate Democrats")."""
    if actor.actor.sector in {"PTY", "LEG"}:
        return True
    return actor.type == "NORP" and actor.actor.country is None and actor.name.lower() in party_words()


def _states_only(actors: list[Entity]) -> bool:
    return all(a.type in {"GPE", "NORP"} or a.actor.sector in {"GOV", "MIL"} for a in actors)


def _official(actor: Entity) -> bool:
    """A country, a government body or an international organisation: who protests by
    diplomatic note, not in the street."""
    return (
        (actor.type == "GPE" and (actor.kb_id or "").startswith("iso3166:"))
        or actor.actor.sector == "GOV"
        or _igo(actor)
    )


def _igo(entity: Entity) -> bool:
    """An international organisation (knowledge-base id "igo:…")."""
    return (entity.kb_id or "").startswith("igo:")


def _figure(tok: Token) -> bool:
    """An event noun whose compound is a market figure ("economic data meeting lowered
    forecasts", a verb the tagger read as a noun): no event."""
    return tok.pos_ != "VERB" and _market_compound(tok)


def _has_agent(verb: Token) -> bool:
    return any(c.dep_ == "agent" for c in verb.children)


def _self_threat(tok: Token, actors: list[Entity], index: EntityIndex) -> bool:
    """A warning is a threat only when it is about the actor's own action ("warned that it
    would retaliate"), not a forecast about something else ("warned that a transfer would
    violate …")."""
    for child in tok.children:
        if child.dep_ == "ccomp":
            found = _trigger(child)
            if found is not None and QUAD[found[0].type] == 4 and _passive(child) and not _has_agent(child):
                continue  # "warned that protesters would be shot": by the warner, unnamed
            coming = any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL | FUTURE for c in child.children)
            if any(c.dep_ == "expl" for c in child.children) and not coming:
                # "warned that there is no chance of a deal": a state of things ("that
                # there would be consequences" is a threat)
                return False
            subjects = [c for c in child.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects and not any(
                s.pos_ == "PRON" or any(e in actors for e in _entities([s], index, ACTOR_TYPES))
                for s in subjects
            ):
                return False
    return True


def _type(
    trig: Trigger,
    actors: list[Entity],
    recipients: list[Entity],
    modality: str,
    own_word: bool,
    sides: int | None = None,
) -> str:
    """The PLOVER type after the manual's conventions; `own_word` is True when the clause is
    the actor's own statement (not a third party's report or forecast)."""
    kind = trig.type
    by_object = trig.alternative("object")
    if by_object and not recipients:
        kind = by_object  # "welcomed the decision": support, not a visit
    untargeted = trig.alternative("untargeted")
    if untargeted and not recipients:
        # Missiles fired at no one named are a weapons test: a show of force (CAMEO 15).
        kind = untargeted
    joint = trig.alternative("joint")
    if joint and (len(actors) if sides is None else sides) >= 2:
        # Joint exercises are COOPERATE; one country's are MOBILIZE (manual, MOBILIZE).
        kind = joint
    verbal = trig.alternative("verbal")
    if verbal and actors and all(_politician(a) for a in actors):
        kind = verbal  # "Republicans attacked the president": criticism (manual, ACCUSE)
    state = trig.alternative("state")
    if state and actors and _states_only(actors):
        kind = state  # states do not go on strike: "the Israeli strike" is an attack
    if modality == "future" or (modality == "hypothetical" and own_word):
        # An actor's own conditional offer ("said it would meet them if …") is an
        # agreement, as its own announcement is.
        kind = FUTURE_TYPE.get(kind, kind)
    if modality in {"future", "hypothetical"} and own_word and kind in THREAT_TYPES:
        kind = "THREATEN"
    return kind


_AIMS = {"at", "on", "into", "against", "toward", "towards"}
_OPEN_WATER = {"sea", "ocean", "water", "waters"}


def _aimed(tok: Token) -> bool:
    """Whether a firing names what it was aimed at, on the verb or on its object, if not
    whom ("fired rockets at homes", "into northern Israel"); not a time or the open sea
    ("fired two missiles on Monday", "into the sea": a test)."""
    heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    return any(
        o.dep_ == "pobj" and o.ent_type_ not in {"DATE", "TIME"} and o.lemma_.lower() not in _OPEN_WATER
        for head in heads
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in _AIMS
        for o in c.children
    )


def _halts_talks(tok: Token) -> bool:
    """ "suspended the talks in Jeddah", "pulled out of the talks in Arusha": the place of
    halted talks is their venue, which receives nothing."""
    return _talks_left(tok) is not None or any(
        c.dep_ == "dobj" and (found := _trigger(c)) is not None and found[0].type == "CONSULT"
        for c in tok.children
    )


def _sides(tok: Token, actors: list[Entity], entities: list[Entity]) -> int:
    """How many parties the actors are: one per country (Kenya and "Kenyan troops" are one
    side); an actor of no known country is a side of its own, but unnamed groups of no
    country are one side together ("patrols by police and paramilitary soldiers": one
    state's forces); and an unnamed group counts once for each country named inside its
    words in the trigger's sentence ("Kenyan and Ugandan warships" are two sides of joint
    drills)."""
    sent = tok.sent
    spans = [
        (m.start, m.end)
        for actor in actors
        if actor.type == "GROUP"
        for m in actor.mentions
        if sent.start_char <= m.start < sent.end_char
    ]
    extra = 0
    for start, end in spans:
        countries = {
            e.actor.country
            for e in entities
            if e.type != "GROUP" and e.actor.country
            for n in e.mentions
            if start <= n.start and n.end <= end
        }
        extra += max(0, len(countries) - 1)
    parties = {a.actor.country or ("unnamed group" if a.type == "GROUP" else a.id) for a in actors}
    return len(parties) + extra


def _ultimatum(tok: Token) -> bool:
    """ "will withdraw its force unless …": an action made to hang on the other side's
    compliance is a threat (CAMEO 13)."""
    return any(c.dep_ == "mark" and c.lower_ == "unless" for child in tok.children for c in child.children)


def _promised_conflict(tok: Token, triggers: dict[int, tuple[Trigger, Token | None]]) -> bool:
    """ "vowed to fight": a promise whose content is material conflict, coded once, as the
    threat its content makes (the content clause is coded, not the promise)."""
    return tok.lemma_.lower() in PROMISES and any(
        _infinitive(c) and c.i in triggers and triggers[c.i][0].type in THREAT_TYPES for c in tok.children
    )


def _infinitive(tok: Token) -> bool:
    """A complement or purpose clause in the infinitive ("vowed to fight", and "have
    sworn to fight", which the small model parses as a clause of purpose)."""
    return tok.dep_ == "xcomp" or (
        tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def _promise_of(tok: Token) -> bool:
    """The trigger is what a verb of promising promises ("vowed to fight")."""
    return _infinitive(tok) and tok.head.i != tok.i and tok.head.lemma_.lower() in PROMISES


def _forecast(tok: Token) -> bool:
    """ "Xi is likely to deploy troops", "is unlikely to agree": the writer's forecast of
    the trigger, not an event and not the actor's own word."""
    return tok.dep_ == "xcomp" and tok.head.i != tok.i and tok.head.lower_ in _LIKELY


def _willing(tok: Token) -> bool:
    """ "is willing to withdraw", "is ready to send": the trigger is what its actor says
    it is willing to do."""
    head = tok.head
    if _ready_for(tok) is not None:
        return True  # "is ready for talks", "is open to negotiations"
    if tok.dep_ == "dobj" and tok.pos_ != "VERB" and _is_light(head):
        return _willing(head)  # "is ready to resume talks": the light verb's willingness
    if tok.dep_ in {"acl", "xcomp"} and tok.pos_ == "VERB" and head.lemma_.lower() in _WILLINGNESS:
        return True  # "expressed willingness to negotiate"
    return tok.dep_ == "xcomp" and head.i != tok.i and head.dep_ == "acomp" and head.lower_ in WILLING


def _willing_subject(tok: Token) -> list[Token]:
    """The subject of the "is willing / ready" a willing trigger depends on, if any."""
    node = tok
    if node.dep_ == "dobj" and node.pos_ != "VERB" and _is_light(node.head):
        node = node.head
    if node.head.lemma_.lower() in _WILLINGNESS and node.head.head.i != node.head.i:
        agents, _, _ = _subject(node.head.head)  # "Kenya expressed willingness to …"
        return agents
    if node.dep_ != "xcomp" or node.head.dep_ != "acomp":
        return []
    agents, patients, _ = _subject(node.head.head)
    return agents or patients


def _prepared(tok: Token) -> Token | None:
    """The verb "prepare" of which the trigger is what its actor prepares to do or prepares
    for ("prepared to resume shelling", "is preparing for an offensive"), directly or
    through a light verb; None when there is none."""
    node = tok
    if node.dep_ in {"dobj", "xcomp"} and node.head.i != node.i and _is_light(node.head):
        node = node.head  # "resume shelling", "resume the offensive"
    if node.dep_ == "pobj" and node.head.lower_ == "for":
        node = node.head  # "for an offensive"
        return node.head if node.head.lemma_.lower() == "prepare" else None
    if node.dep_ == "xcomp" and node.head.i != node.i and node.head.lemma_.lower() == "prepare":
        return node.head
    return None


def _ready_for(noun: Token) -> Token | None:
    """The clause verb of "is ready / willing / prepared / eager / open to / for" or "is
    committed to" that a nominal event is the object of ("ready for talks"), else None."""
    if noun.pos_ == "VERB" or noun.dep_ != "pobj" or noun.head.lower_ not in {"for", "to"}:
        return None
    word = noun.head.head
    if word.pos_ == "ADJ" and word.dep_ == "acomp" and word.lower_ in WILLING | {"open"}:
        return word.head
    if word.pos_ == "VERB" and word.lower_ == "committed" and _passive(word):
        return word
    return None


# Nouns of the press ("ordered the newspaper Mwanga Leo to close"): restricting them is censorship.
_PRESS = {"newspaper", "paper", "magazine", "radio", "broadcaster", "channel", "station", "website", "outlet"}
# Verbs of ceasing: what an authority orders someone to do when it restricts them.
_STOPPING = {"suspend", "stop", "halt", "close", "cease", "shut", "end", "disband"}


def _ordered_to_stop(tok: Token) -> bool:
    """ "ordered the newspaper to suspend publication", "ordered X to halt its rallies"."""
    return any(c.dep_ in {"xcomp", "ccomp"} and c.lemma_.lower() in _STOPPING for c in tok.children)


def _civilians(entity: Entity) -> bool:
    """A people or an unnamed group of civilians or refugees ("West Africans", "refugees")."""
    return entity.type == "NORP" or (entity.type == "GROUP" and entity.actor.sector in {"CVL", "REF"})


def _peacekeeping(tok: Token) -> bool:
    """Whether what a mobilisation sends are peacekeepers: its object, its "of" object, the
    subject of its passive or the noun its participle modifies ("deployed peacekeeping
    troops", "the deployment of UN peacekeepers", "peacekeepers stationed in Cyprus")."""
    moved = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}] + _of_objects(tok)
    if tok.dep_ == "acl":
        moved.append(tok.head)
    return any(t.lower_.startswith("peacekeep") for m in moved for t in m.subtree)


def _grants(actors: list[Entity]) -> bool:
    """Whether the actors can grant a permission that is a concession: states and their
    authorities ("the court allowed", "Uzbekistan allowed"), not a car platform's
    flexibility "allowing Volkswagen to tinker"."""
    return all(a.type == "GPE" or a.actor.sector in _AUTHORITIES for a in actors)


def _political(entity: Entity, political_here: bool, conflict: bool = True) -> bool:
    """Whether an entity can be a political actor in PLOVER's sense: a state, a
    nationality, an unnamed group (police, rebels, protesters), an international
    organisation, a person or organisation whose sector is a political one (government,
    military, courts, parties, rebels, unions, churches, NGOs …), or — in a paragraph
    where a named person or organisation holds such an office, or an international
    organisation is named — a person or organisation whose role the text does not say. A
    company, a product, or a person named with no role in a paragraph where no one holds
    office ("a retailer is offering …", "the striker hit the keeper") is not. Without `conflict`
    (cooperation), an unnamed group of a trade or profession (doctors, journalists,
    students, business people) is not either: "doctors offering to run a clinic" is a
    service, "doctors went on strike" a protest."""
    if entity.type == "GROUP" and entity.actor.sector in _NON_POLITICAL and not conflict:
        return False
    if entity.type in {"GPE", "NORP", "GROUP"} or _holds_office(entity):
        return True
    return political_here and entity.actor.sector is None and entity.type in {"PERSON", "ORG"}


def _town_of(entity: Entity, actors: list[Entity]) -> bool:
    """A town or city that is only where a company or a private person acts ("American
    Airlines offered to fly the cat to Portland"): in cooperation, no political participant
    by itself (an attack on a city by anyone still is)."""
    return (
        entity not in actors
        and entity.type == "GPE"
        and not (entity.kb_id or "").startswith("iso3166:")
        and all(a.type in {"ORG", "PERSON"} and not _holds_office(a) for a in actors)
    )


def _office_paragraphs(entities: list[Entity], text: str) -> list[tuple[int, int]]:
    """The paragraphs (character spans) that name someone holding office: where a person
    or organisation of unstated role may be a political actor. A story's politics do not
    reach its paragraphs about a company's deal or a player's move."""
    starts = [m.start for e in entities if e.type != "GROUP" and _holds_office(e) for m in e.mentions]
    return [
        (p.start(), p.end())
        for p in re.finditer(r"[^\n]+", text)
        if any(p.start() <= s < p.end() for s in starts)
    ]


def _holds_office(entity: Entity) -> bool:
    """An international organisation, or a person, organisation or group of a political
    sector (not business, media or education)."""
    if _igo(entity):
        return True
    sector = entity.actor.sector
    return sector is not None and sector not in _NON_POLITICAL and sector != UNIDENTIFIED


# What declining to speak declines: "declined to comment" is no rejection ("refused to
# discuss" still is: a refusal to negotiate).
_SPEAKING = {
    "comment",
    "say",
    "address",
    "discuss",
    "elaborate",
    "confirm",
    "specify",
    "disclose",
    "answer",
    "respond",
    "reply",
    "speak",
    "name",
    "identify",
}


def _no_act(tok: Token, trig: Trigger, recipients: list[Entity]) -> bool:
    """Trigger verbs used for something else: "pleaded guilty" (a plea in court),
    "declined to comment" (silence), a bare "asked" that names neither whom nor what
    ("Aderholt asked again"), a question ("when asked about the fight"), a measure ("hit a
    maximum of 44 dBa", "the index declined 0.3%"), a prospect ("deals promise to be
    better"), a demonstration that shows something ("as demonstrated by his departure"),
    a question asked of no one named ("demanded how the funds had been spent") and
    commentary in the present ("Kenya offers no solution of its own", `_states_none`)."""
    if tok.pos_ != "VERB":
        return False
    if _states_none(tok):
        return True
    children = list(tok.children)
    plea = {"guilty", "innocent"}
    following = [t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 3]]  # "pleaded (not) guilty Monday"
    if trig.type == "REQUEST" and (any(c.lower_ in plea for c in children) or plea & set(following)):
        return True
    if any(c.dep_ in {"dobj", "npadvmod", "attr"} and _quantity(c) for c in children):
        return True
    lemma = tok.lemma_.lower()
    if lemma == "ask" and any(c.dep_ == "prep" and c.lower_ == "about" for c in children):
        return True
    if lemma in {"recognize", "recognise"} and any(c.dep_ == "ccomp" for c in children):
        return True  # "recognize that the deal is poor": seeing a fact, not recognising a state
    if lemma == "promise" and any(c.dep_ == "xcomp" and c.lemma_ == "be" for c in children):
        return True
    if lemma == "demonstrate" and (
        _passive(tok) or any(c.dep_ in {"dobj", "ccomp", "agent"} for c in children)
    ):
        return True
    if lemma == "decline" and any(c.dep_ == "xcomp" and c.lemma_.lower() in _SPEAKING for c in children):
        return True
    return (
        trig.type == "REQUEST"
        and not recipients
        and not any(
            c.dep_ in {"dobj", "xcomp", "ccomp", "prep", "dative", "nsubjpass", "advcl"} and not _question(c)
            for c in children
        )
    )


_WH = {"how", "what", "why", "whether", "when", "where", "who", "whom", "which", "if"}


def _question(clause: Token) -> bool:
    """A complement clause that is a question ("demanded how the funds had been spent", "'What
    is the plan?' he asked"): asking it requests nothing of anyone named."""
    return clause.dep_ == "ccomp" and (
        clause.left_edge.lower_ in _WH
        or any(t.lower_ in _WH and t.dep_ in {"advmod", "attr", "dobj", "mark"} for t in clause.children)
        or any(t.text == "?" for t in clause.subtree)
    )


def _own_forces(actors: list[Entity], recipients: list[Entity]) -> bool:
    """Every recipient is an armed force of no other country than the actors' ("ordered
    troops to the border", "ordered the army to strike"): what the force then does is
    the event, coded where it is told."""
    countries = {a.actor.country for a in actors}
    return bool(recipients) and all(
        r.actor.sector in _ARMED
        and (r.actor.country is None or r.actor.country in countries or None in countries)
        for r in recipients
    )


# Nouns of measure: an object that is one makes "hit", "decline" or "reach" a figure.
_MEASURE_NOUNS = {"%", "percent", "point", "maximum", "minimum", "record", "high", "low", "level", "peak"}


def _quantity(tok: Token) -> bool:
    """A number or a measure ("0.3%", "a maximum of 44 dBa", "a record high"); a sum of
    money is a thing given ("pledged $500 million in aid")."""
    if tok.ent_type_ == "MONEY":
        return False
    return tok.like_num or tok.pos_ == "NUM" or tok.lemma_.lower() in _MEASURE_NOUNS


def _gone_on(tok: Token) -> bool:
    """An event noun that someone goes on ("went on strike", "go on a hunger strike")."""
    return (
        tok.pos_ != "VERB"
        and tok.dep_ == "pobj"
        and tok.head.lower_ == "on"
        and tok.head.head.lemma_.lower() in _GOING
    )


_SCORE = re.compile(r"(?<![\d.,])\d{1,3} ?[-–] ?\d{1,3}(?![\d.,])")


# A results line: "Senators 4, Red Wings 3: … Ottawa held on to beat Detroit."
_RESULT = re.compile(r"^\W*[A-Z][\w.'’ -]{0,40}? \d{1,3}, [A-Z][\w.'’ -]{0,40}? \d{1,3}:")


def _scored(tok: Token) -> bool:
    """A game's score in the trigger's phrase ("beat Buffalo 4-1", "rallied to win 6-4") or
    a results line heading its sentence ("Blue Jackets 5, Canadiens 2: … Columbus beat
    Montreal")."""
    phrase = tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text
    return bool(_SCORE.search(phrase) or _RESULT.search(tok.sent.text))


# What makes "beat" a beating: "beat him up", "beat them with batons", "beaten to death".
_BEATING = {"up", "with", "to", "unconscious", "badly", "severely", "brutally", "savagely"}


def _contest(tok: Token, actors: list[Entity], recipients: list[Entity]) -> bool:
    """ "Russia beat Croatia", "Democrats beat Gov. Bevin": one named side beating another
    is a game or an election. Police, troops or a mob (groups, not names) beating someone,
    or anything that marks a beating, is an assault."""
    if tok.lemma_.lower() != "beat" or _passive(tok) or not recipients:
        return False
    if any(c.lower_ in _BEATING for c in tok.children):
        return False
    return all(e.type != "GROUP" for e in actors + recipients)  # the unidentified actor is one too


def _foreign_forces(actors: list[Entity], recipients: list[Entity]) -> bool:
    """Whether the recipients are all armed forces of another country than the actors'."""
    homes = {a.actor.country for a in actors}
    return bool(recipients) and all(
        r.actor.sector == "MIL" and r.actor.country is not None and r.actor.country not in homes
        for r in recipients
    )


def _takes_ground(tok: Token, index: EntityIndex) -> bool:
    """ "retook a strategic village", "captured Bakhmut": what is taken is a place."""
    for child in tok.children:
        if child.dep_ != "dobj":
            continue
        found = index.at(child)
        if child.lemma_.lower() in _TERRITORY or (found is not None and found.type in PLACE_TYPES):
            return True
    return False


def _governor(tok: Token) -> Token:
    """The verb a token's phrase belongs to (the token itself when it is a verb)."""
    steps = 0
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i and steps < 8:
        tok, steps = tok.head, steps + 1
    return tok


def _other_clause(verb: Token, clause: Token) -> bool:
    """A verb heading a clause with a subject of its own that neither is nor contains the
    event's clause."""
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    contains = verb.left_edge.i <= clause.i <= verb.right_edge.i
    return verb.pos_ in {"VERB", "AUX"} and own_subject and verb.i != clause.i and not contains


def _date(trigger: Token, times: list[TimeExpression], article: Article) -> EventDate:
    """The clause's own time expression (one governed by the trigger's verb), else the
    nearest one in the sentence, else the publication date, flagged by `basis`."""
    doc, sent = trigger.doc, trigger.sent
    clause = _governor(trigger)
    in_sentence = [t for t in times if sent.start_char <= t.start < sent.end_char and t.value]
    own, free = [], []
    for t in in_sentence:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        governor = _governor(span.root) if span is not None else None
        if governor is not None and governor.i in {clause.i, trigger.i}:
            own.append(t)
        # "a 2016 arbitral ruling": a time that dates a noun is not the event's time; nor
        # does one in another clause with its own subject that does not contain the event
        # ("adopted at a meeting …, after ambassadors reached an agreement on May 24").
        dates_noun = span is not None and span.root.dep_ in {"compound", "nummod", "amod", "nmod", "poss"}
        elsewhere = governor is not None and _other_clause(governor, clause)
        if not (dates_noun or elsewhere):
            free.append(t)
    for basis, pool in (("clause", own), ("sentence", free)):
        if pool:
            best = min(pool, key=lambda t: abs(t.start - trigger.idx))
            return EventDate(value=best.value, granularity=best.granularity, text=best.text, basis=basis)  # type: ignore[arg-type]
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


def _reported_by(tok: Token, actors: list[Entity], index: EntityIndex) -> list[str]:
    source = source_of(tok, index)
    if source is None or (source.entity is not None and source.entity in actors and source.verb.i == tok.i):
        return []
    return [source.entity.id if source.entity else source.text]


def _demand(tok: Token, actors: list[Entity], index: EntityIndex) -> list[Entity] | None:
    """The speaker of "X said (that) Y must …", when X is a named entity other than Y."""
    if not any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children):
        return None
    source = source_of(tok, index)
    if source is None or source.entity is None or source.entity in actors or source.cue == "according to":
        return None
    return [source.entity]


def _later(date: EventDate, article: Article) -> bool:
    """The clause's own date falls after publication: the event is announced, not done."""
    published = to_date(article.published)
    if not published or date.basis != "clause" or not date.value:
        return False
    if date.granularity == "day":
        return date.value[:10] > published.isoformat()
    if date.granularity == "month":
        return date.value[:7] > published.isoformat()[:7]
    return False


def _clause_places(trigger: Token, index: EntityIndex) -> list[Entity]:
    """Place entities under a locative preposition in the trigger's own clause, outer
    ones first ("visited the airfield near Vladivostok" → the airfield, Vladivostok)."""
    found: list[Entity] = []
    heads = [trigger]
    if trigger.pos_ != "VERB" and trigger.dep_ == "dobj":
        heads.append(trigger.head)  # "held joint drills at Pohang": the light verb's locative
    stack = [c for h in heads for c in h.children if c.dep_ not in _OTHER_CLAUSE and c.i != trigger.i]
    while stack:
        tok = stack.pop(0)
        if tok.dep_ == "prep" and (
            tok.lower_ in PLACE_PREPS or (tok.lower_ == "of" and tok.head.lemma_ in _SETTLEMENTS)
        ):
            pobjs = [o for o in tok.children if o.dep_ == "pobj"]
            found.extend(e for e in _entities(pobjs, index, PLACE_TYPES) if e not in found)
        stack.extend(c for c in tok.children if not (c.dep_ in _OTHER_CLAUSE and c.pos_ in {"VERB", "AUX"}))
    return found


def _finest_place(
    trigger: Token, chosen: str | None, index: EntityIndex, geocoded: dict[str, Place]
) -> str | None:
    """The finest geocoded place of the clause, within the country of the one first chosen
    ("drills at Pohang in South Korea" → Pohang); the first choice when none is finer."""
    best = geocoded.get(chosen) if chosen else None
    for entity in _clause_places(trigger, index):
        place = geocoded.get(entity.id)
        if place is None:
            continue
        if best is None or (
            _FINENESS[place.precision] > _FINENESS[best.precision]
            and (best.country is None or place.country == best.country)
        ):
            best, chosen = place, entity.id
    return chosen


def code_events(
    doc: Doc,
    article: Article,
    entities: list[Entity],
    times: list[TimeExpression],
    places: list[Place] | None = None,
    unattributed: bool = True,
) -> list[Event]:
    """The events of a document. With `unattributed`, violence and coercion by no one named
    get the unidentified actor, which is then appended to `entities` (the caller's list)."""
    index = EntityIndex(entities)
    geocoded = {p.entity: p for p in places or []}
    nobody = unidentified_actor(entities) if unattributed else None
    offices = _office_paragraphs(entities, text_of(doc))
    sport = _sports_story(text_of(doc))

    candidates = tokens_with(doc, _head_hashes())
    triggers = {tok.i: found for tok in candidates if (found := _trigger(tok)) is not None}
    events: list[Event] = []
    for i, (trig, _second) in triggers.items():
        tok = doc[i]
        if _absorbed(tok, triggers) or _names_a_group(tok, index) or _promised_conflict(tok, triggers):
            continue
        if (
            _averted(tok)
            or _dropped(tok, trig)
            or ("stative" in trig.flags and not _stative(tok))
            or _figure(tok)
        ):
            continue
        actors, recipients, place, own = _arguments(tok, trig, index, nobody)
        if trig.alternative("untargeted") and _aimed(tok):
            trig = trig.without("untargeted")  # "fired rockets at homes in Kismayo": aimed
        if _gone_on(tok):
            # "teachers went on strike": a stoppage whoever strikes, never an air strike.
            trig = trig.without("state")
        halted = _halting(tok, trig)
        if halted is not None:
            # "Kenya cancelled the summit with Uganda": Kenya rejects, Uganda is the recipient.
            # "Uganda stopped military aid to the rebels": whom it went to, on the verb.
            agents, _, own = _subject(tok.head)
            halters = _entities(agents, index, ACTOR_TYPES)
            given = _entities(_prep_objects(tok.head, {"to", "for", "with"}), index, ACTOR_TYPES)
            others = [e for e in actors + recipients if e not in halters]
            actors, recipients = halters, others + [e for e in given if e not in halters + others]
            trig = Trigger(halted, None, trig.contexts)
        left = _talks_left(tok) if trig.type in {"RETREAT", "PROTEST"} and tok.pos_ == "VERB" else None
        if left is not None:
            # "Kenya withdrew from the talks with Uganda": halting negotiations (CAMEO 164),
            # SANCTION; the other parties to the talks are its recipients.
            # A walkout from talks with no one named stays a protest.
            partners, _, venue, _ = _nominal_arguments(left, index, topic=False)
            partners = [e for e in partners if e not in actors + recipients and e.id != venue]
            if partners or trig.type == "RETREAT":
                recipients += partners
                trig = Trigger("SANCTION", "withdraw", ("diplomatic",))
        ground = trig.alternative("territory")
        if ground and _takes_ground(tok, index):
            trig = Trigger(ground, None, trig.contexts)  # "retook a village": fighting
        armed = trig.alternative("armed")
        if armed and _foreign_forces(actors, recipients):
            # "Minsk allowed Russian troops to use its territory": military assistance.
            trig = Trigger(armed, None, ("military",))
        people = trig.alternative("people")
        if people and recipients and all(_civilians(r) for r in recipients):
            # "Benin opened its borders to West Africans expelled from Nigeria": letting
            # people in is asylum (manual, AID), not easing a blockade.
            trig = Trigger(people, None, ("asylum",))
        if trig.type == "MOBILIZE" and _peacekeeping(tok):
            # "deployed peacekeepers to Bosnia": providing peacekeeping is AID (CAMEO 074).
            trig = Trigger("AID", None, ("peacekeeping",))
        recipients = [r for r in recipients if r not in actors]
        if trig.type == "CONSULT":
            # "Kim inspected strategic bombers": what is toured or inspected receives nothing
            recipients = [r for r in recipients if not _materiel(r)]
        if not actors or _generic(tok, actors) or ("permit" in trig.flags and not _grants(actors)):
            continue
        if QUAD[trig.type] == 4 and (_scored(tok) or _contest(tok, actors, recipients)):
            continue  # "Switzerland beat Gibraltar 6-0": a game, not an attack
        if _no_act(tok, trig, recipients):
            continue
        if trig.type == "SUPPORT" and all(_materiel(a) for a in actors):
            continue  # "troops, backed by helicopter gunships, attacked …": firepower, not politics
        if "command" in trig.flags and _own_forces(actors, recipients):
            continue  # "ordered the army to the border": a command, not a request
        political_here = any(start <= tok.idx < end for start, end in offices)
        parties = [e for e in actors + recipients if not (QUAD[trig.type] <= 2 and _town_of(e, actors))]
        if not any(_political(e, political_here, QUAD[trig.type] > 2) for e in parties):
            continue
        if sport and not any(_holds_office(e) for e in parties):
            continue  # a sports story: "Spain beat Russia" is a game, "the club's talks" business
        place = _finest_place(tok, place, index, geocoded)
        if "self" in trig.flags and not _self_threat(tok, actors, index):
            continue
        modality = _modality(tok)
        refused = any(c.dep_ == "neg" for c in tok.children) or (
            tok.dep_ == "xcomp" and tok.head.lemma_.lower() in {"refuse", "fail"}
        )
        if modality == "negated" and trig.type == "AGREE" and refused:
            # "would not accept", "did not agree", "failed to reach agreement": a refusal
            # is a REJECT (manual, REJECT).
            trig = Trigger("REJECT", None, trig.contexts)
            modality = _modality(tok, negation=False)
        if trig.type == "AGREE" and _promised_retaliation(tok):
            # "promising what it described as a proportionate response": a threat.
            trig = Trigger("THREATEN", None, trig.contexts)
        if modality == "negated" and trig.type == "REJECT" and _force_kept_open(tok):
            # "would not rule out military action against Eritrea": force kept open is a
            # threat (manual, THREATEN), not a rejection.
            trig = Trigger("THREATEN", None, trig.contexts)
            modality = _modality(tok, negation=False)
        reported_by = _reported_by(tok, actors, index)
        date = _date(tok, times, article)
        if modality == "asserted" and tok.tag_ not in {"VBD", "VBN"} and _later(date, article):
            modality = "future"
        demanded = _demand(tok, actors, index)
        if demanded is not None:
            # "Russia said Sudan must return the helicopter": the speaker demands it.
            trig = Trigger("REQUEST", None, trig.contexts)
            actors, recipients, reported_by, modality = demanded, actors, [], "asserted"
        promised = _promise_of(tok)
        own_word = (
            not _forecast(tok)
            and not _asked_whether(tok)
            and (promised or not reported_by or any(a.id in reported_by for a in actors))
        )
        sides = _sides(tok, actors, entities)
        kind = _type(trig, actors, recipients, modality, own_word, sides)
        if kind == "REQUEST" and "command" in trig.flags and _ordered_to_stop(tok):
            # "the government ordered the newspaper to suspend publication": an authority's
            # order to cease is a restriction (CAMEO 172, 1721), censorship for the press.
            press = any(r.actor.sector == "JRN" for r in recipients) or any(
                c.dep_ == "dobj" and c.lemma_.lower() in _PRESS for c in tok.children
            )
            mode = "censor" if press else "restrict"
            kind, trig = "COERCE", Trigger("COERCE", mode, trig.contexts)
        # a protest addressed or about something ("protested to Japan over …"), not the
        # headline "Nairobi protests:" nor the noun
        diplomatic = tok.lemma_.lower() == "protest" and (
            (tok.pos_ == "VERB" and any(c.dep_ in {"dobj", "prep"} and c.i > tok.i for c in tok.children))
            or (tok.dep_ == "pobj" and tok.head.lower_ == "in")  # "walked out in protest"
        )
        if kind == "PROTEST" and diplomatic and all(_official(a) for a in actors):
            # "China protested to Japan over the visit", "the delegation walked out in
            # protest": a diplomatic protest is a disapproval (manual, PROTEST: "coded as
            # ACCUSE 'disapprove'").
            kind, trig = "ACCUSE", Trigger("ACCUSE", "disapprove", trig.contexts)
        if _willing(tok) and QUAD[kind] <= 2:
            kind = "AGREE"  # "is willing to withdraw", "is ready to send troops"
            willing = _entities(_willing_subject(tok), index, ACTOR_TYPES)
            if willing and (len(actors) > 1 or not set(map(id, willing)) & set(map(id, actors))):
                # "is ready to resume talks with Israel": the willing side agrees, the
                # other side receives the offer.
                recipients = [e for e in actors + recipients if e not in willing]
                actors = [e for e in actors if e in willing] or willing
        preparing = _prepared(tok) if trig.type == "ASSAULT" else None
        if preparing is not None and kind in {"ASSAULT", "THREATEN"}:
            # "the army prepared to resume shelling", "troops prepared for an offensive":
            # readiness short of the use of force (manual, MOBILIZE; CAMEO 152), which
            # itself happened as the preparing did.
            kind, modality = "MOBILIZE", _modality(preparing)
        if own_word and modality in {"future", "hypothetical"} and _ultimatum(tok):
            kind = "THREATEN"
        # "Requires recipient" (manual) for the coded type; flag `recipient` for triggers
        # that are events only when done to someone ("released a statement" is not).
        needs = kind in NEEDS_RECIPIENT or "recipient" in trig.flags
        if kind in NEEDS_RECIPIENT and not recipients and place is not None and not _halts_talks(tok):
            # "the Red Cross suspended aid deliveries in Baghdad": the country or town where
            # aid arrives or stops receives it, when the actor is a state, a group or an
            # office-holder (not "Kia delivered vehicles to customers in the US").
            where = next((e for e in entities if e.id == place and e.type == "GPE"), None)
            if where is not None and where not in actors and any(_political(a, False) for a in actors):
                recipients = [where]
        if needs and not recipients and not (kind == "COOPERATE" and sides >= 2):
            continue
        if reported_by and modality == "asserted":
            modality = "reported"
        circumstances = (date, place, modality, reported_by)
        events.append(_event(len(events) + 1, tok, kind, trig, actors, recipients, circumstances, own))
    for tok in _unmarked_demands(doc, triggers):
        demanders = _demanded(tok, index)
        if demanders is not None:
            speaker, addressees = demanders
            date = _date(tok, times, article)
            place = _finest_place(tok, None, index, geocoded)
            circumstances = (date, place, "asserted", [])
            demand = Trigger("REQUEST", None, ())
            number = len(events) + 1
            events.append(_event(number, tok, "REQUEST", demand, speaker, addressees, circumstances, False))
    if nobody is not None and any(nobody.id in event.actors for event in events):
        entities.append(nobody)
    return events


def _event(
    number: int,
    tok: Token,
    kind: str,
    trig: Trigger,
    actors: list[Entity],
    recipients: list[Entity],
    circumstances: tuple[EventDate, str | None, str, list[str]],
    own: bool,
) -> Event:
    """The Event record for a coded trigger; `circumstances` is (date, place, modality,
    reported_by)."""
    date, place, modality, reported_by = circumstances
    sent = tok.sent
    return Event(
        id=f"evt{number}",
        type=kind,  # type: ignore[arg-type]
        mode=trig.mode if kind == trig.type else None,
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
        quad_class=QUAD[kind],  # type: ignore[arg-type]
    )


def _unmarked_demands(doc: Doc, triggers: dict[int, tuple[Trigger, Token | None]]) -> list[Token]:
    """Verbs with "must" that no trigger codes ("said the rebels must ensure …"): the
    obligation is the event, whatever the verb (CAMEO 10, demand)."""
    verbs = {m.head.i: m.head for m in tokens_with(doc, _MUST, "lower") if m.dep_ == "aux"}
    return [verbs[i] for i in sorted(verbs) if verbs[i].pos_ in {"VERB", "AUX"} and i not in triggers]


def _demanded(tok: Token, index: EntityIndex) -> tuple[list[Entity], list[Entity]] | None:
    """(speaker, addressees) of "X said Y must …": a named speaker who is not among the
    named subjects Y; None when either is missing."""
    agents, patients, _ = _subject(tok)
    addressees = _entities(agents + patients, index, ACTOR_TYPES)
    speaker = _demand(tok, addressees, index) if addressees else None
    return (speaker, addressees) if speaker else None


@register("events", "events.rules.v4")
def annotate_events(
    doc: Doc,
    article: Article,
    *,
    entities: list[Entity],
    times: list[TimeExpression],
    places: list[Place] | None = None,
    unattributed: bool = True,
    **_: Any,
) -> list[Event]:
    """PLOVER events with actors, recipients, modality, date, place and evidence; unnamed
    groups (GROUP entities) may be actors and recipients, and violence or coercion by no
    one named has the unidentified actor, appended to `entities` when used."""
    return code_events(doc, article, entities, times, places, unattributed)


@register("events", "events.rules.v3")
def annotate_events_named_or_group(doc: Doc, article: Article, **rest: Any) -> list[Event]:
    """The coder before the unidentified actor: every event has a named or group actor."""
    return annotate_events(doc, article, unattributed=False, **rest)


@register("events", "events.rules.v2")
def annotate_events_named(doc: Doc, article: Article, *, entities: list[Entity], **rest: Any) -> list[Event]:
    """The coder before groups: named entities only, unnamed groups ignored."""
    return annotate_events_named_or_group(
        doc, article, entities=[e for e in entities if e.type != "GROUP"], **rest
    )
