"""The shipped wage tables' form (data/wages.json: a row per area, lists of named columns)
is read under the same rules as every data file: each problem at its line and column."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import SHIPPED, invoke_main
from fitcareer.data import wages

WRITER = Path(__file__).resolve().parent.parent / "scripts" / "build_wages.py"

FITNESS = '    ["99", "National", "39-9031", '


def national_fitness(folder: Path) -> tuple[list[str], int]:
    """wages.json's lines, and the index of the national fitness trainers' row."""
    lines = (folder / "wages.json").read_text(encoding="utf-8").split("\n")
    return lines, next(i for i, line in enumerate(lines) if line.startswith(FITNESS))


def validate(folder: Path) -> list[str]:
    result = invoke_main("validate", str(folder))
    assert result.exit_code == 1, result.stdout
    return result.stdout.splitlines()


def test_a_bad_figure_is_named_by_row_and_column_at_its_line(data_copy: Path) -> None:
    lines, at = national_fitness(data_copy)
    employment = json.loads(lines[at].rstrip(","))[5]
    lines[at] = lines[at].replace(f", {employment}, ", ', "lots", ', 1)
    (data_copy / "wages.json").write_text("\n".join(lines), encoding="utf-8")
    row = at - next(i for i, line in enumerate(lines) if line.startswith("    ["))
    column = lines[at].index('"lots"') + 1
    assert validate(data_copy) == [
        f"{data_copy / 'wages.json'}:{at + 1}:{column}: tables[0].rows[{row}].employment: "
        "expected a whole number, got 'lots'"
    ]


def test_a_wage_out_of_range_is_refused_as_in_a_table_of_mappings(data_copy: Path) -> None:
    path = data_copy / "wages.json"
    lines, at = national_fitness(data_copy)
    values = json.loads(lines[at].rstrip(","))
    values[wages.COLUMNS.index("annual.median")] = 2_000_000
    lines[at] = "    " + json.dumps(values) + ","
    path.write_text("\n".join(lines), encoding="utf-8")
    (problem,) = validate(data_copy)
    assert problem.startswith(f"{path}:{at + 1}:")
    said = problem.split(".annual.median: ", 1)[1]
    data = json.loads(path.read_text(encoding="utf-8"))
    table = data["tables"][0]
    named = [dict(zip(wages.COLUMNS, row, strict=True)) for row in table.pop("rows")]
    table.pop("columns")
    table["areas"] = [
        {"area": r["area"], "name": r["name"], "occupation": r["occupation"]}
        | {"occupation_title": r["occupation_title"], "annual": {"median": r["annual.median"]}}
        for r in named
    ]
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    (mapped,) = validate(data_copy)
    assert mapped.endswith(f".annual.median: {said}")


def test_a_row_without_every_column_is_refused_at_its_line(data_copy: Path) -> None:
    lines, at = national_fitness(data_copy)
    lines[at] = "    " + json.dumps(json.loads(lines[at].rstrip(","))[:-1]) + ","
    (data_copy / "wages.json").write_text("\n".join(lines), encoding="utf-8")
    (problem,) = validate(data_copy)
    assert problem.startswith(f"{data_copy / 'wages.json'}:{at + 1}:5: tables[0].rows[")
    assert problem.endswith(
        f": expected a list of {len(wages.COLUMNS)} values, one for each column"
    )


@pytest.mark.parametrize("twice", ["key", "mark"])
def test_a_key_written_twice_in_the_rows_is_refused(data_copy: Path, twice: str) -> None:
    lines, at = national_fitness(data_copy)
    marks = '{"hourly": {"mean": "*"}, "hourly": {"p10": "*"}}'
    if twice == "mark":
        marks = '{"hourly": {"mean": "*", "mean": "**"}}'
    lines[at] = lines[at].replace("null],", marks + "],")
    (data_copy / "wages.json").write_text("\n".join(lines), encoding="utf-8")
    (problem,) = validate(data_copy)
    key = "hourly" if twice == "key" else "mean"
    assert f":{at + 1}:" in problem
    assert problem.endswith(f"duplicate key '{key}' (first defined on line {at + 1})")


def test_columns_other_than_these_are_refused(data_copy: Path) -> None:
    text = (data_copy / "wages.json").read_text(encoding="utf-8")
    text = text.replace('"hourly.mean", "hourly.p10"', '"hourly.p10", "hourly.mean"', 1)
    (data_copy / "wages.json").write_text(text, encoding="utf-8")
    (problem,) = validate(data_copy)
    assert f"{data_copy / 'wages.json'}:2:" in problem
    assert "tables[0].columns: expected the columns" in problem


def test_tables_written_as_an_import_writes_them_read_the_same(data_copy: Path) -> None:
    """A copy of wages.json whose rows are mappings (wages.yaml's form) is read too."""
    path = data_copy / "wages.json"
    shipped = wages.parsed(path, path.read_bytes())
    path.write_text(json.dumps(wages.plain(shipped)), encoding="utf-8")
    assert wages.parsed(path, path.read_bytes()) == shipped
    result = invoke_main("--data-dir", str(data_copy), "income", "--area", "VT", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["occupations"][0]["local"][0]["annual"]["median"] == 57300


def test_the_shipped_file_is_what_its_writer_writes_of_it() -> None:
    """build_wages.render, read back, gives the same tables: the file keeps every figure,
    mark and name, and `build_wages.py --check` compares what it would write."""
    spec = importlib.util.spec_from_file_location("build_wages", WRITER)
    assert spec is not None and spec.loader is not None
    writer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(writer)
    path = SHIPPED / "wages.json"
    shipped = wages.parsed(path, path.read_bytes())
    assert writer.render(list(shipped.tables)) == path.read_text(encoding="utf-8")
