"""Wages by area: finding an area by what a user types, and local pay against national.

Pure functions over the catalog's wage tables (no I/O).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from fitcareer.errors import UsageError, printable
from fitcareer.model import FITNESS_TRAINERS, AreaWage, Catalog, WageTable

NATIONAL = "national"


@dataclass(frozen=True, slots=True)
class Area:
    """An area the wage tables hold, by kind and BLS code."""

    kind: str
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Row:
    """One occupation's wages in one area, with the table (release, source) it comes from."""

    table: WageTable
    wage: AreaWage


def areas(catalog: Catalog) -> list[Area]:
    """Every area but the nation, each once, in the order of the tables."""
    found: dict[tuple[str, str], Area] = {}
    for table in catalog.wages:
        if table.area_type == NATIONAL:
            continue
        for wage in table.areas:
            found.setdefault(
                (table.area_type, wage.area), Area(table.area_type, wage.area, wage.name)
            )
    return list(found.values())


def _names(area: Area, states: dict[str, str]) -> list[str]:
    """What a user may type for an area: its name, and a state's postal code."""
    names = [area.name.casefold()]
    if area.kind in ("state", "territory") and area.code in states:
        names.append(states[area.code].casefold())
    return names


def find_area(catalog: Catalog, text: str, how: str) -> Area:
    """The area named by a state code (MN), BLS's area code (27), a state name or an
    area's name, any case; a unique start of a name will do. Unknown: a usage error with
    a "did you mean", or ``how`` to import wages when there are none."""
    known = areas(catalog)
    states = {
        w.area: w.state
        for t in catalog.wages
        if t.area_type in ("state", "territory")
        for w in t.areas
        if w.state
    }
    wanted = " ".join(text.split()).casefold()
    exact = [a for a in known if wanted in _names(a, states) or wanted == a.code]
    if exact:
        return exact[0]
    starts = {a.name: a for a in known if a.name.casefold().startswith(wanted)} if wanted else {}
    if len(starts) == 1:
        return next(iter(starts.values()))
    if not known:
        raise UsageError(f"no wages for '{printable(text)}': there are none by area. {how}")
    choices = {n: a.name for a in known for n in [a.name, *_names(a, states)]}
    close = difflib.get_close_matches(wanted, list(choices), n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(text, [a.name for a in known], n=1, cutoff=0.5)
    hint = (
        f"did you mean '{choices.get(close[0], close[0])}'?"
        if close
        else "fitcareer wages lists them"
    )
    if len(starts) > 1:
        hint = "it starts " + ", ".join(f"'{n}'" for n in list(starts)[:3]) + "; give more of it"
    raise UsageError(f"no wages for an area called '{printable(text)}' ({hint})")


def local(catalog: Catalog, area: Area, occupation: str = FITNESS_TRAINERS) -> list[Row]:
    """An area's wages for an occupation, newest release first (as the tables are kept)."""
    return [
        Row(t, w)
        for t in _newest_first(catalog.wages)
        if t.area_type == area.kind
        for w in t.areas
        if w.area == area.code and w.occupation == occupation
    ]


def national(catalog: Catalog, occupation: str, release: str) -> Row | None:
    """The national wages for the same release: a primary table first, else a secondary."""
    rows = [
        Row(t, w)
        for t in catalog.wages
        if t.area_type == NATIONAL and t.release == release
        for w in t.areas
        if w.occupation == occupation
    ]
    rows.sort(key=lambda r: r.table.secondary)
    return rows[0] if rows else None


def occupations(catalog: Catalog, area: Area) -> list[str]:
    """The occupations an area has wages for, 39-9031 first."""
    codes = {
        w.occupation
        for t in catalog.wages
        if t.area_type == area.kind
        for w in t.areas
        if w.area == area.code
    }
    return sorted(codes, key=lambda c: (c != FITNESS_TRAINERS, c))


def difference(local_value: float | None, national_value: float | None) -> float | None:
    """How far a local figure is above (+) or below (-) the national one, in percent."""
    if local_value is None or not national_value:
        return None
    return (local_value - national_value) / national_value * 100


def _newest_first(tables: tuple[WageTable, ...]) -> list[WageTable]:
    return sorted(tables, key=lambda t: (t.date[:4], t.date[5:7] or "00"), reverse=True)


def imported(catalog: Catalog) -> list[WageTable]:
    """Tables the user imported (they name the file read), newest first."""
    return [t for t in _newest_first(catalog.wages) if t.file is not None]
