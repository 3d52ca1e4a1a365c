"""Career paths: the moves to and from a career, what each takes, and the pay on either
side. Pure functions over the catalog, the moves and the O*NET extract (no I/O)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from fitcareer.errors import UsageError, printable
from fitcareer.model import AreaWage, Catalog, WageTable
from fitcareer.model_paths import Career, Extract, Move, Occupation, PathsFile
from fitcareer.queries.lookup import normalize
from fitcareer.queries.wages import NATIONAL, Area, local


@dataclass(frozen=True, slots=True)
class Median:
    """A career's median annual wage in one table (the nation, or an area)."""

    value: float | None
    table: WageTable
    wage: AreaWage


@dataclass(frozen=True, slots=True)
class Pay:
    """A career's median pay: national, and in the area asked for."""

    national: Median | None
    local: Median | None


@dataclass(frozen=True, slots=True)
class Step:
    """One move, the career at its other end, and that career's pay."""

    move: Move
    career: Career
    pay: Pay


@dataclass(frozen=True, slots=True)
class Paths:
    """Where a career leads and where people come to it from."""

    career: Career
    pay: Pay
    onward: list[Step]
    earlier: list[Step]
    onet: Occupation | None
    extract: Extract
    area: Area | None


def find_career(data: PathsFile, catalog: Catalog, text: str) -> Career:
    """The career a role id, a role's name or alias, or a career's name names; unknown:
    a usage error with a "did you mean"."""
    wanted = normalize(text)
    names: dict[str, str] = {}
    for career in data.careers:
        names[normalize(career.id)] = career.id
        names[normalize(career.name)] = career.id
        role = catalog.roles.get(career.id)
        if role is not None:
            names[normalize(role.name)] = career.id
            names.update({normalize(a): career.id for a in role.aliases})
    if wanted in names:
        return next(c for c in data.careers if c.id == names[wanted])
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    hint = f"did you mean '{names[close[0]]}'?" if close else "fitcareer paths --help lists them"
    known = ", ".join(c.id for c in data.careers)
    raise UsageError(f"no career path for '{printable(text)}' ({hint}); careers: {known}")


def median(catalog: Catalog, soc: str | None, area: Area | None) -> Median | None:
    """The newest median annual wage for a SOC code, in an area or else the nation."""
    if soc is None:
        return None
    if area is not None:
        rows = local(catalog, area, soc)
        return Median(rows[0].wage.annual.median, rows[0].table, rows[0].wage) if rows else None
    tables = [t for t in catalog.wages if t.area_type == NATIONAL]
    tables.sort(key=lambda t: (t.date, not t.secondary), reverse=True)
    for table in tables:
        for wage in table.areas:
            if wage.occupation == soc:
                return Median(wage.annual.median, table, wage)
    return None


def pay(catalog: Catalog, career: Career, area: Area | None) -> Pay:
    return Pay(median(catalog, career.soc, None), median(catalog, career.soc, area))


def difference(a: Median | None, b: Median | None) -> float | None:
    """How much more (+) or less (-) ``b`` pays than ``a``, in dollars a year; None when
    either is unknown."""
    if a is None or b is None or a.value is None or b.value is None:
        return None
    return b.value - a.value


def paths(
    catalog: Catalog, data: PathsFile, extract: Extract, career: Career, area: Area | None
) -> Paths:
    careers = {c.id: c for c in data.careers}

    def step(move: Move, other: str) -> Step:
        found = careers[other]
        return Step(move, found, pay(catalog, found, area))

    onward = [step(m, m.to) for m in data.moves if m.origin == career.id]
    earlier = [step(m, m.origin) for m in data.moves if m.to == career.id]
    onet = next((o for o in extract.occupations if o.code == career.onet), None)
    return Paths(career, pay(catalog, career, area), onward, earlier, onet, extract, area)


def ids(data: PathsFile) -> list[str]:
    """Every career's id, for completion."""
    return [c.id for c in data.careers]
