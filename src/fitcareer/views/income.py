"""Sheets for `fitcareer income`: the roles' figures side by side, and a self-employed
year's estimate."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from fitcareer.model import Catalog, Certification, Figure, Occupation, Role, Statement
from fitcareer.queries import certs as cert_q
from fitcareer.queries import income as earnings
from fitcareer.queries import roles as queries
from fitcareer.queries.certs import Renewal, Span
from fitcareer.views.sheet import CONFLICT, UNKNOWN, Cell, Note, Sheet, Value
from fitcareer.views.words import (
    MAX_AGE,
    STALE,
    Footnotes,
    figure_cell,
    money,
    number,
    plain,
    price_text,
    stated,
    when,
    year_of,
)


def _figure_payload(f: Figure, notes: Footnotes) -> dict[str, Any]:
    return {**plain(f), "stale": notes.stale(f.date)}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


HEADLINE = "Headline:\nthe newest median\nfrom a primary source\nfor the whole occupation"
"""The label of the headline row, which states the rule that picks its figures."""


@dataclass
class _Group:
    """One occupation's figures and the roles shown that it covers."""

    occupation: Occupation
    figures: list[Figure]
    roles: list[Role]

    @property
    def scope(self) -> str | None:
        """The scope most of the figures share: the whole occupation, not one state."""
        scopes = [f.scope for f in self.figures]
        return max(dict.fromkeys(scopes), key=scopes.count) if scopes else None

    def headline(self) -> list[Figure]:
        """The newest primary medians for the main scope (a yearly and an hourly one)."""
        medians = [
            f
            for f in self.figures
            if not f.secondary
            and "median" in f.measure
            and f.scope == self.scope
            and year_of(f.date) is not None
        ]
        newest = max((f.date for f in medians), default=None)
        return [f for f in medians if f.date == newest]


def _groups(catalog: Catalog, roles: list[Role]) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    for role in roles:
        entries = queries.aspect(catalog, role, "income")
        occupation = next((e.occupation for e in entries if e.occupation), None)
        if occupation is None:
            continue
        shared = [e.item for e in entries if e.occupation and isinstance(e.item, Figure)]
        group = groups.setdefault(occupation.id, _Group(occupation, shared, []))
        group.roles.append(role)
    return groups


def _own(catalog: Catalog, role: Role) -> list[Figure]:
    entries = queries.aspect(catalog, role, "income")
    return [e.item for e in entries if not e.occupation and isinstance(e.item, Figure)]


def _said(catalog: Catalog, role: Role) -> list[Statement]:
    entries = queries.aspect(catalog, role, "income")
    return [e.item for e in entries if isinstance(e.item, Statement)]


def _names(roles: list[Role]) -> str:
    names = [_lower_first(r.name) for r in roles]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _headline(group: _Group, notes: Footnotes) -> Cell:
    """The headline figures, for whom they are, and the occupation's note on what it covers."""
    head = Cell(f"For {group.scope or _lower_first(group.occupation.name)}:")
    best = [figure_cell(f, notes, group.scope) for f in group.headline()]
    if not best:
        best = [Cell(f"{UNKNOWN}: no primary source gives a median", flags=("unknown",), item=True)]
    return Cell.of([head, *best, Cell(group.occupation.note)])


def _role_rows(
    catalog: Catalog, roles: list[Role], covered: set[str], notes: Footnotes
) -> list[list[Value]]:
    """Each role's own figures; the roles without any, one row for those a headline covers."""
    rows: list[list[Value]] = [
        [r.name, Cell.of([figure_cell(f, notes) for f in own])]
        for r in roles
        if (own := _own(catalog, r))
    ]
    none = [r for r in roles if not _own(catalog, r)]
    inside = [r for r in none if r.id in covered]
    outside = [r for r in none if r.id not in covered]
    if inside:
        whom = "this role" if len(inside) == 1 else "these roles"
        rows.append(
            [
                ",\n".join(r.name for r in inside),
                f"{UNKNOWN} for {whom} alone (the headline covers {'it' if len(inside) == 1 else 'them'})",
            ]
        )
    if outside:
        rows.append(
            [
                ",\n".join(r.name for r in outside),
                f"{UNKNOWN} (no figure for "
                + ("it or its occupation)" if len(outside) == 1 else "them or their occupations)"),
            ]
        )
    return rows


def _others(group: _Group, notes: Footnotes, detail: bool) -> Value:
    """The occupation's other figures: every one in detail, else how many and of what kind."""
    rest = [f for f in group.figures if f not in group.headline()]
    if detail:
        return Cell.of([figure_cell(f, notes, group.scope) for f in rest], "none")
    years = sorted({y for f in rest if (y := year_of(f.date)) is not None})
    span = f"{years[0]} to {years[-1]}" if len(years) > 1 else "".join(map(str, years))
    parts = [f"{len(rest)} more figure{'' if len(rest) == 1 else 's'}, {span}".rstrip(", ")]
    secondary = sum(f.secondary for f in rest)
    if secondary:
        parts.append(f"{secondary} reported by a secondary source")
    narrower = sum(f.scope != group.scope for f in rest)
    if narrower:
        parts.append(f"{narrower} for a narrower scope")
    said = f"{parts[0]} ({', '.join(parts[1:])})" if parts[1:] else parts[0]
    return Cell.typed(f"{said}: fitcareer income --detail")


def _sayings(
    catalog: Catalog, roles: list[Role], notes: Footnotes, detail: bool
) -> list[list[Value]]:
    """What the sources say, each statement once under the roles it is said of; without
    ``detail``, only how many there are."""
    whom: dict[tuple[str, str], tuple[Statement, list[str]]] = {}
    for role in roles:
        for s in _said(catalog, role):
            whom.setdefault((s.text, s.source), (s, []))[1].append(role.name)
    if not whom:
        return []
    if not detail:
        n = len(whom)
        return [
            [
                "Sources say",
                Cell.typed(
                    f"{n} statement{'' if n == 1 else 's'} on pay: fitcareer income --detail"
                ),
            ]
        ]
    by: dict[str, list[Cell]] = {}
    for s, names in whom.values():
        by.setdefault(", ".join(names), []).append(stated(s, notes))
    lines = [line for names, said in by.items() for line in [Cell(f"{names}:"), *said]]
    return [["Sources say", Cell.of(lines)]]


def _role_payload(
    catalog: Catalog, role: Role, group: _Group | None, notes: Footnotes
) -> dict[str, Any]:
    occupation = None
    if group:
        best = group.headline()
        occupation = {
            "id": group.occupation.id,
            "name": group.occupation.name,
            "note": group.occupation.note,
            "figures": [
                {**_figure_payload(f, notes), "headline": f in best} for f in group.figures
            ],
        }
    return {
        "id": role.id,
        "name": role.name,
        "occupation": occupation,
        "figures": [_figure_payload(f, notes) for f in _own(catalog, role)],
        "notes": [plain(s) for s in _said(catalog, role)],
    }


def _payload(catalog: Catalog, roles: list[Role], max_age: int) -> dict[str, Any]:
    """Every figure and statement, citing every source they rest on (not only those shown)."""
    notes = Footnotes(catalog, max_age)
    of = {r.id: g for g in _groups(catalog, roles).values() for r in g.roles}
    shown = [_role_payload(catalog, r, of.get(r.id), notes) for r in roles]
    for role in shown:
        wide = role["occupation"]["figures"] if role["occupation"] else []
        for fact in [*wide, *role["figures"], *role["notes"]]:
            notes.ref(fact["source"])
    return {"roles": shown, "max_age": notes.max_age, "sources": notes.payload()}


def income(
    catalog: Catalog,
    roles: list[Role],
    max_age: int = MAX_AGE,
    detail: bool = False,
    more: int = 0,
) -> Sheet:
    """A headline figure per occupation, each role's own figures, then what else is known.

    ``detail`` lists every figure and statement; otherwise the occupation's other
    figures are counted and each statement is said once."""
    notes = Footnotes(catalog, max_age)
    groups = _groups(catalog, roles)
    of = {r.id: g for g in groups.values() for r in g.roles}
    rows: list[list[Value]] = [[HEADLINE, _headline(g, notes)] for g in groups.values()]
    rows += _role_rows(catalog, roles, set(of), notes)
    rows += [
        [
            "Other figures" + (f", {g.occupation.name}" if len(groups) > 1 else ""),
            _others(g, notes, detail),
        ]
        for g in groups.values()
    ]
    rows += _sayings(catalog, roles, notes, detail)
    return Sheet(
        title="Income: " + ", ".join(r.name for r in roles),
        header=["", "Income"],
        rows=rows,
        payload=lambda: _payload(catalog, roles, max_age),
        notes=[
            Note(
                "Estimate a self-employed year",
                hint="fitcareer income --rate USD --sessions-per-week N",
            ),
            *(
                [
                    Note(
                        f"{more} more roles",
                        hint="fitcareer income ROLE ... (fitcareer roles lists them)",
                    )
                ]
                if more
                else []
            ),
            *notes.lines(),
        ],
        across=True,
    )


@dataclass(frozen=True, slots=True)
class Plan:
    """What a user says about their self-employed year."""

    rate: float
    """US dollars per session."""
    sessions_per_week: int
    weeks: int
    session_hours: float
    costs: float | None
    """Yearly costs the user gives; None to take them from the data."""
    cert: Certification | None
    """The certification whose renewal fee counts as a cost."""


ASSUMPTIONS = (
    "only hours in sessions count: planning, travel, admin and finding clients are unpaid, so the real hourly rate is lower",
    "income is before income tax and self-employment tax",
    "not included unless counted in the yearly costs: liability insurance (its cost is not in the data), continuing-education courses, equipment, travel, gym rent or fees",
)


def _usd(amount: float) -> str:
    return f"-{money(-amount)}" if amount < 0 else money(amount)


def _span(values: Span) -> str:
    low, high = values
    return _usd(low) if low == high else f"{_usd(low)} to {_usd(high)}"


def _costs(plan: Plan, renewal: Renewal | None, notes: Footnotes) -> Cell:
    if plan.costs is not None:
        return Cell.join([f"{money(plan.costs)} a year", Cell.typed("(--costs)")], " ")
    if plan.cert is None or renewal is None:
        hint = "give --costs USD (insurance, renewal, equipment, ...) or --cert ID to count its renewal fee"
        return replace(Cell.silent(), hint=hint)
    insurance = Cell.join(
        [
            "Liability insurance: unknown (not in the data",
            Cell.typed("; include it with --costs"),
            ")",
        ],
        "",
    )
    insurance = replace(insurance, item=True)
    if renewal.per_year is None:
        fee = Cell(f"{plan.cert.abbr} renewal: {UNKNOWN} ({renewal.missing})", item=True)
        return Cell.of([Cell.silent(), fee, insurance])
    cycles = " / ".join(number(y) for y in dict.fromkeys(renewal.cycles))
    fees = [
        Cell(
            price_text(p)
            + (f", {when(p.date)}" if p.date != "undated" else "")
            + (f" ({STALE})" if notes.stale(p.date) else ""),
            refs=(notes.cite(p.source),),
            compact=False,
        )
        for p in renewal.fees
    ]
    differ = f" ({CONFLICT})" if cert_q.price_conflicts(renewal.fees) else ""
    line = Cell.join(
        [f"{plan.cert.abbr} renewal fee every {cycles} years{differ}: ", Cell.join(fees, "; ")], ""
    )
    return Cell.of(
        [
            Cell(f"{_span(renewal.per_year)} a year, known costs only"),
            replace(line, item=True),
            insurance,
        ]
    )


def _published(catalog: Catalog, roles: list[Role]) -> list[Figure]:
    """The roles' published hourly figures, each once."""
    seen: list[Figure] = []
    for role in roles:
        for entry in queries.aspect(catalog, role, "income"):
            item = entry.item
            if isinstance(item, Figure) and item.unit == "hour" and item not in seen:
                seen.append(item)
    return seen


def _estimate_rows(
    plan: Plan, est: earnings.Estimate, renewal: Renewal | None, notes: Footnotes
) -> list[list[Value]]:
    hourly = []
    if est.hourly_net is not None:
        hourly.append(f"{_span(est.hourly_net)} an hour after costs")
    if est.hourly_gross is not None:
        hourly.append(f"{_usd(est.hourly_gross)} an hour before costs")
    sessions = (
        f"{plan.sessions_per_week} a week x {plan.weeks} weeks = {number(est.sessions)} a year"
    )
    hours = f"{number(est.sessions)} x {number(plan.session_hours)} h = {number(est.hours)} hours a year"
    net = f"{_span(est.net)} a year" if est.net else f"{UNKNOWN} (costs unknown)"
    if renewal:
        net += "\nless insurance and other costs not in the data"
    return [
        ["Rate", f"{money(plan.rate)} a session"],
        ["Sessions", sessions],
        ["Hours in sessions", hours],
        ["Gross income", f"{_usd(est.gross)} a year"],
        ["Yearly costs", _costs(plan, renewal, notes)],
        ["Net income, before tax", net],
        ["Hourly equivalent", "\n".join(hourly) or UNKNOWN],
    ]


def _assumptions(plan: Plan, renewal: Renewal | None) -> list[str]:
    weeks = f"{plan.weeks} weeks a year"
    if plan.weeks == earnings.WEEKS:
        weeks += " (52 less four unpaid weeks: holidays, illness, quiet weeks)"
    said = [
        weeks,
        f"sessions of {number(plan.session_hours)} hour{'' if plan.session_hours == 1 else 's'}",
        *ASSUMPTIONS,
    ]
    if renewal is not None:
        said.append(
            "a renewal fee is spread evenly over its cycle; lifetime renewal options are left out"
        )
    return said


def _estimate_payload(
    plan: Plan, est: earnings.Estimate, assumptions: list[str], seen: list[Figure], notes: Footnotes
) -> dict[str, Any]:
    source = None
    if plan.costs is not None:
        source = "--costs"
    elif plan.cert:
        source = f"{plan.cert.id} renewal fee"
    return {
        "rate": plan.rate,
        "sessions_per_week": plan.sessions_per_week,
        "weeks": plan.weeks,
        "session_hours": plan.session_hours,
        "sessions": est.sessions,
        "hours": est.hours,
        "gross": est.gross,
        "costs": list(est.costs) if est.costs else None,
        "costs_from": source,
        "net": list(est.net) if est.net else None,
        "hourly_gross": est.hourly_gross,
        "hourly_net": list(est.hourly_net) if est.hourly_net else None,
        "assumptions": assumptions,
        "published_hourly": [_figure_payload(f, notes) for f in seen],
        "sources": notes.payload(),
    }


def estimate(catalog: Catalog, plan: Plan, roles: list[Role], max_age: int = MAX_AGE) -> Sheet:
    """A self-employed year from a rate per session, with its assumptions and sources."""
    notes = Footnotes(catalog, max_age)
    renewal = cert_q.renewal(plan.cert) if plan.cert and plan.costs is None else None
    costs: Span | None = renewal.per_year if renewal else None
    if plan.costs is not None:
        costs = (plan.costs, plan.costs)
    est = earnings.estimate(
        plan.rate, plan.sessions_per_week, plan.weeks, plan.session_hours, costs
    )
    rows = _estimate_rows(plan, est, renewal, notes)
    seen = _published(catalog, roles)
    if seen:
        rows.append(["Published hourly figures", Cell.of([figure_cell(f, notes) for f in seen])])
    assumptions = _assumptions(plan, renewal)
    return Sheet(
        title="Self-employed income estimate",
        header=["", "Estimate"],
        rows=rows,
        payload=_estimate_payload(plan, est, assumptions, seen, notes),
        notes=[f"Assumes: {'; '.join(assumptions)}.", *notes.lines()],
        across=True,
    )
