"""The `dateline/1` document contract as typed records.

Every field here is documented in `docs/contract.md`; a test fails when one is not.
The JSON Schema in `docs/schema.json` is generated from these classes
(`python -m dateline.models > docs/schema.json`).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal["dateline/1"] = "dateline/1"

EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EQUIPMENT", "EVENT", "OTHER", "GROUP"]
SourceFormat = Literal["text", "html", "json", "warc", "feed"]
Granularity = Literal[
    "second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "century"
]
Precision = Literal["place", "city", "region", "country"]
Modality = Literal["asserted", "reported", "future", "hypothetical", "negated"]
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
DateBasis = Literal["clause", "sentence", "published"]
QuoteKind = Literal["direct", "indirect", "mixed"]


class Record(BaseModel):
    # Extra keys are refused so that a typo in a producer fails loudly instead of
    # silently leaving a field out of the contract.
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Source(Record):
    path: str | None = None
    url: str | None = None
    format: SourceFormat = "text"
    encoding: str | None = None
    record: int | None = Field(
        default=None,
        description="1-based line or item number inside a JSONL/JSON file, record in a WARC, item in a feed",
    )


class Caption(Record):
    text: str
    credit: str | None = None


class Article(Record):
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    authors: list[str] = Field(default_factory=list)
    publisher: str | None = None
    language: str | None = None
    captions: list[Caption] = Field(default_factory=list)
    dateline: str | None = Field(
        default=None,
        description='place-and-date opener removed from the body ("SEOUL, Sept. 18 (Yonhap) --")',
    )
    text: str = ""


class Mention(Record):
    text: str
    start: int
    end: int


class Actor(Record):
    country: str | None = None
    sector: str | None = None


class Entity(Record):
    id: str
    name: str
    type: EntityType
    mentions: list[Mention] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)
    affiliation: str | None = None
    actor: Actor = Field(default_factory=Actor)
    kb_id: str | None = None
    role: Literal["subject", "author"] = "subject"


class TimeExpression(Record):
    text: str
    start: int
    end: int
    value: str | None = None
    granularity: Granularity | None = None


class Place(Record):
    entity: str
    name: str
    lat: float
    lon: float
    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    precision: Precision = "place"


class Quote(Record):
    id: str
    text: str
    start: int
    end: int
    direct: bool = True
    cue: str | None = None
    speaker: str | None = None
    speaker_text: str | None = None
    kind: QuoteKind = Field(
        default="direct",
        description="direct (all in quotation marks), indirect (reported speech) or mixed "
        "(reported speech holding a quoted fragment)",
    )
    events: list[str] = Field(default_factory=list, description="ids of the events the quote carries")


class EventDate(Record):
    value: str | None = None
    granularity: Granularity | None = None
    text: str | None = None
    basis: DateBasis = "published"


class Evidence(Record):
    text: str
    start: int
    end: int


class Event(Record):
    id: str
    type: EventType
    mode: str | None = None
    contexts: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    date: EventDate = Field(default_factory=EventDate)
    place: str | None = None
    modality: Modality = "asserted"
    reported_by: list[str] = Field(default_factory=list)
    evidence: Evidence
    trigger: str
    confidence: float = Field(ge=0.0, le=1.0)
    quad_class: Literal[1, 2, 3, 4]


class Document(Record):
    schema_: Literal["dateline/1"] = Field(default=SCHEMA_VERSION, alias="schema")
    id: str
    source: Source
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The contract as plain JSON-ready data."""
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = None) -> str:
        """The contract as a JSON string (non-ASCII kept as is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes | dict[str, Any]) -> Document:
        if isinstance(data, dict):
            return cls.model_validate(data)
        return cls.model_validate_json(data)


def json_schema() -> dict[str, Any]:
    schema = Document.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://dateline.invalid/schema/dateline-1.json"
    schema["title"] = "dateline/1 document"
    return schema


if __name__ == "__main__":
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
