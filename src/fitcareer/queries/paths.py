"""Career paths: the moves to and from a career, what each takes, and the pay on either
side. Pure functions over the catalog, the moves and the O*NET extract (no I/O)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from fitcareer.errors import UsageError, printable
from fitcareer.model import AreaWage, Catalog, JobZone, Statement, WageTable
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
class Takes:
    """What a move takes on one count: what the move's sources say, else what the
    destination's profile says (``profile`` true)."""

    said: tuple[Statement, ...]
    profile: bool


@dataclass(frozen=True, slots=True)
class Step:
    """One move, the career at its other end, what the move takes, and that career's pay."""

    move: Move
    career: Career
    goal: Career
    """The career moved to (``career`` for a move onward)."""
    pay: Pay
    takes: dict[str, Takes]
    zone: tuple[JobZone, ...]


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
    """The career a role id, a role's name or alias, or a career's name names: one of
    paths.yaml, else a role of the catalog (with no moves recorded); unknown: a usage
    error with a "did you mean"."""
    wanted = normalize(text)
    careers = {c.id: c for c in data.careers}
    for role in catalog.roles.values():
        if role.id not in careers:
            occupation = catalog.occupations.get(role.occupation or "")
            careers[role.id] = Career(
                id=role.id, name=role.name, soc=occupation.soc if occupation else None
            )
    names: dict[str, str] = {}
    for career in careers.values():
        names[normalize(career.id)] = career.id
        names[normalize(career.name)] = career.id
        found = catalog.roles.get(career.id)
        if found is not None:
            names[normalize(found.name)] = career.id
            names.update({normalize(a): career.id for a in found.aliases})
    if wanted in names:
        return careers[names[wanted]]
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    hint = f"did you mean '{names[close[0]]}'?" if close else "fitcareer roles lists the roles"
    raise UsageError(f"unknown role '{printable(text)}' ({hint})")


def onet_of(extract: Extract, career: Career) -> Occupation | None:
    """The extract's occupation for a career: by its O*NET-SOC code, else the one
    occupation whose code starts with its SOC code."""
    if career.onet is not None:
        return next((o for o in extract.occupations if o.code == career.onet), None)
    if career.soc is None:
        return None
    found = [o for o in extract.occupations if o.code.startswith(career.soc + ".")]
    return found[0] if len(found) == 1 else None


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


def soc(catalog: Catalog, career: Career) -> str | None:
    """The SOC code of a career: its own, else its role's occupation's."""
    role = catalog.roles.get(career.id)
    occupation = catalog.occupations.get(role.occupation or "") if role else None
    return career.soc or (occupation.soc if occupation else None)


def pay(catalog: Catalog, career: Career, area: Area | None) -> Pay:
    code = soc(catalog, career)
    return Pay(median(catalog, code, None), median(catalog, code, area))


PROFILE = {
    "education": (("role", "education"), ("occupation", "education")),
    "credential": (
        ("role", "licensing"),
        ("occupation", "licensing"),
        ("occupation", "credential"),
    ),
    "time": (("role", "qualify"),),
}
"""Where a destination's profile says what a move to it takes, when the move does not."""


def takes(catalog: Catalog, move: Move, career: Career) -> dict[str, Takes]:
    role = catalog.roles.get(career.id)
    occupation = catalog.occupations.get(role.occupation or "") if role else None
    holders = {"role": role, "occupation": occupation}
    out = {}
    for kind, places in PROFILE.items():
        own: tuple[Statement, ...] = getattr(move, kind)
        if own:
            out[kind] = Takes(own, False)
            continue
        found = [
            s
            for holder, name in places
            if holders[holder] is not None
            for s in getattr(holders[holder], name)
        ]
        out[kind] = Takes(tuple(found), True)
    return out


def zone(catalog: Catalog, career: Career) -> tuple[JobZone, ...]:
    """O*NET's Job Zone of a career's occupation, as the catalog holds it."""
    role = catalog.roles.get(career.id)
    occupation = catalog.occupations.get(role.occupation or "") if role else None
    return occupation.job_zone if occupation else ()


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
        goal = careers[move.to]
        return Step(
            move,
            found,
            goal,
            pay(catalog, found, area),
            takes(catalog, move, goal),
            zone(catalog, goal),
        )

    onward = [step(m, m.to) for m in data.moves if m.origin == career.id]
    earlier = [step(m, m.origin) for m in data.moves if m.to == career.id]
    onet = onet_of(extract, career)
    return Paths(career, pay(catalog, career, area), onward, earlier, onet, extract, area)


def ids(data: PathsFile) -> list[str]:
    """Every career's id, for completion."""
    return [c.id for c in data.careers]
