"""The data file published as open data: JSON, with a JSON Schema generated from the models."""

from __future__ import annotations

import json
from pathlib import Path

from .models import Knowledge

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "knowledge.schema.json"
SCHEMA_ID = "knowledge.schema.json"  # published beside knowledge.json, so a relative reference works


def json_schema() -> str:
    schema = Knowledge.model_json_schema(mode="serialization")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def knowledge_json(knowledge: Knowledge) -> str:
    # No "$schema" key inside: the schema forbids unknown fields, and the data must pass it.
    return json.dumps(knowledge.model_dump(mode="json"), indent=1, ensure_ascii=False) + "\n"
