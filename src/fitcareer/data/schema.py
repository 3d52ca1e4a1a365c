"""JSON Schemas of the data files, generated from the models, for editors to validate with.

pydantic is imported only when a schema is generated. fitcareer ships the schemas it
generates (the tests hold them equal to the models), so printing one reads that file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fitcareer import model as models
from fitcareer.model_paths import PathsFile

MODELS: dict[str, type] = {
    **models.FILES,
    "wages.yaml": models.WagesFile,
    "paths.yaml": PathsFile,
}
"""Each data file with a schema, the optional wages.yaml and `fitcareer paths`'s
paths.yaml included, and its model."""

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


def shipped(name: str) -> str:
    """The text of one data file's schema as fitcareer ships it, generated when the
    shipped file cannot be read."""
    here = Path(__file__).resolve().parent.parent
    for folder in (here / "schemas", here.parent.parent / "schemas"):
        try:
            return (folder / file_name(name)).read_text(encoding="utf-8")
        except OSError:
            continue
    return dumps(generate(name))
