"""Read BLS's OEWS time-series flat files: ``oe.data.0.Current`` and the files beside it.

BLS publishes every estimate of the current OEWS release as one text file,
https://download.bls.gov/pub/time.series/oe/oe.data.0.Current (331 MB and 6 million lines
for May 2025), with small files beside it that say what its codes mean: ``oe.area``,
``oe.occupation``, ``oe.footnote``, ``oe.datatype``, ``oe.release`` and others. Each file
is tab-separated with a header line and Windows line ends. A data line is one figure::

    OEUS270000000000039903113     \\t2025\\tA01\\t       43620\\t

the series (``OEU``, the area type ``N``, ``S`` or ``M``, the 7-digit area, the 6-digit
industry, the 6-digit occupation, the 2-digit datatype), padded to 30 characters; the
year and period; the value, right-aligned in 12 (``-`` when not published); and the
footnote codes.

:func:`read` streams the data file a MiB at a time, finds the lines of the occupations
asked for by their bytes (cross-industry, ``000000``, only), parses those alone, and
joins the datatypes of each area into a :class:`~fitcareer.data.oews.Wage`, as a row of
an OEWS table gives them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final

from fitcareer.data import oews
from fitcareer.data.oews import (
    DEFAULT_OCCUPATIONS,
    AreaType,
    AtLeast,
    Cell,
    NotAvailable,
    Number,
    ProgressCallback,
    Reason,
    Table,
    Wage,
)
from fitcareer.errors import DataError, Problem
from fitcareer.model import BLS_FLAT_FILES

__all__ = [
    "AREA",
    "DATA",
    "FLAT_URL",
    "FOOTNOTE",
    "OCCUPATION",
    "RELEASE",
    "Line",
    "LineError",
    "data_file",
    "is_data",
    "is_mapping",
    "parse_line",
    "read",
]

FLAT_URL: Final = BLS_FLAT_FILES
"""Where BLS publishes the OEWS flat files."""

DATA: Final = "oe.data.0.Current"
AREA: Final = "oe.area"
OCCUPATION: Final = "oe.occupation"
FOOTNOTE: Final = "oe.footnote"
RELEASE: Final = "oe.release"

CROSS_INDUSTRY: Final = "000000"
"""The industry code of the cross-industry estimates (all ownerships)."""

EMPLOYMENT: Final = "01"
HOURLY: Final = {"03": "mean", "06": "p10", "07": "p25", "08": "median", "09": "p75", "10": "p90"}
ANNUAL: Final = {"04": "mean", "11": "p10", "12": "p25", "13": "median", "14": "p75", "15": "p90"}
"""Datatype codes (oe.datatype) of the figures kept, to the keys of :data:`oews.WAGE_KEYS`."""

ONE_KIND: Final = "4"
"""Footnote: only hourly or only annual wages are published for the occupation."""
TOP_CODED: Final = "5"
"""Footnote: the wage is equal to or greater than the top-coded limit."""
NOT_RELEASED: Final = "8"
"""Footnote: the estimate is not released."""
FOOTNOTE_WORDS: Final = {TOP_CODED: "greater than", NOT_RELEASED: "not released"}
"""Words each footnote's text in oe.footnote must hold for the reader to rely on its code."""

NOT_PUBLISHED: Final = "-"

MAX_MAPPING: Final = 16 << 20
"""Largest file beside the data read whole (oe.occupation, the largest, is 263 KB)."""

_CHUNK: Final = 1 << 20
_SERIES_WIDTH: Final = 30
_OCCUPATION_AT: Final = 11
"""Where the industry and occupation start in a series id (after ``OEU``, the area type
and the area)."""

_SERIES: Final = re.compile(r"OEU([NSM])(\d{7})([0-9A-Z-]{6})(\d{6})(\d{2})", re.ASCII)
_YEAR: Final = re.compile(r"(?:19|20)\d\d", re.ASCII)
_PERIOD: Final = re.compile(r"[A-Z]\d\d", re.ASCII)
_VALUE: Final = re.compile(r"\d{1,15}(?:\.\d{1,15})?", re.ASCII)
_FOOTNOTE: Final = re.compile(r"[0-9A-Za-z]{1,4}", re.ASCII)
_HEADER: Final = ("series_id", "year", "period", "value")
_MAPPING: Final = re.compile(
    r"oe\.(?:area|areatype|datatype|footnote|industry|occupation|release|seasonal|sector|series|txt)"
    r"(?:\.txt)?"
)
_STATE_IN_NAME: Final = re.compile(r", ([A-Z]{2})(?:-[A-Z]{2})*$")
_FIRST_TERRITORY: Final = 60
"""State codes from 60 up are U.S. territories (FIPS: 01 to 56 are the states and the
District of Columbia; 66 Guam, 72 Puerto Rico, 78 the U.S. Virgin Islands)."""


class LineError(ValueError):
    """A data line that is not in BLS's layout."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of ``oe.data.0.Current``: one figure of one series."""

    area_type: str
    """``N`` national, ``S`` state or territory, ``M`` metropolitan or nonmetropolitan."""
    area: str
    """The 7-digit area code of oe.area."""
    industry: str
    """The 6-character industry code (``000000`` cross-industry)."""
    occupation: str
    """The 6-digit SOC code, without its hyphen."""
    datatype: str
    """The 2-digit datatype (oe.datatype)."""
    year: str
    period: str
    """``A01`` for the annual estimates."""
    value: str
    """The figure as written, or ``-`` when it is not published."""
    footnotes: tuple[str, ...]
    """Codes of oe.footnote."""


def parse_line(text: str) -> Line:
    """One data line (its line end optional); :class:`LineError` when it is not in BLS's
    layout, saying which field is wrong."""
    fields = text.rstrip("\r\n").split("\t")
    if not 4 <= len(fields) <= 5:
        raise LineError(
            f"expected 4 or 5 tab-separated fields (series_id, year, period, value, "
            f"footnote_codes), got {len(fields)}"
        )
    series, year, period, value = (field.strip() for field in fields[:4])
    found = _SERIES.fullmatch(series)
    if found is None:
        raise LineError(f"series_id: not an OEWS series: {_show(series)}")
    if not _YEAR.fullmatch(year):
        raise LineError(f"year: not a year: {_show(year)}")
    if not _PERIOD.fullmatch(period):
        raise LineError(f"period: not a period such as A01: {_show(period)}")
    if value != NOT_PUBLISHED and not _VALUE.fullmatch(value):
        raise LineError(f"value: not a number or '-': {_show(value)}")
    notes = fields[4].split(",") if len(fields) == 5 else []
    codes = tuple(code.strip() for code in notes if code.strip())
    for code in codes:
        if not _FOOTNOTE.fullmatch(code):
            raise LineError(f"footnote_codes: not a footnote code: {_show(code)}")
    area_type, area, industry, occupation, datatype = found.groups()
    return Line(area_type, area, industry, occupation, datatype, year, period, value, codes)


def _show(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


# --- which files ----------------------------------------------------------------------


def _beside(folder: Path, name: str) -> Path | None:
    """``name`` in ``folder``, or ``name.txt`` (as a browser may save it)."""
    for candidate in (name, f"{name}.txt"):
        path = folder / candidate
        if path.is_file():
            return path
    return None


def data_file(folder: str | os.PathLike[str]) -> Path | None:
    """The data file in a folder of BLS's flat files, or None when it has none."""
    return _beside(Path(folder), DATA)


def is_mapping(path: str | os.PathLike[str]) -> bool:
    """Whether a file is one of the flat files beside the data (``oe.area``, ...)."""
    return _MAPPING.fullmatch(Path(path).name.lower()) is not None


def is_data(path: str | os.PathLike[str], head: bytes) -> bool:
    """Whether a file is a BLS time-series data file: named ``oe.data.*``, or starting
    with a ``series_id`` header (``head`` is its first bytes)."""
    return Path(path).name.lower().startswith("oe.data.") or head.startswith(b"series_id")


# --- the files beside the data ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Area:
    area_type: str
    state: str
    name: str
    line: int


def _mapping(
    folder: Path, file: str, columns: tuple[str, ...], data_name: str, *, required: bool
) -> tuple[str, list[tuple[int, dict[str, str]]]] | None:
    """A tab-separated file beside the data: its name as messages give it, and each row
    (with its line) as column name to text. None when it is missing and not required."""
    path = _beside(folder, file)
    if path is None:
        if not required:
            return None
        raise DataError(
            [
                Problem(
                    data_name,
                    f"{file} is missing beside it: BLS's flat files are read together "
                    f"(download {file} from {FLAT_URL} into the same folder)",
                )
            ]
        )
    name = str(path)
    with oews.open_regular(name) as f:
        raw = _whole(name, f)
    text = _decode(raw)
    lines = text.splitlines()
    header = [field.strip().lower() for field in lines[0].split("\t")] if lines else []
    missing = [column for column in columns if column not in header]
    if missing:
        raise DataError(
            [
                Problem(
                    name,
                    f"not BLS's {file}: its first line names no {' and no '.join(missing)} column",
                    1,
                )
            ]
        )
    rows: list[tuple[int, dict[str, str]]] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = [field.strip() for field in line.split("\t")]
        row = {column: fields[i] if i < len(fields) else "" for i, column in enumerate(header)}
        for column in columns:
            value = row.get(column, "")
            bad = oews.CONTROL.search(value)
            if bad is not None:
                message = f"{column}: control character U+{ord(bad.group()):04X} in text; remove it"
                raise DataError([Problem(name, message, number)])
        rows.append((number, row))
    return name, rows


def _whole(name: str, f: BinaryIO) -> bytes:
    try:
        raw = f.read(MAX_MAPPING + 1)
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None
    if len(raw) > MAX_MAPPING:
        raise DataError(
            [Problem(name, f"larger than {MAX_MAPPING >> 20} MiB; BLS's is well under 1 MB")]
        )
    return raw


def _decode(raw: bytes) -> str:
    """BLS's files are ASCII; UTF-8, else Windows-1252 for a copy saved by a program."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _areas(folder: Path, data_name: str) -> tuple[str, dict[str, _Area]]:
    found = _mapping(folder, AREA, ("area_code", "area_name"), data_name, required=True)
    assert found is not None
    name, rows = found
    areas: dict[str, _Area] = {}
    for number, row in rows:
        code = row["area_code"]
        if code in areas:
            message = f"area {code} is listed twice (lines {areas[code].line} and {number})"
            raise DataError([Problem(name, message, number)])
        areas[code] = _Area(
            row.get("areatype_code", ""), row.get("state_code", ""), row["area_name"], number
        )
    return name, areas


def _states(areas: dict[str, _Area]) -> dict[str, str]:
    """Each state code's postal code, as oe.area's metropolitan area names give it
    (``Minneapolis-St. Paul-Bloomington, MN-WI`` under state 27 gives MN); a state whose
    areas give none, or disagree, has none."""
    said: dict[str, set[str]] = {}
    for area in areas.values():
        found = _STATE_IN_NAME.search(area.name) if area.area_type == "M" else None
        if found is not None and area.state:
            said.setdefault(area.state, set()).add(found.group(1))
    return {state: codes.pop() for state, codes in said.items() if len(codes) == 1}


def _titles(folder: Path, data_name: str) -> tuple[str, dict[str, str]]:
    columns = ("occupation_code", "occupation_name")
    found = _mapping(folder, OCCUPATION, columns, data_name, required=True)
    assert found is not None
    name, rows = found
    return name, {row["occupation_code"]: row["occupation_name"] for _, row in rows}


def _releases(folder: Path, data_name: str) -> tuple[str, dict[str, str]] | None:
    """oe.release: release code (``2025A01``) to its name (``May 2025``)."""
    found = _mapping(folder, RELEASE, ("description",), data_name, required=False)
    if found is None:
        return None
    name, rows = found
    releases: dict[str, str] = {}
    for _, row in rows:
        code = next(iter(row.values()), "")
        releases[code] = " ".join(row["description"].split())
    return name, releases


def _check_footnotes(folder: Path, data_name: str) -> None:
    """The footnote codes the reader relies on mean what it takes them to, when
    oe.footnote is there to say."""
    columns = ("footnote_code", "footnote_text")
    found = _mapping(folder, FOOTNOTE, columns, data_name, required=False)
    if found is None:
        return
    name, rows = found
    for number, row in rows:
        words = FOOTNOTE_WORDS.get(row["footnote_code"])
        if words is not None and words not in row["footnote_text"].lower():
            message = (
                f"footnote {row['footnote_code']} no longer says '{words}': "
                f"{_show(row['footnote_text'])}; this reader does not know this release's footnotes"
            )
            raise DataError([Problem(name, message, number)])


# --- the data -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Series:
    """The kept lines of one area and occupation, by datatype."""

    first: int
    lines: dict[str, tuple[int, Line]]


def _hits(
    name: str, f: BinaryIO, needles: list[bytes], progress: ProgressCallback | None
) -> Iterator[tuple[int, str]]:
    """Each line (with its number) whose series has one of ``needles`` (industry and
    occupation) in its place, reading a MiB at a time; the data lines read so far are
    counted in ``progress`` after each MiB."""
    number = 1  # the header
    carry = b""
    done = False
    while not done:
        try:
            chunk = f.read(_CHUNK)
        except OSError as e:
            raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None
        if chunk:
            data = carry + chunk
            end = data.rfind(b"\n") + 1
            if end == 0:
                if len(data) > oews.MAX_LINE:
                    raise DataError(
                        [Problem(name, f"line longer than {oews.MAX_LINE >> 10} KiB", number + 1)]
                    )
                carry = data
                continue
            carry, data = data[end:], data[:end]
        else:
            done = True
            data, carry = (carry + b"\n" if carry.strip() else b""), b""
        found = sorted(at for needle in needles for at in _find(data, needle))
        counted, last = number, 0
        for at in found:
            start = data.rfind(b"\n", 0, at) + 1
            if at - start != _OCCUPATION_AT:
                continue
            counted += data.count(b"\n", last, start)
            last = start
            stop = data.index(b"\n", at)
            try:
                text = data[start:stop].decode("ascii")
            except UnicodeDecodeError:
                raise DataError([Problem(name, "not ASCII text", counted + 1)]) from None
            yield counted + 1, text
        number += data.count(b"\n")
        if progress is not None:
            progress(number - 1)


def _find(data: bytes, needle: bytes) -> Iterator[int]:
    at = data.find(needle)
    while at >= 0:
        yield at
        at = data.find(needle, at + 1)


def _header(name: str, f: BinaryIO) -> None:
    try:
        first = f.readline(oews.MAX_LINE + 1)
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None
    fields = [field.strip().lower() for field in first.decode("latin-1").split("\t")]
    if tuple(fields[:4]) != _HEADER:
        raise DataError(
            [
                Problem(
                    name,
                    "not a BLS time-series data file: its first line is not "
                    "series_id, year, period, value, footnote_codes",
                    1,
                )
            ]
        )


def read(
    path: str | os.PathLike[str],
    occupations: Iterable[str] = DEFAULT_OCCUPATIONS,
    release: str | None = None,
    progress: ProgressCallback | None = None,
) -> Table:
    """Read BLS's flat files: the data file ``path`` (``oe.data.0.Current``) with
    ``oe.area`` and ``oe.occupation`` beside it (``oe.release`` and ``oe.footnote`` are
    read when there), keeping the cross-industry lines of ``occupations``.

    The release is ``release`` if given, else oe.release's name for the data's year and
    period (``2025A01`` is ``May 2025``), else ``May YEAR`` for the annual period
    ``A01`` (OEWS estimates are for May). ``progress`` is called with the data lines
    read, after each MiB and at the end.

    Raises :class:`~fitcareer.errors.DataError` when a file is missing, cannot be read
    or is not in BLS's layout, a kept line names an area or occupation its files do not
    have, and :class:`~fitcareer.data.oews.NoRows` when the file has no cross-industry
    lines for the occupations.
    """
    codes = oews.soc_codes(occupations)
    name = os.fspath(path)
    folder = Path(name).parent
    area_file, areas = _areas(folder, name)
    occupation_file, titles = _titles(folder, name)
    releases = _releases(folder, name)
    _check_footnotes(folder, name)
    digits = {code.replace("-", ""): code for code in codes}
    files = _Files(name, area_file, areas, _states(areas), occupation_file, titles, digits)
    needles = [(CROSS_INDUSTRY + d).encode() for d in digits]
    read_so_far = [0]

    def count(rows: int) -> None:
        read_so_far[0] = rows
        if progress is not None:
            progress(rows)

    with oews.open_regular(name) as f:
        _header(name, f)
        kept, period = _scan(name, _hits(name, f, needles, count), files)
    if not kept or period is None:
        asked = ", ".join(codes)
        raise oews.NoRows([Problem(name, f"no cross-industry lines for {asked} in this file")])
    year, term, _ = period
    release = release or _release(year, term, releases)
    wages = sorted(
        (files.wage(key, series, release, oews.top_coded(release)) for key, series in kept.items()),
        key=lambda wage: wage.row,
    )
    return Table(
        release=release,
        source=Path(name).name,
        area_types=oews.area_types(wages),
        rows=tuple(wages),
        rows_read=read_so_far[0],
        encoding=None,
        sheet=None,
        name=name,
        flat=True,
    )


def _scan(
    name: str, hits: Iterator[tuple[int, str]], files: _Files
) -> tuple[dict[tuple[str, str, str], _Series], tuple[str, str, int] | None]:
    """The kept lines of the data file, by series; the release's year and period, with
    the line that first gave them. One release at a time, each series once."""
    kept: dict[tuple[str, str, str], _Series] = {}
    period: tuple[str, str, int] | None = None
    for number, text in hits:
        try:
            line = parse_line(text)
        except LineError as e:
            raise DataError([Problem(name, str(e), number)]) from None
        if line.industry != CROSS_INDUSTRY or line.occupation not in files.codes:
            continue
        if period is None:
            period = (line.year, line.period, number)
        elif (line.year, line.period) != period[:2]:
            message = (
                f"{line.year} {line.period} where line {period[2]} has "
                f"{period[0]} {period[1]}: one release at a time"
            )
            raise DataError([Problem(name, message, number)])
        key = (line.area_type, line.area, line.occupation)
        series = kept.get(key)
        if series is None:  # its area is checked at once: what is kept stays bounded
            files.check(line, number)
            series = kept[key] = _Series(number, {})
        if line.datatype in series.lines:
            first = series.lines[line.datatype][0]
            message = f"series {text.split()[0]} is listed twice (lines {first} and {number})"
            raise DataError([Problem(name, message, number)])
        series.lines[line.datatype] = (number, line)
    return kept, period


def _release(year: str, period: str, releases: tuple[str, dict[str, str]] | None) -> str | None:
    if releases is not None:
        name, known = releases
        said = known.get(f"{year}{period}")
        if said:
            return said
        if known:
            listed = ", ".join(sorted(known))
            message = (
                f"names release {listed}, but the data is for {year}{period}: "
                "the files come from different releases"
            )
            raise DataError([Problem(name, message)])
    return f"May {year}" if period == "A01" else None


@dataclass(frozen=True, slots=True)
class _Files:
    """What the files beside the data say, to turn kept lines into rows."""

    name: str
    area_file: str
    areas: dict[str, _Area]
    states: dict[str, str]
    occupation_file: str
    titles: dict[str, str]
    codes: dict[str, str]
    """Occupation digits to the SOC code asked for."""

    def check(self, line: Line, number: int) -> None:
        """A kept line's area and occupation are in the files beside the data."""
        area = self.areas.get(line.area)
        beside = Path(self.area_file).name
        if area is None:
            message = (
                f"area {line.area} is not in {beside} beside it (are the files from one release?)"
            )
            raise DataError([Problem(self.name, message, number)])
        if area.area_type and area.area_type != line.area_type:
            message = f"area {line.area} is of type {line.area_type} here but {area.area_type} in {beside}"
            raise DataError([Problem(self.name, message, number)])
        if line.occupation not in self.titles:
            beside = Path(self.occupation_file).name
            message = f"occupation {line.occupation} is not in {beside} beside it"
            raise DataError([Problem(self.name, message, number)])

    def wage(
        self,
        key: tuple[str, str, str],
        series: _Series,
        release: str | None,
        top: tuple[float, float] | None,
    ) -> Wage:
        """The row of a kept series, its area and occupation checked."""
        area_type, code, occupation = key
        area = self.areas[code]
        title = self.titles[occupation]
        kind, shown = _place(area_type, code)
        hourly_top, annual_top = top if top is not None else (None, None)
        employment = _cell(series, EMPLOYMENT, None)
        return Wage(
            occupation=self.codes[occupation],
            occupation_title=title,
            area=shown,
            area_title=area.name,
            area_type=kind,
            state=None if kind == "national" else self.states.get(area.state),
            release=release,
            employment=round(employment.value) if isinstance(employment, Number) else None,
            hourly={key: _cell(series, dt, hourly_top) for dt, key in HOURLY.items()},
            annual={key: _cell(series, dt, annual_top) for dt, key in ANNUAL.items()},
            hourly_only=_one_kind(series, ANNUAL),
            annual_only=_one_kind(series, HOURLY),
            industry=CROSS_INDUSTRY,
            industry_title=None,
            ownership=None,
            row=series.first,
        )


def _place(area_type: str, code: str) -> tuple[AreaType, str]:
    """The kind of area and its code as BLS's tables write it: ``99`` for the nation, the
    2-digit state code, the 5-digit metropolitan area code, the 7-digit nonmetropolitan
    area code."""
    if area_type == "N":
        return "national", "99"
    if area_type == "S":
        state = code[:2] if code.endswith("00000") else code
        return ("territory" if int(code[:2]) >= _FIRST_TERRITORY else "state"), state
    if code.startswith("00"):
        return "metro", code[2:]
    return "nonmetro", code


def _cell(series: _Series, datatype: str, top: float | None) -> Cell:
    """One figure: a number, at least the top-coded limit (footnote 5), or not
    available (not published, or no such line)."""
    found = series.lines.get(datatype)
    if found is None:
        return NotAvailable(Reason.BLANK)
    line = found[1]
    if line.value != NOT_PUBLISHED:
        return Number(float(line.value))  # parse_line let only plain numbers through
    if TOP_CODED in line.footnotes:
        return AtLeast(top)
    return NotAvailable(Reason.EMPLOYMENT if datatype == EMPLOYMENT else Reason.WAGE)


def _one_kind(series: _Series, other: dict[str, str]) -> bool:
    """Whether the figures of the other kind (``other``) are all unpublished under
    footnote 4: only hourly, or only annual, wages are published."""
    lines = [series.lines[dt][1] for dt in other if dt in series.lines]
    return bool(lines) and all(
        line.value == NOT_PUBLISHED and ONE_KIND in line.footnotes for line in lines
    )
