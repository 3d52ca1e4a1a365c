"""`fitcareer wages import`, `fitcareer wages`, `income --area` and `compare --area`, on
OEWS tables the tests write in BLS's published layout (never a downloaded file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import csv_table, invoke_main, needs_calamine
from test_loader_oews import (
    ALL_DATA,
    TEXAS,
    as_spreadsheet,
    record,
    rows_of,
    write_csv,
    write_xlsx,
)

MINNESOTA = record(
    AREA="27",
    AREA_TITLE="Minnesota",
    AREA_TYPE="2",
    PRIM_STATE="MN",
    TOT_EMP="7,930",
    H_MEAN="26.10",
    A_MEAN="54,290",
    H_PCT10="14.02",
    H_PCT25="17.55",
    H_MEDIAN="24.42",
    H_PCT75="32.80",
    H_PCT90="#",
    A_PCT10="29,160",
    A_PCT25="36,500",
    A_MEDIAN="50,798",
    A_PCT75="68,220",
    A_PCT90="#",
)
"""Minnesota's row (figures made up): its median is 10% above the national median of
`US` ($46,180); its 90th percentile is top-coded."""

US = record(A_MEDIAN="46,180")
"""The national row of the same made-up release."""

MINNEAPOLIS = record(
    AREA="33460",
    AREA_TITLE="Minneapolis-St. Paul-Bloomington, MN-WI",
    AREA_TYPE="4",
    PRIM_STATE="MN",
    TOT_EMP="5,120",
    A_MEDIAN="52,000",
)


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user data directory by platform convention, inside the test's folder."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home / "fitcareer"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mydata"
    folder.mkdir()
    return folder


TABLE = "all_data_M_2026.csv"
"""A release newer than the shipped one (May 2025), so that its figures are the ones shown."""


def state_csv(folder: Path, name: str = TABLE, *rows: dict[str, object]) -> Path:
    return write_csv(folder / name, rows_of(ALL_DATA, list(rows) or [US, TEXAS, MINNESOTA]))


def wages_import(data_dir: Path | None, *args: str):  # type: ignore[no-untyped-def]
    where = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return invoke_main(*where, "wages", "import", *args)


def with_dir(data_dir: Path, *args: str):  # type: ignore[no-untyped-def]
    return invoke_main("--data-dir", str(data_dir), *args)


def test_an_import_writes_wages_yaml_in_the_data_directory_and_says_where(
    tmp_path: Path, data_dir: Path
) -> None:
    result = wages_import(data_dir, str(state_csv(tmp_path)))
    assert result.exit_code == 0, result.stderr
    target = data_dir / "wages.yaml"
    assert f"into {target} (the data directory)" in result.stdout
    assert "Imported May 2026 national, state wages (3 rows of 3) from all_data_M_2026.csv" in (
        result.stdout
    )
    assert result.stderr == ""
    text = target.read_text()
    assert "file: all_data_M_2026.csv" in text
    assert "name: Minnesota" in text
    assert "release: May 2026" in text


def test_without_a_data_directory_the_user_data_directory_is_used(
    tmp_path: Path, user_data: Path
) -> None:
    result = wages_import(None, str(state_csv(tmp_path)))
    assert result.exit_code == 0, result.stderr
    assert f"into {user_data / 'wages.yaml'} (the user data directory)" in result.stdout
    shown = invoke_main("income", "--area", "MN")
    assert shown.exit_code == 0, shown.stderr
    assert "$50,798" in shown.stdout


def test_importing_twice_gives_the_same_file(tmp_path: Path, data_dir: Path) -> None:
    table = str(state_csv(tmp_path))
    assert wages_import(data_dir, table).exit_code == 0
    first = (data_dir / "wages.yaml").read_bytes()
    assert wages_import(data_dir, table).exit_code == 0
    assert (data_dir / "wages.yaml").read_bytes() == first


def test_a_newer_release_is_kept_beside_the_older_and_shown_first(
    tmp_path: Path, data_dir: Path
) -> None:
    old = record(**{**MINNESOTA, "A_MEDIAN": "49,000"})
    assert (
        wages_import(data_dir, str(state_csv(tmp_path, "all_data_M_2024.csv", old))).exit_code == 0
    )
    assert wages_import(data_dir, str(state_csv(tmp_path))).exit_code == 0
    listed = json.loads(with_dir(data_dir, "wages", "--format", "json").stdout)
    imported = list(dict.fromkeys((t["release"], t["file"]) for t in listed["tables"] if t["file"]))
    assert imported == [("May 2026", "all_data_M_2026.csv"), ("May 2024", "all_data_M_2024.csv")]
    table = with_dir(data_dir, "wages").stdout
    assert table.index("May 2026") < table.index("May 2024")
    shown = with_dir(data_dir, "income", "--area", "Minnesota").stdout
    assert "$50,798" in shown
    assert "Also for Minnesota: May 2025 (BLS OEWS state estimates); May 2024" in shown


def test_a_new_import_replaces_the_same_release_and_area_type_only(
    tmp_path: Path, data_dir: Path
) -> None:
    assert wages_import(data_dir, str(state_csv(tmp_path))).exit_code == 0
    metro = write_csv(tmp_path / "MSA_M2026_dl.csv", rows_of(ALL_DATA, [MINNEAPOLIS]))
    assert wages_import(data_dir, str(metro)).exit_code == 0
    changed = record(**{**MINNESOTA, "A_MEDIAN": "51,000"})
    assert (
        wages_import(data_dir, str(state_csv(tmp_path, "all_data_M_2026.csv", changed))).exit_code
        == 0
    )
    text = (data_dir / "wages.yaml").read_text()
    assert "median: 51000" in text
    assert "median: 50798" not in text
    assert "Minneapolis-St. Paul-Bloomington, MN-WI" in text
    metro_pay = with_dir(data_dir, "income", "--area", "minneapolis").stdout
    assert "$52,000" in metro_pay


EXPECTED = "median $50,798 a year, 10% above the national median for the same release (May 2026)"


def test_income_area_shows_local_beside_national_in_every_format(
    tmp_path: Path, data_dir: Path
) -> None:
    assert wages_import(data_dir, str(state_csv(tmp_path))).exit_code == 0
    table = with_dir(data_dir, "income", "--area", "Minnesota")
    assert table.exit_code == 0, table.stderr
    lines = table.stdout.splitlines()
    median = next(line for line in lines if "Median, a year" in line)
    assert median.index("$50,798") < median.index("$46,180")
    assert "at least the top-coded limit" in table.stdout
    for text in ("all_data_M_2026.csv", "May 2026", "10% above", "self-employed"):
        assert text in table.stdout, text

    data = json.loads(with_dir(data_dir, "income", "--area", "MN", "--format", "json").stdout)
    pay = data["occupations"][0]
    assert data["area"] == {"name": "Minnesota", "code": "27", "type": "state"}
    assert pay["local"][0]["annual"]["median"] == 50798
    assert pay["local"][0]["annual"]["marks"] == {"p90": "#"}
    assert (pay["local"][0]["release"], pay["local"][0]["file"]) == (
        "May 2026",
        "all_data_M_2026.csv",
    )
    assert (pay["national"]["annual"]["median"], pay["national"]["file"]) == (
        46180,
        "all_data_M_2026.csv",
    )
    assert pay["difference"] == EXPECTED

    rows = csv_table(with_dir(data_dir, "income", "--area", "mn", "--format", "csv").stdout)
    assert rows[0] == ["", "Minnesota", "United States"]
    assert ["Median, a year", "50798", "46180"] in rows, "figures are plain numbers"
    assert ["Release", "May 2026", "May 2026"] in rows
    assert [
        "Source",
        "BLS OEWS state estimates, May 2026, file all_data_M_2026.csv, row 4",
        "BLS OEWS national estimates, May 2026, file all_data_M_2026.csv, row 2",
    ] in rows
    assert ["How they differ", EXPECTED, ""] in rows

    for fmt in ("markdown", "html"):
        page = with_dir(data_dir, "income", "--area", "MINNESOTA", "--format", fmt).stdout
        for text in (
            "Minnesota",
            "$50,798",
            "$46,180",
            "May 2026",
            "all_data_M_2026.csv",
            EXPECTED,
        ):
            assert text in page, (fmt, text)


def test_compare_area_adds_one_line_to_the_income_row(tmp_path: Path, data_dir: Path) -> None:
    assert wages_import(data_dir, str(state_csv(tmp_path))).exit_code == 0
    shown = with_dir(data_dir, "compare", "--area", "MN", "--format", "markdown")
    assert shown.exit_code == 0, shown.stderr
    line = (
        "Minnesota, May 2026 median $50,798, 10% above national, self-employed excluded"
        " (all_data_M_2026.csv)"
    )
    assert line in shown.stdout


def test_an_unknown_area_gets_a_did_you_mean(tmp_path: Path, data_dir: Path) -> None:
    assert wages_import(data_dir, str(state_csv(tmp_path))).exit_code == 0
    result = with_dir(data_dir, "income", "--area", "Minesota")
    assert result.exit_code == 2
    assert "no wages for an area called 'Minesota' (did you mean 'Minnesota'?)" in result.stderr
    assert result.stdout == ""


def test_without_an_import_every_area_has_may_2025_pay() -> None:
    """The shipped BLS OEWS May 2025 tables: a state by code, name or FIPS code, a metro area."""
    for area, name, median in (
        ("OH", "Ohio", "$36,370"),
        ("ohio", "Ohio", "$36,370"),
        ("39", "Ohio", "$36,370"),
        ("Akron, OH", "Akron, OH", "$43,510"),
    ):
        result = invoke_main("income", "--area", area)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith(f"Pay in {name}: Exercise Trainers"), area
        median_row = next(line for line in result.stdout.splitlines() if "Median, a year" in line)
        assert median_row.index(median) < median_row.index("$47,160"), area
        assert "do not include self-employed workers" in result.stdout
        assert "May 2025" in result.stdout
    compare = invoke_main("compare", "--area", "OH", "--format", "markdown")
    assert compare.exit_code == 0, compare.stderr
    assert "Ohio, May 2025 median $36,370, 23% below national, self-employed excluded" in (
        compare.stdout
    )


def test_an_area_no_table_has_is_a_usage_error_with_a_suggestion() -> None:
    result = invoke_main("income", "--area", "Atlantis")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "no wages for an area called 'Atlantis' (did you mean '" in result.stderr


def test_wages_without_an_import_lists_the_shipped_figures_and_the_hint(user_data: Path) -> None:
    result = invoke_main("wages")
    assert result.exit_code == 0, result.stderr
    assert f"No wages imported ({user_data / 'wages.yaml'}, the user data" in result.stdout
    assert "https://www.bls.gov/oes/tables.htm" in result.stdout
    assert "May 2025" in result.stdout
    data = json.loads(invoke_main("wages", "--format", "json").stdout)
    shipped = {(t["release"], t["area_type"]) for t in data["tables"] if t["file"] is None}
    assert shipped == {
        ("May 2025", kind) for kind in ("national", "state", "territory", "metro", "nonmetro")
    }


def test_shipped_area_pay_names_bls_and_its_release() -> None:
    result = invoke_main("income", "--area", "VT", "--format", "json")
    assert result.exit_code == 0, result.stderr
    pay = json.loads(result.stdout)["occupations"][0]
    assert pay["local"][0]["annual"]["median"] == 57300
    assert (pay["local"][0]["release"], pay["local"][0]["source"]) == ("May 2025", "bls-oews-2025")
    assert [f["name"] for f in pay["local"][0]["files"]][:2] == ["oe.area", "oe.data.0.Current"]


def test_a_file_that_is_not_an_oews_table_writes_nothing(tmp_path: Path, data_dir: Path) -> None:
    other = write_csv(tmp_path / "budget.csv", [["item", "cost"], ["rent", "900"]])
    result = wages_import(data_dir, str(other))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "not an OEWS table" in result.stderr
    assert list(data_dir.iterdir()) == []


def test_a_file_without_the_occupation_writes_nothing(tmp_path: Path, data_dir: Path) -> None:
    coaches = record(**{**MINNESOTA, "OCC_CODE": "27-2022", "OCC_TITLE": "Coaches and Scouts"})
    result = wages_import(data_dir, str(state_csv(tmp_path, "all_data_M_2026.csv", coaches)))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "no rows for 39-9031" in result.stderr
    assert list(data_dir.iterdir()) == []


def test_another_occupation_is_kept_when_asked(tmp_path: Path, data_dir: Path) -> None:
    athletic = record(**{**MINNESOTA, "OCC_CODE": "29-9091", "OCC_TITLE": "Athletic Trainers"})
    table = str(state_csv(tmp_path, "all_data_M_2026.csv", MINNESOTA, athletic))
    result = wages_import(data_dir, table, "--occupation", "39-9031", "--occupation", "29-9091")
    assert result.exit_code == 0, result.stderr
    shown = with_dir(data_dir, "income", "--area", "MN", "--detail").stdout
    assert "Athletic Trainers (29-9091)" in shown


def test_a_release_the_name_does_not_give_must_be_said(tmp_path: Path, data_dir: Path) -> None:
    table = str(state_csv(tmp_path, "minnesota.csv"))
    result = wages_import(data_dir, table)
    assert result.exit_code == 2
    assert "--release 'May 2024'" in result.stderr
    assert list(data_dir.iterdir()) == []
    assert wages_import(data_dir, table, "--release", "May 2026").exit_code == 0


@needs_calamine
def test_an_xlsx_state_table_imports(tmp_path: Path, data_dir: Path) -> None:
    rows = as_spreadsheet(rows_of(ALL_DATA, [US, TEXAS, MINNESOTA]))
    path = write_xlsx(tmp_path / "state_M2026_dl.xlsx", ("state_M2026_dl", rows, 1))
    assert wages_import(data_dir, str(path)).exit_code == 0
    shown = with_dir(data_dir, "income", "--area", "Minnesota").stdout
    assert "file state_M2026_dl.xlsx" in shown
    assert "$50,798" in shown


@pytest.mark.parametrize("name", ["no-such-table.csv", "."])
def test_a_missing_table_or_a_directory_is_a_usage_error(tmp_path: Path, name: str) -> None:
    result = invoke_main("--data-dir", str(tmp_path), "wages", "import", str(tmp_path / name))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "wages.yaml").exists()


def test_the_quiz_result_adds_the_areas_pay_when_given(tmp_path: Path) -> None:
    questions = json.loads(invoke_main("quiz", "--questions", "--format", "json").stdout)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({q["id"]: q["choices"][0]["key"] for q in questions}))
    shown = invoke_main("quiz", "--answers", str(answers), "--area", "Vermont")
    assert shown.exit_code == 0
    pay = next(line for line in shown.stdout.splitlines() if "Pay here" in line)
    assert "Vermont, May 2025 median $57,300, 22% above national, self-employed excluded [" in pay
    data = json.loads(
        invoke_main("quiz", "--answers", str(answers), "--area", "VT", "--format", "json").stdout
    )
    assert data["area_pay"].startswith("Vermont, May 2025 median $57,300")
    hire = invoke_main("quiz", "--hire", "--area", "VT", "--answers", str(answers))
    assert hire.exit_code == 2 and hire.stderr.count("\n") == 1
