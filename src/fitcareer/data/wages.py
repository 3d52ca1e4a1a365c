"""OEWS wage tables: shipped with fitcareer (`wages.json`) or imported by the user.

The shipped file holds BLS's May 2025 tables for every area, written by
scripts/build_wages.py; an import writes the user's own ``wages.yaml`` (in the data
directory, or else the user data directory by platform convention) with the same schema. A
run reads the user's tables, and the shipped ones when it looks at areas. The user's file is
optional: without one there are no imported wages.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import json
import operator
import os
import sys
import time
import types
import typing
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from fitcareer.data.files import read, shipped_dir, user_dir
from fitcareer.errors import DataError, Problem, UsageError
from fitcareer.model import (
    BLS_FLAT_FILES,
    BLS_PAGE,
    AreaKind,
    AreaWage,
    Pay,
    WageKey,
    WagesFile,
    WageTable,
)

if TYPE_CHECKING:
    from fitcareer.data import oews

WAGES = "wages.yaml"
SHIPPED = "wages.json"
"""BLS's OEWS tables as shipped: JSON, which the standard library reads fifty times faster
than YAML (3,700 rows), written by scripts/build_wages.py."""
"""Where BLS publishes the OEWS tables."""

TABLES = {
    "national": "BLS OEWS national estimates",
    "state": "BLS OEWS state estimates",
    "territory": "BLS OEWS territory estimates",
    "metro": "BLS OEWS metropolitan area estimates",
    "nonmetro": "BLS OEWS nonmetropolitan area estimates",
    "unknown": "BLS OEWS estimates",
}
"""What each kind of table is called, by the kind of area its rows are for."""

NAMED = (("national", "national"), ("state", "state"), ("msa", "metro"), ("bos", "nonmetro"))
"""The kind of area a BLS file's name gives (`state_M2024_dl.xlsx`), for a table
without an AREA_TYPE column; BOS is BLS's balance-of-state (nonmetropolitan) file."""

MONTHS = {"january": 1, "may": 5, "november": 11}


def location(data_dir: Path | None) -> Path:
    """The user's wages.yaml: in the data directory when one is given, else the user's."""
    return (data_dir if data_dir is not None else user_dir("data")) / WAGES


def raws(data_dir: Path | None, shipped: bool = True) -> dict[Path, bytes]:
    """The bytes of each wages file that exists: the user's first, then, when asked for,
    the shipped one (every area: only the commands that look at areas read it).

    The shipped wages cite the shipped sources, so a data directory with its own
    `sources.yaml` reads its own `wages.json` (a copy of the shipped data, say), if any.
    """
    return {path: read(path) for path in paths(data_dir, shipped)}


def paths(data_dir: Path | None, shipped: bool = True) -> list[Path]:
    """The wages files `raws` reads."""
    own = data_dir if data_dir is not None and os.path.lexists(data_dir / "sources.yaml") else None
    ours = (own or shipped_dir()) / SHIPPED if shipped else None
    return [p for p in (location(data_dir), ours) if p is not None and os.path.lexists(p)]


def parsed(path: Path, raw: bytes, flat: dict[int, Any] | None = None) -> WagesFile:
    """One wages file, validated; every problem in it raised at once. A table's rows are
    mappings (`areas`, as an import writes them) or, in the shipped file, lists of
    `COLUMNS` (`rows`), which read many times faster (kept in ``flat`` by table, as
    `packed` keeps them)."""
    from pydantic import ValidationError

    from fitcareer.data import parse, validate

    data = parse.parse(raw, str(path))
    if data is None:
        return WagesFile()
    if not isinstance(data, dict):
        raise DataError([Problem(str(path), "expected a mapping with a 'tables' list", 1, 1)])
    rows: dict[int, Any] = {}
    if type(data.get("tables")) is list:
        data = {**data, "tables": [_head(t, i, rows) for i, t in enumerate(data["tables"])]}
    problems: list[Problem] = []
    try:
        wages: WagesFile = validate.validator(WagesFile).validate_python(data)
    except ValidationError as e:
        problems += [validate.problem(str(path), raw, WagesFile, err) for err in e.errors()]
    for i, (header, found) in rows.items():
        if header != list(COLUMNS):
            message = f"expected the columns {json.dumps(COLUMNS)}"
            problems.append(validate.locate(str(path), raw, ("tables", i, "columns"), message))
        columns = _rows(str(path), raw, i, found, problems)
        if not problems:
            wages.tables[i].areas = _areas(columns) if columns else ()
            if flat is not None:
                flat[i] = columns
    bad = [
        validate.locate(str(path), raw, ("tables", i, "date"), f"no such date '{table.date}'")
        for i, table in enumerate(() if problems else wages.tables)
        if not real_date(table.date)
    ]
    if problems or bad:
        raise DataError(problems or bad)
    return wages


PAY = typing.get_args(WageKey)
COLUMNS = (
    *("area", "name", "occupation", "occupation_title", "state", "employment"),
    *(f"{pay}.{key}" for pay in ("hourly", "annual") for key in PAY),
    "marks",
)
"""What each value of a row of the shipped file is: an `AreaWage` field, a figure of its
hourly or annual `Pay`, and the marks of both (`{"hourly": {"mean": "*"}}`), or null."""


def _head(table: Any, i: int, rows: dict[int, Any]) -> Any:
    """A table of rows as the model reads it, without them (kept in ``rows``)."""
    if type(table) is not dict or "rows" not in table or "areas" in table:
        return table
    rows[i] = table.get("columns"), table["rows"]
    return {k: v for k, v in table.items() if k not in ("columns", "rows")} | {"areas": ()}


@functools.cache
def _columns() -> Any:
    """The validator of a table's rows, turned into columns: each column's type is the
    model's (`AreaWage`, `Pay`), so the two forms of a wages file take the same values."""
    from fitcareer.data import validate

    row = typing.get_type_hints(AreaWage, include_extras=True)
    pay = typing.get_type_hints(Pay, include_extras=True)
    kinds = [row[name] for name in COLUMNS[:6]] + [pay[key] for key in PAY] * 2
    marks = types.GenericAlias(dict, (Literal["hourly", "annual"], pay["marks"])) | None
    columns = tuple(types.GenericAlias(tuple, (kind, ...)) for kind in [*kinds, marks])
    return validate.validator(types.GenericAlias(tuple, columns))


def _rows(
    path: str, raw: bytes, i: int, rows: Any, problems: list[Problem]
) -> tuple[tuple[Any, ...], ...]:
    """A table's rows as columns of `_FLAT` values (none when any has a problem, added to
    ``problems``)."""
    from pydantic import ValidationError

    from fitcareer.data import validate

    where = ("tables", i, "rows")
    if type(rows) is not list:
        problems.append(validate.locate(path, raw, where, "expected a list"))
        return ()
    size = len(COLUMNS)
    message = f"expected a list of {size} values, one for each column"
    odd = [j for j, row in enumerate(rows) if type(row) is not list or len(row) != size]
    problems += [validate.locate(path, raw, (*where, j), message) for j in odd]
    if odd:
        return ()
    try:
        columns = _columns().validate_python(list(zip(*rows, strict=True)) if rows else [()] * size)
    except ValidationError as e:
        for err in e.errors(include_url=False):
            k, j, *rest = err["loc"]
            column = COLUMNS[int(k)]
            name = column.split(".")
            field = (rest[0], "marks", *rest[1:]) if name == ["marks"] and rest else (*name, *rest)
            said = validate.problem(path, b"", AreaWage, {**err, "loc": field})
            found = validate.locate(path, raw, (*where, j, k, *rest), said.message)
            at = f"{validate.dotted((*where, j))}.{column}"
            problems.append(dataclasses.replace(found, path=at))
        return ()
    *text, employment = columns[:6]
    shared: dict[Any, Any] = {}  # equal text one object, kept and pickled once
    text = [tuple(map(shared.setdefault, column, column)) for column in text]
    hourly = tuple([m.get("hourly", {}) if m else {} for m in columns[18]])
    annual = tuple([m.get("annual", {}) if m else {} for m in columns[18]])
    row = (None,) * len(rows)
    return (*text, employment, row, *columns[6:12], hourly, *columns[12:18], annual)


_FLAT = operator.attrgetter(
    *("area", "name", "occupation", "occupation_title", "state", "employment", "row"),
    *(f"{pay}.{key}" for pay in ("hourly", "annual") for key in (*PAY, "marks")),
)


def _areas(columns: tuple[tuple[Any, ...], ...]) -> tuple[AreaWage, ...]:
    """Records from columns of `_FLAT` values."""
    area, name, occupation, title, state, employment, row = columns[:7]
    hourly, annual = map(Pay, *columns[7:14]), map(Pay, *columns[14:21])
    found = map(AreaWage, area, name, occupation, title, hourly, annual, state, employment, row)
    return tuple(found)


Packed = tuple[tuple[WageTable, tuple[tuple[Any, ...], ...]], ...]


def packed(tables: tuple[WageTable, ...], flat: dict[int, Any]) -> Packed:
    """Tables as the cache keeps them: each one's head, and its rows as columns of plain
    values (from ``flat`` by table, as `parsed` read them), which pickle and load many
    times faster than records."""
    return tuple(
        (
            dataclasses.replace(t, areas=()),
            flat.get(i) or tuple(zip(*map(_FLAT, t.areas), strict=True)),
        )
        for i, t in enumerate(tables)
    )


def unpacked(found: Packed) -> tuple[WageTable, ...]:
    for head, columns in found:
        head.areas = _areas(columns) if columns else ()
    return tuple(head for head, _ in found)


def real_date(text: str) -> bool:
    """Whether a date of the right shape (`2024`, `2024-05`, `2024-05-31`) is one the
    calendar has: `2024-13`, `2024-00` and `2024-02-30` are not."""
    if text == "undated":
        return True
    try:
        parts = [int(part) for part in text.split("-")]
        datetime.date(*parts, *[1] * (3 - len(parts)))
    except (TypeError, ValueError, OverflowError):
        return False
    return True


def build(
    found: Mapping[Path, bytes], sources: Mapping[str, Any], flat: dict[int, Any] | None = None
) -> tuple[WageTable, ...]:
    """Every table of every wages file, each cited source checked against sources.yaml."""
    from fitcareer.data import validate

    tables: list[WageTable] = []
    problems: list[Problem] = []
    for path, raw in found.items():
        try:
            wages = parsed(path, raw, flat)
        except DataError as e:
            problems.extend(e.problems)
            continue
        for i, table in enumerate(wages.tables):
            if table.source is not None and table.source not in sources:
                message = f"unknown source '{table.source}'"
                problems.append(validate.locate(str(path), raw, ("tables", i, "source"), message))
        tables.extend(wages.tables)
    if problems:
        raise DataError(problems)
    return tuple(tables)


def kept(
    stored: Packed | None, found: Mapping[Path, bytes], sources: Mapping[str, Any]
) -> tuple[tuple[WageTable, ...], Packed | None]:
    """The shipped tables of every area, from their own cache entry (``stored``) or
    `build`, with what to keep for them (`packed`, which loads many times faster than
    records; None when they came from the cache). Apart from the catalog's entry, they
    cost nothing to the commands that do not read them."""
    if stored is not None:
        return unpacked(stored), None
    flat: dict[int, Any] = {}
    tables = build(found, sources, flat if len(found) == 1 else None)
    return tables, packed(tables, flat)


def release_date(release: str) -> str:
    """`May 2024` -> `2024-05`; a bare year stays a year."""
    words = release.split()
    if len(words) == 2 and words[0].lower() in MONTHS and words[1].isdigit():
        return f"{words[1]}-{MONTHS[words[0].lower()]:02d}"
    if len(words) == 1 and len(words[0]) == 4 and words[0].isdigit():
        return words[0]
    raise UsageError(f"not a release like 'May 2024': {release!r}")


def _pay(cells: Mapping[str, oews.Cell]) -> Pay:
    from fitcareer.data import oews  # only an import needs the reader

    values: dict[str, Any] = {}
    marks: dict[str, Any] = {}
    for key, value in cells.items():
        if isinstance(value, oews.Number):
            values[key] = value.value
        elif isinstance(value, oews.AtLeast):
            values[key] = value.value
            marks[key] = "#"
        elif value.reason.value in ("*", "**", "~"):
            marks[key] = value.reason.value
    return Pay(**values, marks=cast(Any, marks))


def _area(wage: oews.Wage) -> AreaWage:
    return AreaWage(
        area=wage.area,
        name=wage.area_title,
        occupation=wage.occupation,
        occupation_title=wage.occupation_title or wage.occupation,
        hourly=_pay(wage.hourly),
        annual=_pay(wage.annual),
        state=wage.state,
        employment=wage.employment,
        row=wage.row,
    )


def tables_of(table: oews.Table, release: str | None = None) -> list[WageTable]:
    """One WageTable per kind of area in an OEWS table read by `oews.read` (or from the
    flat files, whose tables say so in their address and note)."""
    release = release or table.release
    if release is None:
        raise UsageError(
            f"{table.source}: the file name does not say the release; "
            "give it with --release 'May 2024'"
        )
    date = release_date(release)
    named: AreaKind = next(
        (cast(AreaKind, k) for p, k in NAMED if table.source.lower().startswith(p)), "unknown"
    )
    url, note = BLS_PAGE, None
    if table.flat:
        url, note = BLS_FLAT_FILES, FLAT_NOTE.format(file=table.source)
    return [
        WageTable(
            table=TABLES[named if kind == "unknown" else kind],
            release=release,
            date=date,
            area_type=named if kind == "unknown" else kind,
            areas=tuple(_area(w) for w in table.rows if w.area_type == kind),
            file=table.source,
            url=url,
            note=note,
        )
        for kind in table.area_types
    ]


FLAT_NOTE = (
    "Read from BLS's time-series flat files: {file} with oe.area and oe.occupation; "
    "row is the line of the area's first figure."
)
"""The note on a table imported from the flat files."""


_FIELDS = {
    "area": "AREA",
    "name": "AREA_TITLE",
    "occupation": "OCC_CODE",
    "occupation_title": "OCC_TITLE",
    "state": "PRIM_STATE",
    "employment": "TOT_EMP",
    "row": "row",
}
"""The column of an OEWS table each field of a row's record comes from."""
_PAY = {"mean": "MEAN", "p10": "PCT10", "p25": "PCT25", "median": "MEDIAN", "p75": "PCT75"}


def _column(loc: tuple[Any, ...]) -> str:
    if len(loc) >= 2 and loc[0] in ("hourly", "annual"):
        return f"{loc[0][0].upper()}_{_PAY.get(str(loc[1]), 'PCT90')}"
    return _FIELDS.get(str(loc[0]), str(loc[0])) if loc else ""


def check(tables: list[WageTable], name: str) -> None:
    """Every row an import keeps holds what wages.yaml may: problems are raised at the
    row and column of the table read, ``name``, in fitcareer's words (a wage over the
    model's $1,000,000, a count over a billion), never at a line of a wages.yaml that
    is not yet written."""
    from pydantic import ValidationError

    from fitcareer.data import validate

    check_row = validate.validator(AreaWage)
    problems: list[Problem] = []
    for table in tables:
        for area in table.areas:
            try:
                check_row.validate_python(plain(area))
            except ValidationError as e:
                for err in e.errors(include_url=False):
                    said = validate.problem(name, b"", AreaWage, err)
                    problems.append(
                        Problem(name, said.message, area.row, None, _column(err["loc"]))
                    )
    if problems:
        raise DataError(problems)


LOCK = ".wages.yaml.lock"
"""The file an import locks, beside wages.yaml, while it reads, merges and replaces it."""


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the import lock of a wages directory: an import reads wages.yaml, merges its
    tables in and replaces the file inside it, so imports running at once each keep what
    the others wrote. The lock is a file beside wages.yaml (kept: removing it would race
    with another import's open), locked with ``flock`` on POSIX and ``msvcrt.locking``
    on Windows; it is released when the process ends, however it ends. A directory where
    the lock cannot be made is written without it (one import at a time is then the
    user's to keep)."""
    try:
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        yield
        return
    try:
        _lock(fd)
        yield
    finally:
        os.close(fd)  # releases the lock


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        while True:  # LK_NBLCK and a short sleep, so that Ctrl-C is seen while waiting
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                time.sleep(0.05)
    else:
        try:
            import fcntl
        except ImportError:  # a platform without it: imports are not serialised
            return
        fcntl.flock(fd, fcntl.LOCK_EX)  # interrupted by Ctrl-C, as any wait is


def merged(old: tuple[WageTable, ...], new: list[WageTable]) -> tuple[WageTable, ...]:
    """``new`` in place of the imports of the same release and kind of area; newest first."""
    replaced = {(t.release, t.area_type) for t in new}
    kept = [t for t in old if t.file is None or (t.release, t.area_type) not in replaced]
    order = list(TABLES)
    return tuple(
        sorted(
            [*new, *kept],
            key=lambda t: (-int(t.date[:4]), -int(t.date[5:7] or 0), order.index(t.area_type)),
        )
    )


def plain(value: Any) -> Any:
    """A record as JSON- or YAML-ready data, leaving out empty and default fields."""
    if hasattr(type(value), "__pydantic_config__"):
        out = {}
        for name in type(value).__slots__:
            item = getattr(value, name)
            if item is None or item == {} or item == () or item is False:
                continue
            out[name] = plain(item)
        return out
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


HEADER = (
    "# Wage tables imported with `fitcareer wages import` from the BLS OEWS tables\n"
    f"# ({BLS_PAGE}) or flat files\n"
    f"# ({BLS_FLAT_FILES}). Written by fitcareer; an import of\n"
    "# the same release and kind of area replaces its tables.\n"
)


def dump(tables: tuple[WageTable, ...]) -> bytes:
    import yaml

    text = yaml.safe_dump(plain(WagesFile(tables)), sort_keys=False, allow_unicode=True, width=100)
    return (HEADER + text).encode()
