"""JSON Schemas of the data files, generated from the models, for editors to validate with.

pydantic is imported only when a schema is generated, never on an ordinary run.
"""

from __future__ import annotations

import json
from typing import Any

from fitcareer import model as models

MODELS: dict[str, type] = {**models.FILES, "wages.yaml": models.WagesFile}
"""Each data file with a schema, the optional wages.yaml included, and its model."""

NAMES = {name.removesuffix(".yaml"): name for name in MODELS}
"""Schema name -> data file: `roles` -> `roles.yaml`."""

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def generate(name: str) -> dict[str, Any]:
    """The JSON Schema of one data file, field docstrings as descriptions."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(MODELS[NAMES[name]]).json_schema()
    return {"$schema": DIALECT, **schema}


def dumps(schema: dict[str, Any]) -> str:
    """Stable text for a schema file: two-space indent, a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def file_name(name: str) -> str:
    return f"{name}.schema.json"
