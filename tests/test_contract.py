"""The contract and the docs that describe it stay true to the code."""

from __future__ import annotations

import json
import re

import jsonschema
import typer.main

import dateline
from dateline.cli import app
from dateline.models import json_schema
from dateline.settings import HELP, Settings
from tests.conftest import ROOT


def _fields(schema: dict, node: dict, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for name, prop in node.get("properties", {}).items():
        names.add(name)
        for ref in re.findall(r'"\$ref": "#/\$defs/(\w+)"', json.dumps(prop)):
            names |= _fields(schema, schema["$defs"][ref])
    return names


def test_schema_file_is_current():
    shipped = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))
    assert shipped == json_schema(), "run `make schema`"


def test_every_field_documented():
    schema = json_schema()
    doc = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")
    missing = sorted(f for f in _fields(schema, schema) if f"`{f}`" not in doc)
    assert not missing, f"undocumented contract fields: {missing}"


def test_documents_validate_against_schema(fixture_docs):
    schema = json_schema()
    for doc in fixture_docs.values():
        jsonschema.validate(json.loads(doc.to_json()), schema)


def test_every_command_and_option_documented():
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert f"dateline {name}" in docs, name
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in docs, f"{name} {opt}"
    assert "dateline process" in readme and "make demo" in readme and "make test" in readme


def test_every_setting_documented():
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for field in Settings.__dataclass_fields__:
        assert field in HELP and f"`{field}`" in docs


PUBLIC_API = [
    "Actor",
    "Article",
    "Caption",
    "ConfigError",
    "DatelineError",
    "Document",
    "Entity",
    "Event",
    "EventDate",
    "Evidence",
    "ExtractionError",
    "InputError",
    "Mention",
    "Place",
    "Quote",
    "Settings",
    "Source",
    "Store",
    "StoreError",
    "Summary",
    "TimeExpression",
    "__version__",
    "documents",
    "ingest",
    "json_schema",
    "process",
    "register",
]


def test_public_api():
    # A change to the public API must be deliberate: update this list and the docs.
    assert sorted(dateline.__all__) == sorted(PUBLIC_API)
    for name in dateline.__all__:
        assert hasattr(dateline, name)
    assert dateline.Document.model_fields["schema_"].alias == "schema"
