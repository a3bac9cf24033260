"""The data is published as open data: JSON that passes its own, up-to-date JSON Schema."""

from __future__ import annotations

import json

import jsonschema

from macros.models import Knowledge
from macros.opendata import SCHEMA_FILE, json_schema


def test_committed_schema_is_generated_from_the_current_models():
    assert SCHEMA_FILE.read_text() == json_schema(), "stale: run `make schema` and commit the result"


def test_published_json_passes_the_published_schema(site):
    data = json.loads((site / "data" / "knowledge.json").read_text())
    schema = json.loads((site / "data" / "knowledge.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


def test_published_json_round_trips_to_the_same_knowledge(site, knowledge):
    data = json.loads((site / "data" / "knowledge.json").read_text())
    assert Knowledge.model_validate(data) == knowledge


def test_schema_rejects_what_the_loader_rejects(site):
    schema = json.loads(SCHEMA_FILE.read_text())
    data = json.loads((site / "data" / "knowledge.json").read_text())
    data["faq"][0]["colour"] = "red"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert errors and any("colour" in e.message for e in errors)
