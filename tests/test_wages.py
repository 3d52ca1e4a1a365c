"""`fitcareer wages import`, `fitcareer wages`, `income --area` and `compare --area`, on
OEWS tables the tests write in BLS's published layout (never a downloaded file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import csv_table, invoke_main, needs_calamine
from test_loader_oews import (
    ALL_DATA,
    STATE,
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
"""Minnesota's row (figures made up): its median is 10% above the shipped national
median for May 2024 ($46,180); its 90th percentile is top-coded."""

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


def state_csv(folder: Path, name: str = "state_M2024_dl.csv", *rows: dict[str, object]) -> Path:
    return write_csv(folder / name, rows_of(STATE, list(rows) or [TEXAS, MINNESOTA]))


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
    assert "May 2024 state wages (2 rows of 2) from state_M2024_dl.csv" in result.stdout
    assert result.stderr == ""
    text = target.read_text()
    assert "file: state_M2024_dl.csv" in text
    assert "name: Minnesota" in text
    assert "release: May 2024" in text


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
        wages_import(data_dir, str(state_csv(tmp_path, "state_M2023_dl.csv", old))).exit_code == 0
    )
    assert wages_import(data_dir, str(state_csv(tmp_path))).exit_code == 0
    listed = json.loads(with_dir(data_dir, "wages", "--format", "json").stdout)
    imported = [(t["release"], t["file"]) for t in listed["tables"] if t["file"]]
    assert imported == [("May 2024", "state_M2024_dl.csv"), ("May 2023", "state_M2023_dl.csv")]
    table = with_dir(data_dir, "wages").stdout
    assert table.index("May 2024") < table.index("May 2023")
    shown = with_dir(data_dir, "income", "--area", "Minnesota").stdout
    assert "$50,798" in shown
    assert "Also for Minnesota: May 2023" in shown


def test_a_new_import_replaces_the_same_release_and_area_type_only(
    tmp_path: Path, data_dir: Path
) -> None:
    assert wages_import(data_dir, str(state_csv(tmp_path))).exit_code == 0
    metro = write_csv(tmp_path / "MSA_M2024_dl.csv", rows_of(ALL_DATA, [MINNEAPOLIS]))
    assert wages_import(data_dir, str(metro)).exit_code == 0
    changed = record(**{**MINNESOTA, "A_MEDIAN": "51,000"})
    assert (
        wages_import(data_dir, str(state_csv(tmp_path, "state_M2024_dl.csv", changed))).exit_code
        == 0
    )
    text = (data_dir / "wages.yaml").read_text()
    assert "median: 51000" in text
    assert "median: 50798" not in text
    assert "Minneapolis-St. Paul-Bloomington, MN-WI" in text
    metro_pay = with_dir(data_dir, "income", "--area", "minneapolis").stdout
    assert "$52,000" in metro_pay


EXPECTED = "median $50,798 a year, 10% above the national median for the same release (May 2024)"


def test_income_area_shows_local_beside_national_in_every_format(
    tmp_path: Path, data_dir: Path
) -> None:
    assert wages_import(data_dir, str(state_csv(tmp_path))).exit_code == 0
    table = with_dir(data_dir, "income", "--area", "Minnesota")
    assert table.exit_code == 0, table.stderr
    lines = table.stdout.splitlines()
    median = next(line for line in lines if "Median, a year" in line)
    assert median.index("$50,798") < median.index("$46,180")
    assert "at least $239,200" in table.stdout
    for text in ("state_M2024_dl.csv", "May 2024", "10% above", "secondary"):
        assert text in table.stdout, text

    data = json.loads(with_dir(data_dir, "income", "--area", "MN", "--format", "json").stdout)
    pay = data["occupations"][0]
    assert data["area"] == {"name": "Minnesota", "code": "27", "type": "state"}
    assert pay["local"][0]["annual"]["median"] == 50798
    assert pay["local"][0]["annual"]["marks"] == {"p90": "#"}
    assert (pay["local"][0]["release"], pay["local"][0]["file"]) == (
        "May 2024",
        "state_M2024_dl.csv",
    )
    assert (pay["national"]["annual"]["median"], pay["national"]["source"]) == (
        46180,
        "github-bls-2024",
    )
    assert pay["difference"] == EXPECTED

    rows = csv_table(with_dir(data_dir, "income", "--area", "mn", "--format", "csv").stdout)
    assert rows[0] == ["", "Minnesota", "United States"]
    assert ["Median, a year", "$50,798", "$46,180"] in rows
    assert ["Release", "May 2024", "May 2024"] in rows
    assert [
        "Source",
        "BLS OEWS state estimates, May 2024, file state_M2024_dl.csv, row 3",
        "BLS OEWS national estimates, May 2024, reported by a secondary source [1]",
    ] in rows
    assert ["How they differ", EXPECTED, ""] in rows

    for fmt in ("markdown", "html"):
        page = with_dir(data_dir, "income", "--area", "MINNESOTA", "--format", fmt).stdout
        for text in ("Minnesota", "$50,798", "$46,180", "May 2024", "state_M2024_dl.csv", EXPECTED):
            assert text in page, (fmt, text)


def test_compare_area_adds_one_line_to_the_income_row(tmp_path: Path, data_dir: Path) -> None:
    assert wages_import(data_dir, str(state_csv(tmp_path))).exit_code == 0
    shown = with_dir(data_dir, "compare", "--area", "MN", "--format", "markdown")
    assert shown.exit_code == 0, shown.stderr
    line = "Minnesota, May 2024 median $50,798, 10% above national (state_M2024_dl.csv)"
    assert line in shown.stdout


def test_an_unknown_area_gets_a_did_you_mean(tmp_path: Path, data_dir: Path) -> None:
    assert wages_import(data_dir, str(state_csv(tmp_path))).exit_code == 0
    result = with_dir(data_dir, "income", "--area", "Minesota")
    assert result.exit_code == 2
    assert "no wages for an area called 'Minesota' (did you mean 'Minnesota'?)" in result.stderr
    assert result.stdout == ""


def test_without_an_import_area_says_how_to_get_the_file() -> None:
    result = invoke_main("income", "--area", "MN")
    assert result.exit_code == 2
    assert "https://www.bls.gov/oes/tables.htm" in result.stderr
    assert "fitcareer wages import state_M2024_dl.xlsx" in result.stderr
    compare = invoke_main("compare", "--area", "Minnesota")
    assert compare.exit_code == 2
    assert "fitcareer wages import" in compare.stderr


def test_wages_without_an_import_lists_the_shipped_figures_and_the_hint(user_data: Path) -> None:
    result = invoke_main("wages")
    assert result.exit_code == 0, result.stderr
    assert f"No wages imported yet ({user_data / 'wages.yaml'}, the user data" in result.stdout
    assert "https://www.bls.gov/oes/tables.htm" in result.stdout
    assert "Vermont" in result.stdout


def test_shipped_vermont_percentiles_are_shown_with_their_source() -> None:
    result = invoke_main("income", "--area", "VT")
    assert result.exit_code == 0, result.stderr
    assert "$65,710" in result.stdout
    assert "Vermont Occupational Employment and Wages, 2023" in result.stdout


def test_a_file_that_is_not_an_oews_table_writes_nothing(tmp_path: Path, data_dir: Path) -> None:
    other = write_csv(tmp_path / "budget.csv", [["item", "cost"], ["rent", "900"]])
    result = wages_import(data_dir, str(other))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "not an OEWS table" in result.stderr
    assert list(data_dir.iterdir()) == []


def test_a_file_without_the_occupation_writes_nothing(tmp_path: Path, data_dir: Path) -> None:
    coaches = record(**{**MINNESOTA, "OCC_CODE": "27-2022", "OCC_TITLE": "Coaches and Scouts"})
    result = wages_import(data_dir, str(state_csv(tmp_path, "state_M2024_dl.csv", coaches)))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "no rows for 39-9031" in result.stderr
    assert list(data_dir.iterdir()) == []


def test_another_occupation_is_kept_when_asked(tmp_path: Path, data_dir: Path) -> None:
    athletic = record(**{**MINNESOTA, "OCC_CODE": "29-9091", "OCC_TITLE": "Athletic Trainers"})
    table = str(state_csv(tmp_path, "state_M2024_dl.csv", MINNESOTA, athletic))
    result = wages_import(data_dir, table, "--occupation", "39-9031", "--occupation", "29-9091")
    assert result.exit_code == 0, result.stderr
    shown = with_dir(data_dir, "income", "--area", "MN").stdout
    assert "Athletic Trainers (29-9091)" in shown


def test_a_release_the_name_does_not_give_must_be_said(tmp_path: Path, data_dir: Path) -> None:
    table = str(state_csv(tmp_path, "minnesota.csv"))
    result = wages_import(data_dir, table)
    assert result.exit_code == 2
    assert "--release 'May 2024'" in result.stderr
    assert list(data_dir.iterdir()) == []
    assert wages_import(data_dir, table, "--release", "May 2024").exit_code == 0


@needs_calamine
def test_an_xlsx_state_table_imports(tmp_path: Path, data_dir: Path) -> None:
    rows = as_spreadsheet(rows_of(STATE, [TEXAS, MINNESOTA]))
    path = write_xlsx(tmp_path / "state_M2024_dl.xlsx", ("state_M2024_dl", rows, 1))
    assert wages_import(data_dir, str(path)).exit_code == 0
    shown = with_dir(data_dir, "income", "--area", "Minnesota").stdout
    assert "file state_M2024_dl.xlsx" in shown
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
    assert "Vermont, 2023 median $65,710 [" in pay
    data = json.loads(
        invoke_main("quiz", "--answers", str(answers), "--area", "VT", "--format", "json").stdout
    )
    assert data["area_pay"].startswith("Vermont, 2023 median $65,710")
    hire = invoke_main("quiz", "--hire", "--area", "VT", "--answers", str(answers))
    assert hire.exit_code == 2 and hire.stderr.count("\n") == 1
