"""Read the BLS Occupational Employment and Wage Statistics (OEWS) tables.

The tables are the ones published at https://www.bls.gov/oes/tables.htm: national, state,
metropolitan and nonmetropolitan area, and all-data, as XLSX (as published) or as CSV (the
same columns, for instance saved from Excel). :func:`read` streams a table row by row and
keeps only the rows asked for: by default the cross-industry, all-ownership rows of
39-9031 (exercise trainers and group fitness instructors). Each kept row becomes a
:class:`Wage` whose figures are :data:`Cell` values, so a figure that BLS does not publish,
or publishes only as a lower bound, can never be mistaken for a number.

XLSX needs the optional ``xlsx`` extra (python-calamine); CSV needs nothing. Every problem
with the file is a :class:`~fitcareer.errors.DataError` naming the file and, where there is
one, the row and column.
"""

from __future__ import annotations

import codecs
import csv
import enum
import itertools
import math
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

if TYPE_CHECKING:
    from python_calamine import CalamineSheet

from fitcareer.errors import DataError, Problem, UsageError
from fitcareer.model import FITNESS_TRAINERS

__all__ = [
    "ALL_OWNERSHIPS",
    "AREA_TYPES",
    "DEFAULT_OCCUPATIONS",
    "FITNESS_TRAINERS",
    "PROGRESS_EVERY",
    "TOP_CODED",
    "WAGE_KEYS",
    "XLSX_EXTRA",
    "AreaType",
    "AtLeast",
    "Cell",
    "CellError",
    "NeedsExtra",
    "NotAvailable",
    "Number",
    "ProgressCallback",
    "Reason",
    "Table",
    "Wage",
    "cell",
    "label",
    "read",
    "release_from_name",
    "top_coded",
]


DEFAULT_OCCUPATIONS: Final = (FITNESS_TRAINERS,)
"""Occupations kept when none are named."""

PROGRESS_EVERY: Final = 10_000
"""The progress callback is called after every this many data rows, and once at the end."""

HEADER_ROWS: Final = 10
"""The header row (the one with OCC_CODE) must be among a sheet's first this many rows
that are not blank."""

_BLANK_ROWS: Final = 1000
"""Blank rows above the header are skipped up to this row number."""

TOP_CODED: Final[dict[int, tuple[float, float]]] = {
    2023: (115.00, 239_200.0),
    2024: (115.00, 239_200.0),
}
"""Release year (May reference period) to the wage that ``#`` stands for: (hourly, annual).
A ``#`` wage is at least this much. Years not listed give :class:`AtLeast` without a
figure rather than a guess."""

ALL_OWNERSHIPS: Final = "1235"
"""OWN_CODE of "Federal, State, and Local Government and Private Sector"."""

WAGE_KEYS: Final = ("mean", "p10", "p25", "median", "p75", "p90")
"""Keys of :attr:`Wage.hourly` and :attr:`Wage.annual`, in display order."""

_HOURLY_COLUMNS: Final = ("H_MEAN", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90")
_ANNUAL_COLUMNS: Final = ("A_MEAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90")

AreaType: TypeAlias = Literal["national", "state", "territory", "metro", "nonmetro", "unknown"]
"""What kind of area a row describes, from AREA_TYPE."""

AREA_TYPES: Final[dict[str, AreaType]] = {
    "1": "national",
    "2": "state",
    "3": "territory",
    "4": "metro",
    "6": "nonmetro",
}
"""BLS AREA_TYPE codes (1 U.S., 2 state, 3 U.S. territory, 4 MSA, 6 nonmetropolitan area)."""

_AREA_ORDER: Final[tuple[AreaType, ...]] = (
    "national",
    "state",
    "territory",
    "metro",
    "nonmetro",
    "unknown",
)
_CODE_WIDTH: Final[dict[AreaType, int]] = {"state": 2, "territory": 2, "metro": 5, "nonmetro": 7}
"""Digits in an area code, restored when a spreadsheet dropped the leading zeros."""

XLSX_EXTRA: Final = (
    "reading XLSX needs the xlsx extra: pip install 'fitcareer[xlsx]' (or save the sheet as CSV)"
)

ProgressCallback: TypeAlias = Callable[[int], None]
"""Called with the number of data rows read so far."""


class Reason(enum.Enum):
    """Why a figure is not available; the value is the mark in the file."""

    WAGE = "*"
    """``*``: BLS has no wage estimate."""
    EMPLOYMENT = "**"
    """``**``: BLS has no employment estimate."""
    RARE = "~"
    """``~``: fewer than 0.5 percent of establishments report the occupation."""
    BLANK = ""
    """The cell is empty."""
    NO_COLUMN = "no column"
    """The file has no such column (older and regional tables have fewer)."""


@dataclass(frozen=True, slots=True)
class Number:
    """A published figure."""

    value: float


@dataclass(frozen=True, slots=True)
class NotAvailable:
    """No figure: BLS publishes none, or the file has none."""

    reason: Reason


@dataclass(frozen=True, slots=True)
class AtLeast:
    """``#``: the wage is at or above BLS's top-coded limit, so only a lower bound is known."""

    value: float | None
    """The top-coded limit of the release, or None when it is not known for the release."""


Cell: TypeAlias = Number | NotAvailable | AtLeast
"""One figure of a table: a number, not available, or at least a limit."""


class CellError(ValueError):
    """A cell that is neither a number nor one of OEWS's marks."""


class NeedsExtra(DataError):
    """The file is XLSX and python-calamine is not installed."""


@dataclass(frozen=True, slots=True)
class Wage:
    """One occupation in one area (and industry and ownership), as one table row gives it."""

    occupation: str
    """SOC code, e.g. ``39-9031``."""
    occupation_title: str
    """OCC_TITLE as the release spells it; empty when the file has no such column."""
    area: str
    """AREA code: ``99`` for the U.S., state FIPS, MSA or OEWS nonmetropolitan area code."""
    area_title: str
    """AREA_TITLE; the area code when the file has no such column."""
    area_type: AreaType
    """From AREA_TYPE; ``national`` for area 99 when the file has no AREA_TYPE column."""
    state: str | None
    """PRIM_STATE, e.g. ``TX``; None for national rows and when the file has no such column."""
    release: str | None
    """Reference period, e.g. ``May 2024``; None when neither the name nor the caller says."""
    employment: int | None
    """TOT_EMP (rounded to tens by BLS, self-employed excluded); None when not available."""
    hourly: dict[str, Cell]
    """Hourly wages under the keys of :data:`WAGE_KEYS`."""
    annual: dict[str, Cell]
    """Annual wages under the keys of :data:`WAGE_KEYS`."""
    hourly_only: bool
    """HOURLY is TRUE: BLS releases only hourly wages (e.g. actors, musicians)."""
    annual_only: bool
    """ANNUAL is TRUE: BLS releases only annual wages (e.g. teachers, pilots)."""
    industry: str | None
    """NAICS code (``000000`` is cross-industry); None when the file has no NAICS column."""
    industry_title: str | None
    """NAICS_TITLE; None when the file has no such column."""
    ownership: str | None
    """OWN_CODE (``1235`` is all ownerships); None when the file has no such column."""
    row: int
    """Row of the file the figures come from (1-based), for citing them."""


@dataclass(frozen=True, slots=True)
class Table:
    """What :func:`read` kept from one file."""

    release: str | None
    """Reference period, e.g. ``May 2024``, or None when unknown."""
    source: str
    """The file's name, e.g. ``state_M2024_dl.xlsx``."""
    area_types: tuple[AreaType, ...]
    """The kinds of area among :attr:`rows`, national first."""
    rows: tuple[Wage, ...]
    """The kept rows, in file order."""
    rows_read: int
    """Data rows read (below the header), kept or not."""
    encoding: str | None
    """How a CSV was decoded: ``utf-8``, ``utf-16`` or ``latin-1``; None for XLSX."""
    sheet: str | None
    """The XLSX sheet read; None for CSV."""


# --- cells ---------------------------------------------------------------------------

_MARKS: Final = {reason.value: reason for reason in Reason if reason is not Reason.NO_COLUMN}
_NUMBER: Final = re.compile(r"\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\$?\.\d+", re.ASCII)
_SHOWN: Final = 40


def cell(value: object, top: float | None = None) -> Cell:
    """Parse one cell of an OEWS table.

    ``value`` is the cell as a reader gives it: text (``"46,180"``, ``"22.15"``, ``"*"``,
    ``"**"``, ``"#"``, ``"~"``, blank) or a number from a spreadsheet cell. ``top`` is the
    top-coded limit that ``#`` stands for in this column. Raises :class:`CellError` for
    anything else, including negative, infinite and not-a-number values.
    """
    if value is None:
        return NotAvailable(Reason.BLANK)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise CellError(f"not a number: {_show(value)}")
    if isinstance(value, str):
        text = value.strip()
        if text == "#":
            return AtLeast(top)
        mark = _MARKS.get(text)
        if mark is not None:
            return NotAvailable(mark)
        if not _NUMBER.fullmatch(text):
            raise CellError(f"not a number or an OEWS mark (*, **, #, ~): {_show(value)}")
        value = text.lstrip("$").replace(",", "")
    try:
        number = float(value)
    except OverflowError:
        raise CellError(f"number out of range: {_show(value)}") from None
    if not math.isfinite(number):
        raise CellError(f"not a finite number: {_show(value)}")
    if number < 0:
        raise CellError(f"negative: {_show(value)}")
    return Number(number)


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def label(value: Cell, *, hourly: bool) -> str:
    """A cell as a reader would say it: ``$22.15``, ``$46,180``, ``at least $239,200``,
    ``not available``."""
    if isinstance(value, Number):
        return _money(value.value, hourly)
    if isinstance(value, AtLeast):
        if value.value is None:
            return "at least the top-coded limit"
        return f"at least {_money(value.value, hourly)}"
    if value.reason is Reason.RARE:
        return "not available (fewer than 0.5% of establishments report it)"
    return "not available"


def _money(amount: float, hourly: bool) -> str:
    return f"${amount:,.2f}" if hourly else f"${amount:,.0f}"


# --- releases ------------------------------------------------------------------------

_RELEASE_NAME: Final = re.compile(r"(?:^|[_\W])M_?((?:19|20)\d\d)(?=[_\W]|$)", re.IGNORECASE)
_RELEASE_ZIP: Final = re.compile(r"oesm(\d\d)(?=[a-z_\W]|$)", re.IGNORECASE)
_RELEASE_YEAR: Final = re.compile(r"\s*May\s+(\d{4})\s*", re.IGNORECASE)


def release_from_name(name: str) -> str | None:
    """The release a BLS file name gives: ``state_M2024_dl.xlsx``, ``all_data_M_2024.xlsx``
    and ``oesm24nat`` are all ``May 2024``; None for a name without one."""
    stem = Path(name).name
    found = _RELEASE_NAME.search(stem)
    if found:
        return f"May {found.group(1)}"
    found = _RELEASE_ZIP.search(stem)
    if found:
        return f"May 20{found.group(1)}"
    return None


def top_coded(release: str | None) -> tuple[float, float] | None:
    """(hourly, annual) top-coded limit of a release such as ``May 2024``, if known."""
    found = _RELEASE_YEAR.fullmatch(release) if release else None
    return TOP_CODED.get(int(found.group(1))) if found else None


# --- the table layout ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where each column the reader uses is, by 0-based position in a row."""

    occupation: int
    occupation_title: int | None
    area: int | None
    area_title: int | None
    area_type: int | None
    state: int | None
    industry: int | None
    industry_title: int | None
    industry_group: int | None
    ownership: int | None
    employment: int | None
    hourly: tuple[int | None, ...]
    annual: tuple[int | None, ...]
    hourly_only: int | None
    annual_only: int | None

    @classmethod
    def of(cls, names: Sequence[str]) -> _Layout:
        index: dict[str, int] = {}
        for position, name in enumerate(names):
            index.setdefault(name, position)
        return cls(
            occupation=index["OCC_CODE"],
            occupation_title=index.get("OCC_TITLE"),
            area=index.get("AREA"),
            area_title=index.get("AREA_TITLE"),
            area_type=index.get("AREA_TYPE"),
            state=index.get("PRIM_STATE"),
            industry=index.get("NAICS"),
            industry_title=index.get("NAICS_TITLE"),
            industry_group=index.get("I_GROUP"),
            ownership=index.get("OWN_CODE"),
            employment=index.get("TOT_EMP"),
            hourly=tuple(index.get(name) for name in _HOURLY_COLUMNS),
            annual=tuple(index.get(name) for name in _ANNUAL_COLUMNS),
            hourly_only=index.get("HOURLY"),
            annual_only=index.get("ANNUAL"),
        )

    def missing(self) -> list[str]:
        """What a wage table needs and this one lacks."""
        lacks = []
        if self.area is None and self.area_title is None:
            lacks.append("AREA or AREA_TITLE column")
        if all(i is None for i in (*self.hourly, *self.annual)):
            lacks.append("wage column (H_MEAN, A_MEAN, H_MEDIAN, A_MEDIAN, ...)")
        return lacks


Row: TypeAlias = Sequence[object]


def _text(value: object) -> str:
    """A cell as text: spreadsheet numbers without a trailing ``.0``, booleans as TRUE/FALSE."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _at(row: Row, index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    return row[index]


def _occupation(value: object) -> str:
    code = _text(value)
    if len(code) == 6 and code.isascii() and code.isdigit():
        return f"{code[:2]}-{code[2:]}"
    return code


def _header_name(value: object) -> str:
    """A column name as the reader matches it: trimmed, upper case, without a stray BOM
    (as latin-1 decodes a UTF-8 one)."""
    return _text(value).lstrip("\ufeff").removeprefix("\u00ef\u00bb\u00bf").strip().upper()


def _find_header(rows: Iterator[tuple[int, Row]]) -> tuple[int, _Layout] | None:
    """Read up to :data:`HEADER_ROWS` rows that are not blank, looking for the one that
    names OCC_CODE."""
    seen = 0
    for line, row in rows:
        names = [_header_name(value) for value in row]
        if "OCC_CODE" in names:
            return line, _Layout.of(names)
        if any(names):
            seen += 1
            if seen == HEADER_ROWS:
                break
        elif line > _BLANK_ROWS:
            break
    return None


@dataclass(slots=True)
class _Scan:
    """Rows kept so far from one file, and what was seen on the way."""

    name: str
    wanted: dict[object, str]
    release: str | None
    top: tuple[float, float] | None
    all_industries: bool
    progress: ProgressCallback | None
    first_column: int = 0
    rows_read: int = 0
    matched: int = 0

    def run(self, layout: _Layout, rows: Iterator[tuple[int, Row]]) -> list[Wage]:
        wanted = self.wanted
        occupation = layout.occupation
        progress = self.progress
        kept: list[Wage] = []
        seen: set[tuple[str, str, str | None, str | None]] = set()
        problems: list[Problem] = []
        for line, row in rows:
            if not row:  # a blank line of a CSV
                continue
            self.rows_read += 1
            if progress is not None and self.rows_read % PROGRESS_EVERY == 0:
                progress(self.rows_read)
            raw = row[occupation] if occupation < len(row) else None
            code = wanted.get(raw)
            if code is None:
                code = wanted.get(_occupation(raw))
                if code is None:
                    continue
            self.matched += 1
            if not self.all_industries and not _cross_industry_all_owners(row, layout):
                continue
            wage = self._wage(code, line, row, layout, problems)
            if wage is None:
                continue
            key = (wage.occupation, wage.area, wage.industry, wage.ownership)
            if key in seen:  # an occupation BLS lists at two SOC levels, figures repeated
                continue
            seen.add(key)
            kept.append(wage)
        if progress is not None:
            progress(self.rows_read)
        if problems:
            raise DataError(problems)
        return kept

    def _wage(
        self, code: str, line: int, row: Row, layout: _Layout, problems: list[Problem]
    ) -> Wage | None:
        found = len(problems)
        hourly_top, annual_top = self.top if self.top is not None else (None, None)

        def figure(index: int | None, column: str, top: float | None) -> Cell:
            if index is None:
                return NotAvailable(Reason.NO_COLUMN)
            try:
                return cell(_at(row, index), top)
            except CellError as e:
                problems.append(
                    Problem(self.name, str(e), line, self.first_column + index + 1, column)
                )
                return NotAvailable(Reason.BLANK)

        hourly = {
            key: figure(index, column, hourly_top)
            for key, index, column in zip(WAGE_KEYS, layout.hourly, _HOURLY_COLUMNS, strict=True)
        }
        annual = {
            key: figure(index, column, annual_top)
            for key, index, column in zip(WAGE_KEYS, layout.annual, _ANNUAL_COLUMNS, strict=True)
        }
        employment = figure(layout.employment, "TOT_EMP", None)
        if len(problems) > found:
            return None
        area = _text(_at(row, layout.area))
        area_title = _text(_at(row, layout.area_title)) or area
        area = area or area_title
        if layout.area_type is not None:
            area_type = AREA_TYPES.get(_text(_at(row, layout.area_type)), "unknown")
        else:
            area_type = "national" if area == "99" else "unknown"
        width = _CODE_WIDTH.get(area_type)
        if width is not None and area.isascii() and area.isdigit():
            area = area.zfill(width)
        state = _text(_at(row, layout.state)) or None
        return Wage(
            occupation=code,
            occupation_title=_text(_at(row, layout.occupation_title)),
            area=area,
            area_title=area_title,
            area_type=area_type,
            state=None if area_type == "national" else state,
            release=self.release,
            employment=round(employment.value) if isinstance(employment, Number) else None,
            hourly=hourly,
            annual=annual,
            hourly_only=_flag(_at(row, layout.hourly_only)),
            annual_only=_flag(_at(row, layout.annual_only)),
            industry=_industry(_at(row, layout.industry)) if layout.industry is not None else None,
            industry_title=(
                _text(_at(row, layout.industry_title))
                if layout.industry_title is not None
                else None
            ),
            ownership=_text(_at(row, layout.ownership)) if layout.ownership is not None else None,
            row=line,
        )


def _industry(value: object) -> str:
    code = _text(value)
    return code.zfill(6) if code.isascii() and code.isdigit() else code


def _flag(value: object) -> bool:
    return _text(value).upper() in ("TRUE", "1")


def _cross_industry_all_owners(row: Row, layout: _Layout) -> bool:
    """A cross-industry, all-ownership row (or a file without industry or ownership)."""
    if layout.ownership is not None:
        ownership = _text(_at(row, layout.ownership))
        if ownership and ownership != ALL_OWNERSHIPS:
            return False
    industry = _text(_at(row, layout.industry)) if layout.industry is not None else ""
    if industry:
        return industry.isascii() and industry.isdigit() and int(industry) == 0
    if layout.industry_group is not None:
        group = _text(_at(row, layout.industry_group))
        return not group or group.lower() == "cross-industry"
    return True


# --- files ---------------------------------------------------------------------------

_ZIP_MAGIC: Final = b"PK\x03\x04"
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SPREADSHEET_SUFFIXES: Final = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
_DELIMITERS: Final = (",", "\t", ";")
_SNIFF_LINE: Final = 1 << 16
_CHUNK: Final = 1 << 20


def read(
    path: str | os.PathLike[str],
    occupations: Iterable[str] = DEFAULT_OCCUPATIONS,
    release: str | None = None,
    progress: ProgressCallback | None = None,
    *,
    all_industries: bool = False,
) -> Table:
    """Read one OEWS table, keeping the rows of ``occupations`` (SOC codes like 39-9031).

    ``release`` (e.g. ``May 2024``) overrides the one in the file name. ``progress`` is
    called every :data:`PROGRESS_EVERY` data rows and at the end. Only cross-industry,
    all-ownership rows are kept unless ``all_industries`` is true.

    Raises :class:`~fitcareer.errors.UsageError` for an occupation code that is not a SOC
    code, and :class:`~fitcareer.errors.DataError` (:class:`NeedsExtra` for XLSX without
    python-calamine) when the file cannot be read, is not an OEWS table, has a cell that is
    neither a number nor an OEWS mark in a kept row, or has none of the occupations.
    """
    codes = _codes(occupations)
    name = os.fspath(path)
    release = release if release is not None else release_from_name(name)
    scan = _Scan(
        name=name,
        wanted=_wanted(codes),
        release=release,
        top=top_coded(release),
        all_industries=all_industries,
        progress=progress,
    )
    magic = _magic(name)
    if not magic:
        raise DataError([Problem(name, "file is empty")])
    if (
        magic.startswith(_ZIP_MAGIC)
        or magic == _OLE_MAGIC
        or name.lower().endswith(_SPREADSHEET_SUFFIXES)
    ):
        rows, sheet = _read_spreadsheet(scan)
        encoding = None
    else:
        encoding = _encoding(name)
        rows, sheet = _read_csv(scan, encoding), None
    if not rows:
        asked = ", ".join(codes)
        if scan.matched:
            message = (
                f"rows for {asked} are all industry- or ownership-specific; "
                "none is cross-industry for all ownerships"
            )
        else:
            message = f"no rows for {asked}: this table does not have the occupation"
            if len(codes) > 1:
                message = f"no rows for any of {asked}"
        raise DataError([Problem(name, message)])
    present = {wage.area_type for wage in rows}
    return Table(
        release=release,
        source=Path(name).name,
        area_types=tuple(kind for kind in _AREA_ORDER if kind in present),
        rows=tuple(rows),
        rows_read=scan.rows_read,
        encoding=None if encoding is None else encoding.removesuffix("-sig"),
        sheet=sheet,
    )


def _magic(name: str) -> bytes:
    """The first bytes of a regular file (a FIFO or device could block or never end)."""
    try:
        if not stat.S_ISREG(os.stat(name).st_mode):
            raise DataError([Problem(name, "not a regular file")])
        with open(name, "rb") as f:
            return f.read(8)
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None


_SOC: Final = re.compile(r"\d\d-\d{4}", re.ASCII)


def _codes(occupations: Iterable[str]) -> tuple[str, ...]:
    if isinstance(occupations, str):
        occupations = (occupations,)
    codes: list[str] = []
    for given in occupations:
        code = _occupation(given)
        if not _SOC.fullmatch(code):
            raise UsageError(f"not an occupation code (like 39-9031): {given!r}")
        if code not in codes:
            codes.append(code)
    if not codes:
        raise UsageError("no occupation code given (like 39-9031)")
    return tuple(codes)


def _wanted(codes: Sequence[str]) -> dict[object, str]:
    """Every form a code takes in a file, to its canonical form: 39-9031, 399031, 399031.0."""
    wanted: dict[object, str] = {}
    for code in codes:
        digits = code.replace("-", "")
        wanted[code] = code
        wanted[digits] = code
        wanted[int(digits)] = code  # equal to, and so found as, 399031.0 too
    return wanted


def _read_spreadsheet(scan: _Scan) -> tuple[list[Wage], str]:
    """The kept rows of the first sheet with an OEWS header, and that sheet's name."""
    try:
        from python_calamine import CalamineError, CalamineWorkbook
    except ImportError:
        raise NeedsExtra([Problem(scan.name, XLSX_EXTRA)]) from None
    try:
        workbook = CalamineWorkbook.from_path(scan.name)
    except CalamineError as e:
        raise DataError([Problem(scan.name, _damaged(e))]) from None
    except OSError as e:
        raise DataError([Problem(scan.name, f"cannot read: {e.strerror or e}")]) from None
    try:
        for index, sheet_name in enumerate(workbook.sheet_names):
            try:
                sheet = workbook.get_sheet_by_index(index)
            except CalamineError as e:
                raise DataError([Problem(scan.name, _damaged(e, sheet_name))]) from None
            rows = _numbered(sheet, scan)
            header = _find_header(rows)
            if header is None:
                continue
            _check(scan.name, *header)
            return scan.run(header[1], rows), sheet_name
    finally:
        close = getattr(workbook, "close", None)  # python-calamine 0.2 has none
        if close is not None:
            close()
    raise DataError(
        [
            Problem(
                scan.name,
                f"not an OEWS table: no sheet has an OCC_CODE column in its first {HEADER_ROWS} rows",
            )
        ]
    )


def _numbered(sheet: CalamineSheet, scan: _Scan) -> Iterator[tuple[int, Row]]:
    """A sheet's rows with their row numbers in the workbook.

    python-calamine's rows start at the sheet's first used column, and (in the versions
    tried, 0.2.3 to 0.9.1) at row 1 even when the used area starts lower, as blank rows;
    both are checked on the first row rather than assumed."""
    start_row, start_column = sheet.start or (0, 0)
    end_column = (sheet.end or (0, 0))[1]
    iterator = iter(sheet.iter_rows())
    first = next(iterator, None)
    if first is None:
        return iter(())
    blank = all(value == "" or value is None for value in first)
    offset = 0 if start_row and blank else start_row
    wide = start_column and len(first) == end_column + 1
    scan.first_column = 0 if wide else start_column
    return enumerate(itertools.chain([first], iterator), start=offset + 1)


def _damaged(error: Exception, sheet: str | None = None) -> str:
    detail = " ".join(str(error).split()) or type(error).__name__
    where = f"sheet {sheet!r} " if sheet is not None else ""
    return f"not a readable spreadsheet ({where}truncated or damaged?): {detail[:200]}"


def _check(name: str, line: int, layout: _Layout) -> None:
    lacks = layout.missing()
    if lacks:
        raise DataError(
            [Problem(name, f"not an OEWS wage table: no {' and no '.join(lacks)}", line)]
        )


def _encoding(name: str) -> str:
    """``utf-16`` when the file starts with its byte-order mark; ``utf-8-sig`` when the
    whole file is UTF-8 (a BOM is allowed); otherwise ``latin-1``, which decodes any bytes.
    Checked in chunks before reading, so a late non-UTF-8 byte cannot half-read the file."""
    try:
        with open(name, "rb") as f:
            start = f.read(2)
            if start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
                return "utf-16"
            f.seek(0)
            decoder = codecs.getincrementaldecoder("utf-8")()
            try:
                while chunk := f.read(_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                return "latin-1"
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None
    return "utf-8-sig"


def _read_csv(scan: _Scan, encoding: str) -> list[Wage]:
    name = scan.name
    try:
        with open(name, encoding=encoding, newline="") as f:
            head = [line for _ in range(HEADER_ROWS) if (line := f.readline(_SNIFF_LINE))]
            delimiter = _delimiter(head)
            if delimiter is None:
                raise DataError(
                    [
                        Problem(
                            name,
                            "not an OEWS table: no OCC_CODE column in the first "
                            f"{HEADER_ROWS} lines (is it a CSV or XLSX file?)",
                        )
                    ]
                )
            reader = csv.reader(itertools.chain(head, f), delimiter=delimiter)
            rows: Iterator[tuple[int, Row]] = ((reader.line_num, row) for row in reader)
            try:
                header = _find_header(rows)
                if header is None:  # pragma: no cover - the delimiter check found it
                    raise DataError([Problem(name, "not an OEWS table: no OCC_CODE column")])
                _check(name, *header)
                return scan.run(header[1], rows)
            except csv.Error as e:
                raise DataError(
                    [Problem(name, f"not a readable CSV table: {e}", reader.line_num + 1)]
                ) from None
    except UnicodeDecodeError as e:  # only UTF-16 can fail here
        raise DataError([Problem(name, f"not valid {encoding} text ({e.reason})")]) from None
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None


def _delimiter(head: Sequence[str]) -> str | None:
    """The delimiter that makes one of the first lines name OCC_CODE."""
    for delimiter in _DELIMITERS:
        for line in head:
            if delimiter not in line:
                continue
            try:
                fields = next(csv.reader([line], delimiter=delimiter), [])
            except csv.Error:
                continue
            if any(_header_name(field) == "OCC_CODE" for field in fields):
                return delimiter
    for line in head:  # a one-column header, however unlikely
        if _header_name(line) == "OCC_CODE":
            return ","
    return None
