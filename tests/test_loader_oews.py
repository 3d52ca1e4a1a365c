"""The OEWS wage-table reader, on tables the tests write in BLS's published layout: CSV
with upper- and lower-case headers, XLSX written by hand as a zip (inline strings, real
numbers), every special value, rows that must be skipped, and files that are not OEWS
tables at all."""

from __future__ import annotations

import csv
import errno
import io
import math
import os
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import fuzz, needs_calamine
from fitcareer.data import oews
from fitcareer.data.oews import AtLeast, Cell, CellError, NotAvailable, Number, Reason
from fitcareer.errors import DataError, UsageError

ALL_DATA = [
    "AREA",
    "AREA_TITLE",
    "AREA_TYPE",
    "PRIM_STATE",
    "NAICS",
    "NAICS_TITLE",
    "I_GROUP",
    "OWN_CODE",
    "OCC_CODE",
    "OCC_TITLE",
    "O_GROUP",
    "TOT_EMP",
    "EMP_PRSE",
    "JOBS_1000",
    "LOC_QUOTIENT",
    "PCT_TOTAL",
    "PCT_RPT",
    "H_MEAN",
    "A_MEAN",
    "MEAN_PRSE",
    "H_PCT10",
    "H_PCT25",
    "H_MEDIAN",
    "H_PCT75",
    "H_PCT90",
    "A_PCT10",
    "A_PCT25",
    "A_MEDIAN",
    "A_PCT75",
    "A_PCT90",
    "ANNUAL",
    "HOURLY",
]
"""The 32 columns of the all-data table, in published order."""

STATE = [c for c in ALL_DATA if c not in ("AREA_TYPE", "NAICS", "NAICS_TITLE", "I_GROUP")]
"""A state table of a release without AREA_TYPE or industry columns."""

TRAINERS = "Exercise Trainers and Group Fitness Instructors"

NATIONAL: dict[str, object] = {
    "AREA": "99",
    "AREA_TITLE": "U.S.",
    "AREA_TYPE": "1",
    "PRIM_STATE": "US",
    "NAICS": "000000",
    "NAICS_TITLE": "Cross-industry",
    "I_GROUP": "cross-industry",
    "OWN_CODE": "1235",
    "OCC_CODE": "39-9031",
    "OCC_TITLE": TRAINERS,
    "O_GROUP": "detailed",
    "TOT_EMP": "346,280",
    "EMP_PRSE": "1.4",
    "JOBS_1000": "",
    "LOC_QUOTIENT": "",
    "PCT_TOTAL": "",
    "PCT_RPT": "",
    "H_MEAN": "25.46",
    "A_MEAN": "52,960",
    "MEAN_PRSE": "0.6",
    "H_PCT10": "13.37",
    "H_PCT25": "16.79",
    "H_MEDIAN": "22.15",
    "H_PCT75": "31.01",
    "H_PCT90": "40.68",
    "A_PCT10": "27,800",
    "A_PCT25": "34,920",
    "A_MEDIAN": "46,070",
    "A_PCT75": "64,500",
    "A_PCT90": "84,610",
    "ANNUAL": "",
    "HOURLY": "",
}
"""A cross-industry, all-ownership national row for 39-9031 (figures made up)."""


def record(**fields: object) -> dict[str, object]:
    """The national row with some fields changed."""
    unknown = set(fields) - set(NATIONAL)
    assert not unknown, unknown
    return {**NATIONAL, **fields}


TEXAS = record(
    AREA="48",
    AREA_TITLE="Texas",
    AREA_TYPE="2",
    PRIM_STATE="TX",
    TOT_EMP="24,110",
    H_MEAN="24.02",
    A_MEAN="49,960",
    H_MEDIAN="20.11",
    A_MEDIAN="41,830",
)
AUSTIN = record(
    AREA="12420",
    AREA_TITLE="Austin-Round Rock-San Marcos, TX",
    AREA_TYPE="4",
    PRIM_STATE="TX",
    TOT_EMP="3,050",
)
WEST_TEXAS = record(
    AREA="4800003",
    AREA_TITLE="West Texas Region of Texas nonmetropolitan area",
    AREA_TYPE="6",
    PRIM_STATE="TX",
    TOT_EMP="**",
)
GUAM = record(AREA="66", AREA_TITLE="Guam", AREA_TYPE="3", PRIM_STATE="GU", TOT_EMP="60")
GYMS = record(
    NAICS="713940",
    NAICS_TITLE="Fitness and Recreational Sports Centers",
    I_GROUP="6-digit",
    OWN_CODE="5",
    TOT_EMP="201,590",
    PCT_TOTAL="25.83",
    PCT_RPT="68",
)
PRIVATE = record(OWN_CODE="5", TOT_EMP="300,000")
COACHES = record(OCC_CODE="27-2022", OCC_TITLE="Coaches and Scouts", TOT_EMP="255,510")
ATHLETIC = record(
    OCC_CODE="29-9091",
    OCC_TITLE="Athletic Trainers",
    TOT_EMP="31,070",
    H_MEAN="30.05",
    A_MEAN="62,500",
)


def rows_of(columns: Sequence[str], records: Sequence[dict[str, object]]) -> list[list[object]]:
    return [list(columns), *([r.get(c, "") for c in columns] for r in records)]


def write_csv(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    with path.open("w", newline="", encoding=encoding) as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def sheet_xml(rows: Sequence[Sequence[object]], first_row: int = 1) -> str:
    out = []
    for r, row in enumerate(rows, start=first_row):
        cells = []
        for c, value in enumerate(row):
            ref = f"{column_name(c)}{r}"
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, (int, float)):
                cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
            else:
                text = escape(str(value))
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(out)}</sheetData></worksheet>"
    )


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[Sequence[object]], int]]) -> bytes:
    """A minimal workbook: one worksheet part per (name, rows, first row number)."""
    types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    names = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, (name, _, _) in enumerate(sheets, start=1)
    )
    links = "".join(
        f'<Relationship Id="rId{i}" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{types}</Types>",
        )
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
            f'<Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
            f'xmlns:r="{DOC_RELS}"><sheets>{names}</sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">{links}'
            "</Relationships>",
        )
        for i, (_, rows, first_row) in enumerate(sheets, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", sheet_xml(rows, first_row))
    return buffer.getvalue()


NUMERIC = {
    "TOT_EMP",
    "EMP_PRSE",
    "H_MEAN",
    "A_MEAN",
    "MEAN_PRSE",
    *(f"{p}_{s}" for p in "HA" for s in ("PCT10", "PCT25", "MEDIAN", "PCT75", "PCT90")),
}


def as_spreadsheet(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    """The rows as BLS's XLSX holds them: figures as real numbers, marks as text."""
    header = [str(c) for c in rows[0]]
    out: list[list[object]] = [list(header)]
    for row in rows[1:]:
        cells: list[object] = []
        for name, value in zip(header, row, strict=True):
            text = str(value)
            if name in NUMERIC and text.replace(",", "").replace(".", "").isdigit():
                cells.append(float(text.replace(",", "")))
            else:
                cells.append(value)
        out.append(cells)
    return out


def problem_text(error: pytest.ExceptionInfo[DataError]) -> str:
    return str(error.value)


# --- cell ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("46,180", Number(46180.0)),
        ("1,234,567", Number(1234567.0)),
        ("22.15", Number(22.15)),
        (" 7 ", Number(7.0)),
        ("$52,960", Number(52960.0)),
        (".5", Number(0.5)),
        ("0", Number(0.0)),
        (46180, Number(46180.0)),
        (22.15, Number(22.15)),
        ("*", NotAvailable(Reason.WAGE)),
        ("**", NotAvailable(Reason.EMPLOYMENT)),
        ("~", NotAvailable(Reason.RARE)),
        ("", NotAvailable(Reason.BLANK)),
        ("   ", NotAvailable(Reason.BLANK)),
        (None, NotAvailable(Reason.BLANK)),
        ("#", AtLeast(None)),
        (" # ", AtLeast(None)),
    ],
)
def test_cell_reads_numbers_and_marks(value: object, expected: Cell) -> None:
    assert oews.cell(value) == expected


def test_a_top_coded_cell_is_at_least_the_limit_given() -> None:
    assert oews.cell("#", 239200.0) == AtLeast(239200.0)
    assert oews.cell("#", 115.0) == AtLeast(115.0)
    assert oews.cell("12.50", 115.0) == Number(12.5)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "not a number or an OEWS mark (*, **, #, ~): 'abc'"),
        ("-5", "not a number or an OEWS mark (*, **, #, ~): '-5'"),
        ("1,23", "not a number or an OEWS mark (*, **, #, ~): '1,23'"),
        ("1e5", "not a number or an OEWS mark (*, **, #, ~): '1e5'"),
        ("nan", "not a number or an OEWS mark (*, **, #, ~): 'nan'"),
        ("٣", "not a number or an OEWS mark (*, **, #, ~): '٣'"),
        ("***", "not a number or an OEWS mark (*, **, #, ~): '***'"),
        ("9" * 400, "not a finite number: '" + "9" * 36 + "..."),
        (-1, "negative: -1"),
        (float("nan"), "not a finite number: nan"),
        (float("inf"), "not a finite number: inf"),
        (10**400, "number out of range: " + "1" + "0" * 36 + "..."),
        (True, "not a number: True"),
        (b"12", "not a number: b'12'"),
    ],
)
def test_cell_refuses_anything_else_with_a_value_error(value: object, message: str) -> None:
    with pytest.raises(CellError) as error:
        oews.cell(value)
    assert str(error.value) == message
    assert isinstance(error.value, ValueError)


CELL_LIKE = st.text(alphabet="0123456789,.$#*~ -e", max_size=12)


@fuzz(600)
@given(
    st.one_of(
        st.text(),
        CELL_LIKE,
        st.integers(),
        st.floats(),
        st.none(),
        st.booleans(),
        st.binary(max_size=4),
    ),
    st.one_of(st.none(), st.just(239200.0)),
)
def test_any_cell_gives_a_cell_or_our_value_error(value: object, top: float | None) -> None:
    try:
        result = oews.cell(value, top)
    except CellError as e:
        assert str(e)
        return
    assert isinstance(result, (Number, NotAvailable, AtLeast))
    if isinstance(result, Number):
        assert math.isfinite(result.value)
        assert result.value >= 0
    if isinstance(result, AtLeast):
        assert result.value == top


def test_labels_say_what_a_reader_sees() -> None:
    assert oews.label(Number(22.15), hourly=True) == "$22.15"
    assert oews.label(Number(46180.0), hourly=False) == "$46,180"
    assert oews.label(AtLeast(239200.0), hourly=False) == "at least $239,200"
    assert oews.label(AtLeast(115.0), hourly=True) == "at least $115.00"
    assert oews.label(AtLeast(None), hourly=False) == "at least the top-coded limit"
    assert oews.label(NotAvailable(Reason.WAGE), hourly=True) == "not available"
    assert oews.label(NotAvailable(Reason.RARE), hourly=True) == (
        "not available (fewer than 0.5% of establishments report it)"
    )


@pytest.mark.parametrize(
    ("name", "release"),
    [
        ("state_M2024_dl.xlsx", "May 2024"),
        ("all_data_M_2024.xlsx", "May 2024"),
        ("MSA_M2023_dl.csv", "May 2023"),
        ("national_M2024_dl (1).xlsx", "May 2024"),
        ("/downloads/oesm24nat/nat3d_M2024_dl.xlsx", "May 2024"),
        ("oesm22st.zip", "May 2022"),
        ("wages.csv", None),
        ("MAMMOTH.csv", None),
    ],
)
def test_the_release_comes_from_the_file_name(name: str, release: str | None) -> None:
    assert oews.release_from_name(name) == release


def test_top_coded_limits_are_known_for_may_2024_only_as_checked() -> None:
    assert oews.top_coded("May 2024") == (115.0, 239200.0)
    assert oews.top_coded("may 2023") == (115.0, 239200.0)
    assert oews.top_coded("May 2019") is None
    assert oews.top_coded("November 2024") is None
    assert oews.top_coded(None) is None


# --- CSV -----------------------------------------------------------------------------


def test_an_all_data_csv_keeps_the_cross_industry_rows_of_fitness_trainers(
    tmp_path: Path,
) -> None:
    path = write_csv(
        tmp_path / "all_data_M_2024.csv",
        rows_of(ALL_DATA, [NATIONAL, COACHES, GYMS, PRIVATE, TEXAS, AUSTIN, WEST_TEXAS, GUAM]),
    )
    calls: list[int] = []
    table = oews.read(path, progress=calls.append)

    assert table.release == "May 2024"
    assert table.source == "all_data_M_2024.csv"
    assert table.encoding == "utf-8"
    assert table.sheet is None
    assert table.rows_read == 8
    assert calls == [8]
    assert table.area_types == ("national", "state", "territory", "metro", "nonmetro")
    assert [(w.area, w.area_type, w.state, w.employment, w.row) for w in table.rows] == [
        ("99", "national", None, 346280, 2),
        ("48", "state", "TX", 24110, 6),
        ("12420", "metro", "TX", 3050, 7),
        ("4800003", "nonmetro", "TX", None, 8),
        ("66", "territory", "GU", 60, 9),
    ]
    national = table.rows[0]
    assert national.occupation == "39-9031"
    assert national.occupation_title == TRAINERS
    assert national.area_title == "U.S."
    assert national.release == "May 2024"
    assert national.industry == "000000"
    assert national.industry_title == "Cross-industry"
    assert national.ownership == "1235"
    assert national.hourly == {
        "mean": Number(25.46),
        "p10": Number(13.37),
        "p25": Number(16.79),
        "median": Number(22.15),
        "p75": Number(31.01),
        "p90": Number(40.68),
    }
    assert national.annual == {
        "mean": Number(52960.0),
        "p10": Number(27800.0),
        "p25": Number(34920.0),
        "median": Number(46070.0),
        "p75": Number(64500.0),
        "p90": Number(84610.0),
    }
    assert national.hourly_only is False
    assert national.annual_only is False


def test_every_special_value_in_a_row(tmp_path: Path) -> None:
    special = record(
        TOT_EMP="**",
        H_MEAN="*",
        A_MEAN="*",
        H_PCT10="~",
        A_PCT10="",
        H_PCT90="#",
        A_PCT90="#",
        H_PCT75=" 103.50 ",
        A_PCT75="215,280",
    )
    path = write_csv(tmp_path / "national_M2024_dl.csv", rows_of(ALL_DATA, [special]))
    (wage,) = oews.read(path).rows
    assert wage.employment is None
    assert wage.hourly == {
        "mean": NotAvailable(Reason.WAGE),
        "p10": NotAvailable(Reason.RARE),
        "p25": Number(16.79),
        "median": Number(22.15),
        "p75": Number(103.5),
        "p90": AtLeast(115.0),
    }
    assert wage.annual == {
        "mean": NotAvailable(Reason.WAGE),
        "p10": NotAvailable(Reason.BLANK),
        "p25": Number(34920.0),
        "median": Number(46070.0),
        "p75": Number(215280.0),
        "p90": AtLeast(239200.0),
    }


def test_top_coded_without_a_known_release_is_at_least_without_a_figure(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "wages.csv", rows_of(ALL_DATA, [record(A_PCT90="#")]))
    table = oews.read(path)
    assert table.release is None
    assert table.rows[0].release is None
    assert table.rows[0].annual["p90"] == AtLeast(None)

    older = oews.read(path, release="May 2019")
    assert older.release == "May 2019"
    assert older.rows[0].annual["p90"] == AtLeast(None)

    named = oews.read(path, release="May 2024")
    assert named.rows[0].annual["p90"] == AtLeast(239200.0)


def test_a_state_csv_with_lower_case_headers_and_fewer_columns(tmp_path: Path) -> None:
    header = [c.lower() for c in STATE]
    path = write_csv(tmp_path / "state_M2024_dl.csv", rows_of(STATE, [TEXAS, COACHES]))
    path.write_text(
        path.read_text(encoding="utf-8").replace(",".join(STATE), ",".join(header), 1),
        encoding="utf-8",
    )
    table = oews.read(path)
    (texas,) = table.rows
    assert table.area_types == ("unknown",)
    assert (texas.area, texas.area_title, texas.area_type, texas.state) == (
        "48",
        "Texas",
        "unknown",
        "TX",
    )
    assert texas.employment == 24110
    assert texas.hourly["median"] == Number(20.11)
    assert texas.annual["median"] == Number(41830.0)
    assert (texas.industry, texas.industry_title, texas.ownership) == (None, None, "1235")


def test_a_minimal_table_needs_only_the_occupation_an_area_and_a_wage(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "mini.csv",
        [["occ_code", "area", "a_median"], ["39-9031", "99", "46,070"], ["27-2022", "99", "1"]],
    )
    (wage,) = oews.read(path).rows
    assert (wage.area, wage.area_title, wage.area_type, wage.state) == (
        "99",
        "99",
        "national",
        None,
    )
    assert wage.occupation_title == ""
    assert wage.employment is None
    assert wage.annual["median"] == Number(46070.0)
    assert wage.annual["mean"] == NotAvailable(Reason.NO_COLUMN)
    assert wage.hourly["median"] == NotAvailable(Reason.NO_COLUMN)


def test_industry_rows_are_kept_when_asked(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "nat4d_M2024_dl.csv", rows_of(ALL_DATA, [NATIONAL, GYMS, PRIVATE]))
    table = oews.read(path, all_industries=True)
    assert [(w.industry, w.ownership, w.employment) for w in table.rows] == [
        ("000000", "1235", 346280),
        ("713940", "5", 201590),
        ("000000", "5", 300000),
    ]
    assert table.rows[1].industry_title == "Fitness and Recreational Sports Centers"


def test_industry_only_is_said_when_no_row_is_cross_industry(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "nat4d_M2024_dl.csv", rows_of(ALL_DATA, [GYMS, COACHES]))
    with pytest.raises(DataError) as error:
        oews.read(path)
    assert problem_text(error) == (
        f"{path}: rows for 39-9031 are all industry- or ownership-specific; "
        "none is cross-industry for all ownerships"
    )


def test_cross_industry_is_read_from_i_group_when_there_is_no_naics(tmp_path: Path) -> None:
    columns = [c for c in ALL_DATA if c not in ("NAICS", "NAICS_TITLE")]
    path = write_csv(tmp_path / "t.csv", rows_of(columns, [GYMS, record(I_GROUP="Cross-industry")]))
    (wage,) = oews.read(path).rows
    assert wage.employment == 346280
    assert wage.industry is None


def test_more_occupations_can_be_asked_for(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "national_M2024_dl.csv", rows_of(ALL_DATA, [NATIONAL, COACHES, ATHLETIC])
    )
    table = oews.read(path, occupations=["29-9091", "399031", "11-9072"])
    assert [(w.occupation, w.occupation_title, w.employment) for w in table.rows] == [
        ("39-9031", TRAINERS, 346280),
        ("29-9091", "Athletic Trainers", 31070),
    ]
    assert [w.occupation for w in oews.read(path, occupations="27-2022").rows] == ["27-2022"]


@pytest.mark.parametrize("bad", ["fitness", "39-903", "39_9031", ""])
def test_an_occupation_that_is_not_a_soc_code_is_a_usage_error(tmp_path: Path, bad: str) -> None:
    path = write_csv(tmp_path / "t.csv", rows_of(ALL_DATA, [NATIONAL]))
    with pytest.raises(UsageError) as error:
        oews.read(path, occupations=[bad])
    assert str(error.value) == f"not an occupation code (like 39-9031): {bad!r}"
    with pytest.raises(UsageError) as error:
        oews.read(path, occupations=[])
    assert str(error.value) == "no occupation code given (like 39-9031)"


def test_a_file_without_the_occupation_says_so(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "MSA_M2024_dl.csv", rows_of(ALL_DATA, [COACHES, ATHLETIC]))
    with pytest.raises(DataError) as error:
        oews.read(path)
    assert problem_text(error) == (
        f"{path}: no rows for 39-9031: this table does not have the occupation"
    )
    with pytest.raises(DataError) as error:
        oews.read(path, occupations=["39-9031", "11-9072"])
    assert problem_text(error) == f"{path}: no rows for any of 39-9031, 11-9072"


def test_a_table_of_something_else_is_not_an_oews_table(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roles.csv", [["id", "name"], ["trainer", "Personal trainer"]])
    with pytest.raises(DataError) as error:
        oews.read(path)
    assert problem_text(error) == (
        f"{path}: not an OEWS table: no OCC_CODE column in the first 10 lines "
        "(is it a CSV or XLSX file?)"
    )


def test_the_header_must_be_in_the_first_rows(tmp_path: Path) -> None:
    notes: list[list[object]] = [["note"] for _ in range(10)]
    late = [*notes, *rows_of(ALL_DATA, [NATIONAL])]
    with pytest.raises(DataError, match="no OCC_CODE column in the first 10 lines"):
        oews.read(write_csv(tmp_path / "late.csv", late))
    early: list[list[object]] = [["May 2024 estimates"], [""], *rows_of(ALL_DATA, [NATIONAL])]
    (wage,) = oews.read(write_csv(tmp_path / "early.csv", early)).rows
    assert wage.row == 4


def test_binary_and_empty_files_are_clear_errors(tmp_path: Path) -> None:
    pdf = tmp_path / "wages.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n\x00\x01\x02")
    with pytest.raises(DataError, match="not an OEWS table: no OCC_CODE column"):
        oews.read(pdf)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(DataError) as error:
        oews.read(empty)
    assert problem_text(error) == f"{empty}: file is empty"
    with pytest.raises(DataError) as error:
        oews.read(tmp_path)
    assert problem_text(error) == f"{tmp_path}: not a regular file"
    with pytest.raises(DataError) as error:
        oews.read(tmp_path / "missing.csv")
    assert (
        problem_text(error)
        == f"{tmp_path / 'missing.csv'}: cannot read: {os.strerror(errno.ENOENT)}"
    )


def test_a_header_without_wages_or_area_names_what_is_missing(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["title"], ["OCC_CODE", "OCC_TITLE", "TOT_EMP"]])
    with pytest.raises(DataError) as error:
        oews.read(path)
    assert problem_text(error) == (
        f"{path}:2: not an OEWS wage table: no AREA or AREA_TITLE column and no "
        "wage column (H_MEAN, A_MEAN, H_MEDIAN, A_MEDIAN, ...)"
    )


def test_a_bad_cell_in_a_kept_row_names_row_column_and_field(tmp_path: Path) -> None:
    bad = record(H_MEAN="n/a", A_PCT90="-1")
    path = write_csv(tmp_path / "t.csv", rows_of(ALL_DATA, [COACHES, bad]))
    with pytest.raises(DataError) as error:
        oews.read(path)
    assert problem_text(error) == (
        f"{path}:3:18: H_MEAN: not a number or an OEWS mark (*, **, #, ~): 'n/a'\n"
        f"{path}:3:30: A_PCT90: not a number or an OEWS mark (*, **, #, ~): '-1'"
    )


def test_a_bad_cell_in_a_skipped_row_is_not_read(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "t.csv", rows_of(ALL_DATA, [record(H_MEAN="n/a", OCC_CODE="27-2022"), NATIONAL])
    )
    assert [w.employment for w in oews.read(path).rows] == [346280]


def test_a_row_listed_twice_is_kept_once(tmp_path: Path) -> None:
    broad = record(O_GROUP="broad")
    path = write_csv(tmp_path / "t.csv", rows_of(ALL_DATA, [broad, NATIONAL]))
    assert [w.row for w in oews.read(path).rows] == [2]


def test_latin_1_is_the_fallback_when_the_file_is_not_utf_8(tmp_path: Path) -> None:
    canon = record(AREA="15860", AREA_TITLE="Cañon City, CO", AREA_TYPE="4", PRIM_STATE="CO")
    path = write_csv(tmp_path / "t.csv", rows_of(ALL_DATA, [canon]), encoding="latin-1")
    table = oews.read(path)
    assert table.encoding == "latin-1"
    assert table.rows[0].area_title == "Cañon City, CO"


def test_utf_8_with_a_byte_order_mark_and_utf_16(tmp_path: Path) -> None:
    canon = record(AREA_TITLE="Cañon City, CO")
    bom = write_csv(tmp_path / "bom.csv", rows_of(ALL_DATA, [canon]), encoding="utf-8-sig")
    table = oews.read(bom)
    assert table.encoding == "utf-8"
    assert table.rows[0].area == "99"
    assert table.rows[0].area_title == "Cañon City, CO"
    tabbed = write_csv(
        tmp_path / "unicode.txt", rows_of(ALL_DATA, [canon]), encoding="utf-16", delimiter="\t"
    )
    table = oews.read(tabbed)
    assert table.encoding == "utf-16"
    assert table.rows[0].area_title == "Cañon City, CO"


def test_semicolons_as_some_excel_locales_save(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", rows_of(ALL_DATA, [NATIONAL]), delimiter=";")
    assert oews.read(path).rows[0].annual["median"] == Number(46070.0)


def test_leading_zeros_dropped_by_a_spreadsheet_are_restored(tmp_path: Path) -> None:
    alabama = record(AREA="1", AREA_TITLE="Alabama", AREA_TYPE="2", PRIM_STATE="AL", NAICS="0")
    nonmetro = record(
        AREA="100001", AREA_TITLE="Northwest Alabama nonmetropolitan area", AREA_TYPE="6"
    )
    path = write_csv(tmp_path / "t.csv", rows_of(ALL_DATA, [alabama, nonmetro]))
    assert [(w.area, w.industry) for w in oews.read(path).rows] == [
        ("01", "000000"),
        ("0100001", "000000"),
    ]


def test_hourly_only_and_annual_only_flags(tmp_path: Path) -> None:
    hourly = record(HOURLY="TRUE", A_MEAN="*", A_MEDIAN="*")
    annual = record(AREA="48", AREA_TYPE="2", ANNUAL="TRUE", H_MEAN="*")
    path = write_csv(tmp_path / "t.csv", rows_of(ALL_DATA, [hourly, annual]))
    first, second = oews.read(path).rows
    assert (first.hourly_only, first.annual_only) == (True, False)
    assert first.annual["median"] == NotAvailable(Reason.WAGE)
    assert (second.hourly_only, second.annual_only) == (False, True)


def test_progress_is_reported_every_10000_rows_and_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(ALL_DATA)
        writer.writerow([NATIONAL[c] for c in ALL_DATA])
        other = [COACHES[c] for c in ALL_DATA]
        writer.writerows(other for _ in range(24_999))
    calls: list[int] = []
    table = oews.read(path, progress=calls.append)
    assert calls == [10_000, 20_000, 25_000]
    assert table.rows_read == 25_000
    assert len(table.rows) == 1


GOOD_CSV = "\n".join(
    ",".join(f'"{v}"' for v in row) for row in rows_of(ALL_DATA, [NATIONAL, COACHES, TEXAS])
).encode()


@fuzz(300)
@given(
    st.lists(
        st.tuples(st.integers(0, len(GOOD_CSV)), st.integers(0, 3), st.binary(max_size=3)),
        max_size=6,
    )
)
def test_a_mangled_csv_reads_or_is_one_data_error(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, int, bytes]]
) -> None:
    data = bytearray(GOOD_CSV)
    for at, cut, insert in edits:
        data[at : at + cut] = insert
    path = tmp_path_factory.getbasetemp() / "mangled_M2024_dl.csv"
    path.write_bytes(bytes(data))
    try:
        table = oews.read(path)
    except DataError as e:
        assert e.problems
        assert all(p.file == str(path) for p in e.problems)
        return
    assert table.rows
    assert all(w.occupation == "39-9031" for w in table.rows)


# --- XLSX ----------------------------------------------------------------------------


def write_xlsx(path: Path, *sheets: tuple[str, Sequence[Sequence[object]], int]) -> Path:
    path.write_bytes(xlsx_bytes(sheets))
    return path


NOTES = [["Field", "Field Description"], ["area", "U.S. (99), state FIPS code, ..."]]


@needs_calamine
def test_an_xlsx_state_table_with_real_numbers(tmp_path: Path) -> None:
    rows = as_spreadsheet(rows_of(STATE, [TEXAS, COACHES, record(**{**TEXAS, "A_PCT90": "#"})]))
    path = write_xlsx(tmp_path / "state_M2024_dl.xlsx", ("state_M2024_dl", rows, 1))
    table = oews.read(path)
    assert (table.release, table.sheet, table.encoding, table.rows_read) == (
        "May 2024",
        "state_M2024_dl",
        None,
        3,
    )
    (texas,) = table.rows  # the second Texas row repeats the first one's key
    assert (texas.area, texas.area_title, texas.state, texas.employment, texas.row) == (
        "48",
        "Texas",
        "TX",
        24110,
        2,
    )
    assert texas.hourly["median"] == Number(20.11)
    assert texas.annual["median"] == Number(41830.0)
    assert texas.annual["p90"] == Number(84610.0)


@needs_calamine
def test_an_xlsx_all_data_table_with_every_mark(tmp_path: Path) -> None:
    special = record(TOT_EMP="**", H_MEAN="*", H_PCT10="~", A_PCT90="#", H_PCT90="#", A_PCT10="")
    rows = as_spreadsheet(rows_of(ALL_DATA, [GYMS, special, AUSTIN]))
    rows[3][ALL_DATA.index("AREA_TYPE")] = 4.0  # a code stored as a number
    rows[3][ALL_DATA.index("HOURLY")] = True
    path = write_xlsx(tmp_path / "all_data_M_2024.xlsx", ("All May 2024 data", rows, 1))
    table = oews.read(path)
    national, austin = table.rows
    assert table.area_types == ("national", "metro")
    assert national.employment is None
    assert national.hourly == {
        "mean": NotAvailable(Reason.WAGE),
        "p10": NotAvailable(Reason.RARE),
        "p25": Number(16.79),
        "median": Number(22.15),
        "p75": Number(31.01),
        "p90": AtLeast(115.0),
    }
    assert national.annual["p10"] == NotAvailable(Reason.BLANK)
    assert national.annual["p90"] == AtLeast(239200.0)
    assert (austin.area, austin.area_type, austin.employment, austin.hourly_only) == (
        "12420",
        "metro",
        3050,
        True,
    )


@needs_calamine
def test_the_data_sheet_is_found_after_a_notes_sheet_and_title_rows(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["May 2024 OEWS estimates"],
        *as_spreadsheet(rows_of(ALL_DATA, [NATIONAL])),
    ]
    path = write_xlsx(
        tmp_path / "national_M2024_dl.xlsx",
        ("Field Descriptions", NOTES, 1),
        ("national_M2024_dl", rows, 3),
    )
    table = oews.read(path)
    assert table.sheet == "national_M2024_dl"
    assert table.rows[0].row == 5
    assert table.rows[0].employment == 346280


FIELD_LIST = [
    ["Field", "Field Description"],
    *([name.lower(), f"what {name} holds"] for name in ALL_DATA[:9]),
]
"""A field-descriptions sheet as BLS writes one: a field a row, ``occ_code`` the tenth."""


@needs_calamine
def test_a_field_descriptions_sheet_that_lists_occ_code_is_passed_over(tmp_path: Path) -> None:
    assert FIELD_LIST[9][0] == "occ_code"
    rows = as_spreadsheet(rows_of(ALL_DATA, [NATIONAL]))
    path = write_xlsx(
        tmp_path / "national_M2024_dl.xlsx",
        ("Field Descriptions", FIELD_LIST, 1),
        ("national_M2024_dl", rows, 1),
    )
    assert oews.read(path).sheet == "national_M2024_dl"
    alone = write_xlsx(tmp_path / "field_descriptions.xlsx", ("Field Descriptions", FIELD_LIST, 1))
    with pytest.raises(oews.NotATable) as error:
        oews.read(alone, release="May 2024")
    assert problem_text(error) == (
        f"{alone}:10: not an OEWS wage table: no AREA or AREA_TITLE column and no wage "
        "column (H_MEAN, A_MEAN, H_MEDIAN, A_MEDIAN, ...)"
    )


@needs_calamine
def test_a_bad_xlsx_cell_names_the_row_and_column(tmp_path: Path) -> None:
    rows = as_spreadsheet(rows_of(ALL_DATA, [record(H_MEDIAN="about 22")]))
    path = write_xlsx(tmp_path / "t.xlsx", ("data", rows, 1))
    with pytest.raises(DataError) as error:
        oews.read(path)
    assert problem_text(error) == (
        f"{path}:2:23: H_MEDIAN: not a number or an OEWS mark (*, **, #, ~): 'about 22'"
    )


@needs_calamine
def test_an_xlsx_without_fitness_rows_says_so(tmp_path: Path) -> None:
    rows = as_spreadsheet(rows_of(ALL_DATA, [COACHES]))
    path = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", ("MSA_M2024_dl", rows, 1))
    with pytest.raises(DataError) as error:
        oews.read(path)
    assert problem_text(error) == (
        f"{path}: no rows for 39-9031: this table does not have the occupation"
    )


@needs_calamine
def test_an_xlsx_that_is_not_an_oews_table(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "budget.xlsx", ("Sheet1", [["Item", "Cost"], ["Mats", 20]], 1))
    with pytest.raises(DataError) as error:
        oews.read(path)
    assert problem_text(error) == (
        f"{path}: not an OEWS table: no sheet has an OCC_CODE column in its first 10 rows"
    )


@needs_calamine
def test_a_truncated_xlsx_is_one_clear_line(tmp_path: Path) -> None:
    whole = xlsx_bytes([("data", as_spreadsheet(rows_of(ALL_DATA, [NATIONAL] * 50)), 1)])
    path = tmp_path / "national_M2024_dl.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DataError) as error:
        oews.read(path)
    text = problem_text(error)
    assert text.startswith(f"{path}: not a readable spreadsheet (truncated or damaged?): ")
    assert "\n" not in text


@needs_calamine
def test_text_saved_as_xlsx_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "wages.xlsx"
    path.write_text("OCC_CODE,AREA,A_MEAN\n39-9031,99,1\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        oews.read(path)
    text = problem_text(error)
    assert text.startswith(f"{path}: not a readable spreadsheet (truncated or damaged?): ")
    assert "\n" not in text


def test_xlsx_without_the_extra_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # import fails
    path = tmp_path / "state_M2024_dl.xlsx"
    path.write_bytes(xlsx_bytes([("data", rows_of(ALL_DATA, [NATIONAL]), 1)]))
    with pytest.raises(oews.NeedsExtra) as error:
        oews.read(path)
    assert str(error.value) == (
        f"{path}: reading XLSX needs python-calamine (the xlsx extra): "
        "pip install python-calamine (or save the sheet as CSV)"
    )
    assert isinstance(error.value, DataError)


def test_a_zip_named_csv_is_read_as_a_spreadsheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "python_calamine", None)
    path = tmp_path / "renamed.csv"
    path.write_bytes(xlsx_bytes([("data", rows_of(ALL_DATA, [NATIONAL]), 1)]))
    with pytest.raises(oews.NeedsExtra):
        oews.read(path)


def test_paths_can_be_strings(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "national_M2024_dl.csv", rows_of(ALL_DATA, [NATIONAL]))
    table = oews.read(os.fspath(path))
    assert table.source == "national_M2024_dl.csv"
    assert table.rows[0].employment == 346280
