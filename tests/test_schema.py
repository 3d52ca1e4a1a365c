"""The committed JSON Schemas match the models and validate the shipped data.

Editors check a user's YAML against these files, so the data is validated here against
the schema files themselves, by a small validator for the keywords they use; any other
keyword fails the test rather than being skipped.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import SHIPPED, invoke_main
from fitcareer.cli.sources import SchemaName
from fitcareer.data import parse as yaml_parse
from fitcareer.data import schema as schema_files
from fitcareer.data import wages

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"

REGENERATE = "regenerate with: fitcareer schema --write schemas"

ANNOTATIONS = {"$schema", "title", "description", "default"}


def check(value: Any, schema: dict[str, Any], root: dict[str, Any], at: str = "") -> list[str]:
    """Problems with ``value`` under ``schema`` (JSON Schema 2020-12, the keywords used)."""
    unknown = set(schema) - ANNOTATIONS - set(KEYWORDS) - {"$defs"}
    assert not unknown, f"validator does not know {unknown}"
    problems: list[str] = []
    for key, rule in schema.items():
        if key in KEYWORDS:
            problems += KEYWORDS[key](value, rule, schema, root, at)
    return problems


def _ref(value: Any, rule: str, _: Any, root: dict[str, Any], at: str) -> list[str]:
    name = rule.removeprefix("#/$defs/")
    return check(value, root["$defs"][name], root, at)


TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _type(value: Any, rule: str, *_: Any) -> list[str]:
    return [] if TYPES[rule](value) else [f"{_[-1]}: expected {rule}, got {value!r}"]


def _properties(value: Any, rule: dict[str, Any], _: Any, root: Any, at: str) -> list[str]:
    if not isinstance(value, dict):
        return []
    return [
        p
        for key, sub in rule.items()
        if key in value
        for p in check(value[key], sub, root, f"{at}.{key}")
    ]


def _required(value: Any, rule: list[str], *rest: Any) -> list[str]:
    if not isinstance(value, dict):
        return []
    return [f"{rest[-1]}: missing {key}" for key in rule if key not in value]


def _additional(value: Any, rule: Any, schema: dict[str, Any], root: Any, at: str) -> list[str]:
    if not isinstance(value, dict):
        return []
    known = set(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))
    extra = [k for k in value if k not in known and not any(re.search(p, k) for p in patterns)]
    if rule is False:
        return [f"{at}: unexpected {k}" for k in extra]
    return [p for k in extra for p in check(value[k], rule, root, f"{at}.{k}")]


def _pattern_properties(value: Any, rule: dict[str, Any], _: Any, root: Any, at: str) -> list[str]:
    if not isinstance(value, dict):
        return []
    return [
        p
        for key, item in value.items()
        for pattern, sub in rule.items()
        if re.search(pattern, key)
        for p in check(item, sub, root, f"{at}.{key}")
    ]


def _items(value: Any, rule: dict[str, Any], _: Any, root: Any, at: str) -> list[str]:
    if not isinstance(value, list):
        return []
    return [p for i, item in enumerate(value) for p in check(item, rule, root, f"{at}[{i}]")]


def _any_of(value: Any, rule: list[dict[str, Any]], _: Any, root: Any, at: str) -> list[str]:
    if any(not check(value, sub, root, at) for sub in rule):
        return []
    return [f"{at}: {value!r} matches no allowed form"]


def _when(test: Any) -> Any:
    """A keyword that checks one value of one type."""

    def keyword(value: Any, rule: Any, *rest: Any) -> list[str]:
        return [] if test(value, rule) else [f"{rest[-1]}: {value!r} fails {rule!r}"]

    return keyword


def _property_names(value: Any, rule: dict[str, Any], _: Any, root: Any, at: str) -> list[str]:
    if not isinstance(value, dict):
        return []
    return [p for key in value for p in check(key, rule, root, f"{at}.{key} (name)")]


KEYWORDS: dict[str, Any] = {
    "$ref": _ref,
    "propertyNames": _property_names,
    "type": _type,
    "properties": _properties,
    "required": _required,
    "additionalProperties": _additional,
    "patternProperties": _pattern_properties,
    "items": _items,
    "anyOf": _any_of,
    "enum": _when(lambda v, r: v in r),
    "const": _when(lambda v, r: v == r),
    "pattern": _when(lambda v, r: not isinstance(v, str) or re.search(r, v) is not None),
    "minLength": _when(lambda v, r: not isinstance(v, str) or len(v) >= r),
    "minItems": _when(lambda v, r: not isinstance(v, list) or len(v) >= r),
    "maxItems": _when(lambda v, r: not isinstance(v, list) or len(v) <= r),
    "minimum": _when(lambda v, r: not isinstance(v, int | float) or v >= r),
    "maximum": _when(lambda v, r: not isinstance(v, int | float) or v <= r),
}


def committed(name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((SCHEMAS / schema_files.file_name(name)).read_text("utf-8"))
    return result


def test_schema_names_are_the_data_files() -> None:
    assert sorted(n.value for n in SchemaName) == sorted(schema_files.NAMES)
    shipped = [p.name for p in SHIPPED.glob("*.yaml")] + ["wages.yaml"]  # shipped as wages.json
    assert sorted(schema_files.NAMES.values()) == sorted(shipped)


@pytest.mark.parametrize("name", sorted(schema_files.NAMES))
def test_committed_schema_is_the_generated_one(name: str) -> None:
    text = (SCHEMAS / schema_files.file_name(name)).read_text("utf-8")
    assert text == schema_files.dumps(schema_files.generate(name)), REGENERATE
    result = invoke_main("schema", name)
    assert result.exit_code == 0 and result.stdout == text


@pytest.mark.parametrize("name", sorted(schema_files.NAMES))
def test_schema_is_well_formed_with_descriptions(name: str) -> None:
    schema = committed(name)
    assert schema["$schema"] == schema_files.DIALECT
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert schema["description"].startswith(f"{name}.yaml: ")
    text = json.dumps(schema)
    refs = set(re.findall(r'"\$ref": "#/\$defs/([^"]+)"', text))
    assert refs and refs <= set(schema["$defs"])
    for model in schema["$defs"].values():
        assert model["additionalProperties"] is False
        for field in model["properties"].values():
            shown = field if "$ref" not in field else schema["$defs"][field["$ref"].split("/")[-1]]
            assert "description" in field or "description" in shown


@pytest.mark.parametrize("name", sorted(schema_files.NAMES))
def test_shipped_data_validates_against_its_schema(name: str) -> None:
    path = SHIPPED / schema_files.NAMES[name]
    data = yaml_parse.parse(path.read_bytes(), str(path)) if name != "wages" else None
    if name == "wages":  # shipped as wages.json: its tables, as wages.yaml holds them
        path = path.with_suffix(".json")
        data = wages.plain(wages.parsed(path, path.read_bytes()))
    schema = committed(name)
    assert check(data, schema, schema) == []


def test_the_schema_check_finds_what_editors_would_flag() -> None:
    schema = committed("roles")
    data = yaml_parse.parse((SHIPPED / "roles.yaml").read_bytes(), "roles.yaml")
    role = data["roles"][0]
    role["summary"]["date"] = 2021
    role["salary"] = 1
    del role["name"]
    problems = check(data, schema, schema)
    assert any(".roles[0].summary.date" in p for p in problems)
    assert ".roles[0]: unexpected salary" in problems
    assert ".roles[0]: missing name" in problems


def test_write_puts_every_schema_in_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "out"
    result = invoke_main("schema", "--write", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    for name in schema_files.NAMES:
        written = (target / schema_files.file_name(name)).read_text("utf-8")
        assert written == (SCHEMAS / schema_files.file_name(name)).read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "name a data file: sources, roles, certifications, quiz"),
        (("roles", "--write", "x"), "--write writes every schema"),
        (("people",), "'people' is not a name"),
    ],
)
def test_schema_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    result = invoke_main("schema", *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


WARM = """
import sys
from fitcareer.cli.main import main
sys.argv = ["fitcareer", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("yaml" in sys.modules or "pydantic" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["compare"],
        ["paths", "fitness-instructor"],
        ["onet"],
        ["interests", "--scores", "R=30,I=8,A=5,S=36,E=12,C=6"],
    ],
)
def test_a_warm_run_reads_the_cache_without_parsing_yaml(tmp_path: Path, args: list[str]) -> None:
    """The first run parses the data files (and the O*NET extract and career moves a
    command reads) and fills the cache; the next reads the cache and imports neither the
    YAML parser nor the validator."""
    env = {**os.environ, "FITCAREER_CACHE_DIR": str(tmp_path)}
    cold, warm = (
        subprocess.run(
            [sys.executable, "-c", WARM, *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        for _ in range(2)
    )
    assert cold.stderr.strip() == "True"
    assert warm.stderr.strip() == "False"
    assert warm.stdout == cold.stdout
