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
one, the row and column. The zips BLS serves the tables in are read by
:mod:`fitcareer.data.downloads`, BLS's time-series flat files by
:mod:`fitcareer.data.oews_flat`.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import enum
import io
import itertools
import math
import os
import re
import stat
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final, Literal, TextIO, TypeAlias, TypeVar

if TYPE_CHECKING:
    from python_calamine import CalamineSheet

from fitcareer.errors import DataError, Problem, UsageError
from fitcareer.model import FITNESS_TRAINERS, AreaKind

__all__ = [
    "ALL_OWNERSHIPS",
    "AREA_TYPES",
    "DEFAULT_OCCUPATIONS",
    "FITNESS_TRAINERS",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_LINE",
    "PROGRESS_EVERY",
    "TOP_CODED",
    "WAGE_KEYS",
    "XLSX_EXTRA",
    "AreaType",
    "AtLeast",
    "Cell",
    "CellError",
    "NeedsExtra",
    "NoRows",
    "NotATable",
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

_TEXT_COLUMNS: Final = (
    "OCC_CODE",
    "OCC_TITLE",
    "AREA",
    "AREA_TITLE",
    "PRIM_STATE",
    "NAICS",
    "NAICS_TITLE",
    "OWN_CODE",
)
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
    "reading XLSX needs python-calamine (the xlsx extra): pip install python-calamine "
    "(or save the sheet as CSV)"
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


class NotATable(DataError):
    """The file is readable but holds no OEWS table (no OCC_CODE header with an area and
    a wage column), such as a field-descriptions file beside a table in a zip."""


class NoRows(DataError):
    """The table has none of the occupations asked for (or none cross-industry)."""


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
    """How a CSV was decoded: ``utf-8``, ``utf-16``, ``windows-1252``, or ``latin-1`` (a
    file with none of the bytes where Windows-1252 and latin-1 differ); None for XLSX."""
    sheet: str | None
    """The XLSX sheet read; None for CSV."""
    name: str = ""
    """The file as messages name it: the path read, ``ZIP/MEMBER`` for a table read out of
    a zip, or the data file of BLS's flat files."""
    flat: bool = False
    """Read from BLS's time-series flat files (``oe.data.0.Current`` and the files beside
    it) rather than from a table."""


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
    texts: tuple[tuple[int, str], ...]
    """Position and name of each column whose text a kept row keeps."""

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
            texts=tuple((index[name], name) for name in _TEXT_COLUMNS if name in index),
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
    names OCC_CODE beside an area and a wage column. A row that names OCC_CODE without
    them (a field-descriptions sheet lists ``occ_code`` among its rows) is returned only
    when no better one follows, so that :func:`_check` can say what it lacks."""
    seen = 0
    partial: tuple[int, _Layout] | None = None
    for line, row in rows:
        names = [_header_name(value) for value in row]
        if "OCC_CODE" in names:
            layout = _Layout.of(names)
            if not layout.missing():
                return line, layout
            partial = partial or (line, layout)
        if any(names):
            seen += 1
            if seen == HEADER_ROWS:
                break
        elif line > _BLANK_ROWS:
            break
    return partial


@dataclass(slots=True)
class _Scan:
    """Rows kept so far from one file, and what was seen on the way."""

    name: str
    """The file as messages name it."""
    path: str
    """The file to open."""
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
        for index, column in layout.texts:
            value = _at(row, index)
            bad = CONTROL.search(value) if isinstance(value, str) else None
            if bad is not None:
                message = f"control character U+{ord(bad.group()):04X} in text; remove it"
                problems.append(
                    Problem(self.name, message, line, self.first_column + index + 1, column)
                )

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
        area, area_title, area_type = _place(row, layout)
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


def _place(row: Row, layout: _Layout) -> tuple[str, str, AreaKind]:
    """A row's area code (padded to BLS's width for its kind), title and kind."""
    area = _text(_at(row, layout.area))
    area_title = _text(_at(row, layout.area_title)) or area
    area = area or area_title
    area_type: AreaKind = "national" if area == "99" else "unknown"
    if layout.area_type is not None:
        area_type = AREA_TYPES.get(_text(_at(row, layout.area_type)), "unknown")
    width = _CODE_WIDTH.get(area_type)
    if width is not None and area.isascii() and area.isdigit():
        area = area.zfill(width)
    return area, area_title, area_type


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
_CHUNK: Final = 1 << 20

MAX_LINE: Final = 1 << 16
"""Longest line of a CSV table, in characters (64 KiB); BLS's rows are a few hundred."""

MAX_COLUMNS: Final = 256
"""Widest XLSX sheet loaded (BLS's tables have at most 32 columns)."""
MAX_CELLS: Final = 20_000_000
"""Largest XLSX sheet loaded, in cells (rows times columns). python-calamine holds every
cell of the sheet at once, about 64 bytes a cell with its text, so this bounds an XLSX
import at about 1.3 GB; BLS's all-data table is about 13 million cells."""
MAX_PART: Final = 1 << 30
"""Largest part of an XLSX file, unpacked (1 GiB; the all-data sheet is about 350 MB)."""
MAX_UNPACKED: Final = 2 << 30
"""Largest XLSX file, all its parts unpacked."""
MAX_RATIO: Final = 100
"""Most a part over 1 MiB may be packed (unpacked size over packed size); spreadsheets
pack about 10 to 1, zip bombs a thousand to one."""
MAX_STRINGS: Final = 64 << 20
"""Largest shared-strings part, unpacked (the all-data table's is about 1 MB)."""
MAX_TEXT: Final = 256 << 10
"""Longest shared string, in bytes of XML: Excel's limit is 32,767 characters."""
EXACT_SCAN: Final = 8 << 20
"""A sheet up to this size unpacked is scanned cell by cell for its true extent (a
smaller file is cheap to scan and may lie about its dimension); a larger one is judged
by the dimension it declares."""
MAX_PARTS: Final = 10_000
"""Most parts in one zip: a workbook, or a download from BLS."""

_DIMENSION: Final = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?dimension\s+ref="([A-Za-z]{1,7})(\d{1,12})(?::([A-Za-z]{1,7})(\d{1,12}))?"'
)
_REF: Final = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?(?:c|row)\s[^>]*?\br="([A-Za-z]*)(\d+)"')
_STRING_ITEM: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si\b")
CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters refused in a kept row's text, as in the data files: terminal controls
(U+0085 included, which Python's strip() would take for a space), line and paragraph
separators, and bidirectional overrides."""
_NOT_CP1252: Final = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_C1_BYTES: Final = re.compile(rb"[\x80-\x9f]")


def read(
    path: str | os.PathLike[str],
    occupations: Iterable[str] = DEFAULT_OCCUPATIONS,
    release: str | None = None,
    progress: ProgressCallback | None = None,
    *,
    all_industries: bool = False,
    name: str | None = None,
) -> Table:
    """Read one OEWS table, keeping the rows of ``occupations`` (SOC codes like 39-9031).

    ``release`` (e.g. ``May 2024``) overrides the one in the file name. ``progress`` is
    called every :data:`PROGRESS_EVERY` data rows and at the end. Only cross-industry,
    all-ownership rows are kept unless ``all_industries`` is true. ``name`` is what
    messages call the file, and what its release and :attr:`Table.source` come from
    (default: ``path``), for a file taken out of a zip.

    Raises :class:`~fitcareer.errors.UsageError` for an occupation code that is not a SOC
    code, and :class:`~fitcareer.errors.DataError` when the file cannot be read, is not
    an OEWS table (:class:`NotATable`), is an XLSX larger than the bounds above
    (:data:`MAX_CELLS` and the rest), has a cell that is neither a number nor an OEWS
    mark in a kept row, or has none of the occupations (:class:`NoRows`);
    :class:`NeedsExtra` for XLSX without python-calamine.
    """
    codes = soc_codes(occupations)
    opened = os.fspath(path)
    name = name if name is not None else opened
    release = release if release is not None else release_from_name(name)
    scan = _Scan(
        name=name,
        path=opened,
        wanted=_wanted(codes),
        release=release,
        top=top_coded(release),
        all_industries=all_industries,
        progress=progress,
    )
    with open_regular(opened, name) as f:
        try:
            magic = f.read(8)
        except OSError as e:
            raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None
        if not magic:
            raise DataError([Problem(name, "file is empty")])
        encoding: str | None
        if (
            magic.startswith(_ZIP_MAGIC)
            or magic == _OLE_MAGIC
            or name.lower().endswith(_SPREADSHEET_SUFFIXES)
        ):
            _check_workbook(name, f, magic)
            try:
                rows, sheet = _read_spreadsheet(scan)
            except BaseException as e:  # pyo3's PanicException is not an Exception
                if type(e).__name__ != "PanicException":
                    raise
                raise DataError([Problem(name, damaged(e))]) from None
            encoding = None
        else:
            codec, encoding = _encoding(name, f)
            rows, sheet = _read_csv(scan, f, codec), None
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
        raise NoRows([Problem(name, message)])
    return Table(
        release=release,
        source=Path(name).name,
        area_types=area_types(rows),
        rows=tuple(rows),
        rows_read=scan.rows_read,
        encoding=encoding,
        sheet=sheet,
        name=name,
    )


def area_types(rows: Iterable[Wage]) -> tuple[AreaType, ...]:
    """The kinds of area among ``rows``, national first."""
    present = {wage.area_type for wage in rows}
    return tuple(kind for kind in _AREA_ORDER if kind in present)


def open_regular(path: str, name: str | None = None) -> BinaryIO:
    """The file, opened once, if it is a regular file: a FIFO, a device or a socket could
    block or never end. The open itself does not wait for a FIFO's writer. ``name`` is
    what messages call it (default: ``path``)."""
    name = name if name is not None else path
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DataError([Problem(name, "not a regular file")])
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


_SOC: Final = re.compile(r"\d\d-\d{4}", re.ASCII)


def soc_codes(occupations: Iterable[str]) -> tuple[str, ...]:
    """The SOC codes asked for, each once, as ``39-9031``; a usage error for any other."""
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


# --- XLSX ------------------------------------------------------------------------------


def too_large(name: str, what: str) -> DataError:
    """The one line that refuses a file over a bound."""
    return DataError(
        [Problem(name, f"too large to load: {what} (see 'Large tables' in docs/wages.md)")]
    )


def _check_workbook(name: str, f: BinaryIO, magic: bytes) -> None:
    """Refuse, before python-calamine loads it, a workbook that is not XLSX or that
    would not fit the bounds: parts' unpacked sizes and packing ratio (zip bombs), the
    shared strings, and each sheet's extent (:data:`MAX_CELLS`). Only the zip directory,
    the first KiB of each large sheet and the shared strings are read."""
    not_xlsx = DataError(
        [
            Problem(
                name,
                "not an XLSX workbook (XLS, XLSB and ODS are not read): "
                "save the sheet as XLSX or CSV",
            )
        ]
    )
    if magic == _OLE_MAGIC:
        raise not_xlsx
    f.seek(0)
    try:
        with zipfile.ZipFile(f) as z:
            parts = z.infolist()
            lower = {part.filename.lower() for part in parts}
            if "xl/workbook.xml" not in lower:
                raise not_xlsx
            if len(parts) > MAX_PARTS:
                raise too_large(name, f"{len(parts):,} parts in one workbook")
            total = 0
            for part in parts:
                total += part.file_size
                check_part(name, part, total)
            for part in parts:
                where = part.filename.lower()
                if where.startswith("xl/worksheets/") and where.endswith(".xml"):
                    _check_sheet(name, z, part)
                elif where.startswith("xl/") and where.endswith("sharedstrings.xml"):
                    _check_strings(name, z, part)
    except DataError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as e:
        raise DataError([Problem(name, damaged(e))]) from None
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None


def check_part(name: str, part: zipfile.ZipInfo, total: int) -> None:
    """A zip's part against the bounds: its unpacked size, the parts' total so far
    (``total``, this one included) and its packing ratio."""
    size, packed = part.file_size, max(part.compress_size, 1)
    if size > MAX_PART:
        raise too_large(
            name, f"{part.filename} unpacks to {_mib(size)} (the limit is {_mib(MAX_PART)})"
        )
    if total > MAX_UNPACKED:
        raise too_large(name, f"the parts unpack to over {_mib(MAX_UNPACKED)}")
    if size > 1 << 20 and size > MAX_RATIO * packed:
        raise too_large(
            name,
            f"{part.filename} unpacks from {_mib(packed)} to {_mib(size)}, "
            f"over {MAX_RATIO} times its packed size (a zip bomb?)",
        )


def _mib(size: int) -> str:
    return f"{size / (1 << 20):,.1f} MiB"


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _check_sheet(name: str, z: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """A sheet's extent, which python-calamine allocates whole: the dimension it
    declares, and for a sheet small enough to scan cheaply, every cell's reference."""
    with z.open(part) as sheet:
        head = sheet.read(4096)
    found = _DIMENSION.search(head)
    if found is not None:
        first_col, first_row, last_col, last_row = found.groups()
        rows = int(last_row or first_row) - int(first_row) + 1
        columns = _column_number(last_col or first_col) - _column_number(first_col) + 1
        span = first_col + first_row + (b":" + last_col + last_row if last_col else b"")
        _check_extent(name, part, abs(rows), abs(columns), f"declares {span.decode()}")
    if part.file_size <= EXACT_SCAN:
        rows = columns = 0
        for letters, digits in _REF.findall(z.read(part)):
            if len(digits) > 9 or len(letters) > 4:
                rows = columns = MAX_CELLS + 1
                break
            rows = max(rows, int(digits))
            if letters:
                columns = max(columns, _column_number(letters))
        _check_extent(name, part, rows, columns, "has cells as far as")


def _check_extent(name: str, part: zipfile.ZipInfo, rows: int, columns: int, says: str) -> None:
    if columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        where = f"{says} row {rows:,}, column {columns:,}" if says.startswith("has") else says
        raise too_large(
            name,
            f"{part.filename} {where}: {rows:,} rows by {columns:,} columns; the limit is "
            f"{MAX_COLUMNS} columns and {MAX_CELLS:,} cells (save the sheet as CSV)",
        )


def _check_strings(name: str, z: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """The shared strings, whole size and longest string, read in chunks."""
    if part.file_size > MAX_STRINGS:
        raise too_large(
            name,
            f"{part.filename} unpacks to {_mib(part.file_size)} (the limit is {_mib(MAX_STRINGS)})",
        )
    last: int | None = None
    offset = 0
    tail = b""
    longest = 0
    with z.open(part) as strings:
        while chunk := strings.read(_CHUNK):
            data = tail + chunk
            base = offset - len(tail)
            for item in _STRING_ITEM.finditer(data):
                at = base + item.start()
                if last is not None and at > last:
                    longest = max(longest, at - last)
                if last is None or at > last:
                    last = at
            offset += len(chunk)
            tail = data[-16:]
            if longest > MAX_TEXT or (last is not None and offset - last > MAX_TEXT + 64):
                raise too_large(
                    name,
                    f"a shared string in {part.filename} is over {MAX_TEXT >> 10} KiB "
                    "(a spreadsheet cell holds at most 32,767 characters)",
                )


def _read_spreadsheet(scan: _Scan) -> tuple[list[Wage], str]:
    """The kept rows of the first sheet with an OEWS header, and that sheet's name."""
    try:
        from python_calamine import CalamineError, CalamineWorkbook
    except ImportError:
        raise NeedsExtra([Problem(scan.name, XLSX_EXTRA)]) from None
    name, path = scan.name, scan.path
    try:
        workbook = _aside(lambda: CalamineWorkbook.from_path(path))
    except CalamineError as e:
        raise DataError([Problem(name, damaged(e))]) from None
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None
    partial: tuple[int, _Layout] | None = None
    try:
        for index, sheet_name in enumerate(workbook.sheet_names):
            try:
                sheet = _aside(lambda i=index: workbook.get_sheet_by_index(i))  # type: ignore[misc]
            except CalamineError as e:
                raise DataError([Problem(name, damaged(e, sheet_name))]) from None
            rows = _numbered(sheet, scan)
            header = _find_header(rows)
            if header is None:
                continue
            if header[1].missing():  # a field-descriptions sheet, or a broken header
                partial = partial or header
                continue
            return scan.run(header[1], rows), sheet_name
    finally:
        close = getattr(workbook, "close", None)  # python-calamine 0.2 has none
        if close is not None:
            with contextlib.suppress(Exception):  # still loading, when Ctrl-C stopped it
                close()
    if partial is not None:
        _check(name, *partial)
    raise NotATable(
        [
            Problem(
                name,
                f"not an OEWS table: no sheet has an OCC_CODE column in its first {HEADER_ROWS} rows",
            )
        ]
    )


_T = TypeVar("_T")


def _aside(load: Callable[[], _T]) -> _T:
    """``load()`` run in a thread of its own while this one waits, so that Ctrl-C stops
    the import at once: python-calamine releases the interpreter while it loads a sheet,
    but checks for signals only when it is done. A panic inside it (a Rust assertion on
    a malformed file) is raised here, and :func:`read` makes it one line."""
    result: list[_T] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            result.append(load())
        except BaseException as e:  # a panic is a BaseException, not an Exception
            failure.append(e)

    worker = threading.Thread(target=work, name="fitcareer-xlsx", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.05)
    if failure:
        raise failure[0]
    return result[0]


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


def damaged(error: BaseException, sheet: str | None = None) -> str:
    """What a reader's error says of a file it could not read, in one line."""
    detail = " ".join(str(error).split()) or type(error).__name__
    where = f"sheet {sheet!r} " if sheet is not None else ""
    return f"not a readable spreadsheet ({where}truncated or damaged?): {detail[:200]}"


def _check(name: str, line: int, layout: _Layout) -> None:
    lacks = layout.missing()
    if lacks:
        raise NotATable(
            [Problem(name, f"not an OEWS wage table: no {' and no '.join(lacks)}", line)]
        )


# --- CSV -------------------------------------------------------------------------------


def _encoding(name: str, f: BinaryIO) -> tuple[str, str]:
    """The codec to read a CSV with, and its name as :attr:`Table.encoding` gives it.

    UTF-16 when the file starts with its byte-order mark; UTF-8 (a BOM allowed) when the
    whole file is UTF-8, checked in chunks before reading. Otherwise the file is read as
    Windows-1252, what Excel writes on Windows (``latin-1`` when it has none of the bytes
    where the two differ, 0x80 to 0x9F), unless it mixes encodings: a line that is UTF-8
    and another that is not is refused, naming the line, rather than decoded whole as
    Windows-1252 ("Téxas" would become "TÃ©xas")."""
    try:
        f.seek(0)
        if f.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "utf-16", "utf-16"
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := f.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return _single_byte(name, f)
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None
    return "utf-8-sig", "utf-8"


def _single_byte(name: str, f: BinaryIO) -> tuple[str, str]:
    f.seek(0)
    utf8_line: int | None = None
    bad: tuple[int, int] | None = None
    c1 = False
    number = 0
    while line := f.readline(MAX_LINE + 1):
        number += 1
        if len(line) > MAX_LINE:
            raise _long_line(name, number)
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as e:
            if bad is None:
                bad = (number, line[e.start])
        else:
            if utf8_line is None:
                utf8_line = number
        undefined = _NOT_CP1252.search(line)
        if undefined is not None and utf8_line is None:
            raise DataError(
                [
                    Problem(
                        name,
                        f"neither UTF-8 nor Windows-1252 text (byte 0x{undefined.group()[0]:02X}): "
                        "save the table again as UTF-8",
                        number,
                    )
                ]
            )
        c1 = c1 or _C1_BYTES.search(line) is not None
        if utf8_line is not None and bad is not None:
            raise DataError(
                [
                    Problem(
                        name,
                        f"not UTF-8 text (byte 0x{bad[1]:02X}), though line {utf8_line} is: "
                        "the file mixes encodings; save it again as UTF-8",
                        bad[0],
                    )
                ]
            )
    return "cp1252", ("windows-1252" if c1 else "latin-1")


def _long_line(name: str, number: int) -> DataError:
    return DataError(
        [
            Problem(
                name,
                f"line longer than {MAX_LINE >> 10} KiB; no row of an OEWS table is "
                "(is it a CSV table?)",
                number,
            )
        ]
    )


class _Lines:
    """A text file's lines, each at most :data:`MAX_LINE` long, counted as they go."""

    def __init__(self, name: str, f: TextIO) -> None:
        self.name, self.f, self.number = name, f, 0

    def __iter__(self) -> Iterator[str]:
        readline = self.f.readline
        while line := readline(MAX_LINE + 1):
            self.number += 1
            if len(line) > MAX_LINE:
                raise _long_line(self.name, self.number)
            yield line


def _read_csv(scan: _Scan, raw: BinaryIO, codec: str) -> list[Wage]:
    name = scan.name
    lines: _Lines | None = None
    f: io.TextIOWrapper | None = None
    try:
        raw.seek(0)
        f = io.TextIOWrapper(raw, encoding=codec, newline="")
        lines = _Lines(name, f)
        source = iter(lines)
        head = list(itertools.islice(source, HEADER_ROWS))
        delimiter = _delimiter(head)
        if delimiter is None:
            raise NotATable(
                [
                    Problem(
                        name,
                        "not an OEWS table: no OCC_CODE column in the first "
                        f"{HEADER_ROWS} lines (is it a CSV or XLSX file?)",
                    )
                ]
            )
        reader = csv.reader(itertools.chain(head, source), delimiter=delimiter)
        rows = _records(name, reader)
        header = _find_header(rows)
        if header is None:  # pragma: no cover - the delimiter check found it
            raise DataError([Problem(name, "not an OEWS table: no OCC_CODE column")])
        _check(name, *header)
        return scan.run(header[1], rows)
    except UnicodeDecodeError as e:  # only UTF-16 can fail here
        line = lines.number + 1 if lines is not None else None
        raise DataError(
            [Problem(name, f"not valid {codec} text (byte 0x{e.object[e.start]:02X})", line)]
        ) from None
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None
    finally:
        if f is not None:
            f.detach()  # the caller closes the file


def _records(name: str, reader: Any) -> Iterator[tuple[int, Row]]:
    """Each row with its line, and never one that runs over several lines: no cell of an
    OEWS table holds a line break, so a quote left open is refused, not followed to the
    end of the file."""
    last = 0
    try:
        for row in reader:
            line: int = reader.line_num
            if line > last + 1:
                raise _open_quote(name, last + 1, line)
            last = line
            yield line, row
    except csv.Error:
        raise _open_quote(name, last + 1, reader.line_num) from None


def _open_quote(name: str, start: int, end: int) -> DataError:
    runs = f" (it runs on to line {end:,})" if end > start else ""
    return DataError(
        [
            Problem(
                name,
                f'a quoted field (") is not closed on its line{runs}: a quote is missing',
                start,
            )
        ]
    )


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
