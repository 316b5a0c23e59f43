"""Places: GPE, LOC and FAC entities geocoded against the offline GeoNames gazetteer.

Countries get a population-weighted centroid of their cities (`precision: country`);
cities are disambiguated by the countries the article mentions, then by population;
a facility missing from the gazetteer ("X airfield in Vladivostok") falls back to the
city named right after it (`precision: city`). Unresolved names are left out.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from . import gazetteer as gz
from .models import Article, Entity, Place
from .registry import register

_IN_PLACE = re.compile(r"\s*(?:in|near|at|outside|of)\s+(?:the\s+)?")


def _city_place(entity: Entity, name: str, context: set[str]) -> Place | None:
    cities = gz.cities_named(name)
    if not cities:
        return None
    a2_to_a3 = gz.alpha2_to_alpha3()
    # An article about Russia means the Russian city; population breaks ties.
    in_context = [c for c in cities if a2_to_a3.get(c.country2) in context]
    city = (in_context or list(cities))[0]
    return Place(
        entity=entity.id,
        name=city.name,
        lat=city.lat,
        lon=city.lon,
        country=a2_to_a3.get(city.country2),
        admin1=f"{city.country2}-{city.admin1}" if city.admin1 else None,
        geonameid=city.geonameid,
        precision="place",
    )


def _country_place(entity: Entity, code: str) -> Place | None:
    country = gz.countries().get(code)
    if country is None or country.lat is None or country.lon is None:
        return None
    return Place(
        entity=entity.id,
        name=country.name,
        lat=country.lat,
        lon=country.lon,
        country=code,
        geonameid=country.geonameid,
        precision="country",
    )


def geocode(doc: Doc, article: Article, entities: list[Entity]) -> list[Place]:
    text = doc.text
    context = {e.actor.country for e in entities if e.actor.country and e.type in {"GPE", "NORP"}}
    places: list[Place] = []
    by_start = {m.start: e for e in entities for m in e.mentions}
    for entity in entities:
        if entity.type not in {"GPE", "LOC", "FAC"} or not entity.mentions:
            continue
        place: Place | None = None
        if entity.kb_id and entity.kb_id.startswith("iso3166:"):
            place = _country_place(entity, entity.kb_id.split(":", 1)[1])
        elif entity.type in {"GPE", "LOC"}:
            place = _city_place(entity, entity.name, context)
        else:
            for mention in entity.mentions:
                after = _IN_PLACE.match(text, mention.end)
                container = by_start.get(after.end()) if after else None
                if container is not None and container.type == "GPE":
                    city = _city_place(entity, container.name, context)
                    if city is not None:
                        city.name = entity.name
                        city.precision = "city"
                        city.geonameid = None
                        place = city
                        break
        if place is not None:
            places.append(place)
    return places


@register("places", "places.geonames.v1")
def annotate_places(doc: Doc, article: Article, *, entities: list[Entity], **_: Any) -> list[Place]:
    """Geocoded places, one per resolvable GPE/LOC/FAC entity."""
    return geocode(doc, article, entities)
