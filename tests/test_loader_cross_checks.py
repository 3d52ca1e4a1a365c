"""The checks across files find every unknown source, impossible date and downward price
range wherever it is put, in YAML and in JSON, located by line and field; a catalog
with none of them loads.

Loading proves most catalogs clean from what parsing gathered, without walking the
records; these tests put a fault anywhere one can go and ask `fitcareer validate`."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import SHIPPED, invoke_main, shipped_parsed_once
from fitcareer.data.validate import dotted
from test_loader_json import write

STEMS = ("sources", "roles", "certifications", "quiz")


def _shipped(stem: str) -> Any:
    return yaml.safe_load((SHIPPED / f"{stem}.yaml").read_text(encoding="utf-8"))


SHIPPED_DATA = {stem: _shipped(stem) for stem in STEMS}


def _spots(obj: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every mapping in the data that holds a `source`, a `date` or a `usd` price."""
    found = []
    if isinstance(obj, dict):
        if any(key in obj for key in ("source", "date", "usd")):
            found.append(path)
        for key, value in obj.items():
            found += _spots(value, (*path, key))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            found += _spots(value, (*path, i))
    return found


SPOTS = [(stem, path) for stem in STEMS for path in _spots(SHIPPED_DATA[stem])]


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


FAULTS = {
    "source": ("source", "no-such-source", "unknown source 'no-such-source'"),
    "date": ("date", "2023-02-30", "no such date '2023-02-30'"),
    "usd": ("usd_max", 0, "is below usd"),
}


def _validate(folder: Path) -> tuple[int, list[str]]:
    result = invoke_main("validate", str(folder), env={"FITCAREER_NO_CACHE": "1"})
    return result.exit_code, result.stdout.splitlines()


def _validate_one_changed(folder: Path) -> tuple[int, list[str]]:
    """`_validate` for a folder holding one changed file: the shipped files beside it are
    parsed once for all the examples (`shipped_parsed_once`)."""
    with shipped_parsed_once():
        return _validate(folder)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spot=st.sampled_from(SPOTS), fmt=st.sampled_from(("yaml", "json")), data=st.data())
def test_a_fault_anywhere_is_found_where_it_is(
    tmp_path_factory: pytest.TempPathFactory, spot: tuple[str, tuple[Any, ...]], fmt: str, data: Any
) -> None:
    stem, path = spot
    record = _at(SHIPPED_DATA[stem], path)
    faults = sorted(k for k in FAULTS if k in record and (k != "usd" or record["usd"] > 0))
    assume(faults)
    kind = data.draw(st.sampled_from(faults))
    field, value, message = FAULTS[kind]
    if field == "usd_max":
        value = record["usd"] / 2
    changed = copy.deepcopy(SHIPPED_DATA[stem])
    _at(changed, path)[field] = value
    folder = tmp_path_factory.mktemp("data")
    write(folder, stem, changed, fmt)
    code, lines = _validate_one_changed(folder)
    assert code == 1
    where = f"{stem}.{fmt}:"
    hits = [line for line in lines if message in line and f" {dotted((*path, field))}:" in line]
    assert len(hits) == 1, (lines, path)
    assert hits[0].startswith(str(folder / stem) + f".{fmt}:")
    assert hits[0].split(where, 1)[1].split(":", 1)[0].isdigit()


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_the_shipped_data_in_either_form_has_none(tmp_path: Path, fmt: str) -> None:
    for stem in STEMS:
        write(tmp_path, stem, SHIPPED_DATA[stem], fmt)
    assert _validate(tmp_path) == (0, [])


def test_a_source_named_only_in_free_text_is_not_a_fault(tmp_path: Path) -> None:
    """A `source` key in a mapping of free text (a role's `unknown` notes) is no record's
    source: it neither trips the check nor hides a real fault."""
    roles = copy.deepcopy(SHIPPED_DATA["roles"])
    roles["roles"][0].setdefault("unknown", {})["source"] = "not a source id"
    write(tmp_path, "roles", roles, "json")
    assert _validate(tmp_path) == (0, [])
    roles["roles"][0]["summary"]["source"] = "no-such-source"
    write(tmp_path, "roles", roles, "json")
    code, lines = _validate(tmp_path)
    assert code == 1 and len(lines) == 1 and "roles[0].summary.source" in lines[0]
    assert "unknown source 'no-such-source'" in lines[0]


def test_a_date_too_long_for_the_calendar_is_a_located_problem(tmp_path: Path) -> None:
    certs = copy.deepcopy(SHIPPED_DATA["certifications"])
    certs["certifications"][0]["price"][0]["date"] = "1700000000000"
    write(tmp_path, "certifications", certs, "json")
    code, lines = _validate(tmp_path)
    assert code == 1 and len(lines) == 1
    assert "certifications[0].price[0].date" in lines[0] and "internal" not in lines[0]
    roles = copy.deepcopy(SHIPPED_DATA["roles"])
    roles["roles"][0].setdefault("unknown", {})["date"] = "99999999999"
    write(tmp_path, "roles", roles, "json")
    (tmp_path / "certifications.json").unlink()
    assert _validate(tmp_path) == (0, [])
