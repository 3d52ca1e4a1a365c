"""`fitcareer wages import` of what BLS serves as it serves it: the zipped downloads of
https://www.bls.gov/oes/tables.htm (a folder holding the table, a field-descriptions file
beside it), and the time-series flat files of https://download.bls.gov/pub/time.series/oe/
(`oe.data.0.Current` with `oe.area`, `oe.occupation` and the rest). Every fixture is
written here in BLS's published layout; the figures are May 2025's for 39-9031 where a
test needs no other."""

from __future__ import annotations

import io
import os
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import fuzz, interrupted, invoke_main, needs_calamine, one_error, run
from fitcareer.data import oews_flat
from fitcareer.data.oews_flat import Line, LineError, parse_line
from test_loader_oews import (
    ALL_DATA,
    STATE,
    TEXAS,
    as_spreadsheet,
    record,
    rows_of,
    xlsx_bytes,
)
from test_wages_import_safety import FAR, sheet, workbook

FIELDS = [
    ["Field", "Field Description"],
    ["area", "U.S. (99), state FIPS code, Metropolitan Statistical Area (MSA) code"],
    ["area_title", "Area name"],
    [
        "area_type",
        "Area type: 1= U.S.; 2= State; 3= U.S. Territory; 4= MSA; 6= Nonmetropolitan Area",
    ],
    ["prim_state", "The primary state for the given area"],
    ["naics", "North American Industry Classification System (NAICS) code"],
    ["naics_title", "NAICS title"],
    ["i_group", "Industry level"],
    ["own_code", "Ownership type"],
    ["occ_code", "The 6-digit Standard Occupational Classification (SOC) code"],
    ["occ_title", "SOC title"],
]
"""A field-descriptions file as BLS puts one beside the table: it lists `occ_code` among
its first ten rows, but it is no table."""

MINNESOTA = record(
    AREA="27",
    AREA_TITLE="Minnesota",
    AREA_TYPE="2",
    PRIM_STATE="MN",
    TOT_EMP="7,010",
    H_MEAN="22.21",
    A_MEAN="46,190",
    H_PCT10="14.26",
    H_PCT25="15.46",
    H_MEDIAN="20.97",
    H_PCT75="24.53",
    H_PCT90="32.05",
    A_PCT10="29,660",
    A_PCT25="32,150",
    A_MEDIAN="43,620",
    A_PCT75="51,020",
    A_PCT90="66,650",
)
MINNEAPOLIS = record(
    AREA="33460",
    AREA_TITLE="Minneapolis-St. Paul-Bloomington, MN-WI",
    AREA_TYPE="4",
    PRIM_STATE="MN",
    TOT_EMP="5,530",
    A_MEDIAN="44,790",
)
SOUTHEAST = record(
    AREA="2700004",
    AREA_TITLE="Southeast Minnesota nonmetropolitan area",
    AREA_TYPE="6",
    PRIM_STATE="MN",
    TOT_EMP="300",
    A_MEDIAN="37,510",
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mydata"
    folder.mkdir()
    return folder


def wages_import(data_dir: Path, path: Path, *args: str):  # type: ignore[no-untyped-def]
    return invoke_main("--data-dir", str(data_dir), "wages", "import", str(path), *args)


def imported(data_dir: Path) -> dict[str, Any]:
    """The written wages.yaml's tables by kind of area."""
    text = (data_dir / "wages.yaml").read_text(encoding="utf-8")
    return {t["area_type"]: t for t in yaml.safe_load(text)["tables"]}


def area(tables: dict[str, Any], kind: str, code: str) -> dict[str, Any]:
    (found,) = [r for r in tables[kind]["areas"] if r["area"] == code]
    return dict(found)


def refused(result, path: Path, data_dir: Path) -> str:  # type: ignore[no-untyped-def]
    """The one line an import refused with (exit 1), having written nothing."""
    line = one_error(result, 1)
    assert result.stdout == ""
    assert line.startswith(f"fitcareer: {path}")
    assert list(data_dir.iterdir()) == []
    return line


def zipped(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip as BLS serves one: each member under the folder named in its path."""
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def csv_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    return "".join(
        ",".join(f'"{c}"' if "," in str(c) else str(c) for c in r) + "\r\n" for r in rows
    ).encode()


# --- zipped downloads ---------------------------------------------------------------------


@needs_calamine
def test_a_state_zip_imports_the_table_in_its_folder(tmp_path: Path, data_dir: Path) -> None:
    table = xlsx_bytes([("state_M2025_dl", as_spreadsheet(rows_of(STATE, [TEXAS, MINNESOTA])), 1)])
    fields = xlsx_bytes([("Field Descriptions", FIELDS, 1)])
    path = zipped(
        tmp_path / "oesm25st.zip",
        {
            "oesm25st/": b"",
            "oesm25st/file_descriptions.xlsx": fields,
            "oesm25st/state_M2025_dl.xlsx": table,
        },
    )
    result = wages_import(data_dir, path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert (
        "Imported May 2025 state wages (2 rows of 2) from state_M2025_dl.xlsx in oesm25st.zip"
        in result.stdout
    )
    state = imported(data_dir)["state"]
    assert (state["release"], state["file"], state["url"]) == (
        "May 2025",
        "state_M2025_dl.xlsx",
        "https://www.bls.gov/oes/tables.htm",
    )
    minnesota = area(imported(data_dir), "state", "27")
    assert minnesota["annual"]["median"] == 43620
    assert minnesota["state"] == "MN"


@needs_calamine
def test_a_zip_gives_the_same_wages_as_the_table_in_it(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    data = xlsx_bytes([("state_M2025_dl", as_spreadsheet(rows_of(STATE, [TEXAS, MINNESOTA])), 1)])
    path = zipped(tmp_path / "oesm25st.zip", {"oesm25st/state_M2025_dl.xlsx": data})
    table = tmp_path / "state_M2025_dl.xlsx"
    table.write_bytes(data)
    one, other = tmp_path_factory.mktemp("zip"), tmp_path_factory.mktemp("xlsx")
    assert wages_import(one, path).exit_code == 0
    assert wages_import(other, table).exit_code == 0
    assert (one / "wages.yaml").read_bytes() == (other / "wages.yaml").read_bytes()


def test_an_older_zip_with_a_csv_table_and_an_xls_beside_it_imports(
    tmp_path: Path, data_dir: Path
) -> None:
    national = record(TOT_EMP="245,610", A_MEDIAN="31,090")
    old_xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    path = zipped(
        tmp_path / "oesm12nat.zip",
        {
            "oesm12nat/field_descriptions.xls": old_xls,
            "oesm12nat/national_M2012_dl.csv": csv_bytes(rows_of(ALL_DATA, [national])),
        },
    )
    result = wages_import(data_dir, path)
    assert result.exit_code == 0, result.stderr
    assert (
        "May 2012 national wages (1 row of 1) from national_M2012_dl.csv in oesm12nat.zip"
        in result.stdout
    )
    assert area(imported(data_dir), "national", "99")["employment"] == 245610


def test_an_area_zip_imports_its_metropolitan_and_nonmetropolitan_tables(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # the CSVs need no extra
    path = zipped(
        tmp_path / "oesm25ma.zip",
        {
            "oesm25ma/file_descriptions.xlsx": xlsx_bytes([("Field Descriptions", FIELDS, 1)]),
            "oesm25ma/MSA_M2025_dl.csv": csv_bytes(rows_of(ALL_DATA, [MINNEAPOLIS])),
            "oesm25ma/BOS_M2025_dl.csv": csv_bytes(rows_of(ALL_DATA, [SOUTHEAST])),
        },
    )
    result = wages_import(data_dir, path)
    assert result.exit_code == 0, result.stderr
    assert (
        "Imported May 2025 metro, nonmetro wages (2 rows of 2) from BOS_M2025_dl.csv and "
        "MSA_M2025_dl.csv in oesm25ma.zip"
    ) in result.stdout
    tables = imported(data_dir)
    assert area(tables, "metro", "33460")["name"] == "Minneapolis-St. Paul-Bloomington, MN-WI"
    assert area(tables, "nonmetro", "2700004")["employment"] == 300
    shown = invoke_main("--data-dir", str(data_dir), "income", "--area", "southeast minnesota")
    assert shown.exit_code == 0, shown.stderr
    assert "$37,510" in shown.stdout


def test_a_zip_of_workbooks_without_the_extra_says_how_to_get_it(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "python_calamine", None)
    table = xlsx_bytes([("state_M2025_dl", as_spreadsheet(rows_of(STATE, [MINNESOTA])), 1)])
    fields = xlsx_bytes([("Field Descriptions", FIELDS, 1)])
    path = zipped(
        tmp_path / "oesm25st.zip",
        {"oesm25st/file_descriptions.xlsx": fields, "oesm25st/state_M2025_dl.xlsx": table},
    )
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert (
        "reading XLSX needs python-calamine (the xlsx extra): pip install python-calamine" in line
    )


@pytest.mark.parametrize(
    "members",
    [
        {"oesm25st/readme.txt": b"OEWS May 2025"},
        {"oesm25st/file_descriptions.xlsx": xlsx_bytes([("Field Descriptions", FIELDS, 1)])},
        {"oesm25st/budget.csv": b"item,cost\r\nrent,900\r\n"},
        {},
    ],
    ids=["a text file", "field descriptions only", "another CSV", "nothing"],
)
def test_a_zip_without_an_oews_table_is_refused_in_one_line(
    tmp_path: Path, data_dir: Path, members: dict[str, bytes]
) -> None:
    path = zipped(tmp_path / "oesm25st.zip", members)
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert line.startswith(f"fitcareer: {path}: no OEWS table in the zip")


def test_a_zip_of_a_table_without_the_occupation_says_so(tmp_path: Path, data_dir: Path) -> None:
    coaches = record(OCC_CODE="27-2022", OCC_TITLE="Coaches and Scouts")
    path = zipped(
        tmp_path / "oesm25nat.zip",
        {"oesm25nat/national_M2025_dl.csv": csv_bytes(rows_of(ALL_DATA, [coaches]))},
    )
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert (
        line
        == f"fitcareer: {path}/oesm25nat/national_M2025_dl.csv: no rows for 39-9031: this table does not have the occupation"
    )


def test_a_zip_bomb_inside_a_download_is_refused_before_it_is_unpacked(
    tmp_path: Path, data_dir: Path
) -> None:
    bomb = b"39-9031," + b"0" * (16 << 20)
    path = zipped(tmp_path / "oesm25st.zip", {"oesm25st/state_M2025_dl.csv": bomb})
    assert path.stat().st_size < 1 << 20
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert "zip bomb" in line


def test_a_zip_inside_the_zip_is_refused_and_never_opened(tmp_path: Path, data_dir: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("state_M2025_dl.csv", b"0" * (8 << 20))
    path = zipped(
        tmp_path / "oesm25st.zip",
        {
            "oesm25st/state_M2025_dl.csv": csv_bytes(rows_of(STATE, [MINNESOTA])),
            "oesm25st/more.zip": inner.getvalue(),
        },
        zipfile.ZIP_STORED,
    )
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert "zip inside the zip (oesm25st/more.zip)" in line


@needs_calamine
def test_a_hostile_workbook_in_a_zip_meets_every_workbook_check(
    tmp_path: Path, data_dir: Path
) -> None:
    hostile = workbook(tmp_path / "x.xlsx", sheet(FAR, "A1:C2")).read_bytes()
    path = zipped(tmp_path / "oesm25st.zip", {"oesm25st/state_M2025_dl.xlsx": hostile})
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert line.startswith(f"fitcareer: {path}/oesm25st/state_M2025_dl.xlsx: too large to load:")
    assert "1,048,576 rows by 16,384 columns" in line


def test_a_damaged_zip_is_refused_in_one_line(tmp_path: Path, data_dir: Path) -> None:
    good = zipped(
        tmp_path / "whole.zip",
        {"oesm25st/state_M2025_dl.csv": csv_bytes(rows_of(STATE, [MINNESOTA]))},
    )
    path = tmp_path / "oesm25st.zip"
    data = bytearray(good.read_bytes())
    start = 30 + len("oesm25st/state_M2025_dl.csv")  # the member's packed bytes
    data[start + 4 : start + 24] = bytes(20)
    path.write_bytes(bytes(data))
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert line.startswith(f"fitcareer: {path}: not a readable zip (truncated or damaged?): ")


def _unpacking(pid: int, folder: Path) -> bool:
    """Whether the process has a file open in ``folder``."""
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(fds / fd).startswith(str(folder)) for fd in os.listdir(fds))
    except OSError:
        return False


@pytest.mark.skipif(sys.platform == "win32", reason="signals are POSIX")
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the file open")
def test_ctrl_c_while_a_zip_is_read_leaves_no_unpacked_file(tmp_path: Path, data_dir: Path) -> None:
    head = "OCC_CODE,OCC_TITLE,AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,TOT_EMP,H_MEDIAN,A_MEDIAN\n"
    other = "11-1011,Chief Executives,48,Texas,2,TX,20000,100.00,208000\n"
    path = zipped(
        tmp_path / "oesm25st.zip",
        {"oesm25st/state_M2025_dl.csv": (head + other * 2_000_000).encode()},
        zipfile.ZIP_STORED,
    )
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    code, out, err = interrupted(
        ["--data-dir", str(data_dir), "wages", "import", str(path)],
        lambda pid: _unpacking(pid, scratch),
        {**os.environ, "TMPDIR": str(scratch)},
    )
    assert code == 130, err.decode()
    assert err.decode().strip() == "fitcareer: interrupted"
    assert out == b""
    assert list(scratch.iterdir()) == []
    assert list(data_dir.iterdir()) == []


# --- flat files -----------------------------------------------------------------------------

DATATYPES = [
    ("01", "Employment"),
    ("02", "Employment percent relative standard error"),
    ("03", "Hourly mean wage"),
    ("04", "Annual mean wage"),
    ("05", "Wage percent relative standard error"),
    ("06", "Hourly 10th percentile wage"),
    ("07", "Hourly 25th percentile wage"),
    ("08", "Hourly median wage"),
    ("09", "Hourly 75th percentile wage"),
    ("10", "Hourly 90th percentile wage"),
    ("11", "Annual 10th percentile wage"),
    ("12", "Annual 25th percentile wage"),
    ("13", "Annual median wage"),
    ("14", "Annual 75th percentile wage"),
    ("15", "Annual 90th percentile wage"),
    ("16", "Employment per 1,000 jobs"),
    ("17", "Location Quotient"),
]
FOOTNOTES = [
    (
        "1",
        "Estimates for detailed occupations do not sum to the totals because the totals include occupations not shown separately. Estimates do not include self-employed workers.",
    ),
    (
        "2",
        "Annual wages have been calculated by multiplying the hourly wages by 2,080 hours; for occupations where hourly wages are not published, annual wages were taken directly from the reported survey data.",
    ),
    (
        "3",
        "The relative standard error (RSE) is a measure of the reliability of a survey statistic. The smaller the relative standard error, the more precise the estimate.",
    ),
    (
        "4",
        "Wages for some occupations that do not generally work year-round, full time, are reported either as hourly wages or annual salaries depending on how they are typically paid.",
    ),
    ("5", "This wage is equal to or greater than $115.00 per hour or $239,200 per year."),
    ("8", "Estimate not released."),
]
AREAS = [
    ("00", "0000000", "N", "National"),
    ("27", "0020260", "M", "Duluth, MN-WI"),
    ("27", "0033460", "M", "Minneapolis-St. Paul-Bloomington, MN-WI"),
    ("27", "2700000", "S", "Minnesota"),
    ("27", "2700004", "M", "Southeast Minnesota nonmetropolitan area"),
    ("72", "0041980", "M", "San Juan-Bayamon-Caguas, PR"),
    ("72", "7200000", "S", "Puerto Rico"),
]
"""oe.area's rows for these tests, as BLS writes them (sorted by state, then area)."""
OCCUPATIONS = [
    ("111011", "Chief Executives", "3"),
    ("399031", "Exercise Trainers and Group Fitness Instructors", "3"),
]

TRAINERS = "399031"
FIGURES: dict[tuple[str, str], str] = {
    ("N", "0000000"): "322930 1.3 25.20 52420 1.0 13.85 16.96 22.67 29.68 39.95 28800 35280 "
    "47160 61730 83100",
    ("S", "2700000"): "7010 10.4 22.21 46190 5.6 14.26 15.46 20.97 24.53 32.05 29660 32150 "
    "43620 51020 66650 2.377 1.14",
    ("M", "0033460"): "5530 11.6 22.73 47270 6.4 14.30 15.28 21.54 25.57 34.69 29740 31780 "
    "44790 53190 72160 2.833 1.36",
    ("M", "2700004"): "300 11.2 19.86 41300 2.7 13.60 14.16 18.03 22.24 27.65 28290 29450 "
    "37510 46260 57500 1.915 0.92",
    ("S", "7200000"): "260 25.1 11.35 23600 5.6 10.50 10.58 10.59 10.68 14.51 21840 22010 "
    "22020 22220 30180 0.282 0.14",
}
"""May 2025's cross-industry figures for 39-9031 by datatype 01 to 17 (the nation has no 16, 17)."""


def series_id(
    kind: str, code: str, occupation: str, datatype: str, industry: str = "000000"
) -> str:
    return f"OEU{kind}{code}{industry}{occupation}{datatype}"


def data_line(
    series: str, value: str, notes: str = "", year: str = "2025", period: str = "A01"
) -> str:
    """One line as BLS writes it: the series padded to 30, the value right-aligned in 12."""
    return f"{series:<30}\t{year}\t{period}\t{value:>12}\t{notes}\r\n"


def table_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    return "".join("\t".join(r) + "\r\n" for r in [header, *rows])


def trainer_lines(changed: dict[tuple[str, str, str], tuple[str, str]] | None = None) -> list[str]:
    """Every figure of FIGURES, sorted by series as BLS sorts them; ``changed`` gives some
    (area type, area, datatype) a value and footnotes of their own."""
    changed = changed or {}
    lines = []
    for (kind, code), values in sorted(FIGURES.items(), key=lambda item: item[0][0] + item[0][1]):
        for number, value in enumerate(values.split(), start=1):
            datatype = f"{number:02d}"
            value, notes = changed.get((kind, code, datatype), (value, ""))
            lines.append(data_line(series_id(kind, code, TRAINERS, datatype), value, notes))
    return lines


NOISE = [
    data_line(series_id("N", "0000000", "111011", "13"), "206420"),
    data_line(series_id("N", "0000000", TRAINERS, "13", industry="713940"), "48140"),
    data_line(series_id("N", "0000000", TRAINERS, "13", industry="000001"), "47150"),
    data_line(series_id("S", "2700000", "111011", "15"), "-", "5"),
]
"""Lines an import of 39-9031 passes over: another occupation, and industry-specific rows."""


def flat_files(
    folder: Path,
    lines: Sequence[str],
    *,
    areas: Sequence[tuple[str, str, str, str]] = AREAS,
    release: tuple[str, str] | None = ("2025A01", "May 2025"),
    skip: Sequence[str] = (),
) -> Path:
    """BLS's flat files in ``folder``; the data file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "oe.data.0.Current": f"{'series_id':<30}\tyear\tperiod\t{'value':>12}\tfootnote_codes\r\n"
        + "".join(lines),
        "oe.area": table_text(["state_code", "area_code", "areatype_code", "area_name"], areas),
        "oe.occupation": table_text(
            ["occupation_code", "occupation_name", "display_level", "selectable", "sort_sequence"],
            [(*o, "T", str(i)) for i, o in enumerate(OCCUPATIONS, start=1)],
        ),
        "oe.datatype": table_text(["datatype_code", "datatype_name"], DATATYPES),
        "oe.footnote": table_text(["footnote_code", "footnote_text"], FOOTNOTES),
    }
    if release is not None:
        files["oe.release"] = table_text(["release_date", "description"], [release])
    for name, text in files.items():
        if name not in skip:
            (folder / name).write_bytes(text.encode("ascii"))
    return folder / "oe.data.0.Current"


def test_the_flat_files_import_every_kind_of_area_with_the_release(
    tmp_path: Path, data_dir: Path
) -> None:
    data = flat_files(tmp_path / "oe", NOISE[:2] + trainer_lines() + NOISE[2:])
    result = wages_import(data_dir, data)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(
        "Imported May 2025 national, state, territory, metro, nonmetro wages (5 rows of 87) "
        "from BLS's flat files (oe.data.0.Current) into "
    )
    tables = imported(data_dir)
    for table in tables.values():
        assert (table["release"], table["date"], table["file"], table["url"]) == (
            "May 2025",
            "2025-05",
            "oe.data.0.Current",
            "https://download.bls.gov/pub/time.series/oe/",
        )
        assert "BLS's time-series flat files" in str(table["note"])
    national = area(tables, "national", "99")
    assert national["employment"] == 322930
    assert national["annual"] == {
        "mean": 52420,
        "p10": 28800,
        "p25": 35280,
        "median": 47160,
        "p75": 61730,
        "p90": 83100,
    }
    assert national["hourly"]["median"] == 22.67
    assert "state" not in national
    minnesota = area(tables, "state", "27")
    assert (minnesota["name"], minnesota["state"], minnesota["occupation_title"]) == (
        "Minnesota",
        "MN",
        "Exercise Trainers and Group Fitness Instructors",
    )
    assert area(tables, "metro", "33460")["state"] == "MN"
    assert area(tables, "nonmetro", "2700004")["annual"]["median"] == 37510
    assert area(tables, "territory", "72")["name"] == "Puerto Rico"
    shown = invoke_main("--data-dir", str(data_dir), "income", "--area", "MN")
    assert shown.exit_code == 0, shown.stderr
    median = next(line for line in shown.stdout.splitlines() if "Median, a year" in line)
    assert median.index("$43,620") < median.index("$47,160")
    assert "file oe.data.0.Current, row" in shown.stdout


def test_the_folder_of_flat_files_imports_as_its_data_file_does(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    data = flat_files(tmp_path / "oe", trainer_lines())
    one, other = tmp_path_factory.mktemp("file"), tmp_path_factory.mktemp("folder")
    assert wages_import(one, data).exit_code == 0
    result = wages_import(other, data.parent)
    assert result.exit_code == 0, result.stderr
    assert (one / "wages.yaml").read_bytes() == (other / "wages.yaml").read_bytes()


def test_top_coded_and_unreleased_figures_keep_their_meaning(
    tmp_path: Path, data_dir: Path
) -> None:
    changed = {
        ("S", "2700000", "10"): ("-", "5"),
        ("S", "2700000", "15"): ("-", "5"),
        ("M", "0033460", "01"): ("-", "8"),
        ("M", "0033460", "02"): ("-", "8"),
        ("M", "0033460", "03"): ("-", "8"),
        ("M", "0033460", "04"): ("-", "8"),
    }
    data = flat_files(tmp_path / "oe", trainer_lines(changed))
    assert wages_import(data_dir, data).exit_code == 0
    tables = imported(data_dir)
    minnesota = area(tables, "state", "27")
    assert minnesota["annual"]["marks"] == {"p90": "#"}
    assert "p90" not in minnesota["annual"]
    metro = area(tables, "metro", "33460")
    assert "employment" not in metro
    assert metro["hourly"]["marks"] == {"mean": "*"}
    assert metro["annual"]["median"] == 44790
    shown = invoke_main("--data-dir", str(data_dir), "income", "--area", "Minnesota")
    assert "at least the top-coded limit" in shown.stdout
    metro_pay = invoke_main("--data-dir", str(data_dir), "income", "--area", "Minneapolis")
    assert "not available" in metro_pay.stdout


def test_a_release_with_a_known_limit_gives_the_top_coded_figure(
    tmp_path: Path, data_dir: Path
) -> None:
    changed = {("S", "2700000", "15"): ("-", "5")}
    lines = [line.replace("\t2025\t", "\t2024\t") for line in trainer_lines(changed)]
    data = flat_files(tmp_path / "oe", lines, release=("2024A01", "May 2024"))
    result = wages_import(data_dir, data)
    assert result.exit_code == 0, result.stderr
    annual = area(imported(data_dir), "state", "27")["annual"]
    assert (annual["p90"], annual["marks"]) == (239200, {"p90": "#"})


def test_without_oe_release_the_annual_period_is_may_of_its_year(
    tmp_path: Path, data_dir: Path
) -> None:
    data = flat_files(tmp_path / "oe", trainer_lines(), release=None)
    result = wages_import(data_dir, data)
    assert result.exit_code == 0, result.stderr
    assert "Imported May 2025 " in result.stdout


def test_an_annual_only_occupation_is_marked_so(tmp_path: Path, data_dir: Path) -> None:
    changed = {("N", "0000000", dt): ("-", "4") for dt in ("03", "06", "07", "08", "09", "10")}
    data = flat_files(tmp_path / "oe", trainer_lines(changed))
    assert wages_import(data_dir, data).exit_code == 0
    hourly = area(imported(data_dir), "national", "99")["hourly"]
    assert hourly == {"marks": dict.fromkeys(("mean", "p10", "p25", "median", "p75", "p90"), "*")}


def test_an_area_missing_from_oe_area_is_one_clear_line(tmp_path: Path, data_dir: Path) -> None:
    areas = [a for a in AREAS if a[1] != "0033460"]
    data = flat_files(tmp_path / "oe", trainer_lines(), areas=areas)
    first = 2 + sorted(FIGURES).index(("M", "0033460")) * 17
    line = refused(wages_import(data_dir, data), data, data_dir)
    assert line == (
        f"fitcareer: {data}:{first}: area 0033460 is not in oe.area beside it "
        "(are the files from one release?)"
    )


@pytest.mark.parametrize("missing", ["oe.area", "oe.occupation"])
def test_a_missing_file_beside_the_data_is_named(
    tmp_path: Path, data_dir: Path, missing: str
) -> None:
    data = flat_files(tmp_path / "oe", trainer_lines(), skip=[missing])
    line = refused(wages_import(data_dir, data), data, data_dir)
    assert f"{missing} is missing beside it" in line
    assert "https://download.bls.gov/pub/time.series/oe/" in line


def test_files_of_two_releases_are_refused(tmp_path: Path, data_dir: Path) -> None:
    data = flat_files(tmp_path / "oe", trainer_lines(), release=("2024A01", "May 2024"))
    release = data.parent / "oe.release"
    line = refused(wages_import(data_dir, data), release, data_dir)
    assert "names release 2024A01, but the data is for 2025A01" in line


def test_a_bad_figure_in_a_kept_line_names_its_line(tmp_path: Path, data_dir: Path) -> None:
    data = flat_files(tmp_path / "oe", trainer_lines({("N", "0000000", "13"): ("47,160", "")}))
    line = refused(wages_import(data_dir, data), data, data_dir)
    assert line.startswith(f"fitcareer: {data}:")
    assert "value: not a number or '-': '47,160'" in line


def test_flat_files_without_the_occupation_say_so(tmp_path: Path, data_dir: Path) -> None:
    data = flat_files(tmp_path / "oe", NOISE)
    line = refused(wages_import(data_dir, data), data, data_dir)
    assert line == f"fitcareer: {data}: no cross-industry lines for 39-9031 in this file"


def test_a_file_that_is_not_a_data_file_is_refused(tmp_path: Path, data_dir: Path) -> None:
    data = flat_files(tmp_path / "oe", trainer_lines())
    data.write_text("area_code\tarea_name\r\n", encoding="ascii")
    line = refused(wages_import(data_dir, data), data, data_dir)
    assert "not a BLS time-series data file" in line


def test_a_folder_without_flat_files_and_all_industries_are_usage_errors(
    tmp_path: Path, data_dir: Path
) -> None:
    empty = tmp_path / "downloads"
    empty.mkdir()
    line = one_error(wages_import(data_dir, empty), 2)
    assert "without BLS's flat files (oe.data.0.Current)" in line
    data = flat_files(tmp_path / "oe", trainer_lines())
    line = one_error(wages_import(data_dir, data, "--all-industries"), 2)
    assert "cross-industry rows only" in line
    assert list(data_dir.iterdir()) == []


def test_a_file_beside_the_data_is_not_the_one_to_give(tmp_path: Path, data_dir: Path) -> None:
    data = flat_files(tmp_path / "oe", trainer_lines())
    line = one_error(wages_import(data_dir, data.parent / "oe.area"), 2)
    assert "one of BLS's flat files: import the data file beside it (oe.data.0.Current)" in line


def test_other_occupations_are_kept_when_asked(tmp_path: Path, data_dir: Path) -> None:
    data = flat_files(tmp_path / "oe", NOISE + trainer_lines())
    result = wages_import(data_dir, data, "--occupation", "11-1011", "--occupation", "39-9031")
    assert result.exit_code == 0, result.stderr
    rows = imported(data_dir)["national"]["areas"]
    assert [(r["occupation"], r["occupation_title"]) for r in rows] == [
        ("11-1011", "Chief Executives"),
        ("39-9031", "Exercise Trainers and Group Fitness Instructors"),
    ]


def big_flat_files(folder: Path) -> Path:
    """Flat files over a megabyte: a progress bar's worth."""
    filler = [
        data_line(series_id("N", "0000000", "111011", f"{i % 17 + 1:02d}"), str(i))
        for i in range(25_000)
    ]
    data = flat_files(folder, filler + trainer_lines())
    assert data.stat().st_size > 1_000_000
    return data


def test_a_large_import_says_nothing_more_on_a_pipe(tmp_path: Path, data_dir: Path) -> None:
    result = run(
        "--data-dir",
        str(data_dir),
        "wages",
        "import",
        str(big_flat_files(tmp_path / "oe")),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("Imported May 2025 ")


@pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX terminal")
def test_a_large_import_shows_progress_at_a_terminal(tmp_path: Path, data_dir: Path) -> None:
    data = big_flat_files(tmp_path / "oe")
    exe = str(Path(sys.executable).parent / "fitcareer")
    child = pexpect.spawn(
        exe,
        ["--data-dir", str(data_dir), "wages", "import", str(data.parent)],
        env={**os.environ, "TERM": "xterm", "COLUMNS": "80"},
        encoding="utf-8",
        timeout=120,
    )
    child.expect("reading oe.data.0.Current")
    child.expect("Imported May 2025 ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@fuzz(25)
@given(chunk=st.integers(1, 300))
def test_lines_across_the_reads_are_found_whole(
    tmp_path_factory: pytest.TempPathFactory, chunk: int
) -> None:
    data = flat_files(tmp_path_factory.mktemp("oe"), NOISE + trainer_lines())
    whole = oews_flat.read(data, ["39-9031", "11-1011"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(oews_flat, "_CHUNK", chunk)
        assert oews_flat.read(data, ["39-9031", "11-1011"]) == whole
    assert (len(whole.rows), whole.rows_read) == (7, 87)


# --- the line parser ----------------------------------------------------------------------


def code(size: int, alphabet: str = "0123456789") -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=size, max_size=size)


lines = st.builds(
    Line,
    area_type=st.sampled_from("NSM"),
    area=code(7),
    industry=code(6, "0123456789-"),
    occupation=code(6),
    datatype=code(2),
    year=st.integers(1900, 2099).map(str),
    period=st.builds(
        lambda letter, n: f"{letter}{n:02d}", st.sampled_from("AMQS"), st.integers(0, 99)
    ),
    value=st.one_of(
        st.just("-"),
        st.integers(0, 10**12).map(str),
        st.integers(0, 10**8).map(lambda n: f"{n // 100}.{n % 100:02d}"),
    ),
    footnotes=st.lists(st.sampled_from(["1", "4", "5", "8"]), max_size=3, unique=True).map(tuple),
)


def written(line: Line, padded: bool) -> str:
    series = f"OEU{line.area_type}{line.area}{line.industry}{line.occupation}{line.datatype}"
    if padded:
        series, value = f"{series:<30}", f"{line.value:>12}"
    else:
        value = line.value
    return f"{series}\t{line.year}\t{line.period}\t{value}\t{','.join(line.footnotes)}\r\n"


@fuzz(200)
@given(line=lines, padded=st.booleans())
def test_a_line_in_bls_layout_parses_to_its_fields(line: Line, padded: bool) -> None:
    assert parse_line(written(line, padded)) == line


@fuzz(300)
@given(text=st.text(alphabet=st.sampled_from("OEUNSM0123456789-.,\t \r\nAx#"), max_size=80))
def test_any_other_line_is_a_line_error_or_a_line(text: str) -> None:
    try:
        line = parse_line(text)
    except LineError as e:
        assert str(e)
        return
    assert parse_line(written(line, padded=True)) == line


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("OEUX0000000000000399031013\t2025\tA01\t1\t", "series_id"),
        (f"{'OEUN0000000000000399031013':<30}\t2025\tA01\t$1\t", "series_id"),
        (f"{'OEUN000000000000039903101':<30}\tMay\tA01\t1\t", "year"),
        (f"{'OEUN000000000000039903101':<30}\t2025\t01\t1\t", "period"),
        (f"{'OEUN000000000000039903101':<30}\t2025\tA01\t1e5\t", "value"),
        (f"{'OEUN000000000000039903101':<30}\t2025\tA01\t1\t5;8", "footnote_codes"),
        ("OEUN000000000000039903101 2025 A01 1", "tab-separated"),
    ],
)
def test_a_malformed_line_names_the_field(text: str, field: str) -> None:
    with pytest.raises(LineError, match=field):
        parse_line(text)


def test_is_data_knows_the_file_by_name_or_header() -> None:
    assert oews_flat.is_data("oe.data.0.Current", b"")
    assert oews_flat.is_data("download.txt", b"series_id    \tyear")
    assert not oews_flat.is_data("state_M2025_dl.csv", b"AREA,AREA_TITLE")
