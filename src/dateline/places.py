"""Places: toponyms among the entities, resolved against the offline gazetteer.

Each name gets candidates from the bundled facilities table, the countries, the
first-level regions and the GeoNames cities; one is chosen by, in order of weight:
a qualifier right after the name ("Paris, Texas"; "Cambridge, Massachusetts"), a kind
word ("Punjab province"), the countries the rest of the article points to (countries
named, demonyms, other places), and population. Demonyms are never places, and a
capital used for its government ("Tehran condemned", "asked New Delhi") is not one
either. A facility missing from the table falls back to the city it names or is
"in/near" (`precision: city`). Unresolved names are left out.

The model sometimes tags a town as ORG or PERSON ("Lahore", "Khan Younis"); such a
name is taken as a place only when the gazetteer knows it and the sentence uses it as
one ("near Avdiivka", "hit Khan Younis", "Bakhmut and Avdiivka").
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from . import gazetteer as gz
from .attribution import speech_verbs
from .lexicon import lines, rows
from .models import Article, Entity, Place
from .nlp import text_of
from .registry import register

_PLACE_TYPES = {"GPE", "LOC", "FAC"}
_MAYBE_PLACE_TYPES = {"ORG", "PERSON", "NORP", "EVENT", "OTHER"}
_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w.'’-]*\s?){1,4})")
_IN_PLACE = re.compile(r"\s*(?:in|near|at|outside|of|on)\s+(?:the\s+)?")
_NEXT_WORD = re.compile(r"(?: |-)[\w'’]+")
_PREV_WORD = re.compile(r"(?:[A-Z][\w'’]*|al|el|as|ad|ash|ar)[ -]$")
_BIG_CITY = 1_000_000
_PRECISION = {"country": "country", "admin1": "region", "admin2": "region", "region": "region"}


@dataclass(frozen=True)
class Candidate:
    kind: str  # facility kind, "country", "admin1", "admin2", "region" or "city"
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None = None
    geonameid: int | None = None
    population: int = 0
    alias: bool = False  # found by an alternate name only ("Victoria" for Asheville, once)


@cache
def _cues() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for kind, word in (r[:2] for r in rows("place_cues.tsv")):
        found.setdefault(kind, set()).add(word)
    found.setdefault("stance", set()).update(speech_verbs())
    return {k: frozenset(v) for k, v in found.items()}


@cache
def facility_nouns() -> tuple[str, ...]:
    return tuple(sorted(lines("facility_nouns.txt"), key=len, reverse=True))


def _country_candidate(code: str) -> Candidate | None:
    country = gz.countries().get(code)
    if country is None or country.lat is None or country.lon is None:
        return None
    return Candidate("country", country.name, country.lat, country.lon, code, None, country.geonameid, 10**8)


def _city_candidate(city: gz.City, key: str) -> Candidate:
    a3 = gz.alpha2_to_alpha3().get(city.country2)
    admin1 = f"{city.country2}-{city.admin1}" if city.admin1 else None
    alias = gz.norm(city.name) != key
    return Candidate(
        "city", city.name, city.lat, city.lon, a3, admin1, city.geonameid, city.population, alias
    )


def _feature_candidate(feature: gz.Feature) -> Candidate:
    admin1 = feature.admin1 if feature.admin1 and "-" in feature.admin1 else None
    if feature.admin1 and feature.country == "USA" and admin1 is None:
        admin1 = f"US-{feature.admin1}"
    # A region weighs like a large city: "Victoria" the state before Victoria, Seychelles.
    return Candidate(
        feature.kind,
        feature.name,
        feature.lat,
        feature.lon,
        feature.country,
        admin1,
        feature.geonameid,
        10**6,
    )


def _without_noun(name: str) -> tuple[str, str | None]:
    """("Wagah", "crossing") for "Wagah crossing"; the name itself when no facility noun ends it."""
    low = name.casefold()
    for noun in facility_nouns():
        if low.endswith(" " + noun):
            return name[: -len(noun) - 1].strip(), noun
    return name, None


def candidates(name: str, kb_id: str | None = None) -> list[Candidate]:
    """Every gazetteer reading of a name: facility, country, region, city."""
    key = gz.norm(name)
    found: list[Candidate] = []
    facility = gz.facilities().get(key)
    if facility is not None:
        return [_feature_candidate(facility)]
    code = kb_id.split(":", 1)[1] if kb_id and kb_id.startswith("iso3166:") else gz.country_code(name)
    if code:
        country = _country_candidate(code)
        if country is not None:
            found.append(country)
    base = re.sub(r"\s+(?:" + "|".join(_cues()["region"]) + r")$", "", key)
    for feature in gz.regions().get(key, ()) or gz.regions().get(base, ()):
        found.append(_feature_candidate(feature))
    found.extend(_city_candidate(c, key) for c in gz.cities_named(name)[:20])
    if not found:  # "Kaduna State": a subdivision the bundled table lacks
        found.extend(
            _feature_candidate(f) for f in gz.subdivisions().get(key, ()) or gz.subdivisions().get(base, ())
        )
    return found


def _known(name: str) -> bool:
    """A name the gazetteer knows as a facility, region or town."""
    key = gz.norm(name)
    return key in gz.facilities() or key in gz.regions() or bool(gz.cities_named(name))


def _word_ends(text: str, end: int) -> list[int]:
    """Ends of up to four words following `end` within one clause ("-on-Amur", " Amberley")."""
    ends: list[int] = []
    pos = end
    while len(ends) < 4:
        m = _NEXT_WORD.match(text, pos)
        if not m:
            break
        pos = m.end()
        ends.append(pos)
    return ends


def _word_starts(text: str, start: int) -> list[int]:
    """Starts of up to two capitalised words right before `start` ("Porto" Alegre)."""
    starts: list[int] = []
    while len(starts) < 2:
        m = _PREV_WORD.search(text, max(0, start - 30), start)
        if not m:
            break
        start = m.start()
        starts.append(start)
    return starts


def _extension(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The longest known name that reaches past a mention, if any.

    The model cuts names ("Baja" + "California", "RAAF Base" + "Amberley",
    "Komsomolsk" + "-on-Amur"); the gazetteer knows the whole.
    """
    best: tuple[int, int] | None = None
    for s0 in [start, *_word_starts(text, start)]:
        for e0 in [end, *_word_ends(text, end)]:
            if (s0, e0) == (start, end) or (best and e0 - s0 <= best[1] - best[0]):
                continue
            if _known(text[s0:e0]):
                best = (s0, e0)
    return best


def _qualifier(text: str, end: int) -> set[str]:
    """Countries and US states named right after a name: "Paris, Texas" → {"USA", "US-TX"}."""
    m = _QUALIFIER.match(text, end)
    if not m:
        return set()
    found: set[str] = set()
    for cand in candidates(m.group(1).strip()):
        if cand.kind in {"country", "admin1", "admin2", "region"}:
            found.add(cand.country or "")
            if cand.admin1:
                found.add(cand.admin1)
            found.add("region:" + cand.name)
    return found - {""}


def _score(cand: Candidate, qualifiers: set[str], context: Counter[str], kind_hint: str | None) -> float:
    score = math.log10(cand.population + 10) / 2 - (1.5 if cand.alias else 0.0)
    if cand.kind == "country":
        score += 1.0
    if qualifiers and (cand.country in qualifiers or (cand.admin1 and cand.admin1 in qualifiers)):
        score += 10
    if cand.country:
        score += 3 * math.log1p(context[cand.country])
    hinted = {"region": {"admin1", "admin2", "region"}, "city": {"city"}}.get(kind_hint or "", set())
    if cand.kind in hinted:
        score += 5
    return score


def _root(doc: Doc, start: int, end: int) -> Token | None:
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _locative(tok: Token) -> bool:
    """Used as a place: object of "in/near/…", of "hit/leave/…", or joined by "and" to one."""
    cues = _cues()
    seen = 0
    while tok.dep_ in {"conj", "appos", "compound"} and tok.head.i != tok.i and seen < 6:
        tok, seen = tok.head, seen + 1
    if tok.dep_ == "pobj" and tok.head.lower_ in cues["locative"]:
        return True
    return tok.dep_ in {"dobj", "nsubjpass"} and tok.head.lemma_.lower() in cues["reach"]


def _metonymic(tok: Token) -> bool:
    """A capital as the subject or object of a stance verb stands for its government."""
    if tok.dep_ in {"nsubj", "dobj", "dative"} and tok.head.lemma_.lower() in _cues()["stance"]:
        return True
    # "Kremlin spokesman", "Beijing's response": a modifier of a person or an act, not a location.
    return tok.dep_ in {"compound", "poss"} and tok.head.pos_ == "NOUN" and tok.head.ent_type_ == ""


def _is_government(entity: Entity, doc: Doc) -> bool:
    """Every mention of a capital (or a seat such as the Kremlin) stands for a government."""
    key = gz.norm(entity.name)
    facility = gz.facilities().get(key)
    if key not in gz.capitals() and not (facility and facility.kind == "landmark"):
        return False
    roots = [_root(doc, m.start, m.end) for m in entity.mentions]
    return all(r is not None and _metonymic(r) and not _locative(r) for r in roots)


def _kind_hint(text: str, end: int) -> str | None:
    m = re.match(r"\s+([a-z]+)\b", text[end : end + 20])
    if not m:
        return None
    word = m.group(1)
    return "region" if word in _cues()["region"] else ("city" if word in _cues()["city"] else None)


def _wanted(entity: Entity, doc: Doc) -> bool:
    if not entity.mentions or (gz.demonym_country(entity.name) and not gz.country_code(entity.name)):
        return False  # "Russian", but not "Philippines" (which also reads as a plural demonym)
    if entity.type in _PLACE_TYPES:
        return True
    if entity.type not in _MAYBE_PLACE_TYPES or entity.titles or entity.actor.sector:
        return False
    if gz.igos().get(gz.norm(entity.name)):
        return False
    roots = [_root(doc, m.start, m.end) for m in entity.mentions]
    cities = gz.cities_named(entity.name)
    if entity.type != "PERSON" and cities and cities[0].population >= _BIG_CITY:
        return True  # "Lahore" tagged ORG: a city of millions is rarely anything else
    known = _known(entity.name) or any(_extension(text_of(doc), m.start, m.end) for m in entity.mentions)
    return known and any(r is not None and _locative(r) for r in roots)


def _place(entity: Entity, cand: Candidate, precision: str | None = None) -> Place:
    return Place(
        entity=entity.id,
        name=cand.name,
        lat=cand.lat,
        lon=cand.lon,
        country=cand.country,
        admin1=cand.admin1,
        geonameid=cand.geonameid,
        precision=precision or _PRECISION.get(cand.kind, "place"),  # type: ignore[arg-type]
    )


class _Resolver:
    """Resolves the toponyms of one article, sharing what the article says about countries."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.entities = entities
        self.covered: list[tuple[int, int]] = []
        self.sentences = [(s.start_char, s.end_char) for s in doc.sents]
        self._sentence_starts = [start for start, _end in self.sentences]
        self.context: Counter[str] = Counter()
        for e in entities:
            if e.type == "NORP" and e.actor.country:
                self.context[e.actor.country] += len(e.mentions)

    def name_of(self, entity: Entity) -> str:
        """The name to look up: the mention grown to the gazetteer's whole name when cut short."""
        for m in entity.mentions:
            grown = _extension(self.text, m.start, m.end)
            if grown is not None:
                self.covered.append(grown)
                return self.text[grown[0] : grown[1]]
        return entity.name

    def options(self, entity: Entity, name: str) -> list[Candidate]:
        found = candidates(name, entity.kb_id if name == entity.name else None)
        if found:
            return found
        base, noun = _without_noun(name)
        if noun:
            facility = gz.facilities().get(gz.norm(base))
            if facility is not None:
                return [_feature_candidate(facility)]  # "Wagah crossing"
        words = name.split()
        for i in range(1, len(words) - 1):  # "Alegre's Salgado Filho airport"
            facility = gz.facilities().get(gz.norm(" ".join(words[i:])))
            if facility is not None:
                return [_feature_candidate(facility)]
        if noun and base != name:
            found = [c for c in candidates(base) if c.kind == "city"]
        return found

    def sentence_of(self, start: int) -> int:
        """Index of the sentence holding a character offset, -1 for none (between two).

        Sentences are sorted and disjoint, so a binary search finds the only candidate;
        `local` asks this for every mention of every place, once per place."""
        i = bisect_right(self._sentence_starts, start) - 1
        return i if i >= 0 and start < self.sentences[i][1] else -1

    def local(self, entity: Entity, chosen: dict[str, Candidate]) -> Counter[str]:
        """Countries of the other places in this entity's sentences ("Argentina's … in Buenos Aires")."""
        own = {self.sentence_of(m.start) for m in entity.mentions}
        found: Counter[str] = Counter()
        for other in self.entities:
            cand = chosen.get(other.id)
            if other.id == entity.id or cand is None or not cand.country:
                continue
            found[cand.country] += sum(self.sentence_of(m.start) in own for m in other.mentions)
        return found

    def choose(
        self,
        entity: Entity,
        options: list[Candidate],
        context: Counter[str],
        local: Counter[str],
        own: Counter[str],
    ) -> Candidate:
        qualifiers: set[str] = set()
        hint = None
        for m in entity.mentions:
            qualifiers |= _qualifier(self.text, m.end)
            hint = hint or _kind_hint(self.text, m.end)
        others = context - own  # a name does not vote for itself
        return max(
            options,
            key=lambda c: _score(c, qualifiers, others, hint) + 3 * math.log1p(local[c.country or ""]),
        )

    def _container(self, entity: Entity, chosen: dict[str, Candidate]) -> Candidate | None:
        starts = {m.start: e for e in self.entities for m in e.mentions}
        for mention in entity.mentions:
            after = _IN_PLACE.match(self.text, mention.end)
            container = starts.get(after.end()) if after else None
            if container is not None and container.id in chosen:
                return chosen[container.id]
        return None

    def resolve(self) -> list[Place]:
        wanted = [e for e in self.entities if _wanted(e, self.doc) and not _is_government(e, self.doc)]
        names = {e.id: self.name_of(e) for e in wanted}
        # "California" inside "Baja California": the part is not a place of its own.
        wanted = [
            e
            for e in wanted
            if names[e.id] != e.name
            or not all(any(s <= m.start and m.end <= t for s, t in self.covered) for m in e.mentions)
        ]
        options = {e.id: self.options(e, names[e.id]) for e in wanted}
        context = Counter(self.context)
        votes: dict[str, Counter[str]] = {}
        for key, opts in options.items():
            countries = {c.country for c in opts if c.country}
            if len(countries) == 1:  # unambiguous names vote for their country
                votes[key] = Counter(countries)
                context += votes[key]
        chosen: dict[str, Candidate] = {}
        for _ in range(2):  # a second pass lets the first choices vote too
            chosen = {
                e.id: self.choose(
                    e, options[e.id], context, self.local(e, chosen), votes.get(e.id, Counter())
                )
                for e in wanted
                if options[e.id]
            }
            votes = {k: Counter([c.country]) for k, c in chosen.items() if c.country}
            context = Counter(self.context) + Counter(c.country for c in chosen.values() if c.country)
        places: list[Place] = []
        for entity in wanted:
            cand = chosen.get(entity.id)
            if cand is not None and cand.kind == "city" and entity.type == "FAC":
                places.append(_place(entity, cand, "city"))  # "Lahore airport" → Lahore
                places[-1].name = entity.name
                places[-1].geonameid = None
            elif cand is not None:
                places.append(_place(entity, cand))
            elif entity.type == "FAC" and (container := self._container(entity, chosen)) is not None:
                place = _place(entity, container, "city" if container.kind == "city" else None)
                place.name, place.geonameid = entity.name, None
                places.append(place)
        return places


def geocode(doc: Doc, article: Article, entities: list[Entity]) -> list[Place]:
    return _Resolver(doc, entities).resolve()


@register("places", "places.geonames.v2")
def annotate_places(doc: Doc, article: Article, *, entities: list[Entity], **_: Any) -> list[Place]:
    """Geocoded places, one per resolvable toponym entity."""
    return geocode(doc, article, entities)
