"""Sheets for wages by area: `fitcareer wages` (what is imported) and `income --area`
(local percentiles beside the national ones), and the short line `compare --area` shows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fitcareer.errors import UsageError
from fitcareer.model import BLS_PAGE, FITNESS_TRAINERS, AreaWage, Catalog, Pay, WageTable
from fitcareer.queries import wages as queries
from fitcareer.queries.wages import Area, Row
from fitcareer.views.sheet import UNKNOWN, Cell, Flag, Line, Note, Sheet, Value, shown
from fitcareer.views.words import MAX_AGE, Footnotes, money, number, plain

KEYS = (
    ("p10", "10th percentile"),
    ("p25", "25th percentile"),
    ("median", "Median"),
    ("p75", "75th percentile"),
    ("p90", "90th percentile"),
    ("mean", "Mean"),
)
"""The figures shown, in order, with their labels."""

SELF_EMPLOYED = (
    "BLS's OEWS estimates do not include self-employed workers, and many personal trainers "
    "are self-employed."
)
"""Said with every view of OEWS pay."""

NO_NATIONAL = (
    "The data holds no national figures of the same release to set beside these, so the "
    "United States column is left out."
)

NOT_AVAILABLE = "not available"
RARE = "not available (fewer than 0.5% of establishments report it)"

HOW = (
    f"Download a BLS OEWS table or zip (state, metropolitan area, national or all data) from "
    f"{BLS_PAGE}, then: fitcareer wages import oesm25st.zip"
)
"""How to get area wages, said wherever there are none."""


@dataclass(frozen=True, slots=True)
class Where:
    """Where the user's wages.yaml is, and why there."""

    path: Path | None
    chosen: str
    """`data directory` or `user data directory`."""


def figure(pay: Pay, key: str, hourly: bool) -> Cell:
    """One figure as a reader says it: `$48,000`, `at least $239,200` (a low end without
    a high one), `not available`."""
    value: float | None = getattr(pay, key)
    mark = pay.marks.get(key)  # type: ignore[call-overload]
    if mark == "#":
        if value is None:
            return Cell("at least the top-coded limit", flags=("unknown",))
        return Cell(f"at least {_money(value, hourly)}", low=value)
    if value is None:
        return Cell(RARE if mark == "~" else NOT_AVAILABLE, flags=("unknown",))
    return Cell.figure(_money(value, hourly), value)


def _money(value: float, hourly: bool) -> str:
    return f"${value:,.2f}" if hourly else money(round(value))


def source(table: WageTable, notes: Footnotes, wage: AreaWage | None = None) -> Cell:
    """Where a table's figures come from: the BLS table, its release, the file or source."""
    parts = [table.table, table.release]
    if table.file:
        row = f", row {wage.row}" if wage is not None and wage.row else ""
        parts.append(f"file {table.file}{row}")
    refs = (notes.cite(table.source),) if table.source else ()
    flags: tuple[Flag, ...] = ("secondary",) if table.secondary else ()
    return Cell(", ".join(parts), refs=refs, flags=flags, compact=False)


def _value(pay: Pay, key: str) -> float | None:
    """A figure that is a plain number (not a top-coded lower bound)."""
    value: float | None = getattr(pay, key)
    return None if pay.marks.get(key) == "#" else value  # type: ignore[call-overload]


def differ(local: Row, national: Row | None) -> str:
    """How local pay differs from national: `median $X a year, Y% above the national
    median for the same release (May 2024)`."""
    for unit, hourly in (("a year", False), ("an hour", True)):
        pay = local.wage.hourly if hourly else local.wage.annual
        mine = _value(pay, "median")
        if mine is None:
            continue
        head = f"median {_money(mine, hourly)} {unit}"
        if national is None:
            return f"{head}; no national median for the same release ({local.table.release})"
        theirs = _value(national.wage.hourly if hourly else national.wage.annual, "median")
        percent = queries.difference(mine, theirs)
        if percent is None:
            continue
        side = "above" if percent > 0 else "below"
        size = f"{abs(percent):.0f}% {side}" if round(abs(percent)) else "about the same as"
        return f"{head}, {size} the national median for the same release ({local.table.release})"
    return f"{UNKNOWN}: no median to compare ({local.table.release})"


def _block(local: Row, national: Row | None, notes: Footnotes) -> list[list[Value]]:
    rows: list[list[Value]] = [
        ["Release", local.table.release, national.table.release if national else UNKNOWN]
    ]
    for hourly, unit in ((False, "a year"), (True, "an hour")):
        mine = local.wage.hourly if hourly else local.wage.annual
        theirs = (national.wage.hourly if hourly else national.wage.annual) if national else None
        if not _has(mine) and (theirs is None or not _has(theirs)):
            continue
        if not _known(mine) and (theirs is None or not _known(theirs)):
            rows.append([f"Wages {unit}", NOT_AVAILABLE, NOT_AVAILABLE if theirs else UNKNOWN])
            continue
        for key, label in KEYS:
            there = figure(theirs, key, hourly) if theirs is not None else Cell.silent()
            rows.append([f"{label}, {unit}", figure(mine, key, hourly), there])
    rows.append(
        ["Employment", _count(local.wage), _count(national.wage) if national else Cell.silent()]
    )
    rows.append(
        [
            "Source",
            source(local.table, notes, local.wage),
            source(national.table, notes, national.wage) if national else Cell.silent(),
        ]
    )
    rows.append(["How they differ", differ(local, national), ""])
    return rows


def _has(pay: Pay) -> bool:
    return bool(pay.marks) or any(getattr(pay, key) is not None for key, _ in KEYS)


def _known(pay: Pay) -> bool:
    """Some figure is more than BLS's "not available" mark."""
    return any(getattr(pay, key) is not None for key, _ in KEYS) or any(
        mark not in ("*", "**") for mark in pay.marks.values()
    )


def _count(wage: AreaWage) -> Cell:
    if wage.employment is None:
        return Cell(NOT_AVAILABLE, flags=("unknown",))
    return Cell.figure(number(wage.employment), wage.employment)


def _row_payload(row: Row | None) -> dict[str, Any] | None:
    if row is None:
        return None
    table = {k: v for k, v in plain(row.table).items() if k != "areas"}
    return {**table, **plain(row.wage)}


def _more(area: Area, others: list[str], missing: list[str], hidden: int) -> list[Line]:
    """The lines below an area's table: its older tables, the occupations asked for that
    it lacks, and how many more it has."""
    more: list[Line] = (
        [f"Also for {area.name}: {'; '.join(others)} (all in --format json)."] if others else []
    )
    if missing:
        more.append(f"No wages in {area.name} for SOC {', '.join(missing)}.")
    if hidden > 0:
        more.append(
            Note(
                f"{hidden} other occupations here",
                hint=f"fitcareer income --area {area.code} --detail",
            )
        )
    return more


def area_pay(
    catalog: Catalog,
    area: Area,
    max_age: int = MAX_AGE,
    detail: bool = False,
    wanted: list[str] | None = None,
) -> Sheet:
    """The area's newest percentiles beside the national ones of the same release: for
    the ``wanted`` occupations (SOC codes) or else the fitness occupation, and with
    ``detail`` for every occupation the area has."""
    notes = Footnotes(catalog, max_age)
    rows: list[list[Value]] = []
    payload: list[dict[str, Any]] = []
    every = queries.occupations(catalog, area)
    asked = list(dict.fromkeys(wanted or []))
    missing = [c for c in asked if c not in every]
    if asked and len(missing) == len(asked):
        raise UsageError(f"no wages for {', '.join(missing)} in {area.name}")
    codes = every if detail else [c for c in asked if c in every] or every[:1]
    others: list[str] = []
    caveats = {SELF_EMPLOYED: None}
    for code in codes:
        found = queries.local(catalog, area, code)
        newest = found[0]
        national = queries.national(catalog, code, newest.table.release)
        if len(codes) > 1:
            rows.append([f"{newest.wage.occupation_title} ({code})", "", ""])
        rows += _block(newest, national, notes)
        caveats.update(
            (t.note, None) for t in (newest.table, national and national.table) if t and t.note
        )
        others += [f"{r.table.release} ({r.table.table})" for r in found[1:]]
        payload.append(
            {
                "occupation": code,
                "occupation_title": newest.wage.occupation_title,
                "local": [_row_payload(r) for r in found],
                "national": _row_payload(national),
                "difference": differ(newest, national),
            }
        )
    first = queries.local(catalog, area, codes[0])[0].wage
    title = f"Pay in {area.name}"
    if len(codes) == 1:
        title += f": {first.occupation_title} ({codes[0]})"
    more = _more(area, others, missing, len(every) - len(codes))
    header = ["", area.name, "United States"]
    if all(shown(r[2]) in (UNKNOWN, "") for r in rows):
        rows = [r[:2] for r in rows]
        header = header[:2]
        more.insert(0, NO_NATIONAL)
    return Sheet(
        title=title,
        header=header,
        rows=rows,
        payload={
            "area": {"name": area.name, "code": area.code, "type": area.kind},
            "occupations": payload,
            "sources": notes.payload(),
        },
        notes=[*caveats, *more, *notes.lines()],
        across=True,
    )


def short_line(
    catalog: Catalog, area: Area, notes: Footnotes, occupation: str = FITNESS_TRAINERS
) -> str | None:
    """`short_cell` as text."""
    cell = short_cell(catalog, area, notes, occupation)
    if cell is None:
        return None
    return " ".join([cell.text, *(notes.ref(s) for s in cell.refs)])


def short_cell(
    catalog: Catalog, area: Area, notes: Footnotes, occupation: str = FITNESS_TRAINERS
) -> Cell | None:
    """Local pay in one short line for `compare --area`, citing where it comes from:
    `Minnesota, May 2024 median $48,000, 4% above national (state_M2024_dl.xlsx)`."""
    found = queries.local(catalog, area, occupation)
    if not found:
        return None
    newest = found[0]
    table = newest.table
    national = queries.national(catalog, newest.wage.occupation, table.release)
    said = differ(newest, national).removeprefix("median ")
    said = said.replace(" a year", "")
    said = said.replace(" the national median for the same release", " national")
    said = said.replace(f"; no national median for the same release ({table.release})", "")
    said = said.removesuffix(f" ({table.release})")
    text = f"{area.name}, {table.release} median {said}, self-employed excluded"
    if table.file:
        return Cell(f"{text} ({table.file})", compact=False)
    return Cell(text, refs=(notes.cite(table.source or ""),), compact=False)


def _areas(table: WageTable) -> str:
    names = list(dict.fromkeys(w.name for w in table.areas))
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return shown


def _occupations(table: WageTable) -> str:
    """The fitness occupation first (or the first the table has), then how many more."""
    named = dict.fromkeys(f"{w.occupation} {w.occupation_title}" for w in table.areas)
    found = sorted(named, key=lambda text: not text.startswith(FITNESS_TRAINERS))
    return found[0] + (f"\nand {len(found) - 1} more" if len(found) > 1 else "") if found else ""


def _table_payload(table: WageTable) -> dict[str, Any]:
    """A table as `wages` lists it: what it is and which areas and occupations it has (the
    figures are `income --area`'s)."""
    head = {name: plain(getattr(table, name)) for name in type(table).__slots__ if name != "areas"}
    head["areas"] = list(dict.fromkeys(w.name for w in table.areas))
    head["occupations"] = list(dict.fromkeys(w.occupation for w in table.areas))
    return head


def listing(catalog: Catalog, where: Where, max_age: int = MAX_AGE) -> Sheet:
    """Every wage table: imported ones (newest first), then the shipped ones."""
    notes = Footnotes(catalog, max_age)
    tables = queries.imported(catalog)
    shipped = [t for t in catalog.wages if t.file is None]
    rows: list[list[Value]] = [
        [t.release, t.area_type, _areas(t), _occupations(t), source(t, notes)]
        for t in [*tables, *shipped]
    ]
    path = str(where.path) if where.path else UNKNOWN
    said = (
        f"Imported wages: {path} (the {where.chosen})."
        if tables
        else Cell.join(
            [
                f"No wages imported ({path}, the {where.chosen}).",
                Cell.typed(f" For a newer release: {HOW}"),
            ],
            "",
        )
    )
    return Sheet(
        title="Wages by area",
        header=["Release", "Area type", "Areas", "Occupations", "Source"],
        columns={"Source": "fact"},
        rows=rows,
        payload={
            "file": str(where.path) if where.path else None,
            "directory": where.chosen,
            "imported": bool(tables),
            "tables": [_table_payload(t) for t in [*tables, *shipped]],
            "sources": notes.payload(),
        },
        notes=[
            said,
            SELF_EMPLOYED,
            Note("Local pay beside national", hint="fitcareer income --area NAME"),
            *notes.lines(),
        ],
    )
